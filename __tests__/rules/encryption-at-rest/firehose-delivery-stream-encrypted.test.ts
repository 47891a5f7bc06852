import rule from '../../../checks/rules/encryption-at-rest/firehose-delivery-stream-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const F = 'aws_kinesis_firehose_delivery_stream.events';
const s3 = { extended_s3_configuration: [{ bucket_arn: 'arn:aws:s3:::events', role_arn: 'arn:aws:iam::111111111111:role/firehose' }] };
const stream = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(F, { name: 'events', destination: 'extended_s3', ...s3, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });
const kinesisSource = { kinesis_source_configuration: [{ kinesis_stream_arn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/in', role_arn: 'arn:aws:iam::111111111111:role/read' }] };

const A = 'awscc_kinesisfirehose_delivery_stream.events';
/** An awscc Direct PUT stream; Cloud Control computes what the configuration leaves unset. */
const awscc = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(A, { delivery_stream_name: 'events', s3_destination_configuration: { bucket_arn: 'arn:aws:s3:::events', role_arn: 'arn:aws:iam::111111111111:role/firehose' }, ...after }, {
    unknown: { arn: true, id: true, ...('delivery_stream_encryption_configuration_input' in after ? {} : { delivery_stream_encryption_configuration_input: true }), ...unknown },
    refs,
  });

ruleTable(rule, [
  {
    name: 'firehose-delivery-stream-encrypted: SSE with the AWS-owned key passes',
    plan: plan([stream({ server_side_encryption: [{ enabled: true, key_type: 'AWS_OWNED_CMK' }] })]),
    expect: { [F]: 'pass' },
  },
  {
    name: 'SSE with a customer-managed key passes',
    plan: plan([stream({ server_side_encryption: [{ enabled: true, key_type: 'CUSTOMER_MANAGED_CMK', key_arn: 'arn:aws:kms:eu-west-1:111111111111:key/k' }] })]),
    expect: { [F]: 'pass' },
  },
  {
    name: 'enabled = false fails',
    plan: plan([stream({ server_side_encryption: [{ enabled: false }] })]),
    expect: { [F]: 'fail' },
    message: /`server_side_encryption\.enabled` is false/,
  },
  {
    name: 'no server_side_encryption block fails: SSE is off by default',
    plan: plan([stream({ server_side_encryption: [] })]),
    expect: { [F]: 'fail' },
    message: /default applies: false, no server-side encryption/,
  },
  { name: 'a block without enabled fails (its default is false)', plan: plan([stream({ server_side_encryption: [{ key_type: 'AWS_OWNED_CMK' }] })]), expect: { [F]: 'fail' } },
  {
    name: 'a Kinesis data stream source is not applicable: the data stays in that stream',
    plan: plan([stream({ ...kinesisSource })]),
    expect: { [F]: 'not-applicable' },
  },
  {
    // StartDeliveryStreamEncryption: "You can only enable SSE for a Firehose stream that uses DirectPut as its source."
    name: 'an MSK cluster source is not applicable: Firehose encrypts only Direct PUT streams, the data stays in the cluster',
    plan: plan([stream({ msk_source_configuration: [{ msk_cluster_arn: 'arn:aws:kafka:eu-west-1:111111111111:cluster/in/1', topic_name: 't', authentication_configuration: [{ connectivity: 'PRIVATE', role_arn: 'arn:aws:iam::111111111111:role/read' }] }] })]),
    expect: { [F]: 'not-applicable' },
  },
  {
    name: 'enabled known only after apply is unknown',
    plan: plan([
      res(F, { name: 'events', destination: 'extended_s3', ...s3, server_side_encryption: [{}] }, {
        unknown: { arn: true, id: true, server_side_encryption: [{ enabled: true }] },
        expressions: { name: { constant_value: 'events' }, server_side_encryption: [{ enabled: { references: ['var.sse'] } }] },
      }),
    ]),
    expect: { [F]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'SSE off with a source known only after apply is unknown',
    plan: plan([stream({}, { kinesis_source_configuration: true })]),
    expect: { [F]: 'unknown' },
    message: /unless the source is a Kinesis data stream or an MSK cluster/,
  },
  {
    name: 'a data source and other types are not applicable',
    plan: plan([res('data.aws_kinesis_firehose_delivery_stream.x', { name: 'x' }, { actions: ['read'] }), res('aws_kinesis_stream.in', { name: 'in', encryption_type: 'KMS' })]),
    expect: { 'data.aws_kinesis_firehose_delivery_stream.x': 'not-applicable', 'aws_kinesis_stream.in': 'not-applicable' },
  },
  {
    name: 'an awscc stream with delivery_stream_encryption_configuration_input passes, AWS-owned or customer-managed',
    plan: plan([
      awscc({ delivery_stream_encryption_configuration_input: { key_type: 'AWS_OWNED_CMK' } }),
      res('awscc_kinesisfirehose_delivery_stream.cmk', { delivery_stream_name: 'cmk', delivery_stream_encryption_configuration_input: { key_type: 'CUSTOMER_MANAGED_CMK', key_arn: 'arn:aws:kms:eu-west-1:111111111111:key/k' } }),
    ]),
    expect: { [A]: 'pass', 'awscc_kinesisfirehose_delivery_stream.cmk': 'pass' },
  },
  {
    name: 'an awscc stream without it (computed by Cloud Control) fails: SSE is off by default',
    plan: plan([awscc({})]),
    expect: { [A]: 'fail' },
    message: /`delivery_stream_encryption_configuration_input` is not set.*Set `delivery_stream_encryption_configuration_input = /,
  },
  {
    name: 'an awscc stream whose key_type is known only after apply is unknown',
    plan: plan([awscc({ delivery_stream_encryption_configuration_input: {} }, { delivery_stream_encryption_configuration_input: { key_type: true } }, { delivery_stream_encryption_configuration_input: ['var.key_type'] })]),
    expect: { [A]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'an awscc stream that reads a Kinesis data stream or an MSK cluster is not applicable; one whose type is known only after apply is unknown',
    plan: plan([
      awscc({ delivery_stream_type: 'KinesisStreamAsSource' }),
      res('awscc_kinesisfirehose_delivery_stream.msk', { delivery_stream_name: 'msk', delivery_stream_type: 'MSKAsSource' }, { unknown: { delivery_stream_encryption_configuration_input: true } }),
      res('awscc_kinesisfirehose_delivery_stream.later', { delivery_stream_name: 'later' }, { unknown: { delivery_stream_type: true, delivery_stream_encryption_configuration_input: true }, refs: { delivery_stream_type: ['var.type'] } }),
    ]),
    expect: { [A]: 'not-applicable', 'awscc_kinesisfirehose_delivery_stream.msk': 'not-applicable', 'awscc_kinesisfirehose_delivery_stream.later': 'unknown' },
    message: /delivery_stream_type is known only after apply/,
  },
]);

describe('firehose-delivery-stream-encrypted on awscc_kinesisfirehose_delivery_stream in .tf and cdk.tf.json', () => {
  it.each([
    ['delivery_stream_encryption_configuration_input = { key_type = "AWS_OWNED_CMK" }', 'pass'],
    ['', 'fail'],
    ['delivery_stream_type = "KinesisStreamAsSource"', undefined],
  ])('.tf %p is %s', async (setting, verdict) => {
    const graph = await tfGraph(`resource "awscc_kinesisfirehose_delivery_stream" "events" {\n  delivery_stream_name = "events"\n  ${setting}\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))[A]).toEqual(verdict ?? 'not-applicable');
  });

  it('cdk.tf.json: a Direct PUT stream without encryption fails, with it passes', () => {
    const graph = cdktfGraph({
      awscc_kinesisfirehose_delivery_stream: {
        events: { delivery_stream_name: 'events', delivery_stream_type: 'DirectPut' },
        sealed: { delivery_stream_name: 'sealed', delivery_stream_encryption_configuration_input: { key_type: 'AWS_OWNED_CMK' } },
      },
    });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: 'fail', 'awscc_kinesisfirehose_delivery_stream.sealed': 'pass' });
  });
});
