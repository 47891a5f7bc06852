import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireKeyAt } from '../support/verdict';
import { defineRule } from '../types';

/** A logically air-gapped vault, aws or awscc: its key, an AWS owned one without it. */
const AIR_GAPPED = {
  attribute: 'encryption_key_arn',
  absentMeans: 'an AWS owned key, which is not in the account at all',
  fix: 'Set `encryption_key_arn = aws_kms_key.<key>.arn` (a customer-managed key). It replaces the vault.',
};

/** Where each vault type names its key, what it gets without one, and how to fix it. */
const KEY: Readonly<Record<string, { readonly attribute: string; readonly absentMeans: string; readonly fix: string }>> = {
  aws_backup_vault: {
    attribute: 'kms_key_arn',
    absentMeans: 'the AWS-managed key aws/backup',
    fix: 'Set `kms_key_arn = aws_kms_key.<key>.arn` (a customer-managed key). It replaces the vault.',
  },
  awscc_backup_backup_vault: {
    attribute: 'encryption_key_arn',
    absentMeans: 'the AWS-managed key aws/backup',
    fix: 'Set `encryption_key_arn = aws_kms_key.<key>.arn` (a customer-managed key). It replaces the vault.',
  },
  // "Each vault is encrypted with either an AWS owned key (default) or optionally with a customer-managed KMS key."
  aws_backup_logically_air_gapped_vault: AIR_GAPPED,
  // AWS::Backup::LogicallyAirGappedBackupVault's EncryptionKeyArn, which awscc computes when the configuration leaves it unset.
  awscc_backup_logically_air_gapped_backup_vault: AIR_GAPPED,
};

/** Backup vaults, logically air-gapped ones too, encrypt recovery points with a customer-managed key. */
export default defineRule({
  id: 'backup-vault-cmk',
  title: 'Backup vaults encrypt recovery points with a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Without a key of its own (`kms_key_arn`; `encryption_key_arn` on an awscc vault or a logically air-gapped vault), a vault uses the AWS-managed key aws/backup (a logically air-gapped vault an AWS owned key), which no key policy of yours governs and cannot be shared across accounts for copies. A customer-managed key keeps restores under your control. The key is chosen at creation.',
  remediation: KEY.aws_backup_vault.fix,
  references: [
    securityHub('Backup.1', 'AWS Backup recovery points should be encrypted at rest'),
    awsDoc('Encryption for backups in AWS Backup', 'https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html'),
    awsDoc('Logically air-gapped vault', 'https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html'),
  ],
  appliesTo: Object.keys(KEY),
  evaluate: managedOnly((vault, { graph }) => {
    const { attribute, absentMeans, fix } = KEY[vault.type];
    return requireKeyAt(graph, vault, vault.attr(attribute), { what: `\`${attribute}\``, fix, absent: 'fail', absentMeans });
  }),
});
