/**
 * Pure functions of text Terraform gives at plan time, as Terraform's own code computes them: `trim` (go-cty's
 * `strings.Trim`), `urlencode` (Go's `url.QueryEscape`) and `cidrsubnet` (go-cidr's `SubnetBig` over Terraform's
 * `ipaddr.ParseCIDR`, written back as Go's `IPNet.String`). Each gives undefined for an input it does not follow
 * exactly (the caller leaves the value unknown); `cidrsubnet` gives a string `refused` reason where Terraform refuses.
 */

/** Go's `strings.Trim(s, cutset)`: every character (code point) of `cutset` off both ends. */
export function trimCutset(s: string, cutset: string): string {
  const cut = new Set(cutset);
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && cut.has(chars[start])) start++;
  while (end > start && cut.has(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/** Go's `url.QueryEscape`: each UTF-8 byte but letters, digits and `-_.~` as `%XX`, a space as `+`. */
export function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : byte === 0x20 ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** An address and its length in bits. */
interface Address {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

/** A dotted IPv4 address, each part 0 to 255 written without a leading zero (what Go and Terraform read alike). */
function ipv4(text: string): Address | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(?:0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)) return undefined;
  return { bits: 32, value: parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n) };
}

/** An IPv6 address of hex groups, `::` at most once (no zone, no IPv4 tail: not followed). */
function ipv6(text: string): Address | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((list) => list.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group)))) return undefined;
  const count = groups.reduce((n, list) => n + list.length, 0);
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const all = halves.length === 1 ? groups[0] : [...groups[0], ...Array<string>(8 - count).fill('0'), ...groups[1]];
  return { bits: 128, value: all.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n) };
}

/** Go's `IP.String` of an IPv6 address: lower-case groups without leading zeros, the first longest run of two or more zero groups as `::`. */
function ipv6Text(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let [best, bestLength] = [-1, 0];
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/**
 * `cidrsubnet(prefix, newbits, netnum)`: the `netnum`th subnet of `prefix` with `newbits` more bits of prefix
 * (`cidrsubnet("10.1.2.0/24", 4, 15)` is `10.1.2.240/28`). Undefined for what is not followed exactly (an IPv4 part
 * with a leading zero, an IPv6 address with an IPv4 tail, an IPv4-mapped one, a number that is not a whole one);
 * `{ refused }` where Terraform refuses (no room for `newbits`, a `netnum` that does not fit).
 */
export function cidrSubnet(prefix: string, newbits: number, netnum: number): string | { readonly refused: string } | undefined {
  const match = /^([^/]+)\/(0|[1-9][0-9]{0,2})$/.exec(prefix);
  if (!match || !Number.isSafeInteger(newbits) || !Number.isSafeInteger(netnum) || newbits < 0 || netnum < 0) return undefined;
  const address = match[1].includes(':') ? ipv6(match[1]) : ipv4(match[1]);
  const length = Number(match[2]);
  // An IPv4-mapped IPv6 address (`::ffff:0:0/96`) Go reads as IPv4: not followed.
  if (address === undefined || length > address.bits || (address.bits === 128 && address.value >> 32n === 0xffffn)) return undefined;
  const newLength = length + newbits;
  if (newLength > address.bits) return { refused: `insufficient address space to extend prefix of ${length} by ${newbits}` };
  if (BigInt(netnum) >= 1n << BigInt(newbits)) return { refused: `prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}` };
  const size = BigInt(address.bits);
  const network = (address.value >> (size - BigInt(length))) << (size - BigInt(length));
  const subnet = network | (BigInt(netnum) << (size - BigInt(newLength)));
  // A subnet in the IPv4-mapped range Go writes as IPv4: not followed.
  if (address.bits === 128) return subnet >> 32n === 0xffffn ? undefined : `${ipv6Text(subnet)}/${newLength}`;
  return `${[24n, 16n, 8n, 0n].map((shift) => (subnet >> shift) & 0xffn).join('.')}/${newLength}`;
}
