/**
 * Loader for cdktf output (`cdk.tf.json`, or every stack of a `cdktf.out` directory), and the
 * reader of Terraform configuration documents that the HCL loader shares: a cdk.tf.json is
 * Terraform JSON syntax, and `@cdktf/hcl2json` turns .tf files into the same shape with every
 * block wrapped in a list.
 *
 * What a configuration gives (the plan loader gives the same model):
 * - resources `type.name` (data sources `data.type.name`, mode `data`, actions `['read']`;
 *   managed resources actions `['create']`), in modules `module.m.type.name`;
 * - literal values in `after`, every expression unknown in `afterUnknown` and recorded with its
 *   references in `config` (see expressions.ts); `tags_all` is never computed;
 * - `count` / `for_each` with a literal value expand to instances (`b[0]`, `b["k"]`; count 0 gives
 *   none), and so does `for_each = aws_s3_bucket.m` over a block of the same module whose keys are
 *   known (its keys, with `forEachRefs` set); a string count is converted as Terraform converts it;
 *   any other value gives one instance without an index, with `repetition` set, that may not be
 *   created (`existsIf`);
 * - the cdktf construct path (`"//".metadata.path`) of every resource.
 */
import { backendOf, impliedLocalBackend, withEnvironment } from './backend';
import { stateEncryptionOf } from './state-encryption';
import { environmentDefaultTags, environmentIgnoreTags } from './default-tags';
import { environmentEndpoints } from './environment-endpoints';
import { withNamedSharedFiles } from './named-shared-files';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { invalidJsonMessage, repeatedKeyMessage } from './json-error';
import { nestsTooDeep, TOO_DEEP } from './nesting';
import { decodeText, notText } from './decode-text';
import { refuseUnknownTopLevel } from './top-level';
import { bareReference, type Evaluator, EXPRESSION_TOO_DEEP, ExpressionTooDeep, forEachReferences, matchingBrace, parseTemplate, splitAttribute, splitBlock, splitTopLevel, type ValueStyle } from './expressions';
import { isNotedSensitive, LocalScope, takeSensitiveLiterals, writtenBeyond } from './evaluate';
import { declaredVariable } from './variables';
import { rootVariableValues } from './root-variables';
import { isRecord, record } from './records';
import type { CodeBlock, ConfigNode, LoadedInput, LocalValue, ModuleCallData, OutputData, ProviderData, ProviderVersion, ResourceData, VariableDeclaration } from './types';
import { jsonConfigLines, type SourcePosition } from './positions';
import { quotedInput } from './quoted';
import { shownSource } from '../rules/support/detect';
import { ioProblem } from './io-problem';

type Body = Record<string, unknown>;

/** How a document writes its blocks: hcl2json (`hcl`) or Terraform JSON syntax (`json`). */
export type DocumentStyle = 'hcl' | 'json';

/** Where a module's configuration sits and which instances of it exist. */
export interface ModuleScope {
  /** Configuration path, '' for the root: `module.a.module.b`. */
  readonly configPath: string;
  /** Instance addresses of the module: `['']` for the root, `['module.a[0]', 'module.a[1]']`… */
  readonly instances: readonly string[];
  /** By instance address, the conditions not known on which it exists (`ResourceData.existsIf`): none when absent. */
  readonly existsIf?: ReadonlyMap<string, readonly string[]>;
}

/** What one module's configuration declares. */
export interface ModuleContent {
  readonly resources: ResourceData[];
  readonly providers: ProviderData[];
  readonly moduleCalls: ModuleCallData[];
  readonly outputs: OutputData[];
  /** The module's variable declarations. */
  readonly variableDeclarations: VariableDeclaration[];
  readonly locals: LocalValue[];
  /** Its `ephemeral` and `action` blocks (`CodeBlock`). */
  readonly codeBlocks: CodeBlock[];
  /** Where what the modules write is (`LoadedInput.positions`), filled in by the .tf loader when given. */
  readonly positions?: Record<string, SourcePosition>;
  /** The `terraform` blocks of every module read, filled in by the .tf loader when given (`requiredProviderVersions`). */
  readonly terraformBlocks?: Body[];
}

/** Meta-arguments of resources and data sources: not attributes of the object. */
const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', '//']);
/** Meta-arguments of module calls: not inputs (`lifecycle`: OpenTofu's `enabled`, 1.11). */
export const MODULE_META: ReadonlySet<string> = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on', 'lifecycle', '//']);
/** Providers whose schemas have no blocks: every object is an attribute value. */
export const BLOCKLESS_PROVIDERS: ReadonlySet<string> = new Set(['awscc']);
/** Top-level keys of a Terraform configuration document. */
const CONFIG_KEYS = ['resource', 'data', 'provider', 'module', 'output', 'terraform', 'variable', 'locals'];

/** The bodies of a block: an object, or a list of objects (hcl2json, repeated provider blocks). */
export const bodiesOf = (value: unknown): Body[] => (Array.isArray(value) ? value.filter(isRecord) : isRecord(value) ? [value] : []);

/**
 * Labeled entries of a block map (`resource.aws_s3_bucket`, `module`…), in document order. Terraform's
 * JSON syntax also writes each level as a list of such maps (`"resource": [{ "aws_s3_bucket": … }]`).
 */
export const labeled = (value: unknown): [string, unknown][] => bodiesOf(value).flatMap((map) => Object.entries(map));

/** Text of a literal string, undefined for anything else. */
const literalString = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const parsed = parseTemplate(value);
  return parsed.literal ? parsed.value : undefined;
};

/** The value style of a body managed by `provider` in a document of `style`, in a module whose locals `evaluator` knows. */
const valueStyle = (style: DocumentStyle, provider: string, evaluator: Evaluator): ValueStyle => ({
  objectsAreBlocks: style === 'json' && !BLOCKLESS_PROVIDERS.has(provider),
  evaluator,
});

/** `aws` -> `registry.terraform.io/hashicorp/aws`; `hashicorp/awscc` -> `registry.terraform.io/hashicorp/awscc`. */
export function fullProviderName(source: string): string {
  const parts = source.split('/');
  if (parts.length >= 3) return source;
  if (parts.length === 2) return `registry.terraform.io/${source}`;
  return `registry.terraform.io/hashicorp/${source}`;
}

/** Local provider name -> full name, from `terraform { required_providers { … } }`. */
function requiredProviders(doc: Body): Map<string, string> {
  const out = new Map<string, string>();
  for (const terraform of bodiesOf(doc.terraform)) {
    for (const required of bodiesOf(terraform.required_providers)) {
      for (const [name, spec] of Object.entries(required)) {
        const source = isRecord(spec) ? literalString(spec.source) : undefined;
        out.set(name, fullProviderName(source ?? name));
      }
    }
  }
  return out;
}

/**
 * The provider versions a module document requires: each `required_providers` entry's `version`
 * (`aws = { source = "hashicorp/aws", version = "~> 6.25" }`, or the older `aws = "~> 6.25"`), by
 * full provider name. Given the `terraform` blocks of every module of a configuration, what they
 * all require: terraform installs one version of a provider that meets every module's constraints.
 */
export function requiredProviderVersions(doc: Body): ProviderVersion[] {
  const out = new Map<string, ProviderVersion>();
  for (const terraform of bodiesOf(doc.terraform)) {
    for (const required of bodiesOf(terraform.required_providers)) {
      for (const [name, spec] of Object.entries(required)) {
        const source = isRecord(spec) ? literalString(spec.source) : undefined;
        const version = isRecord(spec) ? spec.version : spec;
        if (version === undefined) continue;
        const provider = fullProviderName(source ?? name).toLowerCase();
        const known = out.get(provider) ?? { provider, constraints: [] };
        out.set(provider, {
          ...known,
          constraints: typeof version === 'string' ? [...known.constraints, version] : known.constraints,
          ...(typeof version === 'string' ? {} : { unreadable: true as const }),
        });
      }
    }
  }
  return [...out.values()];
}

/** How a `count` or `for_each` repeats a block: its literal instance keys, or unknown keys. */
export interface Repetition {
  readonly repetition?: 'count' | 'for_each';
  /** Instance keys; `[undefined]` for a single instance (no repetition, or keys not known). */
  readonly keys: readonly (number | string | undefined)[];
}

/** The literal elements of `toset(["a", "b"])`, the usual literal `for_each` of cdktf and HCL. */
function literalToset(value: string): string[] | undefined {
  const match = /^\$\{\s*toset\(\s*(\[[^\]$%]*\])\s*\)\s*\}$/.exec(value);
  if (!match) return undefined;
  try {
    const items: unknown = JSON.parse(match[1]);
    return Array.isArray(items) && items.every((i) => typeof i === 'string') ? (items as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The keys of a literal `for_each`: a map's keys, a set's strings, or `toset([...])` of strings. */
function literalForEachKeys(value: unknown): string[] | undefined {
  const items = isRecord(value) ? Object.keys(value) : Array.isArray(value) ? value : undefined;
  if (items === undefined) return typeof value === 'string' ? literalToset(value) : undefined;
  const keys = items.map(literalString);
  return keys.every((k): k is string => k !== undefined) ? keys : undefined;
}

/** The repetition of a resource block of the same module, by block address (`aws_s3_bucket.m`). */
export type BlockRepetitions = (address: string) => Repetition | undefined;

/** The keys of `for_each = aws_s3_bucket.m`: the keys of that block, when it is a for_each with known keys. */
function chainedForEachKeys(value: unknown, blocks: BlockRepetitions | undefined): string[] | undefined {
  const refs = forEachReferences(value);
  const source = refs?.length === 1 ? blocks?.(refs[0]) : undefined;
  if (source?.repetition !== 'for_each') return undefined;
  return source.keys.every((k): k is string => typeof k === 'string') ? [...source.keys] : undefined;
}

/**
 * OpenTofu's `lifecycle { enabled = false }` (1.11) on a resource or a module call: no instance is
 * made (Terraform refuses the argument). Where its value is not known, the block is read as enabled.
 */
function isDisabled(body: Body, evaluator: Evaluator | undefined): boolean {
  const enabled = bodiesOf(body.lifecycle)[0]?.enabled;
  const value = typeof enabled === 'string' ? (literalString(enabled) ?? evaluatedCount(enabled, evaluator)) : enabled;
  return value === false || value === 'false';
}

/** The value of a `count` the module's locals fix whole (`local.size`, `var.on ? 1 : 0`); undefined otherwise. */
function evaluatedCount(value: unknown, evaluator: Evaluator | undefined): unknown {
  if (typeof value !== 'string' || evaluator === undefined) return undefined;
  const result = evaluator.template(value, true);
  return result?.whollyKnown ? result.after : undefined;
}

/**
 * A `count` value as the number of instances Terraform makes: a whole number of zero or more, or a
 * string Terraform converts to one (`"0"`, `"2"`, `"1.0"`: a local of a map of strings, an untyped
 * variable). Undefined for anything else: text with an exponent or of more than 15 digits is not
 * followed, and Terraform refuses a fraction, a negative number, a bool or null.
 */
function instanceCount(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\+?[0-9]{1,15}(?:\.0*)?$/.test(value) ? Number(value) : undefined;
  return number !== undefined && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

/**
 * The keys of a `for_each` the module's locals fix: a map's keys, or a set's strings. A map's keys
 * are all Terraform needs at plan time: its values may be known only after apply
 * (`{ a = aws_kms_key.k.arn, b = null }` makes instances `a` and `b`). Keys from a sensitive value
 * (`sensitive()`, or computed from it) are not known here: Terraform refuses such a `for_each`
 * ("Sensitive values, or values derived from sensitive values, cannot be used as for_each
 * arguments"), so no address of an instance may show one. They are not an error: the evaluator
 * follows sensitivity by value (evaluate.ts `sensitiveSeen`), and a key that only equals a sensitive
 * string is not one, where Terraform accepts it.
 */
function evaluatedForEachKeys(value: unknown, evaluator: Evaluator | undefined): string[] | undefined {
  const result = typeof value === 'string' ? evaluator?.template(value) : undefined;
  if (result === undefined) return undefined;
  const keys = forEachKeysOf(result);
  return keys?.some(isNotedSensitive) ? undefined : keys;
}

function forEachKeysOf(result: { after: unknown; unknown: unknown; whollyKnown: boolean }): string[] | undefined {
  if (isRecord(result.after) && (result.whollyKnown || isRecord(result.unknown))) return [...new Set([...Object.keys(result.after), ...Object.keys(result.unknown ?? {})])];
  const known = result.whollyKnown ? result.after : undefined;
  return Array.isArray(known) && known.every((k): k is string => typeof k === 'string') ? known : undefined;
}

/**
 * Instance keys of a block's `count` or `for_each`: literal values, `toset` of literal strings,
 * `for_each` over a resource block of `blocks`, and what the module's locals fix (`evaluator`).
 */
export function repetitionOf(body: Body, blocks?: BlockRepetitions, evaluator?: Evaluator): Repetition {
  if (isDisabled(body, evaluator)) return { repetition: 'count', keys: [] };
  if (body.count !== undefined) {
    const literal = typeof body.count === 'number' ? body.count : literalString(body.count);
    const count = instanceCount(literal ?? evaluatedCount(body.count, evaluator));
    if (count !== undefined) return { repetition: 'count', keys: Array.from({ length: count }, (_, i) => i) };
    return { repetition: 'count', keys: [undefined] };
  }
  if (body.for_each !== undefined) {
    const keys = literalForEachKeys(body.for_each) ?? chainedForEachKeys(body.for_each, blocks) ?? evaluatedForEachKeys(body.for_each, evaluator);
    return { repetition: 'for_each', keys: keys ? [...new Set(keys)].sort() : [undefined] };
  }
  return { keys: [undefined] };
}

/** An expression as a message shows it: `var.on ? 1 : 0` for `"${var.on ? 1 : 0}"`. */
function expressionText(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const whole = /^\$\{([\s\S]*)\}$/.exec(value);
  return whole && !whole[1].includes('${') ? whole[1].trim() : value;
}

/**
 * The conditions, not known here, on which the instances of a block or module call exist: a
 * `count` or `for_each` whose value is not known, and OpenTofu's `lifecycle { enabled }` (`existsIfOf`
 * prefixes them with the module instance they are read in). `count = a && b ? 1 : 0` and `enabled =
 * a && b` are the conditions `a` and `b`, those the code knows to be true left out; another `count` or
 * `for_each` is one condition, `count = …`. Each is spelled one way (`canonical`): the same condition
 * read in the same module instance has the same value, so two blocks written on it exist together.
 * Empty when the instances are known.
 */
export function existenceConditions(body: Body, { repetition, keys }: Repetition, evaluator?: Evaluator): string[] {
  if (keys.length === 0) return [];
  const unknownOf = (condition: string): string[] => conjuncts(condition).filter((part) => !knownTrue(part, evaluator));
  const out: string[] = [];
  if (repetition !== undefined && keys.includes(undefined)) {
    const text = canonical(expressionText(body[repetition]));
    const ternary = repetition === 'count' ? /^([\s\S]+)\?\s*1\s*:\s*0$/.exec(text) : null;
    const unknown = ternary ? unknownOf(ternary[1]) : [];
    out.push(...(unknown.length > 0 ? unknown : [`${repetition} = ${text}`]));
  }
  const enabled = bodiesOf(body.lifecycle)[0]?.enabled;
  const value = typeof enabled === 'string' ? (literalString(enabled) ?? evaluatedCount(enabled, evaluator)) : enabled;
  if (enabled !== undefined && value !== true && value !== 'true') out.push(...unknownOf(expressionText(enabled)));
  return out;
}

/**
 * A `count` or `for_each` not known that may make more than one instance, as written (`count =
 * var.n`, `for_each = var.names`): `ResourceData.instancesUnknown` and
 * `ModuleCallData.instancesUnknown`. Undefined when the instances are known, and for a count whose
 * every result is 0 or 1 (`c ? 1 : 0`, `a ? 1 : b ? 1 : 0`): such a block or call makes instance
 * [0] or none, so `[0]` names whatever it makes.
 */
function unknownInstances(body: Body, { repetition, keys }: Repetition): string | undefined {
  if (repetition === undefined || !keys.includes(undefined)) return undefined;
  const text = canonical(expressionText(body[repetition]));
  return repetition === 'count' && oneOrNone(text) ? undefined : `${repetition} = ${text}`;
}

/**
 * Whether a count expression makes 0 or 1 whatever its conditions: `0`, `1`, or a conditional whose
 * results are all such. `c1 ? a : c2 ? b : d` and `c1 ? c2 ? a : b : d` split at their top-level `?`
 * and `:` into parts; those a `?` follows are conditions, every other one a result.
 */
function oneOrNone(text: string): boolean {
  if (/^(?:[01]|"[01]")$/.test(text)) return true;
  const chunks = splitTopLevel(text, '?');
  if (chunks.length === 1) return false;
  const results = chunks.flatMap((chunk, i) => {
    const pieces = splitTopLevel(chunk, ':');
    return i === chunks.length - 1 ? pieces : pieces.slice(0, -1);
  });
  return results.every((result) => oneOrNone(canonical(result)));
}

/** Whether a condition's value is known to be true in the module (`length(keys(var.sse)) > 0` with the variable's default). */
function knownTrue(condition: string, evaluator: Evaluator | undefined): boolean {
  const result = evaluator?.template(`\${${condition}}`);
  return result?.whollyKnown === true && result.after === true;
}

/**
 * A condition spelled one way, so that two blocks written with the same condition are seen to be
 * on it: outer parentheses and runs of spaces taken off (`( var.create )` is `var.create`). Not
 * `== true`: an untyped variable given `-var create=true` is the string "true", which is no `true`.
 */
function canonical(text: string): string {
  let out = text.replace(/\s+/g, ' ').trim();
  // Parentheses around the whole: the `(` at the start closes at the end.
  while (out.startsWith('(') && matchingBrace(out, 0) === out.length - 1) out = out.slice(1, -1).trim();
  return out;
}

/**
 * `a && (b && c) && d` as its top-level parts, each spelled one way (`canonical`); one part where
 * an `||` or a conditional stands at the top (`a && b || c` is `(a && b) || c`: neither `a` nor `b` holds of it).
 */
function conjuncts(text: string): string[] {
  const condition = canonical(text);
  if (splitTopLevel(condition, '||').length > 1 || splitTopLevel(condition, '?').length > 1) return [condition];
  return splitTopLevel(condition, '&&').map(canonical);
}

/**
 * The conditions on which an instance in `moduleInstance` of `scope` exists: its module instance's,
 * and `own` (`existenceConditions`) read there, as `module.a: var.create`.
 */
export function existsIfOf(scope: ModuleScope, moduleInstance: string, own: readonly string[]): readonly string[] {
  const inherited = scope.existsIf?.get(moduleInstance) ?? [];
  const prefix = moduleInstance ? `${moduleInstance}: ` : '';
  return own.length === 0 ? inherited : [...inherited, ...own.map((condition) => `${prefix}${condition}`)];
}

/**
 * The repetitions of the resource and data blocks of one module's documents, following chains of
 * `for_each = <block>` (a cycle, which Terraform refuses, gives unknown keys).
 */
export function blockRepetitions(docs: readonly Body[], evaluator?: Evaluator): BlockRepetitions {
  const bodies = new Map<string, Body>();
  for (const doc of docs) {
    for (const [prefix, blocks] of [['', doc.resource], ['data.', doc.data]] as const) {
      for (const [type, named] of labeled(blocks)) for (const [name, value] of labeled(named)) bodies.set(`${prefix}${type}.${name}`, bodiesOf(value)[0]);
    }
  }
  const known = new Map<string, Repetition>();
  const visiting = new Set<string>();
  const resolve = (address: string): Repetition | undefined => {
    const body = bodies.get(address);
    if (body === undefined || visiting.has(address)) return undefined;
    let repetition = known.get(address);
    if (repetition === undefined) {
      visiting.add(address);
      known.set(address, (repetition = repetitionOf(body, resolve, evaluator)));
      visiting.delete(address);
    }
    return repetition;
  };
  return resolve;
}

/** `for_each` references worth keeping (see `ResourceData.forEachRefs`): those of a bare reference. */
const forEachRefsOf = (body: Body): { forEachRefs?: string[] } => {
  const refs = forEachReferences(body.for_each);
  return refs ? { forEachRefs: refs } : {};
};

/** `[0]`, `["key"]`, or '' for no key. */
export const indexText = (key: number | string | undefined): string =>
  key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;

const join = (prefix: string, address: string): string => (prefix ? `${prefix}.${address}` : address);

/** The construct path cdktf writes in `"//".metadata.path`. */
function constructPathOf(body: Body): string | undefined {
  const meta = isRecord(body['//']) && isRecord(body['//'].metadata) ? body['//'].metadata : undefined;
  return typeof meta?.path === 'string' ? meta.path : undefined;
}

/**
 * A resource's `provisioner` and `connection` blocks as `ResourceData.provisioners`, each block read
 * as attributes are (a value not known leaves the literals beside it known). hcl2json gives
 * `provisioner: { "local-exec": [ { … } ] }`, cdk.tf.json `provisioner: [ { "local-exec": { … } } ]`.
 */
function provisionersOf(body: Body, style: ValueStyle): ConfigNode {
  const blocks = (bodies: readonly Body[]): ConfigNode => ({ kind: 'list', items: bodies.map((b) => splitBlock(b, style, new Set()).config) });
  const byType = new Map<string, Body[]>();
  for (const provisioner of bodiesOf(body.provisioner)) for (const [type, value] of Object.entries(provisioner)) byType.set(type, [...(byType.get(type) ?? []), ...bodiesOf(value)]);
  const attrs = record<ConfigNode>();
  if (byType.size > 0) attrs.provisioner = { kind: 'block', attrs: Object.fromEntries([...byType].map(([type, bodies]) => [type, blocks(bodies)])) };
  if (body.connection !== undefined) attrs.connection = blocks(bodiesOf(body.connection));
  return { kind: 'block', attrs };
}

/**
 * A provider reference (`aws.east`), split from the index of an instance of a block OpenTofu repeats
 * with `for_each` (1.9: `aws.by_region[each.key]`: block `aws.by_region`, index `each.key`).
 */
function providerReference(value: unknown): { readonly block: string; readonly index?: string } | undefined {
  const ref = bareReference(value);
  if (ref === undefined) return undefined;
  const indexed = /^(.*?)\s*\[(.+)\]$/s.exec(ref);
  return indexed === null ? { block: ref } : { block: indexed[1], index: indexed[2] };
}

/**
 * The provider configuration a reference names: `aws.east`; an instance is read as its block, whose
 * values an instance key sets (`region = each.key`) are not known.
 */
const providerConfigOf = (value: unknown): string | undefined => providerReference(value)?.block;

/**
 * The provider instance an OpenTofu reference names (`aws.by_region[each.key]`, `[each.value]`, a
 * literal or a local) as `scoped` evaluates its index: in the resource instance "eu-west-1",
 * `aws.by_region["eu-west-1"]`; undefined for a reference to a block, or an index not known.
 */
function providerInstanceOf(value: unknown, scoped: Evaluator): string | undefined {
  const reference = providerReference(value);
  if (reference?.index === undefined) return undefined;
  const index = scoped.template(`\${${reference.index}}`);
  return index?.whollyKnown && typeof index.after === 'string' ? `${reference.block}${indexText(index.after)}` : undefined;
}

/** The provider a resource names (`provider = aws.east`), or the implied one (`aws` for `aws_…`). */
export function providerRefOf(type: string, body: Body): string {
  return providerConfigOf(body.provider) ?? type.split('_')[0];
}

/**
 * The labeled blocks of a document that make instances: the top-level key, the address prefix, and
 * where the arguments are (an action's in its `config` block).
 */
const INSTANCE_BLOCKS: Readonly<Record<'managed' | 'data' | CodeBlock['kind'], { readonly key: string; readonly prefix: string; readonly argumentsOf?: (body: Body) => Body }>> = {
  managed: { key: 'resource', prefix: '' },
  data: { key: 'data', prefix: 'data.' },
  ephemeral: { key: 'ephemeral', prefix: 'ephemeral.' },
  action: { key: 'action', prefix: 'action.', argumentsOf: (body) => bodiesOf(body.config)[0] ?? {} },
};

type InstanceKind = keyof typeof INSTANCE_BLOCKS;

/** One instance of a resource, data, ephemeral or action block, before it is a resource or a code block. */
type Instance = Omit<ResourceData, 'mode' | 'actions'>;

/** What reading one module document's blocks needs beside the document. */
interface ModuleReading {
  readonly scope: ModuleScope;
  readonly style: DocumentStyle;
  readonly fullNames: Map<string, string>;
  readonly blocks: BlockRepetitions;
  readonly input: string;
  readonly evaluator: Evaluator;
}

function readResources(doc: Body, mode: 'managed' | 'data', reading: ModuleReading): ResourceData[] {
  return readInstances(doc, mode, reading).map((instance) => ({ ...instance, mode, actions: mode === 'data' ? ['read'] : ['create'] }));
}

/** The `ephemeral` and `action` blocks of a module document, each instance as a `CodeBlock`. */
function readCodeBlocks(doc: Body, reading: ModuleReading): CodeBlock[] {
  return (['ephemeral', 'action'] as const).flatMap((kind) => readInstances(doc, kind, reading).map(({ address, type, module, config, after, afterUnknown, constructPath }) => ({
    address,
    kind,
    type,
    module,
    ...(config ? { config } : {}),
    values: { after, afterUnknown },
    ...(constructPath ? { constructPath } : {}),
  })));
}

function readInstances(doc: Body, kind: InstanceKind, { scope, style, fullNames, blocks, input, evaluator }: ModuleReading): Instance[] {
  const out: Instance[] = [];
  const seen = new Set<string>();
  const { key: blockType, prefix, argumentsOf } = INSTANCE_BLOCKS[kind];
  for (const [type, named] of labeled(doc[blockType])) {
    for (const [name, value] of labeled(named)) {
      const bodies = bodiesOf(value);
      // Terraform's JSON syntax may write the same block again in another element of a list (`"resource": [{…}, {…}]`).
      const again = seen.has(`${type}.${name}`);
      seen.add(`${type}.${name}`);
      if (bodies.length !== 1 || again) throw new InputError(input, `${blockType} "${quotedInput(type)}" "${quotedInput(name)}" is declared ${bodies.length === 0 ? 'without a body' : 'more than once'}`);
      const body = bodies[0];
      const providerRef = providerRefOf(type, body);
      const providerLocal = providerRef.split('.')[0];
      const { repetition, keys } = repetitionOf(body, blocks, evaluator);
      // Each instance read with its own `count.index` / `each.key` / `each.value` (one read when the keys are not known).
      const scopes = new Map(keys.map((key) => [key, key === undefined || !repetition ? evaluator : evaluator.instance(repetition, key, body.for_each)]));
      const styleOf = (key: number | string | undefined) => valueStyle(style, providerLocal, scopes.get(key) as Evaluator);
      const splits = new Map(keys.map((key) => [key, splitBlock(argumentsOf ? argumentsOf(body) : body, styleOf(key), RESOURCE_META)]));
      // The provisioner and connection blocks, read as the attributes are, each instance in its own scope.
      const provisioned = body.provisioner === undefined && body.connection === undefined ? undefined : new Map(keys.map((key) => [key, provisionersOf(body, styleOf(key))]));
      // An OpenTofu provider instance each instance names (`provider = aws.by_region[each.key]`).
      const instanceProviders = body.provider === undefined ? undefined : new Map(keys.map((key) => [key, providerInstanceOf(body.provider, scopes.get(key) as Evaluator)]));
      const forEach = forEachRefsOf(body);
      const constructPath = constructPathOf(body);
      const configAddress = `${prefix}${type}.${name}`;
      const conditions = existenceConditions(body, { repetition, keys }, evaluator);
      const instancesUnknown = unknownInstances(body, { repetition, keys });
      for (const module of scope.instances) {
        const existsIf = existsIfOf(scope, module, conditions);
        for (const key of keys) {
          const split = splits.get(key) as ReturnType<typeof splitBlock>;
          out.push({
            address: join(module, configAddress + indexText(key)),
            type,
            name,
            ...(key !== undefined ? { index: key } : {}),
            module,
            providerConfigKey: (scope.configPath ? `${scope.configPath}:` : '') + (instanceProviders?.get(key) ?? providerRef),
            providerName: fullNames.get(providerLocal) ?? fullProviderName(providerLocal),
            after: split.after,
            afterUnknown: split.unknown ?? {},
            afterSensitive: {},
            config: split.config,
            ...(provisioned ? { provisioners: provisioned.get(key) } : {}),
            ...(repetition ? { repetition } : {}),
            ...(instancesUnknown !== undefined ? { instancesUnknown } : {}),
            ...forEach,
            ...(constructPath ? { constructPath } : {}),
            ...(existsIf.length > 0 ? { existsIf } : {}),
          });
        }
      }
    }
  }
  return out;
}

function readProviders(doc: Body, scope: ModuleScope, style: DocumentStyle, fullNames: Map<string, string>, evaluator: Evaluator): ProviderData[] {
  const out: ProviderData[] = [];
  for (const [name, value] of labeled(doc.provider)) {
    for (const body of bodiesOf(value)) {
      const alias = literalString(body.alias);
      const key = alias ? `${name}.${alias}` : name;
      const read = (instance: string | undefined, scoped: Evaluator): ProviderData => {
        const split = splitBlock(body, valueStyle(style, name, scoped), new Set(['alias', 'version', 'for_each']));
        const configKey = `${key}${instance ?? ''}`;
        return {
          key: scope.configPath ? `${scope.configPath}:${configKey}` : configKey,
          name,
          ...(alias ? { alias } : {}),
          ...(instance !== undefined ? { instance } : {}),
          module: scope.configPath,
          fullName: fullNames.get(name) ?? fullProviderName(name),
          config: split.config,
          values: { after: split.after, unknown: split.unknown ?? {} },
        };
      };
      // The block, its instance-keyed values not known; and, for OpenTofu's provider for_each (1.9)
      // over keys the code fixes, each instance (`aws.by_region["eu-west-1"]`) with its own `each`.
      out.push(read(undefined, evaluator));
      const { repetition, keys } = body.for_each === undefined ? { repetition: undefined, keys: [] } : repetitionOf(body, undefined, evaluator);
      if (repetition === 'for_each') for (const instance of keys) if (typeof instance === 'string') out.push(read(indexText(instance), evaluator.instance('for_each', instance, body.for_each)));
    }
  }
  return out;
}

/** True for a module source in the local file system (`./modules/x`, `../shared`). */
export const isLocalSource = (source: string | undefined): source is string => source !== undefined && /^\.\.?[\\/]/.test(source);

/** Why a module call's configuration is not in the input, or undefined when the loader reads it; it names the source as `shown`. */
function notLoadedReason(source: string | undefined, shown: string | undefined, followsLocalModules: boolean): string | undefined {
  if (source === undefined) return 'its source is not a literal string, so it is not loaded: its resources are not checked';
  if (!isLocalSource(source)) return `remote module source ${shown} is not fetched: its resources are not checked (check a plan to cover them)`;
  return followsLocalModules ? undefined : `local module source ${shown} is not loaded from cdktf output: its resources are not checked (check a plan to cover them)`;
}

/**
 * A repeated module call's `providers` map per instance, where it names a provider instance by an
 * index the instance fixes (`providers = { aws = aws.by_region[each.key] }`, OpenTofu 1.9): by the
 * instance's index text (`["eu-west-1"]`); undefined when no entry does.
 */
function providersByInstance(body: Body, evaluator: Evaluator): Record<string, Record<string, string>> | undefined {
  const { repetition, keys } = repetitionOf(body, undefined, evaluator);
  if (repetition === undefined) return undefined;
  const out = record<Record<string, string>>();
  for (const key of keys) {
    if (key === undefined) continue;
    const scoped = evaluator.instance(repetition, key, body.for_each);
    for (const map of bodiesOf(body.providers)) {
      for (const [child, parent] of Object.entries(map)) {
        const instance = providerInstanceOf(parent, scoped);
        if (instance !== undefined) (out[indexText(key)] ??= record<string>())[child] = instance;
      }
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function readModuleCalls(doc: Body, scope: ModuleScope, followsLocalModules: boolean, evaluator: Evaluator): ModuleCallData[] {
  const out: ModuleCallData[] = [];
  for (const [name, value] of labeled(doc.module)) {
    for (const body of bodiesOf(value)) {
      const { repetition } = repetitionOf(body);
      // An argument is written once for every instance: read with its code, it binds the instance's count.index / each.
      const repeated = repetition ? { repetition, forEach: body.for_each } : undefined;
      const inputs = record<ConfigNode>();
      const written = record();
      for (const [key, input] of Object.entries(body)) {
        if (MODULE_META.has(key)) continue;
        inputs[key] = splitAttribute(input, undefined, evaluator, repeated).config;
        written[key] = evaluator.writtenValue(input);
      }
      const providers = record<string>();
      for (const map of bodiesOf(body.providers)) {
        for (const [child, parent] of Object.entries(map)) {
          const ref = providerConfigOf(parent);
          if (ref) providers[child] = ref;
        }
      }
      const instanceProviders = repetition ? providersByInstance(body, evaluator) : undefined;
      const forEach = body.for_each === undefined ? undefined : { node: splitAttribute(body.for_each, undefined, evaluator).config, written: evaluator.writtenValue(body.for_each) };
      const source = literalString(body.source);
      const shown = source === undefined ? undefined : shownSource(source);
      const notLoaded = notLoadedReason(source, shown, followsLocalModules);
      const elements = repetition === 'for_each' ? evaluator.forEachElements(body.for_each) : undefined;
      const instancesUnknown = repetition ? unknownInstances(body, repetitionOf(body, undefined, evaluator)) : undefined;
      out.push({
        parent: scope.configPath,
        name,
        ...(source !== undefined ? { source, shownSource: shown } : {}),
        inputs,
        written,
        ...(forEach ? { forEach } : {}),
        ...(Object.keys(providers).length > 0 ? { providers } : {}),
        ...(instanceProviders ? { instanceProviders } : {}),
        ...(repetition ? { repetition } : {}),
        ...(instancesUnknown !== undefined ? { instancesUnknown } : {}),
        ...forEachRefsOf(body),
        ...(elements ? { forEachElements: elements } : {}),
        ...(notLoaded ? { notLoaded } : {}),
      });
    }
  }
  return out;
}

function readOutputs(doc: Body, scope: ModuleScope, evaluator: Evaluator): OutputData[] {
  const out: OutputData[] = [];
  for (const [name, value] of labeled(doc.output)) {
    for (const body of bodiesOf(value)) {
      out.push({ module: scope.configPath, name, expr: splitAttribute(body.value, undefined, evaluator).config, ...(body.sensitive === true ? { sensitive: true } : {}) });
    }
  }
  return out;
}

/** Variable declarations of a module document: `variable "x" { default = …, sensitive = true }`. */
function readVariables(doc: Body, module: string): VariableDeclaration[] {
  return labeled(doc.variable).flatMap(([name, value]) => bodiesOf(value).map((body) => declaredVariable(module, name, body)));
}

/**
 * Read one module's configuration document (a cdk.tf.json, or the merged hcl2json output of a
 * directory's .tf files). Module calls are listed, not followed; with `followsLocalModules`
 * (the HCL loader) only calls with other sources are marked `notLoaded`. `blocks` gives the
 * repetitions of the module's blocks when its configuration spans more documents than `doc`, and
 * `evaluator` its `local` values.
 */
export function readConfiguration(
  doc: Body,
  scope: ModuleScope,
  style: DocumentStyle,
  input: string,
  followsLocalModules = false,
  blocks?: BlockRepetitions,
  evaluator: Evaluator = new LocalScope(bodiesOf(doc.locals)),
): ModuleContent {
  try {
    return readModule(doc, scope, style, input, followsLocalModules, blocks ?? blockRepetitions([doc], evaluator), evaluator);
  } catch (error) {
    if (error instanceof ExpressionTooDeep) throw new InputError(input, EXPRESSION_TOO_DEEP);
    throw error;
  }
}

/** A reference as the JSON syntax writes it (`aws_kms_key.k`) or hcl2json renders it (`${aws_kms_key.k}`). */
const referenceText = (value: unknown): string | undefined => (typeof value === 'string' ? (/^\$\{(.*)\}$/s.exec(value)?.[1] ?? value).trim() : undefined);

/** A resource of the root module an `import` block brings in, and the attributes its `lifecycle { ignore_changes }` lists. */
export interface ImportTarget {
  readonly type: string;
  readonly name: string;
  /** The instance `to` names by a literal key (`aws_kms_key.k["a"]`, `[0]`); undefined: every instance of the block. */
  readonly index?: number | string;
  /** The top-level attributes ignored (`tags["Owner"]` and `rule[0].x` are `tags` and `rule`), `all`, or none. */
  readonly attributes: readonly string[] | 'all';
}

/** The instance a literal index names (`[0]`, `["a"]`); undefined for any other (`[each.key]`). */
function literalIndex(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  const number = /^\[\s*(\d+)\s*\]$/.exec(text);
  if (number) return Number(number[1]);
  const key = /^\[\s*"([^"\\$]*)"\s*\]$/.exec(text);
  return key ? key[1] : undefined;
}

/**
 * The `import` blocks of the root module whose resource is of the root module, with what its
 * `lifecycle { ignore_changes }` lists (`[enable_key_rotation]`, or `all`): Terraform uses such an argument's
 * value only when it creates the object, and an imported object already exists, so it keeps the value
 * it has in AWS, which the code does not hold (its plan does). `docs` are the root module's documents
 * (a directory's .tf and .tf.json halves, or a stack file). A target in a module call is not followed
 * (README "Known limits").
 */
function importTargets(docs: readonly Body[]): ImportTarget[] {
  const resources = docs.flatMap((doc) => labeled(doc.resource));
  const found: ImportTarget[] = [];
  for (const block of docs.flatMap((doc) => bodiesOf(doc.import))) {
    const to = referenceText(block.to);
    const target = to === undefined ? undefined : /^([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)\s*(\[.*\])?$/s.exec(to);
    if (!target || target[1] === 'module' || target[1] === 'data') continue;
    const [, type, name, index] = target;
    const key = literalIndex(index?.trim());
    const bodies = resources.filter(([t]) => t === type).flatMap(([, named]) => labeled(named).filter(([n]) => n === name).flatMap(([, body]) => bodiesOf(body)));
    for (const body of bodies) {
      const ignored = bodiesOf(body.lifecycle).map((lifecycle) => lifecycle.ignore_changes).find((value) => value !== undefined);
      const names = (Array.isArray(ignored) ? ignored : [ignored]).map(referenceText).filter((n): n is string => n !== undefined && n !== '');
      const attributes = names.includes('all') ? 'all' : [...new Set(names.map((n) => /^[A-Za-z_][A-Za-z0-9_-]*/.exec(n)?.[0]).filter((n): n is string => n !== undefined))];
      found.push({ type, name, ...(key !== undefined ? { index: key } : {}), attributes });
    }
  }
  return found;
}

/**
 * `input` with the instances the root module's `import` blocks bring in (`importTargets` of `docs`, its documents)
 * marked `importing`, and the attributes they ignore known only after apply, as a loader marks a value it cannot know
 * (`afterUnknown`): every rule on them says it cannot be verified (blocking, waivable per resource), the others judge
 * the code. Ignoring `tags` makes `tags_all` unknown too (it is made of them); `all`, every attribute. The resource
 * lists them (`keptFromAws`), so that a finding says why they are not known.
 */
export function withImportTargets(input: LoadedInput, docs: readonly Body[]): LoadedInput {
  const imports = importTargets(docs);
  if (imports.length === 0) return input;
  let changed = false;
  const resources = input.resources.map((resource) => {
    if (resource.module !== '' || resource.mode !== 'managed') return resource;
    const matching = imports.filter((i) => i.type === resource.type && i.name === resource.name && (i.index === undefined || i.index === resource.index));
    if (matching.length === 0) return resource;
    changed = true;
    if (matching.some((i) => i.attributes === 'all')) return { ...resource, importing: true as const, after: {}, afterUnknown: true, keptFromAws: 'all' as const };
    const names = new Set(matching.flatMap((i) => i.attributes as readonly string[]));
    if (names.size === 0) return { ...resource, importing: true as const };
    if (names.has('tags')) names.add('tags_all');
    const after = isRecord(resource.after) ? { ...resource.after } : {};
    const unknown: Record<string, unknown> = isRecord(resource.afterUnknown) ? { ...resource.afterUnknown } : {};
    for (const attribute of names) {
      delete after[attribute];
      unknown[attribute] = true;
    }
    return { ...resource, importing: true as const, after, afterUnknown: unknown, keptFromAws: [...names] };
  });
  return changed ? { ...input, resources } : input;
}

function readModule(doc: Body, scope: ModuleScope, style: DocumentStyle, input: string, followsLocalModules: boolean, blocks: BlockRepetitions, evaluator: Evaluator): ModuleContent {
  const fullNames = requiredProviders(doc);
  const reading: ModuleReading = { scope, style, fullNames, blocks, input, evaluator };
  return {
    resources: [...readResources(doc, 'managed', reading), ...readResources(doc, 'data', reading)],
    codeBlocks: readCodeBlocks(doc, reading),
    providers: readProviders(doc, scope, style, fullNames, evaluator),
    moduleCalls: readModuleCalls(doc, scope, followsLocalModules, evaluator),
    outputs: readOutputs(doc, scope, evaluator),
    variableDeclarations: readVariables(doc, scope.configPath),
    locals: readLocals(doc, scope.configPath, evaluator),
  };
}

/** The `local` values a module document declares, as far as the code fixes them. */
function readLocals(doc: Body, module: string, evaluator: Evaluator): LocalValue[] {
  return bodiesOf(doc.locals).flatMap((body) =>
    Object.keys(body)
      .filter((name) => name !== '//')
      .map((name) => {
        const value = evaluator.localValue(name);
        // What its code writes that its value does not hold is the code's all the same (credentials).
        const entries = writtenBeyond(evaluator, body[name], value);
        const cycle = evaluator.localCycle(name);
        return { module, name, value, references: evaluator.expand([`local.${name}`]), ...(entries.length > 0 ? { entriesOfUnknownMap: entries } : {}), ...(cycle ? { cycle } : {}) };
      }),
  );
}

/** True when a parsed JSON document has a block of a Terraform configuration. */
export const isConfigurationDocument = (doc: unknown): boolean => isRecord(doc) && (isRecord(doc['//']) || CONFIG_KEYS.some((k) => k in doc));

/** The root module: no configuration path, one instance. */
export const ROOT_SCOPE: ModuleScope = { configPath: '', instances: [''] };

/**
 * A cdk.tf.json document (or any Terraform JSON configuration) as a LoadedInput. `stack` defaults
 * to the stack name cdktf writes in `"//".metadata.stackName`.
 */
export function parseCdktfDocument(doc: unknown, input: string, stack?: string, env: Readonly<Record<string, string | undefined>> = {}): LoadedInput {
  takeSensitiveLiterals();
  const body = configurationOf(doc, input);
  const fromEnvironment = environmentDefaultTags(env);
  const ignoredInEnvironment = environmentIgnoreTags(env);
  const read = cdktfInput(body, input, stack, readConfiguration(body, ROOT_SCOPE, 'json', input, false, undefined, stackScope(body, env)), env, undefined);
  // What the code marks sensitive, for the reports to mask (`twinguard check` reads a stack file so, `loadStackFile`).
  const sensitiveLiterals = takeSensitiveLiterals();
  return {
    ...withImportTargets(read, [body]),
    ...(fromEnvironment ? { environmentDefaultTags: fromEnvironment } : {}),
    ...(ignoredInEnvironment ? { environmentIgnoreTags: ignoredInEnvironment } : {}),
    ...(sensitiveLiterals.length > 0 ? { sensitiveLiterals } : {}),
  };
}

/** The document as a configuration body, or the one-line reason it is not one. */
function configurationOf(doc: unknown, input: string): Body {
  if (!isRecord(doc)) throw new InputError(input, 'not a cdktf configuration: the JSON is not an object');
  if (nestsTooDeep(doc)) throw new InputError(input, TOO_DEEP);
  if (!isConfigurationDocument(doc)) {
    const hint = 'resource_changes' in doc || 'format_version' in doc ? ' (this looks like a Terraform plan)' : '';
    throw new InputError(input, `not a cdktf configuration: it has no resource, data, provider, module, output or terraform block${hint}`);
  }
  refuseUnknownTopLevel(doc, input, 'json');
  return doc;
}

/**
 * The LoadedInput of a stack document and what was read of it; `dir`, the stack's directory, where terraform
 * runs (cdktf.out/stacks/<stack>): a relative path the stack names in `shared_config_files` is read from there,
 * and not at all where it is not known (a stack checked as it is synthesized).
 */
function cdktfInput(doc: Body, input: string, stack: string | undefined, content: ModuleContent, env: Readonly<Record<string, string | undefined>>, dir: string | undefined, encryption?: Body): LoadedInput {
  const metadata = isRecord(doc['//']) && isRecord(doc['//'].metadata) ? doc['//'].metadata : {};
  const stackName = stack ?? (typeof metadata.stackName === 'string' ? metadata.stackName : undefined);
  // A stack is a root module, and one without a backend block keeps its state in Terraform's
  // implied local backend (`-backend-config` at init configures none without a block).
  const backend = withEnvironment(backendOf(bodiesOf(doc.terraform)), env) ?? impliedLocalBackend();
  const stateEncryption = stateEncryptionOf(bodiesOf(doc.terraform), undefined, encryption);
  const providerVersions = requiredProviderVersions(doc);
  const endpoints = environmentEndpoints(env);
  const { codeBlocks, ...rest } = content;
  const loaded: LoadedInput = {
    input,
    kind: 'cdktf',
    ...(stackName ? { stack: stackName } : {}),
    ...rest,
    ...(codeBlocks.length > 0 ? { codeBlocks } : {}),
    backend,
    ...(endpoints ? { environmentEndpoints: endpoints } : {}),
    ...(stateEncryption ? { stateEncryption } : {}),
    ...(providerVersions.length > 0 ? { providerVersions } : {}),
    meta: {},
  };
  return withNamedSharedFiles(loaded, env, dir);
}

/**
 * The local modules a stack document calls, from the stack's directory (the HCL loader's
 * `readCdktfLocalModules`; passed in, since the HCL loader builds on this module): the stack's scope,
 * in which the modules' outputs are known, and `read`, which reads their resources into `out`.
 */
export type LocalModuleReader = (
  dir: string,
  doc: Body,
  env: Readonly<Record<string, string | undefined>>,
) => Promise<{ readonly scope: Evaluator; read(input: string, out: ModuleContent): Promise<void> }>;

/**
 * A stack's variables (`TerraformVariable`) as `terraform plan` takes them without `-var`: the
 * default, unknown where the environment sets `TF_VAR_<name>` (root-variables.ts); its scope, with its locals.
 */
export const stackVariables = (doc: Body, env: Readonly<Record<string, string | undefined>>): Map<string, unknown> =>
  rootVariableValues(Object.fromEntries(labeled(doc.variable)), [], env, true);

const stackScope = (doc: Body, env: Readonly<Record<string, string | undefined>>): LocalScope => new LocalScope(bodiesOf(doc.locals), stackVariables(doc, env));

/** The variable files Terraform loads by itself from the directory it runs in. */
const isAutoLoadedVariableFile = (name: string): boolean => /^terraform\.tfvars(\.json)?$/.test(name) || /\.auto\.tfvars(\.json)?$/.test(name);

/**
 * `env` with every variable the stack declares given from outside (`TF_VAR_<name>`, read as unknown) where
 * the stack's directory holds a variable file Terraform loads by itself (`terraform.tfvars`, `*.auto.tfvars`,
 * and their `.json` forms): cdktf deploy runs terraform there, which takes those values over the defaults.
 * A stack file is not read for them (a `.tf` directory's are, hcl.ts): its variables are unknown instead.
 */
async function withVariableFilesOf(dir: string, doc: Body, env: Readonly<Record<string, string | undefined>>): Promise<Readonly<Record<string, string | undefined>>> {
  const names = Object.keys(Object.fromEntries(labeled(doc.variable)));
  if (names.length === 0) return env;
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return env;
  }
  if (!entries.some((entry) => !entry.isDirectory() && isAutoLoadedVariableFile(entry.name))) return env;
  return { ...env, ...Object.fromEntries(names.map((name) => [`TF_VAR_${name}`, env[`TF_VAR_${name}`] ?? ''])) };
}

/**
 * A stack file on disk: with `readLocal`, the local modules it calls are read too, as the HCL loader
 * reads them. Where each block is written (positions.ts): the line of its name in the stack file, a
 * local module's in the module's copy under the stack's `assets/`.
 */
async function loadStackFile(
  file: string,
  stack: string | undefined,
  readLocal: LocalModuleReader | undefined,
  env: Readonly<Record<string, string | undefined>>,
  encryption?: Body,
  stackPath?: string,
  besidePlan = false,
): Promise<LoadedInput> {
  takeSensitiveLiterals();
  const read = await readJsonText(file, file);
  const doc = configurationOf(read.doc, file);
  // Terraform run in the stack's directory (cdktf deploy) loads the variable files there by itself.
  const variablesEnv = besidePlan ? env : await withVariableFilesOf(path.dirname(file), doc, env);
  const local = readLocal ? await readLocal(path.dirname(file), doc, variablesEnv) : undefined;
  const positions: Record<string, SourcePosition> = record();
  for (const [name, line] of jsonConfigLines(read.text, doc)) if (line !== null) positions[name] = { file, line };
  const content = { ...readConfiguration(doc, ROOT_SCOPE, 'json', file, readLocal !== undefined, undefined, local?.scope ?? stackScope(doc, variablesEnv)), positions };
  if (local) await local.read(file, content);
  const { positions: _kept, ...module } = content;
  const sensitiveLiterals = takeSensitiveLiterals();
  const fromEnvironment = environmentDefaultTags(env);
  const ignoredInEnvironment = environmentIgnoreTags(env);
  // Read beside its plan (`--code`, the gate), the plan's values are taken: it holds the imported ones.
  const loaded = cdktfInput(doc, file, stack, module, env, path.dirname(path.resolve(file)), encryption);
  return {
    ...(besidePlan ? loaded : withImportTargets(loaded, [doc])),
    ...(stackPath !== undefined ? { stackPath } : {}),
    ...(Object.keys(positions).length > 0 ? { positions } : {}),
    ...(sensitiveLiterals.length > 0 ? { sensitiveLiterals } : {}),
    ...(fromEnvironment ? { environmentDefaultTags: fromEnvironment } : {}),
    ...(ignoredInEnvironment ? { environmentIgnoreTags: ignoredInEnvironment } : {}),
  };
}

/** Read and parse one JSON file, refusing with a one-line InputError. */
const readJson = async (file: string, input: string): Promise<unknown> => (await readJsonText(file, input)).doc;

/** Read and parse one JSON file, with its text, refusing with a one-line InputError. */
async function readJsonText(file: string, input: string): Promise<{ readonly text: string; readonly doc: unknown }> {
  let text: string;
  try {
    text = decodeText(await fs.promises.readFile(file));
  } catch (error) {
    throw new InputError(input, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // JSON.parse would say "invalid JSON at line 1, column 2", which names no encoding.
  const binary = notText(text);
  if (binary !== undefined) throw new InputError(input, binary);
  if (text.trim() === '') throw new InputError(input, 'empty file (nothing to check)');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InputError(input, invalidJsonMessage(error, text));
  }
  const repeated = repeatedKeyMessage(text);
  if (repeated !== undefined) throw new InputError(input, repeated);
  return { text, doc };
}

const exists = (p: string): boolean => fs.existsSync(p);

/** A path as the file system resolves it (absolute, symbolic links followed); absolute as written where it does not resolve. */
const resolvedPath = (p: string): string => {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};

/**
 * The stacks of a cdktf.out directory: from manifest.json when present, with each stack's construct
 * path (`constructPath`, what cross-stack references name it by), else `stacks/*\/cdk.tf.json`.
 */
async function stacksOf(dir: string): Promise<{ name: string; file: string; constructPath?: string }[]> {
  const manifestFile = path.join(dir, 'manifest.json');
  if (exists(manifestFile)) {
    const manifest = await readJson(manifestFile, manifestFile);
    const stacks = isRecord(manifest) && isRecord(manifest.stacks) ? manifest.stacks : undefined;
    if (!stacks) throw new InputError(manifestFile, 'not a cdktf manifest: it has no "stacks" object');
    return Object.entries(stacks).map(([name, spec]) => {
      // cdktf writes the path with the platform's separator: `stacks\web\cdk.tf.json` when synthesized on Windows.
      const relative = isRecord(spec) && typeof spec.synthesizedStackPath === 'string' ? spec.synthesizedStackPath.split(/[\\/]/) : ['stacks', name, 'cdk.tf.json'];
      const constructPath = isRecord(spec) && typeof spec.constructPath === 'string' && spec.constructPath !== '' ? { constructPath: spec.constructPath } : {};
      return { name: isRecord(spec) && typeof spec.name === 'string' ? spec.name : name, file: path.join(dir, ...relative), ...constructPath };
    });
  }
  const missing = missingManifest(dir);
  if (missing !== undefined) throw missing;
  const stacksDir = path.join(dir, 'stacks');
  if (!exists(stacksDir)) return [];
  return (await fs.promises.readdir(stacksDir))
    .sort()
    .map((name) => ({ name, file: path.join(stacksDir, name, 'cdk.tf.json') }))
    .filter((s) => exists(s.file));
}

/**
 * The stack the manifest of a stack file's cdktf.out lists at that file (`…/cdktf.out/stacks/<name>/cdk.tf.json`,
 * or `cdk.tf` where the app was synthesized as HCL, beside `…/cdktf.out/manifest.json`), when the file or its
 * directory is named alone: its name, and the construct path another stack's cross-stack references call a
 * stack inside a construct by. A manifest that cannot be read, or that does not list the file, gives none: a
 * JSON stack then answers to its name alone, and links by path stay unmade (the verdicts stay closed); an
 * HCL stack is read as the directory of .tf files it is.
 */
export async function manifestStack(file: string): Promise<{ readonly name: string; readonly constructPath?: string } | undefined> {
  // Where the file is, symbolic links followed: a link to a stack's directory names that stack.
  const real = resolvedPath(file);
  const out = path.dirname(path.dirname(path.dirname(real)));
  if (path.basename(path.dirname(path.dirname(real))) !== 'stacks' || !exists(path.join(out, 'manifest.json')) || !exists(file)) return undefined;
  try {
    return (await stacksOf(out)).find((stack) => resolvedPath(stack.file) === real);
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

/** The construct path of a stack file named alone (`manifestStack`). */
const manifestConstructPath = async (file: string): Promise<string | undefined> => (await manifestStack(file))?.constructPath;

/** Whether a stack's file is HCL: `cdk.tf` (cdktf's HCL output), where JSON output is `cdk.tf.json`. */
const isHclStack = (file: string): boolean => file.endsWith('.tf');

/**
 * A stack synthesized as HCL: its directory read as .tf files are (the stack's cdk.tf, with the local
 * modules it calls from its `assets/`), named as a cdktf stack is (its file and its name, so
 * cross-stack references link it). cdktf's HCL writes no construct paths: findings name the address only.
 */
async function loadHclStack(file: string, stack: string, env: Readonly<Record<string, string | undefined>>, readHcl: HclStackReader | undefined, stackPath?: string): Promise<LoadedInput> {
  if (!readHcl) throw new InputError(file, 'a stack synthesized as HCL (cdktf synth --hcl) cannot be read here: check its directory as .tf files');
  const loaded = await readHcl(path.dirname(file), env);
  return { ...loaded, input: file, kind: 'cdktf', stack, ...(stackPath !== undefined ? { stackPath } : {}) };
}

/**
 * A stack synthesized as HCL named alone (`cdktf.out/stacks/<name>/cdk.tf`, or its directory): read as the
 * whole app reads it, by the name and construct path its cdktf.out's manifest gives it, so that the stacks
 * of one app named one by one link as the app's stacks do. A `cdk.tf` no manifest lists is one .tf file of a module.
 */
async function loadListedHclStack(file: string, env: Readonly<Record<string, string | undefined>>, readHcl: HclStackReader | undefined): Promise<LoadedInput> {
  const stack = await manifestStack(file);
  if (stack === undefined) throw new InputError(file, 'not a stack: no cdktf.out manifest.json lists this cdk.tf (read a module\'s .tf files as a directory)');
  return loadHclStack(file, stack.name, env, readHcl, stack.constructPath);
}

/**
 * The refusal of a cdktf output directory holding stacks synthesized as HCL (`stacks/<name>/cdk.tf`, no
 * `cdk.tf.json` beside it) without the manifest.json cdktf writes with them: only the manifest says which
 * directories are stacks, and by which names and construct paths other stacks' cross-stack references read
 * them. Undefined where there is a manifest, or no such stack.
 */
export function missingManifest(dir: string): InputError | undefined {
  const stacksDir = path.join(dir, 'stacks');
  if (exists(path.join(dir, 'manifest.json')) || !exists(stacksDir)) return undefined;
  const hcl = fs
    .readdirSync(stacksDir)
    .sort()
    .filter((name) => exists(path.join(stacksDir, name, 'cdk.tf')) && !exists(path.join(stacksDir, name, 'cdk.tf.json')));
  if (hcl.length === 0) return undefined;
  const others = hcl.length > 1 ? ` and ${hcl.length - 1} more` : '';
  return new InputError(
    dir,
    `no manifest.json: its stacks synthesized as HCL (stacks/${quotedInput(hcl[0])}/cdk.tf${others}) are read only with the manifest cdktf wrote beside them, which names them and the construct paths their cross-stack references read them by (check the cdktf.out as cdktf wrote it)`,
  );
}

/** True when `dir` is a cdktf.out directory (a manifest.json or stacks/<name>/cdk.tf.json). */
export function isCdktfOutDir(dir: string): boolean {
  if (exists(path.join(dir, 'manifest.json'))) return true;
  const stacksDir = path.join(dir, 'stacks');
  return exists(stacksDir) && fs.readdirSync(stacksDir).some((name) => exists(path.join(stacksDir, name, 'cdk.tf.json')));
}

/**
 * Reads a stack cdktf synthesized as HCL (`cdktf synth --hcl`: the manifest names `stacks/<name>/cdk.tf`)
 * from its directory, as the HCL loader reads a directory of .tf files (passed in, as `readLocal` is).
 */
export type HclStackReader = (dir: string, env: Readonly<Record<string, string | undefined>>) => Promise<LoadedInput>;

/**
 * Load cdktf output: a cdk.tf.json file, a stack directory holding one, a cdktf.out directory
 * (every stack it lists), or a project directory holding cdktf.out. One LoadedInput per stack,
 * whose `input` is the stack's file (`cdktf.out/stacks/dev/cdk.tf.json`). With `readLocal`, the
 * local modules a stack calls are read from its directory; without, they are listed as not loaded.
 * A stack the manifest names as HCL (`cdk.tf`) is read with `readHcl`; without it, it is refused.
 * `encryption`: what `TF_ENCRYPTION` gives the tofu run that plans a cdk.tf.json stack (the gate's,
 * hcl.ts `RootValues.encryption`), merged into the stack's state encryption as OpenTofu merges it.
 */
export async function loadCdktf(
  target: string,
  readLocal?: LocalModuleReader,
  env: Readonly<Record<string, string | undefined>> = {},
  readHcl?: HclStackReader,
  encryption?: Body,
  /** Read as the code of a plan (`--code`, the gate), whose values are taken where they differ. */
  besidePlan = false,
): Promise<LoadedInput[]> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(target);
  } catch (error) {
    throw new InputError(target, ioProblem(error) ?? 'no such file or directory');
  }
  if (stat.isFile() && isHclStack(target)) return [await loadListedHclStack(target, env, readHcl)];
  if (stat.isFile()) {
    const real = resolvedPath(target);
    const parent = path.basename(path.dirname(real));
    const inStacks = path.basename(path.dirname(path.dirname(real))) === 'stacks';
    return [await loadStackFile(target, inStacks ? parent : undefined, readLocal, env, encryption, await manifestConstructPath(target), besidePlan)];
  }
  if (isCdktfOutDir(target)) {
    const stacks = await stacksOf(target);
    if (stacks.length === 0) throw new InputError(target, 'no cdktf stacks found (the manifest lists none)');
    const out: LoadedInput[] = [];
    for (const stack of stacks) {
      if (!exists(stack.file)) throw new InputError(stack.file, `stack "${quotedInput(stack.name)}" is listed in manifest.json but its file is missing (run cdktf synth again)`);
      out.push(
        isHclStack(stack.file)
          ? await loadHclStack(stack.file, stack.name, env, readHcl, stack.constructPath)
          : await loadStackFile(stack.file, stack.name, readLocal, env, encryption, stack.constructPath, besidePlan),
      );
    }
    return out;
  }
  const single = path.join(target, 'cdk.tf.json');
  if (exists(single)) return [await loadStackFile(single, path.basename(path.dirname(resolvedPath(single))), readLocal, env, encryption, await manifestConstructPath(single), besidePlan)];
  const hclStack = path.join(target, 'cdk.tf');
  const listed = await manifestStack(hclStack);
  if (listed !== undefined) return [await loadHclStack(hclStack, listed.name, env, readHcl, listed.constructPath)];
  const nested = path.join(target, 'cdktf.out');
  if (exists(nested) && isCdktfOutDir(nested)) return loadCdktf(nested, readLocal, env, readHcl, encryption, besidePlan);
  throw new InputError(target, 'no cdk.tf.json and no cdktf.out stacks found (nothing to check)');
}
