import type { NumberResult } from '../number/normalize-number.js';
import type { Palette } from './palette.js';

/** "fixed-line-or-mobile" → "fixed line or mobile". */
export function typeWords(type: string): string {
  return type.replace(/-/g, ' ');
}

const WIDTH = 16;

/**
 * The human form of one normalised input: a line with the input, the result, country, type and
 * how the input was written, then (indented) the one-line explanation when there is one.
 *
 *   (229) 316-0013  →  +12293160013      US  fixed line or mobile  national
 *     a national United States number without the country code; E.164 carriers want +12293160013
 */
export function formatNumberLine(r: NumberResult, c: Palette, opts: { line?: number } = {}): string {
  const where = opts.line !== undefined ? c.dim(`${String(opts.line).padStart(5)}  `) : '';
  const input = r.input.trim();
  const shown = input.length > 60 ? input.slice(0, 59) + '…' : input;
  let head: string;
  if (r.valid && r.result !== null) {
    head = `${shown}  →  ${c.ok(r.result.padEnd(WIDTH))}  ${(r.country ?? '--').padEnd(2)}  ${typeWords(r.type).padEnd(20)}  ${c.dim(r.inputFormat)}`;
  } else if (r.valid) {
    head = `${shown}  →  ${c.error('not representable'.padEnd(WIDTH))}  ${(r.country ?? '--').padEnd(2)}  ${typeWords(r.type).padEnd(20)}  ${c.dim(r.inputFormat)}`;
  } else {
    head = `${shown}  →  ${c.error('invalid'.padEnd(WIDTH))}  ${c.dim(r.inputFormat)}`;
  }
  const lines = [where + head];
  if (r.explanation) {
    const first = r.problems.find((p) => p.severity === 'error');
    const text = first ? `${c.error(first.message)}  ${c.dim(first.code)}` : c.dim(r.explanation);
    lines.push(`${where ? ' '.repeat(7) : ''}  ${text}`);
  }
  return lines.join('\n');
}
