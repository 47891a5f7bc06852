import rule from '../../../checks/rules/encryption-in-transit/api-gateway-domain-tls';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import * as path from 'node:path';
import { check } from '../../../checks/check';
import { DEFAULT_CONFIG } from '../../../checks/config';
import { loadPlanFile } from '../../../checks/model/plan';
import { checkFindings, ruleStatuses, withFiles } from '../../cli/run';

const V1 = 'aws_api_gateway_domain_name.api';
const V2 = 'aws_apigatewayv2_domain_name.api';
const v1 = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(V1, { domain_name: 'api.example.com', ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });
/** An existing domain (read back: its `arn` known) whose configuration does not set security_policy. */
const existing = (after: Record<string, unknown>, options: Parameters<typeof res>[2] = {}) =>
  res(V1, { domain_name: 'api.example.com', arn: 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com', ...after }, { expressions: { domain_name: { constant_value: 'api.example.com' } }, ...options });
const KEEPS = /^security_policy is not set, and this domain exists already: it keeps the policy it has, which this plan does not show \(API Gateway gives "TLS_1_2" only to a custom domain created without one\)\. Set `security_policy = "TLS_1_2"`, or read the domain's securityPolicy \(`aws apigateway get-domain-name`\)\.$/;
const IMPORTED = /^security_policy is not set, and an `import` block brings this domain in: the imported domain keeps the policy AWS holds \(API Gateway gives "TLS_1_2" only to a custom domain created without one\)\. Set `security_policy = "TLS_1_2"`, or check the plan, which holds that policy\.$/;
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
  // Only a domain the apply creates gets the default; an existing one keeps what it has, which an update or no-op plan may not show.
  { name: 'unset on an update, null before and after, is unknown', plan: plan([existing({ security_policy: null, certificate_name: 'b' }, { actions: ['update'], before: { security_policy: null, certificate_name: 'a' } })]), expect: { [V1]: 'unknown' }, message: KEEPS },
  { name: 'unset on a no-op, null, is unknown', plan: plan([existing({ security_policy: null }, { actions: ['no-op'] })]), expect: { [V1]: 'unknown' }, message: KEEPS },
  {
    name: 'unset on an update, known only after apply with "TLS_1_0" before, is unknown',
    plan: plan([existing({}, { actions: ['update'], before: { security_policy: 'TLS_1_0' }, unknown: { security_policy: true } })]),
    expect: { [V1]: 'unknown' },
    message: KEEPS,
  },
  { name: 'unset on a replacement (a new domain is created) passes', plan: plan([existing({}, { actions: ['delete', 'create'], before: { security_policy: 'TLS_1_0' }, unknown: { security_policy: true } })]), expect: { [V1]: 'pass' } },
  // An import block's domain exists: Terraform sends no unset Optional+Computed argument, so it keeps its policy.
  {
    name: 'unset on an imported domain (change.importing), not known, is unknown',
    plan: plan([existing({ security_policy: null }, { actions: ['no-op'], importing: { id: 'api.example.com' } })]),
    expect: { [V1]: 'unknown' },
    message: IMPORTED,
  },
  { name: 'unset on an imported domain planned as a create is unknown', plan: plan([v1({}, { security_policy: true })].map((r) => ({ ...r, options: { ...r.options, importing: { id: 'api.example.com' } } }))), expect: { [V1]: 'unknown' }, message: IMPORTED },
  { name: 'an imported domain that holds TLS_1_2 passes', plan: plan([existing({ security_policy: 'TLS_1_2' }, { actions: ['no-op'], importing: { id: 'api.example.com' } })]), expect: { [V1]: 'pass' } },
  {
    name: 'an imported domain that holds TLS_1_0 fails',
    plan: plan([existing({ security_policy: 'TLS_1_0' }, { actions: ['no-op'], importing: { id: 'api.example.com' } })]),
    expect: { [V1]: 'fail' },
    message: /^security_policy is not set, and this domain keeps "TLS_1_0", which accepts TLS 1\.0/,
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

describe('an import block brings the domain in (it keeps the policy AWS holds)', () => {
  const DOMAIN = 'resource "aws_api_gateway_domain_name" "api" {\n  domain_name = "api.example.com"\n  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"\n  endpoint_configuration {\n    types = ["REGIONAL"]\n  }\n}\n';
  const IMPORT = 'import {\n  to = aws_api_gateway_domain_name.api\n  id = "api.example.com"\n}\n';
  const domainFindings = async (args: string[]) => (await checkFindings(args)).findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status, f.message]);

  it('a .tf directory: unset is unknown, saying why', async () => {
    const findings = await withFiles({ 'main.tf': DOMAIN, 'imports.tf': IMPORT }, (dir) => domainFindings([dir]));
    expect(findings).toEqual([[V1, 'unknown', expect.stringMatching(IMPORTED)]]);
  });

  it('a cdk.tf.json stack: unset is unknown, saying why', async () => {
    const doc = {
      import: [{ to: V1, id: 'api.example.com' }],
      resource: { aws_api_gateway_domain_name: { api: { domain_name: 'api.example.com', regional_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', endpoint_configuration: { types: ['REGIONAL'] } } } },
    };
    const findings = await withFiles({ 'cdk.tf.json': JSON.stringify(doc) }, (dir) => domainFindings([path.join(dir, 'cdk.tf.json')]));
    expect(findings).toEqual([[V1, 'unknown', expect.stringMatching(IMPORTED)]]);
  });

  it('set to TLS_1_2, an imported domain passes (Terraform sends what the code writes)', async () => {
    const findings = await withFiles({ 'main.tf': DOMAIN.replace('domain_name = "api.example.com"', 'domain_name = "api.example.com"\n  security_policy = "TLS_1_2"'), 'imports.tf': IMPORT }, (dir) => domainFindings([dir]));
    expect(findings).toEqual([]);
  });
});

it('a plan file large enough to leave its values in the file keeps change.importing: unset on an imported domain is unknown', async () => {
  const document = plan([existing({ security_policy: null }, { actions: ['no-op'], importing: { id: 'api.example.com' } })]);
  const statuses = await withFiles({ 'plan.json': JSON.stringify(document) }, async (dir) => {
    const input = await loadPlanFile(path.join(dir, 'plan.json'), 'plan.json', { streamAbove: 0 });
    expect(input.resources.every((r) => typeof r.storedView === 'function')).toBe(true);
    return check([input], DEFAULT_CONFIG).report.findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status, f.message]);
  });
  expect(statuses).toEqual([[V1, 'unknown', expect.stringMatching(IMPORTED)]]);
});
