import rule from '../../../checks/rules/encryption-in-transit/redshift-serverless-require-ssl';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

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
    name: 'a data source and namespaces are not applicable',
    plan: plan([res('data.aws_redshiftserverless_workgroup.x', { workgroup_name: 'x', namespace_name: 'ns' }, { actions: ['read'] }), res('aws_redshiftserverless_namespace.ns', { namespace_name: 'ns' })]),
    expect: { 'data.aws_redshiftserverless_workgroup.x': 'not-applicable', 'aws_redshiftserverless_namespace.ns': 'not-applicable' },
  },
]);
