/**
 * Turns the pieces of a plan document — top-level values, `resource_changes` entries, module
 * resources of `planned_values` / `prior_state` — into a `LoadedInput`, and decides whether the
 * document is a plan at all. Both the streaming path and `parsePlanDocument` feed it the same way.
 *
 * The subject is what an apply leaves behind: every resource change except those that only delete
 * or forget (OpenTofu's ephemeral resources, which create nothing, are code blocks), plus resources that appear only in `planned_values` / `prior_state` (older Terraform
 * left no-ops out of `resource_changes`; data sources read during planning live there). Those get
 * the actions `['no-op']`.
 *
 * With a `ValueStore` (a large plan file), each resource keeps where its element lies instead of
 * its values, and `planned_values` read before `resource_changes` is only validated and located:
 * `finish` reads again the few elements that `resource_changes` does not describe.
 */
import { InputError } from '../../errors';
import type { Action, CodeBlock, DestroyedResource, LoadedInput, OutputData, ReplacedStrings, ResourceData } from '../types';
import { type Links, linksOf } from '../links';
import { ValueView } from '../value';
import { entryOf } from '../entry-of';
import { normalizeModulePath } from '../module-path';
import { record } from '../records';
import { type ConfigIndex, configKey, type ConfigResource, indexConfiguration, moduleConfigPath, resourceMode, toConfigNode } from './config';
import type { Cut, RawValue, Source, SplitterSink } from './splitter';
import { AddressLookup, hashOf, indexSuffix, spelledAddress, spelledHash, spells } from './address-lookup';
import { maskOf, Places, type StoredAt, type ValueStore } from './store';
import { replacedStrings } from './replaced';
import { AfterLinks } from './after-links';
import { quotedInput } from '../quoted';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The sections the splitter walks element by element. */
const SECTIONS = new Set(['resource_changes', 'resource_drift', 'planned_values', 'prior_state', 'values']);

/** Hints for documents people mistake for plans, by a top-level key only they have. */
const CONFIG_KEYS = ['resource', 'provider', 'terraform', 'module', 'data', 'variable', 'output', 'locals'];

type Values = Pick<ResourceData, 'after' | 'afterUnknown' | 'afterSensitive'>;
type Configured = Pick<ResourceData, 'providerConfigKey' | 'config' | 'provisioners' | 'repetition' | 'forEachRefs'>;
type Fields = Omit<ResourceData, keyof Configured | keyof Values>;
const UNCONFIGURED: Configured = { providerConfigKey: '' };
type Location = Pick<StoredAt, 'storedOffset' | 'storedLength' | 'storedSection'> & { readonly cut?: Cut; readonly links?: Links };

/**
 * A resource instance before its configuration block is known: its fields and values, or, when
 * values stay in the file, the resource itself, configured at the end.
 */
type Pending = { readonly fields: Fields; readonly values: Values } | StoredResourceData;

/**
 * What the resources of one block share: kind, type, name, provider, planned actions, where their
 * values are kept and, once the configuration is read, what it says of them. One object per
 * block and action list, not five fields per resource.
 */
interface Kind {
  readonly mode: ResourceData['mode'];
  readonly type: string;
  readonly name: string;
  readonly providerName: string;
  readonly actions: readonly Action[];
  /** The change's `importing`: an `import` block brings these instances in. */
  readonly importing?: true;
  readonly store: ValueStore;
  readonly configured: Configured;
}

/**
 * A resource whose values stay in the file (see `store.ts`). Every field is assigned in the
 * constructor, so all instances share one layout with the fields inside the object. Measured on the
 * bench's 100k plan, heap after the check: 128 bytes per resource with a field each for mode,
 * type, name, provider, actions, store and configuration; 80 with them in a shared `Kind`.
 */
class StoredResourceData implements ResourceData, StoredAt {
  /** The address as the plan wrote it, when it is not the one its parts spell (see `address`). */
  private readonly written: string | undefined;
  private kind: Kind;
  readonly index: number | string | undefined;
  readonly module: string;
  readonly storedOffset: number;
  /** The element's length; negative for a module resource (`values`), positive for a change. */
  private readonly signedLength: number;
  readonly cutAt: number;
  readonly cutLength: number;
  readonly links: Links | undefined;

  /** Made as its element is read, so a large plan holds nothing else per resource while loading. */
  constructor(fields: Fields, kind: Kind, stored: Location) {
    this.kind = kind;
    this.index = fields.index;
    this.module = fields.module;
    this.storedOffset = stored.storedOffset;
    this.signedLength = stored.storedSection === 'module' ? -stored.storedLength : stored.storedLength;
    this.cutAt = stored.cut?.at ?? 0;
    this.cutLength = stored.cut?.length ?? 0;
    this.links = stored.links;
    this.written = fields.address === this.address ? undefined : fields.address;
  }

  /** What the configuration says of it, once the configuration is read: a kind that says it too. */
  configure(kind: Kind): void {
    this.kind = kind;
  }

  /** What it shares with the other instances of its block (before `configure`, what the plan says). */
  get shared(): Kind {
    return this.kind;
  }

  get mode(): ResourceData['mode'] {
    return this.kind.mode;
  }

  get type(): string {
    return this.kind.type;
  }

  get name(): string {
    return this.kind.name;
  }

  get providerName(): string {
    return this.kind.providerName;
  }

  get actions(): readonly Action[] {
    return this.kind.actions;
  }

  get importing(): ResourceData['importing'] {
    return this.kind.importing;
  }

  private get store(): ValueStore {
    return this.kind.store;
  }

  get providerConfigKey(): string {
    return this.kind.configured.providerConfigKey;
  }

  get config(): ResourceData['config'] {
    return this.kind.configured.config;
  }

  get provisioners(): ResourceData['provisioners'] {
    return this.kind.configured.provisioners;
  }

  get repetition(): ResourceData['repetition'] {
    return this.kind.configured.repetition;
  }

  get forEachRefs(): ResourceData['forEachRefs'] {
    return this.kind.configured.forEachRefs;
  }

  get storedLength(): number {
    return Math.abs(this.signedLength);
  }

  get storedSection(): StoredAt['storedSection'] {
    return this.signedLength < 0 ? 'module' : 'change';
  }

  /**
   * Spelled from the module, type, name and key, as Terraform writes it, unless the plan wrote it
   * otherwise: no string per resource. Measured on the bench's 25k plan: 80 bytes per resource.
   */
  get address(): string {
    return this.written ?? spelledAddress(this);
  }

  /** `hashOf(this.address)`, without spelling it (see `AddressLookup`). */
  addressHash(): number {
    return this.written === undefined ? spelledHash(this) : hashOf(this.written);
  }

  /** Whether `text` is its address, without spelling it. */
  isAddress(text: string): boolean {
    return this.written === undefined ? spells(this, text) : text === this.written;
  }

  get after(): unknown {
    return this.store.load(this).after;
  }

  get afterUnknown(): unknown {
    return this.store.load(this).afterUnknown;
  }

  get afterSensitive(): unknown {
    return this.store.load(this).afterSensitive;
  }

  storedView(): ValueView {
    return this.store.load(this).view;
  }
}

/** An element that is parsed when needed (streaming keeps the bytes meanwhile). */
interface Deferred {
  readonly src: Source;
  readonly get: () => unknown;
}

/** The fields of a pending resource: a stored resource is its own. */
const fieldsOf = (pending: Pending): Fields => (pending instanceof StoredResourceData ? pending : pending.fields);

/** Where module resource elements lie, and their addresses when their bytes tell them (`RawValue.leadingAddress`). */
class Located {
  private readonly places = new Places();
  private addresses: (string | undefined)[] = [];

  push(raw: RawValue, address: string | undefined): void {
    this.places.push(raw.offset, raw.length);
    this.addresses.push(address);
  }

  /** The places of the elements whose address no change has (or that only parsing can tell); the addresses are let go. */
  unread(changed: { has(address: string): boolean }): Places {
    const unread = new Places();
    this.addresses.forEach((address, i) => {
      if (address === undefined || !changed.has(address)) unread.push(this.places.offset(i), this.places.length(i));
    });
    this.addresses = [];
    return unread;
  }
}

/** The length of a change's `before` (`null`) not worth leaving out of the parse (see `change`). */
const NOTHING_TO_CUT = 4;

/** Only deletes and forgets leave nothing behind. */
const leavesSomething = (actions: readonly Action[]): boolean => actions.some((a) => a !== 'delete' && a !== 'forget');

/** The top-level attributes a change's `replace_paths` (`[["region"], ["tags", "x"]]`) names, once each. */
function replacedAttributes(paths: unknown): string[] {
  if (!Array.isArray(paths)) return [];
  return [...new Set(paths.map((path) => (Array.isArray(path) ? path[0] : undefined)).filter((step): step is string => typeof step === 'string'))];
}

/** The module instance part of a resource instance address. */
function moduleOfAddress(address: string, mode: string, type: string, name: string): string {
  const local = `${mode === 'data' || mode === 'ephemeral' ? `${mode}.` : ''}${type}.${name}`;
  const at = address.lastIndexOf(local);
  return at > 0 ? address.slice(0, at - 1) : '';
}

export class PlanAssembler implements SplitterSink {
  private readonly keys = new Set<string>();
  private readonly shapeless = new Set<string>();
  private readonly top = new Map<string, unknown>();
  private readonly changes: Pending[] = [];
  /** How many `resource_changes` entries were read: a refusal names an entry by its position. */
  private changesSeen = 0;
  /** Addresses of the changes, as strings: without a store. */
  private readonly changedAddresses = new Set<string>();
  /** Which addresses the changes have: the strings, or with a store a lookup over the resources (made in `finish`). */
  private changed: { has(address: string): boolean } = this.changedAddresses;
  /** With a store: addresses of the changes that leave nothing (no resource spells them). */
  private readonly removed: string[] = [];
  /** Managed objects the plan deletes, replaced ones included. */
  private readonly destroyed: DestroyedResource[] = [];
  /** Addresses the plan takes away from objects it keeps (`LoadedInput.formerAddresses`). */
  private readonly former: string[] = [];
  /** OpenTofu's ephemeral resource instances, by address: code blocks, not resources (`ephemeralBlocks`). */
  private readonly ephemeral = new Map<string, { type: string; name: string; module: string }>();
  private changesDone = false;
  private readonly deferred: Deferred[] = [];
  /** Resources only in planned_values / prior_state, planned_values winning. */
  private readonly unchanged = new Map<string, { src: Source; data: Pending }>();
  private store: ValueStore | undefined;
  /** With a store and no `replaced`: where a change's link attributes lie in its after (see `change`). */
  private afterLinks: AfterLinks | undefined;
  /**
   * With a store: where the planned_values and prior_state elements lie that `finish` must read
   * again, and their addresses when their bytes tell them (see `moduleResource`).
   */
  private readonly located = { planned: new Located(), prior: new Located() };
  /** The blocks of child modules, as root keys (`|aws_db_instance.this`): see `relativeInPriorState`. */
  private childBlocks: Set<string> | undefined;
  /** With a store: which addresses the changes read so far have (`changedSoFar`). */
  private lookup: AddressLookup | undefined;
  /** One copy of the strings and action lists thousands of resources share (types, modules, providers). */
  private readonly strings = new Map<string, string>();
  private readonly actionLists = new Map<string, readonly Action[]>();
  private readonly singleActions = new Map<Action, readonly Action[]>();
  private readonly configurations = new Map<ConfigResource | undefined, Map<string, Configured>>();
  /** Kinds by mode, type, name, provider, action list and configuration. */
  private readonly kinds = new Map<string, Map<string, Map<string, Map<string, Map<readonly Action[], Map<boolean, Map<Configured, Kind>>>>>>>();
  /** The strings of the old state terraform prints, when asked for (`LoadedInput.replaced`). */
  private readonly replaced: ReplacedStrings[] | undefined;

  constructor(
    private readonly input: string,
    options: AssemblerOptions = {},
  ) {
    this.replaced = options.replaced ? [] : undefined;
  }

  /** Keep values in the file, read again when needed, instead of in memory. Before the first element. */
  useStore(store: ValueStore): void {
    this.store = store;
    // The strings terraform prints of a change are those of its after too.
    if (!this.replaced) this.afterLinks = new AfterLinks();
  }

  private intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  /**
   * A string of a resource's kind (type, name, provider), one copy per value: with a store, the
   * kind the resource shares keeps one (`kindOf`), and interning it too was a lookup per string
   * for nothing.
   */
  private ofKind(text: string): string {
    return this.store ? text : this.intern(text);
  }

  /**
   * One copy of a link attribute's string value: a bucket's name is also the `bucket` of its
   * satellites. Measured on the 100k bench plan, heap after the check: 4.1 MB of 7.7 MB of strings
   * were such copies.
   */
  private readonly internLink = (text: string): string => this.intern(text);

  /** One object per configuration block and provider key, shared by the block's instances. */
  private configuredOf(block: ConfigResource | undefined, providerConfigKey: string): Configured {
    const byKey = entryOf(this.configurations, block, () => new Map());
    let configured = byKey.get(providerConfigKey);
    if (!configured) {
      configured = {
        providerConfigKey,
        ...(block ? { config: block.config } : {}),
        ...(block?.provisioners ? { provisioners: block.provisioners } : {}),
        ...(block?.repetition ? { repetition: block.repetition } : {}),
        ...(block?.forEachRefs ? { forEachRefs: block.forEachRefs } : {}),
      };
      byKey.set(providerConfigKey, configured);
    }
    return configured;
  }

  /**
   * The shared kind of a resource whose values stay in the store: one object per block, action list
   * and configuration.
   */
  private kindOf(fields: Omit<Kind, 'store' | 'configured'>, configured: Configured): Kind {
    // Nested maps keyed by the fields themselves: no key string per resource (as JSON it cost
    // ~0.5 s on the 100k bench plan, as a template ~0.2 s), and no two kinds can share a key.
    const byType = entryOf(this.kinds, fields.mode, () => new Map());
    const byName = entryOf(byType, fields.type, () => new Map());
    const byProvider = entryOf(byName, fields.name, () => new Map());
    const byActions = entryOf(byProvider, fields.providerName, () => new Map());
    const byImporting = entryOf(byActions, fields.actions, () => new Map());
    const byConfigured = entryOf(byImporting, fields.importing === true, () => new Map());
    let kind = byConfigured.get(configured);
    if (!kind) {
      const store = this.store as ValueStore;
      const { mode, type, name, providerName, actions } = fields;
      kind = { mode, type, name, providerName, actions, ...(fields.importing ? { importing: true as const } : {}), store, configured };
      byConfigured.set(configured, kind);
    }
    return kind;
  }

  private internActions(actions: readonly Action[]): readonly Action[] {
    // Nearly every change has one action: keyed by it, no JSON text per change.
    if (actions.length === 1) return entryOf(this.singleActions, actions[0], () => actions);
    // JSON, not a join: a plan may hold any string as an action, `"create,update"` included.
    const key = JSON.stringify(actions);
    const known = this.actionLists.get(key);
    if (known) return known;
    this.actionLists.set(key, actions);
    return actions;
  }

  /** A resource whose values stay in the file (where its element lies, and its link attributes), or its values. */
  private pending(fields: Fields, values: Values, raw: RawValue | undefined, section: StoredAt['storedSection'], cut?: Cut): Pending {
    if (!this.store || !raw) return { fields, values };
    const links = linksOf(fields.type, values.after, values.afterUnknown, values.afterSensitive, this.internLink);
    return new StoredResourceData(fields, this.kindOf(fields, UNCONFIGURED), { storedOffset: raw.offset, storedLength: raw.length, storedSection: section, cut, links });
  }

  private refuse(reason: string): never {
    throw new InputError(this.input, reason);
  }

  key(key: string): void {
    this.keys.add(key);
    if (key === 'plan_format_version' && !this.keys.has('format_version')) this.refuse(TFC_REASON);
    // Refused at its first key: the second event, on the next line, would be "data after the end".
    if (UI_KEYS.has(key)) this.refuse(UI_REASON);
  }

  topLevel(key: string, raw: RawValue): void {
    this.value(key, raw.parse());
  }

  /** A top-level value that is not one of the large sections. */
  value(key: string, value: unknown): void {
    this.keys.add(key);
    this.top.set(key, value);
    if (key === 'format_version') this.checkFormat(value);
    // A section the splitter would have walked, given as something else (`null`): as if absent.
    if (SECTIONS.has(key)) this.shapeless.add(key);
    if (key === 'resource_changes' && value !== null) this.refuse('not a valid plan: resource_changes is not a list');
  }

  change(raw: RawValue): void {
    const found = raw.cutBefore();
    // A change that creates has no before (`null`): nothing to gain by cutting it.
    const cut = found && found.length > NOTHING_TO_CUT ? found : undefined;
    // With a store, a resource keeps only the link attributes of its after while loading: the after
    // is validated and they are read from its bytes, and it is parsed with the entry only where a
    // key is spelled with an escape. Measured on the bench's 30k plan (heap sampling, collected
    // objects counted): loading allocates 102 MB instead of 122 MB.
    const afterCut = found && this.afterLinks ? this.cutAfter(raw, found, this.afterLinks) : undefined;
    const entry = raw.parse(cut, afterCut);
    this.addChange(entry, raw, cut, afterCut && this.afterLinks);
    // The `before` the cut left out is parsed only where it is not its `after` again.
    if (this.replaced && !(cut && raw.repeatsAfter(cut))) this.keepReplaced(entry, cut ? raw.parseCut(cut) : changeOf(entry)?.before);
  }

  /** Where a change's after lies, when its link attributes can be read from its bytes (see `AfterLinks`). */
  private cutAfter(raw: RawValue, before: Cut, links: AfterLinks): Cut | undefined {
    links.reset();
    const cut = raw.cutAfter(before, links);
    return cut && !links.escaped ? cut : undefined;
  }

  drift(raw: RawValue): void {
    const entry = raw.parse();
    if (this.replaced) this.keepDrift(entry);
  }

  /** What terraform prints of a change's `before` that its `after` does not hold. */
  private keepReplaced(entry: unknown, before: unknown): void {
    const strings = replacedStrings(before, changeOf(entry)?.after);
    if (strings.length > 0) this.replaced?.push({ type: String((entry as Json).type), strings, old: before });
  }

  /** Both sides of a change made outside Terraform (`Objects have changed outside of Terraform`), where they differ. */
  private keepDrift(entry: unknown): void {
    const change = changeOf(entry);
    if (!change || !isObject(entry)) return;
    for (const [old, now] of [
      [change.before, change.after],
      [change.after, change.before],
    ]) {
      const strings = replacedStrings(old, now);
      if (strings.length > 0) this.replaced?.push({ type: String(entry.type), strings, old });
    }
  }

  /** An output's old value, where its new one differs (`Changes to Outputs`), under the output's name. */
  private keepOutputs(): void {
    const outputs = this.top.get('output_changes');
    if (!this.replaced || !isObject(outputs)) return;
    for (const [name, change] of Object.entries(outputs)) {
      if (!isObject(change)) continue;
      const strings = replacedStrings(change.before, change.after, [name]);
      if (strings.length > 0) this.replaced.push({ strings, old: { [name]: change.before } });
    }
  }

  changesEnd(): void {
    this.changesDone = true;
  }

  moduleResource(src: Source, raw: RawValue): void {
    // With a store, planned_values and prior_state (checked by the splitter) are only located:
    // they mostly repeat resource_changes, and `finish` reads again the few elements they add.
    // Measured on the 100k bench plan: reading every element again to learn its address cost
    // about 1 s; read here, from bytes at hand, the address costs a search of the element (CPU
    // profile: ~0.3 s), and the addresses of planned_values are held until the changes are read.
    if (this.store && src !== 'state') {
      const address = raw.leadingAddress();
      // Terraform writes prior_state after resource_changes: most of it is known to repeat them now.
      if (this.changesDone && address !== undefined && this.changedSoFar().has(address)) return;
      this.located[src].push(raw, address);
      return;
    }
    if (this.changesDone || src === 'state') this.addModuleResource(src, raw.parse(), raw);
    else {
      const kept = raw.detach();
      this.deferred.push({ src, get: () => kept.parse() });
    }
  }

  /** With a store: which addresses the changes read so far have. */
  private changedSoFar(): AddressLookup {
    if (this.lookup?.size !== this.changes.length + this.removed.length) this.lookup = new AddressLookup(this.changes as StoredResourceData[], this.removed);
    return this.lookup;
  }

  /** Feed an already parsed document, section by section as the splitter would (resource changes first). */
  feedDocument(doc: Json): void {
    for (const key of Object.keys(doc)) this.key(key);
    if (Array.isArray(doc.resource_changes)) {
      for (const change of doc.resource_changes) {
        this.addChange(change);
        if (this.replaced) this.keepReplaced(change, changeOf(change)?.before);
      }
    }
    this.changesEnd();
    const visit = (src: Source, module: unknown): void => {
      if (!isObject(module)) return;
      for (const resource of Array.isArray(module.resources) ? module.resources : []) this.addModuleResource(src, resource);
      for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) visit(src, child);
    };
    for (const [key, value] of Object.entries(doc)) {
      if (key === 'resource_changes' && Array.isArray(value)) continue;
      if (key === 'resource_drift' && Array.isArray(value)) {
        if (this.replaced) value.forEach((entry) => this.keepDrift(entry));
        continue;
      }
      if (key === 'values' && isObject(value)) continue;
      if (key === 'planned_values' && isObject(value)) visit('planned', value.root_module);
      else if (key === 'prior_state' && isObject(value)) visit('prior', isObject(value.values) ? value.values.root_module : undefined);
      else this.value(key, value);
    }
  }

  private checkFormat(value: unknown): void {
    const match = typeof value === 'string' ? /^(\d+)\.(\d+)/.exec(value) : null;
    // A refusal quotes nothing of the input but the digits of a version.
    if (!match) this.refuse('not a valid plan: its format_version is not a version number');
    if (Number(match[1]) >= 2) this.refuse(`unsupported plan format_version ${match[0]}: twinguard reads formats 0.1 to 1.x; upgrade twinguard`);
    // Terraform's first format is 0.1 (terraform-json refuses below it): 0.0 was read as a plan.
    if (Number(match[1]) === 0 && Number(match[2]) === 0) this.refuse(`unsupported plan format_version ${match[0]}: twinguard reads formats 0.1 to 1.x, and no Terraform writes an earlier one`);
  }

  /** `afterLinks`: the after was cut from the entry (`change`), its link attributes noted there. */
  private addChange(entry: unknown, raw?: RawValue, cut?: Cut, afterLinks?: AfterLinks): void {
    const position = this.changesSeen++;
    if (!isObject(entry) || typeof entry.type !== 'string' || typeof entry.name !== 'string') {
      this.refuse('not a valid plan: a resource_changes entry has no type or name');
    }
    const change = entry.change;
    if (!isObject(change) || !Array.isArray(change.actions) || !change.actions.every((a) => typeof a === 'string')) {
      // Named by its place, not its address: an instance key may hold anything (`aws_iam_user.u["jane@example.com"]`).
      this.refuse(`not a valid plan: resource_changes[${position}] has no change.actions`);
    }
    // Terraform writes at least one action (`["no-op"]` for none): an empty list, read as a delete,
    // dropped a resource unjudged.
    if (change.actions.length === 0) this.refuse(`not a valid plan: resource_changes[${position}] has an empty change.actions`);
    const mode = resourceMode(entry.mode);
    if (mode === undefined) this.refuse(`not a valid plan: resource_changes[${position}] has a mode that is neither managed nor data`);
    const module = typeof entry.module_address === 'string' ? entry.module_address : '';
    const local = `${mode === 'data' ? 'data.' : mode === 'ephemeral' ? 'ephemeral.' : ''}${entry.type}.${entry.name}${indexSuffix(entry.index)}`;
    const address = typeof entry.address === 'string' ? entry.address : module ? `${module}.${local}` : local;
    // OpenTofu's ephemeral resources (`["open"]`, nothing before or after): opened during the run,
    // they create nothing and are no infrastructure to judge or count. Terraform writes none here.
    // Their addresses are kept: tofu prints them (`ephemeral.….pw["jane.roe@example.com"]: Opening...`).
    if (mode === 'ephemeral') return this.keepEphemeral(address, entry.type, entry.name, typeof entry.module_address === 'string' ? entry.module_address : undefined);
    const actions = change.actions as Action[];
    const leaves = leavesSomething(actions) && entry.deposed === undefined;
    if (mode === 'managed' && actions.includes('delete')) {
      const replacedBy = replacedAttributes(change.replace_paths);
      this.destroyed.push({
        address,
        type: this.intern(entry.type),
        actions: this.internActions(actions),
        ...(typeof entry.deposed === 'string' ? { deposed: entry.deposed } : {}),
        ...(replacedBy.length > 0 ? { replacedBy } : {}),
      });
    }
    // A moved object's old address, and one the plan forgets: terraform prints both (`# … has moved
    // to …`, `# … will no longer be managed by Terraform`), and no resource of the plan holds them.
    if (typeof entry.previous_address === 'string' && entry.previous_address !== address) this.former.push(entry.previous_address);
    if (actions.includes('forget')) this.former.push(address);
    if (!this.store) this.changedAddresses.add(address);
    else if (!leaves) this.removed.push(address);
    this.unchanged.delete(address); // read earlier from planned_values: this entry describes it
    // Deposed objects and plain deletes: nothing of them is left after apply.
    if (!leaves) return;
    const fields: Fields = {
      address,
      mode,
      type: this.ofKind(entry.type),
      name: this.ofKind(entry.name),
      ...(typeof entry.index === 'number' || typeof entry.index === 'string' ? { index: entry.index } : {}),
      module: this.intern(typeof entry.module_address === 'string' ? entry.module_address : moduleOfAddress(address, mode, entry.type, entry.name)),
      providerName: this.ofKind(typeof entry.provider_name === 'string' ? entry.provider_name : ''),
      actions: this.internActions(actions),
      // Terraform 1.5+: an `import` block brings the object in (`{ "id": … }`).
      ...(isObject(change.importing) ? { importing: true as const } : {}),
    };
    const after = afterLinks ? afterLinks.values(entry.type) : change.after;
    const values = { after, afterUnknown: maskOf(change.after_unknown), afterSensitive: maskOf(change.after_sensitive) };
    this.changes.push(this.pending(fields, values, raw, 'change', cut));
  }

  private addModuleResource(src: Source, entry: unknown, raw?: RawValue): void {
    if (src === 'state') return; // a state document: refused at the end, elements only checked
    if (!isObject(entry) || typeof entry.address !== 'string' || typeof entry.type !== 'string' || typeof entry.name !== 'string') return;
    // Terraform 0.12 wrote the resource's address, without the instance key, on each instance.
    const index = entry.index;
    const address = index !== undefined && !entry.address.endsWith(']') ? `${entry.address}${indexSuffix(index)}` : entry.address;
    if (this.changed.has(address)) return;
    if (src === 'prior' && this.unchanged.get(address)?.src === 'planned') return;
    const mode = resourceMode(entry.mode);
    // Named by its section: a module resource's place is not counted, and its address may hold anything.
    if (mode === undefined) this.refuse(`not a valid plan: a resource of ${src === 'planned' ? 'planned_values' : 'prior_state'} has a mode that is neither managed nor data`);
    if (mode === 'ephemeral') return this.keepEphemeral(address, entry.type, entry.name); // OpenTofu: see `addChange`
    this.unchanged.delete(address); // re-inserted: the order stays that of arrival whatever the section order
    const fields: Fields = {
      address,
      mode,
      type: this.ofKind(entry.type),
      name: this.ofKind(entry.name),
      ...(typeof index === 'number' || typeof index === 'string' ? { index } : {}),
      module: this.intern(moduleOfAddress(address, mode, entry.type, entry.name)),
      providerName: this.ofKind(typeof entry.provider_name === 'string' ? entry.provider_name : ''),
      actions: this.internActions(['no-op']),
    };
    const values = { after: entry.values, afterUnknown: {}, afterSensitive: maskOf(entry.sensitive_values) };
    this.unchanged.set(address, { src, data: this.pending(fields, values, raw, 'module') });
  }

  private keepEphemeral(address: string, type: string, name: string, module?: string): void {
    if (this.ephemeral.has(address)) return;
    this.ephemeral.set(address, { type, name, module: module ?? moduleOfAddress(address, 'ephemeral', type, name) });
  }

  /**
   * The `ephemeral` blocks as code blocks: each instance the plan lists (OpenTofu writes them in
   * `resource_changes`), with its block's configuration, so its address, instance key included, is
   * judged and masked as a data source's is; a block of which no instance is listed, once, by its
   * configuration address. Their values are never in a plan.
   */
  private ephemeralBlocks(config: ConfigIndex): CodeBlock[] {
    const written = new Map(config.codeBlocks.filter((block) => block.kind === 'ephemeral').map((block) => [block.address, block]));
    const instances: CodeBlock[] = [];
    const listed = new Set<string>();
    for (const [address, { type, name, module }] of this.ephemeral) {
      const path = moduleConfigPath(module);
      const blockAddress = `${path ? `${path}.` : ''}ephemeral.${type}.${name}`;
      const block = written.get(blockAddress);
      listed.add(blockAddress);
      instances.push({ address, kind: 'ephemeral', type, module, ...(block?.config ? { config: block.config } : {}) });
    }
    return [...config.codeBlocks.filter((block) => block.kind !== 'ephemeral' || !listed.has(block.address)), ...instances];
  }

  /**
   * Terraform 0.12 (format 0.1) wrote the resources of a child module in `prior_state` with addresses
   * relative to that module (`aws_db_instance.this` for `module.db.aws_db_instance.this`): read as
   * they stand they are root resources that do not exist, and a real one's lookups find them too
   * (two parameter groups of one name). Such an entry has a root address that no change lists, that
   * no root block of the configuration declares, and that a child module's block does.
   */
  private relativeInPriorState(src: string, fields: Fields, config: ConfigIndex): boolean {
    if (src !== 'prior' || fields.module !== '' || !String(this.top.get('format_version')).startsWith('0.')) return false;
    const local = configKey('', fields.mode, fields.type, fields.name);
    if (config.resources.has(local)) return false;
    this.childBlocks ??= new Set([...config.resources.keys()].filter((key) => !key.startsWith('|')).map((key) => key.slice(key.indexOf('|'))));
    return this.childBlocks.has(local);
  }

  /** Check the document is a plan and build the result. */
  finish(): LoadedInput {
    for (const { src, get } of this.deferred.splice(0)) this.addModuleResource(src, get());
    if (this.store) {
      this.changed = this.changedSoFar();
      for (const src of ['planned', 'prior'] as const) {
        const unread = this.located[src].unread(this.changed);
        this.store.scan(unread, (raw) => this.addModuleResource(src, raw.parse(), raw));
      }
    }
    this.checkIsPlan();
    this.keepOutputs();
    const config = indexConfiguration(this.top.get('configuration'));
    const configPaths = new Map<string, string>();
    const resources: ResourceData[] = [];
    const configuredIn = (modulePath: string, fields: Fields): Configured => {
      const block = config.resources.get(configKey(modulePath, fields.mode, fields.type, fields.name));
      return this.configuredOf(block, block?.providerConfigKey ?? fallbackProviderKey(fields.providerName, modulePath));
    };
    // The configured kind of each block's kind, by module path: what the configuration says is the
    // same for every instance of a block, so its instances share one kind, found with two lookups.
    const configuredKinds = new Map<Kind, Map<string, Kind>>();
    const complete = (pending: Pending): void => {
      const fields = fieldsOf(pending);
      let modulePath = configPaths.get(fields.module);
      if (modulePath === undefined) configPaths.set(fields.module, (modulePath = moduleConfigPath(fields.module)));
      if (pending instanceof StoredResourceData) {
        const byPath = entryOf(configuredKinds, pending.shared, () => new Map<string, Kind>());
        let kind = byPath.get(modulePath);
        if (kind === undefined) byPath.set(modulePath, (kind = this.kindOf(pending, configuredIn(modulePath, fields))));
        pending.configure(kind);
        resources.push(pending);
      } else {
        resources.push({ ...pending.fields, ...configuredIn(modulePath, fields), ...pending.values });
      }
    };
    for (const pending of this.changes) complete(pending);
    // planned_values first, then prior_state, each in document order: the same for every section order.
    for (const src of ['planned', 'prior']) {
      // Entries read before resource_changes (a store parses them at once) may be changes after all.
      for (const entry of this.unchanged.values()) {
        if (entry.src === src && !this.changed.has(fieldsOf(entry.data).address) && !this.relativeInPriorState(entry.src, fieldsOf(entry.data), config)) complete(entry.data);
      }
    }
    const codeBlocks = [...this.ephemeralBlocks(config), ...this.actionInvocations()];
    const incomplete = this.incompleteness();
    const formatVersion = this.top.get('format_version') as string;
    const terraformVersion = this.top.get('terraform_version');
    return {
      input: this.input,
      kind: 'plan',
      resources,
      providers: config.providers,
      moduleCalls: config.moduleCalls,
      outputs: this.plannedOutputs(config.outputs),
      variables: variablesOf(this.top.get('variables')),
      ...(config.variables.length > 0 ? { variableDeclarations: config.variables } : {}),
      ...(codeBlocks.length > 0 ? { codeBlocks } : {}),
      ...(this.destroyed.length > 0 ? { destroyed: this.destroyed } : {}),
      ...(this.former.length > 0 ? { formerAddresses: this.former } : {}),
      ...(this.replaced ? { replaced: this.replaced } : {}),
      ...(incomplete ? { incomplete } : {}),
      meta: { formatVersion, ...(typeof terraformVersion === 'string' ? { terraformVersion } : {}) },
    };
  }

  /**
   * The actions a plan invokes (Terraform 1.14: `action_invocations`, and `deferred_action_invocations`
   * whose `action_invocation` waits), each with the values of its `config` block: Terraform writes
   * them unmarked, in clear (`config_sensitive` marks what is sensitive). Its configuration records
   * no action block.
   */
  private actionInvocations(): CodeBlock[] {
    const out: CodeBlock[] = [];
    for (const key of ['action_invocations', 'deferred_action_invocations'] as const) {
      this.topList(key).forEach((element, i) => {
        const invocation = key === 'deferred_action_invocations' && isObject(element) ? element.action_invocation : element;
        if (!isObject(invocation) || typeof invocation.address !== 'string' || typeof invocation.type !== 'string' || typeof invocation.name !== 'string') {
          // Named by its place: an instance key may hold anything.
          this.refuse(`not a valid plan: ${key}[${i}] has no address, type or name`);
        }
        const { address, type, name } = invocation;
        const at = address.lastIndexOf(`action.${type}.${name}`);
        out.push({ address, kind: 'action', type, module: at > 0 ? address.slice(0, at - 1) : '', values: { after: invocation.config_values ?? {}, afterSensitive: maskOf(invocation.config_sensitive) } });
      });
    }
    return out;
  }

  /**
   * The configuration's outputs, each root output with the value the plan gives it
   * (`output_changes.<name>.after`: what terraform prints and keeps in the state); an output the
   * plan changes and the configuration does not record is one with no expression. A change
   * that is not an object is refused: its output's value could not be read.
   */
  private plannedOutputs(outputs: readonly OutputData[]): OutputData[] {
    const changes = this.top.get('output_changes');
    if (changes === undefined || changes === null) return [...outputs];
    if (!isObject(changes)) this.refuse('not a valid plan: output_changes is not an object');
    const planned = new Map<string, ValueView>();
    for (const [name, change] of Object.entries(changes)) {
      if (!isObject(change)) this.refuse(`not a valid plan: output_changes.${quotedInput(name)} is not an object`);
      // A removed output prints nothing and is kept nowhere.
      if (change.after === undefined || change.after === null || change.after_unknown === true) continue;
      planned.set(name, new ValueView(change.after, change.after_unknown, change.after_sensitive));
    }
    const out = outputs.map((output) => {
      const value = output.module === '' ? planned.get(output.name) : undefined;
      return value === undefined ? output : { ...output, planned: value };
    });
    const configured = new Set(outputs.filter((output) => output.module === '').map((output) => output.name));
    for (const [name, value] of planned) if (!configured.has(name)) out.push({ module: '', name, expr: toConfigNode({}), planned: value });
    return out;
  }

  /** A top-level list of the plan: none where it is absent or null; anything else is refused. */
  private topList(key: string): readonly unknown[] {
    const list = this.top.get(key);
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) this.refuse(`not a valid plan: ${key} is not a list`);
    return list;
  }

  /**
   * What an incomplete plan leaves to a later one: `deferred_changes` (`[{ reason, resource_change }]`)
   * and `deferred_action_invocations`; undefined for a complete plan that defers nothing. Their values,
   * where known, are what Terraform could plan so far: none is judged, and the coverage names them.
   */
  private incompleteness(): LoadedInput['incomplete'] {
    const deferred: { address: string; reason: string }[] = [];
    for (const [key, inner] of [['deferred_changes', 'resource_change'], ['deferred_action_invocations', 'action_invocation']] as const) {
      this.topList(key).forEach((element, i) => {
        const change = isObject(element) ? element[inner] : undefined;
        if (!isObject(change) || typeof change.address !== 'string') this.refuse(`not a valid plan: ${key}[${i}] has no ${inner}.address`);
        deferred.push({ address: change.address, reason: isObject(element) && typeof element.reason === 'string' ? element.reason : 'unknown' });
      });
    }
    return deferred.length > 0 || this.top.get('complete') === false ? { deferred } : undefined;
  }

  private checkIsPlan(): void {
    const has = (key: string): boolean => this.keys.has(key) && !this.shapeless.has(key);
    if (has('plan_format_version') && !has('format_version')) this.refuse(TFC_REASON);
    const isPlan = has('resource_changes') || has('planned_values');
    if (!isPlan && CONFIG_KEYS.some(has)) {
      this.refuse('not a Terraform plan: this looks like Terraform JSON configuration (cdk.tf.json / *.tf.json); pass it as configuration, or run `terraform show -json PLANFILE`');
    }
    if (!has('format_version')) this.refuse('not a Terraform plan: it has no format_version');
    if (!isPlan && has('values')) this.refuse('not a Terraform plan: it has no resource_changes (this looks like a state file)');
    if (!isPlan && has('provider_schemas')) this.refuse('not a Terraform plan: this is `terraform providers schema -json` output');
    if (!isPlan) this.refuse('not a Terraform plan: it has neither resource_changes nor planned_values');
    if (this.top.get('errored') === true) this.refuse('the plan errored (errored: true): Terraform could not finish planning; fix the errors and plan again');
  }
}

/** What the assembler keeps besides what rules read. */
export interface AssemblerOptions {
  /** Keep the strings of the old state terraform prints (`LoadedInput.replaced`): the gate masks them. */
  readonly replaced?: boolean;
}

/** A `resource_changes` or `resource_drift` entry's `change`, when it is an object. */
const changeOf = (entry: unknown): Json | undefined => (isObject(entry) && isObject(entry.change) ? entry.change : undefined);

/**
 * Keys every event of terraform's machine-readable UI output has (`terraform plan -json`: one JSON
 * object per line, `{"@level":"info","@message":…,"type":"version","terraform":"1.14.0"}`), and no
 * plan or configuration: its `terraform` key made it look like configuration.
 */
export const UI_KEYS: ReadonlySet<string> = new Set(['@level', '@message']);

const UI_REASON =
  "not a Terraform plan: this is terraform's machine-readable UI output (`terraform plan -json`, one event per line); run `terraform plan -out=tfplan && terraform show -json tfplan`";

const TFC_REASON =
  "not a Terraform plan: this is HCP Terraform's redacted JSON plan (plan_format_version); download the plan and run `terraform show -json PLANFILE`";

/** Without a configuration block: the local provider name from `provider_name`, in the resource's module. */
function fallbackProviderKey(providerName: string, modulePath: string): string {
  const local = providerName.split('/').pop() || providerName;
  return modulePath ? `${normalizeModulePath(modulePath)}:${local}` : local;
}

function variablesOf(variables: unknown): Record<string, unknown> | undefined {
  if (!isObject(variables)) return undefined;
  const out = record();
  for (const [name, entry] of Object.entries(variables)) if (isObject(entry) && 'value' in entry) out[name] = entry.value;
  return out;
}
