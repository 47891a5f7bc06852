/**
 * DocumentDB cluster parameter groups keep TLS on: a group that sets the `tls` parameter to
 * "disabled" lets every cluster that uses it accept unencrypted connections. The parameter's
 * default, and every other value ("enabled", "tls1.2+", "tls1.3+", "fips-140-3"), requires TLS.
 *
 * A cluster is judged through its group: one of the input carries the finding itself, an AWS
 * `default.*` group (or none named) keeps TLS on, and a group managed elsewhere is `unknown`, as
 * rds-require-tls and redshift-cluster-require-ssl judge a group they cannot see.
 */
import type { Graph, Resource } from '../../model/types';
import { awsDoc } from '../support/references';
import { failed, outcomesOf, type Problem, undecided } from '../support/findings';
import { parameterGroupOf, parameterOf } from '../support/parameters';
import { managedOnly } from '../support/verdict';
import { defineRule } from '../types';

const GROUP_TYPE = 'aws_docdb_cluster_parameter_group';
const FIX = 'Remove the `tls` parameter (its default is "enabled") or set it to "enabled", "tls1.2+" or "tls1.3+"; clusters pick it up after a reboot.';
const CLUSTER_FIX = `Manage the group in the same input (an ${GROUP_TYPE} named in \`db_cluster_parameter_group_name\`) so the gate can read its \`tls\` parameter, or check that it keeps TLS on and waive this finding with a reason.`;

/** A cluster's parameter group: the group's own finding judges a group of the input. */
function clusterProblems(graph: Graph, cluster: Resource): Problem[] {
  const lookup = parameterGroupOf(graph, cluster, 'db_cluster_parameter_group_name', GROUP_TYPE, 'cluster');
  switch (lookup.kind) {
    case 'named':
      if (lookup.name.startsWith('default.')) return [];
      return [undecided(`the parameter group "${lookup.name}" is not managed in this input, so the gate cannot see whether its \`tls\` parameter is "disabled". ${CLUSTER_FIX}`, lookup.view)];
    case 'undecidable':
      return [undecided(`${lookup.why}. ${CLUSTER_FIX}`, lookup.view)];
    default:
      return [];
  }
}

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
  appliesTo: [GROUP_TYPE, 'aws_docdb_cluster'],
  evaluate: managedOnly((resource, { graph }) => outcomesOf(resource.type === GROUP_TYPE ? problems(resource) : clusterProblems(graph, resource))),
});
