import rule from '../../../checks/rules/encryption-at-rest/s3-bucket-sse-kms';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { tfFilesGraph } from '../../helpers/code-forms';
import { twinguard } from '../../cli/run';
import { TRAIL_TYPES, TWINMAKER_TYPES } from '../../../checks/rules/support/s3';
import { bucket, inlineSse, kmsKey, planReading, READ_KEY_ARN, readKmsKey, ref, scene, sse, trail, workspace } from './fixtures';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** A TwinMaker bucket, its workspace and an SSE configuration with the given options. */
const twinmakerPlan = (options: Parameters<typeof sse>[2], extra: ReturnType<typeof res>[] = []) =>
  plan([
    bucket('aws_s3_bucket.twin'),
    workspace('awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.twin'),
    sse(`${SSE}.twin`, 'aws_s3_bucket.twin', options),
    ...extra,
  ]);

/** An object the plan writes into the TwinMaker bucket (or the bucket `refs.bucket` names), with the encryption it asks for. */
const object = (address: string, after: Record<string, unknown>, options: Parameters<typeof res>[2] = {}) =>
  res(address, { key: 'scene.json', ...after }, { ...options, unknown: { id: true, bucket: true, ...options.unknown }, refs: { bucket: ref('aws_s3_bucket.twin', 'id'), ...options.refs } });

/** The same TwinMaker bucket as cdk.tf.json writes it: single blocks as objects, references as `${…}` tokens. */
const cdktfGraph = (algorithm: string, inline?: string) =>
  buildGraph([
    parseCdktfDocument(
      {
        resource: {
          aws_s3_bucket: {
            twin: {
              bucket: 'twin-data',
              ...(inline ? { server_side_encryption_configuration: { rule: { apply_server_side_encryption_by_default: { sse_algorithm: inline } } } } : {}),
            },
          },
          aws_kms_key: { twin: { enable_key_rotation: true } },
          [SSE]: { twin: { bucket: '${aws_s3_bucket.twin.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: algorithm, kms_master_key_id: '${aws_kms_key.twin.arn}' } }] } },
          awscc_iottwinmaker_workspace: { w: { workspace_id: 'w', role: 'arn:aws:iam::123456789012:role/r', s3_location: '${aws_s3_bucket.twin.arn}' } },
        },
      },
      'cdk.tf.json',
    ),
  ]);

/**
 * The TwinMaker bucket's SSE configuration (SSE-KMS under a key of the plan) with `blocked_encryption_types` as
 * given: a list written as a literal, 'var' (written as a variable, known only after apply), or 'computed' (not
 * written, planned as known only after apply, as the AWS provider 6.40 does).
 */
function blockedPlan(blocked: string[] | 'var' | 'computed' | 'resource', variables?: Record<string, unknown>) {
  const config = sse(`${SSE}.twin`, 'aws_s3_bucket.twin', { keyRef: 'aws_kms_key.data' });
  const rule = (config.after.rule as Record<string, unknown>[])[0];
  const unknownRule = ((config.options.unknown as Record<string, unknown>).rule as Record<string, unknown>[])[0];
  const exprRule = ((config.options.expressions as Record<string, unknown>).rule as Record<string, unknown>[])[0];
  if (Array.isArray(blocked)) {
    rule.blocked_encryption_types = blocked;
    exprRule.blocked_encryption_types = { constant_value: blocked };
  } else {
    unknownRule.blocked_encryption_types = true;
    if (blocked === 'var') exprRule.blocked_encryption_types = { references: ['var.blocked'] };
    if (blocked === 'resource') exprRule.blocked_encryption_types = { references: ['terraform_data.policy.output', 'terraform_data.policy'] };
  }
  return plan([bucket('aws_s3_bucket.twin'), workspace('awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.twin'), config, kmsKey('aws_kms_key.data')], variables ? { variables } : {});
}

/** A TwinMaker awscc_s3_bucket with SSE-KMS under a key of the stack, and these `blocked_encryption_types`, in cdk.tf.json. */
const awsccBlockedGraph = (encryptionType: string[]) =>
  buildGraph([
    parseCdktfDocument(
      {
        resource: {
          aws_kms_key: { twin: { enable_key_rotation: true } },
          awscc_s3_bucket: {
            twin: {
              bucket_name: 'twin-data',
              bucket_encryption: {
                server_side_encryption_configuration: [
                  { server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.twin.arn}' }, blocked_encryption_types: { encryption_type: encryptionType } },
                ],
              },
            },
          },
          awscc_iottwinmaker_workspace: { w: { workspace_id: 'w', role: 'arn:aws:iam::123456789012:role/r', s3_location: '${awscc_s3_bucket.twin.arn}' } },
        },
      },
      'cdk.tf.json',
    ),
  ]);

ruleTable(rule, [
  {
    // `dynamic "rule"`: Terraform's plan JSON leaves its expressions out of `configuration` (hashicorp/terraform#28346).
    name: 'a dynamic rule block under a key known only after apply is unknown, not "not set"',
    plan: plan([
      bucket('aws_s3_bucket.twin'),
      workspace('awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.twin'),
      res(`${SSE}.twin`, { expected_bucket_owner: '', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: null }], bucket_key_enabled: true }] }, {
        unknown: { bucket: true, id: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] },
        expressions: { bucket: { references: ref('aws_s3_bucket.twin', 'id') } },
      }),
    ]),
    expect: { 'aws_s3_bucket.twin': 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'SSE-C unblocked (blocked_encryption_types = ["NONE"]) on a TwinMaker bucket fails, though its default is SSE-KMS under a customer key',
    plan: blockedPlan(['NONE']),
    expect: { 'aws_s3_bucket.twin': 'fail' },
    message: /^The bucket is used by awscc_iottwinmaker_workspace\.w; `blocked_encryption_types` in aws_s3_bucket_server_side_encryption_configuration\.twin is \["NONE"\], which unblocks SSE-C/,
  },
  { name: 'SSE-C blocked (["SSE-C"]) passes', plan: blockedPlan(['SSE-C']), expect: { 'aws_s3_bucket.twin': 'pass' } },
  {
    name: 'blocked_encryption_types not written passes (S3 blocks SSE-C by default), also where the provider plans it as known only after apply',
    plan: blockedPlan('computed'),
    expect: { 'aws_s3_bucket.twin': 'pass' },
  },
  {
    // AWS provider 6.40 plans the unset argument as known only after apply; a root variable is known at plan time.
    name: 'blocked_encryption_types = var.blocked with the variable null is unset, and passes as the unwritten argument does',
    plan: blockedPlan('var', { blocked: null }),
    expect: { 'aws_s3_bucket.twin': 'pass' },
  },
  {
    name: 'blocked_encryption_types written as a value known only after apply (another resource\'s attribute) is unknown',
    plan: blockedPlan('resource'),
    expect: { 'aws_s3_bucket.twin': 'unknown' },
    message: /`blocked_encryption_types` .* is known only after apply, so the gate cannot tell whether S3 accepts SSE-C writes/,
  },
  {
    name: 'blocked_encryption_types = var.blocked, a variable the plan does not record as null, stays unknown',
    plan: blockedPlan('var', { other: null }),
    expect: { 'aws_s3_bucket.twin': 'unknown' },
  },
  { name: 'cdk.tf.json: an awscc bucket whose encryption_type is ["NONE"] fails', graph: awsccBlockedGraph(['NONE']), expect: { 'awscc_s3_bucket.twin': 'fail' }, message: /unblocks SSE-C/ },
  { name: 'cdk.tf.json: an awscc bucket whose encryption_type is ["SSE-C"] passes', graph: awsccBlockedGraph(['SSE-C']), expect: { 'awscc_s3_bucket.twin': 'pass' } },
  {
    name: 'a trail whose bucket is known only after apply may write to any bucket: one without a customer-managed key is unknown, said in one sentence',
    plan: plan([
      bucket('aws_s3_bucket.logs'),
      sse(`${SSE}.logs`, 'aws_s3_bucket.logs', { algorithm: 'aws:kms' }),
      res('aws_cloudtrail.t', { name: 't', enable_log_file_validation: true, is_multi_region_trail: true }, { unknown: { arn: true, id: true, s3_bucket_name: true }, refs: { s3_bucket_name: ['var.trail_bucket'] } }),
    ]),
    expect: { 'aws_s3_bucket.logs': 'unknown' },
    message: /^The bucket may be used by aws_cloudtrail\.t \(whose bucket is known only after apply\); `kms_master_key_id` in /,
  },
  { name: 'cdk.tf.json: SSE-KMS under a key of the stack passes', graph: cdktfGraph('aws:kms'), expect: { 'aws_s3_bucket.twin': 'pass' } },
  { name: 'cdk.tf.json: SSE-S3 fails', graph: cdktfGraph('AES256'), expect: { 'aws_s3_bucket.twin': 'fail' } },
  {
    // The AWS provider: "Configuring with both will cause inconsistencies and may overwrite configuration."
    name: 'cdk.tf.json: an inline SSE-S3 block written beside an SSE-KMS configuration fails (the bucket puts it back on drift)',
    graph: cdktfGraph('aws:kms', 'AES256'),
    expect: { 'aws_s3_bucket.twin': 'fail' },
    message: /`sse_algorithm` in the inline server_side_encryption_configuration \(in force from creation until aws_s3_bucket_server_side_encryption_configuration\.twin replaces it, and again on drift\) is "AES256"/,
  },
  {
    name: 'a TwinMaker bucket with SSE-KMS under a key of the plan passes',
    plan: twinmakerPlan({ keyRef: 'aws_kms_key.data' }, [kmsKey('aws_kms_key.data')]),
    expect: { 'aws_s3_bucket.twin': 'pass' },
  },
  {
    name: 'a TwinMaker bucket with DSSE-KMS under an alias of the plan passes',
    plan: twinmakerPlan({ algorithm: 'aws:kms:dsse', keyRef: 'aws_kms_alias.data' }, [
      kmsKey('aws_kms_key.data'),
      res('aws_kms_alias.data', { name: 'alias/twin' }, { unknown: { arn: true, target_key_arn: true }, refs: { target_key_id: ['aws_kms_key.data.key_id', 'aws_kms_key.data'] } }),
    ]),
    expect: { 'aws_s3_bucket.twin': 'pass' },
  },
  {
    name: 'a literal key/… ARN passes',
    plan: twinmakerPlan({ keyLiteral: KEY_ARN }),
    expect: { 'aws_s3_bucket.twin': 'pass' },
  },
  // Sweep h2: an object's own encryption overrides the bucket's default (PutObject, CopyObject).
  {
    name: 'an object of the input that asks for SSE-S3 in a TwinMaker bucket under a customer-managed key fails on the object',
    plan: twinmakerPlan({ keyRef: 'aws_kms_key.data' }, [kmsKey('aws_kms_key.data'), object('aws_s3_object.scene', { server_side_encryption: 'AES256' }), object('aws_s3_object.plain', {})]),
    expect: { 'aws_s3_object.scene': 'fail' },
    message: /aws_s3_object\.scene stores its object with `server_side_encryption`, which overrides the bucket's default, is "AES256"/,
  },
  {
    name: 'objects that leave encryption to the bucket, or ask for SSE-KMS under a key of the plan, keep the bucket a pass',
    plan: twinmakerPlan({ keyRef: 'aws_kms_key.data' }, [
      kmsKey('aws_kms_key.data'),
      object('aws_s3_object.plain', {}),
      object('aws_s3_object.sealed', { server_side_encryption: 'aws:kms' }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.data', 'arn') } }),
    ]),
    expect: { 'aws_s3_bucket.twin': 'pass' },
  },
  {
    name: 'an object copy that asks for SSE-KMS without a key (aws/s3, not the bucket default key) fails; with a key of the plan passes',
    plan: twinmakerPlan({ keyRef: 'aws_kms_key.data' }, [
      kmsKey('aws_kms_key.data'),
      object('aws_s3_object_copy.copy', { server_side_encryption: 'aws:kms', source: 'other/scene.json' }, { unknown: { kms_key_id: true } }),
      object('aws_s3_object.sealed', { server_side_encryption: 'aws:kms' }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.data', 'arn') } }),
      object('aws_s3_object.keyed', {}, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.data', 'arn') } }),
    ]),
    expect: { 'aws_s3_object_copy.copy': 'fail' },
    message: /aws_s3_object_copy\.copy stores its object with `kms_key_id` is not set, so the default applies: the AWS-managed key aws\/s3, not the bucket's default key/,
  },
  {
    name: 'an object that names alias/aws/s3 fails; an object in a bucket no TwinMaker workspace or trail uses is not judged',
    plan: twinmakerPlan({ keyRef: 'aws_kms_key.data' }, [
      kmsKey('aws_kms_key.data'),
      object('aws_s3_object.managed', { server_side_encryption: 'aws:kms', kms_key_id: 'alias/aws/s3' }),
      bucket('aws_s3_bucket.other'),
      object('aws_s3_object.elsewhere', { server_side_encryption: 'AES256' }, { refs: { bucket: ref('aws_s3_bucket.other', 'id') } }),
    ]),
    expect: { 'aws_s3_object.managed': 'fail' },
    message: /alias\/aws\/s3/,
  },
  {
    name: 'SSE-S3 on a TwinMaker bucket fails',
    plan: twinmakerPlan({ algorithm: 'AES256' }),
    expect: { 'aws_s3_bucket.twin': 'fail' },
    message: /awscc_iottwinmaker_workspace\.w.*"AES256"/,
  },
  {
    name: 'SSE-KMS without a key id (the AWS-managed aws/s3 key) fails',
    plan: twinmakerPlan({}),
    expect: { 'aws_s3_bucket.twin': 'fail' },
    message: /aws\/s3/,
  },
  {
    name: 'an empty key id fails',
    plan: twinmakerPlan({ keyLiteral: '' }),
    expect: { 'aws_s3_bucket.twin': 'fail' },
  },
  {
    name: 'an alias/aws/s3 key fails',
    plan: twinmakerPlan({ keyLiteral: 'alias/aws/s3' }),
    expect: { 'aws_s3_bucket.twin': 'fail' },
    message: /AWS-managed/,
  },
  {
    name: 'the key of alias/aws/s3 read by data.aws_kms_key fails, though the plan gives it as a plain key/… ARN',
    plan: planReading([
      bucket('aws_s3_bucket.twin'),
      workspace('awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.twin'),
      sse(`${SSE}.twin`, 'aws_s3_bucket.twin', { keyLiteral: READ_KEY_ARN }),
      readKmsKey('data.aws_kms_key.s3', 'alias/aws/s3', 'AWS'),
    ]),
    expect: { 'aws_s3_bucket.twin': 'fail' },
    message: /data\.aws_kms_key\.s3/,
  },
  {
    name: 'no SSE configuration on a CloudTrail bucket fails',
    plan: plan([bucket('aws_s3_bucket.trail'), trail('aws_cloudtrail.t', 'aws_s3_bucket.trail', { kms_key_id: KEY_ARN })]),
    expect: { 'aws_s3_bucket.trail': 'fail' },
    message: /aws_cloudtrail\.t/,
  },
  {
    name: 'a key known only after apply that the graph cannot follow is unknown',
    plan: twinmakerPlan({ keyRef: 'var.key' }),
    expect: { 'aws_s3_bucket.twin': 'unknown' },
  },
  {
    name: 'a bucket no workspace or trail uses is not-applicable by default',
    plan: plan([bucket('aws_s3_bucket.plain'), sse(`${SSE}.plain`, 'aws_s3_bucket.plain', { algorithm: 'AES256' })]),
    expect: { 'aws_s3_bucket.plain': 'not-applicable' },
  },
  {
    name: 'requireKmsForAllBuckets applies the rule to every bucket',
    settings: { requireKmsForAllBuckets: true },
    plan: plan([bucket('aws_s3_bucket.plain'), sse(`${SSE}.plain`, 'aws_s3_bucket.plain', { algorithm: 'AES256' })]),
    expect: { 'aws_s3_bucket.plain': 'fail' },
    message: /requireKmsForAllBuckets/,
  },
  {
    name: 'a known inline SSE-KMS block with a key ARN (provider v3) passes',
    settings: { requireKmsForAllBuckets: true },
    plan: plan([bucket('aws_s3_bucket.legacy', { inline: inlineSse('aws:kms', KEY_ARN) })]),
    expect: { 'aws_s3_bucket.legacy': 'pass' },
  },
  {
    name: 'a workspace matched by a known bucket ARN makes the bucket subject to the rule',
    plan: plan([
      res('aws_s3_bucket.twin', { bucket: 'twin-data' }, { unknown: { id: true, arn: true, server_side_encryption_configuration: true } }),
      workspace('awscc_iottwinmaker_workspace.w', undefined, 'arn:aws:s3:::twin-data'),
      sse(`${SSE}.twin`, 'aws_s3_bucket.twin', { algorithm: 'AES256' }),
    ]),
    expect: { 'aws_s3_bucket.twin': 'fail' },
  },
  {
    name: 'a bucket that holds a scene\'s content file is a TwinMaker bucket: SSE-S3 fails, naming the scene',
    plan: plan([
      bucket('aws_s3_bucket.scenes', { name: 'twin-scenes' }),
      sse(`${SSE}.scenes`, 'aws_s3_bucket.scenes', { algorithm: 'AES256' }),
      scene('awscc_iottwinmaker_scene.floor', undefined, 's3://twin-scenes/floor.json'),
      bucket('aws_s3_bucket.other', { name: 'other' }),
      sse(`${SSE}.other`, 'aws_s3_bucket.other', { algorithm: 'AES256' }),
    ]),
    expect: { 'aws_s3_bucket.scenes': 'fail' },
    message: /The bucket is used by awscc_iottwinmaker_scene\.floor; `sse_algorithm` .* is "AES256"/,
  },
  {
    name: 'a trail whose bucket cannot be determined may write to any bucket: SSE-S3 buckets are unknown, SSE-KMS ones pass',
    plan: plan([
      bucket('aws_s3_bucket.plain'),
      sse(`${SSE}.plain`, 'aws_s3_bucket.plain', { algorithm: 'AES256' }),
      bucket('aws_s3_bucket.kms'),
      sse(`${SSE}.kms`, 'aws_s3_bucket.kms', { keyLiteral: KEY_ARN }),
      trail('aws_cloudtrail.t', 'var.trail_bucket'),
    ]),
    expect: { 'aws_s3_bucket.plain': 'unknown', 'aws_s3_bucket.kms': 'pass' },
    message: /aws_cloudtrail\.t/,
  },
  {
    name: 'other resource types are not-applicable',
    plan: plan([kmsKey('aws_kms_key.k')]),
    expect: { 'aws_kms_key.k': 'not-applicable' },
  },
]);

describe('explain s3-bucket-sse-kms', () => {
  it('names every kind of bucket user the rule judges: workspaces, scenes (content_location) and trails', async () => {
    const run = await twinguard(['explain', rule.id]);
    for (const type of [...TWINMAKER_TYPES, ...TRAIL_TYPES]) expect(run.stdout).toContain(`\`${type}\``);
    expect(run.stdout).toContain('`content_location`');
  });
});

// A module's SSE configuration with `dynamic "rule" { for_each = var.enable ? [var.sse] : [] }`, the key given by the caller.
describe('.tf: a dynamic SSE rule behind a condition in a module, its key given by the caller', () => {
  const MODULE = `variable "enable" {
  type    = bool
  default = true
}
variable "sse" {
  type = any
}
resource "aws_s3_bucket" "b" {
  bucket = "trail-bucket-111111111111"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  dynamic "rule" {
    for_each = var.enable ? [var.sse] : []
    content {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = rule.value.key
      }
    }
  }
}
output "id" {
  value = aws_s3_bucket.b.id
}
`;
  const ROOT = (enable: string) => `resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
module "b" {
  source = "./mod"
  ${enable}
  sse    = { key = aws_kms_key.k.arn }
}
resource "aws_cloudtrail" "t" {
  name           = "t"
  s3_bucket_name = module.b.id
  kms_key_id     = aws_kms_key.k.arn
}
`;
  it.each([
    ['the default (true)', '', 'pass'],
    ['false: no rule', 'enable = false', 'fail'],
    ['a value known only after apply', 'enable = aws_kms_key.k.arn != ""', 'unknown'],
  ])('the condition %s', async (_what, enable, expected) => {
    const graph = await tfFilesGraph({ 'main.tf': ROOT(enable), 'mod/main.tf': MODULE });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'module.b.aws_s3_bucket.b': expected });
  });
});
