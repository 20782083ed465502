import { NumberError } from '../errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../types.js';
import { CARRIER_PROFILES } from './carriers.js';
import { GENERIC_PROFILES } from './generic.js';
import type { NumberingProfile, ProfileSource, Sourced, UserPhoneRule } from './types.js';

export type { NumberingProfile, ProfileSource, Sourced, UserPhoneRule } from './types.js';
export { CARRIER_PROFILES } from './carriers.js';
export { GENERIC_PROFILES } from './generic.js';

/** Every built-in profile: the generic ones first, then carriers. */
export const BUILTIN_PROFILES: readonly NumberingProfile[] = [...GENERIC_PROFILES, ...CARRIER_PROFILES];

/** Looks a profile up by id (case-insensitive) among `extra` (custom ones win) and the built-ins. */
export function findProfile(id: string, extra: readonly NumberingProfile[] = []): NumberingProfile | undefined {
  const key = id.toLowerCase();
  return extra.find((p) => p.id === key) ?? BUILTIN_PROFILES.find((p) => p.id === key);
}

/** Like findProfile, but throws NumberError NUMBER_ERR_UNKNOWN_PROFILE listing the known ids. */
export function getProfile(id: string, extra: readonly NumberingProfile[] = []): NumberingProfile {
  const p = findProfile(id, extra);
  if (p) return p;
  const known = [...extra, ...BUILTIN_PROFILES].map((x) => x.id).join(', ');
  throw new NumberError('NUMBER_ERR_UNKNOWN_PROFILE', `unknown carrier profile "${id}"; known profiles: ${known}`);
}

const USER_PHONE: readonly UserPhoneRule[] = ['required', 'recommended', 'optional', 'omit'];
const KEYS = ['name', 'summary', 'format', 'domestic', 'home', 'accepts', 'inbound', 'userPhone', 'notes', 'source'];

/**
 * Reads custom profiles from the `carriers` object of a config file (siptool.config.json or
 * --profiles FILE). Each entry may give plain values with one `source` for the whole profile:
 *
 *   { "carriers": { "acme": { "format": "e164-digits", "userPhone": "omit", "source": "Acme NOC mail, 2026-03" } } }
 *
 * or per-value `{ "value": ..., "source": ... }` objects like the built-in profiles. Anything
 * that does not fit throws NumberError NUMBER_ERR_BAD_PROFILE naming the key (`where` is the file).
 */
export function readCustomProfiles(config: unknown, where: string): NumberingProfile[] {
  if (!isObject(config)) throw bad(where, '', 'the file must hold a JSON object');
  const carriers = config.carriers;
  if (carriers === undefined) return [];
  if (!isObject(carriers)) throw bad(where, 'carriers', 'must be an object of profile id → profile');
  return Object.entries(carriers).map(([id, raw]) => readProfile(id, raw, where));
}

function readProfile(id: string, raw: unknown, where: string): NumberingProfile {
  const at = `carriers.${id}`;
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(id)) throw bad(where, at, 'a profile id is letters, digits, ".", "_" or "-"');
  if (!isObject(raw)) throw bad(where, at, 'must be an object');
  for (const k of Object.keys(raw)) if (!KEYS.includes(k)) throw bad(where, `${at}.${k}`, `unknown key; use one of ${KEYS.join(', ')}`);
  const fallback = raw.source === undefined ? undefined : readSource(raw.source, where, `${at}.source`);
  const sourced = <T>(key: string, check: (v: unknown, path: string) => T): Sourced<T> | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    const path = `${at}.${key}`;
    if (isObject(v) && 'value' in v) {
      return { value: check(v.value, `${path}.value`), source: v.source === undefined ? need(fallback, where, path) : readSource(v.source, where, `${path}.source`) };
    }
    return { value: check(v, path), source: need(fallback, where, path) };
  };
  const format = (v: unknown, path: string): OutputFormat => {
    if (typeof v !== 'string' || !(OUTPUT_FORMATS as readonly string[]).includes(v)) throw bad(where, path, `must be one of ${OUTPUT_FORMATS.join(', ')}`);
    return v as OutputFormat;
  };
  const profile: NumberingProfile = {
    id: id.toLowerCase(),
    name: typeof raw.name === 'string' ? raw.name : id,
    kind: 'custom',
    summary: typeof raw.summary === 'string' ? raw.summary : `custom profile from ${where}`,
  };
  const f = sourced('format', format);
  const d = sourced('domestic', format);
  if (!f && !d) throw bad(where, at, 'needs "format" (and/or "domestic" with "home")');
  if (f) profile.format = f;
  if (d) profile.domestic = d;
  const home = sourced('home', (v, path) => {
    if (typeof v !== 'string' || !/^[A-Za-z]{2}$/.test(v)) throw bad(where, path, 'must be an ISO 3166 alpha-2 country code such as US');
    return v.toUpperCase();
  });
  if (home) profile.home = home;
  if (d && !home) throw bad(where, `${at}.domestic`, '"domestic" needs "home" (the country whose calling code is domestic)');
  const accepts = sourced('accepts', (v, path) => {
    if (!Array.isArray(v)) throw bad(where, path, 'must be a list of formats');
    return v.map((x, i) => format(x, `${path}[${i}]`));
  });
  if (accepts) profile.accepts = accepts;
  const inbound = sourced('inbound', format);
  if (inbound) profile.inbound = inbound;
  const userPhone = sourced('userPhone', (v, path) => {
    if (typeof v !== 'string' || !(USER_PHONE as readonly string[]).includes(v)) throw bad(where, path, `must be one of ${USER_PHONE.join(', ')}`);
    return v as UserPhoneRule;
  });
  if (userPhone) profile.userPhone = userPhone;
  if (raw.notes !== undefined) {
    if (!Array.isArray(raw.notes) || raw.notes.some((n) => typeof n !== 'string')) throw bad(where, `${at}.notes`, 'must be a list of strings');
    profile.notes = (raw.notes as string[]).map((n) => ({ value: n, source: need(fallback, where, `${at}.notes`) }));
  }
  return profile;
}

function readSource(v: unknown, where: string, path: string): ProfileSource {
  if (typeof v === 'string' && v.trim() !== '') return /^https?:\/\//.test(v) ? { title: v, url: v } : { title: v };
  if (isObject(v) && typeof v.title === 'string') {
    const s: ProfileSource = { title: v.title };
    if (typeof v.url === 'string') s.url = v.url;
    if (typeof v.says === 'string') s.says = v.says;
    return s;
  }
  throw bad(where, path, 'a source is a non-empty string (title or URL) or { "title", "url", "says" }');
}

function need(s: ProfileSource | undefined, where: string, path: string): ProfileSource {
  if (!s) throw bad(where, path, 'every value needs a source: add "source" to the profile or { "value", "source" } here');
  return s;
}

function bad(where: string, path: string, why: string): NumberError {
  return new NumberError('NUMBER_ERR_BAD_PROFILE', `${where}${path ? `: ${path}` : ''}: ${why}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
