/**
 * CloudTrail trails are logging, and record every Region, the global services (IAM, STS,
 * CloudFront) and every management event, read and write, so an action in a Region nobody watches
 * still leaves a trace. A trail that is not logging passes every other trail rule and records
 * nothing (Security Hub CloudTrail.1 asks for a trail that is enabled); event selectors that keep
 * only reads, only writes or leave a service out fail CloudTrail.1 too (`support/trail-events.ts`),
 * unless another trail of the input is logging, multi-Region and records every management event
 * (CloudTrail.1 asks for at least one).
 */
import { TRAIL_TYPES } from '../support/s3';
import { defineRule } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, setting } from '../support/verdict';
import { mustBeTrue, outcomesOf } from '../support/findings';
import { accountRecordsManagementEvents, managementEventProblems, SELECTOR_NAMES } from '../support/trail-events';


export default defineRule({
  id: 'cloudtrail-multi-region',
  title: 'CloudTrail trails are logging, multi-Region and record global service events and all management events',
  category: 'logging',
  severity: 'medium',
  rationale:
    'A trail that is not logging records nothing, a single-Region trail misses API activity in every other Region, a trail without global service events misses IAM and STS calls, and event selectors that keep only reads, only writes or leave out a service (KMS is the usual one) miss the calls that change or reveal the account: the places an intruder goes first.',
  remediation:
    'Leave `enable_logging` at its default (true; `is_logging = true` on an `awscc_cloudtrail_trail`), set `is_multi_region_trail = true`, leave `include_global_service_events` at its default (true), and let the event selectors record every management event: `read_write_type = "All"` and `include_management_events = true` with no `exclude_management_event_sources` (or an advanced selector on `eventCategory = Management` with no `readOnly` or `eventSource` field).',
  references: [
    securityHub(
      'CloudTrail.1',
      'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events'
    ),
    awsDoc('AWS Config: multi-region-cloudtrail-enabled', 'https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloud-trail-enabled.html'),
    awsDoc(
      'Working with CloudTrail trails: multi-Region trails',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-regional-and-multi-region-trails'
    ),
  ],
  appliesTo: TRAIL_TYPES,
  evaluate: managedOnly((trail, { graph }) => {
    const logging = SELECTOR_NAMES[trail.type].logging;
    return outcomesOf([
      // `enable_logging` defaults to true; awscc's `is_logging` is required (a missing one is judged as off).
      ...mustBeTrue(setting(trail, logging), {
        what: logging,
        consequence: 'the trail records nothing',
        fix: `Set \`${logging} = true\`.`,
        defaultValue: trail.type === 'aws_cloudtrail',
      }),
      ...mustBeTrue(setting(trail, 'is_multi_region_trail'), {
        what: 'is_multi_region_trail',
        consequence: 'API activity in other Regions is not recorded',
        fix: 'Set `is_multi_region_trail = true`.',
        defaultValue: false,
      }),
      ...mustBeTrue(setting(trail, 'include_global_service_events'), {
        what: 'include_global_service_events',
        consequence: 'IAM, STS and CloudFront calls are not recorded',
        fix: 'Remove `include_global_service_events = false` (the default is true).',
        defaultValue: true,
      }),
      // CloudTrail.1 asks for one trail that records every management event: beside it, a trail kept
      // for data events need not record them again.
      ...(accountRecordsManagementEvents(graph, trail) ? [] : managementEventProblems(trail)),
    ]);
  }),
});
