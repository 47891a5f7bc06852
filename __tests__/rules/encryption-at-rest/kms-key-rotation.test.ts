import rule from '../../../checks/rules/encryption-at-rest/kms-key-rotation';
import { plan } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, kmsKey } from './fixtures';

const K = 'aws_kms_key.k';

ruleTable(rule, [
  { name: 'a symmetric key with rotation passes', plan: plan([kmsKey(K)]), expect: { [K]: 'pass' } },
  { name: 'a key without a spec (symmetric default) with rotation passes', plan: plan([kmsKey(K, { customer_master_key_spec: null })]), expect: { [K]: 'pass' } },
  { name: 'rotation disabled fails', plan: plan([kmsKey(K, { enable_key_rotation: false })]), expect: { [K]: 'fail' }, message: /enable_key_rotation = true/ },
  { name: 'rotation unset fails (default off)', plan: plan([kmsKey(K, { enable_key_rotation: null })]), expect: { [K]: 'fail' } },
  { name: 'an asymmetric key is not-applicable', plan: plan([kmsKey(K, { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY', enable_key_rotation: false })]), expect: { [K]: 'not-applicable' } },
  { name: 'an HMAC key is not-applicable', plan: plan([kmsKey(K, { customer_master_key_spec: 'HMAC_256', key_usage: 'GENERATE_VERIFY_MAC', enable_key_rotation: false })]), expect: { [K]: 'not-applicable' } },
  { name: 'rotation known only after apply is unknown', plan: plan([kmsKey(K, { enable_key_rotation: null }, { enable_key_rotation: true }, { enable_key_rotation: ['var.rotate'] })]), expect: { [K]: 'unknown' } },
  { name: 'a key spec known only after apply is unknown', plan: plan([kmsKey(K, { customer_master_key_spec: null }, { customer_master_key_spec: true }, { customer_master_key_spec: ['var.spec'] })]), expect: { [K]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([bucket('aws_s3_bucket.b')]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);
