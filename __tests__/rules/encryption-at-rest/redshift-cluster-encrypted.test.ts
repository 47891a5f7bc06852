import rule from '../../../checks/rules/encryption-at-rest/redshift-cluster-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { cdktfGraph } from '../../helpers/code-forms';
import { ruleTable } from '../../helpers/rule-table';

const C = 'aws_redshift_cluster.c';

ruleTable(rule, [
  { name: 'encrypted passes (a v6 plan shows the default true)', plan: plan([res(C, { cluster_identifier: 'c', encrypted: true })]), expect: { [C]: 'pass' } },
  { name: 'unencrypted fails (a v5 plan shows the default false)', plan: plan([res(C, { cluster_identifier: 'c', encrypted: false })]), expect: { [C]: 'fail' }, message: /encrypted = true/ },
  // The provider's schema fills an unset `encrypted` in at plan time; nothing is left to apply.
  {
    name: 'unset in a configuration depends on the provider version, which plans it: unknown',
    graph: cdktfGraph({ aws_redshift_cluster: { c: { cluster_identifier: 'c', node_type: 'ra3.large' } } }),
    expect: { [C]: 'unknown' },
    message: /schema default: true in provider v6, false before/,
  },
  { name: 'known only after apply is unknown', plan: plan([res(C, { cluster_identifier: 'c' }, { unknown: { encrypted: true }, refs: { encrypted: ['var.e'] } })]), expect: { [C]: 'unknown' } },
  {
    name: 'an awscc cluster is judged as an aws one: encrypted passes, false fails, unset (computed) is unknown',
    plan: plan([
      res('awscc_redshift_cluster.on', { cluster_identifier: 'on', node_type: 'ra3.xlplus', encrypted: true }, { unknown: { id: true } }),
      res('awscc_redshift_cluster.off', { cluster_identifier: 'off', node_type: 'ra3.xlplus', encrypted: false }, { unknown: { id: true } }),
      res('awscc_redshift_cluster.unset', { cluster_identifier: 'unset', node_type: 'ra3.xlplus' }, { unknown: { id: true, encrypted: true } }),
    ]),
    expect: { 'awscc_redshift_cluster.on': 'pass', 'awscc_redshift_cluster.off': 'fail', 'awscc_redshift_cluster.unset': 'unknown' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_redshift_parameter_group.p', { name: 'p' })]), expect: { 'aws_redshift_parameter_group.p': 'not-applicable' } },
]);
