/**
 * Values of a large plan file kept on disk, not in memory: each resource remembers where its
 * element lies in the file, and its values are read again and parsed when a rule asks for them.
 * The most recently used are cached, so the rules of one resource and the lookups of its
 * neighbours parse each element about once.
 *
 * Measured on the 100k bench plan (165 MB): holding every parsed `after` costs 147 MB of heap;
 * this store keeps the heap for values under 10 MB. Reading the 100k elements of today's 251 MB
 * bench plan again costs about 1.5 s, with a change's `before` left unparsed (`RawValue.cutBefore`).
 */
import * as fs from 'node:fs';
import { InputError } from '../../errors';
import { ValueView } from '../value';
import { RawValue } from './splitter';

/** Where an element's bytes lie in the file, and which section it comes from. */
export interface StoredAt {
  /** Byte offset in the UTF-8 text the splitter read. */
  readonly storedOffset: number;
  readonly storedLength: number;
  /** A `resource_changes` entry (`change.after`…) or a module resource (`values`…). */
  readonly storedSection: 'change' | 'module';
  /** The stretch of the element not parsed again (see `RawValue.cutBefore`); length 0 when none. */
  readonly cutAt: number;
  readonly cutLength: number;
  /** The element's type and name, to recognise it when it is read again. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
}

/** A resource's values after apply, with their masks. */
export interface StoredValues {
  readonly after: unknown;
  readonly afterUnknown: unknown;
  readonly afterSensitive: unknown;
  readonly view: ValueView;
}

/** Parsed elements kept: enough for a resource's rules and the lookups around it. */
const CACHED_ELEMENTS = 256;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A whole-subtree `true` mask, or the mask object; anything else means "nothing marked". */
export const maskOf = (value: unknown): unknown => (value === true || (value !== null && typeof value === 'object') ? value : {});

/** Places of elements, in file order: two numbers each, no object per element. */
export class Places {
  private data = new Float64Array(2048);
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(offset: number, length: number): void {
    if (2 * this.count + 2 > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[2 * this.count] = offset;
    this.data[2 * this.count + 1] = length;
    this.count++;
  }

  offset(i: number): number {
    return this.data[2 * i];
  }

  length(i: number): number {
    return this.data[2 * i + 1];
  }
}

/**
 * Read size when reading elements again: the rules take resources in file order, so one read
 * serves the next few hundred. Measured on the 100k bench plan: a read per element cost ~0.5 s.
 */
const READ_AHEAD_BYTES = 256 << 10;

/** Read size when scanning many elements in file order. */
const SCAN_BYTES = 4 << 20;

const closeFd = new FinalizationRegistry<number>((fd) => fs.close(fd, () => undefined));

export class ValueStore {
  private fd: number | undefined;
  private readonly cache = new Map<StoredAt, StoredValues>();
  /** Bytes read ahead: the file from `blockStart`, `blockLength` of them. */
  private block = Buffer.allocUnsafe(READ_AHEAD_BYTES);
  private blockStart = 0;
  private blockLength = 0;
  private last: StoredAt | undefined;
  private lastValues: StoredValues | undefined;

  /** `base`: the file offset of the first byte the splitter saw (the length of a BOM). */
  constructor(
    private readonly path: string,
    private readonly input: string,
    private readonly base: number,
  ) {}

  /** The values of the element at `at`, from the cache or read again. */
  load(at: StoredAt): StoredValues {
    // The rules of one resource ask for it many times in a row.
    if (this.last === at) return this.lastValues as StoredValues;
    const values = this.lookup(at);
    this.last = at;
    this.lastValues = values;
    return values;
  }

  private lookup(at: StoredAt): StoredValues {
    const cached = this.cache.get(at);
    if (cached) {
      // Most recently used last: Map keeps insertion order.
      this.cache.delete(at);
      this.cache.set(at, cached);
      return cached;
    }
    const values = this.read(at);
    if (this.cache.size >= CACHED_ELEMENTS) this.cache.delete(this.cache.keys().next().value as StoredAt);
    this.cache.set(at, values);
    return values;
  }

  /**
   * Each element of `places` (in file order), read in large blocks: `visit` gets its bytes, valid
   * during the call. The places were checked as JSON when first read.
   */
  scan(places: Places, visit: (bytes: RawValue) => void): void {
    // One buffer for every block (each element's bytes are valid only during its visit).
    let buffer = Buffer.allocUnsafe(SCAN_BYTES);
    let blockStart = 0;
    let blockLength = 0;
    for (let i = 0; i < places.size; i++) {
      const offset = places.offset(i);
      const length = places.length(i);
      if (offset < blockStart || offset + length > blockStart + blockLength) {
        if (length > buffer.length) buffer = Buffer.allocUnsafe(length);
        blockStart = offset;
        try {
          blockLength = fs.readSync(this.open(), buffer, 0, buffer.length, this.base + offset);
        } catch {
          blockLength = 0;
        }
        if (blockLength < length) this.changed(`the element at byte ${offset}`);
      }
      visit(new RawValue(buffer, offset - blockStart, offset - blockStart + length, offset));
    }
  }

  private open(): number {
    if (this.fd === undefined) {
      this.fd = fs.openSync(this.path, 'r');
      closeFd.register(this, this.fd);
    }
    return this.fd;
  }

  /** The block from `offset` on, with room for `length` bytes at least. */
  private readAhead(offset: number, length: number): void {
    if (this.block.length < length) this.block = Buffer.allocUnsafe(length);
    this.blockStart = offset;
    this.blockLength = 0; // until the read succeeds
    this.blockLength = fs.readSync(this.open(), this.block, 0, this.block.length, this.base + offset);
  }

  private changed(what: string): never {
    throw new InputError(this.input, `changed while it was being checked (${what} is no longer where it was read); check it again`);
  }

  private read(at: StoredAt): StoredValues {
    const length = at.storedLength;
    let element: unknown;
    try {
      if (at.storedOffset < this.blockStart || at.storedOffset + length > this.blockStart + this.blockLength) this.readAhead(at.storedOffset, length);
      const from = at.storedOffset - this.blockStart;
      // Short of the element: the file ended early (it changed).
      if (from + length <= this.blockLength) element = new RawValue(this.block, from, from + length, at.storedOffset).parse(at.cutLength > 0 ? { at: at.cutAt, length: at.cutLength } : undefined);
    } catch {
      element = undefined;
    }
    if (!isObject(element) || element.type !== at.type || element.name !== at.name) this.changed(`the entry of ${at.address}`);
    if (at.storedSection === 'module') {
      const after = element.values;
      const afterSensitive = maskOf(element.sensitive_values);
      return { after, afterUnknown: {}, afterSensitive, view: new ValueView(after, {}, afterSensitive) };
    }
    const change = element.change as Record<string, unknown>;
    const afterUnknown = maskOf(change.after_unknown);
    const afterSensitive = maskOf(change.after_sensitive);
    return { after: change.after, afterUnknown, afterSensitive, view: new ValueView(change.after, afterUnknown, afterSensitive) };
  }
}
