/**
 * A plan records the code of a value known only after apply as its references alone (`policy =
 * jsonencode({ … Resource = "${aws_s3_bucket.b.arn}/*" … })` is `references: ["aws_s3_bucket.b.arn",
 * "aws_s3_bucket.b"]`). Where the code that made the plan is at hand (the gate's working directory,
 * `twinguard check plan.json --code DIR`), its expressions are attached to the plan's configuration,
 * so a deny-coverage question can evaluate them symbolically (symbolic.ts) as for a .tf input.
 *
 * An expression is attached only where the code's block has the same place (module, resource,
 * argument, nested block index) and the same references as the plan's, or the ones the code read
 * for the instance where the plan's name the instance's key or `each.value` (`matchedReferences`):
 * code that does not match the plan (edited since, another version) adds nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadCdktf } from './cdktf';
import { type ConfigTool, loadHcl, readCdktfLocalModules } from './hcl';
import { mapConfiguration } from './config-map';
import { configAt } from './graph/config';
import { callPath, parseModuleAddress, parseRef } from './graph/addresses';
import { localName } from './evaluate';
import { localLookup, withLocalReferences } from './local-references';
import { moduleConfigPath } from './plan/config';
import { own, record } from './records';
import type { SourcePosition } from './positions';
import type { CodeSource, ConfigNode, LoadedInput, ModuleCallData, ResourceData } from './types';

/**
 * The references of the code's expression where it is the plan's, `undefined` where it is not:
 * - the same references: the plan's;
 * - where the plan's hold the instance's own key (`count.index`, `each.key`) and the code reads it
 *   (`readsKey`), the ones the code read for this instance: the plan's. A plan records
 *   `aws_s3_bucket.b[1 - count.index].id` as `aws_s3_bucket.b` and `count.index`, the code as
 *   `aws_s3_bucket.b[1].id`, `aws_s3_bucket.b[1]` and `aws_s3_bucket.b`: only the code says which;
 * - where the plan's hold `each.value` and the code, which reads it (`readsEachValue`), names
 *   nothing through it for this instance (its `for_each` element is made of constants: evaluate.ts),
 *   the code's. A plan records `try(each.value.listener_arn, aws_lb_listener.this[each.value.listener_key].arn)`
 *   as `aws_lb_listener.this` and `each.value…`, the code for instance "http/r1" as
 *   `aws_lb_listener.this["http"].arn`, …: the code's name the listener, where the plan's name every
 *   instance of it and an element the plan does not record.
 * - where the plan's name a called module's output, or in a called module a variable (`{ "${var.project}:owner" =
 *   var.owner }`, `module.labels.contact`), whose value the code knows: the code's leave them out, and name no other;
 *   the plan's. A root variable's value is the plan's, not the code's (a cdktf stack is read with its defaults).
 * In the two before, the plan's other references must name the objects the code's name; where the plan's name nothing
 * but `each.value` (`variables = each.value` of a `for_each` whose element writes a map with a key known only after
 * apply), its block's `for_each` must (`eachFrom`, the plan's references of it): the element is made of it.
 */
function matchedReferences(plan: readonly string[], code: readonly string[], source: CodeSource | undefined, { eachFrom = [], moduleVariables = false }: Matching): readonly string[] | undefined {
  const left = new Set(plan);
  const right = new Set(code);
  if (left.size === right.size && [...left].every((ref) => right.has(ref))) return plan;
  const kindOf = (ref: string): string => parseRef(ref).kind;
  // A called module's output or a module's variable whose value the code knows: its references leave it out.
  const knownThere = (ref: string): boolean => kindOf(ref) === 'module' || (moduleVariables && kindOf(ref) === 'var');
  if (source !== undefined && [...right].every((ref) => left.has(ref)) && [...left].every((ref) => right.has(ref) || knownThere(ref))) return plan;
  const valueResolved = source?.readsEachValue === true && !code.some((ref) => kindOf(ref) === 'each-value');
  const resolved = (ref: string): boolean => (kindOf(ref) === 'instance-key' && source?.readsKey === true) || (kindOf(ref) === 'each-value' && valueResolved);
  if (![...left].some(resolved)) return undefined;
  const objects = [...left].filter((ref) => !resolved(ref));
  const fromEach = new Set(eachFrom.map(objectOf));
  const same =
    objects.length > 0 ? objects.every((ref) => right.has(ref)) && [...right].every((ref) => left.has(objectOf(ref))) : valueResolved && fromEach.size > 0 && [...right].every((ref) => fromEach.has(objectOf(ref)));
  if (!same) return undefined;
  return valueResolved && [...left].some((ref) => kindOf(ref) === 'each-value') ? code : plan;
}

/** What `matchedReferences` knows of the place: the plan's references of its block's `for_each`, and whether it is in a called module. */
interface Matching {
  readonly eachFrom?: readonly string[];
  readonly moduleVariables?: boolean;
  /** The code was read with the plan's root variables (`readWithPlanVariables`): its computed values are the plan's. */
  readonly planVariables?: boolean;
}

/** A `null` the code computes from references, which it lists. */
const isComputedNull = (node: Extract<ConfigNode, { kind: 'expr' }>): node is Extract<ConfigNode, { kind: 'expr' }> & { readonly codeReferences: readonly string[] } =>
  node.hasConstant && node.computed === true && node.constant === null && node.codeReferences !== undefined && node.codeReferences.length > 0;

/** The object a resource reference names (`aws_s3_bucket.b[1].id` is `aws_s3_bucket.b`); other references as they are. */
function objectOf(ref: string): string {
  const parsed = parseRef(ref);
  return parsed.kind === 'resource' ? `${parsed.mode === 'data' ? 'data.' : ''}${parsed.type}.${parsed.name}` : ref;
}

/** Whether every value `code` states (its known leaves) is the value `plan` has at the same place. */
function agrees(plan: unknown, code: unknown): boolean {
  if (code === null || typeof code !== 'object') return isDeepStrictEqual(plan, code);
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan) !== Array.isArray(code)) return false;
  if (Array.isArray(code)) return code.length === (plan as unknown[]).length && code.every((item, i) => agrees((plan as unknown[])[i], item));
  const planRecord = plan as Record<string, unknown>;
  return Object.entries(code).every(([key, value]) => Object.prototype.hasOwnProperty.call(planRecord, key) && agrees(planRecord[key], value));
}

const child = (value: unknown, key: string | number): unknown => (value !== null && typeof value === 'object' ? own(value, key) : undefined);

/**
 * `plan` with the code's expression sources attached where `code` matches it; the same object when
 * none is. `planValues` and `codeValues` are the values at this place (`after`): blocks a `dynamic`
 * block made, which a plan's configuration leaves out (hashicorp/terraform#28346), are taken from
 * the code whole where the plan has as many and every value the code states is the plan's. `context`: what
 * `matchedReferences` knows of the place.
 */
function attach(plan: ConfigNode, code: ConfigNode | undefined, planValues: unknown, codeValues: unknown, context: Matching = {}): ConfigNode {
  if (code === undefined) return plan;
  if (plan.kind === 'expr') {
    if (code.kind !== 'expr') return plan;
    // The code makes null with the plan's variables (`policy = var.policy`, a default of null): an Optional+Computed
    // argument is then not set, whatever value the plan shows (the prior one, read back from the API).
    if (isComputedNull(code) && !plan.hasConstant && context.planVariables === true && matchedReferences(plan.references, code.codeReferences, undefined, context) !== undefined) {
      return { ...plan, nullByCode: true };
    }
    if (code.hasConstant || plan.hasConstant || (code.source === undefined && code.choices === undefined)) return withDropped(plan, code, context);
    const references = matchedReferences(plan.references, code.references, code.source, context);
    // A map whose parts the code folds to constants lists fewer references than the plan: its dropped text alone is taken.
    if (references === undefined) return withDropped(plan, code, context);
    return { ...plan, references: [...references], ...(code.source ? { source: code.source } : {}), ...(code.choices ? { choices: code.choices } : {}), ...(code.entriesOfUnknownMap ? { entriesOfUnknownMap: code.entriesOfUnknownMap } : {}), ...(code.unknownMapsWithin ? { unknownMapsWithin: code.unknownMapsWithin } : {}), ...(code.literalsDropped ? { literalsDropped: code.literalsDropped } : {}) };
  }
  if (plan.kind === 'list') {
    if (code.kind !== 'list' || code.items.length !== plan.items.length) return plan;
    const items = plan.items.map((item, i) => attach(item, code.items[i], child(planValues, i), child(codeValues, i), context));
    return items.some((item, i) => item !== plan.items[i]) ? { kind: 'list', items } : plan;
  }
  if (code.kind !== 'block') return plan;
  const attrs = record<ConfigNode>();
  let changed = false;
  for (const [key, node] of Object.entries(plan.attrs)) {
    attrs[key] = attach(node, code.attrs[key], child(planValues, key), child(codeValues, key), context);
    changed ||= attrs[key] !== node;
  }
  for (const [key, node] of Object.entries(code.attrs)) {
    if (Object.prototype.hasOwnProperty.call(plan.attrs, key) || node.kind !== 'list' || !node.dynamic) continue;
    if (!agrees(child(planValues, key), child(codeValues, key))) continue;
    attrs[key] = node;
    changed = true;
  }
  return changed ? { kind: 'block', attrs } : plan;
}

/**
 * `plan` with the literal text the code's constant does not keep (`ConfigNode.literalsDropped`: `lower("AKIA…")`,
 * `var.flag ? "AKIA…" : "x"`) where the code is the plan's: a plan's constant (an expression without references) the code's
 * value, or the plan's references those the code reads (`codeReferences`, a map's with its parts' folded to constants:
 * `{ A = var.flag ? "AKIA…" : "x", B = terraform_data.p.output }`), whatever value the plan was made with.
 */
function withDropped(plan: Extract<ConfigNode, { kind: 'expr' }>, code: Extract<ConfigNode, { kind: 'expr' }>, context: Matching): ConfigNode {
  if (code.literalsDropped === undefined) return plan;
  const same = plan.hasConstant
    ? code.hasConstant && code.codeReferences === undefined && isDeepStrictEqual(plan.constant, code.constant)
    : code.codeReferences !== undefined && matchedReferences(plan.references, code.codeReferences, undefined, context) !== undefined;
  return same ? { ...plan, literalsDropped: code.literalsDropped } : plan;
}

/** Whether code read in module instance `code` holds for `plan`: the same calls, each with the same key or none (the code did not know the keys). */
function coversInstance(code: string, plan: string): boolean {
  const [ours, theirs] = [parseModuleAddress(code), parseModuleAddress(plan)];
  return ours.length === theirs.length && ours.every((step, i) => step.name === theirs[i].name && (step.key === undefined || step.key === theirs[i].key));
}

/** A resource's values after apply, read from the file for a large plan. */
const valuesOf = (resource: ResourceData): unknown => (resource.storedView ? resource.storedView().raw : resource.after);

/** `plan` with the sources of `code` (the configuration that made it, as a loader read it) attached; `locals`: what the code's locals reference. */
function withCodeSources(plan: LoadedInput, code: LoadedInput, locals: ReturnType<typeof localLookup>): LoadedInput {
  const blocks = new Map<string, ResourceData[]>();
  for (const r of code.resources) {
    const key = `${moduleConfigPath(r.module)}|${r.mode}|${r.type}.${r.name}`;
    if (r.config) blocks.set(key, [...(blocks.get(key) ?? []), r]);
  }
  // The code's instance of the plan's: one read with the same keys (module instances and its own:
  // `each`/`count` bound to them), or without the keys the code did not know (read without them,
  // it holds for every instance).
  const instanceOf = (resource: ResourceData, module: string): ResourceData | undefined => {
    const instances = blocks.get(`${module}|${resource.mode}|${resource.type}.${resource.name}`) ?? [];
    return instances.find((r) => (r.index === undefined || r.index === resource.index) && coversInstance(r.module, resource.module));
  };
  const planVariables = readWithPlanVariables(plan, code);
  const outputs = new Map(code.outputs.map((o) => [`${o.module}|${o.name}`, o.expr]));
  // A call's for_each is matched as its argument `for_each` (no variable takes that name).
  const calls = new Map(code.moduleCalls.map((c) => [`${c.parent}|${c.name}`, c.forEach ? { ...c.inputs, for_each: c.forEach.node } : c.inputs]));
  return mapConfiguration(plan, (node, place) => {
    switch (place.kind) {
      case 'resource': {
        const written = instanceOf(place.resource, place.module);
        // A for_each over a local (`for_each = local.envs`): what the local references.
        const eachFrom = place.resource.forEachRefs?.flatMap((ref) => {
          const name = localName(ref);
          return (name === undefined ? undefined : locals(place.module, name)) ?? [ref];
        });
        return written ? attach(node, written.config, valuesOf(place.resource), written.after, { eachFrom, moduleVariables: place.module !== '', planVariables }) : node;
      }
      case 'output':
        return attach(node, outputs.get(`${place.module}|${place.name}`), undefined, undefined, { moduleVariables: place.module !== '' });
      case 'argument':
        return attach(node, calls.get(`${place.module}|${place.call}`)?.[place.name], undefined, undefined, { moduleVariables: place.module !== '' });
      default:
        return node; // a provider's configuration holds no policy
    }
  }, true);
}

/**
 * Whether the code was read with the root variables' values the plan was made with: `.tf` code is
 * read with the plan's own (`readCode`); a cdktf stack with its variables' defaults, which are the
 * plan's only where the plan gives each variable its default (no `-var` set another).
 */
function readWithPlanVariables(plan: LoadedInput, code: LoadedInput): boolean {
  if (code.kind === 'hcl') return true;
  const defaults = new Map((code.variableDeclarations ?? []).filter((v) => v.module === '').map((v) => [v.name, v]));
  return Object.entries(plan.variables ?? {}).every(([name, value]) => {
    const declared = defaults.get(name);
    return declared !== undefined && 'default' in declared && isDeepStrictEqual(declared.default, value);
  });
}

/**
 * The provider settings a plan records by references only that the code can give: `region`,
 * `default_tags`'s `tags`, `insecure` (`insecure = var.skip_tls` turns off TLS verification), and the
 * service endpoints `endpoints` overrides, one of which may send its service's calls over plain
 * `http://`: each entry of the aws provider's blocks (`endpoints { s3 = var.store }`), and awscc's
 * single nested attribute, which a plan records as one expression.
 */
const PROVIDER_SETTINGS: readonly (readonly (string | number)[])[] = [['region'], ['default_tags', 0, 'tags'], ['insecure'], ['endpoints']];

/** {@link PROVIDER_SETTINGS}, and the entries of the `endpoints` blocks a provider's configuration writes. */
function providerSettings(config: ConfigNode): (readonly (string | number)[])[] {
  const endpoints = configAt(config, ['endpoints']);
  const blocks = endpoints?.kind === 'list' ? endpoints.items : endpoints?.kind === 'block' ? [endpoints] : [];
  return [...PROVIDER_SETTINGS, ...blocks.flatMap((block, i) => (block.kind === 'block' ? Object.keys(block.attrs).map((name) => ['endpoints', i, name]) : []))];
}

/** `node` with the expression at `at` (a path of block attributes and list indexes) replaced by `by`. */
function replacedAt(node: ConfigNode, at: readonly (string | number)[], by: ConfigNode): ConfigNode {
  if (at.length === 0) return by;
  const [step, ...rest] = at;
  if (node.kind === 'list' && typeof step === 'number') return { kind: 'list', items: node.items.map((item, i) => (i === step ? replacedAt(item, rest, by) : item)) };
  if (node.kind === 'block' && step === 0) return replacedAt(node, rest, by); // one block written as an object
  if (node.kind === 'block' && typeof step === 'string') return { kind: 'block', attrs: { ...node.attrs, [step]: replacedAt(node.attrs[step], rest, by) } };
  return node;
}

/**
 * A plan records a provider's `region = var.region` (or `local.region`, or a module's `var.region`),
 * and `default_tags { tags = var.tags }`, by their references only, and no resource's values name
 * its Region before the AWS provider 6 (nor its default tags where a resource's `tags_all` is not
 * known: a tag value known only after apply makes it so). The code's block of the same provider
 * configuration gives them where the code evaluates them (`computed`) with the plan's variables.
 */
function withCodeProviderSettings(plan: LoadedInput, code: LoadedInput): LoadedInput {
  if (!readWithPlanVariables(plan, code)) return plan;
  const evaluated = new Map<string, ConfigNode>();
  for (const p of code.providers) {
    if (p.instance !== undefined) continue;
    for (const at of providerSettings(p.config)) {
      const setting = configAt(p.config, at);
      if (setting?.kind === 'expr' && setting.hasConstant && setting.computed) evaluated.set(`${p.module}|${p.key}|${at.join('.')}`, setting);
    }
  }
  const providers = plan.providers.map((p) => {
    if (p.config.kind !== 'block' || p.instance !== undefined) return p;
    let config: ConfigNode = p.config;
    for (const at of providerSettings(p.config)) {
      const written = configAt(config, at);
      const fromCode = evaluated.get(`${p.module}|${p.key}|${at.join('.')}`);
      if (written?.kind !== 'expr' || written.hasConstant || fromCode?.kind !== 'expr') continue;
      config = replacedAt(config, at, { ...fromCode, references: written.references });
    }
    return config === p.config ? p : { ...p, config };
  });
  return providers.some((p, i) => p !== plan.providers[i]) ? { ...plan, providers } : plan;
}

/**
 * The code in `dir` that `plan` was made from: a cdktf stack's `cdk.tf.json`, or `.tf` files, whose
 * root variables take the values the plan records. `env`: the environment terraform planned in (the
 * gate's; the check's own for `--code`), for the provider's `TF_AWS_DEFAULT_TAGS_*` and the endpoints
 * `AWS_ENDPOINT_URL_*` give. `tool`: the one
 * that planned, where known, whose reading of `.tofu` files is followed (`ConfigTool`). `encryption`:
 * what `TF_ENCRYPTION` gave the tofu run that planned (the gate's), merged into the code's state
 * encryption, a cdktf stack's as a `.tf` directory's. An `InputError` when it cannot be read.
 */
export async function readCode(
  dir: string,
  plan: LoadedInput,
  env: Readonly<Record<string, string | undefined>> = {},
  tool?: ConfigTool,
  encryption?: Readonly<Record<string, unknown>>,
): Promise<LoadedInput> {
  const stack = path.join(dir, 'cdk.tf.json');
  if (fs.existsSync(stack)) return (await loadCdktf(stack, readCdktfLocalModules, env, undefined, encryption, true))[0];
  return loadHcl(dir, { planned: plan.variables ?? {}, env, ...(tool ? { tool } : {}), ...(encryption ? { encryption } : {}) });
}

/**
 * `plan` read with the code that made it: references to locals replaced by what the locals
 * reference (local-references.ts), and expression sources attached. Where the code writes each
 * block is taken too (positions.ts): a finding on a plan resource goes on the block the code
 * writes at its configuration address; one the code does not write stays on the plan.
 */
export function withCode(plan: LoadedInput, code: LoadedInput): LoadedInput {
  const locals = localLookup(code.locals ?? []);
  const read = withCodeProviderSettings(withCodeSources(withLocalReferences(plan, locals), code, locals), code);
  const positions = code.positions ? positionsOfPlannedModules(plan, code, code.positions) : undefined;
  // A plan does not record OpenTofu's state encryption: the code does.
  return {
    ...read,
    ...(code.stateEncryption ? { stateEncryption: code.stateEncryption } : {}),
    ...(positions ? { positions } : {}),
    ...(code.sensitiveLiterals ? { sensitiveLiterals: code.sensitiveLiterals } : {}),
    // A plan records no locals: the code's, evaluated with the plan's variables (no-credentials-in-variables).
    ...(code.locals ? { locals: code.locals } : {}),
    // The provider's TF_AWS_DEFAULT_TAGS_* (laid under its default_tags where a resource's tags_all is
    // known only after apply; a known tags_all holds them already) and TF_AWS_IGNORE_TAGS_*.
    ...(code.environmentDefaultTags ? { environmentDefaultTags: code.environmentDefaultTags } : {}),
    ...(code.environmentIgnoreTags ? { environmentIgnoreTags: code.environmentIgnoreTags } : {}),
    // A plan does not record the endpoints the environment gave its providers: those of the environment that planned.
    ...(code.environmentEndpoints ? { environmentEndpoints: code.environmentEndpoints } : {}),
  };
}

/**
 * The code's positions but those inside a module call whose source the plan records otherwise
 * (`./m2` planned, `./m1` in the code given): that code is not what the plan was made from, and a
 * finding on a line of it may be on the wrong line.
 */
function positionsOfPlannedModules(plan: LoadedInput, code: LoadedInput, positions: Readonly<Record<string, SourcePosition>>): Readonly<Record<string, SourcePosition>> {
  const pathOf = (call: ModuleCallData): string => callPath(call.parent, call.name);
  const planned = new Map(plan.moduleCalls.map((call) => [pathOf(call), call.source]));
  const elsewhere = code.moduleCalls.filter((call) => planned.has(pathOf(call)) && planned.get(pathOf(call)) !== call.source).map((call) => `${pathOf(call)}.`);
  if (elsewhere.length === 0) return positions;
  return Object.fromEntries(Object.entries(positions).filter(([key]) => !elsewhere.some((prefix) => key.startsWith(prefix))));
}
