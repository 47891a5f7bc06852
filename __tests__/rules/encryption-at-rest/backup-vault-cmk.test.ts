import rule from '../../../checks/rules/encryption-at-rest/backup-vault-cmk';
import { tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { kmsKey, ref } from './fixtures';

const V = 'aws_backup_vault.v';
const CC = 'awscc_backup_backup_vault.v';
const LAG = 'aws_backup_logically_air_gapped_vault.v';
const airGapped = (options: Parameters<typeof res>[2] = {}) => res(LAG, { name: 'v', min_retention_days: 7, max_retention_days: 30 }, { ...options, unknown: { arn: true, ...options.unknown } });

ruleTable(rule, [
  { name: 'a key of the plan passes', plan: plan([kmsKey('aws_kms_key.k'), res(V, { name: 'v' }, { unknown: { kms_key_arn: true }, refs: { kms_key_arn: ref('aws_kms_key.k', 'arn') } })]), expect: { [V]: 'pass' } },
  { name: 'no key (aws/backup) fails', plan: plan([res(V, { name: 'v' })]), expect: { [V]: 'fail' }, message: /aws\/backup/ },
  { name: 'a key the configuration does not set, computed in a plan, is aws/backup: fail', plan: plan([res(V, { name: 'v' }, { unknown: { kms_key_arn: true } })]), expect: { [V]: 'fail' } },
  { name: 'a key known only after apply that the graph cannot follow is unknown', plan: plan([res(V, { name: 'v' }, { unknown: { kms_key_arn: true }, refs: { kms_key_arn: ['var.key'] } })]), expect: { [V]: 'unknown' } },
  {
    name: 'an awscc vault with a key of the plan (encryption_key_arn) passes',
    plan: plan([kmsKey('aws_kms_key.k'), res(CC, { backup_vault_name: 'v' }, { unknown: { encryption_key_arn: true }, refs: { encryption_key_arn: ref('aws_kms_key.k', 'arn') } })]),
    expect: { [CC]: 'pass' },
  },
  {
    name: 'an awscc vault whose configuration sets no key (computed in the plan) fails, naming encryption_key_arn',
    plan: plan([res(CC, { backup_vault_name: 'v' }, { unknown: { encryption_key_arn: true } })]),
    expect: { [CC]: 'fail' },
    message: /`encryption_key_arn` is not set, so the default applies: the AWS-managed key aws\/backup/,
  },
  // Sweep h2: a logically air-gapped vault is encrypted "with either an AWS owned key (default) or optionally with a customer-managed KMS key".
  {
    name: 'a logically air-gapped vault without `encryption_key_arn` fails, naming the AWS owned key',
    plan: plan([airGapped({ unknown: { encryption_key_arn: true } })]),
    expect: { [LAG]: 'fail' },
    message: /`encryption_key_arn` is not set, so the default applies: an AWS owned key/,
  },
  {
    name: 'a logically air-gapped vault with a key of the plan passes',
    plan: plan([kmsKey('aws_kms_key.k'), airGapped({ unknown: { encryption_key_arn: true }, refs: { encryption_key_arn: ref('aws_kms_key.k', 'arn') } })]),
    expect: { [LAG]: 'pass' },
  },
  // Its awscc twin, AWS::Backup::LogicallyAirGappedBackupVault: awscc computes `encryption_key_arn` when the configuration leaves it unset.
  {
    name: 'an awscc logically air-gapped vault without `encryption_key_arn` (computed) fails, naming the AWS owned key; one with a key of the plan passes',
    plan: plan([
      res('awscc_backup_logically_air_gapped_backup_vault.v', { backup_vault_name: 'v', min_retention_days: 7, max_retention_days: 30 }, { unknown: { backup_vault_arn: true, encryption_key_arn: true } }),
      kmsKey('aws_kms_key.k'),
      res('awscc_backup_logically_air_gapped_backup_vault.sealed', { backup_vault_name: 'sealed', min_retention_days: 7, max_retention_days: 30 }, { unknown: { backup_vault_arn: true, encryption_key_arn: true }, refs: { encryption_key_arn: ref('aws_kms_key.k', 'arn') } }),
    ]),
    expect: { 'awscc_backup_logically_air_gapped_backup_vault.v': 'fail', 'awscc_backup_logically_air_gapped_backup_vault.sealed': 'pass' },
    message: /`encryption_key_arn` is not set, so the default applies: an AWS owned key/,
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_backup_plan.p', { name: 'p' })]), expect: { 'aws_backup_plan.p': 'not-applicable' } },
]);

describe('backup-vault-cmk: an awscc logically air-gapped vault written in code', () => {
  it('.tf: one without `encryption_key_arn` fails; one naming a key of the configuration passes', async () => {
    const graph = await tfGraph(`resource "aws_kms_key" "k" {
  description = "vault"
}
resource "awscc_backup_logically_air_gapped_backup_vault" "v" {
  backup_vault_name  = "v"
  min_retention_days = 7
  max_retention_days = 30
}
resource "awscc_backup_logically_air_gapped_backup_vault" "sealed" {
  backup_vault_name  = "sealed"
  min_retention_days = 7
  max_retention_days = 30
  encryption_key_arn = aws_kms_key.k.arn
}
`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'awscc_backup_logically_air_gapped_backup_vault.v': 'fail', 'awscc_backup_logically_air_gapped_backup_vault.sealed': 'pass' });
  });
});
