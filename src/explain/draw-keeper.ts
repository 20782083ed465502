import type { Severity } from '../core/problems.js';

/** How much a group of calls matters to a report: its worst finding (3 error ... 0 none). */
export function worstSeverity(findings: ReadonlyArray<{ severity: Severity }>): number {
  let worst = 0;
  for (const f of findings) {
    const rank = f.severity === 'error' ? 3 : f.severity === 'warning' ? 2 : 1;
    if (rank > worst) worst = rank;
  }
  return worst;
}

interface Kept<T> {
  /** The group's first message index: the kept groups are handed back in this order. */
  index: number;
  calls: number;
  value: T;
}

/**
 * The groups of calls a report draws (--ladder, --report, --mermaid), at most `limit` calls, so
 * that a long capture does not keep every call in memory: the calls with the worst findings
 * first, then the earliest. A group that does not fit replaces the latest of the least severe
 * groups kept, when it is more severe than they are; otherwise it is left out (and counted).
 */
export class DrawKeeper<T> {
  private readonly limit: number;
  /** Kept groups by severity rank (0..3), each in the order they came. */
  private readonly bySeverity: Array<Array<Kept<T>>> = [[], [], [], []];
  /** Calls kept, in all and by severity rank. */
  private keptCalls = 0;
  private readonly callsBySeverity = [0, 0, 0, 0];
  /** Calls seen, and calls left out. */
  seenCalls = 0;
  droppedCalls = 0;

  /** `limit`: calls to keep at most (Infinity: all). */
  constructor(limit: number) {
    this.limit = limit;
  }

  /** Offers a group (`calls` calls, at least 1 counted) whose worst finding has rank `severity` (worstSeverity). */
  add(index: number, calls: number, severity: number, value: T): void {
    const n = Math.max(1, calls);
    this.seenCalls += n;
    // room the less severe groups would leave: when even that is too little, nothing is evicted
    let room = this.limit - this.keptCalls;
    for (let s = 0; s < severity; s++) room += this.callsBySeverity[s]!;
    if (room < n) {
      this.droppedCalls += n;
      return;
    }
    while (this.keptCalls + n > this.limit) {
      // the latest group of the least severe rank that has any (room says there is one)
      const s = this.callsBySeverity.findIndex((c) => c > 0);
      const out = this.bySeverity[s]!.pop()!;
      this.keptCalls -= out.calls;
      this.callsBySeverity[s]! -= out.calls;
      this.droppedCalls += out.calls;
    }
    this.bySeverity[severity]!.push({ index, calls: n, value });
    this.keptCalls += n;
    this.callsBySeverity[severity]! += n;
  }

  /** The kept values, in input order. */
  values(): T[] {
    return this.bySeverity
      .flat()
      .sort((a, b) => a.index - b.index)
      .map((k) => k.value);
  }
}
