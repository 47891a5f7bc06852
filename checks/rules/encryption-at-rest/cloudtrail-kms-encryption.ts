import { awsDoc, configRule, securityHub } from '../support/references';
import { managedOnly, requireKeyAt } from '../support/verdict';
import { TRAIL_TYPES } from '../support/s3';
import { defineRule } from '../types';

const FIX =
  'Set `kms_key_id = aws_kms_key.<key>.arn` on the trail or the CloudTrail Lake event data store, with a key policy that lets cloudtrail.amazonaws.com use it.';

/** CloudTrail Lake event data stores, aws and awscc (`kms_key_id` under the same name). */
const EVENT_DATA_STORE_TYPES: readonly string[] = ['aws_cloudtrail_event_data_store', 'awscc_cloudtrail_event_data_store'];

/** What CloudTrail encrypts with when `kms_key_id` is unset: a trail's log files get SSE-S3, an event data store's events a key CloudTrail owns. */
const absentMeans = (type: string): string =>
  EVENT_DATA_STORE_TYPES.includes(type) ? 'a key CloudTrail owns, which no key policy of the account governs' : 'SSE-S3 only';

/** Trails encrypt their log files, and event data stores their events, with a customer-managed KMS key. */
export default defineRule({
  id: 'cloudtrail-kms-encryption',
  title: 'CloudTrail trails and CloudTrail Lake event data stores encrypt with a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'Without `kms_key_id`, trail log files get only SSE-S3 and a CloudTrail Lake event data store keeps the account\'s audit events under a key CloudTrail owns; a customer-managed key adds a key policy that decides who can read the audit trail, and logs every decryption.',
  remediation: FIX,
  references: [
    securityHub('CloudTrail.2', 'CloudTrail should have encryption at-rest enabled'),
    awsDoc('Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)', 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html'),
    securityHub('CloudTrail.10', 'CloudTrail Lake event data stores should be encrypted with customer managed AWS KMS keys'),
    configRule('event-data-store-cmk-encryption-enabled'),
  ],
  appliesTo: [...TRAIL_TYPES, ...EVENT_DATA_STORE_TYPES],
  evaluate: managedOnly((resource, { graph }) =>
    requireKeyAt(graph, resource, resource.attr('kms_key_id'), { what: '`kms_key_id`', fix: FIX, absent: 'fail', absentMeans: absentMeans(resource.type) }),
  ),
});
