/**
 * REST APIs serve their default execute-api endpoint with TLS 1.2 or newer, or not at all. API
 * Gateway serves an edge-optimized or Regional API's default endpoint with the TLS_1_0 policy and a
 * private API's with TLS_1_2 (API Gateway developer guide, "Choose a security policy"); since
 * November 2025 an API can choose its own (`SecurityPolicy`), which the AWS provider exposes as
 * `security_policy` only from hashicorp/terraform-provider-aws#47973 (after 6.25, the version this
 * project pins). Before it, `disable_execute_api_endpoint = true` (clients then use a custom domain,
 * judged by api-gateway-domain-tls) is the only way to comply in Terraform, so the rule is opt-in:
 * on by default it would fail nearly every REST API for something its code could not change.
 *
 * `disable_execute_api_endpoint` and `endpoint_configuration` are Optional+Computed (an OpenAPI
 * `body` may set them): a plan shows them as known only after apply when the code leaves them out.
 * Without a `body` they are judged as unset (AWS's defaults: the endpoint on, EDGE); with one they
 * stay `unknown`, as the body decides.
 */
import type { Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { defineRule } from '../types';
import { awsDoc } from '../support/references';
import { configured, managedOnly } from '../support/verdict';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';

const MODERN_POLICY = /^(TLS_1_2|SecurityPolicy_TLS1[23]_.+)$/;
const FIX =
  'Set `security_policy = "TLS_1_2"` (or an enhanced `SecurityPolicy_TLS13_…` policy with `endpoint_access_mode`; AWS provider versions after 6.25), or `disable_execute_api_endpoint = true` and serve the API through a custom domain with a TLS 1.2 policy.';

/** `view` as the code sets it, unless an OpenAPI `body` may set it instead. */
function unlessBody(api: Resource, view: ValueView): ValueView {
  const body = api.attr('body');
  return body.isAbsent && api.references('body').length === 0 ? configured(api, view) : view;
}

/** The endpoint types, upper case; undefined while one is known only after apply. */
function endpointTypes(api: Resource): { readonly types?: readonly string[]; readonly view: ValueView } {
  const view = unlessBody(api, api.attr('endpoint_configuration'));
  const block = view.block();
  if (block.kind === 'unknown') return { view };
  if (block.kind === 'absent') return { types: ['EDGE'], view };
  const typesView = unlessBody(api, block.value.get('types'));
  const list = typesView.stringList();
  if (list.kind === 'unknown') return { view: typesView };
  return { types: list.kind === 'known' && list.value.length > 0 ? list.value.map((t) => t.toUpperCase()) : ['EDGE'], view: typesView };
}

function problems(api: Resource): Problem[] {
  const disabledView = unlessBody(api, api.attr('disable_execute_api_endpoint'));
  const disabled = disabledView.bool();
  if (disabled.kind === 'known' && disabled.value) return [];

  const policyView = configured(api, api.attr('security_policy'));
  const policy = policyView.string();
  let verdict: Problem | undefined;
  if (policy.kind === 'known') {
    if (MODERN_POLICY.test(policy.value)) return [];
    const why = policy.value === 'TLS_1_0' ? 'which accepts TLS 1.0 and 1.1' : 'which is no TLS 1.2 security policy API Gateway knows (the names are case-sensitive)';
    verdict = failed(`security_policy is ${shown(policyView, policy.value)}, ${why}, on the default execute-api endpoint. ${FIX}`, policyView);
  } else if (policy.kind === 'unknown') {
    verdict = undecided(`security_policy is known only after apply. ${FIX}`, policyView);
  } else {
    const { types, view } = endpointTypes(api);
    if (types === undefined) verdict = undecided(`the endpoint type is known only after apply, and with it the TLS policy of the default execute-api endpoint. ${FIX}`, view);
    else if (types.every((t) => t === 'PRIVATE')) return [];
    else verdict = failed(`the default execute-api endpoint of this ${types.join('/')} API serves the TLS_1_0 policy, which accepts TLS 1.0 and 1.1 (no security_policy is set). ${FIX}`, policyView);
  }
  // The endpoint may still be turned off: then nothing is served, whatever its policy.
  if (disabled.kind === 'unknown') return [undecided(`disable_execute_api_endpoint is known only after apply, and otherwise: ${verdict.message}`, disabledView)];
  return [verdict];
}

export default defineRule({
  id: 'api-gateway-rest-api-tls',
  title: 'REST APIs serve their default endpoint with TLS 1.2+ or turn it off',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale:
    'An edge-optimized or Regional REST API answers on its default execute-api endpoint with the TLS_1_0 policy unless it chooses another, so clients may reach it over TLS 1.0 or 1.1, deprecated and open to downgrade, whatever its custom domain requires.',
  remediation: FIX,
  references: [
    awsDoc('Choose a security policy for your REST API custom domain in API Gateway (the default endpoint policies)', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html'),
    awsDoc('Security policies for REST APIs in API Gateway', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html'),
    { title: 'AWS provider: aws_api_gateway_rest_api gains security_policy (terraform-provider-aws#47973)', url: 'https://github.com/hashicorp/terraform-provider-aws/pull/47973' },
  ],
  appliesTo: ['aws_api_gateway_rest_api'],
  optIn: true,
  evaluate: managedOnly((api) => outcomesOf(problems(api))),
});
