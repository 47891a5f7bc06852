/**
 * Glue JDBC connections require SSL: `connection_properties.JDBC_ENFORCE_SSL = "true"`. Without it
 * Glue connects to the database however the driver and the server agree, which may be clear text,
 * and does not match the server certificate's host name; AWS's default is "false" (Glue API,
 * Connection). A connection's `connection_type` defaults to JDBC in the provider; other types
 * (Kafka, MongoDB, Network, the newer per-engine types) keep their TLS settings elsewhere and are
 * not judged here.
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

function problems(connection: Resource): Problem[] {
  const properties = setting(connection, 'connection_properties');
  const map = properties.map();
  if (map.kind === 'unknown') return [undecided(`connection_properties is known only after apply, so the gate cannot see JDBC_ENFORCE_SSL. ${FIX}`, properties)];
  const view = properties.get('JDBC_ENFORCE_SSL');
  const value = view.string();
  if (value.kind === 'unknown') return [undecided(`JDBC_ENFORCE_SSL is known only after apply. ${FIX}`, view)];
  if (value.kind === 'known' && value.value.trim().toLowerCase() === 'true') return [];
  // The value is not printed: the provider marks every connection property sensitive.
  const what = value.kind === 'absent' ? 'is not set (AWS default: "false")' : value.value.trim().toLowerCase() === 'false' ? 'is "false"' : 'is not "true"';
  return [failed(`JDBC_ENFORCE_SSL ${what}: Glue may reach the database without TLS and does not check its certificate's host name. ${FIX}`, value.kind === 'absent' ? properties : view)];
}

export default defineRule({
  id: 'glue-connection-ssl',
  title: 'Glue JDBC connections require SSL',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale:
    'A Glue JDBC connection that does not enforce SSL may send the database credentials and the data its jobs and crawlers read in clear text, or to a server whose certificate does not match its name.',
  remediation: FIX,
  references: [
    awsDoc('AWS Glue API: Connection (JDBC_ENFORCE_SSL, default false)', 'https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog-connections-connections.html'),
    awsDoc('AWS Glue SSL connection properties', 'https://docs.aws.amazon.com/glue/latest/dg/connection-properties.html#connection-properties-SSL'),
  ],
  appliesTo: ['aws_glue_connection'],
  evaluate: managedOnly((connection) => {
    const typeView = setting(connection, 'connection_type');
    const type = typeView.string();
    if (type.kind === 'unknown') return outcomesOf([undecided(`connection_type is known only after apply; a JDBC connection must set JDBC_ENFORCE_SSL. ${FIX}`, typeView)]);
    if (type.kind === 'known' && type.value.toUpperCase() !== 'JDBC') return notApplicable();
    return outcomesOf(problems(connection));
  }),
});
