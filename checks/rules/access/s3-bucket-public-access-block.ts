/**
 * Every bucket has an `aws_s3_bucket_public_access_block` with all four settings true. The block
 * is found through the link index, so a block whose `bucket` is known only after apply still
 * counts when it references the bucket (peer-pitfall 2). An awscc_s3_bucket may instead set its
 * own `public_access_block_configuration`, which then decides.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { defineRule, type Outcome } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { failed, mustBeTrue, onSatellite, outcomesOf, undecided, type Problem } from '../support/findings';
import { awsccSetting, BUCKET_TYPES, bucketSatellite, forProvider } from '../support/s3';

const PUBLIC_ACCESS_BLOCK_TYPE = 'aws_s3_bucket_public_access_block';
const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;
const FIX = `Add an ${PUBLIC_ACCESS_BLOCK_TYPE} with \`bucket = aws_s3_bucket.<name>.id\` and ${FLAGS.map((f) => `\`${f} = true\``).join(', ')}.`;
const AWSCC_FIX = `Set \`public_access_block_configuration = { ${FLAGS.map((f) => `${f} = true`).join(', ')} }\`.`;

/** The four flags of a block: an `aws_s3_bucket_public_access_block`, or an awscc bucket's own configuration. */
function flagProblems(block: ValueView, fix: string): Problem[] {
  return FLAGS.flatMap((flag) =>
    mustBeTrue(block.get(flag), { what: flag, consequence: 'public ACLs or policies can expose the bucket', fix, defaultValue: false })
  );
}

/** An awscc bucket's own `public_access_block_configuration`. */
function ownProblems(own: ValueView): Problem[] {
  const block = own.block();
  if (block.kind === 'unknown') return [undecided(`its public_access_block_configuration is known only after apply. ${AWSCC_FIX}`, own)];
  if (block.kind === 'absent') return [failed(`its public_access_block_configuration is empty. ${AWSCC_FIX}`, own)];
  return flagProblems(block.value, AWSCC_FIX);
}

function evaluate(bucket: Resource, graph: Graph): Outcome | Outcome[] {
  const own = awsccSetting(bucket, 'public_access_block_configuration');
  if (own) return outcomesOf(ownProblems(own));
  const lookup = bucketSatellite(graph, bucket, PUBLIC_ACCESS_BLOCK_TYPE);
  const fix = forProvider(bucket, FIX, AWSCC_FIX);
  if (lookup.status === 'none') return outcomesOf([failed(`the bucket has no public-access block (${lookup.message}). ${fix}`)]);
  if (lookup.status === 'undetermined') return outcomesOf([undecided(`${lookup.message}. ${fix}`)]);
  return outcomesOf(lookup.satellites.flatMap((block) => onSatellite(block, flagProblems(block.values, FIX))));
}

export default defineRule({
  id: 's3-bucket-public-access-block',
  title: 'S3 buckets block all public access',
  category: 'access',
  severity: 'high',
  rationale:
    'Without all four public-access-block settings, one public ACL or bucket policy is enough to publish the data: TwinMaker scenes, models and CloudTrail logs included.',
  remediation: `${FIX} For an awscc_s3_bucket: ${AWSCC_FIX}`,
  references: [
    securityHub('S3.8', 'S3 general purpose buckets should block public access'),
    awsDoc('Blocking public access to your Amazon S3 storage', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'),
  ],
  appliesTo: BUCKET_TYPES,
  evaluate: managedOnly((bucket, { graph }) => evaluate(bucket, graph)),
});
