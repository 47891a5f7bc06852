import rule from '../../../checks/rules/encryption-at-rest/glue-data-catalog-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const G = 'aws_glue_data_catalog_encryption_settings.s';
const values = (mode: string | null, passwords: boolean | null) => ({
  catalog_id: '123456789012',
  data_catalog_encryption_settings: [
    {
      encryption_at_rest: [{ catalog_encryption_mode: mode, sse_aws_kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }],
      connection_password_encryption: [{ return_connection_password_encrypted: passwords, aws_kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }],
    },
  ],
});
const settings = (mode: string | null, passwords: boolean | null, actions?: string[]) => res(G, values(mode, passwords), actions ? { actions } : {});

/** A plan whose change of `address` says which attributes force its replacement. */
function replacedBy(document: Record<string, unknown>, address: string, paths: string[][]): Record<string, unknown> {
  const changes = document.resource_changes as Record<string, unknown>[];
  return { ...document, resource_changes: changes.map((c) => (c.address === address ? { ...c, change: { ...(c.change as object), replace_paths: paths } } : c)) };
}

ruleTable(rule, [
  { name: 'SSE-KMS and encrypted passwords pass', plan: plan([settings('SSE-KMS', true)]), expect: { 'plan.json': 'pass' } },
  { name: 'catalog encryption DISABLED fails', plan: plan([settings('DISABLED', true)]), expect: { [G]: 'fail' }, message: /catalog_encryption_mode/ },
  { name: 'passwords returned unencrypted fail', plan: plan([settings('SSE-KMS', false)]), expect: { [G]: 'fail' }, message: /return_connection_password_encrypted/ },
  { name: 'a mode known only after apply is unknown', plan: plan([res(G, {}, { unknown: { data_catalog_encryption_settings: true }, refs: { data_catalog_encryption_settings: ['var.settings'] } })]), expect: { [G]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_glue_catalog_database.d', { name: 'd' })]), expect: { 'plan.json': 'not-applicable' } },
  {
    name: 'deleting the settings fails: the provider puts empty settings',
    plan: plan([], { deleted: [settings('SSE-KMS', true)] }),
    expect: { [G]: 'fail' },
    message: /^The plan deletes this resource, and the provider's delete puts empty encryption settings for its catalog/,
  },
  { name: 'removing them from state without destroying them (forget) does not fail', plan: plan([settings('SSE-KMS', true, ['forget'])]), expect: { 'plan.json': 'not-applicable' } },
  {
    name: 'a replacement for another catalog fails: the old catalog is left unencrypted',
    plan: replacedBy(plan([settings('SSE-KMS', true, ['delete', 'create'])]), G, [['catalog_id']]),
    expect: { [G]: 'fail' },
    message: /replaces this resource to change `catalog_id`/,
  },
  { name: 'a create-before-destroy replacement fails: the old object is deleted last', plan: plan([settings('SSE-KMS', true, ['create', 'delete'])]), expect: { [G]: 'fail' }, message: /deleted last/ },
  { name: 'a replacement in place is judged by the new values', plan: plan([settings('SSE-KMS', true, ['delete', 'create'])]), expect: { 'plan.json': 'pass' } },
]);
