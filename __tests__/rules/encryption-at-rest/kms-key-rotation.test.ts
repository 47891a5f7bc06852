import rule from '../../../checks/rules/encryption-at-rest/kms-key-rotation';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { tfGraph } from '../../helpers/code-forms';
import { bucket, kmsKey } from './fixtures';

const K = 'aws_kms_key.k';

ruleTable(rule, [
  { name: 'a symmetric key with rotation passes', plan: plan([kmsKey(K)]), expect: { [K]: 'pass' } },
  { name: 'a key without a spec (symmetric default) with rotation passes', plan: plan([kmsKey(K, { customer_master_key_spec: null })]), expect: { [K]: 'pass' } },
  { name: 'rotation disabled fails', plan: plan([kmsKey(K, { enable_key_rotation: false })]), expect: { [K]: 'fail' }, message: /enable_key_rotation = true/ },
  { name: 'rotation unset fails (default off)', plan: plan([kmsKey(K, { enable_key_rotation: null })]), expect: { [K]: 'fail' } },
  { name: 'an asymmetric key is not-applicable', plan: plan([kmsKey(K, { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY', enable_key_rotation: false })]), expect: { [K]: 'not-applicable' } },
  { name: 'an HMAC key is not-applicable', plan: plan([kmsKey(K, { customer_master_key_spec: 'HMAC_256', key_usage: 'GENERATE_VERIFY_MAC', enable_key_rotation: false })]), expect: { [K]: 'not-applicable' } },
  { name: 'rotation known only after apply is unknown', plan: plan([kmsKey(K, { enable_key_rotation: null }, { enable_key_rotation: true }, { enable_key_rotation: ['var.rotate'] })]), expect: { [K]: 'unknown' } },
  { name: 'a key spec known only after apply is unknown', plan: plan([kmsKey(K, { customer_master_key_spec: null }, { customer_master_key_spec: true }, { customer_master_key_spec: ['var.spec'] })]), expect: { [K]: 'unknown' } },
  {
    name: 'keys KMS cannot rotate are not-applicable: in a CloudHSM or external key store, with imported material',
    plan: plan([
      kmsKey('aws_kms_key.hsm', { custom_key_store_id: 'cks-1234567890abcdef0', enable_key_rotation: false }),
      kmsKey('aws_kms_key.xks', { custom_key_store_id: 'cks-aaaa567890abcdef0', xks_key_id: 'ext-key-1', enable_key_rotation: false }),
      res('aws_kms_custom_key_store.store', { custom_key_store_name: 'hsm' }, { unknown: { id: true } }),
      kmsKey('aws_kms_key.in_store', { enable_key_rotation: null }, { custom_key_store_id: true }, { custom_key_store_id: ['aws_kms_custom_key_store.store.id', 'aws_kms_custom_key_store.store'] }),
      res('awscc_kms_key.imported', { origin: 'EXTERNAL', key_spec: 'SYMMETRIC_DEFAULT' }, { unknown: { id: true, arn: true, key_id: true, enable_key_rotation: true } }),
    ]),
    expect: { 'aws_kms_key.hsm': 'not-applicable', 'aws_kms_key.xks': 'not-applicable', 'aws_kms_key.in_store': 'not-applicable', 'awscc_kms_key.imported': 'not-applicable' },
  },
  {
    name: 'a key store known only after apply that names no key store of the input is unknown; an awscc key of KMS material still must rotate',
    plan: plan([
      kmsKey(K, { enable_key_rotation: false }, { custom_key_store_id: true }, { custom_key_store_id: ['var.store'] }),
      res('awscc_kms_key.own', { origin: 'AWS_KMS', key_spec: 'SYMMETRIC_DEFAULT', enable_key_rotation: false }, { unknown: { id: true, arn: true, key_id: true } }),
    ]),
    expect: { [K]: 'unknown', 'awscc_kms_key.own': 'fail' },
  },
  { name: 'other resource types are not-applicable', plan: plan([bucket('aws_s3_bucket.b')]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

// Terraform converts "true"/"1" and "false"/"0" wherever a bool is wanted (cty), case and text exact:
// an attribute, a condition, an untyped variable given `-var rotate=1`.
it('.tf: a bool written as a string Terraform converts ("1", "0", "true") is judged as that bool', async () => {
  const graph = await tfGraph(`
variable "rotate" {
  default = "1"
}
resource "aws_kms_key" "one" {
  enable_key_rotation = "1"
}
resource "aws_kms_key" "zero" {
  enable_key_rotation = "0"
}
resource "aws_kms_key" "text" {
  enable_key_rotation = "true"
}
resource "aws_kms_key" "var" {
  enable_key_rotation = var.rotate
}
resource "aws_kms_key" "cond" {
  enable_key_rotation = var.rotate ? true : false
}
resource "aws_kms_key" "and" {
  enable_key_rotation = var.rotate && "0"
}
`);
  expect(worstByAddress(evaluateRule(rule, graph))).toEqual({
    'aws_kms_key.one': 'pass',
    'aws_kms_key.zero': 'fail',
    'aws_kms_key.text': 'pass',
    'aws_kms_key.var': 'pass',
    'aws_kms_key.cond': 'pass',
    'aws_kms_key.and': 'fail',
  });
});

// Terraform asks for a root variable nothing sets (no default, no variable file, no -var) or refuses to plan: its value is
// not one "known only after apply", and the finding says what to give, as s3-bucket-public-access-block does for a count.
it('.tf: a root variable nothing sets is named as having no known value, not as known only after apply', async () => {
  const graph = await tfGraph(`
variable "enable_key_rotation" {
  type = bool
}
resource "aws_kms_key" "k" {
  enable_key_rotation = var.enable_key_rotation
}
resource "aws_kms_key" "later" {
  enable_key_rotation = aws_kms_key.k.arn != ""
}
`);
  const verdicts = evaluateRule(rule, graph);
  expect(verdicts.map((v) => [v.address, v.status, v.message])).toEqual([
    ['aws_kms_key.k', 'unknown', expect.stringContaining("`enable_key_rotation`: `var.enable_key_rotation` has no known value (give the variables' values, or check a plan), so the gate cannot vouch for it.")],
    ['aws_kms_key.later', 'unknown', expect.stringContaining('`enable_key_rotation` is known only after apply, so the gate cannot vouch for it.')],
  ]);
});
