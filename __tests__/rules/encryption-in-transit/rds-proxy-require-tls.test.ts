import rule from '../../../checks/rules/encryption-in-transit/rds-proxy-require-tls';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const P = 'aws_db_proxy.app';
const proxy = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(P, { name: 'app', engine_family: 'POSTGRESQL', role_arn: 'arn:aws:iam::111111111111:role/proxy', vpc_subnet_ids: ['subnet-1'], ...after }, { unknown: { arn: true, id: true, endpoint: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'rds-proxy-require-tls: a proxy that requires TLS passes', plan: plan([proxy({ require_tls: true })]), expect: { [P]: 'pass' } },
  { name: 'require_tls = false fails', plan: plan([proxy({ require_tls: false })]), expect: { [P]: 'fail' }, message: /`require_tls` is false/ },
  { name: 'unset (cdk.tf.json, .tf) fails: the default is false', plan: plan([proxy({})]), expect: { [P]: 'fail' }, message: /default applies: false, clients may connect without TLS/ },
  { name: 'a value known only after apply is unknown', plan: plan([proxy({}, { require_tls: true }, { require_tls: ['var.tls'] })]), expect: { [P]: 'unknown' } },
  { name: 'an awscc proxy that requires TLS passes', plan: plan([res('awscc_rds_db_proxy.p', { db_proxy_name: 'p', require_tls: true })]), expect: { 'awscc_rds_db_proxy.p': 'pass' } },
  { name: 'other resource types are not applicable', plan: plan([res('aws_db_proxy_target.t', { db_proxy_name: 'app' })]), expect: { 'aws_db_proxy_target.t': 'not-applicable' } },
]);
