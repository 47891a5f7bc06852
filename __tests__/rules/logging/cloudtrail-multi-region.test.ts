import rule from '../../../checks/rules/logging/cloudtrail-multi-region';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const T = 'aws_cloudtrail.audit';
const trail = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(T, { name: 'audit', s3_bucket_name: 'audit-logs', enable_log_file_validation: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

const G = { is_multi_region_trail: true, include_global_service_events: true };
const selector = (own: Record<string, unknown> = {}) => ({ read_write_type: 'All', include_management_events: true, exclude_management_event_sources: [], data_resource: [], ...own });
const field = (name: string, equals: string[]) => ({ field: name, equals, not_equals: [], starts_with: [], not_starts_with: [], ends_with: [], not_ends_with: [] });
const advanced = (...fields: Record<string, unknown>[]) => ({ name: 'selector', field_selector: fields });
const MGMT = field('eventCategory', ['Management']);
const source = (operators: Record<string, string[]>) => ({ ...field('eventSource', []), ...operators });
const KMS = 'kms.amazonaws.com';
const RDS = 'rdsdata.amazonaws.com';
const DATA = [field('eventCategory', ['Data']), field('resources.type', ['AWS::S3::Object'])];

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
  {
    name: 'an event selector recording every management event, with S3 data events, passes',
    plan: plan([trail({ ...G, event_selector: [selector({ data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::data/'] }] })] })]),
    expect: { [T]: 'pass' },
  },
  {
    name: 'an empty event selector list (the default: every management event) passes',
    plan: plan([trail({ ...G, event_selector: [], advanced_event_selector: [] })]),
    expect: { [T]: 'pass' },
  },
  {
    name: 'a ReadOnly and a WriteOnly selector together record both and pass',
    plan: plan([trail({ ...G, event_selector: [selector({ read_write_type: 'ReadOnly' }), selector({ read_write_type: 'WriteOnly' })] })]),
    expect: { [T]: 'pass' },
  },
  {
    name: 'a WriteOnly selector fails: reads go unrecorded',
    plan: plan([trail({ ...G, event_selector: [selector({ read_write_type: 'WriteOnly' })] })]),
    expect: { [T]: 'fail' },
    message: /record no read management events \(only write\)/,
  },
  {
    name: 'a ReadOnly selector fails: writes go unrecorded',
    plan: plan([trail({ ...G, event_selector: [selector({ read_write_type: 'ReadOnly' })] })]),
    expect: { [T]: 'fail' },
    message: /record no write management events \(only read\)/,
  },
  {
    name: 'selectors for data events only fail: no management event is recorded',
    plan: plan([trail({ ...G, event_selector: [selector({ include_management_events: false, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] })] })]),
    expect: { [T]: 'fail' },
    message: /record no management events/,
  },
  {
    name: 'excluding KMS events fails (as the AWS Config rule does)',
    plan: plan([trail({ ...G, event_selector: [selector({ exclude_management_event_sources: ['kms.amazonaws.com'] })] })]),
    expect: { [T]: 'fail' },
    message: /leave management events out \(exclude_management_event_sources "kms.amazonaws.com"\)/,
  },
  {
    name: 'a selector known only after apply is unknown',
    plan: plan([trail({ ...G, event_selector: [selector()] }, { event_selector: [{ read_write_type: true }] }, { event_selector: ['var.read_write_type'] })]),
    expect: { [T]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'a source left out beside a selector known only after apply (which may record it) is unknown',
    plan: plan([
      trail(
        { ...G, event_selector: [selector({ exclude_management_event_sources: ['rdsdata.amazonaws.com'] }), selector()] },
        { event_selector: [{}, { read_write_type: true }] },
        { event_selector: ['var.read_write_type'] },
      ),
    ]),
    expect: { [T]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'an advanced selector on Management events passes',
    plan: plan([trail({ ...G, advanced_event_selector: [advanced(MGMT), advanced(...DATA)] })]),
    expect: { [T]: 'pass' },
  },
  {
    name: 'an advanced selector on Management events with readOnly = true fails',
    plan: plan([trail({ ...G, advanced_event_selector: [advanced(MGMT, field('readOnly', ['true']))] })]),
    expect: { [T]: 'fail' },
    message: /no write management events/,
  },
  {
    name: 'an advanced selector on Management events with readOnly = false fails',
    plan: plan([trail({ ...G, advanced_event_selector: [advanced(MGMT, field('readOnly', ['false']))] })]),
    expect: { [T]: 'fail' },
    message: /no read management events/,
  },
  {
    name: 'advanced selectors for data events only fail',
    plan: plan([trail({ ...G, advanced_event_selector: [advanced(...DATA)] })]),
    expect: { [T]: 'fail' },
    message: /record no management events/,
  },
  {
    name: 'an advanced Management selector that leaves out a source (eventSource != kms) fails',
    plan: plan([trail({ ...G, advanced_event_selector: [advanced(MGMT, { ...field('eventSource', []), not_equals: ['kms.amazonaws.com'] })] })]),
    expect: { [T]: 'fail' },
    message: /an eventSource field selector/,
  },
  ...[
    { what: 'an advanced Management selector leaving out kms beside one on every management event passes (selectors are OR\'d)', selectors: { advanced_event_selector: [advanced(MGMT, { ...field('eventSource', []), not_equals: ['kms.amazonaws.com'] }), advanced(MGMT)] }, expect: 'pass' as const },
    { what: 'an event selector excluding rdsdata beside one recording every management event passes', selectors: { event_selector: [selector({ exclude_management_event_sources: ['rdsdata.amazonaws.com'] }), selector()] }, expect: 'pass' as const },
    { what: 'an advanced Management selector leaving out kms beside one on management reads only fails (kms writes go unrecorded)', selectors: { advanced_event_selector: [advanced(MGMT, { ...field('eventSource', []), not_equals: ['kms.amazonaws.com'] }), advanced(MGMT, field('readOnly', ['true']))] }, expect: 'fail' as const },
    { what: 'an event selector excluding kms beside one on writes only fails (kms reads go unrecorded)', selectors: { event_selector: [selector({ exclude_management_event_sources: ['kms.amazonaws.com'] }), selector({ read_write_type: 'WriteOnly' })] }, expect: 'fail' as const },
  ].map(({ what, selectors, expect }) => ({
    name: what,
    plan: plan([trail({ ...G, ...selectors })]),
    expect: { [T]: expect },
    ...(expect === 'fail' ? { message: /leave management events out .*no other selector records them/ } : {}),
  })),
  // Selectors are OR'd: the sources a kind of event is recorded from are the union of what each selector records of
  // that kind (field selectors of one selector AND'd; Equals/StartsWith/EndsWith values OR'd, their Not* forms AND'd).
  ...[
    { what: 'eventSource Equals kms beside eventSource NotEquals kms', selectors: [advanced(MGMT, source({ equals: [KMS] })), advanced(MGMT, source({ not_equals: [KMS] }))], expect: 'pass' as const },
    { what: 'eventSource NotEquals kms beside eventSource NotEquals rdsdata', selectors: [advanced(MGMT, source({ not_equals: [KMS] })), advanced(MGMT, source({ not_equals: [RDS] }))], expect: 'pass' as const },
    { what: 'eventSource Equals kms and rdsdata beside NotEquals both', selectors: [advanced(MGMT, source({ equals: [KMS, RDS] })), advanced(MGMT, source({ not_equals: [KMS, RDS] }))], expect: 'pass' as const },
    { what: 'eventSource StartsWith "kms." beside NotStartsWith "kms."', selectors: [advanced(MGMT, source({ starts_with: ['kms.'] })), advanced(MGMT, source({ not_starts_with: ['kms.'] }))], expect: 'pass' as const },
    { what: 'eventSource EndsWith ".amazonaws.com" beside NotEndsWith ".amazonaws.com"', selectors: [advanced(MGMT, source({ ends_with: ['.amazonaws.com'] })), advanced(MGMT, source({ not_ends_with: ['.amazonaws.com'] }))], expect: 'pass' as const },
    { what: 'eventSource NotStartsWith "kms" beside StartsWith "km"', selectors: [advanced(MGMT, source({ not_starts_with: ['kms'] })), advanced(MGMT, source({ starts_with: ['km'] }))], expect: 'pass' as const },
    {
      what: 'reads of every source beside writes of kms and writes of every other source',
      selectors: [advanced(MGMT, field('readOnly', ['true'])), advanced(MGMT, field('readOnly', ['false']), source({ equals: [KMS] })), advanced(MGMT, field('readOnly', ['false']), source({ not_equals: [KMS] }))],
      expect: 'pass' as const,
    },
    { what: 'eventSource Equals kms beside NotEquals rdsdata (rdsdata goes unrecorded)', selectors: [advanced(MGMT, source({ equals: [KMS] })), advanced(MGMT, source({ not_equals: [RDS] }))], expect: 'fail' as const },
    { what: 'eventSource Equals kms beside NotEquals kms and rdsdata (rdsdata goes unrecorded)', selectors: [advanced(MGMT, source({ equals: [KMS] })), advanced(MGMT, source({ not_equals: [KMS, RDS] }))], expect: 'fail' as const },
    { what: 'eventSource Equals kms on reads only beside NotEquals kms (kms writes go unrecorded)', selectors: [advanced(MGMT, field('readOnly', ['true']), source({ equals: [KMS] })), advanced(MGMT, source({ not_equals: [KMS] }))], expect: 'fail' as const },
    { what: 'eventSource StartsWith "kms" beside NotStartsWith "km" ("km" and "kmx…" go unrecorded)', selectors: [advanced(MGMT, source({ starts_with: ['kms'] })), advanced(MGMT, source({ not_starts_with: ['km'] }))], expect: 'fail' as const },
    { what: 'eventSource StartsWith "kms" beside NotEndsWith ".com" (other sources ending ".com" go unrecorded)', selectors: [advanced(MGMT, source({ starts_with: ['kms'] })), advanced(MGMT, source({ not_ends_with: ['.com'] }))], expect: 'fail' as const },
    {
      what: 'NotStartsWith "ab", NotEndsWith "ba" and Equals "aba" (a source "abba" goes unrecorded)',
      selectors: [advanced(MGMT, source({ not_starts_with: ['ab'] })), advanced(MGMT, source({ not_ends_with: ['ba'] })), advanced(MGMT, source({ equals: ['aba'] }))],
      expect: 'fail' as const,
    },
    { what: 'eventSource Equals kms and StartsWith "rds" in one field beside NotEquals kms (AND\'d: rdsdata may go unrecorded)', selectors: [advanced(MGMT, source({ equals: [KMS], starts_with: ['rds'] })), advanced(MGMT, source({ not_equals: [KMS, RDS] }))], expect: 'fail' as const },
    { what: 'eventSource Equals kms beside NotEquals kms in a selector that also has Equals rdsdata (AND\'d: nothing is recorded by it)', selectors: [advanced(MGMT, source({ equals: [KMS] })), advanced(MGMT, source({ not_equals: [KMS] }), source({ equals: [RDS] }))], expect: 'fail' as const },
    { what: 'an eventName field on the management events beside eventSource Equals kms and NotEquals kms', selectors: [advanced(MGMT, field('eventName', ['ConsoleLogin'])), advanced(MGMT, source({ equals: [KMS] }), field('eventName', ['Decrypt'])), advanced(MGMT, source({ not_equals: [KMS] }), field('eventName', ['Decrypt']))], expect: 'fail' as const },
  ].map(({ what, selectors, expect }) => ({
    name: `advanced selectors: ${what} ${expect === 'pass' ? 'pass: together they record every management event' : 'fail'}`,
    plan: plan([trail({ ...G, advanced_event_selector: selectors })]),
    expect: { [T]: expect },
    ...(expect === 'fail' ? { message: /leave management events out .*no other selector records them/ } : {}),
  })),
  ...[
    { what: 'one excluding kms beside one excluding rdsdata', selectors: [selector({ exclude_management_event_sources: [KMS] }), selector({ exclude_management_event_sources: [RDS] })], expect: 'pass' as const },
    { what: 'one excluding kms and rdsdata beside one excluding rdsdata (rdsdata goes unrecorded)', selectors: [selector({ exclude_management_event_sources: [KMS, RDS] }), selector({ exclude_management_event_sources: [RDS] })], expect: 'fail' as const },
    { what: 'one excluding kms on reads beside one excluding rdsdata on all (kms is read, rdsdata not)', selectors: [selector({ read_write_type: 'ReadOnly', exclude_management_event_sources: [KMS] }), selector({ exclude_management_event_sources: [RDS] })], expect: 'fail' as const },
  ].map(({ what, selectors, expect }) => ({
    name: `event selectors: ${what} ${expect === 'pass' ? 'pass: together they record every management event' : 'fail'}`,
    plan: plan([trail({ ...G, event_selector: selectors })]),
    expect: { [T]: expect },
    ...(expect === 'fail' ? { message: /leave management events out .*no other selector records them/ } : {}),
  })),
  {
    name: 'an awscc trail whose advanced selectors record kms and every other source passes',
    plan: plan([
      res(
        'awscc_cloudtrail_trail.t',
        {
          trail_name: 't',
          s3_bucket_name: 'audit-logs',
          is_logging: true,
          is_multi_region_trail: true,
          advanced_event_selectors: [
            { field_selectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'eventSource', equals: [KMS] }] },
            { field_selectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'eventSource', not_equals: [KMS] }] },
          ],
        },
        { unknown: { arn: true, id: true } },
      ),
    ]),
    expect: { 'awscc_cloudtrail_trail.t': 'pass' },
  },
  {
    name: 'eventSource Equals kms beside NotEquals kms and a selector known only after apply passes (the others record every source)',
    plan: plan([
      trail(
        { ...G, advanced_event_selector: [advanced(MGMT, source({ equals: [KMS] })), advanced(MGMT, source({ not_equals: [KMS] })), advanced(field('eventCategory', []))] },
        { advanced_event_selector: [{}, {}, { field_selector: [{ equals: true }] }] },
        { advanced_event_selector: ['var.category'] },
      ),
    ]),
    expect: { [T]: 'pass' },
  },
  {
    name: 'readOnly = false and readOnly = true selectors together pass',
    plan: plan([trail({ ...G, advanced_event_selector: [advanced(MGMT, field('readOnly', ['true'])), advanced(MGMT, field('readOnly', ['false']))] })]),
    expect: { [T]: 'pass' },
  },
  {
    name: 'an eventCategory known only after apply is unknown',
    plan: plan([trail({ ...G, advanced_event_selector: [advanced(field('eventCategory', []))] }, { advanced_event_selector: [{ field_selector: [{ equals: true }] }] }, { advanced_event_selector: ['var.category'] })]),
    expect: { [T]: 'unknown' },
  },
  {
    name: 'an awscc trail whose event_selectors keep only writes fails',
    plan: plan([
      res('awscc_cloudtrail_trail.t', { trail_name: 't', s3_bucket_name: 'audit-logs', is_logging: true, is_multi_region_trail: true, event_selectors: [{ read_write_type: 'WriteOnly', include_management_events: true }] }, { unknown: { arn: true, id: true } }),
    ]),
    expect: { 'awscc_cloudtrail_trail.t': 'fail' },
    message: /no read management events/,
  },
  {
    name: 'an awscc trail with advanced_event_selectors on Management events passes',
    plan: plan([
      res('awscc_cloudtrail_trail.t', { trail_name: 't', s3_bucket_name: 'audit-logs', is_logging: true, is_multi_region_trail: true, advanced_event_selectors: [{ field_selectors: [{ field: 'eventCategory', equals: ['Management'] }] }] }, { unknown: { arn: true, id: true } }),
    ]),
    expect: { 'awscc_cloudtrail_trail.t': 'pass' },
  },
  {
    name: 'an awscc trail whose event_selectors the configuration leaves unset (computed) passes',
    plan: plan([res('awscc_cloudtrail_trail.t', { trail_name: 't', s3_bucket_name: 'audit-logs', is_logging: true, is_multi_region_trail: true }, { unknown: { arn: true, id: true, event_selectors: true, advanced_event_selectors: true } })]),
    expect: { 'awscc_cloudtrail_trail.t': 'pass' },
  },
  ...[
    { beside: 'a logging multi-Region trail recording every management event', other: {}, expect: 'pass' as const },
    { beside: 'a single-Region trail', other: { is_multi_region_trail: false }, expect: 'fail' as const },
    { beside: 'a trail that is not logging', other: { enable_logging: false }, expect: 'fail' as const },
    { beside: 'a trail without global service events', other: { include_global_service_events: false }, expect: 'fail' as const },
    { beside: 'a trail keeping only writes', other: { event_selector: [selector({ read_write_type: 'WriteOnly' })] }, expect: 'fail' as const },
  ].map(({ beside, other, expect }) => ({
    name: `a trail kept for data events beside ${beside} ${expect === 'pass' ? 'passes (CloudTrail.1 asks for one such trail)' : 'fails: no trail records every management event'}`,
    plan: plan([
      res('aws_cloudtrail.management', { name: 'management', s3_bucket_name: 'audit-logs', ...G, ...other }, { unknown: { arn: true, id: true } }),
      trail({ ...G, event_selector: [selector({ include_management_events: false, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] })] }),
    ]),
    expect: { [T]: expect, 'aws_cloudtrail.management': expect },
  })),
  ...[
    { management: { assume_role: [{ role_arn: { constant_value: 'arn:aws:iam::111111111111:role/audit' } }] }, organization: false, expect: 'fail' as const, why: 'in another account fails' },
    { management: { assume_role: [{ role_arn: { constant_value: 'arn:aws:iam::111111111111:role/audit' } }] }, organization: true, expect: 'pass' as const, why: 'in another account, an organization trail, passes' },
    { management: { allowed_account_ids: { constant_value: ['222222222222'] } }, organization: false, expect: 'pass' as const, why: 'in the same account passes' },
  ].map(({ management, organization, expect, why }) => ({
    name: `a trail kept for data events (account 222222222222) beside a management trail ${why}`,
    plan: plan(
      [
        res('aws_cloudtrail.management', { name: 'management', s3_bucket_name: 'audit-logs', is_organization_trail: organization, ...G }, { unknown: { arn: true, id: true }, provider: 'aws.management' }),
        trail({ ...G, event_selector: [selector({ include_management_events: false, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] })] }),
      ],
      { providers: { aws: { name: 'aws', expressions: { allowed_account_ids: { constant_value: ['222222222222'] } } }, 'aws.management': { name: 'aws', alias: 'management', expressions: management } } },
    ),
    expect: { [T]: expect, 'aws_cloudtrail.management': 'pass' as const },
  })),
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);
