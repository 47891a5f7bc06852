/**
 * Which management events a CloudTrail trail records, from its event selectors, for Security Hub
 * CloudTrail.1 ("a multi-Region trail that includes read and write management events"). The AWS
 * Config rule behind it (`multi-region-cloudtrail-enabled`) is NON_COMPLIANT when the trail records
 * only read or only write management events, or excludes a management event source (KMS, RDS Data
 * API).
 *
 * - No selectors: CloudTrail records every management event, read and write.
 * - Basic selectors (`event_selector`): a selector records management events unless
 *   `include_management_events = false`, of the kinds `read_write_type` names (default `All`);
 *   `exclude_management_event_sources` drops sources.
 * - Advanced selectors (`advanced_event_selector`): a selector records management events when its
 *   `eventCategory` field equals `Management` (the only operator CloudTrail accepts there); a
 *   `readOnly` field keeps reads (`true`) or writes (`false`); an `eventSource` field limits the sources.
 *
 * A trail logs an event that matches any of its selectors (PutEventSelectors), so a source one
 * selector leaves out is recorded when another selector records every source of those kinds.
 * A trail cannot carry both kinds; the selectors of either are read the same way on aws and awscc
 * trails, which only name the attributes differently.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { configured, setting } from './verdict';
import { failed, type Problem, undecided } from './findings';
import { accountOf } from './accounts';
import { TRAIL_TYPES } from './s3';

/** How each trail type names its selectors and their fields. */
export interface SelectorNames {
  readonly basic: string;
  readonly advanced: string;
  readonly fields: string;
  /** A basic selector's data resources. */
  readonly dataResources: string;
  /** Whether the trail is logging. */
  readonly logging: string;
}

export const SELECTOR_NAMES: Readonly<Record<string, SelectorNames>> = {
  aws_cloudtrail: { basic: 'event_selector', advanced: 'advanced_event_selector', fields: 'field_selector', dataResources: 'data_resource', logging: 'enable_logging' },
  awscc_cloudtrail_trail: { basic: 'event_selectors', advanced: 'advanced_event_selectors', fields: 'field_selectors', dataResources: 'data_resources', logging: 'is_logging' },
};

/** Which kinds of event a selector records. */
export interface EventKinds {
  readonly read: boolean;
  readonly write: boolean;
}

/** A basic selector's `read_write_type` (unset: `All`). */
export const readWriteKinds = (type: string | undefined): EventKinds => {
  const kind = type ?? 'All';
  return { read: kind === 'All' || kind === 'ReadOnly', write: kind === 'All' || kind === 'WriteOnly' };
};

/** An advanced selector's `readOnly` field (its `equals` values): `true` keeps reads, `false` writes, none both. */
export const readOnlyKinds = (equals: readonly string[] | undefined): EventKinds => {
  const only = equals?.length === 1 ? equals[0] : undefined;
  return { read: only !== 'false', write: only !== 'true' };
};

/** An advanced selector's field selectors by field name (`eventCategory`…), or 'unknown' when a name is known only after apply. */
export function fieldsByName(fields: readonly ValueView[]): Map<string, ValueView> | 'unknown' {
  const byName = new Map<string, ValueView>();
  for (const field of fields) {
    const name = field.get('field').string();
    if (name.kind === 'unknown') return 'unknown';
    if (name.kind === 'known') byName.set(name.value, field);
  }
  return byName;
}

/**
 * What the selectors read so far say: kinds recorded (by some selector, of every source in `full`),
 * the selectors that leave sources out with the kinds they record, values not known at plan time.
 */
interface Recorded {
  read: boolean;
  write: boolean;
  readonly full: { read: boolean; write: boolean };
  readonly limited: { readonly what: string; readonly kinds: EventKinds }[];
  readonly undecided: Problem[];
}

/** Records `kinds` from a selector, which leaves sources out when `limited` says how. */
function record(into: Recorded, kinds: EventKinds, limited?: string): void {
  into.read ||= kinds.read;
  into.write ||= kinds.write;
  if (limited !== undefined) into.limited.push({ what: limited, kinds });
  else {
    into.full.read ||= kinds.read;
    into.full.write ||= kinds.write;
  }
}

const FIX =
  'Record every management event: in an `event_selector`, `read_write_type = "All"` (the default) with `include_management_events = true` and no `exclude_management_event_sources`; or an `advanced_event_selector` whose `eventCategory` equals "Management" with no `readOnly` or `eventSource` field selector.';

/** The problems with the management events `trail` records (none when it records them all). */
export function managementEventProblems(trail: Resource): Problem[] {
  const names = SELECTOR_NAMES[trail.type];
  if (names === undefined) return [];
  const kinds = [
    { name: names.basic, read: readBasic },
    { name: names.advanced, read: (selector: ValueView, into: Recorded) => readAdvanced(selector, names.fields, into) },
  ];
  const recorded: Recorded = { read: false, write: false, full: { read: false, write: false }, limited: [], undecided: [] };
  let written: ValueView | undefined;
  for (const { name, read } of kinds) {
    const view = configured(trail, trail.values.get(name));
    const selectors = view.blocks();
    if (selectors.kind === 'unknown') return [undecided(`The trail's ${name} is known only after apply, so the gate cannot vouch that it records read and write management events. ${FIX}`, view)];
    if (selectors.kind === 'absent' || selectors.value.length === 0) continue;
    written = view;
    for (const selector of selectors.value) read(selector, recorded);
  }
  if (written === undefined) return [];
  // A trail logs an event that matches any of its selectors (PutEventSelectors): a source one
  // selector leaves out is recorded still when another records every source of those kinds.
  const left = recorded.limited.filter(({ kinds }) => (kinds.read && !recorded.full.read) || (kinds.write && !recorded.full.write)).map(({ what }) => what);
  // A selector known only after apply may record what the others leave out.
  if (recorded.undecided.length > 0) return recorded.full.read && recorded.full.write ? [] : recorded.undecided;
  const problems: Problem[] = left.length > 0 ? [failed(`The trail's event selectors leave management events out (${left.join('; ')}), and no other selector records them: calls to those services go unrecorded. ${FIX}`, written)] : [];
  const missing = [...(recorded.read ? [] : ['read']), ...(recorded.write ? [] : ['write'])];
  if (missing.length === 2) problems.push(failed(`The trail's event selectors record no management events: API calls that change or read the account go unrecorded. ${FIX}`, written));
  else if (missing.length === 1) problems.push(failed(`The trail's event selectors record no ${missing[0]} management events (only ${missing[0] === 'read' ? 'write' : 'read'}). ${FIX}`, written));
  return problems;
}

function readBasic(selector: ValueView, into: Recorded): void {
  const include = selector.get('include_management_events').bool();
  const kind = selector.get('read_write_type').string();
  const excluded = selector.get('exclude_management_event_sources').stringList();
  if (include.kind === 'unknown' || kind.kind === 'unknown' || excluded.kind === 'unknown') {
    into.undecided.push(undecided(`An event selector of the trail is known only after apply, so the gate cannot vouch that it records read and write management events. ${FIX}`, selector));
    return;
  }
  if (include.kind === 'known' && !include.value) return;
  const kinds = readWriteKinds(kind.kind === 'known' ? kind.value : undefined);
  record(into, kinds, excluded.kind === 'known' && excluded.value.length > 0 ? `exclude_management_event_sources ${excluded.value.map((s) => `"${s}"`).join(', ')}` : undefined);
}

function readAdvanced(selector: ValueView, fieldsName: string, into: Recorded): void {
  const fields = selector.get(fieldsName).blocks();
  if (fields.kind !== 'known') {
    if (fields.kind === 'unknown') into.undecided.push(undecided(`An advanced event selector of the trail is known only after apply, so the gate cannot vouch that it records read and write management events. ${FIX}`, selector));
    return;
  }
  const byName = fieldsByName(fields.value);
  if (byName === 'unknown') {
    into.undecided.push(undecided(`A field selector of the trail is known only after apply, so the gate cannot vouch that it records read and write management events. ${FIX}`, selector));
    return;
  }
  const category = byName.get('eventCategory')?.get('equals').stringList();
  if (category?.kind === 'unknown') {
    into.undecided.push(undecided(`The eventCategory of an advanced event selector is known only after apply, so the gate cannot vouch that the trail records management events. ${FIX}`, selector));
    return;
  }
  if (category?.kind !== 'known' || !category.value.includes('Management')) return;
  const readOnly = byName.get('readOnly')?.get('equals').stringList();
  if (readOnly?.kind === 'unknown') {
    into.undecided.push(undecided(`The readOnly field of an advanced event selector is known only after apply, so the gate cannot vouch that the trail records read and write management events. ${FIX}`, selector));
    return;
  }
  const kinds = readOnlyKinds(readOnly?.kind === 'known' ? readOnly.value : undefined);
  record(into, kinds, byName.has('eventSource') ? 'an eventSource field selector on the management events' : undefined);
}

/** Per input: whether a trail that records every management event may be in any account, and the accounts known to have one. */
interface Recording {
  anyAccount: boolean;
  readonly accounts: Set<string>;
}

const RECORDING = new WeakMap<Graph, Map<string, Recording>>();

/**
 * Whether some managed trail of `trail`'s input, in its account, is known to be logging,
 * multi-Region, with global service events, and to record every management event: CloudTrail.1 asks
 * for one such trail in an account, so a trail kept for data events beside it need not record
 * management events twice. An organization trail, or one whose account is not known, counts for any
 * account (as does every such trail for a trail whose account is not known). Read once per graph.
 */
export function accountRecordsManagementEvents(graph: Graph, trail: Resource): boolean {
  let byInput = RECORDING.get(graph);
  if (byInput === undefined) {
    byInput = new Map();
    for (const other of TRAIL_TYPES.flatMap((type) => graph.ofType(type))) {
      if (other.mode !== 'managed' || !recordsManagementEvents(other)) continue;
      let recording = byInput.get(other.input);
      if (recording === undefined) {
        recording = { anyAccount: false, accounts: new Set() };
        byInput.set(other.input, recording);
      }
      const organization = setting(other, 'is_organization_trail').bool();
      const account = organization.kind === 'known' && organization.value ? undefined : accountOf(graph, other);
      if (account === undefined) recording.anyAccount = true;
      else recording.accounts.add(account);
    }
    RECORDING.set(graph, byInput);
  }
  const recording = byInput.get(trail.input);
  if (recording === undefined) return false;
  const account = accountOf(graph, trail);
  return recording.anyAccount || (account === undefined ? recording.accounts.size > 0 : recording.accounts.has(account));
}

function recordsManagementEvents(trail: Resource): boolean {
  const names = SELECTOR_NAMES[trail.type];
  if (names === undefined) return false;
  const isTrue = (view: ValueView, unset: boolean) => {
    const value = view.bool();
    return value.kind === 'known' ? value.value : value.kind === 'absent' && unset;
  };
  return (
    isTrue(setting(trail, names.logging), trail.type === 'aws_cloudtrail') &&
    isTrue(setting(trail, 'is_multi_region_trail'), false) &&
    isTrue(setting(trail, 'include_global_service_events'), true) &&
    managementEventProblems(trail).length === 0
  );
}
