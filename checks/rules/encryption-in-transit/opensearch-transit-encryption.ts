/**
 * OpenSearch and Elasticsearch domains require HTTPS with a TLS 1.2+ policy on their endpoint and
 * encrypt traffic between nodes. Both blocks are Optional+Computed: a plan shows a block the code
 * does not write as known only after apply, and AWS's defaults then apply (HTTP accepted, nodes in
 * clear text), so an unwritten block is judged as unset, as in a .tf or cdk.tf.json input.
 */
import type { Resource } from '../../model/types';
import { defineRule } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { configured, managedOnly } from '../support/verdict';
import { failed, outcomesOf, type Problem, shown, undecided, unsetButComputed } from '../support/findings';

/** `Policy-Min-TLS-1-2-2019-07`, `Policy-Min-TLS-1-2-PFS-2023-10`, `Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08`… */
const MODERN_POLICY = /^Policy-Min-TLS-1-[23]-/;
const FIX_ENDPOINT = 'Set `domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" }`.';
const FIX_NODES = 'Set `node_to_node_encryption { enabled = true }`.';

function endpointProblems(domain: Resource): Problem[] {
  const view = configured(domain, domain.attr('domain_endpoint_options'));
  const options = view.block();
  if (options.kind === 'unknown') return [undecided(`domain_endpoint_options is known only after apply. ${FIX_ENDPOINT}`, view)];
  if (options.kind === 'absent') return [failed(`domain_endpoint_options is not set: the endpoint accepts HTTP. ${FIX_ENDPOINT}`, view)];
  const out: Problem[] = [];
  const httpsView = options.value.get('enforce_https');
  const https = httpsView.bool();
  // Left out of the block, enforce_https is true: the provider's schema defaults it so for both
  // resource types (a plan shows the default; a .tf or cdk.tf.json input leaves it unset).
  if (https.kind === 'unknown' && !unsetButComputed(domain, httpsView, 'domain_endpoint_options', 'enforce_https')) {
    out.push(undecided(`enforce_https is known only after apply. ${FIX_ENDPOINT}`, httpsView));
  } else if (https.kind === 'known' && !https.value) {
    out.push(failed(`enforce_https is false: the endpoint accepts HTTP. ${FIX_ENDPOINT}`, httpsView));
  }
  const policyView = options.value.get('tls_security_policy');
  const policy = policyView.string();
  if (policy.kind === 'known') {
    if (!MODERN_POLICY.test(policy.value))
      out.push(failed(`tls_security_policy is ${shown(policyView, policy.value)}, which accepts TLS 1.0/1.1. ${FIX_ENDPOINT}`, policyView));
  } else if (unsetButComputed(domain, policyView, 'domain_endpoint_options', 'tls_security_policy')) {
    out.push(failed(`tls_security_policy is not set, and the AWS default may accept TLS 1.0/1.1. ${FIX_ENDPOINT}`, policyView));
  } else {
    out.push(undecided(`tls_security_policy is known only after apply. ${FIX_ENDPOINT}`, policyView));
  }
  return out;
}

function nodeProblems(domain: Resource): Problem[] {
  const view = configured(domain, domain.attr('node_to_node_encryption'));
  const block = view.block();
  if (block.kind === 'unknown') return [undecided(`node_to_node_encryption is known only after apply. ${FIX_NODES}`, view)];
  const enabledView = block.kind === 'known' ? block.value.get('enabled') : view;
  const enabled = block.kind === 'known' ? enabledView.bool() : block;
  if (enabled.kind === 'unknown') return [undecided(`node_to_node_encryption.enabled is known only after apply. ${FIX_NODES}`, enabledView)];
  if (enabled.kind === 'known' && enabled.value) return [];
  return [
    failed(`node_to_node_encryption is ${enabled.kind === 'known' ? 'disabled' : 'not set'}: nodes exchange data in clear text. ${FIX_NODES}`, enabledView),
  ];
}

export default defineRule({
  id: 'opensearch-transit-encryption',
  title: 'OpenSearch domains enforce HTTPS with TLS 1.2+ and node-to-node encryption',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale: 'A domain endpoint that accepts HTTP or TLS 1.0/1.1, or nodes that talk in clear text, expose indexed data and credentials.',
  remediation:
    'Set `domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" }` and `node_to_node_encryption { enabled = true }`.',
  references: [
    securityHub('Opensearch.3', 'OpenSearch domains should encrypt data sent between nodes'),
    securityHub('Opensearch.8', 'Connections to OpenSearch domains should be encrypted using the latest TLS security policy'),
    securityHub('ES.3', 'Elasticsearch domains should encrypt data sent between nodes'),
    awsDoc('Node-to-node encryption for Amazon OpenSearch Service', 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html'),
  ],
  appliesTo: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  evaluate: managedOnly((domain) => outcomesOf([...endpointProblems(domain), ...nodeProblems(domain)])),
});
