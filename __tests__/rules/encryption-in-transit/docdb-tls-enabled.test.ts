import rule from '../../../checks/rules/encryption-in-transit/docdb-tls-enabled';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { tfGraph } from '../../helpers/code-forms';

const G = 'aws_docdb_cluster_parameter_group.docs';
const group = (parameters: unknown, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(G, { name: 'docs', family: 'docdb5.0', parameter: parameters }, { unknown: { arn: true, id: true, ...unknown }, refs });

const C = 'aws_docdb_cluster.docs';
const cluster = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(C, { cluster_identifier: 'docs', storage_encrypted: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'docdb-tls-enabled: tls "tls1.2+" passes', plan: plan([group([{ name: 'tls', value: 'tls1.2+' }])]), expect: { [G]: 'pass' } },
  { name: 'tls "tls1.3+" and "fips-140-3" pass', plan: plan([group([{ name: 'tls', value: 'tls1.3+' }]), res('aws_docdb_cluster_parameter_group.fips', { name: 'fips', family: 'docdb5.0', parameter: [{ name: 'tls', value: 'fips-140-3' }] })]), expect: { [G]: 'pass', 'aws_docdb_cluster_parameter_group.fips': 'pass' } },
  {
    // DocumentDB API reference, Parameter: "enabled" accepts TLS 1.0 through 1.3.
    name: 'tls "enabled" fails: it accepts TLS 1.0 and 1.1, and the fix names the values that require TLS 1.2',
    plan: plan([group([{ name: 'tls', value: 'enabled' }])]),
    expect: { [G]: 'fail' },
    message: /^the `tls` parameter is "enabled": clusters using this group accept TLS 1\.0 and 1\.1\. Set the `tls` parameter to "tls1\.2\+"/,
  },
  {
    name: 'a group that leaves tls to its default ("enabled") fails',
    plan: plan([group([{ name: 'audit_logs', value: 'enabled', apply_method: 'pending-reboot' }])]),
    expect: { [G]: 'fail' },
    message: /the `tls` parameter is not set: its default, "enabled", accepts TLS 1\.0 and 1\.1/,
  },
  { name: 'a group without parameters fails the same way', plan: plan([group([])]), expect: { [G]: 'fail' }, message: /its default, "enabled"/ },
  { name: 'tls "disabled" fails', plan: plan([group([{ name: 'tls', value: 'disabled' }])]), expect: { [G]: 'fail' }, message: /"disabled": clusters using this group accept unencrypted connections/ },
  { name: 'names and values are compared without regard to case', plan: plan([group([{ name: 'TLS', value: 'Disabled' }])]), expect: { [G]: 'fail' } },
  { name: 'upper case TLS1.2+ passes', plan: plan([group([{ name: 'TLS', value: 'TLS1.2+' }])]), expect: { [G]: 'pass' } },
  { name: 'a tls value known only after apply is unknown', plan: plan([group([{ name: 'tls' }], { parameter: [{ value: true }] }, { parameter: ['var.tls'] })]), expect: { [G]: 'unknown' } },
  { name: 'parameters known only after apply are unknown', plan: plan([group(null, { parameter: true }, { parameter: ['var.parameters'] })]), expect: { [G]: 'unknown' } },
  {
    name: 'a cluster naming a parameter group managed outside the input is unknown, saying how to make it known (as rds-require-tls and redshift-cluster-require-ssl)',
    plan: plan([cluster({ db_cluster_parameter_group_name: 'legacy-docdb' })]),
    expect: { [C]: 'unknown' },
    message: /"legacy-docdb" is not managed in this input.*Manage the group in the same input/,
  },
  {
    name: 'a cluster on an AWS default group fails: its tls is "enabled"',
    plan: plan([cluster({ db_cluster_parameter_group_name: 'default.docdb5.0' })]),
    expect: { [C]: 'fail' },
    message: /the AWS default parameter group "default\.docdb5\.0" sets `tls` to "enabled", with which the cluster accepts TLS 1\.0 and 1\.1/,
  },
  {
    name: 'a cluster naming no group fails: it gets the AWS default group',
    plan: plan([cluster({}, { db_cluster_parameter_group_name: true })]),
    expect: { [C]: 'fail' },
    message: /no `db_cluster_parameter_group_name` is set/,
  },
  {
    name: "a cluster on a group of the input is judged through the group's own finding",
    plan: plan([group([{ name: 'tls', value: 'disabled' }]), cluster({}, { db_cluster_parameter_group_name: true }, { db_cluster_parameter_group_name: [`${G}.name`, G] })]),
    expect: { [G]: 'fail', [C]: 'pass' },
  },
  {
    name: 'a cluster naming, by its known name, a group of the input passes: the group is judged on its own',
    plan: plan([group([{ name: 'tls', value: 'tls1.2+' }]), cluster({ db_cluster_parameter_group_name: 'docs' }, {}, { db_cluster_parameter_group_name: [`${G}.name`, G] })]),
    expect: { [G]: 'pass', [C]: 'pass' },
  },
  {
    name: 'a cluster whose group name comes from a variable known only after apply is unknown',
    plan: plan([cluster({}, { db_cluster_parameter_group_name: true }, { db_cluster_parameter_group_name: ['var.group'] })]),
    expect: { [C]: 'unknown' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_docdb_cluster_instance.docs', { identifier: 'docs', cluster_identifier: 'docs' })]), expect: { 'aws_docdb_cluster_instance.docs': 'not-applicable' } },
]);

it('.tf: a group with tls1.2+ and its cluster pass; one with "enabled" fails, as does a cluster with no group', async () => {
  const tf = (tls: string) => `resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"
  name   = "docs"
  parameter {
    name  = "tls"
    value = "${tls}"
  }
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier              = "docs"
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.docs.name
}

resource "aws_docdb_cluster" "plain" {
  cluster_identifier = "plain"
}
`;
  const statuses = async (tls: string) => worstByAddress(evaluateRule(rule, await tfGraph(tf(tls))));
  expect(await statuses('tls1.2+')).toEqual({ [G]: 'pass', [C]: 'pass', 'aws_docdb_cluster.plain': 'fail' });
  expect(await statuses('enabled')).toEqual({ [G]: 'fail', [C]: 'pass', 'aws_docdb_cluster.plain': 'fail' });
});
