/**
 * CloudTrail trails are logging, and record every Region and the global services (IAM, STS,
 * CloudFront), so an action in a Region nobody watches still leaves a trace. A trail that is not
 * logging passes every other trail rule and records nothing (Security Hub CloudTrail.1 asks for a
 * trail that is enabled).
 */
import { TRAIL_TYPES } from '../support/s3';
import { defineRule } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, setting } from '../support/verdict';
import { mustBeTrue, outcomesOf } from '../support/findings';

/** Where each trail type says whether it is logging. */
const LOGGING_ATTRIBUTE: Readonly<Record<string, string>> = { aws_cloudtrail: 'enable_logging', awscc_cloudtrail_trail: 'is_logging' };

export default defineRule({
  id: 'cloudtrail-multi-region',
  title: 'CloudTrail trails are logging, multi-Region and include global service events',
  category: 'logging',
  severity: 'medium',
  rationale:
    'A trail that is not logging records nothing, a single-Region trail misses API activity in every other Region, and a trail without global service events misses IAM and STS calls: the places an intruder goes first.',
  remediation: 'Leave `enable_logging` at its default (true; `is_logging = true` on an `awscc_cloudtrail_trail`), set `is_multi_region_trail = true` and leave `include_global_service_events` at its default (true).',
  references: [
    securityHub(
      'CloudTrail.1',
      'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events'
    ),
    awsDoc(
      'Working with CloudTrail trails: multi-Region trails',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-regional-and-multi-region-trails'
    ),
  ],
  appliesTo: TRAIL_TYPES,
  evaluate: managedOnly((trail) => {
    const logging = LOGGING_ATTRIBUTE[trail.type];
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
    ]);
  }),
});
