import rule from '../../../checks/rules/encryption-at-rest/firehose-delivery-stream-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const F = 'aws_kinesis_firehose_delivery_stream.events';
const s3 = { extended_s3_configuration: [{ bucket_arn: 'arn:aws:s3:::events', role_arn: 'arn:aws:iam::111111111111:role/firehose' }] };
const stream = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(F, { name: 'events', destination: 'extended_s3', ...s3, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });
const kinesisSource = { kinesis_source_configuration: [{ kinesis_stream_arn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/in', role_arn: 'arn:aws:iam::111111111111:role/read' }] };

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
    message: /unless the source is a Kinesis data stream/,
  },
  {
    name: 'a data source and other types are not applicable',
    plan: plan([res('data.aws_kinesis_firehose_delivery_stream.x', { name: 'x' }, { actions: ['read'] }), res('aws_kinesis_stream.in', { name: 'in', encryption_type: 'KMS' })]),
    expect: { 'data.aws_kinesis_firehose_delivery_stream.x': 'not-applicable', 'aws_kinesis_stream.in': 'not-applicable' },
  },
]);
