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
import { parseInstanceAddress } from './graph/addresses';

const START = '\uE000';
const END = '\uE001';

/** Stands for the subject's own name inside a pattern and its target (see `selfSubstituted`). */
export const SELF = '\uE002';

/** A part of a symbolic value that is not known: it matches nothing. */
export const OPAQUE = `${START}${END}`;

/** Every token (and opaque part) of a text. */
const TOKENS = /\uE000[^\uE001]*\uE001/g;

/** Characters code may not write in a value evaluated symbolically. */
export const RESERVED = /[\uE000-\uE002]/;

const NONCE = randomBytes(8).toString('hex');

/**
 * Characters a token does not hold as such: a quote or a backslash would end or escape the JSON string
 * a template writes it into (`"${aws_s3_bucket.m["a"].arn}/*"` in a heredoc policy), a control
 * character too; `%` begins the escape of one (`%22`).
 */
const ESCAPED_IN_TOKEN = /[%"\\\u0000-\u001f\u007f]/g;

/** The token of `address`'s attribute `attribute`. */
export const referenceToken = (address: string, attribute: string): string =>
  `${START}${NONCE}${address.replace(ESCAPED_IN_TOKEN, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}#${attribute}${END}`;

/**
 * The token of `address`'s attribute in input `input`, for a value one cdktf stack reads from another
 * (cross-stack.ts): the stack reading it may have a resource of the same address, whose token this is
 * not. Its address is no resource address, so only a rule that asks for it by input (a subject's own
 * tokens, `inputReferenceToken(subject.input, …)`) reads it as more than a value known only after apply.
 */
export const inputReferenceToken = (input: string, address: string, attribute: string): string => referenceToken(`${input}#${address}`, attribute);

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
export const widest = (text: string): string => text.replace(TOKENS, '*').replace(/\*+/g, '*');

/** The resource attribute `text` stands for when it is exactly one token of this process; undefined otherwise. */
export function tokenTarget(text: string): { readonly address: string; readonly attribute: string } | undefined {
  const head = `${START}${NONCE}`;
  if (!text.startsWith(head) || !text.endsWith(END) || text.indexOf(START, head.length) >= 0) return undefined;
  const body = text.slice(head.length, -END.length);
  const hash = body.lastIndexOf('#');
  return hash < 0 ? undefined : { address: body.slice(0, hash).replace(/%([0-9a-f]{2})/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16))), attribute: body.slice(hash + 1) };
}

/** The text after a token `text` starts with (`"${aws_s3_bucket.b.arn}/scenes/"` read with its code: `/scenes/`); undefined when it starts with none. */
export function afterLeadingToken(text: string): string | undefined {
  const end = text.startsWith(START) ? text.indexOf(END) : -1;
  return end < 0 ? undefined : text.slice(end + END.length);
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

/**
 * What an attribute's value may be, where AWS fixes it, by resource type: the characters it may
 * hold (a `-` is always one more) and its least length. An S3 bucket's name: lower-case letters,
 * digits, dots and hyphens, 3 or more, as S3 creates every bucket since March 2018 (in a plan a token
 * stands for a bucket the apply creates; a `.tf` scan of code that manages an older us-east-1 bucket,
 * whose name may hold capitals and underscores, cannot tell); its ARN, `arn:<partition>:s3:::<name>`
 * (a directory bucket's has a `/`).
 */
interface ValueShape {
  readonly characters: string;
  readonly minLength: number;
  /** A pattern that matches every value it may be: a bucket's ARN is an S3 ARN, not any ARN. */
  readonly widest: string;
}
const BUCKET_NAME: ValueShape = { characters: 'a-z0-9.', minLength: 3, widest: '*' };
const BUCKET_ARN: ValueShape = { characters: 'a-z0-9.:', minLength: 'arn:aws:s3:::'.length + 3, widest: 'arn:*:s3:::*' };
const DIRECTORY_BUCKET_ARN: ValueShape = { characters: 'a-z0-9.:/', minLength: BUCKET_ARN.minLength, widest: 'arn:*:s3express:*' };
const VALUE_SHAPES: Readonly<Record<string, Readonly<Record<string, ValueShape>>>> = {
  aws_s3_bucket: { id: BUCKET_NAME, bucket: BUCKET_NAME, arn: BUCKET_ARN },
  awscc_s3_bucket: { id: BUCKET_NAME, bucket_name: BUCKET_NAME, arn: BUCKET_ARN },
  aws_s3_directory_bucket: { id: BUCKET_NAME, bucket: BUCKET_NAME, arn: DIRECTORY_BUCKET_ARN },
};

/** The resource a token stands for an attribute of: its type, whether it is a data source, and the attribute. */
function tokenSubject(token: string): { readonly type: string; readonly data: boolean; readonly attribute: string } | undefined {
  const target = tokenTarget(token);
  const block = target && parseInstanceAddress(target.address)?.block;
  if (target === undefined || block === undefined) return undefined;
  const data = block.startsWith('data.');
  return { type: (data ? block.slice('data.'.length) : block).split('.')[0], data, attribute: target.attribute };
}

/**
 * The shape of the value a token stands for, where `VALUE_SHAPES` fixes it: a managed resource's
 * attribute (a data source reads a bucket that exists: maybe one of an older name).
 */
function shapeOf(token: string): ValueShape | undefined {
  const subject = tokenSubject(token);
  if (subject === undefined || subject.data || !Object.prototype.hasOwnProperty.call(VALUE_SHAPES, subject.type)) return undefined;
  return VALUE_SHAPES[subject.type][subject.attribute];
}

/**
 * Data source attributes that are one fixed value, never `*` and never empty (an account id, the
 * caller's ARN, a Region's name, a partition, an organization's id), each with a value of its shape:
 * `arn:${data.aws_partition.p.partition}:kms:*:${data.aws_caller_identity.c.account_id}:key/*` is the
 * keys of one account, whichever, in the partition.
 */
const FIXED_FORMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_caller_identity: { account_id: '000000000000', arn: 'arn:aws:iam::000000000000:root' },
  aws_region: { name: 'us-east-1', id: 'us-east-1', region: 'us-east-1' },
  aws_partition: { partition: 'aws', dns_suffix: 'amazonaws.com' },
  aws_organizations_organization: { id: 'o-0000000000', arn: 'arn:aws:organizations::000000000000:organization/o-0000000000', master_account_id: '000000000000' },
};

/** The fixed form of a token where `FIXED_FORMS` has one; undefined otherwise. */
function fixedForm(token: string): string | undefined {
  const subject = tokenSubject(token);
  if (subject?.data !== true || !Object.hasOwn(FIXED_FORMS, subject.type)) return undefined;
  const forms = FIXED_FORMS[subject.type];
  return Object.hasOwn(forms, subject.attribute) ? forms[subject.attribute] : undefined;
}

/**
 * `widest`, but with each token of one fixed value (an account id, a Region, a partition) in a form
 * of that value, and each of a value of a known shape as the widest pattern of that shape
 * (a bucket's ARN and `/*` is the objects of some bucket, `arn:*:s3:::*` and `/*`, where `*` and `/*`
 * would match every KMS key's ARN): the widest pattern the text may be, where those parts cannot
 * widen it further.
 */
export const widestButFixed = (text: string): string => text.replace(TOKENS, (token) => fixedForm(token) ?? shapeOf(token)?.widest ?? '*').replace(/\*+/g, '*');

/** Whether every token of `text` is one fixed value (`widestButFixed` then is what it will be, but for which value). */
export const onlyFixedTokens = (text: string): boolean => (text.match(TOKENS) ?? []).every((token) => fixedForm(token) !== undefined);

/** Whether a token stands for a value that holds at least one character and never a `*`. */
function neverStar(token: string): boolean {
  const subject = tokenSubject(token);
  if (subject?.data) return fixedForm(token) !== undefined;
  return shapeOf(token) !== undefined;
}

/** `text` without its tokens: the text the code writes around them. */
export const ownText = (text: string): string => text.replace(TOKENS, '');

/**
 * Whether `text` (a value read with its code) may be exactly `*` once its tokens are known: it
 * holds no text but `*` of its own, and no token of a value that is never `*`
 * (`data.aws_caller_identity.c.account_id` is an account id; a variable may be anything).
 */
export function mayBeStar(text: string): boolean {
  if (!hasToken(text)) return text === '*';
  const tokens = text.match(TOKENS) ?? [];
  const own = ownText(text);
  return /^\**$/.test(own) && !RESERVED.test(own) && !tokens.some(neverStar);
}

/**
 * Whether no occurrence of `find` can touch the value `token` stands for, whatever it is: one that
 * did would begin or end inside it (so `find` would begin or end with a character it may hold), or
 * hold all of it (a run of such characters in `find` as long as the value can be).
 */
function untouched(token: string, find: string): boolean {
  const shape = shapeOf(token);
  if (shape === undefined) return false;
  const held = new RegExp(`[${shape.characters}-]`);
  const longestRun = Math.max(0, ...(find.match(new RegExp(`[${shape.characters}-]+`, 'g')) ?? []).map((run) => run.length));
  return !held.test(find[0]) && !held.test(find[find.length - 1]) && longestRun < shape.minLength;
}

/**
 * Whether no occurrence of `find` can hold both a part of a token's value and a part of the text
 * around it, `before` and `after` being that text up to the neighbouring tokens: `find` would begin
 * with text `before` ends with, or end with text `after` begins with. An empty neighbour (another
 * token) is not read.
 */
function withinToken(before: string, after: string, find: string): boolean {
  if (before === '' || after === '') return false;
  for (let k = 1; k < find.length; k++) if (before.endsWith(find.slice(0, k)) || after.startsWith(find.slice(k))) return false;
  return !before.endsWith(find) && !after.startsWith(find);
}

/**
 * Whether `text` holds no quote and no backslash, whatever its tokens stand for: written into a JSON string,
 * it stays inside it. A token must be of a value of a known kind (a bucket's name or ARN, an
 * account id, a region: `neverStar`'s values hold neither).
 */
const quoteFree = (text: string): boolean => !/["\\]/.test(ownText(text)) && (text.match(TOKENS) ?? []).every(neverStar);

/**
 * `replace(text, find, by)` (a plain substring, not a pattern) where `text` or `by` holds tokens,
 * as Terraform computes it once the tokens' values are known; undefined where that is not certain.
 * An occurrence of `find` that touches no token's value in `text` (`untouched`) is replaced where it
 * stands; a token whose value may hold one, but only within (`withinToken`: a role's ARN inside a
 * JSON string), becomes `OPAQUE`, the text around it still certain. That is how a module fills the
 * bucket's ARN into a policy written with placeholders
 * (`replace(data.aws_iam_policy_document.p.json, "_S3_BUCKET_ARN_", aws_s3_bucket.this.arn)`).
 */
export function replaceAroundTokens(text: string, find: string, by: string): string | undefined {
  if (RESERVED.test(find) || find === '') return undefined;
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    const start = text.indexOf(START, at);
    const plain = text.slice(at, start < 0 ? text.length : start);
    // Text of the reserved range outside a token of this process: not read.
    if (RESERVED.test(plain)) return undefined;
    out.push(plain.split(find).join(by));
    if (start < 0) break;
    const end = text.indexOf(END, start);
    if (end < 0) return undefined;
    const token = text.slice(start, end + 1);
    const next = text.indexOf(START, end + 1);
    const after = text.slice(end + 1, next < 0 ? text.length : next);
    if (untouched(token, find)) out.push(token);
    else if (withinToken(plain, after, find) && quoteFree(by)) out.push(OPAQUE);
    else return undefined;
    at = end + 1;
  }
  return out.join('');
}
