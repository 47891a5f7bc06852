/**
 * One resource graph over every input, with the link index rules ask questions of: which
 * resources point at which (by known value or by configuration reference, through modules and
 * across count/for_each instances), which provider configuration manages a resource, the tags it
 * will carry, the statements of its policies.
 *
 * Everything is indexed in one pass per input (maps by address, by block, by type, by module call);
 * value indexes and attachment indexes are built lazily, once per type. No question compares every
 * resource with every other. Links never cross inputs.
 */
import { AttachmentFinder } from './graph/attachments';
import { CrossStackLinks } from './graph/cross-stack';
import { InputContext } from './graph/context';
import { contextOf } from './graph/resource';
import { codePolicyAt, policyAt } from './graph/policy-documents';
import { providerLookup } from './graph/providers';
import { codeNullAt, codeStringAt, outputValueAt, resolveLink } from './graph/symbolic-references';
import { modulesNotLoaded, notLoadedTold } from './graph/references';
import { effectiveTags, tagsAttribute } from './graph/tags';
import type { Attachments, EffectiveTags, Graph, LoadedInput, PolicyReading, PolicyStatement, ProviderConfig, Resolution, Resource } from './types';
import type { PathSeg, Val, ValueView } from './value';

class ResourceGraph implements Graph {
  readonly resources: readonly Resource[];
  readonly providers: readonly ProviderConfig[];
  private readonly contexts: InputContext[];
  /** Contexts by input name, in order (two inputs may share a name). */
  private readonly byInput = new Map<string, InputContext[]>();
  private readonly finders = new Map<InputContext, AttachmentFinder>();
  private readonly crossStack: CrossStackLinks;
  private recentOf: Resource | undefined;
  private recent = new Map<string, unknown>();
  /** Managed resources by type, over all inputs. */
  private readonly byType = new Map<string, Resource[]>();

  constructor(readonly inputs: readonly LoadedInput[]) {
    this.contexts = inputs.map((input) => new InputContext(input));
    this.crossStack = new CrossStackLinks(this.contexts);
    for (const ctx of this.contexts) this.byInput.set(ctx.input.input, [...(this.byInput.get(ctx.input.input) ?? []), ctx]);
    // One input (the usual plan) shares its context's lists: a large plan holds no second copy.
    this.resources = this.contexts.length === 1 ? this.contexts[0].resources : this.contexts.flatMap((ctx) => ctx.resources);
    this.providers = this.contexts.flatMap((ctx) => ctx.providers);
  }

  byAddress(input: string, address: string): Resource | undefined {
    for (const ctx of this.byInput.get(input) ?? []) {
      const found = ctx.resource(address);
      if (found) return found;
    }
    return undefined;
  }

  /** Managed resources of a type (data sources are in `resources` and `byAddress`, never here). */
  ofType(type: string): readonly Resource[] {
    if (this.contexts.length === 1) return this.contexts[0].ofType(type);
    let list = this.byType.get(type);
    if (!list) this.byType.set(type, (list = this.contexts.flatMap((ctx) => ctx.ofType(type))));
    return list;
  }

  providerOf(resource: Resource): ProviderConfig | undefined {
    const found = providerLookup(this.context(resource), resource);
    return found.kind === 'found' ? found.provider : undefined;
  }

  resolve(from: Resource, path: readonly PathSeg[], types?: readonly string[]): Resolution {
    const ctx = this.context(from);
    // cdktf stacks checked together: an attribute that reads another stack's output whole is what the output names there.
    return (this.crossStack.linksStacks ? this.crossStack.resolve(from, ctx, path, types) : undefined) ?? resolveLink(ctx, from, path, types);
  }

  attached(subject: Resource, type: string, via = 'bucket'): Attachments {
    const ctx = this.context(subject);
    let finder = this.finders.get(ctx);
    if (!finder) this.finders.set(ctx, (finder = new AttachmentFinder(ctx)));
    const found = finder.attached(subject, type, via);
    if (!this.crossStack.linksStacks) return found;
    // cdktf stacks checked together: a satellite reading another stack's output links there, not here.
    const elsewhere = this.crossStack.attached(subject, type, via);
    // Another stack's conditions are read in its own scope: one that may not be created may apply.
    const conditional = elsewhere.filter((satellite) => satellite.data.existsIf !== undefined);
    const maybe = [...conditional, ...this.crossStack.mayAttach(subject, type, via), ...this.crossStack.undetermined(ctx, type, via)];
    const undetermined = found.undetermined.filter((satellite) => !this.crossStack.readsAnotherStack(satellite, ctx, via));
    if (elsewhere.length === 0 && maybe.length === 0 && undetermined.length === found.undetermined.length) return found;
    return { linked: [...found.linked, ...elsewhere.filter((satellite) => satellite.data.existsIf === undefined)], undetermined: [...undetermined, ...maybe] };
  }

  effectiveTags(resource: Resource): EffectiveTags {
    const ctx = this.context(resource);
    return this.recall(resource, 'tags', () => withModulesNotLoaded(ctx, resource, effectiveTags(resource, () => providerLookup(ctx, resource), ctx.input)));
  }

  policy(resource: Resource, path: readonly PathSeg[]): Val<readonly PolicyStatement[]> {
    return this.recall(resource, `policy ${JSON.stringify(path)}`, () => policyAt(this.context(resource), resource, path));
  }

  codePolicy(resource: Resource, path: readonly PathSeg[]): Val<PolicyReading> {
    return this.recall(resource, `codePolicy ${JSON.stringify(path)}`, () => codePolicyAt(this.context(resource), resource, path));
  }

  codeString(resource: Resource, path: readonly PathSeg[]): Val<string> {
    return codeStringAt(this.context(resource), resource, path);
  }

  codeNull(resource: Resource, path: readonly PathSeg[]): boolean | undefined {
    return codeNullAt(this.context(resource), resource, path);
  }

  outputValue(input: LoadedInput, name: string): ValueView | undefined {
    const ctx = this.contexts.find((c) => c.input === input);
    return ctx === undefined ? undefined : outputValueAt(ctx, name);
  }

  /**
   * Three rules read a resource's tags, two its policies, two its strings. Each answer is computed
   * from the resource's values, which a large plan reads again from its file.
   *
   * A new `Map` for each resource, not `clear()`: a cleared `Map` moves to a new table and the old
   * one keeps a link to it (for iterators), so once a table had been promoted to the old space,
   * every table after it, with every answer in it (strings, policy statements, tags) and the values
   * they hold, outlived each scavenge until the next mark-compact: on the 30k bench plan, 53 MB
   * promoted during the rules before, 26 MB after (V8 `--trace-gc-nvp`, `promoted=`).
   */
  recall<T>(resource: Resource, key: string, answer: () => T): T {
    if (this.recentOf !== resource) {
      this.recentOf = resource;
      this.recent = new Map();
    }
    if (this.recent.has(key)) return this.recent.get(key) as T;
    const value = answer();
    this.recent.set(key, value);
    return value;
  }

  private context(resource: Resource): InputContext {
    const ctx = contextOf(resource);
    if (!(ctx instanceof InputContext) || !this.contexts.includes(ctx)) throw new Error(`${resource.address} is not a resource of this graph`);
    return ctx;
  }
}

/**
 * Tags unknown because the resource's own tags read a module twinguard has not loaded (`tags = module.this.tags`): the
 * reason says so, not "known only after apply", which Terraform's plan would not say.
 */
function withModulesNotLoaded(ctx: InputContext, resource: Resource, tags: EffectiveTags): EffectiveTags {
  if (tags.status !== 'unknown') return tags;
  const attribute = tagsAttribute(resource.type);
  if (!resource.values.get(attribute).isUnknown) return tags;
  const notLoaded = modulesNotLoaded(ctx, resource, [attribute]);
  if (notLoaded.length === 0) return tags;
  return { ...tags, reason: `${resource.address}: ${attribute} come from ${notLoadedTold(notLoaded)} (check a plan to follow it)`, notLoaded };
}

/** Builds the graph of one or more loaded inputs. */
export function buildGraph(inputs: readonly LoadedInput[]): Graph {
  return new ResourceGraph(inputs);
}
