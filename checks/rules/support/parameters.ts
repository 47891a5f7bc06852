/**
 * Database parameter groups (Redshift, DocumentDB, RDS): the group a database names, and the
 * `parameter { name value }` blocks of a group (an awscc group's `parameters`, a map or its JSON),
 * looked up by name without regard to case, as the services compare parameter names.
 */
import type { Graph, Resource } from '../../model/types';
import { record } from '../../model/records';
import { ValueView } from '../../model/value';
import { addresses } from './s3';
import { setting } from './verdict';

/** The parameter group a database names; `view` is the attribute that names it, for a finding's path. */
export type GroupLookup = { readonly view: ValueView } & (
  | { readonly kind: 'groups'; readonly groups: readonly Resource[] }
  /** Nothing named: the Region's default group for the engine applies. */
  | { readonly kind: 'unset' }
  /** A known name no group of the input carries: an AWS `default.*` group, or one managed elsewhere. */
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'undecidable'; readonly why: string }
);

/**
 * The resources of `groupTypes` the `attribute` of `owner` (a `what`: "cluster", "database") names,
 * by configuration reference or by known name.
 */
export function parameterGroupOf(graph: Graph, owner: Resource, attribute: string, groupTypes: string | readonly string[], what: string): GroupLookup {
  const view = setting(owner, attribute);
  if (view.isAbsent && owner.references(attribute).length === 0) return { view, kind: 'unset' };
  const resolution = graph.resolve(owner, [attribute], typeof groupTypes === 'string' ? [groupTypes] : groupTypes);
  switch (resolution.status) {
    case 'resources':
      return { view, kind: 'groups', groups: resolution.targets };
    case 'value':
      // `""` names no group: the provider sends none (its create and restore read the name with GetOk), and AWS
      // gives the default one, as when the argument is left out.
      return resolution.value === '' ? { view, kind: 'unset' } : { view, kind: 'named', name: resolution.value };
    case 'ambiguous':
      return { view, kind: 'undecidable', why: `cannot tell which of ${addresses(resolution.candidates)} is the ${what}'s parameter group` };
    case 'unknown':
      return { view, kind: 'undecidable', why: `${attribute}: ${resolution.reason}` };
    default:
      return { view, kind: 'unset' };
  }
}

export type ParameterLookup =
  /** The parameters, or one of their names, are known only after apply: the parameter may be among them. */
  | { readonly kind: 'undecidable'; readonly why: string; readonly view: ValueView }
  | { readonly kind: 'unset' }
  /** The `value` of every block that names the parameter. */
  | { readonly kind: 'set'; readonly values: readonly ValueView[] };

export function parameterOf(group: Resource, name: string): ParameterLookup {
  if (group.type.startsWith('awscc_')) return mappedParameter(group, name);
  const view = group.attr('parameter');
  const blocks = view.blocks();
  if (blocks.kind === 'unknown') return { kind: 'undecidable', why: `the parameters of ${group.address} are known only after apply`, view };
  const values: ValueView[] = [];
  for (const block of blocks.kind === 'known' ? blocks.value : []) {
    const named = block.get('name').string();
    if (named.kind === 'unknown') return { kind: 'undecidable', why: `a parameter name of ${group.address} is known only after apply and may be ${name}`, view: block };
    if (named.kind === 'known' && named.value.toLowerCase() === name.toLowerCase()) values.push(block.get('value'));
  }
  return values.length === 0 ? { kind: 'unset' } : { kind: 'set', values };
}

/**
 * A parameter of an awscc group (CloudFormation's `Parameters`): a map of names to values, which
 * the provider types as a map in its early releases and as a JSON string since. The whole JSON is
 * one value to Terraform, so any part of it known only after apply makes all of it unknown.
 */
function mappedParameter(group: Resource, name: string): ParameterLookup {
  const view = setting(group, 'parameters');
  if (view.isUnknown) return { kind: 'undecidable', why: `the parameters of ${group.address} are known only after apply`, view };
  const text = view.string();
  const entries = typeof view.raw === 'string' && text.kind === 'known' ? jsonEntries(view, text.value) : view.map();
  if (entries.kind === 'absent') return { kind: 'unset' };
  if (entries.kind !== 'known') return { kind: 'undecidable', why: `the parameters of ${group.address} are not a map of names to values the gate can read`, view };
  const values = Object.entries(entries.value)
    .filter(([key]) => key.toLowerCase() === name.toLowerCase())
    .map(([, value]) => value);
  return values.length === 0 ? { kind: 'unset' } : { kind: 'set', values };
}

/** The entries of a JSON object held in a string; each value a view at the string's path (a finding cannot point inside it), as sensitive as the string. */
function jsonEntries(view: ValueView, text: string): { readonly kind: 'known'; readonly value: Record<string, ValueView> } | { readonly kind: 'unknown' } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'unknown' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { kind: 'unknown' };
  const value = record<ValueView>();
  for (const [key, entry] of Object.entries(parsed)) value[key] = new ValueView(entry, undefined, view.isSensitive ? true : undefined, view.path);
  return { kind: 'known', value };
}
