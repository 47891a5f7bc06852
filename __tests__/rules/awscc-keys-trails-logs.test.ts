/**
 * The KMS, CloudTrail and CloudWatch Logs rules on the awscc types a TwinMaker configuration
 * written in awscc alone uses: `awscc_kms_key` (and keys named through `awscc_kms_key` or
 * `awscc_kms_alias`), `awscc_cloudtrail_trail` (whose bucket is then in scope of the trail-bucket
 * rules) and `awscc_logs_log_group`. awscc computes what the configuration leaves unset, so a plan
 * shows it unknown; the rules judge the default then, as they do for a .tf.
 */
import kmsKeyRotation from '../../checks/rules/encryption-at-rest/kms-key-rotation';
import kmsKeyDeletionWindow from '../../checks/rules/encryption-at-rest/kms-key-deletion-window';
import cloudtrailKms from '../../checks/rules/encryption-at-rest/cloudtrail-kms-encryption';
import logGroupEncrypted from '../../checks/rules/encryption-at-rest/cloudwatch-log-group-encrypted';
import sseKms from '../../checks/rules/encryption-at-rest/s3-bucket-sse-kms';
import multiRegion from '../../checks/rules/logging/cloudtrail-multi-region';
import logFileValidation from '../../checks/rules/logging/cloudtrail-log-file-validation';
import { plan, res, type Res } from '../helpers/plan-builder';
import { ruleTable } from '../helpers/rule-table';
import { ref } from './encryption-at-rest/fixtures';

const K = 'awscc_kms_key.k';
const T = 'awscc_cloudtrail_trail.t';
const L = 'awscc_logs_log_group.l';
const B = 'awscc_s3_bucket.trail';

/** Attributes awscc computes when the configuration leaves them unset. */
const computedUnless = (own: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.filter((key) => !(key in own)).map((key) => [key, true]));

const KEY_COMPUTED = ['enable_key_rotation', 'key_spec', 'pending_window_in_days', 'key_policy'];
const key = (own: Record<string, unknown> = {}, options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]> } = {}): Res =>
  res(K, { description: 'twinmaker', ...own }, { unknown: { arn: true, id: true, key_id: true, ...computedUnless(own, KEY_COMPUTED), ...options.unknown }, refs: options.refs });

const TRAIL_COMPUTED = ['is_multi_region_trail', 'include_global_service_events', 'enable_log_file_validation', 'kms_key_id'];
const TRAIL_REFS = { s3_bucket_name: ref(B, 'id'), kms_key_id: ref(K, 'id') };
const trail = (own: Record<string, unknown> = {}, options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]> } = {}): Res =>
  res(T, { trail_name: 'audit', is_logging: true, ...own }, { unknown: { arn: true, id: true, s3_bucket_name: true, ...computedUnless(own, TRAIL_COMPUTED), ...options.unknown }, refs: options.refs });
/** A compliant awscc trail: multi-Region, validated, encrypted with the awscc key (by reference to its id). */
const goodTrail = (own: Record<string, unknown> = {}) => trail({ is_multi_region_trail: true, enable_log_file_validation: true, ...own }, { unknown: { kms_key_id: true }, refs: TRAIL_REFS });

const logGroup = (own: Record<string, unknown> = {}, options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]> } = {}): Res =>
  res(L, { log_group_name: 'twinmaker', ...own }, { unknown: { arn: true, id: true, ...computedUnless(own, ['kms_key_id']), ...options.unknown }, refs: options.refs });

/** The trail's awscc bucket, encrypted with SSE-KMS (`kms_master_key_id` is a literal `key_id`, `KEY_ID`). */
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const trailBucket = (algorithm: string): Res =>
  res(B, { bucket_name: 'audit-logs', bucket_encryption: { server_side_encryption_configuration: [{ server_side_encryption_by_default: { sse_algorithm: algorithm, ...(algorithm === 'aws:kms' ? { kms_master_key_id: KEY_ID } : {}) } }] } }, { unknown: { arn: true, id: true } });

describe('the KMS, CloudTrail and CloudWatch Logs rules on awscc types', () => {
  ruleTable(kmsKeyRotation, [
    { name: 'an awscc_kms_key with enable_key_rotation passes', plan: plan([key({ enable_key_rotation: true })]), expect: { [K]: 'pass' } },
    { name: 'rotation left unset fails (default false; the plan shows it computed)', plan: plan([key()]), expect: { [K]: 'fail' }, message: /enable_key_rotation/ },
    { name: 'an asymmetric key_spec is not applicable', plan: plan([key({ key_spec: 'RSA_2048' })]), expect: { [K]: 'not-applicable' } },
    { name: 'a key_spec known only after apply is unknown, naming key_spec', plan: plan([key({}, { unknown: { key_spec: true }, refs: { key_spec: ['var.spec'] } })]), expect: { [K]: 'unknown' }, message: /`key_spec`/ },
  ]);

  ruleTable(kmsKeyDeletionWindow, [
    { name: 'pending_window_in_days left unset passes (default 30)', plan: plan([key({ enable_key_rotation: true })]), expect: { [K]: 'pass' } },
    {
      name: 'pending_window_in_days known only after apply is unknown, naming the awscc attribute',
      plan: plan([key({ enable_key_rotation: true }, { unknown: { pending_window_in_days: true }, refs: { pending_window_in_days: ['var.days'] } })]),
      expect: { [K]: 'unknown' },
      message: /`pending_window_in_days`/,
    },
  ]);

  ruleTable(multiRegion, [
    { name: 'a multi-Region awscc trail passes with include_global_service_events left at its default', plan: plan([goodTrail(), key()]), expect: { [T]: 'pass' } },
    { name: 'is_multi_region_trail left unset fails (default false)', plan: plan([trail()]), expect: { [T]: 'fail' }, message: /is_multi_region_trail is not set/ },
    { name: 'include_global_service_events = false fails', plan: plan([goodTrail({ include_global_service_events: false }), key()]), expect: { [T]: 'fail' }, message: /include_global_service_events is false/ },
  ]);

  ruleTable(logFileValidation, [
    { name: 'enable_log_file_validation passes', plan: plan([goodTrail(), key()]), expect: { [T]: 'pass' } },
    { name: 'left unset fails (default false)', plan: plan([trail({ is_multi_region_trail: true })]), expect: { [T]: 'fail' }, message: /enable_log_file_validation is not set/ },
  ]);

  ruleTable(cloudtrailKms, [
    { name: 'kms_key_id naming an awscc_kms_key by reference passes', plan: plan([goodTrail(), key()]), expect: { [T]: 'pass' } },
    {
      name: 'kms_key_id naming an awscc_kms_alias by reference passes',
      plan: plan([
        trail({ is_multi_region_trail: true, enable_log_file_validation: true }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('awscc_kms_alias.audit', 'alias_name') } }),
        res('awscc_kms_alias.audit', { alias_name: 'alias/audit' }, { unknown: { id: true, target_key_id: true }, refs: { target_key_id: ref(K, 'arn') } }),
        key(),
      ]),
      expect: { [T]: 'pass' },
    },
    { name: 'no kms_key_id fails (SSE-S3 only)', plan: plan([trail({ is_multi_region_trail: true, enable_log_file_validation: true })]), expect: { [T]: 'fail' }, message: /SSE-S3 only/ },
  ]);

  ruleTable(sseKms, [
    { name: 'an awscc trail puts its bucket in scope: SSE-S3 fails there', plan: plan([goodTrail(), key(), trailBucket('AES256')]), expect: { [B]: 'fail' }, message: /used by awscc_cloudtrail_trail\.t/ },
    { name: 'SSE-KMS under a customer key passes', plan: plan([goodTrail(), key(), trailBucket('aws:kms')]), expect: { [B]: 'pass' } },
  ]);

  ruleTable(logGroupEncrypted, [
    { name: 'an awscc_logs_log_group with kms_key_id naming an awscc_kms_key passes', plan: plan([logGroup({}, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref(K, 'arn') } }), key()]), expect: { [L]: 'pass' } },
    { name: 'one without kms_key_id fails', plan: plan([logGroup()]), expect: { [L]: 'fail' }, message: /kms_key_id/ },
  ]);
});
