import rule from '../../../checks/rules/encryption-at-rest/glue-data-catalog-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const G = 'aws_glue_data_catalog_encryption_settings.s';
const settings = (mode: string | null, passwords: boolean | null) =>
  res(G, {
    data_catalog_encryption_settings: [
      {
        encryption_at_rest: [{ catalog_encryption_mode: mode, sse_aws_kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }],
        connection_password_encryption: [{ return_connection_password_encrypted: passwords, aws_kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }],
      },
    ],
  });

ruleTable(rule, [
  { name: 'SSE-KMS and encrypted passwords pass', plan: plan([settings('SSE-KMS', true)]), expect: { [G]: 'pass' } },
  { name: 'catalog encryption DISABLED fails', plan: plan([settings('DISABLED', true)]), expect: { [G]: 'fail' }, message: /catalog_encryption_mode/ },
  { name: 'passwords returned unencrypted fail', plan: plan([settings('SSE-KMS', false)]), expect: { [G]: 'fail' }, message: /return_connection_password_encrypted/ },
  { name: 'a mode known only after apply is unknown', plan: plan([res(G, {}, { unknown: { data_catalog_encryption_settings: true }, refs: { data_catalog_encryption_settings: ['var.settings'] } })]), expect: { [G]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_glue_catalog_database.d', { name: 'd' })]), expect: { 'aws_glue_catalog_database.d': 'not-applicable' } },
]);
