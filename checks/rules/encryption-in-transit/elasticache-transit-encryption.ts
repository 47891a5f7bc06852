/**
 * ElastiCache caches encrypt traffic in transit, and require it: with
 * `transit_encryption_mode = "preferred"` clients may still connect without TLS. A replication
 * group and a standalone Memcached cluster set `transit_encryption_enabled`; a standalone Valkey or
 * Redis OSS cluster cannot encrypt in transit; serverless caches always do.
 */
import type { Resource } from '../../model/types';
import { CACHE_TYPES, cacheKind, CLUSTER, REPLICATION_GROUP_FIX, throughGlobalPrimary } from '../support/elasticache';
import { defineRule, notApplicable } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, setting } from '../support/verdict';
import { configSets, failed, outcomesOf, type Problem, undecided } from '../support/findings';

const FIX = 'Set `transit_encryption_enabled = true` and leave `transit_encryption_mode` unset or "required".';

function problems(group: Resource): Problem[] {
  // Unset, a plan shows the computed value as unknown: the default (false) applies.
  const enabledView = setting(group, 'transit_encryption_enabled');
  const enabled = enabledView.bool();
  if (enabled.kind === 'unknown') return [undecided(`transit_encryption_enabled is known only after apply. ${FIX}`, enabledView)];
  if (enabled.kind === 'absent' || !enabled.value)
    return [
      failed(
        `transit_encryption_enabled is ${enabled.kind === 'absent' ? 'not set (default false)' : 'false'}: clients talk to the cache in clear text. ${FIX}`,
        enabledView
      ),
    ];
  // A Memcached cluster has no mode: TLS, once enabled, is required.
  if (group.type === CLUSTER) return [];
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
  title: 'ElastiCache caches require encryption in transit',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale: 'Without in-transit encryption, cached data and AUTH tokens travel between clients and nodes, and between nodes, in clear text.',
  remediation: `Set \`transit_encryption_enabled = true\` on the replication group (if \`transit_encryption_mode\` is set, set it to "required") or the Memcached cluster. ${REPLICATION_GROUP_FIX.replace('instead of', 'for Valkey and Redis OSS instead of')}`,
  references: [
    securityHub('ElastiCache.5', 'ElastiCache replication groups should be encrypted in transit'),
    awsDoc('ElastiCache in-transit encryption (TLS)', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html'),
  ],
  appliesTo: CACHE_TYPES,
  evaluate: managedOnly((cache, { graph }) => {
    const kind = cacheKind(cache);
    switch (kind.kind) {
      case 'serverless':
        return outcomesOf([]);
      case 'group-member':
        return notApplicable();
      case 'unknown-engine':
        return outcomesOf([undecided(`\`engine\` is known only after apply: a standalone Valkey or Redis OSS cluster cannot encrypt in transit. ${REPLICATION_GROUP_FIX}`, kind.view)]);
      case 'standalone':
        if (kind.engine === 'memcached') return outcomesOf(problems(cache));
        return outcomesOf([failed(`A standalone ${kind.engine} ${CLUSTER} cannot encrypt in transit: clients talk to it in clear text. ${REPLICATION_GROUP_FIX}`, kind.view)]);
      default:
        return throughGlobalPrimary(graph, cache, (primary) => outcomesOf(problems(primary)), 'encryption in transit') ?? outcomesOf(problems(cache));
    }
  }),
});
