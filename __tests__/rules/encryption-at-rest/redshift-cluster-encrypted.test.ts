import rule from '../../../checks/rules/encryption-at-rest/redshift-cluster-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const C = 'aws_redshift_cluster.c';

ruleTable(rule, [
  { name: 'encrypted passes (a v6 plan shows the default true)', plan: plan([res(C, { cluster_identifier: 'c', encrypted: true })]), expect: { [C]: 'pass' } },
  { name: 'unencrypted fails (a v5 plan shows the default false)', plan: plan([res(C, { cluster_identifier: 'c', encrypted: false })]), expect: { [C]: 'fail' }, message: /encrypted = true/ },
  { name: 'unset in a configuration depends on the provider version: unknown', plan: plan([res(C, { cluster_identifier: 'c' })]), expect: { [C]: 'unknown' } },
  { name: 'known only after apply is unknown', plan: plan([res(C, { cluster_identifier: 'c' }, { unknown: { encrypted: true }, refs: { encrypted: ['var.e'] } })]), expect: { [C]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_redshift_parameter_group.p', { name: 'p' })]), expect: { 'aws_redshift_parameter_group.p': 'not-applicable' } },
]);
