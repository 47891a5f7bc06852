import { awsDoc, securityHub } from '../support/references';
import { managedOnly, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, fail, pass } from '../types';

const MINIMUM_DAYS = 7;
/** Where each key type states its waiting period (`awscc_kms_key`: CloudFormation's PendingWindowInDays; both default to 30). */
const WINDOW_ATTRIBUTE: Readonly<Record<string, string>> = { aws_kms_key: 'deletion_window_in_days', awscc_kms_key: 'pending_window_in_days' };
const fixFor = (attribute: string): string => `Set \`${attribute}\` to at least ${MINIMUM_DAYS} (30, the default, gives the most time to cancel a deletion).`;
const FIX = fixFor('deletion_window_in_days');

/** A scheduled key deletion leaves time to notice and cancel it. */
export default defineRule({
  id: 'kms-key-deletion-window',
  title: 'KMS keys have a deletion window of at least 7 days',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Deleting a KMS key makes everything encrypted under it unreadable for good. The waiting period is the only chance to cancel an unintended deletion; an unset window is the 30-day default.',
  remediation: `${FIX} On an awscc_kms_key the attribute is \`pending_window_in_days\`.`,
  references: [
    securityHub('KMS.3', 'AWS KMS keys should not be deleted unintentionally'),
    awsDoc('Deleting AWS KMS keys', 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html'),
  ],
  appliesTo: Object.keys(WINDOW_ATTRIBUTE),
  evaluate: managedOnly((key) => {
    const attribute = WINDOW_ATTRIBUTE[key.type];
    const view = setting(key, attribute);
    const days = view.number();
    if (days.kind === 'unknown') return unknownAtPlan(view, { what: `\`${attribute}\``, fix: fixFor(attribute) });
    if (days.kind === 'absent' || days.value >= MINIMUM_DAYS) return pass();
    return fail(`\`${attribute}\` is ${days.value}. ${fixFor(attribute)}`, { path: attribute });
  }),
});
