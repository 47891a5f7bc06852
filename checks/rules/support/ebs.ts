/** EBS encryption by default, which vouches for volumes and snapshot copies that do not say they are encrypted. */
import type { Graph, Resource } from '../../model/types';
import { sameRegion } from './regions';

/**
 * True when EBS encryption by default is already in effect for `resource` (an
 * aws_ebs_encryption_by_default of the input, enabled, not created by this apply, managed by the
 * same provider configuration for the same Region). One created by this apply may land after the
 * resource, so it does not count.
 */
export function encryptedByDefault(graph: Graph, resource: Resource): boolean {
  const provider = graph.providerOf(resource);
  return graph.ofType('aws_ebs_encryption_by_default').some((setting) => {
    const enabled = setting.attr('enabled').bool();
    const on = enabled.kind === 'absent' || (enabled.kind === 'known' && enabled.value);
    const inEffect = setting.mode === 'managed' && !setting.actions.includes('create');
    return on && inEffect && provider !== undefined && graph.providerOf(setting) === provider && sameRegion(graph, setting, resource) === 'yes';
  });
}
