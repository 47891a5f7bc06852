import rule from '../../../checks/rules/encryption-at-rest/mq-broker-cmk';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { kmsKey } from './fixtures';

const B = 'aws_mq_broker.b';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
/** An ActiveMQ broker; `encryption_options` as given (none: the plan shows it computed, as the provider does). */
const broker = (options: Record<string, unknown> | undefined, extra: { unknown?: Record<string, unknown>; refs?: Record<string, string[]>; engine?: string } = {}) =>
  res(B, { broker_name: 'b', engine_type: extra.engine ?? 'ActiveMQ', engine_version: '5.18', host_instance_type: 'mq.m5.large', ...(options ? { encryption_options: [options] } : {}) }, {
    unknown: { arn: true, id: true, ...(options ? {} : { encryption_options: true }), ...extra.unknown },
    refs: extra.refs,
  });

ruleTable(rule, [
  {
    name: 'mq-broker-cmk: a key of the plan passes',
    plan: plan([kmsKey('aws_kms_key.k'), broker({ use_aws_owned_key: false }, { unknown: { encryption_options: [{ kms_key_id: true }] }, refs: { encryption_options: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } })]),
    expect: { [B]: 'pass' },
  },
  { name: 'a customer-managed key by ARN passes', plan: plan([broker({ use_aws_owned_key: false, kms_key_id: KEY_ARN })]), expect: { [B]: 'pass' } },
  { name: 'no encryption_options (an AWS owned key) fails', plan: plan([broker(undefined)]), expect: { [B]: 'fail' }, message: /not set \(default true\).*AWS owned key/ },
  { name: 'use_aws_owned_key = true fails', plan: plan([broker({ use_aws_owned_key: true })]), expect: { [B]: 'fail' }, message: /`use_aws_owned_key` is true/ },
  { name: 'use_aws_owned_key = false without a key (aws/mq) fails', plan: plan([broker({ use_aws_owned_key: false })]), expect: { [B]: 'fail' }, message: /aws\/mq/ },
  { name: 'the AWS-managed alias fails', plan: plan([broker({ use_aws_owned_key: false, kms_key_id: 'alias/aws/mq' })]), expect: { [B]: 'fail' }, message: /not a customer-managed key/ },
  {
    name: 'a key known only after apply that the graph cannot follow is unknown',
    plan: plan([broker({ use_aws_owned_key: false }, { unknown: { encryption_options: [{ kms_key_id: true }] }, refs: { encryption_options: ['var.key'] } })]),
    expect: { [B]: 'unknown' },
  },
  {
    name: 'use_aws_owned_key known only after apply is unknown',
    plan: plan([broker({}, { unknown: { encryption_options: [{ use_aws_owned_key: true }] }, refs: { encryption_options: ['var.owned'] } })]),
    expect: { [B]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'an engine known only after apply makes a fail unknown: it may be RabbitMQ',
    plan: plan([res(B, { broker_name: 'b' }, { unknown: { engine_type: true, encryption_options: true }, refs: { engine_type: ['var.engine'] } })]),
    expect: { [B]: 'unknown' },
    message: /engine_type is known only after apply/,
  },
  {
    name: 'a RabbitMQ broker, a data source and other MQ types are not applicable',
    plan: plan([
      res('aws_mq_broker.rabbit', { broker_name: 'rabbit', engine_type: 'RabbitMQ' }, { unknown: { encryption_options: true } }),
      res('data.aws_mq_broker.x', { broker_name: 'x', engine_type: 'ActiveMQ' }, { actions: ['read'] }),
      res('aws_mq_configuration.c', { name: 'c', engine_type: 'ActiveMQ' }),
    ]),
    expect: { 'aws_mq_broker.rabbit': 'not-applicable', 'data.aws_mq_broker.x': 'not-applicable', 'aws_mq_configuration.c': 'not-applicable' },
  },
]);

describe('mq-broker-cmk in .tf and cdk.tf.json', () => {
  const tf = (options: string) => `resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_mq_broker" "b" {
  broker_name        = "b"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"
  ${options}
}
`;
  it.each([
    ['encryption_options {\n    use_aws_owned_key = false\n    kms_key_id        = aws_kms_key.k.arn\n  }', 'pass'],
    ['encryption_options {\n    use_aws_owned_key = false\n  }', 'fail'],
    ['', 'fail'],
  ])('.tf %p is %s', async (options, verdict) => {
    expect(worstByAddress(evaluateRule(rule, await tfGraph(tf(options))))).toEqual({ [B]: verdict });
  });

  it.each([
    [{ encryption_options: { use_aws_owned_key: false, kms_key_id: '${aws_kms_key.k.arn}' } }, 'pass'],
    [{ encryption_options: { use_aws_owned_key: true } }, 'fail'],
    [{}, 'fail'],
  ])('cdk.tf.json %p is %s', (options, verdict) => {
    const graph = cdktfGraph({ aws_kms_key: { k: { enable_key_rotation: true } }, aws_mq_broker: { b: { broker_name: 'b', engine_type: 'ActiveMQ', ...options } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [B]: verdict });
  });
});
