import rule from '../../../checks/rules/encryption-at-rest/ssm-parameter-secure-string';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const P = 'aws_ssm_parameter.p';

ruleTable(rule, [
  { name: 'a SecureString with the default key passes', plan: plan([res(P, { name: '/app/db/password', type: 'SecureString' }, { sensitive: { value: true } })]), expect: { [P]: 'pass' } },
  { name: 'a SecureString with a literal key passes', plan: plan([res(P, { name: '/app/token', type: 'SecureString', key_id: 'alias/app' })]), expect: { [P]: 'pass' } },
  { name: 'a String named like a password fails', plan: plan([res(P, { name: '/app/db/password', type: 'String', value: 'x' })]), expect: { [P]: 'fail' }, message: /SecureString/ },
  { name: 'a String described as an API key fails', plan: plan([res(P, { name: '/app/partner', type: 'String', description: 'Partner API key' })]), expect: { [P]: 'fail' } },
  ...[
    '/prod/db/pwd',
    '/prod/db/passwd',
    '/prod/db/pass',
    '/app/dbPassword',
    '/app/DB_PASSWORD',
    '/app/mysqlpassword',
    '/app/client.secret',
    '/app/githubToken',
    '/app/APIKey',
    '/app/x-api-key',
    '/app/privateKey',
    '/app/aws_access_keys',
  ].map((name) => ({ name: `a String named ${name} fails`, plan: plan([res(P, { name, type: 'String', value: 'x' })]), expect: { [P]: 'fail' as const } })),
  ...['/prod/app/passenger_limit', '/app/bypass-cache', '/app/compass/heading', '/app/keyboard-layout', '/app/api/base-url', '/prod/api/key-rotation-days', '/prod/access/key-expiry-days'].map((name) => ({
    name: `a String named ${name} passes: no word of it says secret`,
    plan: plan([res(P, { name, type: 'String', value: '40' })]),
    expect: { [P]: 'pass' as const },
  })),
  { name: 'a plain String setting passes', plan: plan([res(P, { name: '/app/log-level', type: 'String', value: 'info' })]), expect: { [P]: 'pass' } },
  // Any key encrypts it: one of this input (its ARN known only after apply), a literal one or aws/ssm.
  { name: 'a SecureString whose key is known only after apply passes', plan: plan([res(P, { name: '/app/secret', type: 'SecureString' }, { unknown: { key_id: true }, refs: { key_id: ['aws_kms_key.k.arn'] } })]), expect: { [P]: 'pass' } },
  { name: 'a type known only after apply is unknown for a parameter named like a secret', plan: plan([res(P, { name: '/app/db/password' }, { unknown: { type: true }, refs: { type: ['var.type'] } })]), expect: { [P]: 'unknown' }, message: /`type`/ },
  // terraform-aws-modules/ssm-parameter: `type = can(tostring(var.value)) ? "String" : "StringList"`.
  { name: 'a type known only after apply passes when the name and description say no secret (every type passes then)', plan: plan([res(P, { name: '/app/ami-id', description: 'AMI' }, { unknown: { type: true }, refs: { type: ['var.value'] } })]), expect: { [P]: 'pass' } },
  { name: 'a name known only after apply is unknown for a String', plan: plan([res(P, { type: 'String' }, { unknown: { name: true }, refs: { name: ['var.name'] } })]), expect: { [P]: 'unknown' }, message: /`name`/ },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_ssm_document.d', { name: 'd' })]), expect: { 'aws_ssm_document.d': 'not-applicable' } },
]);
