import rule from '../../../checks/rules/encryption-in-transit/docdb-tls-enabled';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const G = 'aws_docdb_cluster_parameter_group.docs';
const group = (parameters: unknown, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(G, { name: 'docs', family: 'docdb5.0', parameter: parameters }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'docdb-tls-enabled: a group that leaves tls to its default passes', plan: plan([group([{ name: 'audit_logs', value: 'enabled', apply_method: 'pending-reboot' }])]), expect: { [G]: 'pass' } },
  { name: 'a group without parameters passes', plan: plan([group([])]), expect: { [G]: 'pass' } },
  { name: 'tls "tls1.2+" passes', plan: plan([group([{ name: 'tls', value: 'tls1.2+' }])]), expect: { [G]: 'pass' } },
  { name: 'tls "disabled" fails', plan: plan([group([{ name: 'tls', value: 'disabled' }])]), expect: { [G]: 'fail' }, message: /"disabled": clusters using this group accept unencrypted connections/ },
  { name: 'names and values are compared without regard to case', plan: plan([group([{ name: 'TLS', value: 'Disabled' }])]), expect: { [G]: 'fail' } },
  { name: 'a tls value known only after apply is unknown', plan: plan([group([{ name: 'tls' }], { parameter: [{ value: true }] }, { parameter: ['var.tls'] })]), expect: { [G]: 'unknown' } },
  { name: 'parameters known only after apply are unknown', plan: plan([group(null, { parameter: true }, { parameter: ['var.parameters'] })]), expect: { [G]: 'unknown' } },
  { name: 'other resource types are not applicable', plan: plan([res('aws_docdb_cluster.docs', { cluster_identifier: 'docs', storage_encrypted: true })]), expect: { 'aws_docdb_cluster.docs': 'not-applicable' } },
]);
