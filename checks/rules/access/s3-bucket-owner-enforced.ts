/**
 * Every bucket disables ACLs: an `aws_s3_bucket_ownership_controls` sets
 * `object_ownership = "BucketOwnerEnforced"`, so access is decided by policies alone. An
 * awscc_s3_bucket may instead set its own `ownership_controls`, which then decides.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { defineRule, type Outcome } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { failed, onSatellite, outcomesOf, shown, undecided, type Problem } from '../support/findings';
import { awsccSetting, BUCKET_TYPES, bucketSatellite, forProvider } from '../support/s3';

const OWNERSHIP_TYPE = 'aws_s3_bucket_ownership_controls';
const FIX = `Add an ${OWNERSHIP_TYPE} with \`bucket = aws_s3_bucket.<name>.id\` and \`rule { object_ownership = "BucketOwnerEnforced" }\`.`;
const AWSCC_FIX = 'Set `ownership_controls = { rules = [{ object_ownership = "BucketOwnerEnforced" }] }`.';

/** The first rule under `rules` (an `aws_s3_bucket_ownership_controls`'s `rule`, an awscc bucket's `ownership_controls.rules`). */
function ruleProblems(rules: ValueView, fix: string): Problem[] {
  const rule = rules.block();
  if (rule.kind === 'unknown') return [undecided(`its rule is known only after apply. ${fix}`)];
  if (rule.kind === 'absent') return [failed(`it has no rule. ${fix}`)];
  const view = rule.value.get('object_ownership');
  const value = view.string();
  if (value.kind === 'unknown') return [undecided(`object_ownership is known only after apply. ${fix}`)];
  if (value.kind === 'known' && value.value === 'BucketOwnerEnforced') return [];
  return [failed(`object_ownership is ${value.kind === 'known' ? shown(view, value.value) : 'not set'}, so ACLs stay in force. ${fix}`)];
}

/** An awscc bucket's own `ownership_controls`. */
function ownProblems(own: ValueView): Problem[] {
  const controls = own.block();
  if (controls.kind === 'unknown') return [undecided(`its ownership_controls is known only after apply. ${AWSCC_FIX}`)];
  if (controls.kind === 'absent') return [failed(`its ownership_controls is empty. ${AWSCC_FIX}`)];
  return ruleProblems(controls.value.get('rules'), AWSCC_FIX);
}

function evaluate(bucket: Resource, graph: Graph): Outcome | Outcome[] {
  const own = awsccSetting(bucket, 'ownership_controls');
  if (own) return outcomesOf(ownProblems(own));
  const lookup = bucketSatellite(graph, bucket, OWNERSHIP_TYPE);
  const fix = forProvider(bucket, FIX, AWSCC_FIX);
  if (lookup.status === 'none') return outcomesOf([failed(`the bucket does not state its object ownership (${lookup.message}). ${fix}`)]);
  if (lookup.status === 'undetermined') return outcomesOf([undecided(`${lookup.message}. ${fix}`)]);
  return outcomesOf(lookup.satellites.flatMap((controls) => onSatellite(controls, ruleProblems(controls.attr('rule'), FIX))));
}

export default defineRule({
  id: 's3-bucket-owner-enforced',
  title: 'S3 buckets disable ACLs (BucketOwnerEnforced)',
  category: 'access',
  severity: 'medium',
  rationale:
    "With ACLs enabled, objects written by another account stay that account's, and an ACL can grant access no policy shows. BucketOwnerEnforced turns ACLs off. New buckets get it by default since April 2023, but only an explicit setting survives drift and proves it in the plan.",
  remediation: `${FIX} For an awscc_s3_bucket: ${AWSCC_FIX}`,
  references: [
    securityHub('S3.12', 'ACLs should not be used to manage user access to S3 general purpose buckets'),
    awsDoc(
      'Controlling ownership of objects and disabling ACLs for your bucket',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html'
    ),
  ],
  appliesTo: BUCKET_TYPES,
  evaluate: managedOnly((bucket, { graph }) => evaluate(bucket, graph)),
});
