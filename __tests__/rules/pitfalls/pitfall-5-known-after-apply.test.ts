/**
 * Peer-pitfall 5: values known only after apply — a KMS key id or a bucket id that is "known after
 * apply" — make checks fail spuriously or pass silently (checkov #5472, #5752, #7458; regula #420).
 * twinguard follows the reference when it can (a key of the plan passes, whatever its ARN turns
 * out to be; a bucket policy is read from the code that made the plan), and answers `unknown`,
 * never pass, when it cannot.
 */
import * as path from 'node:path';
import cloudtrailKms from '../../../checks/rules/encryption-at-rest/cloudtrail-kms-encryption';
import defaultEncryption from '../../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
import sseKms from '../../../checks/rules/encryption-at-rest/s3-bucket-sse-kms';
import secretCmk from '../../../checks/rules/encryption-at-rest/secretsmanager-secret-cmk';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, kmsKey, ref, sse, trail, workspace } from '../encryption-at-rest/fixtures';
import { twinguard } from '../../cli/run';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const twin = (keyRef: string, extra: ReturnType<typeof res>[] = []) =>
  plan([bucket('aws_s3_bucket.twin'), workspace('awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.twin'), sse(`${SSE}.twin`, 'aws_s3_bucket.twin', { keyRef }), ...extra]);

ruleTable(sseKms, [
  { name: 'a key id known after apply, from a key of the plan: no spurious fail', plan: twin('aws_kms_key.data', [kmsKey('aws_kms_key.data')]), expect: { 'aws_s3_bucket.twin': 'pass' } },
  { name: 'a key id known after apply from an unfollowable source: unknown, no silent pass', plan: twin('module.keys.key_arn'), expect: { 'aws_s3_bucket.twin': 'unknown' } },
]);

ruleTable(defaultEncryption, [
  {
    name: 'a bucket id known after apply still links its SSE configuration by reference',
    plan: plan([bucket('aws_s3_bucket.data'), sse(`${SSE}.data`, 'aws_s3_bucket.data')]),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'an SSE configuration whose bucket is unknown and unfollowable: every bucket it might configure is unknown',
    plan: plan([bucket('aws_s3_bucket.a'), bucket('aws_s3_bucket.b'), sse(`${SSE}.x`, 'aws_s3_bucket.a', { bucketRefs: ['var.bucket_id'] })]),
    expect: { 'aws_s3_bucket.a': 'unknown', 'aws_s3_bucket.b': 'unknown' },
  },
]);

ruleTable(cloudtrailKms, [
  {
    name: 'a trail key known after apply, from a key of the plan, passes',
    plan: plan([bucket('aws_s3_bucket.logs'), kmsKey('aws_kms_key.trail'), trail('aws_cloudtrail.t', 'aws_s3_bucket.logs', {}, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.trail', 'arn') } })]),
    expect: { 'aws_cloudtrail.t': 'pass' },
  },
  {
    name: 'a trail key known after apply from a variable is unknown',
    plan: plan([bucket('aws_s3_bucket.logs'), trail('aws_cloudtrail.t', 'aws_s3_bucket.logs', {}, { unknown: { kms_key_id: true }, refs: { kms_key_id: ['var.trail_key'] } })]),
    expect: { 'aws_cloudtrail.t': 'unknown' },
  },
]);

ruleTable(secretCmk, [
  {
    name: 'a secret whose key id is known after apply from a data source lookup of a customer alias passes',
    plan: plan([
      res('data.aws_kms_alias.app', { name: 'alias/app' }, { actions: ['read'], unknown: { target_key_arn: true } }),
      res('aws_secretsmanager_secret.s', { name: 's' }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('data.aws_kms_alias.app', 'target_key_arn') } }),
    ]),
    expect: { 'aws_secretsmanager_secret.s': 'pass' },
  },
]);

describe("a bucket policy known after apply (it names the new bucket's ARN)", () => {
  const dir = path.join(__dirname, '..', '..', 'fixtures', 'policy-document');
  const tls = async (args: string[]) => {
    const run = await twinguard(['check', ...args, '--format', 'json']);
    return (JSON.parse(run.stdout).findings as { ruleId: string; status: string; message: string }[]).filter((f) => f.ruleId === 's3-bucket-deny-insecure-transport');
  };

  it('is unknown in the plan alone (never a pass, never a spurious fail), saying how to give the code, and passes read with the code that made the plan', async () => {
    expect(await tls([path.join(dir, 'plan.json')])).toEqual([expect.objectContaining({ status: 'unknown', message: expect.stringContaining('twinguard check plan.json --code DIR') })]);
    expect(await tls([path.join(dir, 'plan.json'), '--code', dir])).toEqual([]);
  });
});
