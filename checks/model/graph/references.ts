/**
 * Where an attribute points: by known value when Terraform knows it, by configuration references
 * when it does not.
 *
 * References are followed relative to the module instance the expression is in: `module.m.out` goes
 * into the module's output expression, `var.x` inside a module goes to the module call's input in
 * the parent. Across `count`/`for_each` instances, an index written as `count.index`/`each.key`
 * (inline, or — as Terraform's plan writes it — an unindexed reference listed beside `count.index`
 * or `each.key`) picks the instance with the same key as the one the expression is evaluated in; a
 * literal index picks that instance; an unindexed reference to a repeated resource with nothing to
 * choose is ambiguous. `each.value` is followed only when the for_each of the object the expression
 * belongs to is one resource block (`for_each = aws_s3_bucket.m`) or module call (`for_each =
 * module.buckets`): in the instance keyed K it is `aws_s3_bucket.m[K]`, `module.buckets[K]`. Nothing
 * is ever matched by name.
 */
import { otherKeyType } from '../evaluate';
import type { ModuleCallData, OutputData, Resolution, Resource } from '../types';
import type { PathSeg } from '../value';
import { type IndexSpec, type ModuleStep, moduleAddress, moduleConfigPath, parseModuleAddress, parseRef, type Ref } from './addresses';
import { configAt, referencesIn } from './config';
import type { InputContext } from './context';
import { BUCKET_NAMES, IDENTIFIED_TYPES, IDENTITY_ATTRIBUTES, isKmsAlias, namesBucket } from './identity';
import { Resolver, type Walked } from './resolutions';
import { blockAddress } from './resource';

/** Where an expression is evaluated: a module instance and the instance key of `count.index`/`each.key`. */
export interface Frame {
  readonly module: readonly ModuleStep[];
  readonly key?: number | string;
  /** The references of the for_each of the resource or module call the expression belongs to. */
  readonly forEach?: readonly string[];
  /** True for a module call's inputs: a variable may take `each.value` whole (an object). */
  readonly wholeEachValue?: boolean;
  /** A module call's `for_each` written as a map: the references of each key's element. */
  readonly elements?: Readonly<Record<string, readonly string[]>>;
}

/** What the references of one expression lead to. */
interface Outcome {
  readonly exact: Resource[];
  readonly ambiguous: Resource[];
  readonly values: string[];
  readonly reasons: string[];
  /** Of the exact targets, those named by one instance of the many they stand for (`Resolution.oneInstance`): what is named. */
  readonly oneInstance: string[];
}

const MAX_DEPTH = 24;

/**
 * Attributes of a non-target resource that carry the target through: a reference to
 * `aws_kms_alias.a.target_key_arn` names the key its `target_key_id` names. Beyond this table, an
 * attribute that is also an argument of the referenced resource (`aws_s3_bucket_versioning.v.bucket`)
 * carries whatever that argument names. The bucket satellites that take no `expected_bucket_owner`
 * have their bucket's name as their id (the provider's `d.SetId(bucket)`): terraform-aws-modules'
 * s3-bucket names its public access block's bucket by `aws_s3_bucket_policy.this[0].id`.
 */
const FORWARD: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_kms_alias: { target_key_arn: 'target_key_id', target_key_id: 'target_key_id', arn: 'target_key_id', name: 'target_key_id', id: 'target_key_id' },
  aws_s3_bucket_policy: { id: 'bucket' },
  aws_s3_bucket_public_access_block: { id: 'bucket' },
  aws_s3_bucket_ownership_controls: { id: 'bucket' },
};

/** The argument of `target` (not itself a target) whose name its attribute `attr` carries (`FORWARD`); undefined where it carries none. */
export const forwardedArgument = (target: Resource, attr: string): string | undefined => FORWARD[target.type]?.[attr] ?? (configAt(target.data.config, [attr]) ? attr : undefined);

const emptyOutcome = (): Outcome => ({ exact: [], ambiguous: [], values: [], reasons: [], oneInstance: [] });

/** Adds what `sub` leads to into `into`, its reasons told as `reasons` (the caller says where they came from). */
function absorb(into: Outcome, sub: Outcome, reasons: readonly string[]): void {
  into.exact.push(...sub.exact);
  into.ambiguous.push(...sub.ambiguous);
  into.values.push(...sub.values);
  into.oneInstance.push(...sub.oneInstance);
  into.reasons.push(...reasons);
}

/**
 * What an expression names of `block` (a resource block, or `module.m`) whose count or for_each
 * (`unknownCount`) has no known value, as `Resolution.oneInstance` tells it: the instance of
 * `index`, or the block without saying which (`whole`, `through` the ways it may have been lost);
 * undefined where the count is known or the expression names neither.
 */
function oneInstanceOf(block: string, unknownCount: string | undefined, index: number | string | undefined, whole: boolean | undefined, through: string): string | undefined {
  if (unknownCount === undefined) return undefined;
  if (index !== undefined) return `${block}[${JSON.stringify(index)}], one instance of ${block}, whose \`${unknownCount}\` has no known value`;
  return whole ? `${block} without saying which instance (through ${through}), whose \`${unknownCount}\` has no known value` : undefined;
}
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
/** Instance keys match by type too: a count index is a number, a for_each key a string. */
const sameKey = (a: number | string | undefined, b: number | string | undefined): boolean => a !== undefined && a === b;

export const frameOf = (r: Resource): Frame => ({
  module: parseModuleAddress(r.module),
  ...(r.index !== undefined ? { key: r.index } : {}),
  ...(r.data.forEachRefs ? { forEach: r.data.forEachRefs } : {}),
});

const EACH_VALUE = /^each\.value(?=$|[.[])/;

/**
 * What `each.value` is in a frame: the instance of the for_each's resource block or module call with
 * the frame's key (`aws_s3_bucket.m["a"]`, `module.buckets["a"]`, whose outputs `each.value.<output>`
 * reads), or why it cannot be told. The for_each must reference exactly one resource block or module
 * call, unindexed and whole; anything else (a local, a variable, an attribute, an output, several
 * objects) is a collection the graph does not evaluate.
 */
function eachValueSource(frame: Frame, refs: readonly string[]): { source: string } | { reason: string } {
  const [only, ...more] = frame.forEach ?? [];
  const ref = only !== undefined && more.length === 0 ? parseRef(only) : undefined;
  // A module call whole (`for_each = module.buckets`): each.value is its instance of the same key, an object of its outputs.
  const whole = (ref?.kind === 'resource' && ref.attr.length === 0) || (ref?.kind === 'module' && ref.output === undefined) ? ref : undefined;
  if (whole === undefined || whole.index !== undefined || typeof frame.key !== 'string') {
    return { reason: 'it comes from each.value, and the for_each expression is not a single resource or module call whose instances could be followed' };
  }
  // A resource attribute cannot hold a whole object: `each.value` alone means the for_each made
  // something else of the resource's instances (`{ for k, b in … : k => b.arn }`).
  if (!frame.wholeEachValue && refs.every((r) => !EACH_VALUE.test(r) || r === 'each.value')) {
    return { reason: `it comes from each.value as a whole, which ${only} holds only after a transformation that is not followed` };
  }
  return { source: `${whole.kind === 'module' ? `module.${whole.name}` : blockAddress(whole)}[${JSON.stringify(frame.key)}]` };
}

/**
 * The references with `each.value…` written as the for_each's instance (`aws_s3_bucket.m["a"]…`)
 * when it can be told; `each.value` or a part of it (`each.value.kms_key_id`), over a map written in
 * the code, as that key's element's (the part is made of them).
 */
function withEachValue(refs: readonly string[], frame: Frame): { refs: readonly string[]; reason?: string } {
  if (!refs.some((r) => EACH_VALUE.test(r))) return { refs };
  const element = typeof frame.key === 'string' && frame.elements && Object.prototype.hasOwnProperty.call(frame.elements, frame.key) ? frame.elements[frame.key] : undefined;
  if (element) return { refs: [...refs.filter((r) => !EACH_VALUE.test(r)), ...element] };
  const each = eachValueSource(frame, refs);
  if ('reason' in each) return { refs, reason: each.reason };
  return { refs: refs.map((r) => r.replace(EACH_VALUE, each.source)) };
}

/** Resolutions of attributes, each kept once resolved (resolutions.ts): at most one walk per (resource, attribute, types) and depth. */
const ATTRIBUTES = new Resolver(MAX_DEPTH);

/**
 * Links `from`'s attribute at `path` to resources of `types` in its input. Code whose references lead back to an
 * attribute being resolved (a cycle, which terraform refuses) is unknown there.
 */
export function resolveAttribute(ctx: InputContext, from: Resource, path: readonly PathSeg[], types: readonly string[] | undefined, depth = 0): Resolution {
  return ATTRIBUTES.resolve(ctx, from, path, types, depth, 'attribute', () => resolveAttributeOnce(ctx, from, path, types, depth), cycleMet);
}

const cycleMet = (from: Resource, path: readonly PathSeg[]): Resolution => ({
  status: 'unknown',
  reason: `${from.address}: ${path.join('.')} leads back to itself (a cycle, which terraform refuses)`,
});

function resolveAttributeOnce(ctx: InputContext, from: Resource, path: readonly PathSeg[], types: readonly string[] | undefined, depth: number): Resolution {
  const view = from.attr(...path);
  const refs = referencesIn(configAt(from.data.config, path), true);
  if (!view.isUnknown && !view.isAbsent) {
    const value = view.string();
    if (value.kind !== 'known') return { status: 'unknown', reason: `${from.address}: ${path.join('.')} is not a single name` };
    const byValue = resolveValue(ctx, value.value, types, depth);
    if (byValue.status !== 'ambiguous' || refs.length === 0) return byValue;
    // A value naming several resources (the same bucket name planned in two module instances): the
    // configuration's own reference settles it when it names one of them. A value naming nothing is
    // never overruled by a reference (`"${aws_s3_bucket.b.id}-logs"` is not bucket b).
    const byRef = toResolution(evaluate(ctx, refs, frameOf(from), types, depth), `${from.address}: ${path.join('.')}`);
    return byRef.status === 'resources' && byRef.targets.every((t) => byValue.candidates.includes(t)) ? byRef : byValue;
  }
  if (view.isAbsent && refs.length === 0) return { status: 'absent' };
  if (refs.length === 0) return { status: 'unknown', reason: `${from.address}: ${path.join('.')}: its configuration names no resource` };
  return toResolution(evaluate(ctx, refs, frameOf(from), types, depth), `${from.address}: ${path.join('.')}`);
}

/**
 * What the references of one expression evaluated in `frame` name (the references Terraform
 * lists for it: `aws_s3_bucket.b[count.index].arn` is `aws_s3_bucket.b`, `count.index`).
 */
export function resolveReferences(ctx: InputContext, frame: Frame, references: readonly string[]): Resolution {
  return toResolution(evaluate(ctx, references, frame, undefined, 0), moduleAddress(frame.module) || 'the root module');
}

/** What the root module's output `name` names among resources of `types` (a cdktf stack's cross-stack output); undefined without such an output. */
export function resolveRootOutput(ctx: InputContext, name: string, types: readonly string[]): Resolution | undefined {
  const output = ctx.output('', name);
  return output === undefined ? undefined : toResolution(evaluate(ctx, referencesIn(output.expr), { module: [] }, types, 0), `output ${name}`);
}

/** Links a known value to the resources whose known identifying values it matches. */
function resolveValue(ctx: InputContext, value: string, types: readonly string[] | undefined, depth: number): Resolution {
  const candidateTypes = types ?? IDENTIFIED_TYPES;
  if (candidateTypes.includes('aws_kms_key') && !candidateTypes.includes('aws_kms_alias') && isKmsAlias(value)) {
    const aliases = ctx.identity.find(value, ['aws_kms_alias']);
    if (aliases.length > 1) return { status: 'ambiguous', candidates: aliases };
    if (aliases.length === 1) return ATTRIBUTES.reached(depth) ? tooDeep(value) : resolveAttribute(ctx, aliases[0], ['target_key_id'], ['aws_kms_key'], depth + 1);
  }
  const matches = ctx.identity.find(value, candidateTypes);
  if (matches.length === 1) return { status: 'resources', targets: matches, via: 'value' };
  if (matches.length > 1) return { status: 'ambiguous', candidates: matches };
  return { status: 'value', value };
}

const tooDeep = (what: string): Resolution => ({ status: 'unknown', reason: `${what}: the chain of references is too long to follow` });

function toResolution(outcome: Outcome, what: string): Resolution {
  const exact = unique(outcome.exact);
  const ambiguous = unique([...outcome.ambiguous, ...(exact.length > 1 ? exact : [])]);
  if (exact.length === 1 && ambiguous.length === 0) {
    const partly = outcome.values.length > 0 || outcome.reasons.length > 0;
    const oneInstance = unique(outcome.oneInstance);
    return { status: 'resources', targets: exact, via: 'reference', ...(partly ? { partly } : {}), ...(oneInstance.length > 0 ? { oneInstance: oneInstance.join('; ') } : {}) };
  }
  if (ambiguous.length > 0) return { status: 'ambiguous', candidates: unique([...exact, ...ambiguous]) };
  const values = unique(outcome.values);
  if (values.length === 1) return { status: 'value', value: values[0] };
  const reasons = unique(outcome.reasons);
  const told = reasons.length > 0 ? reasons.join('; ') : 'known only after apply and its references name no resource';
  // Each module level joins its outputs' reasons: nested modules would double the text at every level.
  return { status: 'unknown', reason: `${what}: ${told.length > MAX_REASON ? `${told.slice(0, MAX_REASON)}…` : told}` };
}

/** Characters of one unknown resolution's reasons told, at most. */
const MAX_REASON = 1_000;

function merge(into: Outcome, resolution: Resolution, ambiguous: boolean): void {
  switch (resolution.status) {
    case 'resources':
      (ambiguous ? into.ambiguous : into.exact).push(...resolution.targets);
      if (resolution.oneInstance !== undefined) into.oneInstance.push(resolution.oneInstance);
      break;
    case 'ambiguous':
      into.ambiguous.push(...resolution.candidates);
      break;
    case 'value':
      into.values.push(resolution.value);
      break;
    case 'unknown':
      into.reasons.push(resolution.reason);
      break;
    case 'absent':
      break;
  }
}

/** Group key of a reference: the object it names (`aws_s3_bucket.b`, `module.m`, `var.x`). */
function groupKey(ref: Ref): string | undefined {
  switch (ref.kind) {
    case 'resource':
      return `${ref.mode}|${ref.type}.${ref.name}`;
    case 'module':
      return `module|${ref.name}`;
    case 'var':
    case 'local':
      return `${ref.kind}|${ref.name}`;
    case 'each-value':
      return 'each.value';
    default:
      return undefined;
  }
}

/** Evaluates the references of one expression in a frame. */
function evaluate(ctx: InputContext, refs: readonly string[], frame: Frame, types: readonly string[] | undefined, depth: number): Outcome {
  const out = emptyOutcome();
  if (ATTRIBUTES.reached(depth)) {
    out.reasons.push('the chain of references is too long to follow');
    return out;
  }
  const expanded = withEachValue(refs, frame);
  const parsed = expanded.refs.map(parseRef);
  const perInstance = parsed.some((ref) => ref.kind === 'instance-key');
  const groups = new Map<string, Ref[]>();
  for (const ref of parsed) {
    const key = groupKey(ref);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(ref);
    else groups.set(key, [ref]);
  }
  for (const group of groups.values()) {
    const first = group[0];
    if (first.kind === 'resource') evaluateResource(ctx, frame, group as Extract<Ref, { kind: 'resource' }>[], perInstance, types, depth, out);
    else if (first.kind === 'module') evaluateModule(ctx, frame, group as Extract<Ref, { kind: 'module' }>[], perInstance, types, depth, out);
    else if (first.kind === 'var') evaluateVariable(ctx, frame, first.name, types, depth, out);
    else if (first.kind === 'local') out.reasons.push(localReason(ctx, frame, first.name));
    else out.reasons.push(expanded.reason ?? 'it comes from each.value, which is not followed');
  }
  return out;
}

/**
 * Why a reference to `local.<name>` leads nowhere: a plan's configuration records no locals; a configuration
 * loader's expands every local's references (`Evaluator.expand`) but those of a cycle of locals (which terraform
 * refuses), of one it does not declare (refused too) and of one deeper than the evaluator follows.
 */
function localReason(ctx: InputContext, frame: Frame, name: string): string {
  if (ctx.input.kind === 'plan') return `it comes from local.${name}, and locals are not in the input`;
  const module = moduleConfigPath(frame.module);
  const local = ctx.input.locals?.find((l) => l.module === module && l.name === name);
  if (local === undefined) return `it comes from local.${name}, which its module does not declare (terraform refuses it)`;
  if (local.cycle === undefined) return `it comes from local.${name}, whose chain of locals is too long to follow`;
  const through = local.cycle.slice(1).map((l) => `local.${l}`);
  return `local.${name} leads back to itself${through.length > 0 ? ` through ${through.join(', ')}` : ''} (a cycle, which terraform refuses)`;
}

/** The index specs written for one object, most specific first; `undefined` when none is written. */
function indexesOf(group: readonly { index?: IndexSpec }[]): IndexSpec[] {
  const specs = group.flatMap((ref) => (ref.index ? [ref.index] : []));
  const literals = unique(specs.flatMap((s) => (s.kind === 'literal' ? [JSON.stringify(s.value)] : []))).map((s) => ({ kind: 'literal' as const, value: JSON.parse(s) as number | string }));
  if (literals.length > 0) return literals;
  return specs.length > 0 ? [specs[0]] : [];
}

/**
 * Chooses among the instances of a repeated object; `byKey` finds one instance by its key. With
 * `keysUnknown` (a configuration whose `count` or `for_each` is not known: one instance stands for
 * all of them), an index written in the reference (`aws_s3_bucket.this[0]`), or the key of the
 * instance the expression is in (`[count.index]` in instance 1 of a count of 2), chooses that
 * instance, and `index` says which it named: the instance stands for that one, maybe among others.
 * A reference that names no instance (`aws_s3_bucket.this` through a local or a module output that
 * is indexed where it is used, a splat, an index not read) is `whole`: what it names among them is
 * not told. Only the instance of the expression's own unknown keys (`[count.index]` of a block on
 * the same count) is neither.
 */
function choose<T>(
  instances: readonly T[],
  byKey: (key: number | string) => T | undefined,
  specs: readonly IndexSpec[],
  perInstance: boolean,
  frame: Frame,
  keysUnknown = false,
): { chosen: T[]; ambiguous: boolean; index?: number | string; whole?: true } {
  const literals = specs.filter((s): s is Extract<IndexSpec, { kind: 'literal' }> => s.kind === 'literal');
  if (literals.length > 0) {
    const chosen = unique(
      literals.flatMap((s) => {
        // Terraform converts the index to the instances' key type: `[0]` of a for_each names key "0".
        const other = otherKeyType(s.value);
        return byKey(s.value) ?? (other === undefined ? undefined : byKey(other)) ?? [];
      }),
    );
    if (chosen.length === 0 && keysUnknown) return { chosen: [...instances], ambiguous: false, ...(literals.length === 1 ? { index: literals[0].value } : {}) };
    return { chosen, ambiguous: chosen.length > 1 };
  }
  const self = specs.some((s) => s.kind === 'self') || (specs.length === 0 && perInstance);
  const same = self && frame.key !== undefined ? byKey(frame.key) : undefined;
  if (same !== undefined) return { chosen: [same], ambiguous: false };
  if (keysUnknown && self && frame.key !== undefined) return { chosen: [...instances], ambiguous: false, index: frame.key };
  if (keysUnknown && !self) return { chosen: [...instances], ambiguous: false, whole: true };
  return { chosen: [...instances], ambiguous: instances.length > 1 };
}

function evaluateResource(
  ctx: InputContext,
  frame: Frame,
  group: readonly Extract<Ref, { kind: 'resource' }>[],
  perInstance: boolean,
  types: readonly string[] | undefined,
  depth: number,
  out: Outcome,
): void {
  const { mode, type, name } = group[0];
  const block = blockAddress({ mode, type, name });
  const attr = group.reduce<readonly string[]>((longest, ref) => (ref.attr.length > longest.length ? ref.attr : longest), [])[0];
  const instances = ctx.instances(moduleAddress(frame.module), block);
  if (instances.length === 0) {
    out.reasons.push(`it comes from ${block}, which is not in ${ctx.input.input}`);
    return;
  }
  // A configuration loader's one instance of a block repeated by keys it cannot know.
  const keysUnknown = instances.length === 1 && instances[0].data.repetition !== undefined && instances[0].data.index === undefined;
  const { chosen, ambiguous, index, whole } = choose(instances, (key) => ctx.instance(moduleAddress(frame.module), block, key), indexesOf(group), perInstance, frame, keysUnknown);
  if (chosen.length === 0) {
    out.reasons.push(`it comes from an instance of ${block} that is not in ${ctx.input.input}`);
    return;
  }
  for (const target of chosen) {
    if (types === undefined || types.includes(target.type)) {
      // A bucket is named by its name, id or ARN: another of its attributes (its region, its domain name, a tag) names something else.
      if (attr !== undefined && BUCKET_NAMES[target.type] !== undefined && target.mode === 'managed' && !namesBucket(target.type, attr)) {
        out.reasons.push(`it comes from ${target.address}'s ${attr}, which does not name it`);
        continue;
      }
      if (target.mode === 'data' && IDENTITY_ATTRIBUTES[target.type]) merge(out, dataSourceValue(ctx, target, attr, types, depth), ambiguous);
      else (ambiguous ? out.ambiguous : out.exact).push(target);
      // `aws_s3_bucket.data[0]` of a block whose count is not known: the target's configuration is
      // that instance's, but the target stands for the others too, which the expression does not name.
      // So does `local.all[0]` of `local.all = aws_s3_bucket.data`: the index is lost on the way.
      const oneInstance = oneInstanceOf(block, target.data.instancesUnknown, index, whole, 'a local, a module output, a splat or an index not read');
      if (oneInstance !== undefined) out.oneInstance.push(oneInstance);
      continue;
    }
    const forward = attr === undefined ? undefined : forwardedArgument(target, attr);
    if (forward === undefined) out.reasons.push(`it comes from ${target.address}, which is not a ${types.join(' or ')}`);
    else merge(out, resolveAttribute(ctx, target, [forward], types, depth + 1), ambiguous);
  }
}

/** A data source of an identified type (`data.aws_s3_bucket.x`) names an existing object by its known values. */
function dataSourceValue(ctx: InputContext, source: Resource, attr: string | undefined, types: readonly string[] | undefined, depth: number): Resolution {
  for (const name of unique([...(attr ? [attr] : []), ...(IDENTITY_ATTRIBUTES[source.type] ?? [])])) {
    const value = source.attr(name).string();
    if (value.kind === 'known') return resolveValue(ctx, value.value, types, depth + 1);
  }
  return { status: 'unknown', reason: `${source.address} is read only at apply` };
}

/** A module call as a message names it, its source as every report shows it: `module.this (cloudposse/label/null)`. */
const callNamed = (name: string, call: ModuleCallData): string => `module.${name}${call.shownSource !== undefined ? ` (${call.shownSource})` : ''}`;

/** Module calls `modulesNotLoaded` names, told: `module.this (cloudposse/label/null), which is not loaded`. */
export const notLoadedTold = (calls: readonly string[]): string => `${calls.join(' and ')}, ${calls.length === 1 ? 'which is' : 'which are'} not loaded`;

/**
 * The module calls `from`'s attribute at `path` reads an output of whose module twinguard has not loaded
 * (`tags = module.this.tags` of a registry module `terraform init` has not installed), as a message names them:
 * Terraform knows such a value at plan time, twinguard does not.
 */
export function modulesNotLoaded(ctx: InputContext, from: Resource, path: readonly PathSeg[]): string[] {
  const parent = moduleConfigPath(parseModuleAddress(from.module));
  const named = new Set<string>();
  for (const reference of referencesIn(configAt(from.data.config, path))) {
    const ref = parseRef(reference);
    const call = ref?.kind === 'module' ? ctx.call(parent, ref.name) : undefined;
    if (ref?.kind === 'module' && call?.notLoaded !== undefined) named.add(callNamed(ref.name, call));
  }
  return [...named];
}

function evaluateModule(
  ctx: InputContext,
  frame: Frame,
  group: readonly Extract<Ref, { kind: 'module' }>[],
  perInstance: boolean,
  types: readonly string[] | undefined,
  depth: number,
  out: Outcome,
): void {
  const name = group[0].name;
  const call = ctx.call(moduleConfigPath(frame.module), name);
  if (call?.notLoaded !== undefined) {
    out.reasons.push(`it comes from ${callNamed(name, call)}, which is not loaded (check a plan to follow it)`);
    return;
  }
  const instances = moduleInstancesIn(ctx, frame, name);
  if (instances.length === 0) {
    out.reasons.push(`it comes from module.${name}, which has no instance in ${ctx.input.input}`);
    return;
  }
  const byKey = (key: number | string) => instances.find((step) => sameKey(step.key, key));
  // A configuration loader's one instance of a call repeated by keys it cannot know.
  const keysUnknown = instances.length === 1 && instances[0].key === undefined && call?.repetition !== undefined;
  const { chosen, ambiguous, index, whole } = choose(instances, byKey, indexesOf(group), perInstance, frame, keysUnknown);
  // `module.m[0].bucket_id` of a call whose count is not known: what it links to stands for every
  // instance of the module, of which the expression names one.
  const oneInstance = oneInstanceOf(`module.${name}`, call?.instancesUnknown, index, whole, 'a local, a splat or an index not read');
  const outputs = unique(group.flatMap((ref) => (ref.output ? [ref.output] : [])));
  for (const step of chosen) {
    const child: Frame = { module: [...frame.module, step] };
    const childPath = moduleConfigPath(child.module);
    // Terraform writes `module.m[each.key].out` as `module.m`: the output is not named, so every
    // output of the module is a candidate, and only one target among them all is a link.
    const exprs = outputs.length > 0 ? outputs.map((o) => ctx.output(childPath, o)) : ctx.outputsOf(childPath);
    const found = emptyOutcome();
    for (const output of exprs) {
      if (output === undefined) found.reasons.push(`module.${name} has no such output in ${ctx.input.input}`);
      else {
        const sub = outputOutcome(ctx, child, output, types, depth + 1);
        absorb(found, sub, sub.reasons.map((r) => `output ${output.name} of module.${name}: ${r}`));
      }
    }
    if (oneInstance !== undefined) found.oneInstance.push(oneInstance);
    merge(out, toResolution(found, `module.${name}`), ambiguous);
  }
}

/**
 * What the references of a module instance's output lead to, each evaluated once per check (per
 * input), types and depth: nested modules whose outputs each read two of their child's (`var.name ==
 * "x" ? module.m.a : module.m.b`) reach the innermost output by 2^depth paths. An outcome is only read.
 */
function outputOutcome(ctx: InputContext, child: Frame, output: OutputData, types: readonly string[] | undefined, depth: number): Outcome {
  let outcomes = OUTPUT_OUTCOMES.get(ctx);
  if (outcomes === undefined) OUTPUT_OUTCOMES.set(ctx, (outcomes = new Map()));
  const key = `${depth} ${types?.join(',') ?? '*'} ${moduleAddress(child.module)} ${output.name}`;
  let kept = outcomes.get(key);
  // What the first walk did holds for the attribute being resolved too (its deepest step, a step at the limit): it is noted again.
  if (kept === undefined) outcomes.set(key, (kept = ATTRIBUTES.walk(() => evaluate(ctx, referencesIn(output.expr, true), child, types, depth))));
  else ATTRIBUTES.replay(kept.walked);
  return kept.value;
}

const OUTPUT_OUTCOMES = new WeakMap<InputContext, Map<string, { readonly value: Outcome; readonly walked: Walked }>>();

/** The instances of module call `name` in `frame` (one without a key for a call not repeated). */
export function moduleInstancesIn(ctx: InputContext, frame: Frame, name: string): ModuleStep[] {
  const seen = ctx.moduleInstances(frame.module, name);
  const call = ctx.call(moduleConfigPath(frame.module), name);
  return seen.length > 0 ? seen : call && !call.repetition ? [{ name }] : [];
}

/**
 * The call of the module instance `frame` is in, with the frame its arguments are evaluated in
 * (the caller's, keyed as the instance); undefined in the root module.
 */
export function callOf(ctx: InputContext, frame: Frame): { readonly call: ModuleCallData | undefined; readonly name: string; readonly frame: Frame } | undefined {
  const step = frame.module[frame.module.length - 1];
  if (step === undefined) return undefined;
  const parent = frame.module.slice(0, -1);
  const call = ctx.call(moduleConfigPath(parent), step.name);
  const forEach = call?.forEachRefs;
  const elements = call?.forEachElements;
  return {
    call,
    name: step.name,
    frame: { module: parent, ...(step.key !== undefined ? { key: step.key } : {}), ...(forEach ? { forEach } : {}), ...(elements ? { elements } : {}), wholeEachValue: true },
  };
}

function evaluateVariable(ctx: InputContext, frame: Frame, name: string, types: readonly string[] | undefined, depth: number, out: Outcome): void {
  const caller = callOf(ctx, frame);
  if (caller === undefined) {
    out.reasons.push(`it comes from the root variable var.${name}`);
    return;
  }
  const input = caller.call?.inputs[name];
  if (input === undefined) {
    out.reasons.push(`module.${caller.name} does not set var.${name}`);
    return;
  }
  const sub = evaluate(ctx, referencesIn(input, true), caller.frame, types, depth + 1);
  absorb(out, sub, sub.reasons.length > 0 || sub.exact.length + sub.ambiguous.length + sub.values.length > 0 ? sub.reasons : [`var.${name} of module.${caller.name} names no resource`]);
}
