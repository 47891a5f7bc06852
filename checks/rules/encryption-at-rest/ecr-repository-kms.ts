import { awsDoc } from '../support/references';
import { managedOnly, requireOneOf, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Add `encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.<key>.arn }`. It replaces the repository.';

/** ECR repositories encrypt images under a KMS key. */
export default defineRule({
  id: 'ecr-repository-kms',
  title: 'ECR repositories encrypt images with KMS',
  category: 'encryption-at-rest',
  severity: 'low',
  rationale:
    'ECR always encrypts images, by default (AES256) with S3-managed keys that no key policy governs and whose use is not logged. KMS (or KMS_DSSE) puts image layers under a KMS key, auditable in CloudTrail.',
  remediation: FIX,
  references: [
    awsDoc('Encryption at rest in Amazon ECR', 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html'),
  ],
  appliesTo: ['aws_ecr_repository', 'awscc_ecr_repository'],
  evaluate: managedOnly((repository) =>
    requireOneOf(setting(repository, 'encryption_configuration', 'encryption_type'), ['KMS', 'KMS_DSSE'], {
      what: '`encryption_configuration.encryption_type`',
      fix: FIX,
      absent: 'fail',
      absentMeans: 'AES256 with S3-managed keys',
    }),
  ),
});
