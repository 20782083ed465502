/** One field of a CSV record: the text as written (quotes and all) and its value. */
export interface CsvField {
  raw: string;
  value: string;
}

export type CsvRecord = { fields: CsvField[] } | { error: string };

/**
 * Splits one CSV record (RFC 4180: fields in double quotes may hold the delimiter, "" for a
 * quote, and line breaks). Each field keeps its raw text, so a rewritten record changes only
 * the field that is replaced.
 */
export function splitCsvRecord(text: string, delimiter = ','): CsvRecord {
  const fields: CsvField[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    const start = i;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return { error: `a quoted field that starts at character ${start + 1} is not closed` };
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < n && text[i] !== delimiter) return { error: `unexpected text after the closing quote at character ${i + 1}` };
      fields.push({ raw: text.slice(start, i), value });
    } else {
      let end = text.indexOf(delimiter, i);
      if (end < 0) end = n;
      const raw = text.slice(i, end);
      if (raw.includes('"')) return { error: `a quote inside an unquoted field at character ${i + raw.indexOf('"') + 1} (quote the whole field and double the quote)` };
      fields.push({ raw, value: raw });
      i = end;
    }
    if (i >= n) break;
    i++; // the delimiter
    if (i === n) {
      fields.push({ raw: '', value: '' });
      break;
    }
  }
  return { fields };
}

/** True while `text` (lines joined so far) has an open quoted field: the record goes on. */
export function csvQuoteOpen(text: string): boolean {
  let open = false;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) open = !open;
  return open;
}

/** A value written as a CSV field: quoted when it holds the delimiter, a quote, a line break or edge spaces. */
export function csvField(value: string, delimiter = ','): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r') || value !== value.trim()) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}
