/**
 * The environments this app deploys. The account ids below are placeholders: set your own account ids, deployer
 * roles, state bucket and state key before deploying (see README). Tag values name teams, never people.
 */
import { EnvironmentConfig, EnvironmentInput, validateEnvironments } from './schema';

/** Shared remote-state location (one bucket, a distinct key per environment). */
const STATE = {
  bucket: 'twinguard-tfstate-999999999999-us-east-1',
  region: 'us-east-1',
  kmsKeyId: 'arn:aws:kms:us-east-1:999999999999:alias/twinguard-tfstate',
} as const;

/** Tags every environment shares. */
const COMMON_TAGS = { Owner: 'platform-engineering', Project: 'twinguard' } as const;

/** Raw environment data, validated by {@link loadEnvironments}. */
export const ENVIRONMENTS: readonly EnvironmentInput[] = [
  {
    name: 'dev',
    accountId: '111111111111',
    region: 'eu-west-1',
    assumeRoleArn: 'arn:aws:iam::111111111111:role/twinmaker-deployer',
    tags: { ...COMMON_TAGS, Environment: 'dev', DataClassification: 'internal' },
    fips: false,
    keyDeletionWindowDays: 7,
    logRetentionDays: 90,
    workspaceId: 'twinmaker-dev',
    state: STATE,
  },
  {
    name: 'staging',
    accountId: '222222222222',
    region: 'us-west-2',
    assumeRoleArn: 'arn:aws:iam::222222222222:role/twinmaker-deployer',
    tags: { ...COMMON_TAGS, Environment: 'staging', DataClassification: 'confidential' },
    fips: true,
    keyDeletionWindowDays: 14,
    logRetentionDays: 365,
    workspaceId: 'twinmaker-staging',
    state: STATE,
  },
  {
    // FIPS is on by default for prod, and the project's gate requires it (examples/twinguard.config.yaml): `fips: false`
    // here stops synth. Its region must have Cloud Control and STS FIPS endpoints (us-east-1, us-west-2, us-gov-west-1).
    name: 'prod',
    accountId: '333333333333',
    region: 'us-east-1',
    assumeRoleArn: 'arn:aws:iam::333333333333:role/twinmaker-deployer',
    tags: { ...COMMON_TAGS, Environment: 'prod', DataClassification: 'confidential' },
    keyDeletionWindowDays: 30,
    logRetentionDays: 2555,
    workspaceId: 'twinmaker-prod',
    state: STATE,
  },
];

/** The validated environments; throws ConfigError (one line naming environment and field) on bad data. */
export function loadEnvironments(inputs: readonly EnvironmentInput[] = ENVIRONMENTS): readonly EnvironmentConfig[] {
  return validateEnvironments(inputs);
}
