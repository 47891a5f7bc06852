import { Construct } from 'constructs';
import {
  TerraformProvider,
  booleanToTerraform,
  hashMapper,
  listMapper,
  numberToTerraform,
  stringToTerraform,
} from 'cdktf';
import { definedHclAttributes, hclAttribute, hclObject } from './hcl';

/** The awscc provider version range every stack pins in `required_providers`. */
export const AWSCC_VERSION_CONSTRAINT = '~> 1.66';

/** `assume_role`: a single nested attribute (an object, not a block list) of the awscc provider. */
export interface AwsccProviderAssumeRole {
  /** ARN of the role to assume. */
  readonly roleArn: string;
  /** Session name; shows in CloudTrail as the assumed-role session. */
  readonly sessionName?: string;
  /** External id required by the role's trust policy, if any. */
  readonly externalId?: string;
  /** Session duration, e.g. `1h`. */
  readonly duration?: string;
  /** Inline session policy (JSON). */
  readonly policy?: string;
  /** Managed session policies. */
  readonly policyArns?: string[];
  /** Session tags. */
  readonly tags?: { [key: string]: string };
  /** Session tag keys passed on to further role chaining. */
  readonly transitiveTagKeys?: string[];
}

/** `assume_role_with_web_identity`: a single nested attribute of the awscc provider. */
export interface AwsccProviderAssumeRoleWithWebIdentity {
  /** ARN of the role to assume. */
  readonly roleArn: string;
  /** Session name. */
  readonly sessionName?: string;
  /** The OIDC token itself. */
  readonly webIdentityToken?: string;
  /** A file holding the OIDC token. */
  readonly webIdentityTokenFile?: string;
  /** Session duration, e.g. `1h`. */
  readonly duration?: string;
  /** Inline session policy (JSON). */
  readonly policy?: string;
  /** Managed session policies. */
  readonly policyArns?: string[];
}

/** `endpoints`: a single nested attribute overriding service endpoints (FIPS endpoints go here). */
export interface AwsccProviderEndpoints {
  /** Cloud Control API endpoint, e.g. `https://cloudcontrolapi-fips.us-east-1.amazonaws.com`. */
  readonly cloudcontrolapi?: string;
  /** IAM endpoint. */
  readonly iam?: string;
  /** SSO endpoint. */
  readonly sso?: string;
  /** STS endpoint, e.g. `https://sts-fips.us-east-1.amazonaws.com`. */
  readonly sts?: string;
}

/** One `user_agent` entry appended to the provider's User-Agent header. */
export interface AwsccProviderUserAgent {
  /** Product name. */
  readonly productName: string;
  /** Product version. */
  readonly productVersion?: string;
  /** Free-text comment. */
  readonly comment?: string;
}

/** Configuration of the `awscc` provider block (hashicorp/awscc ~> 1.66); every attribute is optional. */
export interface AwsccProviderConfig {
  readonly accessKey?: string;
  readonly secretKey?: string;
  readonly token?: string;
  readonly profile?: string;
  readonly sharedConfigFiles?: string[];
  readonly sharedCredentialsFiles?: string[];
  /** AWS region. */
  readonly region?: string;
  /** The CloudFormation service role Cloud Control uses for its calls. */
  readonly roleArn?: string;
  readonly assumeRole?: AwsccProviderAssumeRole;
  readonly assumeRoleWithWebIdentity?: AwsccProviderAssumeRoleWithWebIdentity;
  readonly endpoints?: AwsccProviderEndpoints;
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  readonly noProxy?: string;
  readonly insecure?: boolean;
  /** Retries for retryable errors (the provider's default is 25). */
  readonly maxRetries?: number;
  readonly skipMetadataApiCheck?: boolean;
  readonly userAgent?: AwsccProviderUserAgent[];
  /** Provider alias, for more than one awscc provider in a stack. */
  readonly alias?: string;
}

const stringList = listMapper(stringToTerraform, false);
const stringMap = hashMapper(stringToTerraform);

/** Converts `assume_role` to its Terraform JSON object. */
export function awsccProviderAssumeRoleToTerraform(struct?: AwsccProviderAssumeRole): Record<string, unknown> | undefined {
  if (struct === undefined) return undefined;
  return {
    role_arn: stringToTerraform(struct.roleArn),
    session_name: stringToTerraform(struct.sessionName),
    external_id: stringToTerraform(struct.externalId),
    duration: stringToTerraform(struct.duration),
    policy: stringToTerraform(struct.policy),
    policy_arns: stringList(struct.policyArns),
    tags: stringMap(struct.tags),
    transitive_tag_keys: stringList(struct.transitiveTagKeys),
  };
}

/** Converts `assume_role_with_web_identity` to its Terraform JSON object. */
export function awsccProviderAssumeRoleWithWebIdentityToTerraform(
  struct?: AwsccProviderAssumeRoleWithWebIdentity,
): Record<string, unknown> | undefined {
  if (struct === undefined) return undefined;
  return {
    role_arn: stringToTerraform(struct.roleArn),
    session_name: stringToTerraform(struct.sessionName),
    web_identity_token: stringToTerraform(struct.webIdentityToken),
    web_identity_token_file: stringToTerraform(struct.webIdentityTokenFile),
    duration: stringToTerraform(struct.duration),
    policy: stringToTerraform(struct.policy),
    policy_arns: stringList(struct.policyArns),
  };
}

/** Converts `endpoints` to its Terraform JSON object. */
export function awsccProviderEndpointsToTerraform(struct?: AwsccProviderEndpoints): Record<string, unknown> | undefined {
  if (struct === undefined) return undefined;
  return {
    cloudcontrolapi: stringToTerraform(struct.cloudcontrolapi),
    iam: stringToTerraform(struct.iam),
    sso: stringToTerraform(struct.sso),
    sts: stringToTerraform(struct.sts),
  };
}

/** Converts one `user_agent` entry to Terraform JSON. */
export function awsccProviderUserAgentToTerraform(struct: AwsccProviderUserAgent): Record<string, unknown> {
  return {
    product_name: stringToTerraform(struct.productName),
    product_version: stringToTerraform(struct.productVersion),
    comment: stringToTerraform(struct.comment),
  };
}

/**
 * The `awscc` provider (hashicorp/awscc), hand-written in the shape cdktf-generated bindings have.
 * `assume_role`, `assume_role_with_web_identity` and `endpoints` are single nested attributes and synthesize as objects.
 */
export class AwsccProvider extends TerraformProvider {
  /** The Terraform type name of this provider. */
  public static readonly tfResourceType = 'awscc';

  private readonly config: AwsccProviderConfig;
  private aliasValue?: string;

  /**
   * @param scope the stack
   * @param id construct id, unique among siblings
   * @param config the provider block; every attribute optional
   */
  public constructor(scope: Construct, id: string, config: AwsccProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'awscc',
      terraformGeneratorMetadata: { providerName: 'awscc', providerVersionConstraint: AWSCC_VERSION_CONSTRAINT },
      terraformProviderSource: 'hashicorp/awscc',
    });
    this.config = config;
    this.alias = config.alias;
  }

  /** The provider alias, or undefined for the default awscc provider. */
  public override get alias(): string | undefined {
    return this.aliasValue;
  }

  public override set alias(value: string | undefined) {
    this.aliasValue = value;
  }

  /** The configured region. */
  public get regionInput(): string | undefined {
    return this.config.region;
  }

  /** The configured `assume_role` object. */
  public get assumeRoleInput(): AwsccProviderAssumeRole | undefined {
    return this.config.assumeRole;
  }

  /** The configured `endpoints` object. */
  public get endpointsInput(): AwsccProviderEndpoints | undefined {
    return this.config.endpoints;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    const c = this.config;
    return {
      access_key: stringToTerraform(c.accessKey),
      secret_key: stringToTerraform(c.secretKey),
      token: stringToTerraform(c.token),
      profile: stringToTerraform(c.profile),
      shared_config_files: stringList(c.sharedConfigFiles),
      shared_credentials_files: stringList(c.sharedCredentialsFiles),
      region: stringToTerraform(c.region),
      role_arn: stringToTerraform(c.roleArn),
      assume_role: awsccProviderAssumeRoleToTerraform(c.assumeRole),
      assume_role_with_web_identity: awsccProviderAssumeRoleWithWebIdentityToTerraform(c.assumeRoleWithWebIdentity),
      endpoints: awsccProviderEndpointsToTerraform(c.endpoints),
      http_proxy: stringToTerraform(c.httpProxy),
      https_proxy: stringToTerraform(c.httpsProxy),
      no_proxy: stringToTerraform(c.noProxy),
      insecure: booleanToTerraform(c.insecure),
      max_retries: numberToTerraform(c.maxRetries),
      skip_metadata_api_check: booleanToTerraform(c.skipMetadataApiCheck),
      user_agent: c.userAgent?.map(awsccProviderUserAgentToTerraform),
      alias: stringToTerraform(c.alias),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    const attrs = this.synthesizeAttributes();
    const simple = (name: string, storage: string) => hclAttribute(attrs[name], 'simple', storage);
    return definedHclAttributes({
      access_key: simple('access_key', 'string'),
      secret_key: simple('secret_key', 'string'),
      token: simple('token', 'string'),
      profile: simple('profile', 'string'),
      shared_config_files: hclAttribute(attrs.shared_config_files, 'list', 'stringList'),
      shared_credentials_files: hclAttribute(attrs.shared_credentials_files, 'list', 'stringList'),
      region: simple('region', 'string'),
      role_arn: simple('role_arn', 'string'),
      assume_role: hclObject(attrs.assume_role, 'AwsccProviderAssumeRole'),
      assume_role_with_web_identity: hclObject(attrs.assume_role_with_web_identity, 'AwsccProviderAssumeRoleWithWebIdentity'),
      endpoints: hclObject(attrs.endpoints, 'AwsccProviderEndpoints'),
      http_proxy: simple('http_proxy', 'string'),
      https_proxy: simple('https_proxy', 'string'),
      no_proxy: simple('no_proxy', 'string'),
      insecure: simple('insecure', 'boolean'),
      max_retries: simple('max_retries', 'number'),
      skip_metadata_api_check: simple('skip_metadata_api_check', 'boolean'),
      user_agent: hclAttribute(attrs.user_agent, 'list', 'AwsccProviderUserAgentList'),
      alias: simple('alias', 'string'),
    });
  }
}
