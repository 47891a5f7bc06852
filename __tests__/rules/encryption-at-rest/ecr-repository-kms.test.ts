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
  // Sweep h2: a creation template sets the encryption of each repository ECR creates from it (AES256 when unset).
  {
    name: 'a repository creation template without KMS fails, naming the template fix; with KMS passes',
    plan: plan([
      res('aws_ecr_repository_creation_template.plain', { prefix: 'cache', applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: [] }),
      res('aws_ecr_repository_creation_template.aes', { prefix: 'copy', applied_for: ['REPLICATION'], encryption_configuration: [{ encryption_type: 'AES256', kms_key: '' }] }),
      res('aws_ecr_repository_creation_template.kms', { prefix: 'kms', applied_for: ['CREATE_ON_PUSH'], encryption_configuration: [{ encryption_type: 'KMS', kms_key: '' }] }),
    ]),
    expect: { 'aws_ecr_repository_creation_template.plain': 'fail', 'aws_ecr_repository_creation_template.aes': 'fail', 'aws_ecr_repository_creation_template.kms': 'pass' },
    message: /repositories ECR creates from it/,
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_ecr_lifecycle_policy.p', {})]), expect: { 'aws_ecr_lifecycle_policy.p': 'not-applicable' } },
]);
