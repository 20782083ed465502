/** The Internet checksum (RFC 1071) over parts, as the 16-bit value to store. */
export function internetChecksum(...parts: Buffer[]): number {
  let sum = 0;
  let odd = false;
  let carry = 0;
  for (const p of parts) {
    let i = 0;
    if (odd && p.length > 0) {
      sum += carry | p[0]!;
      i = 1;
      odd = false;
    }
    for (; i + 1 < p.length; i += 2) sum += (p[i]! << 8) | p[i + 1]!;
    if (i < p.length) {
      carry = p[i]! << 8;
      odd = true;
    }
    if (sum > 0x7fffffff) sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (odd) sum += carry;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The pseudo-header UDP and TCP checksums cover (RFC 768, RFC 793, RFC 8200 §8.1). */
export function pseudoHeader(src: Buffer, dst: Buffer, protocol: number, length: number): Buffer {
  if (src.length === 4) {
    const b = Buffer.alloc(12);
    src.copy(b, 0);
    dst.copy(b, 4);
    b[9] = protocol;
    b.writeUInt16BE(length, 10);
    return b;
  }
  const b = Buffer.alloc(40);
  src.copy(b, 0);
  dst.copy(b, 16);
  b.writeUInt32BE(length, 32);
  b[39] = protocol;
  return b;
}
