/** An HTTP/1.1 request or response head (the WebSocket opening handshake, RFC 6455 §4). */
export interface HttpHead {
  /** The status code of a response; 0 for a request. */
  status: number;
  /** Header names lowercased; repeated headers joined with ", ". */
  headers: Map<string, string>;
  /** Bytes up to and including the empty line. */
  length: number;
}

/** Reads the head at the start of d, or undefined while the empty line has not arrived. */
export function readHttpHead(d: Buffer): HttpHead | undefined {
  let end = d.indexOf('\r\n\r\n');
  let length = end + 4;
  if (end < 0) {
    end = d.indexOf('\n\n');
    length = end + 2;
  }
  if (end < 0) return undefined;
  const lines = d.toString('latin1', 0, end).split(/\r?\n/);
  const first = lines[0] ?? '';
  const m = /^HTTP\/\d\.\d\s+(\d{3})/.exec(first);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { status: m ? Number(m[1]) : 0, headers, length };
}
