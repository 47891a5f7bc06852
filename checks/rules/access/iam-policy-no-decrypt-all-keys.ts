/**
 * No IAM policy lets its principals decrypt with every KMS key (Security Hub KMS.1 for managed
 * policies, KMS.2 for inline ones; AWS Config iam-customer-policy-blocked-kms-actions and
 * iam-inline-policy-blocked-kms-actions): an `Allow` of `kms:Decrypt` or `kms:ReEncryptFrom` — by
 * name, by a wildcard such as `kms:*` or `*`, or through a `NotAction` that does not exclude them —
 * on every key (`"*"`, or a key ARN pattern whose key id is `*`). The key policy of the workspace
 * key may trust the account; then any role with such a policy reads the TwinMaker bucket.
 *
 * The same policy types, and the same reading of a policy document read at apply, as
 * iam-policy-no-admin-access (`support/iam-policies.ts`).
 */
import { defineRule } from '../types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { outcomesOf } from '../support/findings';
import { forbiddenGrantProblems, IAM_POLICIES, type ForbiddenGrant } from '../support/iam-policies';
import { arnPatternSegments, covers, normalizePartition, UNKNOWN_PART } from '../support/policy';

const FIX = 'Name the keys the principal needs in `Resource` (their ARNs), or grant decryption in those keys\' key policies instead.';

/** The actions that read what a key protects. */
const DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom'];

/**
 * Whether a resource pattern covers every key: `*`, `arn:aws:kms:*`, or an ARN whose service covers
 * `kms`, whose resource covers every key id and whose account is not one account (`arn:aws:kms:*:*:key/*`,
 * `arn:aws:kms:*:????????????:key/*`, `arn:aws:*:*:*:*`: IAM matches each segment). The keys of one
 * account, in one Region or all (`arn:aws:kms:*:111122223333:key/*`), are what Security Hub
 * KMS.1/KMS.2 tell to allow instead.
 */
function coversEveryKey(pattern: string): boolean {
  if (covers(normalizePartition(pattern), `arn:aws:kms:${UNKNOWN_PART}`)) return true;
  const arn = arnPatternSegments(pattern);
  return arn !== undefined && covers(arn.service, 'kms') && /[*?]/.test(arn.account) && covers(arn.resource, `key/${UNKNOWN_PART}`);
}

const DECRYPT_EVERY_KEY: ForbiddenGrant = {
  action: (pattern) => DECRYPT_ACTIONS.some((action) => covers(pattern, action, true)),
  notActions: (patterns) => DECRYPT_ACTIONS.some((action) => !patterns.some((pattern) => covers(pattern, action, true))),
  broadOnly: true,
  resource: coversEveryKey,
  described: 'allows `kms:Decrypt` or `kms:ReEncryptFrom` on every KMS key',
  noun: 'decryption with every KMS key',
  fix: FIX,
};

export default defineRule({
  id: 'iam-policy-no-decrypt-all-keys',
  title: 'IAM policies do not allow decryption with every KMS key',
  category: 'access',
  severity: 'medium',
  rationale:
    'A customer-managed key keeps the TwinMaker bucket private only if the principals that may decrypt with it are few. Key policies usually trust the account, which hands the decision to IAM: a policy that allows `kms:Decrypt` on `*` lets its role read everything every such key protects.',
  remediation: FIX,
  references: [
    securityHub('KMS.1', 'IAM customer managed policies should not allow decryption actions on all KMS keys'),
    securityHub('KMS.2', 'IAM principals should not have IAM inline policies that allow decryption actions on all KMS keys'),
    configRule('iam-customer-policy-blocked-kms-actions'),
    awsDoc('AWS KMS: Best practices for IAM policies', 'https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html'),
  ],
  appliesTo: Object.keys(IAM_POLICIES),
  evaluate: managedOnly((resource, { graph }) => outcomesOf(forbiddenGrantProblems(graph, resource, DECRYPT_EVERY_KEY))),
});
