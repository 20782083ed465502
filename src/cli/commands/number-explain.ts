import { explainNumber } from '../../number/explain-number.js';
import { BUILTIN_PROFILES } from '../../number/profiles/index.js';
import { numberToJson } from '../../number/to-json.js';
import { formatNumberExplanation, formatProfiles } from '../../format/number-explain.js';
import { EXIT } from '../exit-codes.js';
import { numberContext } from '../number-config.js';
import type { Palette } from '../../format/palette.js';
import { colorLevel, paletteFor } from '../color-level.js';
import { stdout, stderr } from '../stdio.js';

export interface NumberExplainOptions {
  input: string;
  country?: string | undefined;
  fromCountry?: string | undefined;
  domain?: string | undefined;
  profiles?: string | undefined;
  json: boolean;
  color: boolean | undefined;
}

/** `siptool number explain <input>`: the same analysis as normalize, in prose, for one input. */
export async function run(opts: NumberExplainOptions): Promise<number> {
  const ctx = numberContext(opts, process.env, process.cwd());
  for (const n of ctx.notes) stderr.write(`siptool: ${n}\n`);
  const profiles = [...ctx.custom, ...BUILTIN_PROFILES.filter((p) => !ctx.custom.some((c) => c.id === p.id))];
  const x = explainNumber(opts.input, { country: ctx.country, fromCountry: ctx.fromCountry, domain: opts.domain }, profiles);
  if (opts.json) {
    const doc = { ...numberToJson(x.result), parts: x.parts, formats: x.formats, profiles: x.profiles };
    stdout.write(JSON.stringify(doc, null, 2) + '\n');
  } else {
    stdout.write(formatNumberExplanation(x, await palette(opts.color)) + '\n');
  }
  return x.result.valid ? EXIT.OK : EXIT.FINDINGS;
}

export interface NumberProfilesOptions {
  profiles?: string | undefined;
  json: boolean;
  color: boolean | undefined;
}

/** `siptool number profiles`: the built-in and custom profiles with their sources. */
export async function runProfiles(opts: NumberProfilesOptions): Promise<number> {
  const ctx = numberContext(opts, process.env, process.cwd());
  const all = [...ctx.custom, ...BUILTIN_PROFILES];
  if (opts.json) stdout.write(JSON.stringify({ schema: 'siptool.number-profiles/1', profiles: all }, null, 2) + '\n');
  else stdout.write(formatProfiles(all, await palette(opts.color)) + '\n');
  return EXIT.OK;
}

/** The colour palette; chalk is loaded only when colour is on. */
async function palette(color: boolean | undefined): Promise<Palette> {
  const level = colorLevel({ flag: color, env: process.env, isTTY: stdout.isTTY });
  return paletteFor(level);
}
