import rule from '../../../checks/rules/encryption-at-rest/ssm-parameter-secure-string';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const P = 'aws_ssm_parameter.p';

ruleTable(rule, [
  { name: 'a SecureString with the default key passes', plan: plan([res(P, { name: '/app/db/password', type: 'SecureString' }, { sensitive: { value: true } })]), expect: { [P]: 'pass' } },
  { name: 'a SecureString with a literal key passes', plan: plan([res(P, { name: '/app/token', type: 'SecureString', key_id: 'alias/app' })]), expect: { [P]: 'pass' } },
  { name: 'a String named like a password fails', plan: plan([res(P, { name: '/app/db/password', type: 'String', value: 'x' })]), expect: { [P]: 'fail' }, message: /SecureString/ },
  { name: 'a String described as an API key fails', plan: plan([res(P, { name: '/app/partner', type: 'String', description: 'Partner API key' })]), expect: { [P]: 'fail' } },
  { name: 'a plain String setting passes', plan: plan([res(P, { name: '/app/log-level', type: 'String', value: 'info' })]), expect: { [P]: 'pass' } },
  { name: 'a SecureString key known only after apply is unknown', plan: plan([res(P, { name: '/app/secret', type: 'SecureString' }, { unknown: { key_id: true }, refs: { key_id: ['var.key'] } })]), expect: { [P]: 'unknown' } },
  { name: 'a type known only after apply is unknown', plan: plan([res(P, { name: '/app/x' }, { unknown: { type: true }, refs: { type: ['var.type'] } })]), expect: { [P]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_ssm_document.d', { name: 'd' })]), expect: { 'aws_ssm_document.d': 'not-applicable' } },
]);
