import { createHash } from 'node:crypto';
import { formatAuth, type AuthValue } from '../core/headers/auth.js';
import { DIGEST_HASHES, ncHex, type DigestChallenge } from './digest.js';

// The hashing half of digest authentication, apart from digest.ts (challenges, choices) so that
// node:crypto loads only when credentials are used (credentials.ts), not for every probe.

export function digestHash(algorithm: string, data: string | Buffer): string {
  const h = DIGEST_HASHES[algorithm.replace(/-sess$/i, '').toUpperCase()];
  if (!h) throw new Error(`unsupported digest algorithm ${algorithm}`);
  return createHash(h).update(data).digest('hex');
}

export interface DigestInput {
  algorithm: string;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  /** 'auth', 'auth-int' or undefined (RFC 2069 compatibility). */
  qop?: 'auth' | 'auth-int';
  nc?: number;
  cnonce?: string;
  /** The body, for auth-int. */
  body?: Buffer;
}

/** The request-digest (RFC 7616 §3.4.1, RFC 3261 §22.4, RFC 2617 §3.2.2.1). */
export function digestResponse(i: DigestInput): string {
  const H = (s: string | Buffer): string => digestHash(i.algorithm, s);
  let ha1 = H(`${i.username}:${i.realm}:${i.password}`);
  if (/-sess$/i.test(i.algorithm)) ha1 = H(`${ha1}:${i.nonce}:${i.cnonce ?? ''}`);
  const ha2 = H(i.qop === 'auth-int' ? `${i.method}:${i.uri}:${H(i.body ?? Buffer.alloc(0))}` : `${i.method}:${i.uri}`);
  if (!i.qop) return H(`${ha1}:${i.nonce}:${ha2}`);
  return H(`${ha1}:${i.nonce}:${ncHex(i.nc ?? 1)}:${i.cnonce ?? ''}:${i.qop}:${ha2}`);
}

/**
 * The Authorization / Proxy-Authorization value answering `c` (RFC 3261 §22.4). Only the
 * computed response hash depends on the password.
 */
export function formatCredentials(c: DigestChallenge, i: Omit<DigestInput, 'algorithm' | 'realm' | 'nonce' | 'qop'> & { qop: 'auth' | 'auth-int' | undefined }): string {
  const response = digestResponse({ ...i, algorithm: c.algorithm, realm: c.realm, nonce: c.nonce });
  const params: AuthValue['params'] = [
    { name: 'username', value: i.username, quoted: true },
    { name: 'realm', value: c.realm, quoted: true },
    { name: 'nonce', value: c.nonce, quoted: true },
    { name: 'uri', value: i.uri, quoted: true },
    { name: 'response', value: response, quoted: true },
    { name: 'algorithm', value: c.algorithm, quoted: false },
  ];
  if (i.qop) {
    params.push({ name: 'cnonce', value: i.cnonce ?? '', quoted: true });
    params.push({ name: 'qop', value: i.qop, quoted: false });
    params.push({ name: 'nc', value: ncHex(i.nc ?? 1), quoted: false });
  }
  if (c.opaque !== undefined) params.push({ name: 'opaque', value: c.opaque, quoted: true });
  return formatAuth({ scheme: 'Digest', params });
}
