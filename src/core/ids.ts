import { BRANCH_COOKIE } from './headers/via.js';

/** A source of random bytes; tests inject a deterministic one. */
export type RandomSource = (bytes: number) => Buffer;

/**
 * Cryptographically random bytes from the Web Crypto global (no import: node:crypto and its
 * dozen modules would load with the core, a few milliseconds of every one-shot run). The CLI
 * gives its probes a cheaper source still (/dev/urandom, src/cli/os-random.ts).
 */
export const defaultRandom: RandomSource = (n) => {
  const bytes = Buffer.alloc(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
};

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(random: RandomSource, length: number): string {
  const bytes = random(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

/** A Via branch: the RFC 3261 magic cookie plus 16 random chars (§8.1.1.7). */
export function newBranch(random: RandomSource = defaultRandom): string {
  return BRANCH_COOKIE + randomToken(random, 16);
}

/** A From/To tag with at least 32 bits of randomness (§19.3). */
export function newTag(random: RandomSource = defaultRandom): string {
  return randomToken(random, 10);
}

/** A globally unique Call-ID (§8.1.1.4), optionally `@host`. */
export function newCallId(random: RandomSource = defaultRandom, host?: string): string {
  const id = randomToken(random, 24);
  return host ? `${id}@${host}` : id;
}

/** A deterministic RandomSource for tests and reproducible runs (xorshift32 seeded). */
export function seededRandom(seed: number): RandomSource {
  let x = seed >>> 0 || 1;
  return (n) => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      b[i] = x & 0xff;
    }
    return b;
  };
}
