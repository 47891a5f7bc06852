/**
 * DMS endpoints reach their databases over SSL: `ssl_mode` is `require`, `verify-ca` or
 * `verify-full` (Security Hub DMS.9). Unset, AWS uses `none`. Engines DMS reaches through an AWS
 * service's HTTPS API (S3, DynamoDB, Kinesis, Neptune, OpenSearch) and Redshift, which DMS always
 * reaches over SSL, have nothing to set; Kafka and Redis targets set TLS in their own settings
 * blocks, which this rule does not read.
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
/** `engine_name`s that set TLS in their own block (`kafka_settings.security_protocol`, `redis_settings.ssl_security_protocol`), not judged here. */
const OWN_TLS_SETTINGS = new Set(['kafka', 'redis']);
const FIX = 'Set `ssl_mode = "verify-full"` (or "verify-ca", with `certificate_arn` naming the CA; "require" encrypts without checking the server).';

function problems(endpoint: Resource, engine: string | undefined): Problem[] {
  const modeView = setting(endpoint, 'ssl_mode');
  const mode = modeView.string();
  if (mode.kind === 'known' && ENCRYPTING.has(mode.value.toLowerCase())) return [];
  if (engine !== undefined && ALWAYS_ENCRYPTED.has(engine)) return [];
  if (mode.kind === 'unknown') return [undecided(`ssl_mode is known only after apply. ${FIX}`, modeView)];
  const what = mode.kind === 'known' ? `ssl_mode is ${shown(modeView, mode.value)}` : 'ssl_mode is not set (AWS uses "none")';
  // An engine known only after apply may be one DMS reaches over HTTPS whatever ssl_mode says.
  if (engine === undefined) return [undecided(`${what}, and engine_name is known only after apply: unless the engine is reached over HTTPS, DMS connects to it in clear text. ${FIX}`, modeView)];
  return [failed(`${what}: DMS moves the ${engine} database's data and credentials in clear text. ${FIX}`, modeView)];
}

export default defineRule({
  id: 'dms-endpoint-ssl',
  title: 'DMS endpoints connect to their databases over SSL',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'An endpoint whose `ssl_mode` is "none" (the default) has the replication instance read or write the whole database, and log in to it, over an unencrypted connection.',
  remediation: FIX,
  references: [
    securityHub('DMS.9', 'DMS endpoints should use SSL'),
    configRule('dms-endpoint-ssl-configured'),
    awsDoc('Using SSL with AWS Database Migration Service', 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html'),
  ],
  appliesTo: ['aws_dms_endpoint', 'aws_dms_s3_endpoint'],
  evaluate: managedOnly((endpoint) => {
    // DMS reaches S3 through its HTTPS API whatever ssl_mode says.
    if (endpoint.type === 'aws_dms_s3_endpoint') return notApplicable();
    const engine = knownString(setting(endpoint, 'engine_name'))?.toLowerCase();
    return engine !== undefined && OWN_TLS_SETTINGS.has(engine) ? notApplicable() : outcomesOf(problems(endpoint, engine));
  }),
});
