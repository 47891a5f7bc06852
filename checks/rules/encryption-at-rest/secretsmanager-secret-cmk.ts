import { awsDoc, configRule } from '../support/references';
import { managedOnly, requireKeyAt } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `kms_key_id = aws_kms_key.<key>.arn` (a customer-managed key whose policy names who may decrypt the secret).';

/** Secrets are encrypted with a customer-managed key. */
export default defineRule({
  id: 'secretsmanager-secret-cmk',
  title: 'Secrets Manager secrets use a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Without `kms_key_id`, a secret is encrypted with the AWS-managed key aws/secretsmanager, which any principal of the account with secret access may use: no key policy can narrow who decrypts, and the secret cannot be shared across accounts. A customer-managed key adds that second, independent control.',
  remediation: FIX,
  references: [
    configRule('secretsmanager-using-cmk'),
    awsDoc('Secret encryption and decryption in AWS Secrets Manager', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html'),
  ],
  appliesTo: ['aws_secretsmanager_secret', 'awscc_secretsmanager_secret'],
  evaluate: managedOnly((secret, { graph }) =>
    requireKeyAt(graph, secret, secret.attr('kms_key_id'), {
      what: '`kms_key_id`',
      fix: FIX,
      absent: 'fail',
      absentMeans: 'the AWS-managed key aws/secretsmanager',
    }),
  ),
});
