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
  // Sweep h1 g7 (Checkov CKV_AWS_195): a compliant configuration nothing used passed, and so did every job without one.
  {
    name: 'a job, crawler or dev endpoint without a security configuration fails',
    plan: plan([
      configuration('SSE-KMS', 'SSE-KMS', 'CSE-KMS'),
      res('aws_glue_job.j', { name: 'j', role_arn: 'arn:aws:iam::111111111111:role/glue', security_configuration: null, command: [{ name: 'glueetl', script_location: 's3://scripts/j.py' }] }),
      res('aws_glue_crawler.cr', { name: 'cr', role: 'glue', database_name: 'db1', security_configuration: null, s3_target: [{ path: 's3://data/' }] }),
      res('aws_glue_dev_endpoint.d', { name: 'd', role_arn: 'arn:aws:iam::111111111111:role/glue', security_configuration: '' }),
    ]),
    expect: { [S]: 'pass', 'aws_glue_job.j': 'fail', 'aws_glue_crawler.cr': 'fail', 'aws_glue_dev_endpoint.d': 'fail' },
    message: /No `security_configuration`/,
  },
  {
    name: 'a job using a configuration of the input passes or fails as it does, by reference or by name',
    plan: plan([
      configuration('SSE-KMS', 'SSE-KMS', 'CSE-KMS'),
      res('aws_glue_security_configuration.off', { name: 'off', encryption_configuration: [{ s3_encryption: [{ s3_encryption_mode: 'SSE-S3' }], cloudwatch_encryption: [{ cloudwatch_encryption_mode: 'DISABLED' }], job_bookmarks_encryption: [{ job_bookmarks_encryption_mode: 'CSE-KMS', kms_key_arn: KEY }] }] }),
      res('aws_glue_job.ok', { name: 'ok', role_arn: 'r' }, { unknown: { security_configuration: true }, refs: { security_configuration: ['aws_glue_security_configuration.s.name', 'aws_glue_security_configuration.s'] } }),
      res('aws_glue_crawler.off', { name: 'off', role: 'r', database_name: 'db', security_configuration: 'off' }),
    ]),
    expect: { [S]: 'pass', 'aws_glue_security_configuration.off': 'fail', 'aws_glue_job.ok': 'pass', 'aws_glue_crawler.off': 'fail' },
    message: /cloudwatch_encryption_mode/,
  },
  {
    name: 'a job naming a configuration outside the input is unknown',
    plan: plan([res('aws_glue_job.j', { name: 'j', role_arn: 'r', security_configuration: 'existing' })]),
    expect: { 'aws_glue_job.j': 'unknown' },
    message: /names no security configuration of the input/,
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_glue_catalog_database.d', { name: 'd' })]), expect: { 'aws_glue_catalog_database.d': 'not-applicable' } },
]);
