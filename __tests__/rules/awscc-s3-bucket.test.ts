/**
 * The S3 rules on an `awscc_s3_bucket`, the bucket TwinMaker users who run the awscc provider for
 * the workspace make with it too: each rule reads the bucket's own settings (which Cloud Control
 * reads back), falls back to an AWS-provider satellite that points at it, and a workspace finds it
 * as its bucket. Before, an all-awscc workspace was `unknown` ("not an aws_s3_bucket") and its
 * bucket went unchecked.
 */
import defaultEncryption from '../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
import sseKms from '../../checks/rules/encryption-at-rest/s3-bucket-sse-kms';
import workspaceBucketKnown from '../../checks/rules/encryption-at-rest/twinmaker-workspace-bucket-known';
import publicAccessBlock from '../../checks/rules/access/s3-bucket-public-access-block';
import ownerEnforced from '../../checks/rules/access/s3-bucket-owner-enforced';
import denyInsecureTransport from '../../checks/rules/encryption-in-transit/s3-bucket-deny-insecure-transport';
import denyOldTls from '../../checks/rules/encryption-in-transit/s3-bucket-deny-tls-below-1-2';
import accessLogging from '../../checks/rules/logging/s3-bucket-access-logging';
import { plan, res, type Res } from '../helpers/plan-builder';
import { ruleTable } from '../helpers/rule-table';
import { kmsKey, ref, workspace } from './encryption-at-rest/fixtures';
import { ALL_BLOCKED, bucketPolicy, denyInsecure, denyOldTls as denyOldTlsStatement, policyJson, publicAccessBlock as awsPublicAccessBlock } from './fixtures/transit';

const B = 'awscc_s3_bucket.ws';
const W = 'awscc_iottwinmaker_workspace.w';
const K = 'aws_kms_key.k';
const ARN = 'arn:aws:s3:::tm-ws';

/** Settings Cloud Control computes when the configuration leaves them unset (a plan for a new bucket shows them unknown). */
const COMPUTED = ['bucket_encryption', 'public_access_block_configuration', 'ownership_controls', 'logging_configuration'];

/** An `awscc_s3_bucket` named tm-ws being created, with `own` settings written in its configuration. */
function awsccBucket(own: Record<string, unknown> = {}, options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]> } = {}): Res {
  const computed = Object.fromEntries(COMPUTED.filter((key) => !(key in own)).map((key) => [key, true]));
  return res(B, { bucket_name: 'tm-ws', ...own }, { unknown: { arn: true, id: true, ...computed, ...options.unknown }, refs: options.refs });
}

const encryption = (byDefault: Record<string, unknown>) => ({ server_side_encryption_configuration: [{ server_side_encryption_by_default: byDefault }] });
/** SSE-KMS under `aws_kms_key.k`, whose ARN is known only after apply. */
const KMS_OWN = { bucket_encryption: encryption({ sse_algorithm: 'aws:kms' }) };
const KMS_OPTIONS = { unknown: { bucket_encryption: { server_side_encryption_configuration: [{ server_side_encryption_by_default: { kms_master_key_id: true } }] } }, refs: { bucket_encryption: ref(K, 'arn') } };

/** An `awscc_s3_bucket_policy` of the awscc bucket, by reference to its name. */
const awsccPolicy = (statements: Record<string, unknown>[]): Res =>
  res('awscc_s3_bucket_policy.ws', { policy_document: policyJson(statements) }, { unknown: { bucket: true, id: true }, refs: { bucket: ref(B, 'bucket_name') } });

describe('the S3 rules on awscc_s3_bucket', () => {
  ruleTable(workspaceBucketKnown, [
    { name: 'a workspace whose s3_location references an awscc bucket knows its bucket', plan: plan([awsccBucket(KMS_OWN, KMS_OPTIONS), kmsKey(K), workspace(W, B)]), expect: { [W]: 'pass' } },
    { name: 'a workspace naming the awscc bucket by its literal ARN knows it too (by bucket_name)', plan: plan([awsccBucket(KMS_OWN, KMS_OPTIONS), kmsKey(K), workspace(W, undefined, ARN)]), expect: { [W]: 'pass' } },
  ]);

  ruleTable(sseKms, [
    { name: 'bucket_encryption with SSE-KMS under a customer-managed key passes for the workspace bucket', plan: plan([awsccBucket(KMS_OWN, KMS_OPTIONS), kmsKey(K), workspace(W, B)]), expect: { [B]: 'pass' } },
    {
      name: 'bucket_encryption with AES256 fails for the workspace bucket, with the awscc fix',
      plan: plan([awsccBucket({ bucket_encryption: encryption({ sse_algorithm: 'AES256' }) }), workspace(W, B)]),
      expect: { [B]: 'fail' },
      message: /used by awscc_iottwinmaker_workspace\.w; `sse_algorithm` in its `bucket_encryption` is "AES256".*Set `bucket_encryption = /,
    },
    {
      name: 'SSE-KMS without a key (the AWS-managed aws/s3) fails',
      plan: plan([awsccBucket({ bucket_encryption: encryption({ sse_algorithm: 'aws:kms' }) }), workspace(W, B)]),
      expect: { [B]: 'fail' },
      message: /kms_master_key_id/,
    },
    {
      name: 'bucket_encryption known only after apply is unknown',
      plan: plan([awsccBucket({}, { unknown: { bucket_encryption: true }, refs: { bucket_encryption: ['var.encryption'] } }), workspace(W, B)]),
      expect: { [B]: 'unknown' },
      message: /its `bucket_encryption` is known only after apply/,
    },
    { name: 'a bucket no workspace or trail uses is not applicable', plan: plan([awsccBucket()]), expect: { [B]: 'not-applicable' } },
  ]);

  ruleTable(defaultEncryption, [
    { name: 'bucket_encryption with AES256 passes', plan: plan([awsccBucket({ bucket_encryption: encryption({ sse_algorithm: 'AES256' }) })]), expect: { [B]: 'pass' } },
    { name: 'no bucket_encryption fails, with the awscc fix', plan: plan([awsccBucket()]), expect: { [B]: 'fail' }, message: /no aws_s3_bucket_server_side_encryption_configuration points at this bucket\. Set `bucket_encryption = / },
    {
      name: 'an aws_s3_bucket_server_side_encryption_configuration pointing at the awscc bucket counts when bucket_encryption is unset',
      plan: plan([
        awsccBucket(),
        res('aws_s3_bucket_server_side_encryption_configuration.ws', { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }, { unknown: { bucket: true, id: true }, refs: { bucket: ref(B, 'id') } }),
      ]),
      expect: { [B]: 'pass' },
    },
    {
      name: 'two rules in bucket_encryption are unknown (S3 keeps one)',
      plan: plan([awsccBucket({ bucket_encryption: { server_side_encryption_configuration: [{ server_side_encryption_by_default: { sse_algorithm: 'AES256' } }, { server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] } })]),
      expect: { [B]: 'unknown' },
      message: /holds 2 rules/,
    },
  ]);

  ruleTable(publicAccessBlock, [
    { name: 'public_access_block_configuration with all four true passes', plan: plan([awsccBucket({ public_access_block_configuration: ALL_BLOCKED })]), expect: { [B]: 'pass' } },
    {
      name: 'one flag false fails',
      plan: plan([awsccBucket({ public_access_block_configuration: { ...ALL_BLOCKED, restrict_public_buckets: false } })]),
      expect: { [B]: 'fail' },
      message: /restrict_public_buckets is false.*Set `public_access_block_configuration = /,
    },
    { name: 'no public_access_block_configuration and no block resource fails, with the awscc fix', plan: plan([awsccBucket()]), expect: { [B]: 'fail' }, message: /Set `public_access_block_configuration = / },
    { name: 'an aws_s3_bucket_public_access_block pointing at the awscc bucket counts', plan: plan([awsccBucket(), awsPublicAccessBlock('aws_s3_bucket_public_access_block.ws', B)]), expect: { [B]: 'pass' } },
    {
      name: 'a setting an existing bucket reads back, but its configuration does not write, does not count (as in its .tf)',
      plan: plan([
        res(B, { bucket_name: 'tm-ws', public_access_block_configuration: ALL_BLOCKED }, { actions: ['no-op'], before: { bucket_name: 'tm-ws', public_access_block_configuration: ALL_BLOCKED }, expressions: { bucket_name: { constant_value: 'tm-ws' } } }),
      ]),
      expect: { [B]: 'fail' },
      message: /Set `public_access_block_configuration = /,
    },
  ]);

  ruleTable(ownerEnforced, [
    { name: 'ownership_controls with BucketOwnerEnforced passes', plan: plan([awsccBucket({ ownership_controls: { rules: [{ object_ownership: 'BucketOwnerEnforced' }] } })]), expect: { [B]: 'pass' } },
    { name: 'ObjectWriter fails', plan: plan([awsccBucket({ ownership_controls: { rules: [{ object_ownership: 'ObjectWriter' }] } })]), expect: { [B]: 'fail' }, message: /"ObjectWriter", so ACLs stay in force/ },
    { name: 'no ownership_controls fails, with the awscc fix', plan: plan([awsccBucket()]), expect: { [B]: 'fail' }, message: /Set `ownership_controls = / },
  ]);

  ruleTable(denyInsecureTransport, [
    { name: 'an awscc_s3_bucket_policy denying requests without TLS on the bucket named by bucket_name passes', plan: plan([awsccBucket(), awsccPolicy([denyInsecure(ARN)])]), expect: { [B]: 'pass' } },
    { name: 'an aws_s3_bucket_policy pointing at the awscc bucket counts too', plan: plan([awsccBucket(), bucketPolicy('aws_s3_bucket_policy.ws', B, [denyInsecure(ARN)], { bucketRefs: ref(B, 'id') })]), expect: { [B]: 'pass' } },
    { name: 'a Deny on the bucket alone, not its objects, fails', plan: plan([awsccBucket(), awsccPolicy([denyInsecure(ARN, { Resource: ARN })])]), expect: { [B]: 'fail' }, message: /its objects/ },
    {
      name: 'no policy fails, and the message does not offer an inline policy the awscc bucket cannot have',
      plan: plan([awsccBucket()]),
      expect: { [B]: 'fail' },
      message: /^no aws_s3_bucket_policy or awscc_s3_bucket_policy points at it\. /,
    },
    {
      name: 'an awscc_s3_bucket_policy governs an aws_s3_bucket as well',
      plan: plan([
        res('aws_s3_bucket.data', { bucket: 'data' }, { unknown: { id: true, arn: true, policy: true } }),
        res('awscc_s3_bucket_policy.data', { policy_document: policyJson([denyInsecure('arn:aws:s3:::data')]) }, { unknown: { bucket: true, id: true }, refs: { bucket: ref('aws_s3_bucket.data', 'id') } }),
      ]),
      expect: { 'aws_s3_bucket.data': 'pass' },
    },
  ]);

  ruleTable(denyOldTls, [
    { name: 'the workspace bucket with a Deny below TLS 1.2 in its awscc policy passes', plan: plan([awsccBucket(), awsccPolicy([denyInsecure(ARN), denyOldTlsStatement(ARN)]), workspace(W, B)]), expect: { [B]: 'pass' } },
    { name: 'without it, the workspace bucket fails', plan: plan([awsccBucket(), awsccPolicy([denyInsecure(ARN)]), workspace(W, B)]), expect: { [B]: 'fail' }, message: /s3:TlsVersion < 1\.2/ },
  ]);

  ruleTable(accessLogging, [
    { name: 'the workspace bucket with a logging_configuration passes', plan: plan([awsccBucket({ logging_configuration: { destination_bucket_name: 'tm-logs', log_file_prefix: 'ws/' } }), workspace(W, B)]), expect: { [B]: 'pass' } },
    { name: 'the workspace bucket without one fails, with the awscc fix', plan: plan([awsccBucket(), workspace(W, B)]), expect: { [B]: 'fail' }, message: /no `logging_configuration`.*Set `logging_configuration = / },
    {
      name: 'a logging_configuration known only after apply is unknown',
      plan: plan([awsccBucket({}, { unknown: { logging_configuration: true }, refs: { logging_configuration: ['var.logging'] } }), workspace(W, B)]),
      expect: { [B]: 'unknown' },
    },
  ]);
});
