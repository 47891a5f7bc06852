/**
 * Buckets that hold TwinMaker or CloudTrail data (by default; `requireTlsVersionPolicy` widens
 * this to every bucket or turns it off) have a bucket policy that denies requests with
 * `s3:TlsVersion < 1.2` for every principal, on the bucket and its objects.
 */
import type { Graph, Resource } from '../../model/types';
import type { Settings } from '../../settings';
import { BUCKET_TYPES } from '../support/s3';
import { defineRule, notApplicable, type Outcome } from '../types';
import { awsDoc } from '../support/references';
import { managedOnly } from '../support/verdict';
import { bucketScope, scopedOutcomes } from '../support/bucket-scope';
import { BUCKET_POLICY_SOURCES, bucketSubject, deniesTlsBelow, policyProblems } from '../support/policy';

const MINIMUM_TLS = 1.2;
const FIX =
  'Add to the bucket policy (aws_s3_bucket_policy, or awscc_s3_bucket_policy `policy_document`) a statement `Effect = "Deny"`, `Principal = "*"`, `Action = "s3:*"`, `Resource = [<bucket ARN>, "<bucket ARN>/*"]`, `Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }`.';

function evaluate(bucket: Resource, graph: Graph, settings: Settings): Outcome | Outcome[] {
  if (settings.requireTlsVersionPolicy === 'none') return notApplicable();
  const scope =
    settings.requireTlsVersionPolicy === 'all'
      ? ({ status: 'in', why: 'requireTlsVersionPolicy is "all"' } as const)
      : bucketScope(graph, bucket, { twinmaker: true, cloudtrail: true });
  if (scope.status === 'out') return notApplicable();
  const problems = policyProblems(graph, bucket, BUCKET_POLICY_SOURCES, (statements) => deniesTlsBelow(statements, MINIMUM_TLS, bucketSubject(bucket)), FIX);
  return scopedOutcomes(scope, problems);
}

export default defineRule({
  id: 's3-bucket-deny-tls-below-1-2',
  title: 'S3 bucket policies deny TLS older than 1.2 (TwinMaker and CloudTrail buckets)',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale:
    "S3's endpoints negotiate TLS 1.2 and 1.3 only (TLS 1.2 has been the minimum on every AWS API endpoint since 2023), so this Deny refuses nothing today. It is defense in depth: the bucket's own policy holds the floor whatever an endpoint or a client is later configured to accept, states it where a review sees it, and can be raised to 1.3. The TwinMaker guidance asks for it on buckets holding workspace data or CloudTrail logs.",
  remediation: FIX,
  references: [
    awsDoc('Enforce a minimum TLS version for requests to S3 (re:Post)', 'https://repost.aws/knowledge-center/s3-enforce-modern-tls'),
    awsDoc('Amazon S3 condition keys: s3:TlsVersion', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html'),
    awsDoc('Protecting data in transit with encryption (TLS 1.2 and TLS 1.3 support)', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingEncryptionInTransit.html'),
    awsDoc('TLS 1.2 required for AWS endpoints', 'https://aws.amazon.com/blogs/security/tls-1-2-required-for-aws-endpoints/'),
  ],
  appliesTo: BUCKET_TYPES,
  offWhen: { setting: 'requireTlsVersionPolicy', off: (settings) => settings.requireTlsVersionPolicy === 'none' },
  evaluate: managedOnly((bucket, { graph, settings }) => evaluate(bucket, graph, settings)),
});
