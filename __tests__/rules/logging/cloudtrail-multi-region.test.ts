import rule from '../../../checks/rules/logging/cloudtrail-multi-region';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const T = 'aws_cloudtrail.audit';
const trail = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(T, { name: 'audit', s3_bucket_name: 'audit-logs', enable_log_file_validation: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  {
    name: 'a multi-Region trail with global service events passes',
    plan: plan([trail({ is_multi_region_trail: true, include_global_service_events: true })]),
    expect: { [T]: 'pass' },
  },
  {
    name: 'include_global_service_events unset (default true) passes',
    plan: plan([trail({ is_multi_region_trail: true })]),
    expect: { [T]: 'pass' },
  },
  {
    name: 'a single-Region trail fails',
    plan: plan([trail({ is_multi_region_trail: false, include_global_service_events: true })]),
    expect: { [T]: 'fail' },
    message: /is_multi_region_trail is false/,
  },
  { name: 'is_multi_region_trail unset (default false) fails', plan: plan([trail({})]), expect: { [T]: 'fail' } },
  {
    name: 'global service events off fails',
    plan: plan([trail({ is_multi_region_trail: true, include_global_service_events: false })]),
    expect: { [T]: 'fail' },
    message: /include_global_service_events is false/,
  },
  {
    name: 'is_multi_region_trail known only after apply is unknown',
    plan: plan([trail({}, { is_multi_region_trail: true }, { is_multi_region_trail: ['var.is_multi_region_trail'] })]),
    expect: { [T]: 'unknown' },
  },
  {
    name: 'a trail that is not logging fails',
    plan: plan([trail({ is_multi_region_trail: true, enable_logging: false })]),
    expect: { [T]: 'fail' },
    message: /enable_logging is false: the trail records nothing/,
  },
  { name: 'enable_logging unset (default true) passes', plan: plan([trail({ is_multi_region_trail: true })]), expect: { [T]: 'pass' } },
  {
    name: 'an awscc trail with is_logging = false fails',
    plan: plan([res('awscc_cloudtrail_trail.t', { trail_name: 't', s3_bucket_name: 'audit-logs', is_logging: false, is_multi_region_trail: true }, { unknown: { arn: true, id: true } })]),
    expect: { 'awscc_cloudtrail_trail.t': 'fail' },
    message: /is_logging is false/,
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);
