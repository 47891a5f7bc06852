import rule from '../../../checks/rules/encryption-in-transit/memorydb-tls-enabled';
import { plan, res } from '../../helpers/plan-builder';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

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
    name: 'an awscc_memorydb_cluster with tls_enabled = false fails; unset (computed by Cloud Control) passes',
    plan: plan([
      res('awscc_memorydb_cluster.off', { cluster_name: 'off', node_type: 'db.t4g.small', acl_name: 'open-access', tls_enabled: false }),
      res('awscc_memorydb_cluster.on', { cluster_name: 'on', node_type: 'db.t4g.small', acl_name: 'app' }, { unknown: { tls_enabled: true, arn: true } }),
    ]),
    expect: { 'awscc_memorydb_cluster.off': 'fail', 'awscc_memorydb_cluster.on': 'pass' },
    message: /`tls_enabled` is false/,
  },
  {
    name: 'an awscc_memorydb_cluster whose tls_enabled is known only after apply is unknown',
    plan: plan([res('awscc_memorydb_cluster.db', { cluster_name: 'db', node_type: 'db.t4g.small', acl_name: 'app' }, { unknown: { tls_enabled: true }, refs: { tls_enabled: ['var.tls'] } })]),
    expect: { 'awscc_memorydb_cluster.db': 'unknown' },
  },
  {
    name: 'a data source and other MemoryDB types are not applicable',
    plan: plan([res('data.aws_memorydb_cluster.existing', { name: 'x', tls_enabled: false }, { actions: ['read'] }), res('aws_memorydb_acl.a', { name: 'a' })]),
    expect: { 'data.aws_memorydb_cluster.existing': 'not-applicable', 'aws_memorydb_acl.a': 'not-applicable' },
  },
]);

describe('memorydb-tls-enabled on awscc_memorydb_cluster in .tf and cdk.tf.json', () => {
  const A = 'awscc_memorydb_cluster.db';
  it.each([
    ['tls_enabled = false', 'fail'],
    ['tls_enabled = true', 'pass'],
    ['', 'pass'],
  ])('.tf %p is %s', async (tls, verdict) => {
    const graph = await tfGraph(`resource "awscc_memorydb_cluster" "db" {\n  cluster_name = "db"\n  node_type    = "db.t4g.small"\n  acl_name     = "open-access"\n  ${tls}\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: verdict });
  });

  it('cdk.tf.json: tls_enabled false fails', () => {
    const graph = cdktfGraph({ awscc_memorydb_cluster: { db: { cluster_name: 'db', node_type: 'db.t4g.small', acl_name: 'open-access', tls_enabled: false } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: 'fail' });
  });
});
