/**
 * DMS endpoints reach their databases over SSL: `ssl_mode` is `require`, `verify-ca` or
 * `verify-full` (Security Hub DMS.9). Unset, AWS uses `none`. Engines DMS reaches through an AWS
 * service's HTTPS API (S3, DynamoDB, Kinesis, Neptune) and Redshift, which DMS always reaches over
 * SSL, have nothing to set. Kafka, Redis and OpenSearch (Elasticsearch) targets take TLS from their
 * own settings blocks, not from `ssl_mode`: `kafka_settings.security_protocol` (unset is plaintext),
 * `redis_settings.ssl_security_protocol` (unset is `ssl-encryption`) and the scheme of
 * `elasticsearch_settings.endpoint_uri` (none is HTTPS, `http://` is plain HTTP).
 */
import { afterLeadingToken, tokenTarget } from '../../model/symbolic';
import type { Graph, Resource } from '../../model/types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { knownString } from '../support/s3';
import { managedOnly, setting } from '../support/verdict';
import { defineRule, notApplicable } from '../types';

const ENCRYPTING = new Set(['require', 'verify-ca', 'verify-full']);
/** `engine_name`s DMS reaches through an AWS service's HTTPS API, or always over SSL (Redshift): encrypted whatever `ssl_mode` says. */
const ALWAYS_ENCRYPTED = new Set(['s3', 'dynamodb', 'kinesis', 'neptune', 'redshift', 'redshift-serverless']);
/** `engine_name`s of OpenSearch (Elasticsearch) targets, reached at `elasticsearch_settings.endpoint_uri`. */
const SEARCH_ENGINES = new Set(['elasticsearch', 'opensearch']);
/** The resource attributes that hold a search domain's host name, written with no scheme. */
const DOMAIN_HOSTS: Readonly<Record<string, readonly string[]>> = { aws_opensearch_domain: ['endpoint', 'endpoint_v2'], aws_elasticsearch_domain: ['endpoint'] };
/**
 * `kafka_settings.security_protocol` values that encrypt (DMS API KafkaSettings: `plaintext`,
 * `ssl-encryption`, `ssl-authentication`, `sasl-ssl`; there is no SASL without TLS).
 */
const KAFKA_TLS = new Set(['ssl-encryption', 'ssl-authentication', 'sasl-ssl']);
const FIX = 'Set `ssl_mode = "verify-full"` (or "verify-ca", with `certificate_arn` naming the CA; "require" encrypts without checking the server).';
const KAFKA_FIX =
  'Set `kafka_settings { security_protocol = "ssl-encryption" }` ("ssl-authentication" or "sasl-ssl" also authenticate DMS to the brokers; `ssl_ca_certificate_arn` names a private CA).';
const REDIS_FIX = 'Set `redis_settings { ssl_security_protocol = "ssl-encryption" }`, the default (`ssl_ca_certificate_arn` names a private CA).';
const SEARCH_FIX = 'Write `elasticsearch_settings.endpoint_uri` with `https://`, or with no scheme (DMS then uses HTTPS), and have the domain enforce HTTPS.';

/**
 * A Kafka target: DMS uses TLS only when `security_protocol` asks for it. AWS states no default,
 * and the DMS user guide ("Connecting to Kafka using TLS") offers TLS as three options a user sets,
 * so an unset protocol is judged as the remaining value, `plaintext`.
 */
function kafkaProblems(endpoint: Resource): Problem[] {
  const view = setting(endpoint, 'kafka_settings', 'security_protocol');
  const protocol = view.string();
  if (protocol.kind === 'known' && KAFKA_TLS.has(protocol.value.toLowerCase())) return [];
  if (protocol.kind === 'unknown') return [undecided(`kafka_settings.security_protocol is known only after apply. ${KAFKA_FIX}`, view)];
  const what = protocol.kind === 'known' ? `is ${shown(view, protocol.value)}` : 'is not set (DMS then connects in plaintext)';
  return [failed(`kafka_settings.security_protocol ${what}: DMS sends the migrated data to the Kafka brokers in clear text. ${KAFKA_FIX}`, view)];
}

/** A Redis target: `ssl_security_protocol` is `plaintext` or `ssl-encryption`, the default of AWS and of the provider. */
function redisProblems(endpoint: Resource): Problem[] {
  const view = setting(endpoint, 'redis_settings', 'ssl_security_protocol');
  const protocol = view.string();
  if (protocol.kind === 'absent' || (protocol.kind === 'known' && protocol.value.toLowerCase() === 'ssl-encryption')) return [];
  if (protocol.kind === 'unknown') return [undecided(`redis_settings.ssl_security_protocol is known only after apply. ${REDIS_FIX}`, view)];
  return [failed(`redis_settings.ssl_security_protocol is ${shown(view, protocol.value)}: DMS writes the migrated data to Redis in clear text. ${REDIS_FIX}`, view)];
}

/** Whether a URI read with its code starts with a search domain's host name (its `endpoint`, a token), so has no scheme. */
function startsWithDomainHost(graph: Graph, endpoint: Resource, text: string): boolean {
  const after = afterLeadingToken(text);
  const target = after === undefined ? undefined : tokenTarget(text.slice(0, text.length - after.length));
  const domain = target && graph.byAddress(endpoint.input, target.address);
  return domain !== undefined && domain.mode === 'managed' && Object.hasOwn(DOMAIN_HOSTS, domain.type) && DOMAIN_HOSTS[domain.type].includes(target?.attribute ?? '');
}

/**
 * An OpenSearch or Elasticsearch target: DMS uses HTTPS unless `endpoint_uri` says `http://` (DMS API,
 * ElasticsearchSettings.EndpointUri: "AWS DMS uses HTTPS if a transport protocol (http/https) is not
 * specified"). A URI known only after apply is read from its code: `https://` and a reference, or a
 * domain's `endpoint` (a host name) alone, is HTTPS; any other reference may hold `http://`.
 */
function searchProblems(graph: Graph, endpoint: Resource): Problem[] {
  const view = setting(endpoint, 'elasticsearch_settings', 'endpoint_uri');
  const written = view.string();
  const uri = written.kind === 'unknown' ? graph.codeString(endpoint, view.path) : written;
  // The provider requires the URI of a search target: without it nothing is sent.
  if (uri.kind === 'absent') return [];
  if (uri.kind === 'known') {
    const text = uri.value.trim();
    if (/^http:\/\//i.test(text)) {
      return [failed(`elasticsearch_settings.endpoint_uri starts with "http://": DMS sends the migrated data to the cluster in clear text. ${SEARCH_FIX}`, view)];
    }
    if (afterLeadingToken(text) === undefined || startsWithDomainHost(graph, endpoint, text)) return [];
  }
  return [undecided(`elasticsearch_settings.endpoint_uri is known only after apply, and may start with "http://", which DMS follows in clear text. ${SEARCH_FIX}`, view)];
}

/** Whether the configuration (or the plan) writes the settings block `key`. */
const hasBlock = (endpoint: Resource, key: string): boolean => setting(endpoint, key).block().kind !== 'absent';

function sslModeProblems(endpoint: Resource, engine: string | undefined): Problem[] {
  const modeView = setting(endpoint, 'ssl_mode');
  const mode = modeView.string();
  if (mode.kind === 'known' && ENCRYPTING.has(mode.value.toLowerCase())) return [];
  if (engine !== undefined && ALWAYS_ENCRYPTED.has(engine)) return [];
  if (mode.kind === 'unknown') return [undecided(`ssl_mode is known only after apply. ${FIX}`, modeView)];
  const what = mode.kind === 'known' ? `ssl_mode is ${shown(modeView, mode.value)}` : 'ssl_mode is not set (AWS uses "none")';
  // An engine known only after apply may be one DMS reaches over HTTPS whatever ssl_mode says.
  if (engine === undefined) return [undecided(`${what}, and engine_name is known only after apply: unless the engine is reached over HTTPS (or is Kafka, Redis or OpenSearch, which take TLS from their own settings), DMS connects to it in clear text. ${FIX}`, modeView)];
  return [failed(`${what}: DMS moves the ${engine} database's data and credentials in clear text. ${FIX}`, modeView)];
}

function problems(graph: Graph, endpoint: Resource): Problem[] {
  const engine = knownString(setting(endpoint, 'engine_name'))?.toLowerCase();
  if (engine === 'kafka') return kafkaProblems(endpoint);
  if (engine === 'redis') return redisProblems(endpoint);
  if (engine !== undefined && SEARCH_ENGINES.has(engine)) return searchProblems(graph, endpoint);
  if (engine !== undefined) return sslModeProblems(endpoint, engine);
  // An engine known only after apply: a Kafka, Redis or OpenSearch settings block written beside it is judged too.
  return [
    ...sslModeProblems(endpoint, engine),
    ...(hasBlock(endpoint, 'kafka_settings') ? kafkaProblems(endpoint) : []),
    ...(hasBlock(endpoint, 'redis_settings') ? redisProblems(endpoint) : []),
    ...(hasBlock(endpoint, 'elasticsearch_settings') ? searchProblems(graph, endpoint) : []),
  ];
}

export default defineRule({
  id: 'dms-endpoint-ssl',
  title: 'DMS endpoints connect to their databases over SSL',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'An endpoint whose `ssl_mode` is "none" (the default), a Kafka or Redis target whose security protocol is plaintext, or an OpenSearch target named by an `http://` URI, has the replication instance read or write the whole database, and log in to it, over an unencrypted connection.',
  remediation: `${FIX} Kafka targets: ${KAFKA_FIX} Redis targets: ${REDIS_FIX} OpenSearch targets: ${SEARCH_FIX}`,
  references: [
    securityHub('DMS.9', 'DMS endpoints should use SSL'),
    configRule('dms-endpoint-ssl-configured'),
    awsDoc('Using SSL with AWS Database Migration Service', 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html'),
    awsDoc('Connecting to Kafka using Transport Layer Security (TLS)', 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Kafka.html#CHAP_Target.Kafka.TLS'),
    awsDoc('DMS API: KafkaSettings', 'https://docs.aws.amazon.com/dms/latest/APIReference/API_KafkaSettings.html'),
    awsDoc('DMS API: RedisSettings', 'https://docs.aws.amazon.com/dms/latest/APIReference/API_RedisSettings.html'),
    awsDoc('DMS API: ElasticsearchSettings (EndpointUri)', 'https://docs.aws.amazon.com/dms/latest/APIReference/API_ElasticsearchSettings.html'),
  ],
  appliesTo: ['aws_dms_endpoint', 'aws_dms_s3_endpoint'],
  evaluate: managedOnly((endpoint, { graph }) => {
    // DMS reaches S3 through its HTTPS API whatever ssl_mode says.
    if (endpoint.type === 'aws_dms_s3_endpoint') return notApplicable();
    return outcomesOf(problems(graph, endpoint));
  }),
});
