/**
 * A plan does not destroy a KMS key: deleting one (or replacing it, which deletes the old key)
 * schedules it for deletion, and once its waiting period ends, everything encrypted under it can
 * never be decrypted again — the TwinMaker bucket's objects, trail logs, state. Security Hub KMS.3
 * ("AWS KMS keys should not be deleted unintentionally") watches keys pending deletion; a plan gate
 * can stop the deletion before it is scheduled.
 *
 * Judged on plans, from the objects the plan deletes (`LoadedInput.destroyed`): a configuration
 * input says what should exist, not what an apply would destroy. An intended deletion is waived,
 * with the reason saying why nothing still needs the key.
 */
import type { DestroyedResource } from '../../model/types';
import { awsDoc, securityHub } from '../support/references';
import { defineInputRule, fail, notApplicable, pass, type Outcome } from '../types';

const KEY_TYPES: ReadonlySet<string> = new Set(['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key', 'awscc_kms_key', 'awscc_kms_replica_key']);

const FIX =
  'If nothing is still encrypted under the key and the deletion is intended, waive this finding and say so in the reason; otherwise keep the key (`lifecycle { prevent_destroy = true }` makes Terraform refuse to destroy it), and re-encrypt data under a new key before retiring the old one.';

/** What the plan does to the key, for the message. */
function how(destroyed: DestroyedResource): string {
  if (destroyed.deposed !== undefined) return `deletes a deposed object of this key (${destroyed.deposed}, left by an earlier replacement)`;
  if (destroyed.actions.includes('create')) return `replaces this key (actions ${destroyed.actions.join(', ')}): a change forces a new key, and the old one is deleted`;
  return 'deletes this key';
}

export default defineInputRule({
  id: 'kms-key-not-destroyed',
  title: 'Plans do not destroy KMS keys',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'A deleted KMS key cannot be recovered once its waiting period (7 to 30 days) ends, and neither can anything encrypted under it: the workspace bucket\'s objects, CloudTrail logs, state files, backups. A key is often destroyed by accident: a renamed resource, a moved module, or an attribute change that forces a new key.',
  remediation: FIX,
  references: [
    securityHub('KMS.3', 'AWS KMS keys should not be deleted unintentionally'),
    awsDoc('AWS KMS: Deleting AWS KMS keys', 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html'),
    awsDoc('Terraform: the prevent_destroy lifecycle argument', 'https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy'),
  ],
  appliesTo: 'input',
  evaluate(input): Outcome | Outcome[] {
    if (input.kind !== 'plan') return notApplicable();
    const keys = (input.destroyed ?? []).filter((d) => KEY_TYPES.has(d.type));
    if (keys.length === 0) return pass();
    return keys.map((key) =>
      fail(`The plan ${how(key)}. AWS schedules a deleted key for deletion, and after its waiting period everything encrypted under it can never be decrypted again. ${FIX}`, { address: key.address }),
    );
  },
});
