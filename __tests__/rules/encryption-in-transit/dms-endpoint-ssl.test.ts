import rule from '../../../checks/rules/encryption-in-transit/dms-endpoint-ssl';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const E = 'aws_dms_endpoint.src';
/** A source endpoint; `ssl_mode` left out is shown as computed by a plan, as the provider does. */
const endpoint = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(E, { endpoint_id: 'src', endpoint_type: 'source', engine_name: 'postgres', ...after }, { unknown: { endpoint_arn: true, id: true, ...('ssl_mode' in after ? {} : { ssl_mode: true }), ...unknown }, refs });

const KAFKA = (name: string) => `aws_dms_endpoint.kafka_${name}`;
const REDIS = (name: string) => `aws_dms_endpoint.redis_${name}`;
/** A Kafka target whose kafka_settings hold `settings`; `ssl_mode` says nothing for Kafka, so it is "none" unless given. */
const kafka = (name: string, settings: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  res(KAFKA(name), { endpoint_id: name, endpoint_type: 'target', engine_name: 'kafka', ssl_mode: 'none', kafka_settings: [{ broker: 'b-1.example.com:9094', ...settings }], ...extra });
const redis = (name: string, settings: Record<string, unknown>) =>
  res(REDIS(name), { endpoint_id: name, endpoint_type: 'target', engine_name: 'redis', ssl_mode: 'none', redis_settings: [{ auth_type: 'none', port: 6379, server_name: 'cache.example.com', ...settings }] });

const SEARCH = (name: string) => `aws_dms_endpoint.search_${name}`;
/** An OpenSearch (or Elasticsearch) target reached at `uri`; `ssl_mode` says nothing for it. */
const search = (name: string, engine: string, uri: string, extra: Record<string, unknown> = {}) =>
  res(SEARCH(name), {
    endpoint_id: name,
    endpoint_type: 'target',
    engine_name: engine,
    ssl_mode: 'none',
    elasticsearch_settings: [{ endpoint_uri: uri, service_access_role_arn: 'arn:aws:iam::123456789012:role/dms' }],
    ...extra,
  });

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
    name: 'Kafka targets are judged on kafka_settings.security_protocol, not ssl_mode: the three TLS protocols pass',
    plan: plan(['ssl-encryption', 'ssl-authentication', 'sasl-ssl'].map((protocol) => kafka(protocol.replace(/-/g, '_'), { security_protocol: protocol }))),
    expect: { [KAFKA('ssl_encryption')]: 'pass', [KAFKA('ssl_authentication')]: 'pass', [KAFKA('sasl_ssl')]: 'pass' },
  },
  {
    name: 'a Kafka target with security_protocol "plaintext" fails although ssl_mode is "verify-full"',
    plan: plan([kafka('plain', { security_protocol: 'plaintext' }, { ssl_mode: 'verify-full' })]),
    expect: { [KAFKA('plain')]: 'fail' },
    message: /kafka_settings\.security_protocol is "plaintext": DMS sends the migrated data to the Kafka brokers in clear text/,
  },
  {
    name: 'a Kafka target with security_protocol unset, or no kafka_settings block, fails: DMS connects in plaintext',
    plan: plan([kafka('unset', { security_protocol: null }), res(KAFKA('bare'), { endpoint_id: 'bare', endpoint_type: 'target', engine_name: 'kafka', ssl_mode: 'none' })]),
    expect: { [KAFKA('unset')]: 'fail', [KAFKA('bare')]: 'fail' },
    message: /kafka_settings\.security_protocol is not set \(DMS then connects in plaintext\)/,
  },
  {
    name: 'a Kafka security_protocol known only after apply is unknown',
    plan: plan([
      res(
        KAFKA('later'),
        { endpoint_id: 'later', endpoint_type: 'target', engine_name: 'kafka', ssl_mode: 'none', kafka_settings: [{ broker: 'b-1.example.com:9094' }] },
        {
          unknown: { kafka_settings: [{ security_protocol: true }] },
          expressions: {
            endpoint_id: { constant_value: 'later' },
            endpoint_type: { constant_value: 'target' },
            engine_name: { constant_value: 'kafka' },
            kafka_settings: [{ broker: { constant_value: 'b-1.example.com:9094' }, security_protocol: { references: ['var.protocol'] } }],
          },
        },
      ),
    ]),
    expect: { [KAFKA('later')]: 'unknown' },
    message: /kafka_settings\.security_protocol is known only after apply/,
  },
  {
    name: 'a Redis target with ssl_security_protocol "plaintext" fails; "ssl-encryption" (the default) or no redis_settings passes',
    plan: plan([
      redis('plain', { ssl_security_protocol: 'plaintext' }),
      redis('tls', { ssl_security_protocol: 'ssl-encryption' }),
      res(REDIS('bare'), { endpoint_id: 'bare', endpoint_type: 'target', engine_name: 'redis', ssl_mode: 'none' }),
    ]),
    expect: { [REDIS('plain')]: 'fail', [REDIS('tls')]: 'pass', [REDIS('bare')]: 'pass' },
    message: /redis_settings\.ssl_security_protocol is "plaintext": DMS writes the migrated data to Redis in clear text/,
  },
  {
    name: 'an engine known only after apply with a plaintext Kafka block fails, whatever ssl_mode says',
    plan: plan([
      res(
        E,
        { endpoint_id: 'src', endpoint_type: 'target', ssl_mode: 'verify-full', kafka_settings: [{ broker: 'b:9092', security_protocol: 'plaintext' }] },
        { unknown: { engine_name: true }, refs: { engine_name: ['var.engine'] } },
      ),
    ]),
    expect: { [E]: 'fail' },
    message: /kafka_settings\.security_protocol is "plaintext"/,
  },
  {
    name: 'an OpenSearch or Elasticsearch target named by an http:// endpoint_uri fails, whatever ssl_mode says (it passed: DMS follows the scheme)',
    plan: plan([
      search('plain', 'opensearch', 'http://search-logs-abc123.eu-west-1.es.amazonaws.com', { ssl_mode: 'verify-full' }),
      search('upper', 'elasticsearch', ' HTTP://search-logs-abc123.eu-west-1.es.amazonaws.com:80'),
    ]),
    expect: { [SEARCH('plain')]: 'fail', [SEARCH('upper')]: 'fail' },
    message: /elasticsearch_settings\.endpoint_uri starts with "http:\/\/": DMS sends the migrated data to the cluster in clear text/,
  },
  {
    name: 'an OpenSearch target named by an https:// endpoint_uri, or one with no scheme (DMS then uses HTTPS), passes whatever ssl_mode says',
    plan: plan([search('tls', 'opensearch', 'https://search-logs-abc123.eu-west-1.es.amazonaws.com'), search('bare', 'elasticsearch', 'search-logs-abc123.eu-west-1.es.amazonaws.com:443')]),
    expect: { [SEARCH('tls')]: 'pass', [SEARCH('bare')]: 'pass' },
  },
  {
    name: 'an OpenSearch endpoint_uri known only after apply, without its code, is unknown',
    plan: plan([
      res(
        SEARCH('later'),
        { endpoint_id: 'later', endpoint_type: 'target', engine_name: 'opensearch', ssl_mode: 'none', elasticsearch_settings: [{ service_access_role_arn: 'arn:aws:iam::123456789012:role/dms' }] },
        {
          unknown: { elasticsearch_settings: [{ endpoint_uri: true }] },
          expressions: {
            endpoint_id: { constant_value: 'later' },
            endpoint_type: { constant_value: 'target' },
            engine_name: { constant_value: 'opensearch' },
            elasticsearch_settings: [{ endpoint_uri: { references: ['var.uri'] }, service_access_role_arn: { constant_value: 'arn:aws:iam::123456789012:role/dms' } }],
          },
        },
      ),
    ]),
    expect: { [SEARCH('later')]: 'unknown' },
    message: /endpoint_uri is known only after apply, and may start with "http:\/\/"/,
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

  const kafkaTf = (settings: string) => `resource "aws_dms_endpoint" "src" {
  endpoint_id   = "src"
  endpoint_type = "target"
  engine_name   = "kafka"

  kafka_settings {
    broker = "b-1.example.com:9094"
    ${settings}
  }
}
`;
  it.each([
    ['security_protocol = "sasl-ssl"', 'pass'],
    ['security_protocol = "plaintext"', 'fail'],
    ['', 'fail'],
  ])('.tf Kafka target %p is %s', async (settings, verdict) => {
    expect(worstByAddress(evaluateRule(rule, await tfGraph(kafkaTf(settings))))).toEqual({ [E]: verdict });
  });

  const redisTf = (settings: string) => `resource "aws_dms_endpoint" "src" {
  endpoint_id   = "src"
  endpoint_type = "target"
  engine_name   = "redis"

  redis_settings {
    auth_type   = "none"
    port        = 6379
    server_name = "cache.example.com"
    ${settings}
  }
}
`;
  it.each([
    ['ssl_security_protocol = "plaintext"', 'fail'],
    ['', 'pass'],
  ])('.tf Redis target %p is %s', async (settings, verdict) => {
    expect(worstByAddress(evaluateRule(rule, await tfGraph(redisTf(settings))))).toEqual({ [E]: verdict });
  });

  const searchTf = (uri: string) => `resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
}

resource "aws_dms_endpoint" "src" {
  endpoint_id   = "src"
  endpoint_type = "target"
  engine_name   = "opensearch"

  elasticsearch_settings {
    endpoint_uri            = ${uri}
    service_access_role_arn = "arn:aws:iam::123456789012:role/dms"
  }
}

variable "uri" {
  type = string
}
`;
  it.each([
    ['"https://${aws_opensearch_domain.logs.endpoint}"', 'pass'],
    ['aws_opensearch_domain.logs.endpoint', 'pass'],
    ['"${aws_opensearch_domain.logs.endpoint}:443"', 'pass'],
    ['"http://${aws_opensearch_domain.logs.endpoint}"', 'fail'],
    ['"http://search.example.com:9200"', 'fail'],
    ['var.uri', 'unknown'],
    ['aws_opensearch_domain.logs.arn', 'unknown'],
  ])('.tf OpenSearch target at %s is %s', async (uri, verdict) => {
    expect(worstByAddress(evaluateRule(rule, await tfGraph(searchTf(uri))))[E]).toBe(verdict);
  });

  it.each([
    ['https://${aws_opensearch_domain.logs.endpoint}', 'pass'],
    ['http://${aws_opensearch_domain.logs.endpoint}', 'fail'],
  ])('cdk.tf.json OpenSearch target at %p is %s', (uri, verdict) => {
    const graph = cdktfGraph({
      aws_opensearch_domain: { logs: { domain_name: 'logs' } },
      aws_dms_endpoint: { src: { endpoint_id: 'src', endpoint_type: 'target', engine_name: 'opensearch', elasticsearch_settings: { endpoint_uri: uri, service_access_role_arn: 'arn:aws:iam::123456789012:role/dms' } } },
    });
    expect(worstByAddress(evaluateRule(rule, graph))[E]).toBe(verdict);
  });

  it.each([
    [{ kafka_settings: { broker: 'b:9094', security_protocol: 'ssl-encryption' } }, 'pass'],
    [{ kafka_settings: { broker: 'b:9094', security_protocol: 'plaintext' } }, 'fail'],
    [{ kafka_settings: { broker: 'b:9094' } }, 'fail'],
  ])('cdk.tf.json Kafka target %p is %s', (settings, verdict) => {
    const graph = cdktfGraph({ aws_dms_endpoint: { src: { endpoint_id: 'src', endpoint_type: 'target', engine_name: 'kafka', ...settings } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [E]: verdict });
  });
});
