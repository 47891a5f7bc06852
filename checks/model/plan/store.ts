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

/**
 * A window on the file: `size` bytes (more for a larger element) read in one call, from the first
 * element asked for that lies outside it. An element's bytes are valid until the next call.
 */
class FileWindow {
  private buffer: Buffer;
  private start = 0;
  private length = 0;

  constructor(
    size: number,
    private readonly readAt: (buffer: Buffer, position: number) => number,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** The bytes at `[offset, offset + length)` of the file; undefined when the file ends before them. */
  element(offset: number, length: number): RawValue | undefined {
    if (offset < this.start || offset + length > this.start + this.length) {
      if (this.buffer.length < length) this.buffer = Buffer.allocUnsafe(length);
      this.start = offset;
      this.length = 0; // until the read succeeds
      try {
        this.length = this.readAt(this.buffer, offset);
      } catch {
        return undefined;
      }
      if (this.length < length) return undefined;
    }
    const from = offset - this.start;
    return new RawValue(this.buffer, from, from + length, offset);
  }
}

export class ValueStore {
  private fd: number | undefined;
  /**
   * The cached elements, evicted by a clock (second chance, close to least recently used): slot `i` of `ring`, `values`
   * and `referenced` holds one element, its values and whether it was asked for again since the hand last passed it;
   * `slots` finds an element's slot, `hand` is the next slot to consider. Hand-written rather than a `Map` reordered by a
   * delete and a set on each hit, whose oldest entry `keys().next()` found by stepping over the holes those deletes left:
   * on the 30k bench plan, `lookup` took 1.3 % of a check's CPU profile with the `Map`, 0.8 % with the clock, for the
   * same 32,001 reads of its 29,999 elements (106,684 on the 100k plan, either way).
   *
   * The values sit in an array replaced in place, not in the `Map`: a `Map` that deletes and sets rehashes into a new
   * table from time to time, and the table it leaves keeps a link to the new one (for iterators). Once such a table had
   * been promoted to the old space, each table after it, with the parsed elements its entries held, was kept alive by
   * every scavenge until the next mark-compact, and promoted. In the 30k bench plan's rules phase, with `recall`'s fix
   * (graph.ts) in place: 27 MB promoted before, 8 MB after (V8 `--trace-gc-nvp`, `promoted=`). With only slot numbers
   * in the `Map`, a table left behind holds nothing else.
   */
  private readonly slots = new Map<StoredAt, number>();
  private readonly ring: StoredAt[] = [];
  private readonly values: StoredValues[] = [];
  private readonly referenced: boolean[] = [];
  private hand = 0;
  /** Bytes read ahead for `load`. */
  private readonly window = new FileWindow(READ_AHEAD_BYTES, (buffer, position) => this.readAt(buffer, position));
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
    const slot = this.slots.get(at);
    if (slot !== undefined) {
      this.referenced[slot] = true;
      return this.values[slot];
    }
    const values = this.read(at);
    if (this.ring.length < CACHED_ELEMENTS) {
      this.slots.set(at, this.ring.length);
      this.ring.push(at);
      this.values.push(values);
      this.referenced.push(false);
      return values;
    }
    // The first element the hand finds not asked for again since it last passed gives its place.
    while (this.referenced[this.hand]) {
      this.referenced[this.hand] = false;
      this.hand = (this.hand + 1) % CACHED_ELEMENTS;
    }
    this.slots.delete(this.ring[this.hand]);
    this.slots.set(at, this.hand);
    this.ring[this.hand] = at;
    this.values[this.hand] = values;
    this.hand = (this.hand + 1) % CACHED_ELEMENTS;
    return values;
  }

  /**
   * Each element of `places` (in file order), read in large blocks: `visit` gets its bytes, valid
   * during the call. The places were checked as JSON when first read.
   */
  scan(places: Places, visit: (bytes: RawValue) => void): void {
    const window = new FileWindow(SCAN_BYTES, (buffer, position) => this.readAt(buffer, position));
    for (let i = 0; i < places.size; i++) {
      const offset = places.offset(i);
      visit(window.element(offset, places.length(i)) ?? this.changed(`the element at byte ${offset}`));
    }
  }

  /** Fill `buffer` from the splitter's offset `position`; the count of bytes read. */
  private readAt(buffer: Buffer, position: number): number {
    return fs.readSync(this.open(), buffer, 0, buffer.length, this.base + position);
  }

  private open(): number {
    if (this.fd === undefined) {
      this.fd = fs.openSync(this.path, 'r');
      closeFd.register(this, this.fd);
    }
    return this.fd;
  }

  private changed(what: string): never {
    throw new InputError(this.input, `changed while it was being checked (${what} is no longer where it was read); check it again`);
  }

  private read(at: StoredAt): StoredValues {
    let element: unknown;
    try {
      // Short of the element, the file ended early: it changed.
      element = this.window.element(at.storedOffset, at.storedLength)?.parse(at.cutLength > 0 ? { at: at.cutAt, length: at.cutLength } : undefined);
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
