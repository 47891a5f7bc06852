/**
 * The `parameter { name value }` blocks of a database parameter group (Redshift, DocumentDB, RDS),
 * looked up by name without regard to case, as the services compare parameter names.
 */
import type { Resource } from '../../model/types';
import type { ValueView } from '../../model/value';

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
