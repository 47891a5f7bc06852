import rule from '../../../checks/rules/encryption-in-transit/opensearch-transit-encryption';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { ruleStatuses, withFiles } from '../../cli/run';
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

/** One domain of each type as cdk.tf.json writes them (single blocks as objects), with the given `domain_endpoint_options`. */
const cdktfDomains = (endpoint: Record<string, unknown> | undefined) => {
  const body = { domain_name: 'search', node_to_node_encryption: { enabled: true }, ...(endpoint ? { domain_endpoint_options: endpoint } : {}) };
  return buildGraph([parseCdktfDocument({ resource: { aws_opensearch_domain: { search: body }, aws_elasticsearch_domain: { search: body } } }, 'cdk.tf.json')]);
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
  {
    // A `dynamic "node_to_node_encryption"`: the plan's configuration leaves it out (hashicorp/terraform#28346).
    name: 'a dynamic node_to_node_encryption whose enabled is known only after apply is unknown, not "not set"',
    plan: plan([
      res(D, { domain_name: 'search', domain_endpoint_options: [{ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10' }], node_to_node_encryption: [{}] }, {
        unknown: { arn: true, node_to_node_encryption: [{ enabled: true }] },
        expressions: {
          domain_name: { constant_value: 'search' },
          domain_endpoint_options: [{ enforce_https: { constant_value: true }, tls_security_policy: { constant_value: 'Policy-Min-TLS-1-2-PFS-2023-10' } }],
        },
      }),
    ]),
    expect: { [D]: 'unknown' },
    message: /node_to_node_encryption.enabled is known only after apply/,
  },
  {
    name: 'a cdktf domain whose domain_endpoint_options leaves enforce_https out passes: the provider defaults it to true',
    graph: cdktfDomains({ tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10' }),
    expect: { 'aws_opensearch_domain.search': 'pass', 'aws_elasticsearch_domain.search': 'pass' },
  },
  {
    name: 'a cdktf domain with enforce_https = false fails',
    graph: cdktfDomains({ enforce_https: false, tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10' }),
    expect: { 'aws_opensearch_domain.search': 'fail', 'aws_elasticsearch_domain.search': 'fail' },
    message: /enforce_https is false/,
  },
  {
    name: 'a cdktf domain with no domain_endpoint_options still fails (the API leaves HTTP open)',
    graph: cdktfDomains(undefined),
    expect: { 'aws_opensearch_domain.search': 'fail', 'aws_elasticsearch_domain.search': 'fail' },
    message: /domain_endpoint_options is not set|tls_security_policy/,
  },
  {
    // Both blocks are Optional+Computed: a plan marks a block the code never writes as known only after apply.
    name: 'a plan whose code writes neither block fails on both, as the .tf does (AWS defaults: HTTP accepted, nodes in clear text)',
    plan: plan([
      res(D, { domain_name: 'search', engine_version: 'OpenSearch_2.13' }, { unknown: { arn: true, id: true, endpoint: true, domain_endpoint_options: true, node_to_node_encryption: true } }),
    ]),
    expect: { [D]: 'fail' },
    message: /^(domain_endpoint_options is not set: the endpoint accepts HTTP|node_to_node_encryption is not set: nodes exchange data in clear text)\./,
  },
  {
    name: 'a block the code writes from values known only after apply stays unknown',
    plan: plan([
      res(D, { domain_name: 'search', domain_endpoint_options: [{ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10' }] }, {
        unknown: { arn: true, node_to_node_encryption: true },
        expressions: {
          domain_name: { constant_value: 'search' },
          domain_endpoint_options: [{ enforce_https: { constant_value: true }, tls_security_policy: { constant_value: 'Policy-Min-TLS-1-2-PFS-2023-10' } }],
          node_to_node_encryption: [{ enabled: { references: ['var.node_to_node'] } }],
        },
      }),
    ]),
    expect: { [D]: 'unknown' },
    message: /node_to_node_encryption is known only after apply/,
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

it('a .tf domain_endpoint_options block without enforce_https passes (the provider default is true); enforce_https = false fails', async () => {
  const tf = (https: string) => `resource "aws_opensearch_domain" "search" {
  domain_name = "twin-search"
  node_to_node_encryption { enabled = true }
  domain_endpoint_options {
    ${https}
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}
`;
  const statuses = (https: string) => withFiles({ 'main.tf': tf(https) }, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']));
  expect(await statuses('')).toEqual({});
  expect(await statuses('enforce_https = false')).toEqual({ 'aws_opensearch_domain.search': 'fail' });
});
