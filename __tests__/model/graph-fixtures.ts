/**
 * A small factory of `LoadedInput`s for graph tests, independent of the loaders: state a scenario
 * as resources (address, after-values, unknown paths, configuration expressions), provider blocks,
 * module calls and outputs.
 */
import { buildGraph } from '../../checks/model/graph';
import type { ConfigNode, Graph, LoadedInput, ModuleCallData, OutputData, ProviderData, Resource, ResourceData } from '../../checks/model/types';

/** A constant expression. */
export const c = (constant: unknown): ConfigNode => ({ kind: 'expr', hasConstant: true, constant, references: [] });
/** An expression with references (and no constant). */
export const ref = (...references: string[]): ConfigNode => ({ kind: 'expr', hasConstant: false, references });
export const block = (attrs: Record<string, ConfigNode>): ConfigNode => ({ kind: 'block', attrs });
export const list = (...items: ConfigNode[]): ConfigNode => ({ kind: 'list', items });

export interface ResourceOptions {
  unknown?: Record<string, unknown>;
  sensitive?: Record<string, unknown>;
  /** Configuration expressions by attribute (added to, or replacing, the constants of `after`). */
  config?: Record<string, ConfigNode>;
  provider?: string;
  repetition?: 'count' | 'for_each';
  actions?: string[];
}

function parseAddress(address: string): Pick<ResourceData, 'module' | 'mode' | 'type' | 'name' | 'index'> {
  const match = /^((?:module\.[^.[]+(?:\[[^\]]+\])?\.)*)(data\.)?([^.[]+)\.([^.[]+)(?:\[(.+)\])?$/.exec(address);
  if (!match) throw new Error(`graph-fixtures: cannot parse ${address}`);
  const [, modulePrefix, data, type, name, rawIndex] = match;
  const index = rawIndex === undefined ? undefined : rawIndex.startsWith('"') ? (JSON.parse(rawIndex) as string) : Number(rawIndex);
  return { module: modulePrefix.replace(/\.$/, ''), mode: data ? 'data' : 'managed', type, name, ...(index !== undefined ? { index } : {}) };
}

/** One resource instance. Constants of `after` become its configuration unless `config` says otherwise. */
export function resource(address: string, after: Record<string, unknown> = {}, options: ResourceOptions = {}): ResourceData {
  const parts = parseAddress(address);
  const attrs: Record<string, ConfigNode> = {};
  for (const [key, value] of Object.entries(after)) if (value !== null && !['id', 'arn', 'tags_all'].includes(key)) attrs[key] = c(value);
  Object.assign(attrs, options.config ?? {});
  const moduleConfig = parts.module.replace(/\[[^\]]+\]/g, '');
  const local = options.provider ?? parts.type.split('_')[0];
  const repetition = options.repetition ?? (typeof parts.index === 'number' ? 'count' : typeof parts.index === 'string' ? 'for_each' : undefined);
  return {
    address,
    ...parts,
    providerConfigKey: moduleConfig && !local.includes(':') ? `${moduleConfig}:${local}` : local,
    providerName: `registry.terraform.io/hashicorp/${parts.type.split('_')[0]}`,
    actions: options.actions ?? ['create'],
    after,
    afterUnknown: options.unknown ?? {},
    afterSensitive: options.sensitive ?? {},
    config: block(attrs),
    ...(repetition ? { repetition } : {}),
  };
}

/** A provider block: `provider('aws.east', { default_tags: list(block({ tags: c({...}) })) })`. */
export function provider(key: string, attrs: Record<string, ConfigNode> = {}): ProviderData {
  const colon = key.lastIndexOf(':');
  const module = colon < 0 ? '' : key.slice(0, colon);
  const [name, alias] = key.slice(colon + 1).split('.');
  return { key, name, module, ...(alias ? { alias } : {}), config: block(attrs) };
}

/** Default tags as a plan writes them: `default_tags: [{ tags: {...} }]`. */
export const defaultTags = (tags: ConfigNode): Record<string, ConfigNode> => ({ default_tags: list(block({ tags })) });

export function moduleCall(path: string, inputs: Record<string, ConfigNode> = {}, extra: Partial<ModuleCallData> = {}): ModuleCallData {
  const match = /^(?:(.*)\.)?module\.([^.]+)$/.exec(path);
  if (!match) throw new Error(`graph-fixtures: not a module path: ${path}`);
  return { parent: match[1] ?? '', name: match[2], inputs, ...extra };
}

export const output = (module: string, name: string, expr: ConfigNode): OutputData => ({ module, name, expr });

export interface InputParts {
  input?: string;
  kind?: LoadedInput['kind'];
  resources: ResourceData[];
  providers?: ProviderData[];
  moduleCalls?: ModuleCallData[];
  outputs?: OutputData[];
}

export function loaded(parts: InputParts): LoadedInput {
  return {
    input: parts.input ?? 'plan.json',
    kind: parts.kind ?? 'plan',
    resources: parts.resources,
    providers: parts.providers ?? [],
    moduleCalls: parts.moduleCalls ?? [],
    outputs: parts.outputs ?? [],
    meta: {},
  };
}

/** A new bucket whose id and ARN are known only after apply. */
export const newBucket = (address: string, name?: string): ResourceData =>
  resource(address, name ? { bucket: name } : {}, { unknown: { id: true, arn: true, ...(name ? {} : { bucket: true }) } });

/** A satellite (`aws_s3_bucket_…`) whose `bucket` is unknown and written as these references. */
export const satellite = (address: string, ...refs: string[]): ResourceData =>
  resource(address, {}, { unknown: { bucket: true }, config: { bucket: ref(...refs) } });

/** The graph of one input stated as parts. */
export const graphOf = (parts: InputParts): Graph => buildGraph([loaded(parts)]);

/** The resource at `address` (in the default input `plan.json`, or `input`); throws when absent. */
export function get(graph: Graph, address: string, input = 'plan.json'): Resource {
  const found = graph.byAddress(input, address);
  if (!found) throw new Error(`no ${address} in ${input}`);
  return found;
}
