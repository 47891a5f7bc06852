/** The encryption-in-transit rules, in the order `twinguard rules` lists them. */
import type { RuleDefinition } from '../types';
import apiGatewayDomainTls from './api-gateway-domain-tls';
import apiGatewayRestApiTls from './api-gateway-rest-api-tls';
import cloudfrontTls from './cloudfront-tls';
import cloudfrontVpcOriginTls from './cloudfront-vpc-origin-tls';
import cloudsearchDomainTls from './cloudsearch-domain-tls';
import daxClusterTls from './dax-cluster-tls';
import dmsEndpointSsl from './dms-endpoint-ssl';
import docdbTlsEnabled from './docdb-tls-enabled';
import ecsEfsVolumeTransitEncryption from './ecs-efs-volume-transit-encryption';
import efsDenyInsecureTransport from './efs-deny-insecure-transport';
import elbClassicListenerTls from './elb-classic-listener-tls';
import elbClassicTlsPolicy from './elb-classic-tls-policy';
import glueConnectionSsl from './glue-connection-ssl';
import elasticacheTransitEncryption from './elasticache-transit-encryption';
import emrInTransitEncryption from './emr-in-transit-encryption';
import lbListenerTls from './lb-listener-tls';
import memorydbTlsEnabled from './memorydb-tls-enabled';
import mskTransitEncryption from './msk-transit-encryption';
import mskconnectConnectorTls from './mskconnect-connector-tls';
import opensearchTransitEncryption from './opensearch-transit-encryption';
import providerFipsEndpoints from './provider-fips-endpoints';
import providerTlsVerified from './provider-tls-verified';
import rdsProxyRequireTls from './rds-proxy-require-tls';
import rdsRequireTls from './rds-require-tls';
import redshiftClusterRequireSsl from './redshift-cluster-require-ssl';
import redshiftServerlessRequireSsl from './redshift-serverless-require-ssl';
import s3BucketDenyInsecureTransport from './s3-bucket-deny-insecure-transport';
import s3BucketDenyTlsBelow12 from './s3-bucket-deny-tls-below-1-2';
import sesConfigurationSetTlsRequired from './ses-configuration-set-tls-required';
import snsSubscriptionHttps from './sns-subscription-https';
import topicQueueDenyInsecureTransport from './topic-queue-deny-insecure-transport';
import transferServerNoFtp from './transfer-server-no-ftp';

export const ENCRYPTION_IN_TRANSIT_RULES: readonly RuleDefinition[] = [
  s3BucketDenyInsecureTransport,
  s3BucketDenyTlsBelow12,
  lbListenerTls,
  elbClassicListenerTls,
  elbClassicTlsPolicy,
  cloudfrontTls,
  cloudfrontVpcOriginTls,
  apiGatewayDomainTls,
  apiGatewayRestApiTls,
  cloudsearchDomainTls,
  daxClusterTls,
  dmsEndpointSsl,
  docdbTlsEnabled,
  ecsEfsVolumeTransitEncryption,
  efsDenyInsecureTransport,
  elasticacheTransitEncryption,
  emrInTransitEncryption,
  glueConnectionSsl,
  memorydbTlsEnabled,
  mskTransitEncryption,
  mskconnectConnectorTls,
  opensearchTransitEncryption,
  rdsRequireTls,
  rdsProxyRequireTls,
  redshiftClusterRequireSsl,
  redshiftServerlessRequireSsl,
  sesConfigurationSetTlsRequired,
  topicQueueDenyInsecureTransport,
  snsSubscriptionHttps,
  transferServerNoFtp,
  providerFipsEndpoints,
  providerTlsVerified,
];
