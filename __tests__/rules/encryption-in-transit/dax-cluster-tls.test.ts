import rule from '../../../checks/rules/encryption-in-transit/dax-cluster-tls';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const D = 'aws_dax_cluster.cache';
const cluster = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(D, { cluster_name: 'cache', node_type: 'dax.r5.large', replication_factor: 3, iam_role_arn: 'arn:aws:iam::111111111111:role/dax', ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'dax-cluster-tls: TLS endpoints pass', plan: plan([cluster({ cluster_endpoint_encryption_type: 'TLS' })]), expect: { [D]: 'pass' } },
  { name: '"NONE" (the provider default, as a plan shows it) fails', plan: plan([cluster({ cluster_endpoint_encryption_type: 'NONE' })]), expect: { [D]: 'fail' }, message: /"NONE", not "TLS"/ },
  { name: 'unset (cdk.tf.json, .tf) fails: the default is unencrypted', plan: plan([cluster({})]), expect: { [D]: 'fail' }, message: /default applies: "NONE", unencrypted connections/ },
  {
    name: 'a type known only after apply is unknown',
    plan: plan([cluster({}, { cluster_endpoint_encryption_type: true }, { cluster_endpoint_encryption_type: ['var.encryption'] })]),
    expect: { [D]: 'unknown' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_dax_parameter_group.p', { name: 'p' })]), expect: { 'aws_dax_parameter_group.p': 'not-applicable' } },
]);
