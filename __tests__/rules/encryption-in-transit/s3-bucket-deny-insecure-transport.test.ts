import rule from '../../../checks/rules/encryption-in-transit/s3-bucket-deny-insecure-transport';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, bucketPolicy, denyInsecure, policyJson } from '../fixtures/transit';
import { checkFindings, withFiles } from '../../cli/run';

const B = 'aws_s3_bucket.data';
const P = 'aws_s3_bucket_policy.data';
const ARN = 'arn:aws:s3:::data';
const withPolicy = (statements: Parameters<typeof bucketPolicy>[2]) => plan([bucket(B), bucketPolicy(P, B, statements)]);

ruleTable(rule, [
  { name: 'a Deny of s3:* without TLS on the bucket and its objects passes', plan: withPolicy([denyInsecure(ARN)]), expect: { [B]: 'pass' } },
  {
    name: 'BoolIfExists, Principal {AWS: "*"} and Action "*" pass too',
    plan: withPolicy([denyInsecure(ARN, { Principal: { AWS: ['*'] }, Action: '*', Condition: { BoolIfExists: { 'aws:securetransport': 'False' } } })]),
    expect: { [B]: 'pass' },
  },
  {
    name: 'two statements, one for the bucket and one for its objects, pass',
    plan: withPolicy([denyInsecure(ARN, { Resource: ARN }), denyInsecure(ARN, { Sid: 'Objects', Resource: `${ARN}/*` })]),
    expect: { [B]: 'pass' },
  },
  { name: 'Resource "*" covers the bucket and its objects', plan: withPolicy([denyInsecure(ARN, { Resource: '*' })]), expect: { [B]: 'pass' } },
  { name: 'a GovCloud ARN for a bucket of known name passes', plan: withPolicy([denyInsecure('arn:aws-us-gov:s3:::data')]), expect: { [B]: 'pass' } },
  {
    name: 'no bucket policy fails, saying how to fix it',
    plan: plan([bucket(B)]),
    expect: { [B]: 'fail' },
    message: /no aws_s3_bucket_policy or awscc_s3_bucket_policy points at it and it has no inline `policy`.*aws:SecureTransport/,
  },
  {
    name: 'a policy without the Deny fails, naming the policy resource',
    plan: withPolicy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: `${ARN}/*` }]),
    expect: { [B]: 'fail' },
    message: /in aws_s3_bucket_policy\.data, no statement is a Deny/,
  },
  {
    name: 'a Deny on the objects only fails for the bucket',
    plan: withPolicy([denyInsecure(ARN, { Resource: `${ARN}/*` })]),
    expect: { [B]: 'fail' },
    message: /on the bucket\./,
  },
  { name: 'a Deny on another bucket fails', plan: withPolicy([denyInsecure('arn:aws:s3:::other')]), expect: { [B]: 'fail' } },
  { name: 'a Deny for one principal only fails', plan: withPolicy([denyInsecure(ARN, { Principal: { AWS: 'arn:aws:iam::123456789012:root' } })]), expect: { [B]: 'fail' } },
  { name: 'a Deny of s3:GetObject only fails', plan: withPolicy([denyInsecure(ARN, { Action: 's3:GetObject' })]), expect: { [B]: 'fail' } },
  {
    name: 'an extra condition that narrows the Deny fails',
    plan: withPolicy([denyInsecure(ARN, { Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '123456789012' } } })]),
    expect: { [B]: 'fail' },
  },
  { name: 'SecureTransport = true (the wrong way round) fails', plan: withPolicy([denyInsecure(ARN, { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]), expect: { [B]: 'fail' } },
  // IAM: "If a single condition operator includes multiple values for a context key, those values are evaluated using a logical OR."
  ...[
    ['Bool ["false", "true"] (denies every request, plain HTTP included)', { Bool: { 'aws:SecureTransport': ['false', 'true'] } }],
    ['BoolIfExists ["true", "false"]', { BoolIfExists: { 'aws:SecureTransport': ['true', 'false'] } }],
    ['Bool false, a JSON boolean', { Bool: { 'aws:SecureTransport': false } }],
    ['Bool [false, true], JSON booleans', { Bool: { 'aws:SecureTransport': [false, true] } }],
  ].map(([spelled, Condition]) => ({ name: `a Deny under ${spelled as string} passes`, plan: withPolicy([denyInsecure(ARN, { Condition })]), expect: { [B]: 'pass' as const } })),
  ...[
    ['Bool ["true"]', { Bool: { 'aws:SecureTransport': ['true'] } }],
    ['Bool true, a JSON boolean', { Bool: { 'aws:SecureTransport': true } }],
    ['BoolIfExists ["true"] (the key is in every request)', { BoolIfExists: { 'aws:SecureTransport': ['true'] } }],
    ['Bool [] (no value: matches no request)', { Bool: { 'aws:SecureTransport': [] } }],
  ].map(([spelled, Condition]) => ({ name: `a Deny under ${spelled as string} alone fails`, plan: withPolicy([denyInsecure(ARN, { Condition })]), expect: { [B]: 'fail' as const } })),
  { name: 'an Allow with the condition does not count', plan: withPolicy([denyInsecure(ARN, { Effect: 'Allow' })]), expect: { [B]: 'fail' } },
  {
    name: 'a policy known only after apply is unknown (peer-pitfall 5)',
    plan: withPolicy('unknown'),
    expect: { [B]: 'unknown' },
    message: /policy of aws_s3_bucket_policy\.data is known only after apply/,
  },
  {
    name: 'a bucket whose name is known only after apply cannot be matched to a literal ARN',
    plan: plan([bucket(B, { unknownName: true }), bucketPolicy(P, B, [denyInsecure(ARN)])]),
    expect: { [B]: 'unknown' },
    message: /cannot match/,
  },
  {
    name: 'a bucket policy whose bucket cannot be followed makes the bucket unknown',
    plan: plan([bucket(B), bucketPolicy(P, B, [denyInsecure(ARN)], { bucketRefs: [] })]),
    expect: { [B]: 'unknown' },
    message: /aws_s3_bucket_policy\.data/,
  },
  {
    name: 'a policy from an aws_iam_policy_document whose statements are known passes',
    plan: plan([
      bucket(B),
      res('aws_s3_bucket_policy.data', {}, { unknown: { bucket: true, id: true, policy: true }, refs: { bucket: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'], policy: ['data.aws_iam_policy_document.tls.json', 'data.aws_iam_policy_document.tls'] } }),
      res(
        'data.aws_iam_policy_document.tls',
        {
          statement: [
            {
              effect: 'Deny',
              actions: ['s3:*'],
              resources: [ARN, `${ARN}/*`],
              principals: [{ type: 'AWS', identifiers: ['*'] }],
              condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
            },
          ],
        },
        { actions: ['read'], unknown: { json: true, id: true } },
      ),
    ]),
    expect: { [B]: 'pass' },
  },
  {
    name: 'a known inline policy written in the configuration (provider v3) passes',
    plan: plan([bucket(B, { inline: { policy: policyJson([denyInsecure(ARN)]) } })]),
    expect: { [B]: 'pass' },
  },
  {
    name: 'an inline policy the provider read back from the API (not in the configuration) is not trusted',
    plan: plan([
      res(B, { bucket: 'data', id: 'data', arn: ARN, policy: policyJson([denyInsecure(ARN)]) }, { actions: ['no-op'], expressions: { bucket: { constant_value: 'data' } } }),
    ]),
    expect: { [B]: 'fail' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_sqs_queue.q', { name: 'q' })]), expect: { 'aws_sqs_queue.q': 'not-applicable' } },
]);

/** A policy document granting one account s3:GetObject, with no Deny. */
const READ_DOC = `data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::data/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}`;

describe('a .tf bucket written with the deprecated inline `policy`', () => {
  const tf = (inline: string, satellite: boolean) => `
data "aws_iam_policy_document" "tls" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
${READ_DOC}
resource "aws_s3_bucket" "data" {
  bucket = "data"
  policy = ${inline}
}
${satellite ? 'resource "aws_s3_bucket_policy" "data" {\n  bucket = aws_s3_bucket.data.id\n  policy = data.aws_iam_policy_document.tls.json\n}' : ''}
`;
  const findings = async (inline: string, satellite: boolean) =>
    (await withFiles({ 'main.tf': tf(inline, satellite) }, (dir) => checkFindings([dir, '--input-kind', 'hcl']))).findings
      .filter((f) => f.ruleId === rule.id)
      .map((f) => [f.address, f.status, f.message]);

  it('governs beside an aws_s3_bucket_policy (each overwrites the other on apply): without the Deny it fails', async () => {
    // The AWS provider's aws_s3_bucket page: "Configuring with both will cause inconsistencies and may overwrite configuration."
    expect(await findings('data.aws_iam_policy_document.read.json', true)).toEqual([
      [B, 'fail', expect.stringMatching(/^in the inline `policy` \(in force from creation until aws_s3_bucket_policy\.data replaces it, and again on drift\), no statement is a Deny/)],
    ]);
    expect(await findings('data.aws_iam_policy_document.tls.json', true)).toEqual([]);
  });

  // The provider deletes the bucket policy when an update sends a blank `policy` (resourceBucketInternalPolicyUpdate:
  // DeleteBucketPolicy), as a later plan does, finding the separate policy's document there.
  it('written blank (`policy = ""`) beside an aws_s3_bucket_policy fails: a later apply removes the policy', async () => {
    expect(await findings('""', true)).toEqual([
      [B, 'fail', expect.stringMatching(/^the inline `policy` \(in force from creation until aws_s3_bucket_policy\.data replaces it, and again on drift\) is blank: a later apply sends it, which removes the policy, Deny and all\. /)],
    ]);
  });

  it('alone, as a policy document known only after apply, is read from its code', async () => {
    expect(await findings('data.aws_iam_policy_document.tls.json', false)).toEqual([]);
    expect(await findings('data.aws_iam_policy_document.read.json', false)).toEqual([[B, 'fail', expect.stringMatching(/^in the inline `policy`, no statement is a Deny/)]]);
  });
});

describe('a plan whose bucket code makes the inline `policy` null beside an aws_s3_bucket_policy', () => {
  // A null Optional+Computed argument is not set: Terraform shows the prior value (read back from the bucket,
  // the policy resource's) on update, and unknown on create. The code decides; a plan alone cannot tell.
  const DENY = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  });
  const READ = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] });
  const change = (address: string, actions: string[], before: object | null, after: object, afterUnknown: object = {}) => ({
    address,
    mode: 'managed',
    type: address.split('.')[0],
    name: address.split('.')[1],
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions, before, after, after_unknown: afterUnknown },
  });
  const config = (address: string, expressions: object) => ({ address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1], provider_config_key: 'aws', expressions });
  /** `update`: the separate policy replaces READ with DENY, the bucket (no-op) shows READ read back; else both are created. */
  const planOf = (update: boolean, references: string[], variables: Record<string, unknown>) => ({
    format_version: '1.2',
    terraform_version: '1.11.4',
    variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { value: v }])),
    resource_changes: [
      update
        ? change(B, ['no-op'], { bucket: 'data', id: 'data', arn: 'arn:aws:s3:::data', policy: READ }, { bucket: 'data', id: 'data', arn: 'arn:aws:s3:::data', policy: READ })
        : change(B, ['create'], null, { bucket: 'data' }, { id: true, arn: true, policy: true }),
      change(P, update ? ['update'] : ['create'], update ? { bucket: 'data', id: 'data', policy: READ } : null, { bucket: 'data', policy: DENY }, update ? {} : { id: true }),
    ],
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
      root_module: {
        resources: [
          config(B, { bucket: { constant_value: 'data' }, policy: { references } }),
          config(P, { bucket: { references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] }, policy: { constant_value: DENY } }),
        ],
        variables: Object.fromEntries(Object.keys(variables).map((k) => [k, {}])),
      },
    },
  });
  const code = (policy: string) => `
variable "policy" {
  type    = string
  default = null
}
variable "attach" {
  type    = bool
  default = false
}
${READ_DOC}
resource "aws_s3_bucket" "data" {
  bucket = "data"
  policy = ${policy}
}
resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = ${JSON.stringify(DENY)}
}
`;
  const findings = async (plan: object, policy?: string) =>
    (
      await withFiles({ 'plan.json': JSON.stringify(plan), ...(policy ? { 'code/main.tf': code(policy) } : {}) }, (dir) =>
        checkFindings([`${dir}/plan.json`, ...(policy ? ['--code', `${dir}/code`] : [])])
      )
    ).findings
      .filter((f) => f.ruleId === rule.id)
      .map((f) => [f.address, f.status, f.message]);
  const ATTACH = ['var.attach', 'data.aws_iam_policy_document.read.json', 'data.aws_iam_policy_document.read'];

  it('on update, read with its code (`policy = var.policy`, null), passes: the policy shown is the old one read back', async () => {
    expect(await findings(planOf(true, ['var.policy'], { policy: null }), 'var.policy')).toEqual([]);
  });

  it('on update, checked alone, is unknown (not failed) and says the code would decide', async () => {
    expect(await findings(planOf(true, ['var.policy'], { policy: null }))).toEqual([
      [B, 'unknown', expect.stringMatching(/^in the inline `policy` .*no statement is a Deny.*as it does when the code makes null .*--code DIR/)],
    ]);
  });

  it('on create, read with its code (`var.attach ? data….json : null`, attach false), passes', async () => {
    expect(await findings(planOf(false, ATTACH, { attach: false }), 'var.attach ? data.aws_iam_policy_document.read.json : null')).toEqual([]);
    expect(await findings(planOf(false, ['var.policy'], { policy: null }), 'var.policy')).toEqual([]);
  });

  it('read with code that sets it (attach true), is still held to it (here: a document the plan does not hold)', async () => {
    expect(await findings(planOf(false, ATTACH, { attach: true }), 'var.attach ? data.aws_iam_policy_document.read.json : null')).toEqual([
      [B, 'unknown', expect.stringMatching(/^the policy of the inline `policy` \(in force from creation until aws_s3_bucket_policy\.data replaces it, and again on drift\) is known only after apply/)],
    ]);
  });
});
