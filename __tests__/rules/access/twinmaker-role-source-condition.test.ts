import * as path from 'node:path';
import rule from '../../../checks/rules/access/twinmaker-role-source-condition';
import { tempDir, twinguard } from '../../cli/run';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { tfGraph } from '../../helpers/code-forms';
import { policyJson, type Statement } from '../fixtures/transit';

const R = 'aws_iam_role.twinmaker';
const W = 'awscc_iottwinmaker_workspace.factory';
const trust = (overrides: Statement = {}): Statement => ({
  Effect: 'Allow',
  Principal: { Service: 'iottwinmaker.amazonaws.com' },
  Action: 'sts:AssumeRole',
  ...overrides,
});
const role = (statements: Statement[] | 'unknown', address = R) =>
  res(address, { name: 'twinmaker', ...(statements === 'unknown' ? {} : { assume_role_policy: policyJson(statements) }) }, {
    unknown: { arn: true, id: true, unique_id: true, ...(statements === 'unknown' ? { assume_role_policy: true } : {}) },
  });
/** A workspace whose `role` references `roleAddress`, or names a role ARN outside the input. */
const workspace = (roleAddress?: string) =>
  res(W, { workspace_id: 'factory', s3_location: 'arn:aws:s3:::factory-data', ...(roleAddress ? {} : { role: 'arn:aws:iam::123456789012:role/elsewhere' }) }, {
    unknown: { arn: true, id: true, ...(roleAddress ? { role: true } : {}) },
    ...(roleAddress ? { refs: { role: [`${roleAddress}.arn`, roleAddress] } } : {}),
  });
const SJ = 'awscc_iottwinmaker_sync_job.sj';
/** A sync job whose `sync_role` references `roleAddress`, or names a role ARN outside the input. */
const syncJob = (roleAddress?: string) =>
  res(SJ, { workspace_id: 'factory', sync_source: 'SITEWISE', ...(roleAddress ? {} : { sync_role: 'arn:aws:iam::123456789012:role/legacy-sync' }) }, {
    unknown: { arn: true, id: true, ...(roleAddress ? { sync_role: true } : {}) },
    ...(roleAddress ? { refs: { sync_role: [`${roleAddress}.arn`, roleAddress] } } : {}),
  });
const SOURCE_ACCOUNT = { StringEquals: { 'aws:SourceAccount': '123456789012' } };

ruleTable(rule, [
  { name: 'a trust limited by aws:SourceAccount passes', plan: plan([role([trust({ Condition: SOURCE_ACCOUNT })])]), expect: { [R]: 'pass' } },
  {
    name: 'a trust limited by aws:SourceArn (ArnLike) passes',
    plan: plan([role([trust({ Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:iottwinmaker:us-east-1:123456789012:workspace/factory' } } })])]),
    expect: { [R]: 'pass' },
  },
  {
    name: 'the documented trust policy without conditions fails',
    plan: plan([role([trust()])]),
    expect: { [R]: 'fail' },
    message: /lets iottwinmaker\.amazonaws\.com assume this role for any account.*aws:SourceAccount/,
  },
  {
    name: 'the service principal in another case (IoTTwinMaker.amazonaws.com) is taken for TwinMaker\'s: without conditions it fails',
    plan: plan([role([trust({ Principal: { Service: ['lambda.amazonaws.com', 'IoTTwinMaker.amazonaws.com'] } })])]),
    expect: { [R]: 'fail' },
    message: /lets iottwinmaker\.amazonaws\.com assume this role for any account/,
  },
  // IAM: ForAnyValue is false for a request without the key; ForAllValues is true (every one of no values matches).
  {
    name: 'ForAnyValue:StringEquals pins the account as StringEquals does; ForAllValues:StringEquals does not',
    plan: plan([
      role([trust({ Condition: { 'ForAnyValue:StringEquals': { 'aws:SourceAccount': ['123456789012'] } } })], 'aws_iam_role.any'),
      role([trust({ Condition: { 'ForAllValues:StringEquals': { 'aws:SourceAccount': ['123456789012'] } } })], 'aws_iam_role.all'),
    ]),
    expect: { 'aws_iam_role.any': 'pass', 'aws_iam_role.all': 'fail' },
  },
  { name: 'an IfExists condition fails: a request without the key gets through', plan: plan([role([trust({ Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } } })])]), expect: { [R]: 'fail' } },
  { name: 'a wildcard source fails', plan: plan([role([trust({ Condition: { StringLike: { 'aws:SourceAccount': '*' } } })])]), expect: { [R]: 'fail' } },
  ...[
    { StringLike: { 'aws:SourceAccount': '????????????' } },
    { StringLike: { 'aws:SourceAccount': '*1*' } },
    { ArnLike: { 'aws:SourceArn': 'arn:aws:iottwinmaker:*:*:workspace/*' } },
    { ArnLike: { 'aws:SourceArn': 'arn:*' } },
    { ArnLike: { 'aws:SourceArn': 'arn:aws:iottwinmaker:eu-west-1:*:workspace/twinmaker-dev' } },
    { StringEquals: { 'aws:SourceAccount': ['123456789012', '*'] } },
  ].map((Condition) => ({
    name: `a wildcard that matches every account pins nothing (IAM's confused-deputy guidance: the account fixed): ${JSON.stringify(Condition)} fails`,
    plan: plan([role([trust({ Condition })])]),
    expect: { [R]: 'fail' as const },
    message: /that names one account, without a wildcard or policy variable in it/,
  })),
  // IAM fills a policy variable from the request: `aws:SourceAccount = "${aws:SourceAccount}"` always holds.
  ...[
    { StringEquals: { 'aws:SourceAccount': '${aws:SourceAccount}' } },
    { ArnLike: { 'aws:SourceArn': 'arn:aws:iottwinmaker:us-east-1:${aws:SourceAccount}:workspace/*' } },
    { StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } },
  ].map((Condition) => ({
    name: `a policy variable as the account pins nothing: ${JSON.stringify(Condition)} fails`,
    plan: plan([role([trust({ Condition })])]),
    expect: { [R]: 'fail' as const },
    message: /that names one account, without a wildcard or policy variable in it/,
  })),
  {
    name: 'a policy variable beside a fixed account (in the workspace part) still pins the account',
    plan: plan([role([trust({ Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:iottwinmaker:us-east-1:123456789012:workspace/${aws:PrincipalTag/workspace}' } } })])]),
    expect: { [R]: 'pass' },
  },
  {
    name: 'an ARN with wildcards for the Region and the workspace but the account fixed pins it (the guidance\'s own example)',
    plan: plan([role([trust({ Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:iottwinmaker:*:123456789012:workspace/*' } } })])]),
    expect: { [R]: 'pass' },
  },
  ...[
    { Principal: '*' },
    { Principal: { AWS: '*' } },
    { Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } },
    // IAM takes no wildcard inside a principal but `*` alone: one is read as `*`.
    { Principal: { AWS: '?*' } },
    { Principal: { AWS: '*?*' } },
    { Principal: { AWS: 'arn:aws:iam::*:root' } },
    { Principal: { Service: '*.amazonaws.com' } },
    { Principal: { Service: 'iottwinmaker.*' } },
  ].map((principal) => ({
    name: `a workspace's role that trusts every principal (${JSON.stringify(principal)}) fails: TwinMaker among them, and anyone`,
    plan: plan([role([trust(principal)]), workspace(R)]),
    expect: { [R]: 'fail' as const, [W]: 'pass' as const },
    message: /lets every principal \(iottwinmaker.amazonaws.com among them\) assume this role/,
  })),
  {
    name: 'a role no workspace uses that trusts every principal is not this rule\'s (another service or account may be meant)',
    plan: plan([role([trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })])]),
    expect: { [R]: 'not-applicable' },
  },
  {
    name: 'one unconditioned statement among conditioned ones fails',
    plan: plan([role([trust({ Condition: SOURCE_ACCOUNT }), trust({ Sid: 'Open', Action: ['sts:AssumeRole', 'sts:TagSession'] })])]),
    expect: { [R]: 'fail' },
    message: /"Open"/,
  },
  {
    name: 'a trust written with a NotAction that leaves sts:AssumeRole in (NotAction = "s3:*") is judged as an AssumeRole trust: no condition fails',
    plan: plan([role([trust({ Action: undefined, NotAction: 's3:*' })])]),
    expect: { [R]: 'fail' },
    message: /lets iottwinmaker\.amazonaws\.com assume this role for any account/,
  },
  {
    name: 'a NotAction trust that leaves sts:AssumeRole in, with the account pinned, passes',
    plan: plan([role([trust({ Action: undefined, NotAction: ['s3:*', 'sts:AssumeRoleWithSAML'], Condition: SOURCE_ACCOUNT })])]),
    expect: { [R]: 'pass' },
  },
  {
    name: 'a workspace role trusting every principal by NotAction fails',
    plan: plan([role([trust({ Principal: '*', Action: undefined, NotAction: 'iam:*' })]), workspace(R)]),
    expect: { [R]: 'fail', [W]: 'pass' },
    message: /lets every principal/,
  },
  {
    name: 'a NotAction that excludes sts:AssumeRole (sts:*) grants no assumption: not applicable',
    plan: plan([role([trust({ Action: undefined, NotAction: 'sts:*' })])]),
    expect: { [R]: 'not-applicable' },
  },
  {
    name: 'an awscc_iam_role is checked on its assume_role_policy_document',
    plan: plan([res('awscc_iam_role.tm', { role_name: 'tm', assume_role_policy_document: policyJson([trust()]) }, { unknown: { arn: true, id: true } })]),
    expect: { 'awscc_iam_role.tm': 'fail' },
  },
  { name: 'a role other services assume is not applicable', plan: plan([role([trust({ Principal: { Service: 'lambda.amazonaws.com' } })])]), expect: { [R]: 'not-applicable' } },
  {
    name: 'a workspace role whose trust policy is known only after apply is unknown',
    plan: plan([role('unknown'), workspace(R)]),
    expect: { [R]: 'unknown', [W]: 'pass' },
    message: /used by awscc_iottwinmaker_workspace\.factory, is known only after apply/,
  },
  {
    name: "a sync job's role whose trust policy is known only after apply is unknown, naming the sync job",
    plan: plan([role('unknown'), syncJob(R)]),
    expect: { [R]: 'unknown', [SJ]: 'pass' },
    message: /used by awscc_iottwinmaker_sync_job\.sj, is known only after apply/,
  },
  {
    name: "a sync job's role that trusts every principal fails, as a workspace's does",
    plan: plan([role([trust({ Principal: { AWS: '*' } })]), syncJob(R)]),
    expect: { [R]: 'fail', [SJ]: 'pass' },
    message: /lets every principal \(iottwinmaker.amazonaws.com among them\) assume this role/,
  },
  {
    name: "a sync job whose sync_role is not in the input is unknown",
    plan: plan([syncJob()]),
    expect: { [SJ]: 'unknown' },
    message: /the sync job's `sync_role` names a role that is not in the input/,
  },
  { name: 'an unknown trust policy on a role no workspace uses is not applicable', plan: plan([role('unknown')]), expect: { [R]: 'not-applicable' } },
  {
    name: 'a workspace whose role is not in the input is unknown',
    plan: plan([workspace()]),
    expect: { [W]: 'unknown' },
    message: /names a role that is not in the input/,
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

/** A .tf trust policy written with jsonencode() of values known only after apply, read with its code. */
describe('a trust policy read with its code (.tf input)', () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());
  let cases = 0;

  async function verdict(principal: string, condition: string): Promise<string> {
    const dir = `case-${(cases += 1)}`;
    scenario.write(
      path.join(dir, 'main.tf'),
      `data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
variable "account" {
  type = string
}
resource "aws_iam_role" "twinmaker" {
  name = "twinmaker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = ${principal}, Action = "sts:AssumeRole"${condition ? `, Condition = ${condition}` : ''} }]
  })
}
resource "awscc_iottwinmaker_workspace" "factory" {
  workspace_id = "factory"
  role         = aws_iam_role.twinmaker.arn
  s3_location  = "arn:aws:s3:::factory-data"
}
`,
    );
    const run = await twinguard(['check', path.join(scenario.dir, dir), '--input-kind', 'hcl', '--format', 'json']);
    const findings: { ruleId: string; address: string; status: string }[] = JSON.parse(run.stdout).findings;
    return findings.find((f) => f.ruleId === rule.id && f.address === 'aws_iam_role.twinmaker')?.status ?? 'pass';
  }

  const SERVICE = '{ Service = "iottwinmaker.amazonaws.com" }';
  it.each([
    ['the account id of the caller identity', '{ StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }', 'pass'],
    ['a workspace ARN built from the region and the account', '{ ArnLike = { "aws:SourceArn" = "arn:aws:iottwinmaker:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:workspace/*" } }', 'pass'],
    ['a variable, which may be "*"', '{ StringEquals = { "aws:SourceAccount" = var.account } }', 'unknown'],
    ['no condition', '', 'fail'],
  ])('limited by %s: %s', async (_what, condition, expected) => {
    expect(await verdict(SERVICE, condition)).toBe(expected);
  });

  it('is unknown where the principal is known only after apply (it may be the service)', async () => {
    expect(await verdict('{ Service = var.account }', '')).toBe('unknown');
  });

  it('is unknown, not a fail, where the condition blocks are known only after apply (they may pin the account)', async () => {
    scenario.write(
      path.join('dynamic', 'main.tf'),
      `data "aws_caller_identity" "current" {}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["iottwinmaker.amazonaws.com"]
    }
    dynamic "condition" {
      for_each = data.aws_caller_identity.current.account_id == "" ? [] : [1]
      content {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [data.aws_caller_identity.current.account_id]
      }
    }
  }
}
resource "aws_iam_role" "twinmaker" {
  name               = "twinmaker"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
resource "awscc_iottwinmaker_workspace" "factory" {
  workspace_id = "factory"
  role         = aws_iam_role.twinmaker.arn
  s3_location  = "arn:aws:s3:::factory-data"
}
`,
    );
    const run = await twinguard(['check', path.join(scenario.dir, 'dynamic'), '--input-kind', 'hcl', '--format', 'json']);
    const findings: { ruleId: string; address: string; status: string; message: string }[] = JSON.parse(run.stdout).findings;
    const finding = findings.find((f) => f.ruleId === rule.id && f.address === 'aws_iam_role.twinmaker');
    expect(finding).toMatchObject({ status: 'unknown' });
  });
});

describe('a NotAction trust in .tf', () => {
  it('fails without a pinning condition, as the same trust written with Action does', async () => {
    const graph = await tfGraph(`resource "aws_iam_role" "twinmaker" {
  name = "twinmaker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = ["iottwinmaker.amazonaws.com"] }, NotAction = "s3:*" }]
  })
}
`);
    expect(evaluateRule(rule, graph).map((v) => [v.address, v.status])).toEqual([[R, 'fail']]);
  });
});

describe("a sync job's role in .tf", () => {
  it('whose trust is a variable is unknown, naming the sync job; the sync job whose role is elsewhere is unknown', async () => {
    const graph = await tfGraph(`variable "trust" { type = string }
resource "aws_iam_role" "sync" {
  name               = "twinmaker-sync"
  assume_role_policy = var.trust
}
resource "awscc_iottwinmaker_sync_job" "sj" {
  workspace_id = "existing-ws"
  sync_role    = aws_iam_role.sync.arn
  sync_source  = "SITEWISE"
}
resource "awscc_iottwinmaker_sync_job" "legacy" {
  workspace_id = "existing-ws"
  sync_role    = "arn:aws:iam::123456789012:role/legacy-sync"
  sync_source  = "SITEWISE"
}
`);
    const found = evaluateRule(rule, graph).filter((v) => v.status !== 'pass');
    expect(found.map((v) => [v.address, v.status])).toEqual([
      ['aws_iam_role.sync', 'unknown'],
      ['awscc_iottwinmaker_sync_job.legacy', 'unknown'],
    ]);
    expect(found[0].message).toMatch(/used by awscc_iottwinmaker_sync_job\.sj/);
    expect(found[1].message).toMatch(/the sync job's `sync_role` names a role that is not in the input/);
  });
});
