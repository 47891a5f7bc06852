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
import { twinguard, withFiles } from '../../cli/run';

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

// checkov #7269: the module's `sse_algorithm = var.kms_key_arn == "" ? "AES256" : "aws:kms"`, called with a key's ARN
// known only after apply. In code the condition is not known, but either side encrypts the bucket.
describe('a conditional sse_algorithm whose condition is not known, in .tf code (checkov #7269)', () => {
  const module = (algorithms: string) => ({
    'main.tf': 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "data"\n}\nmodule "sse" {\n  source      = "./sse"\n  bucket      = aws_s3_bucket.b.id\n  kms_key_arn = aws_kms_key.k.arn\n}\n',
    'sse/main.tf': `variable "bucket" {}\nvariable "kms_key_arn" {\n  default = ""\n}\nresource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = var.bucket\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = var.kms_key_arn == "" ? ${algorithms}\n      kms_master_key_id = var.kms_key_arn == "" ? "" : var.kms_key_arn\n    }\n  }\n}\n`,
  });
  const defaultEncryptionOf = async (algorithms: string): Promise<string> =>
    withFiles(module(algorithms), async (dir) => {
      const report = JSON.parse((await twinguard(['check', dir, '--format', 'json'])).stdout);
      return report.findings.find((f: { ruleId: string; address: string }) => f.ruleId === 's3-bucket-default-encryption' && f.address === 'aws_s3_bucket.b')?.status ?? 'pass';
    });

  it('passes s3-bucket-default-encryption when both sides are accepted algorithms', async () => {
    expect(await defaultEncryptionOf('"AES256" : "aws:kms"')).toBe('pass');
  });

  it('passes in a plan read with that code (--code), where the plan records only the references', async () => {
    const code = 'variable "algorithm" {}\nresource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\nresource "aws_s3_bucket_server_side_encryption_configuration" "data" {\n  bucket = aws_s3_bucket.data.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = var.algorithm == "" ? "AES256" : "aws:kms"\n    }\n    bucket_key_enabled = true\n  }\n}\n';
    const planned = plan([bucket('aws_s3_bucket.data'), sse(`${SSE}.data`, 'aws_s3_bucket.data', { algorithmUnknown: true })]);
    const statusWith = async (args: string[]): Promise<string> =>
      withFiles({ 'plan.json': JSON.stringify(planned), 'code/main.tf': code }, async (dir) => {
        const report = JSON.parse((await twinguard(['check', `${dir}/plan.json`, ...args.map((a) => a.replace('DIR', dir)), '--format', 'json'])).stdout);
        return report.findings.find((f: { ruleId: string; address: string }) => f.ruleId === 's3-bucket-default-encryption' && f.address === 'aws_s3_bucket.data')?.status ?? 'pass';
      });
    expect(await statusWith([])).toBe('unknown');
    expect(await statusWith(['--code', 'DIR/code'])).toBe('pass');
  });

  it('is unknown when a side is no algorithm S3 accepts', async () => {
    expect(await defaultEncryptionOf('"AES256" : "none"')).toBe('unknown');
  });
});
