import rule from '../../../checks/rules/encryption-in-transit/msk-transit-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const C = 'aws_msk_cluster.events';
const cluster = (transit: Record<string, unknown> | undefined, unknown: Record<string, unknown> = {}) =>
  res(
    C,
    { cluster_name: 'events', kafka_version: '3.6.0', number_of_broker_nodes: 3, encryption_info: [{ ...(transit ? { encryption_in_transit: [transit] } : {}) }] },
    { unknown: { arn: true, id: true, encryption_info: [{ encryption_at_rest_kms_key_arn: true }], ...unknown } },
  );

const CC = 'awscc_msk_cluster.events';
/** An awscc cluster: `encryption_info` and `encryption_in_transit` are objects; `written` gives expressions that are not constants. */
const awsccCluster = (transit: Record<string, unknown> | undefined, unknown: Record<string, unknown> = {}, written?: { encryption_info: { encryption_in_transit: Record<string, string[]> } }) => {
  const info = { encryption_at_rest: { data_volume_kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }, ...(transit ? { encryption_in_transit: transit } : {}) };
  const after = { cluster_name: 'events', kafka_version: '3.6.0', number_of_broker_nodes: 3, encryption_info: info };
  const expressions = written
    ? { ...Object.fromEntries(Object.entries(after).map(([k, v]) => [k, { constant_value: v }])), encryption_info: { references: Object.values(written.encryption_info.encryption_in_transit).flat() } }
    : undefined;
  return res(CC, after, { unknown: { arn: true, id: true, cluster_arn: true, ...unknown }, ...(expressions ? { expressions } : {}) });
};

ruleTable(rule, [
  { name: 'TLS from clients and between brokers passes', plan: plan([cluster({ client_broker: 'TLS', in_cluster: true })]), expect: { [C]: 'pass' } },
  { name: 'encryption_in_transit left out (defaults TLS, in_cluster) passes', plan: plan([cluster(undefined)]), expect: { [C]: 'pass' } },
  { name: 'TLS_PLAINTEXT fails', plan: plan([cluster({ client_broker: 'TLS_PLAINTEXT', in_cluster: true })]), expect: { [C]: 'fail' }, message: /client_broker is "TLS_PLAINTEXT"/ },
  { name: 'PLAINTEXT fails', plan: plan([cluster({ client_broker: 'PLAINTEXT', in_cluster: true })]), expect: { [C]: 'fail' } },
  { name: 'in_cluster false fails', plan: plan([cluster({ client_broker: 'TLS', in_cluster: false })]), expect: { [C]: 'fail' }, message: /in_cluster is false/ },
  {
    name: 'client_broker known only after apply is unknown',
    plan: plan([cluster({ client_broker: null, in_cluster: true }, { encryption_info: [{ encryption_in_transit: [{ client_broker: true }] }] })]),
    expect: { [C]: 'unknown' },
  },
  { name: "an awscc cluster with client_broker PLAINTEXT and in_cluster false fails, with the fix in awscc's form", plan: plan([awsccCluster({ client_broker: 'PLAINTEXT', in_cluster: false })]), expect: { [CC]: 'fail' }, message: /(client_broker is "PLAINTEXT"|in_cluster is false).*encryption_info = \{ encryption_in_transit = / },
  { name: 'an awscc cluster with TLS_PLAINTEXT fails', plan: plan([awsccCluster({ client_broker: 'TLS_PLAINTEXT' })]), expect: { [CC]: 'fail' }, message: /client_broker is "TLS_PLAINTEXT"/ },
  { name: 'an awscc cluster with TLS from clients and between brokers passes', plan: plan([awsccCluster({ client_broker: 'TLS', in_cluster: true })]), expect: { [CC]: 'pass' } },
  {
    name: 'an awscc cluster that leaves encryption_in_transit out passes (CloudFormation defaults: TLS, in_cluster true), though awscc plans it as known only after apply',
    plan: plan([awsccCluster(undefined, { encryption_info: { encryption_in_transit: true } })]),
    expect: { [CC]: 'pass' },
  },
  {
    name: 'an awscc cluster whose client_broker is written but known only after apply is unknown',
    plan: plan([awsccCluster({ in_cluster: true }, { encryption_info: { encryption_in_transit: { client_broker: true } } }, { encryption_info: { encryption_in_transit: { client_broker: ['var.mode'] } } })]),
    expect: { [CC]: 'unknown' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_msk_configuration.c', { name: 'c' })]), expect: { 'aws_msk_configuration.c': 'not-applicable' } },
]);
