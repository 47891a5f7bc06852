import { ENVIRONMENTS, loadEnvironments } from '../../config/environments';
import { ConfigError, EnvironmentInput, looksLikeEmail, validateEnvironments } from '../../config/schema';

const DEV = ENVIRONMENTS.find((env) => env.name === 'dev') as EnvironmentInput;

/** The dev environment with some fields changed. */
function dev(overrides: Partial<EnvironmentInput>): EnvironmentInput {
  return { ...DEV, ...overrides };
}

function errorOf(inputs: readonly EnvironmentInput[]): ConfigError {
  try {
    validateEnvironments(inputs);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('shipped environments', () => {
  const envs = loadEnvironments();

  test('are dev, staging and prod', () => {
    expect(envs.map((env) => env.stackName)).toEqual(['twinmaker-dev', 'twinmaker-staging', 'twinmaker-prod']);
  });

  test('prod defaults to FIPS in a region with Cloud Control and STS FIPS endpoints', () => {
    const prod = envs.find((env) => env.name === 'prod');
    expect(prod?.fips).toBe(true);
    expect(['us-east-1', 'us-west-2']).toContain(prod?.region);
    expect(ENVIRONMENTS.find((env) => env.name === 'prod')?.fips).toBeUndefined();
  });

  test('carry no tag value that looks like an email address', () => {
    for (const env of envs) for (const value of Object.values(env.tags)) expect(looksLikeEmail(value)).toBe(false);
  });

  test('use a distinct state key each', () => {
    expect(new Set(envs.map((env) => env.state.key)).size).toBe(envs.length);
  });
});

describe('bad config fails with one line naming the environment and the field', () => {
  const { Owner: _owner, ...withoutOwner } = DEV.tags;
  const cases: Array<[string, string, readonly EnvironmentInput[]]> = [
    ['name', 'name', [dev({ name: 'Dev_1' })]],
    ['name with two hyphens together (the trail twinmaker-dev--eu-trail: CloudTrail refuses it)', 'name', [dev({ name: 'dev--eu', tags: { ...DEV.tags, Environment: 'dev--eu' } })]],
    ['name of 17 characters', 'name', [dev({ name: 'd'.repeat(17), tags: { ...DEV.tags, Environment: 'd'.repeat(17) } })]],
    ['state bucket with a prefix S3 reserves (xn--)', 'state.bucket', [dev({ state: { ...DEV.state, bucket: 'xn--tfstate' } })]],
    ['state bucket with a prefix S3 reserves (sthree-)', 'state.bucket', [dev({ state: { ...DEV.state, bucket: 'sthree-tfstate' } })]],
    ['state bucket with a suffix S3 reserves (-s3alias)', 'state.bucket', [dev({ state: { ...DEV.state, bucket: 'tfstate-s3alias' } })]],
    ['state bucket with a suffix S3 reserves (--x-s3)', 'state.bucket', [dev({ state: { ...DEV.state, bucket: 'tfstate--x-s3' } })]],
    ['accountId (not 12 digits)', 'accountId', [dev({ accountId: '12345' })]],
    ['accountId (letters)', 'accountId', [dev({ accountId: '11111111111a' })]],
    ['region (not a region)', 'region', [dev({ region: 'europe' })]],
    ['region (no TwinMaker)', 'region', [dev({ region: 'eu-north-1' })]],
    ['assumeRoleArn (malformed)', 'assumeRoleArn', [dev({ assumeRoleArn: 'deployer' })]],
    ['assumeRoleArn (other account)', 'assumeRoleArn', [dev({ assumeRoleArn: 'arn:aws:iam::999999999999:role/x' })]],
    ['fips outside FIPS regions', 'fips', [dev({ fips: true })]],
    ['missing Owner tag', 'tags.Owner', [dev({ tags: withoutOwner })]],
    ['missing Environment tag', 'tags.Environment', [dev({ tags: { Owner: 'team', DataClassification: 'internal' } })]],
    ['missing DataClassification tag', 'tags.DataClassification', [dev({ tags: { Owner: 'team', Environment: 'dev' } })]],
    ['Environment tag not the env name', 'tags.Environment', [dev({ tags: { ...DEV.tags, Environment: 'prod' } })]],
    ['DataClassification unknown', 'tags.DataClassification', [dev({ tags: { ...DEV.tags, DataClassification: 'secret-ish' } })]],
    ['empty tag value', 'tags.Project', [dev({ tags: { ...DEV.tags, Project: '' } })]],
    ['aws: tag key', 'tags.aws:x', [dev({ tags: { ...DEV.tags, 'aws:x': 'y' } })]],
    ['keyDeletionWindowDays below 7', 'keyDeletionWindowDays', [dev({ keyDeletionWindowDays: 6 })]],
    ['keyDeletionWindowDays above 30', 'keyDeletionWindowDays', [dev({ keyDeletionWindowDays: 31 })]],
    ['logRetentionDays', 'logRetentionDays', [dev({ logRetentionDays: 0 })]],
    ['workspaceId', 'workspaceId', [dev({ workspaceId: 'x' })]],
    ['workspaceDescription', 'workspaceDescription', [dev({ workspaceDescription: 'd'.repeat(513) })]],
    ['state bucket with dots', 'state.bucket', [dev({ state: { ...DEV.state, bucket: 'my.state.bucket' } })]],
    ['state KMS key', 'state.kmsKeyId', [dev({ state: { ...DEV.state, kmsKeyId: 'my-key' } })]],
    ['state KMS key in another region (S3 takes a key of the bucket\'s region only)', 'state.kmsKeyId', [dev({ state: { ...DEV.state, kmsKeyId: DEV.state.kmsKeyId.replace(`:${DEV.state.region}:`, ':us-west-2:') } })]],
    ['state KMS key in another partition', 'state.kmsKeyId', [dev({ state: { ...DEV.state, kmsKeyId: DEV.state.kmsKeyId.replace(/^arn:aws:kms:[a-z0-9-]+:/, 'arn:aws-cn:kms:cn-north-1:') } })]],
    ['state region without S3 FIPS', 'state.region', [dev({ region: 'us-east-1', fips: true, state: { ...DEV.state, region: 'eu-west-1' } })]],
    ['state key starting with "/" (Terraform\'s S3 backend refuses it)', 'state.key', [dev({ state: { ...DEV.state, key: '/twinmaker/dev/terraform.tfstate' } })]],
    ['state key ending with "/"', 'state.key', [dev({ state: { ...DEV.state, key: 'twinmaker/dev/' } })]],
    ['state key holding "//"', 'state.key', [dev({ state: { ...DEV.state, key: 'twinmaker//dev/terraform.tfstate' } })]],
    ['state KMS key ARN whose key id is no key id (key/tfstate)', 'state.kmsKeyId', [dev({ state: { ...DEV.state, kmsKeyId: 'arn:aws:kms:us-east-1:999999999999:key/tfstate' } })]],
    ['state KMS key ARN whose key id is no UUID Terraform takes (version 6)', 'state.kmsKeyId', [dev({ state: { ...DEV.state, kmsKeyId: 'arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-64cd-a6ef-1234567890ab' } })]],
    ['duplicate name', 'name', [DEV, DEV]],
    ['the same workspace id in the same account and region as another environment', 'workspaceId', [DEV, dev({ name: 'dev2', tags: { ...DEV.tags, Environment: 'dev2' } })]],
    ['shared state key', 'state.key', [DEV, dev({ name: 'dev2', workspaceId: 'twinmaker-dev2', tags: { ...DEV.tags, Environment: 'dev2' }, state: { ...DEV.state, key: 'twinmaker/dev/terraform.tfstate' } })]],
  ];

  test.each(cases)('%s', (_label, field, inputs) => {
    const error = errorOf(inputs);
    expect(error.field).toBe(field);
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(new RegExp(`^config: environment "[^"]+", field "${field.replace('.', '\\.')}": expected `));
  });

  describe('personal data in a bad value is shown masked, as findings show it, wherever it is', () => {
    const email = 'jane.doe@example.com';
    const cases: Array<[string, string, EnvironmentInput]> = [
      ['workspaceId', 'workspaceId', dev({ workspaceId: email })],
      ['state.key', 'state.key', dev({ state: { ...DEV.state, key: `twinmaker/${email}` } })],
      ['state.bucket', 'state.bucket', dev({ state: { ...DEV.state, bucket: email } })],
      ['assumeRoleArn (role in another account)', 'assumeRoleArn', dev({ assumeRoleArn: `arn:aws:iam::999999999999:role/${email}` })],
      ['a tag key (the field)', 'tags.<j***@e***.com>', dev({ tags: { ...DEV.tags, [`<${email}>`]: 'x' } })],
      ['a tag value over 256 characters (its length is checked first)', 'tags.Owner', dev({ tags: { ...DEV.tags, Owner: `${email} ${'x'.repeat(260)}` } })],
      ['tags given as a list', 'tags', dev({ tags: [email] as unknown as Record<string, string> })],
      ['the environment name', 'name', dev({ name: email })],
    ];

    test.each(cases)('%s', (_label, field, input) => {
      const error = errorOf([input]);
      expect(error.field).toBe(field);
      expect(error.message).not.toContain('jane');
      expect(error.message).toContain('j***@e***.com');
      expect(error.message).not.toContain('\n');
    });

    test('a phone number in DataClassification', () => {
      const error = errorOf([dev({ tags: { ...DEV.tags, DataClassification: 'owner +1 415 555 0100' } })]);
      expect(error.message).toMatch(/^config: environment "dev", field "tags\.DataClassification": expected one of .*, got "owner \+\* \*\*\* \*\*\* \*\*00"$/);
    });

    test('a value JSON cannot write is named by its type, still one line', () => {
      const error = errorOf([dev({ keyDeletionWindowDays: 10n as unknown as number })]);
      expect(error.message).toBe('config: environment "dev", field "keyDeletionWindowDays": expected an integer from 7 to 30, got a bigint');
    });
  });

  test('FIPS outside the regions where awscc has Cloud Control and STS FIPS endpoints says which regions have them', () => {
    expect(errorOf([dev({ fips: true })]).message).toBe(
      'config: environment "dev", field "fips": expected a region with Cloud Control and STS FIPS endpoints for awscc (us-east-1, us-west-2, us-gov-west-1) when FIPS is on, got region "eu-west-1"',
    );
  });

  test('FIPS is taken in us-gov-west-1: awscc calls Cloud Control and STS, which have FIPS endpoints there, and S3 for the state', () => {
    const gov = dev({
      region: 'us-gov-west-1',
      fips: true,
      assumeRoleArn: 'arn:aws-us-gov:iam::111111111111:role/twinmaker-deployer',
      state: { bucket: 'tfstate-111111111111-us-gov-west-1', region: 'us-gov-west-1', kmsKeyId: 'arn:aws-us-gov:kms:us-gov-west-1:111111111111:alias/tfstate' },
    });
    expect(validateEnvironments([gov])[0]).toMatchObject({ region: 'us-gov-west-1', partition: 'aws-us-gov', fips: true });
  });

  test.each([
    ['cn-north-1', 'arn:aws-cn:iam::111111111111:role/twinmaker-deployer', 'aws-cn'],
    ['us-gov-west-1', 'arn:aws-us-gov:iam::111111111111:role/twinmaker-deployer', 'aws-us-gov'],
  ])('an environment in %s with its state in the aws partition (us-east-1) is refused: one set of credentials cannot reach both', (region, assumeRoleArn, partition) => {
    expect(errorOf([dev({ region, assumeRoleArn })]).message).toBe(
      `config: environment "dev", field "state.region": expected a region in the environment's partition "${partition}" (its credentials reach no other), got "us-east-1" (partition "aws")`,
    );
  });

  test('state KMS key ARNs Terraform\'s S3 backend takes are taken: a key id, a multi-Region key, an alias', () => {
    for (const kmsKeyId of [
      'arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-44cd-a6ef-1234567890ab',
      'arn:aws:kms:us-east-1:999999999999:key/mrk-1234abcd12ab34cd56ef1234567890ab',
      'arn:aws:kms:us-east-1:999999999999:alias/team/tf_state-1',
    ]) {
      expect(validateEnvironments([dev({ state: { ...DEV.state, kmsKeyId } })])[0].state.kmsKeyId).toBe(kmsKeyId);
    }
  });

  test('two environments creating one workspace (same id, account and region) are refused, naming both', () => {
    const second = dev({ name: 'dev2', tags: { ...DEV.tags, Environment: 'dev2' } });
    expect(errorOf([DEV, second]).message).toBe(
      'config: environment "dev2", field "workspaceId": expected a workspace id no other environment uses in account 111111111111 and region eu-west-1, got "twinmaker-dev", which environment "dev" creates there too',
    );
    // The same id in another region, or another account, is another workspace.
    expect(() => validateEnvironments([DEV, { ...second, region: 'eu-central-1' }])).not.toThrow();
    expect(() => validateEnvironments([DEV, { ...second, accountId: '444444444444', assumeRoleArn: 'arn:aws:iam::444444444444:role/twinmaker-deployer' }])).not.toThrow();
  });

  test('names with single hyphens, 16 characters and a bucket name with -- inside are taken', () => {
    const name = 'dev-eu-1-abcdefg';
    expect(() => validateEnvironments([dev({ name, tags: { ...DEV.tags, Environment: name }, state: { ...DEV.state, bucket: 'tf--state' } })])).not.toThrow();
  });

  test('an email in a tag is rejected without echoing it', () => {
    const email = 'jane.doe@example.com';
    const error = errorOf([dev({ tags: { ...DEV.tags, Owner: email } })]);
    expect(error.message).toMatch(/^config: environment "dev", field "tags\.Owner": expected a team or role name/);
    expect(error.message).not.toContain(email);
    expect(error.message).not.toContain('jane');
  });
});
