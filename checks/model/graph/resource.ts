/** Wrapping a loader's `ResourceData` into the `Resource` rules read. */
import type { LoadedInput, Resource, ResourceData } from '../types';
import { type PathSeg, ValueView } from '../value';
import { moduleAddress, moduleConfigPath, parseModuleAddress } from './addresses';
import { configAt, referencesIn } from './config';

/**
 * A resource as rules read it. `buildGraph` makes one per resource, so what a rule may never ask for
 * is made on first use: the value view and the module strings are lazy, `attr` and `references` are
 * shared methods rather than two closures per resource. Measured on the bench's generated plan
 * (seed 7), whole `twinguard check` at 100k resources: peak RSS 585–652 MB -> 569–625 MB
 * (two runs each; time unchanged within noise).
 */
class GraphResource implements Resource {
  readonly address: string;
  readonly mode: Resource['mode'];
  readonly type: string;
  readonly name: string;
  declare readonly index?: number | string;
  readonly providerName: string;
  readonly actions: Resource['actions'];
  readonly input: string;
  readonly inputKind: Resource['inputKind'];
  declare readonly stack?: string;
  declare readonly constructPath?: string;
  readonly data: ResourceData;
  readonly #context: ResourceContext;
  #values: ValueView | undefined;

  constructor(data: ResourceData, input: LoadedInput, context: ResourceContext) {
    this.address = data.address;
    this.mode = data.mode;
    this.type = data.type;
    this.name = data.name;
    // Optional fields exist only when set, as rules and tests see them (`'index' in r`).
    if (data.index !== undefined) (this as { index?: number | string }).index = data.index;
    this.providerName = data.providerName;
    this.actions = data.actions;
    this.input = input.input;
    this.inputKind = input.kind;
    if (input.stack !== undefined) (this as { stack?: string }).stack = input.stack;
    if (data.constructPath !== undefined) (this as { constructPath?: string }).constructPath = data.constructPath;
    this.data = data;
    this.#context = context;
  }

  /** The context a resource was made in (its input's), if it is one of ours. */
  static contextOf(resource: Resource): ResourceContext | undefined {
    return #context in resource ? (resource as GraphResource).#context : undefined;
  }

  get values(): ValueView {
    if (this.data.storedView) return this.data.storedView();
    return (this.#values ??= new ValueView(this.data.after, this.data.afterUnknown, this.data.afterSensitive));
  }

  get module(): string {
    return this.#context.modulePaths(this.data.module).address;
  }

  get moduleConfigPath(): string {
    return this.#context.modulePaths(this.data.module).configPath;
  }

  attr(...path: PathSeg[]): ValueView {
    const links = this.data.links;
    if (links && path.length > 0 && Object.hasOwn(links.raw as object, path[0])) return links.get(...path);
    return this.values.get(...path);
  }

  references(...path: PathSeg[]): readonly string[] {
    return referencesIn(configAt(this.data.config, path));
  }
}

/** The `Resource` rules read for one resource of a loaded input. */
/** What a resource needs of its input's context. */
export interface ResourceContext {
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

export const makeResource = (data: ResourceData, input: LoadedInput, context: ResourceContext): Resource => new GraphResource(data, input, context);

/** The context `makeResource` gave a resource; undefined for a resource made elsewhere. */
export const contextOf = (resource: Resource): ResourceContext | undefined => GraphResource.contextOf(resource);

/** `aws_s3_bucket.b` or `data.aws_iam_policy_document.p`: the resource block's address in its module. */
export const blockAddress = (r: { mode: string; type: string; name: string }): string =>
  `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
