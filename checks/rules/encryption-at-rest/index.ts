/**
 * The encryption-at-rest rules, listed explicitly (STYLE.md convention 5): a rule not listed here
 * does not run.
 */
import type { RuleDefinition } from '../types';
import s3BucketDefaultEncryption from './s3-bucket-default-encryption';
import s3BucketSseKms from './s3-bucket-sse-kms';
import twinmakerWorkspaceBucketKnown from './twinmaker-workspace-bucket-known';
import kmsKeyRotation from './kms-key-rotation';
import kmsKeyDeletionWindow from './kms-key-deletion-window';
import kmsKeyNotDestroyed from './kms-key-not-destroyed';
import cloudtrailKmsEncryption from './cloudtrail-kms-encryption';
import backupVaultCmk from './backup-vault-cmk';
import cloudwatchLogGroupEncrypted from './cloudwatch-log-group-encrypted';
import daxClusterEncrypted from './dax-cluster-encrypted';
import dynamodbTableKms from './dynamodb-table-kms';
import ebsEncryptionByDefault from './ebs-encryption-by-default';
import ebsSnapshotsEncrypted from './ebs-snapshots-encrypted';
import ebsVolumesEncrypted from './ebs-volumes-encrypted';
import ecrRepositoryKms from './ecr-repository-kms';
import efsEncrypted from './efs-encrypted';
import eksSecretsEncryption from './eks-secrets-encryption';
import elasticacheAtRestEncryption from './elasticache-at-rest-encryption';
import emrAtRestEncryption from './emr-at-rest-encryption';
import firehoseDeliveryStreamEncrypted from './firehose-delivery-stream-encrypted';
import glueDataCatalogEncrypted from './glue-data-catalog-encrypted';
import glueSecurityConfigurationEncrypted from './glue-security-configuration-encrypted';
import kinesisStreamEncrypted from './kinesis-stream-encrypted';
import kinesisVideoStreamCmk from './kinesis-video-stream-cmk';
import lambdaEnvironmentCmk from './lambda-environment-cmk';
import mqBrokerCmk from './mq-broker-cmk';
import mskClusterCmk from './msk-cluster-cmk';
import opensearchEncryptAtRest from './opensearch-encrypt-at-rest';
import rdsStorageEncrypted from './rds-storage-encrypted';
import redshiftClusterEncrypted from './redshift-cluster-encrypted';
import secretsmanagerSecretCmk from './secretsmanager-secret-cmk';
import snsTopicEncrypted from './sns-topic-encrypted';
import sqsQueueEncrypted from './sqs-queue-encrypted';
import ssmParameterSecureString from './ssm-parameter-secure-string';
import terraformStateEncrypted from './terraform-state-encrypted';
import timestreamDatabaseCmk from './timestream-database-cmk';
import apiGatewayCacheEncrypted from './api-gateway-cache-encrypted';
import workspacesVolumesEncrypted from './workspaces-volumes-encrypted';
import codebuildOutputEncrypted from './codebuild-output-encrypted';

export const ENCRYPTION_AT_REST_RULES: readonly RuleDefinition[] = [
  s3BucketDefaultEncryption,
  s3BucketSseKms,
  twinmakerWorkspaceBucketKnown,
  kmsKeyRotation,
  kmsKeyDeletionWindow,
  kmsKeyNotDestroyed,
  cloudtrailKmsEncryption,
  backupVaultCmk,
  cloudwatchLogGroupEncrypted,
  dynamodbTableKms,
  daxClusterEncrypted,
  ebsEncryptionByDefault,
  ebsVolumesEncrypted,
  ebsSnapshotsEncrypted,
  ecrRepositoryKms,
  efsEncrypted,
  eksSecretsEncryption,
  elasticacheAtRestEncryption,
  emrAtRestEncryption,
  firehoseDeliveryStreamEncrypted,
  glueDataCatalogEncrypted,
  glueSecurityConfigurationEncrypted,
  kinesisStreamEncrypted,
  kinesisVideoStreamCmk,
  lambdaEnvironmentCmk,
  mqBrokerCmk,
  mskClusterCmk,
  opensearchEncryptAtRest,
  rdsStorageEncrypted,
  redshiftClusterEncrypted,
  secretsmanagerSecretCmk,
  snsTopicEncrypted,
  sqsQueueEncrypted,
  ssmParameterSecureString,
  timestreamDatabaseCmk,
  terraformStateEncrypted,
  apiGatewayCacheEncrypted,
  workspacesVolumesEncrypted,
  codebuildOutputEncrypted,
];
