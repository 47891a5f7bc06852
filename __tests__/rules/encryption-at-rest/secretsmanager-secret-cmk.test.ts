import rule from '../../../checks/rules/encryption-at-rest/secretsmanager-secret-cmk';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { kmsKey, ref } from './fixtures';
import { checkFindings, withFiles } from '../../cli/run';
import { cdktfGraph } from '../../helpers/code-forms';
import { evaluateRule } from '../../helpers/rule-table';

const S = 'aws_secretsmanager_secret.s';

ruleTable(rule, [
  { name: 'a key of the plan passes', plan: plan([kmsKey('aws_kms_key.k'), res(S, { name: 's' }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.k', 'arn') } })]), expect: { [S]: 'pass' } },
  { name: 'no key (aws/secretsmanager) fails', plan: plan([res(S, { name: 's' })]), expect: { [S]: 'fail' }, message: /aws\/secretsmanager/ },
  { name: 'the AWS-managed alias fails', plan: plan([res(S, { name: 's', kms_key_id: 'alias/aws/secretsmanager' })]), expect: { [S]: 'fail' } },
  {
    name: 'a looked-up AWS-managed alias (data source) fails',
    plan: plan([
      res('data.aws_kms_alias.sm', { name: 'alias/aws/secretsmanager' }, { actions: ['read'], unknown: { target_key_arn: true } }),
      res(S, { name: 's' }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('data.aws_kms_alias.sm', 'target_key_arn') } }),
    ]),
    expect: { [S]: 'fail' },
  },
  {
    name: 'a replica in another Region without a key fails: Secrets Manager encrypts it with aws/secretsmanager there',
    plan: plan([kmsKey('aws_kms_key.k'), res(S, { name: 's', replica: [{ region: 'eu-west-1' }] }, { unknown: { kms_key_id: true, replica: [{ kms_key_id: true }] }, refs: { kms_key_id: ref('aws_kms_key.k', 'arn') } })]),
    expect: { [S]: 'fail' },
    message: /replica in eu-west-1 is not set, so the default applies: the AWS-managed key aws\/secretsmanager/,
  },
  {
    name: 'a replica with the AWS alias fails',
    plan: plan([kmsKey('aws_kms_key.k'), res(S, { name: 's', replica: [{ region: 'eu-central-1', kms_key_id: 'alias/aws/secretsmanager' }] }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.k', 'arn') } })]),
    expect: { [S]: 'fail' },
    message: /replica in eu-central-1 is `alias\/aws\/secretsmanager`/,
  },
  {
    name: 'replicas whose keys are all customer-managed pass; an awscc replica region without a key fails',
    plan: plan([
      kmsKey('aws_kms_key.k'),
      res(S, { name: 's', kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', replica: [{ region: 'eu-west-1', kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }] }),
      res('awscc_secretsmanager_secret.r', { name: 'r', kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', replica_regions: [{ region: 'eu-west-1' }] }, { unknown: { id: true } }),
    ]),
    expect: { [S]: 'pass', 'awscc_secretsmanager_secret.r': 'fail' },
  },
  { name: 'an unfollowable key known only after apply is unknown', plan: plan([res(S, { name: 's' }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ['var.key'] } })]), expect: { [S]: 'unknown' } },
  { name: 'a sensitive key id is not echoed', plan: plan([res(S, { name: 's', kms_key_id: 'alias/aws/secret-ish' }, { sensitive: { kms_key_id: true } })]), expect: { [S]: 'fail' }, message: /^(?!.*secret-ish)/ },
  { name: 'an awscc secret without a key fails', plan: plan([res('awscc_secretsmanager_secret.s', { name: 's' }, { unknown: { id: true } })]), expect: { 'awscc_secretsmanager_secret.s': 'fail' } },
  {
    name: 'an awscc secret with an awscc key passes',
    plan: plan([
      res('awscc_kms_key.k', { description: 'k' }, { unknown: { arn: true, key_id: true, id: true } }),
      res('awscc_secretsmanager_secret.s', { name: 's' }, { unknown: { id: true, kms_key_id: true }, refs: { kms_key_id: ['awscc_kms_key.k.arn', 'awscc_kms_key.k'] } }),
    ]),
    expect: { 'awscc_secretsmanager_secret.s': 'pass' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_secretsmanager_secret_version.v', {})]), expect: { 'aws_secretsmanager_secret_version.v': 'not-applicable' } },
]);

it('a .tf key chosen by an expression that may give another value (a variable not known) is unknown, not a pass', async () => {
  const tf = (key: string, declared = 'variable "key" {}') => `${declared}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_secretsmanager_secret" "s" {
  name       = "s"
  kms_key_id = ${key}
}
`;
  const findings = async (key: string, declared?: string) =>
    (await withFiles({ 'main.tf': tf(key, declared) }, (dir) => checkFindings([dir, '--input-kind', 'hcl']))).findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status, f.message]);
  const unknown = [[S, 'unknown', expect.stringMatching(/^`kms_key_id`: it is known only after apply, and its expression may give the ARN of key aws_kms_key\.k or another value it reads/)]];
  // `var.key` may be "alias/aws/secretsmanager": terraform-aws-modules write keys so.
  expect(await findings('var.key != "" ? var.key : aws_kms_key.k.arn')).toEqual(unknown);
  expect(await findings('coalesce(var.key, aws_kms_key.k.arn)')).toEqual(unknown);
  expect(await findings('aws_kms_key.k.arn')).toEqual([]);
  // The code gives the key whole where the variable's default decides so.
  expect(await findings('var.key != "" ? var.key : aws_kms_key.k.arn', 'variable "key" {\n  default = ""\n}')).toEqual([]);
});

it('a .tf key made from a key by a function or a template is unknown, not a pass: it may be another key', async () => {
  const tf = (key: string) => `variable "key" {}
locals {
  key = aws_kms_key.k.arn
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_secretsmanager_secret" "s" {
  name       = "s"
  kms_key_id = ${key}
}
resource "aws_sqs_queue" "q" {
  name              = "q"
  kms_master_key_id = ${key}
}
`;
  const findings = async (key: string) =>
    (await withFiles({ 'main.tf': tf(key) }, (dir) => checkFindings([dir, '--input-kind', 'hcl']))).findings
      .filter((f) => f.ruleId === rule.id || f.ruleId === 'sqs-queue-encrypted')
      .map((f) => [f.address, f.status, f.message]);
  const SECRET_FIX = 'Set `kms_key_id = aws_kms_key.<key>.arn` (a customer-managed key whose policy names who may decrypt the secret), and in each `replica` a key of its Region.';
  const QUEUE_FIX = 'Set `kms_master_key_id = aws_kms_key.<key>.id` (SSE-KMS) or `sqs_managed_sse_enabled = true` (SSE-SQS).';
  const unknown = (text: string) =>
    [S, 'aws_sqs_queue.q'].map((address) => [address, 'unknown', `\`${address === S ? 'kms_key_id' : 'kms_master_key_id'}\`: it is known only after apply and its code makes it from aws_kms_key.k by ${text} (it may name another key), so the gate cannot vouch for the key. ${address === S ? SECRET_FIX : QUEUE_FIX}`]);
  // Terraform's value is alias/aws/secretsmanager, the AWS-managed key.
  expect(await findings('replace(aws_kms_key.k.arn, "/.*/", "alias/aws/secretsmanager")')).toEqual(unknown('replace()'));
  for (const key of ['strrev(aws_kms_key.k.arn)', 'lower(aws_kms_key.k.arn)', 'upper(aws_kms_key.k.key_id)', 'trimprefix(aws_kms_key.k.arn, "arn:")', 'substr(aws_kms_key.k.arn, 0, 4)', 'sha256(aws_kms_key.k.arn)', 'base64encode(aws_kms_key.k.arn)', 'urlencode(aws_kms_key.k.arn)', 'trim(aws_kms_key.k.arn, "a")']) {
    expect([key, await findings(key)]).toEqual([key, unknown(`${key.slice(0, key.indexOf('('))}()`)]);
  }
  expect(await findings('"${aws_kms_key.k.arn}x"')).toEqual(unknown('a template'));
  expect(await findings('format("%s-x", aws_kms_key.k.arn)')).toEqual(unknown('format()'));
  // The key whole, through a local or a conditional whose variable is not known (which may give another value), as before.
  expect(await findings('aws_kms_key.k.arn')).toEqual([]);
  expect(await findings('local.key')).toEqual([]);
  expect(await findings('"${aws_kms_key.k.arn}"')).toEqual([]);
  expect((await findings('var.key != "" ? var.key : aws_kms_key.k.arn')).map(([, status, message]) => [status, message])).toEqual(
    [0, 1].map(() => ['unknown', expect.stringContaining('may give the ARN of key aws_kms_key.k or another value it reads')]),
  );
});

it('a cdk.tf.json key made from a key by a function is unknown, not a pass; the key whole passes', () => {
  const verdict = (key: string) =>
    evaluateRule(rule, cdktfGraph({ aws_kms_key: { k: { enable_key_rotation: true } }, aws_secretsmanager_secret: { s: { name: 's', kms_key_id: key } } })).map((v) => [v.address, v.status, v.message]);
  expect(verdict('${replace(aws_kms_key.k.arn, "/.*/", "alias/aws/secretsmanager")}')).toEqual([
    [S, 'unknown', expect.stringContaining('its code makes it from aws_kms_key.k by replace() (it may name another key)')],
  ]);
  expect(verdict('${aws_kms_key.k.arn}').map(([, status]) => status)).toEqual(['pass']);
});
