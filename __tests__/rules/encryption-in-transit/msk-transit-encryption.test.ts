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
  { name: 'other resource types are not applicable', plan: plan([res('aws_msk_configuration.c', { name: 'c' })]), expect: { 'aws_msk_configuration.c': 'not-applicable' } },
]);
