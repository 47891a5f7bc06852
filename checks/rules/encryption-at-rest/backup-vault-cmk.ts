import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireKeyAt } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `kms_key_arn = aws_kms_key.<key>.arn` (a customer-managed key). It replaces the vault.';

/** Backup vaults encrypt recovery points with a customer-managed key. */
export default defineRule({
  id: 'backup-vault-cmk',
  title: 'Backup vaults encrypt recovery points with a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Without `kms_key_arn`, a vault uses the AWS-managed key aws/backup, which no key policy of yours governs and cannot be shared across accounts for copies. A customer-managed key keeps restores under your control. The key is chosen at creation.',
  remediation: FIX,
  references: [
    securityHub('Backup.1', 'AWS Backup recovery points should be encrypted at rest'),
    awsDoc('Encryption for backups in AWS Backup', 'https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html'),
  ],
  appliesTo: ['aws_backup_vault'],
  evaluate: managedOnly((vault, { graph }) =>
    requireKeyAt(graph, vault, vault.attr('kms_key_arn'), {
      what: '`kms_key_arn`',
      fix: FIX,
      absent: 'fail',
      absentMeans: 'the AWS-managed key aws/backup',
    }),
  ),
});
