import type { Rule } from '../rule.js';
import privateContact from './private-contact.js';
import routeMissingLr from './route-missing-lr.js';
import sipSyntax from './sip-syntax.js';

/** Every rule, by id (sorted). One file per rule in this folder; docs in docs/rules/<id>.md. */
export const RULES: ReadonlyMap<string, Rule> = new Map(
  [privateContact, routeMissingLr, sipSyntax].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1)).map((r) => [r.meta.id, r]),
);
