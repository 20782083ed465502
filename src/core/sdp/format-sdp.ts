import { formatBandwidth, formatConnection, formatMediaLine, formatOrigin } from './sdp-fields.js';
import type { Sdp, SdpAttribute } from './types.js';

function attribute(a: SdpAttribute): string {
  return a.value === null ? `a=${a.name}` : `a=${a.name}:${a.value}`;
}

/**
 * Writes a session description in RFC 4566 §5 order with CRLF after every line. Absent (null)
 * fields are left out; `line` numbers are ignored. Inverse of `parseSdp` for valid input.
 */
export function formatSdp(sdp: Sdp): string {
  const out: string[] = [];
  if (sdp.version !== null) out.push(`v=${sdp.version}`);
  if (sdp.origin) out.push(`o=${formatOrigin(sdp.origin)}`);
  if (sdp.sessionName !== null) out.push(`s=${sdp.sessionName}`);
  if (sdp.information !== null) out.push(`i=${sdp.information}`);
  if (sdp.uri !== null) out.push(`u=${sdp.uri}`);
  for (const e of sdp.emails) out.push(`e=${e}`);
  for (const p of sdp.phones) out.push(`p=${p}`);
  if (sdp.connection) out.push(`c=${formatConnection(sdp.connection)}`);
  for (const b of sdp.bandwidths) out.push(`b=${formatBandwidth(b)}`);
  for (const t of sdp.timings) {
    out.push(`t=${t.start} ${t.stop}`);
    for (const r of t.repeats) out.push(`r=${r}`);
  }
  if (sdp.timezones !== null) out.push(`z=${sdp.timezones}`);
  if (sdp.key !== null) out.push(`k=${sdp.key}`);
  for (const a of sdp.attributes) out.push(attribute(a));
  for (const m of sdp.media) {
    out.push(`m=${formatMediaLine(m)}`);
    if (m.information !== null) out.push(`i=${m.information}`);
    for (const c of m.connections) out.push(`c=${formatConnection(c)}`);
    for (const b of m.bandwidths) out.push(`b=${formatBandwidth(b)}`);
    if (m.key !== null) out.push(`k=${m.key}`);
    for (const a of m.attributes) out.push(attribute(a));
  }
  return out.length === 0 ? '' : out.join('\r\n') + '\r\n';
}
