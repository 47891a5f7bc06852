import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Add `encrypt_at_rest { enabled = true }` (with `kms_key_id` for a customer-managed key).';

/** Where each domain type says it encrypts at rest, and how to set it. */
const SWITCHES: Readonly<Record<string, { readonly path: readonly [string, string]; readonly fix: string }>> = {
  aws_opensearch_domain: { path: ['encrypt_at_rest', 'enabled'], fix: FIX },
  aws_elasticsearch_domain: { path: ['encrypt_at_rest', 'enabled'], fix: FIX },
  awscc_opensearchservice_domain: {
    path: ['encryption_at_rest_options', 'enabled'],
    fix: 'Set `encryption_at_rest_options = { enabled = true }` (with `kms_key_id` for a customer-managed key).',
  },
};

/** OpenSearch and Elasticsearch domains encrypt data at rest. */
export default defineRule({
  id: 'opensearch-encrypt-at-rest',
  title: 'OpenSearch and Elasticsearch domains are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'Encryption at rest covers indices, logs, swap and automated snapshots. When `encrypt_at_rest` is omitted, the service default depends on the engine version, which a plan shows as unknown: state it explicitly.',
  remediation: FIX,
  references: [
    securityHub('Opensearch.1', 'OpenSearch domains should have encryption at rest enabled'),
    securityHub('ES.1', 'Elasticsearch domains should have encryption at-rest enabled'),
    awsDoc('Encryption of data at rest for Amazon OpenSearch Service', 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html'),
  ],
  appliesTo: Object.keys(SWITCHES),
  evaluate: managedOnly((domain) => {
    const { path, fix } = SWITCHES[domain.type];
    return requireTrue(setting(domain, ...path), { what: `\`${path.join('.')}\``, fix, absent: 'unknown' });
  }),
});
