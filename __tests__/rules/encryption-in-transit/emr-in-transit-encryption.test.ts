import rule from '../../../checks/rules/encryption-in-transit/emr-in-transit-encryption';
import { tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';

const S = 'aws_emr_security_configuration.s';
const C = 'aws_emr_cluster.c';
const encryption = (config: Record<string, unknown>) => JSON.stringify({ EncryptionConfiguration: config });
const TLS = { TLSCertificateConfiguration: { CertificateProviderType: 'PEM', S3Object: 's3://certs/emr.zip' } };
const configuration = (json: string, address = S) => res(address, { name: address.split('.').pop(), configuration: json }, { unknown: { id: true } });
const cluster = (address: string, security: string | null) =>
  res(address, { name: 'c', release_label: 'emr-7.0.0', service_role: 'arn:aws:iam::111111111111:role/emr', security_configuration: security }, { unknown: { id: true } });

ruleTable(rule, [
  { name: 'EnableInTransitEncryption true passes', plan: plan([configuration(encryption({ EnableInTransitEncryption: true, EnableAtRestEncryption: false, InTransitEncryptionConfiguration: TLS }))]), expect: { [S]: 'pass' } },
  // Sweep h2 emr-secconf; AWS Config emr-security-configuration-encryption-transit, Trivy aws-emr-enable-in-transit-encryption.
  { name: 'EnableInTransitEncryption false fails', plan: plan([configuration(encryption({ EnableInTransitEncryption: false, EnableAtRestEncryption: false }))]), expect: { [S]: 'fail' }, message: /EnableInTransitEncryption` is false/ },
  { name: 'EnableInTransitEncryption left out fails', plan: plan([configuration(encryption({ EnableAtRestEncryption: true }))]), expect: { [S]: 'fail' }, message: /is not set/ },
  { name: 'a configuration known only after apply is unknown', plan: plan([res(S, { name: 's' }, { unknown: { id: true, configuration: true }, refs: { configuration: ['var.emr'] } })]), expect: { [S]: 'unknown' } },
  {
    name: 'a cluster without a security configuration fails; one with a configuration of the input is judged by it; one outside the input is unknown',
    plan: plan([
      configuration(encryption({ EnableInTransitEncryption: true, InTransitEncryptionConfiguration: TLS }), 'aws_emr_security_configuration.tls'),
      cluster(C, null),
      cluster('aws_emr_cluster.tls', 'tls'),
      cluster('aws_emr_cluster.elsewhere', 'existing'),
    ]),
    expect: { 'aws_emr_security_configuration.tls': 'pass', [C]: 'fail', 'aws_emr_cluster.tls': 'pass', 'aws_emr_cluster.elsewhere': 'unknown' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_sns_topic.t', { name: 't' })]), expect: { 'aws_sns_topic.t': 'not-applicable' } },
]);

describe('emr-in-transit-encryption in .tf', () => {
  it('reads the configuration written as a heredoc', async () => {
    const graph = await tfGraph(`resource "aws_emr_security_configuration" "e" {
  name          = "e"
  configuration = <<EOF
{
  "EncryptionConfiguration": {
    "EnableInTransitEncryption": false,
    "EnableAtRestEncryption": false
  }
}
EOF
}
`);
    expect(evaluateRule(rule, graph).map((v) => [v.address, v.status])).toEqual([['aws_emr_security_configuration.e', 'fail']]);
  });
});
