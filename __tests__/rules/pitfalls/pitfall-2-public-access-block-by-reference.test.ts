/**
 * Peer-pitfall 2: public-access-block checks fail on plans although the block exists (checkov
 * #6982, #2327, #3278). On a plan the block's `bucket` is known only after apply; twinguard links
 * it to its bucket by configuration reference, in the root, in a module and across count instances.
 */
import rule from '../../../checks/rules/access/s3-bucket-public-access-block';
import { plan } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, publicAccessBlock, ref } from '../fixtures/transit';

ruleTable(rule, [
  {
    name: 'a block whose bucket is known only after apply, linked by reference, passes',
    plan: plan([bucket('aws_s3_bucket.data'), publicAccessBlock('aws_s3_bucket_public_access_block.data', 'aws_s3_bucket.data')]),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'a block inside a module, next to its bucket, passes',
    plan: plan([bucket('module.store.aws_s3_bucket.data'), publicAccessBlock('module.store.aws_s3_bucket_public_access_block.data', 'module.store.aws_s3_bucket.data')]),
    expect: { 'module.store.aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'a block in the root that names a module output referencing the bucket passes',
    plan: plan(
      [bucket('module.store.aws_s3_bucket.data'), publicAccessBlock('aws_s3_bucket_public_access_block.data', 'module.store.aws_s3_bucket.data', {}, { bucketRefs: ['module.store.bucket_id', 'module.store'] })],
      { moduleCalls: { 'module.store': { outputs: { bucket_id: { expression: { references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] } } } } } },
    ),
    expect: { 'module.store.aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'a block that references nothing the graph can follow is unknown, never a pass or a fail',
    plan: plan([bucket('aws_s3_bucket.data'), publicAccessBlock('aws_s3_bucket_public_access_block.data', 'aws_s3_bucket.data', {}, { bucketRefs: [] })]),
    expect: { 'aws_s3_bucket.data': 'unknown' },
  },
  {
    name: 'count instances link instance to instance',
    plan: plan([
      bucket('aws_s3_bucket.data[0]', { name: 'data-0', repetition: 'count' }),
      bucket('aws_s3_bucket.data[1]', { name: 'data-1', repetition: 'count' }),
      publicAccessBlock('aws_s3_bucket_public_access_block.data[0]', 'aws_s3_bucket.data', {}, { repetition: 'count', bucketRefs: ['aws_s3_bucket.data', 'count.index'] }),
      publicAccessBlock('aws_s3_bucket_public_access_block.data[1]', 'aws_s3_bucket.data', { restrict_public_buckets: false }, { repetition: 'count', bucketRefs: ['aws_s3_bucket.data', 'count.index'] }),
    ]),
    expect: { 'aws_s3_bucket.data[0]': 'pass', 'aws_s3_bucket.data[1]': 'fail' },
  },
  {
    name: 'a block that references the bucket name attribute passes too',
    plan: plan([bucket('aws_s3_bucket.data'), publicAccessBlock('aws_s3_bucket_public_access_block.data', 'aws_s3_bucket.data', {}, { bucketRefs: ref('aws_s3_bucket.data', 'bucket') })]),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
]);
