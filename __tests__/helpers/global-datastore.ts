/**
 * An ElastiCache global datastore as a plan writes it: a primary replication group with
 * `primary` settings, the `aws_elasticache_global_replication_group` made of it, and a secondary
 * that joins it setting no encryption of its own (terraform-aws-modules/elasticache sets them null).
 */
import type { RuleDefinition } from '../../checks/rules/types';
import { graphOf, plan, res, type Res } from './plan-builder';
import { evaluateRule, type RuleVerdict } from './rule-table';

export const SECONDARY = 'aws_elasticache_replication_group.secondary';

export function globalDatastore(primary: Record<string, unknown>): Res[] {
  return [
    res('aws_elasticache_replication_group.primary', { replication_group_id: 'primary', description: 'primary', engine: 'redis', ...primary }, { unknown: { id: true, arn: true } }),
    res(
      'aws_elasticache_global_replication_group.g',
      { global_replication_group_id_suffix: 'g' },
      { unknown: { id: true, global_replication_group_id: true, primary_replication_group_id: true }, refs: { primary_replication_group_id: ['aws_elasticache_replication_group.primary.id', 'aws_elasticache_replication_group.primary'] } },
    ),
    res(
      SECONDARY,
      { replication_group_id: 'secondary', description: 'secondary' },
      {
        unknown: { id: true, arn: true, global_replication_group_id: true, at_rest_encryption_enabled: true, transit_encryption_enabled: true, engine: true },
        refs: { global_replication_group_id: ['aws_elasticache_global_replication_group.g.global_replication_group_id', 'aws_elasticache_global_replication_group.g'] },
      },
    ),
  ];
}

/** A secondary joining a global datastore this input does not hold. */
export const secondaryOfUnseenDatastore = (): Res => res(SECONDARY, { replication_group_id: 'secondary', description: 'secondary', global_replication_group_id: 'ldgnf-g' }, { unknown: { id: true, arn: true, at_rest_encryption_enabled: true, transit_encryption_enabled: true } });

/** `rule`'s verdicts on the secondary of a global datastore whose primary has `primary`. */
export const secondaryVerdicts = (rule: RuleDefinition, primary: Record<string, unknown>): RuleVerdict[] => evaluateRule(rule, graphOf(plan(globalDatastore(primary)))).filter((v) => v.address === SECONDARY);
