import { awsDoc, configRule, securityHub } from '../support/references';
import { documentAt, documentFlag, EMR_TYPES, emrEvaluate } from '../support/emr';
import { failed, undecided, type Problem } from '../support/findings';
import { defineRule } from '../types';

const FIX =
  'In the security configuration\'s `configuration`, set `EncryptionConfiguration.EnableAtRestEncryption` to true with `AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration` (`EncryptionKeyProviderType` "AwsKms" and an `AwsKmsKey`), and launch the cluster with it (`security_configuration`).';

/** The key providers EMR encrypts local disks with. */
const PROVIDERS = ['AwsKms', 'Custom'];

/** At-rest encryption turned on, and local disks among what it encrypts. */
function atRest(document: Readonly<Record<string, unknown>>): Problem[] {
  switch (documentFlag(document, 'EncryptionConfiguration', 'EnableAtRestEncryption')) {
    case 'off':
      return [failed(`\`EncryptionConfiguration.EnableAtRestEncryption\` is false: the cluster's local disks (instance store and EBS volumes) stay unencrypted. ${FIX}`)];
    case 'unset':
      return [failed(`\`EncryptionConfiguration.EnableAtRestEncryption\` is not set, and EMR encrypts at rest only what a security configuration turns on: the cluster's local disks stay unencrypted. ${FIX}`)];
    case 'other':
      return [undecided(`\`EncryptionConfiguration.EnableAtRestEncryption\` is not a boolean the gate can read, so it cannot vouch for at-rest encryption. ${FIX}`)];
  }
  const localDisk = ['EncryptionConfiguration', 'AtRestEncryptionConfiguration', 'LocalDiskEncryptionConfiguration'];
  if (documentAt(document, ...localDisk) === undefined) {
    return [failed(`\`LocalDiskEncryptionConfiguration\` is not set: at-rest encryption then covers EMRFS data in S3 only, and the instance store and EBS volumes of the cluster stay unencrypted. ${FIX}`)];
  }
  const provider = documentAt(document, ...localDisk, 'EncryptionKeyProviderType');
  if (typeof provider === 'string' && PROVIDERS.includes(provider)) return [];
  if (provider === undefined || provider === null || provider === '') {
    return [failed(`\`LocalDiskEncryptionConfiguration.EncryptionKeyProviderType\` is not set, so no key encrypts the local disks. ${FIX}`)];
  }
  return [undecided(`\`LocalDiskEncryptionConfiguration.EncryptionKeyProviderType\` is not "AwsKms" or "Custom" as the gate reads it, so it cannot vouch for local disk encryption. ${FIX}`)];
}

/** EMR security configurations encrypt local disks at rest, and clusters launch with one that does. */
export default defineRule({
  id: 'emr-at-rest-encryption',
  title: 'EMR security configurations encrypt local disks at rest, and clusters use one',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'EMR encrypts a cluster\'s data at rest only as its security configuration says: without one, or with `EnableAtRestEncryption` false or no local disk encryption, the instance store and EBS volumes that hold HDFS, shuffle and spill data stay unencrypted.',
  remediation: FIX,
  references: [
    securityHub('EMR.3', 'Amazon EMR security configurations should be encrypted at rest'),
    configRule('emr-security-configuration-encryption-rest'),
    awsDoc('Encryption options for Amazon EMR', 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html'),
    awsDoc('Create a security configuration (JSON reference)', 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html'),
    awsDoc('Amazon S3 default encryption FAQ (SSE-S3 for every new object since January 2023)', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html'),
  ],
  appliesTo: EMR_TYPES,
  evaluate: emrEvaluate({
    what: 'at-rest encryption',
    fix: FIX,
    judge: atRest,
    withoutConfiguration: 'EMR does not encrypt its local disks (instance store and EBS volumes)',
  }),
});
