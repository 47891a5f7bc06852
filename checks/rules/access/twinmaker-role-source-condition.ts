/**
 * The TwinMaker service role's trust policy is limited by `aws:SourceAccount` or `aws:SourceArn`
 * (IAM's confused-deputy guidance). Judged on every IAM role whose trust policy lets
 * `iottwinmaker.amazonaws.com` assume it, and on every role a workspace's `role` or a sync job's
 * `sync_role` references; a workspace or sync job whose role is not in the input gets `unknown`,
 * since its trust cannot be seen.
 */
import { mayBeStar, ownText, type TokenTest } from '../../model/symbolic';
import type { Graph, PolicyStatement, Resource } from '../../model/types';
import { defineRule, notApplicable, pass, unknown, type Outcome } from '../types';
import { awsDoc } from '../support/references';
import { managedOnly } from '../support/verdict';
import { failed, outcomesOf, undecided, type Problem } from '../support/findings';
import { addresses } from '../support/s3';
import { baseOperator } from '../support/policy';
import { arnFields } from '../support/grammar';
import { ROLE_ATTRIBUTE, ROLE_TYPES, SYNC_JOB_TYPE, TRUST_POLICY, trustPolicy, trustsEveryone, trustsTwinMaker, TWINMAKER_SERVICE as SERVICE, usersOf } from '../support/twinmaker-roles';
/**
 * Operators that pin a key to values (`baseOperator`: `ForAnyValue:` in front pins too). The IfExists
 * forms and `ForAllValues:` do not: a request without the key gets through.
 */
const PINNING = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);
const KEYS = ['aws:sourceaccount', 'aws:sourcearn'];
const FIX =
  'Add `Condition = { StringEquals = { "aws:SourceAccount" = "<account id>" }, ArnLike = { "aws:SourceArn" = "arn:aws:iottwinmaker:<region>:<account id>:workspace/<workspace id>" } }` to the statement that trusts iottwinmaker.amazonaws.com.';

/**
 * Whether a value of aws:SourceAccount or aws:SourceArn names one account: an account id, or an ARN
 * whose account field is one, with no wildcard in it (StringLike and ArnLike read `*` and `?` so:
 * `????????????`, `arn:aws:iottwinmaker:*:*:workspace/*` and `arn:*` match every account), nor a
 * policy variable (IAM fills `${aws:SourceAccount}` from the request itself: the condition holds
 * for every account). Read with its code (`isToken`: a string holding a value known only after
 * apply), an account field that is an account id (`data.aws_caller_identity.c.account_id`) names
 * one; a variable may be `*`: unknown.
 */
function namesAccount(key: string, value: string, isToken: TokenTest): 'yes' | 'no' | 'unknown' {
  const fields = arnFields(value);
  const account = key === 'aws:sourcearn' ? (fields.length >= 6 ? fields[4] : undefined) : value;
  if (account?.includes('${')) return 'no';
  if (account === undefined) return isToken(value) && !/[*?]/.test(ownText(value)) ? (mayBeStar(value) ? 'unknown' : 'yes') : 'no';
  if (!isToken(account)) return account !== '' && !/[*?]/.test(account) ? 'yes' : 'no';
  return /[*?]/.test(ownText(account)) ? 'no' : mayBeStar(account) ? 'unknown' : 'yes';
}

/**
 * Whether a pinning condition limits the statement to a source account: a key whose every value
 * (they are alternatives) names one account. Conditions hold together, so one such key is enough.
 */
function limited(s: PolicyStatement, isToken: TokenTest): 'yes' | 'no' | 'unknown' {
  let answer: 'no' | 'unknown' = 'no';
  for (const [operator, byKey] of Object.entries(s.conditions)) {
    if (isToken(operator)) answer = 'unknown';
    if (!PINNING.has(baseOperator(operator))) continue;
    for (const [key, values] of Object.entries(byKey)) {
      if (isToken(key)) answer = 'unknown';
      if (!KEYS.includes(key.toLowerCase()) || values.length === 0) continue;
      const named = values.map((value) => namesAccount(key.toLowerCase(), value, isToken));
      if (named.every((v) => v === 'yes')) return 'yes';
      if (!named.includes('no')) answer = 'unknown';
    }
  }
  return answer;
}

function evaluateRole(role: Resource, graph: Graph): Outcome | Outcome[] {
  const trust = trustPolicy(graph, role);
  // A workspace's or sync job's role that trusts every principal trusts TwinMaker too (a role neither uses is another rule's business).
  const trusting = trust?.statements.filter((s) => trustsTwinMaker(s) || (trustsEveryone(s) && usersOf(graph, role).length > 0)) ?? [];
  const problems: Problem[] = [];
  if (trust === undefined || (trust.unreadable > 0 && trusting.length === 0)) {
    const users = usersOf(graph, role);
    if (users.length === 0) return notApplicable();
    const what = trust === undefined ? 'is known only after apply (or is not a readable policy document)' : `has ${trust.unreadable} statement(s) known only after apply`;
    return outcomesOf([undecided(`the trust policy of this role, used by ${addresses(users)}, ${what}, so the gate cannot vouch for it. ${FIX}`)]);
  }
  if (trusting.length === 0) return notApplicable();
  // A Sid is quoted to help find the statement, unless Terraform marks the policy sensitive.
  const quoteSid = !role.attr(TRUST_POLICY[role.type]).isSensitive;
  const named = (s: PolicyStatement): string => `the trust statement${s.sid && quoteSid ? ` "${s.sid}"` : ''}`;
  for (const s of trusting) {
    const answer = limited(s, trust.isToken);
    if (answer === 'no' && trustsEveryone(s)) {
      problems.push(failed(`${named(s)} lets every principal (${SERVICE} among them) assume this role, with no StringEquals/ArnLike condition on aws:SourceAccount or aws:SourceArn that names one account: anyone's workspace, or anyone, can act as it. ${FIX}`));
    } else if (answer === 'no') {
      problems.push(failed(`${named(s)} lets ${SERVICE} assume this role for any account or workspace (no StringEquals/ArnLike condition on aws:SourceAccount or aws:SourceArn that names one account, without a wildcard or policy variable in it), which opens the confused-deputy problem. ${FIX}`));
    } else if (answer === 'unknown') {
      problems.push(undecided(`${named(s)} limits ${SERVICE} by aws:SourceAccount / aws:SourceArn values known only after apply, which may be "*". ${FIX}`));
    }
  }
  if (trust.unreadable > 0) problems.push(undecided(`${trust.unreadable} statement(s) of the trust policy are known only after apply and may let ${SERVICE} assume it without a limit. ${FIX}`));
  return outcomesOf(problems);
}

/** A workspace's `role`, a sync job's `sync_role`: passes when it is a role of the input, which is judged itself. */
function evaluateUser(user: Resource, graph: Graph): Outcome {
  const attribute = ROLE_ATTRIBUTE[user.type];
  const target = graph.resolve(user, [attribute], ROLE_TYPES);
  if (target.status === 'resources') return pass();
  const why =
    target.status === 'value'
      ? 'names a role that is not in the input'
      : target.status === 'ambiguous'
      ? `may name any of ${addresses(target.candidates)}`
      : target.status === 'absent'
      ? 'is not set'
      : `is known only after apply and ${target.reason}`;
  return unknown(
    `the ${user.type === SYNC_JOB_TYPE ? 'sync job' : 'workspace'}'s \`${attribute}\` ${why}, so the gate cannot see whether its trust policy is limited by aws:SourceAccount / aws:SourceArn. Manage the role in the same configuration, or waive this finding after checking its trust policy.`
  );
}

export default defineRule({
  id: 'twinmaker-role-source-condition',
  title: "The TwinMaker service role trusts only this account's workspaces",
  category: 'access',
  severity: 'high',
  rationale:
    "A trust policy that lets iottwinmaker.amazonaws.com assume the role without aws:SourceAccount or aws:SourceArn lets the service act on this role for a request that comes from anyone's workspace: the confused-deputy problem.",
  remediation: FIX,
  references: [
    awsDoc('The confused deputy problem (IAM)', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html'),
    awsDoc('Create and manage a service role for AWS IoT TwinMaker', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/twinmaker-gs-service-role.html'),
  ],
  appliesTo: [...ROLE_TYPES, ...Object.keys(ROLE_ATTRIBUTE)],
  evaluate: managedOnly((resource, { graph }) => (resource.type in ROLE_ATTRIBUTE ? evaluateUser(resource, graph) : evaluateRole(resource, graph))),
});
