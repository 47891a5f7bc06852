/**
 * Redshift Serverless workgroups refuse connections without TLS: `config_parameter` with
 * `parameter_key = "require_ssl"` is "true". A workgroup that leaves require_ssl out gets AWS's
 * default, which neither the provider nor the Redshift Serverless API reference states: `unknown`,
 * as a provisioned cluster left to its Region's default parameter group is.
 */
import type { Resource } from '../../model/types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { configSets, failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { managedOnly } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Add `config_parameter { parameter_key = "require_ssl" parameter_value = "true" }`.';

function problems(workgroup: Resource): Problem[] {
  const view = workgroup.attr('config_parameter');
  const parameters = view.blocks();
  // Unset, a plan shows the parameters the workgroup will get as unknown: judged as not set below.
  if (parameters.kind === 'unknown' && configSets(workgroup, 'config_parameter') !== false)
    return [undecided(`config_parameter is known only after apply, so the gate cannot vouch for require_ssl. ${FIX}`, view)];
  const blocks = parameters.kind === 'known' ? parameters.value : [];
  const found: Problem[] = [];
  let seen = false;
  for (const parameter of blocks) {
    const key = parameter.get('parameter_key').string();
    if (key.kind === 'unknown') {
      found.push(undecided(`a config_parameter key is known only after apply; it may set require_ssl. ${FIX}`, parameter));
      continue;
    }
    if (key.kind !== 'known' || key.value !== 'require_ssl') continue;
    seen = true;
    const valueView = parameter.get('parameter_value');
    const value = valueView.string();
    if (value.kind === 'unknown') found.push(undecided(`require_ssl is known only after apply. ${FIX}`, valueView));
    else if (value.kind !== 'known' || value.value.toLowerCase() !== 'true')
      found.push(failed(`require_ssl is ${value.kind === 'known' ? shown(valueView, value.value) : 'empty'}: clients may connect without TLS. ${FIX}`, valueView));
  }
  if (seen || found.length > 0) return found;
  return [undecided(`require_ssl is not set, so the workgroup gets AWS's default, which the gate cannot see. ${FIX}`, view)];
}

export default defineRule({
  id: 'redshift-serverless-require-ssl',
  title: 'Redshift Serverless workgroups require TLS for client connections',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A workgroup whose `require_ssl` is false accepts unencrypted client connections: query results, credentials and loaded data then cross the network in clear text.',
  remediation: FIX,
  references: [
    securityHub('RedshiftServerless.2', 'Connections to Redshift Serverless workgroups should be required to use SSL'),
    configRule('redshift-serverless-workgroup-encrypted-in-transit'),
    awsDoc('Connecting to Amazon Redshift Serverless', 'https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-connecting.html'),
  ],
  appliesTo: ['aws_redshiftserverless_workgroup'],
  evaluate: managedOnly((workgroup) => outcomesOf(problems(workgroup))),
});
