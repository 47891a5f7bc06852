/**
 * Redshift clusters refuse connections without TLS: the parameter group the cluster names
 * (`cluster_parameter_group_name`, an `aws_redshift_parameter_group` of the input) sets
 * `require_ssl` to true. A cluster left to its Region's default group, or naming a group outside the
 * input, is `unknown`: the gate cannot see what that group says.
 */
import type { Graph, Resource } from '../../model/types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { parameterGroupOf, parameterOf } from '../support/parameters';
import { managedOnly } from '../support/verdict';
import { defineRule } from '../types';

const GROUP_TYPE = 'aws_redshift_parameter_group';
const FIX = `Name an ${GROUP_TYPE} with \`parameter { name = "require_ssl" value = "true" }\` in \`cluster_parameter_group_name\`.`;

/** What a parameter group says of `require_ssl`. */
function groupProblems(group: Resource): Problem[] {
  const parameter = parameterOf(group, 'require_ssl');
  if (parameter.kind === 'undecidable') return [undecided(`${parameter.why}, so the gate cannot vouch for require_ssl. ${FIX}`, parameter.view)];
  if (parameter.kind === 'unset') return [failed(`${group.address} does not set require_ssl, whose default is false: clients may connect without TLS. ${FIX}`, group.attr('parameter'))];
  return parameter.values.flatMap((view): Problem[] => {
    const value = view.string();
    if (value.kind === 'unknown') return [undecided(`require_ssl of ${group.address} is known only after apply. ${FIX}`, view)];
    if (value.kind === 'known' && value.value.toLowerCase() === 'true') return [];
    const what = value.kind === 'known' ? shown(view, value.value) : 'nothing';
    return [failed(`${group.address} sets require_ssl to ${what}: clients may connect without TLS. ${FIX}`, view)];
  });
}

function problems(graph: Graph, cluster: Resource): Problem[] {
  const lookup = parameterGroupOf(graph, cluster, 'cluster_parameter_group_name', GROUP_TYPE, 'cluster');
  switch (lookup.kind) {
    case 'groups':
      return lookup.groups.flatMap(groupProblems);
    case 'named':
      return [undecided(`the parameter group "${lookup.name}" is not managed in this input, so the gate cannot see its require_ssl. ${FIX}`, lookup.view)];
    case 'undecidable':
      return [undecided(`${lookup.why}. ${FIX}`, lookup.view)];
    default:
      return [undecided(`cluster_parameter_group_name is not set, so the cluster gets its Region's default parameter group, whose require_ssl the gate cannot see. ${FIX}`, lookup.view)];
  }
}

export default defineRule({
  id: 'redshift-cluster-require-ssl',
  title: 'Redshift clusters require TLS for client connections',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A Redshift cluster accepts unencrypted client connections unless its parameter group sets `require_ssl`: query results, credentials and loaded data then cross the network in clear text.',
  remediation: FIX,
  references: [
    securityHub('Redshift.2', 'Connections to Amazon Redshift clusters should be encrypted in transit'),
    configRule('redshift-require-tls-ssl'),
    awsDoc('Configuring security options for connections (Amazon Redshift)', 'https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html'),
  ],
  appliesTo: ['aws_redshift_cluster'],
  evaluate: managedOnly((cluster, { graph }) => outcomesOf(problems(graph, cluster))),
});
