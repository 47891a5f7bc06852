import * as fs from 'node:fs';
import * as path from 'node:path';
import rule from '../../../checks/rules/encryption-in-transit/s3-bucket-deny-tls-below-1-2';
import { REPO_ROOT } from '../../helpers/shared';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, bucketPolicy, denyInsecure, denyOldTls, trail, workspace } from '../fixtures/transit';

const B = 'aws_s3_bucket.data';
const P = 'aws_s3_bucket_policy.data';
const W = 'awscc_iottwinmaker_workspace.factory';
const ARN = 'arn:aws:s3:::data';
const twinmakerBucket = (statements: Parameters<typeof bucketPolicy>[2]) => plan([bucket(B), workspace(W, B), bucketPolicy(P, B, statements)]);

ruleTable(rule, [
  {
    name: 'a TwinMaker bucket whose policy denies TLS < 1.2 passes',
    plan: twinmakerBucket([denyInsecure(ARN), denyOldTls(ARN)]),
    expect: { [B]: 'pass' },
  },
  { name: 'a stricter threshold (TLS < 1.3) passes', plan: twinmakerBucket([denyOldTls(ARN, { Condition: { NumericLessThan: { 's3:TlsVersion': 1.3 } } })]), expect: { [B]: 'pass' } },
  {
    name: 'a TwinMaker bucket with only the SecureTransport Deny fails, saying why it is in scope',
    plan: twinmakerBucket([denyInsecure(ARN)]),
    expect: { [B]: 'fail' },
    message: /s3:TlsVersion < 1\.2.*Required because it is used by awscc_iottwinmaker_workspace\.factory/,
  },
  ...['0x2', '0b10', '+1.2', ' 1.2', '12e-1', '1.2.'].map((spelled) => ({
    // JavaScript's Number() reads all but the last as at least 1.2; IAM documents decimal numbers only, and a value it does not read matches no request.
    name: `a threshold spelled ${JSON.stringify(spelled)}, no plain decimal number, fails`,
    plan: twinmakerBucket([denyOldTls(ARN, { Condition: { NumericLessThan: { 's3:TlsVersion': spelled } } })]),
    expect: { [B]: 'fail' as const },
  })),
  {
    name: 'thresholds ["1.1", "1.2"] pass: the values are ORed, so TLS < 1.2 is denied',
    plan: twinmakerBucket([denyOldTls(ARN, { Condition: { NumericLessThan: { 's3:TlsVersion': ['1.1', '1.2'] } } })]),
    expect: { [B]: 'pass' },
  },
  { name: 'a threshold written "1.20" passes', plan: twinmakerBucket([denyOldTls(ARN, { Condition: { NumericLessThan: { 's3:TlsVersion': '1.20' } } })]), expect: { [B]: 'pass' } },
  { name: 'a threshold written as the number 2 passes', plan: twinmakerBucket([denyOldTls(ARN, { Condition: { NumericLessThan: { 's3:TlsVersion': 2 } } })]), expect: { [B]: 'pass' } },
  { name: 'a weaker threshold (TLS < 1.1) fails', plan: twinmakerBucket([denyOldTls(ARN, { Condition: { NumericLessThan: { 's3:TlsVersion': '1.1' } } })]), expect: { [B]: 'fail' } },
  { name: 'a TwinMaker bucket with no policy fails', plan: plan([bucket(B), workspace(W, B)]), expect: { [B]: 'fail' } },
  { name: 'a CloudTrail bucket with no policy fails', plan: plan([bucket(B), trail('aws_cloudtrail.audit', B)]), expect: { [B]: 'fail' } },
  { name: 'an unused bucket is not applicable by default', plan: plan([bucket(B)]), expect: { [B]: 'not-applicable' } },
  { name: 'with requireTlsVersionPolicy "all" an unused bucket fails', plan: plan([bucket(B)]), settings: { requireTlsVersionPolicy: 'all' }, expect: { [B]: 'fail' } },
  { name: 'with requireTlsVersionPolicy "none" nothing applies', plan: plan([bucket(B), workspace(W, B)]), settings: { requireTlsVersionPolicy: 'none' }, expect: { [B]: 'not-applicable' } },
  {
    name: 'a bucket a workspace may write to is unknown when it lacks the Deny',
    plan: plan([bucket(B), workspace(W), bucketPolicy(P, B, [denyInsecure(ARN)])]),
    expect: { [B]: 'unknown' },
    message: /may write to it/,
  },
  { name: 'a TwinMaker bucket whose policy is known only after apply is unknown', plan: twinmakerBucket('unknown'), expect: { [B]: 'unknown' } },
  { name: 'other resource types are not applicable', plan: plan([res('aws_sqs_queue.q', { name: 'q' })]), expect: { 'aws_sqs_queue.q': 'not-applicable' } },
]);

// AWS: "Amazon S3 supports TLS 1.2 and TLS 1.3 for HTTPS connections across all API endpoints"; TLS 1.2 is the
// minimum on every AWS API endpoint since 2023. What `twinguard explain` prints (the doc page) and the rationale say so.
it.each([
  ['the rationale', () => rule.rationale],
  ['the doc page `explain` prints', () => fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8')],
])('%s says S3 negotiates TLS 1.2 and 1.3 only, and the Deny is defense in depth', (_, text) => {
  expect(text()).not.toMatch(/(accepts|negotiates) TLS 1\.0/);
  expect(text()).toMatch(/negotiate TLS 1\.2 and 1\.3 only/);
  expect(text()).toMatch(/defense in depth/);
});
