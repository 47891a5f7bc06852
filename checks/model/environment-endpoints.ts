/**
 * The AWS service endpoints the environment gives where the code sets none: the aws and awscc
 * providers, the s3 backend and OpenTofu's aws_kms key provider send a service's calls to
 * `AWS_ENDPOINT_URL_<SERVICE>` (the service's SDK id, upper case, spaces as underscores:
 * `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`), else to
 * `AWS_ENDPOINT_URL`, which gives every service; the s3 backend and the aws provider also read the
 * deprecated `AWS_S3_ENDPOINT`, `AWS_DYNAMODB_ENDPOINT`, `AWS_IAM_ENDPOINT` and `AWS_STS_ENDPOINT`, and
 * the aws provider their `TF_AWS_…` twins. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` makes the AWS
 * SDK ignore the variables it reads itself (which ones each reader reads itself: endpoints.ts).
 *
 * Read, as the http backend's `TF_HTTP_ADDRESS` (backend.ts) and the default tags' variables
 * (default-tags.ts), from the environment the check runs in: by the configuration loaders (.tf,
 * cdk.tf.json), for a plan read with its code (`--code`), and by the gate, in whose environment
 * terraform plans and applies. A plan file alone does not record the environment it was made in.
 */

/** The variable that gives every service its endpoint. */
export const BASE_ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL';

/** The prefix of the variable that gives one service its endpoint (`AWS_ENDPOINT_URL_S3`). */
export const SERVICE_ENDPOINT_PREFIX = 'AWS_ENDPOINT_URL_';

const IGNORE_CONFIGURED_VARIABLE = 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS';

/** The deprecated variables of one service's endpoint (`AWS_S3_ENDPOINT`, `TF_AWS_S3_ENDPOINT`): the service, lower case. */
const DEPRECATED_VARIABLE = /^(?:TF_)?AWS_(S3|DYNAMODB|IAM|STS)_ENDPOINT$/;

/** The service whose endpoint a deprecated variable gives (`AWS_S3_ENDPOINT`: `s3`), or undefined for any other variable. */
export const deprecatedEndpointService = (variable: string): string | undefined => DEPRECATED_VARIABLE.exec(variable)?.[1].toLowerCase();

/**
 * The endpoint variables of an environment, and the Region it gives a block that names none
 * (`AWS_REGION`, else `AWS_DEFAULT_REGION`, as the aws provider and the s3 backend read them), which
 * picks each service's default endpoint.
 */
export interface EnvironmentEndpoints {
  /** Each variable that gives an endpoint, by name, with its value: an empty one gives none, and is left out. */
  readonly variables: Readonly<Record<string, string>>;
  /** `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (in any case, as the AWS SDK for Go v2 reads it). */
  readonly ignoreConfigured: boolean;
  /** `AWS_REGION`, else `AWS_DEFAULT_REGION`; absent where neither is set (or set empty). */
  readonly region?: string;
}

/** The endpoint variables and the Region of `env`; undefined when it gives neither. */
export function environmentEndpoints(env: Readonly<Record<string, string | undefined>>): EnvironmentEndpoints | undefined {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const endpoint = name === BASE_ENDPOINT_VARIABLE || (name.startsWith(SERVICE_ENDPOINT_PREFIX) && name.length > SERVICE_ENDPOINT_PREFIX.length) || deprecatedEndpointService(name) !== undefined;
    if (endpoint && value !== undefined && value !== '') variables[name] = value;
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  if (Object.keys(variables).length === 0 && region === undefined) return undefined;
  return { variables, ignoreConfigured: env[IGNORE_CONFIGURED_VARIABLE]?.toLowerCase() === 'true', ...(region !== undefined ? { region } : {}) };
}
