import { Chalk, type ChalkInstance } from 'chalk';
import type { Palette } from '../format/palette.js';

export type { Palette };

export interface ColorEnv {
  /** --color (true), --no-color (false) or neither (undefined). */
  flag?: boolean | undefined;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/**
 * Colour level: an explicit --color/--no-color wins; then FORCE_COLOR (as Node does: it takes
 * precedence over NO_COLOR); then NO_COLOR; then whether stdout is a terminal.
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

export function makePalette(level: 0 | 1 | 2 | 3): Palette {
  const c: ChalkInstance = new Chalk({ level });
  return {
    enabled: level > 0,
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    name: (s) => c.cyan(s),
    value: (s) => s,
    accent: (s) => c.magenta(s),
    ok: (s) => c.green(s),
    error: (s) => c.red.bold(s),
    warning: (s) => c.yellow(s),
    info: (s) => c.blue(s),
  };
}

export interface Spinner {
  text(t: string): void;
  stop(): void;
}

/** An ora spinner on an interactive stderr; a silent no-op anywhere else (pipes, CI, --json). */
export async function startSpinner(text: string, opts: { enabled: boolean; stream: NodeJS.WriteStream }): Promise<Spinner> {
  if (!opts.enabled || !opts.stream.isTTY || process.env.CI) return { text: () => {}, stop: () => {} };
  const { default: ora } = await import('ora');
  const s = ora({ text, stream: opts.stream }).start();
  return {
    text: (t) => {
      s.text = t;
    },
    stop: () => {
      s.stop();
    },
  };
}
