/**
 * MSK Connect connectors reach their Apache Kafka cluster over TLS:
 * `kafka_cluster_encryption_in_transit.encryption_type` is "TLS". The block is required, but its
 * `encryption_type` defaults to "PLAINTEXT" in the provider, so an empty block connects in clear
 * text. awscc's `kafka_cluster_encryption_in_transit` is an object with the same attribute
 * (CloudFormation's EncryptionType, required there).
 *
 * A rule of its own rather than a part of msk-transit-encryption: a connector is a client of any
 * Apache Kafka cluster, MSK or not, and Security Hub judges it apart (MSK.3, not MSK.1).
 */
import { awsDoc, configRule, securityHub } from '../support/references';
import { managedOnly, requireOneOf, setting } from '../support/verdict';
import { defineRule } from '../types';

/** How to fix it, per connector type: awscc writes the block as an object. Either way it replaces the connector. */
const FIX: Readonly<Record<string, string>> = {
  aws_mskconnect_connector: 'Set `kafka_cluster_encryption_in_transit { encryption_type = "TLS" }` and point `bootstrap_servers` at the cluster\'s TLS brokers. It replaces the connector.',
  awscc_kafkaconnect_connector:
    'Set `kafka_cluster_encryption_in_transit = { encryption_type = "TLS" }` and point `bootstrap_servers` at the cluster\'s TLS brokers. It replaces the connector.',
};

export default defineRule({
  id: 'mskconnect-connector-tls',
  title: 'MSK Connect connectors reach their Kafka cluster over TLS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A connector whose `encryption_type` is "PLAINTEXT" (the provider\'s default, also for an empty `kafka_cluster_encryption_in_transit {}` block) reads and writes every record it moves, and authenticates to the brokers, over unencrypted connections.',
  remediation: `${FIX.aws_mskconnect_connector} For an awscc_kafkaconnect_connector: ${FIX.awscc_kafkaconnect_connector}`,
  references: [
    securityHub('MSK.3', 'MSK Connect connectors should be encrypted in transit'),
    configRule('msk-connect-connector-encrypted'),
    awsDoc('MSK Connect API: KafkaClusterEncryptionInTransit', 'https://docs.aws.amazon.com/MSKC/latest/mskc/API_KafkaClusterEncryptionInTransit.html'),
    awsDoc('AWS::KafkaConnect::Connector KafkaClusterEncryptionInTransit', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-kafkaconnect-connector-kafkaclusterencryptionintransit.html'),
  ],
  appliesTo: Object.keys(FIX),
  evaluate: managedOnly((connector) =>
    requireOneOf(setting(connector, 'kafka_cluster_encryption_in_transit', 'encryption_type'), ['TLS'], {
      what: '`kafka_cluster_encryption_in_transit.encryption_type`',
      fix: FIX[connector.type],
      absent: 'fail',
      absentMeans: '"PLAINTEXT", unencrypted connections to the brokers',
    }),
  ),
});
