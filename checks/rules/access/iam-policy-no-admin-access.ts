/**
 * No IAM policy of the input grants full administrative access: an `Allow` of every action
 * (`"*"`, `"*:*"`) on every resource (`"*"`), as Security Hub IAM.1 and the AWS Config rule
 * iam-policy-no-statements-with-admin-access define it. A TwinMaker service role is meant to be
 * least-privilege; one admin statement anywhere in the account's policies makes every other
 * control moot.
 *
 * Beyond IAM.1, which reads `Action` only: an `Allow` of `NotAction` on every resource grants
 * every action it does not name, so one that leaves any IAM action in (`NotAction = ["s3:*"]`)
 * lets its principal attach any policy to itself — full access one call away. A `NotAction` that
 * names all of IAM (`iam:*`, as AWS's PowerUserAccess does) is not judged here.
 *
 * Judged: managed policies (`aws_iam_policy`, `awscc_iam_managed_policy`), inline policies
 * (`aws_iam_role_policy`, `_user_policy`, `_group_policy`, `awscc_iam_role_policy`), and the inline
 * policies a role carries itself (`awscc_iam_role.policies`, and `aws_iam_role.inline_policy` when
 * the configuration writes it: otherwise the plan reads back whatever the account holds). A policy
 * known only after apply is `unknown`, with one exception that keeps plans quiet: an
 * `aws_iam_policy_document` read at apply (its resources name ARNs of new resources) still shows
 * each statement's effect and actions, and a statement whose known actions hold no `*` grants no
 * full access whatever its resources turn out to be.
 */
import { defineRule } from '../types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { outcomesOf } from '../support/findings';
import { forbiddenGrantProblems, IAM_POLICIES, type ForbiddenGrant } from '../support/iam-policies';
import { covers } from '../support/policy';

const FIX = 'Grant the actions and resources the principal needs instead of `Action = "*"` (or a `NotAction`) on `Resource = "*"`.';

/** An action pattern that matches every action of every service. */
const EVERY_ACTION = new Set(['*', '*:*']);

/** An `Allow` of every action on every resource. */
const FULL_ACCESS: ForbiddenGrant = {
  action: (pattern) => EVERY_ACTION.has(pattern),
  // Every IAM action is left in unless one pattern covers them all.
  notActions: (patterns) => !patterns.some((pattern) => covers(pattern, 'iam:*', true)),
  broadOnly: true,
  resource: (pattern) => pattern === '*',
  described: 'allows every action (`*`, or a `NotAction` that leaves IAM\'s actions in, so the principal can grant itself the rest) on every resource (`*`): full administrative access',
  noun: 'full access',
  fix: FIX,
};

export default defineRule({
  id: 'iam-policy-no-admin-access',
  title: 'IAM policies do not grant full administrative access',
  category: 'access',
  severity: 'critical',
  rationale:
    'An Allow of `*` on `*` makes its principal an administrator of the account: it can read every TwinMaker workspace, decrypt with every key policy that trusts the account, and switch off CloudTrail. Least privilege starts with never granting that in a policy.',
  remediation: FIX,
  references: [
    securityHub('IAM.1', 'IAM policies should not allow full "*" administrative privileges'),
    configRule('iam-policy-no-statements-with-admin-access'),
    awsDoc('Security best practices in IAM: apply least-privilege permissions', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'),
  ],
  appliesTo: Object.keys(IAM_POLICIES),
  evaluate: managedOnly((resource, { graph }) => outcomesOf(forbiddenGrantProblems(graph, resource, FULL_ACCESS))),
});
