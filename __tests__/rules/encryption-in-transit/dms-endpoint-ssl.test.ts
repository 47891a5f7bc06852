import rule from '../../../checks/rules/encryption-in-transit/dms-endpoint-ssl';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const E = 'aws_dms_endpoint.src';
/** A source endpoint; `ssl_mode` left out is shown as computed by a plan, as the provider does. */
const endpoint = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(E, { endpoint_id: 'src', endpoint_type: 'source', engine_name: 'postgres', ...after }, { unknown: { endpoint_arn: true, id: true, ...('ssl_mode' in after ? {} : { ssl_mode: true }), ...unknown }, refs });

ruleTable(rule, [
  { name: 'dms-endpoint-ssl: ssl_mode "verify-full" passes', plan: plan([endpoint({ ssl_mode: 'verify-full' })]), expect: { [E]: 'pass' } },
  { name: '"require" and "verify-ca" pass', plan: plan([endpoint({ ssl_mode: 'require' }), res('aws_dms_endpoint.ora', { endpoint_id: 'ora', endpoint_type: 'source', engine_name: 'oracle', ssl_mode: 'verify-ca' })]), expect: { [E]: 'pass', 'aws_dms_endpoint.ora': 'pass' } },
  { name: 'ssl_mode "none" fails', plan: plan([endpoint({ ssl_mode: 'none' })]), expect: { [E]: 'fail' }, message: /ssl_mode is "none": DMS moves the postgres database's data and credentials in clear text/ },
  { name: 'ssl_mode unset (computed in a plan) fails: AWS uses none', plan: plan([endpoint({})]), expect: { [E]: 'fail' }, message: /ssl_mode is not set \(AWS uses "none"\)/ },
  {
    name: 'ssl_mode known only after apply is unknown',
    plan: plan([endpoint({}, {}, { ssl_mode: ['var.ssl_mode'] })]),
    expect: { [E]: 'unknown' },
    message: /ssl_mode is known only after apply/,
  },
  {
    name: 'ssl_mode "none" with an engine known only after apply is unknown: it may be one reached over HTTPS',
    plan: plan([res(E, { endpoint_id: 'src', endpoint_type: 'source', ssl_mode: 'none' }, { unknown: { engine_name: true }, refs: { engine_name: ['var.engine'] } })]),
    expect: { [E]: 'unknown' },
    message: /engine_name is known only after apply/,
  },
  {
    name: 'engines reached over HTTPS (S3, DynamoDB, Kinesis) or always over SSL (Redshift) are not judged on ssl_mode',
    plan: plan(
      ['s3', 'dynamodb', 'kinesis', 'redshift'].map((engine) => res(`aws_dms_endpoint.${engine}`, { endpoint_id: engine, endpoint_type: 'target', engine_name: engine, ssl_mode: 'none' })),
    ),
    expect: { 'aws_dms_endpoint.s3': 'pass', 'aws_dms_endpoint.dynamodb': 'pass', 'aws_dms_endpoint.kinesis': 'pass', 'aws_dms_endpoint.redshift': 'pass' },
  },
  {
    name: 'Kafka and Redis targets, which set TLS in their own settings blocks, are not judged here',
    plan: plan(['kafka', 'redis'].map((engine) => res(`aws_dms_endpoint.${engine}`, { endpoint_id: engine, endpoint_type: 'target', engine_name: engine, ssl_mode: 'none' }))),
    expect: { 'aws_dms_endpoint.kafka': 'not-applicable', 'aws_dms_endpoint.redis': 'not-applicable' },
  },
  {
    name: 'an aws_dms_s3_endpoint, a data source and other DMS types are not applicable',
    plan: plan([
      res('aws_dms_s3_endpoint.out', { endpoint_id: 'out', endpoint_type: 'target', bucket_name: 'b', ssl_mode: 'none' }),
      res('data.aws_dms_endpoint.x', { endpoint_id: 'x', ssl_mode: 'none', engine_name: 'mysql' }, { actions: ['read'] }),
      res('aws_dms_replication_instance.r', { replication_instance_id: 'r' }),
    ]),
    expect: { 'aws_dms_s3_endpoint.out': 'not-applicable', 'data.aws_dms_endpoint.x': 'not-applicable', 'aws_dms_replication_instance.r': 'not-applicable' },
  },
]);

describe('dms-endpoint-ssl in .tf and cdk.tf.json', () => {
  const tf = (mode: string) => `resource "aws_dms_endpoint" "src" {
  endpoint_id   = "src"
  endpoint_type = "source"
  engine_name   = "mysql"
  ${mode}
}
`;
  it.each([
    ['ssl_mode = "verify-full"', 'pass'],
    ['ssl_mode = "none"', 'fail'],
    ['', 'fail'],
    ['ssl_mode = var.mode', 'unknown'],
  ])('.tf %p is %s', async (mode, verdict) => {
    const graph = await tfGraph(`variable "mode" {\n  type = string\n}\n${tf(mode)}`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [E]: verdict });
  });

  it.each([
    [{ ssl_mode: 'require' }, 'pass'],
    [{ ssl_mode: 'none' }, 'fail'],
    [{}, 'fail'],
  ])('cdk.tf.json %p is %s', (mode, verdict) => {
    const graph = cdktfGraph({ aws_dms_endpoint: { src: { endpoint_id: 'src', endpoint_type: 'source', engine_name: 'mysql', ...mode } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [E]: verdict });
  });
});
