/**
 * Symbolic references: a value of the code that names another resource's attribute known only
 * after apply (`"${aws_s3_bucket.b.arn}/*"`), written as text that stands for that attribute. A
 * policy that denies plain HTTP on its own bucket's ARN can then be judged before the ARN exists.
 *
 * A reference becomes a token: `\uE000` + a random per-process nonce + `<address>#<attribute>` +
 * `\uE001`. Code cannot forge one: the nonce is unknown to it, and a symbolic evaluation refuses
 * code whose literal text holds a character of the reserved range (`RESERVED`). A part that is not
 * known at all (`var.x`, a function not evaluated) is `OPAQUE`, which matches nothing.
 *
 * A token is never taken for text: a rule reads it only as the attribute it names. A deny-coverage
 * question (does a Deny cover this bucket?) matches the subject's own tokens (`selfSubstituted`);
 * what a policy allows reads a token as the widest pattern it could be (`widest`), as a new IAM
 * identity's ARN (`tokenTarget`: a fixed principal), or as a bucket's ARN where the rule knows the
 * bucket's name (`substituted`). Anything else with a token is `unknown`.
 */
import { randomBytes } from 'node:crypto';

const START = '\uE000';
const END = '\uE001';

/** Stands for the subject's own name inside a pattern and its target (see `selfSubstituted`). */
export const SELF = '\uE002';

/** A part of a symbolic value that is not known: it matches nothing. */
export const OPAQUE = `${START}${END}`;

/** Characters code may not write in a value evaluated symbolically. */
export const RESERVED = /[\uE000-\uE002]/;

const NONCE = randomBytes(8).toString('hex');

/** The token of `address`'s attribute `attribute`. */
export const referenceToken = (address: string, attribute: string): string => `${START}${NONCE}${address}#${attribute}${END}`;

/** Whether a string holds a token (or what looks like one). */
export const hasToken = (text: string): boolean => text.includes(START);

/**
 * How a rule reads a policy's strings: `hasToken` for a policy read with its code, `AS_WRITTEN`
 * for a known one (every string is the text it shows).
 */
export type TokenTest = (text: string) => boolean;
export const AS_WRITTEN: TokenTest = () => false;

/**
 * `text` with every token (and opaque part) as `*`, and runs of `*` as one (an empty part leaves
 * `*` alone): the widest pattern it may be once known. A pattern that grants nothing even so
 * grants nothing whatever the values turn out to be.
 */
export const widest = (text: string): string => text.replace(/\uE000[^\uE001]*\uE001/g, '*').replace(/\*+/g, '*');

/** The resource attribute `text` stands for when it is exactly one token of this process; undefined otherwise. */
export function tokenTarget(text: string): { readonly address: string; readonly attribute: string } | undefined {
  const head = `${START}${NONCE}`;
  if (!text.startsWith(head) || !text.endsWith(END) || text.indexOf(START, head.length) >= 0) return undefined;
  const body = text.slice(head.length, -END.length);
  const hash = body.lastIndexOf('#');
  return hash < 0 ? undefined : { address: body.slice(0, hash), attribute: body.slice(hash + 1) };
}

/** `text` with each token of `replacements` replaced by the text it stands for; other tokens stay. */
export function substituted(text: string, replacements: ReadonlyMap<string, string>): string {
  if (!hasToken(text)) return text;
  let out = text;
  for (const [token, value] of replacements) out = out.split(token).join(value);
  return out;
}

/**
 * `pattern` with the tokens of a subject's own attributes replaced (`replacements`: token ->
 * text); undefined when any other token remains (another resource's attribute, an opaque part).
 */
export function selfSubstituted(pattern: string, replacements: ReadonlyMap<string, string>): string | undefined {
  const out = substituted(pattern, replacements);
  return hasToken(out) ? undefined : out;
}
