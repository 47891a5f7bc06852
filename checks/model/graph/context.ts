/**
 * The indexes of one input. Links never cross inputs: a plan and a cdk.tf.json of the same
 * infrastructure are two separate worlds (but the stacks of one cdktf app, linked by their
 * cross-stack references: cross-stack.ts). Every index is a map built in one pass.
 */
import type { LoadedInput, ModuleCallData, OutputData, ProviderConfig, Resource } from '../types';
import { normalizeModulePath } from '../module-path';
import { type ModuleStep, moduleAddress, parseInstanceAddress, parseModuleAddress } from './addresses';
import { isEmptyBlock, providerValues } from './config';
import { IdentityIndex } from './identity';
import { blockAddress, makeResource, type ModulePaths, modulePathsOf, type ResourceContext } from './resource';

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** `aws` or `aws.east`: a provider's local name with its alias. */
const providerLocalName = (name: string, alias?: string): string => (alias ? `${name}.${alias}` : name);

/** The instances of one resource block in one module instance; by key once one has a key. */
interface Block {
  readonly all: Resource[];
  byKey?: Map<number | string, Resource>;
}

/** A block, or the lone instance without a key that most blocks of a large plan's modules hold. */
type BlockEntry = Block | Resource;

const isBlock = (entry: BlockEntry): entry is Block => 'all' in entry;
const instancesOf = (entry: BlockEntry | undefined): readonly Resource[] => (entry === undefined ? [] : isBlock(entry) ? entry.all : [entry]);

export class InputContext implements ResourceContext {
  readonly resources: Resource[];
  readonly providers: ProviderConfig[];
  readonly identity: IdentityIndex;
  /**
   * Instances by module instance, then block (`aws_s3_bucket.b`), then key: nested maps, so a large
   * plan's thousands of module instances cost no key string per resource.
   */
  private readonly blocks = new Map<string, Map<string, BlockEntry>>();
  private readonly blockNames = new Map<string, string>();
  /** A loader's module address -> its normalized address and configuration path. */
  private readonly paths = new Map<string, ModulePaths>();
  private readonly managedByType = new Map<string, Resource[]>();
  private readonly calls = new Map<string, ModuleCallData>();
  private readonly outputs = new Map<string, OutputData>();
  private readonly outputsByModule = new Map<string, OutputData[]>();
  /** `<parent module instance address>|<call name>` -> instance keys seen. */
  private readonly moduleKeys = new Map<string, Map<string, ModuleStep>>();
  /** Provider blocks that exist: `<module path>|<local name>`. Placeholders of a plan are left out. */
  private readonly providerBlocks = new Map<string, ProviderConfig>();

  constructor(readonly input: LoadedInput) {
    this.resources = input.resources.map((data) => makeResource(data, this));
    for (const r of this.resources) {
      const firstOfModule = !this.blocks.has(r.module);
      this.addToBlock(r);
      if (r.mode === 'managed') push(this.managedByType, r.type, r);
      if (firstOfModule) this.noteModuleInstances(parseModuleAddress(r.module));
    }
    for (const call of input.moduleCalls) this.calls.set(`${normalizeModulePath(call.parent)}|${call.name}`, call);
    for (const output of input.outputs) {
      const module = normalizeModulePath(output.module);
      this.outputs.set(`${module}|${output.name}`, output);
      push(this.outputsByModule, module, output);
    }
    this.providers = input.providers.map((data) => ({
      key: data.key,
      name: data.name,
      ...(data.alias !== undefined ? { alias: data.alias } : {}),
      module: normalizeModulePath(data.module),
      input: input.input,
      values: providerValues(data),
      data,
    }));
    for (const p of this.providers) {
      // A plan lists, for each module, the providers it requires or receives, without expressions.
      // Those are not configurations of their own: the module uses its parent's.
      if (p.module !== '' && isEmptyBlock(p.data.config)) continue;
      this.providerBlocks.set(`${p.module}|${providerLocalName(p.name, p.alias)}${p.data.instance ?? ''}`, p);
    }
    this.identity = new IdentityIndex((type) => this.managedByType.get(type) ?? []);
  }

  /** Managed resources of a type in this input. */
  ofType(type: string): readonly Resource[] {
    return this.managedByType.get(type) ?? [];
  }

  /** The instances of a resource block in a module instance. */
  instances(module: string, block: string): readonly Resource[] {
    return instancesOf(this.blocks.get(module)?.get(block));
  }

  /** One instance of a block by its count index (a number) or for_each key (a string). */
  instance(module: string, block: string, key: number | string): Resource | undefined {
    const entry = this.blocks.get(module)?.get(block);
    return entry && isBlock(entry) ? entry.byKey?.get(key) : undefined;
  }

  /**
   * The first resource at this address, found through its block: no index of address strings, which
   * a large plan would hold once more for every resource.
   */
  resource(address: string): Resource | undefined {
    const parsed = parseInstanceAddress(address);
    if (!parsed) return this.resources.find((r) => r.address === address);
    const module = moduleAddress(parsed.module);
    const candidates = parsed.key === undefined ? this.instances(module, parsed.block) : [this.instance(module, parsed.block, parsed.key)];
    return candidates.find((r) => r !== undefined && r.address === address);
  }

  modulePaths(module: string): ModulePaths {
    let paths = this.paths.get(module);
    if (!paths) this.paths.set(module, (paths = modulePathsOf(module)));
    return paths;
  }

  call(parentPath: string, name: string): ModuleCallData | undefined {
    return this.calls.get(`${parentPath}|${name}`);
  }

  output(modulePath: string, name: string): OutputData | undefined {
    return this.outputs.get(`${modulePath}|${name}`);
  }

  outputsOf(modulePath: string): readonly OutputData[] {
    return this.outputsByModule.get(modulePath) ?? [];
  }

  /** The instances of a module call under a parent module instance, as resources reveal them. */
  moduleInstances(parent: readonly ModuleStep[], name: string): ModuleStep[] {
    return [...(this.moduleKeys.get(`${moduleAddress(parent)}|${name}`)?.values() ?? [])];
  }

  providerBlock(modulePath: string, localName: string): ProviderConfig | undefined {
    return this.providerBlocks.get(`${modulePath}|${localName}`);
  }

  private addToBlock(r: Resource): void {
    let inModule = this.blocks.get(r.module);
    if (!inModule) this.blocks.set(r.module, (inModule = new Map()));
    const address = blockAddress(r);
    let name = this.blockNames.get(address);
    if (name === undefined) this.blockNames.set(address, (name = address));
    const entry = inModule.get(name);
    let block: Block;
    if (entry === undefined) {
      // A lone instance without a key is stored as itself.
      if (r.index === undefined) {
        inModule.set(name, r);
        return;
      }
      // `[r]`, not `[]` and a push: a push reserves room for 17.
      inModule.set(name, (block = { all: [r] }));
    } else if (isBlock(entry)) {
      block = entry;
      block.all.push(r);
    } else {
      inModule.set(name, (block = { all: [entry, r] }));
    }
    if (r.index !== undefined) (block.byKey ??= new Map()).set(r.index, r);
  }

  private noteModuleInstances(steps: readonly ModuleStep[]): void {
    for (let i = 0; i < steps.length; i++) {
      const key = `${moduleAddress(steps.slice(0, i))}|${steps[i].name}`;
      let seen = this.moduleKeys.get(key);
      if (!seen) this.moduleKeys.set(key, (seen = new Map()));
      seen.set(moduleAddress([steps[i]]), steps[i]);
    }
  }
}
