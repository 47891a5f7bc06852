/**
 * The `configuration` section of a plan: expressions turned into `ConfigNode`s, resource blocks
 * indexed by module path, provider configurations, module calls and outputs.
 *
 * Conventions emitted (documented for the graph builder):
 * - A module path is `module.a.module.b` (configuration path, no instance keys), '' for the root.
 * - A provider key is `<local name>[.<alias>]` for the root module and
 *   `<module path>:<local name>[.<alias>]` for a module. Terraform before 1.1 wrote the module part
 *   as the bare call name (`child:aws`, `module_address: "child"`); it is rewritten to the full
 *   module path (`module.outer.module.child:aws`).
 * - Before Terraform 1.1 a resource's key names the provider as the resource's own module refers to
 *   it (possibly inherited from the parent); from 1.1 on it names the configuration that will
 *   actually be used (often a root key such as `aws.east` for a resource inside a module).
 */
import { normalizeModulePath } from '../module-path';
import { record } from '../records';
import { declaredVariable } from '../variables';
import type { CodeBlock, ConfigNode, ModuleCallData, OutputData, ProviderData, VariableDeclaration } from '../types';
import { shownSource } from '../../rules/support/detect';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

const EXPR_KEYS = new Set(['constant_value', 'references']);

/** An expression leaf: `{constant_value}`, `{references}`, both, or `{}` (a value the plan does not render). */
function isExpressionLeaf(value: Json): boolean {
  const keys = Object.keys(value);
  return keys.every((key) => EXPR_KEYS.has(key));
}

/**
 * Convert one value of a plan's `expressions` map: leaves become `expr`, nested blocks written as
 * arrays become `list` of `block`, a nested object of attributes becomes `block`.
 */
export function toConfigNode(value: unknown): ConfigNode {
  if (Array.isArray(value)) return { kind: 'list', items: value.map(toBlockNode) };
  if (isObject(value) && isExpressionLeaf(value)) {
    const references = Array.isArray(value.references) ? value.references.filter((r): r is string => typeof r === 'string') : [];
    return 'constant_value' in value
      ? { kind: 'expr', hasConstant: true, constant: value.constant_value, references }
      : { kind: 'expr', hasConstant: false, references };
  }
  if (isObject(value)) return toBlockNode(value);
  // Not a shape Terraform writes: keep it as an unknown expression rather than guess.
  return { kind: 'expr', hasConstant: false, references: [] };
}

/** A block: every key of the object is an attribute or a nested block. */
function toBlockNode(value: unknown): ConfigNode {
  if (!isObject(value)) return toConfigNode(value);
  const attrs = record<ConfigNode>();
  for (const [key, inner] of Object.entries(value)) attrs[key] = toConfigNode(inner);
  return { kind: 'block', attrs };
}

/** Remove instance keys: `module.a["x"].module.b[0]` -> `module.a.module.b`. */
export function moduleConfigPath(moduleAddress: string): string {
  return moduleAddress.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

/**
 * A resource's `provider_config_key` in the conventions above. `modulePath` is the configuration
 * path of the resource's module; a bare call name (`child:aws`) is taken to mean that module.
 */
function normalizeResourceProviderKey(key: string, modulePath: string): string {
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  const prefix = key.slice(0, colon);
  const local = key.slice(colon + 1);
  if (prefix.startsWith('module.')) return key;
  const fullPath = modulePath.endsWith(`.module.${prefix}`) || modulePath === `module.${prefix}` ? modulePath : normalizeModulePath(prefix);
  return `${fullPath}:${local}`;
}

/** A provider configuration key (`foo:null.aliased` with `module_address: "foo"` -> `module.foo:null.aliased`). */
function normalizeProviderKey(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : `${normalizeModulePath(key.slice(0, colon))}:${key.slice(colon + 1)}`;
}

/** One resource block of the configuration, as the loader needs it. */
export interface ConfigResource {
  readonly providerConfigKey?: string;
  readonly config: ConfigNode;
  readonly provisioners?: ConfigNode;
  readonly repetition?: 'count' | 'for_each';
  readonly forEachRefs?: readonly string[];
}

/** Everything the loader takes from `configuration`. */
export interface ConfigIndex {
  /** Keyed by `<module path>|<[data.]type.name>`. */
  readonly resources: ReadonlyMap<string, ConfigResource>;
  readonly providers: ProviderData[];
  readonly moduleCalls: ModuleCallData[];
  readonly outputs: OutputData[];
  /** The variables of every module, the root's first. */
  readonly variables: VariableDeclaration[];
  /** OpenTofu's `ephemeral` blocks, by configuration path (a plan writes no values of theirs). */
  readonly codeBlocks: CodeBlock[];
}

/** The key of a resource block in `ConfigIndex.resources`. */
export const configKey = (modulePath: string, mode: string, type: string, name: string): string =>
  `${modulePath}|${mode === 'data' ? 'data.' : ''}${type}.${name}`;

function repetitionOf(block: Json): 'count' | 'for_each' | undefined {
  if (block.count_expression !== undefined) return 'count';
  if (block.for_each_expression !== undefined) return 'for_each';
  return undefined;
}

/** The references of a block's `for_each_expression`, when it has any. */
function forEachRefsOf(block: Json): { forEachRefs?: string[] } {
  const expression = block.for_each_expression;
  if (!isObject(expression) || !Array.isArray(expression.references)) return {};
  const references = expression.references.filter((r): r is string => typeof r === 'string');
  return references.length > 0 ? { forEachRefs: references } : {};
}

/** A block's `provisioners` (`[{ type, expressions }]`) as `ResourceData.provisioners`: `{ provisioner: { <type>: [ … ] } }`. */
function provisionersOf(value: unknown): { provisioners?: ConfigNode } {
  const byType = new Map<string, ConfigNode[]>();
  for (const entry of Array.isArray(value) ? value : []) {
    if (!isObject(entry) || typeof entry.type !== 'string') continue;
    byType.set(entry.type, [...(byType.get(entry.type) ?? []), toBlockNode(isObject(entry.expressions) ? entry.expressions : {})]);
  }
  if (byType.size === 0) return {};
  const types = record<ConfigNode>();
  for (const [type, items] of byType) types[type] = { kind: 'list', items };
  return { provisioners: { kind: 'block', attrs: { provisioner: { kind: 'block', attrs: types } } } };
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const out = record<string>();
  for (const [key, inner] of Object.entries(value)) if (typeof inner === 'string') out[key] = inner;
  return out;
}

/**
 * A block's or resource's mode: `managed` (or no mode), `data`, or OpenTofu's `ephemeral` (no
 * resource: it creates nothing); undefined for anything else, which neither Terraform nor OpenTofu
 * writes (`jsonplan` writes `managed` or `data`). The plan loader refuses a resource of such a mode:
 * dropped, whatever it deploys would pass unjudged.
 */
export function resourceMode(mode: unknown): 'managed' | 'data' | 'ephemeral' | undefined {
  if (mode === undefined || mode === 'managed') return 'managed';
  return mode === 'data' || mode === 'ephemeral' ? mode : undefined;
}

function indexModule(
  module: Json,
  path: string,
  into: { resources: Map<string, ConfigResource>; moduleCalls: ModuleCallData[]; outputs: OutputData[]; variables: VariableDeclaration[]; codeBlocks: CodeBlock[] },
): void {
  into.variables.push(...variablesOf(module.variables, path));
  for (const block of Array.isArray(module.resources) ? module.resources : []) {
    if (!isObject(block) || typeof block.type !== 'string' || typeof block.name !== 'string') continue;
    const mode = resourceMode(block.mode);
    // OpenTofu lists its ephemeral blocks here too (`"mode": "ephemeral"`), and one may share a
    // managed resource's type and name: read as managed, it replaced that resource's configuration.
    if (mode === 'ephemeral') {
      const config = toBlockNode(isObject(block.expressions) ? block.expressions : {});
      into.codeBlocks.push({ address: `${path ? `${path}.` : ''}ephemeral.${block.type}.${block.name}`, kind: 'ephemeral', type: block.type, module: path, config });
    }
    // A block of no mode Terraform writes configures nothing: its resource, refused, never gets here.
    if (mode === undefined || mode === 'ephemeral') continue;
    const repetition = repetitionOf(block);
    into.resources.set(configKey(path, mode, block.type, block.name), {
      providerConfigKey: typeof block.provider_config_key === 'string' ? normalizeResourceProviderKey(block.provider_config_key, path) : undefined,
      config: toBlockNode(isObject(block.expressions) ? block.expressions : {}),
      ...provisionersOf(block.provisioners),
      ...(repetition ? { repetition } : {}),
      ...forEachRefsOf(block),
    });
  }
  for (const [name, output] of Object.entries(isObject(module.outputs) ? module.outputs : {})) {
    if (!isObject(output)) continue;
    into.outputs.push({
      module: path,
      name,
      expr: toConfigNode(output.expression ?? {}),
      ...(typeof output.sensitive === 'boolean' ? { sensitive: output.sensitive } : {}),
    });
  }
  for (const [name, call] of Object.entries(isObject(module.module_calls) ? module.module_calls : {})) {
    if (!isObject(call)) continue;
    const inputs = record<ConfigNode>();
    for (const [variable, expr] of Object.entries(isObject(call.expressions) ? call.expressions : {})) inputs[variable] = toConfigNode(expr);
    const providers = stringMap(call.providers);
    const repetition = repetitionOf(call);
    into.moduleCalls.push({
      parent: path,
      name,
      ...(typeof call.source === 'string' ? { source: call.source, shownSource: shownSource(call.source) } : {}),
      inputs,
      ...(isObject(call.for_each_expression) ? { forEach: { node: toConfigNode(call.for_each_expression) } } : {}),
      ...(providers ? { providers } : {}),
      ...(repetition ? { repetition } : {}),
      ...forEachRefsOf(call),
    });
    if (isObject(call.module)) indexModule(call.module, path ? `${path}.module.${name}` : `module.${name}`, into);
  }
}

function providersOf(providerConfig: unknown): ProviderData[] {
  const out: ProviderData[] = [];
  for (const [key, entry] of Object.entries(isObject(providerConfig) ? providerConfig : {})) {
    if (!isObject(entry)) continue;
    const normalized = normalizeProviderKey(key);
    const colon = normalized.indexOf(':');
    const local = colon < 0 ? normalized : normalized.slice(colon + 1);
    const module = typeof entry.module_address === 'string' ? normalizeModulePath(entry.module_address) : colon < 0 ? '' : normalized.slice(0, colon);
    const alias = typeof entry.alias === 'string' ? entry.alias : local.includes('.') ? local.slice(local.indexOf('.') + 1) : undefined;
    out.push({
      key: normalized,
      name: typeof entry.name === 'string' ? entry.name : local.split('.')[0],
      ...(alias ? { alias } : {}),
      module,
      ...(typeof entry.full_name === 'string' ? { fullName: entry.full_name } : {}),
      config: toBlockNode(isObject(entry.expressions) ? entry.expressions : {}),
    });
  }
  return out;
}

/** Index a plan's `configuration` (absent or malformed parts give empty results). */
export function indexConfiguration(configuration: unknown): ConfigIndex {
  const into = { resources: new Map<string, ConfigResource>(), moduleCalls: [] as ModuleCallData[], outputs: [] as OutputData[], variables: [] as VariableDeclaration[], codeBlocks: [] as CodeBlock[] };
  const root = isObject(configuration) ? configuration : {};
  if (isObject(root.root_module)) indexModule(root.root_module, '', into);
  return { ...into, providers: providersOf(root.provider_config) };
}

/** A module's variable declarations: `{ name: { default?, sensitive?, description? } }`. */
const variablesOf = (variables: unknown, module: string): VariableDeclaration[] =>
  isObject(variables) ? Object.entries(variables).map(([name, body]) => declaredVariable(module, name, body)) : [];
