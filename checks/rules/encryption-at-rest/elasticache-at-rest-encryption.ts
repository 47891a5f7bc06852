import type { Val } from '../../model/value';
import type { Resource } from '../../model/types';
import { CACHE_TYPES, cacheKind, CLUSTER, REPLICATION_GROUP_FIX, throughGlobalPrimary } from '../support/elasticache';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting, type WhenAbsent } from '../support/verdict';
import { defineRule, fail, notApplicable, type Outcome, pass, unknown } from '../types';

const FIX = 'Set `at_rest_encryption_enabled = true` (with `kms_key_id` for a customer-managed key). It replaces the replication group.';

/** Provider default for an unset `at_rest_encryption_enabled`: on for Valkey, off for Redis OSS; unknown engine, unknown. */
function defaultFor(engine: Val<string>): WhenAbsent {
  if (engine.kind !== 'known') return engine.kind === 'absent' ? 'fail' : 'unknown';
  return engine.value.toLowerCase() === 'valkey' ? 'pass' : 'fail';
}

/** ElastiCache caches encrypt data at rest. */
export default defineRule({
  id: 'elasticache-at-rest-encryption',
  title: 'ElastiCache caches are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'At-rest encryption covers the cache\'s disk during sync, swap and backups in S3. It is chosen at creation; the provider default is off for Redis OSS (the default engine) and on for Valkey. A standalone Valkey or Redis OSS `aws_elasticache_cluster` cannot be encrypted at all; serverless caches always are.',
  remediation: FIX,
  references: [
    securityHub('ElastiCache.4', 'ElastiCache replication groups should be encrypted at rest'),
    awsDoc('At-Rest Encryption in ElastiCache', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html'),
  ],
  appliesTo: CACHE_TYPES,
  evaluate: managedOnly((cache, { graph }) => {
    const kind = cacheKind(cache);
    switch (kind.kind) {
      case 'serverless':
        return pass();
      case 'group-member':
        return notApplicable();
      case 'unknown-engine':
        return unknown(`\`engine\` is known only after apply: a standalone Valkey or Redis OSS cluster cannot be encrypted at rest. ${REPLICATION_GROUP_FIX}`, { path: 'engine' });
      case 'standalone':
        // Memcached keeps nothing on disk: there is nothing at rest to encrypt.
        if (kind.engine === 'memcached') return notApplicable();
        return fail(`A standalone ${kind.engine} ${CLUSTER} cannot be encrypted at rest: its snapshots and swap are in clear. ${REPLICATION_GROUP_FIX}`, { path: 'engine' });
      default:
        return throughGlobalPrimary(graph, cache, atRest, 'encryption at rest') ?? atRest(cache);
    }
  }),
});

function atRest(group: Resource): Outcome {
  return requireTrue(setting(group, 'at_rest_encryption_enabled'), {
    what: '`at_rest_encryption_enabled`',
    fix: FIX,
    absent: defaultFor(setting(group, 'engine').string()),
    absentMeans: 'unencrypted for the Redis OSS engine',
  });
}
