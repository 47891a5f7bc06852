/**
 * Strict JSON validation over UTF-8 bytes, without building any value. A large plan file's
 * `planned_values` mostly repeats `resource_changes`; the streaming loader checks each of its
 * elements with this and keeps only where it lies, instead of parsing it (see `assemble.ts`).
 *
 * Written by hand: nothing on npm validates bytes without parsing them. Measured on the
 * `planned_values` of the 100k bench plan (67 MB, 100k elements): `JSON.parse` of each 0.41 s, and
 * the objects it builds live until the next collection; this 0.35 s, allocating nothing.
 */

import { MAX_NESTING } from '../nesting';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A value nests arrays and objects deeper than MAX_NESTING, from the one whose opening bracket is at `at`. */
export class NestingTooDeep extends Error {
  constructor(readonly at: number) {
    super(`nested deeper than ${MAX_NESTING} levels at offset ${at}`);
  }
}

const OBJECT = 1;
const ARRAY = 2;
/** The containers open in the value `jsonValueEnd` checks, outermost first. */
const OPEN = new Uint8Array(MAX_NESTING);

/** What the next token must be. */
const enum Expect {
  Value,
  ValueOrClose,
  Key,
  KeyOrClose,
  Colon,
  CommaOrClose,
}

export const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The offset of the first byte at or after `p` that is not whitespace (`end` at most). */
export function skipWhitespace(buf: Uint8Array, p: number, end: number): number {
  while (p < end && isWhitespace(buf[p])) p++;
  return p;
}
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Escapes `skipString` has met (see `jsonValueEnd`'s keys). */
let escapes = 0;

/**
 * The offset after a string whose opening quote is at `p`, or `~offset` of the bad byte (`~end`
 * when it is cut short: the rest may be in the next chunk).
 */
export function skipString(buf: Uint8Array, p: number, end: number): number {
  p++;
  // Counted as found: a key's count before and after tells whether it holds one, at no cost per byte.
  while (p < end) {
    const c = buf[p];
    if (c === QUOTE) return p + 1;
    if (c < 0x20) return ~p;
    if (c !== BACKSLASH) {
      p++;
      continue;
    }
    escapes++;
    if (p + 1 >= end) return ~end;
    const e = buf[p + 1];
    if (e === 0x75) {
      for (let i = p + 2; i < p + 6; i++) {
        if (i >= end) return ~end;
        if (!isHex(buf[i])) return ~p;
      }
      p += 6;
    } else if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
      p += 2;
    } else {
      return ~p;
    }
  }
  return ~end;
}

/** The offset after a number starting at `p`, or `~offset` of the bad byte. */
export function skipNumber(buf: Uint8Array, p: number, end: number): number {
  if (buf[p] === 0x2d) p++;
  if (p >= end) return ~p;
  if (buf[p] === 0x30) p++;
  else if (isDigit(buf[p])) while (p < end && isDigit(buf[p])) p++;
  else return ~p;
  if (p < end && buf[p] === 0x2e) {
    p++;
    if (p >= end || !isDigit(buf[p])) return ~p;
    while (p < end && isDigit(buf[p])) p++;
  }
  if (p < end && (buf[p] === 0x65 || buf[p] === 0x45)) {
    p++;
    if (p < end && (buf[p] === 0x2b || buf[p] === 0x2d)) p++;
    if (p >= end || !isDigit(buf[p])) return ~p;
    while (p < end && isDigit(buf[p])) p++;
  }
  return p;
}

/** The offset after the literal `word` at `p`, or `~p` (`~end` when it is cut short). */
function skipLiteral(buf: Uint8Array, p: number, end: number, word: string): number {
  for (let i = 0; i < word.length; i++) {
    if (p + i >= end) return ~end;
    if (buf[p + i] !== word.charCodeAt(i)) return ~p;
  }
  return p + word.length;
}

/** Told each key of an object's own level (not of the values nested in it) as `jsonValueEnd` checks the object. */
export interface KeyWatch<B extends Uint8Array = Uint8Array> {
  /**
   * The key whose quotes are at `open` and `close - 1`; its value follows a colon after `close`.
   * `escaped`: it holds an escape (`"addr\u0065ss"`), so only parsing tells what it spells.
   */
  key(buf: B, open: number, close: number, escaped: boolean): void;
}

/**
 * The keys of an object's own level that decide a module resource's address, counted by
 * `jsonValueEnd` as it checks the object: `RawValue.leadingAddress` then needs no search of the
 * element's bytes.
 */
export class TopKeys implements KeyWatch {
  /** Keys spelled `"address"`. */
  addresses = 0;
  /** Keys spelled `"index"`. */
  indexes = 0;
  /** A key with an escape (`"addr\u0065ss"`): it may spell either, which only parsing tells. */
  escaped = false;

  key(buf: Uint8Array, open: number, close: number, escaped: boolean): void {
    const length = close - open - 2;
    if (escaped) this.escaped = true;
    else if (length === ADDRESS.length && bytesAre(buf, open + 1, ADDRESS)) this.addresses++;
    else if (length === INDEX.length && bytesAre(buf, open + 1, INDEX)) this.indexes++;
  }
}

const ADDRESS = Buffer.from('address');
const INDEX = Buffer.from('index');

/** Whether `buf[from, from + word.length)` is `word`. */
export function bytesAre(buf: Uint8Array, from: number, word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if (buf[from + i] !== word[i]) return false;
  return true;
}

/**
 * Whether `buf[start, end)` is exactly one JSON value (whitespace around it allowed): -1 when it
 * is, else the offset of the first byte that is wrong (`end` when the value is cut short).
 */
export function jsonErrorAt(buf: Uint8Array, start: number, end: number): number {
  let p = jsonValueEnd(buf, start, end);
  if (p < 0) return ~p;
  p = skipWhitespace(buf, p, end);
  return p < end ? p : -1; // data after the value
}

/**
 * The offset just after the one JSON value that starts at `start` (after whitespace), or `~offset`
 * of the first byte that is wrong (`~end` when the value is cut short). What follows the value is
 * not looked at. With `keys`, it is told the keys of the value's own level (see `TopKeys`).
 */
export function jsonValueEnd<B extends Uint8Array>(buf: B, start: number, end: number, keys?: KeyWatch<B>): number {
  // The open containers: one array for every call (a call runs no other code), so a check allocates nothing.
  const stack = OPEN;
  let depth = 0;
  let expect = Expect.Value;
  let p = start;
  for (;;) {
    p = skipWhitespace(buf, p, end);
    if (p >= end) return ~end;
    const c = buf[p];
    // An empty array or object closes where a value or key could start.
    if ((expect === Expect.ValueOrClose && c === 0x5d) || (expect === Expect.KeyOrClose && c === 0x7d)) {
      depth--;
      p++;
      if (depth === 0) return p;
      expect = Expect.CommaOrClose;
      continue;
    }
    switch (expect) {
      case Expect.ValueOrClose:
      case Expect.Value:
        if ((c === 0x7b || c === 0x5b) && depth >= MAX_NESTING) throw new NestingTooDeep(p);
        if (c === 0x7b) {
          stack[depth++] = OBJECT;
          p++;
          expect = Expect.KeyOrClose;
          break;
        }
        if (c === 0x5b) {
          stack[depth++] = ARRAY;
          p++;
          expect = Expect.ValueOrClose;
          break;
        }
        if (c === QUOTE) p = skipString(buf, p, end);
        else if (c === 0x2d || isDigit(c)) p = skipNumber(buf, p, end);
        else if (c === 0x74) p = skipLiteral(buf, p, end, 'true');
        else if (c === 0x66) p = skipLiteral(buf, p, end, 'false');
        else if (c === 0x6e) p = skipLiteral(buf, p, end, 'null');
        else return ~p;
        if (p < 0 || depth === 0) return p;
        expect = Expect.CommaOrClose;
        break;
      case Expect.KeyOrClose:
      case Expect.Key:
        if (c !== QUOTE) return ~p;
        if (keys === undefined || depth !== 1) p = skipString(buf, p, end);
        else {
          const open = p;
          const before = escapes;
          p = skipString(buf, p, end);
          if (p >= 0) keys.key(buf, open, p, escapes !== before);
        }
        if (p < 0) return p;
        expect = Expect.Colon;
        break;
      case Expect.Colon:
        if (c !== 0x3a) return ~p;
        p++;
        expect = Expect.Value;
        break;
      default: {
        const top = stack[depth - 1];
        if (c === 0x2c) {
          p++;
          expect = top === OBJECT ? Expect.Key : Expect.Value;
        } else if (c === (top === OBJECT ? 0x7d : 0x5d)) {
          depth--;
          p++;
          if (depth === 0) return p;
        } else {
          return ~p;
        }
      }
    }
  }
}
