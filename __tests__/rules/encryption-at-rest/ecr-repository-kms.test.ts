import rule from '../../../checks/rules/encryption-at-rest/ecr-repository-kms';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const R = 'aws_ecr_repository.r';

ruleTable(rule, [
  { name: 'KMS passes', plan: plan([res(R, { name: 'r', encryption_configuration: [{ encryption_type: 'KMS', kms_key: '' }] })]), expect: { [R]: 'pass' } },
  { name: 'KMS_DSSE passes', plan: plan([res(R, { name: 'r', encryption_configuration: [{ encryption_type: 'KMS_DSSE' }] })]), expect: { [R]: 'pass' } },
  { name: 'AES256 fails', plan: plan([res(R, { name: 'r', encryption_configuration: [{ encryption_type: 'AES256' }] })]), expect: { [R]: 'fail' }, message: /"AES256"/ },
  { name: 'no configuration (AES256) fails', plan: plan([res(R, { name: 'r', encryption_configuration: [] })]), expect: { [R]: 'fail' } },
  { name: 'known only after apply is unknown', plan: plan([res(R, { name: 'r' }, { unknown: { encryption_configuration: true }, refs: { encryption_configuration: ['var.encryption'] } })]), expect: { [R]: 'unknown' } },
  { name: 'an awscc repository with KMS (an object, not a block list) passes', plan: plan([res('awscc_ecr_repository.r', { repository_name: 'r', encryption_configuration: { encryption_type: 'KMS' } }, { unknown: { arn: true } })]), expect: { 'awscc_ecr_repository.r': 'pass' } },
  { name: 'an awscc repository with AES256 fails', plan: plan([res('awscc_ecr_repository.r', { repository_name: 'r', encryption_configuration: { encryption_type: 'AES256' } }, { unknown: { arn: true } })]), expect: { 'awscc_ecr_repository.r': 'fail' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_ecr_lifecycle_policy.p', {})]), expect: { 'aws_ecr_lifecycle_policy.p': 'not-applicable' } },
]);
