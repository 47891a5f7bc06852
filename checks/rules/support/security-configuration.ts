/**
 * The security configuration a Glue job, crawler or endpoint, or an EMR cluster, names in
 * `security_configuration`: the resource writes what that configuration says, so each rule judges
 * the configuration and tells its problems on the resource that uses it.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { soleTarget } from './links';
import { setting } from './verdict';

/** What `security_configuration` names. */
export type NamedConfiguration =
  /** Nothing: unset or "" (the service then applies none). */
  | { readonly kind: 'none'; readonly view: ValueView }
  /** One managed configuration of the input, judged as it is. */
  | { readonly kind: 'input'; readonly view: ValueView; readonly configuration: Resource }
  /** A configuration the gate cannot follow: one outside the input, several, or a value known only after apply that no reference follows. */
  | { readonly kind: 'unfollowed'; readonly view: ValueView };

/** What `resource`'s `security_configuration` names among the configurations of `type`. */
export function namedConfiguration(graph: Graph, resource: Resource, type: string): NamedConfiguration {
  const view = setting(resource, 'security_configuration');
  const written = view.string();
  if (written.kind === 'absent' || (written.kind === 'known' && written.value === '')) return { kind: 'none', view };
  const configuration = soleTarget(graph.resolve(resource, view.path, [type]), 'managed');
  return configuration === undefined ? { kind: 'unfollowed', view } : { kind: 'input', view, configuration };
}

/** The configuration's problems told on the resource that uses it, at `path` (its `security_configuration`). */
export const throughConfiguration = <T extends { readonly message: string }>(problems: readonly T[], configuration: Resource, path: string): T[] =>
  problems.map((problem) => ({ ...problem, message: `Its security configuration ${configuration.address}: ${problem.message}`, path }));
