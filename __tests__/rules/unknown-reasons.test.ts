/**
 * Why a value is unknown, as a finding tells it, names only what Terraform's value depends on: of a conditional
 * whose condition the code fixes, the side it takes; a cycle of locals as the cycle Terraform refuses; and a value
 * Terraform computes at plan time from literals is evaluated, not "known only after apply".
 */
import efsEncrypted from '../../checks/rules/encryption-at-rest/efs-encrypted';
import snsTopicEncrypted from '../../checks/rules/encryption-at-rest/sns-topic-encrypted';
import { graphOf, plan, res } from '../helpers/plan-builder';
import { tfGraph } from '../helpers/code-forms';
import { evaluateRule } from '../helpers/rule-table';

const SNS_FIX = 'Set `kms_master_key_id = aws_kms_key.<key>.id` (or "alias/aws/sns" for the AWS-managed key).';
const NOT_LOADED = 'it comes from module.kms (terraform-aws-modules/kms/aws), which is not loaded (check a plan to follow it)';

describe('a conditional whose condition the code fixes', () => {
  const TF = `
variable "create_kms_key" {
  type    = bool
  default = true
}
variable "key_arn" {
  type    = string
  default = null
}
module "kms" {
  source  = "terraform-aws-modules/kms/aws"
  version = "2.1.0"
}
resource "aws_sns_topic" "direct" {
  name              = "direct"
  kms_master_key_id = module.kms.key_arn
}
resource "aws_sns_topic" "conditional" {
  name              = "conditional"
  kms_master_key_id = var.create_kms_key ? module.kms.key_arn : var.key_arn
}
`;

  it('names only what the side it takes reads: the module not loaded, as a direct reference does', async () => {
    const found = evaluateRule(snsTopicEncrypted, await tfGraph(TF));
    const direct = `\`kms_master_key_id\`: it is known only after apply and ${NOT_LOADED}, so the gate cannot vouch for the key. ${SNS_FIX}`;
    expect(found.map((v) => [v.address, v.status, v.message])).toEqual([
      ['aws_sns_topic.conditional', 'unknown', direct],
      ['aws_sns_topic.direct', 'unknown', direct],
    ]);
  });

  it('inside a module, names neither the condition nor the side not taken (EKS encryption_config idiom)', async () => {
    const tf = `
variable "create_kms_key" {
  type    = bool
  default = true
}
variable "cluster_encryption_config" {
  type    = any
  default = { resources = ["secrets"] }
}
module "kms" {
  source  = "terraform-aws-modules/kms/aws"
  version = "2.1.0"
}
resource "aws_sns_topic" "t" {
  name              = "t"
  kms_master_key_id = var.create_kms_key ? module.kms.key_arn : var.cluster_encryption_config.provider_key_arn
}
`;
    const [found] = evaluateRule(snsTopicEncrypted, await tfGraph(tf));
    expect([found.status, found.message]).toEqual(['unknown', `\`kms_master_key_id\`: it is known only after apply and ${NOT_LOADED}, so the gate cannot vouch for the key. ${SNS_FIX}`]);
  });

  it('with a condition not known, still names both sides', async () => {
    const [found] = evaluateRule(snsTopicEncrypted, await tfGraph(TF.replace('default = true', 'default = null')));
    expect(found.message).toContain('var.key_arn');
  });
});

describe('a cycle of locals', () => {
  it('names the cycle terraform refuses, not "locals are not in the input"', async () => {
    const graph = await tfGraph('locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_sns_topic" "t" {\n  name              = "x"\n  kms_master_key_id = local.a\n}\n');
    expect(evaluateRule(snsTopicEncrypted, graph).map((v) => [v.status, v.message])).toEqual([
      ['unknown', `\`kms_master_key_id\`: it is known only after apply and local.a leads back to itself through local.b (a cycle, which terraform refuses), so the gate cannot vouch for the key. ${SNS_FIX}`],
    ]);
  });

  it('a local that reads itself', async () => {
    const graph = await tfGraph('locals {\n  a = local.a\n}\nresource "aws_sns_topic" "t" {\n  name              = "x"\n  kms_master_key_id = local.a\n}\n');
    expect(evaluateRule(snsTopicEncrypted, graph).map((v) => v.message)).toEqual([
      `\`kms_master_key_id\`: it is known only after apply and local.a leads back to itself (a cycle, which terraform refuses), so the gate cannot vouch for the key. ${SNS_FIX}`,
    ]);
  });

  it('a plan, whose configuration records no locals, still says so', () => {
    const graph = graphOf(plan([res('aws_sns_topic.t', { name: 'x' }, { unknown: { kms_master_key_id: true }, refs: { kms_master_key_id: ['local.a'] } })]));
    expect(evaluateRule(snsTopicEncrypted, graph).map((v) => v.message)).toEqual([expect.stringContaining('it comes from local.a, and locals are not in the input')]);
  });
});

describe('values terraform computes at plan time from literals', () => {
  it('evaluates tonumber of a decimal string and a splat of an object', async () => {
    const graph = await tfGraph('resource "aws_efs_file_system" "splat" {\n  encrypted = length({ a = 1 }[*]) == 1\n}\nresource "aws_efs_file_system" "tonumber" {\n  encrypted = tonumber("1.0") == 1\n}\n');
    expect(evaluateRule(efsEncrypted, graph).map((v) => [v.address, v.status])).toEqual([
      ['aws_efs_file_system.splat', 'pass'],
      ['aws_efs_file_system.tonumber', 'pass'],
    ]);
  });
});
