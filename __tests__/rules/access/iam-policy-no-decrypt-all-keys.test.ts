import rule from '../../../checks/rules/access/iam-policy-no-decrypt-all-keys';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { documentCases } from '../fixtures/iam';
import { ruleStatuses, withFiles } from '../../cli/run';

const P = 'aws_iam_policy.p';
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const doc = (statements: Record<string, unknown>[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const policy = (statements: Record<string, unknown>[]) => res(P, { name: 'p', policy: doc(statements) }, { unknown: { arn: true, id: true } });
const allow = (Action: unknown, Resource: unknown, extra: Record<string, unknown> = {}) => ({ Sid: 'Keys', Effect: 'Allow', Action, Resource, ...extra });

ruleTable(rule, [
  { name: 'iam-policy-no-decrypt-all-keys: decrypt with one named key passes', plan: plan([policy([allow(['kms:Decrypt', 'kms:GenerateDataKey'], KEY)])]), expect: { [P]: 'pass' } },
  {
    name: 'key patterns that together cover every key of every account fail as one that does (key/0* … key/f*); the keys of one account together pass',
    plan: plan([
      policy([allow('kms:Decrypt', [...'0123456789abcdef'].map((c) => `arn:aws:kms:*:*:key/${c}*`))]),
      res('aws_iam_policy.own', { name: 'own', policy: doc([allow('kms:Decrypt', [...'0123456789abcdef'].map((c) => `arn:aws:kms:*:111122223333:key/${c}*`))]) }),
    ]),
    expect: { [P]: 'fail', 'aws_iam_policy.own': 'pass' },
  },
  {
    name: 'the keys of two named accounts in one statement pass, as in two statements (an account and its log archive)',
    plan: plan([policy([allow('kms:Decrypt', ['arn:aws:kms:eu-west-1:111122223333:key/*', 'arn:aws:kms:eu-west-1:444455556666:key/*'])])]),
    expect: { [P]: 'pass' },
  },
  {
    name: 'a key pattern too intricate to decide within the step budget fails closed, saying it was not decided rather than that it is every key',
    plan: plan([policy([allow('kms:Decrypt', `*0${'?'.repeat(14)}0*`)])]),
    expect: { [P]: 'fail' },
    message: /^`policy`: whether statement "Keys" grants decryption with every KMS key could not be decided within twinguard's step budget .*so it fails closed\./,
  },
  { name: 'kms:Decrypt on "*" fails, naming the statement', plan: plan([policy([allow('kms:Decrypt', '*')])]), expect: { [P]: 'fail' }, message: /^`policy`: statement "Keys" allows `kms:Decrypt` or `kms:ReEncryptFrom` on every KMS key/ },
  ...(
    [
      ['kms:ReEncryptFrom on "*" fails', 'kms:ReEncryptFrom', '*', 'fail'],
      ['kms:* on "*" fails', 'kms:*', '*', 'fail'],
      ['a wildcard that covers Decrypt (kms:De*) fails, in any case', 'KMS:de*', '*', 'fail'],
      ['"*" on every key ARN of any Region and account fails', '*', 'arn:aws:kms:*:*:key/*', 'fail'],
      ['Decrypt on every key of one account passes: what Security Hub KMS.1/KMS.2 tell to allow instead', 'kms:Decrypt', 'arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/*', 'pass'],
      ['Decrypt on the keys of one account in every Region passes', 'kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*', 'pass'],
      ['Decrypt on the keys of every account in one Region fails', 'kms:Decrypt', 'arn:aws:kms:eu-west-1:*:key/*', 'fail'],
      ['an account of twelve wildcards is every account: fails', 'kms:Decrypt', 'arn:aws:kms:*:????????????:key/*', 'fail'],
      // IAM fills a policy variable from the request: the caller's account is one account, the key's own account is every key's.
      ['Decrypt on the keys of the caller\'s account (${aws:PrincipalAccount}) passes', 'kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*', 'pass'],
      ['Decrypt on the keys of each key\'s own account (${aws:ResourceAccount}) is every key: fails', 'kms:Decrypt', 'arn:aws:kms:*:${aws:ResourceAccount}:key/*', 'fail'],
      ['an account pattern that matches many accounts fails', 'kms:Decrypt', 'arn:aws:kms:*:1111222233*:key/*', 'fail'],
      ['Decrypt on arn:aws-cn:kms:* (any partition) fails', 'kms:Decrypt', 'arn:aws-cn:kms:*', 'fail'],
      ['other KMS actions on "*" pass', ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:List*'], '*', 'pass'],
      ['Decrypt on aliases grants no key: passes', 'kms:Decrypt', 'arn:aws:kms:eu-west-1:111122223333:alias/*', 'pass'],
      ['Decrypt on other services\' resources passes', 'kms:Decrypt', 'arn:aws:s3:::data/*', 'pass'],
      // IAM matches each segment: a wildcard service and resource cover every key.
      ['Decrypt on arn:aws:*:*:*:* fails', 'kms:Decrypt', 'arn:aws:*:*:*:*', 'fail'],
      ['Decrypt on arn:*:*:*:*:* fails', 'kms:Decrypt', 'arn:*:*:*:*:*', 'fail'],
      ['Decrypt on every resource of one other service in every segment passes', 'kms:Decrypt', 'arn:aws:s3:*:*:*', 'pass'],
      // IAM's `*` is any run (`:` and `/` too), `?` one character: a pattern that matches every key id is `key/*`, whatever its spelling.
      ['Decrypt on key/?* of every account fails: a key id is never empty', 'kms:Decrypt', 'arn:aws:kms:*:*:key/?*', 'fail'],
      ['Decrypt on key/*? of every account fails', 'kms:Decrypt', 'arn:aws:kms:*:*:key/*?', 'fail'],
      ['Decrypt on key/*-* of every account fails: every key id is a UUID or mrk-…, with a dash', 'kms:Decrypt', 'arn:aws:kms:*:*:key/*-*', 'fail'],
      ['Decrypt on every multi-Region key of every account fails', 'kms:Decrypt', 'arn:aws:kms:*:*:key/mrk-*', 'fail'],
      ['Decrypt on arn:aws:kms:*:key/* fails: its `*` spans the Region and the account', 'kms:Decrypt', 'arn:aws:kms:*:key/*', 'fail'],
      ['Decrypt on *:key/* fails', 'kms:Decrypt', '*:key/*', 'fail'],
      ['Decrypt on ?* fails', 'kms:Decrypt', '?*', 'fail'],
      ['Decrypt on arn:aws:?* fails', 'kms:Decrypt', 'arn:aws:?*', 'fail'],
      ['Decrypt on every key of a partition spelled arn:aws-*: fails', 'kms:Decrypt', 'arn:aws-*:kms:*:*:key/*', 'fail'],
      ['"*" on key/?* of every account fails', '*', 'arn:aws:kms:*:*:key/?*', 'fail'],
      ['Decrypt on key/?* of one account passes', 'kms:Decrypt', 'arn:aws:kms:eu-west-1:111122223333:key/?*', 'pass'],
      ['Decrypt on every resource of one account in every Region passes', 'kms:Decrypt', 'arn:aws:kms:*:111122223333:*', 'pass'],
      ['Decrypt on the keys of every account whose id begins 1234abcd- passes: not every key', 'kms:Decrypt', 'arn:aws:kms:*:*:key/1234abcd-*', 'pass'],
    ] as const
  ).map(([name, action, resource, verdict]) => ({ name, plan: plan([policy([allow(action, resource)])]), expect: { [P]: verdict } })),
  {
    name: 'an Allow with NotAction that leaves Decrypt in, on "*", fails',
    plan: plan([policy([{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }])]),
    expect: { [P]: 'fail' },
  },
  {
    name: 'an Allow with NotAction that leaves Decrypt in, on key/?* of every account, fails',
    plan: plan([policy([{ Effect: 'Allow', NotAction: 'kms:Encrypt', Resource: 'arn:aws:kms:*:*:key/?*' }])]),
    expect: { [P]: 'fail' },
  },
  {
    name: 'an Allow with NotAction that excludes both decrypt actions passes',
    plan: plan([policy([{ Effect: 'Allow', NotAction: ['kms:Decrypt', 'kms:ReEncrypt*'], Resource: '*' }])]),
    expect: { [P]: 'pass' },
  },
  { name: 'kms:Decrypt on every key but one (NotResource) fails', plan: plan([policy([{ Effect: 'Allow', Action: 'kms:Decrypt', NotResource: KEY }])]), expect: { [P]: 'fail' } },
  { name: 'a Deny of decryption everywhere is no grant', plan: plan([policy([{ Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' }])]), expect: { [P]: 'pass' } },
  ...documentCases(
    [
      ['a document read at apply whose known actions do not decrypt passes, whatever its resources', { actions: ['kms:GenerateDataKey'], resources: [null] }, { resources: [true] }, 'pass'],
      ['one that decrypts on resources known only after apply is unknown', { actions: ['kms:Decrypt'], resources: [null] }, { resources: [true] }, 'unknown'],
      ['one that decrypts on a known "*" fails', { actions: ['kms:Decrypt'], resources: ['*', null] }, { resources: [false, true] }, 'fail'],
      ['one whose not_actions leave Decrypt in, on a known "*", fails', { not_actions: ['iam:*'], resources: ['*', null] }, { resources: [false, true] }, 'fail'],
      ['one whose not_actions are known only after apply is unknown', { not_actions: [null], resources: ['*'] }, { not_actions: [true] }, 'unknown'],
    ] as const
  ),
  {
    name: 'an awscc role whose inline policy decrypts with every key fails, naming it',
    plan: plan([res('awscc_iam_role.r', { role_name: 'r', policies: [{ policy_name: 'keys', policy_document: doc([allow('kms:*', '*')]) }] }, { unknown: { arn: true, id: true } })]),
    expect: { 'awscc_iam_role.r': 'fail' },
    message: /the inline policy "keys": statement "Keys"/,
  },
  { name: 'a policy known only after apply is unknown', plan: plan([res(P, { name: 'p' }, { unknown: { arn: true, id: true, policy: true }, refs: { policy: ['var.policy'] } })]), expect: { [P]: 'unknown' }, message: /cannot vouch that it grants no decryption with every KMS key/ },
  { name: 'other resource types are not applicable', plan: plan([res('aws_kms_key.k', { description: 'k', policy: doc([allow('kms:*', '*')]) })]), expect: { 'aws_kms_key.k': 'not-applicable' } },
]);

// The caller's account and the partition read with the code are one value each, whichever it is.
describe('iam-policy-no-decrypt-all-keys on ARNs the code spells from data sources', () => {
  const policy = (resource: string) => `data "aws_caller_identity" "current" {}
data "aws_partition" "p" {}
resource "aws_iam_policy" "p" {
  name   = "keys"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Keys", Effect = "Allow", Action = "kms:Decrypt", Resource = "${resource}" }] })
}
`;
  it.each([
    ["the caller's account's keys pass", 'arn:aws:kms:*:${data.aws_caller_identity.current.account_id}:key/*', {}],
    ['every key of the partition fails', 'arn:${data.aws_partition.p.partition}:kms:*:*:key/*', { 'aws_iam_policy.p': 'fail' }],
    ['key/*-* of every account fails', 'arn:${data.aws_partition.p.partition}:kms:*:*:key/*-*', { 'aws_iam_policy.p': 'fail' }],
    ["key/?* of the caller's account passes", 'arn:aws:kms:*:${data.aws_caller_identity.current.account_id}:key/?*', {}],
  ])('%s', async (_name, resource, expected) => {
    expect(await withFiles({ 'main.tf': policy(resource) }, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual(expected);
  });
});

describe('iam-policy-no-decrypt-all-keys on an aws_iam_policy_document in .tf code', () => {
  it('fails one that decrypts on every key of every account, however the pattern is spelled', async () => {
    const files = { 'main.tf': `data "aws_iam_policy_document" "keys" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:*:*:key/?*"]
  }
}
resource "aws_iam_policy" "keys" {
  name   = "keys"
  policy = data.aws_iam_policy_document.keys.json
}
data "aws_iam_policy_document" "one_account" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:key/*"]
  }
}
resource "aws_iam_policy" "one_account" {
  name   = "one-account"
  policy = data.aws_iam_policy_document.one_account.json
}
` };
    expect(await withFiles(files, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({ 'aws_iam_policy.keys': 'fail' });
  });
});
