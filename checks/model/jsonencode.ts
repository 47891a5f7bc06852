/**
 * Terraform's `jsonencode`, for the configuration loaders (evaluate.ts evaluates its argument): a
 * .tf policy written `policy = jsonencode({ Version = "2012-10-17", Statement = [...] })` is then
 * the same known string the plan of that code holds, instead of `unknown` (peer-pitfall 6). Like
 * Terraform's jsonencode, the result sorts object keys and escapes `<`, `>`, `&`, U+2028 and U+2029.
 */
import { record } from './records';

/** JSON as Terraform's jsonencode writes it: keys sorted, no spaces, `<`, `>`, `&`, U+2028/2029 escaped. */
export function jsonencodeValue(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      const out = record();
      for (const key of Object.keys(v).sort()) out[key] = sorted((v as Record<string, unknown>)[key]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sorted(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
