import rule from '../../../checks/rules/encryption-at-rest/emr-at-rest-encryption';
import { tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { ref } from './fixtures';

const S = 'aws_emr_security_configuration.s';
const C = 'aws_emr_cluster.c';
const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555';
const LOCAL_DISK = { EncryptionKeyProviderType: 'AwsKms', AwsKmsKey: KEY };
const encryption = (config: Record<string, unknown>) => JSON.stringify({ EncryptionConfiguration: config });
const ENCRYPTED = encryption({ EnableAtRestEncryption: true, EnableInTransitEncryption: true, AtRestEncryptionConfiguration: { S3EncryptionConfiguration: { EncryptionMode: 'SSE-S3' }, LocalDiskEncryptionConfiguration: LOCAL_DISK } });
const configuration = (json: string, address = S) => res(address, { name: address.split('.').pop(), configuration: json }, { unknown: { id: true } });
const cluster = (after: Record<string, unknown>, options: Parameters<typeof res>[2] = {}) =>
  res(C, { name: 'c', release_label: 'emr-7.0.0', service_role: 'arn:aws:iam::111111111111:role/emr', ...after }, { unknown: { id: true, ...options.unknown }, ...options });

ruleTable(rule, [
  { name: 'a configuration that encrypts local disks at rest passes', plan: plan([configuration(ENCRYPTED)]), expect: { [S]: 'pass' } },
  {
    name: 'EnableAtRestEncryption false fails (sweep h1 g4)',
    plan: plan([configuration(encryption({ EnableInTransitEncryption: false, EnableAtRestEncryption: false }))]),
    expect: { [S]: 'fail' },
    message: /EnableAtRestEncryption` is false/,
  },
  { name: 'EnableAtRestEncryption left out fails: EMR encrypts nothing at rest by default', plan: plan([configuration(encryption({ EnableInTransitEncryption: true }))]), expect: { [S]: 'fail' }, message: /is not set/ },
  { name: 'a configuration with no EncryptionConfiguration at all fails', plan: plan([configuration(JSON.stringify({ InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: 2 } }))]), expect: { [S]: 'fail' } },
  {
    name: 'at rest for EMRFS only (no LocalDiskEncryptionConfiguration) fails: local disks stay unencrypted',
    plan: plan([configuration(encryption({ EnableAtRestEncryption: true, AtRestEncryptionConfiguration: { S3EncryptionConfiguration: { EncryptionMode: 'SSE-KMS', AwsKmsKey: KEY } } }))]),
    expect: { [S]: 'fail' },
    message: /LocalDiskEncryptionConfiguration` is not set/,
  },
  {
    name: 'local disk encryption without a key provider fails (Trivy AVD-AWS-0139)',
    plan: plan([configuration(encryption({ EnableAtRestEncryption: true, AtRestEncryptionConfiguration: { LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: '', AwsKmsKey: '' } } }))]),
    expect: { [S]: 'fail' },
    message: /EncryptionKeyProviderType` is not set/,
  },
  {
    name: 'a flag that is not a JSON boolean is unknown, never a pass',
    plan: plan([configuration(encryption({ EnableAtRestEncryption: 'true', AtRestEncryptionConfiguration: { LocalDiskEncryptionConfiguration: LOCAL_DISK } }))]),
    expect: { [S]: 'unknown' },
  },
  { name: 'a configuration known only after apply (no code at hand) is unknown', plan: plan([res(S, { name: 's' }, { unknown: { id: true, configuration: true }, refs: { configuration: ['var.emr'] } })]), expect: { [S]: 'unknown' }, message: /known only after apply/ },
  { name: 'a configuration that is not JSON is unknown', plan: plan([configuration('{not json')]), expect: { [S]: 'unknown' }, message: /not JSON/ },
  {
    name: 'a cluster with no security configuration fails (sweep h1 g4)',
    plan: plan([cluster({ security_configuration: null })]),
    expect: { [C]: 'fail' },
    message: /no `security_configuration`/,
  },
  {
    name: 'a cluster is judged by the configuration of the input it names, by reference or by name',
    plan: plan([
      configuration(ENCRYPTED),
      configuration(encryption({ EnableAtRestEncryption: false }), 'aws_emr_security_configuration.off'),
      cluster({}, { unknown: { security_configuration: true }, refs: { security_configuration: ref(S, 'name') } }),
      res('aws_emr_cluster.named', { name: 'named', release_label: 'emr-7.0.0', service_role: 'r', security_configuration: 'off' }, { unknown: { id: true } }),
    ]),
    expect: { [S]: 'pass', 'aws_emr_security_configuration.off': 'fail', [C]: 'pass', 'aws_emr_cluster.named': 'fail' },
    message: /EnableAtRestEncryption` is false/,
  },
  {
    name: 'a cluster naming a configuration outside the input is unknown',
    plan: plan([cluster({ security_configuration: 'existing' })]),
    expect: { [C]: 'unknown' },
    message: /names no security configuration of the input/,
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_sns_topic.t', { name: 't' })]), expect: { 'aws_sns_topic.t': 'not-applicable' } },
]);

describe('emr-at-rest-encryption in .tf', () => {
  it('reads a jsonencode configuration whose KMS key is known only after apply, and follows the cluster to it', async () => {
    const graph = await tfGraph(`resource "aws_kms_key" "emr" {}
resource "aws_emr_security_configuration" "good" {
  name = "good"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        LocalDiskEncryptionConfiguration = { EncryptionKeyProviderType = "AwsKms", AwsKmsKey = aws_kms_key.emr.arn }
      }
    }
  })
}
resource "aws_emr_security_configuration" "bad" {
  name          = "bad"
  configuration = jsonencode({ EncryptionConfiguration = { EnableAtRestEncryption = false, EnableInTransitEncryption = true } })
}
resource "aws_emr_cluster" "good" {
  name                   = "good"
  release_label          = "emr-7.0.0"
  service_role           = "emr"
  security_configuration = aws_emr_security_configuration.good.name
}
resource "aws_emr_cluster" "bad" {
  name                   = "bad"
  release_label          = "emr-7.0.0"
  service_role           = "emr"
  security_configuration = aws_emr_security_configuration.bad.name
}
resource "aws_emr_cluster" "none" {
  name          = "none"
  release_label = "emr-7.0.0"
  service_role  = "emr"
}
`);
    const found = evaluateRule(rule, graph).filter((v) => v.status !== 'not-applicable');
    expect(found.map((v) => [v.address, v.status]).sort()).toEqual([
      ['aws_emr_cluster.bad', 'fail'],
      ['aws_emr_cluster.good', 'pass'],
      ['aws_emr_cluster.none', 'fail'],
      ['aws_emr_security_configuration.bad', 'fail'],
      ['aws_emr_security_configuration.good', 'pass'],
    ]);
  });
});
