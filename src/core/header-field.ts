import { inPlaceParserFor, parserFor, type HeaderValueMap, type KnownHeader } from './header-parsers.js';
import { canonicalName, LIST_HEADERS } from './header-names.js';
import { quickTag } from './quick-facts.js';
import { splitList } from './syntax/split-list.js';
import type { Position } from './problems.js';
import { InvalidArgumentError } from '../errors.js';
import { isToken, latin1ToUtf8, printableClip, utf8ToLatin1 } from './syntax/chars.js';
import { ignoreProblems, MAX_VALUE_PROBLEMS, type Report, type ValueProblem } from './syntax/report.js';

const NOT_PARSED: unique symbol = Symbol('not parsed');

const NO_PROBLEMS: readonly ValueProblem[] = Object.freeze([]);

/**
 * The problems of the value being checked (valueProblems parses one value at a time and parsers
 * never check another field): one Report for every check, and no array while there is no
 * problem. Same limit and note as collectInto.
 */
let found: ValueProblem[] | null = null;
let foundCount = 0;
const collectFound: Report = (code, message, index) => {
  foundCount++;
  if (foundCount <= MAX_VALUE_PROBLEMS) (found ??= []).push({ code, message, index });
  else if (foundCount === MAX_VALUE_PROBLEMS + 1) found!.push({ code: 'SIP_LIMIT_EXCEEDED', message: `more than ${MAX_VALUE_PROBLEMS} problems in this value; the rest are not listed`, index, severity: 'warning' });
};

/**
 * One header field line (with its continuation lines) as it appeared: canonical and written
 * name, value, exact position; the structured value is parsed on first use and cached.
 * A parsed field points into its message's header text (shared, never copied).
 */
export class HeaderField {
  /** Canonical name (compact forms expanded): "Via", "Call-ID", or the name as written if unknown. */
  readonly name: string;
  /** The name as written ("v", "CALL-ID"). */
  readonly rawName: string;
  /** 1-based line and column of the name, and its byte offset, in the input (0, 0, -1 for built fields). */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** Source: the header section decoded latin1 (one char per byte), or "" for built fields. */
  private readonly text: string;
  /** Byte offset of text[0] in the input. */
  private readonly base: number;
  /** Indexes in text: the field's first char, its value's first char, after its last char. */
  private readonly start: number;
  private readonly valueStart: number;
  private readonly end: number;
  /** 1: the field's last line ended with CRLF (else LF); 2: the field spans several lines. */
  private readonly flags: number;
  private ownValue: string | null;
  private lexCache: string | null;
  /** Set by the full, checking parse (valueProblems); its value is then in `lightValue`. */
  private problemList: readonly ValueProblem[] | null;
  /** The structured value: light (parsed) or full (valueProblems); NOT_PARSED until read. */
  private lightValue: unknown;
  /** quickTag of lexValue once read (rules ask a message for its To and From tags many times). */
  private tagCache: string | null | false | undefined;

  /** @internal use HeaderField.create, or parse a message */
  constructor(name: string, rawName: string, line: number, text: string, base: number, start: number, valueStart: number, end: number, flags: number, value: string | null) {
    this.name = name;
    this.rawName = rawName;
    this.line = line;
    this.column = value === null ? 1 : 0;
    this.offset = value === null ? base + start : -1;
    this.text = text;
    this.base = base;
    this.start = start;
    this.valueStart = valueStart;
    this.end = end;
    this.flags = flags;
    this.ownValue = value;
    this.lexCache = null;
    this.problemList = null;
    this.lightValue = NOT_PARSED;
    this.tagCache = undefined;
  }

  /** A new field (for building or editing messages). `value` is ordinary (UTF-16) text. */
  static create(name: string, value: string): HeaderField {
    if (!isToken(name)) throw new InvalidArgumentError(`header name "${printableClip(name)}" is not a token`);
    // a CR or LF would end the line and let the rest pose as another header (header injection)
    if (breaksLine(value)) throw new InvalidArgumentError(`the value of ${name} contains a line break or NUL`);
    return new HeaderField(canonicalName(name), name, 0, '', 0, 0, 0, 0, 1, utf8ToLatin1(value));
  }

  private get fromSource(): boolean {
    return this.ownValue === null;
  }

  /** True for a field built or edited through the API (serialized from its value, not its source). */
  get modified(): boolean {
    return this.ownValue !== null;
  }

  /**
   * The value as parsers see it: latin1 text where every CR and LF of a folded line is a space,
   * so indexes map 1:1 onto the source bytes; trailing whitespace trimmed.
   */
  get lexValue(): string {
    if (this.lexCache !== null) return this.lexCache;
    let v: string;
    if (this.ownValue !== null) v = this.ownValue;
    else {
      let e = this.end;
      const t = this.text;
      while (e > this.valueStart && (t.charCodeAt(e - 1) === 32 || t.charCodeAt(e - 1) === 9)) e--;
      v = t.slice(this.valueStart, e);
      if (this.folded) v = v.replace(/[\r\n]/g, ' ');
    }
    this.lexCache = v;
    return v;
  }

  /** The value as a person reads it: folding collapsed to one space, UTF-8 decoded. */
  get value(): string {
    return latin1ToUtf8(this.fromSource && this.folded ? this.unfoldedSource() : this.lexValue);
  }

  private unfoldedSource(): string {
    return this.text.slice(this.valueStart, this.end).replace(/[ \t]*\r?\n[ \t]+/g, ' ').trimEnd();
  }

  /**
   * The comma-separated values of a list header (RFC 3261 §7.3.1: commas inside quoted strings
   * and <...> do not separate); a one-element list for headers whose commas are literal text
   * (WWW-Authenticate, Authorization, Date, Subject, unknown headers ...).
   */
  values(): string[] {
    if (!LIST_HEADERS.has(this.name)) return [this.value];
    const lex = this.lexValue;
    const spans = splitList(lex, ignoreProblems);
    const out: string[] = [];
    for (let k = 0; k < spans.length; k += 2) out.push(latin1ToUtf8(lex.slice(spans[k], spans[k + 1])));
    return out;
  }

  /** Exact source text of the field, name to end of the last continuation line (no final line end). */
  get raw(): string {
    if (this.ownValue !== null) return `${this.rawName}: ${this.ownValue}`;
    return this.text.slice(this.start, this.end);
  }

  /** The line terminator that ended the field in its source ("\r\n" for built fields). */
  get eol(): string {
    return (this.flags & 1) !== 0 ? '\r\n' : '\n';
  }

  /** True when the value was folded over several lines. */
  get folded(): boolean {
    return this.ownValue === null && (this.flags & 2) !== 0;
  }

  /** Replaces the value (the field then serializes as `Name: value`). */
  setValue(value: string): void {
    if (breaksLine(value)) throw new InvalidArgumentError(`the value of ${this.name} contains a line break or NUL`);
    this.ownValue = utf8ToLatin1(value);
    this.lexCache = null;
    this.problemList = null;
    this.lightValue = NOT_PARSED;
    this.tagCache = undefined;
  }

  /** @internal quickTag(lexValue) (see quick-facts.ts), read once per value. */
  quickTag(): string | null | false {
    if (this.tagCache === undefined) {
      const lex = this.lexValue;
      this.tagCache = quickTag(lex, 0, lex.length);
    }
    return this.tagCache;
  }

  /** Position in the input of index `i` of lexValue (falls back to the field start). */
  positionAt(i: number): Position {
    if (this.ownValue !== null) return { line: this.line, column: this.column, offset: this.offset };
    const abs = Math.min(this.valueStart + Math.max(0, i), this.end);
    let line = this.line;
    let lineStart = this.start;
    for (let k = this.text.indexOf('\n', this.start); k >= 0 && k < abs; k = this.text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    return { line, column: abs - lineStart + 1, offset: this.base + abs };
  }

  /** Position of the value's first char. */
  get valuePosition(): Position {
    return this.positionAt(0);
  }

  /**
   * The structured value (see HeaderValueMap); the text value for headers without a parser.
   * Parsed without collecting problems the first time (sub-values such as URIs are then read
   * on demand); `valueProblems` does the full, checking parse.
   */
  parsed<K extends KnownHeader>(this: HeaderField & { name: K }): HeaderValueMap[K];
  parsed(): unknown;
  parsed(): unknown {
    if (this.lightValue !== NOT_PARSED) return this.lightValue;
    if (this.ownValue === null && (this.flags & 2) === 0) {
      // one unfolded line: the usual headers are read in place, without copying the value first
      const inPlace = inPlaceParserFor(this.name);
      if (inPlace !== undefined) {
        let e = this.end;
        const t = this.text;
        while (e > this.valueStart && (t.charCodeAt(e - 1) === 32 || t.charCodeAt(e - 1) === 9)) e--;
        this.lightValue = inPlace(t, this.valueStart, e);
        return this.lightValue;
      }
    }
    const parser = parserFor(this.name);
    this.lightValue = parser === undefined ? this.value : parser(this.lexValue, ignoreProblems);
    return this.lightValue;
  }

  /**
   * @internal The full parse (valueProblems and the value it read) of `other`, a field with the
   * same canonical name and lexValue whose valueProblems were read: the parse depends on nothing
   * else, so it is shared instead of done again (the value is then shared: read-only). A field
   * that was parsed already keeps its own.
   */
  adoptParse(other: HeaderField): readonly ValueProblem[] {
    if (this.problemList === null && other.problemList !== null) {
      this.lightValue = other.lightValue;
      this.problemList = other.problemList;
    }
    return this.valueProblems;
  }

  /** Problems found by a full parse of the structured value (indexes into lexValue). */
  get valueProblems(): readonly ValueProblem[] {
    if (this.problemList === null) {
      const parser = parserFor(this.name);
      if (parser === undefined) {
        this.lightValue = this.value;
        this.problemList = NO_PROBLEMS;
      } else {
        found = null;
        foundCount = 0;
        this.lightValue = parser(this.lexValue, collectFound);
        this.problemList = found ?? NO_PROBLEMS;
        found = null;
      }
    }
    return this.problemList;
  }
}

/** A CR, LF or NUL in a value to be written (it would end the header line early). */
function breaksLine(value: string): boolean {
  return value.includes('\r') || value.includes('\n') || value.includes('\0');
}
