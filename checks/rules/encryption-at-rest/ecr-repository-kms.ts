import { awsDoc } from '../support/references';
import { managedOnly, requireOneOf, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Add `encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.<key>.arn }`. It replaces the repository.';
const TEMPLATE = 'aws_ecr_repository_creation_template';
const TEMPLATE_FIX =
  'Add `encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.<key>.arn }` to the template: the repositories ECR creates from it (pull through cache, replication, create on push) are then encrypted with KMS. Those it created before keep their encryption.';

/**
 * ECR repositories encrypt images under a KMS key; so do the repositories ECR creates itself from a repository
 * creation template, which takes the same `encryption_configuration` ("when no encryption configuration is set or
 * the AES256 encryption type is used", S3-managed keys: AWS::ECR::RepositoryCreationTemplate).
 */
export default defineRule({
  id: 'ecr-repository-kms',
  title: 'ECR repositories and repository creation templates encrypt images with KMS',
  category: 'encryption-at-rest',
  severity: 'low',
  rationale:
    'ECR always encrypts images, by default (AES256) with S3-managed keys that no key policy governs and whose use is not logged. KMS (or KMS_DSSE) puts image layers under a KMS key, auditable in CloudTrail. A repository creation template sets the encryption of every repository ECR creates from it.',
  remediation: `${FIX} For an ${TEMPLATE}: ${TEMPLATE_FIX}`,
  references: [
    awsDoc('Encryption at rest in Amazon ECR', 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html'),
    awsDoc('AWS::ECR::RepositoryCreationTemplate EncryptionConfiguration', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecr-repositorycreationtemplate-encryptionconfiguration.html'),
  ],
  appliesTo: ['aws_ecr_repository', 'awscc_ecr_repository', TEMPLATE],
  evaluate: managedOnly((repository) =>
    requireOneOf(setting(repository, 'encryption_configuration', 'encryption_type'), ['KMS', 'KMS_DSSE'], {
      what: '`encryption_configuration.encryption_type`',
      fix: repository.type === TEMPLATE ? TEMPLATE_FIX : FIX,
      absent: 'fail',
      absentMeans: 'AES256 with S3-managed keys',
    }),
  ),
});
