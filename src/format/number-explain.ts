import type { NumberExplanation } from '../number/explain-number.js';
import type { NumberingProfile } from '../number/profiles/types.js';
import { typeWords } from './number-line.js';
import type { Palette } from './palette.js';

const col = (s: string, n: number): string => (s.length >= n ? s + ' ' : s.padEnd(n));

/** `siptool number explain` in prose: what each part is, its formats, what each profile wants. */
export function formatNumberExplanation(x: NumberExplanation, c: Palette): string {
  const r = x.result;
  const out: string[] = [];
  const verdict = r.valid
    ? `${c.ok('valid')}: ${r.country ? `${r.country} ` : ''}${typeWords(r.type)}, ${r.e164}`
    : `${c.error('invalid')}: ${r.explanation ?? 'not a telephone number'}`;
  out.push(`${c.bold(r.input.trim())}  ${verdict}`);
  out.push(`  written as ${c.accent(r.inputFormat)}${r.numberFormat !== r.inputFormat && r.numberFormat !== 'unknown' ? ` (the number inside: ${r.numberFormat})` : ''}`);
  if (x.parts.length > 0) {
    out.push('', c.bold('What each part is'));
    for (const p of x.parts) out.push(`  ${c.value(col(p.text, 18))}${c.name(col(p.role, 22))}${c.dim(p.description)}`);
  }
  const notes = r.problems.filter((p) => p.severity !== 'error' || !r.valid);
  if (notes.length > 0) {
    out.push('', c.bold('What is not as a carrier expects'));
    for (const p of notes) {
      const sev = p.severity === 'error' ? c.error('error  ') : p.severity === 'warning' ? c.warning('warning') : c.info('note   ');
      out.push(`  ${sev}  ${p.message}  ${c.dim(p.code)}`);
    }
  }
  if (x.formats.length > 0) {
    out.push('', c.bold('The same number in every format'));
    for (const f of x.formats) out.push(`  ${c.name(col(f.format, 18))}${f.value !== null ? f.value : c.dim(f.note ?? 'n/a')}`);
  }
  if (x.profiles.length > 0) {
    out.push('', c.bold('What each profile wants'));
    for (const p of x.profiles) {
      const kind = p.kind === 'generic' ? '' : c.dim(` (${p.kind})`);
      const want = p.wants !== null ? `${col(p.wants, 18)}${p.inputAccepted ? c.ok('input accepted as written') : c.warning('rewrite needed')}` : c.dim(p.note);
      out.push(`  ${c.name(col(p.profile, 14))}${want}${kind}`);
    }
    out.push(c.dim('  sources: siptool number profiles, docs/carriers.md'));
  }
  return out.join('\n');
}

/** `siptool number profiles`: every profile with its values and sources. */
export function formatProfiles(profiles: readonly NumberingProfile[], c: Palette): string {
  const out: string[] = [];
  for (const p of profiles) {
    out.push(`${c.bold(p.id)}  ${p.name}${p.kind !== 'generic' ? c.dim(` (${p.kind})`) : ''}`);
    out.push(`  ${p.summary}`);
    const rows: Array<[string, { value: unknown; source: { title: string; url?: string } } | undefined]> = [
      ['home', p.home],
      ['domestic', p.domestic],
      ['format', p.format],
      ['accepts', p.accepts],
      ['inbound', p.inbound],
      ['user=phone', p.userPhone],
    ];
    for (const [name, v] of rows) {
      if (!v) continue;
      const value = Array.isArray(v.value) ? v.value.join(', ') : String(v.value);
      out.push(`  ${c.name(col(name, 12))}${col(value, 22)}${c.dim(v.source.url ?? v.source.title)}`);
    }
    for (const n of p.notes ?? []) out.push(`  ${c.name(col('note', 12))}${n.value} ${c.dim(n.source.url ?? n.source.title)}`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}
