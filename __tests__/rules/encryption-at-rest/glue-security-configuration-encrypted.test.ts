import rule from '../../../checks/rules/encryption-at-rest/glue-security-configuration-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const S = 'aws_glue_security_configuration.s';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/abc';
const configuration = (s3: string, cloudwatch: string, bookmarks: string) =>
  res(S, {
    name: 's',
    encryption_configuration: [
      {
        s3_encryption: [{ s3_encryption_mode: s3, kms_key_arn: KEY }],
        cloudwatch_encryption: [{ cloudwatch_encryption_mode: cloudwatch, kms_key_arn: KEY }],
        job_bookmarks_encryption: [{ job_bookmarks_encryption_mode: bookmarks, kms_key_arn: KEY }],
      },
    ],
  });

ruleTable(rule, [
  { name: 'all three encrypted pass', plan: plan([configuration('SSE-KMS', 'SSE-KMS', 'CSE-KMS')]), expect: { [S]: 'pass' } },
  { name: 'SSE-S3 for S3 data passes', plan: plan([configuration('SSE-S3', 'SSE-KMS', 'CSE-KMS')]), expect: { [S]: 'pass' } },
  { name: 'S3 encryption DISABLED fails', plan: plan([configuration('DISABLED', 'SSE-KMS', 'CSE-KMS')]), expect: { [S]: 'fail' }, message: /s3_encryption_mode/ },
  { name: 'CloudWatch encryption DISABLED fails', plan: plan([configuration('SSE-KMS', 'DISABLED', 'CSE-KMS')]), expect: { [S]: 'fail' }, message: /cloudwatch_encryption_mode/ },
  { name: 'job bookmarks DISABLED fails', plan: plan([configuration('SSE-KMS', 'SSE-KMS', 'DISABLED')]), expect: { [S]: 'fail' }, message: /job_bookmarks_encryption_mode/ },
  { name: 'a configuration known only after apply is unknown', plan: plan([res(S, { name: 's' }, { unknown: { encryption_configuration: true }, refs: { encryption_configuration: ['var.encryption'] } })]), expect: { [S]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_glue_job.j', { name: 'j' })]), expect: { 'aws_glue_job.j': 'not-applicable' } },
]);
