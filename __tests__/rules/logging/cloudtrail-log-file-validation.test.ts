import rule from '../../../checks/rules/logging/cloudtrail-log-file-validation';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const T = 'aws_cloudtrail.audit';
const trail = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(T, { name: 'audit', s3_bucket_name: 'audit-logs', is_multi_region_trail: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'validation on passes', plan: plan([trail({ enable_log_file_validation: true })]), expect: { [T]: 'pass' } },
  {
    name: 'validation off fails',
    plan: plan([trail({ enable_log_file_validation: false })]),
    expect: { [T]: 'fail' },
    message: /enable_log_file_validation is false.*Set `enable_log_file_validation = true`/,
  },
  { name: 'validation unset (default false) fails', plan: plan([trail({})]), expect: { [T]: 'fail' }, message: /not set \(default false\)/ },
  {
    name: 'validation known only after apply is unknown',
    plan: plan([trail({}, { enable_log_file_validation: true }, { enable_log_file_validation: ['var.enable_log_file_validation'] })]),
    expect: { [T]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'unknown only because the provider computes it (not written in the configuration) is the default, false',
    plan: plan([trail({}, { enable_log_file_validation: true })]),
    expect: { [T]: 'fail' },
    message: /not set \(default false\)/,
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);
