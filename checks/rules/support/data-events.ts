/**
 * Which buckets' object-level events (CloudTrail data events on `AWS::S3::Object`) the trails of an
 * input record, reads and writes apart: Security Hub S3.22 (writes) and S3.23 (reads).
 *
 * - Basic selectors: a `data_resource` (`data_resources` on awscc) of type `AWS::S3::Object` records
 *   the objects whose ARN starts with one of its `values`, of the kinds `read_write_type` names
 *   (default `All`). `arn:aws:s3:::bucket/` is the whole bucket; `arn:aws:s3` (or `arn:aws:s3:::`)
 *   every bucket, whatever its name (one known only after apply too); `arn:aws:s3:::bucket/prefix/`
 *   only part of one, which is not enough.
 * - Advanced selectors: `eventCategory` equals `Data` and `resources.type` equals `AWS::S3::Object`;
 *   `resources.ARN` absent is every object, `starts_with` as above; `equals`, `ends_with` or an
 *   exclusion that reaches into the bucket record only part of it; `readOnly` keeps reads (`true`)
 *   or writes (`false`); any other field (`eventName`, `userIdentity.arn`,
 *   `sessionCredentialFromConsole`…) records only some calls or some callers' calls; a field given
 *   twice records what both allow, which is not read (none counted).
 * - A value known only after apply counts for the bucket its configuration references (the usual
 *   `"${aws_s3_bucket.b.arn}/"`); what the gate cannot read may cover any bucket, so it leaves an
 *   uncovered bucket undecided, never covered.
 * - AWS refuses a basic selector's value that is none of `arn:aws:s3`, `arn:aws:s3:::` and
 *   `arn:aws:s3:::bucket/…` (`arn:aws:s3:::bucket` without the slash, a bucket's bare ARN): the apply
 *   fails and the trail keeps no data selector at all, so it records no bucket's objects. A name
 *   prefix (`arn:aws:s3:::tw`) is an advanced selector's `starts_with` only.
 * - A trail records the calls of its own account's principals only, an organization trail those of
 *   every member account: a trail known to be in another account than the bucket (`accounts.ts`)
 *   does not record it; where either account is not known, it may.
 * - A trail whose logging is off records nothing. A single-Region trail records the buckets of its
 *   own Region only (a plan of the AWS provider 6 names every resource's Region): where the gate
 *   cannot tell that the bucket is in the trail's Region, the trail may or may not record it.
 *
 * Indexed once per graph and input (a bucket asks for its own entries), since an estate can hold
 * thousands of trails and buckets.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { BUCKET_NAMES } from '../../model/graph/identity';
import { afterLeadingToken, OPAQUE, tokenTarget } from '../../model/symbolic';
import { normalizePartition } from './policy';
import { accountOf } from './accounts';
import { sameRegion } from './regions';
import { BUCKET_TYPES, bucketName, TRAIL_TYPES } from './s3';
import { type EventKinds, fieldsByName, OPERATORS, operatorValues, readOnlyKinds, readWriteKinds, SELECTOR_NAMES } from './trail-events';
import { configured, setting } from './verdict';

/** Whether a kind of event is recorded for a bucket. */
export type Recorded = 'yes' | 'no' | 'unknown';

export interface ObjectEvents {
  /** Managed trails in the bucket's input. */
  readonly trails: number;
  readonly read: Recorded;
  readonly write: Recorded;
  /** Trails not known to be multi-Region that select the bucket, whose Region is not known to be the bucket's. */
  readonly regionsUnknown: readonly Resource[];
  /** Values of basic selectors that AWS refuses (`"arn:aws:s3:::twin" (aws_cloudtrail.t)`): their trails record no data events. */
  readonly refused: readonly string[];
  /** Trails known to be in another account than the bucket, by account, where they select it. */
  readonly otherAccounts: readonly { readonly account: string; readonly trails: readonly Resource[] }[];
}

const ALL: EventKinds = { read: true, write: true };

/** What the trails of one input record. */
interface InputIndex {
  /** Managed trails, logging or not. */
  trails: number;
  /** Whole buckets by name (`arn:aws:s3:::name/`). */
  readonly byName: Map<string, EventKinds[]>;
  /** Buckets a value known only after apply references. */
  readonly byBucket: Map<Resource, EventKinds[]>;
  /**
   * Entries that may cover many buckets, tested on a bucket's object ARN prefix (`arn:aws:s3:::name/`);
   * `every` when they cover every bucket, whatever its name.
   */
  readonly wide: { readonly covers: (objects: string) => boolean; readonly every: boolean; readonly kinds: EventKinds }[];
  /** What the gate cannot read: any bucket may be covered. */
  readonly unknown: EventKinds[];
  /**
   * What each trail not known to be multi-Region records, for the buckets of its Region (`single`:
   * known not to be) and of its account where it is known to be in one (not an organization trail).
   */
  readonly regional: { readonly trail: Resource; readonly single: boolean; readonly account: string | undefined; readonly index: InputIndex }[];
  /** What the multi-Region trails known to be in one account (not organization trails) record, for that account's buckets. */
  readonly byAccount: Map<string, { readonly trails: Resource[]; readonly index: InputIndex }>;
  /** Basic selector values AWS refuses, each with its trail. */
  readonly refused: string[];
}

const emptyIndex = (): InputIndex => ({ trails: 0, byName: new Map(), byBucket: new Map(), wide: [], unknown: [], regional: [], byAccount: new Map(), refused: [] });

const INDEX = new WeakMap<Graph, Map<string, InputIndex>>();

const S3_OBJECTS = 'AWS::S3::Object';
const ARN_PREFIX = 'arn:aws:s3:::';

/** The object-level events the trails of `bucket`'s input record for it. */
export function objectEventsOf(graph: Graph, bucket: Resource): ObjectEvents {
  const index = indexOf(graph).get(bucket.input);
  if (index === undefined) return { trails: 0, read: 'no', write: 'no', regionsUnknown: [], refused: [], otherAccounts: [] };
  const name = bucketName(bucket);
  const { covering, undecided } = entriesFor(index, bucket, name);
  const refused = [...index.refused];
  const regionsUnknown: Resource[] = [];
  const otherAccounts: { account: string; trails: Resource[] }[] = [];
  const bucketAccount = index.byAccount.size > 0 || index.regional.some((r) => r.account !== undefined) ? accountOf(graph, bucket) : undefined;
  // A trail that is not an organization trail records the calls of its own account's principals
  // only: not those of the bucket's account when the bucket is known to be in another.
  const elsewhere = (account: string | undefined, trails: Resource[], entries: { covering: EventKinds[] }): boolean => {
    if (account === undefined || bucketAccount === undefined || account === bucketAccount) return false;
    if (entries.covering.length > 0) otherAccounts.push({ account, trails });
    return true;
  };
  for (const [account, { trails, index: own }] of index.byAccount) {
    const entries = entriesFor(own, bucket, name);
    if (elsewhere(account, trails, entries)) continue;
    refused.push(...own.refused);
    covering.push(...entries.covering);
    undecided.push(...entries.undecided);
  }
  // A trail not known to be multi-Region records the bucket only when it is in the bucket's Region:
  // not at all when it is single-Region and known to be elsewhere, maybe when either is not known.
  for (const regional of index.regional) {
    const entries = entriesFor(regional.index, bucket, name);
    if (elsewhere(regional.account, [regional.trail], entries)) continue;
    const region = sameRegion(graph, regional.trail, bucket);
    if (region === 'no' && regional.single) continue;
    refused.push(...regional.index.refused);
    (region === 'yes' ? covering : undecided).push(...entries.covering);
    if (region === 'unknown' && entries.covering.length > 0) regionsUnknown.push(regional.trail);
    undecided.push(...entries.undecided);
  }
  const recorded = (kind: keyof EventKinds): Recorded => (covering.some((k) => k[kind]) ? 'yes' : undecided.some((k) => k[kind]) ? 'unknown' : 'no');
  return { trails: index.trails, read: recorded('read'), write: recorded('write'), regionsUnknown, refused, otherAccounts };
}

/** The entries of an index that record `bucket`'s objects, and those that may. */
function entriesFor(index: InputIndex, bucket: Resource, name: string | undefined): { covering: EventKinds[]; undecided: EventKinds[] } {
  const objects = name === undefined ? undefined : `${ARN_PREFIX}${name}/`;
  const covering = [
    ...(name === undefined ? [] : (index.byName.get(name) ?? [])),
    ...(index.byBucket.get(bucket) ?? []),
    ...(objects === undefined ? [] : index.wide.filter((w) => w.covers(objects)).map((w) => w.kinds)),
  ];
  // A bucket whose name is known only after apply is recorded by an entry that records every bucket, and may be by the others.
  if (objects === undefined) for (const w of index.wide) if (w.every) covering.push(w.kinds);
  const undecided = [...index.unknown, ...(objects === undefined ? index.wide.filter((w) => !w.every).map((w) => w.kinds) : [])];
  return { covering, undecided };
}

function indexOf(graph: Graph): Map<string, InputIndex> {
  let byInput = INDEX.get(graph);
  if (byInput) return byInput;
  byInput = new Map();
  for (const trail of TRAIL_TYPES.flatMap((type) => graph.ofType(type))) {
    if (trail.mode !== 'managed') continue;
    let index = byInput.get(trail.input);
    if (index === undefined) {
      index = emptyIndex();
      byInput.set(trail.input, index);
    }
    index.trails += 1;
    const multiRegion = setting(trail, 'is_multi_region_trail').bool();
    const organization = setting(trail, 'is_organization_trail').bool();
    // An organization trail records every member account; another, its own account's only.
    const account = organization.kind === 'absent' || (organization.kind === 'known' && !organization.value) ? accountOf(graph, trail) : undefined;
    if (multiRegion.kind === 'known' && multiRegion.value) {
      if (account === undefined) readTrail(graph, trail, index);
      else {
        let group = index.byAccount.get(account);
        if (group === undefined) {
          group = { trails: [], index: emptyIndex() };
          index.byAccount.set(account, group);
        }
        group.trails.push(trail);
        readTrail(graph, trail, group.index);
      }
    } else {
      const regional = emptyIndex();
      readTrail(graph, trail, regional);
      index.regional.push({ trail, single: multiRegion.kind !== 'unknown', account, index: regional });
    }
  }
  INDEX.set(graph, byInput);
  return byInput;
}

function readTrail(graph: Graph, trail: Resource, index: InputIndex): void {
  const names = SELECTOR_NAMES[trail.type];
  const logging = setting(trail, names.logging).bool();
  // Off records nothing; awscc's `is_logging` is required, so unset is off too.
  if ((logging.kind === 'known' && !logging.value) || (logging.kind === 'absent' && trail.type !== 'aws_cloudtrail')) return;
  // Known only after apply: whatever the trail selects may or may not be recorded.
  if (logging.kind === 'unknown') return void index.unknown.push(ALL);
  const basic = configured(trail, trail.values.get(names.basic)).blocks();
  if (basic.kind === 'unknown') index.unknown.push(ALL);
  else if (basic.kind === 'known') {
    // PutEventSelectors takes a trail's selectors whole or not at all: one value it refuses and none is recorded.
    const selected = emptyIndex();
    for (const selector of basic.value) readBasic(graph, trail, selector, names.dataResources, selected);
    if (selected.refused.length > 0) index.refused.push(...selected.refused);
    else merge(selected, index);
  }
  const advanced = configured(trail, trail.values.get(names.advanced)).blocks();
  if (advanced.kind === 'unknown') index.unknown.push(ALL);
  else if (advanced.kind === 'known') for (const selector of advanced.value) readAdvanced(graph, trail, selector, names.fields, index);
}

/** The entries of `from` (a trail's basic selectors) into `into`. */
function merge(from: InputIndex, into: InputIndex): void {
  for (const [name, kinds] of from.byName) for (const k of kinds) push(into.byName, name, k);
  for (const [bucket, kinds] of from.byBucket) for (const k of kinds) push(into.byBucket, bucket, k);
  into.wide.push(...from.wide);
  into.unknown.push(...from.unknown);
}

function push<K>(map: Map<K, EventKinds[]>, key: K, kinds: EventKinds): void {
  const list = map.get(key);
  if (list) list.push(kinds);
  else map.set(key, [kinds]);
}

/** A basic selector's S3 object data resources. */
function readBasic(graph: Graph, trail: Resource, selector: ValueView, dataResourcesName: string, index: InputIndex): void {
  const readWrite = selector.get('read_write_type').string();
  if (readWrite.kind === 'unknown') return void index.unknown.push(ALL);
  const kinds = readWriteKinds(readWrite.kind === 'known' ? readWrite.value : undefined);
  const resources = selector.get(dataResourcesName).blocks();
  if (resources.kind === 'unknown') return void index.unknown.push(kinds);
  if (resources.kind !== 'known') return;
  for (const resource of resources.value) {
    const resourceType = resource.get('type').string();
    if (resourceType.kind === 'unknown') {
      index.unknown.push(kinds);
      continue;
    }
    if (resourceType.kind !== 'known' || resourceType.value !== S3_OBJECTS) continue;
    const values = resource.get('values');
    const items = values.list();
    // A list of known length: each value apart (`["${aws_s3_bucket.b.arn}/", "arn:aws:s3:::logs/"]`).
    for (const value of items.kind === 'known' ? items.value : [values]) {
      const known = value.string();
      if (known.kind === 'known') addBasicValue(trail, index, known.value, kinds);
      else if (known.kind === 'unknown' || value === values) addReferenced(graph, trail, value, kinds, index, true);
    }
  }
}

/**
 * A value known only after apply: the bucket its configuration references. Read with its code, the
 * text after the bucket's ARN (`"${aws_s3_bucket.b.arn}/"`, `"arn:aws:s3:::${aws_s3_bucket.b.id}/"`)
 * says how much: `/` the whole bucket, a prefix inside it (`/scenes/`) part of it only, anything else
 * (`-old/`) other buckets.
 */
function addReferenced(graph: Graph, trail: Resource, value: ValueView, kinds: EventKinds, index: InputIndex, basic: boolean): void {
  const code = graph.codeString(trail, value.path);
  const arn = code.kind === 'known' ? bucketArnIn(code.value) : undefined;
  const after = arn?.after;
  // Another attribute of a bucket where its ARN or name belongs (`"${aws_s3_bucket.b.id}/"`, its name where the
  // ARN belongs): that bucket's objects are not recorded, and a basic selector's value not an ARN is one AWS refuses.
  const reference = arn?.bucket;
  const bucket = reference === undefined ? undefined : graph.byAddress(trail.input, reference.address);
  if (reference !== undefined && bucket !== undefined && BUCKET_NAMES[bucket.type] !== undefined && !namesArn(bucket, reference)) {
    if (basic && !reference.spelled) index.refused.push(`a bucket's ${reference.attribute} where its ARN belongs (${trail.address})`);
    return;
  }
  // A bucket's bare ARN: a basic selector's value AWS refuses (an advanced `starts_with` takes it).
  if (basic && after === '' && code.kind === 'known' && code.value !== OPAQUE) return void index.refused.push(`a bucket's ARN with no "/" after it (${trail.address})`);
  if (after !== undefined && after !== '' && after !== '/') return;
  const resolution = graph.resolve(trail, value.path, BUCKET_TYPES);
  // One value of a list that names several buckets (`["${aws_s3_bucket.a.arn}/", "${aws_s3_bucket.b.arn}/"]`):
  // the references are the whole list's, so its own code says which bucket it is.
  const own = resolution.status === 'ambiguous' ? resolution.candidates.find((c) => arn?.bucket !== undefined && namesArn(c, arn.bucket)) : undefined;
  if (own !== undefined) push(index.byBucket, own, kinds);
  else if (resolution.status === 'resources') for (const target of resolution.targets) push(index.byBucket, target, kinds);
  else if (resolution.status !== 'absent') index.unknown.push(kinds);
}

/** A reference in a bucket's ARN as the code writes it (`bucketArnIn`): the bucket it names, and how. */
interface ArnReference {
  readonly address: string;
  readonly attribute: string;
  /** After `arn:<partition>:s3:::` (the bucket's name), or leading (the bucket's ARN). */
  readonly spelled: boolean;
}

/** Whether `bucket` is the bucket `reference` spells the ARN of: its `arn` leading, or its name after `arn:aws:s3:::`. */
const namesArn = (bucket: Resource, reference: ArnReference): boolean =>
  reference.address === bucket.address && (reference.spelled ? (BUCKET_NAMES[bucket.type] ?? []).includes(reference.attribute) : reference.attribute === 'arn');

/**
 * A bucket's ARN in a value read with its code: a leading reference (the bucket's `arn`), or
 * `arn:<partition>:s3:::` and a reference (its `id` or name); the text after it, and the resource
 * attribute the reference reads where it is one (not what the gate cannot read). Undefined when the
 * code is written otherwise.
 */
function bucketArnIn(code: string): { readonly after: string; readonly bucket: ArnReference | undefined } | undefined {
  const reference = (text: string, spelled: boolean): { after: string; bucket: ArnReference | undefined } | undefined => {
    const after = afterLeadingToken(text);
    if (after === undefined) return undefined;
    const target = tokenTarget(text.slice(0, text.length - after.length));
    return { after, bucket: target === undefined ? undefined : { ...target, spelled } };
  };
  const leading = reference(code, false);
  if (leading !== undefined) return leading;
  const arn = normalizePartition(code);
  return arn.startsWith(ARN_PREFIX) ? reference(arn.slice(ARN_PREFIX.length), true) : undefined;
}

/** A basic selector's value: an ARN prefix as AWS takes it (`arn:aws:s3`, `arn:aws:s3:::`, `arn:aws:s3:::bucket/…`), or one it refuses. */
function addBasicValue(trail: Resource, index: InputIndex, value: string, kinds: EventKinds): void {
  const prefix = normalizePartition(value);
  if (prefix === 'arn:aws:s3' || prefix === ARN_PREFIX || /^arn:aws:s3:::[^/]+\//.test(prefix)) addPrefix(index, value, kinds);
  else index.refused.push(`${JSON.stringify(value)} (${trail.address})`);
}

/** An ARN prefix a selector records objects under. */
function addPrefix(index: InputIndex, value: string, kinds: EventKinds): void {
  const prefix = normalizePartition(value);
  const bucket = /^arn:aws:s3:::([^/]+)\/$/.exec(prefix);
  if (bucket) push(index.byName, bucket[1], kinds);
  // `arn:aws:s3`, `arn:aws:s3:::` or `arn:aws:s3:::tw`: every bucket whose objects' ARNs start so.
  else if (ARN_PREFIX.startsWith(prefix)) index.wide.push({ covers: () => true, every: true, kinds });
  else if (prefix.startsWith(ARN_PREFIX) && !prefix.includes('/')) index.wide.push({ covers: (objects) => objects.startsWith(prefix), every: false, kinds });
  // `arn:aws:s3:::bucket/prefix/`: part of a bucket only.
}

/** The fields that leave every event of the objects they select recorded; any other field narrows. */
const WHOLE_FIELDS = new Set(['eventCategory', 'resources.type', 'resources.ARN', 'readOnly']);

/** An advanced selector on S3 object data events. */
function readAdvanced(graph: Graph, trail: Resource, selector: ValueView, fieldsName: string, index: InputIndex): void {
  const fields = selector.get(fieldsName).blocks();
  if (fields.kind === 'unknown') return void index.unknown.push(ALL);
  if (fields.kind !== 'known') return;
  const byName = fieldsByName(fields.value);
  if (byName === 'unknown') return void index.unknown.push(ALL);
  const operators = (field: string) => operatorValues(byName.get(field)?.[0]);
  const category = operators('eventCategory');
  const type = operators('resources.type');
  const readOnly = operators('readOnly');
  const arn = operators('resources.ARN');
  if (category === 'unknown' || type === 'unknown' || readOnly === 'unknown') return void index.unknown.push(ALL);
  if (!category.equals?.includes('Data') || !type.equals?.includes(S3_OBJECTS)) return;
  // Any other field (eventName, eventSource, eventType, userIdentity.arn, sessionCredentialFromConsole, or one
  // AWS adds later) keeps only some of the events of the objects it selects: some calls, or some callers' only.
  if ([...byName.keys()].some((name) => !WHOLE_FIELDS.has(name))) return;
  // CloudTrail applies every field selector of a selector (AND): a field given twice records what both allow, not
  // read here (the last one alone may allow more).
  if ([...byName.values()].some((views) => views.length > 1)) return;
  const kinds = readOnlyKinds(readOnly.equals);
  if (arn === 'unknown') return readReferencedStarts(graph, trail, byName.get('resources.ARN')?.[0] as ValueView, kinds, index);
  if (arn.equals || arn.ends_with || arn.not_ends_with) return;
  const excluded = [...(arn.not_starts_with ?? []), ...(arn.not_equals ?? [])].map(normalizePartition);
  const starts = arn.starts_with?.map(normalizePartition);
  if (excluded.length === 0 && starts) {
    for (const value of starts) addPrefix(index, value, kinds);
    return;
  }
  // Every object (no resources.ARN), or prefixes with exclusions: tested bucket by bucket.
  const reaches = (objects: string) => (p: string) => objects.startsWith(p) || p.startsWith(objects);
  index.wide.push({
    covers: (objects) => (starts === undefined || starts.some((p) => objects.startsWith(p))) && !excluded.some(reaches(objects)),
    every: starts === undefined && excluded.length === 0,
    kinds,
  });
}

/**
 * A `resources.ARN` field with values known only after apply: only `starts_with` (the usual
 * `"${aws_s3_bucket.b.arn}/"`, each value the bucket its configuration references); any other
 * operator may narrow what is recorded in ways not known, so any bucket may or may not be covered.
 */
function readReferencedStarts(graph: Graph, trail: Resource, field: ValueView, kinds: EventKinds, index: InputIndex): void {
  const starts = field.get('starts_with').list();
  const others = OPERATORS.filter((operator) => {
    const values = field.get(operator).list();
    return operator !== 'starts_with' && (values.kind === 'unknown' || (values.kind === 'known' && values.value.length > 0));
  });
  if (starts.kind !== 'known' || others.length > 0) return void index.unknown.push(kinds);
  for (const value of starts.value) {
    const known = value.string();
    if (known.kind === 'known') addPrefix(index, known.value, kinds);
    else addReferenced(graph, trail, value, kinds, index, false);
  }
}
