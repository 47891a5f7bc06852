import rule from '../../../checks/rules/encryption-in-transit/redshift-cluster-require-ssl';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const C = 'aws_redshift_cluster.dw';
const G = 'aws_redshift_parameter_group.tls';
const cluster = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(C, { cluster_identifier: 'dw', node_type: 'ra3.xlplus', encrypted: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });
const group = (parameters: unknown[], unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(G, { name: 'dw-tls', family: 'redshift-1.0', parameter: parameters }, { unknown: { arn: true, id: true, ...unknown }, refs });
const REQUIRE_SSL = { name: 'require_ssl', value: 'true' };
const NAMED = { cluster_parameter_group_name: 'dw-tls' };
const BY_REFERENCE = { cluster_parameter_group_name: [`${G}.name`, G] };

ruleTable(rule, [
  { name: 'redshift-cluster-require-ssl: a parameter group of the input that requires SSL passes', plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([REQUIRE_SSL])]), expect: { [C]: 'pass' } },
  { name: 'the group found by its known name alone passes', plan: plan([cluster(NAMED), group([{ name: 'enable_user_activity_logging', value: 'true' }, REQUIRE_SSL])]), expect: { [C]: 'pass' } },
  {
    name: 'a group whose name is known only after apply, followed by reference',
    plan: plan([cluster({}, { cluster_parameter_group_name: true }, BY_REFERENCE), res(G, { name_prefix: 'dw-', family: 'redshift-1.0', parameter: [REQUIRE_SSL] }, { unknown: { name: true, id: true, arn: true } })]),
    expect: { [C]: 'pass' },
  },
  { name: 'names and values are compared without regard to case', plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([{ name: 'REQUIRE_SSL', value: 'TRUE' }])]), expect: { [C]: 'pass' } },
  { name: 'a group without require_ssl fails (its default is false)', plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([{ name: 'enable_user_activity_logging', value: 'true' }])]), expect: { [C]: 'fail' }, message: /does not set require_ssl/ },
  { name: 'require_ssl "false" fails', plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([{ name: 'require_ssl', value: 'false' }])]), expect: { [C]: 'fail' }, message: /sets require_ssl to "false"/ },
  { name: 'no parameter group set (the Region default applies) is unknown', plan: plan([cluster({}, { cluster_parameter_group_name: true })]), expect: { [C]: 'unknown' }, message: /not set/ },
  { name: 'an AWS default group named outright is unknown', plan: plan([cluster({ cluster_parameter_group_name: 'default.redshift-1.0' })]), expect: { [C]: 'unknown' }, message: /"default\.redshift-1\.0" is not managed in this input/ },
  {
    name: 'require_ssl set from a value known only after apply is unknown',
    plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([{ name: 'require_ssl' }], { parameter: [{ value: true }] }, { parameter: ['var.require_ssl'] })]),
    expect: { [C]: 'unknown' },
  },
  { name: 'a parameter group alone is not applicable', plan: plan([group([REQUIRE_SSL])]), expect: { [G]: 'not-applicable' } },
]);
