/**
 * ElastiCache replication groups encrypt traffic in transit, and require it: with
 * `transit_encryption_mode = "preferred"` clients may still connect without TLS.
 */
import type { Resource } from '../../model/types';
import { defineRule } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { configSets, failed, outcomesOf, type Problem, undecided } from '../support/findings';

const FIX = 'Set `transit_encryption_enabled = true` and leave `transit_encryption_mode` unset or "required".';

function problems(group: Resource): Problem[] {
  const enabledView = group.attr('transit_encryption_enabled');
  const enabled = enabledView.bool();
  if (enabled.kind === 'unknown') return [undecided(`transit_encryption_enabled is known only after apply. ${FIX}`, enabledView)];
  if (enabled.kind === 'absent' || !enabled.value)
    return [
      failed(
        `transit_encryption_enabled is ${enabled.kind === 'absent' ? 'not set (default false)' : 'false'}: clients talk to the cache in clear text. ${FIX}`,
        enabledView
      ),
    ];
  const modeView = group.attr('transit_encryption_mode');
  const mode = modeView.string();
  if (mode.kind === 'known')
    return mode.value === 'preferred' ? [failed(`transit_encryption_mode is "preferred": clients may still connect without TLS. ${FIX}`, modeView)] : [];
  // Unset (the plan shows the computed value as unknown), AWS requires TLS when it is enabled.
  if (mode.kind === 'absent' || configSets(group, 'transit_encryption_mode') === false) return [];
  return [undecided(`transit_encryption_mode is known only after apply; "preferred" would admit clear-text clients. ${FIX}`, modeView)];
}

export default defineRule({
  id: 'elasticache-transit-encryption',
  title: 'ElastiCache replication groups require encryption in transit',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale: 'Without in-transit encryption, cached data and AUTH tokens travel between clients and nodes, and between nodes, in clear text.',
  remediation: 'Set `transit_encryption_enabled = true` on `aws_elasticache_replication_group`; if `transit_encryption_mode` is set, set it to "required".',
  references: [
    securityHub('ElastiCache.5', 'ElastiCache replication groups should be encrypted in transit'),
    awsDoc('ElastiCache in-transit encryption (TLS)', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html'),
  ],
  appliesTo: ['aws_elasticache_replication_group'],
  evaluate: managedOnly((group) => outcomesOf(problems(group))),
});
