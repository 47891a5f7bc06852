/**
 * A streaming splitter for `terraform show -json` documents: it walks the few containers whose
 * size grows with the plan (`resource_changes`, the `resources`/`child_modules` of `planned_values`,
 * `prior_state` and a state's `values`, `resource_drift`) byte by byte, and hands every other
 * value — each array element, each small top-level value — to `JSON.parse` on its own. Memory
 * therefore follows the largest single element, never the file, and no string approaches V8's
 * ~512 MiB limit.
 *
 * Every byte is either checked by the walker (structure, keys, commas), checked by the validator
 * (`validate.ts`: module resources, a change's `before`, and with a store its `after`) or parsed by
 * `JSON.parse`, so a document that is truncated anywhere, carries trailing data or has a syntax
 * error deep in an element is refused, never partially accepted. Input is UTF-8 bytes in chunks of
 * any size.
 */

import { jsonSyntaxProblem } from '../json-error';
import { MAX_NESTING, TOO_DEEP } from '../nesting';
import { bytesAre, isWhitespace, jsonErrorAt, jsonValueEnd, type KeyWatch, NestingTooDeep, skipWhitespace, TopKeys } from './validate';

/** A JSON syntax problem at a byte offset of the (UTF-8) input. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly byteOffset: number,
    /** The first bytes after the document, when the problem is trailing data. */
    readonly trailing?: string,
  ) {
    super(`${detail} at byte ${byteOffset}`);
  }
}

/** Valid JSON that twinguard cannot read, at a byte offset of the input: too deep, or too large. */
export class BeyondLimits extends JsonSyntaxError {}

/** A value nested deeper than twinguard reads (see `nesting.ts`). */
class DocumentTooDeep extends BeyondLimits {
  constructor(byteOffset: number) {
    super(TOO_DEEP, byteOffset);
  }
}

/** One value (a resource change, a top-level value) too large for a V8 string, about 512 MiB. */
export class ValueTooLarge extends BeyondLimits {
  constructor(byteOffset: number) {
    super('one value of the document is larger than a JavaScript string can hold (about 512 MiB): twinguard cannot read it', byteOffset);
  }
}

/** The error Node throws for a string over V8's limit, or a concatenation past it. */
const isStringTooLong = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG' || (error instanceof RangeError && /Invalid string length/.test(error.message));

/**
 * A key that appears twice in an object the splitter walks (`resource_changes` at the top level, the
 * `resources` of a module): `JSON.parse` keeps the last, a walk sees both, and Terraform never
 * writes one. Which one counts is a guess; a gate does not guess.
 */
export class RepeatedKeyError extends Error {
  constructor(
    readonly key: string,
    readonly where: string,
  ) {
    // A refusal quotes nothing of the input but a key spelled as Terraform names things.
    super(`${/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(key) ? `"${key}"` : 'a key'} appears twice in ${where}`);
  }
}

/** Valid JSON whose top level is not an object. */
export class NotAnObjectError extends Error {
  constructor(readonly found: string) {
    super(`the input is ${found}, not a JSON object`);
  }
}

/** What kind of JSON value this is, for messages: `a JSON array`. */
export function describeJsonValue(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON array';
  if (typeof value === 'string') return 'a JSON string';
  if (typeof value === 'number') return 'a JSON number';
  return 'a JSON literal (true/false/null)';
}

/** Where a walked container sits in the document. */
export type Source = 'planned' | 'prior' | 'state';

type Role =
  | { readonly kind: 'root' }
  | { readonly kind: 'changes' }
  | { readonly kind: 'drift' }
  | { readonly kind: 'stateDoc'; readonly src: Source }
  | { readonly kind: 'values'; readonly src: Source }
  | { readonly kind: 'module'; readonly src: Source }
  | { readonly kind: 'children'; readonly src: Source }
  | { readonly kind: 'resources'; readonly src: Source };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
// Tokens of the layouts read from bytes (`leadingAddress`, `cutBefore`), whitespace allowed between them.
const OPEN_OBJECT = Buffer.from('{');
const OPEN_ARRAY = Buffer.from('[');
const CLOSE_ARRAY = Buffer.from(']');
const COLON = Buffer.from(':');
const COMMA = Buffer.from(',');
const ADDRESS_KEY = Buffer.from('"address"');
const CHANGE_KEY = Buffer.from('"change"');
const ACTIONS_KEY = Buffer.from('"actions"');
const BEFORE_KEY = Buffer.from('"before"');
const AFTER_KEY = Buffer.from('"after"');
/** What follows a change's `"change":` up to its actions, and after them up to its before's value. */
const UP_TO_ACTIONS = [OPEN_OBJECT, ACTIONS_KEY, COLON, OPEN_ARRAY];
const UP_TO_BEFORE = [CLOSE_ARRAY, COMMA, BEFORE_KEY, COLON];

/**
 * A stretch of an element's bytes that holds one JSON value not parsed with it (a change's
 * `before`, which no rule reads; its `after`, while loading with a store), relative to the
 * element's first byte. The element is parsed with `null` in its place.
 */
export interface Cut {
  readonly at: number;
  readonly length: number;
}

/** The offset just after `token` when it is next at `p` (whitespace before it allowed), else -1 (also for `p` -1). */
function after(buf: Buffer, p: number, end: number, token: Buffer): number {
  if (p < 0) return -1;
  p = skipWhitespace(buf, p, end);
  if (p + token.length > end || !bytesAre(buf, p, token)) return -1;
  return p + token.length;
}

const isCut = (cut: Cut | undefined): boolean => cut !== undefined;
const NULL = Buffer.from('null');
/** Where `RawValue.parse` joins the pieces of a value it parses with cuts; kept while no larger than `KEPT_JOIN_BYTES`. */
let joined = Buffer.allocUnsafe(1 << 16);
const KEPT_JOIN_BYTES = 1 << 20;

/** Pieces up to this many bytes are copied by a loop; longer ones by `Buffer#copy`. */
const LOOP_COPY_BYTES = 64;

/**
 * Copy `source[from, to)` into `target` at `at`; the offset after them. `Buffer#copy` makes a view
 * of the source for every copy of part of it, an object per piece, which costs more than a loop for a
 * few bytes (`null`); a loop over a piece of an entry (kilobytes) cost ~2 to 5 ns a byte, ~200 ms of
 * the bench's 100k plan (load and rules), where `Buffer#copy` is a `memcpy`.
 */
function copyBytes(source: Buffer, from: number, to: number, target: Buffer, at: number): number {
  if (to - from > LOOP_COPY_BYTES) return at + source.copy(target, at, from, to);
  for (let p = from; p < to; p++) target[at++] = source[p];
  return at;
}

/** A byte for a message: `'x'`, or `byte 0x0a` when it is not printable. */
const describeByte = (c: number): string => (c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`);

/** What is wrong at byte `at` of a value the validator checked up to `end`, for a message. */
const unexpectedAt = (buf: Buffer, at: number, end: number): string => (at >= end ? 'unexpected end of JSON input' : `unexpected ${describeByte(buf[at])} in JSON`);

/** The bytes of one complete JSON value. Valid only during the callback unless `detach`ed. */
export class RawValue {
  constructor(
    private readonly buf: Buffer,
    private readonly start: number,
    private readonly end: number,
    /** Byte offset of the value in the input. */
    readonly offset: number,
    /** The keys of its own level, when the validator counted them as it checked it. */
    private keys?: TopKeys,
  ) {}

  /**
   * `JSON.parse` of the value, with `null` in place of each `cut` given, in order (each was checked,
   * by `cutBefore` or `cutAfter`); a syntax error names its byte offset in the input.
   */
  parse(...cuts: readonly (Cut | undefined)[]): unknown {
    if (cuts.some(isCut)) {
      const text = this.readable(() => this.textWithout(cuts));
      try {
        return JSON.parse(text);
      } catch {
        // Parsed whole, the error is found where it lies in the input.
        this.parse();
        throw new JsonSyntaxError('invalid JSON', this.offset);
      }
    }
    const text = this.readable(() => this.buf.toString('utf8', this.start, this.end));
    try {
      return JSON.parse(text);
    } catch (error) {
      const { detail, at } = jsonSyntaxProblem(error, text);
      throw new JsonSyntaxError(detail, this.offset + (at === undefined ? this.end - this.start : Buffer.byteLength(text.slice(0, at))));
    }
  }

  /**
   * The value's text with `null` in place of each cut: its pieces joined as bytes, then one string.
   * Joined as strings, they were a string each and the flat copy `JSON.parse` makes of them.
   * A cut begins and ends at an ASCII byte, so each piece decodes as it does within the whole.
   */
  private textWithout(cuts: readonly (Cut | undefined)[]): string {
    let length = this.end - this.start;
    for (const cut of cuts) if (cut) length += NULL.length - cut.length;
    if (length > joined.length && length <= KEPT_JOIN_BYTES) joined = Buffer.allocUnsafe(Math.max(length, 2 * joined.length));
    const into = length <= joined.length ? joined : Buffer.allocUnsafe(length);
    let n = 0;
    let from = this.start;
    for (const cut of cuts) {
      if (!cut) continue;
      n = copyBytes(this.buf, from, this.start + cut.at, into, n);
      n = copyBytes(NULL, 0, NULL.length, into, n);
      from = this.start + cut.at + cut.length;
    }
    n = copyBytes(this.buf, from, this.end, into, n);
    return into.toString('utf8', 0, n);
  }

  /** `JSON.parse` of the value a `cut` holds (`cutBefore` checked it). */
  parseCut(cut: Cut): unknown {
    const at = this.start + cut.at;
    return JSON.parse(this.readable(() => this.buf.toString('utf8', at, at + cut.length)));
  }

  /**
   * Whether the value a `cut` holds (a change's `before`) is followed by an `"after"` key whose value
   * is the same bytes, as Terraform writes a change that leaves a resource as it was: the two are
   * then equal without parsing the one the cut left out.
   */
  repeatsAfter(cut: Cut): boolean {
    const buf = this.buf;
    const end = this.end;
    const from = this.start + cut.at;
    let p = after(buf, after(buf, after(buf, from + cut.length, end, COMMA), end, AFTER_KEY), end, COLON);
    if (p < 0) return false;
    p = skipWhitespace(buf, p, end);
    if (p + cut.length > end || buf.compare(buf, from, from + cut.length, p, p + cut.length) !== 0) return false;
    // The same bytes are one whole value; it is all of the after's when the object goes on or ends there.
    const next = skipWhitespace(buf, p + cut.length, end);
    return buf[next] === 0x2c || buf[next] === 0x7d;
  }

  /** Check it is one valid JSON value, without parsing it; a syntax error names its byte offset in the input. */
  validate(): void {
    const at = this.inInput(() => jsonErrorAt(this.buf, this.start, this.end));
    if (at >= 0) this.invalidAt(at);
  }

  /** `read()`, with a value too large for one string refused at its offset in the input. */
  private readable(read: () => string): string {
    try {
      return read();
    } catch (error) {
      if (isStringTooLong(error)) throw new ValueTooLarge(this.offset);
      throw error;
    }
  }

  /** `scan()`, with a value nested too deep refused at its offset in the input. */
  private inInput(scan: () => number): number {
    try {
      return scan();
    } catch (error) {
      if (error instanceof NestingTooDeep) throw new DocumentTooDeep(this.offset + (error.at - this.start));
      throw error;
    }
  }

  /** `jsonValueEnd` of the value at `from` within this one, a value nested too deep refused as `inInput` does (without a closure per call). */
  private valueEnd(from: number, keys?: KeyWatch<Buffer>): number {
    try {
      return jsonValueEnd(this.buf, from, this.end, keys);
    } catch (error) {
      if (error instanceof NestingTooDeep) throw new DocumentTooDeep(this.offset + (error.at - this.start));
      throw error;
    }
  }

  /** The syntax error at byte `at` of the buffer, with its offset in the input. */
  private invalidAt(at: number): never {
    throw new JsonSyntaxError(unexpectedAt(this.buf, at, this.end), this.offset + (at - this.start));
  }

  /**
   * The `address` of a module resource, read from the bytes when the element starts with it as
   * Terraform writes it (compact, or pretty-printed by `jq .`) and it is final; undefined when only
   * parsing can tell (other layouts, a second `address`, a key spelled with an escape, or a
   * Terraform 0.12 element that may add its `index` to the address). The element's own keys are
   * those the validator counted (`TopKeys`), not searched for in its bytes (a search cannot tell a
   * key from a value, nor see an escaped one). Measured on the 33k planned_values and prior_state
   * elements of the bench's 30k plan (CPU, min of 8): check and address 82 ms with two searches,
   * 55 ms with the count, of which the check alone 37.
   */
  leadingAddress(): string | undefined {
    const buf = this.buf;
    const end = this.end;
    const keys = (this.keys ??= this.countKeys());
    // JSON.parse keeps the last of two `address` keys, and an escaped key may spell one.
    if (keys.addresses !== 1 || keys.escaped) return undefined;
    let from = after(buf, after(buf, after(buf, this.start, end, OPEN_OBJECT), end, ADDRESS_KEY), end, COLON);
    if (from < 0) return undefined;
    from = skipWhitespace(buf, from, end);
    if (buf[from] !== QUOTE) return undefined;
    from++;
    let close = from;
    let escaped = false;
    for (; close < end && buf[close] !== QUOTE; close++) {
      if (buf[close] !== BACKSLASH) continue;
      escaped = true;
      close++;
    }
    if (close >= end) return undefined;
    // `module.site[\"eu\"]…`: for_each keys are escaped; the element was validated, so the string parses.
    const address = escaped ? (JSON.parse(buf.toString('utf8', from - 1, close + 1)) as string) : buf.toString('utf8', from, close);
    return address.endsWith(']') || keys.indexes === 0 ? address : undefined;
  }

  /** The keys of its own level, counted by a check of its bytes (it is known to be valid JSON). */
  private countKeys(): TopKeys {
    const keys = new TopKeys();
    this.inInput(() => jsonValueEnd(this.buf, this.start, this.end, keys));
    return keys;
  }

  /**
   * Where a `resource_changes` entry's `change.before` lies, when Terraform's layout shows it
   * (`"change":{"actions":[…],"before":`, whitespace allowed between the tokens, as `jq .` writes
   * them), checked to be one valid JSON value; undefined otherwise. No rule reads `before`, and in a
   * plan of an estate in place it is a third of the file: parsing the entry around it
   * (`parse(cut)`) costs about half as much.
   *
   * A key followed by a colon cannot be faked inside a string (its quotes would be escaped), and
   * the `change` key is the entry's own: only scalars come before it. The cut is the same one value
   * in both reads of the entry, and with `null` in its place the entry parses exactly when it
   * parses whole.
   */
  cutBefore(): Cut | undefined {
    const buf = this.buf;
    const end = this.end;
    // Within the element only: the buffer may run megabytes past it, and an entry without the key (a
    // plan in another layout, or not a plan) would search to its end, once per entry.
    const element = buf.subarray(this.start, end);
    // A resource named "change" writes the word as a value first: the key is the one a colon follows.
    for (let found = element.indexOf(CHANGE_KEY); found >= 0; found = element.indexOf(CHANGE_KEY, found + 1)) {
      const key = this.start + found;
      let p = after(buf, key + CHANGE_KEY.length, end, COLON);
      if (p < 0) continue;
      // The entry's own key, not one nested in it: nothing but scalars before it.
      if (!this.flatUpTo(key)) return undefined;
      for (const expected of UP_TO_ACTIONS) p = after(buf, p, end, expected);
      // The actions: strings, as Terraform writes them (an escaped quote only makes the layout not match).
      p = p < 0 ? p : skipWhitespace(buf, p, end);
      while (p >= 0 && p < end && buf[p] === QUOTE) {
        const close = buf.indexOf(QUOTE, p + 1);
        p = close < 0 || close >= end ? -1 : skipWhitespace(buf, close + 1, end);
        if (p >= 0 && buf[p] === 0x2c) p = skipWhitespace(buf, p + 1, end);
      }
      for (const expected of UP_TO_BEFORE) p = after(buf, p, end, expected);
      if (p < 0) return undefined;
      const from = skipWhitespace(buf, p, end);
      const to = this.valueEnd(from);
      if (to < 0) this.invalidAt(~to);
      return { at: from - this.start, length: to - from };
    }
    return undefined;
  }

  /**
   * Where a `resource_changes` entry's `change.after` lies, when it follows the entry's `before`
   * (`cutBefore`) as Terraform writes it, checked to be one valid JSON value with `keys` told the
   * keys of its own level; undefined otherwise, or when it is not what `JSON.parse` would keep: the
   * bytes after it hold an `"after"` or a `"change"` (a repeated key, which `JSON.parse` reads as
   * the last) or an escape (which may spell one). An invalid value is left to `parse`, which says
   * where the entry's first error lies.
   */
  cutAfter(before: Cut, keys: KeyWatch<Buffer>): Cut | undefined {
    const buf = this.buf;
    const end = this.end;
    const p = after(buf, after(buf, after(buf, this.start + before.at + before.length, end, COMMA), end, AFTER_KEY), end, COLON);
    if (p < 0) return undefined;
    const from = skipWhitespace(buf, p, end);
    const to = this.valueEnd(from, keys);
    if (to < 0) return undefined;
    for (let q = to; q < end; q++) {
      const c = buf[q];
      if (c === BACKSLASH || (c === QUOTE && (bytesAre(buf, q, AFTER_KEY) || bytesAre(buf, q, CHANGE_KEY)))) return undefined;
    }
    return { at: from - this.start, length: to - from };
  }

  /** Whether the element holds only scalars (outside strings) before `to`: `to` is at its top level. */
  private flatUpTo(to: number): boolean {
    const buf = this.buf;
    for (let p = this.start + 1; p < to; p++) {
      const c = buf[p];
      if (c === QUOTE) {
        p = stringEnd(buf, p + 1, to);
        if (p >= to) return false;
      } else if (c === 0x7b || c === 0x5b) {
        return false;
      }
    }
    return true;
  }

  /** Its length in bytes. */
  get length(): number {
    return this.end - this.start;
  }

  /** A copy that outlives the splitter's buffer. */
  detach(): RawValue {
    return new RawValue(Buffer.from(this.buf.subarray(this.start, this.end)), 0, this.end - this.start, this.offset, this.keys);
  }
}

/** What the splitter reports. */
export interface SplitterSink {
  /** A key of the top-level object, as soon as it is read. */
  key(key: string): void;
  /** A top-level value that is not walked (or a walked key whose value is not the expected container). */
  topLevel(key: string, value: RawValue): void;
  /** One element of `resource_changes`. */
  change(value: RawValue): void;
  /** `resource_changes` is finished. */
  changesEnd(): void;
  /** One resource of a module in `planned_values`, `prior_state` or a state's `values`, already checked as JSON. */
  moduleResource(src: Source, value: RawValue): void;
  /** One element of `resource_drift`; without this method, only checked. */
  drift?(value: RawValue): void;
}

interface Frame {
  readonly role: Role;
  readonly isArray: boolean;
  /** 0: first item or close; 1: colon; 2: value; 3: comma or close; 4: key after a comma. */
  state: number;
  key: string;
  /** An object's keys so far. */
  keys?: Set<string>;
}

/** The walked object a role stands for, for messages. */
function describeRole(role: Role): string {
  const section = (src: Source): string => (src === 'planned' ? 'planned_values' : src === 'prior' ? 'prior_state' : 'values');
  switch (role.kind) {
    case 'root':
      return 'the top-level object';
    case 'stateDoc':
      return section(role.src);
    case 'values':
      return role.src === 'prior' ? 'prior_state.values' : section(role.src);
    case 'module':
      return `a module of ${section(role.src)}`;
    default:
      return role.kind;
  }
}

interface Capture {
  start: number;
  pos: number;
  depth: number;
  inString: boolean;
  scalar: boolean;
}

const isDelimiter = (c: number): boolean => c === 0x2c || c === 0x7d || c === 0x5d || isWhitespace(c);

/**
 * The index of the quote that closes the string whose content starts at or before `p` (`end` or
 * more when it is not in the buffer yet). Jumps from quote to quote with `indexOf`; a quote preceded
 * by an odd number of backslashes is escaped. The whole string is in the buffer, so looking back is safe.
 */
function stringEnd(buf: Buffer, p: number, end: number): number {
  for (;;) {
    const q = buf.indexOf(QUOTE, p);
    if (q < 0 || q >= end) return end;
    let k = q - 1;
    while (buf[k] === BACKSLASH) k--;
    if ((q - k) % 2 === 1) return q;
    p = q + 1;
  }
}

/** The container each walked key or element leads to (undefined: capture the value whole). */
function childRole(parent: Role, key: string): Role | undefined {
  switch (parent.kind) {
    case 'root':
      if (key === 'resource_changes') return { kind: 'changes' };
      if (key === 'resource_drift') return { kind: 'drift' };
      if (key === 'planned_values') return { kind: 'values', src: 'planned' };
      if (key === 'prior_state') return { kind: 'stateDoc', src: 'prior' };
      if (key === 'values') return { kind: 'values', src: 'state' };
      return undefined;
    case 'stateDoc':
      return key === 'values' ? { kind: 'values', src: parent.src } : undefined;
    case 'values':
      return key === 'root_module' ? { kind: 'module', src: parent.src } : undefined;
    case 'module':
      if (key === 'resources') return { kind: 'resources', src: parent.src };
      if (key === 'child_modules') return { kind: 'children', src: parent.src };
      return undefined;
    case 'children':
      return { kind: 'module', src: parent.src };
    default:
      return undefined;
  }
}

const isArrayRole = (role: Role): boolean => role.kind === 'changes' || role.kind === 'drift' || role.kind === 'children' || role.kind === 'resources';

/** Push UTF-8 chunks, then call `finish()`. Throws `JsonSyntaxError` / `NotAnObjectError`, or what the sink throws. */
export class JsonSplitter {
  private store = Buffer.allocUnsafe(1 << 16);
  private buf = this.store.subarray(0, 0);
  private end = 0;
  private pos = 0;
  /** Input offset of `buf[0]`. */
  private base = 0;
  private eof = false;
  private started = false;
  private finished = false;
  private readonly stack: Frame[] = [];
  private capture: Capture | undefined;

  constructor(private readonly sink: SplitterSink) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.append(chunk);
    this.run();
  }

  /** The input is complete: throws unless it held exactly one complete JSON object. */
  finish(): void {
    this.eof = true;
    this.run();
    if (!this.finished) throw new JsonSyntaxError('unexpected end of input (the document is truncated)', this.base + this.end);
  }

  private append(chunk: Buffer): void {
    if (this.end + chunk.length > this.store.length) {
      // Drop what is consumed; keep the token or value in progress.
      const keep = this.capture ? this.capture.start : this.pos;
      const live = this.end - keep;
      const target = live + chunk.length > this.store.length ? Buffer.allocUnsafe(Math.max(this.store.length * 2, live + chunk.length)) : this.store;
      this.store.copy(target, 0, keep, this.end);
      this.store = target;
      this.base += keep;
      this.pos -= keep;
      this.end = live;
      if (this.capture) {
        this.capture.start -= keep;
        this.capture.pos -= keep;
      }
    }
    chunk.copy(this.store, this.end);
    this.end += chunk.length;
    this.buf = this.store.subarray(0, this.end);
  }

  private fail(detail: string, at: number): never {
    throw new JsonSyntaxError(detail, this.base + at);
  }

  private unexpected(at: number, expected: string): never {
    this.fail(`unexpected ${describeByte(this.buf[at])}, expected ${expected}`, at);
  }

  private run(): void {
    for (;;) {
      if (this.capture) {
        if (!this.continueCapture()) return;
        continue;
      }
      const p = skipWhitespace(this.buf, this.pos, this.end);
      this.pos = p;
      if (p >= this.end) return;
      if (this.finished) {
        const trailing = this.buf.toString('utf8', p, Math.min(this.end, p + 200));
        throw new JsonSyntaxError('unexpected data after the end of the JSON document', this.base + p, trailing);
      }
      if (!this.started) {
        this.start(p);
        continue;
      }
      if (!this.step(this.stack[this.stack.length - 1], p)) return;
    }
  }

  private start(p: number): void {
    const c = this.buf[p];
    if (c === 0x7b) {
      this.started = true;
      this.stack.push({ role: { kind: 'root' }, isArray: false, state: 0, key: '' });
      this.pos = p + 1;
      return;
    }
    if (c === 0x5b) throw new NotAnObjectError(describeJsonValue([]));
    if (c === QUOTE) throw new NotAnObjectError(describeJsonValue(''));
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) throw new NotAnObjectError(describeJsonValue(0));
    if (c === 0x74 || c === 0x66 || c === 0x6e) throw new NotAnObjectError(describeJsonValue(null));
    this.unexpected(p, "'{'");
  }

  /** One token of a walked container at `p` (not whitespace). False when more input is needed. */
  private step(frame: Frame, p: number): boolean {
    const c = this.buf[p];
    switch (frame.state) {
      case 0:
      case 3:
        if (c === (frame.isArray ? 0x5d : 0x7d)) {
          this.close(p);
          return true;
        }
        if (frame.state === 3) {
          if (c !== 0x2c) this.unexpected(p, frame.isArray ? "',' or ']'" : "',' or '}'");
          frame.state = frame.isArray ? 2 : 4;
          this.pos = p + 1;
          return true;
        }
        if (frame.isArray) return this.value(frame, p);
        return this.readKey(frame, p);
      case 4:
        return this.readKey(frame, p);
      case 1:
        if (c !== 0x3a) this.unexpected(p, "':'");
        frame.state = 2;
        this.pos = p + 1;
        return true;
      default:
        return this.value(frame, p);
    }
  }

  private close(p: number): void {
    const frame = this.stack.pop() as Frame;
    this.pos = p + 1;
    if (frame.role.kind === 'changes') this.sink.changesEnd();
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.state = 3;
    else this.finished = true;
  }

  private readKey(frame: Frame, p: number): boolean {
    if (this.buf[p] !== QUOTE) this.unexpected(p, 'a property name in double quotes');
    const buf = this.buf;
    let q = p + 1;
    let escaped = false;
    while (q < this.end && buf[q] !== QUOTE) {
      if (buf[q] === BACKSLASH) {
        escaped = true;
        q++;
      }
      q++;
    }
    if (q >= this.end) return false;
    frame.key = escaped ? (new RawValue(buf, p, q + 1, this.base + p).parse() as string) : buf.toString('utf8', p + 1, q);
    const keys = (frame.keys ??= new Set());
    if (keys.has(frame.key)) throw new RepeatedKeyError(frame.key, describeRole(frame.role));
    keys.add(frame.key);
    frame.state = 1;
    this.pos = q + 1;
    if (frame.role.kind === 'root') this.sink.key(frame.key);
    return true;
  }

  private value(frame: Frame, p: number): boolean {
    const c = this.buf[p];
    if (c === 0x5d || c === 0x7d) this.unexpected(p, 'a value');
    const role = frame.isArray ? childRole(frame.role, '') : childRole(frame.role, frame.key);
    if (role && c === (isArrayRole(role) ? 0x5b : 0x7b)) {
      frame.state = 3;
      this.stack.push({ role, isArray: isArrayRole(role), state: 0, key: '' });
      this.pos = p + 1;
      return true;
    }
    if (frame.role.kind === 'resources') {
      // A module resource is checked as it is found, which finds its end too: one pass over its
      // bytes, not a capture and then a check (with a store it is not parsed now, see assemble.ts).
      let to: number;
      const keys = new TopKeys();
      try {
        to = jsonValueEnd(this.buf, p, this.end, keys);
      } catch (error) {
        if (error instanceof NestingTooDeep) throw new DocumentTooDeep(this.base + error.at);
        throw error;
      }
      if (to >= 0 && (to < this.end || this.eof)) {
        this.deliver(p, to, keys);
        return true;
      }
      if (to < 0 && ~to < this.end) this.fail(unexpectedAt(this.buf, ~to, this.end), ~to);
      // Cut short by the end of the chunk: captured, and checked when complete (see `deliver`).
    }
    this.capture = { start: p, pos: p, depth: 0, inString: false, scalar: c !== 0x7b && c !== 0x5b && c !== QUOTE };
    return true;
  }

  /** Scan the captured value onward; on completion deliver it. False when more input is needed. */
  private continueCapture(): boolean {
    const capture = this.capture as Capture;
    const buf = this.buf;
    const end = this.end;
    let p = capture.pos;
    if (capture.scalar) {
      while (p < end && !isDelimiter(buf[p])) p++;
      if (p >= end && !this.eof) {
        capture.pos = p;
        return false;
      }
      this.captured(p);
      return true;
    }
    let depth = capture.depth;
    let inString = capture.inString;
    for (;;) {
      if (inString) {
        p = stringEnd(buf, p, end);
        if (p >= end) break;
        p++;
        inString = false;
        if (depth === 0) {
          this.captured(p);
          return true;
        }
      }
      while (p < end) {
        const c = buf[p++];
        if (c === QUOTE) {
          inString = true;
          break;
        }
        if (c === 0x7b || c === 0x5b) {
          if (++depth > MAX_NESTING) throw new DocumentTooDeep(this.base + p - 1);
        } else if ((c === 0x7d || c === 0x5d) && --depth === 0) {
          this.captured(p);
          return true;
        }
      }
      if (!inString) break;
    }
    if (this.eof) this.fail('unexpected end of input (the document is truncated)', end);
    capture.pos = p;
    capture.depth = depth;
    capture.inString = inString;
    return false;
  }

  /** The captured value ends at `endPos`. */
  private captured(endPos: number): void {
    const { start } = this.capture as Capture;
    this.capture = undefined;
    this.deliver(start, endPos);
  }

  /** The value at `[start, endPos)` to the sink; `checked`: the validator has seen its bytes, and counted its keys. */
  private deliver(start: number, endPos: number, checked?: TopKeys): void {
    this.pos = endPos;
    const frame = this.stack[this.stack.length - 1];
    frame.state = 3;
    const raw = new RawValue(this.buf, start, endPos, this.base + start, checked);
    switch (frame.role.kind) {
      case 'root':
        this.sink.topLevel(frame.key, raw);
        return;
      case 'changes':
        this.sink.change(raw);
        return;
      case 'resources':
        if (!checked) raw.validate(); // captured across chunks
        this.sink.moduleResource(frame.role.src, raw);
        return;
      case 'drift':
        if (this.sink.drift) this.sink.drift(raw);
        else raw.parse();
        return;
      default:
        // Not used (outputs, module addresses…), but still checked.
        raw.parse();
    }
  }
}

/**
 * The first key repeated in an object the splitter walks (see `RepeatedKeyError`), in a document
 * known to be valid JSON: the in-memory path, after `JSON.parse`, which drops such repeats silently.
 * One loop over the bytes, skipping what is not walked. Measured on the bench's 1k plan (2.7 MB),
 * in a fresh process as a check runs it: the splitter's walk 72 ms (its per-element code is still
 * cold), this walk 34 ms.
 */
export function repeatedWalkedKey(buf: Buffer): RepeatedKeyError | undefined {
  const end = buf.length;
  const stack: { readonly role: Role; readonly keys: Set<string> | undefined }[] = [];
  let p = skipWhitespace(buf, 0, end);
  if (buf[p] !== 0x7b) return undefined;
  stack.push({ role: { kind: 'root' }, keys: new Set() });
  p++;
  while (stack.length > 0) {
    p = skipWhitespace(buf, p, end);
    // Only for a document that is not valid JSON after all: stop rather than loop.
    if (p >= end) return undefined;
    const c = buf[p];
    if (c === 0x2c) {
      p++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      stack.pop();
      p++;
      continue;
    }
    const frame = stack[stack.length - 1];
    let role: Role | undefined;
    if (frame.keys) {
      const close = stringEnd(buf, p + 1, end);
      const key = buf.subarray(p + 1, close).includes(BACKSLASH) ? (JSON.parse(buf.toString('utf8', p, close + 1)) as string) : buf.toString('utf8', p + 1, close);
      if (frame.keys.has(key)) return new RepeatedKeyError(key, describeRole(frame.role));
      frame.keys.add(key);
      p = skipWhitespace(buf, close + 1, end) + 1; // past the colon
      p = skipWhitespace(buf, p, end);
      role = childRole(frame.role, key);
    } else {
      role = childRole(frame.role, '');
    }
    if (role && buf[p] === (isArrayRole(role) ? 0x5b : 0x7b)) {
      stack.push({ role, keys: isArrayRole(role) ? undefined : new Set() });
      p++;
    } else {
      p = valueEnd(buf, p, end);
    }
  }
  return undefined;
}

/** The offset after the valid JSON value at `p`. */
function valueEnd(buf: Buffer, p: number, end: number): number {
  const c = buf[p];
  if (c === QUOTE) return stringEnd(buf, p + 1, end) + 1;
  if (c !== 0x7b && c !== 0x5b) {
    while (p < end && !isDelimiter(buf[p])) p++;
    return p;
  }
  let depth = 0;
  while (p < end) {
    const b = buf[p++];
    if (b === QUOTE) p = stringEnd(buf, p, end) + 1;
    else if (b === 0x7b || b === 0x5b) depth++;
    else if ((b === 0x7d || b === 0x5d) && --depth === 0) return p;
  }
  return end;
}
