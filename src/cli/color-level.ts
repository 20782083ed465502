import { PLAIN, type Palette } from '../format/palette.js';

export interface ColorEnv {
  /** --color (true), --no-color (false) or neither (undefined). */
  flag?: boolean | undefined;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/**
 * Colour level: an explicit --color/--no-color wins; then FORCE_COLOR (as Node does: it takes
 * precedence over NO_COLOR); then NO_COLOR; then whether stdout is a terminal. Kept apart from
 * ui.ts (its spinner loads ora) so a command can decide without loading chalk when the answer is "no colour".
 */
export function colorLevel({ flag, env, isTTY }: ColorEnv): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return flag ? 1 : 0;
    const n = Number(force);
    return n === 2 || n === 3 ? n : 1;
  }
  if (flag === true) return 1;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb') return 0;
  return isTTY ? 1 : 0;
}

/**
 * The palette for a colour level; chalk is loaded only when there is colour. Here rather than in
 * ui.ts, whose spinner brings ora (60 KB with its spinners) into every bundle that imports it.
 */
export async function paletteFor(level: 0 | 1 | 2 | 3): Promise<Palette> {
  return level === 0 ? PLAIN : (await import('./chalk-palette.js')).makePalette(level);
}
