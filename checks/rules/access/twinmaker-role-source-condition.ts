/**
 * The TwinMaker service role's trust policy is limited by `aws:SourceAccount` or `aws:SourceArn`
 * (IAM's confused-deputy guidance). Judged on every IAM role whose trust policy lets
 * `iottwinmaker.amazonaws.com` assume it, and on every role a workspace's `role` references; a
 * workspace whose role is not in the input gets `unknown`, since its trust cannot be seen.
 */
import type { Graph, PolicyStatement, Resource } from '../../model/types';
import { defineRule, notApplicable, pass, unknown, type Outcome } from '../types';
import { awsDoc } from '../support/references';
import { managedOnly } from '../support/verdict';
import { failed, outcomesOf, undecided, type Problem } from '../support/findings';
import { addresses, WORKSPACE_TYPE } from '../support/s3';
import { ROLE_TYPES, TRUST_POLICY, trustsTwinMaker, TWINMAKER_SERVICE as SERVICE, workspacesUsing } from '../support/twinmaker-roles';
/** Operators that pin a key to values (the IfExists forms let a request without the key through). */
const PINNING = ['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike'];
const KEYS = ['aws:sourceaccount', 'aws:sourcearn'];
const FIX =
  'Add `Condition = { StringEquals = { "aws:SourceAccount" = "<account id>" }, ArnLike = { "aws:SourceArn" = "arn:aws:iottwinmaker:<region>:<account id>:workspace/<workspace id>" } }` to the statement that trusts iottwinmaker.amazonaws.com.';

/** A pinning condition on the source account or ARN whose values are not all `*`. */
const isLimited = (s: PolicyStatement): boolean =>
  Object.entries(s.conditions).some(
    ([operator, byKey]) =>
      PINNING.includes(operator) &&
      Object.entries(byKey).some(([key, values]) => KEYS.includes(key.toLowerCase()) && values.length > 0 && !values.every((v) => v === '*'))
  );

function evaluateRole(role: Resource, graph: Graph): Outcome | Outcome[] {
  const statements = graph.policy(role, [TRUST_POLICY[role.type]]);
  if (statements.kind !== 'known') {
    const users = workspacesUsing(graph, role);
    if (users.length === 0) return notApplicable();
    return outcomesOf([
      undecided(
        `the trust policy of this role, used by ${addresses(
          users
        )}, is known only after apply (or is not a readable policy document), so the gate cannot vouch for it. ${FIX}`
      ),
    ]);
  }
  const trusting = statements.value.filter(trustsTwinMaker);
  if (trusting.length === 0) return notApplicable();
  // A Sid is quoted to help find the statement, unless Terraform marks the policy sensitive.
  const quoteSid = !role.attr(TRUST_POLICY[role.type]).isSensitive;
  const problems: Problem[] = trusting
    .filter((s) => !isLimited(s))
    .map((s) =>
      failed(
        `the trust statement${
          s.sid && quoteSid ? ` "${s.sid}"` : ''
        } lets ${SERVICE} assume this role for any account or workspace (no StringEquals/ArnLike condition on aws:SourceAccount or aws:SourceArn), which opens the confused-deputy problem. ${FIX}`
      )
    );
  return outcomesOf(problems);
}

function evaluateWorkspace(workspace: Resource, graph: Graph): Outcome {
  const target = graph.resolve(workspace, ['role'], ROLE_TYPES);
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
    `the workspace's \`role\` ${why}, so the gate cannot see whether its trust policy is limited by aws:SourceAccount / aws:SourceArn. Manage the role in the same configuration, or waive this finding after checking its trust policy.`
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
  appliesTo: [...ROLE_TYPES, WORKSPACE_TYPE],
  evaluate: managedOnly((resource, { graph }) => (resource.type === WORKSPACE_TYPE ? evaluateWorkspace(resource, graph) : evaluateRole(resource, graph))),
});
