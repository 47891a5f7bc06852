import rule from '../../../checks/rules/encryption-in-transit/opensearch-transit-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const D = 'aws_opensearch_domain.search';
interface Parts {
  https?: boolean | null;
  policy?: string | null;
  nodes?: boolean | null;
  unknown?: Record<string, unknown>;
  refs?: Record<string, string[]>;
  type?: string;
}
const domain = (parts: Parts = {}) => {
  const options: Record<string, unknown> = {};
  if (parts.https !== null) options.enforce_https = parts.https ?? true;
  if (parts.policy !== null) options.tls_security_policy = parts.policy ?? 'Policy-Min-TLS-1-2-PFS-2023-10';
  return res(
    `${parts.type ?? 'aws_opensearch_domain'}.search`,
    { domain_name: 'search', domain_endpoint_options: [options], ...(parts.nodes === null ? {} : { node_to_node_encryption: [{ enabled: parts.nodes ?? true }] }) },
    { unknown: { arn: true, id: true, endpoint: true, ...parts.unknown }, refs: parts.refs },
  );
};

ruleTable(rule, [
  { name: 'HTTPS enforced, TLS 1.2 PFS policy and node-to-node encryption pass', plan: plan([domain()]), expect: { [D]: 'pass' } },
  { name: 'an Elasticsearch domain is checked the same way', plan: plan([domain({ type: 'aws_elasticsearch_domain', nodes: false })]), expect: { 'aws_elasticsearch_domain.search': 'fail' } },
  { name: 'enforce_https false fails', plan: plan([domain({ https: false })]), expect: { [D]: 'fail' }, message: /enforce_https is false/ },
  { name: 'Policy-Min-TLS-1-0-2019-07 fails', plan: plan([domain({ policy: 'Policy-Min-TLS-1-0-2019-07' })]), expect: { [D]: 'fail' }, message: /"Policy-Min-TLS-1-0-2019-07"/ },
  { name: 'tls_security_policy unset fails', plan: plan([domain({ policy: null })]), expect: { [D]: 'fail' }, message: /tls_security_policy is not set/ },
  { name: 'node-to-node encryption off fails', plan: plan([domain({ nodes: false })]), expect: { [D]: 'fail' }, message: /node_to_node_encryption is disabled/ },
  { name: 'node-to-node encryption unset fails', plan: plan([domain({ nodes: null })]), expect: { [D]: 'fail' }, message: /node_to_node_encryption is not set/ },
  {
    name: 'enforce_https from a variable, known only after apply, is unknown',
    plan: plan([
      res(D, { domain_name: 'search', domain_endpoint_options: [{ tls_security_policy: 'Policy-Min-TLS-1-2-2019-07' }], node_to_node_encryption: [{ enabled: true }] }, {
        unknown: { arn: true, domain_endpoint_options: [{ enforce_https: true }] },
        expressions: {
          domain_name: { constant_value: 'search' },
          domain_endpoint_options: [{ enforce_https: { references: ['var.https'] }, tls_security_policy: { constant_value: 'Policy-Min-TLS-1-2-2019-07' } }],
          node_to_node_encryption: [{ enabled: { constant_value: true } }],
        },
      }),
    ]),
    expect: { [D]: 'unknown' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);
