import { parseSdp } from '../../../src/core/sdp/parse-sdp.js';
import { parseSdpOnce } from '../../../src/core/sdp/parse-sdp-once.js';

const sdp = (port: number): Buffer => Buffer.from(`v=0\r\no=- 1 0 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0\r\n`);

describe('parseSdpOnce', () => {
  it('parses a body Buffer once while it is recent, and equal to parseSdp', () => {
    const body = sdp(4000);
    const first = parseSdpOnce(body);
    expect(parseSdpOnce(body)).toBe(first);
    expect(first).toEqual(parseSdp(body));
    // another Buffer with the same bytes is parsed on its own
    expect(parseSdpOnce(Buffer.from(body))).not.toBe(first);
  });

  it('parses a body again (the same result) once many others were parsed after it', () => {
    const body = sdp(4002);
    const first = parseSdpOnce(body);
    for (let i = 0; i < 40; i++) parseSdpOnce(sdp(5000 + 2 * i));
    const again = parseSdpOnce(body);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
