/**
 * Glue JDBC connections require SSL: `connection_properties.JDBC_ENFORCE_SSL = "true"`. Without it
 * Glue connects to the database however the driver and the server agree, which may be clear text,
 * and does not match the server certificate's host name; AWS's default is "false" (Glue API,
 * Connection). A connection's `connection_type` defaults to JDBC in the provider. A Kafka connection
 * does not turn SSL off: `KAFKA_SSL_ENABLED` is "true" unless set (same page), and "false" has Glue
 * read and write the brokers in clear text. Other types (MongoDB, Network, the newer per-engine
 * types) keep their TLS settings elsewhere and are not judged here.
 *
 * `connection_properties` holds the database password and the provider marks it sensitive: no
 * message ever prints one of its values.
 */
import type { Resource } from '../../model/types';
import { defineRule, notApplicable } from '../types';
import { awsDoc } from '../support/references';
import { managedOnly, setting } from '../support/verdict';
import { failed, outcomesOf, type Problem, undecided } from '../support/findings';

const FIX = 'Set `JDBC_ENFORCE_SSL = "true"` in `connection_properties` (and, for a server certificate of your own CA, `CUSTOM_JDBC_CERT`).';
const KAFKA_FIX = 'Remove `KAFKA_SSL_ENABLED` from `connection_properties` or set it to "true" (and, for brokers with a certificate of your own CA, `KAFKA_CUSTOM_CERT`).';

/** What each judged connection type requires: the property, its AWS default, and what a connection without it does. */
interface SslProperty {
  readonly key: string;
  readonly absentPasses: boolean;
  readonly risk: string;
  readonly fix: string;
}

const SSL_PROPERTIES: Readonly<Record<string, SslProperty>> = {
  JDBC: { key: 'JDBC_ENFORCE_SSL', absentPasses: false, risk: "Glue may reach the database without TLS and does not check its certificate's host name", fix: FIX },
  KAFKA: { key: 'KAFKA_SSL_ENABLED', absentPasses: true, risk: 'Glue reads and writes the Kafka brokers, and authenticates to them, in clear text', fix: KAFKA_FIX },
};

function problems(connection: Resource, { key, absentPasses, risk, fix }: SslProperty): Problem[] {
  const properties = setting(connection, 'connection_properties');
  const map = properties.map();
  if (map.kind === 'unknown') return [undecided(`connection_properties is known only after apply, so the gate cannot see ${key}. ${fix}`, properties)];
  const view = properties.get(key);
  const value = view.string();
  if (value.kind === 'unknown') return [undecided(`${key} is known only after apply. ${fix}`, view)];
  if (value.kind === 'absent' ? absentPasses : value.value.trim().toLowerCase() === 'true') return [];
  // The value is not printed: the provider marks every connection property sensitive.
  const what = value.kind === 'absent' ? 'is not set (AWS default: "false")' : value.value.trim().toLowerCase() === 'false' ? 'is "false"' : 'is not "true"';
  return [failed(`${key} ${what}: ${risk}. ${fix}`, value.kind === 'absent' ? properties : view)];
}

export default defineRule({
  id: 'glue-connection-ssl',
  title: 'Glue JDBC and Kafka connections require SSL',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale:
    'A Glue JDBC connection that does not enforce SSL may send the database credentials and the data its jobs and crawlers read in clear text, or to a server whose certificate does not match its name; a Kafka connection with SSL turned off reads and writes its brokers in clear text.',
  remediation: `${FIX} Kafka connections: ${KAFKA_FIX}`,
  references: [
    awsDoc('AWS Glue API: Connection (JDBC_ENFORCE_SSL, default false; KAFKA_SSL_ENABLED, default true)', 'https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog-connections-connections.html'),
    awsDoc('AWS Glue SSL connection properties', 'https://docs.aws.amazon.com/glue/latest/dg/connection-properties.html#connection-properties-SSL'),
  ],
  appliesTo: ['aws_glue_connection'],
  evaluate: managedOnly((connection) => {
    const typeView = setting(connection, 'connection_type');
    const type = typeView.string();
    if (type.kind === 'unknown') return outcomesOf([undecided(`connection_type is known only after apply; a JDBC connection must set JDBC_ENFORCE_SSL, and a Kafka one may not turn KAFKA_SSL_ENABLED off. ${FIX}`, typeView)]);
    const name = type.kind === 'known' ? type.value.toUpperCase() : 'JDBC';
    return Object.hasOwn(SSL_PROPERTIES, name) ? outcomesOf(problems(connection, SSL_PROPERTIES[name])) : notApplicable();
  }),
});
