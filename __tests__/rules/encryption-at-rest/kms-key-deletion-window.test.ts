import rule from '../../../checks/rules/encryption-at-rest/kms-key-deletion-window';
import { plan } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, kmsKey } from './fixtures';

const K = 'aws_kms_key.k';

ruleTable(rule, [
  { name: 'a 30-day window passes', plan: plan([kmsKey(K)]), expect: { [K]: 'pass' } },
  { name: 'exactly 7 days passes', plan: plan([kmsKey(K, { deletion_window_in_days: 7 })]), expect: { [K]: 'pass' } },
  { name: 'an unset window (default 30) passes', plan: plan([kmsKey(K, { deletion_window_in_days: null })]), expect: { [K]: 'pass' } },
  { name: 'a window under 7 days fails', plan: plan([kmsKey(K, { deletion_window_in_days: 5 })]), expect: { [K]: 'fail' }, message: /deletion_window_in_days` is 5/ },
  { name: 'a window known only after apply is unknown', plan: plan([kmsKey(K, { deletion_window_in_days: null }, { deletion_window_in_days: true }, { deletion_window_in_days: ['var.window'] })]), expect: { [K]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([bucket('aws_s3_bucket.b')]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);
