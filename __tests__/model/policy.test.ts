import { parsePolicyDocument } from '../../checks/model/policy';

describe('parsePolicyDocument', () => {
  const tlsDeny = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
        Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:TlsVersion': 1.2 } },
      },
    ],
  };

  it('normalizes single values to arrays, Principal "*" and condition values to strings', () => {
    expect(parsePolicyDocument(JSON.stringify(tlsDeny))).toEqual([
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: { '*': ['*'] },
        actions: ['s3:*'],
        resources: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
        conditions: { Bool: { 'aws:SecureTransport': ['false'] }, NumericLessThan: { 's3:TlsVersion': ['1.2'] } },
      },
    ]);
  });

  it('accepts an object and a single statement object', () => {
    expect(
      parsePolicyDocument({ Statement: { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com', AWS: ['arn:aws:iam::1:root'] }, NotAction: 'iam:*', NotResource: '*' } }),
    ).toEqual([
      { effect: 'Allow', principals: { Service: ['cloudtrail.amazonaws.com'], AWS: ['arn:aws:iam::1:root'] }, notActions: ['iam:*'], notResources: ['*'], conditions: {} },
    ]);
  });

  it('keeps NotPrincipal apart from Principal', () => {
    expect(parsePolicyDocument({ Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::1:role/admin' }, Action: '*' }] })?.[0]).toMatchObject({
      notPrincipals: { AWS: ['arn:aws:iam::1:role/admin'] },
    });
  });

  it.each([
    ['invalid JSON', '{"Statement": ['],
    ['no Statement', '{"Version": "2012-10-17"}'],
    ['an Effect other than Allow/Deny', { Statement: [{ Effect: 'Maybe', Action: '*' }] }],
    ['an Action of the wrong shape', { Statement: [{ Effect: 'Allow', Action: { a: 1 } }] }],
    ['a Condition of the wrong shape', { Statement: [{ Effect: 'Allow', Action: '*', Condition: { Bool: 'x' } }] }],
    ['not an object', 42],
  ])('cannot read %s', (_, document) => {
    expect(parsePolicyDocument(document)).toBeUndefined();
  });

  it('reads an empty statement list as no statements', () => {
    expect(parsePolicyDocument({ Statement: [] })).toEqual([]);
  });
});
