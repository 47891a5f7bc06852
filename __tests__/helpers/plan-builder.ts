/**
 * Builds `terraform show -json` documents in memory, in the shape Terraform 1.x writes them, so
 * rule and model tests can state a scenario in a few lines and run it through the real loader.
 *
 *   const graph = graphOf(plan([
 *     res('aws_s3_bucket.data', { bucket: 'data' }, { unknown: { id: true, arn: true } }),
 *     res('aws_s3_bucket_server_side_encryption_configuration.data', { rule: [...] },
 *         { refs: { bucket: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] } }),
 *   ]));
 */
import { parsePlanDocument } from '../../checks/model/plan';
import { buildGraph } from '../../checks/model/graph';
import type { Graph } from '../../checks/model/types';

export interface ResOptions {
  /** `after_unknown` tree (e.g. `{ id: true }`). */
  unknown?: Record<string, unknown>;
  /** `after_sensitive` tree. */
  sensitive?: Record<string, unknown>;
  /** Configuration references per top-level attribute: `{ bucket: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] }`. */
  refs?: Record<string, string[]>;
  /** Configuration expressions to use as they are (overrides what `after` and `refs` would give). */
  expressions?: Record<string, unknown>;
  actions?: string[];
  /** Provider config key, default `aws` (or `awscc` for awscc types). */
  provider?: string;
  /** `before` values (for updates, no-ops and replacements; a create without them has none). */
  before?: unknown;
  /** `count` or `for_each` on the configuration. */
  repetition?: 'count' | 'for_each';
  /** `change.importing` (an `import` block brings the object in): `{ id: 'api.example.com' }`. */
  importing?: Record<string, unknown>;
}

export interface Res {
  address: string;
  type: string;
  name: string;
  module: string;
  index?: number | string;
  after: Record<string, unknown>;
  options: ResOptions;
}

/** Parse `module.m["k"].aws_s3_bucket.b[0]` into its parts. */
function parseAddress(address: string): { module: string; type: string; name: string; index?: number | string } {
  const match = /^((?:module\.[^.[]+(?:\[[^\]]+\])?\.)*)(?:data\.)?([^.[]+)\.([^.[]+)(?:\[(.+)\])?$/.exec(address);
  if (!match) throw new Error(`plan-builder: cannot parse address ${address}`);
  const [, modulePrefix, type, name, rawIndex] = match;
  const index = rawIndex === undefined ? undefined : rawIndex.startsWith('"') ? JSON.parse(rawIndex) : Number(rawIndex);
  return { module: modulePrefix.replace(/\.$/, ''), type, name, index };
}

export function res(address: string, after: Record<string, unknown>, options: ResOptions = {}): Res {
  return { address, ...parseAddress(address), after, options };
}

const stripInstanceKeys = (module: string): string => module.replace(/\[[^\]]+\]/g, '');

function expressionsOf(r: Res): Record<string, unknown> {
  if (r.options.expressions) return r.options.expressions;
  const out: Record<string, unknown> = {};
  const toExpr = (value: unknown): unknown => {
    if (Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      return value.map((block) => Object.fromEntries(Object.entries(block as object).map(([k, v]) => [k, toExpr(v)])));
    }
    return { constant_value: value };
  };
  for (const [key, value] of Object.entries(r.after)) {
    if (value === null || value === undefined) continue;
    if (key === 'tags_all' || key === 'id' || key === 'arn') continue;
    out[key] = toExpr(value);
  }
  for (const [key, references] of Object.entries(r.options.refs ?? {})) out[key] = { references };
  return out;
}

export interface PlanOptions {
  /** `configuration.provider_config` entries: key -> { name, alias?, expressions, module_address? }. */
  providers?: Record<string, { name: string; alias?: string; module_address?: string; expressions?: Record<string, unknown> }>;
  /** Extra module calls: path like `module.app` -> { source, expressions, count_expression?/for_each_expression? }. */
  moduleCalls?: Record<string, { source?: string; expressions?: Record<string, unknown>; outputs?: Record<string, unknown>; repetition?: 'count' | 'for_each' }>;
  formatVersion?: string;
  terraformVersion?: string;
  /** Resources being deleted (they must not be checked). */
  deleted?: Res[];
  variables?: Record<string, unknown>;
}

/** A whole plan document. */
export function plan(resources: Res[], options: PlanOptions = {}): Record<string, unknown> {
  const providerOf = (r: Res) => r.options.provider ?? (r.type.startsWith('awscc_') ? 'awscc' : 'aws');
  const fullName = (key: string) => `registry.terraform.io/hashicorp/${key.split('.')[0].split(':').pop()}`;
  const change = (r: Res, actions: string[]) => ({
    address: r.address,
    ...(r.module ? { module_address: r.module } : {}),
    mode: r.address.includes('data.') ? 'data' : 'managed',
    type: r.type,
    name: r.name,
    ...(r.index !== undefined ? { index: r.index } : {}),
    provider_name: fullName(providerOf(r)),
    change: {
      actions,
      before: r.options.before ?? (actions.includes('create') ? null : r.after),
      after: actions.includes('delete') && actions.length === 1 ? null : r.after,
      after_unknown: r.options.unknown ?? {},
      before_sensitive: false,
      after_sensitive: r.options.sensitive ?? {},
      ...(r.options.importing ? { importing: r.options.importing } : {}),
    },
  });

  // Configuration: one entry per resource block (instances share it), nested in module calls.
  type ModuleConfig = { resources: unknown[]; module_calls: Record<string, { source: string; expressions: Record<string, unknown>; module: ModuleConfig }>; outputs?: Record<string, unknown> };
  const root: ModuleConfig = { resources: [], module_calls: {} };
  const moduleAt = (path: string): ModuleConfig => {
    let current = root;
    if (!path) return current;
    for (const name of path.split('.').filter((_, i) => i % 2 === 1)) {
      const call = (current.module_calls[name] ??= { source: `./modules/${name}`, expressions: {}, module: { resources: [], module_calls: {} } });
      current = call.module;
    }
    return current;
  };
  for (const [path, call] of Object.entries(options.moduleCalls ?? {})) {
    const parentPath = path.split('.').slice(0, -2).join('.');
    const name = path.split('.').pop() as string;
    const parent = moduleAt(parentPath);
    const entry = (parent.module_calls[name] ??= { source: call.source ?? `./modules/${name}`, expressions: {}, module: { resources: [], module_calls: {} } });
    entry.source = call.source ?? entry.source;
    entry.expressions = call.expressions ?? {};
    if (call.repetition === 'count') Object.assign(entry, { count_expression: { constant_value: 2 } });
    if (call.repetition === 'for_each') Object.assign(entry, { for_each_expression: { references: ['var.items'] } });
    if (call.outputs) entry.module.outputs = call.outputs;
  }
  const seen = new Set<string>();
  for (const r of resources) {
    const configModule = stripInstanceKeys(r.module);
    const configAddress = `${r.address.includes('data.') ? 'data.' : ''}${r.type}.${r.name}`;
    const key = `${configModule}|${configAddress}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const providerKey = providerOf(r);
    moduleAt(configModule).resources.push({
      address: configAddress,
      mode: r.address.includes('data.') ? 'data' : 'managed',
      type: r.type,
      name: r.name,
      provider_config_key: configModule ? `${configModule.split('.').pop()}:${providerKey}` : providerKey,
      expressions: expressionsOf(r),
      schema_version: 0,
      ...(r.options.repetition === 'count' ? { count_expression: { constant_value: 2 } } : {}),
      ...(r.options.repetition === 'for_each' ? { for_each_expression: { references: ['var.items'] } } : {}),
    });
  }

  const providerConfig: Record<string, unknown> = {};
  for (const r of resources) {
    const key = providerOf(r);
    providerConfig[key] ??= { name: key.split('.')[0], full_name: fullName(key), ...(key.includes('.') ? { alias: key.split('.')[1] } : {}) };
  }
  Object.assign(providerConfig, options.providers ?? {});

  return {
    format_version: options.formatVersion ?? '1.2',
    terraform_version: options.terraformVersion ?? '1.9.5',
    ...(options.variables ? { variables: Object.fromEntries(Object.entries(options.variables).map(([k, v]) => [k, { value: v }])) } : {}),
    planned_values: { root_module: {} },
    resource_changes: [
      ...resources.map((r) => change(r, r.options.actions ?? ['create'])),
      ...(options.deleted ?? []).map((r) => change(r, ['delete'])),
    ],
    configuration: { provider_config: providerConfig, root_module: root },
    timestamp: '2026-11-28T12:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

/** Load a plan document through the real plan loader and build the graph. */
export function graphOf(document: Record<string, unknown>, input = 'plan.json'): Graph {
  return buildGraph([parsePlanDocument(document, input)]);
}
