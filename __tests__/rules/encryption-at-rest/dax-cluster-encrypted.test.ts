import rule from '../../../checks/rules/encryption-at-rest/dax-cluster-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const D = 'aws_dax_cluster.cache';
const cluster = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(D, { cluster_name: 'cache', node_type: 'dax.r5.large', replication_factor: 3, iam_role_arn: 'arn:aws:iam::111111111111:role/dax', ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'dax-cluster-encrypted: server-side encryption enabled passes', plan: plan([cluster({ server_side_encryption: [{ enabled: true }] })]), expect: { [D]: 'pass' } },
  { name: 'encryption disabled fails', plan: plan([cluster({ server_side_encryption: [{ enabled: false }] })]), expect: { [D]: 'fail' }, message: /server_side_encryption\.enabled` is false/ },
  { name: 'no server_side_encryption block (encryption off) fails', plan: plan([cluster({ server_side_encryption: [] })]), expect: { [D]: 'fail' }, message: /not set, so the default applies: no encryption at rest/ },
  { name: 'a block without `enabled` (default false) fails', plan: plan([cluster({ server_side_encryption: [{}] })]), expect: { [D]: 'fail' } },
  {
    name: 'enabled from a value known only after apply is unknown',
    plan: plan([cluster({ server_side_encryption: [{}] }, { server_side_encryption: [{ enabled: true }] }, { server_side_encryption: ['var.encrypt'] })]),
    expect: { [D]: 'unknown' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_dax_subnet_group.s', { name: 's' })]), expect: { 'aws_dax_subnet_group.s': 'not-applicable' } },
]);
