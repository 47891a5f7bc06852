/**
 * The link attributes (`links.ts`) of a change's `after`, read from its bytes as the validator
 * checks them, not parsed: with a store, they are all a resource keeps of its `after` while the
 * plan loads, and parsing every `after` to find them was the largest allocation of loading a large
 * plan (see `PlanAssembler.change`).
 */
import { LINK_ATTRIBUTE_NAMES, linkAttributes } from '../links';
import { bytesAre, type KeyWatch, skipNumber, skipString, skipWhitespace } from './validate';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

type Name = { readonly name: string; readonly bytes: Buffer };

/**
 * The names of link attributes as bytes, by their length and first byte (a `slot`): a key is
 * compared with one or two. `SLOTS` holds 1 + the index in `BY_SLOT` of each slot's names, 0 for
 * none. A name longer than `MAX_NAME` would never be found here, only read from the file.
 */
const MAX_NAME = 63;
const slot = (length: number, first: number): number => (length << 8) | first;
const SLOTS = new Uint8Array(slot(MAX_NAME + 1, 0));
const BY_SLOT: Name[][] = [];
for (const name of LINK_ATTRIBUTE_NAMES) {
  const bytes = Buffer.from(name);
  const at = slot(bytes.length, bytes[0]);
  if (SLOTS[at] === 0) SLOTS[at] = BY_SLOT.push([]);
  BY_SLOT[SLOTS[at] - 1].push({ name, bytes });
}

/** A value that is an object or an array: `linksOf` keeps no link of it. */
const NOT_SCALAR = Object.freeze({});

/** The scalar whose bytes start at `p` (whitespace before it allowed) of a valid value, or `NOT_SCALAR`, as `JSON.parse` reads it. */
function scalarAt(buf: Buffer, p: number): unknown {
  const end = buf.length;
  p = skipWhitespace(buf, p, end);
  const c = buf[p];
  if (c === QUOTE) {
    const close = skipString(buf, p, end);
    for (let i = p + 1; i < close - 1; i++) if (buf[i] === BACKSLASH) return JSON.parse(buf.toString('utf8', p, close));
    return buf.toString('utf8', p + 1, close - 1);
  }
  if (c === 0x74) return true;
  if (c === 0x66) return false;
  if (c === 0x6e) return null;
  if (c === 0x7b || c === 0x5b) return NOT_SCALAR;
  return JSON.parse(buf.toString('latin1', p, skipNumber(buf, p, end)));
}

/**
 * Told the keys of an `after` object's own level as `RawValue.cutAfter` checks it, it notes where
 * the link attributes are: `values` then reads them alone. Reused from change to change.
 */
export class AfterLinks implements KeyWatch<Buffer> {
  private buf: Buffer | undefined;
  /** The keys noted: the first `count` of `names`, the end of each key's closing quote in `at` (its value follows a colon). */
  private count = 0;
  private readonly names: string[] = [];
  private readonly at: number[] = [];
  /** A key spelled with an escape (`"\u0062ucket"`): it may be a link attribute, which only parsing tells. */
  escaped = false;

  /** Before the next `after`. */
  reset(): void {
    this.buf = undefined;
    this.count = 0;
    this.escaped = false;
  }

  key(buf: Buffer, open: number, close: number, escaped: boolean): void {
    if (escaped) {
      this.escaped = true;
      return;
    }
    const length = close - open - 2;
    const at = length > 0 && length <= MAX_NAME ? SLOTS[slot(length, buf[open + 1])] : 0;
    if (at === 0) return;
    const candidates = BY_SLOT[at - 1];
    for (let i = 0; i < candidates.length; i++) {
      if (!bytesAre(buf, open + 1, candidates[i].bytes)) continue;
      this.buf = buf;
      this.names[this.count] = candidates[i].name;
      this.at[this.count++] = close;
      return;
    }
  }

  /**
   * The link attributes of `type` the `after` holds, with the values `JSON.parse` gives them (the
   * last of a repeated key), for `linksOf`; read while the bytes are valid, with `escaped` false.
   */
  values(type: string): Record<string, unknown> | undefined {
    const buf = this.buf;
    if (!buf) return undefined;
    // Keyed by link attributes only, none of them `__proto__`: an ordinary object.
    const values: Record<string, unknown> = {};
    const attributes = linkAttributes(type);
    for (let i = 0; i < this.count; i++) {
      const name = this.names[i];
      // Past the colon after the key.
      if (attributes.includes(name)) values[name] = scalarAt(buf, skipWhitespace(buf, this.at[i], buf.length) + 1);
    }
    return values;
  }
}
