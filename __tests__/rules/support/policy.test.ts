import { covers, denials, deniesInsecureTransport, deniesTlsBelow, partlyUnknownArn, type ArnSubject } from '../../../checks/rules/support/policy';
import { parsePolicyDocument, readStatements } from '../../../checks/model/policy';
import { OPAQUE, referenceToken, SELF } from '../../../checks/model/symbolic';
import type { PolicyStatement } from '../../../checks/model/types';

/** Bucket `aws_s3_bucket.data`, as `bucketSubject` describes one: its code tokens stand for its ARN and name. */
const SELF_ARN = `arn:aws:s3:::${SELF}`;
const BUCKET: ArnSubject = {
  arn: 'arn:aws:s3:::data',
  suffixes: ['', '/*'],
  names: { '': 'the bucket', '/*': 'its objects' },
  self: { arn: SELF_ARN, tokens: new Map([[referenceToken('aws_s3_bucket.data', 'arn'), SELF_ARN], [referenceToken('aws_s3_bucket.data', 'id'), SELF]]) },
};
const UNNAMED: ArnSubject = { ...BUCKET, arn: partlyUnknownArn('arn:aws:s3:::') };
const statements = (...items: Record<string, unknown>[]): PolicyStatement[] => parsePolicyDocument({ Statement: items }) as PolicyStatement[];
const deny = (overrides: Record<string, unknown> = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...overrides,
});

describe('covers: an IAM pattern covers every string a target stands for', () => {
  it.each([
    ['*', 'arn:aws:s3:::data/*', true],
    ['arn:aws:s3:::data*', 'arn:aws:s3:::data/*', true],
    ['arn:aws:s3:::data/*', 'arn:aws:s3:::data/*', true],
    ['arn:aws:s3:::data/logs/*', 'arn:aws:s3:::data/*', false],
    ['arn:aws:s3:::data/?', 'arn:aws:s3:::data/*', false],
    ['arn:aws:s3:::dat?', 'arn:aws:s3:::data', true],
    ['arn:aws:s3:::data', 'arn:aws:s3:::data/*', false],
    ['s3:*', 'S3:GetObject', false],
  ])('%s covers %s: %s', (pattern, target, expected) => {
    expect(covers(pattern, target)).toBe(expected);
  });

  it('compares actions case-insensitively when asked', () => {
    expect(covers('S3:*', 's3:*', true)).toBe(true);
  });
});

describe('deniesInsecureTransport', () => {
  it('says yes for the standard statement', () => {
    expect(deniesInsecureTransport(statements(deny()), BUCKET)).toEqual({ status: 'yes' });
  });

  it('names what is not covered', () => {
    const verdict = deniesInsecureTransport(statements(deny({ Resource: 'arn:aws:s3:::data' })), BUCKET);
    expect(verdict).toMatchObject({ status: 'no', reason: expect.stringMatching(/on its objects$/) });
  });

  it('cannot match a literal ARN to a bucket whose ARN is unknown, but a wildcard can', () => {
    expect(deniesInsecureTransport(statements(deny()), UNNAMED).status).toBe('unknown');
    expect(deniesInsecureTransport(statements(deny({ Resource: 'arn:aws:s3:::*' })), UNNAMED).status).toBe('yes');
  });

  it('does not count NotPrincipal, NotAction or NotResource statements', () => {
    expect(deniesInsecureTransport(statements(deny({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::1:root' } })), BUCKET).status).toBe('no');
    expect(deniesInsecureTransport(statements(deny({ Action: undefined, NotAction: 's3:GetObject' })), BUCKET).status).toBe('no');
    expect(deniesInsecureTransport(statements(deny({ Resource: undefined, NotResource: 'arn:aws:s3:::other' })), BUCKET).status).toBe('no');
  });
});

describe('deniesInsecureTransport on symbolic references (the code names an ARN known only after apply)', () => {
  const arn = referenceToken('aws_s3_bucket.data', 'arn');
  const id = referenceToken('aws_s3_bucket.data', 'id');
  const other = referenceToken('aws_s3_bucket.other', 'arn');

  it.each([
    ['its ARN and its objects', 'yes', [arn, `${arn}/*`]],
    ['an ARN built from its name, in any partition', 'yes', [`arn:aws:s3:::${id}`, `arn:aws-us-gov:s3:::${id}/*`]],
    ['its ARN followed by a wildcard', 'yes', [`${arn}*`]],
    ['its ARN alone (objects missing)', 'no', [arn]],
    ['a prefix of its objects only', 'no', [arn, `${arn}/logs/*`]],
    ["another bucket's ARN", 'unknown', [other, `${other}/*`]],
    ['an ARN with a part not known', 'unknown', [arn, `${arn}/${OPAQUE}/*`]],
  ])('a Deny on %s: %s', (_what, status, resources) => {
    expect(deniesInsecureTransport(statements(deny({ Resource: resources })), UNNAMED).status).toBe(status);
    expect(deniesInsecureTransport(statements(deny({ Resource: resources })), BUCKET).status).toBe(status);
  });

  it('never takes a token without the nonce of this process for the bucket', () => {
    const forged = `\uE000aws_s3_bucket.data#arn\uE001`;
    expect(deniesInsecureTransport(statements(deny({ Resource: [forged, `${forged}/*`] })), UNNAMED).status).toBe('unknown');
    expect(deniesInsecureTransport(statements(deny({ Resource: [`arn:aws:s3:::${SELF}`, `arn:aws:s3:::${SELF}/*`] })), UNNAMED).status).toBe('unknown');
  });
});

/** A document read as the deny rules read it. */
const readForDenials = (json: unknown) => {
  const reading = readStatements(json);
  return reading && denials(reading);
};

describe('readStatements, then denials', () => {
  it('counts statements it cannot read instead of giving up on the document', () => {
    const reading = readForDenials({ Statement: [deny(), { Effect: 'Deny', Principal: { AWS: OPAQUE }, Action: 's3:*', Resource: '*' }, { Effect: 'Sometimes' }] });
    expect(reading?.unreadable).toBe(2);
    expect(reading?.statements).toHaveLength(1);
  });

  it('keeps an Allow with a token as it is: it is never the Deny, so it leaves no doubt', () => {
    const allow = { Effect: 'Allow', Principal: { AWS: OPAQUE }, Action: 's3:GetObject', Resource: '*' };
    expect(readForDenials({ Statement: [deny(), allow] })).toMatchObject({ unreadable: 0, statements: [{ effect: 'Deny' }, { effect: 'Allow' }] });
  });

  it('keeps tokens in Resource, and counts a statement with one anywhere else as unreadable', () => {
    const token = referenceToken('aws_s3_bucket.data', 'arn');
    expect(readForDenials({ Statement: [deny({ Resource: token })] })).toMatchObject({ unreadable: 0, statements: [{ resources: [token] }] });
    expect(readForDenials({ Statement: [deny({ Condition: { Bool: { 'aws:SecureTransport': OPAQUE } } })] })).toMatchObject({ unreadable: 1, statements: [] });
  });

  it('gives nothing for a document it cannot read', () => {
    expect(readForDenials('{"Statement": ')).toBeUndefined();
    expect(readForDenials({ Version: '2012-10-17' })).toBeUndefined();
  });
});

describe('deniesTlsBelow', () => {
  const tls = (value: unknown) => deny({ Condition: { NumericLessThan: { 's3:TlsVersion': value } } });
  it('accepts a threshold at or above the version', () => {
    expect(deniesTlsBelow(statements(tls('1.2')), 1.2, BUCKET).status).toBe('yes');
    expect(deniesTlsBelow(statements(tls(['1.0', '1.3'])), 1.2, BUCKET).status).toBe('yes');
  });
  it('rejects a lower threshold or a non-number', () => {
    expect(deniesTlsBelow(statements(tls('1.1')), 1.2, BUCKET).status).toBe('no');
    expect(deniesTlsBelow(statements(tls('latest')), 1.2, BUCKET).status).toBe('no');
  });
});
