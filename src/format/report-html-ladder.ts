import type { Severity } from '../core/problems.js';
import type { LadderLayout, LadderRow } from './ladder-layout.js';
import { relativeTime } from './report-html-message.js';
import { html } from './report-html-escape.js';

/** Geometry of the SVG ladder, in CSS pixels. */
const COL = 190;
const GUTTER = 96;
const HEAD = 44;
const ROW = 30;
/** Average width of a label character at the ladder's font size (for clipping). */
const CHAR = 6.4;
/** Width of the column that lists each arrow's rule ids. */
const NOTES = 340;

function clip(s: string, max: number): string {
  const chars = Math.floor(max);
  return s.length <= chars ? s : chars <= 1 ? s.slice(0, Math.max(0, chars)) : s.slice(0, chars - 1) + '…';
}

const SYMBOL: Record<Severity, string> = { error: '!', warning: '!', info: 'i' };

function mid(col: number): number {
  return GUTTER + col * COL + COL / 2;
}

/** One message: a group holding exactly one element of class "arrow", its head, label and marks. */
function arrow(r: LadderRow, i: number, t0: number | undefined, notesX: number, width: number): string {
  const y = HEAD + 22 + i * ROW;
  const a = mid(r.fromCol);
  const b = mid(r.toCol);
  const n = r.fm.index + 1;
  const ids = [...new Set(r.findings.map((f) => f.ruleId))];
  // the findings' own words are in the message below: the tooltip names the rules only
  const tip = `#${n} ${r.from} → ${r.to}: ${r.label}${ids.length > 0 ? ` · ${[...new Set(r.findings.map((f) => `${f.severity} ${f.ruleId}`))].join(', ')}` : ''}`;
  const cls = `msg${r.worst ? ` sev-${r.worst}` : ''}`;
  const out: string[] = [`<g class="${cls}" data-msg="${n}" tabindex="0"><title>${html(tip)}</title>`];
  // the whole row takes the click, not only the thin line
  out.push(`<rect class="hit" x="0" y="${y - ROW / 2 - 4}" width="${width}" height="${ROW}"/>`);
  out.push(`<text class="num" x="6" y="${y + 4}">${n}</text>`);
  const t = relativeTime(r.fm.time, t0);
  if (t) out.push(`<text class="time" x="${GUTTER - 8}" y="${y + 4}" text-anchor="end">${t}</text>`);
  let labelX: number;
  let markX: number;
  let room: number;
  if (a === b) {
    // a message a host sends to itself (or both ends folded into the last column): a loop
    out.push(`<path class="arrow" d="M${a} ${y - 6}h34v12h-30"/>`);
    out.push(`<polygon class="head" points="${a},${y + 6} ${a + 8},${y + 2} ${a + 8},${y + 10}"/>`);
    labelX = a + 40;
    markX = a + 40 + Math.min(COL - 50, r.label.length * CHAR) + 10;
    room = Math.floor((COL - 50) / CHAR);
    out.push(`<text class="label" x="${labelX}" y="${y + 4}">${html(clip(r.label, room))}</text>`);
  } else {
    const dir = b > a ? 1 : -1;
    out.push(`<line class="arrow" x1="${a}" y1="${y}" x2="${b - dir * 2}" y2="${y}"/>`);
    out.push(`<polygon class="head" points="${b},${y} ${b - dir * 9},${y - 4.5} ${b - dir * 9},${y + 4.5}"/>`);
    labelX = (a + b) / 2;
    room = Math.floor((Math.abs(b - a) - 12) / CHAR);
    markX = Math.max(a, b) - 14;
    out.push(`<text class="label" x="${labelX}" y="${y - 5}" text-anchor="middle">${html(clip(r.label, room))}</text>`);
  }
  if (r.worst) {
    out.push(`<g class="mark sev-${r.worst}"><circle cx="${markX}" cy="${y - 10}" r="7"/><text x="${markX}" y="${y - 6.5}" text-anchor="middle">${SYMBOL[r.worst]}</text></g>`);
    const list = ids.join(' ');
    out.push(`<text class="rules sev-${r.worst}" x="${notesX}" y="${y + 4}">${html(clip(list, NOTES / CHAR))}</text>`);
  }
  out.push('</g>');
  return out.join('');
}

/**
 * The SVG ladder of one call: hosts as columns with lifelines, one arrow per message (method or
 * status, time relative to the call's first message), findings marked on the arrows in their
 * severity's colour. Every string from the input is escaped.
 */
export function ladderSvg(layout: LadderLayout, callNumber: number): string {
  const { hosts, rows } = layout;
  const t0 = rows.find((r) => r.fm.time !== undefined)?.fm.time;
  // the rule ids of each arrow's findings go in a column right of the last host
  const notesX = GUTTER + hosts.length * COL + 4;
  const width = notesX + (rows.some((r) => r.worst) ? NOTES : 0);
  const height = HEAD + 22 + rows.length * ROW;
  const out: string[] = [
    `<svg class="ladder" id="ladder-${callNumber}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="call flow of call ${callNumber}: ${rows.length} messages between ${hosts.length} hosts">`,
  ];
  hosts.forEach((h, i) => {
    const x = mid(i);
    const shown = clip(h, (COL - 20) / CHAR);
    out.push(`<g class="host">${shown === h ? '' : `<title>${html(h)}</title>`}<rect x="${x - COL / 2 + 6}" y="4" width="${COL - 12}" height="26" rx="4"/><text x="${x}" y="21" text-anchor="middle">${html(shown)}</text></g>`);
    out.push(`<line class="life" x1="${x}" y1="30" x2="${x}" y2="${height - 4}"/>`);
  });
  rows.forEach((r, i) => out.push(arrow(r, i, t0, notesX, width)));
  out.push('</svg>');
  return out.join('\n');
}
