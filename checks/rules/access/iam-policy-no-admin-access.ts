/**
 * No IAM policy of the input grants full administrative access: an `Allow` of every action
 * (`"*"`, `"*:*"`) on every resource (`"*"`), as Security Hub IAM.1 and the AWS Config rule
 * iam-policy-no-statements-with-admin-access define it. A TwinMaker service role is meant to be
 * least-privilege; one admin statement anywhere in the account's policies makes every other
 * control moot. A wildcard counts by what it matches, not how it is spelled: `*?`, `iam:?*`,
 * `arn:aws:?*` and `*?*` cover as `*` does (`support/grammar.ts`).
 *
 * Beyond IAM.1, which reads `Action` only: an `Allow` of `NotAction` on every resource grants
 * every action it does not name, so one that leaves any IAM action in (`NotAction = ["s3:*"]`)
 * lets its principal attach any policy to itself — full access one call away. A `NotAction` that
 * names all of IAM (`iam:*`, as AWS's PowerUserAccess does) is not judged here. For the same reason
 * an `Allow` of all of IAM (`iam:*`) on every resource fails, and so does attaching AWS's
 * IAMFullAccess, which grants that (Checkov CKV2_AWS_40 "full IAM privileges").
 *
 * Judged: managed policies (`aws_iam_policy`, `awscc_iam_managed_policy`), inline policies
 * (`aws_iam_role_policy`, `_user_policy`, `_group_policy`, `awscc_iam_{role,user,group}_policy`), and the
 * inline policies a principal carries itself (`awscc_iam_{role,user,group}.policies`, and `aws_iam_role.inline_policy` when
 * the configuration writes it: otherwise the plan reads back whatever the account holds). A policy
 * known only after apply is `unknown`, with one exception that keeps plans quiet: an
 * `aws_iam_policy_document` read at apply (its resources name ARNs of new resources) still shows
 * each statement's effect and actions, and a statement whose known actions hold no `*` grants no
 * full access whatever its resources turn out to be.
 *
 * The same grant made by attaching AWS's own `AdministratorAccess` (Checkov CKV_AWS_274, CIS 1.16
 * "not attached") or `IAMFullAccess`: `policy_arn` of the role/user/group policy attachments and
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
import { attachedPolicyArns, awsManagedName, forbiddenGrantProblems, IAM_POLICIES, MANAGED_POLICY_TYPES, POLICY_ATTACHMENTS, type ForbiddenGrant } from '../support/iam-policies';
import { covers, normalizePartition } from '../support/policy';
import { accountVariables, coversAny, coversGrammar, EVERY_ARN, EVERY_IAM_RESOURCE_OF_AN_ACCOUNT, negated, serviceActions, type Coverage } from '../support/grammar';
import { failed, outcomesOf, undecided, type Problem } from '../support/findings';
import { hasToken, widest } from '../../model/symbolic';
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { madeFrom } from '../support/links';

const FIX = 'Grant the actions and resources the principal needs instead of `Action = "*"` (or a `NotAction`) on `Resource = "*"`.';

/** Every IAM action: a principal allowed them all on every resource can grant itself the rest. */
const IAM_ACTIONS = serviceActions('iam', 'every');

/**
 * Whether a resource pattern covers every resource: every ARN of a partition (`*`, `arn:*`,
 * `arn:aws:?*`, `*?*`: every resource has an ARN), or every IAM resource of an account or of all
 * (`arn:aws:iam::*:*`, `arn:aws:iam::111122223333:*`): where every IAM action is allowed, the
 * principal can grant itself the rest as on `*` (the actions that attach or put policies take a
 * role's, user's or group's ARN). Decided by the pattern's algebra (`support/grammar.ts`); a pattern
 * too intricate to decide is 'undecided', which fails closed.
 */
const coversEveryResource = (pattern: string): Coverage => (pattern === '*' ? 'yes' : coverEveryResource([pattern]));

/**
 * Whether resource patterns, together, cover every resource (as `coversEveryResource` reads one).
 * A policy variable as the account (`arn:aws:iam::${aws:PrincipalAccount}:*`) names an account when
 * IAM evaluates the request: as wide as an account written there.
 */
const coverEveryResource = (patterns: readonly string[]): Coverage => coversAny(patterns.map(accountVariables), [EVERY_ARN, ...EVERY_IAM_RESOURCE_OF_AN_ACCOUNT]);

/** An `Allow` of every action on every resource. */
const FULL_ACCESS: ForbiddenGrant = {
  // Every action, or every IAM action (`*`, `iam:*`, `iam:?*`, `*?`: each covers them all).
  action: (pattern) => coversGrammar([pattern], IAM_ACTIONS),
  // Every IAM action is left in unless the patterns, together, cover them all.
  notActions: (patterns) => negated(coversGrammar(patterns, IAM_ACTIONS)),
  actionsTogether: (patterns) => coversGrammar(patterns, IAM_ACTIONS),
  broadOnly: true,
  resource: coversEveryResource,
  resourcesTogether: coverEveryResource,
  described:
    'allows every action (`*`; or every IAM action, `iam:*`, or a `NotAction` that leaves IAM\'s actions in, so the principal can grant itself the rest) on every resource (`*`, an ARN pattern every ARN matches, or every IAM resource: `arn:aws:iam::*:*`): full administrative access',
  noun: 'full access',
  fix: FIX,
};

/** The AWS-managed policies that give full access, and what each allows. */
const FULL_ACCESS_POLICIES: Readonly<Record<string, string>> = {
  AdministratorAccess: 'allows every action on every resource',
  IAMFullAccess: 'allows every IAM action on every resource, so the principal can grant itself the rest',
};
const ADMINISTRATOR = 'AdministratorAccess';

const ATTACHMENT_FIX = 'Attach a customer-managed policy that grants the actions and resources the principal needs, not the AWS-managed AdministratorAccess or IAMFullAccess.';

/** The full-access policy an attached ARN names; 'unknown' where it may name one; 'no'. */
type Attached = string | 'unknown' | 'no';

/** The full-access policy a policy ARN names, in any partition, with tokens of values known only after apply read as anything. */
function arnVerdict(arn: string): Attached {
  if (!hasToken(arn)) return byName(awsManagedName(arn));
  const widened = normalizePartition(widest(arn));
  return Object.keys(FULL_ACCESS_POLICIES).some((name) => covers(widened, `arn:aws:iam::aws:policy/${name}`)) ? 'unknown' : 'no';
}

const byName = (name: string | undefined): Attached => (name !== undefined && Object.hasOwn(FULL_ACCESS_POLICIES, name) ? name : 'no');

/** The full-access policy the attached ARN at `view` names. */
function attachedPolicy(graph: Graph, resource: Resource, view: ValueView): Attached {
  const arn = view.string();
  if (arn.kind !== 'unknown') return arn.kind === 'known' ? arnVerdict(arn.value) : 'no';
  const target = graph.resolve(resource, view.path, MANAGED_POLICY_TYPES);
  // A customer-managed policy of the input is judged on its own.
  if (target.status === 'resources' && !target.partly && target.targets.every((policy) => policy.mode === 'managed')) return 'no';
  // An `aws_iam_policy` data source read at apply: its known ARN, else its name.
  if (target.status === 'value') return target.value.startsWith('arn:') ? arnVerdict(target.value) : byName(target.value);
  const code = graph.codeString(resource, view.path);
  return code.kind === 'known' ? arnVerdict(code.value) : 'unknown';
}

/** The problems of the managed policies `resource` attaches: a full-access one fails, an ARN that may be one is unknown. */
function attachmentProblems(graph: Graph, resource: Resource): Problem[] {
  const arns = attachedPolicyArns(resource);
  if (arns === 'unknown') {
    return [undecided(`its \`${POLICY_ATTACHMENTS[resource.type].attribute}\` is known only after apply, so the gate cannot vouch that it attaches no ${ADMINISTRATOR} or IAMFullAccess. ${ATTACHMENT_FIX}`)];
  }
  return arns.flatMap((view): Problem[] => {
    const attached = attachedPolicy(graph, resource, view);
    if (attached === 'unknown') {
      // Its code makes it from a policy of the input by a function (`replace(aws_iam_policy.p.arn, …)`): it may be another.
      const made = madeFrom(graph.resolve(resource, view.path, MANAGED_POLICY_TYPES));
      return [undecided(`it attaches a policy whose ARN is known only after apply${made === undefined ? '' : ` (${made})`} and may be ${ADMINISTRATOR}'s or IAMFullAccess's (full administrative access). ${ATTACHMENT_FIX}`, view)];
    }
    if (attached !== 'no') return [failed(`it attaches the AWS-managed policy ${attached}, which ${FULL_ACCESS_POLICIES[attached]}: full administrative access. ${ATTACHMENT_FIX}`, view)];
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
