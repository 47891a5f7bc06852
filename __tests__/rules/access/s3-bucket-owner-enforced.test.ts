import rule from '../../../checks/rules/access/s3-bucket-owner-enforced';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, satellite } from '../fixtures/transit';

const B = 'aws_s3_bucket.data';
const OC = 'aws_s3_bucket_ownership_controls.data';
const controls = (ownership: string | null, unknown: Record<string, unknown> = {}, bucketRefs?: string[]) =>
  satellite(OC, B, { rule: [{ object_ownership: ownership }] }, { unknown, bucketRefs });

ruleTable(rule, [
  {
    name: 'linked ownership controls with BucketOwnerEnforced pass',
    plan: plan([bucket(B), controls('BucketOwnerEnforced')]),
    expect: { [B]: 'pass' },
  },
  {
    name: 'BucketOwnerPreferred fails, naming the controls resource',
    plan: plan([bucket(B), controls('BucketOwnerPreferred')]),
    expect: { [B]: 'fail' },
    message: /aws_s3_bucket_ownership_controls\.data: object_ownership is "BucketOwnerPreferred"/,
  },
  {
    name: 'ObjectWriter fails',
    plan: plan([bucket(B), controls('ObjectWriter')]),
    expect: { [B]: 'fail' },
  },
  {
    name: 'no ownership controls fail',
    plan: plan([bucket(B)]),
    expect: { [B]: 'fail' },
    message: /does not state its object ownership/,
  },
  {
    name: 'object_ownership known only after apply is unknown',
    plan: plan([bucket(B), controls(null, { rule: [{ object_ownership: true }] })]),
    expect: { [B]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'controls whose bucket cannot be followed make the bucket unknown',
    plan: plan([bucket(B), controls('BucketOwnerEnforced', {}, [])]),
    expect: { [B]: 'unknown' },
  },
  {
    name: 'the deprecated inline acl does not stand in for ownership controls',
    plan: plan([bucket(B, { inline: { acl: 'private' } })]),
    expect: { [B]: 'fail' },
  },
  {
    name: 'other resource types are not applicable',
    plan: plan([res('aws_sns_topic.t', { name: 't' })]),
    expect: { 'aws_sns_topic.t': 'not-applicable' },
  },
]);
