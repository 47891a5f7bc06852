import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Add `encrypt_at_rest { enabled = true }` (with `kms_key_id` for a customer-managed key).';

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
  appliesTo: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  evaluate: managedOnly((domain) =>
    requireTrue(setting(domain, 'encrypt_at_rest', 'enabled'), { what: '`encrypt_at_rest.enabled`', fix: FIX, absent: 'unknown' }),
  ),
});
