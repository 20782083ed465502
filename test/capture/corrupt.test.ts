import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { buildCapture, CaptureError, readCapture, readCaptureAll, readCaptureSync, type CaptureResult } from '../../src/index.js';
import { A, A6, B, B6, sdp, sip } from '../helpers/capture.js';
import { tempDir } from '../helpers/temp-dir.js';

const T0 = 1_700_000_000_000;

/** A small capture with UDP, TCP (split and coalesced), fragments and IPv6. */
function sample(format: 'pcap' | 'pcapng'): Buffer {
  return buildCapture(
    (w) => {
      w.udp({ src: A, dst: B, payload: sip('c1'), time: T0 });
      w.tcp({ src: { ...A, port: 40000 }, dst: B, payload: sip('c2', { body: sdp(600) }) + sip('c3'), time: T0 + 1 });
      w.udp({ src: A6, dst: B6, payload: sip('c4', { body: sdp(600) }), time: T0 + 2 });
      w.tcp({ src: B, dst: { ...A, port: 40000 }, payload: sip('c2', { status: 200 }), time: T0 + 3 });
    },
    { format, mtu: 576 },
  );
}

const pcap = sample('pcap');
const pcapng = sample('pcapng');
const full = readCaptureSync(pcap);

/** Messages of a prefix are always a prefix of the whole capture's messages. */
function checkPrefix(r: CaptureResult, whole: CaptureResult): void {
  const got = r.messages.map((m) => m.bytes.toString());
  expect(whole.messages.slice(0, got.length).map((m) => m.bytes.toString())).toEqual(got);
}

describe('corrupt and truncated captures', () => {
  it('has a sample with every kind of message', () => {
    expect(full.messages.map((m) => m.message?.callId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c2']);
    expect(full.error).toBeUndefined();
  });

  it.each([
    ['pcap', pcap],
    ['pcapng', pcapng],
  ])('every prefix of a %s file gives its messages, then a CaptureError (or nothing more)', (_, file) => {
    const whole = readCaptureSync(file, { validate: false });
    let errors = 0;
    for (let n = 0; n <= file.length; n++) {
      const r = readCaptureSync(file.subarray(0, n), { validate: false });
      checkPrefix(r, whole);
      if (r.error) {
        errors++;
        expect(r.error).toBeInstanceOf(CaptureError);
        expect(r.error.code).toBe('CAPTURE_ERR_TRUNCATED');
        expect(r.error.offset).toBeLessThanOrEqual(n);
      }
    }
    expect(errors).toBeGreaterThan(file.length / 2);
  });

  it('the streaming reader throws the same error after the same messages', async () => {
    const cut = pcapng.subarray(0, pcapng.length - 30);
    const got: string[] = [];
    let error: unknown;
    try {
      for await (const m of readCapture(Readable.from([cut.subarray(0, 100), cut.subarray(100)])).messages()) got.push(m.message!.callId!);
    } catch (e) {
      error = e;
    }
    expect(got).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(error).toBeInstanceOf(CaptureError);
    expect((error as CaptureError).code).toBe('CAPTURE_ERR_TRUNCATED');
    expect((error as CaptureError).offset).toBe(readCaptureSync(cut).error!.offset);
  });

  it.each<[string, Buffer, string]>([
    ['an empty file', Buffer.alloc(0), 'CAPTURE_ERR_TRUNCATED'],
    ['a text file', Buffer.from(sip('not-a-capture')), 'CAPTURE_ERR_BAD_MAGIC'],
    ['a pcap of version 3', (() => { const b = Buffer.from(pcap); b.writeUInt16LE(3, 4); return b; })(), 'CAPTURE_ERR_UNSUPPORTED_VERSION'],
  ])('%s', (_, file, code) => {
    const r = readCaptureSync(file);
    expect(r.messages).toEqual([]);
    expect(r.error?.code).toBe(code);
    expect(r.error?.offset).toBe(0);
  });

  it('a pcap record declaring a huge length stops with CAPTURE_ERR_BAD_RECORD at its offset', () => {
    const b = Buffer.from(pcap);
    const first = 24 + 16 + b.readUInt32LE(24 + 8);
    b.writeUInt32LE(0x7fffffff, first + 8);
    const r = readCaptureSync(b);
    expect(r.messages.map((m) => m.message?.callId)).toEqual(['c1']);
    expect(r.error?.code).toBe('CAPTURE_ERR_BAD_RECORD');
    expect(r.error?.offset).toBe(first);
    expect(r.error?.frame).toBe(1);
  });

  it('reads from a file path, a Buffer, a Readable, 1-byte chunks and gzip', async () => {
    const dir = tempDir('siptool-capture-');
    writeFileSync(join(dir, 'f.pcapng'), pcapng);
    writeFileSync(join(dir, 'f.pcap.gz'), gzipSync(pcap));
    const ids = (r: CaptureResult): Array<string | undefined> => r.messages.map((m) => m.message?.callId);
    const expected = ids(full);
    expect(ids(await readCaptureAll(join(dir, 'f.pcapng')))).toEqual(expected);
    const gz = await readCaptureAll(join(dir, 'f.pcap.gz'));
    expect(ids(gz)).toEqual(expected);
    expect(gz.stats.gzip).toBe(true);
    expect(gz.stats.bytes).toBe(pcap.length);
    expect(ids(readCaptureSync(gzipSync(pcapng)))).toEqual(expected);
    expect(ids(await readCaptureAll(Readable.from([pcap])))).toEqual(expected);
    const bytes = async function* (): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < pcapng.length; i++) yield new Uint8Array(pcapng.subarray(i, i + 1));
    };
    expect(ids(await readCaptureAll(bytes()))).toEqual(expected);
  });

  it('a truncated gzip file gives its messages, then an error', async () => {
    const gz = gzipSync(pcapng);
    const r = await readCaptureAll(gz.subarray(0, gz.length - 200));
    expect(r.messages.length).toBeGreaterThan(0);
    expect(r.error?.code).toBe('CAPTURE_ERR_TRUNCATED');
  });

  it('a missing file is a CAPTURE_ERR_READ with the cause', async () => {
    const r = await readCaptureAll('/nonexistent/siptool/x.pcap');
    expect(r.error?.code).toBe('CAPTURE_ERR_READ');
    expect((r.error?.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('a stream that fails mid-way: messages before, then CAPTURE_ERR_READ', async () => {
    const half = pcap.subarray(0, Math.floor(pcap.length * 0.6));
    const failing = new Readable({ read() {} });
    failing.push(half);
    setImmediate(() => failing.destroy(new Error('connection reset')));
    const r = await readCaptureAll(failing);
    expect(r.messages.length).toBeGreaterThan(0);
    expect(r.error?.code).toBe('CAPTURE_ERR_READ');
  });

  it('breaking out of the iteration early stops reading', async () => {
    let pulled = 0;
    const gen = async function* (): AsyncGenerator<Buffer> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield i === 0 ? pcap : Buffer.alloc(0);
      }
    };
    for await (const ev of readCapture(gen())) {
      if (ev.kind === 'message') break;
    }
    expect(pulled).toBeLessThan(5);
  });

  it('batches() hands over the same events as the iteration, and also only once', async () => {
    const one: unknown[] = [];
    for await (const ev of readCapture(pcap)) one.push(ev);
    const r = readCapture(pcap);
    const batched: unknown[] = [];
    let batches = 0;
    for await (const b of r.batches()) {
      batches++;
      expect(b.length).toBeGreaterThan(0);
      batched.push(...b);
    }
    expect(batched).toEqual(one);
    expect(batches).toBeGreaterThan(0);
    expect(() => r.batches()).toThrow(/once/);
    expect(() => r[Symbol.asyncIterator]()).toThrow(/once/);
  });

  it('a CaptureReader is iterated once', async () => {
    const r = readCapture(pcap);
    for await (const _ of r) void _;
    expect(() => r[Symbol.asyncIterator]()).toThrow(/once/);
    expect(r.stats.messages).toBe(5);
  });
});
