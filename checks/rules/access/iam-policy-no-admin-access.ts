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
 *
 * The same grant made by attaching AWS's own `AdministratorAccess` (Checkov CKV_AWS_274, CIS 1.16
 * "not attached"): `policy_arn` of the role/user/group policy attachments and
 * `aws_iam_policy_attachment`, `policy_arns` of the `_attachments_exclusive` types, and
 * `managed_policy_arns` of `aws_iam_role` (when the configuration writes it) and of the awscc
 * role, user and group. An ARN known only after apply passes when it is a customer-managed policy
 * of the input (judged on its own), is read from its code where the code is at hand
 * (`"arn:${data.aws_partition.p.partition}:iam::aws:policy/AdministratorAccess"` fails), goes by
 * the name of an `aws_iam_policy` data source it reads, and is otherwise `unknown`.
 * AWS IAM Identity Center permission sets (`aws_ssoadmin_managed_policy_attachment`) are not judged:
 * an administrators' permission set is the usual way to give people admin access on purpose.
 */
import { defineRule } from '../types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { attachedPolicyArns, awsManagedName, forbiddenGrantProblems, IAM_POLICIES, MANAGED_POLICY_TYPES, POLICY_ATTACHMENTS, type ForbiddenGrant, type Verdict } from '../support/iam-policies';
import { arnPatternSegments, covers, normalizePartition, UNKNOWN_PART } from '../support/policy';
import { failed, outcomesOf, undecided, type Problem } from '../support/findings';
import { hasToken, widest } from '../../model/symbolic';
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';

const FIX = 'Grant the actions and resources the principal needs instead of `Action = "*"` (or a `NotAction`) on `Resource = "*"`.';

/** An action pattern that matches every action of every service. */
const EVERY_ACTION = new Set(['*', '*:*']);

/**
 * Whether a resource pattern covers every resource: `*`, or an ARN pattern any ARN of the partition
 * matches (`arn:*`, `arn:aws:*`, `arn:aws:*:*:*:*`: every resource has an ARN).
 */
function coversEveryResource(pattern: string): boolean {
  if (pattern === '*' || covers(normalizePartition(pattern), `arn:aws:${UNKNOWN_PART}`)) return true;
  const arn = arnPatternSegments(pattern);
  return arn !== undefined && covers(arn.partition, 'aws') && [arn.service, arn.region, arn.account, arn.resource].every((segment) => covers(segment, UNKNOWN_PART));
}

/** An `Allow` of every action on every resource. */
const FULL_ACCESS: ForbiddenGrant = {
  action: (pattern) => EVERY_ACTION.has(pattern),
  // Every IAM action is left in unless one pattern covers them all.
  notActions: (patterns) => !patterns.some((pattern) => covers(pattern, 'iam:*', true)),
  broadOnly: true,
  resource: coversEveryResource,
  described: 'allows every action (`*`, or a `NotAction` that leaves IAM\'s actions in, so the principal can grant itself the rest) on every resource (`*`, or an ARN pattern every ARN matches): full administrative access',
  noun: 'full access',
  fix: FIX,
};

/** The AWS-managed policy that allows every action on every resource. */
const ADMINISTRATOR = 'AdministratorAccess';

const ATTACHMENT_FIX = `Attach a customer-managed policy that grants the actions and resources the principal needs, not the AWS-managed ${ADMINISTRATOR}.`;

/** Whether a policy ARN, in any partition, with tokens of values known only after apply read as anything, may be AdministratorAccess's. */
function arnVerdict(arn: string): Verdict {
  if (!hasToken(arn)) return awsManagedName(arn) === ADMINISTRATOR ? 'yes' : 'no';
  return covers(normalizePartition(widest(arn)), `arn:aws:iam::aws:policy/${ADMINISTRATOR}`) ? 'unknown' : 'no';
}

/** Whether the attached ARN at `view` names AdministratorAccess. */
function attachesAdministrator(graph: Graph, resource: Resource, view: ValueView): Verdict {
  const arn = view.string();
  if (arn.kind !== 'unknown') return arn.kind === 'known' ? arnVerdict(arn.value) : 'no';
  const target = graph.resolve(resource, view.path, MANAGED_POLICY_TYPES);
  // A customer-managed policy of the input is judged on its own.
  if (target.status === 'resources' && !target.partly && target.targets.every((policy) => policy.mode === 'managed')) return 'no';
  // An `aws_iam_policy` data source read at apply: its known ARN, else its name.
  if (target.status === 'value') return target.value.startsWith('arn:') ? arnVerdict(target.value) : target.value === ADMINISTRATOR ? 'yes' : 'no';
  const code = graph.codeString(resource, view.path);
  return code.kind === 'known' ? arnVerdict(code.value) : 'unknown';
}

/** The problems of the managed policies `resource` attaches: AdministratorAccess fails, an ARN that may be it is unknown. */
function attachmentProblems(graph: Graph, resource: Resource): Problem[] {
  const arns = attachedPolicyArns(resource);
  if (arns === 'unknown') {
    return [undecided(`its \`${POLICY_ATTACHMENTS[resource.type].attribute}\` is known only after apply, so the gate cannot vouch that it attaches no ${ADMINISTRATOR}. ${ATTACHMENT_FIX}`)];
  }
  return arns.flatMap((view): Problem[] => {
    const verdict = attachesAdministrator(graph, resource, view);
    if (verdict === 'yes') return [failed(`it attaches the AWS-managed policy ${ADMINISTRATOR}, which allows every action on every resource: full administrative access. ${ATTACHMENT_FIX}`, view)];
    if (verdict === 'unknown') return [undecided(`it attaches a policy whose ARN is known only after apply and may be ${ADMINISTRATOR}'s (full administrative access). ${ATTACHMENT_FIX}`, view)];
    return [];
  });
}

export default defineRule({
  id: 'iam-policy-no-admin-access',
  title: 'IAM policies and attachments do not grant full administrative access',
  category: 'access',
  severity: 'critical',
  rationale:
    'An Allow of `*` on `*` makes its principal an administrator of the account: it can read every TwinMaker workspace, decrypt with every key policy that trusts the account, and switch off CloudTrail. Least privilege starts with never granting that, in a policy of your own or by attaching AWS\'s AdministratorAccess.',
  remediation: `${FIX} ${ATTACHMENT_FIX}`,
  references: [
    securityHub('IAM.1', 'IAM policies should not allow full "*" administrative privileges'),
    configRule('iam-policy-no-statements-with-admin-access'),
    awsDoc('AWS managed policy AdministratorAccess', 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html'),
    awsDoc('Security best practices in IAM: apply least-privilege permissions', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'),
  ],
  appliesTo: [...new Set([...Object.keys(IAM_POLICIES), ...Object.keys(POLICY_ATTACHMENTS)])],
  evaluate: managedOnly((resource, { graph }) =>
    outcomesOf([...(resource.type in IAM_POLICIES ? forbiddenGrantProblems(graph, resource, FULL_ACCESS) : []), ...attachmentProblems(graph, resource)]),
  ),
});
