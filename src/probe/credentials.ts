import { chooseQop, type DigestChallenge } from './digest.js';
import { formatCredentials } from './digest-hash.js';

/**
 * A username and password for digest authentication. The password lives in a private field:
 * it is never serialized (toJSON), never shown by inspection, never put in an error, and leaves
 * the object only as the computed response hash.
 */
export class DigestCredentials {
  readonly username: string;
  /** The realm the caller expects; a challenge for another realm is not answered. */
  readonly realm: string | undefined;
  #password: string;

  constructor(username: string, password: string, options: { realm?: string } = {}) {
    this.username = username;
    this.#password = password;
    this.realm = options.realm;
  }

  /** The credentials value answering `challenge` for this request. */
  authorize(challenge: DigestChallenge, request: { method: string; uri: string; body?: Buffer; nc: number; cnonce: string }): string {
    const qop = chooseQop(challenge);
    return formatCredentials(challenge, { username: this.username, password: this.#password, method: request.method, uri: request.uri, body: request.body, nc: request.nc, cnonce: request.cnonce, qop });
  }

  /** True when `text` contains the password (used by tests and report checks; never exposes it). */
  appearsIn(text: string): boolean {
    return this.#password.length > 0 && text.includes(this.#password);
  }

  toJSON(): { username: string; realm?: string } {
    return this.realm === undefined ? { username: this.username } : { username: this.username, realm: this.realm };
  }

  toString(): string {
    return `DigestCredentials(${this.username})`;
  }
}
