import rule from '../../../checks/rules/access/iam-policy-no-admin-access';
import { ruleStatuses, withFiles } from '../../cli/run';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { documentCases, ROLE_POLICY as RP } from '../fixtures/iam';

const P = 'aws_iam_policy.p';
const doc = (statements: Record<string, unknown>[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ADMIN = { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' };
const SCOPED = { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::data/*' };
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const attach = (address: string, policyArn: string) => res(address, { policy_arn: policyArn }, { unknown: { id: true } });
const policy = (statements: Record<string, unknown>[]) => res(P, { name: 'p', policy: doc(statements) }, { unknown: { arn: true, id: true } });

ruleTable(rule, [
  { name: 'iam-policy-no-admin-access: a scoped policy passes', plan: plan([policy([SCOPED])]), expect: { [P]: 'pass' } },
  { name: 'Action "*" on Resource "*" fails, naming the statement', plan: plan([policy([SCOPED, ADMIN])]), expect: { [P]: 'fail' }, message: /`policy`: statement "Admin" allows every action/ },
  {
    // IAM reads Effect case-sensitively: "allow" is neither Allow nor Deny, and AWS refuses the policy.
    name: 'a known policy with a statement whose Effect is "allow" is unknown, and says it is malformed (not "known only after apply")',
    plan: plan([policy([SCOPED, { ...ADMIN, Effect: 'allow' }])]),
    expect: { [P]: 'unknown' },
    message: /^`policy` is not a policy document the gate reads \(a statement whose `Effect` is not `Allow` or `Deny`/,
  },
  {
    // After a `*`, a run of `?` between literal characters makes the grammar's walk grow past its step budget.
    name: 'a resource pattern too intricate to decide within the step budget fails closed, saying it was not decided rather than that it grants full access',
    plan: plan([policy([SCOPED, { Sid: 'Tangle', Effect: 'Allow', Action: '*', Resource: `arn:aws:iam::*1${'?'.repeat(16)}3*` }])]),
    expect: { [P]: 'fail' },
    message: /^`policy`: whether statement "Tangle" grants full access could not be decided within twinguard's step budget .*so it fails closed\. Simplify the patterns, or waive this finding/,
  },
  { name: 'Action "*:*" in a list counts too', plan: plan([policy([{ Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['*'] }])]), expect: { [P]: 'fail' }, message: /a statement allows every action/ },
  { name: 'every action on one resource is not full admin (IAM.1)', plan: plan([policy([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::data' }])]), expect: { [P]: 'pass' } },
  // Every resource has an ARN: a pattern every ARN matches is every resource.
  ...['arn:*', 'arn:aws:*', 'arn:aws:*:*:*:*', 'arn:aws-us-gov:*:*:*:*'].map((resource) => ({ name: `Action "*" on ${resource} fails`, plan: plan([policy([{ Effect: 'Allow', Action: '*', Resource: resource }])]), expect: { [P]: 'fail' as const } })),
  {
    name: 'patterns that together cover every IAM action or every IAM resource count as one that does (iam:a* … iam:z*; */* is every IAM resource, each has a type)',
    plan: plan([
      policy([{ Effect: 'Allow', Action: [...'abcdefghijklmnopqrstuvwxyz'].map((c) => `iam:${c}*`), Resource: '*' }]),
      res('aws_iam_policy.typed', { name: 'typed', policy: doc([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:iam::123456789012:*/*' }]) }),
      res('aws_iam_policy.split', { name: 'split', policy: doc([{ Effect: 'Allow', Action: 'iam:*', Resource: [...'abcdefghijklmnopqrstuvwxyz0123456789-'].map((c) => `arn:aws:iam::123456789012:${c}*`) }]) }),
      res('aws_iam_policy.roles', { name: 'roles', policy: doc([{ Effect: 'Allow', Action: ['iam:a*', 'iam:b*'], Resource: 'arn:aws:iam::123456789012:role/*' }]) }),
    ]),
    expect: { [P]: 'fail', 'aws_iam_policy.typed': 'fail', 'aws_iam_policy.split': 'fail', 'aws_iam_policy.roles': 'pass' },
  },
  { name: 'every action on every resource of one service is not full admin', plan: plan([policy([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:*:*:*' }])]), expect: { [P]: 'pass' } },
  {
    name: "every IAM action on every resource fails, as a NotAction that leaves IAM in does: the principal can grant itself the rest (Checkov CKV2_AWS_40)",
    plan: plan([policy([{ Effect: 'Allow', Action: ['iam:*'], Resource: '*' }]), res('aws_iam_policy.i', { name: 'i', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'IAM:*', Resource: 'arn:aws:*' }] }) })]),
    expect: { [P]: 'fail', 'aws_iam_policy.i': 'fail' },
    message: /every IAM action, `iam:\*`/,
  },
  {
    name: 'every IAM action on every IAM resource, of all accounts or of one, fails: the actions that attach policies take those ARNs',
    plan: plan([policy([{ Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::*:*' }]), res('aws_iam_policy.one', { name: 'one', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:iam::111122223333:*' }] }) })]),
    expect: { [P]: 'fail', 'aws_iam_policy.one': 'fail' },
    message: /every IAM resource/,
  },
  {
    name: 'the inline policies of awscc users and groups are judged as a role\'s are, and their policy resources',
    plan: plan([
      res('awscc_iam_user.u', { user_name: 'u', policies: [{ policy_name: 'all', policy_document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }] }, { unknown: { arn: true, id: true } }),
      res('awscc_iam_group_policy.g', { group_name: 'g', policy_name: 'all', policy_document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }),
      res('awscc_iam_user_policy.scoped', { user_name: 'u', policy_name: 's', policy_document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }),
    ]),
    expect: { 'awscc_iam_user.u': 'fail', 'awscc_iam_group_policy.g': 'fail', 'awscc_iam_user_policy.scoped': 'pass' },
  },
  { name: 'some IAM actions on every resource, or every IAM action on some resources, are not full admin', plan: plan([policy([{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }, { Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/app-*' }])]), expect: { [P]: 'pass' } },
  { name: "attaching AWS's IAMFullAccess fails", plan: plan([attach('aws_iam_role_policy_attachment.a', 'arn:aws:iam::aws:policy/IAMFullAccess')]), expect: { 'aws_iam_role_policy_attachment.a': 'fail' }, message: /attaches the AWS-managed policy IAMFullAccess, which allows every IAM action on every resource/ },
  { name: 'a service wildcard on every resource is not full admin (IAM.1)', plan: plan([policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])]), expect: { [P]: 'pass' } },
  {
    name: 'NotAction on every resource that leaves IAM in fails: the principal can grant itself the rest',
    plan: plan([policy([{ Sid: 'AllButS3', Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' }])]),
    expect: { [P]: 'fail' },
    message: /statement "AllButS3" allows every action \(`\*`; or every IAM action, `iam:\*`, or a `NotAction` that leaves IAM's actions in/,
  },
  {
    name: 'NotAction naming only some IAM actions still leaves the others in and fails',
    plan: plan([policy([{ Effect: 'Allow', NotAction: ['iam:Create*', 'iam:Delete*'], Resource: '*' }])]),
    expect: { [P]: 'fail' },
  },
  {
    name: 'NotAction that names all of IAM (PowerUserAccess) is not full admin',
    plan: plan([policy([{ Effect: 'Allow', NotAction: ['IAM:*', 'organizations:*', 'account:*'], Resource: '*' }])]),
    expect: { [P]: 'pass' },
  },
  { name: 'NotAction on one resource is not full admin', plan: plan([policy([{ Effect: 'Allow', NotAction: 's3:*', Resource: 'arn:aws:s3:::data' }])]), expect: { [P]: 'pass' } },
  { name: 'a Deny with NotAction is no grant', plan: plan([policy([{ Effect: 'Deny', NotAction: 's3:*', Resource: '*' }])]), expect: { [P]: 'pass' } },
  {
    name: 'an aws_iam_policy_document whose not_actions leave IAM in, on every resource, fails',
    plan: plan([
      res(RP, { name: 'rp', role: 'r' }, { unknown: { id: true, policy: true }, refs: { policy: ['data.aws_iam_policy_document.most.json', 'data.aws_iam_policy_document.most'] } }),
      res('data.aws_iam_policy_document.most', { statement: [{ effect: 'Allow', not_actions: ['s3:*'], resources: ['*'] }] }, { unknown: { json: true, id: true } }),
    ]),
    expect: { [RP]: 'fail' },
  },
  {
    name: 'every action on every resource but one (NotResource) is full access: fail',
    plan: plan([policy([{ Sid: 'AllButOne', Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::audit-logs/*' }])]),
    expect: { [P]: 'fail' },
    message: /statement "AllButOne" allows every action/,
  },
  {
    name: 'an aws_iam_policy_document with not_resources on every action fails',
    plan: plan([
      res(RP, { name: 'rp', role: 'r' }, { unknown: { id: true, policy: true }, refs: { policy: ['data.aws_iam_policy_document.most.json', 'data.aws_iam_policy_document.most'] } }),
      res('data.aws_iam_policy_document.most', { statement: [{ effect: 'Allow', actions: ['*'], not_resources: ['arn:aws:s3:::audit-logs/*'] }] }, { unknown: { json: true, id: true } }),
    ]),
    expect: { [RP]: 'fail' },
  },
  {
    name: 'read at apply (another statement names a new ARN), its not_resources statement still fails',
    plan: plan([
      res(RP, { name: 'rp', role: 'r' }, { unknown: { id: true, policy: true }, refs: { policy: ['data.aws_iam_policy_document.most.json', 'data.aws_iam_policy_document.most'] } }),
      res('data.aws_iam_policy_document.most', { statement: [{ effect: 'Allow', actions: ['*'], not_resources: ['arn:aws:s3:::audit-logs/*'] }, { effect: 'Allow', actions: ['s3:GetObject'], resources: [null] }] }, {
        unknown: { json: true, id: true, statement: [{}, { resources: [true] }] },
      }),
    ]),
    expect: { [RP]: 'fail' },
  },
  { name: 'a Deny of everything is no grant', plan: plan([policy([{ Effect: 'Deny', Action: '*', Resource: '*' }])]), expect: { [P]: 'pass' } },
  {
    name: 'an inline role policy from an aws_iam_policy_document with known statements is read',
    plan: plan([
      res(RP, { name: 'rp', role: 'r' }, { unknown: { id: true, policy: true }, refs: { policy: ['data.aws_iam_policy_document.admin.json', 'data.aws_iam_policy_document.admin'] } }),
      res('data.aws_iam_policy_document.admin', { statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] }, { unknown: { json: true, id: true } }),
    ]),
    expect: { [RP]: 'fail' },
  },
  ...documentCases(
    [
      ['a document read at apply whose known actions hold no "*" passes, whatever its resources', { actions: ['s3:GetObject'], resources: [null] }, { resources: [true] }, 'pass'],
      ['one whose actions hold "*" and whose resources are unknown is unknown', { actions: ['*'], resources: [null] }, { resources: [true] }, 'unknown'],
      ['one whose actions hold "*" and whose known resources hold "*" fails', { actions: ['*'], resources: ['*', null] }, { resources: [false, true] }, 'fail'],
      ['one whose actions are unknown is unknown', { resources: ['*'] }, { actions: true }, 'unknown'],
      ['a Deny read at apply passes', { effect: 'Deny', actions: ['*'], resources: [null] }, { resources: [true] }, 'pass'],
      ['every action on known resources without "*" passes, though its Sid is known only at apply', { sid: null, actions: ['*'], resources: ['arn:aws:s3:::data'] }, { sid: true }, 'pass'],
    ] as const
  ),
  { name: 'a policy known only after apply is unknown', plan: plan([res(P, { name: 'p' }, { unknown: { arn: true, id: true, policy: true }, refs: { policy: ['var.policy'] } })]), expect: { [P]: 'unknown' } },
  {
    name: 'an awscc role whose inline policies include an admin one fails, naming it',
    plan: plan([res('awscc_iam_role.r', { role_name: 'r', policies: [{ policy_name: 'read', policy_document: doc([SCOPED]) }, { policy_name: 'everything', policy_document: doc([ADMIN]) }] }, { unknown: { arn: true, id: true } })]),
    expect: { 'awscc_iam_role.r': 'fail' },
    message: /the inline policy "everything": statement "Admin"/,
  },
  {
    name: 'aws_iam_role.inline_policy counts when the configuration writes it',
    plan: plan([res('aws_iam_role.r', { name: 'r', assume_role_policy: doc([]), inline_policy: [{ name: 'all', policy: doc([ADMIN]) }] }, { unknown: { arn: true, id: true } })]),
    expect: { 'aws_iam_role.r': 'fail' },
  },
  {
    name: 'aws_iam_role.inline_policy read back from the account (not in the configuration) is not judged here',
    plan: plan([
      res('aws_iam_role.r', { name: 'r', assume_role_policy: doc([]), inline_policy: [{ name: 'all', policy: doc([ADMIN]) }] }, { unknown: { arn: true, id: true }, expressions: { name: { constant_value: 'r' } } }),
    ]),
    expect: { 'aws_iam_role.r': 'pass' },
  },
  { name: 'attaching AWS\'s AdministratorAccess to a role fails', plan: plan([attach('aws_iam_role_policy_attachment.a', ADMIN_ARN)]), expect: { 'aws_iam_role_policy_attachment.a': 'fail' }, message: /attaches the AWS-managed policy AdministratorAccess, which allows every action on every resource/ },
  { name: '… to a user, in the GovCloud partition', plan: plan([attach('aws_iam_user_policy_attachment.a', 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess')]), expect: { 'aws_iam_user_policy_attachment.a': 'fail' } },
  { name: '… to a group, through aws_iam_policy_attachment', plan: plan([attach('aws_iam_policy_attachment.a', ADMIN_ARN)]), expect: { 'aws_iam_policy_attachment.a': 'fail' } },
  { name: 'attaching a narrower AWS-managed policy passes here', plan: plan([attach('aws_iam_role_policy_attachment.a', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')]), expect: { 'aws_iam_role_policy_attachment.a': 'pass' } },
  { name: 'a customer-managed policy named like it is judged by its statements, not its ARN', plan: plan([attach('aws_iam_role_policy_attachment.a', 'arn:aws:iam::111122223333:policy/AdministratorAccess-Lite')]), expect: { 'aws_iam_role_policy_attachment.a': 'pass' } },
  {
    name: 'an exclusive attachment list holding it fails on that element',
    plan: plan([res('aws_iam_role_policy_attachments_exclusive.a', { role_name: 'r', policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', ADMIN_ARN] }, { unknown: { id: true } })]),
    expect: { 'aws_iam_role_policy_attachments_exclusive.a': 'fail' },
  },
  {
    name: 'an awscc user\'s managed_policy_arns holding it fails',
    plan: plan([res('awscc_iam_user.u', { user_name: 'u', managed_policy_arns: [ADMIN_ARN] }, { unknown: { arn: true, id: true } })]),
    expect: { 'awscc_iam_user.u': 'fail' },
  },
  {
    name: 'aws_iam_role.managed_policy_arns counts when the configuration writes it',
    plan: plan([res('aws_iam_role.r', { name: 'r', assume_role_policy: doc([]), managed_policy_arns: [ADMIN_ARN] }, { unknown: { arn: true, id: true } })]),
    expect: { 'aws_iam_role.r': 'fail' },
  },
  {
    name: 'aws_iam_role.managed_policy_arns read back from the account (the attachments are judged themselves) is not judged here',
    plan: plan([res('aws_iam_role.r', { name: 'r', assume_role_policy: doc([]), managed_policy_arns: [ADMIN_ARN] }, { unknown: { arn: true, id: true }, expressions: { name: { constant_value: 'r' } } })]),
    expect: { 'aws_iam_role.r': 'pass' },
  },
  {
    name: 'an ARN known only after apply that is a customer-managed policy of the input passes: the policy is judged itself',
    plan: plan([policy([SCOPED]), res('aws_iam_role_policy_attachment.a', { role: 'r' }, { unknown: { id: true, policy_arn: true }, refs: { policy_arn: [`${P}.arn`, P] } })]),
    expect: { [P]: 'pass', 'aws_iam_role_policy_attachment.a': 'pass' },
  },
  {
    name: 'an ARN known only after apply from a variable is unknown',
    plan: plan([res('aws_iam_role_policy_attachment.a', { role: 'r' }, { unknown: { id: true, policy_arn: true }, refs: { policy_arn: ['var.policy_arn'] } })]),
    expect: { 'aws_iam_role_policy_attachment.a': 'unknown' },
    message: /known only after apply and may be AdministratorAccess's/,
  },
  {
    name: 'an ARN read at apply from an aws_iam_policy data source named AdministratorAccess fails',
    plan: plan([
      res('data.aws_iam_policy.admin', { name: 'AdministratorAccess' }, { unknown: { arn: true, id: true } }),
      res('aws_iam_role_policy_attachment.a', { role: 'r' }, { unknown: { id: true, policy_arn: true }, refs: { policy_arn: ['data.aws_iam_policy.admin.arn', 'data.aws_iam_policy.admin'] } }),
    ]),
    expect: { 'aws_iam_role_policy_attachment.a': 'fail' },
  },
  {
    name: 'a managed_policy_arns list known only after apply is unknown',
    plan: plan([res('awscc_iam_role.r', { role_name: 'r', assume_role_policy_document: doc([]) }, { unknown: { arn: true, id: true, managed_policy_arns: true }, refs: { managed_policy_arns: ['var.arns'] } })]),
    expect: { 'awscc_iam_role.r': 'unknown' },
    message: /`managed_policy_arns` is known only after apply/,
  },
  // IAM's `*` is any run (`:` and `/` too) and `?` one character: a pattern that matches every action or ARN is `*`, whatever its spelling.
  ...(
    [
      ['every IAM action, spelled with `?` (`iam:?*`)', { Action: 'iam:?*', Resource: '*' }, 'fail'],
      ['every action, spelled `*?`', { Action: '*?', Resource: '*' }, 'fail'],
      ['every action of every service, spelled `*:?*`', { Action: '*:?*', Resource: '*' }, 'fail'],
      ['every IAM action on `arn:aws:?*` (every service has a name)', { Action: 'iam:*', Resource: 'arn:aws:?*' }, 'fail'],
      ['every action on `?*`', { Action: '*', Resource: '?*' }, 'fail'],
      ['every action on `*?*`', { Action: '*', Resource: '*?*' }, 'fail'],
      ['every action on `arn:*:*`', { Action: '*', Resource: 'arn:*:*' }, 'fail'],
      ['every action on every ARN of a partition spelled `arn:aws-*:*`', { Action: '*', Resource: 'arn:aws-*:*' }, 'fail'],
      ['every IAM action on `arn:aws:iam::*` (a `*` spans the account and what follows)', { Action: 'iam:*', Resource: 'arn:aws:iam::*' }, 'fail'],
      ['every IAM action on `arn:aws:iam:*`', { Action: 'iam:*', Resource: 'arn:aws:iam:*' }, 'fail'],
      ['a NotAction of `iam:?*` names all of IAM: not judged', { NotAction: 'iam:?*', Resource: '*' }, 'pass'],
      ['a NotAction whose patterns together name all of IAM (`iam:?`, `iam:??*`): not judged', { NotAction: ['iam:?', 'iam:??*'], Resource: '*' }, 'pass'],
      ['every action on a bucket family (`arn:aws:s3:::bucket-*/*`) is not every resource', { Action: '*', Resource: 'arn:aws:s3:::bucket-*/*' }, 'pass'],
      ['every action on every resource of an account of twelve characters covers every IAM resource of each: fails', { Action: '*', Resource: 'arn:aws:*:*:????????????:*' }, 'fail'],
      ['every action on every object of every bucket is not every resource', { Action: '*', Resource: 'arn:aws:s3:::*/*' }, 'pass'],
      ['every IAM action on the roles of every account is not every IAM resource', { Action: 'iam:*', Resource: 'arn:aws:iam::*:role/*' }, 'pass'],
      // IAM fills a policy variable from the request: the account it names is some account, as one written there is.
      ['every IAM action on every IAM resource of the caller\'s account (`${aws:PrincipalAccount}`) fails', { Action: 'iam:*', Resource: 'arn:aws:iam::${aws:PrincipalAccount}:*' }, 'fail'],
      ['every IAM action on every IAM resource of the account of the resource asked for (`${aws:ResourceAccount}`) fails', { Action: 'iam:*', Resource: 'arn:aws:iam::${aws:ResourceAccount}:*' }, 'fail'],
      ['every IAM action on the roles of the caller\'s account is not every IAM resource', { Action: 'iam:*', Resource: 'arn:aws:iam::${aws:PrincipalAccount}:role/*' }, 'pass'],
    ] as const
  ).map(([name, statement, verdict]) => ({ name, plan: plan([policy([{ Effect: 'Allow', ...statement }])]), expect: { [P]: verdict } })),
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

/** Attachments in .tf code: ARNs the plan would know only after apply, read from the code. */
describe('attachments read from .tf code', () => {
  it('reads an ARN made from the partition, names an aws_iam_policy data source by its name, and passes policies of the input', async () => {
    const files = { 'main.tf': `data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}
variable "policy_name" {
  type = string
}
resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
resource "aws_iam_policy" "scoped" {
  name   = "scoped"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }] })
}
resource "aws_iam_role_policy_attachment" "by_partition" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role_policy_attachment" "by_data_source" {
  role       = aws_iam_role.deploy.name
  policy_arn = data.aws_iam_policy.admin.arn
}
resource "aws_iam_role_policy_attachment" "own" {
  role       = aws_iam_role.deploy.name
  policy_arn = aws_iam_policy.scoped.arn
}
resource "aws_iam_role_policy_attachment" "account_policy" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:policy/readers"
}
resource "aws_iam_role_policy_attachment" "named_by_variable" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/\${var.policy_name}"
}
resource "aws_iam_role_policy_attachment" "named_by_variable_in_govcloud" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws-us-gov:iam::aws:policy/\${var.policy_name}"
}
resource "aws_iam_role_policy_attachments_exclusive" "deploy" {
  role_name   = aws_iam_role.deploy.name
  policy_arns = [aws_iam_policy.scoped.arn, "arn:\${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"]
}
` };
    expect(await withFiles(files, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl'], true))).toEqual({
      'aws_iam_role_policy_attachment.by_partition': 'fail at policy_arn',
      'aws_iam_role_policy_attachment.by_data_source': 'fail at policy_arn',
      'aws_iam_role_policy_attachment.named_by_variable': 'unknown at policy_arn',
      'aws_iam_role_policy_attachment.named_by_variable_in_govcloud': 'unknown at policy_arn',
      'aws_iam_role_policy_attachments_exclusive.deploy': 'fail at policy_arns.1',
    });
  });
});

/** Wildcard shapes in .tf code: a `jsonencode` policy and an `aws_iam_policy_document`, read as a plan reads them. */
describe('wildcard shapes written in .tf code', () => {
  it('fail whichever way the code writes the document', async () => {
    const files = { 'main.tf': `resource "aws_iam_policy" "encoded" {
  name   = "encoded"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:?*", Resource = "arn:aws:?*" }] })
}
data "aws_iam_policy_document" "all" {
  statement {
    actions   = ["*?"]
    resources = ["arn:aws:iam::*"]
  }
}
resource "aws_iam_policy" "document" {
  name   = "document"
  policy = data.aws_iam_policy_document.all.json
}
resource "aws_iam_policy" "scoped" {
  name   = "scoped"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::bucket-*/*" }] })
}
` };
    expect(await withFiles(files, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({ 'aws_iam_policy.encoded': 'fail', 'aws_iam_policy.document': 'fail' });
  });
});
