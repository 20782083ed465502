import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCapture, openTransport, ProbeSession, runCall, type SipTransport, type TransportProtocol } from '../../src/index.js';
import { A, A6, B, B6, sdp, sip } from '../helpers/capture.js';
import { DOMAIN, interopAvailable, NUMBERS, startCarrier, type Carrier } from '../helpers/kamailio.js';
import { freePort } from '../helpers/processes.js';
import { runCli } from '../helpers/run-cli.js';
import { LoopbackCapture, toolPath, tsharkCallIds, until } from '../helpers/tshark.js';

/**
 * `siptool explain` reads the same SIP messages from a capture as tshark decodes (`tshark -r F
 * -Y sip`): captures written by the project's pcap writer, and captures dumpcap made of real
 * traffic between siptool, Kamailio and SIPp on loopback, over UDP and TCP, with TCP messages
 * split over segments and several messages in one segment.
 */
const TSHARK = toolPath('tshark') && toolPath('dumpcap');
const available = interopAvailable() && Boolean(TSHARK);
if (!available && process.env.SIPTOOL_REQUIRE_INTEROP) throw new Error('kamailio, sipp, tshark and dumpcap are needed but SIPTOOL_REQUIRE_INTEROP is set');
const d = available ? describe : describe.skip;

const dir = mkdtempSync(join(tmpdir(), 'siptool-explain-interop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ExplainJson {
  messages: Array<{ callId: string | null; transport?: string; src?: unknown; dst?: unknown; time?: number }>;
  summary: { messages: number };
  notifications: unknown[];
}

function explain(file: string): ExplainJson {
  const r = runCli(['explain', '--format', 'json', '--fail-on', 'never', file]);
  if (r.code !== 0) throw new Error(`siptool explain exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as ExplainJson;
}

d('explain reads what tshark decodes', () => {
  it.each([
    ['pcap', {}],
    ['pcapng', { format: 'pcapng' as const }],
  ])('a capture written by the project writer (%s): UDP, IP fragments, TCP split and coalesced, IPv6', (name, opts) => {
    const T0 = 1_767_225_600_000;
    const cli = { ...A, port: 40001 };
    const buf = buildCapture((w) => {
      w.udp({ src: A, dst: B, payload: sip('w-udp'), time: T0 });
      w.udp({ src: B, dst: A, payload: sip('w-udp', { status: 100 }), time: T0 + 1 });
      w.udp({ src: A, dst: B, payload: sip('w-frag', { body: sdp(4000) }), time: T0 + 2 });
      w.tcp({ src: cli, dst: B, payload: sip('w-split', { body: sdp(6000) }), time: T0 + 3 });
      w.tcp({ src: B, dst: cli, payload: sip('w-split', { status: 100 }) + sip('w-split', { status: 200 }), time: T0 + 4 });
      w.tcp({ src: cli, dst: B, payload: sip('w-split', { method: 'ACK' }) + sip('w-bye', { method: 'BYE', cseq: 2 }), time: T0 + 5 });
      w.udp({ src: A6, dst: B6, payload: sip('w-v6', { body: sdp(3000) }), time: T0 + 6 });
      w.tcpClose({ src: cli, dst: B, time: T0 + 7 });
    }, opts);
    const file = join(dir, `writer.${name}`);
    writeFileSync(file, buf);
    const ours = explain(file);
    const theirs = tsharkCallIds(file);
    expect(ours.summary.messages).toBe(theirs.length);
    expect(ours.messages.map((m) => m.callId)).toEqual(theirs);
    expect(theirs).toHaveLength(9);
  });

  describe('real traffic: siptool, Kamailio and SIPp on loopback, captured by dumpcap', () => {
    let carrier: Carrier;
    const open: SipTransport[] = [];
    beforeAll(async () => {
      carrier = await startCarrier();
    }, 30_000);
    afterAll(async () => {
      await Promise.all(open.map((t) => t.close()));
      await carrier?.stop();
    });

    async function call(protocol: TransportProtocol, number: string): Promise<void> {
      const t = await openTransport({ protocol, address: '127.0.0.1', port: protocol === 'udp' ? carrier.udp : carrier.tcp, domain: DOMAIN });
      open.push(t);
      const s = new ProbeSession({ transport: t, timers: { t1: 100, transactionTimeout: 1500 }, paceMs: 20 });
      await runCall(s, { target: `sip:${number}@${DOMAIN}`, holdMs: 100 });
    }

    /** OPTIONS over a raw TCP connection: one split over three segments, two in one segment. */
    async function rawTcp(): Promise<void> {
      const sock = connect({ host: '127.0.0.1', port: carrier.tcp, noDelay: true });
      await new Promise<void>((ok, fail) => sock.once('connect', ok).once('error', fail));
      let got = '';
      sock.on('data', (b) => (got += b.toString('latin1')));
      const port = sock.localPort!;
      const options = (id: string) =>
        `OPTIONS sip:${DOMAIN} SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:${port};branch=z9hG4bK-${id}\r\nMax-Forwards: 70\r\nFrom: <sip:probe@${DOMAIN}>;tag=${id}\r\nTo: <sip:${DOMAIN}>\r\nCall-ID: ${id}@explain-interop\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`;
      const answers = () => got.split('SIP/2.0 200').length - 1;
      const split = options('split');
      sock.write(split.slice(0, 20));
      await new Promise((r) => setTimeout(r, 30));
      sock.write(split.slice(20, 120));
      await new Promise((r) => setTimeout(r, 30));
      sock.write(split.slice(120));
      await until('the answer to the split OPTIONS', () => answers() >= 1, 5000);
      sock.write(options('pair-a') + options('pair-b'));
      await until('the answers to the coalesced OPTIONS', () => answers() >= 3, 5000);
      sock.end();
      await new Promise<void>((ok) => sock.once('close', () => ok()));
    }

    it.each([
      ['pcapng (dumpcap default)', false],
      ['pcap (-P)', true],
    ])('%s: the same messages as tshark', async (name, pcap) => {
      const ports = [carrier.udp, carrier.tcp, carrier.sipp];
      const marker = await freePort();
      const cap = await LoopbackCapture.start(ports.map((p) => `port ${p}`).join(' or '), { pcap, markerPort: marker });
      try {
        await call('udp', NUMBERS.answer);
        await call('tcp', NUMBERS.answer);
        await call('udp', NUMBERS.busy);
        await rawTcp();
        const bytes = await cap.stop();
        const file = join(dir, `kamailio-${pcap ? 'pcap' : 'pcapng'}.cap`);
        writeFileSync(file, bytes);
        const ours = explain(file);
        const theirs = tsharkCallIds(file, ports);
        expect(ours.summary.messages).toBe(theirs.length);
        expect(ours.messages.map((m) => m.callId)).toEqual(theirs);
        // both legs of each call (siptool ↔ Kamailio ↔ SIPp), OPTIONS split and coalesced
        expect(theirs.filter((id) => id === 'split@explain-interop')).toHaveLength(2);
        expect(theirs.filter((id) => id.startsWith('pair-'))).toHaveLength(4);
        expect(new Set(ours.messages.map((m) => m.transport))).toEqual(new Set(['udp', 'tcp']));
        expect(ours.messages.every((m) => m.src && m.dst && typeof m.time === 'number')).toBe(true);
        expect(ours.summary.messages).toBeGreaterThan(30);
      } finally {
        cap.kill();
      }
    }, 60_000);
  });
});
