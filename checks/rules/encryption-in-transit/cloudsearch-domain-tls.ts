/**
 * CloudSearch domains take requests over HTTPS only, with TLS 1.2 or newer. AWS's defaults are the
 * opposite: a domain accepts HTTP unless `enforce_https` is true, and its TLS policy is
 * Policy-Min-TLS-1-0-2019-07 unless set (CloudSearch API, DomainEndpointOptions). The block and both
 * settings are Optional+Computed, so a plan shows what the code leaves out as known only after
 * apply; that is judged as unset, as in a .tf or cdk.tf.json input.
 */
import type { Resource } from '../../model/types';
import { defineRule } from '../types';
import { awsDoc } from '../support/references';
import { configured, managedOnly } from '../support/verdict';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';

const MODERN_POLICY = 'Policy-Min-TLS-1-2-2019-07';
const FIX = `Set \`endpoint_options { enforce_https = true, tls_security_policy = "${MODERN_POLICY}" }\`.`;

function problems(domain: Resource): Problem[] {
  const view = configured(domain, domain.attr('endpoint_options'));
  const options = view.block();
  if (options.kind === 'unknown') return [undecided(`endpoint_options is known only after apply. ${FIX}`, view)];
  if (options.kind === 'absent')
    return [failed(`endpoint_options is not set: the domain accepts HTTP, and HTTPS with TLS 1.0 (the AWS default policy is Policy-Min-TLS-1-0-2019-07). ${FIX}`, view)];
  const out: Problem[] = [];
  const httpsView = configured(domain, options.value.get('enforce_https'));
  const https = httpsView.bool();
  if (https.kind === 'unknown') out.push(undecided(`enforce_https is known only after apply. ${FIX}`, httpsView));
  else if (!(https.kind === 'known' && https.value))
    out.push(failed(`enforce_https is ${https.kind === 'known' ? 'false' : 'not set (AWS default: false)'}: the domain accepts HTTP. ${FIX}`, httpsView));
  const policyView = configured(domain, options.value.get('tls_security_policy'));
  const policy = policyView.string();
  if (policy.kind === 'unknown') out.push(undecided(`tls_security_policy is known only after apply. ${FIX}`, policyView));
  else if (policy.kind === 'absent') out.push(failed(`tls_security_policy is not set: the AWS default, Policy-Min-TLS-1-0-2019-07, accepts TLS 1.0 and 1.1. ${FIX}`, policyView));
  else if (policy.value !== MODERN_POLICY) out.push(failed(`tls_security_policy is ${shown(policyView, policy.value)}, which accepts TLS 1.0 and 1.1. ${FIX}`, policyView));
  return out;
}

export default defineRule({
  id: 'cloudsearch-domain-tls',
  title: 'CloudSearch domains require HTTPS with TLS 1.2+',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale:
    'A CloudSearch domain that accepts HTTP, or HTTPS with TLS 1.0 or 1.1, lets the documents it indexes and the queries sent to it be read or changed in transit. AWS leaves both open unless the domain says otherwise.',
  remediation: FIX,
  references: [
    awsDoc('Amazon CloudSearch API: DomainEndpointOptions (defaults)', 'https://docs.aws.amazon.com/cloudsearch/latest/developerguide/API_DomainEndpointOptions.html'),
    awsDoc(
      'Amazon CloudSearch provides option to mandate HTTPS & minimum TLS version',
      'https://aws.amazon.com/about-aws/whats-new/2019/11/amazon-cloudsearch-provides-option-to-mandate-https-and-minimum-tls-version/'
    ),
  ],
  appliesTo: ['aws_cloudsearch_domain'],
  evaluate: managedOnly((domain) => outcomesOf(problems(domain))),
});
