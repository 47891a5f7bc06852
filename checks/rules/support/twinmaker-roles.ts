/**
 * TwinMaker service roles: the IAM roles a workspace's `role` or a sync job's `sync_role`
 * references, and the roles whose trust policy lets `iottwinmaker.amazonaws.com` assume them (a role
 * whose workspace or sync job is managed elsewhere).
 */
import { AS_WRITTEN, hasToken, type TokenTest } from '../../model/symbolic';
import type { Graph, PolicyStatement, Resource } from '../../model/types';
import { covers, hasTokenOutside } from './policy';
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

/**
 * An Allow that lets TwinMaker assume the role by its service principal, in any case
 * (`IoTTwinMaker.amazonaws.com`): AWS does not document whether it compares a service principal's case, so
 * the gate takes any spelling for TwinMaker's, failing closed.
 */
export const trustsTwinMaker = (s: PolicyStatement): boolean =>
  s.effect === 'Allow' && (s.principals?.Service ?? []).some((name) => name.toLowerCase() === TWINMAKER_SERVICE) && assumes(s);

/**
 * Whether the statement grants `sts:AssumeRole`: an `Action` that covers it, or a `NotAction`, which
 * grants every action but those it names, that does not exclude it (`NotAction = "s3:*"`).
 */
const assumes = (s: PolicyStatement): boolean =>
  s.notActions !== undefined ? !s.notActions.some((a) => covers(a, 'sts:AssumeRole', true)) : (s.actions ?? []).some((a) => covers(a, 'sts:AssumeRole', true));

/** The type of a sync job, whose `sync_role` TwinMaker assumes to read the sync source (SiteWise) and write the workspace's entities. */
export const SYNC_JOB_TYPE = 'awscc_iottwinmaker_sync_job';

/** The attribute through which each type names the service role TwinMaker assumes for it. */
export const ROLE_ATTRIBUTE: Readonly<Record<string, string>> = { [WORKSPACE_TYPE]: 'role', [SYNC_JOB_TYPE]: 'sync_role' };

/** Per graph: the workspaces and sync jobs that use each role, every one's role attribute resolved once. */
const USERS = new WeakMap<Graph, Map<Resource, Resource[]>>();

function usersByRole(graph: Graph): Map<Resource, Resource[]> {
  let byRole = USERS.get(graph);
  if (byRole === undefined) {
    byRole = new Map();
    for (const [type, attribute] of Object.entries(ROLE_ATTRIBUTE)) {
      for (const user of graph.ofType(type)) {
        const target = graph.resolve(user, [attribute], ROLE_TYPES);
        if (target.status !== 'resources') continue;
        for (const used of new Set(target.targets)) {
          const users = byRole.get(used);
          if (users) users.push(user);
          else byRole.set(used, [user]);
        }
      }
    }
    USERS.set(graph, byRole);
  }
  return byRole;
}

/** The workspaces and sync jobs whose role (`role`, `sync_role`) resolves to `role`: TwinMaker assumes it for them. */
export function usersOf(graph: Graph, role: Resource): readonly Resource[] {
  return usersByRole(graph).get(role) ?? [];
}

/** The workspaces whose `role` resolves to `role` (their buckets are the role's). */
export function workspacesUsing(graph: Graph, role: Resource): readonly Resource[] {
  return usersOf(graph, role).filter((user) => user.type === WORKSPACE_TYPE);
}

/** A role's trust policy: its statements that can be read, how many cannot, and which strings are known only after apply. */
export interface TrustPolicy {
  readonly statements: readonly PolicyStatement[];
  readonly unreadable: number;
  readonly isToken: TokenTest;
}

/**
 * The trust policy of `role`: as the plan knows it, else read with its code (a trust pinned to
 * `data.aws_caller_identity.current.account_id` is known only after apply); undefined when neither
 * reads. A statement whose effect, principal or action is known only after apply is counted
 * unreadable: it may or may not trust the service.
 */
export function trustPolicy(graph: Graph, role: Resource): TrustPolicy | undefined {
  const path = [TRUST_POLICY[role.type]];
  const known = graph.policy(role, path);
  if (known.kind === 'known') return { statements: known.value, unreadable: 0, isToken: AS_WRITTEN };
  const read = graph.codePolicy(role, path);
  if (read.kind !== 'known') return undefined;
  const readable = read.value.statements.filter((st) => !hasTokenOutside(st, 'conditions', 'resources', 'notResources'));
  return { statements: readable, unreadable: read.value.unreadable + read.value.statements.length - readable.length, isToken: read.value.symbolic ? hasToken : AS_WRITTEN };
}

/**
 * Whether TwinMaker assumes `role`: a workspace or a sync job uses it, or its trust policy, as the
 * plan knows it or read with its code, lets the service in.
 */
export function isTwinMakerRole(graph: Graph, role: Resource): boolean {
  if (usersOf(graph, role).length > 0) return true;
  return trustPolicy(graph, role)?.statements.some(trustsTwinMaker) ?? false;
}
