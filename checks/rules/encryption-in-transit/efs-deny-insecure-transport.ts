/**
 * EFS file systems have a file system policy that refuses NFS clients without TLS: a Deny for every
 * principal of `elasticfilesystem:ClientMount` (`*`, `elasticfilesystem:*`, `elasticfilesystem:Client*`)
 * when `aws:SecureTransport` is false, the console's "Enforce in-transit encryption for all
 * clients". Opt-in (`rules.enable`): a file system without a policy lets every client with network
 * access mount it, and many are meant to; the ECS side is `ecs-efs-volume-transit-encryption`.
 *
 * The policy is a linked `aws_efs_file_system_policy` (by `file_system_id`), or the awscc file
 * system's own `file_system_policy`. The Deny may also require `elasticfilesystem:AccessedViaMountTarget
 * = true` (terraform-aws-modules/efs writes it so that AWS Backup and replication keep working):
 * every NFS client comes through a mount target. A statement without `Resource` (the console
 * writes none) applies to the file system the policy is attached to.
 *
 * AWS's whitepaper enforces TLS the other way: a policy whose only Allow of `ClientMount` requires
 * `aws:SecureTransport = true`. Once a file system has a policy, a client that does not sign with
 * IAM (and only a TLS mount can) is anonymous and mounts only if the policy allows it, so such a
 * policy refuses clear NFS too: it passes when every statement is read and every Allow that may
 * grant `ClientMount` carries `Bool aws:SecureTransport = "true"`.
 */
import { hasToken } from '../../model/symbolic';
import type { PolicyStatement } from '../../model/types';
import { outcomesOf } from '../support/findings';
import { arnSubject, conditionEntries, covers, deniesUnder, includesBool, INSECURE_TRANSPORT, passes, policyProblems, type ConditionTest, type DenyCondition, type PolicySources, type PolicyVerdict } from '../support/policy';
import { awsDoc } from '../support/references';
import { managedOnly } from '../support/verdict';
import { defineRule } from '../types';

const FIX =
  'Attach an aws_efs_file_system_policy (or set the awscc file system\'s `file_system_policy`) with a statement `Effect = "Deny"`, `Principal = { AWS = "*" }`, `Action = "*"`, `Resource = <file system ARN>`, `Condition = { Bool = { "aws:SecureTransport" = "false" } }`, and mount with the EFS mount helper\'s `tls` option.';

/** The action of an NFS client's mount. */
const MOUNT = 'elasticfilesystem:ClientMount';

const SOURCES: PolicySources = {
  satellites: [{ type: 'aws_efs_file_system_policy', via: 'file_system_id', attribute: 'policy' }],
  noun: 'this file system',
  inline: 'file_system_policy',
  inlineTypes: ['awscc_efs_file_system'],
  inlineDeprecated: false,
};

/** Bool values that are all `true`: an Allow under them requires `true`. */
const allTrue = (values: readonly string[]): boolean => values.length > 0 && values.every((v) => v.toLowerCase() === 'true');

/** `aws:SecureTransport = false`, with `elasticfilesystem:AccessedViaMountTarget = true` allowed beside it. */
const INSECURE_NFS: DenyCondition = {
  ...INSECURE_TRANSPORT,
  harmless: [{ operators: ['Bool'], key: 'elasticfilesystem:AccessedViaMountTarget', accepts: includesBool('true') }],
};

/** `Bool aws:SecureTransport = "true"`: only a client over TLS. */
const OVER_TLS: ConditionTest = { operators: ['Bool'], key: 'aws:SecureTransport', accepts: allTrue };

/** Whether `s` allows `ClientMount` without requiring TLS: 'unknown' where an action known only after apply may be it. */
function allowsWithoutTls(s: PolicyStatement): 'yes' | 'no' | 'unknown' {
  if (s.effect !== 'Allow' || conditionEntries(s).some((entry) => passes(OVER_TLS, entry))) return 'no';
  const mounts = s.notActions !== undefined ? !s.notActions.some((p) => covers(p, MOUNT, true)) : (s.actions ?? []).some((p) => covers(p, MOUNT, true));
  if (mounts) return 'yes';
  return [...(s.actions ?? []), ...(s.notActions ?? [])].some(hasToken) ? 'unknown' : 'no';
}

/** A statement of a file system policy without `Resource` or `NotResource` applies to the file system itself. */
const onItsFileSystem = (s: PolicyStatement): PolicyStatement => (s.resources === undefined && s.notResources === undefined ? { ...s, resources: ['*'] } : s);

export default defineRule({
  id: 'efs-deny-insecure-transport',
  title: 'EFS file system policies refuse clients without TLS',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale:
    'An EFS file system accepts plain NFS from any client that can reach a mount target unless its file system policy refuses it. A Deny on `aws:SecureTransport = false` makes every client mount over TLS, so file data never crosses the network in clear, whatever the client\'s mount options.',
  remediation: FIX,
  references: [
    awsDoc('Amazon EFS: encrypting data in transit', 'https://docs.aws.amazon.com/efs/latest/ug/encryption-in-transit.html'),
    awsDoc('Amazon EFS: creating file system policies (enforce in-transit encryption for all clients)', 'https://docs.aws.amazon.com/efs/latest/ug/create-file-system-policy.html'),
    awsDoc('Amazon EFS: using IAM to control access to file systems (the default policy and anonymous clients)', 'https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html'),
  ],
  appliesTo: ['aws_efs_file_system', 'awscc_efs_file_system'],
  optIn: true,
  evaluate: managedOnly((fs, { graph }) => {
    const subject = arnSubject(fs, 'elasticfilesystem', 'the file system', ['arn']);
    const refusesClearNfs = (statements: readonly PolicyStatement[], unreadable: number): PolicyVerdict => {
      const denied = deniesUnder(statements.map(onItsFileSystem), subject, MOUNT, INSECURE_NFS);
      const allows = statements.map(allowsWithoutTls);
      if (denied.status === 'yes' || unreadable > 0 || allows.includes('yes')) return denied;
      if (allows.includes('unknown')) {
        return { status: 'unknown', reason: `${denied.reason}; and a statement allows an action known only after apply, which may be ClientMount, without requiring TLS` };
      }
      return { status: 'yes' };
    };
    return outcomesOf(policyProblems(graph, fs, SOURCES, refusesClearNfs, FIX));
  }),
});
