/**
 * DocumentDB cluster parameter groups keep TLS on: a group that sets the `tls` parameter to
 * "disabled" lets every cluster that uses it accept unencrypted connections. The parameter's
 * default, and every other value ("enabled", "tls1.2+", "tls1.3+", "fips-140-3"), requires TLS.
 */
import type { Resource } from '../../model/types';
import { awsDoc } from '../support/references';
import { failed, outcomesOf, type Problem, undecided } from '../support/findings';
import { parameterOf } from '../support/parameters';
import { managedOnly } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Remove the `tls` parameter (its default is "enabled") or set it to "enabled", "tls1.2+" or "tls1.3+"; clusters pick it up after a reboot.';

function problems(group: Resource): Problem[] {
  const parameter = parameterOf(group, 'tls');
  if (parameter.kind === 'undecidable') return [undecided(`${parameter.why}, so the gate cannot vouch that TLS stays on. ${FIX}`, parameter.view)];
  if (parameter.kind === 'unset') return [];
  return parameter.values.flatMap((view): Problem[] => {
    const value = view.string();
    if (value.kind === 'unknown') return [undecided(`the \`tls\` parameter is known only after apply. ${FIX}`, view)];
    return value.kind === 'known' && value.value.toLowerCase() === 'disabled'
      ? [failed(`the \`tls\` parameter is "disabled": clusters using this group accept unencrypted connections. ${FIX}`, view)]
      : [];
  });
}

export default defineRule({
  id: 'docdb-tls-enabled',
  title: 'DocumentDB parameter groups keep TLS on',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'DocumentDB requires TLS unless a cluster parameter group sets `tls` to "disabled"; then credentials, queries and documents cross the network in clear text for every cluster that uses the group.',
  remediation: FIX,
  references: [
    awsDoc('Amazon DocumentDB: encrypting data in transit', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html'),
    awsDoc('Amazon DocumentDB: cluster parameters reference (tls)', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/cluster_parameter_groups-list_of_parameters.html'),
  ],
  appliesTo: ['aws_docdb_cluster_parameter_group'],
  evaluate: managedOnly((group) => outcomesOf(problems(group))),
});
