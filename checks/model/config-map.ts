/**
 * Every configuration node of an input, mapped where it stands: each resource's configuration,
 * each provider's, each module call's arguments (its `for_each` as the argument `for_each`) and each output's expression, with the
 * configuration path of the module it is written in. What `map` returns unchanged leaves its
 * holder unchanged; resources of one block share their configuration object, and keep sharing it.
 * The readers of a plan with its code (local-references.ts, code-sources.ts) go through it.
 */
import { moduleConfigPath } from './plan/config';
import { record } from './records';
import type { ConfigNode, LoadedInput, ResourceData } from './types';

/** Where a configuration node stands; `module` is the configuration path of the module it is written in. */
export type ConfigPlace =
  | { readonly kind: 'resource'; readonly module: string; readonly resource: ResourceData }
  | { readonly kind: 'provider'; readonly module: string }
  | { readonly kind: 'argument'; readonly module: string; readonly call: string; readonly name: string }
  | { readonly kind: 'output'; readonly module: string; readonly name: string };

/**
 * `byInstance`: the resources of one block are mapped apart where their module instance or instance
 * key differ (what `map` gives may depend on the instance), and still once per instance.
 */
export function mapConfiguration(input: LoadedInput, map: (node: ConfigNode, place: ConfigPlace) => ConfigNode, byInstance = false): LoadedInput {
  const shared = new Map<string, Map<ConfigNode, ConfigNode>>();
  return {
    ...input,
    resources: input.resources.map((r) => {
      if (!r.config) return r;
      const module = moduleConfigPath(r.module);
      const sharedKey = byInstance ? `${r.module}|${JSON.stringify(r.index ?? null)}` : module;
      let byNode = shared.get(sharedKey);
      if (!byNode) shared.set(sharedKey, (byNode = new Map()));
      let config = byNode.get(r.config);
      if (config === undefined) byNode.set(r.config, (config = map(r.config, { kind: 'resource', module, resource: r })));
      return config === r.config ? r : { ...r, config };
    }),
    providers: input.providers.map((p) => {
      const config = map(p.config, { kind: 'provider', module: p.module });
      return config === p.config ? p : { ...p, config };
    }),
    moduleCalls: input.moduleCalls.map((call) => {
      const inputs = record<ConfigNode>();
      let changed = false;
      for (const [name, node] of Object.entries(call.inputs)) {
        inputs[name] = map(node, { kind: 'argument', module: call.parent, call: call.name, name });
        changed ||= inputs[name] !== node;
      }
      const forEachNode = call.forEach && map(call.forEach.node, { kind: 'argument', module: call.parent, call: call.name, name: 'for_each' });
      const forEach = forEachNode === undefined || forEachNode === call.forEach?.node ? call.forEach : { ...call.forEach, node: forEachNode };
      return changed || forEach !== call.forEach ? { ...call, inputs, ...(forEach ? { forEach } : {}) } : call;
    }),
    outputs: input.outputs.map((o) => {
      const expr = map(o.expr, { kind: 'output', module: o.module, name: o.name });
      return expr === o.expr ? o : { ...o, expr };
    }),
  };
}
