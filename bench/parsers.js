// One adapter per parser: take the bytes as they come off the wire (a Buffer) and return the
// same facts from each, so the comparison is like for like: method or status, Request-URI, top
// Via branch, From tag, To tag, CSeq number and method, Call-ID and the first Contact URI.
import { createRequire } from 'node:module';
import { parseMessage } from '../dist/index.js';

const require = createRequire(import.meta.url);
const sip = require('sip');
const drachtio = require('drachtio-sip');

const orNull = (v) => (v === undefined || v === '' ? null : v);

function siptool(validate) {
  const options = { validate };
  return (buf) => {
    const m = parseMessage(buf, options).message;
    const contacts = m.contacts;
    return {
      start: m.kind === 'request' ? m.method : m.status,
      uri: m.kind === 'request' ? m.uri : null,
      branch: orNull(m.branch),
      fromTag: orNull(m.fromTag),
      toTag: orNull(m.toTag),
      cseq: m.cseq ? `${m.cseq.seq} ${m.cseq.method}` : null,
      callId: orNull(m.callId),
      contact: contacts !== '*' && contacts.length > 0 ? contacts[0].uriText : null,
    };
  };
}

export const PARSERS = [
  { name: 'siptool', version: 'this tree', note: 'lazy: values parsed on access', facts: siptool(false) },
  { name: 'siptool --validate', version: 'this tree', note: 'every header and the SDP checked', facts: siptool(true) },
  {
    name: 'sip',
    version: require('sip/package.json').version,
    note: 'sip.parse(buffer)',
    facts(buf) {
      const m = sip.parse(buf);
      const h = m.headers;
      return {
        start: m.method ?? m.status,
        uri: orNull(m.uri ?? null),
        branch: orNull(h.via?.[0]?.params?.branch),
        fromTag: orNull(h.from?.params?.tag),
        toTag: orNull(h.to?.params?.tag),
        cseq: h.cseq ? `${h.cseq.seq} ${h.cseq.method}` : null,
        callId: orNull(h['call-id']),
        contact: orNull(h.contact?.[0]?.uri) ?? null,
      };
    },
  },
  {
    name: 'drachtio-sip',
    version: require('drachtio-sip/package.json').version,
    note: 'new SipMessage(string) + getParsedHeader',
    facts(buf) {
      const m = new drachtio.SipMessage(buf.toString('utf8'));
      const via = m.getParsedHeader('via');
      const from = m.getParsedHeader('from');
      const to = m.getParsedHeader('to');
      const cseq = m.getParsedHeader('cseq');
      const contact = m.has('contact') ? m.getParsedHeader('contact') : undefined;
      return {
        start: m.method ?? m.status,
        uri: orNull(m.uri ?? null),
        branch: orNull(via?.[0]?.params?.branch),
        fromTag: orNull(from?.params?.tag),
        toTag: orNull(to?.params?.tag),
        cseq: cseq ? `${cseq.seq} ${cseq.method}` : null,
        callId: orNull(m.get('call-id')),
        contact: orNull(contact?.[0]?.uri) ?? null,
      };
    },
  },
];
