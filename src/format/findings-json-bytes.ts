import type { Finding } from '../explain/rule.js';
import { nested } from './findings-json.js';

/** The members of a rule's findings that never change, as JSON text encoded once. */
interface RuleParts {
  ruleId: string;
  category: string;
  ref: string;
  fix: string;
  /** `{` up to the value of "messageId". */
  head: Buffer;
  /** `,\n      "category": ...` up to the value of "severity". */
  category_: string;
  /** From `,\n      "ref"` to the end of "fix". */
  tail: Buffer;
}

const I = '\n      ';

/** A number as JSON.stringify writes it. */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * The text arrayItemsBytes (findings-json.ts) gives for findings, made with each rule's fixed
 * members (ruleId, category, ref, fix: more than half of a finding's text) encoded once per rule
 * instead of quoted and encoded again for every finding. A finding of another shape (not made
 * by the engine) is written with JSON.stringify.
 */
export class FindingsJsonWriter {
  private readonly rules = new Map<string, RuleParts>();
  private buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;

  /** The elements, as arrayItemsBytes returns them (lead separator, then bytes start..end). */
  items(findings: readonly Finding[], first: boolean): { lead: string; bytes: Buffer; start: number; end: number } | undefined {
    if (findings.length === 0) return undefined;
    this.pos = 0;
    for (let i = 0; i < findings.length; i++) {
      if (i > 0) this.text(',\n    ');
      this.finding(findings[i]!);
    }
    return { lead: first ? '\n    ' : ',\n    ', bytes: this.buf, start: 0, end: this.pos };
  }

  private finding(f: Finding): void {
    const r = this.partsOf(f);
    if (r === undefined || typeof f.messageId !== 'string' || typeof f.severity !== 'string' || typeof f.message !== 'string' || typeof f.file !== 'string') {
      this.text(nested(f, 2));
      return;
    }
    this.bytes(r.head);
    this.text(
      JSON.stringify(f.messageId) +
        r.category_ +
        JSON.stringify(f.severity) +
        `,${I}"message": ` +
        JSON.stringify(f.message) +
        `,${I}"messageIndex": ${num(f.messageIndex)},${I}"line": ${num(f.line)},${I}"column": ${num(f.column)},${I}"length": ${num(f.length)},${I}"file": ` +
        JSON.stringify(f.file) +
        `,${I}"fileLine": ${num(f.fileLine)},${I}"fileColumn": ${num(f.fileColumn)}`,
    );
    this.bytes(r.tail);
    this.text(f.header === undefined ? '\n    }' : `,${I}"header": ${JSON.stringify(f.header)}\n    }`);
  }

  /** The rule's fixed parts, when the finding carries them as the engine makes it (else undefined). */
  private partsOf(f: Finding): RuleParts | undefined {
    let r = this.rules.get(f.ruleId);
    if (r === undefined || r.category !== f.category || r.ref !== f.ref || r.fix !== f.fix) {
      if (typeof f.ruleId !== 'string' || typeof f.category !== 'string' || typeof f.ref !== 'string' || typeof f.fix !== 'string') return undefined;
      r = {
        ruleId: f.ruleId,
        category: f.category,
        ref: f.ref,
        fix: f.fix,
        head: Buffer.from(`{${I}"ruleId": ${JSON.stringify(f.ruleId)},${I}"messageId": `, 'utf8'),
        category_: `,${I}"category": ${JSON.stringify(f.category)},${I}"severity": `,
        tail: Buffer.from(`,${I}"ref": ${JSON.stringify(f.ref)},${I}"fix": ${JSON.stringify(f.fix)}`, 'utf8'),
      };
      if (this.rules.size < 1024) this.rules.set(f.ruleId, r);
    }
    return r;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  private text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  private bytes(b: Buffer): void {
    this.room(b.length);
    this.pos += b.copy(this.buf, this.pos);
  }
}
