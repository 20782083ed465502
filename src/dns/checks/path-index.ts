import type { Lookup } from '../lookup.js';
import type { ResolveResult } from '../resolve-result.js';

/** Which lookups (and which name/type questions) the RFC 3263 path depended on. */
export interface PathIndex {
  lookups: Set<Lookup>;
  questions: Set<string>;
  onPath(l: Lookup): boolean;
  questionOnPath(type: string, name: string): boolean;
}

export function questionKey(type: string, name: string): string {
  return `${type} ${name}`;
}

export function pathIndex(r: ResolveResult): PathIndex {
  const lookups = new Set<Lookup>();
  if (r.procedure === 'naptr' && r.naptr) lookups.add(r.naptr.lookup as Lookup);
  for (const s of r.srv) if (s.onPath) lookups.add(s.lookup as Lookup);
  for (const h of r.hosts) {
    if (!h.onPath) continue;
    if (h.a) lookups.add(h.a as Lookup);
    if (h.aaaa) lookups.add(h.aaaa as Lookup);
  }
  const questions = new Set<string>();
  for (const l of lookups) for (const a of l.answers) questions.add(questionKey(a.type, a.name));
  return {
    lookups,
    questions,
    onPath: (l) => lookups.has(l),
    questionOnPath: (type, name) => questions.has(questionKey(type, name)),
  };
}

/** "a, b, c and 4 more". */
export function listNames(names: readonly string[], max = 3): string {
  const uniq = [...new Set(names)];
  if (uniq.length <= max) return uniq.join(', ');
  return `${uniq.slice(0, max).join(', ')} and ${uniq.length - max} more`;
}

export function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;
}
