/**
 * The EFS volumes of an ECS task definition are mounted with TLS: `transit_encryption = "ENABLED"`
 * in each volume's `efs_volume_configuration` (`aws_ecs_task_definition.volume`, and
 * `awscc_ecs_task_definition.volumes`). Unset is ECS's default, "DISABLED": NFS traffic between the
 * container host and the file system crosses the VPC in clear (AWS Config
 * ecs-task-definition-efs-encryption-enabled). A task definition without EFS volumes is not
 * applicable; a volume list known only after apply may hold one, so it is unknown.
 */
import type { Resource } from '../../model/types';
import type { Val, ValueView } from '../../model/value';
import { failed, outcomesOf, shown, undecided, type Problem } from '../support/findings';
import { awsDoc, configRule } from '../support/references';
import { configured, managedOnly } from '../support/verdict';
import { defineRule, notApplicable } from '../types';

const FIX = 'Set `transit_encryption = "ENABLED"` in the volume\'s `efs_volume_configuration` (the EFS mount helper then mounts it over TLS). It makes a new revision of the task definition.';

/** Where each type keeps its volumes. */
const VOLUMES: Readonly<Record<string, string>> = { aws_ecs_task_definition: 'volume', awscc_ecs_task_definition: 'volumes' };

/** How a message names a volume: by its name when known. */
function nameOf(volume: ValueView, i: number): string {
  const name = volume.get('name').string();
  return name.kind === 'known' ? `volume "${name.value}"` : `volume #${i + 1}`;
}

/**
 * A volume's EFS configuration as the configuration sets it: awscc computes what the configuration
 * leaves unset, so a plan shows it unknown where ECS's default applies (`configured`).
 */
const efsOf = (task: Resource, volume: ValueView): Val<ValueView> => configured(task, volume.get('efs_volume_configuration')).block();

/** The problems of one volume's EFS configuration; none when the volume is not on EFS. */
function volumeProblems(task: Resource, volume: ValueView, i: number): Problem[] {
  const efs = efsOf(task, volume);
  if (efs.kind === 'absent') return [];
  const what = nameOf(volume, i);
  if (efs.kind === 'unknown') return [undecided(`whether ${what} is on EFS, and how it is mounted, is known only after apply, so the gate cannot vouch for its transit encryption. ${FIX}`, volume)];
  const view = configured(task, efs.value.get('transit_encryption'));
  const setting = view.string();
  if (setting.kind === 'unknown') return [undecided(`\`transit_encryption\` of the EFS ${what} is known only after apply, so the gate cannot vouch for it. ${FIX}`, view)];
  if (setting.kind === 'absent') return [failed(`the EFS ${what} does not set \`transit_encryption\`, so ECS's default applies: "DISABLED", NFS traffic in clear. ${FIX}`, view)];
  if (setting.value === 'ENABLED') return [];
  return [failed(`\`transit_encryption\` of the EFS ${what} is ${shown(view, setting.value)}, not "ENABLED". ${FIX}`, view)];
}

export default defineRule({
  id: 'ecs-efs-volume-transit-encryption',
  title: 'ECS tasks mount their EFS volumes with TLS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'An ECS task mounts an EFS volume over plain NFS unless its task definition sets `transit_encryption = "ENABLED"`: the file data crosses the VPC unencrypted between the container host and the file system.',
  remediation: FIX,
  references: [
    configRule('ecs-task-definition-efs-encryption-enabled'),
    awsDoc('Amazon ECS: specifying an Amazon EFS file system in a task definition', 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specify-efs-config.html'),
    awsDoc('Amazon EFS: encrypting data in transit', 'https://docs.aws.amazon.com/efs/latest/ug/encryption-in-transit.html'),
  ],
  appliesTo: Object.keys(VOLUMES),
  evaluate: managedOnly((task) => {
    const volumes = task.attr(VOLUMES[task.type]).blocks();
    if (volumes.kind === 'absent') return notApplicable();
    if (volumes.kind === 'unknown') {
      return outcomesOf([undecided(`its \`${VOLUMES[task.type]}\` list is known only after apply and may hold an EFS volume, so the gate cannot vouch for its transit encryption. ${FIX}`, task.attr(VOLUMES[task.type]))]);
    }
    const onEfs = volumes.value.some((volume) => efsOf(task, volume).kind !== 'absent');
    return onEfs ? outcomesOf(volumes.value.flatMap((volume, i) => volumeProblems(task, volume, i))) : notApplicable();
  }),
});
