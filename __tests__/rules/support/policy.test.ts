import { covers, deniesInsecureTransport, deniesTlsBelow, partlyUnknownArn, type ArnSubject } from '../../../checks/rules/support/policy';
import { parsePolicyDocument } from '../../../checks/model/policy';
import type { PolicyStatement } from '../../../checks/model/types';

const BUCKET: ArnSubject = { arn: 'arn:aws:s3:::data', suffixes: ['', '/*'], names: { '': 'the bucket', '/*': 'its objects' } };
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
