import rule from '../../../checks/rules/encryption-at-rest/ebs-encryption-by-default';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const D = 'aws_ebs_encryption_by_default.this';

ruleTable(rule, [
  { name: 'enabled passes', plan: plan([res(D, { enabled: true })]), expect: { [D]: 'pass' } },
  { name: 'enabled unset (default true) passes', plan: plan([res(D, {})]), expect: { [D]: 'pass' } },
  { name: 'disabled fails', plan: plan([res(D, { enabled: false })]), expect: { [D]: 'fail' }, message: /enabled = true/ },
  { name: 'enabled known only after apply is unknown', plan: plan([res(D, {}, { unknown: { enabled: true }, refs: { enabled: ['var.ebs_default'] } })]), expect: { [D]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_ebs_volume.v', { encrypted: true, size: 10 })]), expect: { 'aws_ebs_volume.v': 'not-applicable' } },
]);
