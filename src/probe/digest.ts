import { authParam, type AuthValue } from '../core/headers/auth.js';
import type { SipResponse } from '../core/message.js';

/** Digest algorithms siptool answers (RFC 3261 §22.4, RFC 8760 §2.2, RFC 7616 §3.2). */
export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess';

/** Node's hash name for each base algorithm (digest-hash.ts computes them). */
export const DIGEST_HASHES: Readonly<Record<string, string>> = { 'MD5': 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' };
/** Higher is stronger. */
const STRENGTH: Record<string, number> = { 'MD5': 1, 'SHA-256': 2, 'SHA-512-256': 3 };

/** A parsed Digest challenge (WWW-Authenticate or Proxy-Authenticate). */
export interface DigestChallenge {
  /** Which header carried it; the answer goes in Authorization or Proxy-Authorization. */
  header: 'WWW-Authenticate' | 'Proxy-Authenticate';
  realm: string;
  nonce: string;
  opaque: string | undefined;
  /** As written; MD5 when absent (RFC 3261 §22.4). */
  algorithm: string;
  /** qop options offered ([] for the RFC 2069 form without qop). */
  qop: string[];
  stale: boolean;
  /** True when siptool can compute this algorithm. */
  supported: boolean;
}

/** Reads every Digest challenge of a 401/407, in order. Other schemes are skipped. */
export function readChallenges(response: SipResponse): DigestChallenge[] {
  const out: DigestChallenge[] = [];
  for (const header of ['WWW-Authenticate', 'Proxy-Authenticate'] as const) {
    for (const f of response.getAll(header)) {
      const v = f.parsed() as AuthValue | null;
      if (!v || v.scheme.toLowerCase() !== 'digest') continue;
      const algorithm = authParam(v, 'algorithm') ?? 'MD5';
      const base = algorithm.replace(/-sess$/i, '').toUpperCase();
      out.push({
        header,
        realm: authParam(v, 'realm') ?? '',
        nonce: authParam(v, 'nonce') ?? '',
        opaque: authParam(v, 'opaque'),
        algorithm,
        qop: (authParam(v, 'qop') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
        stale: (authParam(v, 'stale') ?? '').toLowerCase() === 'true',
        supported: DIGEST_HASHES[base] !== undefined && authParam(v, 'nonce') !== undefined,
      });
    }
  }
  return out;
}

function strength(c: DigestChallenge): number {
  return STRENGTH[c.algorithm.replace(/-sess$/i, '').toUpperCase()] ?? 0;
}

/**
 * Picks one challenge per realm (and header): the strongest supported algorithm, the first one
 * listed among equals. RFC 8760 §2.4 lets local policy prefer a stronger algorithm than the
 * topmost one; siptool's policy is SHA-512-256 > SHA-256 > MD5.
 */
export function chooseChallenges(challenges: DigestChallenge[]): DigestChallenge[] {
  const best = new Map<string, DigestChallenge>();
  for (const c of challenges) {
    if (!c.supported) continue;
    const k = `${c.header}\u0000${c.realm}`;
    const cur = best.get(k);
    if (!cur || strength(c) > strength(cur)) best.set(k, c);
  }
  return [...best.values()];
}

export function ncHex(nc: number): string {
  return nc.toString(16).padStart(8, '0');
}

/** The qop siptool uses: auth when offered, else auth-int when offered, else none. */
export function chooseQop(c: DigestChallenge): 'auth' | 'auth-int' | undefined {
  if (c.qop.includes('auth')) return 'auth';
  if (c.qop.includes('auth-int')) return 'auth-int';
  return undefined;
}
