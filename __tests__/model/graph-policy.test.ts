import { get, graphOf, ref, resource } from './graph-fixtures';

const TLS_JSON = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});

const tlsStatements = [{ effect: 'Deny', principals: { '*': ['*'] }, actions: ['s3:*'], resources: ['*'], conditions: { Bool: { 'aws:SecureTransport': ['false'] } } }];

/** A bucket policy whose `policy` is unknown and refers to the document. */
const policyFrom = (document: string) =>
  resource('aws_s3_bucket_policy.p', {}, { unknown: { policy: true }, config: { policy: ref(`${document}.json`, document) } });

describe('policy statements', () => {
  it('parses a known JSON string', () => {
    const graph = graphOf({ resources: [resource('aws_s3_bucket_policy.p', { policy: TLS_JSON })] });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'known', value: tlsStatements });
  });

  it('is unknown when the JSON cannot be read', () => {
    const graph = graphOf({ resources: [resource('aws_s3_bucket_policy.p', { policy: '{ not json' })] });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'unknown' });
  });

  it('is absent when not set', () => {
    const graph = graphOf({ resources: [resource('aws_kms_key.k', { policy: null })] });
    expect(graph.policy(get(graph, 'aws_kms_key.k'), ['policy'])).toEqual({ kind: 'absent' });
  });

  it("is not a document's statements where the document's json is known and the policy is not: the policy is made of it (placeholders replaced), not it", () => {
    const graph = graphOf({ resources: [resource('data.aws_iam_policy_document.tls', { json: TLS_JSON }), policyFrom('data.aws_iam_policy_document.tls')] });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'unknown' });
  });

  it("is not a document's statements where its expression names something else too (a replace() with the bucket's ARN, a choice with a variable)", () => {
    const statement = { effect: 'Deny', actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] };
    const document = resource('data.aws_iam_policy_document.tls', { statement: [statement] }, { unknown: { json: true } });
    const bucket = resource('aws_s3_bucket.b', { bucket: 'b' }, { unknown: { arn: true } });
    const policy = (references: string[]) => resource('aws_s3_bucket_policy.p', {}, { unknown: { policy: true }, config: { policy: ref(...references) } });
    const withBucket = graphOf({ resources: [document, bucket, policy(['data.aws_iam_policy_document.tls.json', 'data.aws_iam_policy_document.tls', 'aws_s3_bucket.b.arn', 'aws_s3_bucket.b'])] });
    expect(withBucket.policy(get(withBucket, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'unknown' });
    const withVariable = graphOf({ resources: [document, policy(['var.override', 'data.aws_iam_policy_document.tls.json', 'data.aws_iam_policy_document.tls'])] });
    expect(withVariable.policy(get(withVariable, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'unknown' });
  });

  it('builds the statements of a document whose json is unknown but whose statements are known', () => {
    const statement = {
      effect: 'Deny',
      actions: ['s3:*'],
      resources: ['*'],
      principals: [{ type: '*', identifiers: ['*'] }],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    };
    const graph = graphOf({
      resources: [resource('data.aws_iam_policy_document.tls', { statement: [statement] }, { unknown: { json: true } }), policyFrom('data.aws_iam_policy_document.tls')],
    });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'known', value: tlsStatements });
  });

  it('defaults a statement’s effect to Allow', () => {
    const graph = graphOf({
      resources: [resource('data.aws_iam_policy_document.d', { statement: [{ actions: ['kms:*'], sid: 'Root' }] }, { unknown: { json: true } }), policyFrom('data.aws_iam_policy_document.d')],
    });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'known', value: [{ effect: 'Allow', sid: 'Root', actions: ['kms:*'], conditions: {} }] });
  });

  it('is unknown when a statement holds a value known only after apply', () => {
    const graph = graphOf({
      resources: [
        resource('data.aws_iam_policy_document.d', { statement: [{ effect: 'Deny', actions: ['s3:*'], resources: [null] }] }, { unknown: { json: true, statement: [{ resources: [true] }] } }),
        policyFrom('data.aws_iam_policy_document.d'),
      ],
    });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'unknown' });
  });

  it('is unknown when the document merges other documents', () => {
    const graph = graphOf({
      resources: [
        resource('data.aws_iam_policy_document.d', { statement: [{ effect: 'Deny', actions: ['s3:*'] }], source_policy_documents: ['{}'] }, { unknown: { json: true } }),
        policyFrom('data.aws_iam_policy_document.d'),
      ],
    });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'unknown' });
  });

  it('reads a document whose merge lists are empty as one that merges nothing (modules pass `[]` by default)', () => {
    const graph = graphOf({
      resources: [
        resource('data.aws_iam_policy_document.d', { statement: [{ effect: 'Deny', actions: ['s3:*'] }], source_policy_documents: [], override_policy_documents: [] }, { unknown: { json: true } }),
        policyFrom('data.aws_iam_policy_document.d'),
      ],
    });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'known', value: [{ effect: 'Deny', actions: ['s3:*'], conditions: {} }] });
  });

  it('is unknown when the policy is unknown and refers to no document', () => {
    const graph = graphOf({ resources: [resource('aws_s3_bucket_policy.p', {}, { unknown: { policy: true }, config: { policy: ref('aws_s3_bucket.b.arn', 'aws_s3_bucket.b') } })] });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p'), ['policy'])).toEqual({ kind: 'unknown' });
  });

  it('follows the document of the same count instance', () => {
    const graph = graphOf({
      resources: [
        resource('data.aws_iam_policy_document.d[0]', { statement: [{ effect: 'Deny', actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }] }, { unknown: { json: true } }),
        resource('data.aws_iam_policy_document.d[1]', { statement: [] }, { unknown: { json: true } }),
        resource('aws_s3_bucket_policy.p[0]', {}, { unknown: { policy: true }, config: { policy: ref('data.aws_iam_policy_document.d', 'count.index') } }),
      ],
    });
    expect(graph.policy(get(graph, 'aws_s3_bucket_policy.p[0]'), ['policy'])).toEqual({ kind: 'known', value: tlsStatements });
  });
});
