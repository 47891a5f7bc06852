/**
 * EBS encryption by default, which vouches for volumes and snapshot copies that do not say they are encrypted, and the
 * EBS data sources a plan read, whose recorded values say what is made of them.
 */
import type { Graph, Resource } from '../../model/types';
import type { ReadValues } from './links';
import { sameRegion } from './regions';

/**
 * The volumes, snapshots, AMIs and instances data sources a plan read while planning, by the id it records
 * (`dataSourcesRead`): where an attribute is set from one (`volume_id = data.aws_ebs_volume.old.id`, `ami =
 * data.aws_ami.al2.id`), the plan holds the id it read, and this says which data source read it.
 */
export const EBS_SOURCES_READ: ReadValues = { attributes: { aws_ebs_volume: ['id', 'volume_id'], aws_ebs_snapshot: ['id', 'snapshot_id'], aws_ami: ['id'], aws_instance: ['id'] } };

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
