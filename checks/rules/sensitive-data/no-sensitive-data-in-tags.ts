/**
 * No personal data or secret in tag keys or values: email addresses, phone numbers, AWS keys,
 * private keys, tokens, credentials in URLs, and the configured `sensitivePatterns`.
 *
 * Where the tag comes from decides where the finding goes: the resource's own tags on the
 * resource (`tags`, or where the tag model reads an awscc type's: `file_system_tags`, each replica's
 * `replicas.<i>.tags` of a global table); the aws provider's `default_tags` on the provider block (`provider.aws`, reported once
 * however many resources inherit it); a `tags_all` entry found in neither (its origin is not a
 * constant of the configuration) on the resource. Values Terraform marks sensitive are not read;
 * values known only after apply are produced by AWS or other resources, not written in the code,
 * and are not judged; but a map known only after apply whole because a key is (`"${var.project}:owner"`),
 * or a `merge` argument is, has the values its code writes searched (`ownEntries`), in place or
 * through locals and `merge`.
 */
import { DEFAULT_TAGS_VARIABLE_PREFIX } from '../../model/default-tags';
import { configAt } from '../../model/graph/config';
import { ownTagPlaces } from '../../model/graph/tags';
import type { ConfigNode, Graph, ProviderConfig, Resource } from '../../model/types';
import { ValueView, type PathSeg } from '../../model/value';
import type { SensitivePattern } from '../../settings';
import { detectAll, displayPath, entryStrings, mayFind, mentionsAccessKeyId, namesCredential, passedOnTags, safeText, sensitiveFinding, singleTagAt, unknownMapStrings, writtenCredential, type Detection, type Item } from '../support/detect';
import { providerAddress } from '../../model/module-path';
import { entryOf } from '../../model/entry-of';
import { awsDoc } from '../support/references';
import { defineRule, notApplicable, pass, type Outcome } from '../types';

interface TagEntry {
  readonly key: string;
  readonly value: ValueView;
  /**
   * Set for an entry whose key is known only after apply (`"${var.project}:owner"`): where its value
   * is written, below the tags attribute (`[2, 'value']` of an awscc `{ key, value }` list; nothing
   * more of an aws map, which is then known only after apply whole). `key` is then a label for
   * messages, never a tag key.
   */
  readonly unknownKeyAt?: readonly PathSeg[];
  /**
   * Set for the strings the code writes in a map known only after apply whole inside the value of the
   * tag `key` (`Meta = jsonencode({ "${var.project}" = "jane@…" })`), which a plan shows unknown while
   * it knows the other tags: where that value is, below the tags attribute (`['Meta']`; `[2, 'value']`
   * of an awscc list). The tag's key is searched with the tag itself.
   */
  readonly withinValueAt?: readonly PathSeg[];
  /**
   * Set for a `withinValueAt` entry that holds the literal text of the templates written in the tag's value, not a
   * map's values (`Owner = "${var.team} jane@…"`: the tag's key is known; only its value is not).
   */
  readonly template?: true;
}

/** Where an entry is written below its tags attribute: its key's place, or as `unknownKeyAt` or `withinValueAt` say. */
const placeOf = (entry: TagEntry): readonly PathSeg[] => entry.withinValueAt ?? entry.unknownKeyAt ?? [entry.key];

/** A label for an entry whose key is not known: it names no tag, so it matches no key and no credential name. */
const UNKNOWN_KEY = 'tag whose key is known only after apply';

const keepAll = (): boolean => true;

/**
 * The entries of a tag map, or of an awscc `[{ key, value }]` list. A list item whose key is known
 * only after apply is kept (`unknownKeyAt`): its value is written in the code all the same, and a
 * secret there would otherwise be searched by no rule (the free-form and credentials rules leave
 * own tags to this one). Only those `keep` keeps (every one by default).
 */
function tagEntries(view: ValueView, keep: (key: string, value: ValueView) => boolean = keepAll): TagEntry[] {
  if (Array.isArray(view.raw)) {
    const items = view.list();
    if (items.kind !== 'known') return [];
    return items.value
      .flatMap((item, i) => {
        const key = item.get('key').string();
        if (key.kind === 'known') return [{ key: key.value, value: item.get('value') }];
        return key.kind === 'unknown' ? [{ key: UNKNOWN_KEY, value: item.get('value'), unknownKeyAt: [i, 'value'] }] : [];
      })
      .filter((entry) => keep(entry.key, entry.value));
  }
  // A map's entries as they come, kept or not: no record of them all (`ValueView.eachEntry`).
  const out: TagEntry[] = [];
  view.eachEntry((key, value) => {
    if (keep(key, value)) out.push({ key, value });
  });
  return out;
}

/**
 * The entries of a resource's own tags at `path`. A map written with a key known only after apply
 * (`tags = { "${var.project}:owner" = "jane.doe@example.com" }`, or through a local or `merge`) is
 * known only after apply whole, as Terraform has it, but the values written in it are the code's:
 * read from the configuration (`entriesOfUnknownMap`, .tf and cdktf input, a plan read with its
 * code), each under its key where the code fixes it.
 */
function ownEntries(resource: Resource, path: readonly PathSeg[], view: ValueView): TagEntry[] {
  const node = configAt(resource.data.config, path);
  if (view.isUnknown) return writtenEntries(node);
  const entries = tagEntries(view);
  const within = writtenWithinValues(node, view);
  return within.length === 0 ? entries : [...entries, ...within];
}

/**
 * Of tags the plan knows (`view`), those whose value it does not and whose code writes a map known only
 * after apply whole in it (`Meta = jsonencode({ "${var.project}" = "jane@…" })`): the strings written in
 * that map (`unknownMapStrings`), one entry per tag; and the literal text of the templates written in it
 * (`Owner = "${var.team} jane@…"`), one more (`TagEntry.template`).
 */
function writtenWithinValues(node: ConfigNode | undefined, view: ValueView): TagEntry[] {
  if (node === undefined) return [];
  // A tag's value is under its key in an aws map, at `[i, 'value']` in an awscc list.
  const list = Array.isArray(view.raw);
  const byTag = new Map<string, { at: PathSeg[]; texts: string[]; template: boolean }>();
  for (const leaf of unknownMapStrings(node)) {
    const at = leaf.path.slice(0, list ? 2 : 1);
    if (at.length < (list ? 2 : 1) || (list && at[1] !== 'value') || !view.get(...at).isUnknown) continue;
    const template = leaf.template === true;
    entryOf(byTag, JSON.stringify([at, template]), () => ({ at, texts: [], template })).texts.push(leaf.text);
  }
  return [...byTag.values()].flatMap(({ at, texts, template }) => {
    const key = list ? view.get(at[0], 'key').string() : { kind: 'known' as const, value: String(at[0]) };
    return [{ key: key.kind === 'known' ? key.value : UNKNOWN_KEY, value: new ValueView(texts.join('\n')), withinValueAt: at, ...(template ? { template: true as const } : {}) }];
  });
}

/**
 * The values written in a map known only after apply for a key (`entriesOfUnknownMap`), by the map's config node: each
 * tag's value the code writes as a literal, and the literal text of one written as a template around a value not known
 * (`"${var.p}:c" = "${var.p}-jane@…"`, `Owner = "${var.p} jane@…"`: `TagEntry.template`).
 */
function writtenEntries(node: ConfigNode | undefined): TagEntry[] {
  if (node?.kind !== 'expr' || node.entriesOfUnknownMap === undefined) return [];
  return entryStrings(node.entriesOfUnknownMap).flatMap((leaf): TagEntry[] => {
    const template = leaf.template === true ? { template: true as const } : {};
    // At the map's place: a value under a key not known, or the literal text of the expression that makes the map.
    if (leaf.path.length === 0) return [{ key: UNKNOWN_KEY, value: new ValueView(leaf.text), unknownKeyAt: [], ...template }];
    // A tag's value is a string: one deeper (a map under a tag, which Terraform refuses) is no tag's.
    if (leaf.unknownKey || leaf.path.length !== 1) return [];
    const key = String(leaf.path[0]);
    return [{ key, value: new ValueView(leaf.text), ...(leaf.template === true ? { withinValueAt: [key], template: true as const } : {}) }];
  });
}

/** A known, non-sensitive string: the only values the rule reads. */
const readable = (view: ValueView): string | undefined => (typeof view.raw === 'string' && !view.isUnknown && !view.isSensitive ? view.raw : undefined);

interface Place {
  readonly entry: TagEntry;
  /** Where the tag's value is written: `tags.Owner`, an `aws_ec2_tag`'s `value`. */
  readonly path: readonly PathSeg[];
  /** Where its key is written, when not in `path` as a map's key: an `aws_ec2_tag`'s `key`. */
  readonly keyPath?: readonly PathSeg[];
  /** Set for tags of the provider's `default_tags`. */
  readonly provider?: string;
  /** Set for tags of the environment's `TF_AWS_DEFAULT_TAGS_<key>`. */
  readonly environment?: true;
}

/** The texts to search at some places: each tag's key, then its value. */
function itemsOf(places: readonly Place[]): Item[] {
  const items: Item[] = [];
  for (const { entry } of places) {
    items.push({ text: entry.unknownKeyAt === undefined && entry.withinValueAt === undefined ? entry.key : '', label: 'tag key' }, { text: readable(entry.value) ?? '', label: entry.key });
  }
  return items;
}

/** A provider's `default_tags`, read and searched once: every aws resource of the provider inherits them. */
interface ProviderDefaults {
  readonly places: readonly Place[];
  /** Each default tag's readable value, by key. */
  readonly values: ReadonlyMap<string, string | undefined>;
  readonly items: readonly Item[];
  readonly mentionsKeyId: boolean;
  /** What was found in `items`, per configured patterns and per "near a key id" (`defaultsSearched`). */
  readonly searched: WeakMap<readonly SensitivePattern[], Map<boolean, DefaultsSearched>>;
}

/** What was found in the items of some default tags: in each key and value (`detections[2 * i]`, `[2 * i + 1]`), and whether any tag gives a finding. */
interface DefaultsSearched {
  readonly detections: Detection[][];
  /** No place gives a finding (`tagOutcome`): a resource that inherits the tags need not judge them. */
  readonly quiet: boolean;
}

/**
 * Per provider configuration: `default_tags` were read and searched again for every resource.
 * Measured with the detector prefilter (support/detect.ts), on the bench's generated plan (seed 7),
 * whole `twinguard check`: 100k resources 25.2 s -> 17.6 s.
 */
const DEFAULTS = new WeakMap<ProviderConfig, ProviderDefaults>();

function providerDefaults(provider: ProviderConfig): ProviderDefaults {
  let defaults = DEFAULTS.get(provider);
  if (defaults) return defaults;
  const block = provider.values.get('default_tags').block();
  const tags = block.kind === 'known' ? block.value.get('tags') : undefined;
  // A map written with a key known only after apply is unknown whole; its literal values are searched in its code.
  const node = configAt(provider.data.config, ['default_tags', 0, 'tags']) ?? configAt(provider.data.config, ['default_tags', 'tags']);
  const entries = tags === undefined ? [] : tags.isUnknown ? writtenEntries(node) : [...tagEntries(tags), ...writtenWithinValues(node, tags)];
  const address = providerAddress(provider);
  const places = entries.map((entry) => ({ entry, path: ['default_tags', 'tags', ...placeOf(entry)], provider: address }));
  const items = itemsOf(places);
  defaults = { places, values: new Map(entries.map((e) => [e.key, readable(e.value)])), items, mentionsKeyId: mentionsAccessKeyId(items), searched: new WeakMap() };
  DEFAULTS.set(provider, defaults);
  return defaults;
}

/**
 * `detectAll` on a provider's default tags, and whether any of them gives a finding, computed once per patterns and
 * `nearKeyId`. Most providers' defaults give none: then the resources that inherit them do not judge each again
 * (four default tags on each of 30k resources of the bench plan).
 */
function defaultsSearched(defaults: ProviderDefaults, patterns: readonly SensitivePattern[], nearKeyId: boolean): DefaultsSearched {
  const byKeyId = defaults.searched.get(patterns) ?? new Map<boolean, DefaultsSearched>();
  defaults.searched.set(patterns, byKeyId);
  let searched = byKeyId.get(nearKeyId);
  if (!searched) {
    const detections = detectAll(defaults.items, { scope: 'all', patterns }, nearKeyId);
    searched = { detections, quiet: defaults.places.every((place, i) => tagOutcome(place, detections[2 * i], detections[2 * i + 1], patterns) === undefined) };
    byKeyId.set(nearKeyId, searched);
  }
  return searched;
}

const NO_DEFAULTS: ProviderDefaults = { places: [], values: new Map(), items: [], mentionsKeyId: false, searched: new WeakMap() };

const ENVIRONMENT = new WeakMap<Readonly<Record<string, string>>, WeakMap<ProviderDefaults, ProviderDefaults>>();

/**
 * The tags `TF_AWS_DEFAULT_TAGS_<key>` give every aws resource of a configuration input (.tf,
 * cdk.tf.json: a plan's `tags_all` holds them already), beneath the provider's own `default_tags`:
 * found on the provider block, once, as its `default_tags` are; on the resource where no block is written.
 */
function environmentDefaults(resource: Resource, graph: Graph, provider: ProviderConfig | undefined, defaults: ProviderDefaults): ProviderDefaults {
  const fromEnvironment = graph.inputs.find((i) => i.input === resource.input)?.environmentDefaultTags;
  if (fromEnvironment === undefined) return NO_DEFAULTS;
  let byDefaults = ENVIRONMENT.get(fromEnvironment);
  if (byDefaults === undefined) ENVIRONMENT.set(fromEnvironment, (byDefaults = new WeakMap()));
  let found = byDefaults.get(defaults);
  if (found) return found;
  const entries = Object.entries(fromEnvironment)
    .filter(([key]) => !defaults.values.has(key))
    .map(([key, value]) => ({ key, value: new ValueView(value) }));
  const address = provider ? providerAddress(provider) : undefined;
  const places: Place[] = entries.map((entry) => ({ entry, path: [`${DEFAULT_TAGS_VARIABLE_PREFIX}${entry.key}`], environment: true, ...(address ? { provider: address } : {}) }));
  const items = itemsOf(places);
  found = { places, values: new Map(entries.map((e) => [e.key, e.value.raw as string])), items, mentionsKeyId: mentionsAccessKeyId(items), searched: new WeakMap() };
  byDefaults.set(defaults, found);
  return found;
}

/**
 * Tags a resource puts on others: an instance's `volume_tags` (on each of its volumes), a Lex bot's
 * `test_bot_alias_tags` (on its test alias: `passedOnTags`), the one tag a single-tag resource
 * writes (`aws_ec2_tag`, an `aws_autoscaling_group_tag`'s `tag` block and the others detect.ts's
 * `SINGLE_TAG` lists: `singleTagAt`).
 */
function passedOnPlaces(resource: Resource): Place[] {
  const volumes: Place[] = [];
  for (const attribute of passedOnTags(resource.type)) for (const entry of tagEntries(resource.attr(attribute))) volumes.push({ entry, path: [attribute, ...placeOf(entry)] });
  const at = singleTagAt(resource.type);
  if (at === undefined) return volumes;
  const tag = resource.values.get(...at);
  const key = tag.get('key').string();
  return key.kind === 'known' ? [...volumes, { entry: { key: key.value, value: tag.get('value') }, path: [...at, 'value'], keyPath: [...at, 'key'] }] : volumes;
}

/**
 * Every tag the resource writes itself (its own tags where the tag model reads them, `ownTagPlaces`:
 * `tags`, an awscc type's `file_system_tags`, each replica's `replicas.<i>.tags`; `tags_all` entries
 * from neither its own tags nor the provider's defaults; `passedOnPlaces`).
 */
function ownPlaces(resource: Resource, defaults: ProviderDefaults): Place[] {
  const own: Place[] = [];
  for (const { path, view } of ownTagPlaces(resource)) for (const entry of ownEntries(resource, path, view)) own.push({ entry, path: [...path, ...placeOf(entry)] });
  const ownKeys = own.length === 0 ? NO_KEYS : knownKeys(own);
  // Most resources' `tags_all` holds their own tags and the provider's defaults alone: no entry is made for those.
  const inherited = tagEntries(resource.attr('tags_all'), (key, value) => !ownKeys.has(key) && !(defaults.values.has(key) && defaults.values.get(key) === readable(value)));
  const passedOn = passedOnPlaces(resource);
  // Most resources inherit all of `tags_all` from the defaults and put no tags on others: then their own are all, not copied.
  return inherited.length === 0 && passedOn.length === 0 ? own : [...own, ...inherited.map((entry) => ({ entry, path: ['tags_all', entry.key] })), ...passedOn];
}

const NO_KEYS: ReadonlySet<string> = new Set();

/** The tag keys known at `places` (an entry whose key is known only after apply names none). */
function knownKeys(places: readonly Place[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const { entry } of places) if (entry.unknownKeyAt === undefined) keys.add(entry.key);
  return keys;
}

/** Tags of one origin, each at the place it is written, with what was found in each key and value (`detections[2 * i]`, `[2 * i + 1]`; none when undefined). */
interface Searched {
  readonly places: readonly Place[];
  readonly detections: readonly (readonly Detection[])[] | undefined;
}

/**
 * Every tag the resource carries, each at the place it is written, with what was found in its key and value: its own,
 * its provider's defaults, the environment's. Searched in parts, not joined: the defaults are searched once per provider,
 * and most resources' own tags hold nothing a detector could report (`mayFind`), which then makes no array of detections.
 */
function search(resource: Resource, graph: Graph, patterns: readonly SensitivePattern[]): readonly Searched[] {
  const provider = resource.type.startsWith('aws_') ? graph.providerOf(resource) : undefined;
  const defaults = provider ? providerDefaults(provider) : NO_DEFAULTS;
  const own = ownPlaces(resource, defaults);
  const environment = resource.type.startsWith('aws_') ? environmentDefaults(resource, graph, provider, defaults) : NO_DEFAULTS;
  const items = itemsOf(own);
  const nearKeyId = mentionsAccessKeyId(items) || defaults.mentionsKeyId || environment.mentionsKeyId;
  const options = { scope: 'all', patterns } as const;
  const parts: Searched[] = [{ places: own, detections: items.some((item) => mayFind(item.text, item.label, options)) ? detectAll(items, options, nearKeyId) : undefined }];
  if (provider) {
    const inherited = defaultsSearched(defaults, patterns, nearKeyId);
    if (!inherited.quiet) parts.push({ places: defaults.places, detections: inherited.detections });
  }
  if (environment.places.length === 0) return parts;
  // A key the resource writes itself wins over the environment's: the environment's value is never sent.
  const ownKeys = knownKeys(own);
  const fromEnvironment = environment.places.flatMap((place, i) => (ownKeys.has(place.entry.key) ? [] : [i]));
  if (fromEnvironment.length === 0) return parts;
  const environmentDetections = defaultsSearched(environment, patterns, nearKeyId).detections;
  parts.push({ places: fromEnvironment.map((i) => environment.places[i]), detections: fromEnvironment.flatMap((i) => [environmentDetections[2 * i], environmentDetections[2 * i + 1]]) });
  return parts;
}

const NONE: readonly Detection[] = [];

/** The finding of one tag, if its key (`inKey`: what was found there) or its value (`found`) holds something. */
function tagOutcome(place: Place, inKey: readonly Detection[], found: readonly Detection[], patterns: readonly SensitivePattern[]): Outcome | undefined {
  // A tag named as a credential (`DbPassword`) holds one whatever its value's shape.
  const named =
    found.length === 0 && place.entry.unknownKeyAt === undefined && place.entry.withinValueAt === undefined && namesCredential(place.entry.key)
      ? writtenCredential(readable(place.entry.value) ?? '', undefined, place.entry.key)
      : undefined;
  const inValue = named ? [named] : found;
  if (inKey.length + inValue.length === 0) return undefined;
  const key = `"${safeText(place.entry.key, patterns)}"`;
  const where =
    place.entry.unknownKeyAt !== undefined ? `The value of a ${UNKNOWN_KEY}`
    : place.entry.template ? `The literal text of a template written in tag ${key}`
    : place.entry.withinValueAt !== undefined ? `A value written in tag ${key} (in a map with a key known only after apply)`
    : inKey.length === 0 ? `Tag ${key}`
    : `Tag key ${key}${inValue.length > 0 ? ' (and its value)' : ''}`;
  const origin = place.environment
    ? `${DEFAULT_TAGS_VARIABLE_PREFIX}* of the environment, inherited by every aws resource: `
    : place.provider ? `${place.provider} default_tags, inherited by every resource of that provider: ` : '';
  const path = displayPath(inKey.length > 0 ? (place.keyPath ?? place.path) : place.path, patterns);
  return sensitiveFinding(`${origin}${where}`, [...inKey, ...inValue], { path, ...(place.provider ? { address: place.provider } : {}) });
}

export default defineRule({
  id: 'no-sensitive-data-in-tags',
  title: 'Tags hold no personal data or secrets',
  category: 'sensitive-data',
  severity: 'high',
  rationale:
    'Tags are readable by far more people and services than the data they label: Cost Explorer, billing reports, the Resource Groups tagging API, every console list. AWS advises never to put confidential or sensitive information, such as customers\' email addresses, into tags.',
  remediation:
    'Replace the value with a team name, a role or an opaque id (an owner tag names a team, not a person\'s address); move credentials to AWS Secrets Manager. Extra patterns to catch go in `sensitivePatterns` of the configuration file.',
  references: [
    awsDoc('AWS: Best practices for tagging (do not store PII or confidential data in tags)', 'https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html'),
    awsDoc('AWS IoT TwinMaker: Data protection', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/data-protection.html'),
  ],
  appliesTo: '*',
  evaluate(resource, { graph, settings }) {
    if (resource.mode !== 'managed') return notApplicable();
    const outcomes: Outcome[] = [];
    for (const { places, detections } of search(resource, graph, settings.sensitivePatterns)) {
      for (let i = 0; i < places.length; i++) {
        const outcome = tagOutcome(places[i], detections?.[2 * i] ?? NONE, detections?.[2 * i + 1] ?? NONE, settings.sensitivePatterns);
        if (outcome) outcomes.push(outcome);
      }
    }
    return outcomes.length > 0 ? outcomes : pass();
  },
});
