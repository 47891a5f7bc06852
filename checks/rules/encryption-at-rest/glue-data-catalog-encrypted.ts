/**
 * The Glue Data Catalog encrypts metadata and connection passwords: set so, and not deleted. The
 * provider's delete of aws_glue_data_catalog_encryption_settings puts empty settings, which turn
 * both off, so a plan that deletes one is judged as one that sets them off
 * (support/account-setting.ts).
 */
import { judgeAccountSetting } from '../support/account-setting';
import { awsDoc } from '../support/references';
import { requireOneOf, requireTrue, setting } from '../support/verdict';
import { defineInputRule, type Outcome } from '../types';
import type { Resource } from '../../model/types';

const FIX =
  'In `data_catalog_encryption_settings`, set `encryption_at_rest { catalog_encryption_mode = "SSE-KMS", sse_aws_kms_key_id = aws_kms_key.<key>.arn }` and `connection_password_encryption { return_connection_password_encrypted = true, aws_kms_key_id = aws_kms_key.<key>.arn }`.';

const KEEP =
  'Keep the resource: to stop managing it without turning encryption off, remove it with a `removed` block and `lifecycle { destroy = false }`; to cover another catalog or Region, add a resource for it beside this one.';

const judge = (settings: Resource): Outcome[] => [
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
];

export default defineInputRule({
  id: 'glue-data-catalog-encrypted',
  title: 'Glue Data Catalog metadata and connection passwords are encrypted',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'The Data Catalog holds table schemas, locations and connection credentials. aws_glue_data_catalog_encryption_settings controls whether that metadata is encrypted with KMS and whether connection passwords are stored encrypted; deleting the resource turns both off, as the provider puts empty settings when it destroys it.',
  remediation: `${FIX} ${KEEP}`,
  references: [
    awsDoc('Encrypting your Data Catalog', 'https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html'),
    awsDoc('Encrypting connection passwords', 'https://docs.aws.amazon.com/glue/latest/dg/encrypt-connection-passwords.html'),
  ],
  appliesTo: 'input',
  evaluate: (input, context) =>
    judgeAccountSetting(
      { type: 'aws_glue_data_catalog_encryption_settings', evaluate: judge, place: ['region', 'catalog_id'], deletes: 'puts empty encryption settings for its catalog: metadata and connection passwords are no longer encrypted', fix: KEEP },
      input,
      context,
    ),
});
