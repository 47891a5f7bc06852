import rule from '../../../checks/rules/encryption-in-transit/memorydb-tls-enabled';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const C = 'aws_memorydb_cluster.db';
const cluster = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(C, { name: 'db', node_type: 'db.t4g.small', engine: 'valkey', engine_version: '7.2', acl_name: 'app', ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'memorydb-tls-enabled: tls_enabled = true passes', plan: plan([cluster({ tls_enabled: true })]), expect: { [C]: 'pass' } },
  { name: 'unset (cdk.tf.json, .tf) passes: the provider defaults it to true', plan: plan([cluster({})]), expect: { [C]: 'pass' } },
  {
    name: 'unset, shown as computed by a plan, passes',
    plan: plan([cluster({}, { tls_enabled: true })]),
    expect: { [C]: 'pass' },
  },
  {
    name: 'tls_enabled = false (with the open-access ACL it requires) fails',
    plan: plan([cluster({ tls_enabled: false, acl_name: 'open-access' })]),
    expect: { [C]: 'fail' },
    message: /`tls_enabled` is false\. Set `tls_enabled = true`/,
  },
  {
    name: 'tls_enabled known only after apply is unknown',
    plan: plan([cluster({}, { tls_enabled: true }, { tls_enabled: ['var.tls'] })]),
    expect: { [C]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'a data source and other MemoryDB types are not applicable',
    plan: plan([res('data.aws_memorydb_cluster.existing', { name: 'x', tls_enabled: false }, { actions: ['read'] }), res('aws_memorydb_acl.a', { name: 'a' })]),
    expect: { 'data.aws_memorydb_cluster.existing': 'not-applicable', 'aws_memorydb_acl.a': 'not-applicable' },
  },
]);
