import type { AuthValue } from '../core/headers/auth.js';
import type { CSeq } from '../core/headers/cseq.js';
import type { MediaType } from '../core/headers/media-type.js';
import type { NameAddr } from '../core/headers/name-addr.js';
import type { Via } from '../core/headers/via.js';
import type { HeaderField } from '../core/header-field.js';
import { isKnownParsedHeader } from '../core/header-parsers.js';
import { percentDecode } from '../core/uri/escape.js';
import { formatUri } from '../core/uri/format-uri.js';
import type { Uri } from '../core/uri/types.js';

/** One line that says what a parsed header value holds, in words ("UDP 192.0.2.1:5060 · branch ..."). */
export function describeHeader(field: HeaderField): string | null {
  if (!isKnownParsedHeader(field.name)) return null;
  const v = field.parsed();
  if (v === null || v === undefined) return null;
  switch (field.name) {
    case 'Via':
      return (v as Via[]).map(describeVia).join(' | ');
    case 'From': case 'To': case 'Refer-To': case 'Referred-By': case 'Reply-To': case 'P-Called-Party-ID':
      return describeAddress(v as NameAddr);
    case 'Contact':
      return v === '*' ? 'all contacts (wildcard)' : (v as NameAddr[]).map(describeAddress).join(' | ');
    case 'Route': case 'Record-Route': case 'Path': case 'Service-Route': case 'P-Asserted-Identity': case 'P-Preferred-Identity':
    case 'P-Associated-URI': case 'Diversion': case 'History-Info': case 'Remote-Party-ID':
      return (v as NameAddr[]).map(describeAddress).join(' | ');
    case 'CSeq': {
      const c = v as CSeq;
      return `sequence ${c.seq} · method ${c.method}`;
    }
    case 'Content-Type': {
      const m = v as MediaType;
      return `${m.type}/${m.subtype}${m.params.size ? ' · ' + m.params.items.map((p) => `${p.name}=${p.value ?? ''}`).join(' · ') : ''}`;
    }
    case 'Authorization': case 'Proxy-Authorization': case 'WWW-Authenticate': case 'Proxy-Authenticate': case 'Authentication-Info': {
      const a = v as AuthValue;
      const shown = a.params.filter((p) => !['response', 'cnonce', 'nonce', 'opaque'].includes(p.name.toLowerCase()));
      return [a.scheme || 'auth-info', ...shown.map((p) => `${p.name} ${p.value}`)].join(' · ');
    }
    default:
      return null;
  }
}

function describeVia(v: Via): string {
  const parts = [`${v.transport} ${v.host}${v.port !== null ? ':' + v.port : ''}`];
  const branch = v.params.get('branch');
  if (branch) parts.push(`branch ${branch}`);
  if (v.params.has('received')) parts.push(`received ${v.params.get('received') ?? ''}`);
  if (v.params.has('rport')) parts.push(v.params.get('rport') ? `rport ${v.params.get('rport')}` : 'rport');
  return parts.join(' · ');
}

export function describeUri(uri: Uri | null): string {
  if (uri === null) return '(unreadable URI)';
  if (uri.type === 'sip') {
    const parts = [`${uri.scheme} URI`];
    if (uri.user !== null) parts.push(`user ${percentDecode(uri.user)}`);
    parts.push(`host ${uri.host}${uri.port !== null ? ' port ' + uri.port : ''}`);
    for (const p of uri.params.items) parts.push(p.value === null ? p.name : `${p.name}=${p.value}`);
    return parts.join(' · ');
  }
  if (uri.type === 'tel') return `tel ${uri.global ? 'global' : 'local'} number ${uri.digits}${uri.phoneContext ? ' · phone-context ' + uri.phoneContext : ''}`;
  return `${uri.scheme}: URI ${formatUri(uri)}`;
}

function describeAddress(na: NameAddr): string {
  const parts: string[] = [];
  if (na.displayName) parts.push(`"${na.displayName}"`);
  parts.push(describeUri(na.uri));
  for (const p of na.params.items) parts.push(p.value === null ? p.name : `${p.name} ${p.value}`);
  return parts.join(' · ');
}
