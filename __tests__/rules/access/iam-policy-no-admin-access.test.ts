import rule from '../../../checks/rules/access/iam-policy-no-admin-access';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { documentCases, ROLE_POLICY as RP } from '../fixtures/iam';

const P = 'aws_iam_policy.p';
const doc = (statements: Record<string, unknown>[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ADMIN = { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' };
const SCOPED = { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::data/*' };
const policy = (statements: Record<string, unknown>[]) => res(P, { name: 'p', policy: doc(statements) }, { unknown: { arn: true, id: true } });

ruleTable(rule, [
  { name: 'iam-policy-no-admin-access: a scoped policy passes', plan: plan([policy([SCOPED])]), expect: { [P]: 'pass' } },
  { name: 'Action "*" on Resource "*" fails, naming the statement', plan: plan([policy([SCOPED, ADMIN])]), expect: { [P]: 'fail' }, message: /`policy`: statement "Admin" allows every action/ },
  { name: 'Action "*:*" in a list counts too', plan: plan([policy([{ Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['*'] }])]), expect: { [P]: 'fail' }, message: /a statement allows every action/ },
  { name: 'every action on one resource is not full admin (IAM.1)', plan: plan([policy([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::data' }])]), expect: { [P]: 'pass' } },
  { name: 'a service wildcard on every resource is not full admin (IAM.1)', plan: plan([policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])]), expect: { [P]: 'pass' } },
  {
    name: 'NotAction on every resource that leaves IAM in fails: the principal can grant itself the rest',
    plan: plan([policy([{ Sid: 'AllButS3', Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' }])]),
    expect: { [P]: 'fail' },
    message: /statement "AllButS3" allows every action \(`\*`, or a `NotAction` that leaves IAM's actions in/,
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
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);
