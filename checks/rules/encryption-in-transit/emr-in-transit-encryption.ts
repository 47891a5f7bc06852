import { awsDoc, configRule, securityHub } from '../support/references';
import { documentFlag, EMR_TYPES, emrEvaluate } from '../support/emr';
import { failed, undecided, type Problem } from '../support/findings';
import { defineRule } from '../types';

const FIX =
  'In the security configuration\'s `configuration`, set `EncryptionConfiguration.EnableInTransitEncryption` to true with an `InTransitEncryptionConfiguration.TLSCertificateConfiguration`, and launch the cluster with it (`security_configuration`).';

/** In-transit encryption turned on. */
function inTransit(document: Readonly<Record<string, unknown>>): Problem[] {
  switch (documentFlag(document, 'EncryptionConfiguration', 'EnableInTransitEncryption')) {
    case 'on':
      return [];
    case 'off':
      return [failed(`\`EncryptionConfiguration.EnableInTransitEncryption\` is false: traffic between the cluster's nodes and applications is not encrypted. ${FIX}`)];
    case 'unset':
      return [failed(`\`EncryptionConfiguration.EnableInTransitEncryption\` is not set, and EMR encrypts in transit only when a security configuration turns it on. ${FIX}`)];
    default:
      return [undecided(`\`EncryptionConfiguration.EnableInTransitEncryption\` is not a boolean the gate can read, so it cannot vouch for in-transit encryption. ${FIX}`)];
  }
}

/** EMR security configurations encrypt data in transit, and clusters launch with one that does. */
export default defineRule({
  id: 'emr-in-transit-encryption',
  title: 'EMR security configurations encrypt data in transit, and clusters use one',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'EMR encrypts traffic between a cluster\'s nodes (shuffle, HDFS block transfer, RPC, application UIs) only when its security configuration turns in-transit encryption on: without one, or with `EnableInTransitEncryption` false, that data crosses the network in clear text.',
  remediation: FIX,
  references: [
    securityHub('EMR.4', 'Amazon EMR security configurations should be encrypted in transit'),
    configRule('emr-security-configuration-encryption-transit'),
    awsDoc('Encryption options for Amazon EMR', 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html'),
  ],
  appliesTo: EMR_TYPES,
  evaluate: emrEvaluate({
    what: 'in-transit encryption',
    fix: FIX,
    judge: inTransit,
    withoutConfiguration: 'EMR does not encrypt traffic between its nodes',
  }),
});
