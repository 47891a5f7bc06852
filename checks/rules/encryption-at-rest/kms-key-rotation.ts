import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, notApplicable } from '../types';

const FIX = 'Set `enable_key_rotation = true` on the key (`aws_kms_key` or `awscc_kms_key`).';
/** Where each key type states its key spec (both default to SYMMETRIC_DEFAULT). */
const SPEC_ATTRIBUTE: Readonly<Record<string, string>> = { aws_kms_key: 'customer_master_key_spec', awscc_kms_key: 'key_spec' };

/** Symmetric encryption keys rotate their key material. */
export default defineRule({
  id: 'kms-key-rotation',
  title: 'Symmetric KMS keys have automatic rotation enabled',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Automatic rotation limits how much data one key version protects and is required by CIS and FSBP. Only symmetric encryption keys support it; asymmetric and HMAC keys are not-applicable.',
  remediation: FIX,
  references: [
    securityHub('KMS.4', 'AWS KMS key rotation should be enabled'),
    awsDoc('Rotate AWS KMS keys', 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'),
  ],
  appliesTo: Object.keys(SPEC_ATTRIBUTE),
  evaluate: managedOnly((key) => {
    const specAttribute = SPEC_ATTRIBUTE[key.type];
    const specView = setting(key, specAttribute);
    const spec = specView.string();
    if (spec.kind === 'unknown') return unknownAtPlan(specView, { what: `\`${specAttribute}\``, fix: 'Use a constant key spec.' });
    if (spec.kind === 'known' && spec.value !== 'SYMMETRIC_DEFAULT') return notApplicable();
    return requireTrue(setting(key, 'enable_key_rotation'), { what: '`enable_key_rotation`', fix: FIX, absent: 'fail', absentMeans: 'no rotation' });
  }),
});
