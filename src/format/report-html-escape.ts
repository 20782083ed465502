import { hideUriPasswords } from '../core/syntax/chars.js';

/**
 * Escaping for the HTML report. SIP text is hostile: a header can carry "<script>", quotes,
 * NUL and other control bytes. Everything taken from the input goes through `html` (element
 * text and double-quoted attribute values alike); control characters other than tab are shown
 * as \xNN so nothing invisible reaches the page, and URI passwords are hidden.
 */

const UNSAFE_CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]/g;
const SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Control characters (except tab and line feed) as visible \xNN / \uNNNN. */
export function showControls(s: string): string {
  return s.replace(UNSAFE_CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Text safe in element content and in double- or single-quoted attribute values. */
export function html(s: string): string {
  return showControls(hideUriPasswords(s)).replace(SPECIAL, (c) => ENTITY[c]!);
}

/** A value safe as an id or class token: [a-z0-9-] only. */
export function token(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 80);
}

/** Inline markdown: `code`, **bold**; everything else escaped. */
function inline(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length >= 2 ? `<code>${html(part.slice(1, -1))}</code>` : html(part).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')))
    .join('');
}

/**
 * The subset of Markdown the rule pages use (headings, paragraphs, fenced code, quotes), as
 * escaped HTML. Links stay text: the report must not point anywhere.
 */
export function markdown(text: string): string {
  const out: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      out.push(`<pre>${html(code.join('\n'))}</pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      // the page's own title repeats the rule id: start at h4 inside the report
      out.push(`<h${Math.min(6, heading[1]!.length + 3)}>${inline(heading[2]!)}</h${Math.min(6, heading[1]!.length + 3)}>`);
    } else if (line.startsWith('>')) {
      flush();
      out.push(`<blockquote>${inline(line.replace(/^>\s?/, ''))}</blockquote>`);
    } else if (line.trim() === '') flush();
    else para.push(line.trim());
  }
  flush();
  return out.join('\n');
}
