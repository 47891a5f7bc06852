/**
 * CloudTrail trails deliver their events to CloudWatch Logs too (Security Hub CloudTrail.5, CIS
 * AWS Foundations): there, metric filters and alarms see an unauthorised call, a root login or a
 * disabled key within minutes, where the S3 log files are read, if ever, after the fact.
 *
 * Opt-in (`rules.enable` in the configuration): it costs a log group, a role and ingestion, and
 * the brief's trails deliver to S3 only. A trail needs both the log group (`cloud_watch_logs_group_arn`;
 * awscc `cloud_watch_logs_log_group_arn`) and the role CloudTrail writes with
 * (`cloud_watch_logs_role_arn`). A value known only after apply counts as set when it references a
 * resource of the input of the right type (a new log group's ARN, a new role's); otherwise it is
 * unknown. A trail whose logging is off is judged all the same: its settings are what a re-enabled
 * trail uses.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { failed, outcomesOf, undecided, type Problem } from '../support/findings';
import { awsDoc, securityHub } from '../support/references';
import { TRAIL_TYPES } from '../support/s3';
import { managedOnly, setting } from '../support/verdict';
import { madeFrom } from '../support/links';
import { defineRule } from '../types';

const FIX =
  'Give the trail an encrypted `aws_cloudwatch_log_group` and a role CloudTrail can assume to write to it: `cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"` and `cloud_watch_logs_role_arn = aws_iam_role.trail_to_logs.arn` (awscc: `cloud_watch_logs_log_group_arn`, `cloud_watch_logs_role_arn`).';

/** The two settings per trail type, and the resource types a reference may name. */
const SETTINGS: Readonly<Record<string, readonly { readonly attribute: string; readonly what: string; readonly types: readonly string[] }[]>> = {
  aws_cloudtrail: [
    { attribute: 'cloud_watch_logs_group_arn', what: 'the log group', types: ['aws_cloudwatch_log_group', 'awscc_logs_log_group'] },
    { attribute: 'cloud_watch_logs_role_arn', what: 'the role it writes with', types: ['aws_iam_role', 'awscc_iam_role'] },
  ],
  awscc_cloudtrail_trail: [
    { attribute: 'cloud_watch_logs_log_group_arn', what: 'the log group', types: ['aws_cloudwatch_log_group', 'awscc_logs_log_group'] },
    { attribute: 'cloud_watch_logs_role_arn', what: 'the role it writes with', types: ['aws_iam_role', 'awscc_iam_role'] },
  ],
};

function problemOf(graph: Graph, trail: Resource, view: ValueView, attribute: string, what: string, types: readonly string[]): Problem[] {
  const value = view.string();
  if (value.kind === 'known' && value.value !== '') return [];
  if (value.kind === 'unknown') {
    const target = graph.resolve(trail, view.path, types);
    if (target.status === 'resources') return [];
    const why = madeFrom(target) ?? `references no ${types.join(' or ')} of the input`;
    return [undecided(`\`${attribute}\` (${what}) is known only after apply and ${why}, so the gate cannot tell that the trail delivers to CloudWatch Logs. ${FIX}`, view)];
  }
  return [failed(`\`${attribute}\` (${what}) is not set: the trail's events reach S3 only, where no metric filter or alarm sees them. ${FIX}`, view)];
}

export default defineRule({
  id: 'cloudtrail-cloudwatch-logs',
  title: 'CloudTrail trails deliver to CloudWatch Logs',
  category: 'logging',
  severity: 'low',
  optIn: true,
  rationale:
    'CloudWatch Logs lets metric filters and alarms react to an unauthorised API call, a root login or a key scheduled for deletion within minutes; the log files in S3 are read after the fact, if ever.',
  remediation: FIX,
  references: [
    securityHub('CloudTrail.5', 'CloudTrail trails should be integrated with Amazon CloudWatch Logs'),
    awsDoc('Sending CloudTrail events to CloudWatch Logs', 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html'),
  ],
  appliesTo: TRAIL_TYPES,
  evaluate: managedOnly((trail, { graph }) =>
    outcomesOf((SETTINGS[trail.type] ?? []).flatMap(({ attribute, what, types }) => problemOf(graph, trail, setting(trail, attribute), attribute, what, types))),
  ),
});
