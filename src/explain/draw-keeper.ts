import type { Severity } from '../core/problems.js';

/** How much a call matters to a report: its worst finding (3 error ... 0 none). */
export function worstSeverity(findings: ReadonlyArray<{ severity: Severity }>): number {
  let worst = 0;
  for (const f of findings) {
    const rank = f.severity === 'error' ? 3 : f.severity === 'warning' ? 2 : 1;
    if (rank > worst) worst = rank;
  }
  return worst;
}

/**
 * The calls a report draws (--ladder, --report, --mermaid), at most `limit`, so that a long
 * capture does not keep every call in memory: the calls with the worst findings first, then the
 * earliest. A call that does not fit replaces the latest of the least severe calls kept, when it
 * is more severe than they are; otherwise it is left out (and counted).
 */
export class DrawKeeper<T> {
  private readonly limit: number;
  /** Kept calls by severity rank (0..3), each in the order they came, with their first message index. */
  private readonly bySeverity: Array<Array<{ index: number; value: T }>> = [[], [], [], []];
  private kept = 0;
  /** Calls seen, and calls left out. */
  seenCalls = 0;
  droppedCalls = 0;

  /** `limit`: calls to keep at most (Infinity: all). */
  constructor(limit: number) {
    this.limit = limit;
  }

  /** Offers a call whose first message is `index` and whose worst finding has rank `severity` (worstSeverity). */
  add(index: number, severity: number, value: T): void {
    this.seenCalls++;
    if (this.kept >= this.limit) {
      // the latest of the least severe calls kept, if it is less severe than this one
      const victims = this.bySeverity.slice(0, severity).find((list) => list.length > 0);
      this.droppedCalls++;
      if (!victims) return;
      victims.pop();
      this.kept--;
    }
    this.bySeverity[severity]!.push({ index, value });
    this.kept++;
  }

  /** The kept values, in input order. */
  values(): T[] {
    return this.bySeverity
      .flat()
      .sort((a, b) => a.index - b.index)
      .map((k) => k.value);
  }
}
