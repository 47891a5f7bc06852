/**
 * The addresses of a plan's changes, for telling which planned_values and prior_state elements
 * they already describe.
 */

/** What a resource instance's address is spelled from, as Terraform spells it (`spelledAddress`). */
export interface AddressParts {
  readonly module: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly index: number | string | undefined;
}

/**
 * A resource as the lookup reads it: its address, or, for one that spells its address only when
 * asked, the address's `hashOf` and a comparison, neither of which spells it.
 */
export interface Addressed {
  readonly address: string;
  addressHash?(): number;
  isAddress?(text: string): boolean;
}

/**
 * Which addresses the changes have, without a string per change: each resource spells its own
 * address, so the lookup keeps 32-bit hashes, sorted, beside the resources. On a 774k-resource plan
 * the Set it replaces held about 60 MB of address strings at the end of loading (an estimate: 80
 * bytes a string), memory the rules phase could then not reuse for anything else.
 */
export class AddressLookup {
  /** `hash * 2^21 + position`, sorted: one typed array, no object per entry. */
  private readonly keys: Float64Array;
  private readonly fallback: Set<string> | undefined;
  private readonly positions: number;
  /** How many addresses it holds: the lists' lengths when it was made (they may grow later). */
  readonly size: number;

  /** `positions`: how many entries fit beside a hash (tests lower it to reach the fallback). */
  constructor(
    private readonly resources: readonly Addressed[],
    private readonly removed: readonly string[],
    positions = POSITIONS,
  ) {
    this.positions = positions;
    const count = resources.length + removed.length;
    this.size = count;
    if (count >= positions) {
      this.keys = new Float64Array(0);
      this.fallback = new Set([...resources.map((r) => r.address), ...removed]);
      return;
    }
    this.keys = new Float64Array(count);
    for (let i = 0; i < count; i++) this.keys[i] = this.hashAt(i) * positions + i;
    this.keys.sort();
  }

  has(address: string): boolean {
    if (this.fallback) return this.fallback.has(address);
    const first = hashOf(address) * this.positions;
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.keys[mid] < first) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.keys.length && this.keys[i] < first + this.positions; i++) {
      if (this.isAt(this.keys[i] - first, address)) return true;
    }
    return false;
  }

  private hashAt(position: number): number {
    if (position >= this.resources.length) return hashOf(this.removed[position - this.resources.length]);
    const resource = this.resources[position];
    return resource.addressHash ? resource.addressHash() : hashOf(resource.address);
  }

  private isAt(position: number, address: string): boolean {
    if (position >= this.resources.length) return this.removed[position - this.resources.length] === address;
    const resource = this.resources[position];
    return resource.isAddress ? resource.isAddress(address) : resource.address === address;
  }
}

/** Positions an `AddressLookup` key has room for (2^21); beyond, it keeps a Set of strings. */
const POSITIONS = 2 ** 21;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const DOT = 0x2e;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const ZERO = 0x30;

/** FNV-1a over the UTF-16 code units: 32 bits, as an unsigned number. `from`: the hash of the text before. */
export function hashOf(text: string, from = FNV_OFFSET): number {
  let hash = from;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

const hashCode = (hash: number, code: number): number => Math.imul(hash ^ code, FNV_PRIME) >>> 0;

/** An instance key of `count`: its decimal digits are all of its spelling. */
const isCount = (index: unknown): index is number => Number.isSafeInteger(index) && (index as number) >= 0;

/** The digits `digitsOf` leaves, last first. */
const DIGITS = new Uint8Array(16);

/** Write a count's decimal digits, last first, to DIGITS; how many. */
function digitsOf(count: number): number {
  let n = 0;
  do {
    const digit = count % 10;
    DIGITS[n++] = digit;
    count = (count - digit) / 10;
  } while (count > 0);
  return n;
}

/** `[0]`, `["eu"]`: an instance key as an address ends with it. */
export const indexSuffix = (index: unknown): string => (typeof index === 'number' ? `[${index}]` : typeof index === 'string' ? `[${JSON.stringify(index)}]` : '');

/** The address Terraform spells from the parts: `module.m["x"].data.aws_s3_bucket.b[0]`. */
export const spelledAddress = (parts: AddressParts): string =>
  `${parts.module ? `${parts.module}.` : ''}${parts.mode === 'data' ? 'data.' : ''}${parts.type}.${parts.name}${indexSuffix(parts.index)}`;

/** `hashOf(spelledAddress(parts))`, without spelling it: a lookup made of a large plan's changes hashes every one. */
export function spelledHash(parts: AddressParts): number {
  let hash = FNV_OFFSET;
  if (parts.module) hash = hashCode(hashOf(parts.module, hash), DOT);
  if (parts.mode === 'data') hash = hashOf('data.', hash);
  hash = hashOf(parts.name, hashCode(hashOf(parts.type, hash), DOT));
  const index = parts.index;
  if (!isCount(index)) return index === undefined ? hash : hashOf(indexSuffix(index), hash);
  hash = hashCode(hash, OPEN);
  for (let i = digitsOf(index) - 1; i >= 0; i--) hash = hashCode(hash, ZERO + DIGITS[i]);
  return hashCode(hash, CLOSE);
}

/**
 * Whether `text` is `spelledAddress(parts)`, without spelling it: every planned_values and
 * prior_state element of a large plan asks the lookup. Measured on the 30k bench plan, making the
 * lookup of its 30k resources and asking it 33k times (heap sampling, collected objects included):
 * 13.5 MB allocated when each hash and comparison spelled the address, under 2 MB without; the CPU
 * time is about the same (spelling a short string is cheap, the garbage is what costs).
 */
export function spells(parts: AddressParts, text: string): boolean {
  let p = 0;
  if (parts.module) {
    if (!text.startsWith(parts.module) || text.charCodeAt(parts.module.length) !== DOT) return false;
    p = parts.module.length + 1;
  }
  if (parts.mode === 'data') {
    if (!text.startsWith('data.', p)) return false;
    p += 5;
  }
  if (!text.startsWith(parts.type, p) || text.charCodeAt(p + parts.type.length) !== DOT) return false;
  p += parts.type.length + 1;
  if (!text.startsWith(parts.name, p)) return false;
  p += parts.name.length;
  const index = parts.index;
  if (!isCount(index)) {
    const suffix = indexSuffix(index);
    return text.length === p + suffix.length && text.endsWith(suffix);
  }
  let n = digitsOf(index);
  if (text.length !== p + n + 2 || text.charCodeAt(p) !== OPEN || text.charCodeAt(text.length - 1) !== CLOSE) return false;
  for (p++; n > 0; p++) if (text.charCodeAt(p) !== ZERO + DIGITS[--n]) return false;
  return true;
}
