/**
 * API Gateway custom domains accept TLS 1.2+ only: `security_policy = "TLS_1_2"` or an enhanced
 * `SecurityPolicy_TLS12…`/`SecurityPolicy_TLS13…` policy on REST domains
 * (`aws_api_gateway_domain_name`), `domain_name_configuration.security_policy` on HTTP/WebSocket
 * domains (`aws_apigatewayv2_domain_name`). Not set, a new custom domain gets TLS_1_2 (the AWS default
 * since API Gateway's enhanced security policies); an existing or imported one keeps the policy it has,
 * which a plan may show.
 */
import type { Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { defineRule } from '../types';
import { awsDoc } from '../support/references';
import { managedOnly } from '../support/verdict';
import { beingCreated, configSets, failed, outcomesOf, type Problem, shown, undecided, unsetButComputed } from '../support/findings';

const MODERN_POLICY = /^(TLS_1_2|SecurityPolicy_TLS1[23]_.+)$/;
const SET = 'Set `security_policy = "TLS_1_2"`';
const FIX = `${SET}.`;

/**
 * The policy API Gateway gives a new custom domain created without one, Regional, edge-optimized or
 * private alike (AWS, Supported security policies: Default security policies). A domain created
 * when the default was TLS_1_0 keeps it: a plan shows it read back (Optional+Computed).
 */
const DEFAULT_POLICY = 'TLS_1_2';
const NEW_ONLY = `API Gateway gives "${DEFAULT_POLICY}" only to a custom domain created without one`;

function judge(resource: Resource, view: ValueView, path: string[]): Problem[] {
  const value = view.string();
  const unset = configSets(resource, ...path) === false;
  if (value.kind === 'known') {
    if (MODERN_POLICY.test(value.value)) return [];
    // `TLS_1_0` accepts TLS 1.0; anything else is no policy API Gateway knows (`tls_1_2`: the names are case-sensitive).
    const why = value.value === 'TLS_1_0' ? 'which accepts TLS 1.0' : 'which is no TLS 1.2 security policy API Gateway knows (the names are case-sensitive)';
    const what = unset
      ? `security_policy is not set, and this domain keeps ${shown(view, value.value)}, ${why} (${NEW_ONLY})`
      : `security_policy is ${shown(view, value.value)}, ${why}`;
    return [failed(`${what}. ${FIX}`, view)];
  }
  if (unsetButComputed(resource, view, ...path)) {
    // Not set on a domain the apply creates: API Gateway gives it TLS_1_2. Terraform sends no unset
    // Optional+Computed argument, so an existing or imported domain keeps the policy it has.
    if (beingCreated(resource)) return [];
    const kept = resource.data.importing
      ? `an \`import\` block brings this domain in: the imported domain keeps the policy AWS holds (${NEW_ONLY}). ${SET}, or check the plan, which holds that policy.`
      : `this domain exists already: it keeps the policy it has, which this plan does not show (${NEW_ONLY}). ${SET}, or read the domain's securityPolicy (\`aws apigateway get-domain-name\`).`;
    return [undecided(`security_policy is not set, and ${kept}`, view)];
  }
  return [undecided(`security_policy is known only after apply, so the gate cannot vouch for its TLS version (not set, a new custom domain gets "${DEFAULT_POLICY}"). ${FIX}`, view)];
}

function problems(domain: Resource): Problem[] {
  if (domain.type === 'aws_api_gateway_domain_name') return judge(domain, domain.attr('security_policy'), ['security_policy']);
  const configuration = domain.attr('domain_name_configuration').block();
  if (configuration.kind === 'unknown')
    return [undecided(`domain_name_configuration is known only after apply. ${FIX}`, domain.attr('domain_name_configuration'))];
  if (configuration.kind === 'absent')
    return [failed(`domain_name_configuration is not set. Add one with \`security_policy = "TLS_1_2"\`.`, domain.attr('domain_name_configuration'))];
  return judge(domain, configuration.value.get('security_policy'), ['domain_name_configuration', 'security_policy']);
}

export default defineRule({
  id: 'api-gateway-domain-tls',
  title: 'API Gateway custom domains require TLS 1.2+',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale:
    'A custom domain with the TLS_1_0 security policy lets clients negotiate TLS 1.0, which is deprecated and weak. API Gateway gives a new custom domain created without a security policy TLS_1_2; a domain created when the default was TLS_1_0 keeps it until the policy is set.',
  remediation:
    'Set `security_policy = "TLS_1_2"` on `aws_api_gateway_domain_name` (or an enhanced `SecurityPolicy_TLS13_…` policy), and `domain_name_configuration { security_policy = "TLS_1_2" }` on `aws_apigatewayv2_domain_name`.',
  references: [
    awsDoc(
      'Choose a security policy for your custom domain in API Gateway',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html'
    ),
    awsDoc(
      'API Gateway: supported security policies (default security policies)',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html#apigateway-security-policies-default'
    ),
  ],
  appliesTo: ['aws_api_gateway_domain_name', 'aws_apigatewayv2_domain_name'],
  evaluate: managedOnly((domain) => outcomesOf(problems(domain))),
});
