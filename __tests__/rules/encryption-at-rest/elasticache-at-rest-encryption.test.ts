import rule from '../../../checks/rules/encryption-at-rest/elasticache-at-rest-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { globalDatastore, SECONDARY, secondaryOfUnseenDatastore, secondaryVerdicts } from '../../helpers/global-datastore';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const R = 'aws_elasticache_replication_group.r';
const group = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}) => res(R, { replication_group_id: 'r', description: 'cache', ...after }, { unknown: { arn: true, ...unknown } });

ruleTable(rule, [
  {
    name: 'an awscc_elasticache_replication_group is judged as an aws one: disabled fails, enabled passes, unset Redis OSS fails, unset Valkey passes',
    plan: plan([
      res('awscc_elasticache_replication_group.off', { replication_group_description: 'c', engine: 'redis', at_rest_encryption_enabled: false }),
      res('awscc_elasticache_replication_group.on', { replication_group_description: 'c', engine: 'redis', at_rest_encryption_enabled: true }),
      res('awscc_elasticache_replication_group.unset', { replication_group_description: 'c' }, { unknown: { at_rest_encryption_enabled: true, engine: true } }),
      res('awscc_elasticache_replication_group.valkey', { replication_group_description: 'c', engine: 'valkey' }, { unknown: { at_rest_encryption_enabled: true } }),
    ]),
    expect: {
      'awscc_elasticache_replication_group.off': 'fail',
      'awscc_elasticache_replication_group.on': 'pass',
      'awscc_elasticache_replication_group.unset': 'fail',
      'awscc_elasticache_replication_group.valkey': 'pass',
    },
    message: /at_rest_encryption_enabled/,
  },
  {
    name: 'an awscc replication group whose setting is known only after apply is unknown; one joining a global datastore is unknown (its primary is not followed)',
    plan: plan([
      res('awscc_elasticache_replication_group.later', { replication_group_description: 'c', engine: 'redis' }, { unknown: { at_rest_encryption_enabled: true }, refs: { at_rest_encryption_enabled: ['var.enc'] } }),
      res('awscc_elasticache_replication_group.secondary', { replication_group_description: 'c', global_replication_group_id: 'ldgnf-global' }, { unknown: { at_rest_encryption_enabled: true, engine: true } }),
    ]),
    expect: { 'awscc_elasticache_replication_group.later': 'unknown', 'awscc_elasticache_replication_group.secondary': 'unknown' },
  },
  { name: 'an awscc serverless cache passes (always encrypted at rest)', plan: plan([res('awscc_elasticache_serverless_cache.s', { serverless_cache_name: 's', engine: 'valkey' })]), expect: { 'awscc_elasticache_serverless_cache.s': 'pass' } },
  // A secondary of a global datastore sets none: it takes the primary's (the module of terraform-aws-modules/elasticache nulls them).
  { name: 'a secondary of a global datastore whose primary has encryption at rest passes', plan: plan(globalDatastore({ at_rest_encryption_enabled: true })), expect: { [SECONDARY]: 'pass' } },
  { name: 'a secondary of a global datastore not in the input is unknown', plan: plan([secondaryOfUnseenDatastore()]), expect: { [SECONDARY]: 'unknown' }, message: /cannot find in this input/ },
  { name: 'enabled passes', plan: plan([group({ engine: 'redis', at_rest_encryption_enabled: true })]), expect: { [R]: 'pass' } },
  { name: 'disabled fails', plan: plan([group({ engine: 'redis', at_rest_encryption_enabled: false })]), expect: { [R]: 'fail' }, message: /at_rest_encryption_enabled = true/ },
  { name: 'unset on Redis OSS fails (default off)', plan: plan([group({ engine: 'redis' })]), expect: { [R]: 'fail' } },
  { name: 'unset on Valkey passes (default on)', plan: plan([group({ engine: 'valkey' })]), expect: { [R]: 'pass' } },
  { name: 'the engine in any capitalisation (the AWS provider 6 takes "Valkey", "Memcached") is the same engine', plan: plan([group({ engine: 'Valkey' }), res('aws_elasticache_cluster.c', { engine: 'Memcached' })]), expect: { [R]: 'pass', 'aws_elasticache_cluster.c': 'not-applicable' } },
  { name: 'unset on Redis OSS, computed in a plan, gets the default off: fail', plan: plan([group({ engine: 'redis' }, { at_rest_encryption_enabled: true })]), expect: { [R]: 'fail' } },
  {
    name: 'known only after apply is unknown',
    plan: plan([res(R, { replication_group_id: 'r', description: 'c', engine: 'redis' }, { unknown: { at_rest_encryption_enabled: true }, refs: { at_rest_encryption_enabled: ['var.enc'] } })]),
    expect: { [R]: 'unknown' },
  },
  { name: 'a serverless cache passes (always encrypted at rest)', plan: plan([res('aws_elasticache_serverless_cache.s', { name: 's', engine: 'valkey' })]), expect: { 'aws_elasticache_serverless_cache.s': 'pass' } },
  {
    name: 'a standalone Redis OSS cluster fails: it cannot be encrypted at rest',
    plan: plan([res('aws_elasticache_cluster.c', { cluster_id: 'c', engine: 'redis', node_type: 'cache.t4g.micro', num_cache_nodes: 1 }, { unknown: { replication_group_id: true } })]),
    expect: { 'aws_elasticache_cluster.c': 'fail' },
    message: /standalone redis aws_elasticache_cluster cannot be encrypted at rest.*aws_elasticache_replication_group/,
  },
  {
    name: 'a cluster that joins a replication group is judged through the group',
    plan: plan([res('aws_elasticache_cluster.c', { cluster_id: 'c' }, { unknown: { engine: true, replication_group_id: true }, refs: { replication_group_id: [`${R}.id`, R] } }), group({ engine: 'redis', at_rest_encryption_enabled: true })]),
    expect: { 'aws_elasticache_cluster.c': 'not-applicable', [R]: 'pass' },
  },
  {
    name: 'a standalone cluster whose engine is known only after apply is unknown',
    plan: plan([res('aws_elasticache_cluster.c', { cluster_id: 'c' }, { unknown: { engine: true, replication_group_id: true }, refs: { engine: ['var.engine'] } })]),
    expect: { 'aws_elasticache_cluster.c': 'unknown' },
  },
  { name: 'a Memcached cluster keeps nothing on disk: not applicable', plan: plan([res('aws_elasticache_cluster.c', { engine: 'memcached' })]), expect: { 'aws_elasticache_cluster.c': 'not-applicable' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

it('fails a secondary of a global datastore whose primary lacks encryption at rest, on the secondary, naming the primary', () => {
  expect(secondaryVerdicts(rule, { at_rest_encryption_enabled: false })).toEqual([
    expect.objectContaining({ status: 'fail', path: 'global_replication_group_id', message: expect.stringMatching(/^This secondary of aws_elasticache_global_replication_group\.g takes its encryption at rest from the primary aws_elasticache_replication_group\.primary: /) }),
  ]);
});

describe('elasticache-at-rest-encryption on awscc_elasticache_replication_group in .tf and cdk.tf.json', () => {
  const A = 'awscc_elasticache_replication_group.r';
  it.each([
    ['at_rest_encryption_enabled = true', 'pass'],
    ['at_rest_encryption_enabled = false', 'fail'],
    ['', 'fail'],
  ])('.tf %p is %s', async (setting, verdict) => {
    const graph = await tfGraph(`resource "awscc_elasticache_replication_group" "r" {\n  replication_group_description = "c"\n  engine = "redis"\n  ${setting}\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: verdict });
  });

  it('cdk.tf.json: at_rest_encryption_enabled false fails', () => {
    const graph = cdktfGraph({ awscc_elasticache_replication_group: { r: { replication_group_description: 'c', engine: 'redis', at_rest_encryption_enabled: false } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: 'fail' });
  });
});
