import { choicesAt } from '../../model/graph/config';
import { BUCKET_TYPES, bucketEncryption, encryptionSources, forProvider, SSE_TYPE, type EncryptionSource } from '../support/s3';
import { awsDoc, configRule } from '../support/references';
import { managedOnly, requireOneOf, worst } from '../support/verdict';
import { defineRule, fail, unknown, type Outcome } from '../types';

const ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** Where an SSE configuration resource writes its algorithm. */
const ALGORITHM_PATH = ['rule', 0, 'apply_server_side_encryption_by_default', 0, 'sse_algorithm'];

const FIX = `Add an ${SSE_TYPE} whose \`bucket\` is this bucket's id, with \`rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" } }\`.`;
const AWSCC_FIX = 'Set `bucket_encryption = { server_side_encryption_configuration = [{ server_side_encryption_by_default = { sse_algorithm = "aws:kms" } }] }`.';

/** Whether `source` sets an accepted algorithm. */
function algorithmVerdict(source: EncryptionSource, fix: string): Outcome {
  // A conditional whose condition is not known, each side an accepted algorithm, encrypts either way (checkov #7269).
  const choices = source.holder.type === SSE_TYPE ? choicesAt(source.holder.data.config, ALGORITHM_PATH) : undefined;
  return requireOneOf(source.settings.get('sse_algorithm'), ALGORITHMS, {
    ...(choices ? { choices } : {}),
    what: `\`sse_algorithm\` in ${source.source}`,
    fix,
    absent: 'fail',
  });
}

/** Every bucket has an explicit default-encryption configuration linked to it. */
export default defineRule({
  id: 's3-bucket-default-encryption',
  title: 'S3 buckets have an explicit default-encryption configuration',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'An explicit default-encryption configuration states the bucket\'s encryption in code, so it is reviewed, kept on drift and cannot silently fall back. AWS provider v4+ plans render the deprecated inline block as unknown or filled from the API, so only a linked configuration resource (or a known inline block written in the configuration, provider v3) counts. An awscc_s3_bucket states it in its own `bucket_encryption`.',
  remediation: `${FIX} For an awscc_s3_bucket: ${AWSCC_FIX}`,
  references: [
    configRule('s3-bucket-server-side-encryption-enabled'),
    awsDoc('Setting default server-side encryption behavior for Amazon S3 buckets', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html'),
  ],
  appliesTo: BUCKET_TYPES,
  evaluate: managedOnly((bucket, { graph }) => {
    const fix = forProvider(bucket, FIX, AWSCC_FIX);
    const encryption = bucketEncryption(graph, bucket);
    if (encryption.status === 'none') return fail(`The bucket has no default-encryption configuration: ${encryption.message}. ${fix}`);
    if (encryption.status === 'unknown') return unknown(`The bucket's default encryption cannot be determined: ${encryption.message}. ${fix}`);
    return worst(encryptionSources(encryption).map((source) => algorithmVerdict(source, fix)));
  }),
});
