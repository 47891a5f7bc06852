import rule from '../../../checks/rules/encryption-in-transit/elasticache-transit-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const G = 'aws_elasticache_replication_group.cache';
const group = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(G, { replication_group_id: 'cache', description: 'cache', at_rest_encryption_enabled: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
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
  { name: 'other resource types are not applicable', plan: plan([res('aws_elasticache_cluster.c', { cluster_id: 'c' })]), expect: { 'aws_elasticache_cluster.c': 'not-applicable' } },
]);
