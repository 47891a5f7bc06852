import rule from '../../../checks/rules/access/s3-bucket-public-access-block';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, publicAccessBlock } from '../fixtures/transit';

const B = 'aws_s3_bucket.data';
const PAB = 'aws_s3_bucket_public_access_block.data';
const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

ruleTable(rule, [
  {
    name: 'a linked block with all four settings true passes',
    plan: plan([bucket(B), publicAccessBlock(PAB, B)]),
    expect: { [B]: 'pass' },
  },
  ...FLAGS.map((flag) => ({
    name: `${flag} = false fails on the bucket, naming the block`,
    plan: plan([bucket(B), publicAccessBlock(PAB, B, { [flag]: false })]),
    expect: { [B]: 'fail' as const },
    message: new RegExp(`aws_s3_bucket_public_access_block\\.data: ${flag} is false`),
  })),
  {
    name: 'a setting left unset (default false) fails',
    plan: plan([bucket(B), publicAccessBlock(PAB, B, { ignore_public_acls: null })]),
    expect: { [B]: 'fail' },
    message: /ignore_public_acls is not set/,
  },
  {
    name: 'no block at all fails',
    plan: plan([bucket(B)]),
    expect: { [B]: 'fail' },
    message: /no public-access block .*Add an aws_s3_bucket_public_access_block/,
  },
  {
    name: 'a block of another bucket does not count',
    plan: plan([bucket(B), bucket('aws_s3_bucket.other'), publicAccessBlock('aws_s3_bucket_public_access_block.other', 'aws_s3_bucket.other')]),
    expect: { [B]: 'fail', 'aws_s3_bucket.other': 'pass' },
  },
  {
    name: 'a block for an existing bucket named by a known value links by value',
    plan: plan([
      res(B, { bucket: 'existing', id: 'existing', arn: 'arn:aws:s3:::existing', force_destroy: false }, { actions: ['no-op'] }),
      res(PAB, { bucket: 'existing', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { actions: ['no-op'] }),
    ]),
    expect: { [B]: 'pass' },
  },
  {
    name: 'a setting known only after apply is unknown',
    plan: plan([bucket(B), publicAccessBlock(PAB, B, { block_public_policy: null }, { unknown: { block_public_policy: true } })]),
    expect: { [B]: 'unknown' },
    message: /block_public_policy is known only after apply/,
  },
  {
    name: 'a block whose bucket cannot be followed makes the bucket unknown',
    plan: plan([bucket(B), publicAccessBlock(PAB, B, {}, { bucketRefs: [] })]),
    expect: { [B]: 'unknown' },
    message: /aws_s3_bucket_public_access_block\.data/,
  },
  {
    name: 'a data source of an existing bucket is not applicable',
    plan: plan([res('data.aws_s3_bucket.existing', { bucket: 'existing' }, { actions: ['read'] })]),
    expect: { 'data.aws_s3_bucket.existing': 'not-applicable' },
  },
  {
    name: 'other resource types are not applicable',
    plan: plan([res('aws_sqs_queue.q', { name: 'q' })]),
    expect: { 'aws_sqs_queue.q': 'not-applicable' },
  },
]);
