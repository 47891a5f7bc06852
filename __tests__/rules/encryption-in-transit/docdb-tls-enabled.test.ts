import rule from '../../../checks/rules/encryption-in-transit/docdb-tls-enabled';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const G = 'aws_docdb_cluster_parameter_group.docs';
const group = (parameters: unknown, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(G, { name: 'docs', family: 'docdb5.0', parameter: parameters }, { unknown: { arn: true, id: true, ...unknown }, refs });

const C = 'aws_docdb_cluster.docs';
const cluster = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(C, { cluster_identifier: 'docs', storage_encrypted: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'docdb-tls-enabled: a group that leaves tls to its default passes', plan: plan([group([{ name: 'audit_logs', value: 'enabled', apply_method: 'pending-reboot' }])]), expect: { [G]: 'pass' } },
  { name: 'a group without parameters passes', plan: plan([group([])]), expect: { [G]: 'pass' } },
  { name: 'tls "tls1.2+" passes', plan: plan([group([{ name: 'tls', value: 'tls1.2+' }])]), expect: { [G]: 'pass' } },
  { name: 'tls "disabled" fails', plan: plan([group([{ name: 'tls', value: 'disabled' }])]), expect: { [G]: 'fail' }, message: /"disabled": clusters using this group accept unencrypted connections/ },
  { name: 'names and values are compared without regard to case', plan: plan([group([{ name: 'TLS', value: 'Disabled' }])]), expect: { [G]: 'fail' } },
  { name: 'a tls value known only after apply is unknown', plan: plan([group([{ name: 'tls' }], { parameter: [{ value: true }] }, { parameter: ['var.tls'] })]), expect: { [G]: 'unknown' } },
  { name: 'parameters known only after apply are unknown', plan: plan([group(null, { parameter: true }, { parameter: ['var.parameters'] })]), expect: { [G]: 'unknown' } },
  {
    name: 'a cluster naming a parameter group managed outside the input is unknown, saying how to make it known (as rds-require-tls and redshift-cluster-require-ssl)',
    plan: plan([cluster({ db_cluster_parameter_group_name: 'legacy-docdb' })]),
    expect: { [C]: 'unknown' },
    message: /"legacy-docdb" is not managed in this input.*Manage the group in the same input/,
  },
  { name: 'a cluster on an AWS default group passes: it keeps TLS on', plan: plan([cluster({ db_cluster_parameter_group_name: 'default.docdb5.0' })]), expect: { [C]: 'pass' } },
  { name: 'a cluster naming no group passes (the default group keeps TLS on)', plan: plan([cluster({}, { db_cluster_parameter_group_name: true })]), expect: { [C]: 'pass' } },
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
