import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, notApplicable } from '../types';

const FIX = 'Set `enable_key_rotation = true` on the aws_kms_key.';

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
  appliesTo: ['aws_kms_key'],
  evaluate: managedOnly((key) => {
    const specView = setting(key, 'customer_master_key_spec');
    const spec = specView.string();
    if (spec.kind === 'unknown') return unknownAtPlan(specView, { what: '`customer_master_key_spec`', fix: 'Use a constant key spec.' });
    if (spec.kind === 'known' && spec.value !== 'SYMMETRIC_DEFAULT') return notApplicable();
    return requireTrue(setting(key, 'enable_key_rotation'), { what: '`enable_key_rotation`', fix: FIX, absent: 'fail', absentMeans: 'no rotation' });
  }),
});
