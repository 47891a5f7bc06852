import { awsDoc, securityHub } from '../support/references';
import { managedOnly, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, fail, pass } from '../types';

const MINIMUM_DAYS = 7;
const FIX = `Set \`deletion_window_in_days\` to at least ${MINIMUM_DAYS} (30, the default, gives the most time to cancel a deletion).`;

/** A scheduled key deletion leaves time to notice and cancel it. */
export default defineRule({
  id: 'kms-key-deletion-window',
  title: 'KMS keys have a deletion window of at least 7 days',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Deleting a KMS key makes everything encrypted under it unreadable for good. The waiting period is the only chance to cancel an unintended deletion; an unset window is the 30-day default.',
  remediation: FIX,
  references: [
    securityHub('KMS.3', 'AWS KMS keys should not be deleted unintentionally'),
    awsDoc('Deleting AWS KMS keys', 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html'),
  ],
  appliesTo: ['aws_kms_key'],
  evaluate: managedOnly((key) => {
    const view = setting(key, 'deletion_window_in_days');
    const days = view.number();
    if (days.kind === 'unknown') return unknownAtPlan(view, { what: '`deletion_window_in_days`', fix: FIX });
    if (days.kind === 'absent' || days.value >= MINIMUM_DAYS) return pass();
    return fail(`\`deletion_window_in_days\` is ${days.value}. ${FIX}`, { path: 'deletion_window_in_days' });
  }),
});
