/**
 * STIR/SHAKEN Identity header (RFC 8224 §4) and its PASSporT (RFC 8225, RFC 8588), decoded
 * without verifying the signature: the compact JWS "header.claims.signature" and its
 * parameters (info, alg, ppt).
 */
export interface Passport {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** The info parameter (the certificate URL in <>), when present. */
  info: string | undefined;
  /** SHAKEN attestation (A, B, C) when the claims carry one. */
  attest: string | undefined;
  origTn: string | undefined;
  destTns: string[];
  iat: number | undefined;
  x5u: string | undefined;
}

export type IdentityResult = { ok: true; passport: Passport } | { ok: false; reason: string; index: number };

const B64URL = /^[A-Za-z0-9_-]*$/;

function part(text: string, what: string, start: number): { value: Record<string, unknown> } | { reason: string; index: number } {
  if (text === '' || !B64URL.test(text)) return { reason: `the ${what} is not base64url text`, index: start };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { reason: `the ${what} does not decode to JSON`, index: start };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { reason: `the ${what} is not a JSON object`, index: start };
  return { value: json as Record<string, unknown> };
}

function tn(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

/** Decodes an Identity header value; never throws. */
export function decodeIdentity(value: string): IdentityResult {
  const semi = value.indexOf(';');
  const token = (semi < 0 ? value : value.slice(0, semi)).trim();
  const lead = value.length - value.trimStart().length;
  const params = semi < 0 ? '' : value.slice(semi);
  const pieces = token.split('.');
  if (pieces.length !== 3) return { ok: false, reason: `the PASSporT must be three base64url parts "header.claims.signature", found ${pieces.length}`, index: lead };
  const h = part(pieces[0]!, 'JWS header', lead);
  if (!('value' in h)) return { ok: false, ...h };
  const c = part(pieces[1]!, 'claims part', lead + pieces[0]!.length + 1);
  if (!('value' in c)) return { ok: false, ...c };
  if (pieces[2] === '' || !B64URL.test(pieces[2]!)) return { ok: false, reason: 'the signature is missing or not base64url', index: lead + pieces[0]!.length + pieces[1]!.length + 2 };
  const claims = c.value;
  const orig = claims.orig as Record<string, unknown> | undefined;
  const dest = claims.dest as Record<string, unknown> | undefined;
  const destTn = dest && typeof dest === 'object' ? dest.tn : undefined;
  const info = /;\s*info\s*=\s*<([^>]*)>/i.exec(params)?.[1];
  return {
    ok: true,
    passport: {
      header: h.value,
      claims,
      info,
      attest: typeof claims.attest === 'string' ? claims.attest : undefined,
      origTn: orig && typeof orig === 'object' ? tn(orig.tn) : undefined,
      destTns: Array.isArray(destTn) ? destTn.filter((x): x is string => typeof x === 'string') : typeof destTn === 'string' ? [destTn] : [],
      iat: typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? claims.iat : undefined,
      x5u: typeof h.value.x5u === 'string' ? h.value.x5u : undefined,
    },
  };
}

/** What is missing for a SHAKEN PASSporT, or undefined when it is complete. */
export function missingClaims(p: Passport): string | undefined {
  const missing: string[] = [];
  if (p.iat === undefined) missing.push('iat');
  if (p.origTn === undefined) missing.push('orig.tn');
  if (p.destTns.length === 0) missing.push('dest.tn');
  if (p.x5u === undefined) missing.push('x5u (in the header)');
  if (p.header.ppt === 'shaken' && p.attest === undefined) missing.push('attest');
  return missing.length > 0 ? missing.join(', ') : undefined;
}
