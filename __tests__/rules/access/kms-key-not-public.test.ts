import rule from '../../../checks/rules/access/kms-key-not-public';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { checkFindings, ruleStatuses, withFiles } from '../../cli/run';

const K = 'aws_kms_key.k';
const doc = (statements: Record<string, unknown>[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
const EVERYONE = { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' };
const key = (policy?: Record<string, unknown>[]) => res(K, { description: 'k', enable_key_rotation: true, ...(policy ? { policy: doc(policy) } : {}) }, { unknown: { arn: true, id: true, key_id: true, ...(policy ? {} : { policy: true }) } });
/** `EVERYONE` with `Condition`. */
const limitedBy = (condition: Record<string, Record<string, unknown>>) => ({ ...EVERYONE, Condition: condition });

ruleTable(rule, [
  { name: 'kms-key-not-public: a key policy with named principals passes', plan: plan([key([ROOT, { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*' }])]), expect: { [K]: 'pass' } },
  { name: 'a key without a policy of its own gets the default key policy (its account only): passes', plan: plan([key()]), expect: { [K]: 'pass' } },
  {
    name: 'a known policy with a statement without Effect (AWS refuses it) is unknown, and says so (not "known only after apply")',
    plan: plan([key([ROOT, { Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }])]),
    expect: { [K]: 'unknown' },
    message: /^the inline `policy` is not a policy document the gate reads \(a statement without an `Effect` of Allow or Deny/,
  },
  { name: 'Principal "*" without a condition fails, naming the statement', plan: plan([key([ROOT, EVERYONE])]), expect: { [K]: 'fail' }, message: /^in the inline `policy`, statement "Everyone" allows every principal/ },
  // terraform-aws-modules/kms passes its policy to each kind of key.
  ...['aws_kms_external_key', 'aws_kms_replica_key', 'aws_kms_replica_external_key'].map((type) => ({
    name: `an ${type} whose policy allows "*" fails as a key does`,
    plan: plan([res(`${type}.k`, { description: 'k', policy: doc([ROOT, EVERYONE]) }, { unknown: { arn: true, id: true } })]),
    expect: { [`${type}.k`]: 'fail' as const },
    message: /statement "Everyone" allows every principal/,
  })),
  {
    name: 'a policy Terraform marks sensitive fails without quoting its Sid',
    plan: plan([res(K, { description: 'k', policy: doc([EVERYONE]) }, { unknown: { arn: true, id: true, key_id: true }, sensitive: { policy: true } })]),
    expect: { [K]: 'fail' },
    message: /^in the inline `policy`, a statement allows every principal/,
  },
  { name: 'Principal { AWS = "*" } fails', plan: plan([key([{ ...EVERYONE, Principal: { AWS: '*' } }])]), expect: { [K]: 'fail' } },
  { name: 'a wildcard account in a principal ARN fails', plan: plan([key([{ ...EVERYONE, Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::*:root'] } }])]), expect: { [K]: 'fail' } },
  { name: 'an Allow with NotPrincipal (everyone but those named) fails', plan: plan([key([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }])]), expect: { [K]: 'fail' } },
  { name: 'a Deny for "*" is no grant', plan: plan([key([ROOT, { ...EVERYONE, Effect: 'Deny' }])]), expect: { [K]: 'pass' } },
  ...(
    [
      ['kms:CallerAccount of one account limits the callers', { StringEquals: { 'kms:CallerAccount': '111122223333' } }, 'pass'],
      ['aws:PrincipalOrgID limits them (the key is case-insensitive)', { StringEquals: { 'aws:principalorgid': 'o-a1b2c3d4e5' } }, 'pass'],
      ['aws:SourceArn with ArnLike of a fixed ARN limits them', { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main' } }, 'pass'],
      ['ForAnyValue:StringLike of fixed org paths limits them', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'] } }, 'pass'],
      ['a set of source CIDRs limits them', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }, 'pass'],
      ['aws:userid with StringLike on the sessions of one role ("AROA…:*") limits them', { StringLike: { 'aws:userid': ['AROAEXAMPLEID:*', 'AIDAEXAMPLEUSER'] } }, 'pass'],
      ['aws:userid with a wildcard in the role id limits nothing', { StringLike: { 'aws:userid': 'AROA*:*' } }, 'fail'],
      ['aws:userid with a wildcard after a prefix of an id (not ":*") limits nothing', { StringLike: { 'aws:userid': 'AROAEXAMPLE*' } }, 'fail'],
      ['aws:userid of any session name with no role id (":*") limits nothing', { StringLike: { 'aws:userid': ':*' } }, 'fail'],
      ['aws:userid of a role\'s sessions under StringLikeIfExists limits nothing', { StringLikeIfExists: { 'aws:userid': 'AROAEXAMPLEID:*' } }, 'fail'],
      ['kms:ViaService alone limits nothing', { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } }, 'fail'],
      ['a wildcard account limits nothing', { StringLike: { 'kms:CallerAccount': '*' } }, 'fail'],
      ['a policy variable limits nothing', { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } }, 'fail'],
      ['an ...IfExists operator limits nothing (the key may be absent)', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }, 'fail'],
      ['a negated operator limits nothing', { StringNotEquals: { 'kms:CallerAccount': '444455556666' } }, 'fail'],
      ['ForAllValues: limits nothing (an empty set matches)', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/'] } }, 'fail'],
      ['every address (0.0.0.0/0) limits nothing', { IpAddress: { 'aws:SourceIp': ['0.0.0.0/0'] } }, 'fail'],
      ['a limiting key under another operator (Bool) limits nothing', { Bool: { 'aws:SourceAccount': 'true' } }, 'fail'],
    ] as const
  ).map(([name, condition, verdict]) => ({ name: `Principal "*": ${name}`, plan: plan([key([limitedBy(condition)])]), expect: { [K]: verdict } })),
  {
    name: 'an aws_kms_key_policy for a key outside the input (a literal id, a key a data source looks up) is judged on its own: public fails',
    plan: plan([
      res('aws_kms_key_policy.orphan', { key_id: '1234abcd-12ab-34cd-56ef-1234567890ab', policy: doc([ROOT, EVERYONE]) }, { unknown: { id: true } }),
      res('aws_kms_key_policy.private', { key_id: '1234abcd-12ab-34cd-56ef-1234567890ab', policy: doc([ROOT]) }, { unknown: { id: true } }),
      key(),
      res('aws_kms_key_policy.linked', { policy: doc([ROOT]) }, { unknown: { key_id: true, id: true }, refs: { key_id: ['aws_kms_key.k.id', 'aws_kms_key.k'] } }),
    ]),
    expect: { 'aws_kms_key_policy.orphan': 'fail', 'aws_kms_key_policy.private': 'pass', 'aws_kms_key_policy.linked': 'not-applicable', [K]: 'pass' },
    message: /^in `policy`, statement "Everyone" allows every principal/,
  },
  {
    name: 'a linked aws_kms_key_policy decides, on the key, naming it',
    plan: plan([key(), res('aws_kms_key_policy.p', { policy: doc([EVERYONE]) }, { unknown: { key_id: true, id: true }, refs: { key_id: ['aws_kms_key.k.id', 'aws_kms_key.k'] } })]),
    expect: { [K]: 'fail' },
    message: /^in aws_kms_key_policy\.p, statement "Everyone"/,
  },
  // CreateKey takes the key's own policy: it is in force until the aws_kms_key_policy replaces it, and aws_kms_key puts it back on drift.
  {
    name: "a key's own public policy fails although a private aws_kms_key_policy points at the key",
    plan: plan([key([ROOT, EVERYONE]), res('aws_kms_key_policy.p', { policy: doc([ROOT]) }, { unknown: { key_id: true, id: true }, refs: { key_id: ['aws_kms_key.k.id', 'aws_kms_key.k'] } })]),
    expect: { [K]: 'fail' },
    message: /^in the inline `policy` \(in force from creation until aws_kms_key_policy\.p replaces it, and again on drift\), statement "Everyone"/,
  },
  {
    name: "a key's own private policy and a private aws_kms_key_policy pass",
    plan: plan([key([ROOT]), res('aws_kms_key_policy.p', { policy: doc([ROOT]) }, { unknown: { key_id: true, id: true }, refs: { key_id: ['aws_kms_key.k.id', 'aws_kms_key.k'] } })]),
    expect: { [K]: 'pass' },
  },
 {
    name: 'an awscc key is judged on its key_policy',
    plan: plan([res('awscc_kms_key.k', { description: 'k', key_policy: doc([EVERYONE]) }, { unknown: { arn: true, id: true, key_id: true } })]),
    expect: { 'awscc_kms_key.k': 'fail' },
  },
  {
    name: 'a key policy known only after apply, from no policy document, is unknown',
    plan: plan([res(K, { description: 'k' }, { unknown: { arn: true, id: true, key_id: true, policy: true }, refs: { policy: ['var.policy'] } })]),
    expect: { [K]: 'unknown' },
    message: /^the inline `policy` is known only after apply/,
  },
  ...(
    [
      ['a document read at apply that names a role being created passes', [{ type: 'AWS', identifiers: [null] }], [{ identifiers: [true] }], {}, 'pass'],
      ['one with a known "*" principal and no condition fails', [{ type: 'AWS', identifiers: ['*', null] }], [{ identifiers: [false, true] }], {}, 'fail'],
      ['one with a "*" principal and a limiting condition passes', [{ type: '*', identifiers: ['*'] }], [{}], { condition: [{ test: 'StringEquals', variable: 'kms:CallerAccount', values: ['111122223333'] }] }, 'pass'],
      ['one with a "*" principal and a condition known only after apply is unknown', [{ type: '*', identifiers: ['*'] }], [{}], { condition: [{ test: 'StringEquals', variable: 'aws:SourceArn', values: [null] }] }, 'unknown'],
      ['one whose principal is known only after apply and comes from no IAM resource is unknown', [{ type: 'AWS', identifiers: [null] }], [{ identifiers: [true] }], { from: 'aws_s3_bucket.b.arn' }, 'unknown'],
    ] as const
  ).map(([name, principals, unknownPrincipals, extra, verdict]) => {
    const from = 'from' in extra ? extra.from : 'aws_iam_role.r.arn';
    const condition = 'condition' in extra ? extra.condition : undefined;
    // Read at apply: a statement names the ARN of a bucket being created.
    const statement = { effect: 'Allow', actions: ['kms:Decrypt'], resources: [null], principals, ...(condition ? { condition } : {}) };
    const unknownStatement = { resources: [true], principals: unknownPrincipals, ...(condition ? { condition: condition.map((c) => ({ values: c.values.map((v) => v === null) })) } : {}) };
    return {
      name,
      plan: plan([
        res(K, { description: 'k' }, { unknown: { arn: true, id: true, key_id: true, policy: true }, refs: { policy: ['data.aws_iam_policy_document.key.json', 'data.aws_iam_policy_document.key'] } }),
        res('data.aws_iam_policy_document.key', { statement: [statement] }, {
          unknown: { json: true, id: true, statement: [unknownStatement] },
          expressions: {
            statement: [
              {
                effect: { constant_value: 'Allow' },
                actions: { constant_value: ['kms:Decrypt'] },
                resources: { references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] },
                principals: [{ type: { constant_value: principals[0].type }, identifiers: { references: [from, from.replace(/\.arn$/, '')] } }],
              },
            ],
          },
        }),
        res('aws_iam_role.r', { name: 'r' }, { unknown: { arn: true, id: true } }),
        res('aws_s3_bucket.b', { bucket: 'b' }, { unknown: { arn: true, id: true } }),
      ]),
      expect: { [K]: verdict },
    };
  }),
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

// AWS's "through S3, callers of this account" statement, as cdktf and .tf write it with the caller identity's account.
describe('kms-key-not-public: a condition value read with its code that is never * limits the callers', () => {
  const key = (condition: string) => `data "aws_caller_identity" "me" {}
data "aws_organizations_organization" "o" {}
variable "account" {
  type = string
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::\${data.aws_caller_identity.me.account_id}:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "ViaS3", Effect = "Allow", Principal = { AWS = "*" }, Action = ["kms:Decrypt", "kms:GenerateDataKey*"], Resource = "*", Condition = ${condition} },
    ]
  })
}
`;
  it.each([
    ['the account of the caller identity', '{ StringEquals = { "kms:CallerAccount" = data.aws_caller_identity.me.account_id, "kms:ViaService" = "s3.eu-west-1.amazonaws.com" } }', {}],
    ["the organization's id (aws:PrincipalOrgID)", '{ StringEquals = { "aws:PrincipalOrgID" = data.aws_organizations_organization.o.id } }', {}],
    // A variable may be "*" (unknown); so may the account with a wildcard written beside it.
    ['a variable', '{ StringEquals = { "kms:CallerAccount" = var.account } }', { 'aws_kms_key.k': 'unknown' }],
    ['the account with a wildcard of its own', '{ StringLike = { "kms:CallerAccount" = "${data.aws_caller_identity.me.account_id}*" } }', { 'aws_kms_key.k': 'unknown' }],
    ['the sessions of one role by its literal id (aws:userid "AROA…:*")', '{ StringLike = { "aws:userid" = "AROAEXAMPLEID:*" } }', {}],
    ['the sessions of a role id from a variable', '{ StringLike = { "aws:userid" = "${var.account}:*" } }', { 'aws_kms_key.k': 'unknown' }],
  ])('%s', async (_name, condition, expected) => {
    expect(await withFiles({ 'main.tf': key(condition) }, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual(expected);
  });
});

// terraform-aws-modules/kms: `dynamic "condition" { for_each = try(statement.value.conditions, []) }` over a value known only after apply.
describe('kms-key-not-public: condition blocks known only after apply narrow an Allow, never widen it', () => {
  const key = (principal: string) => `data "aws_caller_identity" "me" {}
data "aws_iam_policy_document" "k" {
  statement {
    sid       = "Root"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.me.account_id}:root"]
    }
  }
  statement {
    sid       = "Logs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*"]
    resources = ["*"]
    principals {
      type        = "${principal.split(' ')[0]}"
      identifiers = ["${principal.split(' ')[1]}"]
    }
    dynamic "condition" {
      for_each = data.aws_caller_identity.me.account_id == "" ? [] : [1]
      content {
        test     = "ArnLike"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = ["arn:aws:logs:eu-west-1:\${data.aws_caller_identity.me.account_id}:log-group:*"]
      }
    }
  }
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.k.json
}
`;
  it.each([
    ['a fixed service principal passes', 'Service logs.eu-west-1.amazonaws.com', {}],
    ['"*" stays unknown: the conditions may limit the callers, or not', 'AWS *', { 'aws_kms_key.k': 'unknown' }],
  ])('%s', async (_name, principal, expected) => {
    expect(await withFiles({ 'main.tf': key(principal) }, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual(expected);
  });
});

// The provider writes `&{…}` in an aws_iam_policy_document as the policy variable `${…}` (HCL would read `${…}` itself).
describe('kms-key-not-public: `&{…}` in an aws_iam_policy_document is a policy variable', () => {
  const key = (value: string) => `data "aws_iam_policy_document" "k" {
  statement {
    sid       = "Everyone"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = ["${value}"]
    }
  }
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.k.json
}
`;
  it.each([
    ['aws:PrincipalAccount = &{aws:PrincipalAccount} holds for every caller: fails', '&{aws:PrincipalAccount}', { 'aws_kms_key.k': 'fail' }],
    ['aws:PrincipalAccount = a literal account limits the callers: passes', '111122223333', {}],
  ])('%s', async (_name, value, expected) => {
    expect(await withFiles({ 'main.tf': key(value) }, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual(expected);
  });
});

// terraform-aws-modules/kms: `dynamic "principals" { for_each = try(statement.value.principals, []) }`, the root passing a
// service principal built from `data.aws_region.current.name`. Terraform's plan makes try() of a value not wholly known
// unknown (HCL's tryfunc), so the blocks are known only after apply; then try() gives its first argument, whose
// structure the code writes: the principals are read from the code.
describe('kms-key-not-public: principals a dynamic block makes over try() of a value known only after apply', () => {
  const files = (principals: string, sid = '') => ({
    'main.tf': `data "aws_region" "current" {}
data "aws_caller_identity" "me" {}
module "m" {
  source = "./mod"
  stmts  = [{ ${sid}principals = ${principals} }]
}
`,
    'mod/main.tf': `variable "stmts" {
  type    = any
  default = []
}
data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = var.stmts
    content {
      sid       = try(statement.value.sid, null)
      actions   = ["kms:Decrypt"]
      resources = ["*"]
      dynamic "principals" {
        for_each = try(statement.value.principals, [])
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
    }
  }
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.p.json
}
`,
  });
  it.each([
    ['a service principal of the region passes', '[{ type = "Service", identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"] }]', {}],
    ['the account root of the caller passes', '[{ type = "AWS", identifiers = ["arn:aws:iam::${data.aws_caller_identity.me.account_id}:root"] }]', {}],
    ['"*" beside it, with no condition, fails', '[{ type = "AWS", identifiers = ["*", "arn:aws:iam::${data.aws_caller_identity.me.account_id}:root"] }]', { 'module.m.aws_kms_key.k': 'fail' }],
    ['a type known only after apply stays unknown', '[{ type = data.aws_region.current.name, identifiers = ["x"] }]', { 'module.m.aws_kms_key.k': 'unknown' }],
  ])('%s', async (_name, principals, expected) => {
    expect(await withFiles(files(principals), (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual(expected);
  });

  const message = async (principals: string, sid = '') => {
    const { findings } = await withFiles(files(principals, sid), (dir) => checkFindings([dir, '--input-kind', 'hcl']));
    return findings.find((f) => f.ruleId === rule.id)?.message;
  };

  it('names the statement whose principal may be "*" once applied', async () => {
    expect(await message('[{ type = "AWS", identifiers = [data.aws_caller_identity.me.user_id] }]', 'sid = "Callers", ')).toMatch(
      /^the inline `policy` is known only after apply, and its code names principals or conditions the gate cannot read before then \(in statement "Callers"\), so /,
    );
  });

  it('counts a statement it cannot read at all', async () => {
    expect(await message('[{ type = data.aws_region.current.name, identifiers = ["x"] }]')).toMatch(/cannot read before then \(one statement it cannot read at all\), so /);
  });
});

describe('a plan whose key code makes its inline `policy` null beside an aws_kms_key_policy', () => {
  // `policy` of aws_kms_key is Optional+Computed: a null one is not set, and Terraform shows the key's policy read back
  // (the old one the policy resource now replaces) on update. As for a bucket's inline policy, the code decides.
  const PRIVATE = doc([ROOT]);
  const PUBLIC = doc([ROOT, EVERYONE]);
  const P = 'aws_kms_key_policy.k';
  const change = (address: string, actions: string[], before: object | null, after: object) => ({
    address,
    mode: 'managed',
    type: address.split('.')[0],
    name: address.split('.')[1],
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions, before, after, after_unknown: {} },
  });
  const config = (address: string, expressions: object) => ({ address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1], provider_config_key: 'aws', expressions });
  const keyValues = { description: 'k', enable_key_rotation: true, id: 'k-1', key_id: 'k-1', arn: 'arn:aws:kms:eu-west-1:111122223333:key/k-1', policy: PUBLIC };
  /** The policy resource replaces PUBLIC by PRIVATE; the key (no-op) shows PUBLIC, read back. */
  const update = {
    format_version: '1.2',
    terraform_version: '1.11.4',
    variables: { policy: { value: null } },
    resource_changes: [change(K, ['no-op'], keyValues, keyValues), change(P, ['update'], { key_id: 'k-1', policy: PUBLIC }, { key_id: 'k-1', policy: PRIVATE })],
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
      root_module: {
        resources: [
          config(K, { description: { constant_value: 'k' }, enable_key_rotation: { constant_value: true }, policy: { references: ['var.policy'] } }),
          config(P, { key_id: { references: ['aws_kms_key.k.id', 'aws_kms_key.k'] }, policy: { constant_value: PRIVATE } }),
        ],
        variables: { policy: {} },
      },
    },
  };
  const code = `variable "policy" {
  type    = string
  default = null
}
resource "aws_kms_key" "k" {
  description         = "k"
  enable_key_rotation = true
  policy              = var.policy
}
resource "aws_kms_key_policy" "k" {
  key_id = aws_kms_key.k.id
  policy = ${JSON.stringify(PRIVATE)}
}
`;
  const findings = async (withCode: boolean) =>
    (await withFiles({ 'plan.json': JSON.stringify(update), ...(withCode ? { 'code/main.tf': code } : {}) }, (dir) => checkFindings([`${dir}/plan.json`, ...(withCode ? ['--code', `${dir}/code`] : [])]))).findings
      .filter((f) => f.ruleId === rule.id)
      .map((f) => [f.address, f.status, f.message]);

  it('read with its code (`policy = var.policy`, null), passes: the policy shown is the old one read back', async () => {
    expect(await findings(true)).toEqual([]);
  });

  it('checked alone, is unknown (not failed) and says the code would decide', async () => {
    expect(await findings(false)).toEqual([[K, 'unknown', expect.stringMatching(/^in the inline `policy` .*allows every principal.*as it does when the code makes null .*--code DIR/)]]);
  });

  it('in .tf, a key whose `policy` is null beside the policy resource is judged by the policy resource alone', async () => {
    const tf = (policy: string) => code.replace('policy              = var.policy', `policy              = ${policy}`).replace(JSON.stringify(PRIVATE), JSON.stringify(PUBLIC));
    for (const policy of ['var.policy', 'null']) {
      expect(await withFiles({ 'main.tf': tf(policy) }, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({ [K]: 'fail' });
    }
  });
});
