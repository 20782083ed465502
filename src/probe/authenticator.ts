import { defaultRandom, type RandomSource } from '../core/ids.js';
import type { SipResponse } from '../core/message.js';
import type { DigestCredentials } from './credentials.js';
import { chooseChallenges, chooseQop, readChallenges, type DigestChallenge } from './digest.js';

/** Why authentication stopped. */
export type AuthFailureCode =
  | 'AUTH_NO_CREDENTIALS' // challenged, but no credentials were given
  | 'AUTH_NO_CHALLENGE' // a 401/407 without a Digest challenge
  | 'AUTH_UNSUPPORTED' // only algorithms siptool cannot compute were offered
  | 'AUTH_REALM_MISMATCH' // the challenge's realm is not the expected one
  | 'AUTH_LOOP' // challenged again for a realm already answered (not stale): credentials rejected
  | 'AUTH_TOO_MANY'; // more challenges than the limit

export interface AuthFailure {
  code: AuthFailureCode;
  message: string;
}

/** One answered challenge, for reports (no secrets). */
export interface AuthAttempt {
  status: number;
  header: DigestChallenge['header'];
  realm: string;
  algorithm: string;
  qop: string | null;
  stale: boolean;
  nc: number;
  /** Every algorithm offered in that response, in order. */
  offered: string[];
}

export type AuthAnswer = { ok: true; headers: Array<[string, string]>; attempts: AuthAttempt[] } | { ok: false; failure: AuthFailure };

/**
 * Answers 401/407 challenges for one dialog or transaction chain (same Call-ID, CSeq + 1 by the
 * caller). Detects loops: once a realm has been answered, a new challenge for it is accepted only
 * with `stale=true` and a new nonce (RFC 7616 §3.3); otherwise the credentials were rejected.
 */
export class DigestAuthenticator {
  readonly attempts: AuthAttempt[] = [];
  private readonly credentials: DigestCredentials | undefined;
  private readonly random: RandomSource;
  private readonly maxChallenges: number;
  private readonly answered = new Map<string, { nonce: string; stale: number }>();
  private readonly nonceCount = new Map<string, number>();
  private challenges = 0;

  constructor(credentials: DigestCredentials | undefined, options: { random?: RandomSource; maxChallenges?: number } = {}) {
    this.credentials = credentials;
    this.random = options.random ?? defaultRandom;
    this.maxChallenges = options.maxChallenges ?? 4;
  }

  /** Credentials for retrying `request` (method, Request-URI, body) after `response` (401/407). */
  answer(response: SipResponse, request: { method: string; uri: string; body?: Buffer }): AuthAnswer {
    const all = readChallenges(response);
    const offered = all.map((c) => c.algorithm);
    if (all.length === 0) return fail('AUTH_NO_CHALLENGE', `${response.status} without a Digest challenge`);
    if (!this.credentials) return fail('AUTH_NO_CREDENTIALS', `${response.status} ${response.reason}: realm "${all[0]!.realm}" asks for credentials and none were given`);
    const chosen = chooseChallenges(all);
    if (chosen.length === 0) return fail('AUTH_UNSUPPORTED', `no supported digest algorithm offered (${offered.join(', ')}); siptool does MD5, SHA-256, SHA-512-256`);
    const expected = this.credentials.realm;
    const usable = expected === undefined ? chosen : chosen.filter((c) => c.realm === expected);
    if (usable.length === 0) return fail('AUTH_REALM_MISMATCH', `challenged for realm "${chosen.map((c) => c.realm).join('", "')}", expected "${expected}"`);
    if (++this.challenges > this.maxChallenges) return fail('AUTH_TOO_MANY', `more than ${this.maxChallenges} challenges`);
    const headers: Array<[string, string]> = [];
    const attempts: AuthAttempt[] = [];
    for (const c of usable) {
      const key = `${c.header}\u0000${c.realm}`;
      const prev = this.answered.get(key);
      if (prev) {
        if (!c.stale) return fail('AUTH_LOOP', `realm "${c.realm}" challenged again after credentials were sent (no stale=true): the username or password is wrong, or the realm is not the one the account belongs to`);
        if (c.nonce === prev.nonce) return fail('AUTH_LOOP', `realm "${c.realm}" sent the same challenge twice`);
        if (prev.stale >= 2) return fail('AUTH_LOOP', `realm "${c.realm}" answered stale=true three times`);
      }
      this.answered.set(key, { nonce: c.nonce, stale: (prev?.stale ?? 0) + (c.stale ? 1 : 0) });
      const nc = (this.nonceCount.get(c.nonce) ?? 0) + 1;
      this.nonceCount.set(c.nonce, nc);
      const cnonce = this.random(12).toString('hex');
      const value = this.credentials.authorize(c, { ...request, nc, cnonce });
      headers.push([c.header === 'WWW-Authenticate' ? 'Authorization' : 'Proxy-Authorization', value]);
      attempts.push({ status: response.status, header: c.header, realm: c.realm, algorithm: c.algorithm, qop: chooseQop(c) ?? null, stale: c.stale, nc, offered });
    }
    this.attempts.push(...attempts);
    return { ok: true, headers, attempts };
  }
}

function fail(code: AuthFailureCode, message: string): AuthAnswer {
  return { ok: false, failure: { code, message } };
}
