import { awsDoc, configRule } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `require_tls = true` on the proxy (awscc: `require_tls`).';

/** RDS Proxy requires TLS of every client connection. */
export default defineRule({
  id: 'rds-proxy-require-tls',
  title: 'RDS proxies require TLS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'An RDS proxy accepts clients in clear text unless `require_tls` is set (the default is false): queries, results and database credentials then cross the network unencrypted between the applications and the proxy, whatever the database requires of the proxy.',
  remediation: FIX,
  references: [
    configRule('rds-proxy-tls-encryption'),
    awsDoc('Using TLS/SSL with RDS Proxy', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.howitworks.html#rds-proxy-security.tls'),
  ],
  appliesTo: ['aws_db_proxy', 'awscc_rds_db_proxy'],
  evaluate: managedOnly((proxy) =>
    requireTrue(setting(proxy, 'require_tls'), {
      what: '`require_tls`',
      fix: FIX,
      absent: 'fail',
      absentMeans: 'false, clients may connect without TLS',
    }),
  ),
});
