import { Construct, IValidation } from 'constructs';
import { Aspects, S3Backend, S3BackendConfig, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AwsccProvider } from './providers/awscc/provider';
import { CompliantTwinMakerWorkspace } from './constructs/compliant-twinmaker-workspace';
import { DefaultTagsAspect } from './tagging-aspect';
import { AWSCC_FIPS_HOSTS, EnvironmentConfig, FIPS_REGIONS } from '../config/schema';

/** S3 backend arguments newer than cdktf 0.21's typed config; S3Backend snake-cases every key it is given. */
interface S3BackendWithLockfile extends S3BackendConfig {
  /** `use_lockfile`: S3-native state locking (Terraform >= 1.10). */
  readonly useLockfile: boolean;
  /** `use_fips_endpoint`: reach the state bucket through S3 FIPS endpoints. */
  readonly useFipsEndpoint?: boolean;
}

/**
 * The awscc `endpoints` for FIPS: the Cloud Control and STS FIPS hosts of the region (awscc has no FIPS flag), as
 * {@link AWSCC_FIPS_HOSTS} lists them. A region it does not list has none to give: config validation refuses FIPS there.
 */
function awsccFipsEndpoints(region: string): { cloudcontrolapi: string; sts: string } {
  const hosts = AWSCC_FIPS_HOSTS[region];
  if (hosts === undefined) throw new Error(`no Cloud Control and STS FIPS endpoints are known for region ${region} (known: ${FIPS_REGIONS.join(', ')})`);
  return { cloudcontrolapi: `https://${hosts.cloudcontrolapi}`, sts: `https://${hosts.sts}` };
}

/**
 * One environment's stack (`twinmaker-<env>`): aws and awscc providers for the environment's account, region, role
 * and FIPS setting, the S3 remote state, and a {@link CompliantTwinMakerWorkspace}. Every environment uses this class.
 */
export class TwinMakerStack extends TerraformStack {
  /** The validated environment this stack deploys. */
  public readonly environment: EnvironmentConfig;
  /** The compliant workspace. */
  public readonly workspace: CompliantTwinMakerWorkspace;

  public constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env.stackName);
    this.environment = env;
    const sessionName = `${env.stackName}-deploy`;

    new AwsProvider(this, 'aws', {
      region: env.region,
      allowedAccountIds: [env.accountId],
      assumeRole: [{ roleArn: env.assumeRoleArn, sessionName }],
      defaultTags: [{ tags: { ...env.tags } }],
      useFipsEndpoint: env.fips ? true : undefined,
    });
    new AwsccProvider(this, 'awscc', {
      region: env.region,
      assumeRole: { roleArn: env.assumeRoleArn, sessionName },
      endpoints: env.fips ? awsccFipsEndpoints(env.region) : undefined,
    });
    const backend: S3BackendWithLockfile = {
      bucket: env.state.bucket,
      key: env.state.key,
      region: env.state.region,
      encrypt: true,
      kmsKeyId: env.state.kmsKeyId,
      useLockfile: true,
      useFipsEndpoint: env.fips ? true : undefined,
    };
    new S3Backend(this, backend);

    this.workspace = new CompliantTwinMakerWorkspace(this, 'twinmaker', {
      workspaceId: env.workspaceId,
      accountId: env.accountId,
      region: env.region,
      partition: env.partition,
      namePrefix: env.stackName,
      description: env.workspaceDescription,
      keyDeletionWindowDays: env.keyDeletionWindowDays,
      logRetentionDays: env.logRetentionDays,
      cloudTrail: env.cloudTrail,
      trustPolicyConditions: env.trustPolicyConditions,
    });
    Aspects.of(this).add(new DefaultTagsAspect(env.tags));

    new TerraformOutput(this, 'workspace_arn', { value: this.workspace.workspaceArn });
    new TerraformOutput(this, 'workspace_bucket', { value: this.workspace.workspaceBucket.bucketName });
  }
}

/** Validations to attach to each stack (`node.addValidation`); they run when the app synthesizes. */
export type StackValidations = (stack: TwinMakerStack) => readonly IValidation[];

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /**
   * Synth-time validations per stack. The twinguard gate is added to the whole app instead
   * (`addTwinguardValidation(app)`, as `buildProjectApp` in stacks/project-gate.ts does), which tells it which
   * stacks carry it. Default: none.
   */
  readonly validations?: StackValidations;
}

/** Builds one {@link TwinMakerStack} per environment in `app` and returns them in order. */
export function buildApp(app: Construct, environments: readonly EnvironmentConfig[], options: BuildAppOptions = {}): TwinMakerStack[] {
  return environments.map((env) => {
    const stack = new TwinMakerStack(app, env);
    for (const validation of options.validations?.(stack) ?? []) stack.node.addValidation(validation);
    return stack;
  });
}
