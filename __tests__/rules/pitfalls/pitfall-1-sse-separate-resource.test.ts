/**
 * Peer-pitfall 1: a bucket encrypted by a separate aws_s3_bucket_server_side_encryption_configuration
 * is still flagged when the SSE resource uses count, sits in a module, or sets sse_algorithm
 * conditionally (checkov #4624, #3277, #7269; regula #363; terraform-compliance #617; defsec #517).
 * twinguard links the satellite to its bucket by configuration reference and reads the algorithm's
 * planned value, whatever expression produced it.
 */
import defaultEncryption from '../../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
import sseKms from '../../../checks/rules/encryption-at-rest/s3-bucket-sse-kms';
import { plan } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, kmsKey, sse, workspace } from '../encryption-at-rest/fixtures';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';

ruleTable(defaultEncryption, [
  {
    name: 'SSE with count links instance to instance',
    plan: plan([
      bucket('aws_s3_bucket.data[0]', { name: 'data-0', repetition: 'count' }),
      bucket('aws_s3_bucket.data[1]', { name: 'data-1', repetition: 'count' }),
      sse(`${SSE}.data[0]`, 'aws_s3_bucket.data', { repetition: 'count', bucketRefs: ['aws_s3_bucket.data', 'count.index'] }),
      sse(`${SSE}.data[1]`, 'aws_s3_bucket.data', { repetition: 'count', bucketRefs: ['aws_s3_bucket.data', 'count.index'] }),
    ]),
    expect: { 'aws_s3_bucket.data[0]': 'pass', 'aws_s3_bucket.data[1]': 'pass' },
  },
  {
    name: 'an SSE configuration for one instance only leaves the other instance failing',
    plan: plan([
      bucket('aws_s3_bucket.data[0]', { name: 'data-0', repetition: 'count' }),
      bucket('aws_s3_bucket.data[1]', { name: 'data-1', repetition: 'count' }),
      sse(`${SSE}.first`, 'aws_s3_bucket.data[0]', { bucketRefs: ['aws_s3_bucket.data[0].id', 'aws_s3_bucket.data[0]', 'aws_s3_bucket.data'] }),
    ]),
    expect: { 'aws_s3_bucket.data[0]': 'pass', 'aws_s3_bucket.data[1]': 'fail' },
  },
  {
    name: 'SSE with for_each over module instances links within each instance',
    plan: plan(
      [
        bucket('module.store["eu"].aws_s3_bucket.data', { name: 'data-eu' }),
        bucket('module.store["us"].aws_s3_bucket.data', { name: 'data-us' }),
        sse(`module.store["eu"].${SSE}.data`, 'module.store["eu"].aws_s3_bucket.data'),
        sse(`module.store["us"].${SSE}.data`, 'module.store["us"].aws_s3_bucket.data'),
      ],
      { moduleCalls: { 'module.store': { repetition: 'for_each' } } },
    ),
    expect: { 'module.store["eu"].aws_s3_bucket.data': 'pass', 'module.store["us"].aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'SSE in the root for a bucket in a module, through a module output',
    plan: plan(
      [bucket('module.store.aws_s3_bucket.data'), sse(`${SSE}.data`, 'module.store.aws_s3_bucket.data', { bucketRefs: ['module.store.bucket_id', 'module.store'] })],
      { moduleCalls: { 'module.store': { outputs: { bucket_id: { expression: { references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] } } } } } },
    ),
    expect: { 'module.store.aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'a conditional sse_algorithm (`var.kms ? "aws:kms" : "AES256"`) is judged on its planned value',
    plan: plan([bucket('aws_s3_bucket.data'), sse(`${SSE}.data`, 'aws_s3_bucket.data', { algorithm: 'AES256', algorithmRefs: ['var.kms'] })], { variables: { kms: false } }),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
]);

ruleTable(sseKms, [
  {
    name: 'a TwinMaker bucket in a module, with a count-repeated SSE-KMS configuration under a module key, passes',
    plan: plan([
      bucket('module.twin.aws_s3_bucket.data'),
      kmsKey('module.twin.aws_kms_key.data'),
      workspace('module.twin.awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.data'),
      sse(`module.twin.${SSE}.data[0]`, 'module.twin.aws_s3_bucket.data', { repetition: 'count', keyRef: 'aws_kms_key.data' }),
    ]),
    expect: { 'module.twin.aws_s3_bucket.data': 'pass' },
  },
]);
