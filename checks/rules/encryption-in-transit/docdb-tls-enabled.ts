/**
 * DocumentDB cluster parameter groups require TLS 1.2 or newer: the `tls` parameter is "tls1.2+",
 * "tls1.3+" or "fips-140-3". "disabled" lets clients connect without TLS, and "enabled", the
 * parameter's default and the value of AWS's default groups, accepts TLS 1.0 through 1.3
 * (DocumentDB API reference, Parameter), so a group that sets it or leaves it unset fails as every
 * other rule here fails an endpoint that accepts TLS 1.0 or 1.1.
 *
 * A cluster is judged through its group: one of the input carries the finding itself, an AWS
 * `default.*` group (or none named) has "enabled" and fails, and a group managed elsewhere is
 * `unknown`, as rds-require-tls and redshift-cluster-require-ssl judge a group they cannot see.
 */
import type { Graph, Resource } from '../../model/types';
import { awsDoc, configRule } from '../support/references';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { parameterGroupOf, parameterOf } from '../support/parameters';
import { managedOnly } from '../support/verdict';
import { defineRule } from '../types';

const GROUP_TYPE = 'aws_docdb_cluster_parameter_group';
/** The values with which a cluster accepts TLS 1.2 or newer only (lower case). */
const MODERN = ['tls1.2+', 'tls1.3+', 'fips-140-3'];
const FIX =
  'Set the `tls` parameter to "tls1.2+" (or "tls1.3+", or "fips-140-3" where offered): DocumentDB 4.0 from engine 2.0.10980 and 5.0 from 3.0.11051 offer them, 3.6 offers only "enabled" and "disabled" and must be upgraded. Clusters pick the change up after a reboot.';
const CLUSTER_FIX = `Manage the group in the same input (an ${GROUP_TYPE} named in \`db_cluster_parameter_group_name\`) so the gate can read its \`tls\` parameter, or check that it requires TLS 1.2 and waive this finding with a reason.`;
const DEFAULT_FIX = `Give the cluster a parameter group of the input (an ${GROUP_TYPE} named in \`db_cluster_parameter_group_name\`) that sets \`tls\` to "tls1.2+"; AWS's default groups cannot be changed. ${FIX}`;

/** A cluster's parameter group: the group's own finding judges a group of the input. */
function clusterProblems(graph: Graph, cluster: Resource): Problem[] {
  const lookup = parameterGroupOf(graph, cluster, 'db_cluster_parameter_group_name', GROUP_TYPE, 'cluster');
  switch (lookup.kind) {
    case 'groups':
      return [];
    case 'named':
      if (lookup.name.startsWith('default.'))
        return [failed(`the AWS default parameter group "${lookup.name}" sets \`tls\` to "enabled", with which the cluster accepts TLS 1.0 and 1.1. ${DEFAULT_FIX}`, lookup.view)];
      return [undecided(`the parameter group "${lookup.name}" is not managed in this input, so the gate cannot see whether its \`tls\` parameter requires TLS 1.2. ${CLUSTER_FIX}`, lookup.view)];
    case 'undecidable':
      return [undecided(`${lookup.why}. ${CLUSTER_FIX}`, lookup.view)];
    default:
      return [failed(`no \`db_cluster_parameter_group_name\` is set, so the cluster uses the AWS default parameter group, whose \`tls\` is "enabled": it accepts TLS 1.0 and 1.1. ${DEFAULT_FIX}`, lookup.view)];
  }
}

function problems(group: Resource): Problem[] {
  const parameter = parameterOf(group, 'tls');
  if (parameter.kind === 'undecidable') return [undecided(`${parameter.why}, so the gate cannot vouch that TLS 1.2 is required. ${FIX}`, parameter.view)];
  if (parameter.kind === 'unset') return [failed(`the \`tls\` parameter is not set: its default, "enabled", accepts TLS 1.0 and 1.1. ${FIX}`, group.attr('parameter'))];
  return parameter.values.flatMap((view): Problem[] => {
    const value = view.string();
    if (value.kind === 'unknown') return [undecided(`the \`tls\` parameter is known only after apply. ${FIX}`, view)];
    const text = value.kind === 'known' ? value.value.toLowerCase() : '';
    if (MODERN.includes(text)) return [];
    const what =
      text === 'disabled'
        ? 'clusters using this group accept unencrypted connections'
        : text === 'enabled'
          ? 'clusters using this group accept TLS 1.0 and 1.1'
          : 'not a value that requires TLS 1.2 or newer';
    return [failed(`the \`tls\` parameter is ${value.kind === 'known' ? shown(view, value.value) : 'empty'}: ${what}. ${FIX}`, view)];
  });
}

export default defineRule({
  id: 'docdb-tls-enabled',
  title: 'DocumentDB parameter groups require TLS 1.2 or newer',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'With `tls = "disabled"` credentials, queries and documents cross the network in clear text; with "enabled", the default, a cluster still accepts TLS 1.0 and 1.1, which are deprecated (RFC 8996) and open to downgrade.',
  remediation: FIX,
  references: [
    configRule('docdb-cluster-encrypted-in-transit'),
    awsDoc('Amazon DocumentDB API reference: Parameter (the values of tls)', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/API_Parameter.html'),
    awsDoc('Amazon DocumentDB: encrypting data in transit', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html'),
    awsDoc('Amazon DocumentDB: cluster parameters reference (tls)', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/cluster_parameter_groups-list_of_parameters.html'),
  ],
  appliesTo: [GROUP_TYPE, 'aws_docdb_cluster'],
  evaluate: managedOnly((resource, { graph }) => outcomesOf(resource.type === GROUP_TYPE ? problems(resource) : clusterProblems(graph, resource))),
});
