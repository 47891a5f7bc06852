import type { Graph, Resource } from '../../model/types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, notApplicable, type Outcome } from '../types';

const FIX = 'Set `enable_key_rotation = true` on the key (`aws_kms_key` or `awscc_kms_key`).';
/** Where each key type states its key spec (both default to SYMMETRIC_DEFAULT). */
const SPEC_ATTRIBUTE: Readonly<Record<string, string>> = { aws_kms_key: 'customer_master_key_spec', awscc_kms_key: 'key_spec' };

/**
 * Whether the key's material is out of KMS's reach, so that KMS cannot rotate it (EnableKeyRotation:
 * "You cannot enable automatic rotation of ... KMS keys with imported key material, or KMS keys in a
 * custom key store"): an `aws_kms_key` in a CloudHSM or external key store (`custom_key_store_id`,
 * which an `xks_key_id` needs too), an `awscc_kms_key` with `origin = "EXTERNAL"`. Unknown when the
 * store is an expression that names no key store of the input.
 */
function notRotatable(graph: Graph, key: Resource): Outcome | undefined {
  if (key.type === 'awscc_kms_key') {
    const originView = setting(key, 'origin');
    const origin = originView.string();
    if (origin.kind === 'unknown') return unknownAtPlan(originView, { what: '`origin`', fix: 'Use a constant origin.' });
    return origin.kind === 'known' && origin.value === 'EXTERNAL' ? notApplicable() : undefined;
  }
  const storeView = setting(key, 'custom_key_store_id');
  const store = storeView.string();
  if (store.kind === 'known') return store.value === '' ? undefined : notApplicable();
  if (store.kind === 'absent') return undefined;
  const resolution = graph.resolve(key, ['custom_key_store_id'], ['aws_kms_custom_key_store']);
  if (resolution.status === 'resources' && !resolution.partly) return notApplicable();
  return unknownAtPlan(storeView, { what: '`custom_key_store_id`', fix: 'Name the key store with a constant or an `aws_kms_custom_key_store` of the input.' });
}

/** Symmetric encryption keys rotate their key material. */
export default defineRule({
  id: 'kms-key-rotation',
  title: 'Symmetric KMS keys have automatic rotation enabled',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Automatic rotation limits how much data one key version protects and is required by CIS and FSBP. Only symmetric encryption keys whose material KMS holds support it; asymmetric and HMAC keys, keys in a custom key store and keys with imported material are not-applicable.',
  remediation: FIX,
  references: [
    securityHub('KMS.4', 'AWS KMS key rotation should be enabled'),
    awsDoc('Rotate AWS KMS keys', 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'),
  ],
  appliesTo: Object.keys(SPEC_ATTRIBUTE),
  evaluate: managedOnly((key, { graph }) => {
    const outOfReach = notRotatable(graph, key);
    if (outOfReach) return outOfReach;
    const specAttribute = SPEC_ATTRIBUTE[key.type];
    const specView = setting(key, specAttribute);
    const spec = specView.string();
    if (spec.kind === 'unknown') return unknownAtPlan(specView, { what: `\`${specAttribute}\``, fix: 'Use a constant key spec.' });
    if (spec.kind === 'known' && spec.value !== 'SYMMETRIC_DEFAULT') return notApplicable();
    return requireTrue(setting(key, 'enable_key_rotation'), { what: '`enable_key_rotation`', fix: FIX, absent: 'fail', absentMeans: 'no rotation' });
  }),
});
