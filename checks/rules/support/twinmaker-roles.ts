/**
 * TwinMaker service roles: the IAM roles a workspace's `role` references, and the roles whose
 * trust policy lets `iottwinmaker.amazonaws.com` assume them (a sync job's role, a role whose
 * workspace is managed elsewhere).
 */
import type { Graph, PolicyStatement, Resource } from '../../model/types';
import { covers } from './policy';
import { WORKSPACE_TYPE } from './s3';

export const TWINMAKER_SERVICE = 'iottwinmaker.amazonaws.com';
/** Trust-policy attribute per role type. */
export const TRUST_POLICY: Readonly<Record<string, string>> = { aws_iam_role: 'assume_role_policy', awscc_iam_role: 'assume_role_policy_document' };
export const ROLE_TYPES: readonly string[] = Object.keys(TRUST_POLICY);

/**
 * An Allow of `sts:AssumeRole` to every principal: `"*"`, `{ AWS = "*" }`, a principal with any
 * wildcard (`?*`, `arn:aws:iam::*:root`, `*.amazonaws.com`), or a `NotPrincipal` (every principal but
 * those it names): TwinMaker among them. IAM takes no wildcard inside a principal but `*` alone; the
 * gate reads one as `*`, failing closed, as kms-key-not-public does.
 */
export const trustsEveryone = (s: PolicyStatement): boolean =>
  s.effect === 'Allow' &&
  assumes(s) &&
  (s.notPrincipals !== undefined || Object.entries(s.principals ?? {}).some(([kind, names]) => (kind === '*' || kind === 'AWS' || kind === 'Service') && names.some((name) => /[*?]/.test(name))));

/** An Allow that lets TwinMaker assume the role by its service principal. */
export const trustsTwinMaker = (s: PolicyStatement): boolean => s.effect === 'Allow' && (s.principals?.Service ?? []).includes(TWINMAKER_SERVICE) && assumes(s);

/**
 * Whether the statement grants `sts:AssumeRole`: an `Action` that covers it, or a `NotAction`, which
 * grants every action but those it names, that does not exclude it (`NotAction = "s3:*"`).
 */
const assumes = (s: PolicyStatement): boolean =>
  s.notActions !== undefined ? !s.notActions.some((a) => covers(a, 'sts:AssumeRole', true)) : (s.actions ?? []).some((a) => covers(a, 'sts:AssumeRole', true));

/** Per graph: the workspaces that use each role, every workspace's `role` resolved once. */
const USERS = new WeakMap<Graph, Map<Resource, Resource[]>>();

/** The workspaces whose `role` resolves to `role`. */
export function workspacesUsing(graph: Graph, role: Resource): readonly Resource[] {
  let byRole = USERS.get(graph);
  if (byRole === undefined) {
    byRole = new Map();
    for (const workspace of graph.ofType(WORKSPACE_TYPE)) {
      const target = graph.resolve(workspace, ['role'], ROLE_TYPES);
      if (target.status !== 'resources') continue;
      for (const used of new Set(target.targets)) {
        const users = byRole.get(used);
        if (users) users.push(workspace);
        else byRole.set(used, [workspace]);
      }
    }
    USERS.set(graph, byRole);
  }
  return byRole.get(role) ?? [];
}

/** Whether TwinMaker assumes `role`: a workspace uses it, or its known trust policy lets the service in. */
export function isTwinMakerRole(graph: Graph, role: Resource): boolean {
  if (workspacesUsing(graph, role).length > 0) return true;
  const trust = graph.policy(role, [TRUST_POLICY[role.type]]);
  return trust.kind === 'known' && trust.value.some(trustsTwinMaker);
}
