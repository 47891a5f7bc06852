/**
 * No IAM policy lets its principals decrypt with every KMS key (Security Hub KMS.1 for managed
 * policies, KMS.2 for inline ones; AWS Config iam-customer-policy-blocked-kms-actions and
 * iam-inline-policy-blocked-kms-actions): an `Allow` of `kms:Decrypt` or `kms:ReEncryptFrom` — by
 * name, by a wildcard such as `kms:*` or `*`, or through a `NotAction` that does not exclude them —
 * on every key (`"*"`, or a key ARN pattern that matches every key of more than one account,
 * however it is spelled: `key/*`, `key/?*`, `key/*-*`). The key policy of the workspace
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
import { covers } from '../support/policy';
import { accountVariables, coversAny, EVERY_KEY_OF_ACCOUNTS, type Coverage } from '../support/grammar';

const FIX = 'Name the keys the principal needs in `Resource` (their ARNs), or grant decryption in those keys\' key policies instead.';

/** The actions that read what a key protects. */
const DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom'];

/**
 * Whether a resource pattern covers every key of more than one account, in a Region: `*`,
 * `arn:aws:kms:*`, `arn:aws:kms:*:*:key/*`, `arn:aws:kms:eu-west-1:*:key/*`,
 * `arn:aws:kms:*:1111222233*:key/*`, and whatever else matches as much: `key/?*`, `key/*-*` (a key
 * id is a UUID, or `mrk-` and hexadecimal digits: it always holds a dash), `arn:aws:kms:*:key/*`
 * (a `*` spans the account), `arn:aws:*:*:*:*`. Decided by the pattern's algebra over the grammar
 * of key ARNs (`support/grammar.ts`); a pattern too intricate to decide is 'undecided', which fails closed. The
 * keys of one account, in one Region or all (`arn:aws:kms:*:111122223333:key/*`), are what
 * Security Hub KMS.1/KMS.2 tell to allow instead; some keys of every account (`key/1234abcd-*`) are
 * not every key. A policy variable as the account is read as IAM fills it (`accountVariables`):
 * `${aws:PrincipalAccount}` is the caller's one account; `${aws:ResourceAccount}`, the key's own, is
 * every account's keys.
 */
const coversEveryKey = (written: string): Coverage => {
  const pattern = accountVariables(written);
  return literalAccount(pattern) === undefined ? coversAny([pattern], EVERY_KEY_OF_ACCOUNTS) : 'no';
};

/** The account a key pattern names as written, twelve digits (`arn:aws:kms:*:111122223333:key/*`): its keys are one account's. */
function literalAccount(pattern: string): string | undefined {
  const account = pattern.split(':')[4];
  return account !== undefined && /^[0-9]{12}$/.test(account) ? account : undefined;
}

/**
 * Whether key patterns that write the same account part, together, cover every key as
 * `coversEveryKey` reads one (`key/0*` … `key/f*` of every account). Patterns of named accounts are
 * those accounts' keys however many they are: as two statements, they pass.
 */
function coverEveryKey(written: readonly string[]): Coverage {
  const byAccount = new Map<string, string[]>();
  for (const pattern of written.map(accountVariables)) {
    if (literalAccount(pattern) !== undefined) continue;
    const account = pattern.split(':')[4] ?? '';
    byAccount.set(account, [...(byAccount.get(account) ?? []), pattern]);
  }
  let coverage: Coverage = 'no';
  for (const group of byAccount.values()) {
    const answer = group.length > 1 ? coversAny(group, EVERY_KEY_OF_ACCOUNTS) : 'no';
    if (answer === 'yes') return 'yes';
    if (answer === 'undecided') coverage = 'undecided';
  }
  return coverage;
}

const DECRYPT_EVERY_KEY: ForbiddenGrant = {
  action: (pattern) => (DECRYPT_ACTIONS.some((action) => covers(pattern, action, true)) ? 'yes' : 'no'),
  notActions: (patterns) => (DECRYPT_ACTIONS.some((action) => !patterns.some((pattern) => covers(pattern, action, true))) ? 'yes' : 'no'),
  broadOnly: true,
  resource: coversEveryKey,
  resourcesTogether: coverEveryKey,
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
