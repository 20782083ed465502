import type { Problem } from '../core/problems.js';
import { splitMessages } from '../core/split-messages.js';
import type { Endpoint, FlowMessage, Transport } from './flow-message.js';

/** A log line that introduces the next message: when and between whom it travelled. */
interface LogPrefix {
  offset: number;
  time?: number;
  src?: Endpoint;
  dst?: Endpoint;
  transport?: Transport;
}

const ENDPOINT = String.raw`(\[[0-9a-fA-F:.]+\]|[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]+):(\d{1,5})`;
/** sngrep text export and ngrep: "[U|T ]2024/01/15 10:23:45.123456 10.0.0.1:5060 -> 10.0.0.2:5060" */
const ARROW = new RegExp(String.raw`^(?:([UT])\s+)?(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)Z?\s+${ENDPOINT}\s+->\s+${ENDPOINT}\s*(?:#.*)?$`);
/** Asterisk res_pjsip_logger: "<--- Received SIP request (912 bytes) from UDP:10.0.0.1:5060 --->" */
const ASTERISK = new RegExp(String.raw`^(?:\[[^\]]*\]\s*)?(?:VERBOSE\S*\s+)?.*<--- (Received|Transmitting) SIP (?:request|response) \(\d+ bytes\) (?:from|to) (UDP|TCP|TLS|WS|WSS):${ENDPOINT} --->\s*$`, 'i');

function endpoint(host: string, port: string): Endpoint {
  return { address: host.startsWith('[') ? host.slice(1, -1) : host, port: Number(port) };
}

function scanPrefixes(text: string): LogPrefix[] {
  const out: LogPrefix[] = [];
  const re = /[^\n]*\n?/g;
  for (let m = re.exec(text); m && m[0] !== ''; m = re.exec(text)) {
    const line = m[0].replace(/\r?\n$/, '');
    if (line.length > 300 || !(line.includes('->') || line.includes('<---'))) continue;
    const a = ARROW.exec(line);
    if (a) {
      const [, proto, y, mo, d, h, mi, sec, sh, sp, dh, dp] = a as unknown as string[];
      const whole = Math.floor(Number(sec));
      const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), whole) / 1000 + (Number(sec) - whole);
      const p: LogPrefix = { offset: m.index, time, src: endpoint(sh!, sp!), dst: endpoint(dh!, dp!) };
      if (proto) p.transport = proto === 'U' ? 'udp' : 'tcp';
      out.push(p);
      continue;
    }
    const b = ASTERISK.exec(line);
    if (b) {
      const [, dir, proto, host, port] = b as unknown as string[];
      const peer = endpoint(host!, port!);
      const p: LogPrefix = { offset: m.index, transport: proto!.toLowerCase() as Transport };
      if (/^received$/i.test(dir!)) p.src = peer;
      else p.dst = peer;
      out.push(p);
    }
  }
  return out;
}

/** The log's prefix lines, and the input with them blanked (a copy when there are any). */
function blankPrefixes(data: Buffer): { input: Buffer; prefixes: LogPrefix[] } {
  // the whole text as a string only here: not kept while the messages are read
  const text = data.toString('latin1');
  const prefixes = scanPrefixes(text);
  if (prefixes.length === 0) return { input: data, prefixes };
  const input = Buffer.from(data);
  for (const p of prefixes) {
    const nl = text.indexOf('\n', p.offset);
    input.fill(0x20, p.offset, nl < 0 ? input.length : nl);
  }
  return { input, prefixes };
}

/**
 * The messages of a text input: one or many SIP messages as people paste them, or a log
 * whose lines before each message say when and between whom it travelled (sngrep and ngrep
 * text exports, Asterisk's pjsip logger). Those lines are blanked (so positions stay those of
 * the file) and their facts attached to the message that follows. Problems of text that is not
 * SIP go with the next message; `unread` holds those after the last message (or of a file with
 * no message at all).
 */
export function readTextMessages(data: Buffer, file: string, firstIndex = 0): { messages: FlowMessage[]; unread: Problem[] } {
  const messages: FlowMessage[] = [];
  const unread = forEachTextMessage(data, file, firstIndex, (fm) => messages.push(fm));
  return { messages, unread };
}

/**
 * readTextMessages one message at a time, handed to `each` as soon as it is read (an explain
 * run checks and lets go of a log's calls as it goes, instead of holding every parsed message
 * of the file). Returns the problems of the text after the last message (`unread`). `lazy`:
 * messages are parsed without the core's full validation and marked `validateAs`, for an
 * ExplainRun, which validates each when its call is checked (waiting messages stay small).
 */
export function forEachTextMessage(data: Buffer, file: string, firstIndex: number, each: (fm: FlowMessage) => void, options: { lazy?: boolean } = {}): Problem[] {
  const { input, prefixes } = blankPrefixes(data);
  let count = 0;
  let k = -1;
  let orphans: Problem[] = [];
  for (const e of splitMessages(input, { validate: !options.lazy })) {
    if (!e.message) {
      // text that is not SIP: its problems go with the next message (or make the input unreadable)
      orphans = orphans.concat(e.problems);
      continue;
    }
    // the last prefix line before this message, if no earlier message took it
    let p: LogPrefix | undefined;
    while (k + 1 < prefixes.length && prefixes[k + 1]!.offset < e.start) {
      k++;
      p = prefixes[k];
    }
    const src = e.message.source!;
    // text saved from a log has LF line ends where the wire had CRLF: a note, not a warning
    const problems = orphans.concat(e.problems).map((p) => (p.code === 'SIP_LINE_ENDING_LF' ? { ...p, severity: 'info' as const, message: `${p.message} (normal for text saved from a log; SIP on the wire uses CRLF)` } : p));
    const fm: FlowMessage = { index: firstIndex + count++, message: e.message, problems, origin: { file, line: src.position.line, offset: src.start } };
    if (options.lazy) fm.validateAs = 'datagram';
    orphans = [];
    if (p) {
      if (p.time !== undefined) fm.time = p.time;
      if (p.src) fm.src = p.src;
      if (p.dst) fm.dst = p.dst;
      if (p.transport) fm.transport = p.transport;
    }
    each(fm);
  }
  return orphans;
}
