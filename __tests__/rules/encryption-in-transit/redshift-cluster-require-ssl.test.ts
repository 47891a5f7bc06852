import rule from '../../../checks/rules/encryption-in-transit/redshift-cluster-require-ssl';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const C = 'aws_redshift_cluster.dw';
const G = 'aws_redshift_parameter_group.tls';
const cluster = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>, actions?: string[]) =>
  res(C, { cluster_identifier: 'dw', node_type: 'ra3.xlplus', encrypted: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs, actions });
const group = (parameters: unknown[], unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>, family = 'redshift-1.0', actions?: string[]) =>
  res(G, { name: 'dw-tls', family, parameter: parameters }, { unknown: { arn: true, id: true, ...unknown }, refs, actions });
const EXISTING = ['update'];
const LOGGING = { name: 'enable_user_activity_logging', value: 'true' };
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
  { name: 'a new group of family redshift-1.0 without require_ssl fails (its default is false)', plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([LOGGING])]), expect: { [C]: 'fail' }, message: /does not set require_ssl, whose default in family "redshift-1\.0" is false/ },
  { name: 'require_ssl "false" fails', plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([{ name: 'require_ssl', value: 'false' }])]), expect: { [C]: 'fail' }, message: /sets require_ssl to "false"/ },
  // Since 2025-01-10 AWS gives a cluster created without a group default.redshift-2.0, whose require_ssl is true and cannot be changed.
  { name: 'a new cluster with no parameter group (AWS gives it default.redshift-2.0) passes', plan: plan([cluster({}, { cluster_parameter_group_name: true })]), expect: { [C]: 'pass' } },
  {
    name: 'a new cluster whose cluster_parameter_group_name is "" passes as one with none: the provider sends no name, AWS gives default.redshift-2.0',
    plan: plan([cluster({ cluster_parameter_group_name: '' })]),
    expect: { [C]: 'pass' },
  },
  {
    name: 'an existing cluster with no parameter group shown is unknown',
    plan: plan([cluster({}, { cluster_parameter_group_name: true }, undefined, EXISTING)]),
    expect: { [C]: 'unknown' },
    message: /not set and the cluster already exists/,
  },
  { name: 'default.redshift-2.0 named outright passes', plan: plan([cluster({ cluster_parameter_group_name: 'default.redshift-2.0' })]), expect: { [C]: 'pass' } },
  { name: 'an existing cluster on default.redshift-2.0 passes', plan: plan([cluster({ cluster_parameter_group_name: 'default.redshift-2.0' }, {}, undefined, ['no-op'])]), expect: { [C]: 'pass' } },
  { name: 'default.redshift-1.0 (require_ssl false, cannot be modified) fails', plan: plan([cluster({ cluster_parameter_group_name: 'default.redshift-1.0' })]), expect: { [C]: 'fail' }, message: /"default\.redshift-1\.0" cannot be modified, and its require_ssl is false/ },
  { name: 'a group named outright and not in the input is unknown', plan: plan([cluster({ cluster_parameter_group_name: 'shared-dw' })]), expect: { [C]: 'unknown' }, message: /"shared-dw" is not managed in this input/ },
  { name: 'a new group of family redshift-2.0 without require_ssl (default true) passes', plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([LOGGING], {}, undefined, 'redshift-2.0')]), expect: { [C]: 'pass' } },
  {
    name: 'an existing group of family redshift-2.0 without require_ssl is unknown',
    plan: plan([cluster(NAMED, {}, BY_REFERENCE, EXISTING), group([LOGGING], {}, undefined, 'redshift-2.0', EXISTING)]),
    expect: { [C]: 'unknown' },
    message: /already exists/,
  },
  { name: 'a new group of family redshift-2.0 that sets require_ssl "false" fails', plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([{ name: 'require_ssl', value: 'false' }], {}, undefined, 'redshift-2.0')]), expect: { [C]: 'fail' }, message: /sets require_ssl to "false"/ },
  {
    name: 'a group without require_ssl whose family is known only after apply is unknown',
    plan: plan([cluster(NAMED, {}, BY_REFERENCE), res(G, { name: 'dw-tls', parameter: [LOGGING] }, { unknown: { family: true, arn: true, id: true }, refs: { family: ['var.family'] } })]),
    expect: { [C]: 'unknown' },
    message: /family, whose default it takes, is known only after apply/,
  },
  {
    name: 'require_ssl set from a value known only after apply is unknown',
    plan: plan([cluster(NAMED, {}, BY_REFERENCE), group([{ name: 'require_ssl' }], { parameter: [{ value: true }] }, { parameter: ['var.require_ssl'] })]),
    expect: { [C]: 'unknown' },
  },
  { name: 'a parameter group alone is not applicable', plan: plan([group([REQUIRE_SSL])]), expect: { [G]: 'not-applicable' } },
]);
