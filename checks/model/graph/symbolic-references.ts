/**
 * What a traversal stands for when the code of a value is evaluated symbolically (symbolic.ts):
 *
 *   aws_s3_bucket.b.arn, aws_s3_bucket.b[count.index].id   the one instance's value where the input
 *                                                          knows it (a data source read at plan), else
 *                                                          the token of that instance's attribute
 *   data.aws_partition.p.partition                         `aws` (every partition reads alike)
 *   data.aws_iam_policy_document.p.json                    where not known, the json its code makes
 *                                                          (policy-documents.ts), else the token
 *   module.m.out, module.m["k"].out                        the output's code, in the module instance
 *   var.x inside a module                                  the module call's argument, in the caller
 *
 * A known value whose text could pass for a token is unknown. Anything else (a root variable the
 * scope does not know, a step into an object, a reference that names several instances) is unknown.
 *
 * That is the `links` reading, which tells what a value names. The `values` reading tells what it is, as terraform
 * prints it: a traversal of a resource or data source (`aws_lambda_function.f.environment[0].variables["TOKEN"]`,
 * `aws_lambda_function.f.environment`) is the value the input knows at its whole path, of any type, where it knows
 * it all and Terraform does not mark it sensitive; `module.m` whole is an object of all its outputs; an output the
 * module marks sensitive is unknown (Terraform refuses a root output that prints it).
 */
import { countTokenWork, instanceObject, splitPartial, type TokenWork, tokenWork, tokenWorkSince, UNKNOWN } from '../evaluate';
import { parseTemplate } from '../expressions';
import { POLICY_DOCUMENT_TYPE } from '../policy';
import { entryOf } from '../entry-of';
import { isRecord, ownAt, record } from '../records';
import { afterLeadingToken, hasToken, inputReferenceToken, referenceToken, RESERVED, tokenTarget } from '../symbolic';
import type { CodeSource, ConfigNode, Resolution, Resource } from '../types';
import { known, type PathSeg, UNKNOWN as UNKNOWN_VALUE, type Val, ValueView } from '../value';
import { attributePath, callPath, type IndexSpec, type ModuleStep, moduleAddress, moduleConfigPath, parseInstanceAddress, parseRef } from './addresses';
import { blockAddress } from './resource';
import { configAt, configWalk } from './config';
import type { InputContext } from './context';
import { remoteOutput } from './cross-stack';
import { documentJsonFromCode } from './policy-documents';
import { BUCKET_NAMES, namesBucket } from './identity';
import { callOf, forwardedArgument, type Frame, frameOf, moduleInstancesIn, resolveAttribute, resolveReferences } from './references';
import { Resolver } from './resolutions';

/** Module outputs and arguments followed in a row, at most (as `resolveAttribute` follows them). */
const MAX_DEPTH = 24;

/** What a resource's attribute stands for in a symbolic evaluation: its token where not known (`links`), or its value whole (`values`); see above. */
export type Reading = 'links' | 'values';

/** A configuration node's code evaluated symbolically in `frame`; `UNKNOWN` without code. */
export function symbolicValue(ctx: InputContext, frame: Frame, node: ConfigNode | undefined, depth = 0, reading: Reading = 'links'): unknown {
  // A constant a loader keeps without its code (a module's `output "x" { value = "…" }`, a literal argument) is its value.
  if (reading === 'values' && node?.kind === 'expr' && node.source === undefined && node.hasConstant) return node.constant;
  if (node?.kind !== 'expr' || node.source === undefined || depth > MAX_DEPTH) return UNKNOWN;
  return codeValue(ctx, frame, node.source, depth, reading);
}

/** Code evaluated symbolically in `frame` (`symbolicValue`). */
const codeValue = (ctx: InputContext, frame: Frame, source: CodeSource, depth: number, reading: Reading = 'links'): unknown =>
  source.evaluate((traversal) => referenceValue(ctx, frame, traversal, depth, reading), frame.key, moduleReference(ctx, frame.module, depth, reading));

/**
 * What a traversal stands for in module instance `module`, without an instance's key (`CodeSource.evaluate`'s
 * `moduleReference`): one function per check (per input), module instance and depth, so the instances of a block
 * there read their `for_each` once.
 */
function moduleReference(ctx: InputContext, module: readonly ModuleStep[], depth: number, reading: Reading): (traversal: string) => unknown {
  const references = entryOf(MODULE_REFERENCES, ctx, () => new Map<string, (traversal: string) => unknown>());
  return entryOf(references, `${readingKey(reading)}${depth} ${moduleAddress(module)}`, () => {
    const frame: Frame = { module };
    return (traversal: string) => referenceValue(ctx, frame, traversal, depth, reading);
  });
}

/** What a reading adds to the keys of what is kept per check (`MODULE_REFERENCES`, `followed`): nothing for `links`, as before there were two. */
const readingKey = (reading: Reading): string => (reading === 'links' ? '' : `${reading} `);

const MODULE_REFERENCES = new WeakMap<InputContext, Map<string, (traversal: string) => unknown>>();

/**
 * Module outputs and module arguments read symbolically, each once per check (per input) and depth:
 * nested modules whose outputs each read two of their child's (`var.name == "x" ? module.m.a :
 * module.m.b`) reach the innermost output by 2^depth paths. A value reused counts what its functions did
 * to tokens as reading it did (`tokenWork`), so `resolveLink` tells the same.
 */
const FOLLOWED = new WeakMap<InputContext, Map<string, { readonly value: unknown; readonly work: TokenWork }>>();

function followed(ctx: InputContext, key: string, read: () => unknown): unknown {
  const values = entryOf(FOLLOWED, ctx, () => new Map<string, { readonly value: unknown; readonly work: TokenWork }>());
  const kept = values.get(key);
  if (kept !== undefined) {
    countTokenWork(kept.work);
    return kept.value;
  }
  const before = tokenWork();
  const value = read();
  values.set(key, { value, work: tokenWorkSince(before) });
  return value;
}

/**
 * `resource`'s string at `path` read with its code where its value is known only after apply (see
 * `Graph.codeString`); a path that goes on into the value of one expression (`policy_arns[1]` of
 * `policy_arns = [ … ]`) takes that element of what the expression makes.
 */
export function codeStringAt(ctx: InputContext, resource: Resource, path: readonly PathSeg[]): Val<string> {
  const view = resource.values.get(...path);
  if (!view.isUnknown) return view.string();
  const { node, rest } = configWalk(resource.data.config, path);
  const value = ownAt(symbolicValue(ctx, frameOf(resource), node), rest);
  return typeof value === 'string' ? known(value) : UNKNOWN_VALUE;
}

/** See `Graph.outputValue`. */
export function outputValueAt(ctx: InputContext, name: string): ValueView | undefined {
  const value = withoutTokens(symbolicValue(ctx, { module: [] }, ctx.output('', name)?.expr, 0, 'values'));
  if (value === UNKNOWN) return undefined;
  const { after, unknown } = splitPartial(value);
  return new ValueView(after, unknown);
}

/**
 * A symbolic value with each text that holds a token (an attribute known only after apply, `OPAQUE`) unknown, and each
 * map with such a key unknown whole, as Terraform knows a map only with all its keys.
 */
function withoutTokens(value: unknown): unknown {
  if (typeof value === 'string') return RESERVED.test(value) ? UNKNOWN : value;
  if (Array.isArray(value)) return value.map(withoutTokens);
  if (!isRecord(value)) return value;
  const out = record();
  for (const [key, item] of Object.entries(value)) {
    if (RESERVED.test(key)) return UNKNOWN;
    out[key] = withoutTokens(item);
  }
  return out;
}

/**
 * In the `values` reading, what a traversal of `target` steps to in it (`environment[0].variables["TOKEN"]`), where the
 * input has a value there (an argument or block the code writes, a plan's value): its unknown parts unknown, and `UNKNOWN`
 * whole where Terraform marks any of it sensitive (a root output that prints it is refused). Undefined where the input
 * has none (an attribute known only after apply), or a step is not literal: read as in the `links` reading.
 */
function valueAt(target: Resource, traversal: string): unknown {
  const path = attributePath(traversal);
  const view = path === undefined ? undefined : target.values.get(...path);
  if (view === undefined || view.isUnknown || view.raw === undefined || view.raw === null) return undefined;
  return view.isSensitive ? UNKNOWN : knownParts(view);
}

/** A value the input knows, as a partial: each part known only after apply `UNKNOWN`, and each text that could pass for a token. */
function knownParts(view: ValueView): unknown {
  if (view.isUnknown) return UNKNOWN;
  const { raw } = view;
  if (typeof raw === 'string') return RESERVED.test(raw) ? UNKNOWN : raw;
  if (Array.isArray(raw)) return raw.map((_, i) => knownParts(view.get(i)));
  if (!isRecord(raw)) return raw;
  const out = record();
  for (const key of Object.keys(raw)) out[key] = knownParts(view.get(key));
  return out;
}

/** See `Graph.codeNull`. */
export function codeNullAt(ctx: InputContext, resource: Resource, path: readonly PathSeg[]): boolean | undefined {
  const node = configAt(resource.data.config, path);
  if (node?.kind !== 'expr') return node === undefined ? undefined : false;
  if (node.nullByCode === true) return true;
  if (node.hasConstant) return node.constant === null;
  const value = symbolicValue(ctx, frameOf(resource), node);
  return value === UNKNOWN ? undefined : value === null;
}

const S3_ARN_PREFIX = /^arn:aws(?:-cn|-us-gov)?:s3:::/;
/** An S3 URI's scheme, in either case TwinMaker's `contentLocation` pattern allows (`[sS]3://`). */
const S3_URI_SCHEME = /^[sS]3:\/\//;

/**
 * The token that spells a bucket's name in `value`: after `arn:aws:s3:::`, whole (a bucket's ARN), or
 * after `s3://`, up to the end or the first `/` (`s3://bucket/key`: a bucket's name ends at the
 * first `/`, the key follows). Undefined for any other text.
 */
function spelledName(value: string): ReturnType<typeof tokenTarget> {
  const prefix = S3_ARN_PREFIX.exec(value)?.[0];
  if (prefix !== undefined) return tokenTarget(value.slice(prefix.length));
  const scheme = S3_URI_SCHEME.exec(value)?.[0];
  if (scheme === undefined) return undefined;
  const rest = value.slice(scheme.length);
  const key = afterLeadingToken(rest);
  if (key === undefined || (key !== '' && !key.startsWith('/'))) return undefined;
  return tokenTarget(rest.slice(0, rest.length - key.length));
}

/**
 * `resolveAttribute`, with the code read where it settles more than the references do. A link to
 * anything but a bucket whose code makes something else of the attribute it reads, by a function
 * or a template (`lower(aws_iam_role.r.arn)`, `"${aws_kms_key.k.arn}x"`: `madeFrom`), names that
 * resource or another: it is unknown (`Resolution.made`). For
 * buckets: the one bucket the code names where the references name it and something else (a
 * conditional the code decides: `var.create ? aws_s3_bucket.this[0].id : var.name`, or between two
 * buckets) links to it. A bucket's name built from another's with text around it
 * (`"${aws_s3_bucket.l.id}-logs"`: its references list only bucket l), or made from it by a function
 * (`replace(aws_s3_bucket.l.id, …)`), names another bucket: it links to none (`Resolution.made`). The bucket itself, its ARN, its ARN spelled from its name
 * (`"arn:aws:s3:::${aws_s3_bucket.l.id}"`) or an S3 URI in it (`"s3://${aws_s3_bucket.l.id}/scene.json"`,
 * a TwinMaker scene's content location) still links; an ARN after `s3://` is not a bucket's name.
 */
export function resolveLink(ctx: InputContext, from: Resource, path: readonly PathSeg[], types: readonly string[] | undefined, depth = 0): Resolution {
  return LINKS.resolve(ctx, from, path, types, depth, 'link', () => linkOnce(ctx, from, path, types, depth));
}

/**
 * Links read with their code, each kept once read (resolutions.ts): a satellite whose conditional names two others
 * (`bucketNamed`), each naming two more, level after level, was read once per path.
 */
const LINKS = new Resolver(MAX_DEPTH);

function linkOnce(ctx: InputContext, from: Resource, path: readonly PathSeg[], types: readonly string[] | undefined, depth: number): Resolution {
  const resolution = resolveAttribute(ctx, from, path, types);
  const candidates = resolution.status === 'resources' && resolution.via === 'reference' ? resolution.targets : resolution.status === 'ambiguous' ? resolution.candidates : [];
  // Only code can say more (a plan's configuration has no code: it returns here, reading no value).
  const node = configAt(from.data.config, path);
  if (node?.kind !== 'expr' || node.source === undefined) return resolution;
  // An attribute of a resource other than a bucket its code makes something else of (`replace(aws_kms_key.k.arn, …)`,
  // `lower(aws_iam_role.r.arn)`); one the code may give whole or not (`coalesce(var.key, aws_kms_key.k.arn)`: `partly`)
  // is read by `wholeOrPart`. A bucket's name or ARN is read below, where text around it may spell its ARN or a URI.
  const others = candidates.length > 0 && !candidates.every((c) => BUCKET_NAMES[c.type] !== undefined) && !(resolution.status === 'resources' && resolution.partly === true);
  const made = others && from.attr(...path).isUnknown ? madeFrom(ctx, from, node) : undefined;
  if (made !== undefined) {
    const target = resolution.status === 'resources' ? resolution.targets[0] : candidates[0];
    const another = KMS_KEY.test(target.type) ? 'key' : 'resource';
    return { status: 'unknown', reason: `${from.address}: ${path.join('.')}: its code makes it from ${target.address} by ${made} (it may name another ${another})`, made: { by: made, from: target } };
  }
  if (resolution.status === 'resources' && resolution.partly === true && !resolution.targets.some((c) => BUCKET_NAMES[c.type] !== undefined) && from.attr(...path).isUnknown) {
    return wholeOrPart(ctx, from, node, resolution);
  }
  if (candidates.length === 0 || !candidates.every((c) => BUCKET_NAMES[c.type] !== undefined) || !from.attr(...path).isUnknown) return resolution;
  const before = tokenWork();
  const value = symbolicValue(ctx, frameOf(from), node);
  const work = tokenWorkSince(before);
  // A function made something of a bucket's name or ARN (`replace(aws_s3_bucket.data.id, "-data-", "-logs-")`): another name.
  if (value === UNKNOWN && work.transforms > 0 && resolution.status === 'resources') {
    const [target] = resolution.targets;
    return { status: 'unknown', reason: `${from.address}: ${path.join('.')} is made by ${calledBy(work)} from ${target.address}'s name or ARN, so it may name another bucket`, made: { by: calledBy(work), from: target } };
  }
  // The instance of the satellite's own key, chosen because the references list `count.index` beside
  // the block alone, where the code that reads the key cannot be read (`reverse(aws_s3_bucket.b)[count.index].id`): a guess.
  if (value === UNKNOWN && node.source.readsKey === true && resolution.status === 'resources' && guessedByKey(node.references)) {
    return { status: 'unknown', reason: `${from.address}: ${path.join('.')} names an instance of ${resolution.targets[0].address.replace(/\[[^\]]*\]$/, '')} its code computes from count.index or each.key, which the gate cannot follow` };
  }
  // A conditional whose condition is not known, each side of which names the same bucket (`var.on ?
  // aws_s3_bucket_policy.p[0].id : aws_s3_bucket.b.id`): that bucket, whichever side is chosen.
  const named = value === UNKNOWN ? sidesNaming(ctx, node.source, frameOf(from), candidates, types, depth) : typeof value === 'string' ? bucketNamed(ctx, value, candidates, types, depth) : undefined;
  if (named !== undefined) {
    // Still one instance of those `named` stands for, when the references said so (`Resolution.oneInstance`).
    const oneInstance = named.oneInstance ?? (resolution.status === 'resources' && resolution.targets[0] === named.bucket ? resolution.oneInstance : undefined);
    return { status: 'resources', targets: [named.bucket], via: 'reference', ...(oneInstance !== undefined ? { oneInstance } : {}) };
  }
  if (typeof value !== 'string' || !hasToken(value)) return resolution;
  const whole = tokenTarget(value);
  const spelled = spelledName(value);
  // Another instance of the block the references name: a plan records `aws_s3_bucket.b[1 - count.index].id`
  // as `aws_s3_bucket.b` and `count.index`, read as the instance of the satellite's own key; the code says which.
  const other = otherInstance(ctx, candidates, whole, spelled, types);
  if (other !== undefined) return { status: 'resources', targets: [other], via: 'reference' };
  if (resolution.status !== 'resources' || whole !== undefined) return resolution;
  const [target] = resolution.targets;
  return { status: 'unknown', reason: `${from.address}: ${path.join('.')} is made by ${calledBy(work)} from ${target.address}'s name or ARN with more text around it, so it names another bucket`, made: { by: calledBy(work), from: target } };
}

/** A KMS key's or alias's type: a link made from one by a function (`madeFrom`) may name another key. */
const KMS_KEY = /^(?:aws|awscc)_kms_(?:key|alias|replica_key|external_key)$/;

/**
 * Text after a resource's attribute that still names the resource, by its type: a log group's ARN with `:*`, as
 * CloudTrail's `cloud_watch_logs_group_arn` takes it (`"${aws_cloudwatch_log_group.trail.arn}:*"`).
 */
const NAMING_SUFFIX: Readonly<Record<string, { readonly attribute: string; readonly suffix: string }>> = {
  aws_cloudwatch_log_group: { attribute: 'arn', suffix: ':*' },
  awscc_logs_log_group: { attribute: 'arn', suffix: ':*' },
};

/**
 * How the code of a link makes something else of the attribute it reads, where it does: by the function that did
 * (`replace()`: `replace(aws_kms_key.k.arn, "/.*\/", "alias/aws/secretsmanager")`, `lower(…)`, `sha256(…)`, whose
 * value may name another key, or an AWS-managed one; `format()`: `format("%s-x", …)`), or `a template`
 * (`"${aws_iam_role.r.arn}x"`). Undefined where the value is the attribute whole, one of several whole references a
 * conditional, `try` or `coalesce` chooses among, or the attribute with text that still names it (`NAMING_SUFFIX`).
 */
function madeFrom(ctx: InputContext, from: Resource, node: Extract<ConfigNode, { kind: 'expr' }>): string | undefined {
  const before = tokenWork();
  const value = symbolicValue(ctx, frameOf(from), node);
  const work = tokenWorkSince(before);
  if (work.transforms > 0) return calledBy(work);
  if (typeof value !== 'string' || !hasToken(value) || tokenTarget(value) !== undefined || namedWithSuffix(ctx, value)) return undefined;
  return calledBy(work);
}

/** Whether `value` is a resource's attribute with the text after it that still names it (`NAMING_SUFFIX`). */
function namedWithSuffix(ctx: InputContext, value: string): boolean {
  const after = afterLeadingToken(value);
  const target = after === undefined ? undefined : tokenTarget(value.slice(0, value.length - after.length));
  const naming = target === undefined ? undefined : NAMING_SUFFIX[ctx.resource(target.address)?.type ?? ''];
  return naming !== undefined && target?.attribute === naming.attribute && after === naming.suffix;
}

/** The function a value's code made it by (`replace()`), as `TokenWork` tells; `a template` where none did. */
const calledBy = (work: TokenWork): string => (work.calls === 0 ? 'a template' : work.caller === undefined ? 'a function' : `${work.caller}()`);

/** A bucket a link's code names, and the one instance of those it stands for that it names, where the link through another resource says so. */
interface Named {
  readonly bucket: Resource;
  readonly oneInstance?: string;
}

/**
 * The one bucket of `candidates` the code's value names, where the references alone do not settle it
 * (`var.primary ? aws_s3_bucket.a.id : aws_s3_bucket.b.id` of a true default): its name or ARN whole,
 * its ARN or an S3 URI spelled from its name, or another resource's attribute that carries the bucket's
 * name (`aws_s3_bucket_policy.p[0].id`, the `bucket` its code names: `FORWARD` in references.ts).
 */
function bucketNamed(ctx: InputContext, value: string, candidates: readonly Resource[], types: readonly string[] | undefined, depth: number): Named | undefined {
  if (!hasToken(value)) return undefined;
  const whole = tokenTarget(value);
  const spelled = spelledName(value);
  const bucket = candidates.find(
    (c) => (whole?.address === c.address && namesBucket(c.type, whole.attribute)) || (spelled?.address === c.address && BUCKET_NAMES[c.type].includes(spelled.attribute)),
  );
  if (bucket !== undefined) return { bucket };
  const carrier = whole === undefined ? undefined : ctx.resource(whole.address);
  if (carrier === undefined || whole === undefined || types === undefined || types.includes(carrier.type) || LINKS.reached(depth)) return undefined;
  const argument = forwardedArgument(carrier, whole.attribute);
  const through = argument === undefined ? undefined : resolveLink(ctx, carrier, [argument], types, depth + 1);
  if (through?.status !== 'resources' || through.targets.length !== 1 || through.partly === true || through.unknownPart === true || !candidates.includes(through.targets[0])) return undefined;
  return { bucket: through.targets[0], ...(through.oneInstance !== undefined ? { oneInstance: through.oneInstance } : {}) };
}

/** The one bucket every side of a conditional names (`CodeSource.sides`, a side itself one conditional read the same way); undefined where they name different ones or one names none. */
function sidesNaming(ctx: InputContext, source: CodeSource, frame: Frame, candidates: readonly Resource[], types: readonly string[] | undefined, depth: number): Named | undefined {
  const named = (source.sides ?? []).map((side) => {
    const value = codeValue(ctx, frame, side, 0);
    return value === UNKNOWN ? sidesNaming(ctx, side, frame, candidates, types, depth) : typeof value === 'string' ? bucketNamed(ctx, value, candidates, types, depth) : undefined;
  });
  const [first] = named;
  return first !== undefined && named.every((n) => n?.bucket === first.bucket && n.oneInstance === first.oneInstance) ? first : undefined;
}

/**
 * A link by references that read more than its one target (`var.key != "" ? var.key : aws_kms_key.k.arn`), with
 * the code at hand: the target's attribute whole where the code gives it (`var.key` known to be ""), else a value
 * that may be something else (`unknownPart`: `var.key` not known, `coalesce(var.key, aws_kms_key.k.arn)`).
 */
function wholeOrPart(ctx: InputContext, from: Resource, node: Extract<ConfigNode, { kind: 'expr' }>, resolution: Extract<Resolution, { status: 'resources' }>): Resolution {
  const value = symbolicValue(ctx, frameOf(from), node);
  const whole = typeof value === 'string' ? tokenTarget(value) : undefined;
  const { partly: _partly, unknownPart: _unknownPart, ...link } = resolution;
  if (resolution.targets.length === 1 && whole?.address === resolution.targets[0].address) return link;
  return { ...resolution, unknownPart: true };
}

/**
 * A resource object as the code reads it: one instance's attributes (a known value as the plan has
 * it, else the token of the attribute), a list of them by `count` index or a map by `for_each` key.
 * An attribute the configuration's values leave out (`arn`) is read as the instance's reference
 * (`instanceObject`), so `local.buckets[0].arn` of `buckets = [aws_s3_bucket.a]` is bucket a's ARN.
 */
function objectValue(ctx: InputContext, frame: Frame, block: string, depth: number, reading: Reading): unknown {
  const instances = ctx.instances(moduleAddress(frame.module), block);
  const keys = instances.map((r) => r.data.index);
  const instanceOf = (instance: Resource, traversal: string | undefined) => {
    // Terraform refuses a root output that prints a value it marks sensitive: unknown in the `values` reading.
    if (reading === 'values' && instance.values.isSensitive) return UNKNOWN;
    const attributes = attributesOf(instance);
    return traversal === undefined ? attributes : instanceObject(attributes, (attribute) => referenceValue(ctx, frame, `${traversal}.${attribute}`, depth, reading));
  };
  if (instances.length === 1 && keys[0] === undefined) return instanceOf(instances[0], block);
  if (instances.length > 0 && keys.every((k) => typeof k === 'number')) {
    const list: unknown[] = [];
    for (const instance of instances) list[instance.data.index as number] = instanceOf(instance, `${block}[${instance.data.index}]`);
    return list.length === instances.length ? list : UNKNOWN;
  }
  if (instances.length > 0 && keys.every((k) => typeof k === 'string')) {
    const map = record();
    // A key a traversal could not hold as a plain string index is not read as one.
    for (const instance of instances) map[instance.data.index as string] = instanceOf(instance, /["\\$%\n]/.test(instance.data.index as string) ? undefined : `${block}[${JSON.stringify(instance.data.index)}]`);
    return map;
  }
  return UNKNOWN;
}

/**
 * A module call as the code reads it whole (`for_each = module.buckets`): one instance's outputs, a list of them by
 * `count` index or a map by `for_each` key, each output read as `module.buckets["a"].ids` is where the code reads it
 * (`instanceObject`: `each.value.ids`). Unknown where its instances are not known. In the `values` reading, each
 * output is read at once: the object whole is what terraform prints of a root output `value = module.m`.
 */
function moduleObjectValue(ctx: InputContext, frame: Frame, name: string, depth: number, reading: Reading): unknown {
  const instances = moduleInstancesIn(ctx, frame, name);
  const keys = instances.map((step) => step.key);
  const outputsOf = (key: number | string | undefined) => {
    const traversal = `module.${name}${key === undefined ? '' : `[${JSON.stringify(key)}]`}`;
    const read = (output: string) => referenceValue(ctx, frame, `${traversal}.${output}`, depth, reading);
    const outputs = record();
    if (reading === 'values') for (const output of ctx.outputsOf(callPath(moduleConfigPath(frame.module), name))) outputs[output.name] = read(output.name);
    return instanceObject(outputs, read);
  };
  if (instances.length === 1 && keys[0] === undefined) return ctx.call(moduleConfigPath(frame.module), name)?.repetition === undefined ? outputsOf(undefined) : UNKNOWN;
  if (instances.length > 0 && keys.every((k) => typeof k === 'number')) {
    const list: unknown[] = [];
    for (const key of keys as number[]) list[key] = outputsOf(key);
    return list.length === instances.length ? list : UNKNOWN;
  }
  if (instances.length > 0 && keys.every((k) => typeof k === 'string' && !/["\\$%\n]/.test(k))) {
    const map = record();
    for (const key of keys as string[]) map[key] = outputsOf(key);
    return map;
  }
  return UNKNOWN;
}

/** The instance of key `key` of a block's object (`objectValue`); unknown where it has none. */
function instanceValue(block: unknown, key: number | string): unknown {
  const found = (typeof key === 'number' && Array.isArray(block)) || (typeof key === 'string' && isRecord(block)) ? ownAt(block, [key]) : undefined;
  return found === undefined ? UNKNOWN : found;
}

function attributesOf(resource: Resource): Record<string, unknown> {
  const out = record();
  const entries = resource.values.map();
  if (entries.kind !== 'known') return out;
  for (const [name, view] of Object.entries(entries.value)) {
    const text = view.string();
    out[name] = text.kind === 'known' ? (RESERVED.test(text.value) ? UNKNOWN : text.value) : view.isUnknown ? referenceToken(resource.address, name) : view.raw === undefined ? UNKNOWN : view.raw;
  }
  return out;
}

/** Whether references list the instance's key beside blocks named without an index (a plan's `aws_s3_bucket.b`, `count.index`). */
function guessedByKey(references: readonly string[]): boolean {
  const parsed = references.map(parseRef);
  return parsed.some((ref) => ref.kind === 'instance-key') && parsed.every((ref) => ref.kind !== 'resource' && ref.kind !== 'module' ? true : ref.index === undefined);
}

/** The bucket the code names whole (its name or ARN, or its ARN spelled from its name) where it is another instance of a candidate's block. */
function otherInstance(
  ctx: InputContext,
  candidates: readonly Resource[],
  whole: ReturnType<typeof tokenTarget>,
  spelled: ReturnType<typeof tokenTarget>,
  types: readonly string[] | undefined,
): Resource | undefined {
  const target = whole ?? spelled;
  const bucket = target === undefined ? undefined : ctx.resource(target.address);
  if (target === undefined || bucket === undefined || (types !== undefined && !types.includes(bucket.type))) return undefined;
  const names = whole !== undefined ? namesBucket(bucket.type, target.attribute) : (BUCKET_NAMES[bucket.type] ?? []).includes(target.attribute);
  const block = parseInstanceAddress(bucket.address)?.block;
  return names && block !== undefined && candidates.some((c) => parseInstanceAddress(c.address)?.block === block) ? bucket : undefined;
}

function referenceValue(ctx: InputContext, frame: Frame, traversal: string, depth: number, reading: Reading): unknown {
  const ref = parseRef(traversal);
  if (ref.kind === 'resource') {
    // The object itself, which the code indexes or reads further (`aws_s3_bucket.b[1 - count.index].id`),
    // or one instance of it named by a literal key (`buckets = [aws_s3_bucket.m["x"]]`).
    if (ref.attr.length === 0) {
      const { index } = ref;
      if (index === undefined) return objectValue(ctx, frame, blockAddress(ref), depth, reading);
      return index.kind === 'literal' ? instanceValue(objectValue(ctx, frame, blockAddress(ref), depth, reading), index.value) : UNKNOWN;
    }
    if (ref.mode === 'data' && ref.type === 'terraform_remote_state') return crossStackValue(ctx, traversal, depth);
    if (ref.mode === 'data' && ref.type === 'aws_partition' && ref.attr.length === 1 && ref.attr[0] === 'partition') return 'aws';
    const parsed = ref.attr.length === 1 || reading === 'values' ? parseTemplate(`\${${traversal}}`) : undefined;
    if (parsed === undefined || parsed.literal) return UNKNOWN;
    const resolution = resolveReferences(ctx, frame, parsed.references);
    if (resolution.status !== 'resources' || resolution.targets.length !== 1) return UNKNOWN;
    const [target] = resolution.targets;
    const whole = reading === 'values' ? valueAt(target, traversal) : undefined;
    if (whole !== undefined) return whole;
    if (ref.attr.length !== 1) return UNKNOWN;
    // Known: the value, as the plan will use it (unless its text could pass for a token: not read).
    // Otherwise (computed at apply; in code, not written): the token.
    const value = target.attr(ref.attr[0]).string();
    if (value.kind === 'known') return RESERVED.test(value.value) ? UNKNOWN : value.value;
    // A policy document's json known only after apply: the one its code makes, where it reads whole.
    if (target.mode === 'data' && target.type === POLICY_DOCUMENT_TYPE && (ref.attr[0] === 'json' || ref.attr[0] === 'minified_json')) {
      const json = depth < MAX_DEPTH ? documentJsonFromCode(ctx, target, depth + 1) : undefined;
      if (json !== undefined) return json;
    }
    return referenceToken(target.address, ref.attr[0]);
  }
  if (ref.kind === 'module' && ref.output !== undefined && traversal.endsWith(`.${ref.output}`)) {
    const step = moduleInstance(ctx, frame, ref.name, ref.index);
    if (step === undefined) return UNKNOWN;
    const child: Frame = { module: [...frame.module, step] };
    const output = ctx.output(moduleConfigPath(child.module), ref.output);
    // Terraform refuses a root output that prints a sensitive one, unless it is sensitive too.
    if (reading === 'values' && output?.sensitive === true) return UNKNOWN;
    return followed(ctx, `${readingKey(reading)}output ${depth} ${moduleAddress(child.module)} ${ref.output}`, () => symbolicValue(ctx, child, output?.expr, depth + 1, reading));
  }
  if (ref.kind === 'module' && ref.output === undefined && ref.index === undefined && traversal === `module.${ref.name}`) return moduleObjectValue(ctx, frame, ref.name, depth, reading);
  // The argument, or an attribute of it (`var.cfg.key_arn` of `cfg = { key_arn = aws_kms_key.k.arn }`).
  if (ref.kind !== 'var') return UNKNOWN;
  const attributes = /^(?:\.[A-Za-z_][A-Za-z0-9_-]*)*$/.exec(traversal.slice(`var.${ref.name}`.length))?.[0];
  const caller = attributes === undefined ? undefined : callOf(ctx, frame);
  if (attributes === undefined || caller === undefined) return UNKNOWN;
  // A variable the module marks sensitive: Terraform refuses an output that prints it, as one of a sensitive output.
  if (reading === 'values' && ctx.input.variableDeclarations?.some((v) => v.sensitive && v.name === ref.name && v.module === moduleConfigPath(frame.module))) return UNKNOWN;
  // The caller is the module instance's: its arguments are read once for every reference to them.
  const argument = followed(ctx, `${readingKey(reading)}argument ${depth} ${moduleAddress(frame.module)} ${ref.name}`, () => symbolicValue(ctx, caller.frame, caller.call?.inputs[ref.name], depth + 1, reading));
  const found = ownAt(argument, attributes.split('.').slice(1));
  return found === undefined ? UNKNOWN : found;
}

/**
 * A cdktf cross-stack output (`data.terraform_remote_state.cross-stack-reference-input-sa.outputs.…`)
 * of a stack checked too, whose value is one reference written whole: what that reference is in its
 * stack, a token there as one of that stack's input. Anything else is unknown.
 */
function crossStackValue(ctx: InputContext, traversal: string, depth: number): unknown {
  const remote = remoteOutput(ctx, traversal);
  if (remote === undefined || depth >= MAX_DEPTH) return UNKNOWN;
  const value = referenceValue(remote.ctx, { module: [] }, remote.reference, depth + 1, 'links');
  if (typeof value !== 'string') return UNKNOWN;
  if (!hasToken(value)) return value;
  const target = tokenTarget(value);
  return target === undefined ? UNKNOWN : inputReferenceToken(remote.ctx.input.input, target.address, target.attribute);
}

/** The one instance of module call `name` in `frame` that `index` (as written after it) names. */
function moduleInstance(ctx: InputContext, frame: Frame, name: string, index: IndexSpec | undefined): ModuleStep | undefined {
  const instances = moduleInstancesIn(ctx, frame, name);
  if (index === undefined) return instances.length === 1 && instances[0].key === undefined ? instances[0] : undefined;
  const key = index.kind === 'literal' ? index.value : index.kind === 'self' ? frame.key : undefined;
  return key === undefined ? undefined : instances.find((step) => step.key === key);
}
