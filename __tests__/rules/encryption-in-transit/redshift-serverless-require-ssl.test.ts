import rule from '../../../checks/rules/encryption-in-transit/redshift-serverless-require-ssl';
import { plan, res } from '../../helpers/plan-builder';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const W = 'aws_redshiftserverless_workgroup.wg';
const param = (key: string, value: string) => ({ parameter_key: key, parameter_value: value });
const workgroup = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}) =>
  res(W, { workgroup_name: 'wg', namespace_name: 'ns', ...after }, { unknown: { arn: true, id: true, workgroup_id: true, ...unknown } });

ruleTable(rule, [
  {
    name: 'redshift-serverless-require-ssl: require_ssl "true" passes',
    plan: plan([workgroup({ config_parameter: [param('search_path', '$user'), param('require_ssl', 'true')] })]),
    expect: { [W]: 'pass' },
  },
  {
    name: 'require_ssl "false" fails',
    plan: plan([workgroup({ config_parameter: [param('require_ssl', 'false')] })]),
    expect: { [W]: 'fail' },
    message: /require_ssl is "false": clients may connect without TLS/,
  },
  {
    name: 'require_ssl left out is unknown: AWS decides, and the gate cannot see its default',
    plan: plan([workgroup({ config_parameter: [param('search_path', '$user')] })]),
    expect: { [W]: 'unknown' },
    message: /require_ssl is not set/,
  },
  { name: 'no config_parameter, computed in a plan, is unknown as not set', plan: plan([workgroup({}, { config_parameter: true })]), expect: { [W]: 'unknown' }, message: /require_ssl is not set/ },
  {
    name: 'a require_ssl value known only after apply is unknown',
    plan: plan([workgroup({ config_parameter: [{ parameter_key: 'require_ssl' }] }, { config_parameter: [{ parameter_value: true }] })]),
    expect: { [W]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'an awscc workgroup reads config_parameters: require_ssl "true" passes, "false" fails, left out is unknown',
    plan: plan([
      res('awscc_redshiftserverless_workgroup.on', { workgroup_name: 'on', config_parameters: [param('require_ssl', 'true')] }),
      res('awscc_redshiftserverless_workgroup.off', { workgroup_name: 'off', config_parameters: [param('require_ssl', 'false')] }),
      res('awscc_redshiftserverless_workgroup.unset', { workgroup_name: 'unset' }, { unknown: { config_parameters: true } }),
    ]),
    expect: { 'awscc_redshiftserverless_workgroup.on': 'pass', 'awscc_redshiftserverless_workgroup.off': 'fail', 'awscc_redshiftserverless_workgroup.unset': 'unknown' },
    message: /require_ssl is "false".*to `config_parameters`|require_ssl is not set.*to `config_parameters`/,
  },
  {
    name: 'a data source and namespaces are not applicable',
    plan: plan([res('data.aws_redshiftserverless_workgroup.x', { workgroup_name: 'x', namespace_name: 'ns' }, { actions: ['read'] }), res('aws_redshiftserverless_namespace.ns', { namespace_name: 'ns' })]),
    expect: { 'data.aws_redshiftserverless_workgroup.x': 'not-applicable', 'aws_redshiftserverless_namespace.ns': 'not-applicable' },
  },
]);

describe('redshift-serverless-require-ssl on awscc_redshiftserverless_workgroup in .tf and cdk.tf.json', () => {
  const A = 'awscc_redshiftserverless_workgroup.wg';
  it.each([
    ['"true"', 'pass'],
    ['"false"', 'fail'],
    ['var.ssl', 'unknown'],
  ])('.tf require_ssl = %s is %s', async (value, verdict) => {
    const graph = await tfGraph(`variable "ssl" {\n  type = string\n}\nresource "awscc_redshiftserverless_workgroup" "wg" {\n  workgroup_name    = "wg"\n  config_parameters = [{ parameter_key = "require_ssl", parameter_value = ${value} }]\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: verdict });
  });

  it('cdk.tf.json: require_ssl "false" fails', () => {
    const graph = cdktfGraph({ awscc_redshiftserverless_workgroup: { wg: { workgroup_name: 'wg', config_parameters: [param('require_ssl', 'false')] } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: 'fail' });
  });
});
