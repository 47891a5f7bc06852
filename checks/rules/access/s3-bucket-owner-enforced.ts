/**
 * Every bucket disables ACLs: an `aws_s3_bucket_ownership_controls` sets
 * `object_ownership = "BucketOwnerEnforced"`, so access is decided by policies alone.
 */
import type { Graph, Resource } from '../../model/types';
import { defineRule, type Outcome } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { failed, onSatellite, outcomesOf, shown, undecided, type Problem } from '../support/findings';
import { bucketSatellite } from '../support/s3';

const OWNERSHIP_TYPE = 'aws_s3_bucket_ownership_controls';
const FIX = `Add an ${OWNERSHIP_TYPE} with \`bucket = aws_s3_bucket.<name>.id\` and \`rule { object_ownership = "BucketOwnerEnforced" }\`.`;

function controlProblems(controls: Resource): Problem[] {
  const rule = controls.attr('rule').block();
  if (rule.kind === 'unknown') return [undecided(`its rule is known only after apply. ${FIX}`)];
  if (rule.kind === 'absent') return [failed(`it has no rule. ${FIX}`)];
  const view = rule.value.get('object_ownership');
  const value = view.string();
  if (value.kind === 'unknown') return [undecided(`object_ownership is known only after apply. ${FIX}`)];
  if (value.kind === 'known' && value.value === 'BucketOwnerEnforced') return [];
  return [failed(`object_ownership is ${value.kind === 'known' ? shown(view, value.value) : 'not set'}, so ACLs stay in force. ${FIX}`)];
}

function evaluate(bucket: Resource, graph: Graph): Outcome | Outcome[] {
  const lookup = bucketSatellite(graph, bucket, OWNERSHIP_TYPE);
  if (lookup.status === 'none') return outcomesOf([failed(`the bucket does not state its object ownership (${lookup.message}). ${FIX}`)]);
  if (lookup.status === 'undetermined') return outcomesOf([undecided(`${lookup.message}. ${FIX}`)]);
  return outcomesOf(lookup.satellites.flatMap((controls) => onSatellite(controls, controlProblems(controls))));
}

export default defineRule({
  id: 's3-bucket-owner-enforced',
  title: 'S3 buckets disable ACLs (BucketOwnerEnforced)',
  category: 'access',
  severity: 'medium',
  rationale:
    "With ACLs enabled, objects written by another account stay that account's, and an ACL can grant access no policy shows. BucketOwnerEnforced turns ACLs off. New buckets get it by default since April 2023, but only an explicit setting survives drift and proves it in the plan.",
  remediation: FIX,
  references: [
    securityHub('S3.12', 'ACLs should not be used to manage user access to S3 general purpose buckets'),
    awsDoc(
      'Controlling ownership of objects and disabling ACLs for your bucket',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html'
    ),
  ],
  appliesTo: ['aws_s3_bucket'],
  evaluate: managedOnly((bucket, { graph }) => evaluate(bucket, graph)),
});
