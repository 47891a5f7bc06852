import rule from '../../../checks/rules/logging/cloudtrail-cloudwatch-logs';
import { check } from '../../../checks/check';
import { DEFAULT_CONFIG } from '../../../checks/config';
import { parsePlanDocument } from '../../../checks/model/plan';
import { plan, res } from '../../helpers/plan-builder';
import { ref } from '../encryption-at-rest/fixtures';
import { ruleTable } from '../../helpers/rule-table';

const T = 'aws_cloudtrail.audit';
const GROUP = 'arn:aws:logs:eu-west-1:111111111111:log-group:cloudtrail:*';
const ROLE = 'arn:aws:iam::111111111111:role/trail-to-logs';
const trail = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(T, { name: 'audit', s3_bucket_name: 'audit-logs', is_multi_region_trail: true, enable_log_file_validation: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });
const group = res('aws_cloudwatch_log_group.trail', { name: 'cloudtrail' }, { unknown: { arn: true } });
const role = res('aws_iam_role.trail_to_logs', { name: 'trail-to-logs' }, { unknown: { arn: true } });

ruleTable(rule, [
  { name: 'cloudtrail-cloudwatch-logs: a trail with a log group and a role passes', plan: plan([trail({ cloud_watch_logs_group_arn: GROUP, cloud_watch_logs_role_arn: ROLE })]), expect: { [T]: 'pass' } },
  {
    name: 'a new log group and a new role of the input (known only after apply) pass',
    plan: plan([group, role, trail({}, { cloud_watch_logs_group_arn: true, cloud_watch_logs_role_arn: true }, { cloud_watch_logs_group_arn: ref('aws_cloudwatch_log_group.trail', 'arn'), cloud_watch_logs_role_arn: ref('aws_iam_role.trail_to_logs', 'arn') })]),
    expect: { [T]: 'pass' },
  },
  { name: 'no log group and no role fails', plan: plan([trail({})]), expect: { [T]: 'fail' }, message: /^`cloud_watch_logs_(group|role)_arn` \(the (log group|role it writes with)\) is not set: the trail's events reach S3 only/ },
  { name: 'a role without a log group fails', plan: plan([trail({ cloud_watch_logs_role_arn: ROLE })]), expect: { [T]: 'fail' }, message: /cloud_watch_logs_group_arn/ },
  { name: 'an empty log group ARN is not set', plan: plan([trail({ cloud_watch_logs_group_arn: '', cloud_watch_logs_role_arn: ROLE })]), expect: { [T]: 'fail' } },
  {
    name: 'a value known only after apply that references nothing of the input is unknown',
    plan: plan([trail({ cloud_watch_logs_role_arn: ROLE }, { cloud_watch_logs_group_arn: true }, { cloud_watch_logs_group_arn: ['var.log_group_arn'] })]),
    expect: { [T]: 'unknown' },
    message: /known only after apply and references no aws_cloudwatch_log_group or awscc_logs_log_group/,
  },
  {
    name: 'an awscc trail: its own attribute names',
    plan: plan([res('awscc_cloudtrail_trail.t', { trail_name: 't', s3_bucket_name: 'b', is_logging: true, cloud_watch_logs_log_group_arn: GROUP, cloud_watch_logs_role_arn: ROLE }, { unknown: { arn: true } }), res('awscc_cloudtrail_trail.u', { trail_name: 'u', s3_bucket_name: 'b', is_logging: true }, { unknown: { arn: true } })]),
    expect: { 'awscc_cloudtrail_trail.t': 'pass', 'awscc_cloudtrail_trail.u': 'fail' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

describe('cloudtrail-cloudwatch-logs is opt-in', () => {
  const enabled = { ...DEFAULT_CONFIG, rules: { ...DEFAULT_CONFIG.rules, enable: [rule.id] } };
  it('reports each missing setting on its own path', () => {
    const findings = check([parsePlanDocument(plan([trail({})]), 'plan.json')], enabled, { today: '2026-11-29' }).report.findings.filter((f) => f.ruleId === rule.id);
    expect(findings.map((f) => [f.address, f.path, f.status])).toEqual([
      [T, 'cloud_watch_logs_group_arn', 'fail'],
      [T, 'cloud_watch_logs_role_arn', 'fail'],
    ]);
  });

  const input = () => parsePlanDocument(plan([trail({})]), 'plan.json');
  it('does not run unless the configuration enables it', () => {
    const ids = (config: typeof DEFAULT_CONFIG) => check([input()], config, { today: '2026-11-29' }).report.findings.map((f) => f.ruleId);
    expect(ids(DEFAULT_CONFIG)).not.toContain(rule.id);
    expect(ids(enabled)).toContain(rule.id);
  });
});
