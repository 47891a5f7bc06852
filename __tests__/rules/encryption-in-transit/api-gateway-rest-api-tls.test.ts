import rule from '../../../checks/rules/encryption-in-transit/api-gateway-rest-api-tls';
import { ENCRYPTION_IN_TRANSIT_RULES } from '../../../checks/rules/encryption-in-transit';
import { tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const A = 'aws_api_gateway_rest_api.api';
/** A REST API; the provider computes disable_execute_api_endpoint and endpoint_configuration when the code leaves them out. */
const api = (after: Record<string, unknown> = {}, unknown: Record<string, unknown> = {}, expressions?: Record<string, unknown>) =>
  res(A, { name: 'api', ...after }, { unknown: { arn: true, id: true, root_resource_id: true, execution_arn: true, ...unknown }, ...(expressions ? { expressions } : {}) });
const COMPUTED = { disable_execute_api_endpoint: true, endpoint_configuration: true };

it('api-gateway-rest-api-tls is opt-in: provider 6.25 has no security_policy, so on by default it would fail nearly every REST API', () => {
  expect(rule.optIn).toBe(true);
  expect(ENCRYPTION_IN_TRANSIT_RULES).toContain(rule);
});

ruleTable(rule, [
  { name: 'security_policy TLS_1_2 passes', plan: plan([api({ security_policy: 'TLS_1_2', endpoint_configuration: [{ types: ['REGIONAL'] }] }, { disable_execute_api_endpoint: true })]), expect: { [A]: 'pass' } },
  { name: 'an enhanced TLS 1.3 policy passes', plan: plan([api({ security_policy: 'SecurityPolicy_TLS13_1_3_2025_09', endpoint_access_mode: 'STRICT' }, COMPUTED)]), expect: { [A]: 'pass' } },
  { name: 'disable_execute_api_endpoint = true passes: no default endpoint is served', plan: plan([api({ disable_execute_api_endpoint: true }, { endpoint_configuration: true })]), expect: { [A]: 'pass' } },
  { name: 'a private API passes: its default endpoint uses TLS_1_2', plan: plan([api({ endpoint_configuration: [{ types: ['PRIVATE'], vpc_endpoint_ids: ['vpce-1'] }] }, { disable_execute_api_endpoint: true })]), expect: { [A]: 'pass' } },
  {
    name: 'the sweep reproducer: security_policy TLS_1_0 on a Regional API fails',
    plan: plan([api({ security_policy: 'TLS_1_0', endpoint_configuration: [{ types: ['REGIONAL'] }] })]),
    expect: { [A]: 'fail' },
    message: /^security_policy is "TLS_1_0", which accepts TLS 1\.0 and 1\.1, on the default execute-api endpoint/,
  },
  {
    // Provider 6.25: no security_policy; the code leaves the Optional+Computed settings out, the plan shows them unknown.
    name: 'a REST API that sets nothing fails (AWS default: EDGE, endpoint on, TLS_1_0)',
    plan: plan([api({}, COMPUTED)]),
    expect: { [A]: 'fail' },
    message: /the default execute-api endpoint of this EDGE API serves the TLS_1_0 policy/,
  },
  { name: 'a Regional API without a policy fails', plan: plan([api({ endpoint_configuration: [{ types: ['REGIONAL'] }] }, { disable_execute_api_endpoint: true })]), expect: { [A]: 'fail' }, message: /REGIONAL API/ },
  {
    name: 'an OpenAPI body leaves the computed settings unknown: it may turn the endpoint off',
    plan: plan([api({ body: '{"openapi":"3.0.1"}' }, COMPUTED)]),
    expect: { [A]: 'unknown' },
    message: /^disable_execute_api_endpoint is known only after apply, and otherwise: /,
  },
  {
    name: 'security_policy from a variable known only after apply is unknown',
    plan: plan([api({ endpoint_configuration: [{ types: ['REGIONAL'] }] }, { disable_execute_api_endpoint: true, security_policy: true }, { name: { constant_value: 'api' }, security_policy: { references: ['var.policy'] }, endpoint_configuration: [{ types: { constant_value: ['REGIONAL'] } }] })]),
    expect: { [A]: 'unknown' },
    message: /security_policy is known only after apply/,
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_api_gateway_domain_name.d', { domain_name: 'api.example.com', security_policy: 'TLS_1_0' })]), expect: {} },
]);

it('.tf REST APIs are judged as their plan is', async () => {
  const tf = (body: string) => `resource "aws_api_gateway_rest_api" "api" {
  name = "api"
  ${body}
}
`;
  const statuses = async (body: string) => worstByAddress(evaluateRule(rule, await tfGraph(tf(body))));
  expect(await statuses('')).toEqual({ [A]: 'fail' });
  expect(await statuses('disable_execute_api_endpoint = true')).toEqual({ [A]: 'pass' });
  expect(await statuses('endpoint_configuration {\n    types = ["PRIVATE"]\n  }')).toEqual({ [A]: 'pass' });
  expect(await statuses('security_policy = "TLS_1_2"')).toEqual({ [A]: 'pass' });
});
