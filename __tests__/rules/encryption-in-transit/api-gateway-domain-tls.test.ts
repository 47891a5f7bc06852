import rule from '../../../checks/rules/encryption-in-transit/api-gateway-domain-tls';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { ruleStatuses, withFiles } from '../../cli/run';

const V1 = 'aws_api_gateway_domain_name.api';
const V2 = 'aws_apigatewayv2_domain_name.api';
const v1 = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(V1, { domain_name: 'api.example.com', ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });
const v2 = (policy: string | null, unknown: Record<string, unknown> = {}) =>
  res(V2, { domain_name: 'api.example.com', domain_name_configuration: [{ endpoint_type: 'REGIONAL', security_policy: policy }] }, { unknown: { arn: true, id: true, ...unknown } });

ruleTable(rule, [
  { name: 'a REST domain with TLS_1_2 passes', plan: plan([v1({ security_policy: 'TLS_1_2' })]), expect: { [V1]: 'pass' } },
  { name: 'an enhanced TLS 1.3 policy passes', plan: plan([v1({ security_policy: 'SecurityPolicy_TLS13_1_3_2025_09' })]), expect: { [V1]: 'pass' } },
  { name: 'TLS_1_0 fails as accepting TLS 1.0', plan: plan([v1({ security_policy: 'TLS_1_0' })]), expect: { [V1]: 'fail' }, message: /^security_policy is "TLS_1_0", which accepts TLS 1\.0\. /},
  { name: 'a name API Gateway does not know (tls_1_2: names are case-sensitive) fails as such, not as TLS 1.0', plan: plan([v1({ security_policy: 'tls_1_2' })]), expect: { [V1]: 'fail' }, message: /"tls_1_2", which is no TLS 1\.2 security policy API Gateway knows/ },
  { name: 'TLS_1_0 fails', plan: plan([v1({ security_policy: 'TLS_1_0' })]), expect: { [V1]: 'fail' }, message: /security_policy is "TLS_1_0", which accepts TLS 1\.0/ },
  {
    name: 'a value Terraform marks sensitive is never quoted',
    plan: plan([res(V1, { domain_name: 'api.example.com', security_policy: 'TLS_1_0' }, { unknown: { arn: true }, sensitive: { security_policy: true } })]),
    expect: { [V1]: 'fail' },
    message: /^(?!.*TLS_1_0).*security_policy is a value marked sensitive/,
  },
  // AWS, Supported security policies (Default security policies): a new Regional, edge-optimized or private custom domain gets TLS_1_2.
  { name: 'unset on a new REST domain passes: API Gateway gives a new custom domain TLS_1_2', plan: plan([v1({}, { security_policy: true })]), expect: { [V1]: 'pass' } },
  {
    name: 'unset on an existing REST domain that keeps TLS_1_0 (read back) fails, saying a new domain would get TLS_1_2',
    plan: plan([res(V1, { domain_name: 'api.example.com', arn: 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com', security_policy: 'TLS_1_0' }, { actions: ['no-op'], expressions: { domain_name: { constant_value: 'api.example.com' } } })]),
    expect: { [V1]: 'fail' },
    message: /^security_policy is not set, and this domain keeps "TLS_1_0", which accepts TLS 1\.0 \(API Gateway gives "TLS_1_2" only to a custom domain created without one\)\. /,
  },
  {
    name: 'a policy from a variable known only after apply is unknown',
    plan: plan([v1({}, { security_policy: true }, { security_policy: ['var.tls_policy'] })]),
    expect: { [V1]: 'unknown' },
  },
  { name: 'an HTTP API domain with TLS_1_2 passes', plan: plan([v2('TLS_1_2')]), expect: { [V2]: 'pass' } },
  { name: 'an HTTP API domain with TLS_1_0 fails', plan: plan([v2('TLS_1_0')]), expect: { [V2]: 'fail' } },
  { name: 'other resource types are not applicable', plan: plan([res('aws_api_gateway_rest_api.api', { name: 'api' })]), expect: { 'aws_api_gateway_rest_api.api': 'not-applicable' } },
]);

it('a .tf REST domain without security_policy passes (created, it gets TLS_1_2); with TLS_1_0 it fails', async () => {
  const tf = (policy: string) => `resource "aws_api_gateway_domain_name" "api" {\n  domain_name = "api.example.com"\n  ${policy}\n}\n`;
  expect(await withFiles({ 'main.tf': tf('') }, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({}); // no finding
  expect(await withFiles({ 'main.tf': tf('security_policy = "TLS_1_0"') }, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({ [V1]: 'fail' });
});
