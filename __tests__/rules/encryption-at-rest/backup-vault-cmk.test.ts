import rule from '../../../checks/rules/encryption-at-rest/backup-vault-cmk';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { kmsKey, ref } from './fixtures';

const V = 'aws_backup_vault.v';

ruleTable(rule, [
  { name: 'a key of the plan passes', plan: plan([kmsKey('aws_kms_key.k'), res(V, { name: 'v' }, { unknown: { kms_key_arn: true }, refs: { kms_key_arn: ref('aws_kms_key.k', 'arn') } })]), expect: { [V]: 'pass' } },
  { name: 'no key (aws/backup) fails', plan: plan([res(V, { name: 'v' })]), expect: { [V]: 'fail' }, message: /aws\/backup/ },
  { name: 'a key the configuration does not set, computed in a plan, is aws/backup: fail', plan: plan([res(V, { name: 'v' }, { unknown: { kms_key_arn: true } })]), expect: { [V]: 'fail' } },
  { name: 'a key known only after apply that the graph cannot follow is unknown', plan: plan([res(V, { name: 'v' }, { unknown: { kms_key_arn: true }, refs: { kms_key_arn: ['var.key'] } })]), expect: { [V]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_backup_plan.p', { name: 'p' })]), expect: { 'aws_backup_plan.p': 'not-applicable' } },
]);
