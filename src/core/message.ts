import { canonicalName } from './header-names.js';
import type { HeaderValueMap, KnownHeader } from './header-parsers.js';
import { HeaderField } from './header-field.js';
import { HeadIndex } from './head-index.js';
import type { CSeq } from './headers/cseq.js';
import type { MediaType } from './headers/media-type.js';
import type { NameAddr } from './headers/name-addr.js';
import type { Via } from './headers/via.js';
import type { Position } from './problems.js';
import { readUri } from './uri/parse-uri.js';
import type { Uri } from './uri/types.js';
import { ignoreProblems } from './syntax/report.js';
import { quickBranch, quickCallId, quickTag } from './quick-facts.js';

/** Where a parsed message came from in the parser's input. */
export interface MessageSource {
  /** The bytes the message was parsed from (shared with the caller, not copied). */
  readonly input: Buffer;
  /** Byte range of the message in `input` (start line to end of body), and of its parts. */
  readonly start: number;
  readonly end: number;
  readonly headEnd: number;
  readonly bodyStart: number;
  /** The start line as written (latin1), its line terminator, and the empty line's terminator. */
  readonly startLine: string;
  readonly startLineEol: string;
  readonly blankLineEol: string;
  /** Position of the start line. */
  readonly position: Position;
  /** Number of header fields at parse time (to notice structural edits). */
  readonly headerCount: number;
}

type ListElement<K extends KnownHeader> = HeaderValueMap[K] extends Array<infer E> ? E : never;
type ListHeader = { [K in KnownHeader]: HeaderValueMap[K] extends unknown[] ? K : never }[KnownHeader];

/**
 * A SIP message: ordered header fields with positions, a body, and lazily parsed structured
 * values. SipRequest and SipResponse add their start lines; `kind` tells them apart.
 */
export abstract class SipMessage {
  abstract readonly kind: 'request' | 'response';
  private versionValue: string;
  /** The fields once built (all of them, in order); null while only the parsed index exists. */
  private fieldList: HeaderField[] | null;
  readonly index: HeadIndex | null;
  /** The body; null until first read for a parsed message (then a view into the input). */
  private bodyBytes: Buffer | null;
  /** Set when the message was parsed; null for built messages. */
  readonly source: MessageSource | null;
  private edited = false;
  private startLineEdited = false;

  protected constructor(version: string, headers: HeaderField[] | HeadIndex, body: Buffer | null, source: MessageSource | null) {
    this.versionValue = version;
    if (headers instanceof HeadIndex) {
      this.index = headers;
      this.fieldList = null;
    } else {
      this.index = null;
      this.fieldList = headers;
    }
    this.bodyBytes = body;
    this.source = source;
  }

  /**
   * @internal The same parsed message as a new object without this one's caches (fields, parsed
   * values, body view); undefined when built or edited. What is cached on a long-held message (old
   * in V8's heap) outlives its use until a full GC; cached on a fresh view, it dies young.
   */
  abstract freshView(): AnySipMessage | undefined;

  protected freshIndex(): HeadIndex | undefined {
    return this.index === null || this.source === null || this.fieldList !== null || this.edited ? undefined : this.index.copy();
  }

  /** Header fields in order; repeated headers keep their places. Edit through set/append/remove. */
  get headers(): HeaderField[] {
    if (this.fieldList === null) this.fieldList = this.index!.all();
    return this.fieldList;
  }

  /** The protocol version as written ("SIP/2.0"). */
  get version(): string {
    return this.versionValue;
  }

  set version(v: string) {
    this.versionValue = v;
    this.markStartLineEdited();
  }

  /** The body octets (a view into the input for parsed messages). */
  get body(): Buffer {
    if (this.bodyBytes === null) this.bodyBytes = this.source === null ? Buffer.alloc(0) : this.source.input.subarray(this.source.bodyStart, this.source.end);
    return this.bodyBytes;
  }

  set body(value: Buffer | string) {
    this.bodyBytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    this.edited = true;
  }

  /** The body as UTF-8 text. */
  get bodyText(): string {
    return this.body.toString('utf8');
  }

  /** True when the message was built, or edited since it was parsed. */
  get modified(): boolean {
    if (this.source === null || this.edited) return true;
    if (this.headers.length !== this.source.headerCount) return true;
    for (const h of this.headers) if (h.modified) return true;
    return false;
  }

  /** True when method, Request-URI, status, reason or version were changed after parsing. */
  get startLineModified(): boolean {
    return this.source === null || this.startLineEdited;
  }

  protected markStartLineEdited(): void {
    this.edited = true;
    this.startLineEdited = true;
  }

  /** The first field with this name (any spelling or compact form). */
  get(name: string): HeaderField | undefined {
    if (this.fieldList === null) {
      const index = this.index!;
      let i = index.find(name);
      if (i < 0) {
        const canon = canonicalName(name);
        if (canon !== name) i = index.find(canon);
      }
      return i < 0 ? undefined : index.field(i);
    }
    const headers = this.fieldList;
    // canonical names (the usual argument) match directly; other spellings are canonicalised
    for (let i = 0; i < headers.length; i++) if (headers[i]!.name === name) return headers[i];
    const canon = canonicalName(name);
    if (canon === name) return undefined;
    for (let i = 0; i < headers.length; i++) if (headers[i]!.name === canon) return headers[i];
    return undefined;
  }

  getAll(name: string): HeaderField[] {
    const canon = canonicalName(name);
    const out: HeaderField[] = [];
    if (this.fieldList === null) {
      const index = this.index!;
      for (let i = index.find(canon); i >= 0; i = index.find(canon, i + 1)) out.push(index.field(i));
      return out;
    }
    for (const h of this.fieldList) if (h.name === canon) out.push(h);
    return out;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The first field's value as text. */
  value(name: string): string | undefined {
    return this.get(name)?.value;
  }

  /** The first field's structured value. */
  parsed<K extends KnownHeader>(name: K): HeaderValueMap[K] | undefined {
    return this.get(name)?.parsed() as HeaderValueMap[K] | undefined;
  }

  /** Every element of a list header across all its fields, in order (Via, Route, Contact...). */
  list<K extends ListHeader>(name: K): Array<ListElement<K>> {
    const out: Array<ListElement<K>> = [];
    for (const h of this.getAll(name)) {
      const v = h.parsed();
      if (Array.isArray(v)) for (const e of v) out.push(e as ListElement<K>);
    }
    return out;
  }

  /** Replaces every field of that name with one field (placed where the first one was). */
  set(name: string, value: string): this {
    const canon = canonicalName(name);
    const i = this.headers.findIndex((h) => h.name === canon);
    const field = HeaderField.create(name, value);
    if (i < 0) this.headers.push(field);
    else {
      this.headers[i] = field;
      for (let j = this.headers.length - 1; j > i; j--) if (this.headers[j]!.name === canon) this.headers.splice(j, 1);
    }
    this.edited = true;
    return this;
  }

  /** Adds a field after the last field of the same name (or at the end). */
  append(name: string, value: string): this {
    const canon = canonicalName(name);
    let last = -1;
    this.headers.forEach((h, i) => {
      if (h.name === canon) last = i;
    });
    const field = HeaderField.create(name, value);
    if (last < 0) this.headers.push(field);
    else this.headers.splice(last + 1, 0, field);
    this.edited = true;
    return this;
  }

  /** Adds a field before the first field of the same name (a new top Via, Record-Route...). */
  prepend(name: string, value: string): this {
    const canon = canonicalName(name);
    const i = this.headers.findIndex((h) => h.name === canon);
    const field = HeaderField.create(name, value);
    if (i < 0) this.headers.push(field);
    else this.headers.splice(i, 0, field);
    this.edited = true;
    return this;
  }

  remove(name: string): number {
    const canon = canonicalName(name);
    let n = 0;
    for (let j = this.headers.length - 1; j >= 0; j--) {
      if (this.headers[j]!.name === canon) {
        this.headers.splice(j, 1);
        n++;
      }
    }
    if (n > 0) this.edited = true;
    return n;
  }

  // Conveniences for the facts every tool needs.

  get callId(): string | undefined {
    if (this.fieldList === null) {
      // parsed and not restructured: read the value straight from the head text when it is one line
      const index = this.index!;
      const i = index.find('Call-ID');
      if (i < 0) return undefined;
      if (index.isPlain(i)) return quickCallId(index.text, index.valueStart(i), index.lexEnd(i));
      return index.field(i).parsed() as string;
    }
    return this.parsed('Call-ID');
  }

  get cseq(): CSeq | undefined {
    return this.parsed('CSeq') ?? undefined;
  }

  get from(): NameAddr | undefined {
    return this.parsed('From');
  }

  get to(): NameAddr | undefined {
    return this.parsed('To');
  }

  get fromTag(): string | undefined {
    return this.tagOf('From');
  }

  get toTag(): string | undefined {
    return this.tagOf('To');
  }

  private tagOf(name: 'From' | 'To'): string | undefined {
    let field: HeaderField | undefined;
    if (this.fieldList === null) {
      const index = this.index!;
      const i = index.find(name);
      if (i < 0) return undefined;
      if (index.isPlain(i)) {
        const quick = quickTag(index.text, index.valueStart(i), index.lexEnd(i));
        if (quick !== false) return quick ?? undefined;
      }
      field = index.field(i);
    } else {
      field = this.get(name);
      if (field === undefined) return undefined;
      const quick = field.quickTag();
      if (quick !== false) return quick ?? undefined;
    }
    return (field.parsed() as NameAddr | null)?.params.get('tag') ?? undefined;
  }

  get vias(): Via[] {
    return this.list('Via');
  }

  /** The topmost Via value (parses only the first Via field). */
  get topVia(): Via | undefined {
    return this.parsed('Via')?.[0];
  }

  get branch(): string | undefined {
    if (this.fieldList === null) {
      const index = this.index!;
      const i = index.find('Via');
      if (i < 0) return undefined;
      if (index.isPlain(i)) {
        const quick = quickBranch(index.text, index.valueStart(i), index.lexEnd(i));
        if (quick !== false) return quick ?? undefined;
      }
    } else {
      const field = this.get('Via');
      if (field === undefined) return undefined;
      const lex = field.lexValue;
      const quick = quickBranch(lex, 0, lex.length);
      if (quick !== false) return quick ?? undefined;
    }
    return this.topVia?.params.get('branch') ?? undefined;
  }

  /** Contact addresses; `'*'` for the REGISTER wildcard; [] when absent. */
  get contacts(): NameAddr[] | '*' {
    if (this.fieldList === null) {
      // parsed and not restructured: one Contact field is the usual case
      const index = this.index!;
      const i = index.find('Contact');
      if (i < 0) return [];
      if (index.find('Contact', i + 1) < 0) return index.field(i).parsed() as NameAddr[] | '*';
    }
    const fields = this.getAll('Contact');
    if (fields.length === 1) {
      const v = fields[0]!.parsed() as NameAddr[] | '*';
      return v;
    }
    const out: NameAddr[] = [];
    for (const f of fields) {
      const v = f.parsed() as NameAddr[] | '*';
      if (v !== '*') for (const na of v) out.push(na);
    }
    return out;
  }

  get maxForwards(): number | undefined {
    return this.parsed('Max-Forwards') ?? undefined;
  }

  get contentLength(): number | undefined {
    return this.parsed('Content-Length') ?? undefined;
  }

  get contentType(): MediaType | undefined {
    return this.parsed('Content-Type') ?? undefined;
  }
}

export class SipRequest extends SipMessage {
  readonly kind = 'request' as const;
  private methodValue: string;
  private uriValue: string;
  private uriCache: { text: string; uri: Uri | null } | null = null;

  constructor(method: string, uri: string, version: string, headers: HeaderField[] | HeadIndex, body: Buffer | null, source: MessageSource | null = null) {
    super(version, headers, body, source);
    this.methodValue = method;
    this.uriValue = uri;
  }

  /** The method as written (methods are case-sensitive, RFC 3261 §7.1). */
  get method(): string {
    return this.methodValue;
  }

  set method(m: string) {
    this.methodValue = m;
    this.markStartLineEdited();
  }

  /** The Request-URI as written. */
  get uri(): string {
    return this.uriValue;
  }

  set uri(u: string) {
    this.uriValue = u;
    this.markStartLineEdited();
  }

  /** The parsed Request-URI (null when it cannot be read as a URI). */
  get requestUri(): Uri | null {
    if (this.uriCache === null || this.uriCache.text !== this.uriValue) {
      this.uriCache = { text: this.uriValue, uri: readUri(this.uriValue, 0, this.uriValue.length, ignoreProblems) };
    }
    return this.uriCache.uri;
  }

  freshView(): SipRequest | undefined {
    const index = this.freshIndex();
    return index && new SipRequest(this.methodValue, this.uriValue, this.version, index, null, this.source);
  }

  /** @internal The Request-URI as validation parsed it (the same value `requestUri` would read). */
  keepRequestUri(text: string, uri: Uri | null): void {
    if (text === this.uriValue) this.uriCache = { text, uri };
  }

  get startLine(): string {
    return `${this.methodValue} ${this.uriValue} ${this.version}`;
  }
}

export class SipResponse extends SipMessage {
  readonly kind = 'response' as const;
  private statusValue: number;
  private reasonValue: string;

  constructor(status: number, reason: string, version: string, headers: HeaderField[] | HeadIndex, body: Buffer | null, source: MessageSource | null = null) {
    super(version, headers, body, source);
    this.statusValue = status;
    this.reasonValue = reason;
  }

  get status(): number {
    return this.statusValue;
  }

  set status(s: number) {
    this.statusValue = s;
    this.markStartLineEdited();
  }

  /** The reason phrase (UTF-8 decoded). */
  get reason(): string {
    return this.reasonValue;
  }

  set reason(r: string) {
    this.reasonValue = r;
    this.markStartLineEdited();
  }

  freshView(): SipResponse | undefined {
    const index = this.freshIndex();
    return index && new SipResponse(this.statusValue, this.reasonValue, this.version, index, null, this.source);
  }

  get startLine(): string {
    return `${this.version} ${this.statusValue} ${this.reasonValue}`;
  }
}

export type AnySipMessage = SipRequest | SipResponse;
