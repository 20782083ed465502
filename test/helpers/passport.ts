/** A STIR/SHAKEN Identity header value for tests (the signature is a placeholder: siptool decodes, it does not verify). */
export function identity(o: { attest?: string; orig?: string; dest?: string[]; iat?: number; x5u?: string; info?: boolean; header?: Record<string, unknown>; claims?: Record<string, unknown> } = {}): string {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const x5u = o.x5u ?? 'https://cert.carrier.example/sti.pem';
  const header = o.header ?? { alg: 'ES256', ppt: 'shaken', typ: 'passport', x5u };
  const claims = o.claims ?? { attest: o.attest ?? 'A', dest: { tn: o.dest ?? ['14155550100'] }, iat: o.iat ?? 1795600800, orig: { tn: o.orig ?? '12125550100' }, origid: '4f2a3c7e-0b1d-4e5f-9a8b-7c6d5e4f3a2b' };
  return `${b64(header)}.${b64(claims)}.c2lnbmF0dXJl${o.info === false ? '' : `;info=<${x5u}>`};alg=ES256;ppt=shaken`;
}
