/**
 * Redshift Serverless workgroups refuse connections without TLS: `config_parameter` with
 * `parameter_key = "require_ssl"` is "true" (`config_parameters` on awscc). A workgroup that
 * leaves require_ssl out gets AWS's default, and AWS's pages disagree on it: the Management Guide's
 * "Connecting to Amazon Redshift Serverless" says workgroups accept connections with or without
 * SSL by default, while AWS's announcement of Redshift's 2025 default changes names serverless
 * workgroups without stating their new require_ssl (the same guide's sentence for provisioned
 * clusters is stale: their default has been true since 2025-01-10). Neither the provider nor the
 * API reference states it: `unknown`, never a pass.
 */
import type { Resource } from '../../model/types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { configSets, failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { managedOnly } from '../support/verdict';
import { defineRule } from '../types';

/** Where each workgroup type lists its parameters (awscc: CloudFormation's ConfigParameters, a list of objects), and how to fix it there. */
const PARAMETERS: Readonly<Record<string, { readonly attribute: string; readonly fix: string }>> = {
  aws_redshiftserverless_workgroup: { attribute: 'config_parameter', fix: 'Add `config_parameter { parameter_key = "require_ssl" parameter_value = "true" }`.' },
  awscc_redshiftserverless_workgroup: { attribute: 'config_parameters', fix: 'Add `{ parameter_key = "require_ssl", parameter_value = "true" }` to `config_parameters`.' },
};

function problems(workgroup: Resource): Problem[] {
  const { attribute, fix } = PARAMETERS[workgroup.type];
  const view = workgroup.attr(attribute);
  const parameters = view.blocks();
  // Unset, a plan shows the parameters the workgroup will get as unknown: judged as not set below.
  if (parameters.kind === 'unknown' && configSets(workgroup, attribute) !== false)
    return [undecided(`${attribute} is known only after apply, so the gate cannot vouch for require_ssl. ${fix}`, view)];
  const blocks = parameters.kind === 'known' ? parameters.value : [];
  const found: Problem[] = [];
  let seen = false;
  for (const parameter of blocks) {
    const key = parameter.get('parameter_key').string();
    if (key.kind === 'unknown') {
      found.push(undecided(`a ${attribute} key is known only after apply; it may set require_ssl. ${fix}`, parameter));
      continue;
    }
    if (key.kind !== 'known' || key.value !== 'require_ssl') continue;
    seen = true;
    const valueView = parameter.get('parameter_value');
    const value = valueView.string();
    if (value.kind === 'unknown') found.push(undecided(`require_ssl is known only after apply. ${fix}`, valueView));
    else if (value.kind !== 'known' || value.value.toLowerCase() !== 'true')
      found.push(failed(`require_ssl is ${value.kind === 'known' ? shown(valueView, value.value) : 'empty'}: clients may connect without TLS. ${fix}`, valueView));
  }
  if (seen || found.length > 0) return found;
  return [undecided(`require_ssl is not set, so the workgroup gets AWS's default, which AWS's own pages state differently (a workgroup accepting connections without SSL, or the 2025 secure defaults): the gate cannot vouch for it. ${fix}`, view)];
}

export default defineRule({
  id: 'redshift-serverless-require-ssl',
  title: 'Redshift Serverless workgroups require TLS for client connections',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A workgroup whose `require_ssl` is false accepts unencrypted client connections: query results, credentials and loaded data then cross the network in clear text.',
  remediation: `${PARAMETERS.aws_redshiftserverless_workgroup.fix} For an awscc_redshiftserverless_workgroup: ${PARAMETERS.awscc_redshiftserverless_workgroup.fix}`,
  references: [
    securityHub('RedshiftServerless.2', 'Connections to Redshift Serverless workgroups should be required to use SSL'),
    configRule('redshift-serverless-workgroup-encrypted-in-transit'),
    awsDoc('AWS::RedshiftServerless::Workgroup ConfigParameter', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-redshiftserverless-workgroup-configparameter.html'),
    awsDoc('Connecting to Amazon Redshift Serverless', 'https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-connecting.html'),
  ],
  appliesTo: Object.keys(PARAMETERS),
  evaluate: managedOnly((workgroup) => outcomesOf(problems(workgroup))),
});
