import { awsDoc } from '../support/references';
import { managedOnly, requireOneOf, requireTrue, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX =
  'In `data_catalog_encryption_settings`, set `encryption_at_rest { catalog_encryption_mode = "SSE-KMS", sse_aws_kms_key_id = aws_kms_key.<key>.arn }` and `connection_password_encryption { return_connection_password_encrypted = true, aws_kms_key_id = aws_kms_key.<key>.arn }`.';

/** The Glue Data Catalog encrypts metadata and connection passwords. */
export default defineRule({
  id: 'glue-data-catalog-encrypted',
  title: 'Glue Data Catalog metadata and connection passwords are encrypted',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'The Data Catalog holds table schemas, locations and connection credentials. aws_glue_data_catalog_encryption_settings controls whether that metadata is encrypted with KMS and whether connection passwords are stored encrypted.',
  remediation: FIX,
  references: [
    awsDoc('Encrypting your Data Catalog', 'https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html'),
    awsDoc('Encrypting connection passwords', 'https://docs.aws.amazon.com/glue/latest/dg/encrypt-connection-passwords.html'),
  ],
  appliesTo: ['aws_glue_data_catalog_encryption_settings'],
  evaluate: managedOnly((settings) => [
    requireOneOf(setting(settings, 'data_catalog_encryption_settings', 'encryption_at_rest', 'catalog_encryption_mode'), ['SSE-KMS', 'SSE-KMS-WITH-SERVICE-ROLE'], {
      what: '`encryption_at_rest.catalog_encryption_mode`',
      fix: FIX,
      absent: 'fail',
    }),
    requireTrue(setting(settings, 'data_catalog_encryption_settings', 'connection_password_encryption', 'return_connection_password_encrypted'), {
      what: '`connection_password_encryption.return_connection_password_encrypted`',
      fix: FIX,
      absent: 'fail',
      absentMeans: 'connection passwords stored in clear',
    }),
  ]),
});
