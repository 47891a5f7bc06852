/**
 * Every bucket has an `aws_s3_bucket_public_access_block` with all four settings true. The block
 * is found through the link index, so a block whose `bucket` is known only after apply still
 * counts when it references the bucket (peer-pitfall 2).
 */
import type { Graph, Resource } from '../../model/types';
import { defineRule, type Outcome } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { failed, mustBeTrue, onSatellite, outcomesOf, undecided, type Problem } from '../support/findings';
import { bucketSatellite } from '../support/s3';

const PUBLIC_ACCESS_BLOCK_TYPE = 'aws_s3_bucket_public_access_block';
const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;
const FIX = `Add an ${PUBLIC_ACCESS_BLOCK_TYPE} with \`bucket = aws_s3_bucket.<name>.id\` and ${FLAGS.map((f) => `\`${f} = true\``).join(', ')}.`;

function blockProblems(block: Resource): Problem[] {
  return FLAGS.flatMap((flag) =>
    mustBeTrue(block.attr(flag), { what: flag, consequence: 'public ACLs or policies can expose the bucket', fix: FIX, defaultValue: false })
  );
}

function evaluate(bucket: Resource, graph: Graph): Outcome | Outcome[] {
  const lookup = bucketSatellite(graph, bucket, PUBLIC_ACCESS_BLOCK_TYPE);
  if (lookup.status === 'none') return outcomesOf([failed(`the bucket has no public-access block (${lookup.message}). ${FIX}`)]);
  if (lookup.status === 'undetermined') return outcomesOf([undecided(`${lookup.message}. ${FIX}`)]);
  return outcomesOf(lookup.satellites.flatMap((block) => onSatellite(block, blockProblems(block))));
}

export default defineRule({
  id: 's3-bucket-public-access-block',
  title: 'S3 buckets block all public access',
  category: 'access',
  severity: 'high',
  rationale:
    'Without all four public-access-block settings, one public ACL or bucket policy is enough to publish the data: TwinMaker scenes, models and CloudTrail logs included.',
  remediation: FIX,
  references: [
    securityHub('S3.8', 'S3 general purpose buckets should block public access'),
    awsDoc('Blocking public access to your Amazon S3 storage', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'),
  ],
  appliesTo: ['aws_s3_bucket'],
  evaluate: managedOnly((bucket, { graph }) => evaluate(bucket, graph)),
});
