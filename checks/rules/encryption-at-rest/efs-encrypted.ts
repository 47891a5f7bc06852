import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `encrypted = true` (with `kms_key_id` for a customer-managed key). It replaces the file system.';

/** EFS file systems are encrypted at rest. */
export default defineRule({
  id: 'efs-encrypted',
  title: 'EFS file systems are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale: 'EFS encryption at rest can only be chosen at creation, and the API default (what Terraform gets when `encrypted` is unset) is unencrypted.',
  remediation: FIX,
  references: [
    securityHub('EFS.1', 'Elastic File System should be configured to encrypt file data at-rest using AWS KMS'),
    awsDoc('Encrypting data at rest in Amazon EFS', 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'),
  ],
  appliesTo: ['aws_efs_file_system', 'awscc_efs_file_system'],
  evaluate: managedOnly((fs) => requireTrue(setting(fs, 'encrypted'), { what: '`encrypted`', fix: FIX, absent: 'fail' })),
});
