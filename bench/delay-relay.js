// A UDP and TCP relay on 127.0.0.1 that adds a fixed delay each way in front of a DNS server,
// so the benchmark can show what parallel queries buy when the resolver is not on loopback
// (a typical recursive resolver is 5-50 ms away). Every upstream socket is closed on stop().
import { createSocket } from 'node:dgram';
import { connect, createServer } from 'node:net';

export async function startDelayRelay(upstream, rttMs) {
  const half = rttMs / 2;
  const later = (fn) => setTimeout(fn, half);
  const front = createSocket('udp4');
  const uplinks = new Map();
  const conns = new Set();
  front.on('message', (msg, from) => {
    const key = `${from.address}:${from.port}`;
    let up = uplinks.get(key);
    if (!up) {
      up = createSocket('udp4');
      up.on('message', (resp) => later(() => front.send(resp, from.port, from.address)));
      up.on('error', () => {});
      uplinks.set(key, up);
    }
    later(() => up.send(msg, upstream.port, upstream.address));
  });
  await new Promise((res) => front.bind(0, '127.0.0.1', res));
  const port = front.address().port;
  const tcp = createServer((c) => {
    const u = connect({ host: upstream.address, port: upstream.port });
    conns.add(c).add(u);
    c.on('data', (d) => later(() => u.write(d)));
    u.on('data', (d) => later(() => c.write(d)));
    const end = () => {
      c.destroy();
      u.destroy();
    };
    c.on('close', end).on('error', end);
    u.on('close', end).on('error', end);
  });
  await new Promise((res, rej) => {
    tcp.once('error', rej);
    tcp.listen(port, '127.0.0.1', res);
  });
  return {
    server: { address: '127.0.0.1', port, family: 4 },
    async stop() {
      for (const c of conns) c.destroy();
      for (const u of uplinks.values()) u.close();
      await new Promise((res) => front.close(res));
      await new Promise((res) => tcp.close(res));
    },
  };
}
