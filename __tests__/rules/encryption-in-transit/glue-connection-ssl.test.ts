import rule from '../../../checks/rules/encryption-in-transit/glue-connection-ssl';
import { tfGraph } from '../../helpers/code-forms';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const G = 'aws_glue_connection.warehouse';
const PASSWORD = 'S3cr3t-Glue-Pa55word';
const URL = 'jdbc:postgresql://db.example.com:5432/warehouse';
/** The provider marks connection_properties sensitive, as a plan's after_sensitive shows. */
const connection = (properties: Record<string, unknown> | undefined, after: Record<string, unknown> = {}, unknown: Record<string, unknown> = {}, expressions?: Record<string, unknown>) =>
  res(
    G,
    { name: 'warehouse', connection_type: 'JDBC', ...(properties ? { connection_properties: properties } : {}), ...after },
    { unknown: { arn: true, id: true, ...unknown }, sensitive: { connection_properties: true }, ...(expressions ? { expressions } : {}) },
  );
const props = (ssl?: string) => ({ JDBC_CONNECTION_URL: URL, USERNAME: 'etl', PASSWORD, ...(ssl === undefined ? {} : { JDBC_ENFORCE_SSL: ssl }) });

ruleTable(rule, [
  { name: 'glue-connection-ssl: a JDBC connection with JDBC_ENFORCE_SSL "true" passes', plan: plan([connection(props('true'))]), expect: { [G]: 'pass' } },
  { name: 'the sweep reproducer: JDBC_ENFORCE_SSL "false" fails', plan: plan([connection(props('false'))]), expect: { [G]: 'fail' }, message: /^JDBC_ENFORCE_SSL is "false": Glue may reach the database without TLS/ },
  { name: 'JDBC_ENFORCE_SSL left out fails on the AWS default', plan: plan([connection(props())]), expect: { [G]: 'fail' }, message: /JDBC_ENFORCE_SSL is not set \(AWS default: "false"\)/ },
  { name: 'no connection_properties at all fails', plan: plan([connection(undefined)]), expect: { [G]: 'fail' }, message: /JDBC_ENFORCE_SSL is not set/ },
  { name: 'a value other than true or false fails without printing it', plan: plan([connection(props('yes'))]), expect: { [G]: 'fail' }, message: /^JDBC_ENFORCE_SSL is not "true":/ },
  { name: 'connection_type left to its default (JDBC) is judged', plan: plan([res(G, { name: 'warehouse', connection_properties: props('false') })]), expect: { [G]: 'fail' } },
  {
    name: 'other connection types are not applicable',
    plan: plan([res('aws_glue_connection.vpc', { name: 'vpc', connection_type: 'NETWORK' }), res('aws_glue_connection.docs', { name: 'docs', connection_type: 'MONGODB' })]),
    expect: { 'aws_glue_connection.vpc': 'not-applicable', 'aws_glue_connection.docs': 'not-applicable' },
  },
  {
    name: 'a Kafka connection that turns KAFKA_SSL_ENABLED off fails (it passed as not applicable)',
    plan: plan([connection({ KAFKA_BOOTSTRAP_SERVERS: 'b-1.example.com:9092', KAFKA_SSL_ENABLED: 'false' }, { connection_type: 'KAFKA' })]),
    expect: { [G]: 'fail' },
    message: /^KAFKA_SSL_ENABLED is "false": Glue reads and writes the Kafka brokers, and authenticates to them, in clear text/,
  },
  {
    name: 'a Kafka connection with KAFKA_SSL_ENABLED left out (AWS default "true"), or "true", passes; any other value fails',
    plan: plan([
      connection({ KAFKA_BOOTSTRAP_SERVERS: 'b-1.example.com:9094' }, { connection_type: 'KAFKA' }),
      res('aws_glue_connection.tls', { name: 'tls', connection_type: 'kafka', connection_properties: { KAFKA_BOOTSTRAP_SERVERS: 'b-1.example.com:9094', KAFKA_SSL_ENABLED: 'TRUE' } }, { sensitive: { connection_properties: true } }),
      res('aws_glue_connection.odd', { name: 'odd', connection_type: 'KAFKA', connection_properties: { KAFKA_SSL_ENABLED: 'no' } }, { sensitive: { connection_properties: true } }),
    ]),
    expect: { [G]: 'pass', 'aws_glue_connection.tls': 'pass', 'aws_glue_connection.odd': 'fail' },
  },
  {
    name: 'a Kafka connection whose KAFKA_SSL_ENABLED is known only after apply is unknown',
    plan: plan([connection({ KAFKA_BOOTSTRAP_SERVERS: 'b-1.example.com:9094' }, { connection_type: 'KAFKA' }, { connection_properties: { KAFKA_SSL_ENABLED: true } })]),
    expect: { [G]: 'unknown' },
    message: /KAFKA_SSL_ENABLED is known only after apply/,
  },
  {
    name: 'JDBC_ENFORCE_SSL known only after apply is unknown',
    plan: plan([connection({ JDBC_CONNECTION_URL: URL }, {}, { connection_properties: { JDBC_ENFORCE_SSL: true } })]),
    expect: { [G]: 'unknown' },
    message: /JDBC_ENFORCE_SSL is known only after apply/,
  },
  {
    name: 'a password known only after apply does not hide a known JDBC_ENFORCE_SSL',
    plan: plan([connection({ JDBC_CONNECTION_URL: URL, JDBC_ENFORCE_SSL: 'true' }, {}, { connection_properties: { PASSWORD: true } })]),
    expect: { [G]: 'pass' },
  },
  {
    name: 'connection_properties known only after apply is unknown',
    plan: plan([connection(undefined, {}, { connection_properties: true }, { name: { constant_value: 'warehouse' }, connection_properties: { references: ['local.properties'] } })]),
    expect: { [G]: 'unknown' },
    message: /connection_properties is known only after apply/,
  },
  {
    name: 'connection_type known only after apply is unknown',
    plan: plan([connection(props('false'), { connection_type: null }, { connection_type: true }, { name: { constant_value: 'warehouse' }, connection_type: { references: ['var.type'] } })]),
    expect: { [G]: 'unknown' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_glue_catalog_database.d', { name: 'd' })]), expect: {} },
]);

it('no finding prints a connection property: the password and the URL stay out of every message', () => {
  for (const ssl of ['false', 'maybe', undefined]) {
    for (const verdict of evaluateRule(rule, graphOf(plan([connection(props(ssl))])))) {
      expect(verdict.message ?? '').not.toContain(PASSWORD);
      expect(verdict.message ?? '').not.toContain(URL);
      expect(verdict.message ?? '').not.toContain('maybe');
    }
  }
});

it('.tf connections are judged as their plan is', async () => {
  const tf = (ssl: string) => `resource "aws_glue_connection" "warehouse" {
  name = "warehouse"
  connection_properties = {
    JDBC_CONNECTION_URL = "${URL}"
    USERNAME            = "etl"
    PASSWORD            = var.password
    ${ssl}
  }
}

variable "password" {
  type      = string
  sensitive = true
}
`;
  const statuses = async (ssl: string) => worstByAddress(evaluateRule(rule, await tfGraph(tf(ssl))));
  expect(await statuses('JDBC_ENFORCE_SSL = "true"')).toEqual({ [G]: 'pass' });
  expect(await statuses('JDBC_ENFORCE_SSL = "false"')).toEqual({ [G]: 'fail' });
  expect(await statuses('')).toEqual({ [G]: 'fail' });
  const kafka = async (ssl: string) =>
    worstByAddress(
      evaluateRule(
        rule,
        await tfGraph(`resource "aws_glue_connection" "warehouse" {
  name            = "warehouse"
  connection_type = "KAFKA"
  connection_properties = {
    KAFKA_BOOTSTRAP_SERVERS = "b-1.example.com:9092"
    ${ssl}
  }
}
`),
      ),
    );
  expect(await kafka('KAFKA_SSL_ENABLED = "false"')).toEqual({ [G]: 'fail' });
  expect(await kafka('')).toEqual({ [G]: 'pass' });
});
