import { Chalk, type ChalkInstance } from 'chalk';
import type { Palette } from '../format/palette.js';

/** A chalk-backed palette at a colour level above 0 (color-level.ts paletteFor). */
export function makePalette(level: 1 | 2 | 3): Palette {
  const c: ChalkInstance = new Chalk({ level });
  return {
    enabled: true,
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
