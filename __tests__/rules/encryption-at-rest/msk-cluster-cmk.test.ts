import rule from '../../../checks/rules/encryption-at-rest/msk-cluster-cmk';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { kmsKey } from './fixtures';

const M = 'aws_msk_cluster.m';
const CC = 'awscc_msk_cluster.m';

ruleTable(rule, [
  {
    name: 'a key of the plan passes',
    plan: plan([
      kmsKey('aws_kms_key.k'),
      res(M, { cluster_name: 'm', encryption_info: [{ encryption_in_transit: [{ client_broker: 'TLS' }] }] }, {
        unknown: { encryption_info: [{ encryption_at_rest_kms_key_arn: true }] },
        expressions: { cluster_name: { constant_value: 'm' }, encryption_info: [{ encryption_at_rest_kms_key_arn: { references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } }] },
      }),
    ]),
    expect: { [M]: 'pass' },
  },
  { name: 'no encryption_info (aws/kafka) fails', plan: plan([res(M, { cluster_name: 'm' })]), expect: { [M]: 'fail' }, message: /aws\/kafka/ },
  { name: 'the AWS-managed key fails', plan: plan([res(M, { cluster_name: 'm', encryption_info: [{ encryption_at_rest_kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/kafka' }] })]), expect: { [M]: 'fail' } },
  {
    name: 'a key the configuration does not set, computed in a plan, is the AWS-managed default: fail',
    plan: plan([res(M, { cluster_name: 'm', encryption_info: [{ encryption_in_transit: [{ client_broker: 'TLS' }] }] }, { unknown: { encryption_info: [{ encryption_at_rest_kms_key_arn: true }] } })]),
    expect: { [M]: 'fail' },
  },
  {
    name: 'a key known only after apply that the graph cannot follow is unknown',
    plan: plan([
      res(M, { cluster_name: 'm', encryption_info: [{}] }, {
        unknown: { encryption_info: [{ encryption_at_rest_kms_key_arn: true }] },
        expressions: { cluster_name: { constant_value: 'm' }, encryption_info: [{ encryption_at_rest_kms_key_arn: { references: ['var.key'] } }] },
      }),
    ]),
    expect: { [M]: 'unknown' },
  },
  {
    name: 'an awscc cluster with a key of the plan (encryption_at_rest.data_volume_kms_key_id) passes',
    plan: plan([
      kmsKey('aws_kms_key.k'),
      res(CC, { cluster_name: 'm', encryption_info: { encryption_at_rest: {} } }, {
        unknown: { encryption_info: { encryption_at_rest: { data_volume_kms_key_id: true } } },
        expressions: { cluster_name: { constant_value: 'm' }, encryption_info: { references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } },
      }),
    ]),
    expect: { [CC]: 'pass' },
  },
  {
    name: 'an awscc cluster without encryption_info fails (aws/kafka), naming the attribute path',
    plan: plan([res(CC, { cluster_name: 'm' })]),
    expect: { [CC]: 'fail' },
    message: /`encryption_info.encryption_at_rest.data_volume_kms_key_id` is not set, so the default applies: the AWS-managed key aws\/kafka/,
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_msk_configuration.c', { name: 'c' })]), expect: { 'aws_msk_configuration.c': 'not-applicable' } },
]);
