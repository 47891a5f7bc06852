/**
 * Which provider configuration manages a resource. A resource names its provider as its module
 * sees it (`aws`, `aws.east`, `module.app:aws`); a module without a provider block of that name
 * uses its parent's, renamed through the module call's `providers` map when there is one.
 */
import type { ProviderConfig, Resource } from '../types';
import { indexText } from '../cdktf';
import { parseModuleAddress, splitModulePath } from './addresses';
import type { InputContext } from './context';

export type ProviderLookup =
  | { readonly kind: 'found'; readonly provider: ProviderConfig }
  /** No provider block anywhere up the chain: Terraform uses an empty default configuration. */
  | { readonly kind: 'implicit' }
  /** The chain breaks: an alias nobody configures, or a `providers` map that does not pass it. */
  | { readonly kind: 'lost'; readonly reason: string };

/** Splits `module.app:aws.east` into the module path and the local name. */
function parseKey(key: string, resourceModule: string): { module: string; local: string } {
  const colon = key.lastIndexOf(':');
  if (colon < 0) return { module: resourceModule, local: key };
  const prefix = key.slice(0, colon);
  return { module: prefix.startsWith('module.') ? prefix : resourceModule, local: key.slice(colon + 1) };
}

/** The local provider name a resource type implies: `aws` for `aws_s3_bucket`. */
const impliedLocalName = (type: string): string => type.split('_')[0];

/** Lookups made, per input: by the loader's module address, then by provider key (`byKey`) or, for a resource that names none, by type (`byType`). */
interface Lookups {
  readonly byKey: Map<string, Map<string, ProviderLookup>>;
  readonly byType: Map<string, Map<string, ProviderLookup>>;
}

const made = new WeakMap<InputContext, Lookups>();

/**
 * `lookupProvider`, made once per module instance and provider key (or type) of an input: the
 * answer depends on nothing else, and its context never changes once built. The tags rule asks for
 * every aws resource; measured on the 30k bench plan, whole check: ~11 MB allocated by the lookups
 * (a regex match per module step, the key strings) -> none after the first of each module.
 */
export function providerLookup(ctx: InputContext, resource: Resource): ProviderLookup {
  let lookups = made.get(ctx);
  if (lookups === undefined) made.set(ctx, (lookups = { byKey: new Map(), byType: new Map() }));
  const key = resource.data.providerConfigKey;
  const byModule = key ? lookups.byKey : lookups.byType;
  let inModule = byModule.get(resource.data.module);
  if (inModule === undefined) byModule.set(resource.data.module, (inModule = new Map()));
  const name = key || resource.type;
  let found = inModule.get(name);
  if (found === undefined) inModule.set(name, (found = lookupProvider(ctx, resource)));
  return found;
}

function lookupProvider(ctx: InputContext, resource: Resource): ProviderLookup {
  const key = resource.data.providerConfigKey || impliedLocalName(resource.type);
  let { module, local } = parseKey(key, resource.moduleConfigPath);
  // The module instance's steps, for a call that passes a provider instance per instance of its own (read when one does).
  let steps: ReturnType<typeof parseModuleAddress> | undefined;
  for (;;) {
    const block = ctx.providerBlock(module, local);
    if (block) return { kind: 'found', provider: block };
    const split = splitModulePath(module);
    if (split === undefined) {
      return local.includes('.') ? { kind: 'lost', reason: `no provider configuration ${local} is in ${ctx.input.input}` } : { kind: 'implicit' };
    }
    const call = ctx.call(split.parent, split.name);
    // `module.a.module.b` is two steps deep: its last step is the call `b`.
    const step = call?.instanceProviders === undefined ? undefined : (steps ??= parseModuleAddress(resource.module))[module.split('.').length / 2 - 1];
    const keyed = step?.key !== undefined && step.name === split.name ? call?.instanceProviders?.[indexText(step.key)] : undefined;
    const passed = keyed !== undefined ? { ...call?.providers, ...keyed } : call?.providers;
    if (passed !== undefined) {
      const parentName = passed[local];
      if (parentName === undefined) return { kind: 'lost', reason: `module.${split.name} does not pass provider ${local} in its providers map` };
      local = parentName;
    }
    module = split.parent;
  }
}
