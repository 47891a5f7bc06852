/**
 * No IAM policy of the input grants full administrative access: an `Allow` of every action
 * (`"*"`, `"*:*"`) on every resource (`"*"`), as Security Hub IAM.1 and the AWS Config rule
 * iam-policy-no-statements-with-admin-access define it. A TwinMaker service role is meant to be
 * least-privilege; one admin statement anywhere in the account's policies makes every other
 * control moot.
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
import type { Graph, PolicyStatement, Resource } from '../../model/types';
import { mergesDocuments, POLICY_DOCUMENT_TYPE } from '../../model/policy';
import type { PathSeg, ValueView } from '../../model/value';
import { defineRule } from '../types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { configSets, failed, outcomesOf, undecided, type Problem } from '../support/findings';

const FIX = 'Grant the actions and resources the principal needs instead of `Action = "*"` on `Resource = "*"`.';

/** Where each type holds its policy document: one attribute, or a list of blocks with the document at `document`. */
const POLICIES: Readonly<Record<string, { readonly attribute: string; readonly list?: { readonly document: string; readonly name: string } }>> = {
  aws_iam_policy: { attribute: 'policy' },
  aws_iam_role_policy: { attribute: 'policy' },
  aws_iam_user_policy: { attribute: 'policy' },
  aws_iam_group_policy: { attribute: 'policy' },
  awscc_iam_managed_policy: { attribute: 'policy_document' },
  awscc_iam_role_policy: { attribute: 'policy_document' },
  aws_iam_role: { attribute: 'inline_policy', list: { document: 'policy', name: 'name' } },
  awscc_iam_role: { attribute: 'policies', list: { document: 'policy_document', name: 'policy_name' } },
};

/** An action pattern that matches every action of every service. */
const EVERY_ACTION = new Set(['*', '*:*']);

/** An `Allow` of every action on every resource. */
const grantsAdmin = (s: PolicyStatement): boolean =>
  s.effect === 'Allow' && (s.actions ?? []).some((a) => EVERY_ACTION.has(a)) && (s.resources ?? []).includes('*');

type Verdict = 'admin' | 'not-admin' | 'unknown';

/** A list of strings of a statement block: does it hold `match`? Unknown elements may. */
function holds(view: ValueView, match: (value: string) => boolean): Verdict {
  const items = view.list();
  if (items.kind === 'unknown') return 'unknown';
  if (items.kind === 'absent') return 'not-admin';
  const values = items.value.map((item) => item.string());
  if (values.some((v) => v.kind === 'known' && match(v.value))) return 'admin';
  return values.some((v) => v.kind === 'unknown') ? 'unknown' : 'not-admin';
}

/**
 * An `aws_iam_policy_document` data source judged statement by statement, although some of its
 * values are known only after apply: full access needs a known Allow, a `*` action and a `*`
 * resource in one statement. Documents that merge others in are `unknown`.
 */
function documentVerdict(document: Resource): Verdict {
  if (mergesDocuments(document.values)) return 'unknown';
  const blocks = document.values.get('statement').blocks();
  if (blocks.kind !== 'known') return blocks.kind === 'absent' ? 'not-admin' : 'unknown';
  const verdicts = blocks.value.map((statement): Verdict => {
    const effect = statement.get('effect').string();
    if (effect.kind === 'known' && effect.value === 'Deny') return 'not-admin';
    const actions = holds(statement.get('actions'), (a) => EVERY_ACTION.has(a));
    if (actions === 'not-admin') return 'not-admin';
    const resources = holds(statement.get('resources'), (r) => r === '*');
    if (resources === 'not-admin') return 'not-admin';
    return actions === 'admin' && resources === 'admin' && effect.kind !== 'unknown' ? 'admin' : 'unknown';
  });
  return verdicts.includes('admin') ? 'admin' : verdicts.includes('unknown') ? 'unknown' : 'not-admin';
}

/** The policy documents of `resource`: paths into its values, with how a message names each. */
function documents(resource: Resource): { readonly path: PathSeg[]; readonly what: string }[] | 'unknown' {
  const spec = POLICIES[resource.type];
  if (!spec.list) return [{ path: [spec.attribute], what: `\`${spec.attribute}\`` }];
  // aws_iam_role.inline_policy is read back from the account when the configuration does not write it.
  if (resource.type === 'aws_iam_role' && configSets(resource, spec.attribute) !== true) return [];
  const blocks = resource.attr(spec.attribute).blocks();
  if (blocks.kind === 'unknown') return 'unknown';
  if (blocks.kind === 'absent') return [];
  const { document, name } = spec.list;
  return blocks.value.map((block, i) => {
    const named = block.get(name).string();
    return { path: [spec.attribute, i, document], what: `the inline policy ${named.kind === 'known' ? `"${named.value}"` : `#${i + 1}`}` };
  });
}

/** A policy the graph cannot read whole: judged from the known statements of its policy document, if it is one. */
function partlyKnownProblems(graph: Graph, resource: Resource, path: PathSeg[], what: string): Problem[] {
  const target = graph.resolve(resource, path, [POLICY_DOCUMENT_TYPE]);
  const document = target.status === 'resources' && target.targets.length === 1 && target.targets[0].mode === 'data' ? target.targets[0] : undefined;
  const verdict = document ? documentVerdict(document) : 'unknown';
  if (verdict === 'not-admin') return [];
  if (document && verdict === 'admin') return [failed(`${what}: ${document.address} has a statement that allows every action (\`*\`) on every resource (\`*\`): full administrative access. ${FIX}`)];
  return [undecided(`${what} is known only after apply (or is not a readable policy document), so the gate cannot vouch that it grants no full access. ${FIX}`)];
}

function problems(graph: Graph, resource: Resource): Problem[] {
  const found = documents(resource);
  if (found === 'unknown') return [undecided(`its \`${POLICIES[resource.type].attribute}\` is known only after apply, so the gate cannot vouch that no policy grants full access. ${FIX}`)];
  return found.flatMap(({ path, what }): Problem[] => {
    const statements = graph.policy(resource, path);
    if (statements.kind === 'absent') return [];
    if (statements.kind === 'unknown') return partlyKnownProblems(graph, resource, path, what);
    const quoteSid = !resource.attr(...path).isSensitive;
    return statements.value.filter(grantsAdmin).map((s) => {
      const which = quoteSid && s.sid ? `statement "${s.sid}"` : 'a statement';
      return failed(`${what}: ${which} allows every action (\`*\`) on every resource (\`*\`): full administrative access. ${FIX}`);
    });
  });
}

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
  appliesTo: Object.keys(POLICIES),
  evaluate: managedOnly((resource, { graph }) => outcomesOf(problems(graph, resource))),
});
