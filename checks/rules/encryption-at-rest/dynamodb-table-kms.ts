import { awsDoc, configRule } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Add `server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.<key>.arn }` (without `kms_key_arn`, the AWS-managed key aws/dynamodb is used).';

/** Where each table type says it encrypts under a KMS key, and how to set it. */
const SWITCHES: Readonly<Record<string, { readonly path: readonly [string, string]; readonly fix: string }>> = {
  aws_dynamodb_table: { path: ['server_side_encryption', 'enabled'], fix: FIX },
  awscc_dynamodb_table: {
    path: ['sse_specification', 'sse_enabled'],
    fix: 'Set `sse_specification = { sse_enabled = true, sse_type = "KMS", kms_master_key_id = awscc_kms_key.<key>.arn }` (without `kms_master_key_id`, the AWS-managed key aws/dynamodb is used).',
  },
  // A global table switches KMS on for every replica; each replica may name its own key (`replicas[].sse_specification`).
  awscc_dynamodb_global_table: {
    path: ['sse_specification', 'sse_enabled'],
    fix: 'Set `sse_specification = { sse_enabled = true, sse_type = "KMS" }`, with `sse_specification = { kms_master_key_id = … }` in each replica for a customer-managed key (without it, the AWS-managed key aws/dynamodb is used).',
  },
};

/** DynamoDB tables encrypt under a KMS key of the account rather than the AWS-owned key. */
export default defineRule({
  id: 'dynamodb-table-kms',
  title: 'DynamoDB tables are encrypted with a KMS key in the account',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'DynamoDB always encrypts at rest, by default with an AWS-owned key that is invisible to the account: its use is not logged in CloudTrail and no key policy can restrict or revoke it. `server_side_encryption { enabled = true }` moves the table to a KMS key in the account (AWS-managed aws/dynamodb, or a customer-managed key with `kms_key_arn`), which makes every use auditable.',
  remediation: FIX,
  references: [
    configRule('dynamodb-table-encrypted-kms'),
    awsDoc('DynamoDB encryption at rest', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html'),
  ],
  appliesTo: Object.keys(SWITCHES),
  evaluate: managedOnly((table) => {
    const { path, fix } = SWITCHES[table.type];
    return requireTrue(setting(table, ...path), {
      what: `\`${path.join('.')}\``,
      fix,
      absent: 'fail',
      absentMeans: 'the AWS-owned key, whose use the account cannot see or control',
    });
  }),
});
