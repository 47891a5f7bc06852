/**
 * The addresses of a plan's changes, for telling which planned_values and prior_state elements
 * they already describe.
 */

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
    private readonly resources: readonly { readonly address: string }[],
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
    for (let i = 0; i < count; i++) this.keys[i] = hashOf(this.addressAt(i)) * positions + i;
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
      if (this.addressAt(this.keys[i] - first) === address) return true;
    }
    return false;
  }

  private addressAt(position: number): string {
    return position < this.resources.length ? this.resources[position].address : this.removed[position - this.resources.length];
  }
}

/** Positions an `AddressLookup` key has room for (2^21); beyond, it keeps a Set of strings. */
const POSITIONS = 2 ** 21;

/** FNV-1a over the UTF-16 code units: 32 bits, as an unsigned number. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

