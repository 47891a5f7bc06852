/**
 * Values a configuration fixes without a plan: `local` values and the expressions built from them,
 * for the configuration loaders (.tf through hcl2json, cdk.tf.json). A .tf file that tags through
 * `default_tags { tags = local.tags }` then carries the same tags as the plan of that code, where
 * it used to be unknown (peer-pitfall 6: a .tf scan and a plan scan of the same code disagree).
 *
 * Evaluated: literals, objects and tuples, string templates, `local.<name>` and `var.<name>` where
 * the scope knows it (root-variables.ts; with attribute and index steps), the functions in
 * `FUNCTIONS`, operators, conditionals, `for` expressions, `try` and `can`, each as far as its
 * result is Terraform's (see `conditional`, `arithmetic`, `equal`); `dynamic` block iterators and a
 * resource instance's `each`/`count` where bound (`IteratorScope`). A value set from outside the
 * code or only known at apply (a variable the scope does not know, a resource's attribute, `each`
 * and `count` elsewhere, `path`…) is an unknown part, and so is what is not evaluated (splats, directives, other functions):
 * the keys around it stay known (`{ Environment = var.env, Owner = "platform" }` has a known
 * `Owner`). What cannot be read (a heredoc inside an expression, a syntax or a use Terraform
 * refuses) makes the whole value unknown: nothing is guessed.
 *
 * A value is a "partial": JSON-like data in which `UNKNOWN` may stand for any part.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { closingQuote, type Evaluator, matchingBrace, refsOfNode, splitAttribute } from './expressions';
import { compareUtf8, jsonencodeValue } from './jsonencode';
import { isRecord, ownAt, record } from './records';
import { hasToken, OPAQUE, replaceAroundTokens, RESERVED } from './symbolic';
import { ADDRESS_REACH, inAddress, UNKNOWN_IN_ADDRESS } from './email-address';
import { entryOf } from './entry-of';
import { noteNotEvaluated, notEvaluatedIn } from './not-evaluated';
import { cidrSubnet, queryEscape, trimCutset } from './text-functions';
import type { UnknownMapWithin, WrittenEntry } from './types';
import { type PathSeg, terraformBool } from './value';

/** A part of a value known only when Terraform plans or applies. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** What a local's name stands for. */
interface EvalScope {
  /** The local's value; `UNKNOWN` when it is not declared or cannot be evaluated. */
  local(name: string): unknown;
  /** A variable's value (root-variables.ts); `UNKNOWN` when it is not known. */
  variable(name: string): unknown;
  /**
   * Set in a symbolic evaluation (symbolic.ts): what a traversal of a resource, a data source, a
   * module output or a variable (`aws_s3_bucket.b.arn`) stands for, a token or `UNKNOWN`. A
   * template's unknown parts are then `OPAQUE` text, and so are `jsonencode`'s unknown leaves; a
   * template with a directive whose condition or collection is not known is unknown whole (it decides
   * which text around it is written).
   */
  readonly reference?: (traversal: string) => unknown;
  /** The symbols a `for` expression binds around this scope (`k`, `v`). */
  readonly bound?: ReadonlyMap<string, unknown>;
  /** Of `bound`, the symbols that are one instance of a resource or data block (`b` of `for k, b in aws_s3_bucket.m`). */
  readonly instances?: ReadonlyMap<string, BlockInstance>;
  /** `path.<name>`; `UNKNOWN` where the module's place is not known. */
  path?(name: string): unknown;
  /**
   * `module.<name>`: the outputs of the call `name` as Terraform gives them, an object of outputs (a
   * list of them for `count`, a map for `for_each`), evaluated in the called module with the
   * arguments the call gives it; `UNKNOWN` where the module is not read (hcl.ts `moduleOutputs`).
   */
  moduleOutputs?(name: string): unknown;
  /** `ModuleLinks.instanceKeys`. */
  instanceKeys?(block: string): readonly (number | string | undefined)[] | undefined;
  /** A local as the code writes it (undefined when not declared). */
  rawLocal?(name: string): unknown;
  /** `Locals.heldLocal`: the entries a local's map holds whatever its unknown part. */
  heldLocal?(name: string): Record<string, unknown> | undefined;
  /** `ModuleLinks.resourceAttribute`. */
  resourceAttribute?(block: string, key: number | string | undefined, attribute: string): unknown;
}

/** How a scope finds a module call's outputs (`EvalScope.moduleOutputs`). */
export type ModuleOutputs = (name: string) => unknown;

/** What a module's scope knows of the calls and blocks around its code (hcl.ts). */
export interface ModuleLinks {
  /** `module.<name>`: the call's outputs. */
  readonly outputs?: ModuleOutputs;
  /**
   * The instances of a resource or data block of the module (`data.aws_iam_policy_document.tls`),
   * for a splat of it or the block as a collection: `[undefined]` for a block without `count` or
   * `for_each`, the indexes of a `count` the code fixes, the keys of a `for_each` it fixes; undefined otherwise.
   */
  readonly instanceKeys?: (block: string) => readonly (number | string | undefined)[] | undefined;
  /**
   * The value an instance of a resource or data block of the module (`key`: its index or key, undefined
   * for one without repetition) has for an attribute its configuration writes, as Terraform plans it;
   * `UNKNOWN` where not written, not wholly known, or not followed (nested blocks, credentials).
   */
  readonly resourceAttribute?: (block: string, key: number | string | undefined, attribute: string) => unknown;
  /**
   * `var.<name>` of a called module, read for what its code writes (`Written`): what the caller's code writes
   * in the argument it gives (`tags = { "${var.project}:owner" = "…" }`, `owner = "…"`), followed there as
   * in the module; undefined where the call gives no argument (the variable's default is its value). The
   * root module has no caller.
   */
  readonly argumentWritten?: (variable: string) => Written | undefined;
  /**
   * `module.<call>.<output>` (of an instance `key` of a call repeated by `count` or `for_each`: `module.<call>[0].<output>`),
   * read for what its code writes (`Written`): what the called module's code writes in the output's value,
   * its variables followed to the arguments the call gives that instance (any instance's, where `key` is not known);
   * none for a sensitive output, a module not read, or an instance Terraform would not find (a key on a call not repeated, none on one repeated).
   */
  readonly outputWritten?: (call: string, output: string, key?: InstanceKey) => Written;
}

/** `path.module`, `path.root` and `path.cwd` of a module read from disk (hcl.ts), and `terraform.workspace`. */
export interface PathValues {
  readonly module: string;
  readonly root: string;
  readonly cwd: string;
  readonly workspace?: string;
}

/** Syntax or a function this module does not evaluate: the whole value is unknown. */
class NotEvaluable extends Error {}

/** What Terraform refuses for certain (a known object's missing attribute): `try` goes on to its next argument. */
class Refused extends NotEvaluable {}

/** A step Terraform refuses (a missing attribute or index): what it gives in place is a value of no type (cty's DynamicVal). */
class MissingStep extends Refused {}

/** One instance of a resource or data block of the module: `key` is its index or key. */
interface BlockInstance {
  readonly block: string;
  readonly key: number | string;
}

/** A traversal that names no resource or data block: a variable, a local, a module output, an iterator, a path, `terraform.`, `self`. */
const NOT_A_BLOCK = /^(?:var|local|module|each|count|path|terraform|self)\./;

/**
 * The value of a resource or data block as a collection of its instances (`ModuleLinks.instanceKeys`
 * known: a list of a `count`, a map of a `for_each`), each element unknown, with its block: a `for`
 * over it binds its symbol to an instance whose configured attributes are known (`Parser.named`).
 */
const BLOCK_COLLECTIONS = new WeakMap<object, { readonly block: string; readonly keys: readonly (number | string)[] }>();

/**
 * `block`'s value as `BLOCK_COLLECTIONS` holds it, for its `keys`: a map of a `for_each`'s keys, a list of a `count`'s;
 * undefined for other keys. Made once per block and shared, as a local's value is (`BLOCK_VALUES`): a `for` over a block's
 * keys that indexes the block by each (`{ for k in keys(aws_s3_bucket.m) : k => aws_s3_bucket.m[k] }`) made it again
 * for each key, a time that grew with the square of their number.
 */
function blockCollection(block: string, keys: readonly (number | string | undefined)[]): Record<string, unknown> | unknown[] | undefined {
  const made = BLOCK_VALUES.get(keys);
  if (made !== undefined && made.block === block) return made.collection;
  let collection: Record<string, unknown> | unknown[] | undefined;
  if (keys.length > 0 && keys.every((k) => typeof k === 'string')) {
    const map = record();
    for (const k of keys as string[]) map[k] = UNKNOWN;
    collection = map;
  } else if (keys.every((k) => typeof k === 'number')) collection = keys.map(() => UNKNOWN);
  if (collection !== undefined) BLOCK_COLLECTIONS.set(collection, { block, keys: keys as readonly (number | string)[] });
  BLOCK_VALUES.set(keys, { block, collection });
  return collection;
}

const BLOCK_VALUES = new WeakMap<readonly unknown[], { readonly block: string; readonly collection: Record<string, unknown> | unknown[] | undefined }>();

/**
 * A map a `for` made over a block's instances, with the instance (or the attribute of it: `b.arn`,
 * `b["arn"]`) each key's element is, as a traversal (`aws_s3_bucket.m["a"]`), for the keys whose
 * element is one: `{ for b in values(aws_s3_bucket.m) : b.bucket => b }` keeps bucket "a" under
 * its name. A `for_each` over it links each instance to that one (`instanceOfForEach`).
 */
const KEPT_INSTANCES = new WeakMap<object, ReadonlyMap<string, EachInstance>>();

/**
 * `value` as another module reads it (a module output in its caller, a module argument in the called module): the
 * instances `BLOCK_COLLECTIONS` and `KEPT_INSTANCES` tell are named as the module that made them writes them
 * (`aws_s3_bucket.this["a"]`), which in the other module would be its own block of that name, or none. The
 * collections and maps that tell them (at any depth) are copies without that mark, their other marks kept; a value
 * with none is returned as it is. Each.value over such a map is then followed through the module's code.
 */
export function acrossModules(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const marked = BLOCK_COLLECTIONS.has(value) || KEPT_INSTANCES.has(value);
  if (Array.isArray(value)) {
    const items = value.map(acrossModules);
    if (!marked && items.every((item, i) => item === value[i])) return value;
    for (const marks of [SETS, EITHER_LIST_OR_SET]) if (marks.has(value)) marks.add(items);
    return withInstanceMark(value, items);
  }
  if (!isRecord(value)) return value;
  let out: Record<string, unknown> | undefined = marked ? Object.assign(record(), value) : undefined;
  for (const [key, item] of Object.entries(value)) {
    const across = acrossModules(item);
    if (across !== item) (out ??= Object.assign(record(), value))[key] = across;
  }
  if (out === undefined) return value;
  if (OUTSIDE_OBJECTS.has(value)) OUTSIDE_OBJECTS.add(out);
  return withInstanceMark(value, out);
}

/** `copy`, read as `original` is where that is one resource instance (`INSTANCE_OBJECTS`). */
function withInstanceMark<T extends object>(original: object, copy: T): T {
  const read = INSTANCE_OBJECTS.get(original);
  return read === undefined ? copy : instanceObject(copy, read);
}

/** The traversal of one instance of a block (`aws_s3_bucket.m["a"]`, `aws_kms_key.k[0]`); undefined for a key its text could not hold. */
function instanceTraversal(instance: BlockInstance): string | undefined {
  if (typeof instance.key === 'number') return `${instance.block}[${instance.key}]`;
  return /["\\$%\n]/.test(instance.key) ? undefined : `${instance.block}[${JSON.stringify(instance.key)}]`;
}

/** One step of a traversal after a symbol: `.arn`, `["arn"]` (the name of either in group 1 or 2). */
const ATTRIBUTE_STEP = String.raw`\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*"([A-Za-z_][\w-]*)"\s*\])`;
/** `ATTRIBUTE_STEP` at the start of a text; every one in a text; `each.value`'s one (`.value["arn"]`). */
const ATTRIBUTE_STEP_AT = new RegExp(`^${ATTRIBUTE_STEP}`);
const ATTRIBUTE_STEPS = new RegExp(ATTRIBUTE_STEP, 'g');
const VALUE_STEP_AT = new RegExp(String.raw`^\.value${ATTRIBUTE_STEP}`);

/**
 * What a `for` element's value written as `text` is: where its value symbol `name` is bound to
 * `instance`, that instance (`b`) or an attribute of it (`b.arn`, `b["tags"].env`); an instance a
 * symbol indexes a block by, where it is one of the block's keys (`aws_s3_bucket.m[k]` of `for k in
 * keys(aws_s3_bucket.m)`), or its attribute; undefined for any other expression.
 */
function heldInstance(text: string, name: string, instance: BlockInstance | undefined, indexed: (block: string, symbol: string) => BlockInstance | undefined): EachInstance | undefined {
  const own = instance === undefined ? null : new RegExp(String.raw`^\s*${name}((?:${ATTRIBUTE_STEP})*)\s*$`).exec(text);
  const byIndex = own === null ? INDEXED_BLOCK.exec(text) : null;
  const held = own !== null ? instance : byIndex !== null ? indexed(byIndex[1], byIndex[2]) : undefined;
  const traversal = held === undefined ? undefined : instanceTraversal(held);
  if (traversal === undefined) return undefined;
  const steps = [...((own ?? byIndex)?.[own !== null ? 1 : 3] ?? '').matchAll(ATTRIBUTE_STEPS)].map((step) => `.${step[1] ?? step[2]}`).join('');
  return { traversal: `${traversal}${steps}`, attribute: steps !== '' };
}

/**
 * Over a block's instances (`BLOCK_COLLECTIONS`), the instance the element of `key` is: its list
 * index is its `count.index` (or its place among the keys, of `values()`), its map key its key.
 * The collection is the one made of the block's keys, so each key it yields is one. Undefined for
 * another collection.
 */
function blockInstanceAt(collection: unknown, key: unknown): BlockInstance | undefined {
  const block = typeof collection === 'object' && collection !== null ? BLOCK_COLLECTIONS.get(collection) : undefined;
  const at = block === undefined ? undefined : typeof key === 'number' ? block.keys[key] : key;
  return block !== undefined && (typeof at === 'string' || typeof at === 'number') ? { block: block.block, key: at } : undefined;
}

/** `base`'s lookups with `bound` symbols (a `for` body's, an instance's) and `reference` (a symbolic evaluation's). */
function boundScope(base: EvalScope, bound: ReadonlyMap<string, unknown>, reference: EvalScope['reference'], instances?: ReadonlyMap<string, BlockInstance>): EvalScope {
  return {
    local: (n) => base.local(n),
    variable: (n) => base.variable(n),
    path: (n) => base.path?.(n) ?? UNKNOWN,
    moduleOutputs: (n) => base.moduleOutputs?.(n) ?? UNKNOWN,
    instanceKeys: (b) => base.instanceKeys?.(b),
    rawLocal: (n) => base.rawLocal?.(n),
    heldLocal: (n) => base.heldLocal?.(n),
    resourceAttribute: (b, k, a) => base.resourceAttribute?.(b, k, a) ?? UNKNOWN,
    reference,
    bound,
    ...(instances !== undefined && instances.size > 0 ? { instances } : {}),
  };
}

/**
 * `base` in one element of a `for` (an expression's or a directive's): its symbols (`names`: value,
 * or key and value) bound, the value's to `instance` where the element is one of a block's.
 */
function elementScope(base: EvalScope, names: readonly string[], key: unknown, value: unknown, instance?: BlockInstance): EvalScope {
  const bound = new Map(base.bound);
  if (names.length === 2) bound.set(names[0], key);
  bound.set(names[names.length - 1], value);
  if (base.instances === undefined && instance === undefined) return boundScope(base, bound, base.reference);
  const instances = new Map(base.instances);
  for (const name of names) instances.delete(name); // an inner symbol hides an outer one of the same name
  if (instance !== undefined) instances.set(names[names.length - 1], instance);
  return boundScope(base, bound, base.reference, instances);
}

/** Of a module's variables' values, the names whose value comes from outside the code (`markGiven`). */
const GIVEN = new WeakMap<ReadonlyMap<string, unknown>, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/**
 * `variables` marked: those of `names` take values given from outside the code (a root variable's
 * `-var`, `-var-file` or a plan's value; a module variable whose argument reads one). What the code
 * alone fixes (`ConfigNode.byCode`) reads none of them.
 */
export function markGiven<T extends ReadonlyMap<string, unknown>>(variables: T, names: Iterable<string>): T {
  const set = new Set(names);
  if (set.size > 0) GIVEN.set(variables, set);
  return variables;
}

/** The names of `variables` marked as given from outside the code. */
export const givenVariables = (variables: ReadonlyMap<string, unknown>): ReadonlySet<string> => GIVEN.get(variables) ?? NONE;

/** Of a root module's variables' values, the names nothing sets (`markUnset`). */
const UNSET = new WeakMap<ReadonlyMap<string, unknown>, ReadonlySet<string>>();

/**
 * `variables` marked: those of `names` are root variables nothing sets (no default, no variable file, no `-var`, no
 * `TF_VAR_`), for which terraform plan asks, or which it refuses: their value is not one known only after apply.
 */
export function markUnset<T extends ReadonlyMap<string, unknown>>(variables: T, names: Iterable<string>): T {
  const set = new Set(names);
  if (set.size > 0) UNSET.set(variables, set);
  return variables;
}

/** Whether a partial has no unknown part. */
export function isWhollyKnown(value: unknown): boolean {
  if (value === UNKNOWN) return false;
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (isRecord(value)) return Object.values(value).every(isWhollyKnown);
  return true;
}

/** A primitive as Terraform writes it as a string; undefined for what it would refuse or write differently. */
export function primitiveText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  // Terraform writes numbers in full (1e21 as 1000000000000000000000): only plain decimals here.
  if (typeof value === 'number' && Number.isFinite(value) && !/e/i.test(String(value))) return String(value);
  return undefined;
}

/** A primitive as a template writes it; `NotEvaluable` for what Terraform would refuse or write differently. */
function templateText(value: unknown): string {
  const text = primitiveText(value);
  if (text === undefined) throw new NotEvaluable();
  return text;
}

/** A set of strings in the order Terraform iterates it: repeats dropped, sorted by bytes. */
export function stringSet(items: readonly string[]): string[] {
  const out = [...new Set(items)].sort(compareUtf8);
  SETS.add(out);
  return out;
}

/** Arrays that are sets: a `for` with two symbols binds each element to both (a list binds its index); no index reaches one. */
const SETS = new WeakSet<unknown[]>();

const isSet = (value: unknown): boolean => Array.isArray(value) && SETS.has(value);

/** Arrays from outside the code (a plan's value) that may be lists or sets: a `for` with two symbols over one is not followed. */
const EITHER_LIST_OR_SET = new WeakSet<unknown[]>();

/** Objects from outside the code (a plan's value): it may leave out an attribute Terraform has (one known only after apply), so a missing one is not an error for certain. */
const OUTSIDE_OBJECTS = new WeakSet<object>();

/**
 * Objects a symbolic evaluation reads for resource instances (`aws_s3_bucket.a` whole, in a local's
 * list or map), each with how an attribute of that instance is read: one the object lacks (known only
 * after apply, so not in a configuration's values) is read as its reference (`local.buckets[0].arn`).
 */
const INSTANCE_OBJECTS = new WeakMap<object, (attribute: string) => unknown>();

/** `object`, marked as one resource instance whose attributes `read` reads (`INSTANCE_OBJECTS`). */
export function instanceObject<T extends object>(object: T, read: (attribute: string) => unknown): T {
  INSTANCE_OBJECTS.set(object, read);
  return object;
}

/**
 * `value`, its arrays and objects marked as coming from outside the code: a plan's values (JSON)
 * write sets as lists, and leave out what is known only after apply. A variable's value the code
 * gives (a default, a variable file, a module argument) keeps its kind: what Terraform makes of it
 * is what the evaluator makes of it.
 */
export function fromOutsideTheCode<T>(value: T): T {
  markOutside(value);
  return value;
}

function markOutside(value: unknown): void {
  if (Array.isArray(value)) {
    if (!SETS.has(value)) EITHER_LIST_OR_SET.add(value);
    value.forEach(markOutside);
  } else if (isRecord(value)) {
    OUTSIDE_OBJECTS.add(value);
    Object.values(value).forEach(markOutside);
  }
}

const stringArg = (value: unknown): string => {
  if (typeof value !== 'string') throw new NotEvaluable();
  return value;
};

/** Whether `text` is base64 as Go's StdEncoding writes it (padded; the empty text too). */
export const isPaddedBase64 = (text: string): boolean => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text);

/**
 * `bytes` as UTF-8 text (a leading BOM kept); undefined when they are not UTF-8. Checked with
 * `isUtf8`, then decoded: a fatal `TextDecoder` per call, throwing on the base64 runs that are not
 * text (most of them), took ~96 µs a call in a check (97 ms for the 1,006 runs of the bench's 30k plan).
 */
export function utf8Text(bytes: Uint8Array): string | undefined {
  return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : undefined;
}

/** Control characters but line breaks and tabs, and U+FFFD: no printable text. */
const NOT_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

/** The UTF-8 text padded base64 `run` encodes, control characters and all; undefined for another run or bytes that are no UTF-8. */
export const base64Utf8 = (run: string): string | undefined => (isPaddedBase64(run) ? utf8Text(Buffer.from(run, 'base64')) : undefined);

/**
 * The printable UTF-8 text padded base64 `run` encodes; undefined for another run (a hash, an id,
 * random bytes): what a reader recovers from `base64encode("ghp_…")` by decoding it.
 */
export function base64Text(run: string): string | undefined {
  const text = base64Utf8(run);
  return text === undefined || NOT_PRINTABLE.test(text) ? undefined : text;
}

/** The most a gzip stream is inflated to (1 MiB): a decompression bomb (kilobytes that inflate to gigabytes) stops there, undecoded. */
export const MAX_GUNZIPPED_BYTES = 1024 * 1024;

/** Base64 of gzip's magic bytes and method (1f 8b 08), with which every `base64gzip()` run begins. */
export const GZIP_BASE64_MAGIC = 'H4sI';

/** Whether base64 `run` may encode a gzip stream: it begins with `GZIP_BASE64_MAGIC`. */
export const isGzipBase64 = (run: string): boolean => run.startsWith(GZIP_BASE64_MAGIC);

/** A gzip stream that inflates past `MAX_GUNZIPPED_BYTES`: not searched, so nothing is vouched for about what it holds. */
export const TOO_LARGE: unique symbol = Symbol('gzip stream too large to inflate');

/**
 * The printable UTF-8 text padded base64 `run` encodes gzip-compressed, as terraform's `base64gzip()` and a
 * `cloudinit_config` (`gzip = true`, its default) write user data: a run that begins with gzip's magic bytes (`H4sI`).
 * Undefined for another run, bytes that are no gzip stream or no text; `TOO_LARGE` for a stream longer than
 * `MAX_GUNZIPPED_BYTES` once inflated (inflating stops there: EC2 takes 16 KB of user data, which no script inflates to
 * a megabyte; padding can, and hides what follows).
 */
export function gzipBase64Text(run: string): string | typeof TOO_LARGE | undefined {
  if (!isGzipBase64(run) || !isPaddedBase64(run)) return undefined;
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(run, 'base64'), { maxOutputLength: MAX_GUNZIPPED_BYTES });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? TOO_LARGE : undefined;
  }
  const text = utf8Text(bytes);
  return text === undefined || NOT_PRINTABLE.test(text) ? undefined : text;
}

/**
 * The printable UTF-8 text base64 `run` encodes as RFC 4648 writes it besides padded in the standard
 * alphabet: in the URL-safe alphabet (section 5: `-` and `_` for `+` and `/`, as JWT segments, many
 * SDKs and Kubernetes tools write it), padded or not, or in the standard one without its padding (Go's
 * RawStdEncoding). Undefined for a run of both alphabets, of a length no encoding has (4n + 1), or
 * whose last character carries bits an encoder leaves zero (`QQ` is `A`, `QR` none): most runs of
 * the alphabet that are no base64 (names, ids, hashes) fail that before they are decoded.
 */
export function looseBase64Text(run: string): string | undefined {
  let length = run.length;
  while (length > 0 && run.charCodeAt(length - 1) === EQUALS) length--;
  const extra = length % 4;
  if (extra === 1 || (length < run.length && (extra === 0 || run.length % 4 !== 0)) || !BASE64_ALPHABETS.test(run)) return undefined;
  const urlSafe = run.includes('-') || run.includes('_');
  if (urlSafe && (run.includes('+') || run.includes('/'))) return undefined;
  // The last character of 2 (or 3) that end a run holds 4 (or 2) bits past the bytes: an encoder writes them 0.
  if (extra > 0 && BASE64_VALUE[run.charCodeAt(length - 1)] % (extra === 2 ? 16 : 4) !== 0) return undefined;
  // Node's decoder reads both alphabets, padded or not: the checks above keep it to what an encoder writes.
  const text = utf8Text(Buffer.from(length < run.length ? run.slice(0, length) : run, 'base64'));
  return text === undefined || NOT_PRINTABLE.test(text) ? undefined : text;
}

const EQUALS = 0x3d;

/** Characters of base64 alone, padding at the end: Node's decoder skips any other (`maskAny` asks of any value: a URL, an address). */
const BASE64_ALPHABETS = /^[A-Za-z0-9+/_-]*=*$/;

/** Each base64 character's value, by char code, in both alphabets (`-` and `+` are 62, `_` and `/` 63). */
const BASE64_VALUE: Uint8Array = (() => {
  const table = new Uint8Array(128);
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].forEach((c, i) => (table[c.charCodeAt(0)] = i));
  for (const [c, value] of [['+', 62], ['-', 62], ['/', 63], ['_', 63]] as const) table[c.charCodeAt(0)] = value;
  return table;
})();

/** A function; `symbolic` in a symbolic evaluation. */
type Fn = (args: unknown[], symbolic: boolean) => unknown;

/** `s`, when it holds only ASCII characters. */
function asciiOnly(s: string): string {
  if (!/^[\x00-\x7f]*$/.test(s)) throw new NotEvaluable();
  return s;
}

/** Go's `unicode.IsSpace` at either end (strings.TrimSpace): U+0085 is one, U+FEFF is not. */
const GO_SPACE_AT_ENDS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** An argument whose text is not known here: unknown, or a token's (a token's text is not the value it stands for: only joining and encoding keep it). */
const unreadText = (arg: unknown): boolean => arg === UNKNOWN || (typeof arg === 'string' && RESERVED.test(arg));

/** A function of strings: unknown in, unknown out. */
const onString =
  (f: (s: string) => string): Fn =>
  (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    return unreadText(args[0]) ? UNKNOWN : f(stringArg(args[0]));
  };

/** A function of two strings: unknown in (or a token's text), unknown out; `refuseNull`: Terraform refuses a null argument (`try` goes on). */
const onStrings =
  (f: (a: string, b: string) => unknown, refuseNull = false): Fn =>
  (args) => {
    if (args.length !== 2) throw new NotEvaluable();
    if (args.some(unreadText)) return UNKNOWN;
    if (refuseNull && args.includes(null)) throw new Refused();
    return f(stringArg(args[0]), stringArg(args[1]));
  };

/** A test or a search of two strings (`startswith`, `regexall`). */
const testStrings = (f: (a: string, b: string) => unknown): Fn => onStrings(f, true);

/** Go's `%q` of printable ASCII text (what cty hashes a string as); other text is not followed. */
function goQuoted(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new NotEvaluable();
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * A known value's type as cty gives it, for what converts a list to one element type (`toset`,
 * `distinct`, the set functions). Null's is `dynamic`; a literal list is a tuple, a literal object
 * an object (attributes in byte order); a list or map comes only of unifying them.
 */
export type ValueType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | { readonly tuple: readonly ValueType[] }
  | { readonly list: ValueType }
  | { readonly set: ValueType }
  | { readonly object: readonly (readonly [string, ValueType])[] }
  | { readonly map: ValueType };

/**
 * The type of a known value. A plan's arrays and objects are not typed here: an array may be a list
 * or a set, an object may lack an attribute known only after apply.
 */
function typeOf(value: unknown): ValueType {
  if (value === null) return 'dynamic';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value) && !EITHER_LIST_OR_SET.has(value)) return isSet(value) ? { set: unify(value.map(typeOf)) } : { tuple: value.map(typeOf) };
  if (isRecord(value) && !OUTSIDE_OBJECTS.has(value)) return { object: Object.keys(value).sort(compareUtf8).map((name) => [name, typeOf(value[name])] as const) };
  throw new NotEvaluable();
}

/**
 * The one type `types` convert to, as cty's `convert.Unify` chooses it (terraform console agrees):
 * objects of one set of attributes stay objects, others become maps; tuples of one length stay
 * tuples, others become lists; a string beside numbers and bools is the type of all; null takes
 * its neighbours' primitive type. What Terraform refuses (a number beside a bool, null beside a
 * collection, an object beside a tuple), or unifies in ways not followed here, is not evaluated.
 */
function unify(types: readonly ValueType[]): ValueType {
  if (types.length === 0) return 'dynamic';
  if (new Set(types.map((type) => JSON.stringify(type))).size === 1) return types[0];
  const known = types.filter((type) => type !== 'dynamic');
  if (known.every((type) => typeof type === 'string')) {
    const kinds = new Set(known);
    if (kinds.size === 1) return known[0];
    if (kinds.has('string')) return 'string';
    throw new NotEvaluable();
  }
  if (known.length < types.length) throw new NotEvaluable();
  const allOf = (kind: string): boolean => known.every((type) => typeof type === 'object' && kind in type);
  if (allOf('set')) return { set: unify((known as { set: ValueType }[]).map((type) => type.set)) };
  if (allOf('object')) {
    const objects = known as { object: readonly (readonly [string, ValueType])[] }[];
    const names = (type: (typeof objects)[number]): string => type.object.map(([name]) => name).join('\u0000');
    if (new Set(objects.map(names)).size > 1) return { map: unify(objects.flatMap((type) => type.object.map(([, attribute]) => attribute))) };
    return { object: objects[0].object.map(([name], i) => [name, unify(objects.map((type) => type.object[i][1]))] as const) };
  }
  if (allOf('tuple')) {
    const tuples = known as { tuple: readonly ValueType[] }[];
    if (new Set(tuples.map((type) => type.tuple.length)).size > 1) return { list: unify(tuples.flatMap((type) => type.tuple)) };
    return { tuple: tuples[0].tuple.map((_, i) => unify(tuples.map((type) => type.tuple[i]))) };
  }
  throw new NotEvaluable();
}

/** A known value of a type `unify` gave for it, converted to that type: a number or a bool beside a string becomes text (`{ a = true }` beside `{ a = "x" }` is `{ a = "true" }`). */
function convertTo(value: unknown, type: ValueType): unknown {
  if (value === null || type === 'dynamic') return value;
  if (type === 'string') {
    const text = typeof value === 'object' ? undefined : primitiveText(value);
    if (text === undefined) throw new NotEvaluable();
    return text;
  }
  if (type === 'number' || type === 'bool') {
    if (typeof value !== (type === 'bool' ? 'boolean' : 'number')) throw new NotEvaluable();
    return value;
  }
  if ('object' in type || 'map' in type) {
    if (!isRecord(value)) throw new NotEvaluable();
    const out = record();
    if ('object' in type) for (const [name, attribute] of type.object) out[name] = convertTo(value[name], attribute);
    else for (const [key, item] of Object.entries(value)) out[key] = convertTo(item, type.map);
    return out;
  }
  if (!Array.isArray(value)) throw new NotEvaluable();
  if ('tuple' in type) return value.map((item, i) => convertTo(item, type.tuple[i]));
  const items = value.map((item) => convertTo(item, 'list' in type ? type.list : type.set));
  return 'set' in type ? valueSet(items) : items;
}

/**
 * A number as cty hashes it (big.Float's String, Go's `%.10g`: `1e+10`, `1e-05`). One of more than
 * ten significant digits is not followed: cty rounds it there, from a number more precise than this double.
 */
function goNumber(n: number): string {
  if (!Number.isFinite(n) || Object.is(n, -0)) throw new NotEvaluable();
  const [mantissa, exponent] = n.toExponential().split('e');
  if (mantissa.replace(/[-.]/g, '').length > 10) throw new NotEvaluable();
  const e = Number(exponent);
  return e >= -4 && e < 10 ? String(n) : `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/**
 * The bytes cty hashes a value of `type` as (cty's `appendSetHashBytes`): `~` for null, `T`/`F`,
 * `%q` of a string, `<…;>` for a tuple or an object (attributes in byte order), `[…;]` for a list
 * or a set, `{"k":…;}` for a map (keys in byte order). cty orders a set of collections by these
 * bytes; equal values give equal bytes. `exactNumbers` writes numbers in full (a key for equality
 * alone, where the order does not count). Strings of other than printable ASCII are not followed.
 */
function hashBytes(value: unknown, type: ValueType, exactNumbers = false): string {
  if (value === null) return '~';
  if (type === 'string') return goQuoted(value as string);
  if (type === 'number') return exactNumbers ? String(value) : goNumber(value as number);
  if (type === 'bool') return value === true ? 'T' : 'F';
  if (type === 'dynamic') throw new NotEvaluable();
  const items = (values: readonly unknown[], typeAt: (i: number) => ValueType): string => values.map((item, i) => `${hashBytes(item, typeAt(i), exactNumbers)};`).join('');
  if ('tuple' in type) return `<${items(value as unknown[], (i) => type.tuple[i])}>`;
  if ('list' in type || 'set' in type) return `[${items(value as unknown[], () => ('list' in type ? type.list : type.set))}]`;
  const object = value as Record<string, unknown>;
  if ('object' in type) return `<${items(type.object.map(([name]) => object[name]), (i) => type.object[i][1])}>`;
  return `{${Object.keys(object).sort(compareUtf8).map((key) => `${goQuoted(key)}:${hashBytes(object[key], type.map, exactNumbers)};`).join('')}}`;
}

/** Known `values` converted to their one type (`unify`), each with a key that equal values share (`hashBytes`). */
function keyedByValue(values: readonly unknown[], exactNumbers: (type: ValueType) => boolean, of?: ValueType): { type: ValueType; keyed: [string, unknown][] } {
  const type = of ?? unify(values.map(typeOf));
  return { type, keyed: values.map((value) => convertTo(value, type)).map((value) => [hashBytes(value, type, exactNumbers(type)), value]) };
}

/**
 * Known `values` as a set, as cty makes one: converted to one type, repeats dropped, in cty's order.
 * Strings in byte order, numbers by value, false before true; other values (objects, lists: cdktf's
 * iterators write `toset([{ dev = "/dev/xvdb", enc = true }])`) by the bytes cty hashes them as.
 * Nulls in a set are not followed.
 */
function valueSet(values: readonly unknown[], of?: ValueType): unknown[] {
  if (values.includes(null)) throw new NotEvaluable();
  const { type, keyed } = keyedByValue(values, (type) => type === 'number', of);
  if (type === 'string') return stringSet(keyed.map(([, value]) => value as string));
  // Bools hash as `F` and `T`: false comes first, as in cty.
  const byKey = [...new Map(keyed)].sort(([a, x], [b, y]) => (type === 'number' ? (x as number) - (y as number) : a < b ? -1 : a > b ? 1 : 0));
  const out = byKey.map(([, value]) => value);
  SETS.add(out);
  return out;
}

/**
 * Known `values` of `type` as a set, as cty makes one (`valueSet`): a variable's `set(object({ … }))`
 * or `set(number)` once converted to its type. Undefined where a value is not wholly known (its
 * place in the set is not) or the set is not followed (a null in it, a type holding `any`).
 */
export function knownSet(values: readonly unknown[], type: ValueType): unknown[] | undefined {
  if (!values.every(isWhollyKnown)) return undefined;
  try {
    return valueSet(values, type);
  } catch (error) {
    if (error instanceof NotEvaluable) return undefined;
    throw error;
  }
}

/** A digest of a string's UTF-8 bytes, in hexadecimal. */
const digest = (algorithm: string): Fn => onString((s) => createHash(algorithm).update(s, 'utf8').digest('hex'));

/**
 * Sets combined (`setintersection`, `setunion`, `setsubtract`): a set, in Terraform's order. Each
 * argument becomes a set first, as `toset` makes one; then their element types are unified (an
 * empty set has none: `setunion([{ a = 1 }], [])`), and elements compare as the keys `combine` gets.
 */
const onSets =
  (combine: (sets: string[][]) => string[]): Fn =>
  (args) => {
    if (args.length === 0) throw new NotEvaluable();
    if (args.every((arg) => arg === UNKNOWN || (Array.isArray(arg) && arg.every((item) => item === UNKNOWN || typeof item === 'string')))) {
      const sets = args.map(stringList);
      return sets.some((set) => set === UNKNOWN) ? UNKNOWN : stringSet(combine(sets as string[][]));
    }
    if (args.includes(UNKNOWN)) return UNKNOWN;
    if (!args.every(Array.isArray)) throw new NotEvaluable();
    if (!args.every(isWhollyKnown)) return UNKNOWN;
    const sets = (args as unknown[][]).map((set) => valueSet(set));
    const type = unify(sets.filter((set) => set.length > 0).map((set) => unify(set.map(typeOf))));
    const values = new Map<string, unknown>();
    const keyOf = (value: unknown): string => {
      const converted = convertTo(value, type);
      const key = hashBytes(converted, type, true);
      values.set(key, converted);
      return key;
    };
    return valueSet(combine(sets.map((set) => set.map(keyOf))).map((key) => values.get(key)));
  };

/**
 * The functions evaluated, as Terraform defines them. An argument that is unknown as a whole makes
 * the result unknown; an unknown part inside a map or list stays in place.
 */
/**
 * The AWS provider's ARN functions (provider 5.40), as its code computes them: `arn_build` joins the
 * five parts, `arn_parse` splits an ARN as the AWS SDK's `arn.Parse` does (six parts at most, the
 * last keeping its colons; anything else is refused).
 */
const PROVIDER_FUNCTIONS: Readonly<Record<string, Fn>> = {
  'provider::aws::arn_build': (args) => {
    if (args.length !== 5) throw new NotEvaluable();
    if (args.includes(UNKNOWN)) return UNKNOWN;
    return `arn:${args.map(stringArg).join(':')}`;
  },
  'provider::aws::arn_parse': (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    if (args[0] === UNKNOWN) return UNKNOWN;
    const text = plainString(args[0]);
    const parts = text.split(':');
    if (parts.length < 6 || parts[0] !== 'arn') throw new Refused();
    const [, partition, service, region, account_id] = parts;
    return Object.assign(record(), { partition, service, region, account_id, resource: parts.slice(5).join(':') });
  },
};

/** A function of one argument that gives it back. */
const identity: Fn = (args) => {
  if (args.length !== 1) throw new NotEvaluable();
  return args[0];
};

/**
 * The strings the code wraps in `sensitive()` since the last `takeSensitiveLiterals`, and those of
 * every value computed from one. A loader takes them once it has read its input, and every report
 * masks them as it masks what a plan marks sensitive: Terraform shows them as `(sensitive value)`.
 *
 * The evaluator keeps no marks on its values: a literal stays a literal (the credentials rules read
 * it inside `sensitive()` as anywhere else), and its many type tests need no boxed value to see
 * through. Sensitivity is followed by value instead ("taint"): a value read (a local, a variable,
 * a module output, a `for` symbol, a call's result) that holds a noted string, number or key counts
 * as a sensitive read (`sensitiveReads`), and whatever is computed from one (a call, a template, an
 * operator, a conditional on it, a `for` over it or keyed or filtered by it, an index by it) has its
 * own strings noted, as Terraform marks every value derived from a sensitive one. It errs towards
 * masking: a string equal to a noted one counts too, and a `for` over a collection that holds one is
 * sensitive whole (Terraform marks it so only when the collection itself is marked). Bools are not
 * noted (a report masking every `true` would say nothing), so a bool computed from a sensitive value
 * and read through a local (`is_prod = local.env == "prod"`) no longer carries it.
 */
const sensitiveSeen = new Set<string>();

/** Sensitive reads so far (see `sensitiveSeen`): compare before and after reading an expression. */
let sensitiveReads = 0;

/** Note a value's strings, numbers and keys as sensitive (a sensitive map's keys are shown by no plan either). */
function noteSensitive(value: unknown): void {
  if (typeof value === 'string') sensitiveSeen.add(value);
  else if (typeof value === 'number') sensitiveSeen.add(String(value));
  else if (Array.isArray(value)) value.forEach(noteSensitive);
  else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      sensitiveSeen.add(key);
      noteSensitive(item);
    }
  }
}

/** `value`, noted sensitive when a sensitive value was read since `reads` (a value of `sensitiveReads`). */
function derived<T>(value: T, reads: number): T {
  if (sensitiveReads > reads) noteSensitive(value);
  return value;
}

/** Whether a value holds a noted string, number or key. */
function holdsSensitive(value: unknown): boolean {
  if (sensitiveSeen.size === 0) return false;
  if (typeof value === 'string') return sensitiveSeen.has(value);
  if (typeof value === 'number') return sensitiveSeen.has(String(value));
  if (Array.isArray(value)) return value.some(holdsSensitive);
  if (isRecord(value)) return Object.entries(value).some(([key, item]) => sensitiveSeen.has(key) || holdsSensitive(item));
  return false;
}

/** A value read, counted as a sensitive read when it holds a noted value. */
function readValue<T>(value: T): T {
  if (holdsSensitive(value)) sensitiveReads++;
  return value;
}

/**
 * Whether a string is noted sensitive: the code wraps it in `sensitive()` or computes it from a
 * value so wrapped (or writes a string equal to one of those).
 */
export const isNotedSensitive = (text: string): boolean => sensitiveSeen.has(text);

/** The strings noted sensitive since the last call; the next call starts afresh. */
export function takeSensitiveLiterals(): string[] {
  const taken = [...sensitiveSeen];
  sensitiveSeen.clear();
  return taken;
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  merge: (args) => {
    if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
    const out = record();
    // The instance a key's element is (`KEPT_INSTANCES`), where the map its value comes from last holds one.
    const kept = new Map<string, EachInstance>();
    for (const arg of args) {
      if (arg === null) continue;
      if (!isRecord(arg)) throw new NotEvaluable();
      Object.assign(out, arg);
      const held = KEPT_INSTANCES.get(arg);
      if (held === undefined && kept.size === 0) continue;
      for (const key of Object.keys(arg)) {
        const instance = held?.get(key);
        if (instance !== undefined) kept.set(key, instance);
        else kept.delete(key);
      }
    }
    if (kept.size > 0) KEPT_INSTANCES.set(out, kept);
    return out;
  },
  concat: (args) => {
    if (args.length === 0) throw new NotEvaluable(); // Terraform wants at least one list
    if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
    if (!args.every(Array.isArray)) throw new NotEvaluable();
    if (args.some(isSet)) throw new Refused(); // a set is not a list here
    return (args as unknown[][]).flat(1);
  },
  // Go's Unicode case mapping differs from JavaScript's (`ß`, dotted `İ`): ASCII text only.
  // Go's strings.Title on ASCII text: a letter after anything but a letter, a digit or `_` is upper-cased.
  title: onString((s) => asciiOnly(s).replace(/(^|[^A-Za-z0-9_])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase())),
  tobool: (args, symbolic) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [value] = args;
    if (unread(value, symbolic)) return UNKNOWN;
    if (value === null) return value;
    const bool = terraformBool(value);
    if (bool !== undefined) return bool;
    throw new Refused(); // any other value: Terraform refuses it (`try` goes on)
  },
  max: (args) => extreme(args, Math.max),
  min: (args) => extreme(args, Math.min),
  lower: onString((s) => asciiOnly(s).toLowerCase()),
  upper: onString((s) => asciiOnly(s).toUpperCase()),
  trimspace: onString((s) => s.replace(GO_SPACE_AT_ENDS, '')),
  tostring: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    return args[0] === UNKNOWN ? UNKNOWN : templateText(args[0]);
  },
  // A map or list of strings is already what tomap/tolist make of it; other element types convert.
  tomap: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [map] = args;
    if (map === UNKNOWN) return UNKNOWN;
    if (!isRecord(map) || !Object.values(map).every((v) => v === UNKNOWN || typeof v === 'string')) throw new NotEvaluable();
    return map;
  },
  tolist: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [list] = args;
    if (list === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(list) || !list.every((v) => v === UNKNOWN || typeof v === 'string')) throw new NotEvaluable();
    return list;
  },
  // A set in the order Terraform iterates it (`valueSet`): strings sorted by bytes; objects and lists
  // of any known values (cdktf's iterators write `toset([{ dev = "/dev/xvdb", enc = true }])`) in cty's order.
  toset: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [list] = args;
    if (list === UNKNOWN || (Array.isArray(list) && list.includes(UNKNOWN))) return UNKNOWN;
    if (!Array.isArray(list)) throw new NotEvaluable();
    if (list.every((v) => typeof v === 'string')) return stringSet(list as string[]);
    return isWhollyKnown(list) ? valueSet(list) : UNKNOWN;
  },
  jsonencode: (args, symbolic) => {
    if (args.length !== 1) throw new NotEvaluable();
    if (isWhollyKnown(args[0])) return jsonencodeValue(args[0]);
    return symbolic && args[0] !== UNKNOWN ? jsonencodeValue(opaqueLeaves(args[0])) : UNKNOWN;
  },
  // A number or a bool is converted to its text first; another value is refused, as is text that is not JSON.
  jsondecode: (args, symbolic) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [text] = args;
    if (unread(text, symbolic)) return UNKNOWN;
    if (typeof text !== 'string' && typeof text !== 'number' && typeof text !== 'boolean') throw new Refused();
    try {
      return deepNfc(
        JSON.parse(String(text), (_key, value: unknown) => {
          // Terraform keeps every digit; past 2^53 JavaScript does not.
          if (typeof value === 'number' && Math.abs(value) > Number.MAX_SAFE_INTEGER) throw new NotEvaluable();
          return isRecord(value) ? Object.assign(record(), value) : value;
        }),
      );
    } catch (error) {
      throw error instanceof NotEvaluable ? error : new Refused();
    }
  },
  join: (args) => {
    if (args.length < 2) throw new NotEvaluable();
    const [separator, ...lists] = args;
    if (separator === UNKNOWN || lists.some((l) => l === UNKNOWN)) return UNKNOWN;
    if (!lists.every(Array.isArray)) throw new NotEvaluable();
    const items = (lists as unknown[][]).flat(1);
    if (items.includes(UNKNOWN)) return UNKNOWN;
    return items.map(stringArg).join(stringArg(separator));
  },
  lookup: (args) => {
    if (args.length !== 2 && args.length !== 3) throw new NotEvaluable();
    const [map, key, fallback] = args;
    if (map === UNKNOWN || key === UNKNOWN) return UNKNOWN;
    if (!isRecord(map)) throw new NotEvaluable();
    const name = stringArg(key);
    if (Object.prototype.hasOwnProperty.call(map, name)) return map[name];
    if (args.length === 3) return fallback;
    throw new NotEvaluable();
  },
  coalesce: (args) => {
    // Terraform converts the arguments to one type first (1 and "a" give "1"; an unknown argument's
    // type counts too): only known primitives of one type are evaluated, and lists of strings (the
    // first that is not null, empty or not: `coalesce(var.attributes, [])`). Other collections are not.
    if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
    const present = args.filter((a) => a !== null);
    if (present.length > 0 && present.every((a) => Array.isArray(a) && a.every((item) => typeof item === 'string'))) return present[0];
    if (present.some((a) => typeof a === 'object') || new Set(present.map((a) => typeof a)).size > 1) throw new NotEvaluable();
    const first = present.find((a) => a !== '');
    if (first === undefined) throw new Refused(); // no argument but null and "": Terraform refuses it (try goes on)
    return first;
  },
  format: (args) => {
    if (args.length === 0) throw new NotEvaluable();
    if (args.includes(UNKNOWN)) return UNKNOWN;
    return formatted(plainString(args[0]), args.slice(1));
  },
  // A substring, or a regular expression written `/…/` (the RE2 syntax JavaScript reads alike: `regexReplace`).
  replace: (args, symbolic) => {
    if (args.length !== 3) throw new NotEvaluable();
    if (args.includes(UNKNOWN)) return UNKNOWN;
    const [text, find, by] = args.map(stringArg);
    if (find.length > 1 && find.startsWith('/') && find.endsWith('/')) {
      if (RESERVED.test(text + find + by)) throw new NotEvaluable();
      return regexReplace(text, find.slice(1, -1), by);
    }
    if (find === '') throw new NotEvaluable();
    if (!RESERVED.test(text + find + by)) return text.split(find).join(by);
    // Tokens (symbolic.ts): replaced around, where that is certain.
    const replaced = symbolic ? replaceAroundTokens(text, find, by) : undefined;
    if (replaced === undefined) throw new NotEvaluable();
    return replaced;
  },
  split: (args) => {
    if (args.length !== 2) throw new NotEvaluable();
    if (args.includes(UNKNOWN)) return UNKNOWN;
    const [separator, text] = args.map(plainString);
    if (separator === '') throw new NotEvaluable(); // Go splits into UTF-8 sequences
    return text.split(separator);
  },
  // Keys in Terraform's order (by bytes); values in that order. Unknown values stay in place.
  keys: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    return args[0] === UNKNOWN ? UNKNOWN : sortedKeys(args[0]);
  },
  // Keys and values paired in order; a later duplicate key wins. Lists of unequal length: Terraform refuses.
  zipmap: (args, symbolic) => {
    if (args.length !== 2) throw new NotEvaluable();
    const [keys, values] = args;
    const names = stringList(keys);
    if (names === UNKNOWN || values === UNKNOWN || (symbolic && names.some((name) => RESERVED.test(name)))) return UNKNOWN;
    if (!Array.isArray(values) || names.length !== values.length) throw new Refused(); // a list of values, one per key
    const out = record();
    names.forEach((name, i) => (out[name] = values[i]));
    return out;
  },
  values: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    if (args[0] === UNKNOWN) return UNKNOWN;
    const map = args[0] as Record<string, unknown>;
    const keys = sortedKeys(map);
    const list = keys.map((key) => map[key]);
    // Of a block's instances by key (`values(aws_s3_bucket.m)`): a list of the same instances, in key order.
    const block = BLOCK_COLLECTIONS.get(map);
    if (block !== undefined) BLOCK_COLLECTIONS.set(list, { block: block.block, keys });
    return list;
  },
  // Of the text's UTF-8 bytes, padded (Go's StdEncoding).
  base64encode: onString((s) => Buffer.from(s, 'utf8').toString('base64')),
  // Padded base64 of UTF-8 text only; other text Terraform refuses or reads in ways not followed here.
  base64decode: onString((s) => {
    if (!isPaddedBase64(s)) throw new NotEvaluable();
    const text = utf8Text(Buffer.from(s, 'base64'));
    if (text === undefined) throw new Refused(); // not UTF-8: Terraform refuses it
    return text;
  }),
  // Go's filepath.Base and filepath.Dir on a Unix path (Terraform on Linux).
  basename: onString((s) => {
    const trimmed = s.replace(/\/+$/, '');
    if (s === '') return '.';
    return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
  }),
  dirname: onString((s) => {
    const cut = s.lastIndexOf('/');
    return cut < 0 ? '.' : path.posix.normalize(s.slice(0, cut + 1)).replace(/(.)\/$/, '$1');
  }),
  // A string's length counts grapheme clusters in Terraform: in ASCII text, each character but CR LF (one).
  length: (args, symbolic) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [value] = args;
    if (unread(value, symbolic)) return UNKNOWN;
    if (value === null) throw new Refused(); // Terraform refuses null (`try(length(var.x), 0)` goes on)
    if (Array.isArray(value)) return value.length;
    if (isRecord(value)) return Object.keys(value).length;
    if (typeof value === 'string') return asciiOnly(value).length - (value.match(/\r\n/g)?.length ?? 0);
    throw new NotEvaluable();
  },
  element: (args) => {
    if (args.length !== 2) throw new NotEvaluable();
    const [list, index] = args;
    if (list === UNKNOWN || index === UNKNOWN) return UNKNOWN;
    if (isSet(list)) throw new Refused(); // a set's elements have no index
    if (!Array.isArray(list) || list.length === 0 || typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw new NotEvaluable();
    return list[index % list.length];
  },
  flatten: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const flat = (value: unknown): unknown[] => {
      if (!Array.isArray(value)) throw new NotEvaluable();
      return value.flatMap((item) => (item === UNKNOWN ? [UNKNOWN] : Array.isArray(item) ? flat(item) : [item]));
    };
    if (args[0] === UNKNOWN) return UNKNOWN;
    const items = flat(args[0]);
    // An unknown element may be a list itself, which flatten would spread: its length is not known.
    return items.includes(UNKNOWN) ? UNKNOWN : items;
  },
  // The first argument that is not an empty list; Terraform refuses all empty (try goes on). A list not known before it: unknown.
  coalescelist: (args) => {
    if (args.length === 0) throw new NotEvaluable();
    for (const arg of args) {
      if (arg === UNKNOWN) return UNKNOWN;
      if (!Array.isArray(arg)) throw new NotEvaluable();
      if (arg.length > 0) return arg;
    }
    throw new Refused();
  },
  // The first of each value, in order. Terraform converts the list to one element type first:
  // `distinct(["a", 1, "1"])` is ["a", "1"], `distinct([{ a = 1 }, { a = "1" }])` is [{ a = "1" }].
  distinct: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [list] = args;
    if (Array.isArray(list) && !list.every((item) => item === UNKNOWN || typeof item === 'string')) {
      if (!isWhollyKnown(list)) return UNKNOWN;
      return [...new Map(keyedByValue(list, () => true).keyed).values()];
    }
    const strings = stringList(list);
    return strings === UNKNOWN ? UNKNOWN : [...new Set(strings)];
  },
  anytrue: (args, symbolic) => truthOfAll(args, symbolic, true),
  alltrue: (args, symbolic) => truthOfAll(args, symbolic, false),
  // The index of the first element equal to the value (as `==` compares); Terraform refuses a value not in the list.
  index: (args, symbolic) => {
    if (args.length !== 2) throw new NotEvaluable();
    const [list, value] = args;
    if (list === UNKNOWN || unread(value, symbolic)) return UNKNOWN;
    if (!Array.isArray(list) || isSet(list)) throw new NotEvaluable();
    for (let i = 0; i < list.length; i++) {
      const same = equal(list[i], value, symbolic);
      if (same === true) return i;
      if (same === UNKNOWN) return UNKNOWN;
    }
    throw new Refused();
  },
  // Elements compare as `==` does: `contains(["1"], 1)` is false.
  contains: (args, symbolic) => {
    if (args.length !== 2) throw new NotEvaluable();
    const [list, value] = args;
    // A value not known is not looked for, even in an empty list (Terraform's contains() is unknown then).
    if (list === UNKNOWN || unread(value, symbolic)) return UNKNOWN;
    if (value === null) throw new Refused(); // Terraform refuses to look for null
    if (!Array.isArray(list)) throw new NotEvaluable();
    const found = list.map((item) => equal(item, value, symbolic));
    return found.includes(true) ? true : found.includes(UNKNOWN) ? UNKNOWN : false;
  },
  // Grapheme clusters in Terraform: ASCII text without CR LF, where each character is one. A negative
  // offset counts from the end (no further than the start); a negative length takes the rest, and so
  // does a length of 0 after a negative offset (as terraform console has it: substr("hello", -2, 0) is "lo").
  substr: (args) => {
    if (args.length !== 3) throw new NotEvaluable();
    if (args.includes(UNKNOWN) || unreadText(args[0])) return UNKNOWN;
    const [text, offset, length] = args;
    if (typeof offset !== 'number' || typeof length !== 'number' || !Number.isInteger(offset) || !Number.isInteger(length)) throw new NotEvaluable();
    const s = asciiOnly(stringArg(text));
    if (s.includes('\r\n')) throw new NotEvaluable();
    const start = offset < 0 ? Math.max(0, s.length + offset) : offset;
    return start >= s.length ? '' : length < 0 || (offset < 0 && length === 0) ? s.slice(start) : s.slice(start, start + length);
  },
  trim: onStrings(trimCutset),
  urlencode: onString(queryEscape),
  cidrsubnet: (args) => {
    if (args.length !== 3) throw new NotEvaluable();
    if (args.includes(UNKNOWN) || unreadText(args[0])) return UNKNOWN;
    const [prefix, newbits, netnum] = args;
    const subnet = typeof newbits === 'number' && typeof netnum === 'number' ? cidrSubnet(stringArg(prefix), newbits, netnum) : undefined;
    if (subnet === undefined) throw new NotEvaluable();
    if (typeof subnet !== 'string') throw new Refused();
    return subnet;
  },
  trimprefix: onStrings((s, prefix) => (s.startsWith(prefix) ? s.slice(prefix.length) : s)),
  trimsuffix: onStrings((s, suffix) => (suffix !== '' && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s)),
  md5: digest('md5'),
  sha1: digest('sha1'),
  sha256: digest('sha256'),
  setintersection: onSets((sets) => sets.slice(1).reduce((kept, set) => kept.filter((item) => set.includes(item)), sets[0])),
  setunion: onSets((sets) => sets.flat()),
  setsubtract: (args) => {
    if (args.length !== 2) throw new NotEvaluable();
    return onSets(([from, taken]) => from.filter((item) => !taken.includes(item)))(args, false);
  },
  // Null for an empty list or set, its element for one of one; Terraform refuses more, and null.
  one: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [list] = args;
    if (list === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(list)) throw list === null ? new Refused() : new NotEvaluable();
    // A set (or what may be one) with elements not known may hold fewer than it shows: equal ones are one.
    if (list.length > 1 && (isSet(list) || EITHER_LIST_OR_SET.has(list)) && !isWhollyKnown(list)) return UNKNOWN;
    if (list.length > 1) throw new Refused();
    return list.length === 0 ? null : list[0];
  },
  // Strings in the order of their UTF-8 bytes (Go's sort.Strings); a list, not a set.
  sort: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const list = stringList(args[0]);
    return list === UNKNOWN ? UNKNOWN : [...list].sort(compareUtf8);
  },
  startswith: testStrings((text, prefix) => text.startsWith(prefix)),
  endswith: testStrings((text, suffix) => text.endsWith(suffix)),
  strcontains: testStrings((text, part) => text.includes(part)),
  // RE2 read as `re2` reads it; no match is an error for `regex` (`can(regex(…))` is a test).
  regex: testStrings((pattern, text) => {
    const [first] = goFindAll(re2(pattern, text), text);
    if (first === undefined) throw new Refused();
    return submatches(first);
  }),
  regexall: testStrings((pattern, text) => goFindAll(re2(pattern, text), text).map(submatches)),
  // Whole numbers only (Terraform counts in arbitrary precision), at most 1024 of them.
  range: (args) => {
    if (args.length < 1 || args.length > 3) throw new NotEvaluable();
    if (args.includes(UNKNOWN)) return UNKNOWN;
    if (!args.every((arg) => Number.isSafeInteger(arg))) throw new NotEvaluable();
    const [start, limit] = (args.length === 1 ? [0, args[0]] : args) as number[];
    // Without a step, one counts down to a lower limit.
    const step = (args[2] as number | undefined) ?? (limit < start ? -1 : 1);
    if (step === 0 || (step > 0 && limit < start) || (step < 0 && limit > start)) throw new Refused();
    const out: number[] = [];
    for (let n = start; step > 0 ? n < limit : n > limit; n += step) {
      if (out.length === 1024) throw new Refused();
      out.push(n);
    }
    return out;
  },
  reverse: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    if (args[0] === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(args[0]) || isSet(args[0])) throw new NotEvaluable();
    return [...args[0]].reverse();
  },
  slice: (args) => {
    if (args.length !== 3) throw new NotEvaluable();
    const [list, start, end] = args;
    if (args.includes(UNKNOWN)) return UNKNOWN;
    if (!Array.isArray(list) || isSet(list) || !Number.isSafeInteger(start) || !Number.isSafeInteger(end)) throw new NotEvaluable();
    if ((start as number) < 0 || (end as number) > list.length || (start as number) > (end as number)) throw new Refused();
    return list.slice(start as number, end as number);
  },
  // Text that is a number as a literal of the code is (`decimalNumber`: "1.0" is 1; Terraform reads any in arbitrary
  // precision); text that is no number is refused.
  tonumber: (args, symbolic) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [value] = args;
    if (unread(value, symbolic)) return UNKNOWN;
    if (value === null || typeof value === 'number') return value;
    if (typeof value !== 'string' || !/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(value)) throw new Refused();
    const number = decimalNumber(value);
    if (number === undefined) throw new NotEvaluable();
    return number;
  },
  // The value itself, marked sensitive: the marks are not modelled (a literal stays a literal in the
  // code, where the credentials rules read it), its strings and keys are noted (see `sensitiveSeen`).
  sensitive: (args, symbolic) => {
    const value = identity(args, symbolic);
    noteSensitive(value);
    return value;
  },
  // Null for an ephemeral value (an ephemeral variable's default, read here as a value: the credentials
  // rules find a password default so), the value itself otherwise: which one is not told here.
  ephemeralasnull: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    return UNKNOWN;
  },
  templatestring,
  compact: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    if (Array.isArray(args[0]) && args[0].every((item) => item === null || item === UNKNOWN || typeof item === 'string')) {
      const items = (args[0] as unknown[]).filter((item) => item !== null);
      return items.includes(UNKNOWN) ? UNKNOWN : items.filter((item) => item !== '');
    }
    if (args[0] === UNKNOWN) return UNKNOWN;
    throw new NotEvaluable();
  },
};

/**
 * The RE2 syntax read here, which a JavaScript regular expression with the `u` flag reads alike:
 * literals, `.`, classes of ranges and escaped punctuation, `\d`, `\D`, `\w`, `\W`, groups (`(` and
 * `(?:`), alternation, anchors and quantifiers. Flags, named groups, POSIX classes, `\s` (RE2's has
 * no vertical tab), `\b`, `\p` and other escapes are not.
 */
const RE2_READ_ALIKE = /^(?:[^\\()[\]]|\\[dDwW.\\\-/[\](){}*+?|^$]|\((?!\?)|\(\?:|\)|\[\^?(?:[^\\\][]|\\[dDwW.\\\-/[\]^])+\])*$/u;

/** Text a regular expression of one quantifier is run on, at most: a backtracking engine does at most about its square of steps. */
const MAX_REGEX_TEXT = 4_096;

/**
 * The backtracking steps (as `maxRegexText` counts them) the regular expressions of one evaluation
 * may take in all: many searches, each fast, in a `for` of a `for` would add up to minutes.
 */
const REGEX_WORK = 2 ** 26;
let regexWorkLeft = REGEX_WORK;

/**
 * The longest text a pattern of `quantifiers` quantifiers and `alternations` `|` is run on. RE2 runs
 * in linear time; JavaScript's engine backtracks: with each quantifier on one character (or class), a
 * search takes at most about `2 ** alternations * length ** (quantifiers + 1)` steps (each `|` may
 * double them: `(a|a)(a|a)…b`), kept under 2 ** 24 (measured: `a*a*b` and `a*a*a*b` against text of
 * `a`s, about 0.1 s a search at worst; 26 `(a|a)`, 2.5 s, are refused).
 */
function maxRegexText(quantifiers: number, alternations: number): number {
  const budget = 24 - alternations;
  return budget <= 0 ? -1 : Math.min(MAX_REGEX_TEXT, Math.floor(2 ** (budget / (quantifiers + 1))));
}

/**
 * `pattern` (RE2) as a JavaScript regular expression (flags `gu`) that reads it alike on `text`. A
 * pattern beyond `RE2_READ_ALIKE` is not evaluated, nor one whose backtracking could run away in
 * JavaScript's engine: a quantified group, unless it is the only quantifier and no `|` is written
 * (`(a|a)*b`, `(a+)+b` take exponential time); text longer than `maxRegexText` (none for 24 `|` or more).
 */
function re2(pattern: string, text: string): RegExp {
  const outsideClasses = pattern.replace(/\\.|\[(?:\\.|[^\]\\])*\]/g, '');
  const quantifiers = outsideClasses.match(/[*+?{]/g)?.length ?? 0;
  const quantifiedGroup = /\)[*+?{]/.test(outsideClasses);
  // RE2 reads `{01}` as text and refuses a count over 1000, where JavaScript repeats: only plain counts are read.
  const plainCounts = [...outsideClasses.matchAll(/\{([^}]*)\}/g)].every((m) => /^(?:0|[1-9][0-9]{0,2}|1000)(?:,(?:0|[1-9][0-9]{0,2}|1000)?)?$/.test(m[1]));
  const alternations = outsideClasses.match(/\|/g)?.length ?? 0;
  const runaway = quantifiedGroup && (quantifiers > 1 || alternations > 0);
  if (!RE2_READ_ALIKE.test(pattern) || runaway || !plainCounts || text.length > maxRegexText(quantifiers, alternations)) throw new NotEvaluable();
  regexWorkLeft -= 2 ** alternations * (text.length + 1) ** (quantifiers + 1);
  if (regexWorkLeft < 0) throw new NotEvaluable();
  try {
    // `.` matches any character but a newline in RE2; JavaScript's leaves out \r and U+2028/9 too.
    return new RegExp(pattern.replace(/\\.|\[(?:\\.|[^\]\\])*\]|\./g, (part) => (part === '.' ? '[^\\n]' : part)), 'gu');
  } catch {
    throw new NotEvaluable(); // JavaScript refuses what RE2 may read (a lone `{`)
  }
}

/**
 * The matches of `regex` (from `re2`) in `text` as Go's `FindAllStringSubmatch` finds them: each
 * search starts where the last match ended, or a character on after an empty one; an empty match
 * right after a match is left out.
 */
function goFindAll(regex: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let previousEnd = -1;
  for (let at = 0; at <= text.length; ) {
    regex.lastIndex = at;
    const match = regex.exec(text);
    if (match === null) break;
    const [start, end] = [match.index, match.index + match[0].length];
    const accepted = end !== at || start !== previousEnd;
    at = end === at ? at + ((text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1) : end;
    previousEnd = end;
    if (accepted) out.push(match);
  }
  return out;
}

/** What `regex` and `regexall` give of a match: its text, or with groups the list of what each took (null where none). */
const submatches = (match: RegExpExecArray): unknown => (match.length === 1 ? match[0] : match.slice(1).map((group) => group ?? null));

/**
 * `replace` with a regular expression (RE2) as Go's `ReplaceAllString` does it: `$1`, `${1}` and `$$`
 * in the replacement; after an empty match the search moves on one character, and an empty match
 * right after a match is not replaced. The pattern is read as `re2` reads it.
 */
function regexReplace(text: string, pattern: string, by: string): string {
  // ReplaceAllString replaces the matches FindAll finds: its empty match right after a match is one FindAll leaves out.
  let out = '';
  let lastEnd = 0;
  for (const match of goFindAll(re2(pattern, text), text)) {
    out += text.slice(lastEnd, match.index) + goExpand(by, match);
    lastEnd = match.index + match[0].length;
  }
  return out + text.slice(lastEnd);
}

/**
 * A replacement with its `$` references filled in as Go's `Regexp.Expand` does: `$$` is `$`; `$1`
 * and `${1}` a group (empty when it took no part); a name (`$x`, `$1x`, `$01`) names a group by
 * name, and there are none here: empty; a `$` that starts no name is itself.
 */
function goExpand(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    if (template[i] !== '$') {
      out += template[i];
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const braced = template[i + 1] === '{';
    const from = i + (braced ? 2 : 1);
    // Go takes any Unicode letter or digit into a name: only ASCII ones are followed here.
    if (/^[^\x00-\x7f]/.test(template.slice(from, from + 1))) throw new NotEvaluable();
    const name = /^[A-Za-z0-9_]*/.exec(template.slice(from))?.[0] ?? '';
    const end = from + name.length;
    if (name === '' || (braced && template[end] !== '}')) {
      out += '$'; // malformed: the `$` as text
      continue;
    }
    const group = /^(?:0|[1-9][0-9]{0,7})$/.test(name) ? Number(name) : undefined;
    out += group === undefined ? '' : (match[group] ?? '');
    i = braced ? end : end - 1;
  }
  return out;
}

/** Files `file()` reads: at most this many bytes (a policy document, a script). */
const MAX_FILE_BYTES = 1 << 20;

/**
 * `file(path)` where Terraform runs in `cwd` (the directory checked): the text of a file under it,
 * as Terraform reads it at plan time (a policy document beside the code: `file("${path.module}/policy.json")`).
 * A file outside that directory, or larger than `MAX_FILE_BYTES`, is not read; one that does not
 * exist, or is not UTF-8, Terraform refuses.
 */
function fileFunction(cwd: string): Fn {
  return (args, symbolic) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [name] = args;
    if (unread(name, symbolic)) return UNKNOWN;
    if (typeof name !== 'string') throw new NotEvaluable();
    let bytes: Buffer;
    try {
      // Where a link leads counts: no file outside the directory is read.
      const file = fs.realpathSync(path.resolve(cwd, name));
      if (!file.startsWith(fs.realpathSync(cwd) + path.sep) || fs.statSync(file).size > MAX_FILE_BYTES) throw new NotEvaluable();
      bytes = fs.readFileSync(file);
    } catch (error) {
      if (error instanceof NotEvaluable) throw error;
      throw new Refused(); // no such file: Terraform refuses it
    }
    const text = utf8Text(bytes);
    if (text === undefined || (symbolic && RESERVED.test(text))) throw text === undefined ? new Refused() : new NotEvaluable();
    return text;
  };
}

/**
 * `templatefile(path, vars)` where Terraform runs in `cwd`: the file as `file()` reads it, evaluated as
 * a template whose only names are `vars`' (no local, variable or path is in its scope); what it
 * gives may be any value (a lone interpolation keeps its type). In a symbolic evaluation a value of
 * `vars` may hold tokens, read as text where the template writes them.
 */
function templatefileFunction(cwd: string): Fn {
  const read = fileFunction(cwd);
  return (args, symbolic) => {
    if (args.length !== 2) throw new NotEvaluable();
    const [name, vars] = args;
    if (vars === UNKNOWN) return UNKNOWN;
    const file = read([name], symbolic);
    // Terraform reads a template file without its byte order mark.
    return file === UNKNOWN ? UNKNOWN : templateWith((file as string).replace(/^\ufeff/, ''), vars, symbolic);
  };
}

/**
 * `templatestring(ref, vars)` (Terraform 1.9): the string `ref` holds, evaluated as `templatefile`
 * evaluates a file (`local.url` of `"postgres://admin:$${password}@db"` is a template of `password`).
 */
function templatestring(args: unknown[], symbolic: boolean): unknown {
  if (args.length !== 2) throw new NotEvaluable();
  const [text, vars] = args;
  if (text === UNKNOWN || vars === UNKNOWN) return UNKNOWN;
  if (typeof text !== 'string') throw new Refused();
  if (symbolic && RESERVED.test(text)) throw new NotEvaluable();
  return templateWith(text, vars, symbolic, true);
}

/**
 * A template text (of a file, or a string value) evaluated with `vars` as its only names (no local,
 * variable or path is in its scope). A lone interpolation keeps its type in `templatefile`
 * (`${items}` of a list is the list), not in `templatestring` (`asString`: of a number or a bool its
 * text, of a collection an error); of null it is an error in both (all as terraform console gives).
 */
function templateWith(text: string, vars: unknown, symbolic: boolean, asString = false): unknown {
  // Terraform refuses vars that are no map or object, and a name that is no identifier.
  if (!isRecord(vars) || !Object.keys(vars).every((key) => /^[A-Za-z_][\w-]*$/.test(key))) throw new Refused();
  // After a carriage return alone, HCL reads the rest as text (a template Terraform may refuse): not followed.
  if (/\r(?!\n)/.test(text)) throw new NotEvaluable();
  const none = (): unknown => UNKNOWN;
  const scope: EvalScope = { local: none, variable: none, bound: new Map(Object.entries(vars)), ...(symbolic ? { reference: none } : {}) };
  const value = template(text, 0, false, scope, 1).value;
  if (value === null || (asString && value !== UNKNOWN && typeof value === 'object')) throw new Refused();
  return asString && value !== UNKNOWN ? templateText(value) : value;
}

/**
 * `anytrue` (`decider` true) or `alltrue` (false) of a list of bools. An element not known makes
 * the result unknown, even beside one that would decide: Terraform converts every element to bool
 * first, and a value twinguard does not know may be one it refuses (`try` then goes on; found by
 * the random comparison with terraform console).
 */
function truthOfAll(args: unknown[], symbolic: boolean, decider: boolean): unknown {
  if (args.length !== 1) throw new NotEvaluable();
  if (args[0] === UNKNOWN) return UNKNOWN;
  if (!Array.isArray(args[0])) throw new NotEvaluable();
  const values = args[0].map((item) => asBool(item, symbolic));
  return values.includes(UNKNOWN) ? UNKNOWN : values.includes(decider) ? decider : !decider;
}

/** `max`/`min` of whole-number or decimal literals (one of them, as written): other arguments are not followed. */
function extreme(args: readonly unknown[], pick: (...values: number[]) => number): unknown {
  if (args.includes(UNKNOWN)) return UNKNOWN;
  if (args.length === 0 || !args.every((a) => typeof a === 'number' && Number.isFinite(a) && !Object.is(a, -0))) throw new NotEvaluable();
  return pick(...(args as number[]));
}

/** A string argument that is what it says: a token's text is not (symbolic.ts). */
function plainString(value: unknown): string {
  const text = stringArg(value);
  if (RESERVED.test(text)) throw new NotEvaluable();
  return text;
}

/** A list of strings; `UNKNOWN` when it or an element is unknown. */
function stringList(value: unknown): string[] | typeof UNKNOWN {
  if (value === UNKNOWN || (Array.isArray(value) && value.includes(UNKNOWN))) return UNKNOWN;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new NotEvaluable();
  return value as string[];
}

/** An object's keys in the order Terraform sorts them (by their UTF-8 bytes). */
function sortedKeys(value: unknown): string[] {
  if (!isRecord(value)) throw new NotEvaluable();
  return Object.keys(value).sort(compareUtf8);
}

/**
 * `format`: `%s`, `%v` (a string, a number written in full, a bool), `%d` (a whole number) and
 * `%%`. Flags, widths, precisions, argument indexes and other verbs are not evaluated; neither is
 * a count of arguments that does not match the verbs (Terraform refuses it).
 */
function formatted(spec: string, args: readonly unknown[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== '%') {
      out += spec[i];
      continue;
    }
    const verb = spec[++i];
    if (verb === '%') out += '%';
    else if ((verb === 's' || verb === 'v' || verb === 'd') && next < args.length) {
      const arg = args[next++];
      if (verb === 'd' && !(typeof arg === 'number' && Number.isSafeInteger(arg))) throw new NotEvaluable();
      if (arg === null || typeof arg === 'object') throw new NotEvaluable();
      out += templateText(arg);
    } else throw new NotEvaluable();
  }
  if (next !== args.length) throw new NotEvaluable();
  return out;
}

/** A partial with each unknown part written as `OPAQUE` text (a symbolic evaluation's `jsonencode`). */
function opaqueLeaves(value: unknown): unknown {
  if (value === UNKNOWN) return OPAQUE;
  if (Array.isArray(value)) return value.map(opaqueLeaves);
  if (isRecord(value)) {
    const out = record();
    for (const [key, item] of Object.entries(value)) out[key] = opaqueLeaves(item);
    return out;
  }
  return value;
}

/** A part an operator cannot read: unknown, or in a symbolic evaluation a token's text (not the value it stands for). */
const unread = (value: unknown, symbolic: boolean): boolean => value === UNKNOWN || (symbolic && typeof value === 'string' && RESERVED.test(value));

/** A condition or a logical operand: a bool, or the strings Terraform converts to one; `UNKNOWN` when not known. */
function asBool(value: unknown, symbolic: boolean): boolean | typeof UNKNOWN {
  if (unread(value, symbolic)) return UNKNOWN;
  const bool = terraformBool(value);
  if (bool !== undefined) return bool;
  if (value === null) throw new Refused(); // Terraform refuses a null operand or condition for certain (`try` goes on)
  throw new NotEvaluable(); // a number, a collection: Terraform refuses it
}

/** Numbers Terraform reads from strings, as far as followed here: plain decimals of up to 15 digits. */
const PLAIN_DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,14})?$/;

/** An arithmetic or comparison operand as a number; `UNKNOWN` when not known or not followed. */
function asNumber(value: unknown, symbolic: boolean): number | typeof UNKNOWN {
  if (unread(value, symbolic)) return UNKNOWN;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return PLAIN_DECIMAL.test(value) ? Number(value) : UNKNOWN; // "007", "1e3" convert too: not followed
  if (value === null) throw new Refused(); // Terraform refuses a null operand for certain
  throw new NotEvaluable(); // a bool, a collection
}

function not(value: unknown, symbolic: boolean): unknown {
  const b = asBool(value, symbolic);
  return b === UNKNOWN ? UNKNOWN : !b;
}

/** `-x`. Terraform keeps a negative zero (`-0`), which is not followed. */
function negated(value: unknown, symbolic: boolean): unknown {
  const n = asNumber(value, symbolic);
  return n === UNKNOWN || n === 0 ? UNKNOWN : -n;
}

/**
 * Arithmetic on whole numbers. Terraform computes with exact decimals (0.1 + 0.2 is 0.3, 10 / 3 has
 * 150 digits) and gives infinity for a division by zero (and `x % 0` is x): only whole operands and
 * a whole result within 15 digits are evaluated, the rest is unknown.
 */
function arithmetic(operator: string, a: number, b: number): unknown {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return UNKNOWN;
  let out: number;
  if (operator === '+') out = a + b;
  else if (operator === '-') out = a - b;
  else if (operator === '*') out = a * b;
  else if (b === 0 || (operator === '/' && a % b !== 0)) return UNKNOWN;
  else out = operator === '/' ? a / b : a % b;
  return Math.abs(out) < 1e15 && !Object.is(out, -0) ? out : UNKNOWN;
}

/**
 * `a == b` of known primitives and nulls: values of different types are never equal (`1 == "1"`
 * is false), strings compare in NFC as Terraform keeps them. A collection is not null, whatever
 * parts of it are not known (`{ a = <unknown> } != null` is true: Terraform compares nulls before
 * the parts); collections compare by type too (a list is not the tuple of the same strings): unknown.
 */
function equal(a: unknown, b: unknown, symbolic: boolean): boolean | typeof UNKNOWN {
  if (unread(a, symbolic) || unread(b, symbolic)) return UNKNOWN;
  const collection = (value: unknown): boolean => value !== null && typeof value === 'object';
  if ((a === null && collection(b)) || (b === null && collection(a))) return false;
  if (collection(a) || collection(b)) return UNKNOWN;
  if (typeof a === 'string' && typeof b === 'string') return a.normalize('NFC') === b.normalize('NFC');
  return a === b;
}

function binaryValue(operator: string, a: unknown, b: unknown, symbolic: boolean): unknown {
  if (operator === '==' || operator === '!=') {
    const same = equal(a, b, symbolic);
    return same === UNKNOWN ? UNKNOWN : same === (operator === '==');
  }
  if (operator === '&&' || operator === '||') {
    // Where the left side does not decide (see `binary`), the right one may: `x || true` is true,
    // `x && false` false, whatever x is; `true && x` is unknown when x is.
    const x = asBool(a, symbolic);
    const y = asBool(b, symbolic);
    if (y === (operator === '||')) return y;
    if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
    return operator === '&&' ? x && y : x || y;
  }
  const x = asNumber(a, symbolic);
  const y = asNumber(b, symbolic);
  if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
  if (operator === '<') return x < y;
  if (operator === '>') return x > y;
  if (operator === '<=') return x <= y;
  if (operator === '>=') return x >= y;
  return arithmetic(operator, x, y);
}

/** Whether `a` and `b` have the same type where both are known: Terraform converts neither when they do. */
function sameShape(a: unknown, b: unknown): boolean {
  if (a === UNKNOWN || b === UNKNOWN || a === null || b === null) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameShape(item, b[i]));
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameShape(a[key], b[key]));
  }
  return typeof a === typeof b;
}

/** Whether every element of `items` has the type of the others (a list or map Terraform would make of them keeps them). */
const oneElementType = (items: readonly unknown[]): boolean => items.every((item) => items.every((other) => sameShape(item, other)));

/**
 * `cond ? whenTrue : whenFalse` once `cond` is known (`decided`). Terraform gives both results one
 * type and converts the chosen one to it: `true ? 1 : "a"` is "1", `true ? { a = 1 } : { b = "x" }`
 * is a map of strings. The chosen value is kept where no conversion changes it; a primitive beside
 * a string becomes text; what would be converted otherwise is unknown, and beside a result whose
 * type is not known, what a conversion may change (`convertedBlind`). `count`: the conditional is
 * a `count` as a whole.
 */
function conditional(decided: boolean, whenTrue: unknown, whenFalse: unknown, count: boolean): unknown {
  const [chosen, other] = decided ? [whenTrue, whenFalse] : [whenFalse, whenTrue];
  if (chosen === null) return null;
  // A `count` takes 0 and "0" alike: `var.on ? length(local.regions) : 0` is 0 with `var.on` false.
  if (!isWhollyKnown(other)) return count && typeof chosen === 'number' ? chosen : convertedBlind(chosen);
  if (sameShape(chosen, other)) return chosen;
  const primitive = (v: unknown): boolean => v !== null && typeof v !== 'object';
  if (primitive(chosen) && primitive(other)) {
    if (typeof chosen !== 'string' && typeof other !== 'string') throw new NotEvaluable(); // a number and a bool: refused
    return primitiveText(chosen) ?? UNKNOWN;
  }
  const both = (test: (v: unknown) => boolean): boolean => test(chosen) && test(other);
  if (both(Array.isArray)) return oneElementType([...(chosen as unknown[]), ...(other as unknown[])]) ? chosen : UNKNOWN;
  // Objects of other attributes unify to maps: every key stays (`var.on ? var.integrations : {}`).
  if (both(isRecord)) return oneElementType([...Object.values(chosen as object), ...Object.values(other as object)]) ? chosen : convertedBlind(chosen);
  return UNKNOWN;
}

/**
 * What converting `value` to a type not known leaves of it: Terraform converts to the more general
 * type, so a string or null stays as it is, an object keeps its keys (a map or an object type) and
 * an empty collection stays empty; a number or a bool may become text, a non-empty list a set.
 * `var.on ? { for … } : {}` with `var.on` false is `{}`, whatever the other side holds.
 */
function convertedBlind(value: unknown): unknown {
  if (value === null || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? value : UNKNOWN;
  if (!isRecord(value)) return UNKNOWN;
  const out = record();
  for (const [key, item] of Object.entries(value)) out[key] = convertedBlind(item);
  return out;
}

/**
 * The elements a `for` iterates, as (key, value) pairs: a list's index (a set's element, with two
 * symbols) or an object's key in Terraform's order (by bytes). `UNKNOWN` for a collection not
 * known, or a list or set from outside the code iterated with two symbols; what Terraform cannot
 * iterate (null, a string) is refused.
 */
function iterated(collection: unknown, twoSymbols: boolean): [unknown, unknown][] | typeof UNKNOWN {
  if (collection === UNKNOWN) return UNKNOWN;
  if (Array.isArray(collection)) {
    if (twoSymbols && collection.length > 0 && EITHER_LIST_OR_SET.has(collection)) return UNKNOWN;
    return collection.map((value, i) => [isSet(collection) ? value : i, value]);
  }
  if (isRecord(collection)) return Object.keys(collection).sort(compareUtf8).map((key) => [key, collection[key]]);
  throw new NotEvaluable();
}

/** Roots of traversals a symbolic evaluation does not hand to its `reference` (`local.x` it evaluates itself). */
const NOT_REFERENCES = new Set(['local', 'each', 'count', 'path', 'terraform', 'self']);

/**
 * The value at `steps` (`.tags`, `[0].id`, `["k"].arn`: a traversal's steps) of `value`, when it is
 * wholly known there; undefined otherwise.
 */
function knownAlong(value: unknown, steps: string): unknown {
  // An index the traversal keeps but names no key here (`[count.index]`) leaves the value not followed.
  const keys = [...steps.matchAll(/\.([A-Za-z_][\w-]*)|\[\s*([0-9]+|"[^"]*")\s*\]|\[/g)].map(([, name, index]): string | number | undefined =>
    name !== undefined ? name : index === undefined ? undefined : index.startsWith('"') ? index.slice(1, -1) : Number(index),
  );
  if (keys.includes(undefined)) return undefined;
  const found = ownAt(value, keys as (string | number)[]);
  return found !== undefined && isWhollyKnown(found) ? found : undefined;
}

/**
 * A splat of one attribute at the start of `text` (`[*].json`, `.*.id`) after which no step is each
 * element's: its length and the attribute; undefined otherwise. After a full splat every step is
 * each element's; after a legacy one, attribute steps are (an index is the result's).
 */
function oneAttributeSplat(text: string): { readonly length: number; readonly attribute: string } | undefined {
  const splat = /^(?:\[\s*\*\s*\]|\.\*)\.([A-Za-z_][\w-]*)/.exec(text);
  if (splat === null) return undefined;
  const perElement = splat[0].startsWith('[') ? /^\s*(?:\.[A-Za-z_0-9*]|\[)/ : /^\s*\.[A-Za-z_0-9*]/;
  return perElement.test(text.slice(splat[0].length)) ? undefined : { length: splat[0].length, attribute: splat[1] };
}

/** The resource or data instance a value written as a bare reference names (`${aws_s3_bucket.b}`, `${data.x.y[0]}`); undefined otherwise. */
function bareInstance(raw: unknown): string | undefined {
  const match = typeof raw === 'string' ? /^\$\{\s*((?:data\.)?[A-Za-z][\w-]*\.[A-Za-z_][\w-]*(?:\[(?:[0-9]+|"[^"\\$%\n]*")\])?)\s*\}$/.exec(raw) : null;
  return match === null || NOT_A_BLOCK.test(match[1]) ? undefined : match[1];
}

/** An index step a symbolic reference keeps: a number, a plain string key, or the instance's own key. */
const REFERENCE_INDEX = /^\[\s*([0-9]+|"[^"\\$%\n]*"|count\.index|each\.key)\s*\]/;
/** An index step written as a symbol (`[n]`): a symbolic reference keeps it as the key the symbol is bound to (`Parser.boundIndex`). */
const BOUND_INDEX = /^\[\s*([A-Za-z_][\w-]*)\s*\]/;

/** The binary operators whose result is a number (the others give a bool). */
const ARITHMETIC: ReadonlySet<string> = new Set(['*', '/', '%', '+', '-']);

/**
 * Binary operators by precedence, tightest first, as HCL defines them (all left-associative).
 * `/` is never a comment here: `skip` read past those; `=>` (a `for` object's arrow) is none.
 */
const OPERATOR_LEVELS: readonly RegExp[] = [/^[*\/%]/, /^[-+]/, /^(?:<=|>=|<|>)/, /^(?:==|!=)/, /^&&/, /^\|\|/];

/** Brackets, calls and nested templates deeper than this are not evaluated (a crafted file would overflow the stack). */
const MAX_DEPTH = 64;

/** Locals that depend on each other further than this are not evaluated. */
const MAX_CHAIN = 64;

/** Elements all the `for` expressions of one evaluation may read, together (nested ones multiply). */
const FOR_WORK = 10_000;

let forWorkLeft = FOR_WORK;
let evaluationsOpen = 0;
/** Set while the outermost evaluation is a `count` (`evaluateTemplate`). */
let countEvaluation = false;
/**
 * Above 0 while a conditional's side its known condition does not choose is read: Terraform drops
 * that side's errors (`true ? 1 : local.tags.Nope` is 1), so an error there is no value, not an
 * error of the whole (`Parser.computed`). Each evaluation of a local starts at 0.
 */
let discarding = 0;
/**
 * How many of the `discarding` sides being read are ones Terraform 1.11 evaluates all the same, for
 * what a value given from outside the code reads (`refusedReads`): the right side of a `||` or `&&`
 * its left one decides (`-var 'l=[true || x]'`: "Variables not allowed"), and a `for`'s condition,
 * read before the element it may leave out (`[for a in [1] : a if upper("x") == "Y"]`: "Function
 * calls not allowed"), both checked with terraform 1.11.4.
 */
let evaluatedDiscards = 0;
/** References read so far whose value is not known at all (`Parser.named`). */
let unknownReads = 0;
/**
 * What a value given from outside the code reads that terraform refuses there (`givenValues`):
 * terraform evaluates such a value with no names and no functions ("Variables not allowed",
 * "Function calls not allowed", checked with terraform 1.11.4).
 */
export type RefusedRead = 'name' | 'function';
/**
 * Set while a value given from outside the code is evaluated (`givenValues`): the first read of a
 * name or a call met where terraform evaluates, not in a side of a conditional it does not choose,
 * nor in a `for`'s body where no element reads it (`[for a in [] : x]` is `[]` there), but in the
 * right side of a `||` or `&&` and in a `for`'s condition, which it evaluates (`evaluatedDiscards`).
 */
let refusedReads: { first?: RefusedRead } | undefined;
/** Notes `read` of a value given from outside the code (`refusedReads`). */
const noteRefusedRead = (read: RefusedRead): void => {
  if (refusedReads !== undefined && discarding === evaluatedDiscards) refusedReads.first ??= read;
};
/**
 * Calls so far, in symbolic evaluations, that took a token's text as an argument and gave no value
 * for it (`replace(aws_s3_bucket.b.id, "-data-", "-logs-")`): what they make is not the attribute
 * the token stands for, whatever it is (`tokenWork`).
 */
let tokenTransforms = 0;
/**
 * Calls so far, in symbolic evaluations, that made something else of a token's text: those of
 * `tokenTransforms`, and those that gave text around it (`format("%s-x", aws_iam_role.r.arn)`); and
 * the name of the last of them (`replace`), for a message (`tokenWork`).
 */
let tokenCalls = 0;
let tokenCaller: string | undefined;

/** What symbolic evaluations have done to tokens (`tokenWork`): compare before and after an evaluation (`tokenWorkSince`). */
export interface TokenWork {
  /** Calls that took a token's text and gave no value for it (see `tokenTransforms`). */
  readonly transforms: number;
  /** Calls that made something else of a token's text (see `tokenCalls`), and the name of the last. */
  readonly calls: number;
  readonly caller: string | undefined;
}

/** What symbolic evaluations have done to tokens so far. */
export const tokenWork = (): TokenWork => ({ transforms: tokenTransforms, calls: tokenCalls, caller: tokenCaller });

/** What they did since `before`: the calls' last name where there were calls. */
export const tokenWorkSince = (before: TokenWork): TokenWork => ({
  transforms: tokenTransforms - before.transforms,
  calls: tokenCalls - before.calls,
  caller: tokenCalls > before.calls ? tokenCaller : undefined,
});

/** Counts `work` again (`tokenWork`): what an evaluation did, where its value is reused rather than read again. */
export const countTokenWork = (work: TokenWork): void => {
  if (work.transforms > 0) tokenTransforms += work.transforms;
  if (work.calls > 0) {
    tokenCalls += work.calls;
    tokenCaller = work.caller;
  }
};

/** Notes a call of `name` that made something else of a token's text, transforming it where it gave no value for it. */
function noteTokenCall(name: string | undefined, transformed: boolean): void {
  if (transformed) tokenTransforms++;
  tokenCalls++;
  tokenCaller = name;
}

class Parser {
  private at = 0;
  private depth = 0;
  /** The type the outermost operator of the expression just read gives it (`!`, `>`: bool; `+`, `-x`: number), whatever its value. */
  private lastType: 'bool' | 'number' | 'dynamic' | undefined;
  /** Set when a step of the operand being read was refused in a side not chosen (`lastType` 'dynamic'). */
  private stepRefused = false;

  constructor(
    private readonly text: string,
    private readonly scope: EvalScope,
    /** How deep the template holding this expression is. */
    private readonly nesting: number,
  ) {}

  /** The whole text as one expression; as a `%{ for }` directive's collection (`forCollection`), a block's instances are read as a `for` expression reads them (`symbolicInstances`). */
  all(forCollection = false): unknown {
    const value = (forCollection ? this.symbolicInstances() : undefined) ?? this.expression();
    this.skip();
    if (this.at !== this.text.length) throw new NotEvaluable();
    return value;
  }

  private peek(offset = 0): string {
    return this.text[this.at + offset] ?? '';
  }

  private skip(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.at++;
      else if (c === '#' || (c === '/' && this.peek(1) === '/')) {
        while (this.at < this.text.length && this.peek() !== '\n') this.at++;
      } else if (c === '/' && this.peek(1) === '*') {
        const end = this.text.indexOf('*/', this.at + 2);
        if (end < 0) throw new NotEvaluable();
        this.at = end + 2;
      } else return;
    }
  }

  private identifier(): string | undefined {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.at, this.at + 256));
    if (!match) return undefined;
    this.at += match[0].length;
    return match[0];
  }

  private expect(c: string): void {
    this.skip();
    if (this.peek() !== c) throw new NotEvaluable();
    this.at++;
  }

  /** One expression: a conditional, or operands joined by operators (`OPERATOR_LEVELS`: HCL's precedence). */
  private expression(): unknown {
    if (++this.depth > MAX_DEPTH) throw new NotEvaluable();
    const reads = sensitiveReads;
    let value = this.binary(OPERATOR_LEVELS.length - 1);
    this.skip();
    if (this.peek() === '?') {
      // A condition read from a sensitive value makes the result sensitive, whichever side it chooses.
      const conditionSensitive = sensitiveReads > reads;
      this.at++;
      const condition = value;
      const decided = this.computed(() => asBool(condition, this.symbolic)) as boolean | typeof UNKNOWN;
      const whenTrue = this.branch(decided === true, decided === false);
      const trueType = this.lastType;
      this.expect(':');
      const whenFalse = this.branch(decided === false, decided === true);
      const falseType = this.lastType;
      // A side not known (or refused, and not chosen) whose operator gives it a type: a chosen value of that very
      // type is not converted (`var.x == null ? true : !var.x` is true; `true ? 1 : var.n * 2` is 1).
      const [chosen, otherType] = decided ? [whenTrue, falseType] : [whenFalse, trueType];
      // A side not chosen whose step Terraform refuses (`var.context.labels_as_tags` of an older context) has no type: nothing converts.
      const sameType = otherType === 'dynamic' || (otherType === 'bool' && typeof chosen === 'boolean') || (otherType === 'number' && typeof chosen === 'number');
      const whole = countEvaluation && evaluationsOpen === 1 && this.nesting === 0 && this.depth === 1;
      value = decided === UNKNOWN ? UNKNOWN : sameType ? chosen : this.computed(() => conditional(decided, whenTrue, whenFalse, whole));
      if (conditionSensitive) noteSensitive(value);
      this.lastType = undefined;
    }
    this.depth--;
    return value;
  }

  /**
   * A conditional's result: Terraform refuses only the chosen one's errors (`false ? {}.x : 1` is
   * 1). The side not chosen (`discarded`) is read with its errors as unknown values; with the
   * condition not known, an error of either side is not one `try` would catch as the whole's.
   * `evaluated`: Terraform 1.11 evaluates a discarded side all the same (`evaluatedDiscards`).
   */
  private branch(chosen: boolean, discarded: boolean, read: () => unknown = () => this.expression(), evaluated = false): unknown {
    const reads = sensitiveReads;
    const counted = discarded && evaluated;
    if (discarded) discarding++;
    if (counted) evaluatedDiscards++;
    try {
      return read();
    } catch (error) {
      if (error instanceof Refused && !chosen) throw new NotEvaluable();
      throw error;
    } finally {
      if (counted) evaluatedDiscards--;
      if (discarded) {
        discarding--;
        // What a side not chosen reads is not in the result (`true ? "a" : local.secret` is "a", not sensitive).
        sensitiveReads = reads;
      }
    }
  }

  /**
   * `compute` (a value of what is read so far: a step, a call, an operator). In a side of a
   * conditional that is not chosen, an error of it is an unknown value, and reading goes on from
   * where it stood.
   */
  private computed(compute: () => unknown): unknown {
    if (discarding === 0) return compute();
    const [at, depth] = [this.at, this.depth];
    try {
      return compute();
    } catch (error) {
      if (!(error instanceof NotEvaluable)) throw error;
      if (error instanceof MissingStep) this.stepRefused = true;
      [this.at, this.depth] = [at, depth];
      return UNKNOWN;
    }
  }

  /** Operands joined by the operators of `level` and those that bind tighter, left to right. */
  private binary(level: number): unknown {
    if (level < 0) return this.unary();
    const reads = sensitiveReads;
    let value = this.binary(level - 1);
    for (;;) {
      this.skip();
      const operator = OPERATOR_LEVELS[level].exec(this.text.slice(this.at, this.at + 2))?.[0];
      if (operator === undefined) return value;
      this.at += operator.length;
      const left = value;
      // Terraform 1.12 short-circuits (HCL's BinaryOpExpr): `true || x` is true and `false && x` false,
      // an error of x dropped (`var.v == null || var.v.encrypted` of a null v), so x is read as a side
      // not chosen; but both sides are converted to bool first: `false && "x"` is an error.
      const decides = operator === '||' || operator === '&&' ? operator === '||' : undefined;
      const decided = decides !== undefined && this.computed(() => asBool(left, this.symbolic)) === decides;
      // Terraform 1.11 evaluates that side all the same: a name or a call in a value given from outside is refused there.
      const right = this.branch(!decided, decided, () => this.binary(level - 1), true);
      value = this.computed(() => {
        if (!decided) return binaryValue(operator, left, right, this.symbolic);
        // A value that is no bool is refused even so, and so is null (1.11's console refuses `true || null`;
        // where a later version would not, refusing is the side that never passes what Terraform fails).
        asBool(right, this.symbolic);
        return decides;
      });
      derived(value, reads);
      this.lastType = ARITHMETIC.has(operator) ? 'number' : 'bool';
    }
  }

  /** An operand and its steps, after any `!` or `-` (a negated number literal is exact). */
  private unary(): unknown {
    this.skip();
    const c = this.peek();
    if (c === '!' || (c === '-' && !(this.peek(1) >= '0' && this.peek(1) <= '9'))) {
      this.at++;
      const reads = sensitiveReads;
      const operand = this.unary();
      const value = derived(
        this.computed(() => (c === '!' ? not(operand, this.symbolic) : negated(operand, this.symbolic))),
        reads,
      );
      this.lastType = c === '!' ? 'bool' : 'number';
      return value;
    }
    // A parenthesized expression keeps the type its operator gave it; any other operand, or a step, has none known here.
    const parenthesized = c === '(';
    const operand = this.operand();
    const end = this.at;
    this.stepRefused = false;
    // A name or a call's result may be sensitive; a literal is not, and what brackets hold was read inside them.
    const value = /[A-Za-z_]/.test(c) ? readValue(this.steps(operand)) : this.steps(operand);
    if (this.stepRefused) this.lastType = 'dynamic';
    else if (!parenthesized || this.at !== end) this.lastType = undefined;
    return value;
  }

  private get symbolic(): boolean {
    return this.scope.reference !== undefined;
  }

  private operand(): unknown {
    const c = this.peek();
    if (c === '(') {
      this.at++;
      const value = this.expression();
      this.expect(')');
      return value;
    }
    if (c === '"') return this.quoted();
    if (c === '<' && this.text[this.at + 1] === '<') return this.heredoc();
    if ((c === '[' || c === '{') && FOR_AHEAD.test(this.text.slice(this.at + 1, this.at + 64))) return this.forExpression(c);
    if (c === '[') return this.items();
    if (c === '{') return this.object();
    if (c >= '0' && c <= '9') return this.number();
    if (c === '-') {
      this.at++;
      return -this.number();
    }
    const name = this.identifier();
    if (name === undefined) throw new NotEvaluable();
    if (name === 'true' || name === 'false') return name === 'true';
    if (name === 'null') return null;
    this.skip();
    if (this.peek() === ':' && this.peek(1) === ':') {
      // A provider function (`provider::aws::arn_parse(…)`): the AWS provider's ARN functions are evaluated, others not.
      let full = name;
      while (this.peek() === ':' && this.peek(1) === ':') {
        this.at += 2;
        const part = this.identifier();
        if (part === undefined) throw new NotEvaluable();
        full += `::${part}`;
      }
      if (this.peek() !== '(') throw new NotEvaluable();
      noteRefusedRead('function');
      return this.call(full);
    }
    if (this.peek() === '(') {
      noteRefusedRead('function');
      return this.call(name);
    }
    const value = this.named(name);
    // What `try` and `can` ask of an argument Terraform refuses: did it read a value not known (`attempt`)?
    if (value === UNKNOWN) unknownReads++;
    return value;
  }

  /** The attribute steps from here, each written with the dot (`["arn"]` as `.arn`, as a reference is written), read past. */
  private attributeSteps(): string {
    let steps = '';
    for (let next = ATTRIBUTE_STEP_AT.exec(this.text.slice(this.at, this.at + 256)); next !== null; next = ATTRIBUTE_STEP_AT.exec(this.text.slice(this.at, this.at + 256))) {
      this.at += next[0].length;
      steps += `.${next[1] ?? next[2]}`;
    }
    return steps;
  }

  /** A value the code names: a bound symbol, `var.`, `local.`, `module.`, `path.`, `terraform.`, a resource or data block. */
  private named(name: string): unknown {
    if (this.scope.bound?.has(name)) {
      const bound = this.scope.bound.get(name);
      const { reference } = this.scope;
      const instance = reference && isRecord(bound) ? INSTANCE_ITERATORS.get(bound) : undefined;
      // `each.value.<attribute>` of a for_each over a resource: that instance's attribute; `each.value`
      // alone where the for_each took one attribute of each instance (`k => b.arn`).
      const next = this.text.slice(this.at, this.at + 8);
      if (reference && instance !== undefined && (/^\.value\.[A-Za-z_]/.test(next) || (instance.attribute && /^\.value(?![\w-])/.test(next)))) {
        this.at += '.value'.length;
        return reference(this.traversal(instance.traversal));
      }
      // `each.value["arn"]`: the same attribute as `each.value.arn`.
      const indexed = reference && instance !== undefined ? VALUE_STEP_AT.exec(this.text.slice(this.at, this.at + 256)) : null;
      if (reference && instance !== undefined && indexed?.[2] !== undefined) {
        this.at += indexed[0].length;
        return reference(this.traversal(`${instance.traversal}.${indexed[2]}`));
      }
      // `b.bucket` (or `b["bucket"]`) where `b` is an instance of a block (`for k, b in aws_s3_bucket.m`): the
      // attribute its configuration writes for that instance, as Terraform plans it; another stays unknown (`b` is).
      // In a symbolic evaluation, `b` is the instance itself: `b.arn` the reference `aws_s3_bucket.m["a"].arn`.
      const instanceOf = reference ? this.scope.instances?.get(name) : undefined;
      const traversal = instanceOf === undefined ? undefined : instanceTraversal(instanceOf);
      if (reference && traversal !== undefined) {
        const read = reference(this.traversal(traversal + this.attributeSteps()));
        markOutside(read);
        return read;
      }
      const of = reference ? undefined : this.scope.instances?.get(name);
      const attribute = of === undefined ? null : ATTRIBUTE_STEP_AT.exec(this.text.slice(this.at, this.at + 256));
      if (of !== undefined && attribute !== null) {
        const configured = this.scope.resourceAttribute?.(of.block, of.key, attribute[1] ?? attribute[2]) ?? UNKNOWN;
        if (configured !== UNKNOWN) {
          this.at += attribute[0].length;
          return configured;
        }
      }
      return bound;
    }
    noteRefusedRead('name');
    if (name === 'var' && this.peek() === '.') {
      const at = this.at;
      this.at++;
      const variable = this.identifier();
      if (variable === undefined) throw new NotEvaluable();
      const value = this.scope.variable(variable);
      // A value the scope does not know, whole or a list in part (`[aws_iam_role.r.arn]`), may still
      // be a module's argument, read with its code in a symbolic evaluation; the part known stays when
      // not. An object keeps its known part: its type's optional() defaults are not in the argument;
      // an attribute of it the code names a reference by (`var.cfg.key_arn`, given `{ key_arn =
      // aws_kms_key.k.arn }`) is read so, and so are its parts not known where it is read whole
      // (`[var.cfg]`, a `dynamic` block's for_each: `filledByReferences`).
      if (isWhollyKnown(value) || !this.scope.reference) return value;
      const object = value !== UNKNOWN && !Array.isArray(value);
      if (object && !/^\.[A-Za-z_]/.test(this.text.slice(this.at, this.at + 2))) return filledByReferences(value, this.scope.reference(`var.${variable}`));
      const after = this.at;
      this.at = at;
      const read = this.scope.reference(this.traversal(name));
      if ((read === UNKNOWN || (object && !(typeof read === 'string' && hasToken(read)))) && value !== UNKNOWN) {
        this.at = after;
        return value;
      }
      markOutside(read);
      return read;
    }
    if (name === 'module' && this.peek() === '.' && this.scope.moduleOutputs) {
      const at = this.at;
      this.at++;
      const call = this.identifier();
      if (call === undefined) throw new NotEvaluable();
      const outputs = this.scope.moduleOutputs(call);
      if (!this.scope.reference) return outputs;
      // In a symbolic evaluation, an output the module's code fixes is its value; another is followed as a reference.
      const end = this.at;
      this.at = at;
      const traversal = this.traversal(name);
      const known = knownAlong(outputs, traversal.slice(`module.${call}`.length));
      if (known !== undefined) return known;
      if (isWhollyKnown(outputs)) {
        this.at = end;
        return outputs;
      }
      this.at = at;
    }
    if (this.scope.reference && !NOT_REFERENCES.has(name)) {
      const traversal = this.traversal(name);
      const splat = this.splat(traversal);
      if (splat !== undefined) return splat;
      // A plan's value (a data source's list) may be a set: a `for` with two symbols over it is not followed.
      const value = this.scope.reference(traversal);
      markOutside(value);
      return value;
    }
    if ((name === 'path' || name === 'terraform') && this.peek() === '.') {
      this.at++;
      const attribute = this.identifier();
      if (attribute === undefined) throw new NotEvaluable();
      if (name === 'terraform') return attribute === 'workspace' ? (this.scope.path?.('terraform.workspace') ?? UNKNOWN) : UNKNOWN;
      return this.scope.path?.(attribute) ?? UNKNOWN;
    }
    if (name === 'local') {
      if (this.peek() !== '.') throw new NotEvaluable();
      this.at++;
      const local = this.identifier();
      if (local === undefined) throw new NotEvaluable();
      // In a symbolic evaluation, a local that is a resource instance (`origin_bucket = aws_s3_bucket.b`)
      // stands for it: its attribute is that instance's (cloudposse/cloudfront-s3-cdn's bucket policy).
      const instance = this.scope.reference && this.peek() === '.' ? bareInstance(this.scope.rawLocal?.(local)) : undefined;
      if (instance !== undefined && this.scope.reference) return this.scope.reference(this.traversal(instance));
      return this.scope.local(local);
    }
    if (!this.scope.reference && /^[a-z][a-z0-9]*_[A-Za-z0-9_-]+$|^data$/.test(name) && this.peek() === '.') {
      const known = this.blockReference(name);
      if (known !== undefined) return known;
    }
    // var.x, a resource's attribute, data, module, each, count, path…: values set from outside the
    // code or known only at plan or apply time. What follows is a step of an unknown value.
    return UNKNOWN;
  }

  /**
   * A resource or data block of the module (`ModuleLinks`), as Terraform knows it at plan time: an
   * instance's attribute the configuration writes (`aws_iam_user.u[0].name`: Terraform plans a
   * configured value as written), else the block of a `count` the code fixes as a list of its
   * instances, each known only after apply (`try(aws_kms_key.this[0].arn, null)` of no instance is
   * null; `length()` is known), and the block of a `for_each` the code fixes as a map of them by key
   * (`toset(keys(aws_s3_bucket.m))`, `{ for k, b in aws_s3_bucket.m : k => b.id }` have known keys);
   * a `for` over either binds its symbol to each instance (`BLOCK_COLLECTIONS`). Undefined otherwise, nothing read.
   */
  private blockReference(root: string): unknown {
    const text = this.text.slice(this.at, this.at + 512);
    const head = root === 'data' ? /^\.([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)/.exec(text) : /^\.([A-Za-z_][\w-]*)/.exec(text);
    if (head === null) return undefined;
    const block = root === 'data' ? `data.${head[1]}.${head[2]}` : `${root}.${head[1]}`;
    const rest = text.slice(head[0].length);
    const index = /^\[\s*([0-9]+|"[^"\\$%\n]*")\s*\]/.exec(rest);
    const key = index === null ? undefined : index[1].startsWith('"') ? (JSON.parse(index[1]) as string) : Number(index[1]);
    const attribute = /^\.([A-Za-z_][\w-]*)/.exec(index === null ? rest : rest.slice(index[0].length));
    const configured = attribute === null ? UNKNOWN : (this.scope.resourceAttribute?.(block, key, attribute[1]) ?? UNKNOWN);
    if (configured !== UNKNOWN && attribute !== null) {
      this.at += head[0].length + (index?.[0].length ?? 0) + attribute[0].length;
      return configured;
    }
    const keys = this.scope.instanceKeys?.(block);
    const collection = keys === undefined ? undefined : blockCollection(block, keys);
    if (collection === undefined) return undefined;
    // A splat of one attribute (`aws_iam_user.default[*].name`): each instance's; other splats are left to `splatSteps`.
    const splat = Array.isArray(collection) ? oneAttributeSplat(rest) : undefined;
    if (splat !== undefined) {
      const values = (keys as number[]).map((k) => this.scope.resourceAttribute?.(block, k, splat.attribute) ?? UNKNOWN);
      if (values.every((value) => value !== UNKNOWN)) {
        this.at += head[0].length + splat.length;
        return values;
      }
    }
    this.at += head[0].length;
    return collection;
  }

  /**
   * In a symbolic evaluation, a `for`'s collection written as a block of the module or `values()` of
   * one (`for b in values(aws_s3_bucket.m)`, before the expression's `:` or at the end of a
   * directive's `%{ for b in aws_s3_bucket.m }`) whose instances are known (`ModuleLinks.instanceKeys`):
   * its instances, as `blockReference` gives them, so the symbol is bound to each (`b.arn` is the
   * reference `aws_s3_bucket.m["a"].arn`, `Parser.named`). Undefined otherwise, nothing read.
   */
  private symbolicInstances(): unknown {
    if (!this.scope.reference) return undefined;
    const written = FOR_COLLECTION_OF_BLOCK.exec(this.text.slice(this.at, this.at + 256));
    const block = written?.[2] ?? written?.[3];
    const after = written === null ? undefined : (this.text[this.at + written[0].length] ?? '');
    if (written === null || block === undefined || NOT_A_BLOCK.test(block) || (after !== ':' && after !== '')) return undefined;
    const keys = this.scope.instanceKeys?.(block);
    if (keys === undefined || keys.length === 0) return undefined;
    const byKey = keys.every((key) => typeof key === 'string');
    // values() of a block of a count (a list) Terraform refuses; a mix of keys is no block's.
    if ((written[1] !== undefined && !byKey) || (!byKey && !keys.every((key) => typeof key === 'number'))) return undefined;
    this.at += written[0].length;
    const sorted = byKey ? [...(keys as string[])].sort(compareUtf8) : keys;
    const collection = byKey && written[1] === undefined ? Object.assign(record(), Object.fromEntries(sorted.map((key) => [key, UNKNOWN]))) : sorted.map(() => UNKNOWN);
    BLOCK_COLLECTIONS.set(collection, { block, keys: sorted });
    return collection;
  }

  /**
   * In a symbolic evaluation, a splat of a resource or data block and one attribute
   * (`data.aws_iam_policy_document.tls[*].json`, `aws_s3_bucket.b.*.id`, as cloudposse modules write
   * `one(…[*].json)` and `join("", ….*.id)`): each instance's attribute, in a list, where the
   * block's instances are known (`ModuleLinks.instanceKeys`). Undefined otherwise, nothing read.
   */
  private splat(traversal: string): unknown[] | undefined {
    const block = /^(?:data\.)?[A-Za-z][\w-]*\.[A-Za-z_][\w-]*$/.test(traversal) && !/^(?:var|module)\./.test(traversal) ? traversal : undefined;
    const splat = block === undefined ? undefined : oneAttributeSplat(this.text.slice(this.at, this.at + 256));
    const keys = splat === undefined ? undefined : this.scope.instanceKeys?.(block as string);
    const { reference } = this.scope;
    // A splat of a for_each block (a map) is not its instances: not followed.
    if (splat === undefined || keys === undefined || reference === undefined || keys.some((key) => typeof key === 'string')) return undefined;
    this.at += splat.length;
    return keys.map((key) => reference(`${block}${key === undefined ? '' : `[${key}]`}.${splat.attribute}`));
  }

  /**
   * The text of a traversal from its root (a resource, a data source, `module`, `var`): attribute
   * steps and the index steps `REFERENCE_INDEX` allows (`aws_s3_bucket.b[count.index].arn`). Other
   * steps are left to `steps`, which finds no value to step into.
   */
  private traversal(root: string): string {
    let text = root;
    for (;;) {
      if (this.peek() === '.' && /[A-Za-z_]/.test(this.peek(1))) {
        this.at++;
        text += `.${this.identifier() as string}`;
        continue;
      }
      const index = this.peek() === '[' ? (REFERENCE_INDEX.exec(this.text.slice(this.at, this.at + 256)) ?? this.boundIndex()) : null;
      if (index === null) return text;
      this.at += index[0].length;
      text += `[${index[1]}]`;
    }
  }

  /**
   * An index written as a symbol bound to a whole number or a string (`aws_s3_bucket.m[n]` of
   * `for n in local.names`, `%{ for k in keys(aws_s3_bucket.m) }`), as the key it stands for
   * (`["x"]`), as `REFERENCE_INDEX` matches it; null for another index, or a sensitive value.
   */
  private boundIndex(): [string, string] | null {
    const written = BOUND_INDEX.exec(this.text.slice(this.at, this.at + 256));
    const value = written !== null && this.scope.bound?.has(written[1]) ? this.scope.bound.get(written[1]) : undefined;
    const key = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : typeof value === 'string' ? JSON.stringify(value) : undefined;
    return written === null || key === undefined || holdsSensitive(value) || REFERENCE_INDEX.exec(`[${key}]`) === null ? null : [written[0], key];
  }

  /** `.name`, `.0` and `[key]` steps; after a splat (`.*`, `[*]`) every step is of an unknown value. */
  private steps(value: unknown): unknown {
    let current = value;
    for (;;) {
      const c = this.peek();
      if (this.text.startsWith('...', this.at)) return current; // an expanded argument
      if (c === '.' && this.peek(1) === '*') {
        this.at += 2;
        current = this.splatSteps(current, false);
      } else if (c === '.') {
        this.at++;
        const digits = /^[0-9]+/.exec(this.text.slice(this.at, this.at + 32))?.[0];
        let key: string | number;
        if (digits !== undefined) {
          this.at += digits.length;
          key = Number(digits);
        } else {
          const name = this.identifier();
          if (name === undefined) throw new NotEvaluable();
          key = name;
        }
        const from = current;
        current = this.instanceAttribute(from, key) ?? this.computed(() => step(from, key, this.certainOf(from)));
      } else if (c === '[') {
        this.at++;
        this.skip();
        if (this.peek() === '*') {
          this.at++;
          this.expect(']');
          current = this.splatSteps(current, true);
          continue;
        }
        const reads = sensitiveReads;
        const key = this.expression();
        this.expect(']');
        const from = current;
        // An element chosen by a sensitive key is sensitive (`local.names[local.secret_index]`).
        current = key === UNKNOWN ? UNKNOWN : derived(this.instanceAttribute(from, key) ?? this.computed(() => step(from, key, this.certainOf(from))), reads);
      } else return current;
    }
  }

  /** In a symbolic evaluation, an attribute a resource instance's object lacks (`INSTANCE_OBJECTS`): what its reference reads; undefined otherwise. */
  private instanceAttribute(from: unknown, key: unknown): unknown {
    const read = this.symbolic && typeof key === 'string' && isRecord(from) && !Object.hasOwn(from, key) ? INSTANCE_OBJECTS.get(from) : undefined;
    if (read === undefined || !/^[A-Za-z_][\w-]*$/.test(key as string)) return undefined;
    const value = read(key as string);
    markOutside(value);
    return value;
  }

  /**
   * The steps after a splat (`list[*].a[0]`, legacy `list.*.a`), taken in each element of a known
   * list: a full splat takes attributes and indexes, a legacy one attributes only (an index after it
   * is the result's). Null is an empty list, and another value that is no list, set or tuple a tuple of
   * it alone (HCL's splat: `{ a = 1 }[*]` is `[{ a = 1 }]`), outside a symbolic evaluation (where an
   * object or a text may stand for an instance's or a reference's); a value not known, a set, or one
   * read symbolically leaves the result unknown (the steps are still read).
   */
  private splatSteps(value: unknown, full: boolean): unknown {
    const reads = sensitiveReads;
    const keys: unknown[] = [];
    for (;;) {
      if (this.peek() === '.' && /[A-Za-z_0-9]/.test(this.peek(1))) {
        this.at++;
        const digits = /^[0-9]+/.exec(this.text.slice(this.at, this.at + 32))?.[0];
        if (digits !== undefined) this.at += digits.length;
        const name = digits === undefined ? this.identifier() : undefined;
        if (digits === undefined && name === undefined) throw new NotEvaluable();
        keys.push(digits !== undefined ? Number(digits) : name);
      } else if (full && this.peek() === '[' && this.peek(1) !== '*') {
        this.at++;
        keys.push(this.expression());
        this.expect(']');
      } else break;
    }
    const alone = !this.symbolic && (isRecord(value) || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean');
    const list = value === null ? [] : alone ? [value] : value;
    if (!Array.isArray(list) || isSet(list) || EITHER_LIST_OR_SET.has(list)) return UNKNOWN;
    // Elements chosen by a sensitive index are sensitive, as in `steps`.
    return derived(
      this.computed(() => list.map((element) => keys.reduce((current, key) => (key === UNKNOWN ? UNKNOWN : step(current, key, this.certainOf(current))), element))),
      reads,
    );
  }

  /** `file()` or `templatefile()` where the scope knows where Terraform runs; undefined (not evaluated) elsewhere. */
  private fileFunction(name: 'file' | 'templatefile'): Fn | undefined {
    const cwd = this.scope.path?.('cwd');
    if (typeof cwd !== 'string') return undefined;
    return name === 'file' ? fileFunction(cwd) : templatefileFunction(cwd);
  }

  /** Whether a missing key or index of `value` is an error for certain: it is, but in an object a plan gives, read symbolically. */
  private certainOf(value: unknown): boolean {
    return !this.symbolic || !(isRecord(value) && OUTSIDE_OBJECTS.has(value));
  }

  /** A call of `name` (undefined: a function not evaluated); a last argument `list...` gives its elements as arguments. */
  private call(name: string | undefined): unknown {
    if (name === 'try' || name === 'can') return this.attempt(name);
    const fn =
      name === 'file' || name === 'templatefile'
        ? this.fileFunction(name)
        : name === undefined
          ? undefined
          : Object.prototype.hasOwnProperty.call(FUNCTIONS, name)
            ? FUNCTIONS[name]
            : Object.prototype.hasOwnProperty.call(PROVIDER_FUNCTIONS, name)
              ? PROVIDER_FUNCTIONS[name]
              : undefined;
    this.at++; // (
    const reads = sensitiveReads;
    const args: unknown[] = [];
    let expanded = false;
    for (;;) {
      this.skip();
      if (this.peek() === ')') {
        this.at++;
        const tokenTaken = this.symbolic && args.some((arg) => typeof arg === 'string' && RESERVED.test(arg));
        if (fn === undefined) {
          if (tokenTaken) noteTokenCall(name, true);
          if (name !== undefined) noteNotEvaluated(name);
          return UNKNOWN;
        }
        const value = this.computed(() => {
          try {
            if (!expanded) return nfcText(fn(args, this.symbolic));
            const last = args.pop();
            if (last === UNKNOWN) return UNKNOWN;
            if (!Array.isArray(last)) throw new Refused(); // only a list, a set or a tuple expands
            return nfcText(fn([...args, ...last], this.symbolic));
          } catch (error) {
            if (tokenTaken && error instanceof NotEvaluable) noteTokenCall(name, true);
            throw error;
          }
        });
        // No value (`replace`), or text around the token's (`format("%s-x", …)`), not one of its arguments whole (`coalesce`).
        if (tokenTaken && (value === UNKNOWN || (typeof value === 'string' && RESERVED.test(value) && !args.includes(value)))) noteTokenCall(name, value === UNKNOWN);
        // Of a sensitive argument (or a sensitive part of one) the result is sensitive, as Terraform marks it.
        return derived(value, reads);
      }
      if (expanded) throw new NotEvaluable(); // only the last argument expands
      args.push(this.expression());
      this.skip();
      if (this.text.startsWith('...', this.at)) {
        this.at += 3;
        expanded = true;
        this.skip();
      }
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ')') throw new NotEvaluable();
    }
  }

  /**
   * `try(a, b…)` and `can(a)`. An argument Terraform cannot compute is an error that `try` passes
   * over, but one this module does not evaluate may not be: only a first argument wholly known
   * decides (`try` gives it, `can` true); otherwise the value is unknown.
   */
  private attempt(name: 'try' | 'can'): unknown {
    this.at++; // (
    // The first argument Terraform does not refuse: its value, `UNKNOWN`, or undefined while each so far was refused.
    let result: unknown;
    let decided = false;
    let count = 0;
    for (;;) {
      this.skip();
      if (this.peek() === ')') break;
      const [at, depth, reads] = [this.at, this.depth, sensitiveReads];
      try {
        const value = this.expression();
        if (!decided) [result, decided] = [value, true];
        else sensitiveReads = reads; // an argument after the one taken is not the result
      } catch (error) {
        if (!(error instanceof NotEvaluable)) throw error;
        sensitiveReads = reads; // nor is one refused
        // Read past the argument; unless Terraform surely refuses it, its value is not known. Terraform makes
        // `try` unknown for an argument that reads a value not known, before it evaluates it (HCL's tryfunc).
        if (!decided && (!(error instanceof Refused) || this.readsUnknown(at, depth))) [result, decided] = [UNKNOWN, true];
        [this.at, this.depth] = [at, depth];
        this.skipArgument();
      }
      count++;
      this.skip();
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ')') throw new NotEvaluable();
    }
    this.at++; // )
    if (count === 0 || (name === 'can' && count !== 1)) throw new NotEvaluable();
    if (name === 'can') return decided ? (isWhollyKnown(result) ? true : UNKNOWN) : false;
    if (!decided) throw new Refused(); // every argument refused: so is try
    return isWhollyKnown(result) && !(this.symbolic && typeof result === 'string' && result.includes(OPAQUE)) ? result : UNKNOWN;
  }

  /** Whether the argument at `at` reads a value not known at all, read through with its errors dropped. */
  private readsUnknown(at: number, depth: number): boolean {
    const reads = unknownReads;
    [this.at, this.depth] = [at, depth];
    discarding++;
    try {
      this.expression();
    } catch (error) {
      if (!(error instanceof NotEvaluable)) throw error;
    } finally {
      discarding--;
    }
    return unknownReads > reads;
  }

  /**
   * `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value if cond}` (`value...`
   * groups values by key). The body is read once with its symbols unknown (where it ends, that it
   * reads), then again for each element of a known collection. A collection not known makes the
   * result unknown, unless the condition is false whatever the element; a condition or a key not
   * known does too; an unknown value stays in its place.
   */
  private forExpression(open: string): unknown {
    this.at++; // [ or {
    const names = this.forSymbols();
    const reads = sensitiveReads;
    const collection = this.symbolicInstances() ?? this.expression();
    // Over a sensitive collection, the result is sensitive whole (its keys and indexes too).
    const sensitiveCollection = sensitiveReads > reads;
    this.expect(':');
    const body = this.at;
    const object = open === '{';
    const [readsBefore, refusedBefore] = [sensitiveReads, refusedReads];
    // Read again for each element: only those reads count (terraform reads the body of none for no element).
    refusedReads = undefined;
    let unbound: ReturnType<Parser['forBody']>;
    try {
      unbound = this.forElement(body, object, names, UNKNOWN, UNKNOWN);
    } finally {
      [sensitiveReads, refusedReads] = [readsBefore, refusedBefore];
    }
    this.at = unbound.end;
    this.expect(object ? '}' : ']');
    const elements = { sensitive: false };
    const value = this.computed(() => this.forElements(collection, unbound, body, object, names, elements));
    if (sensitiveCollection || elements.sensitive) noteSensitive(value);
    return value;
  }

  /** A `for` expression's symbols, from its `for` to past its `in`: its value's, or its key's and value's. */
  private forSymbols(): string[] {
    this.skip();
    this.at += 3; // for
    this.skip();
    const symbols = [this.identifier()];
    this.skip();
    if (this.peek() === ',') {
      this.at++;
      this.skip();
      symbols.push(this.identifier());
      this.skip();
    }
    if (symbols.includes(undefined) || this.identifier() !== 'in') throw new NotEvaluable();
    return symbols as string[];
  }

  /**
   * A `for` expression's value once its text is read: its body read for each element of `collection`;
   * `read.sensitive` set when an element's key or condition is read from a sensitive value.
   */
  private forElements(collection: unknown, unbound: ReturnType<Parser['forBody']>, body: number, object: boolean, names: string[], read: { sensitive: boolean }): unknown {
    const elements = iterated(collection, names.length === 2);
    // A condition false whatever the element (`if var.create && …` with `var.create` false) keeps none.
    if (elements === UNKNOWN) return unbound.condition !== undefined && asBool(unbound.condition, this.symbolic) === false ? (object ? record() : []) : UNKNOWN;
    const items: unknown[] = [];
    const out = record();
    const kept = new Map<string, EachInstance>();
    for (const [key, value] of elements) {
      if (--forWorkLeft < 0) throw new NotEvaluable();
      const element = this.forElement(body, object, names, key, value, unbound.condition !== undefined, blockInstanceAt(collection, key));
      // A key or a condition read from a sensitive value makes the whole result sensitive, as Terraform marks it.
      if (element.sensitive) read.sensitive = true;
      if (element.condition !== undefined) {
        const keep = asBool(element.condition, this.symbolic);
        if (keep === UNKNOWN) return UNKNOWN;
        if (!keep) continue;
      }
      if (!object) {
        items.push(element.value);
        continue;
      }
      if (element.key === null) throw new NotEvaluable(); // Terraform refuses a null key
      const name = unread(element.key, this.symbolic) ? undefined : primitiveText(element.key);
      if (name === undefined) return UNKNOWN;
      if (element.group) ((out[name] ??= []) as unknown[]).push(element.value);
      else if (Object.prototype.hasOwnProperty.call(out, name)) throw new NotEvaluable(); // a repeated key: refused
      else out[name] = element.value;
      if (!element.group && element.held !== undefined) kept.set(name, element.held);
    }
    if (object && kept.size > 0) KEPT_INSTANCES.set(out, kept);
    return object ? out : items;
  }

  /** One element's body: a refused value may be one its condition leaves out, which Terraform does not read. */
  private forElement(...args: Parameters<Parser['forBody']>): ReturnType<Parser['forBody']> {
    try {
      return this.forBody(...args);
    } catch (error) {
      if (error instanceof Refused) throw new NotEvaluable();
      throw error;
    }
  }

  /** A `for` expression's body from `start`, read with its symbols bound to `key` and `value`. */
  private forBody(
    start: number,
    object: boolean,
    names: readonly string[],
    key: unknown,
    value: unknown,
    conditional = false,
    instance?: BlockInstance,
    first = false,
  ): { key: unknown; value: unknown; valueAt: number; group: boolean; condition: unknown; end: number; sensitive: boolean; held?: EachInstance } {
    if (conditional) {
      // Terraform reads an element's condition first: the key and value of one it leaves out are never read.
      discarding++;
      const reads = sensitiveReads;
      let read: ReturnType<Parser['forBody']>;
      try {
        read = this.forBody(start, object, names, key, value, false, instance, true);
      } finally {
        discarding--;
      }
      // Of this first reading only the condition counts: the key and value are read again if it keeps them.
      sensitiveReads = read.sensitive ? reads + 1 : reads;
      if (read.condition !== undefined && asBool(read.condition, this.symbolic) === false) return { ...read, key: undefined, value: undefined };
    }
    const parser = new Parser(this.text, elementScope(this.scope, names, key, value, instance), this.nesting);
    parser.at = start;
    parser.depth = this.depth;
    let elementKey: unknown;
    let sensitive = false;
    if (object) {
      const reads = sensitiveReads;
      elementKey = parser.expression();
      sensitive = sensitiveReads > reads;
      parser.skip();
      if (parser.peek() !== '=' || parser.peek(1) !== '>') throw new NotEvaluable();
      parser.at += 2;
    }
    const valueAt = parser.at;
    const elementValue = parser.expression();
    // The element is the instance the value symbol is bound to, or an attribute of it (`KEPT_INSTANCES`).
    const held = heldInstance(parser.text.slice(valueAt, parser.at), names[names.length - 1], instance, (block, symbol) =>
      this.indexedInstance(block, names.length === 2 && symbol === names[0] ? key : symbol === names[names.length - 1] ? value : undefined),
    );
    parser.skip();
    const group = object && parser.text.startsWith('...', parser.at);
    if (group) parser.at += 3;
    parser.skip();
    let condition: unknown;
    if (/^if(?![A-Za-z0-9_-])/.test(parser.text.slice(parser.at, parser.at + 3))) {
      parser.at += 2;
      const reads = sensitiveReads;
      // The condition is what Terraform evaluates of every element, before it leaves it out (`evaluatedDiscards`).
      if (first) evaluatedDiscards++;
      try {
        condition = parser.expression();
      } finally {
        if (first) evaluatedDiscards--;
      }
      sensitive ||= sensitiveReads > reads;
    }
    return { key: elementKey, value: elementValue, valueAt, group, condition, end: parser.at, sensitive, ...(held ? { held } : {}) };
  }

  /** The instance of `block` whose key is `index` (a symbol's value: `aws_s3_bucket.m[k]`); undefined where it is none of the block's keys. */
  private indexedInstance(block: string, index: unknown): BlockInstance | undefined {
    const keys = NOT_A_BLOCK.test(block) ? undefined : this.scope.instanceKeys?.(block);
    return (typeof index === 'string' || typeof index === 'number') && keys !== undefined && elementSet(keys).has(index) ? { block, key: index } : undefined;
  }

  /**
   * Inside a `for`, the instance (or its attribute) a value written from `start` to `end` is (`heldInstance`):
   * `b` or `b.id` where `b` is bound to an instance, `aws_s3_bucket.m[k]` where `k` is bound to one's key.
   */
  private heldIn(start: number, end: number): EachInstance | undefined {
    const { bound, instances } = this.scope;
    if (bound === undefined || bound.size === 0) return undefined;
    const text = this.text.slice(start, end);
    const indexed = (block: string, symbol: string) => this.indexedInstance(block, bound.get(symbol));
    for (const [name, instance] of instances ?? []) {
      const held = heldInstance(text, name, instance, indexed);
      if (held !== undefined) return held;
    }
    return heldInstance(text, '', undefined, indexed);
  }

  /** Read past one argument: up to the `,` or `)` that ends it. A heredoc is not read past. */
  private skipArgument(): void {
    for (;;) {
      this.skip();
      const c = this.peek();
      if (c === ',' || c === ')') return;
      if (c === '' || (c === '<' && this.peek(1) === '<')) throw new NotEvaluable();
      if (c === '(' || c === '[' || c === '{') this.at = matchingBrace(this.text, this.at, this.nesting + this.depth) + 1;
      else if (c === '"') this.at = closingQuote(this.text, this.at, this.nesting + this.depth) + 1;
      else this.at++;
    }
  }

  /** A tuple constructor's items (each as `read` reads it), read past. */
  private items<T = unknown>(read: () => T = () => this.expression() as T): T[] {
    this.at++; // [
    const out: T[] = [];
    for (;;) {
      this.skip();
      if (this.peek() === ']') {
        this.at++;
        return out;
      }
      out.push(read());
      this.skip();
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ']') throw new NotEvaluable();
    }
  }

  /**
   * An object constructor; a key known only later (`(var.k) = …`) makes the whole object unknown.
   * Inside a `for` over a block's instances, the instance a value is (`{ (k) = b.id }`) is kept under
   * its key (`KEPT_INSTANCES`), as a `for` keeps it (`merge([for k, b in aws_s3_bucket.m : { (k) = b }]...)`).
   */
  private object(): unknown {
    const out = record();
    let keysKnown = true;
    const kept = new Map<string, EachInstance>();
    for (const [key, { value, start, end }] of this.fields(() => this.spanned())) {
      if (typeof key !== 'string') {
        keysKnown = false;
        continue;
      }
      out[key] = value;
      const held = this.heldIn(start, end);
      if (held !== undefined) kept.set(key, held);
    }
    if (keysKnown && kept.size > 0) KEPT_INSTANCES.set(out, kept);
    return keysKnown ? out : UNKNOWN;
  }

  /** The next expression's value, with where its text starts and ends (`object`: the text `heldIn` reads). */
  private spanned(): { value: unknown; start: number; end: number } {
    const start = this.at;
    const value = this.expression();
    return { value, start, end: this.at };
  }

  /** An object constructor's keys and values (each value as `read` reads it), as written, read past. */
  private fields<T = unknown>(read: () => T = () => this.expression() as T): [unknown, T][] {
    this.at++; // {
    const fields: [unknown, T][] = [];
    for (;;) {
      this.skip();
      if (this.peek() === '}') {
        this.at++;
        return fields;
      }
      const key = this.peek() === '"' ? this.quoted() : this.peek() === '(' ? this.operand() : this.identifier();
      if (key === undefined) throw new NotEvaluable();
      this.skip();
      const separator = this.peek();
      if ((separator !== '=' && separator !== ':') || this.peek(1) === '=') throw new NotEvaluable();
      this.at++;
      fields.push([key, read()]);
      this.skip();
      if (this.peek() === ',') this.at++;
    }
  }

  /**
   * The whole text as a map expression, read for the values it writes (`writtenEntries`): an object
   * constructor's entries, whatever their keys; the result of a call `FOLLOWED_CALLS` reads (`merge(…)`,
   * `zipmap(…)`, `values(…)`…); both sides' of a conditional; a `for`'s values; a local's, a module variable's,
   * a called module's output's or `each.value`'s, by `follow`; the map at steps into any of those
   * (`local.m["a"]`, `merge(…)["a"]`); those of any other expression's value where that is a map whose keys are known.
   */
  writtenEntries(follow: Follow): WrittenEntry[] {
    const entries = this.entriesOf(follow);
    this.skip();
    if (this.at !== this.text.length) throw new NotEvaluable();
    return entries;
  }

  /** The whole text as a map, read for the entries it holds whatever its parts known only after apply (`heldEntries`). */
  heldWhole(): Record<string, unknown> {
    const held = this.held();
    this.skip();
    if (this.at !== this.text.length) throw new NotEvaluable();
    return held;
  }

  /**
   * The entries the map expression here holds whatever its parts known only after apply, read past: of a call of
   * `merge`, `mergeHeld`'s; of a local (`local.tags`, nothing done to it after), its code's; in parentheses, the inner
   * expression's; of any other expression, none. `NotEvaluable` where it cannot be read.
   */
  private held(): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) throw new NotEvaluable();
    this.skip();
    const start = this.at;
    let held: Record<string, unknown> | undefined;
    if (this.peek() === '(') {
      this.at++;
      held = this.held();
      this.expect(')');
    } else {
      const name = this.identifier();
      this.skip();
      if (name === 'merge' && this.peek() === '(') held = this.mergeHeld();
      else if (name === 'local' && this.peek() === '.') {
        this.at++;
        const local = this.identifier();
        held = local === undefined ? undefined : this.scope.heldLocal?.(local);
      }
    }
    this.skip();
    // Something done to the map afterwards (`merge(…)["a"]`, `local.tags == {}`) makes another value, which holds none.
    if (held === undefined || !/^[,)]?$/.test(this.peek())) {
      this.at = start;
      this.expression();
      held = record();
    }
    this.depth--;
    return held;
  }

  /**
   * `merge(…)` from its bracket, read past: the entries of its arguments after the last one not known (a later argument
   * replaces what an earlier one holds at its keys; one not known may hold any key), with those that one holds for
   * certain (`held`), in order. `NotEvaluable` for an expanded list (`merge(local.maps...)`) and for an argument
   * Terraform refuses (not a map).
   */
  private mergeHeld(): Record<string, unknown> {
    this.at++; // (
    let held = record();
    for (;;) {
      this.skip();
      if (this.peek() === ')') {
        this.at++;
        return held;
      }
      const start = this.at;
      const value = this.expression();
      this.skip();
      if (this.text.startsWith('...', this.at)) throw new NotEvaluable();
      if (value === UNKNOWN) {
        this.at = start;
        held = Object.assign(record(), this.held());
      } else if (isRecord(value)) Object.assign(held, value);
      else if (value !== null) throw new NotEvaluable();
      this.skip();
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ')') throw new NotEvaluable();
    }
  }

  /** The whole text as a value, read for what its code writes and the maps known only after apply whole within it (`written`). */
  writtenWhole(follow: Follow): Written {
    const value = this.written(follow);
    this.skip();
    if (this.at !== this.text.length) throw new NotEvaluable();
    return value;
  }

  private entriesOf(follow: Follow): WrittenEntry[] {
    if (++this.depth > MAX_DEPTH) throw new NotEvaluable();
    this.skip();
    const start = this.at;
    const conditional = this.conditionalEntries(follow);
    if (conditional !== undefined) {
      this.depth--;
      return conditional;
    }
    let entries: readonly WrittenEntry[] | undefined;
    if (this.peek() === '(') {
      this.at++;
      entries = this.entriesOf(follow);
      this.expect(')');
    } else if ((this.peek() === '{' || this.peek() === '[') && FOR_AHEAD.test(this.text.slice(this.at + 1, this.at + 64))) entries = entriesOfWritten(this.stepsInto(this.forWritten(follow)));
    else if (this.peek() === '{') entries = this.objectEntries(follow);
    else {
      const name = this.identifier();
      this.skip();
      if (name !== undefined && this.peek() === '(' && Object.hasOwn(FOLLOWED_CALLS, name)) entries = entriesOfWritten(this.stepsInto(this.called(name, follow)));
      else if (name !== undefined && FOLLOWED.has(name) && this.peek() === '.') {
        const followed = this.followed(name as Followed, follow);
        if (followed !== undefined) entries = entriesOfWritten(followed);
      }
    }
    // Followed only where nothing is done to the map afterwards (`{ … }.a`, `local.tags == {}` are other values);
    // a conditional's true side ends at its `:`.
    this.skip();
    if (entries === undefined || !/^[,):]?$/.test(this.peek())) {
      this.at = start;
      const value = this.expression();
      // A value not known: the literal text of the templates written in it (`"${var.p}-AKIA…"`, `upper("${var.p}-AKIA…")`).
      entries = isRecord(value) ? Object.entries(value).map(([key, item]) => ({ key, value: item })) : value === UNKNOWN ? templateEntries(literalTextIn(this.text, start, this.at)) : [];
    }
    this.depth--;
    return knownEntries(entries);
  }

  /**
   * `local.<name>`, `var.<name>`, `module.<call>.<output>` (of an instance: `module.<call>[0].<output>`,
   * `module.<call>["a"].<output>`, a key not known read as any instance's) or `each.value` (`kind`) from its `.`, by
   * `follow`, and the steps taken into it (`local.m["a"].b`; a step not known is none). Undefined for a module call
   * not followed to an output (`module.m`, `module.m[*].out`) and for `each.key`.
   */
  private followed(kind: Followed, follow: Follow): Written | undefined {
    this.at++; // .
    let name = this.identifier();
    if (name === undefined) throw new NotEvaluable();
    let key: InstanceKey | undefined;
    if (kind === 'each' && name !== 'value') return undefined;
    if (kind === 'module') {
      if (this.peek() === '[' && this.peek(1) !== '*') {
        this.at++;
        const at = this.expression();
        this.expect(']');
        key = typeof at === 'string' || typeof at === 'number' ? at : UNKNOWN;
      }
      if (this.peek() !== '.') return undefined;
      this.at++;
      const output = this.identifier();
      if (output === undefined) return undefined;
      name = `${name}.${output}`;
    }
    return this.stepsInto(follow(kind, name, key));
  }

  /** `value` and the steps taken into it from here (`["a"].b`; a step not known is none), read past; a splat (`[*]`) ends them. */
  private stepsInto(written: Written): Written {
    let value = written;
    for (;;) {
      const next = ATTRIBUTE_STEP_AT.exec(this.text.slice(this.at, this.at + 256));
      if (next !== null) {
        this.at += next[0].length;
        value = stepWritten(value, next[1] ?? next[2]);
        continue;
      }
      if (this.peek() !== '[' || this.peek(1) === '*') return value;
      this.at++;
      const key = this.expression();
      this.expect(']');
      value = typeof key === 'string' || typeof key === 'number' ? stepWritten(value, key) : { value: UNKNOWN, within: [] };
    }
  }

  /**
   * What the code writes of a value, with the maps known only after apply whole within it, each at its
   * path (`{ outer = { "${var.p}_ID" = "…" } }`, `[{ dockerLabels = { … } }]`): an object constructor or a
   * tuple read part by part, a local, a module variable or a called module's output by `follow`; any other
   * expression evaluated, and where its value is
   * not known read for the entries it writes (`entriesOf`).
   */
  private written(follow: Follow): Written {
    this.skip();
    const start = this.at;
    const depth = this.depth;
    const c = this.peek();
    const bracket = c === '{' || c === '[';
    const literal = bracket && !FOR_AHEAD.test(this.text.slice(this.at + 1, this.at + 64));
    const kind = bracket ? undefined : FOLLOWED_AT.exec(this.text.slice(this.at, this.at + 8))?.[1];
    if (bracket || kind !== undefined) {
      let value: Written | undefined;
      if (bracket && !literal) {
        try {
          value = this.stepsInto(this.forWritten(follow));
        } catch (error) {
          if (!(error instanceof NotEvaluable)) throw error;
        }
      } else if (c === '{') value = writtenObject(this.fields(() => this.written(follow)));
      else if (c === '[') value = writtenTuple(this.items(() => this.written(follow)));
      else {
        this.at += (kind as string).length; // local, var, module, each
        value = this.followed(kind as Followed, follow);
      }
      this.skip();
      if (value !== undefined && !CONTINUES.test(this.text.slice(this.at, this.at + 3))) return value;
      [this.at, this.depth] = [start, depth];
    }
    const value = this.expression();
    if (isWhollyKnown(value)) return { value, within: [] };
    const end = this.at;
    this.at = start;
    // The result of a call read as written, and steps into it (`values(local.m)[0]`): whole where it knows what the
    // value does, else for its entries (read once: a chain of calls read twice at each step would double).
    const called = this.calledAt(follow);
    [this.at, this.depth] = [end, depth];
    if (called !== undefined && (value === UNKNOWN || called.value !== UNKNOWN)) return called;
    let entries: WrittenEntry[] = [];
    if (called !== undefined) entries = knownEntries(entriesOfWritten(called));
    else {
      this.at = start;
      try {
        entries = this.entriesOf(follow);
      } catch (error) {
        if (!(error instanceof NotEvaluable)) throw error;
      }
      [this.at, this.depth] = [end, depth];
    }
    if (value === UNKNOWN) return { value, within: entries.length > 0 ? [{ at: [], entries }] : [] };
    // Known in part, its keys known: the maps within the parts not known.
    return { value, within: entries.flatMap(({ key, within }) => (key === undefined ? [] : below(key, within ?? []))) };
  }

  /**
   * A conditional's entries, both sides' in order, whatever its condition (`var.flag ? { … } : {}`):
   * the code holds the values of each, whichever is chosen. None where the text here is not a
   * conditional, and nothing read then.
   */
  private conditionalEntries(follow: Follow): WrittenEntry[] | undefined {
    const start = this.at;
    if (!this.text.includes('?', start)) return undefined;
    // The condition is skipped as written, not evaluated: only where it ends counts.
    for (;;) {
      this.skip();
      const c = this.peek();
      if (c === '?') break;
      if (c === '' || c === ',' || c === ')' || c === ']' || c === '}' || c === ':' || (c === '<' && this.peek(1) === '<')) {
        this.at = start;
        return undefined;
      }
      if (c === '(' || c === '[' || c === '{') this.at = matchingBrace(this.text, this.at, this.nesting + this.depth) + 1;
      else if (c === '"') this.at = closingQuote(this.text, this.at, this.nesting + this.depth) + 1;
      else this.at++;
    }
    this.at++;
    const whenTrue = this.entriesOf(follow);
    this.expect(':');
    return [...whenTrue, ...this.entriesOf(follow)];
  }

  /**
   * The result of a call `FOLLOWED_CALLS` reads at the text here (`zipmap([…], […])`) as written, with the steps taken
   * into it (`merge(…)["a"]`), where nothing else is done to it; undefined for another expression, and nothing read then.
   */
  private calledAt(follow: Follow): Written | undefined {
    const call = CALL_AT.exec(this.text.slice(this.at, this.at + 64));
    if (call === null || !Object.hasOwn(FOLLOWED_CALLS, call[1])) return undefined;
    const [at, depth] = [this.at, this.depth];
    try {
      this.at += call[0].length - 1;
      const value = this.stepsInto(this.called(call[1], follow));
      this.skip();
      if (!CONTINUES.test(this.text.slice(this.at, this.at + 3))) return value;
    } catch (error) {
      if (!(error instanceof NotEvaluable)) throw error;
    }
    [this.at, this.depth] = [at, depth];
    return undefined;
  }

  /** The result of a call of `name` (one of `FOLLOWED_CALLS`) from its bracket, read past: what `FOLLOWED_CALLS` makes of its arguments as written. */
  private called(name: string, follow: Follow): Written {
    if (++this.depth > MAX_DEPTH) throw new NotEvaluable();
    const result = FOLLOWED_CALLS[name](this.callArguments(follow));
    this.depth--;
    return result;
  }

  /** A call's arguments from its bracket, read past, each as written (`written`); one Terraform refuses (`try(local.m.missing, { … })`) as none. */
  private callArguments(follow: Follow): Argument[] {
    this.at++; // (
    const args: Argument[] = [];
    for (;;) {
      this.skip();
      if (this.peek() === ')') break;
      const [at, depth] = [this.at, this.depth];
      let written: Written | undefined;
      try {
        written = this.written(follow);
      } catch (error) {
        if (!(error instanceof NotEvaluable)) throw error;
        [this.at, this.depth] = [at, depth];
        this.skipArgument();
      }
      this.skip();
      const expanded = this.text.startsWith('...', this.at);
      if (expanded) this.at += 3;
      args.push({ written, expanded });
      this.skip();
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ')') throw new NotEvaluable();
    }
    this.at++; // )
    return args;
  }

  /**
   * A `for` from its bracket, read past (`[for k in var.names : { "${k}_ID" = "AKIA…" }]`, `{ for k, v in var.m : k =>
   * { "${v}_KEY" = "AKIA…" } }`, `{ for k in var.names : "${k}_ID" => "AKIA…" }`): its value read for each element of a
   * collection the code fixes, or once with its symbols not known; an element its condition leaves out gives none.
   * Each element's value is read as written (`written`: the maps known only after apply whole within it, a template's
   * literal text), at its index or key where the result holds it, else as an entry no key names (any element may be
   * it) or under its key where that is known. A value the element makes is its own (`v` of `var.m` is not known).
   */
  private forWritten(follow: Follow): Written {
    const object = this.peek() === '{';
    this.at++; // { or [
    const names = this.forSymbols();
    const collection = this.written(follow).value;
    this.expect(':');
    const body = this.at;
    const unbound = this.forElement(body, object, names, UNKNOWN, UNKNOWN);
    this.at = unbound.end;
    this.expect(object ? '}' : ']');
    const elements = iterated(collection, names.length === 2);
    let whole = elements !== UNKNOWN;
    const read = (elements === UNKNOWN ? [[UNKNOWN, UNKNOWN] as const] : elements).flatMap(([key, value]) => {
      if (elements !== UNKNOWN && --forWorkLeft < 0) throw new NotEvaluable();
      const element = elements === UNKNOWN ? unbound : this.forElement(body, object, names, key, value, unbound.condition !== undefined);
      const kept = element.condition === undefined ? true : asBool(element.condition, this.symbolic);
      if (kept === false) return [];
      const name = object && !element.group && !unread(element.key, this.symbolic) ? primitiveText(element.key) : undefined;
      whole &&= kept === true && (!object || name !== undefined);
      const parser = new Parser(this.text, elementScope(this.scope, names, key, value), this.nesting);
      [parser.at, parser.depth] = [element.valueAt, this.depth];
      return [{ name, written: parser.written(follow) }];
    });
    // Known whole: a list of its elements' values, a map of its keys' (a repeated key is refused, as Terraform does).
    if (whole && !object) return writtenTuple(read.map(({ written }) => written));
    if (whole && new Set(read.map(({ name }) => name)).size === read.length) return writtenObject(read.map(({ name, written }) => [name, written]));
    if (whole) throw new NotEvaluable();
    // A template's literal text is a part of the value only: no key names it, so its shape alone counts (`"DB_PASSWORD" => "${k}-x"`).
    const entries = knownEntries(read.flatMap(({ name, written }) => templateTextOf(written) ?? [writtenEntry(name, written)]));
    return { value: UNKNOWN, within: entries.length > 0 ? [{ at: [], entries }] : [] };
  }

  /** An object constructor's entries, each with its key where that is known (`object`, which gives none where one is not), and the maps within its values. */
  private objectEntries(follow: Follow): WrittenEntry[] {
    return this.fields(() => this.written(follow)).map(([key, value]) => writtenEntry(key === UNKNOWN ? undefined : primitiveText(key), value));
  }

  /**
   * A number literal. Terraform's numbers are exact decimals, written in full (`1e21` as
   * `1000000000000000000000`): a double holds one exactly, and JavaScript writes it as Terraform
   * does, only up to 15 significant digits and where it needs no exponent. Anything else is not
   * evaluated.
   */
  private number(): number {
    const match = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 64));
    const value = match ? decimalNumber(match[0]) : undefined;
    if (value === undefined) throw new NotEvaluable();
    this.at += (match as RegExpExecArray)[0].length;
    return value;
  }

  /** A quoted template of the expression's text: escapes undone, interpolations evaluated. */
  private quoted(): unknown {
    const { value, end } = template(this.text, this.at + 1, true, this.scope, this.nesting + this.depth);
    this.at = end;
    return value;
  }

  /**
   * A heredoc written inside an expression (`trimspace(<<-EOT … EOT)`): its lines up to the one that
   * holds only its marker, as a template read a line at a time; `<<-` takes off the indentation its
   * lines share (blank lines aside), as HCL does.
   */
  private heredoc(): unknown {
    const { body, end } = heredocAt(this.text, this.at);
    this.at = end;
    return template(body, 0, false, this.scope, this.nesting + this.depth + 1).value;
  }
}

/**
 * The heredoc at `at` of an expression's text (`<<-EOT … EOT`): its body, its lines up to the one that holds only
 * its marker (`<<-` takes off the indentation they share, blank lines aside, as HCL does), and where it ends: the
 * marker's line, whose newline is the expression's.
 */
function heredocAt(text: string, at: number): { body: string; end: number } {
  const head = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(text.slice(at, at + 256));
  if (head === null) throw new NotEvaluable();
  const start = at + head[0].length;
  const close = new RegExp(`^[ \\t]*${head[2]}[ \\t]*(?:\\r?\\n|$)`, 'gm');
  close.lastIndex = start;
  let found = close.exec(text);
  while (found !== null && found.index > 0 && text[found.index - 1] !== '\n') found = close.exec(text);
  if (found === null) throw new NotEvaluable();
  let body = text.slice(start, found.index);
  if (head[1] === '-') {
    // HCL takes a strip marker's whitespace off before it measures the indentation (measured: a line a `%{~`
    // stripped counts as not indented): not followed.
    if (/[$%]\{~|~\}/.test(body)) throw new NotEvaluable();
    const lines = body.split('\n');
    const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
    const indent = indents.length > 0 ? Math.min(...indents) : 0;
    // A line of whitespace alone keeps it (measured with terraform console).
    body = lines.map((line) => (line.trim() === '' ? line : line.slice(indent))).join('\n');
  }
  return { body, end: found.index + found[0].replace(/\r?\n$/, '').length };
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** A template's parts: literal text, or the value of an interpolation or a directive. */
type Part = string | { readonly value: unknown };

/**
 * The number a decimal numeral (`1.0`, `2.5e3`, `-7`) is, where a double holds what Terraform's arbitrary precision
 * does: at most 15 significant digits, written and as the double prints back (0.1000000000000000055511151231257827
 * reads as the double 0.1), no exponent in its print, not -0 (Terraform's zero has no sign); undefined otherwise.
 */
function decimalNumber(text: string): number | undefined {
  const value = Number(text);
  const written = String(value);
  const digits = text.replace(/^[+-]/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (!Number.isFinite(value) || Object.is(value, -0) || /e/i.test(written) || written.replace(/^-?0*\.?0*/, '').replace('.', '').length > 15 || digits.length > 15) return undefined;
  return value;
}

/** `${ expr }`'s value (strip markers taken off). */
function interpolation(inner: string, scope: EvalScope, nesting: number): unknown {
  if (nesting > MAX_DEPTH) throw new NotEvaluable();
  return new Parser(inner, scope, nesting).all();
}

/**
 * A template's value: a lone interpolation keeps its type; otherwise the parts' text, joined. In a
 * symbolic evaluation an unknown part is `OPAQUE` text: the rest of the string stays readable. Text
 * written from a sensitive value, or chosen or repeated by one (a directive's condition or
 * collection), is sensitive: noted when a sensitive value was read since `reads` (`sensitiveReads`).
 */
function joinParts(parts: readonly Part[], symbolic: boolean, directives: boolean, reads: number): unknown {
  const pieces = parts.filter((p) => p !== '');
  if (pieces.length === 1 && typeof pieces[0] !== 'string' && !directives) return pieces[0].value;
  let out = '';
  let unknown = false;
  for (const piece of pieces) {
    if (typeof piece === 'string') out += piece;
    else if (piece.value === UNKNOWN) {
      if (symbolic) out += OPAQUE;
      else unknown = true;
    } else out += templateText(piece.value);
  }
  return unknown ? UNKNOWN : derived(nfc(boundedText(out)), reads);
}

/** Text as Terraform holds every string (cty normalizes to NFC): a template's pieces or a function's result may compose. */
const nfc = (text: string): string => (/[^\x00-\x7f]/.test(text) ? text.normalize('NFC') : text);

/**
 * A function's result as Terraform holds it: text it builds (`join`, `format`, `replace`) in NFC. A
 * collection's strings are its arguments' (NFC already), but `jsondecode`'s (`deepNfc`).
 */
const nfcText = (value: unknown): unknown => (typeof value === 'string' ? nfc(boundedText(value)) : value);

/**
 * Text longer than any configuration writes (4 Mi characters) is not followed: doubling a local in a
 * chain of locals would build text of hundreds of megabytes, past what JavaScript holds.
 */
const MAX_TEXT = 1 << 22;

function boundedText(text: string): string {
  if (text.length > MAX_TEXT) throw new NotEvaluable();
  return text;
}

/** `value` with every string in NFC, keys too (what `jsondecode` makes of `\u` escapes). */
function deepNfc(value: unknown): unknown {
  if (typeof value === 'string') return nfc(value);
  if (Array.isArray(value)) {
    const items = value.map(deepNfc);
    if (items.every((item, i) => item === value[i])) return value;
    if (SETS.has(value)) SETS.add(items);
    return items;
  }
  if (!isRecord(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const normal = deepNfc(item);
    if (normal !== item || nfc(key) !== key) {
      out ??= Object.assign(record(), value);
      if (nfc(key) !== key) delete out[key];
      out[nfc(key)] = normal;
    }
  }
  return out ?? value;
}

/** A key as the other key type, as Terraform converts an index: a whole number names a map's key ("0"), a string of digits a list's index. */
export const otherKeyType = (key: number | string): number | string | undefined =>
  typeof key === 'number' ? (Number.isSafeInteger(key) ? String(key) : undefined) : /^(?:0|[1-9][0-9]{0,8})$/.test(key) ? Number(key) : undefined;

/**
 * `value.key` / `value[key]`. A missing key (or a step into null or a primitive) is an error in Terraform: `Refused` where the code made
 * the value (`certain`), since a plan's value read symbolically may leave out what Terraform has.
 */
function step(value: unknown, key: unknown, certain: boolean): unknown {
  if (value === UNKNOWN) return UNKNOWN;
  // Terraform converts the key to the collection's.
  const converted = (isRecord(value) && typeof key === 'number') || (Array.isArray(value) && typeof key === 'string') ? otherKeyType(key) : undefined;
  if (converted !== undefined) return step(value, converted, certain);
  // A set's elements have no index: Terraform refuses `toset(…)[0]`.
  if (isSet(value)) throw certain ? new Refused() : new NotEvaluable();
  if (Array.isArray(value) && typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < value.length) return value[key];
  if (isRecord(value) && typeof key === 'string' && Object.prototype.hasOwnProperty.call(value, key)) return value[key];
  const missing = value === null || typeof value !== 'object' || (Array.isArray(value) && typeof key === 'number' && Number.isInteger(key)) || (isRecord(value) && typeof key === 'string');
  throw missing && certain ? new MissingStep() : new NotEvaluable();
}

/** A template's pieces before evaluation: literal text, and `${…}` and `%{…}` with their strip markers (`~`) taken off. */
type Piece =
  | { readonly kind: 'text'; text: string }
  | { readonly kind: 'interpolation' | 'directive'; readonly inner: string; readonly stripBefore: boolean; readonly stripAfter: boolean };

/** Go's `unicode.IsSpace`, which HCL's strip markers take off the text beside them. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPACE_AT_START = new RegExp(`^[${GO_SPACE}]+`);
const SPACE_AT_END = new RegExp(`[${GO_SPACE}]+$`);

/**
 * A heredoc, a template file or a Terraform JSON string is scanned a line at a time (each line with
 * its newline): a strip marker takes the whitespace off the one line beside it. Measured with
 * `terraform console`: `templatefile` of `"A  \n  ${~ "x" ~}  \n  B\n"` is `"A  \nx  B\n"`, where the
 * same quoted string gives `"AxB\n"`.
 */
function stripLastLine(text: string): string {
  // The newline before the last line's own; a text that is one newline is its last line whole
  // (a negative `fromIndex` would find that newline at 0).
  const before = text.endsWith('\n') ? text.length - 2 : text.length - 1;
  const start = before < 0 ? 0 : text.lastIndexOf('\n', before) + 1;
  return text.slice(0, start) + text.slice(start).replace(SPACE_AT_END, '');
}

function stripFirstLine(text: string): string {
  const end = text.indexOf('\n') + 1 || text.length;
  return text.slice(0, end).replace(SPACE_AT_START, '') + text.slice(end);
}

/**
 * The pieces of a template from `start`. Quoted (a string inside an expression): up to its closing
 * quote, escapes undone and literal text in NFC, as HCL makes string literals. Otherwise (a string
 * of the configuration, whose literal text the loader already decoded): to the end of the text.
 * `$${` and `%%{` stand for a literal `${` and `%{`. A strip marker takes the whitespace off the
 * text beside it (a quoted string's, or one line of it: `stripLastLine`), as HCL does on the pieces
 * in the order written (into and out of directives).
 */
function templatePieces(text: string, start: number, quoted: boolean): { pieces: Piece[]; end: number } {
  const pieces: Piece[] = [];
  let literal = '';
  const flush = (): void => {
    pieces.push({ kind: 'text', text: quoted ? literal.normalize('NFC') : literal });
    literal = '';
  };
  const stripped = (): Piece[] => {
    pieces.forEach((piece, i) => {
      if (piece.kind === 'text') return;
      const [before, after] = [pieces[i - 1], pieces[i + 1]];
      if (piece.stripBefore && before?.kind === 'text') before.text = quoted ? before.text.replace(SPACE_AT_END, '') : stripLastLine(before.text);
      if (piece.stripAfter && after?.kind === 'text') after.text = quoted ? after.text.replace(SPACE_AT_START, '') : stripFirstLine(after.text);
    });
    return pieces;
  };
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"') {
      flush();
      return { pieces: stripped(), end: i + 1 };
    }
    if (quoted && c === '\n') throw new NotEvaluable();
    if (quoted && c === '\\') {
      const e = text[++i];
      if (e in ESCAPES) literal += ESCAPES[e];
      else if (e === 'u' || e === 'U') {
        const length = e === 'u' ? 4 : 8;
        const hex = text.slice(i + 1, i + 1 + length);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) throw new NotEvaluable();
        literal += String.fromCodePoint(Number.parseInt(hex, 16));
        i += length;
      } else throw new NotEvaluable();
    } else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      literal += `${c}{`;
      i += 2;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const end = matchingBrace(text, i + 1);
      if (text[end] !== '}') throw new NotEvaluable();
      flush();
      const inner = text.slice(i + 2, end);
      const stripBefore = inner.startsWith('~');
      const stripAfter = inner.length > (stripBefore ? 1 : 0) && inner.endsWith('~');
      pieces.push({ kind: c === '%' ? 'directive' : 'interpolation', inner: inner.slice(stripBefore ? 1 : 0, stripAfter ? -1 : undefined), stripBefore, stripAfter });
      i = end;
    } else literal += c;
  }
  if (quoted) throw new NotEvaluable(); // no closing quote
  flush();
  return { pieces: stripped(), end: text.length };
}

/** A directive's keyword and the rest of its text (`if var.x` -> `if`, ` var.x`). */
function directiveOf(piece: Piece): { keyword: string; rest: string } {
  const match = piece.kind === 'directive' ? /^\s*(if|else|endif|for|endfor)(?![\w-])([\s\S]*)$/.exec(piece.inner) : null;
  if (match === null) throw new NotEvaluable();
  return { keyword: match[1], rest: match[2] };
}

/** Where the sequence from `from` ends: the index of the directive (one of `ends`) that closes it at this level. */
function sequenceEnd(pieces: readonly Piece[], from: number, ends: readonly string[]): number {
  // The directives open around each piece, innermost last: a loop, not a recursion (a crafted template nests thousands).
  const open: string[] = [];
  for (let i = from; i < pieces.length; i++) {
    if (pieces[i].kind !== 'directive') continue;
    const { keyword } = directiveOf(pieces[i]);
    if (open.length === 0 && ends.includes(keyword)) return i;
    if (keyword === 'if' || keyword === 'for') {
      if (open.push(keyword) > MAX_DEPTH) throw new NotEvaluable();
    } else if (keyword === 'else' && open[open.length - 1] === 'if') open[open.length - 1] = 'else';
    else if (keyword === 'endif' && (open[open.length - 1] === 'if' || open[open.length - 1] === 'else')) open.pop();
    else if (keyword === 'endfor' && open[open.length - 1] === 'for') open.pop();
    else throw new NotEvaluable(); // an `else`, `endif` or `endfor` out of place: HCL refuses it
  }
  throw new NotEvaluable(); // not closed
}

/**
 * The parts of the pieces `[from, to)`: text, interpolations, and the directives' text: an `if` the
 * sequence its condition chooses (the other is not read: Terraform drops its errors), a `for` its
 * body for each element (bound as a `for` expression binds them). A condition or a collection not
 * known makes the directive's text unknown; in a symbolic evaluation, the whole value (it decides
 * which text around it is written), while a known one is read there too (a `templatefile` policy's
 * `%{ for }` over a list of actions, beside a bucket's ARN known only after apply).
 */
function evaluatePieces(pieces: readonly Piece[], from: number, to: number, scope: EvalScope, nesting: number): Part[] {
  const parts: Part[] = [];
  for (let i = from; i < to; i++) {
    const piece = pieces[i];
    if (piece.kind === 'text') {
      // Tokens come only from references: literal text that could pass for one is not evaluated.
      if (scope.reference && RESERVED.test(piece.text)) throw new NotEvaluable();
      parts.push(piece.text);
      continue;
    }
    if (piece.kind === 'interpolation') {
      parts.push({ value: interpolation(piece.inner, scope, nesting) });
      continue;
    }
    if (nesting > MAX_DEPTH) throw new NotEvaluable();
    // In a symbolic evaluation a directive whose condition or collection is not known decides text no one can read.
    const undecided = (): void => {
      if (scope.reference) throw new NotEvaluable();
      parts.push({ value: UNKNOWN });
    };
    const { keyword, rest } = directiveOf(piece);
    if (keyword === 'if') {
      const elseOrEnd = sequenceEnd(pieces, i + 1, ['else', 'endif']);
      const end = directiveOf(pieces[elseOrEnd]).keyword === 'else' ? sequenceEnd(pieces, elseOrEnd + 1, ['endif']) : elseOrEnd;
      const condition = asBool(new Parser(rest, scope, nesting).all(), scope.reference !== undefined);
      if (condition === UNKNOWN) undecided();
      else if (condition) parts.push(...evaluatePieces(pieces, i + 1, elseOrEnd, scope, nesting + 1));
      else if (elseOrEnd !== end) parts.push(...evaluatePieces(pieces, elseOrEnd + 1, end, scope, nesting + 1));
      i = end;
    } else if (keyword === 'for') {
      const end = sequenceEnd(pieces, i + 1, ['endfor']);
      const head = /^\s*([A-Za-z_][\w-]*)\s*(?:,\s*([A-Za-z_][\w-]*)\s*)?\sin\s([\s\S]*)$/.exec(rest);
      if (head === null) throw new NotEvaluable();
      const names = head[2] === undefined ? [head[1]] : [head[1], head[2]];
      const collection = new Parser(head[3], scope, nesting).all(true);
      const elements = iterated(collection, names.length === 2);
      if (elements === UNKNOWN) undecided();
      else {
        for (const [key, value] of elements) {
          if (--forWorkLeft < 0) throw new NotEvaluable();
          // Over a block's instances, the symbol is one instance, as in a `for` expression (`Parser.named`).
          parts.push(...evaluatePieces(pieces, i + 1, end, elementScope(scope, names, key, value, blockInstanceAt(collection, key)), nesting + 1));
        }
      }
      i = end;
    } else throw new NotEvaluable(); // an `else`, `endif` or `endfor` out of place: HCL refuses it
  }
  return parts;
}

/** The value of the template from `start` (see `templatePieces`), and where it ends. */
function template(text: string, start: number, quoted: boolean, scope: EvalScope, nesting: number): { value: unknown; end: number } {
  const { pieces, end } = templatePieces(text, start, quoted);
  const reads = sensitiveReads;
  const parts = evaluatePieces(pieces, 0, pieces.length, scope, nesting);
  return { value: joinParts(parts, scope.reference !== undefined, pieces.some((piece) => piece.kind === 'directive'), reads), end };
}

/**
 * A string of the configuration (Terraform JSON syntax: literal text with `${…}` interpolations,
 * `$${` for a literal `${`) as a partial; `UNKNOWN` when it cannot be evaluated.
 */
export function evaluateTemplate(text: string, scope: EvalScope, count = false): unknown {
  return evaluation(() => template(text, 0, false, scope, 0).value, UNKNOWN, count);
}

/** One evaluation (`evaluate`), within the work limits; `otherwise` where it cannot be evaluated. */
function evaluation<T>(evaluate: () => T, otherwise: T, count = false): T {
  if (evaluationsOpen++ === 0) [forWorkLeft, regexWorkLeft, countEvaluation] = [FOR_WORK, REGEX_WORK, count];
  // A local read from a discarded side is evaluated as itself: its errors are its own.
  const [outerDiscarding, outerEvaluated] = [discarding, evaluatedDiscards];
  [discarding, evaluatedDiscards] = [0, 0];
  // A local (or a module's output) evaluated while another value is read: what it reads is its own,
  // the value it gives counts where it is read (`readValue`).
  const outerReads = sensitiveReads;
  try {
    return evaluate();
  } catch (error) {
    // A RangeError is JavaScript's limit (text too long, a stack too deep): what Terraform computes there is not followed.
    if (error instanceof NotEvaluable || error instanceof RangeError) return otherwise;
    throw error;
  } finally {
    evaluationsOpen--;
    [discarding, evaluatedDiscards] = [outerDiscarding, outerEvaluated];
    sensitiveReads = outerReads;
  }
}

/** A configuration value (hcl2json or Terraform JSON: objects, arrays, template strings) as a partial. */
export function evaluateConfigValue(value: unknown, scope: EvalScope): unknown {
  if (typeof value === 'string') return evaluateTemplate(value, scope);
  if (Array.isArray(value)) return value.map((item) => evaluateConfigValue(item, scope));
  if (isRecord(value)) {
    const out = record();
    for (const [key, item] of Object.entries(value)) {
      const name = evaluateTemplate(key, scope);
      if (typeof name !== 'string') return UNKNOWN; // a key known only later: no key is known
      out[name] = evaluateConfigValue(item, scope);
    }
    return out;
  }
  return value;
}

/**
 * The values a map expression of the configuration writes, where Terraform knows the map only after
 * apply whole (a key known only then, `{ "${var.project}:owner" = "…" }`; a `merge` argument,
 * `merge(var.tags, { Owner = "…" })`): a plan records none of them, yet they are the code's. Followed
 * as written (`Parser.writtenEntries`): a map (in place, or an object constructor), a local (`local.tags`,
 * by `follow`), parentheses, the result of a call `FOLLOWED_CALLS` reads (each argument of `merge`, `try` and
 * `coalesce`, `tomap`'s argument, `one`'s list's elements, `lookup`'s map at its key and its default, `values`,
 * `zipmap`), the map at steps into a local or such a call, both sides of a conditional, whichever is chosen
 * (the code holds both), a `for`'s values; any other expression gives the
 * entries of its value where that is a map whose keys are known. Each entry with the parts of its value
 * `scope` knows, and the maps known only after apply whole within it, in the order written, with its key
 * where known.
 */
export function writtenEntries(value: unknown, scope: EvalScope, follow: Follow): WrittenEntry[] {
  const inner = typeof value === 'string' ? wholeInterpolation(value) : undefined;
  if (inner === undefined) return entriesOfWritten(writtenRaw(value, scope, follow));
  return evaluation(() => new Parser(inner, scope, 0).writtenEntries(follow), []);
}

/**
 * Of a map expression Terraform knows only after apply whole (`text`, a template that is one interpolation), the entries
 * the map holds whatever its unknown part, split as a plan writes a value (`ConfigNode.held`): `merge`'s, those of its
 * arguments after the last one not known (`merge(var.tags, { Owner = "…" })` holds `Owner`; `merge({ Owner = "…" },
 * var.tags)` holds nothing, the variable may replace it, with null too), with those that one holds in turn; a local's, its
 * code's; in parentheses, the inner expression's. Undefined where it holds none, for another expression, and where it
 * cannot be read.
 */
export function heldEntries(text: string, scope: EvalScope): { after: Record<string, unknown>; unknown?: unknown } | undefined {
  const inner = wholeInterpolation(text);
  const held = inner === undefined ? undefined : evaluation(() => new Parser(inner, scope, 0).heldWhole(), undefined);
  if (held === undefined || Object.keys(held).length === 0) return undefined;
  const { after, unknown } = splitPartial(held);
  return { after: after as Record<string, unknown>, ...(unknown !== undefined ? { unknown } : {}) };
}

/** What `Locals.heldLocal` keeps of a local whose held entries cannot be read. */
const NOT_HELD: unique symbol = Symbol('not held');

/**
 * What a configuration value (a local's, an attribute's, as a loader read it) writes, and the maps
 * known only after apply whole within it (`Written`): a map read key by key, a list item by item, an
 * expression as `Parser.written` reads it.
 */
export function writtenRaw(value: unknown, scope: EvalScope, follow: Follow): Written {
  if (Array.isArray(value)) return writtenTuple(value.map((item) => writtenRaw(item, scope, follow)));
  if (isRecord(value)) return writtenObject(Object.entries(value).map(([key, item]) => [evaluateTemplate(key, scope), writtenRaw(item, scope, follow)]));
  const inner = typeof value === 'string' ? wholeInterpolation(value) : undefined;
  const whole = inner === undefined ? undefined : evaluation<Written | undefined>(() => new Parser(inner, scope, 0).writtenWhole(follow), undefined);
  if (whole !== undefined) return whole;
  const known = evaluateConfigValue(value, scope);
  // A template not known (`"${var.p}-AKIA…"`, a heredoc around an interpolation): its literal text is the code's.
  const texts = typeof value === 'string' && inner === undefined && !isWhollyKnown(known) ? literalTexts(value) : [];
  const entries = templateEntries(joinedText(texts));
  return { value: known, within: entries.length > 0 ? [{ at: [], entries }] : [] };
}

/**
 * The literal text of the templates written in a configuration value (`literalTexts`) that nothing read of it holds
 * (`read`: its known parts, those of its encoded document…; `maps`: the entries written in it, at any depth), as the one
 * entry of its place (`templateEntries`): what a function makes of it, an argument a call does not carry, a side of a
 * conditional not taken (`upper("${var.p}-AKIA…")`, `coalesce(var.x, "AKIA…")`). A template whose every line one of
 * those holds as a line (trimmed) is read already, and left out: found once, where it is.
 */
export function literalsNotRead(raw: unknown, read: readonly unknown[], maps: readonly UnknownMapWithin[]): WrittenEntry[] {
  const texts = literalTexts(raw);
  if (texts.length === 0) return [];
  const lines = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') for (const line of value.split('\n')) lines.add(line.trim());
    else if (Array.isArray(value)) value.forEach(add);
    else if (isRecord(value)) for (const [key, item] of Object.entries(value)) [key, item].forEach(add);
  };
  const addEntries = (entries: readonly WrittenEntry[]): void => {
    for (const entry of entries) {
      [entry.key, entry.value].forEach(add);
      for (const map of entry.within ?? []) addEntries(map.entries);
    }
  };
  read.forEach(add);
  for (const map of maps) addEntries(map.entries);
  return templateEntries(joinedText(texts.filter((text) => !text.split('\n').every((line) => line.trim() === '' || lines.has(line.trim())))));
}

/** The entries of a value written so that is only a template's literal text (`"${k}:AKIA…"`); undefined for another. */
function templateTextOf(written: Written): WrittenEntry[] | undefined {
  const entries = written.within.flatMap((map) => map.entries);
  return written.value === UNKNOWN && written.within.every((map) => map.at.length === 0) && entries.length > 0 && entries.every((entry) => entry.template === true) ? entries : undefined;
}

/**
 * Of a configuration string whose value is known at plan time (`raw`, `value`), the literal text its expression writes
 * that the value may not keep, each template's a line (`literalTexts`), where one of its lines is in no string of the value:
 * a side of a conditional not taken (`var.flag ? "AKIA…" : "x"`), a function's argument (`lower("AKIA…")`,
 * `replace(var.x, "AKIA…", "")`), the text a `%{ if }` directive leaves out. The text of the template `raw` is itself
 * outside its interpolations the value keeps whole where it has no directive, so only its interpolations are read then,
 * and a string with no quote, heredoc or directive in it (`"arn:${var.p}:x"`, `${var.x}`) is not read at all.
 * Undefined for none.
 */
export function literalsDropped(raw: string, value: unknown): string | undefined {
  if (!raw.includes('"') && !raw.includes('%{') && !raw.includes('<<')) return undefined;
  const simple = simpleLiterals(raw);
  const texts = simple ?? [];
  if (simple === undefined) {
    evaluation(() => {
      const { pieces } = templatePieces(raw, 0, false);
      if (pieces.some((piece) => piece.kind === 'directive')) templateTexts(pieces, false, 0, texts);
      else for (const piece of pieces) if (piece.kind === 'interpolation') expressionTexts(piece.inner, 0, piece.inner.length, 1, texts);
    }, undefined);
  }
  if (texts.length === 0) return undefined;
  // Held where each line is in a string of the value (`format("%s-%s", var.x, "z")`'s `z` in `abc-z`): found there, if anywhere.
  const held = typeof value === 'string' ? value : stringsIn(value, true).join('\n');
  return joinedText(texts.filter((text) => !text.split('\n').every((line) => held.includes(line.trim()))));
}

/**
 * The quoted strings of an expression whose every quoted string is plain text (`lower("Func-1")`, `var.f ? "a" : "b"`),
 * its ASCII text with no escape, heredoc, directive, format string or template inside one, as `literalTexts` reads
 * them, found by one regular expression (the hot path of a large `.tf`); undefined for another (`templateTexts` reads it).
 */
function simpleLiterals(raw: string): string[] | undefined {
  if (!SIMPLE_CODE.test(raw)) return undefined;
  const out: string[] = [];
  let quotes = 0;
  for (const match of raw.matchAll(PLAIN_STRING)) {
    quotes += 2;
    if (match[1].trim() !== '') out.push(match[1]);
  }
  // A quote no plain string took opens a template (`"${local.p}-c"`): read whole.
  let all = 0;
  for (let at = raw.indexOf('"'); at >= 0; at = raw.indexOf('"', at + 1)) all++;
  return all === quotes ? out : undefined;
}

/** An expression `simpleLiterals` may read: ASCII, no escape, heredoc or directive, no `format`/`formatlist` call. */
const SIMPLE_CODE = /^(?![\s\S]*(?:\\|<<|%\{|format))[\x00-\x7f]*$/;
/** A quoted string of plain text: no `${`, `%{` nor escape in it. */
const PLAIN_STRING = /"((?:[^"\\$%\n]|[$%](?!\{))*)"/g;

/** The strings of `value` at any depth, added to `out`; a map's keys too where `keys`. */
export function stringsIn(value: unknown, keys: boolean, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, keys, out);
  else if (isRecord(value))
    for (const [key, item] of Object.entries(value)) {
      if (keys) out.push(key);
      stringsIn(item, keys, out);
    }
  return out;
}

/** A template's literal text (`literalTexts`) as the one entry of its place (`WrittenEntry.template`): no key names it. */
const templateEntries = (text: string | undefined): WrittenEntry[] => (text === undefined ? [] : [{ value: text, template: true }]);

/** Texts a line apart; undefined for none. */
const joinedText = (texts: readonly string[]): string | undefined => (texts.length > 0 ? texts.join('\n') : undefined);

/**
 * The literal text of every template written in a configuration value (a string of the configuration, a map's keys
 * and values, a list's items), at any depth of its expressions (`expressionTexts`): each template's a string. None
 * where it cannot be read.
 */
export function literalTexts(raw: unknown): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') evaluation(() => templateTexts(templatePieces(value, 0, false).pieces, false, 0, out), undefined);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) for (const [key, item] of Object.entries(value)) [key, item].forEach(visit);
  };
  visit(raw);
  return out;
}

/** `literalTexts` of an expression's text from `start` to `end`, a line apart; undefined for none. */
function literalTextIn(text: string, start: number, end: number): string | undefined {
  const out: string[] = [];
  evaluation(() => expressionTexts(text, start, end, 0, out), undefined);
  return joinedText(out);
}

/**
 * The literal text of each template in an expression's text from `start` to `end` (`templateTexts`): its quoted
 * strings and heredocs, in the order written, and those within their interpolations and directives; the format
 * string of `format(…)` and `formatlist(…)` with its verbs taking the place of values, as interpolations do in a
 * template (`format("%s-AKIA…", var.p)`: `-AKIA…`). A string that cannot be read is passed over.
 */
function expressionTexts(text: string, start: number, end: number, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH) throw new NotEvaluable();
  // A format string: the first argument of a call of `format` or `formatlist`, the next token.
  let format = false;
  for (let at = start; at < end; ) {
    const c = text[at];
    const call = c === 'f' ? FORMAT_CALL.exec(text.slice(at, at + 64)) : null;
    if (call !== null && !/[\w.:-]/.test(text[at - 1] ?? '')) {
      at += call[0].length;
      format = true;
      continue;
    }
    if (c === '"') {
      const close = closingQuote(text, at);
      try {
        templateTexts(templatePieces(text, at + 1, true).pieces, format, depth, out);
      } catch (error) {
        if (!(error instanceof NotEvaluable)) throw error;
      }
      at = close + 1;
    } else if (c === '<' && text[at + 1] === '<' && /[-A-Za-z_]/.test(text[at + 2] ?? '')) {
      try {
        const heredoc = heredocAt(text, at);
        templateTexts(templatePieces(heredoc.body, 0, false).pieces, false, depth, out);
        at = heredoc.end;
      } catch (error) {
        if (!(error instanceof NotEvaluable)) throw error;
        at += 2;
      }
    } else if (c === '#' || (c === '/' && (text[at + 1] === '/' || text[at + 1] === '*'))) {
      // A comment: to its line's end, or its `*/`.
      const block = c === '/' && text[at + 1] === '*';
      const close = block ? text.indexOf('*/', at + 2) : text.indexOf('\n', at);
      at = close < 0 ? end : close + (block ? 2 : 0);
      continue;
    } else {
      at++;
      if (/\s/.test(c)) continue;
    }
    format = false;
  }
}

/**
 * The literal text of one template's pieces, each piece on a line of its own where a value comes between
 * (`"${var.p}:AKIA…"`: `:AKIA…`), then that of the templates within its interpolations and directives
 * (`expressionTexts`). A value that comes in a URL's user name stands in it as `INTERPOLATED`
 * (`"https://${var.u}:hunter2@host"`: the password after it is written here), not one in its password
 * (`"postgres://admin:${var.p}@h"`: the text around it holds none); one inside an email address after literal text of
 * its local part as `UNKNOWN_IN_ADDRESS` (`"jane.${var.last}@example.com"`, `"jane@${var.sub}.example.com"`: the address
 * the text around it shows, `inAddress`). A format string's verbs part its text as values do.
 */
function templateTexts(pieces: readonly Piece[], format: boolean, depth: number, out: string[]): void {
  // The pieces of literal text, a value between each two (`templatePieces` gives text, maybe blank, around each).
  const parts = pieces.flatMap((piece) => (piece.kind !== 'text' ? [] : format ? formatParts(piece.text) : [piece.text]));
  let text = '';
  // The end of `text`, as far as `inAddress` reads it: slicing `text`, a string grown part by part, copied it whole at each value.
  let recent = '';
  let userName = false;
  // The blank text since the last part kept: a space between two values parts an address.
  let gap = '';
  // A value sits inside an address only in a template with an `@` in its literal text.
  const mayAddress = parts.some((part) => part.includes('@'));
  parts.forEach((written, i) => {
    if (written.trim() === '') {
      gap += written;
      return;
    }
    const inside = mayAddress && text !== '' && !userName && gap === '' && inAddress(recent, partsFrom(parts, i));
    gap = '';
    const between: string = text === '' ? '' : userName ? INTERPOLATED : inside ? UNKNOWN_IN_ADDRESS : '\n';
    // A value before an address's punctuation starts its local part (`"${var.p}-jane@…"`): the address is the text from its next letter.
    const part = i > 0 && between !== INTERPOLATED && !inside ? written.replace(LOCAL_PART_AFTER_VALUE, '') : written;
    text += between + part;
    recent = (recent + between + part).slice(-ADDRESS_REACH);
    // Where the text now ends in a URL's user name (`https://`, `https://${…}`), the next value is in it.
    const scheme = part.lastIndexOf('://');
    userName = scheme >= 0 ? URL_SCHEME_ENDS.test(part.slice(Math.max(0, scheme - 64), scheme)) && !NOT_USER_NAME.test(part.slice(scheme + 3)) : between === INTERPOLATED && !NOT_USER_NAME.test(part);
  });
  if (text !== '') out.push(text);
  for (const piece of pieces) if (piece.kind !== 'text') expressionTexts(piece.inner, 0, piece.inner.length, depth + 1, out);
}

/** The literal text from part `i` on, a value between each two as `UNKNOWN_IN_ADDRESS`, as far as `inAddress` reads it. */
function partsFrom(parts: readonly string[], i: number): string {
  let text = parts[i];
  for (let j = i + 1; j < parts.length && text.length < ADDRESS_REACH; j++) text += UNKNOWN_IN_ADDRESS + parts[j];
  return text;
}

/** A format string's literal text apart at its verbs, as a template's at its values (`%%` is a `%`). */
function formatParts(text: string): string[] {
  const parts = [''];
  let last = 0;
  for (const verb of text.matchAll(FORMAT_VERB)) {
    parts[parts.length - 1] += text.slice(last, verb.index) + (verb[0] === '%%' ? '%' : '');
    if (verb[0] !== '%%') parts.push('');
    last = verb.index + verb[0].length;
  }
  parts[parts.length - 1] += text.slice(last);
  return parts;
}

/** The punctuation that goes on an email address's local part a value starts (`-` of `"${var.p}-jane.doe@example.com"`). */
const LOCAL_PART_AFTER_VALUE = /^[._%+-]+(?=[\p{L}\p{N}][\p{L}\p{M}\p{N}._%+-]{0,63}@)/u;

/** What stands for a value written in a URL's user name in a template's literal text (`templateTexts`). */
const INTERPOLATED = '${…}';
/** A URL's scheme, ending where its `://` starts. */
const URL_SCHEME_ENDS = /[A-Za-z][A-Za-z0-9+.-]*$/;
/** What ends a URL's user name: its password's `:`, its host's `@`, a path, a query, a fragment or a space. */
const NOT_USER_NAME = /[\s/?#@:]/;

/** The expression of a template that is one interpolation and nothing else (`${local.tags}`); undefined for another. */
function wholeInterpolation(value: string): string | undefined {
  return evaluation(() => {
    const pieces = templatePieces(value, 0, false).pieces.filter((piece) => piece.kind !== 'text' || piece.text !== '');
    const [whole] = pieces;
    return pieces.length === 1 && whole.kind === 'interpolation' ? whole.inner : undefined;
  }, undefined);
}

/**
 * How `writtenEntries` reads a `local.<name>` (what its code writes, `writtenRaw`), a module's `var.<name>` (what its
 * caller's code writes in the argument, `ModuleLinks.argumentWritten`, or its default where the call gives none; of
 * the root module, its value where nothing from outside the code sets it), a
 * called module's `module.<call>.<output>` (`name`: `<call>.<output>`, `key` the instance's of a call with `count` or
 * `for_each`; what that module's code writes in the output, `ModuleLinks.outputWritten`) or `each.value` (`name`:
 * `value`; what the code writes in the element of the `for_each` of the instance reading it, `RepeatedBy`).
 */
type Follow = (kind: Followed, name: string, key?: InstanceKey) => Written;

/** The key of a call's instance a reference names (`module.m[0]`, `module.m["a"]`): its index or key, `UNKNOWN` where not known. */
export type InstanceKey = number | string | typeof UNKNOWN;

/** The references `Follow` reads, as `Parser.written` finds them (`local.`, `var.`, `module.`, `each.`). */
type Followed = 'local' | 'var' | 'module' | 'each';
const FOLLOWED: ReadonlySet<string> = new Set<Followed>(['local', 'var', 'module', 'each']);
const FOLLOWED_AT = /^(local|var|module|each)\./;

/** What the code writes of a value: its parts known (`UNKNOWN` where not), and the maps known only after apply whole within it, each at its path. */
export interface Written {
  readonly value: unknown;
  readonly within: readonly UnknownMapWithin[];
}

/**
 * An object constructor's value from its keys and what each value writes: a key not known makes it a map known
 * only after apply whole, and so does one that repeats another here (which value Terraform keeps is not known: a
 * .tf file's map comes with its keys sorted, not in the order written).
 */
function writtenObject(fields: readonly (readonly [unknown, Written])[]): Written {
  if (fields.every(([key]) => typeof key === 'string') && new Set(fields.map(([key]) => key)).size === fields.length) {
    const value = record();
    for (const [key, item] of fields) value[key as string] = item.value;
    return { value, within: fields.flatMap(([key, item]) => below(key as string, item.within)) };
  }
  return { value: UNKNOWN, within: [{ at: [], entries: knownEntries(fields.map(([key, item]) => writtenEntry(key === UNKNOWN ? undefined : primitiveText(key), item))) }] };
}

/** A tuple's value from what each item writes. */
const writtenTuple = (items: readonly Written[]): Written => ({ value: items.map((item) => item.value), within: items.flatMap((item, i) => below(i, item.within)) });

/** `maps` one step further down, below `at`. */
const below = (at: PathSeg, maps: readonly UnknownMapWithin[]): UnknownMapWithin[] => maps.map((map) => ({ at: [at, ...map.at], entries: map.entries }));

/** An entry of `key` (undefined: not known) whose value writes `item`. */
const writtenEntry = (key: string | undefined, item: Written): WrittenEntry => ({
  ...(key === undefined ? {} : { key }),
  value: item.value,
  ...(item.within.length > 0 ? { within: item.within } : {}),
});

/** The maps within a value written so: those it is (at `[]`), and the others by their first step, below it. */
function byStep(within: readonly UnknownMapWithin[]): { here: WrittenEntry[]; below: Map<PathSeg, UnknownMapWithin[]> } {
  const here: WrittenEntry[] = [];
  const next = new Map<PathSeg, UnknownMapWithin[]>();
  for (const map of within) {
    if (map.at.length === 0) here.push(...map.entries);
    else entryOf(next, map.at[0], () => []).push({ at: map.at.slice(1), entries: map.entries });
  }
  return { here, below: next };
}

/** The entries a value written so holds as a map: a map's known only after apply whole, or a map's whose keys are known. */
function entriesOfWritten(written: Written): WrittenEntry[] {
  const { here, below: next } = byStep(written.within);
  const value = written.value;
  if (!isRecord(value)) return here;
  const keys = new Set([...Object.keys(value), ...[...next.keys()].filter((key): key is string => typeof key === 'string')]);
  return [...here, ...[...keys].map((key) => writtenEntry(key, { value: Object.hasOwn(value, key) ? value[key] : UNKNOWN, within: next.get(key) ?? [] }))];
}

/**
 * The value at `key` of a value written so (`local.m["a"]`): of a map known only after apply whole, each
 * entry under `key` or under a key not known may be it, and it is not known which.
 */
const stepWritten = (written: Written, key: string | number): Written => stepsOf(written)(key);

/**
 * `stepWritten` of one value at any key, its maps sorted by their first step once: each instance of a `for_each`
 * steps into the same value (`each.value`), and going through all its maps for each would make n instances read n² maps.
 */
function stepsOf(written: Written): (key: string | number) => Written {
  const value = written.value;
  const { here, below: next } = byStep(written.within);
  return (key) => {
    const known = (Array.isArray(value) && typeof key === 'number' && key < value.length) || (isRecord(value) && typeof key === 'string' && Object.hasOwn(value, key)) ? (value as Record<string | number, unknown>)[key] : UNKNOWN;
    const within = next.get(key) ?? [];
    const maybe = here.filter((entry) => entry.key === undefined || entry.key === String(key));
    if (maybe.length === 0) return { value: known, within };
    const entries = maybe.flatMap((entry) => entriesOfWritten({ value: entry.value, within: entry.within ?? [] }));
    return { value: UNKNOWN, within: [...within, ...(entries.length > 0 ? [{ at: [], entries }] : [])] };
  };
}

/**
 * The maps known only after apply whole within a value the code fixes in part (a local's `{ outer = { "${var.p}_ID" = "…" } }`),
 * as entries under the first key or index on their way (`LocalValue.entriesOfUnknownMap`).
 */
export function entriesWithin(maps: readonly UnknownMapWithin[]): WrittenEntry[] {
  const { here, below: next } = byStep(maps);
  return [...here, ...[...next].map(([key, within]) => ({ key: String(key), value: null, within }))];
}

/**
 * What the code writes in `raw` that its `value` does not hold (`LocalValue.entriesOfUnknownMap`): of a value known
 * only after apply whole (undefined), its entries (a template's literal text: `"${x}ghp_…"`); of one known, those of
 * the maps known only after apply whole within it (`{ outer = { "${var.p}_ID" = "…" } }`), each under the keys on its
 * way; and the literal text of its templates that neither holds (`coalesce(var.x, "AKIA…")`, `upper("${var.p}-AKIA…")`).
 */
export function writtenBeyond(evaluator: Pick<Evaluator, 'writtenEntries' | 'writtenOf' | 'literalsNotRead'>, raw: unknown, value: unknown): readonly WrittenEntry[] {
  const written = value === undefined ? evaluator.writtenEntries(raw) : entriesWithin(evaluator.writtenOf(raw).within);
  return [...written, ...evaluator.literalsNotRead(raw, [value], [{ at: [], entries: written }])];
}

/**
 * The elements of a list written so (`merge(local.maps...)`), each with the maps within it; of a list known only after
 * apply whole (`values()` of a map with a key not known), each entry, any of which may be any element.
 */
function elementsOf(written: Written | undefined): Written[] {
  if (written === undefined) return [];
  const list = written.value;
  const { here, below: next } = byStep(written.within);
  if (!Array.isArray(list)) return list === UNKNOWN ? here.map((entry) => ({ value: entry.value, within: entry.within ?? [] })) : [];
  return list.map((value, i) => ({ value, within: next.get(i) ?? [] }));
}

/** A call's argument as written (`Parser.callArguments`): what it writes (none where Terraform refuses it), and whether it is expanded (`…`). */
interface Argument {
  readonly written?: Written;
  readonly expanded: boolean;
}

/** A map known only after apply whole whose entries are `entries` (`knownEntries`). */
function unknownMap(entries: readonly WrittenEntry[]): Written {
  const kept = knownEntries(entries);
  return { value: UNKNOWN, within: kept.length > 0 ? [{ at: [], entries: kept }] : [] };
}

/** The maps an argument gives: itself, or an expanded list's elements (`merge(local.maps...)`). */
const argumentMaps = (arg: Argument | undefined): Written[] => (arg?.written === undefined ? [] : arg.expanded ? elementsOf(arg.written) : [arg.written]);

/** Each argument's entries, in order (`merge`, whatever a later argument replaces; `try`, `coalesce`, whichever is taken). */
const eachArgument = (args: readonly Argument[]): Written => unknownMap(args.flatMap(argumentMaps).flatMap(entriesOfWritten));

/** The arguments of a call as a function's two arguments, neither expanded; undefined for another count. */
const pairOf = (args: readonly Argument[]): readonly [Written, Written] | undefined => {
  const [first, second] = args;
  return args.length === 2 && !first.expanded && !second.expanded && first.written !== undefined && second.written !== undefined ? [first.written, second.written] : undefined;
};

/**
 * `values(map)` of a map written so: a list of its values in its keys' order (`sortedKeys`) where its keys are known,
 * else a list known only after apply whole, each value of the map one of its elements (no key names them there).
 */
function valuesWritten(map: Written): Written {
  const entries = entriesOfWritten(map);
  if (isRecord(map.value) && entries.every((entry) => entry.key !== undefined)) {
    const byKey = new Map(entries.map((entry) => [entry.key as string, entry]));
    return writtenTuple(sortedKeys(Object.fromEntries(byKey)).map((key) => ({ value: byKey.get(key)?.value, within: byKey.get(key)?.within ?? [] })));
  }
  return { value: UNKNOWN, within: entries.length > 0 ? [{ at: [], entries: entries.map(({ key: _named, ...element }) => element) }] : [] };
}

/** `zipmap(keys, values)` of lists written so: each value under the key at its place, a key not known (or a list of them) making the map known only after apply whole. */
function zipmapWritten(keys: Written, values: Written): Written {
  const items = elementsOf(values);
  const names = Array.isArray(keys.value) && keys.value.length === items.length ? keys.value : undefined;
  return writtenObject(items.map((item, i) => [names?.[i] ?? UNKNOWN, item]));
}

/**
 * The functions whose result `Parser.called` reads from what their arguments write (a map known only after apply whole
 * in an argument is one in the result): each argument's entries of `merge`, `try`, `coalesce` and `tomap`; `one`'s
 * list's elements'; `lookup`'s map's at its key and its default's; `values` and `zipmap` as they build their result.
 */
const FOLLOWED_CALLS: Readonly<Record<string, (args: readonly Argument[]) => Written>> = {
  merge: eachArgument,
  try: eachArgument,
  coalesce: eachArgument,
  tomap: eachArgument,
  one: ([list]) => unknownMap(elementsOf(list?.written).flatMap(entriesOfWritten)),
  lookup: ([map, key, fallback]) => {
    const at = key?.written?.value;
    const found = map?.written !== undefined && (typeof at === 'string' || typeof at === 'number') ? entriesOfWritten(stepWritten(map.written, at)) : [];
    return unknownMap([...found, ...argumentMaps(fallback).flatMap(entriesOfWritten)]);
  },
  values: ([map, ...rest]) => (map?.written !== undefined && !map.expanded && rest.length === 0 ? valuesWritten(map.written) : NOT_WRITTEN),
  zipmap: (args) => {
    const pair = pairOf(args);
    return pair === undefined ? NOT_WRITTEN : zipmapWritten(...pair);
  },
};

/** A value the code writes nothing of that is followed. */
export const NOT_WRITTEN: Written = { value: UNKNOWN, within: [] };

/** A call of a function, to its bracket (the name in group 1). */
const CALL_AT = /^([A-Za-z_][\w-]*)\s*\(/;

/** A call of `format` or `formatlist`, to its bracket. */
const FORMAT_CALL = /^(?:format|formatlist)\s*\(/;
/** A verb of a format string (`%s`, `%-5d`, `%.2f`, `%[1]v`, `%#v`), or `%%`. */
const FORMAT_VERB = /%(?:%|(?:\[\d+\])?[-+ #0]*\d*(?:\.\d*)?[a-zA-Z])/g;

/** A `for` expression starts here (after its bracket). */
const FOR_AHEAD = /^\s*for\s/;

/** What follows a value that makes another value of it: a step, an operator, a conditional (`…` expands it: not another value). */
const CONTINUES = /^(?:\.(?!\.\.)|\[|\?|==|!=|<|>|&&|\|\||[+\-*/%])/;

/**
 * Each entry with what its value holds known (a map's unknown parts left out: `{ key = "AKIA…", other = var.x }` keeps
 * `key`), entries known in no part and holding no map known only after apply whole dropped, and an entry read twice (a
 * map merged twice, `merge(local.a, local.a)`, or outputs that each merge both of a child module's) kept once: else a
 * chain of such merges doubles at each step.
 */
function knownEntries(entries: readonly WrittenEntry[]): WrittenEntry[] {
  const seen = new Set<string>();
  return entries.flatMap((entry) => {
    const known = isWhollyKnown(entry.value) ? entry.value : splitPartial(entry.value).after;
    const kept = known !== undefined ? { ...entry, value: known } : entry.within !== undefined && entry.within.length > 0 ? { ...entry, value: null } : undefined;
    if (kept === undefined) return [];
    const id = JSON.stringify([kept.key ?? null, kept.value, kept.within ?? null]);
    if (seen.has(id)) return [];
    seen.add(id);
    return [kept];
  });
}

/** A partial as a plan writes a value: `after` without its unknown parts (`null` in lists), and the unknown mask. */
export function splitPartial(value: unknown): { after: unknown; unknown: unknown } {
  if (value === UNKNOWN) return { after: undefined, unknown: true };
  if (Array.isArray(value)) {
    const parts = value.map(splitPartial);
    const unknown = parts.some((p) => p.unknown !== undefined) ? parts.map((p) => p.unknown ?? false) : undefined;
    return { after: parts.map((p) => (p.unknown === true ? null : p.after)), unknown };
  }
  if (isRecord(value)) {
    const after = record();
    const unknown = record();
    for (const [key, item] of Object.entries(value)) {
      const part = splitPartial(item);
      if (part.unknown !== true) after[key] = part.after;
      if (part.unknown !== undefined) unknown[key] = part.unknown;
    }
    return { after, unknown: Object.keys(unknown).length > 0 ? unknown : undefined };
  }
  return { after: value, unknown: undefined };
}

/** The local a reference names: `local.tags.Owner` -> `tags`; undefined for any other reference. */
export const localName = (reference: string): string | undefined => /^local\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(reference)?.[1];

/**
 * Locals by name, each evaluated on first use. A local that depends on itself (Terraform refuses
 * the cycle) is unknown, and so is an undeclared one.
 */
class Locals implements EvalScope {
  private readonly values = new Map<string, unknown>();
  /** Of each local evaluated, the functions its value met and did not evaluate (not-evaluated.ts), where any. */
  private readonly notEvaluated = new Map<string, readonly string[]>();
  private readonly evaluating = new Set<string>();
  private readonly helds = new Map<string, Record<string, unknown> | undefined | typeof NOT_HELD>();
  private readonly holding = new Set<string>();

  constructor(
    protected readonly raw: ReadonlyMap<string, unknown>,
    /** The module's variables whose values are known (the root module's, root-variables.ts). */
    protected readonly variables: ReadonlyMap<string, unknown> = new Map(),
    protected readonly paths?: PathValues,
    protected readonly links: ModuleLinks = {},
  ) {}

  variable(name: string): unknown {
    return this.variables.has(name) ? this.variables.get(name) : UNKNOWN;
  }

  moduleOutputs(name: string): unknown {
    return this.links.outputs?.(name) ?? UNKNOWN;
  }

  instanceKeys(block: string): readonly (number | string | undefined)[] | undefined {
    return this.links.instanceKeys?.(block);
  }

  resourceAttribute(block: string, key: number | string | undefined, attribute: string): unknown {
    return this.links.resourceAttribute?.(block, key, attribute) ?? UNKNOWN;
  }

  /**
   * Whether a value whose (expanded) references are `references` is fixed by the code alone: it reads
   * no variable marked as given from outside the code (`markGiven`); where some
   * are, a module's output or a resource's attribute may carry one, and only literals, defaults, the
   * variable files beside the code and the module's other variables count.
   */
  fixedByCode(references: readonly string[]): boolean {
    const outside = givenVariables(this.variables);
    if (outside.size === 0) return true;
    return references.every((reference) => {
      const variable = /^var\.([A-Za-z_][\w-]*)/.exec(reference)?.[1];
      return variable !== undefined ? !outside.has(variable) : /^(?:path|terraform)\.|^count\.index/.test(reference);
    });
  }

  /** The references of these (expanded) ones to a variable nothing sets (`markUnset`), as `var.<name>`. */
  unsetVariables(references: readonly string[]): string[] {
    const unset = UNSET.get(this.variables);
    if (unset === undefined) return [];
    return [...new Set(references.flatMap((reference) => /^var\.([A-Za-z_][\w-]*)/.exec(reference)?.[1] ?? []))].filter((name) => unset.has(name)).map((name) => `var.${name}`);
  }

  path(name: string): unknown {
    if (name === 'terraform.workspace') return this.paths?.workspace ?? UNKNOWN;
    return this.paths && (name === 'module' || name === 'root' || name === 'cwd') ? this.paths[name] : UNKNOWN;
  }

  /** A local as the code writes it (undefined when not declared). */
  rawLocal(name: string): unknown {
    return this.raw.get(name);
  }

  local(name: string): unknown {
    if (!this.raw.has(name) || this.evaluating.has(name) || this.evaluating.size >= MAX_CHAIN) return UNKNOWN;
    if (!this.values.has(name)) {
      this.evaluating.add(name);
      try {
        const { value, functions } = notEvaluatedIn(() => evaluateConfigValue(this.raw.get(name), this));
        this.values.set(name, value);
        if (functions.length > 0) this.notEvaluated.set(name, functions);
      } finally {
        this.evaluating.delete(name);
      }
    }
    // Each reader of the local meets the functions its value did not evaluate, not only the first (`notEvaluatedIn`).
    for (const fn of this.notEvaluated.get(name) ?? []) noteNotEvaluated(fn);
    return this.values.get(name);
  }

  /**
   * `Parser.held` of a local's code, in this module, where it is one interpolation (`merge(var.tags, { … })`); undefined
   * otherwise; `NotEvaluable` where it cannot be read, for one that reads itself (Terraform refuses the cycle) and past
   * `MAX_CHAIN` locals. Read once, as `local` evaluates a local once: read at each mention, `l1 = merge(local.l0,
   * local.l0)` … `l30` read `l0` 2^30 times, and every resource read them again.
   */
  heldLocal(name: string): Record<string, unknown> | undefined {
    if (!this.helds.has(name)) {
      const raw = this.raw.get(name);
      const inner = typeof raw === 'string' ? wholeInterpolation(raw) : undefined;
      if (inner === undefined) return undefined;
      if (this.holding.has(name) || this.holding.size >= MAX_CHAIN) throw new NotEvaluable();
      this.holding.add(name);
      try {
        this.helds.set(name, new Parser(inner, this, 0).heldWhole());
      } catch (error) {
        if (error instanceof NotEvaluable) this.helds.set(name, NOT_HELD);
        throw error;
      } finally {
        this.holding.delete(name);
      }
    }
    const held = this.helds.get(name);
    if (held === NOT_HELD) throw new NotEvaluable();
    return held;
  }
}

/** The same locals, evaluated symbolically: references stand for what `reference` makes of them. */
class SymbolicLocals extends Locals {
  constructor(
    raw: ReadonlyMap<string, unknown>,
    /** Screened (`screened`): text that could pass for a token is unknown. */
    variables: ReadonlyMap<string, unknown>,
    readonly reference: (traversal: string) => unknown,
    paths?: PathValues,
    links?: ModuleLinks,
  ) {
    super(raw, variables, paths, links);
  }

  override path(name: string): unknown {
    return screened(super.path(name));
  }

  override moduleOutputs(name: string): unknown {
    return screened(super.moduleOutputs(name));
  }
}

/**
 * `value` for a symbolic evaluation: a string holding a reserved character (it could pass for a
 * token, or for the subject's own name) unknown, and so is a map with such a key. A symbolic
 * evaluation refuses such literal text in the code it reads; this keeps it out of the values it is
 * given (a variable's value, a `dynamic` block's element). What holds none is returned as it is,
 * so a set stays a set.
 */
function screened(value: unknown): unknown {
  if (typeof value === 'string') return RESERVED.test(value) ? UNKNOWN : value;
  if (Array.isArray(value)) {
    const items = value.map(screened);
    if (items.every((item, i) => item === value[i])) return value;
    if (SETS.has(value)) SETS.add(items);
    if (EITHER_LIST_OR_SET.has(value)) EITHER_LIST_OR_SET.add(items);
    return items;
  }
  if (!isRecord(value)) return value;
  if (Object.keys(value).some((key) => RESERVED.test(key))) return UNKNOWN;
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const screenedItem = screened(item);
    if (screenedItem !== item) (out ??= Object.assign(record(), value))[key] = screenedItem;
  }
  if (out && OUTSIDE_OBJECTS.has(value)) OUTSIDE_OBJECTS.add(out);
  return out ?? value;
}

/**
 * A module variable's value known in part (`{ resources = ["secrets"], provider_key_arn = <not known> }`), each part
 * not known taken from `read`, what the module argument's code makes there, where that is a reference's token
 * (`aws_kms_key.eks.arn`), as `var.cfg.provider_key_arn` reads it. The known parts stay the value's (its type's
 * optional() defaults are not in the argument's code); a set's elements are not matched by place. Returned as it is
 * where nothing is taken.
 */
function filledByReferences(value: unknown, read: unknown): unknown {
  if (value === UNKNOWN) return typeof read === 'string' && hasToken(read) ? read : value;
  if (Array.isArray(value)) {
    if (!Array.isArray(read) || read.length !== value.length || SETS.has(value)) return value;
    const items = value.map((item, i) => filledByReferences(item, read[i]));
    if (items.every((item, i) => item === value[i])) return value;
    if (EITHER_LIST_OR_SET.has(value)) EITHER_LIST_OR_SET.add(items);
    return items;
  }
  if (!isRecord(value) || !isRecord(read)) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const filled = Object.hasOwn(read, key) ? filledByReferences(item, read[key]) : item;
    if (filled !== item) (out ??= Object.assign(record(), value))[key] = filled;
  }
  if (out && OUTSIDE_OBJECTS.has(value)) OUTSIDE_OBJECTS.add(out);
  return out ?? value;
}

/** Blocks one `dynamic` block may make, and all those of one module together; beyond, a block stays unknown. */
const MAX_DYNAMIC_BLOCKS = 1_000;
const MAX_MODULE_DYNAMIC_BLOCKS = 10_000;

/**
 * The elements a `dynamic` block's `for_each` makes blocks of, as (key, value) pairs in
 * Terraform's order: a list's index, a set's element, a map's or an object's key. Undefined when
 * their number is not known (an unknown collection, a set or a list that may be one with a part
 * not known: equal elements would be one) or Terraform refuses the value (null, a string). The key
 * of a list that may be a set is unknown.
 */
function dynamicElements(collection: unknown): [unknown, unknown][] | undefined {
  if (isRecord(collection)) return iterated(collection, false) as [unknown, unknown][];
  if (!Array.isArray(collection)) return undefined;
  const maybeSet = EITHER_LIST_OR_SET.has(collection);
  if ((isSet(collection) || maybeSet) && !isWhollyKnown(collection)) return undefined;
  const elements = iterated(collection, false) as [unknown, unknown][];
  return maybeSet ? elements.map(([, value]) => [UNKNOWN, value]) : elements;
}

/**
 * `each` objects whose `value` is an instance of a resource (`for_each = aws_s3_bucket.m`) or one
 * attribute of it (`{ for k, b in aws_s3_bucket.m : k => b.arn }`), with what it is as a traversal
 * (`aws_s3_bucket.m["k"]`, `aws_s3_bucket.m["k"].arn`): in a symbolic evaluation `each.value.arn`,
 * or `each.value` where it is the attribute, stands for what that reference does.
 */
const INSTANCE_ITERATORS = new WeakMap<object, EachInstance>();

interface EachInstance {
  readonly traversal: string;
  /** True when `each.value` is an attribute of the instance, not the instance. */
  readonly attribute: boolean;
}

const BLOCK_TRAVERSAL = String.raw`(?:data\.)?[A-Za-z][\w-]*\.[A-Za-z_][\w-]*`;
const NAME = String.raw`[A-Za-z_][\w-]*`;
/** A `for` element's value that indexes a block by a symbol, with attribute steps after (`aws_s3_bucket.m[k].arn`: `heldInstance`). */
const INDEXED_BLOCK = new RegExp(String.raw`^\s*(${BLOCK_TRAVERSAL})\s*\[\s*(${NAME})\s*\]((?:${ATTRIBUTE_STEP})*)\s*$`);
/** A `for`'s collection written as a block, or `values()` of one (`Parser.symbolicInstances`: before its `:`, or a directive's whole). */
const FOR_COLLECTION_OF_BLOCK = new RegExp(String.raw`^\s*(?:(values)\s*\(\s*(${BLOCK_TRAVERSAL})\s*\)|(${BLOCK_TRAVERSAL}))\s*`);
/** A `for_each` written as one block: `${aws_s3_bucket.m}`. */
const FOR_EACH_BLOCK = new RegExp(String.raw`^\$\{\s*(${BLOCK_TRAVERSAL})\s*\}$`);
/**
 * A `for` that keeps every instance of one block under its own key, whole or one attribute of it,
 * with an `if` or without: `{ for k, b in aws_s3_bucket.m : k => b }`, `{ for k, b in
 * aws_s3_bucket.m : k => b.arn if k != "logs" }`. An `if` only leaves keys out: the element of a
 * key kept is still that key's instance. Another key (`"x-${k}" => b`), value or grouping (`...`)
 * is not this: the map such a `for` makes tells its instances (`KEPT_INSTANCES`).
 */
const FOR_EACH_INSTANCE = new RegExp(
  String.raw`^\$\{\s*\{\s*for\s+(${NAME})\s*,\s*(${NAME})\s+in\s+(${BLOCK_TRAVERSAL})\s*:\s*\1\s*=>\s*\2((?:\s*\.\s*${NAME})*)\s*(?:if\s[^{}]*)?\}\s*\}$`,
);

/**
 * What `each.value` is in the instance `key` of a `for_each` written as a resource or data source
 * (`${aws_s3_bucket.m}`: its instance `key`), or as a `for` that keeps each of its instances under
 * its own key (`FOR_EACH_INSTANCE`: that instance, or its attribute), or whose value `made` holds an
 * instance under `key` (`KEPT_INSTANCES`: `{ for b in values(aws_s3_bucket.m) : b.bucket => b }`);
 * undefined otherwise.
 */
function instanceOfForEach(forEach: unknown, key: number | string, made?: unknown): EachInstance | undefined {
  if (typeof forEach !== 'string') return undefined;
  const kept = typeof key === 'string' && isRecord(made) ? KEPT_INSTANCES.get(made)?.get(key) : undefined;
  if (kept !== undefined) return kept;
  const bare = FOR_EACH_BLOCK.exec(forEach);
  const written = bare === null ? FOR_EACH_INSTANCE.exec(forEach) : null;
  const block = bare?.[1] ?? written?.[3];
  // A key the traversal text could not hold as a plain string index is not followed; nor are names Terraform gives no block.
  if (block === undefined || typeof key !== 'string' || /["\\$%\n]/.test(key) || NOT_A_BLOCK.test(block)) return undefined;
  const steps = (written?.[4] ?? '').replace(/\s+/g, '');
  return { traversal: `${block}[${JSON.stringify(key)}]${steps}`, attribute: steps !== '' };
}

function instanceIterator(key: string | number, instance: EachInstance): Record<string, unknown> {
  const iterator = iteratorObject(key, UNKNOWN);
  INSTANCE_ITERATORS.set(iterator, instance);
  return iterator;
}

/** A `dynamic` block's iterator for one element: `<name>.key`, `<name>.value`. */
const iteratorObject = (key: unknown, value: unknown): Record<string, unknown> => Object.assign(record(), { key, value });

/** A name bound around a scope: a `dynamic` block's iterator, or `each`/`count` in one instance of a resource. */
interface Binding {
  readonly name: string;
  /** Its value, read without references. */
  readonly value: Record<string, unknown>;
  /** Its value in a symbolic evaluation, given the scope of the bindings before it; undefined when not read again. */
  readonly symbolic?: (scope: EvalScope, moduleReference?: (traversal: string) => unknown) => Record<string, unknown> | undefined;
  /** The references a reference through it stands for (its `for_each`'s, or its element's); undefined: its own, as written (`each.value.id`). */
  readonly references?: (reference: string) => readonly string[] | undefined;
  /** Of `each` in an instance of a block repeated by `for_each`: that `for_each` as written and the key, to read `each.value` as the code writes it. */
  readonly repeatedBy?: RepeatedBy;
}

/**
 * The instance of a block repeated by `for_each` a value is read in, for `each.value` as the code writes it (`Follow`):
 * the `for_each` as written, and the instance's key (undefined: any instance's, as a module call's arguments are read
 * for what its instances share).
 */
export interface RepeatedBy {
  readonly forEach: unknown;
  readonly key?: string;
}

/**
 * A module's scope with names bound (`bindings`, outermost first): a `dynamic` block's iterator,
 * `each` or `count` in one instance of a resource. Everything else is the module's. In a symbolic
 * evaluation a binding is read again with references where it can be (`Binding.symbolic`), so an
 * element's tokens reach the content; otherwise it keeps the value read without references.
 */
class IteratorScope implements EvalScope, Evaluator {
  readonly bound: ReadonlyMap<string, unknown>;
  /** The bindings by name: an inner one hides an outer one of the same name. */
  private readonly byName: ReadonlyMap<string, Binding>;

  constructor(
    private readonly module: LocalScope,
    private readonly bindings: readonly Binding[],
  ) {
    this.byName = new Map(bindings.map((b) => [b.name, b]));
    this.bound = new Map(bindings.map((b) => [b.name, b.value]));
  }

  local(name: string): unknown {
    return this.module.local(name);
  }

  variable(name: string): unknown {
    return this.module.variable(name);
  }

  path(name: string): unknown {
    return this.module.path(name);
  }

  moduleOutputs(name: string): unknown {
    return this.module.moduleOutputs(name);
  }

  instanceKeys(block: string): readonly (number | string | undefined)[] | undefined {
    return this.module.instanceKeys(block);
  }

  resourceAttribute(block: string, key: number | string | undefined, attribute: string): unknown {
    return this.module.resourceAttribute(block, key, attribute);
  }

  rawLocal(name: string): unknown {
    return this.module.rawLocal(name);
  }

  heldLocal(name: string): Record<string, unknown> | undefined {
    return this.module.heldLocal(name);
  }

  writtenValue(raw: unknown): unknown {
    return this.module.writtenValue(raw);
  }

  /** Read in this instance: its own `each`, where it binds one, before the one `instance` gives. */
  writtenEntries(raw: unknown, instance?: RepeatedBy): readonly WrittenEntry[] {
    return this.module.writtenEntries(raw, this.byName.get('each')?.repeatedBy ?? instance);
  }

  writtenOf(raw: unknown, instance?: RepeatedBy): Written {
    return this.module.writtenOf(raw, this.byName.get('each')?.repeatedBy ?? instance);
  }

  literalsNotRead(raw: unknown, read: readonly unknown[], maps: readonly UnknownMapWithin[]): readonly WrittenEntry[] {
    return literalsNotRead(raw, read, maps);
  }

  literalsDropped(raw: string, value: unknown): string | undefined {
    return literalsDropped(raw, value);
  }

  fixedByCode(references: readonly string[]): boolean {
    return this.module.fixedByCode(references);
  }

  unsetVariables(references: readonly string[]): string[] {
    return this.module.unsetVariables(references);
  }

  literalValue(raw: unknown): unknown {
    return this.module.literalValue(raw);
  }

  template(text: string, count?: boolean): { after: unknown; unknown: unknown; whollyKnown: boolean } | undefined {
    return templateResult(evaluateTemplate(text, this, count));
  }

  held(text: string): ReturnType<typeof heldEntries> {
    return heldEntries(text, this);
  }

  symbolic(value: unknown, reference: (traversal: string) => unknown, moduleReference?: (traversal: string) => unknown): unknown {
    return evaluateConfigValue(value, this.symbolicScope(reference, moduleReference));
  }

  symbolicDynamic(forEach: unknown, iterator: string, content: Record<string, unknown>, reference: (traversal: string) => unknown, moduleReference?: (traversal: string) => unknown): unknown {
    return dynamicContents(this.symbolicScope(reference, moduleReference), forEach, iterator, content);
  }

  /** This scope in one symbolic evaluation: each binding read again with references where it can be. */
  private symbolicScope(reference: (traversal: string) => unknown, moduleReference: ((traversal: string) => unknown) | undefined): EvalScope {
    const locals = this.module.symbolicLocals(reference);
    const scope = (bound: ReadonlyMap<string, unknown>): EvalScope => boundScope(locals, bound, reference);
    const bound = new Map<string, unknown>();
    for (const b of this.bindings) bound.set(b.name, b.symbolic?.(scope(new Map(bound)), moduleReference) ?? screened(b.value));
    return scope(bound);
  }

  /** A reference through a binding is one of its `references`, where it has them; the others are the module's. */
  expand(references: readonly string[]): string[] {
    const out = new Set<string>();
    for (const reference of references) {
      const root = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(reference)?.[0];
      const binding = root === undefined ? undefined : this.byName.get(root);
      for (const expanded of binding ? (binding.references?.(reference) ?? [reference]) : this.module.expand([reference])) out.add(expanded);
    }
    return [...out];
  }

  localValue(name: string): unknown {
    return this.module.localValue(name);
  }

  localCycle(name: string): readonly string[] | undefined {
    return this.module.localCycle(name);
  }

  dynamicBlocks(forEach: unknown, iterator: string): Evaluator[] | undefined {
    return dynamicScopes(this.module, this.bindings, this, forEach, iterator);
  }

  instance(repetition: 'count' | 'for_each', key: number | string, forEach: unknown): Evaluator {
    return new IteratorScope(this.module, [...this.bindings, instanceBinding(this, this.module, repetition, key, forEach)]);
  }

  forEachElements(forEach: unknown): Record<string, string[]> | undefined {
    return elementsReferences(this, this.module, forEach);
  }

  value(raw: unknown): unknown {
    return evaluateConfigValue(raw, this);
  }
}

/** The scopes of the blocks a `dynamic` block makes in `scope` (whose bindings are `bindings`). */
function dynamicScopes(module: LocalScope, bindings: readonly Binding[], scope: EvalScope & Evaluator, forEach: unknown, name: string): Evaluator[] | undefined {
  if (forEach === undefined) return undefined;
  const elements = dynamicElements(evaluateConfigValue(forEach, scope));
  if (elements === undefined || elements.length > MAX_DYNAMIC_BLOCKS || !module.takeDynamicBlocks(elements.length)) return undefined;
  const references = scope.expand(refsOfNode(splitAttribute(forEach).config));
  return elements.map(([key, value], position) => {
    // Read again with references: the element at the same place, where the elements line up.
    const symbolic = (outer: EvalScope): Record<string, unknown> | undefined => {
      const again = dynamicElements(evaluateConfigValue(forEach, outer));
      const element = again?.length === elements.length ? again[position] : undefined;
      return element !== undefined && (typeof key !== 'string' || element[0] === key) ? iteratorObject(element[0], element[1]) : undefined;
    };
    return new IteratorScope(module, [...bindings, { name, value: iteratorObject(key, value), symbolic, references: () => references }]);
  });
}

/**
 * What the blocks a `dynamic` block makes hold, evaluated symbolically in `scope` (`Evaluator.symbolicDynamic`): for
 * each element of its `for_each`, in Terraform's order, `content` with the iterator bound. `UNKNOWN` where the
 * elements are not known then either, or where `content` holds a `dynamic` block of its own (not read).
 */
function dynamicContents(scope: EvalScope, forEach: unknown, iterator: string, content: Record<string, unknown>): unknown {
  if (forEach === undefined || Object.hasOwn(content, 'dynamic')) return UNKNOWN;
  const elements = dynamicElements(evaluateConfigValue(forEach, scope));
  if (elements === undefined || elements.length > MAX_DYNAMIC_BLOCKS) return UNKNOWN;
  return elements.map(([key, value]) => evaluateConfigValue(content, elementScope(scope, [iterator], undefined, iteratorObject(key, value))));
}

/** A reference to a whole resource, data source or module call (`aws_s3_bucket.m`, `module.m["a"]`), not to one of its attributes. */
const WHOLE_OBJECT = /^(?:data\.[^.[]+\.[^.[]+|[^.[]+\.[^.[]+)(?:\[[^\]]*\])?$/;

/** A `for_each` written as a map, in place or as a local (`for_each = local.groups`); undefined for any other (its elements' code is not at hand). */
function forEachMap(module: Locals, forEach: unknown): Record<string, unknown> | undefined {
  const local = typeof forEach === 'string' ? /^\$\{\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/.exec(forEach)?.[1] : undefined;
  const map = isRecord(forEach) ? forEach : local !== undefined ? module.rawLocal(local) : undefined;
  return isRecord(map) ? map : undefined;
}

/** The references of one element of a `for_each` map, `scope` expanding references through locals. */
const elementReferences = (scope: Evaluator, element: unknown): string[] => scope.expand(refsOfNode(splitAttribute(element).config));

/**
 * What each.value may name where the `for_each` is an expression (`{ for k, v in var.logs : k => v
 * if … }`, a map written in place, a `for` over a module call's instances): every reference of it,
 * but not over a resource's instances (`{ for k, b in aws_s3_bucket.m : k => b.id }`: the graph
 * follows each.value there); a variable whose value is known (a condition's `var.create`) names
 * nothing each.value could hold.
 */
function wholeForEachReferences(scope: Evaluator, module: Locals, forEach: unknown): string[] {
  // Once per scope and for_each: every instance of a repeated block asks the same.
  let byForEach = WHOLE_REFERENCES.get(scope);
  if (byForEach === undefined) WHOLE_REFERENCES.set(scope, (byForEach = new Map()));
  let whole = byForEach.get(forEach);
  if (whole === undefined) byForEach.set(forEach, (whole = readWholeForEachReferences(scope, module, forEach)));
  return whole;
}

const WHOLE_REFERENCES = new WeakMap<Evaluator, Map<unknown, string[]>>();

function readWholeForEachReferences(scope: Evaluator, module: Locals, forEach: unknown): string[] {
  const direct = refsOfNode(splitAttribute(forEach).config);
  const throughAttribute = (ref: string): boolean => !WHOLE_OBJECT.test(ref) || direct.some((other) => other.startsWith(`${ref}.`));
  // A module call's instances in an expression (`{ for k, m in module.one : k => m.ids[k] }`): the graph follows
  // each.value to the calls' outputs, and reads the code to tell which. Written bare, the graph follows each.value there.
  const moduleCall = (ref: string): boolean => /^module\.[^.[]+$/.test(ref) && !(typeof forEach === 'string' && FOR_EACH_BLOCK.test(forEach));
  if (direct.length === 0 || !direct.every((ref) => /^(local|var|path|terraform)\./.test(ref) || throughAttribute(ref) || moduleCall(ref))) return [];
  const knownVariable = (ref: string): boolean => /^var\./.test(ref) && isWhollyKnown(module.variable(ref.split('.')[1]));
  return elementReferences(scope, forEach).filter((ref) => !knownVariable(ref));
}

/**
 * The references of each key's element of a `for_each` written as a map (see `forEachMap`); of a
 * `for` keeping each instance of a block under its key (`FOR_EACH_INSTANCE`), that instance; of
 * another expression, none for a key whose element is known whole (made of constants), else those
 * of the whole expression.
 */
function elementsReferences(scope: Evaluator & EvalScope, module: Locals, forEach: unknown): Record<string, string[]> | undefined {
  const map = forEachMap(module, forEach);
  const out = record<string[]>();
  if (map === undefined) {
    const made = evaluateConfigValue(forEach, scope);
    if (!isRecord(made)) return undefined;
    // A `for` keeping each instance of a block under a key: each key's element is that instance (or its attribute).
    if (typeof forEach === 'string' && (FOR_EACH_INSTANCE.test(forEach) || KEPT_INSTANCES.has(made))) {
      for (const key of Object.keys(made)) {
        const instance = instanceOfForEach(forEach, key, made);
        if (instance !== undefined) out[key] = [instance.traversal];
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    const entries = Object.entries(made);
    const whole = entries.every(([, element]) => isWhollyKnown(element)) ? [] : wholeForEachReferences(scope, module, forEach);
    for (const [key, element] of entries) if (isWhollyKnown(element) || whole.length > 0) out[key] = isWhollyKnown(element) ? [] : whole;
    return Object.keys(out).length > 0 ? out : undefined;
  }
  for (const [key, element] of Object.entries(map)) out[key] = elementReferences(scope, element);
  return out;
}

/**
 * A block's `for_each` read in `scope`, once: every instance of the block reads it (8k instances of
 * a `for_each = toset([…])` read all 8k elements each). Kept while the scope lives, no longer.
 */
function forEachValue(scope: EvalScope, forEach: unknown): unknown {
  const byForEach = entryOf(FOR_EACH_VALUES, scope, () => new Map<unknown, unknown>());
  if (!byForEach.has(forEach)) byForEach.set(forEach, evaluateConfigValue(forEach, scope));
  return byForEach.get(forEach);
}

const FOR_EACH_VALUES = new WeakMap<EvalScope, Map<unknown, unknown>>();

/** A list's or a set's elements, to look one up without a pass over them all for each instance. */
export function elementSet(collection: readonly unknown[]): ReadonlySet<unknown> {
  return entryOf(ELEMENT_SETS, collection, () => new Set(collection));
}

const ELEMENT_SETS = new WeakMap<readonly unknown[], ReadonlySet<unknown>>();

/**
 * `each` (`each.key`, `each.value`: the `for_each` element of `key`, a map's value or a set's
 * string) or `count` (`count.index`) in one instance of a resource, its `for_each` read in `scope`.
 * A reference through `each.value` where the `for_each` is written as a map, in place or as a local,
 * is one of that key's element (`{ a = aws_s3_bucket.a.id }`: instance "a" names bucket a); where it
 * is a `for` keeping each instance of a block under its key (`{ for k, b in aws_s3_bucket.m : k =>
 * b.id }`), one of that key's instance (`aws_s3_bucket.m["a"].id`); where it is another expression,
 * none where this instance's element is known whole, else, not over a resource's instances, one of
 * that expression's (`wholeForEachReferences`); otherwise references stay as written: the graph
 * follows `each.value` to the instance of a `for_each = aws_s3_bucket.m`.
 */
function instanceBinding(
  scope: EvalScope & Evaluator,
  module: Locals,
  repetition: 'count' | 'for_each',
  key: number | string,
  forEach: unknown,
  /** Where the scope binds nothing before `each`: its `for_each` read symbolically, kept for its other instances. */
  symbolicReads?: SymbolicReads,
): Binding {
  if (repetition === 'count') return { name: 'count', value: Object.assign(record(), { index: key }) };
  const elementOf = (collection: unknown): unknown => {
    if (isRecord(collection)) return Object.prototype.hasOwnProperty.call(collection, key) ? collection[key] : UNKNOWN;
    return Array.isArray(collection) && elementSet(collection).has(key) ? key : UNKNOWN;
  };
  const made = forEachValue(scope, forEach);
  const value = elementOf(made);
  const instance = instanceOfForEach(forEach, key, made);
  // The for_each is read in the module instance (`moduleReference`) where the caller gives it: Terraform reads it once
  // for all the block's instances, without a key, so each instance reads what the first did.
  const symbolic = (outer: EvalScope, moduleReference?: (traversal: string) => unknown): Record<string, unknown> | undefined => {
    if (instance !== undefined) return instanceIterator(key, instance);
    const reference = moduleReference ?? outer.reference;
    const again = elementOf(symbolicReads !== undefined && reference !== undefined ? symbolicReads.read(forEach, reference) : evaluateConfigValue(forEach, outer));
    return again === UNKNOWN ? undefined : iteratorObject(key, again);
  };
  // This instance's element only: one instance of a map of n keys reads one element, not n. A
  // `for_each` made otherwise (`{ for k, v in var.logs : k => v if … }`): where this instance's
  // element is known whole (made of constants: `{ for v in local.rules : v.key => v }`), each.value
  // names nothing (`try(each.value.arn, aws_lb.this[each.value.lb].arn)` names the balancer alone);
  // else it is made of what the whole expression references, no other.
  const map = typeof key === 'string' ? forEachMap(module, forEach) : undefined;
  const written = map !== undefined && Object.hasOwn(map, key) ? elementReferences(scope, map[key]) : undefined;
  // A `for` keeping each instance of a block under its key: each.value is that key's instance (or its
  // attribute), a reference the graph follows as `aws_s3_bucket.m["k"]` itself.
  const kept = map === undefined && instance !== undefined && !FOR_EACH_BLOCK.test(forEach as string) ? instance.traversal : undefined;
  const known = map === undefined && typeof key === 'string' && isWhollyKnown(value);
  const whole = map === undefined && typeof key === 'string' && !known ? wholeForEachReferences(scope, module, forEach) : [];
  const isKey = (reference: string): boolean => /^each\.key(?![A-Za-z0-9_-])/.test(reference);
  const references =
    (written && ((reference: string) => (isKey(reference) ? [] : written))) ||
    (kept !== undefined ? (reference: string) => [reference.replace(/^each\.value(?![A-Za-z0-9_-])/, kept)] : undefined) ||
    (known ? (reference: string) => (isKey(reference) ? [reference] : []) : undefined) ||
    (whole.length > 0 ? (reference: string) => (isKey(reference) ? [reference] : /^each\.value(?![A-Za-z0-9_-])/.test(reference) ? whole : [reference]) : undefined);
  return { name: 'each', value: iteratorObject(key, value), symbolic, ...(references ? { references } : {}), repeatedBy: { forEach, key: String(key) } };
}

/**
 * One module's `for_each` values read symbolically, each kept with the references it read and what
 * they gave: every instance of a block reads its `for_each` again to bind `each` (2k satellites of
 * `for_each = local.names` read all 2k names each). Another evaluation reuses the value where each
 * of those references still gives the same (the same names; an instance's own references may differ),
 * and counts what its functions did to tokens as the first did (`tokenWork`). A `reference`
 * that read it, or found it the same, is not asked again (`readers`): a module instance's (`CodeSource`)
 * is one function for all its blocks' instances, and asking each of n instances the n references of a
 * `for_each` over n buckets was n² reads.
 */
class SymbolicReads {
  private readonly kept = new Map<unknown, { value: unknown; reads: readonly (readonly [string, unknown])[]; work: TokenWork; readers: WeakSet<object> }>();

  constructor(private readonly module: LocalScope) {}

  read(forEach: unknown, reference: (traversal: string) => unknown): unknown {
    const kept = this.kept.get(forEach);
    if (kept?.readers.has(reference)) {
      countTokenWork(kept.work);
      return kept.value;
    }
    if (kept !== undefined) {
      const before = tokenWork();
      if (kept.reads.every(([traversal, value]) => isDeepStrictEqual(reference(traversal), value))) {
        // The references read again did what they did; the rest, the for_each's own functions did.
        const again = tokenWorkSince(before);
        countTokenWork({ transforms: kept.work.transforms - again.transforms, calls: kept.work.calls - again.calls, caller: kept.work.caller });
        kept.readers.add(reference);
        return kept.value;
      }
    }
    const reads: (readonly [string, unknown])[] = [];
    const recorded = (traversal: string): unknown => {
      const value = reference(traversal);
      reads.push([traversal, value]);
      return value;
    };
    const before = tokenWork();
    const value = evaluateConfigValue(forEach, boundScope(this.module.symbolicLocals(recorded), new Map(), recorded));
    this.kept.set(forEach, { value, reads, work: tokenWorkSince(before), readers: new WeakSet([reference]) });
    return value;
  }
}

const templateResult = (value: unknown): { after: unknown; unknown: unknown; whollyKnown: boolean } | undefined =>
  value === UNKNOWN ? undefined : { ...splitPartial(value), whollyKnown: isWhollyKnown(value) };

/** The locals of one module (`locals { … }` blocks, any number), and the values of its variables where known. */
export class LocalScope extends Locals implements Evaluator {
  private readonly refs = new Map<string, string[]>();
  private readonly expansions = new Map<string, readonly string[]>();
  private shapes?: ReadonlyMap<string, LocalShape>;
  /** Its blocks' `for_each` values read symbolically, for their instances (`SymbolicReads`). */
  private symbolicReads?: SymbolicReads;
  /** The same locals with no variable known (`localValue`). */
  private written?: Locals;
  private screenedVariables?: ReadonlyMap<string, unknown>;
  /** Blocks its `dynamic` blocks may still make (nested ones multiply: a crafted file would make millions). */
  private dynamicBlocksLeft = MAX_MODULE_DYNAMIC_BLOCKS;

  constructor(blocks: readonly Record<string, unknown>[], variables?: ReadonlyMap<string, unknown>, paths?: PathValues, links?: ModuleLinks) {
    const raw = new Map<string, unknown>();
    for (const block of blocks) for (const [name, value] of Object.entries(block)) if (name !== '//') raw.set(name, value);
    super(raw, variables, paths, links);
  }

  template(text: string, count?: boolean): { after: unknown; unknown: unknown; whollyKnown: boolean } | undefined {
    return templateResult(evaluateTemplate(text, this, count));
  }

  held(text: string): ReturnType<typeof heldEntries> {
    return heldEntries(text, this);
  }

  symbolic(value: unknown, reference: (traversal: string) => unknown): unknown {
    return evaluateConfigValue(value, this.symbolicLocals(reference));
  }

  symbolicDynamic(forEach: unknown, iterator: string, content: Record<string, unknown>, reference: (traversal: string) => unknown): unknown {
    return dynamicContents(this.symbolicLocals(reference), forEach, iterator, content);
  }

  /** This module's locals for one symbolic evaluation. */
  symbolicLocals(reference: (traversal: string) => unknown): SymbolicLocals {
    this.screenedVariables ??= new Map([...this.variables].map(([name, value]) => [name, screened(value)]));
    return new SymbolicLocals(this.raw, this.screenedVariables, reference, this.paths, this.links);
  }

  dynamicBlocks(forEach: unknown, iterator: string): Evaluator[] | undefined {
    return dynamicScopes(this, [], this, forEach, iterator);
  }

  instance(repetition: 'count' | 'for_each', key: number | string, forEach: unknown): Evaluator {
    this.symbolicReads ??= new SymbolicReads(this);
    return new IteratorScope(this, [instanceBinding(this, this, repetition, key, forEach, this.symbolicReads)]);
  }

  forEachElements(forEach: unknown): Record<string, string[]> | undefined {
    return elementsReferences(this, this, forEach);
  }

  /** Whether `count` more blocks fit in what this module's dynamic blocks may make, counting them if so. */
  takeDynamicBlocks(count: number): boolean {
    if (count > this.dynamicBlocksLeft) return false;
    this.dynamicBlocksLeft -= count;
    return true;
  }

  /** A configuration value of this module (a module call's argument) as a partial. */
  value(raw: unknown): unknown {
    return evaluateConfigValue(raw, this);
  }

  /** What the local's code writes: evaluated with the module's variables unknown (a part from a variable is the variable's, not the local's). */
  localValue(name: string): unknown {
    return splitPartial(this.withoutVariables().local(name)).after;
  }

  writtenValue(raw: unknown): unknown {
    return splitPartial(evaluateConfigValue(raw, this.withoutVariables())).after;
  }

  /**
   * `writtenEntries` of the code alone (variables not known), each local followed once; a variable to what its
   * caller's code writes in the argument (`ModuleLinks.argumentWritten`), a called module's output to what that
   * module's code writes in it (`ModuleLinks.outputWritten`).
   */
  writtenEntries(raw: unknown, instance?: RepeatedBy): readonly WrittenEntry[] {
    return writtenEntries(raw, this.withoutVariables(), this.follower(instance));
  }

  /** What a configuration value's code alone writes, with the maps known only after apply whole within it, each at its path (`writtenRaw`). */
  writtenOf(raw: unknown, instance?: RepeatedBy): Written {
    return writtenRaw(raw, this.withoutVariables(), this.follower(instance));
  }

  literalsNotRead(raw: unknown, read: readonly unknown[], maps: readonly UnknownMapWithin[]): readonly WrittenEntry[] {
    return literalsNotRead(raw, read, maps);
  }

  literalsDropped(raw: string, value: unknown): string | undefined {
    return literalsDropped(raw, value);
  }

  /**
   * How `writtenEntries` reads the locals of the code alone (variables not known): each once for the module, by what
   * its code writes (a local reads no instance's key), whichever instance of a repeated block asks; the module's
   * variables, each once, by what its caller writes in the argument (a map known only after apply whole there too)
   * or, where the call gives none, by the default (a root variable by its value where nothing from outside the code
   * sets it: its default, a variable file beside the code); the outputs of the modules it calls by what each writes in them,
   * each instance's once; and, in an instance of a block repeated by `for_each` (`instance`), `each.value`.
   */
  private follower(instance?: RepeatedBy): Follow {
    const follow = (this.follow ??= this.moduleFollower());
    return instance === undefined ? follow : (kind, name, key) => (kind === 'each' ? this.eachValue(instance) : follow(kind, name, key));
  }

  /** `follower` of the module alone (`each.value` not known), made once. */
  private follow?: Follow;

  private moduleFollower(): Follow {
    const scope = this.withoutVariables();
    const followed = new Map<string, Written>();
    const follow: Follow = (kind, name, key) => {
      const id = `${kind}.${name}${key === undefined ? '' : `[${key === UNKNOWN ? '' : JSON.stringify(key)}]`}`;
      let written = followed.get(id);
      if (written === undefined) {
        followed.set(id, NOT_WRITTEN); // a local that reaches itself (Terraform refuses the cycle) adds nothing
        if (kind === 'var') {
          // No argument given: the default the module's code writes is the value, and so is a root variable's that nothing
          // from outside the code sets (a variable file beside the code too); a sensitive one is not known.
          written = this.links.argumentWritten?.(name) ?? (givenVariables(this.variables).has(name) ? NOT_WRITTEN : { value: this.variable(name), within: [] });
        } else if (kind === 'module') {
          const [call, output] = name.split('.');
          written = this.links.outputWritten?.(call, output, key) ?? NOT_WRITTEN;
        } else {
          const raw = kind === 'local' ? this.rawLocal(name) : undefined;
          written = raw === undefined ? NOT_WRITTEN : writtenRaw(raw, scope, follow);
        }
        followed.set(id, written);
      }
      return written;
    };
    return follow;
  }

  /**
   * `each.value` of an instance (`RepeatedBy`) as the code writes it: the element of its `for_each` at its key, or
   * where the key is not known the entries of every element; the `for_each` read once for the module.
   */
  private eachValue({ forEach, key }: RepeatedBy): Written {
    const read = entryOf(this.forEachWritten, forEach, () => {
      const elements = writtenRaw(forEach, this.withoutVariables(), this.follower());
      return { elements, at: stepsOf(elements) };
    });
    if (key !== undefined) return read.at(key);
    return unknownMap(entriesOfWritten(read.elements).flatMap((element) => entriesOfWritten({ value: element.value, within: element.within ?? [] })));
  }

  /** What the code writes in each `for_each` of the module (`eachValue`), and the steps into it, by the `for_each` as written. */
  private readonly forEachWritten = new Map<unknown, { readonly elements: Written; readonly at: (key: string | number) => Written }>();

  literalValue(raw: unknown): unknown {
    return splitPartial(evaluateConfigValue(raw, NO_LOCALS)).after;
  }

  private withoutVariables(): Locals {
    this.written ??= new Locals(this.raw, new Map(), this.paths);
    return this.written;
  }

  /**
   * References through locals replaced by what the locals reference, transitively. A local on a
   * cycle (Terraform refuses it) is not followed, nor one below which locals depend on each other
   * further than MAX_CHAIN: a reference to it stays as written, resolving to nothing.
   */
  expand(references: readonly string[]): string[] {
    const out = new Set<string>();
    for (const ref of references) {
      const name = localName(ref);
      const shape = name === undefined ? undefined : this.localShapes().get(name);
      if (name === undefined || shape === undefined || shape.cyclic) out.add(ref);
      else for (const expanded of this.expansion(name)) out.add(expanded);
    }
    return [...out];
  }

  /**
   * The locals a cycle of locals through `name` (Terraform refuses it) goes through, from `name` back to it, `name`
   * first: the shortest such way (`["a", "b"]` of `a = local.b`, `b = local.a`; `["a"]` of `a = local.a`); undefined
   * where `name` is on no cycle.
   */
  localCycle(name: string): readonly string[] | undefined {
    if (this.localShapes().get(name)?.cyclic !== true) return undefined;
    const before = new Map<string, string>();
    const queue = [name];
    for (let at = 0; at < queue.length; at++) {
      for (const ref of this.referencesOf(queue[at])) {
        const next = localName(ref);
        if (next === name) {
          const way = [queue[at]];
          while (way[0] !== name) way.unshift(before.get(way[0])!);
          return way;
        }
        if (next === undefined || before.has(next) || !this.raw.has(next)) continue;
        before.set(next, queue[at]);
        queue.push(next);
      }
    }
    return undefined;
  }

  /**
   * What one local's references expand to, read once: every local reaches its locals' expansions,
   * not every path to them (locals reading the two before them make 2^n paths, n locals).
   */
  private expansion(name: string): readonly string[] {
    let expanded = this.expansions.get(name);
    if (expanded !== undefined) return expanded;
    const out = new Set<string>();
    for (const ref of this.referencesOf(name)) {
      const local = localName(ref);
      const shape = local === undefined ? undefined : this.localShapes().get(local);
      // Only a local whose chain is short enough: each step down is one shorter, so this recursion stays within MAX_CHAIN.
      if (local === undefined || shape === undefined || shape.cyclic || shape.height >= MAX_CHAIN) out.add(ref);
      else for (const item of this.expansion(local)) out.add(item);
    }
    this.expansions.set(name, (expanded = [...out]));
    return expanded;
  }

  /**
   * Of each local: whether it is on a cycle of locals, and the longest chain of locals it starts
   * (1: it references none). Tarjan's strongly connected components, iteratively (a crafted file's
   * chain of thousands of locals would overflow the stack), which finishes a local's components
   * before its own.
   */
  private localShapes(): ReadonlyMap<string, LocalShape> {
    if (this.shapes !== undefined) return this.shapes;
    const shapes = new Map<string, LocalShape>();
    const children = (name: string): string[] => this.referencesOf(name).flatMap((ref) => {
      const local = localName(ref);
      return local !== undefined && this.raw.has(local) ? [local] : [];
    });
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const open: { name: string; next: string[]; at: number }[] = [];
    const enter = (name: string): void => {
      index.set(name, index.size);
      low.set(name, index.size - 1);
      stack.push(name);
      onStack.add(name);
      open.push({ name, next: children(name), at: 0 });
    };
    for (const root of this.raw.keys()) {
      if (index.has(root)) continue;
      enter(root);
      while (open.length > 0) {
        const frame = open[open.length - 1];
        if (frame.at < frame.next.length) {
          const child = frame.next[frame.at++];
          if (!index.has(child)) enter(child);
          else if (onStack.has(child)) low.set(frame.name, Math.min(low.get(frame.name)!, index.get(child)!));
          continue;
        }
        open.pop();
        const parent = open[open.length - 1];
        if (parent !== undefined) low.set(parent.name, Math.min(low.get(parent.name)!, low.get(frame.name)!));
        if (low.get(frame.name) !== index.get(frame.name)) continue;
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.name);
        const cyclic = members.length > 1 || frame.next.includes(frame.name);
        for (const m of members) {
          const below = cyclic ? 0 : children(m).reduce((most, child) => Math.max(most, shapes.get(child)!.cyclic ? 0 : shapes.get(child)!.height), 0);
          shapes.set(m, { cyclic, height: cyclic ? 0 : below + 1 });
        }
      }
    }
    this.shapes = shapes;
    return shapes;
  }

  private referencesOf(name: string): string[] {
    let refs = this.refs.get(name);
    if (refs === undefined) this.refs.set(name, (refs = [...new Set(refsOfNode(splitAttribute(this.raw.get(name)).config))]));
    return refs;
  }
}

/** A local's place among the others (`LocalScope.localShapes`). */
interface LocalShape {
  readonly cyclic: boolean;
  /** The longest chain of locals it starts, itself counted; 0 on a cycle. */
  readonly height: number;
}

/** No locals: what the expression itself fixes, nothing more. */
const NO_LOCALS = new LocalScope([]);

/**
 * The values a body of constants writes (a default, a variable file's `name = value` lines), `$${`
 * escapes undone, each known whole: one with a part that is not (a number a double does not hold,
 * `12345678901234567890`; a name, which Terraform refuses there) is left out, not taken with that
 * part dropped (`{ a = 12345678901234567890 }` as `{}`).
 */
export function writtenValues(body: Record<string, unknown>): Record<string, unknown> {
  const { values, partial } = givenValues(body);
  for (const name of partial) delete values[name];
  return values;
}

/**
 * The values of a body given to terraform from outside the code (a variable file's `name = value`
 * lines, a `-var`'s value read as HCL): `values`, each with what of it is known (an unknown part left
 * out: what the file writes), `partial`, the names of those not known whole, and, by name, what a
 * value reads that terraform refuses there (`RefusedRead`): the first met.
 */
export function givenValues(body: Record<string, unknown>): {
  readonly values: Record<string, unknown>;
  readonly partial: readonly string[];
  readonly refused: Record<string, RefusedRead>;
} {
  const values = record();
  const partial: string[] = [];
  const refused: Record<string, RefusedRead> = record();
  const outer = refusedReads;
  try {
    for (const [name, value] of Object.entries(body)) {
      refusedReads = {};
      const { after, unknown } = splitPartial(evaluateConfigValue(value, NO_LOCALS));
      if (unknown !== true) values[name] = after;
      if (unknown !== undefined) partial.push(name);
      if (refusedReads.first !== undefined) refused[name] = refusedReads.first;
    }
  } finally {
    refusedReads = outer;
  }
  return { values, partial, refused };
}

/**
 * What a body given from outside the code (a variable file's `name = value` lines) writes beyond its
 * `values` (`givenValues`), by name, where it writes any (`writtenBeyond`): a credential in a template
 * around a name (`"${x}ghp_…"`) is in clear in the file, whether terraform takes the value or not.
 */
export function givenEntries(body: Record<string, unknown>, values: Readonly<Record<string, unknown>>): Record<string, readonly WrittenEntry[]> {
  const out: Record<string, readonly WrittenEntry[]> = record();
  for (const [name, raw] of Object.entries(body)) {
    const entries = writtenBeyond(NO_LOCALS, raw, values[name]);
    if (entries.length > 0) out[name] = entries;
  }
  return out;
}

const WRAPPED_JSONENCODE = /^\$\{jsonencode\(([\s\S]*)\)\}$/;

/**
 * The string `jsonencode(...)` gives when `text` is exactly `${jsonencode(<expression>)}` and the
 * expression is fixed by itself (constants, and the functions evaluated of them); undefined otherwise.
 */
export function constantJsonencode(text: string): string | undefined {
  if (!WRAPPED_JSONENCODE.test(text)) return undefined;
  const value = evaluateTemplate(text, NO_LOCALS);
  return typeof value === 'string' ? value : undefined;
}
