import type { Severity } from '../core/problems.js';
import type { RuleMeta } from '../explain/rule.js';
import { formatFindingsGithub } from './findings-github.js';
import { formatFindingsJson, type ExplainReport } from './findings-json.js';
import { formatFindingsJunit } from './findings-junit.js';
import { formatFindingsSarif } from './findings-sarif.js';
import { formatFindingsStylish } from './findings-stylish.js';
import type { Palette } from './palette.js';

/** Everything a formatter may need besides the report; each takes what it uses. */
export interface FormatContext {
  palette: Palette;
  rules: readonly RuleMeta[];
  version: string;
  cwd: string;
  failOn: Severity | 'never';
  /** Each rule's documentation page (markdown) by id, when the format shows it (SARIF). */
  ruleDocs?: ReadonlyMap<string, string>;
}

export type FindingsFormatter = (report: ExplainReport, ctx: FormatContext) => string;

/** `siptool explain --format NAME`: every output format by name (stylish is the default). */
export const FORMATS: Readonly<Record<string, FindingsFormatter>> = {
  stylish: (r, c) => formatFindingsStylish(r, c.palette),
  json: (r) => formatFindingsJson(r),
  sarif: (r, c) => formatFindingsSarif(r, c),
  github: (r, c) => formatFindingsGithub(r, c),
  junit: (r, c) => formatFindingsJunit(r, c),
};
