import type { Val } from '../../model/value';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting, type WhenAbsent } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `at_rest_encryption_enabled = true` (with `kms_key_id` for a customer-managed key). It replaces the replication group.';

/** Provider default for an unset `at_rest_encryption_enabled`: on for Valkey, off for Redis OSS; unknown engine, unknown. */
function defaultFor(engine: Val<string>): WhenAbsent {
  if (engine.kind !== 'known') return engine.kind === 'absent' ? 'fail' : 'unknown';
  return engine.value === 'valkey' ? 'pass' : 'fail';
}

/** ElastiCache replication groups encrypt data at rest. */
export default defineRule({
  id: 'elasticache-at-rest-encryption',
  title: 'ElastiCache replication groups are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'At-rest encryption covers the cache\'s disk during sync, swap and backups in S3. It is chosen at creation; the provider default is off for Redis OSS (the default engine) and on for Valkey.',
  remediation: FIX,
  references: [
    securityHub('ElastiCache.4', 'ElastiCache replication groups should be encrypted at rest'),
    awsDoc('At-Rest Encryption in ElastiCache', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html'),
  ],
  appliesTo: ['aws_elasticache_replication_group'],
  evaluate: managedOnly((group) =>
    requireTrue(setting(group, 'at_rest_encryption_enabled'), {
      what: '`at_rest_encryption_enabled`',
      fix: FIX,
      absent: defaultFor(setting(group, 'engine').string()),
      absentMeans: 'unencrypted for the Redis OSS engine',
    }),
  ),
});
