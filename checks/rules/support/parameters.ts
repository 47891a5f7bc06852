/**
 * Database parameter groups (Redshift, DocumentDB, RDS): the group a database names, and the
 * `parameter { name value }` blocks of a group, looked up by name without regard to case, as the
 * services compare parameter names.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
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
 * The `groupType` resources the `attribute` of `owner` (a `what`: "cluster", "database") names, by
 * configuration reference or by known name.
 */
export function parameterGroupOf(graph: Graph, owner: Resource, attribute: string, groupType: string, what: string): GroupLookup {
  const view = setting(owner, attribute);
  if (view.isAbsent && owner.references(attribute).length === 0) return { view, kind: 'unset' };
  const resolution = graph.resolve(owner, [attribute], [groupType]);
  switch (resolution.status) {
    case 'resources':
      return { view, kind: 'groups', groups: resolution.targets };
    case 'value':
      return { view, kind: 'named', name: resolution.value };
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
