/**
 * Terraform's `jsonencode`, for the configuration loaders (evaluate.ts evaluates its argument): a
 * .tf policy written `policy = jsonencode({ Version = "2012-10-17", Statement = [...] })` is then
 * the same known string the plan of that code holds, instead of `unknown` (peer-pitfall 6). Like
 * Terraform's jsonencode, the result sorts object keys and escapes `<`, `>`, `&`, U+2028 and U+2029.
 */
/**
 * JSON as Terraform's jsonencode writes it: object keys sorted as Go sorts strings (by their UTF-8
 * bytes), no spaces, `<`, `>`, `&`, U+2028 and U+2029 escaped. Written out rather than through a
 * sorted object: JavaScript puts integer-like keys (`"9"`, `"10"`) first, in numeric order.
 */
/** Go's order of strings (by their UTF-8 bytes), in which Terraform sorts map keys and sets of strings. */
export const compareUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

export function jsonencodeValue(value: unknown): string {
  const encode = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(encode).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort(compareUtf8);
      return `{${keys.map((key) => `${JSON.stringify(key)}:${encode((v as Record<string, unknown>)[key])}`).join(',')}}`;
    }
    return JSON.stringify(v);
  };
  return encode(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
