/**
 * Every bucket has a bucket policy that denies requests made without TLS
 * (`aws:SecureTransport = false`) for every principal, on the bucket and its objects. The policy is
 * the linked `aws_s3_bucket_policy` or `awscc_s3_bucket_policy`; the deprecated inline
 * `aws_s3_bucket.policy` counts only when known and written in the configuration (peer-pitfall 3).
 * A policy known only after apply is `unknown` (peer-pitfall 5). Reported on the bucket, naming
 * the policy resource.
 */
import { BUCKET_TYPES } from '../support/s3';
import { defineRule } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { outcomesOf } from '../support/findings';
import { BUCKET_POLICY_SOURCES, bucketSubject, deniesInsecureTransport, policyProblems } from '../support/policy';

const FIX =
  'Attach a bucket policy (an aws_s3_bucket_policy, or an awscc_s3_bucket_policy\'s `policy_document`) with a statement `Effect = "Deny"`, `Principal = "*"`, `Action = "s3:*"`, `Resource = [<bucket ARN>, "<bucket ARN>/*"]`, `Condition = { Bool = { "aws:SecureTransport" = "false" } }`.';

export default defineRule({
  id: 's3-bucket-deny-insecure-transport',
  title: 'S3 bucket policies deny requests without TLS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'S3 accepts plain-HTTP requests unless the bucket policy refuses them. A Deny on `aws:SecureTransport = false` for everyone, on the bucket and its objects, makes TLS mandatory for every client, TwinMaker included.',
  remediation: FIX,
  references: [
    securityHub('S3.5', 'S3 general purpose buckets should require requests to use SSL'),
    awsDoc(
      'AWS re:Post: which S3 bucket policy complies with s3-bucket-ssl-requests-only',
      'https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule'
    ),
  ],
  appliesTo: BUCKET_TYPES,
  evaluate: managedOnly((bucket, { graph }) =>
    outcomesOf(policyProblems(graph, bucket, BUCKET_POLICY_SOURCES, (statements) => deniesInsecureTransport(statements, bucketSubject(bucket)), FIX))
  ),
});
