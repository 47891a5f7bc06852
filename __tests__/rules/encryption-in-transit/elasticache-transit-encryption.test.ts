import rule from '../../../checks/rules/encryption-in-transit/elasticache-transit-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { globalDatastore, SECONDARY, secondaryOfUnseenDatastore, secondaryVerdicts } from '../../helpers/global-datastore';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const G = 'aws_elasticache_replication_group.cache';
const group = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(G, { replication_group_id: 'cache', description: 'cache', at_rest_encryption_enabled: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  {
    name: 'an awscc_elasticache_replication_group is judged as an aws one: off or unset fails, "preferred" fails, on passes',
    plan: plan([
      res('awscc_elasticache_replication_group.off', { replication_group_description: 'c', transit_encryption_enabled: false }),
      res('awscc_elasticache_replication_group.unset', { replication_group_description: 'c' }, { unknown: { transit_encryption_enabled: true, transit_encryption_mode: true } }),
      res('awscc_elasticache_replication_group.preferred', { replication_group_description: 'c', transit_encryption_enabled: true, transit_encryption_mode: 'preferred' }),
      res('awscc_elasticache_replication_group.on', { replication_group_description: 'c', transit_encryption_enabled: true }, { unknown: { transit_encryption_mode: true } }),
    ]),
    expect: {
      'awscc_elasticache_replication_group.off': 'fail',
      'awscc_elasticache_replication_group.unset': 'fail',
      'awscc_elasticache_replication_group.preferred': 'fail',
      'awscc_elasticache_replication_group.on': 'pass',
    },
    message: /transit_encryption_enabled is (false|not set)|"preferred"/,
  },
  {
    name: 'an awscc replication group whose setting is known only after apply is unknown; an awscc serverless cache passes',
    plan: plan([
      res('awscc_elasticache_replication_group.later', { replication_group_description: 'c' }, { unknown: { transit_encryption_enabled: true }, refs: { transit_encryption_enabled: ['var.tls'] } }),
      res('awscc_elasticache_serverless_cache.s', { serverless_cache_name: 's', engine: 'valkey' }),
    ]),
    expect: { 'awscc_elasticache_replication_group.later': 'unknown', 'awscc_elasticache_serverless_cache.s': 'pass' },
  },
  // A secondary of a global datastore sets none: it takes the primary's (the module of terraform-aws-modules/elasticache nulls them).
  { name: 'a secondary of a global datastore whose primary has encryption in transit passes', plan: plan(globalDatastore({ transit_encryption_enabled: true, transit_encryption_mode: 'required' })), expect: { [SECONDARY]: 'pass' } },
  { name: 'a secondary of a global datastore not in the input is unknown', plan: plan([secondaryOfUnseenDatastore()]), expect: { [SECONDARY]: 'unknown' }, message: /cannot find in this input/ },
  { name: 'transit encryption on, mode left to the default (required), passes', plan: plan([group({ transit_encryption_enabled: true }, { transit_encryption_mode: true })]), expect: { [G]: 'pass' } },
  { name: 'mode "required" passes', plan: plan([group({ transit_encryption_enabled: true, transit_encryption_mode: 'required' })]), expect: { [G]: 'pass' } },
  { name: 'transit encryption off fails', plan: plan([group({ transit_encryption_enabled: false })]), expect: { [G]: 'fail' }, message: /transit_encryption_enabled is false/ },
  { name: 'transit encryption unset (default false) fails', plan: plan([group({})]), expect: { [G]: 'fail' }, message: /not set \(default false\)/ },
  {
    name: 'mode "preferred" fails: clear-text clients are still admitted',
    plan: plan([group({ transit_encryption_enabled: true, transit_encryption_mode: 'preferred' })]),
    expect: { [G]: 'fail' },
    message: /"preferred"/,
  },
  { name: 'transit_encryption_enabled known only after apply is unknown', plan: plan([group({}, { transit_encryption_enabled: true }, { transit_encryption_enabled: ['var.tls'] })]), expect: { [G]: 'unknown' } },
  {
    name: 'a mode set from a variable, known only after apply, is unknown',
    plan: plan([group({ transit_encryption_enabled: true }, { transit_encryption_mode: true }, { transit_encryption_mode: ['var.mode'] })]),
    expect: { [G]: 'unknown' },
  },
  { name: 'a serverless cache passes (always TLS)', plan: plan([res('aws_elasticache_serverless_cache.s', { name: 's', engine: 'redis' })]), expect: { 'aws_elasticache_serverless_cache.s': 'pass' } },
  {
    name: 'a Memcached cluster with transit_encryption_enabled passes; without, it fails',
    plan: plan([
      res('aws_elasticache_cluster.tls', { cluster_id: 'tls', engine: 'memcached', transit_encryption_enabled: true }, { unknown: { replication_group_id: true } }),
      res('aws_elasticache_cluster.plain', { cluster_id: 'plain', engine: 'memcached' }, { unknown: { replication_group_id: true, transit_encryption_enabled: true } }),
    ]),
    expect: { 'aws_elasticache_cluster.tls': 'pass', 'aws_elasticache_cluster.plain': 'fail' },
    message: /transit_encryption_enabled is not set \(default false\)/,
  },
  {
    name: 'a standalone Valkey cluster fails: it cannot encrypt in transit',
    plan: plan([res('aws_elasticache_cluster.c', { cluster_id: 'c', engine: 'valkey' }, { unknown: { replication_group_id: true } })]),
    expect: { 'aws_elasticache_cluster.c': 'fail' },
    message: /standalone valkey aws_elasticache_cluster cannot encrypt in transit/,
  },
  {
    name: 'a cluster that joins a replication group is judged through the group',
    plan: plan([res('aws_elasticache_cluster.c', { cluster_id: 'c', replication_group_id: 'g' }, { unknown: { engine: true } })]),
    expect: { 'aws_elasticache_cluster.c': 'not-applicable' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

it('fails a secondary of a global datastore whose primary lacks encryption in transit, on the secondary, naming the primary', () => {
  expect(secondaryVerdicts(rule, { transit_encryption_enabled: false })).toEqual([
    expect.objectContaining({ status: 'fail', path: 'global_replication_group_id', message: expect.stringMatching(/^This secondary of aws_elasticache_global_replication_group\.g takes its encryption in transit from the primary aws_elasticache_replication_group\.primary: /) }),
  ]);
});

describe('elasticache-transit-encryption on awscc_elasticache_replication_group in .tf and cdk.tf.json', () => {
  const A = 'awscc_elasticache_replication_group.r';
  it.each([
    ['transit_encryption_enabled = true', 'pass'],
    ['transit_encryption_enabled = false', 'fail'],
    ['', 'fail'],
  ])('.tf %p is %s', async (setting, verdict) => {
    const graph = await tfGraph(`resource "awscc_elasticache_replication_group" "r" {\n  replication_group_description = "c"\n  ${setting}\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: verdict });
  });

  it('cdk.tf.json: transit_encryption_mode "preferred" fails', () => {
    const graph = cdktfGraph({ awscc_elasticache_replication_group: { r: { replication_group_description: 'c', transit_encryption_enabled: true, transit_encryption_mode: 'preferred' } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: 'fail' });
  });
});
