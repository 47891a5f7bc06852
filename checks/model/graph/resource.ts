/** Wrapping a loader's `ResourceData` into the `Resource` rules read. */
import type { LoadedInput, Resource, ResourceData } from '../types';
import { type PathSeg, ValueView } from '../value';
import { moduleAddress, moduleConfigPath, parseModuleAddress } from './addresses';
import { linkAt } from '../links';
import { configAt, referencesIn } from './config';

/**
 * A resource as rules read it. `buildGraph` makes one per resource, so it holds only its data and
 * its context: every field is read through, the value view and the module strings are made on
 * first use, and `attr` and `references` are shared methods. Measured on the bench's generated
 * plan (seed 7), 25k resources, heap after building the graph: 3.0 MB of GraphResource objects
 * (120 bytes each, fields copied from the data) -> 1.2 MB. A resource whose values stay in a plan
 * file reads them through its data; `InMemoryResource` keeps the view of values held in memory.
 */
class GraphResource implements Resource {
  readonly data: ResourceData;
  readonly #context: ResourceContext;

  constructor(data: ResourceData, context: ResourceContext) {
    this.data = data;
    this.#context = context;
  }

  get address(): string {
    return this.data.address;
  }

  get mode(): Resource['mode'] {
    return this.data.mode;
  }

  get type(): string {
    return this.data.type;
  }

  get name(): string {
    return this.data.name;
  }

  get index(): number | string | undefined {
    return this.data.index;
  }

  get providerName(): string {
    return this.data.providerName;
  }

  get actions(): Resource['actions'] {
    return this.data.actions;
  }

  get input(): string {
    return this.#context.input.input;
  }

  get inputKind(): Resource['inputKind'] {
    return this.#context.input.kind;
  }

  get stack(): string | undefined {
    return this.#context.input.stack;
  }

  get constructPath(): string | undefined {
    return this.data.constructPath;
  }

  /** The context a resource was made in (its input's), if it is one of ours. */
  static contextOf(resource: Resource): ResourceContext | undefined {
    return #context in resource ? (resource as GraphResource).#context : undefined;
  }

  /** Read through the data: made as a `GraphResource` only when the values stay in a plan file (`makeResource`). */
  get values(): ValueView {
    return (this.data.storedView as () => ValueView)();
  }

  get module(): string {
    return this.#context.modulePaths(this.data.module).address;
  }

  get moduleConfigPath(): string {
    return this.#context.modulePaths(this.data.module).configPath;
  }

  attr(...path: PathSeg[]): ValueView {
    const links = this.data.links;
    return (links && linkAt(links, path)) ?? this.values.get(...path);
  }

  references(...path: PathSeg[]): readonly string[] {
    return referencesIn(configAt(this.data.config, path));
  }
}

/** What a resource needs of its input's context. */
export interface ResourceContext {
  readonly input: LoadedInput;
  /** The normalized module instance address and configuration path of a loader's module address (shared). */
  modulePaths(module: string): ModulePaths;
}

export interface ModulePaths {
  readonly address: string;
  readonly configPath: string;
}

export const modulePathsOf = (module: string): ModulePaths => {
  const steps = parseModuleAddress(module);
  return { address: moduleAddress(steps), configPath: moduleConfigPath(steps) };
};

/** A resource whose values are in memory: their view is made once. */
class InMemoryResource extends GraphResource {
  #values: ValueView | undefined;

  override get values(): ValueView {
    return (this.#values ??= new ValueView(this.data.after, this.data.afterUnknown, this.data.afterSensitive));
  }
}

export const makeResource = (data: ResourceData, context: ResourceContext): Resource =>
  data.storedView ? new GraphResource(data, context) : new InMemoryResource(data, context);

/** The context `makeResource` gave a resource; undefined for a resource made elsewhere. */
export const contextOf = (resource: Resource): ResourceContext | undefined => GraphResource.contextOf(resource);

/** `aws_s3_bucket.b` or `data.aws_iam_policy_document.p`: the resource block's address in its module. */
export const blockAddress = (r: { mode: string; type: string; name: string }): string =>
  `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
