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
 *   `readOnly` field keeps reads (`true`) or writes (`false`); an `eventSource` field keeps the
 *   sources its operators match; any other field (`eventName`…) keeps some events of a source only.
 *   Field selectors, and the operators of one, all apply (AND); `equals`, `starts_with` and
 *   `ends_with` match one of their values, their `not_` forms none.
 *
 * A trail logs an event that matches any of its selectors (PutEventSelectors), so the sources a
 * kind of event is recorded from are the union of those its selectors of that kind record: one
 * with `eventSource` equal to KMS beside one not equal to KMS records every source.
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

/** Operators of an advanced field selector. */
export const OPERATORS = ['equals', 'starts_with', 'ends_with', 'not_equals', 'not_starts_with', 'not_ends_with'] as const;
export type Operator = (typeof OPERATORS)[number];

/** A field selector's operators with values (none: `{}`), or 'unknown' when a list is known only after apply. */
export function operatorValues(field: ValueView | undefined): Partial<Record<Operator, string[]>> | 'unknown' {
  const out: Partial<Record<Operator, string[]>> = {};
  if (field === undefined) return out;
  for (const operator of OPERATORS) {
    const values = field.get(operator).stringList();
    if (values.kind === 'unknown') return 'unknown';
    if (values.kind === 'known' && values.value.length > 0) out[operator] = values.value;
  }
  return out;
}

/** An advanced selector's field selectors by field name (`eventCategory`…), each name's in order, or 'unknown' when a name is known only after apply. */
export function fieldsByName(fields: readonly ValueView[]): Map<string, ValueView[]> | 'unknown' {
  const byName = new Map<string, ValueView[]>();
  for (const field of fields) {
    const name = field.get('field').string();
    if (name.kind === 'unknown') return 'unknown';
    if (name.kind === 'known') byName.set(name.value, [...(byName.get(name.value) ?? []), field]);
  }
  return byName;
}

/**
 * The conditions field selectors put on one field of an event: each operator with values, all to be
 * met (AND); a value meets `equals`, `starts_with` or `ends_with` when it matches one of the
 * operator's values (OR), and a `not_` operator when it matches none of them.
 */
export type Conditions = readonly { readonly operator: Operator; readonly values: readonly string[] }[];

const MATCHES: Readonly<Record<Operator, (value: string, operand: string) => boolean>> = {
  equals: (value, operand) => value === operand,
  starts_with: (value, operand) => value.startsWith(operand),
  ends_with: (value, operand) => value.endsWith(operand),
  not_equals: (value, operand) => value === operand,
  not_starts_with: (value, operand) => value.startsWith(operand),
  not_ends_with: (value, operand) => value.endsWith(operand),
};

const meets = (value: string, conditions: Conditions): boolean =>
  conditions.every(({ operator, values }) => values.some((operand) => MATCHES[operator](value, operand)) !== operator.startsWith('not_'));

/** Candidate values checked past this many give up proving that selectors record every source. */
export const MAX_SOURCE_CANDIDATES = 4096;

/**
 * Whether the union of what `selectors` record (each the sources that meet its conditions; none:
 * every source) is provably every event source, any string. Whether a value is recorded depends only
 * on which operands it equals, starts and ends with. With `x` a character no operand holds, a value
 * that equals no operand starts with the same operands as `px` and ends with the same as `xs`, `p` its
 * longest operand prefix and `s` its longest operand suffix (either may be none): `pxs` is recorded
 * exactly when it is. So it is enough to check each `equals` operand and each `pxs`.
 * `work` counts the values checked; past `MAX_SOURCE_CANDIDATES` the answer is no (not proven).
 */
export function recordsEverySource(selectors: readonly Conditions[], work = { candidates: 0 }): boolean {
  if (selectors.some((conditions) => conditions.length === 0)) return true;
  if (selectors.length === 0) return false;
  const operands = (kind: 'equals' | 'starts_with' | 'ends_with') => [
    ...new Set(selectors.flatMap((conditions) => conditions.filter(({ operator }) => operator.endsWith(kind)).flatMap(({ values }) => values))),
  ];
  const [equal, prefixes, suffixes] = [operands('equals'), operands('starts_with'), operands('ends_with')];
  if (equal.length + (prefixes.length + 1) * (suffixes.length + 1) > MAX_SOURCE_CANDIDATES) return false;
  let code = 1;
  while ([...equal, ...prefixes, ...suffixes].some((operand) => operand.includes(String.fromCodePoint(code)))) code += 1;
  const x = String.fromCodePoint(code);
  const recorded = (value: string): boolean => {
    work.candidates += 1;
    return selectors.some((conditions) => meets(value, conditions));
  };
  return equal.every(recorded) && ['', ...prefixes].every((p) => ['', ...suffixes].every((s) => recorded(p + x + s)));
}

/** What one selector records of the management events: the kinds, and the sources (conditions on `eventSource`) or 'some' where another field narrows them in ways not read. */
interface Selected {
  readonly kinds: EventKinds;
  readonly sources: Conditions | 'some';
  /** How the selector narrows the sources, for a message; undefined when it records every one. */
  readonly narrowed?: string;
}

/** What the selectors read so far say: what each records, and values not known at plan time. */
interface Recorded {
  readonly selected: Selected[];
  readonly undecided: Problem[];
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
  const recorded: Recorded = { selected: [], undecided: [] };
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
  // A trail logs an event that matches any of its selectors (PutEventSelectors): the sources of a
  // kind recorded are the union of those each selector of that kind records.
  const covered = (kind: keyof EventKinds): boolean =>
    recordsEverySource(recorded.selected.flatMap(({ kinds, sources }) => (kinds[kind] && sources !== 'some' ? [sources] : [])));
  const full = { read: covered('read'), write: covered('write') };
  // A selector known only after apply may record what the others leave out.
  if (recorded.undecided.length > 0) return full.read && full.write ? [] : recorded.undecided;
  const left = recorded.selected.filter(({ kinds, narrowed }) => narrowed !== undefined && ((kinds.read && !full.read) || (kinds.write && !full.write))).map(({ narrowed }) => narrowed);
  const problems: Problem[] = left.length > 0 ? [failed(`The trail's event selectors leave management events out (${left.join('; ')}), and no other selector records them: calls to those services go unrecorded. ${FIX}`, written)] : [];
  const some = (kind: keyof EventKinds) => recorded.selected.some(({ kinds }) => kinds[kind]);
  const missing = [...(some('read') ? [] : ['read']), ...(some('write') ? [] : ['write'])];
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
  const sources = excluded.kind === 'known' ? excluded.value : [];
  into.selected.push(
    sources.length > 0
      ? { kinds, sources: [{ operator: 'not_equals', values: sources }], narrowed: `exclude_management_event_sources ${sources.map((s) => `"${s}"`).join(', ')}` }
      : { kinds, sources: [] },
  );
}

/** The fields a trail's advanced selector on management events may narrow by; one it cannot (`eventName`…) records some of each source's events at most. */
const MANAGEMENT_FIELDS = new Set(['eventCategory', 'readOnly', 'eventSource']);

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
  const conditions = (name: string): Conditions | 'unknown' => {
    const out: { operator: Operator; values: string[] }[] = [];
    for (const field of byName.get(name) ?? []) {
      const operators = operatorValues(field);
      if (operators === 'unknown') return 'unknown';
      for (const operator of OPERATORS) if (operators[operator] !== undefined) out.push({ operator, values: operators[operator] });
    }
    return out;
  };
  const category = conditions('eventCategory');
  if (category === 'unknown') {
    into.undecided.push(undecided(`The eventCategory of an advanced event selector is known only after apply, so the gate cannot vouch that the trail records management events. ${FIX}`, selector));
    return;
  }
  // CloudTrail takes `eventCategory` with `equals` only; each of its field selectors must let Management through.
  if (!category.some(({ operator, values }) => operator === 'equals' && values.includes('Management')) || !meets('Management', category)) return;
  const readOnly = conditions('readOnly');
  if (readOnly === 'unknown') {
    into.undecided.push(undecided(`The readOnly field of an advanced event selector is known only after apply, so the gate cannot vouch that the trail records read and write management events. ${FIX}`, selector));
    return;
  }
  // Each event's readOnly is "true" (a read) or "false" (a write).
  const kinds = { read: meets('true', readOnly), write: meets('false', readOnly) };
  const other = [...byName.keys()].find((name) => !MANAGEMENT_FIELDS.has(name));
  if (other !== undefined) return void into.selected.push({ kinds, sources: 'some', narrowed: `an ${other} field selector on the management events` });
  if (!byName.has('eventSource')) return void into.selected.push({ kinds, sources: [] });
  const sources = conditions('eventSource');
  // An eventSource field with no values, or values known only after apply, leaves out sources the gate cannot name.
  const known = sources !== 'unknown' && sources.length > 0;
  into.selected.push({ kinds, sources: known ? sources : 'some', narrowed: 'an eventSource field selector on the management events' });
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
