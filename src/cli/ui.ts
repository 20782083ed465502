import type { Palette } from '../format/palette.js';
import { stderr } from './stdio.js';

export type { Palette };

export { colorLevel, paletteFor, type ColorEnv } from './color-level.js';


export interface Spinner {
  text(t: string): void;
  stop(): void;
}

/** An ora spinner on an interactive stderr; a silent no-op anywhere else (pipes, CI, --json). */
export async function startSpinner(text: string, opts: { enabled: boolean }): Promise<Spinner> {
  // process.stderr only once stderr is known to be a terminal (building it costs, see stdio.ts);
  // a terminal that reports no width (some pseudo-terminals) makes ora redraw without end
  if (!opts.enabled || !stderr.isTTY || process.env.CI || !(process.stderr.columns > 0)) return { text: () => {}, stop: () => {} };
  let ora: typeof import('ora').default;
  try {
    ora = (await import('ora')).default;
  } catch {
    // a spinner is decoration: a run goes on without one (the CLI bundles load ora from a file
    // beside them, dist/cli/vendor/ora.cjs, which a broken install may lack)
    return { text: () => {}, stop: () => {} };
  }
  const s = ora({ text, stream: process.stderr }).start();
  return {
    text: (t) => {
      s.text = t;
    },
    stop: () => {
      s.stop();
    },
  };
}
