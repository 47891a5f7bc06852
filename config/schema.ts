/**
 * The environment config: its raw shape (what config/environments.ts holds), the validated shape the stacks use,
 * and the validation. Every failure is one line naming the environment and the field, and never echoes a value that
 * looks like personal data: what it shows passes through the checks' own detectors first (`maskedAll`, `shown`).
 */
import { maskedAll } from '../checks/rules/support/detect';
import { S3_FIPS_REGIONS } from '../checks/rules/support/endpoints';

/** Tags every environment must set; they become the aws provider's default_tags and the awscc workspace's tags. */
const REQUIRED_TAGS = ['Environment', 'Owner', 'DataClassification'] as const;

/** Allowed values of the `DataClassification` tag. */
const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;

/** Regions where AWS IoT TwinMaker is offered. */
const TWINMAKER_REGIONS = [
  'us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2',
  'ap-northeast-1', 'ap-northeast-2', 'us-gov-west-1', 'cn-north-1',
] as const;

/**
 * The FIPS hosts the awscc provider is sent to, per region, where TwinMaker is offered and both exist. awscc calls
 * Cloud Control (which calls TwinMaker itself, inside AWS) and STS, never TwinMaker's own endpoints, so these are the
 * hosts FIPS depends on; the aws provider finds its own (S3, KMS, IAM, CloudTrail) with `use_fips_endpoint`, and all
 * of them have FIPS endpoints in these regions. Sources: "Cloud Control API endpoints and quotas" (AWS General
 * Reference) lists cloudcontrolapi-fips.<region>.amazonaws.com in all three; STS's FIPS host is sts-fips.<region> in
 * the aws partition, and in GovCloud the regional host itself (the AWS SDKs' endpoint data tag
 * sts.us-gov-west-1.amazonaws.com as the FIPS variant, and AWS lists no sts-fips host there).
 */
export const AWSCC_FIPS_HOSTS: Readonly<Record<string, { readonly cloudcontrolapi: string; readonly sts: string }>> = Object.freeze({
  'us-east-1': { cloudcontrolapi: 'cloudcontrolapi-fips.us-east-1.amazonaws.com', sts: 'sts-fips.us-east-1.amazonaws.com' },
  'us-west-2': { cloudcontrolapi: 'cloudcontrolapi-fips.us-west-2.amazonaws.com', sts: 'sts-fips.us-west-2.amazonaws.com' },
  'us-gov-west-1': { cloudcontrolapi: 'cloudcontrolapi-fips.us-gov-west-1.amazonaws.com', sts: 'sts.us-gov-west-1.amazonaws.com' },
});

/** Regions where an environment may turn FIPS on: those of {@link AWSCC_FIPS_HOSTS}. */
export const FIPS_REGIONS: readonly string[] = Object.freeze(Object.keys(AWSCC_FIPS_HOSTS));

/**
 * Prefixes and suffixes S3 reserves: no general purpose bucket's name starts or ends with one (S3 user guide,
 * "General purpose bucket naming rules"). A name that does passes every pattern and fails only when applied.
 */
const S3_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;
const S3_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'] as const;

/** What S3 reserves, for a message: `prefixes xn--, sthree-, amzn-s3-demo-; suffixes -s3alias, …`. */
export const S3_RESERVED = `prefixes ${S3_RESERVED_PREFIXES.join(', ')}; suffixes ${S3_RESERVED_SUFFIXES.join(', ')}`;

/** The prefix or suffix S3 reserves that a bucket name starts or ends with, if any. */
export function reservedBucketAffix(name: string): string | undefined {
  return S3_RESERVED_PREFIXES.find((prefix) => name.startsWith(prefix)) ?? S3_RESERVED_SUFFIXES.find((suffix) => name.endsWith(suffix));
}

/** AWS partition of a region. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** Remote state location of one environment (S3 backend with encryption and lock file). */
export interface StateBackendInput {
  /** State bucket name (3–63 characters, lowercase, no dots). */
  readonly bucket: string;
  /** Region of the state bucket. */
  readonly region: string;
  /** ARN of the KMS key (`key/<key id>`, `key/mrk-<id>`) or alias (`alias/<name>`) encrypting the state objects. */
  readonly kmsKeyId: string;
  /** Object key of the state, no leading or trailing `/` and no `//`. Default: `twinmaker/<environment>/terraform.tfstate`. */
  readonly key?: string;
}

/** One environment as written in config/environments.ts. */
export interface EnvironmentInput {
  /**
   * Short lowercase name, no two hyphens together; the stack is `twinmaker-<name>`, and so is the prefix of its
   * resource names (the trail `twinmaker-<name>-trail`: CloudTrail refuses adjacent hyphens).
   */
  readonly name: string;
  /** The 12-digit AWS account id the stack deploys into. */
  readonly accountId: string;
  /** AWS region; must offer IoT TwinMaker. */
  readonly region: string;
  /** Role the aws and awscc providers assume (in the target account). */
  readonly assumeRoleArn: string;
  /** Tag values: `Environment`, `Owner` (a team, never a person), `DataClassification`, plus any others. */
  readonly tags: Readonly<Record<string, string>>;
  /** Use FIPS endpoints. Default: true for `prod`, false otherwise. */
  readonly fips?: boolean;
  /** Create the CloudTrail trail (turn off when an organization trail covers the account). Default: true. */
  readonly cloudTrail?: boolean;
  /** KMS key deletion window in days, 7–30. Default: 30. */
  readonly keyDeletionWindowDays?: number;
  /** Days the access and CloudTrail logs are kept, 1–3650. Default: 365. */
  readonly logRetentionDays?: number;
  /** TwinMaker workspace id (2–128 characters, `^[A-Za-z0-9_][A-Za-z0-9_-]*[A-Za-z0-9]$`). */
  readonly workspaceId: string;
  /** Workspace description, at most 512 characters. Default: `TwinMaker workspace (<name>)`. */
  readonly workspaceDescription?: string;
  /** Add aws:SourceAccount/aws:SourceArn to the TwinMaker role's trust policy. Default: true. */
  readonly trustPolicyConditions?: boolean;
  /** Remote state. */
  readonly state: StateBackendInput;
}

/** A validated environment with every default applied. */
export interface EnvironmentConfig {
  readonly name: string;
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: Partition;
  readonly assumeRoleArn: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly fips: boolean;
  readonly cloudTrail: boolean;
  readonly keyDeletionWindowDays: number;
  readonly logRetentionDays: number;
  readonly workspaceId: string;
  readonly workspaceDescription: string;
  readonly trustPolicyConditions: boolean;
  readonly state: Required<StateBackendInput>;
}

/**
 * A config problem: the message is one line, `environment "<name>", field "<field>": expected …, got …`. The
 * environment and the field are masked as values are (a tag key is a field: `tags.<j***@e***.com>`).
 */
export class ConfigError extends Error {
  public readonly environment: string;
  public readonly field: string;

  public constructor(environment: string, field: string, reason: string) {
    const [env, name] = [maskedAll(environment), maskedAll(field)];
    super(`config: environment "${env}", field "${name}": ${reason}`);
    this.name = 'ConfigError';
    this.environment = env;
    this.field = name;
  }
}

/** Anchored TwinMaker workspace id pattern (the awscc schema's own pattern is unanchored). */
export const WORKSPACE_ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]*[A-Za-z0-9]$/;
// 1-16 characters; single hyphens between letters and digits: the name ends up in the trail's name.
const ENV_NAME_PATTERN = /^(?=[a-z0-9-]{1,16}$)[a-z](?:-?[a-z0-9])*$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
const REGION_PATTERN = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const ROLE_ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
/**
 * A KMS key or alias ARN as Terraform's S3 backend takes it (validateKMSKeyARN, internal/backend/remote-state/s3/
 * validate.go): `key/<uuid>` (version 1-5, variant 8, 9, a or b), `key/mrk-<32 hex>` or `alias/<letters, digits, /_->`.
 */
const KMS_ARN_PATTERN =
  /^arn:(aws|aws-cn|aws-us-gov):kms:[a-z0-9-]+:\d{12}:(?:key\/(?:[a-f0-9]{8}-[a-f0-9]{4}-[1-5][a-f0-9]{3}-[ab89][a-f0-9]{3}-[a-f0-9]{12}|mrk-[a-f0-9]{32})|alias\/[a-zA-Z0-9/_-]+)$/;
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/** A copy of a config value with every string in it masked, the keys of a map too. */
function maskedValue(value: unknown): unknown {
  if (typeof value === 'string') return maskedAll(value);
  if (Array.isArray(value)) return value.map(maskedValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [maskedAll(key), maskedValue(inner)]));
  }
  return value;
}

/**
 * A value shown in an error, safe to print: every string in it masked (`maskedAll`), then written as JSON (strings
 * quoted) and cut to 80 characters. Masked before the cut, so a cut never leaves part of a value unmasked. The one
 * way config and the construct show a value, so no message can forget to mask it.
 */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(maskedValue(value)) ?? maskedAll(String(value));
  } catch {
    // A bigint or a cyclic object: JSON cannot write it, and its type is enough to say what is wrong.
    text = `a ${typeof value}`;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The partition a region belongs to. */
export function partitionOf(region: string): Partition {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/** True when a string looks like an email address (personal data must not be a tag value). */
export function looksLikeEmail(value: string): boolean {
  return EMAIL_LIKE.test(value);
}

function integerIn(env: string, field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(env, field, `expected an integer from ${min} to ${max}, got ${shown(value)}`);
  }
  return value;
}

function matching(env: string, field: string, value: unknown, pattern: RegExp, expected: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ConfigError(env, field, `expected ${expected}, got ${shown(value)}`);
  }
  return value;
}

function validateRegion(env: string, region: unknown): string {
  matching(env, 'region', region, REGION_PATTERN, 'an AWS region name such as "eu-west-1"');
  if (!(TWINMAKER_REGIONS as readonly string[]).includes(region as string)) {
    throw new ConfigError(env, 'region', `expected a region where IoT TwinMaker is offered (${TWINMAKER_REGIONS.join(', ')}), got ${shown(region)}`);
  }
  return region as string;
}

function validateAssumeRole(env: string, arn: unknown, accountId: string, partition: Partition): string {
  const match = ROLE_ARN_PATTERN.exec(typeof arn === 'string' ? arn : '');
  if (match === null) {
    throw new ConfigError(env, 'assumeRoleArn', `expected an IAM role ARN "arn:<partition>:iam::<account>:role/<name>", got ${shown(arn)}`);
  }
  if (match[1] !== partition || match[2] !== accountId) {
    throw new ConfigError(env, 'assumeRoleArn', `expected a role in partition "${partition}" and account ${accountId}, got ${shown(arn)}`);
  }
  return arn as string;
}

function validateTagValue(env: string, key: string, value: unknown): void {
  const field = `tags.${key}`;
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw new ConfigError(env, field, `expected a tag value of 1-256 characters, got ${shown(value)}`);
  }
  if (looksLikeEmail(value)) {
    throw new ConfigError(env, field, 'expected a team or role name, got a value that looks like an email address (personal data; value not shown)');
  }
}

function validateTags(env: string, tags: unknown): Readonly<Record<string, string>> {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw new ConfigError(env, 'tags', `expected a map of tag names to values, got ${shown(tags)}`);
  }
  const entries = Object.entries(tags as Record<string, unknown>);
  if (entries.length > 50) throw new ConfigError(env, 'tags', `expected at most 50 tags, got ${entries.length}`);
  for (const required of REQUIRED_TAGS) {
    if (!(required in tags)) throw new ConfigError(env, `tags.${required}`, 'expected a value (required tag), got nothing');
  }
  for (const [key, value] of entries) {
    if (!TAG_KEY_PATTERN.test(key) || key.toLowerCase().startsWith('aws:')) {
      throw new ConfigError(env, `tags.${key}`, 'expected a tag key of 1-128 letters, digits, spaces or _.:/=+-@ not starting with "aws:"');
    }
    validateTagValue(env, key, value);
  }
  const record = tags as Record<string, string>;
  if (record.Environment !== env) {
    throw new ConfigError(env, 'tags.Environment', `expected "${env}" (the environment's name), got ${shown(record.Environment)}`);
  }
  if (!(DATA_CLASSIFICATIONS as readonly string[]).includes(record.DataClassification)) {
    throw new ConfigError(env, 'tags.DataClassification', `expected one of ${DATA_CLASSIFICATIONS.join(', ')}, got ${shown(record.DataClassification)}`);
  }
  return Object.freeze({ ...record });
}

function validateFips(env: string, fips: boolean, region: string): boolean {
  if (fips && !FIPS_REGIONS.includes(region)) {
    throw new ConfigError(env, 'fips', `expected a region with Cloud Control and STS FIPS endpoints for awscc (${FIPS_REGIONS.join(', ')}) when FIPS is on, got region ${shown(region)}`);
  }
  return fips;
}

function validateState(env: string, state: StateBackendInput | undefined, fips: boolean, partition: Partition): Required<StateBackendInput> {
  if (typeof state !== 'object' || state === null) {
    throw new ConfigError(env, 'state', `expected { bucket, region, kmsKeyId }, got ${shown(state)}`);
  }
  const bucket = matching(env, 'state.bucket', state.bucket, BUCKET_PATTERN, 'a bucket name of 3-63 lowercase letters, digits and hyphens (no dots)');
  if (reservedBucketAffix(bucket) !== undefined) {
    throw new ConfigError(env, 'state.bucket', `expected a bucket name without a prefix or suffix S3 reserves (${S3_RESERVED}), got ${shown(bucket)}`);
  }
  const region = matching(env, 'state.region', state.region, REGION_PATTERN, 'an AWS region name');
  // Terraform reaches the state with the credentials that deploy the environment, and credentials of one partition
  // are unknown in another: a state bucket in aws cannot serve a cn-north-1 or us-gov-west-1 environment.
  if (partitionOf(region) !== partition) {
    throw new ConfigError(env, 'state.region', `expected a region in the environment's partition "${partition}" (its credentials reach no other), got ${shown(region)} (partition "${partitionOf(region)}")`);
  }
  // The state bucket's Region needs S3 FIPS endpoints: provider-fips-endpoints judges the backend by the same list.
  if (fips && !S3_FIPS_REGIONS.includes(region)) {
    throw new ConfigError(env, 'state.region', `expected a region with S3 FIPS endpoints (${S3_FIPS_REGIONS.join(', ')}) when FIPS is on, got ${shown(region)}`);
  }
  const kmsKeyId = matching(env, 'state.kmsKeyId', state.kmsKeyId, KMS_ARN_PATTERN, 'a KMS key ARN (key/<key id> or key/mrk-<id>) or alias ARN (alias/<name>), as Terraform\'s S3 backend takes it');
  // S3 encrypts with a KMS key of the bucket's own Region only.
  const [, keyPartition, , keyRegion] = kmsKeyId.split(':');
  if (keyRegion !== region || keyPartition !== partition) {
    throw new ConfigError(env, 'state.kmsKeyId', `expected a key in the state bucket's region ${region} (partition ${partition}), got one in ${keyRegion} (partition ${keyPartition})`);
  }
  const key = state.key ?? `twinmaker/${env}/terraform.tfstate`;
  matching(env, 'state.key', key, /^[\w!\-.*'()/]{1,1024}$/, 'an S3 object key');
  // Terraform's S3 backend refuses these at init (validateStringS3Path and "//" in validate.go and backend.go).
  if (key.startsWith('/') || key.endsWith('/') || key.includes('//')) {
    throw new ConfigError(env, 'state.key', `expected an object key that neither starts nor ends with "/" and holds no "//" (Terraform's S3 backend refuses them), got ${shown(key)}`);
  }
  return { bucket, region, kmsKeyId, key };
}

/** Validates one environment and applies its defaults; throws ConfigError on the first problem. */
function validateEnvironment(input: EnvironmentInput): EnvironmentConfig {
  const name = typeof input.name === 'string' ? input.name : '?';
  matching(name, 'name', input.name, ENV_NAME_PATTERN, '1-16 lowercase letters, digits or single hyphens, starting with a letter and ending with a letter or digit (CloudTrail refuses "--" in the trail name twinmaker-<name>-trail)');
  const accountId = matching(name, 'accountId', input.accountId, ACCOUNT_PATTERN, 'a 12-digit AWS account id');
  const region = validateRegion(name, input.region);
  const partition = partitionOf(region);
  const fips = validateFips(name, input.fips ?? name === 'prod', region);
  const workspaceId = matching(name, 'workspaceId', input.workspaceId, WORKSPACE_ID_PATTERN, '2-128 letters, digits, _ or - matching ^[A-Za-z0-9_][A-Za-z0-9_-]*[A-Za-z0-9]$');
  if (workspaceId.length > 128) throw new ConfigError(name, 'workspaceId', `expected at most 128 characters, got ${workspaceId.length}`);
  const workspaceDescription = input.workspaceDescription ?? `TwinMaker workspace (${name})`;
  if (workspaceDescription.length > 512) {
    throw new ConfigError(name, 'workspaceDescription', `expected at most 512 characters, got ${workspaceDescription.length}`);
  }
  return Object.freeze({
    name,
    stackName: `twinmaker-${name}`,
    accountId,
    region,
    partition,
    assumeRoleArn: validateAssumeRole(name, input.assumeRoleArn, accountId, partition),
    tags: validateTags(name, input.tags),
    fips,
    cloudTrail: input.cloudTrail ?? true,
    keyDeletionWindowDays: integerIn(name, 'keyDeletionWindowDays', input.keyDeletionWindowDays ?? 30, 7, 30),
    logRetentionDays: integerIn(name, 'logRetentionDays', input.logRetentionDays ?? 365, 1, 3650),
    workspaceId,
    workspaceDescription,
    trustPolicyConditions: input.trustPolicyConditions ?? true,
    state: validateState(name, input.state, fips, partition),
  });
}

/**
 * Validates every environment, then checks that names, state locations and workspaces are distinct. A workspace id
 * is unique in an account and region (partition included): a second environment creating the same one would fail at
 * apply, after the first had deployed.
 */
export function validateEnvironments(inputs: readonly EnvironmentInput[]): readonly EnvironmentConfig[] {
  const envs = inputs.map(validateEnvironment);
  const seenNames = new Set<string>();
  const seenState = new Set<string>();
  const seenWorkspaces = new Map<string, string>();
  for (const env of envs) {
    if (seenNames.has(env.name)) throw new ConfigError(env.name, 'name', 'expected a unique environment name, got a duplicate');
    seenNames.add(env.name);
    const workspace = [env.partition, env.accountId, env.region, env.workspaceId].join('\u0000');
    const other = seenWorkspaces.get(workspace);
    if (other !== undefined) {
      throw new ConfigError(
        env.name,
        'workspaceId',
        `expected a workspace id no other environment uses in account ${env.accountId} and region ${env.region}, got ${shown(env.workspaceId)}, which environment "${maskedAll(other)}" creates there too`,
      );
    }
    seenWorkspaces.set(workspace, env.name);
    const location = `${env.state.bucket}/${env.state.key}`;
    if (seenState.has(location)) {
      throw new ConfigError(env.name, 'state.key', `expected a state location no other environment uses, got ${shown(location)}`);
    }
    seenState.add(location);
  }
  return Object.freeze(envs);
}
