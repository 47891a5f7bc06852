import rule from '../../../checks/rules/encryption-at-rest/elasticache-at-rest-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const R = 'aws_elasticache_replication_group.r';
const group = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}) => res(R, { replication_group_id: 'r', description: 'cache', ...after }, { unknown: { arn: true, ...unknown } });

ruleTable(rule, [
  { name: 'enabled passes', plan: plan([group({ engine: 'redis', at_rest_encryption_enabled: true })]), expect: { [R]: 'pass' } },
  { name: 'disabled fails', plan: plan([group({ engine: 'redis', at_rest_encryption_enabled: false })]), expect: { [R]: 'fail' }, message: /at_rest_encryption_enabled = true/ },
  { name: 'unset on Redis OSS fails (default off)', plan: plan([group({ engine: 'redis' })]), expect: { [R]: 'fail' } },
  { name: 'unset on Valkey passes (default on)', plan: plan([group({ engine: 'valkey' })]), expect: { [R]: 'pass' } },
  { name: 'unset on Redis OSS, computed in a plan, gets the default off: fail', plan: plan([group({ engine: 'redis' }, { at_rest_encryption_enabled: true })]), expect: { [R]: 'fail' } },
  {
    name: 'known only after apply is unknown',
    plan: plan([res(R, { replication_group_id: 'r', description: 'c', engine: 'redis' }, { unknown: { at_rest_encryption_enabled: true }, refs: { at_rest_encryption_enabled: ['var.enc'] } })]),
    expect: { [R]: 'unknown' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_elasticache_cluster.c', { engine: 'memcached' })]), expect: { 'aws_elasticache_cluster.c': 'not-applicable' } },
]);
