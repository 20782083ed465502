import { existsSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { resolveCountry } from '../number/country.js';
import { NumberError } from '../number/errors.js';
import { getProfile, readCustomProfiles } from '../number/profiles/index.js';
import type { NumberingProfile } from '../number/profiles/types.js';
import { InputError, UsageError } from './cli-errors.js';

/** The config file read from the working directory when --profiles is not given. */
export const CONFIG_FILE = 'siptool.config.json';

export interface NumberContextOptions {
  country?: string | undefined;
  fromCountry?: string | undefined;
  carrier?: string | undefined;
  profiles?: string | undefined;
}

export interface NumberContext {
  country?: string;
  fromCountry?: string;
  profile?: NumberingProfile;
  custom: NumberingProfile[];
  /** Notes to print on stderr once ("UK is not an ISO code; using GB"). */
  notes: string[];
}

/**
 * Turns the shared `siptool number` options into checked values: countries (--country, else
 * SIPTOOL_COUNTRY), custom profiles (--profiles FILE, else ./siptool.config.json when present)
 * and the carrier profile. Every mistake is a UsageError or InputError (exit 2).
 */
export function numberContext(opts: NumberContextOptions, env: NodeJS.ProcessEnv, cwd: string): NumberContext {
  const ctx: NumberContext = { custom: [], notes: [] };
  const country = opts.country ?? (env.SIPTOOL_COUNTRY?.trim() || undefined);
  if (country !== undefined) ctx.country = checkCountry(country, opts.country !== undefined ? '--country' : 'SIPTOOL_COUNTRY', ctx.notes);
  if (opts.fromCountry !== undefined) ctx.fromCountry = checkCountry(opts.fromCountry, '--from-country', ctx.notes);
  const file = opts.profiles ?? (existsSync(resolvePath(cwd, CONFIG_FILE)) ? CONFIG_FILE : undefined);
  if (file !== undefined) ctx.custom = loadProfiles(resolvePath(cwd, file), file);
  if (opts.carrier !== undefined) {
    try {
      ctx.profile = getProfile(opts.carrier, ctx.custom);
    } catch (e) {
      if (e instanceof NumberError) throw new UsageError(e.message, e.code);
      throw e;
    }
  }
  return ctx;
}

function checkCountry(value: string, flag: string, notes: string[]): string {
  try {
    const r = resolveCountry(value);
    if (r.note) notes.push(`${flag} ${value}: ${r.note}; using ${r.country}`);
    return r.country;
  } catch (e) {
    if (e instanceof NumberError) throw new UsageError(`${flag}: ${e.message}`, e.code);
    throw e;
  }
}

function loadProfiles(path: string, shown: string): NumberingProfile[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read "${shown}": ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`, code === 'ENOENT' ? 'SIPTOOL_ERR_INPUT_NOT_FOUND' : 'SIPTOOL_ERR_INPUT', { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${shown} is not valid JSON: ${(e as Error).message}`, 'NUMBER_ERR_BAD_PROFILE');
  }
  try {
    return readCustomProfiles(json, shown);
  } catch (e) {
    if (e instanceof NumberError) throw new UsageError(e.message, e.code);
    throw e;
  }
}
