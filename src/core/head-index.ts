import { HeaderField } from './header-field.js';
import { inPlaceParserFor } from './header-parsers.js';

/**
 * Per field in `spans`: start, colon, end (indexes in the head text), line, flags (1: the last
 * line ended with CRLF, 2: the field has continuation lines).
 */
export const SPAN = 5;

/**
 * The header fields of a parsed message as positions in its head and canonical names, before
 * any HeaderField exists: looking up a few headers (a proxy, a probe) builds only the fields it
 * returns. `all()` builds every field, in order.
 */
export class HeadIndex {
  readonly text: string;
  readonly bytes: Uint8Array;
  /** Byte offset of text[0] in `bytes` (and in the parser's input). */
  readonly base: number;
  readonly spans: number[];
  /**
   * Canonical name of each field, and the name as written (null: every name as its canonical one).
   * Read-only: `names` is shared by the heads read with the same names in order.
   */
  readonly names: string[];
  readonly rawNames: string[] | null;
  /** Fields built so far, by index; null until the first (a held message may never build one). */
  private cache: Array<HeaderField | undefined> | null = null;

  constructor(text: string, bytes: Uint8Array, base: number, spans: number[], names: string[], rawNames: string[] | null) {
    this.text = text;
    this.bytes = bytes;
    this.base = base;
    this.spans = spans;
    this.names = names;
    this.rawNames = rawNames;
  }

  get count(): number {
    return this.names.length;
  }

  /** Index of the first field at or after `from` whose canonical name is `canon`, or -1. */
  find(canon: string, from = 0): number {
    const names = this.names;
    for (let i = from; i < names.length; i++) if (names[i] === canon) return i;
    return -1;
  }

  /** Where field i's value starts and ends in `text` (folded lines included). */
  valueStart(i: number): number {
    const end = this.spans[i * SPAN + 2]!;
    const b = this.bytes;
    const base = this.base;
    let vs = this.spans[i * SPAN + 1]! + 1;
    while (vs < end) {
      const c = b[base + vs]!;
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
      vs++;
    }
    return vs;
  }

  valueEnd(i: number): number {
    return this.spans[i * SPAN + 2]!;
  }

  /** Where field i's value ends once trailing SP/HT are trimmed (as HeaderField.lexValue trims). */
  lexEnd(i: number): number {
    const b = this.bytes;
    const base = this.base;
    const vs = this.valueStart(i);
    let e = this.spans[i * SPAN + 2]!;
    while (e > vs && (b[base + e - 1] === 32 || b[base + e - 1] === 9)) e--;
    return e;
  }

  /**
   * True when field i's value can be read straight from `text`: one line (no folding to undo)
   * and no HeaderField built for it yet that could have been edited. text[valueStart(i)..lexEnd(i))
   * is then exactly the field's lexValue.
   */
  isPlain(i: number): boolean {
    const f = this.cache === null ? undefined : this.cache[i];
    return (this.spans[i * SPAN + 4]! & 2) === 0 && (f === undefined || !f.modified);
  }

  /**
   * @internal Field i's structured value as HeaderField#parsed gives it, read in place without
   * building the field; undefined when it must be built for that (folded, built already, or a
   * header without an in-place parser).
   */
  readInPlace(i: number): unknown {
    const parse = (this.cache === null || this.cache[i] === undefined) && (this.spans[i * SPAN + 4]! & 2) === 0 ? inPlaceParserFor(this.names[i]!) : undefined;
    return parse === undefined ? undefined : parse(this.text, this.valueStart(i), this.lexEnd(i));
  }

  /** Field i as a HeaderField (built once). */
  field(i: number): HeaderField {
    const cache = (this.cache ??= new Array<HeaderField | undefined>(this.names.length).fill(undefined));
    let f = cache[i];
    if (f === undefined) {
      const sp = this.spans;
      const o = i * SPAN;
      f = new HeaderField(this.names[i]!, (this.rawNames ?? this.names)[i]!, sp[o + 3]!, this.text, this.base, sp[o]!, this.valueStart(i), sp[o + 2]!, sp[o + 4]!, null);
      cache[i] = f;
    }
    return f;
  }

  /**
   * @internal The same index without the fields built from it (none shared), or undefined when
   * one of them was edited.
   */
  copy(): HeadIndex | undefined {
    if (this.cache !== null) for (const f of this.cache) if (f !== undefined && f.modified) return undefined;
    return new HeadIndex(this.text, this.bytes, this.base, this.spans, this.names, this.rawNames);
  }

  /** Every field, in order. */
  all(): HeaderField[] {
    const n = this.names.length;
    const out = new Array<HeaderField>(n);
    for (let i = 0; i < n; i++) out[i] = this.field(i);
    return out;
  }
}
