import { formatSdp } from '../../../src/core/sdp/format-sdp.js';
import { parseSdp } from '../../../src/core/sdp/parse-sdp.js';
import { candidates, cryptos, fmtps, mediaDirection, ptime, rtpmaps } from '../../../src/core/sdp/sdp-media.js';
import { SAMPLES, WEBRTC_OFFER } from './sdp-samples.js';
import { prng } from '../../helpers/prng.js';

const INTERESTING = [0x00, 0x0a, 0x0d, 0x20, 0x2f, 0x3a, 0x3d, 0x2d, 0x30, 0x39, 0x61, 0x6d, 0x7f, 0x80, 0xc3, 0xff];

function mutate(src: Buffer, rnd: () => number): Buffer {
  let buf = Buffer.from(src);
  const n = 1 + Math.floor(rnd() * 8);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * (buf.length + 1));
    const byte = rnd() < 0.5 ? INTERESTING[Math.floor(rnd() * INTERESTING.length)]! : Math.floor(rnd() * 256);
    const op = rnd();
    if (op < 0.4 && at < buf.length) buf[at] = byte;
    else if (op < 0.7) buf = Buffer.concat([buf.subarray(0, at), Buffer.from([byte]), buf.subarray(at)]);
    else if (op < 0.9) buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + 1 + Math.floor(rnd() * 16))]);
    else buf = buf.subarray(0, at);
  }
  return buf;
}

function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'line').map(([k, v]) => [k, withoutLines(v)]));
  }
  return value;
}

test('2000 random byte mutations of valid SDPs never throw; the valid ones survive format → parse', () => {
  const rnd = prng(0x5d9);
  let valid = 0;
  const seeds = SAMPLES.map(([, text]) => Buffer.from(text, 'utf8'));
  for (let i = 0; i < 2000; i++) {
    const input = mutate(seeds[i % seeds.length]!, rnd);
    const { sdp, problems } = parseSdp(input);
    for (const p of problems) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
    for (const m of sdp.media) {
      rtpmaps(m);
      fmtps(m);
      mediaDirection(m, sdp);
      ptime(m);
      cryptos(m);
      candidates(m);
    }
    const again = parseSdp(formatSdp(sdp));
    if (!problems.some((p) => p.code === 'SIP_SDP_INVALID')) {
      valid++;
      expect(withoutLines(again.sdp)).toEqual(withoutLines(sdp));
      expect(again.problems.filter((p) => p.code === 'SIP_SDP_INVALID')).toEqual([]);
    }
  }
  expect(valid).toBeGreaterThan(100);
});

test('a string input with lone surrogates and odd characters does not throw', () => {
  expect(() => parseSdp(WEBRTC_OFFER.replace('s=-', 's=\ud800\u0000\u2028'))).not.toThrow();
});
