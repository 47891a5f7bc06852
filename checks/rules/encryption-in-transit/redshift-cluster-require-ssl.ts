/**
 * Redshift clusters refuse connections without TLS: the parameter group the cluster names
 * (`cluster_parameter_group_name`, an `aws_redshift_parameter_group` of the input) sets
 * `require_ssl` to true.
 *
 * Since January 10, 2025 `require_ssl` defaults to true in the redshift-2.0 family, and a cluster
 * created or restored without a parameter group gets `default.redshift-2.0`, which cannot be
 * modified (Amazon Redshift Management Guide, "Amazon Redshift parameter groups"). So that group, a
 * cluster this apply creates without one, and a group of that family this apply creates without
 * `require_ssl` (the provider sends only the parameters the code writes) require TLS. The
 * redshift-1.0 family, `default.redshift-1.0` included, keeps false. An existing cluster or group the
 * input does not show stays `unknown`: AWS says the new defaults apply to what is created.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { awsDoc, configRule, securityHub } from '../support/references';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { parameterGroupOf, parameterOf } from '../support/parameters';
import { managedOnly } from '../support/verdict';
import { defineRule } from '../types';

const GROUP_TYPE = 'aws_redshift_parameter_group';
/** The family whose `require_ssl` defaults to true, and its AWS default group, which nobody can modify. */
const SSL_FAMILY = 'redshift-2.0';
const SSL_DEFAULT_GROUP = `default.${SSL_FAMILY}`;
const FIX = `Name an ${GROUP_TYPE} with \`parameter { name = "require_ssl" value = "true" }\` in \`cluster_parameter_group_name\`.`;

/** What a group that does not write `require_ssl` starts from: its family's default, known for a group this apply creates. */
function unsetProblems(group: Resource): Problem[] {
  const view = group.attr('family');
  const family = view.string();
  if (family.kind !== 'known') return [undecided(`${group.address} does not set require_ssl, and its family, whose default it takes, is known only after apply. ${FIX}`, view)];
  if (family.value.toLowerCase() !== SSL_FAMILY) {
    return [failed(`${group.address} does not set require_ssl, whose default in family ${shown(view, family.value)} is false: clients may connect without TLS. ${FIX}`, group.attr('parameter'))];
  }
  if (group.actions.includes('create')) return [];
  return [
    undecided(
      `${group.address} does not set require_ssl and already exists: family ${SSL_FAMILY} defaults it to true since January 10, 2025, but the gate cannot tell what this group was created with. ${FIX}`,
      group.attr('parameter'),
    ),
  ];
}

/** What a parameter group says of `require_ssl`. */
function groupProblems(group: Resource): Problem[] {
  const parameter = parameterOf(group, 'require_ssl');
  if (parameter.kind === 'undecidable') return [undecided(`${parameter.why}, so the gate cannot vouch for require_ssl. ${FIX}`, parameter.view)];
  if (parameter.kind === 'unset') return unsetProblems(group);
  return parameter.values.flatMap((view): Problem[] => {
    const value = view.string();
    if (value.kind === 'unknown') return [undecided(`require_ssl of ${group.address} is known only after apply. ${FIX}`, view)];
    if (value.kind === 'known' && value.value.toLowerCase() === 'true') return [];
    const what = value.kind === 'known' ? shown(view, value.value) : 'nothing';
    return [failed(`${group.address} sets require_ssl to ${what}: clients may connect without TLS. ${FIX}`, view)];
  });
}

/** An AWS default group, named outright: its values are the family's defaults, and nobody can change them. */
function defaultGroupProblems(name: string, view: ValueView): Problem[] {
  if (name === SSL_DEFAULT_GROUP) return [];
  if (name === 'default.redshift-1.0') return [failed(`the AWS default parameter group "${name}" cannot be modified, and its require_ssl is false: clients may connect without TLS. ${FIX}`, view)];
  return [undecided(`the parameter group "${name}" is not managed in this input, so the gate cannot see its require_ssl. ${FIX}`, view)];
}

function problems(graph: Graph, cluster: Resource): Problem[] {
  const lookup = parameterGroupOf(graph, cluster, 'cluster_parameter_group_name', GROUP_TYPE, 'cluster');
  switch (lookup.kind) {
    case 'groups':
      return lookup.groups.flatMap(groupProblems);
    case 'named':
      return defaultGroupProblems(lookup.name, lookup.view);
    case 'undecidable':
      return [undecided(`${lookup.why}. ${FIX}`, lookup.view)];
    default:
      // AWS gives a cluster it creates or restores without a group default.redshift-2.0; the provider sends no name when none is written.
      if (cluster.actions.includes('create')) return [];
      return [
        undecided(
          `cluster_parameter_group_name is not set and the cluster already exists: AWS gives ${SSL_DEFAULT_GROUP} (require_ssl true) only to clusters created since January 10, 2025, and the input does not show which group this one has. ${FIX}`,
          lookup.view,
        ),
      ];
  }
}

export default defineRule({
  id: 'redshift-cluster-require-ssl',
  title: 'Redshift clusters require TLS for client connections',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A Redshift cluster whose parameter group leaves `require_ssl` false accepts unencrypted client connections: query results, credentials and loaded data then cross the network in clear text. Since January 10, 2025 the redshift-2.0 family, and `default.redshift-2.0` that AWS gives a new cluster without a group, default it to true; the redshift-1.0 family, and a group or cluster older than that, may not.',
  remediation: FIX,
  references: [
    securityHub('Redshift.2', 'Connections to Amazon Redshift clusters should be encrypted in transit'),
    configRule('redshift-require-tls-ssl'),
    awsDoc('Configuring security options for connections (Amazon Redshift)', 'https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html'),
    awsDoc('Amazon Redshift parameter groups', 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-parameter-groups.html'),
    awsDoc('Amazon Redshift enhances security by changing default behavior in 2025 (AWS News Blog)', 'https://aws.amazon.com/blogs/aws/amazon-redshift-enhances-security-by-changing-default-behavior-in-2025/'),
  ],
  appliesTo: ['aws_redshift_cluster'],
  evaluate: managedOnly((cluster, { graph }) => outcomesOf(problems(graph, cluster))),
});
