import rule from '../../../checks/rules/encryption-in-transit/ecs-efs-volume-transit-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const T = 'aws_ecs_task_definition.app';
const A = 'awscc_ecs_task_definition.app';
const efs = (settings: Record<string, unknown> = {}) => ({ file_system_id: 'fs-0123456789abcdef0', root_directory: '/', ...settings });
const task = (volume: unknown[], unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(T, { family: 'app', container_definitions: '[]', volume }, { unknown: { arn: true, id: true, revision: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'ecs-efs-volume-transit-encryption: an EFS volume mounted with TLS passes', plan: plan([task([{ name: 'data', efs_volume_configuration: [efs({ transit_encryption: 'ENABLED' })] }])]), expect: { [T]: 'pass' } },
  {
    name: 'transit_encryption unset fails: ECS mounts over plain NFS by default',
    plan: plan([task([{ name: 'data', efs_volume_configuration: [efs()] }])]),
    expect: { [T]: 'fail' },
    message: /the EFS volume "data" does not set `transit_encryption`, so ECS's default applies: "DISABLED"/,
  },
  { name: '"DISABLED" fails, naming the volume', plan: plan([task([{ name: 'data', efs_volume_configuration: [efs({ transit_encryption: 'DISABLED' })] }])]), expect: { [T]: 'fail' }, message: /volume "data" is "DISABLED", not "ENABLED"/ },
  {
    name: 'one volume in clear among encrypted ones fails on that volume\'s path',
    plan: plan([task([{ name: 'a', efs_volume_configuration: [efs({ transit_encryption: 'ENABLED' })] }, { name: 'b', efs_volume_configuration: [efs({ transit_encryption: 'DISABLED' })] }])]),
    expect: { [T]: 'fail' },
    message: /volume "b"/,
  },
  { name: 'a task definition without EFS volumes is not applicable', plan: plan([task([{ name: 'scratch', host_path: '/tmp' }])]), expect: { [T]: 'not-applicable' } },
  { name: 'a task definition without volumes is not applicable', plan: plan([res(T, { family: 'app', container_definitions: '[]' }, { unknown: { arn: true, id: true } })]), expect: { [T]: 'not-applicable' } },
  {
    name: 'a transit_encryption known only after apply is unknown',
    plan: plan([task([{ name: 'data', efs_volume_configuration: [efs({ transit_encryption: null })] }], { volume: [{ efs_volume_configuration: [{ transit_encryption: true }] }] }, { volume: ['var.encryption'] })]),
    expect: { [T]: 'unknown' },
  },
  { name: 'a volume list known only after apply is unknown: it may hold an EFS volume', plan: plan([task([], { volume: true }, { volume: ['var.volumes'] })]), expect: { [T]: 'unknown' }, message: /`volume` list is known only after apply/ },
  {
    name: 'awscc: an EFS volume mounted with TLS passes',
    plan: plan([res(A, { family: 'app', volumes: [{ name: 'data', efs_volume_configuration: { filesystem_id: 'fs-1', transit_encryption: 'ENABLED' } }] }, { unknown: { id: true, task_definition_arn: true } })]),
    expect: { [A]: 'pass' },
  },
  {
    name: 'awscc: transit_encryption computed by the provider where the configuration leaves it unset is ECS\'s default, and fails',
    plan: plan([
      res(A, { family: 'app', volumes: [{ name: 'data', efs_volume_configuration: { filesystem_id: 'fs-1' } }] }, {
        unknown: { id: true, task_definition_arn: true, volumes: [{ efs_volume_configuration: { transit_encryption: true } }] },
        expressions: { family: { constant_value: 'app' }, volumes: { constant_value: [{ name: 'data', efs_volume_configuration: { filesystem_id: 'fs-1' } }] } },
      }),
    ]),
    expect: { [A]: 'fail' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_efs_file_system.fs', { encrypted: true })]), expect: { 'aws_efs_file_system.fs': 'not-applicable' } },
]);
