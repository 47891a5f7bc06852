import rule from '../../../checks/rules/encryption-at-rest/efs-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const F = 'aws_efs_file_system.fs';

ruleTable(rule, [
  { name: 'encrypted passes', plan: plan([res(F, { encrypted: true })]), expect: { [F]: 'pass' } },
  { name: 'unencrypted fails', plan: plan([res(F, { encrypted: false })]), expect: { [F]: 'fail' }, message: /encrypted = true/ },
  { name: 'unset fails (API default off)', plan: plan([res(F, { creation_token: 'x' })]), expect: { [F]: 'fail' } },
  { name: 'known only after apply is unknown', plan: plan([res(F, {}, { unknown: { encrypted: true }, refs: { encrypted: ['var.enc'] } })]), expect: { [F]: 'unknown' } },
  { name: 'an awscc file system, encrypted, passes', plan: plan([res('awscc_efs_file_system.f', { encrypted: true }, { unknown: { arn: true, file_system_id: true } })]), expect: { 'awscc_efs_file_system.f': 'pass' } },
  { name: 'an awscc file system left unencrypted fails', plan: plan([res('awscc_efs_file_system.f', {}, { unknown: { arn: true, file_system_id: true } })]), expect: { 'awscc_efs_file_system.f': 'fail' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_efs_mount_target.m', {})]), expect: { 'aws_efs_mount_target.m': 'not-applicable' } },
]);
