import { awsDoc } from '../support/references';
import { managedOnly, requireOneOf, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX =
  'In `encryption_configuration`, set `s3_encryption { s3_encryption_mode = "SSE-KMS" }`, `cloudwatch_encryption { cloudwatch_encryption_mode = "SSE-KMS" }` and `job_bookmarks_encryption { job_bookmarks_encryption_mode = "CSE-KMS" }`, each with a `kms_key_arn`.';

/** Each target of a security configuration and the modes that encrypt it. */
const TARGETS: readonly { block: string; mode: string; allowed: readonly string[] }[] = [
  { block: 's3_encryption', mode: 's3_encryption_mode', allowed: ['SSE-KMS', 'SSE-S3'] },
  { block: 'cloudwatch_encryption', mode: 'cloudwatch_encryption_mode', allowed: ['SSE-KMS'] },
  { block: 'job_bookmarks_encryption', mode: 'job_bookmarks_encryption_mode', allowed: ['CSE-KMS'] },
];

/** Glue security configurations encrypt job output, logs and bookmarks. */
export default defineRule({
  id: 'glue-security-configuration-encrypted',
  title: 'Glue security configurations encrypt S3 output, CloudWatch logs and job bookmarks',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'A Glue job, crawler or endpoint writes what its security configuration says: S3 data, CloudWatch logs and job bookmarks. A mode of DISABLED leaves that data unencrypted.',
  remediation: FIX,
  references: [awsDoc('Encrypting data written by AWS Glue', 'https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html')],
  appliesTo: ['aws_glue_security_configuration'],
  evaluate: managedOnly((configuration) =>
    TARGETS.map(({ block, mode, allowed }) =>
      requireOneOf(setting(configuration, 'encryption_configuration', block, mode), allowed, { what: `\`${block}.${mode}\``, fix: FIX, absent: 'fail' }),
    ),
  ),
});
