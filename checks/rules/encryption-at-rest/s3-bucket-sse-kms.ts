import type { Graph, Resource } from '../../model/types';
import { addresses, BUCKET_TYPES, bucketEncryption, bucketUsage, forProvider, SSE_TYPE } from '../support/s3';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireKeyAt, requireOneOf } from '../support/verdict';
import { defineRule, fail, notApplicable, unknown, type Outcome } from '../types';

const FIX = `Give it an ${SSE_TYPE} with \`sse_algorithm = "aws:kms"\` and \`kms_master_key_id = aws_kms_key.<key>.arn\` (a customer-managed key).`;
const AWSCC_FIX =
  'Set `bucket_encryption = { server_side_encryption_configuration = [{ server_side_encryption_by_default = { sse_algorithm = "aws:kms", kms_master_key_id = aws_kms_key.<key>.arn } }] }` (a customer-managed key).';

/** Whether the bucket's default encryption is SSE-KMS under a customer-managed key; `who` opens every message. */
function judge(graph: Graph, bucket: Resource, who: string): Outcome {
  const fix = forProvider(bucket, FIX, AWSCC_FIX);
  const encryption = bucketEncryption(graph, bucket);
  if (encryption.status === 'none') return fail(`${who} but has no default encryption: ${encryption.message}. ${fix}`);
  if (encryption.status === 'unknown') return unknown(`${who} and its default encryption cannot be determined: ${encryption.message}. ${fix}`);
  const algorithm = requireOneOf(encryption.settings.get('sse_algorithm'), ['aws:kms', 'aws:kms:dsse'], {
    what: `${who}; \`sse_algorithm\` in ${encryption.source}`,
    fix,
    absent: 'fail',
  });
  if (algorithm.status !== 'pass') return algorithm;
  return requireKeyAt(graph, encryption.holder, encryption.settings.get('kms_master_key_id'), {
    what: `${who}; \`kms_master_key_id\` in ${encryption.source}`,
    fix,
    absent: 'fail',
    absentMeans: 'the AWS-managed key aws/s3',
  });
}

/** Buckets used by TwinMaker or CloudTrail (or every bucket, by configuration) use SSE-KMS with a customer-managed key. */
export default defineRule({
  id: 's3-bucket-sse-kms',
  title: 'Buckets used by TwinMaker or CloudTrail use SSE-KMS with a customer-managed key',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'A customer-managed KMS key puts every read of the workspace data and the audit trail under a key policy you control, logs each use in CloudTrail and lets you revoke access. SSE-S3 and the AWS-managed key aws/s3 offer none of that.',
  remediation: `${FIX} For an awscc_s3_bucket: ${AWSCC_FIX}`,
  references: [
    securityHub('S3.17', 'S3 general purpose buckets should be encrypted at rest with AWS KMS keys'),
    awsDoc('Using server-side encryption with AWS KMS keys (SSE-KMS)', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'),
  ],
  appliesTo: BUCKET_TYPES,
  evaluate: managedOnly((bucket, { graph, settings }) => {
    const usage = bucketUsage(graph, bucket);
    const users = [...usage.twinmaker, ...usage.cloudtrail];
    if (users.length > 0) return judge(graph, bucket, `The bucket is used by ${addresses(users)}`);
    if (settings.requireKmsForAllBuckets) return judge(graph, bucket, 'Every bucket needs SSE-KMS (requireKmsForAllBuckets)');
    if (usage.undetermined.length === 0) return notApplicable();
    // A workspace or trail whose bucket cannot be told may write here: a bucket that meets the bar passes, any other is unknown.
    const verdict = judge(graph, bucket, `The bucket may be used by ${addresses(usage.undetermined)} (whose bucket is known only after apply)`);
    return verdict.status === 'fail' ? unknown(verdict.message, { path: verdict.path }) : verdict;
  }),
});
