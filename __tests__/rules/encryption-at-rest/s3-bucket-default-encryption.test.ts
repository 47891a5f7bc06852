import rule from '../../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, inlineSse, sse } from './fixtures';
import { checkFindings, withFiles } from '../../cli/run';

ruleTable(rule, [
  {
    name: 'a linked SSE configuration (SSE-S3) passes',
    plan: plan([bucket('aws_s3_bucket.data'), sse('aws_s3_bucket_server_side_encryption_configuration.data', 'aws_s3_bucket.data', { algorithm: 'AES256' })]),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'a linked SSE-KMS configuration passes',
    plan: plan([bucket('aws_s3_bucket.data'), sse('aws_s3_bucket_server_side_encryption_configuration.data', 'aws_s3_bucket.data', { keyLiteral: 'alias/aws/s3' })]),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'no SSE configuration fails on the bucket, naming the missing satellite',
    plan: plan([bucket('aws_s3_bucket.data')]),
    expect: { 'aws_s3_bucket.data': 'fail' },
    message: /no aws_s3_bucket_server_side_encryption_configuration points at this bucket/,
  },
  {
    name: 'an SSE configuration of another bucket does not count',
    plan: plan([
      bucket('aws_s3_bucket.data'),
      bucket('aws_s3_bucket.other'),
      sse('aws_s3_bucket_server_side_encryption_configuration.other', 'aws_s3_bucket.other'),
    ]),
    expect: { 'aws_s3_bucket.data': 'fail', 'aws_s3_bucket.other': 'pass' },
  },
  {
    name: 'a known inline block written in the configuration (provider v3) passes',
    plan: plan([bucket('aws_s3_bucket.legacy', { inline: inlineSse('AES256') })]),
    expect: { 'aws_s3_bucket.legacy': 'pass' },
  },
  {
    name: 'an empty inline block never counts',
    plan: plan([bucket('aws_s3_bucket.legacy', { inline: [] })]),
    expect: { 'aws_s3_bucket.legacy': 'fail' },
  },
  {
    name: 'an inline block the provider filled in from the API (not in the configuration) does not count',
    plan: plan([
      res('aws_s3_bucket.live', { bucket: 'live', server_side_encryption_configuration: inlineSse('AES256') }, { actions: ['no-op'], expressions: { bucket: { constant_value: 'live' } } }),
    ]),
    expect: { 'aws_s3_bucket.live': 'fail' },
  },
  {
    name: 'an SSE configuration whose bucket is unknown and unfollowable makes the bucket unknown',
    plan: plan([bucket('aws_s3_bucket.data'), sse('aws_s3_bucket_server_side_encryption_configuration.x', 'aws_s3_bucket.data', { bucketRefs: [] })]),
    expect: { 'aws_s3_bucket.data': 'unknown' },
    message: /aws_s3_bucket_server_side_encryption_configuration\.x/,
  },
  {
    name: 'an sse_algorithm known only after apply is unknown',
    plan: plan([bucket('aws_s3_bucket.data'), sse('aws_s3_bucket_server_side_encryption_configuration.data', 'aws_s3_bucket.data', { algorithmUnknown: true })]),
    expect: { 'aws_s3_bucket.data': 'unknown' },
  },
  {
    name: 'other resource types are not-applicable',
    plan: plan([res('aws_sns_topic.t', { name: 't' })]),
    expect: { 'aws_sns_topic.t': 'not-applicable' },
  },
]);

// A message names the first five resources and counts the rest: listing all of them made every
// report grow with the square of the input.
const many = Array.from({ length: 12 }, (_, i) => `aws_s3_bucket_server_side_encryption_configuration.c${String(i).padStart(2, '0')}`);
ruleTable(rule, [
  {
    name: 'twelve SSE configurations of one bucket: the message names five and counts seven more',
    plan: plan([bucket('aws_s3_bucket.data'), ...many.map((address) => sse(address, 'aws_s3_bucket.data'))]),
    expect: { 'aws_s3_bucket.data': 'unknown' },
    message: /several aws_s3_bucket_server_side_encryption_configuration resources point at this bucket \(aws_s3_bucket_server_side_encryption_configuration\.c\d\d(, aws_s3_bucket_server_side_encryption_configuration\.c\d\d){4} and 7 more\)/,
  },
]);

it('a .tf inline block written beside an SSE configuration, its algorithm known only after apply, is unknown: the bucket puts it back on drift', async () => {
  const tf = (algorithm: string) => `variable "algorithm" {}
resource "aws_s3_bucket" "data" {
  bucket = "data"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = ${algorithm}
      }
    }
  }
}
resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`;
  const findings = async (algorithm: string) =>
    (await withFiles({ 'main.tf': tf(algorithm) }, (dir) => checkFindings([dir, '--input-kind', 'hcl']))).findings
      .filter((f) => f.ruleId === rule.id)
      .map((f) => [f.address, f.status, f.message]);
  expect(await findings('var.algorithm')).toEqual([
    [
      'aws_s3_bucket.data',
      'unknown',
      expect.stringMatching(
        /^The bucket's default encryption cannot be determined: the inline server_side_encryption_configuration \(in force from creation until aws_s3_bucket_server_side_encryption_configuration\.data replaces it, and again on drift\) is known only after apply\./,
      ),
    ],
  ]);
  expect(await findings('"AES256"')).toEqual([]);
});
