/**
 * DMS endpoints reach their databases over SSL: `ssl_mode` is `require`, `verify-ca` or
 * `verify-full` (Security Hub DMS.9). Unset, AWS uses `none`. Engines DMS reaches through an AWS
 * service's HTTPS API (S3, DynamoDB, Kinesis, Neptune, OpenSearch) and Redshift, which DMS always
 * reaches over SSL, have nothing to set. Kafka and Redis targets take TLS from their own settings
 * blocks, not from `ssl_mode`: `kafka_settings.security_protocol` (unset is plaintext) and
 * `redis_settings.ssl_security_protocol` (unset is `ssl-encryption`).
 */
import type { Resource } from '../../model/types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { knownString } from '../support/s3';
import { managedOnly, setting } from '../support/verdict';
import { defineRule, notApplicable } from '../types';

const ENCRYPTING = new Set(['require', 'verify-ca', 'verify-full']);
/** `engine_name`s DMS reaches through an AWS service's HTTPS API, or always over SSL (Redshift): encrypted whatever `ssl_mode` says. */
const ALWAYS_ENCRYPTED = new Set(['s3', 'dynamodb', 'kinesis', 'neptune', 'elasticsearch', 'opensearch', 'redshift', 'redshift-serverless']);
/**
 * `kafka_settings.security_protocol` values that encrypt (DMS API KafkaSettings: `plaintext`,
 * `ssl-encryption`, `ssl-authentication`, `sasl-ssl`; there is no SASL without TLS).
 */
const KAFKA_TLS = new Set(['ssl-encryption', 'ssl-authentication', 'sasl-ssl']);
const FIX = 'Set `ssl_mode = "verify-full"` (or "verify-ca", with `certificate_arn` naming the CA; "require" encrypts without checking the server).';
const KAFKA_FIX =
  'Set `kafka_settings { security_protocol = "ssl-encryption" }` ("ssl-authentication" or "sasl-ssl" also authenticate DMS to the brokers; `ssl_ca_certificate_arn` names a private CA).';
const REDIS_FIX = 'Set `redis_settings { ssl_security_protocol = "ssl-encryption" }`, the default (`ssl_ca_certificate_arn` names a private CA).';

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
  if (engine === undefined) return [undecided(`${what}, and engine_name is known only after apply: unless the engine is reached over HTTPS (or is Kafka or Redis, which take TLS from their own settings), DMS connects to it in clear text. ${FIX}`, modeView)];
  return [failed(`${what}: DMS moves the ${engine} database's data and credentials in clear text. ${FIX}`, modeView)];
}

function problems(endpoint: Resource): Problem[] {
  const engine = knownString(setting(endpoint, 'engine_name'))?.toLowerCase();
  if (engine === 'kafka') return kafkaProblems(endpoint);
  if (engine === 'redis') return redisProblems(endpoint);
  if (engine !== undefined) return sslModeProblems(endpoint, engine);
  // An engine known only after apply: a Kafka or Redis settings block written beside it is judged too.
  return [
    ...sslModeProblems(endpoint, engine),
    ...(hasBlock(endpoint, 'kafka_settings') ? kafkaProblems(endpoint) : []),
    ...(hasBlock(endpoint, 'redis_settings') ? redisProblems(endpoint) : []),
  ];
}

export default defineRule({
  id: 'dms-endpoint-ssl',
  title: 'DMS endpoints connect to their databases over SSL',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'An endpoint whose `ssl_mode` is "none" (the default), or a Kafka or Redis target whose security protocol is plaintext, has the replication instance read or write the whole database, and log in to it, over an unencrypted connection.',
  remediation: `${FIX} Kafka targets: ${KAFKA_FIX} Redis targets: ${REDIS_FIX}`,
  references: [
    securityHub('DMS.9', 'DMS endpoints should use SSL'),
    configRule('dms-endpoint-ssl-configured'),
    awsDoc('Using SSL with AWS Database Migration Service', 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html'),
    awsDoc('Connecting to Kafka using Transport Layer Security (TLS)', 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Kafka.html#CHAP_Target.Kafka.TLS'),
    awsDoc('DMS API: KafkaSettings', 'https://docs.aws.amazon.com/dms/latest/APIReference/API_KafkaSettings.html'),
    awsDoc('DMS API: RedisSettings', 'https://docs.aws.amazon.com/dms/latest/APIReference/API_RedisSettings.html'),
  ],
  appliesTo: ['aws_dms_endpoint', 'aws_dms_s3_endpoint'],
  evaluate: managedOnly((endpoint) => {
    // DMS reaches S3 through its HTTPS API whatever ssl_mode says.
    if (endpoint.type === 'aws_dms_s3_endpoint') return notApplicable();
    return outcomesOf(problems(endpoint));
  }),
});
