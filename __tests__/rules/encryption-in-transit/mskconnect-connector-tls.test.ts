import rule from '../../../checks/rules/encryption-in-transit/mskconnect-connector-tls';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const C = 'aws_mskconnect_connector.sink';
const CC = 'awscc_kafkaconnect_connector.sink';
const BASE = { name: 'sink', kafkaconnect_version: '2.7.1', service_execution_role_arn: 'arn:aws:iam::111122223333:role/connect' };
const connector = (transit: Record<string, unknown> | undefined, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(C, { ...BASE, ...(transit ? { kafka_cluster_encryption_in_transit: [transit] } : {}) }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'mskconnect-connector-tls: encryption_type "TLS" passes', plan: plan([connector({ encryption_type: 'TLS' })]), expect: { [C]: 'pass' } },
  {
    name: '"PLAINTEXT" (also what a plan shows for an empty block) fails',
    plan: plan([connector({ encryption_type: 'PLAINTEXT' })]),
    expect: { [C]: 'fail' },
    message: /`kafka_cluster_encryption_in_transit\.encryption_type` is "PLAINTEXT", not "TLS"\. Set `kafka_cluster_encryption_in_transit \{ encryption_type = "TLS" \}`/,
  },
  {
    name: 'an empty block or none (cdk.tf.json, .tf) fails: the default is PLAINTEXT',
    plan: plan([connector({}), res('aws_mskconnect_connector.bare', BASE)]),
    expect: { [C]: 'fail', 'aws_mskconnect_connector.bare': 'fail' },
    message: /is not set, so the default applies: "PLAINTEXT", unencrypted connections to the brokers/,
  },
  {
    name: 'an encryption_type known only after apply is unknown',
    plan: plan([
      res(C, { ...BASE, kafka_cluster_encryption_in_transit: [{}] }, {
        unknown: { kafka_cluster_encryption_in_transit: [{ encryption_type: true }] },
        expressions: { name: { constant_value: 'sink' }, kafka_cluster_encryption_in_transit: [{ encryption_type: { references: ['var.encryption'] } }] },
      }),
    ]),
    expect: { [C]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: "an awscc_kafkaconnect_connector with PLAINTEXT fails, with the fix in awscc's form; with TLS passes",
    plan: plan([
      res(CC, { connector_name: 'sink', kafka_cluster_encryption_in_transit: { encryption_type: 'PLAINTEXT' } }),
      res('awscc_kafkaconnect_connector.tls', { connector_name: 'tls', kafka_cluster_encryption_in_transit: { encryption_type: 'TLS' } }),
    ]),
    expect: { [CC]: 'fail', 'awscc_kafkaconnect_connector.tls': 'pass' },
    message: /kafka_cluster_encryption_in_transit = \{ encryption_type = "TLS" \}/,
  },
  {
    name: 'a data source, an MSK cluster and a custom plugin are not applicable',
    plan: plan([
      res('data.aws_mskconnect_connector.existing', { name: 'x' }, { actions: ['read'] }),
      res('aws_mskconnect_custom_plugin.p', { name: 'p', content_type: 'JAR' }),
      res('aws_msk_cluster.c', { cluster_name: 'c' }),
    ]),
    expect: { 'data.aws_mskconnect_connector.existing': 'not-applicable', 'aws_mskconnect_custom_plugin.p': 'not-applicable', 'aws_msk_cluster.c': 'not-applicable' },
  },
]);

describe('mskconnect-connector-tls in .tf and cdk.tf.json gives the plan\'s verdicts', () => {
  it.each([
    ['kafka_cluster_encryption_in_transit {}', 'fail'],
    ['kafka_cluster_encryption_in_transit { encryption_type = "PLAINTEXT" }', 'fail'],
    ['kafka_cluster_encryption_in_transit { encryption_type = "TLS" }', 'pass'],
    ['kafka_cluster_encryption_in_transit { encryption_type = var.encryption }', 'unknown'],
  ])('.tf %p is %s', async (block, verdict) => {
    const graph = await tfGraph(`variable "encryption" { type = string }\nresource "aws_mskconnect_connector" "sink" {\n  name                 = "sink"\n  kafkaconnect_version = "2.7.1"\n  ${block}\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [C]: verdict });
  });

  it('cdk.tf.json: an awscc_kafkaconnect_connector with PLAINTEXT fails', () => {
    const graph = cdktfGraph({ awscc_kafkaconnect_connector: { sink: { connector_name: 'sink', kafka_cluster_encryption_in_transit: { encryption_type: 'PLAINTEXT' } } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [CC]: 'fail' });
  });
});
