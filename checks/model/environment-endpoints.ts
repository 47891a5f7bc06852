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
 *
 * The AWS shared config file gives endpoints too (AWS SDKs and Tools reference guide, "Service-specific
 * endpoints", https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): `endpoint_url`
 * in a profile, every service's, and in a `[services <name>]` section that a profile names with
 * `services = <name>`, one service's (`s3 =` then an indented `endpoint_url = …`). The file is
 * `AWS_CONFIG_FILE`, else `~/.aws/config` under `HOME` ("Finding and changing the location of the shared
 * config and credentials files", file-location.html: HOME on every platform; where HOME is not set, the
 * AWS SDK for Go v2 takes the home directory of the OS user, `internal/shareddefaults` `UserHomeDir`).
 * Which profile a block reads (its `profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else
 * `default`), and in what order against the variables, is endpoints.ts's (`environmentEndpointsOf`). The
 * AWS SDK for Go v2 takes the first of `AWS_PROFILE` and `AWS_DEFAULT_PROFILE` that is set and not empty
 * (`config/env_config.go`, `profileEnvKeys`), and hashicorp/aws-sdk-go-base, which the aws and awscc
 * providers, the s3 backend (terraform's and OpenTofu's) and the aws_kms key provider configure the SDK
 * with, passes it only the block's `profile`; the aws provider's docs list "`AWS_PROFILE` or
 * `AWS_DEFAULT_PROFILE`". Terraform 1.11.4's s3 backend, run here, sends its S3 calls to the
 * `[services …]` endpoint of the profile its `profile`, else AWS_PROFILE, else AWS_DEFAULT_PROFILE
 * names, to AWS_ENDPOINT_URL over it, and to neither with `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` or
 * `ignore_configured_endpoint_urls = true` in that profile, which drops AWS_ENDPOINT_URL too
 * (`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false` overrides the profile's true, as the SDK reads the
 * environment first; any other value of the variable stops terraform: "invalid value for environment
 * variable, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=yes, need true or false").
 *
 * A profile's `region` is the Region of an aws provider block that names none where the environment
 * gives none either (the provider's docs: "Can also be set with either the `AWS_REGION` or
 * `AWS_DEFAULT_REGION` environment variables, or via a shared config file parameter `region`"; the AWS SDK
 * reads the default profile's too); not the s3 backend's, which terraform 1.11.4 refuses without `region`
 * or one of the variables ("Missing region value", hashicorp/terraform #29254).
 */
import * as fs from 'node:fs';
import { userInfo } from 'node:os';
import * as path from 'node:path';
import { InputError } from '../errors';

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
  /**
   * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`: true or false (in any case, as the AWS SDK for Go v2 reads it),
   * which overrides a profile's `ignore_configured_endpoint_urls`; absent where it is not set (or set empty).
   */
  readonly ignoreConfigured?: boolean;
  /** `AWS_REGION`, else `AWS_DEFAULT_REGION`; absent where neither is set (or set empty). */
  readonly region?: string;
  /** `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`: the profile of the shared config file a block that names none reads; absent where neither is set (or set empty). */
  readonly profile?: string;
  /** The AWS shared config file, where it gives an endpoint, a Region or `ignore_configured_endpoint_urls` in any profile or services section. */
  readonly sharedConfig?: SharedConfigFile;
}

/** A section of the AWS shared config file: its settings, and the sub-settings a setting with no value opens (`s3 =` then `  endpoint_url = …`), by that setting. */
export interface ConfigSection {
  readonly settings: Readonly<Record<string, string>>;
  readonly nested: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The AWS shared config file's profiles (`[default]`, `[profile dev]`) and services sections (`[services dev-svc]`), by name, and where it is. */
export interface SharedConfigFile {
  readonly file: string;
  readonly profiles: ReadonlyMap<string, ConfigSection>;
  readonly services: ReadonlyMap<string, ConfigSection>;
}

/**
 * The profiles and services sections of an AWS shared config file, as the AWS SDKs read it ("Shared config
 * and credentials files" format: sections in brackets, `key = value`, a setting with no value opening
 * indented sub-settings, whole-line comments after `#` or `;`, and a comment after whitespace at the end
 * of a value). Setting names are read in any case; a section of another kind (`[sso-session x]`, a bare
 * `[x]` other than `[default]`) is skipped; a section repeated adds to the first.
 *
 * A small reader rather than a library: `ini` (in node_modules only as another package's dependency)
 * flattens the indented sub-settings a services section is made of into the section, losing which service
 * an `endpoint_url` is for, and `@smithy/shared-ini-file-loader`, which reads them, is no dependency.
 */
export function parseSharedConfig(text: string, file: string): SharedConfigFile {
  const profiles = new Map<string, { settings: Record<string, string>; nested: Record<string, Record<string, string>> }>();
  const services = new Map<string, { settings: Record<string, string>; nested: Record<string, Record<string, string>> }>();
  let section: { settings: Record<string, string>; nested: Record<string, Record<string, string>> } | undefined;
  let opened: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]*)\]/.exec(trimmed);
    if (header) {
      const name = header[1].trim();
      const [kind, ...rest] = name.split(/\s+/);
      const target = name === 'default' ? { map: profiles, key: 'default' } : kind === 'profile' && rest.length > 0 ? { map: profiles, key: rest.join(' ') } : kind === 'services' && rest.length > 0 ? { map: services, key: rest.join(' ') } : undefined;
      section = target === undefined ? undefined : (target.map.get(target.key) ?? target.map.set(target.key, { settings: {}, nested: {} }).get(target.key));
      opened = undefined;
      continue;
    }
    const property = /^([^=]+?)\s*=\s*(.*)$/.exec(trimmed);
    if (section === undefined || property === null) continue;
    const key = property[1].toLowerCase();
    const value = property[2].replace(/\s[#;].*$/, '').trim();
    if (/^\s/.test(line)) {
      // An indented line: a sub-setting of the setting with no value above it (else a continued value, which no endpoint setting has).
      if (opened !== undefined) opened[key] = value;
      continue;
    }
    if (value === '') opened = section.nested[key] ??= {};
    else {
      section.settings[key] = value;
      opened = undefined;
    }
  }
  return { file, profiles, services };
}

/** The profile settings the checks read: an endpoint, the flag that drops the configured ones, the Region. */
const READ_SETTINGS = ['endpoint_url', 'ignore_configured_endpoint_urls', 'region'];

/** Whether `config` gives what the checks read anywhere: a profile's `READ_SETTINGS`, or a services section's sub-setting `endpoint_url`. */
const givesSettings = (config: SharedConfigFile): boolean =>
  [...config.profiles.values()].some((p) => READ_SETTINGS.some((key) => (p.settings[key] ?? '') !== '')) ||
  [...config.services.values()].some((s) => Object.values(s.nested).some((sub) => (sub.endpoint_url ?? '') !== ''));

/**
 * The home directory the AWS SDK for Go v2 takes (`UserHomeDir`): `HOME` of `env`, else the OS user's (which
 * `os.userInfo` reads from the user database); undefined where neither is known.
 */
function homeDirectory(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.HOME) return env.HOME;
  try {
    return userInfo().homedir || undefined;
  } catch {
    // No entry for the user (a container run under an unnamed uid): the SDK finds no home either.
    return undefined;
  }
}

/**
 * The AWS shared config file `env` names (`AWS_CONFIG_FILE`, a leading `~/` under the home directory),
 * else `.aws/config` under the home directory (`homeDirectory`: `HOME`, else the OS user's, as the AWS SDK
 * finds it); undefined where there is none. A default file that does not exist is none, as the AWS SDKs read it.
 * One `AWS_CONFIG_FILE` names that does not exist is refused (InputError), though terraform 1.11.4, like
 * the SDK, then reads none: the gate fails closed, since the file the variable names, which may give an
 * `http://` endpoint, may be where terraform runs and not where the check does. One that cannot be read
 * is refused too.
 */
function readSharedConfig(env: Readonly<Record<string, string | undefined>>): SharedConfigFile | undefined {
  const named = env.AWS_CONFIG_FILE || undefined;
  const home = named === undefined || /^~[/\\]/.test(named) ? homeDirectory(env) : undefined;
  const file = named === undefined ? (home === undefined ? undefined : path.join(home, '.aws', 'config')) : home !== undefined && /^~[/\\]/.test(named) ? path.join(home, named.slice(2)) : named;
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    if (code === 'ENOENT' && named === undefined) return undefined;
    if (code === 'ENOENT')
      throw new InputError('AWS_CONFIG_FILE', `names ${file}, which does not exist: the gate cannot tell which service endpoints terraform reads from it. Point it at the AWS shared config file terraform reads, or unset it`);
    throw new InputError(file, `cannot read the AWS shared config file (${code}), which may give the service endpoints terraform calls`);
  }
  const config = parseSharedConfig(text, file);
  return givesSettings(config) ? config : undefined;
}

/**
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` of `env`: true or false in any case, absent where it is not set or
 * set empty. Any other value is refused (InputError), as the AWS SDK for Go v2 refuses it, and terraform with it.
 */
function ignoreConfiguredOf(env: Readonly<Record<string, string | undefined>>): boolean | undefined {
  const value = env[IGNORE_CONFIGURED_VARIABLE];
  if (value === undefined || value === '') return undefined;
  if (/^(?:true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new InputError(IGNORE_CONFIGURED_VARIABLE, `is "${value}", not true or false: terraform refuses it ("need true or false"). Set it to true or false, or unset it`);
}

/**
 * The endpoint variables, the Region and the shared config file's settings of `env`; undefined when it gives
 * none. Throws InputError where `AWS_CONFIG_FILE` names a file that cannot be read (`readSharedConfig`), or
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is neither true nor false.
 */
export function environmentEndpoints(env: Readonly<Record<string, string | undefined>>): EnvironmentEndpoints | undefined {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const endpoint = name === BASE_ENDPOINT_VARIABLE || (name.startsWith(SERVICE_ENDPOINT_PREFIX) && name.length > SERVICE_ENDPOINT_PREFIX.length) || deprecatedEndpointService(name) !== undefined;
    if (endpoint && value !== undefined && value !== '') variables[name] = value;
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || undefined;
  const ignoreConfigured = ignoreConfiguredOf(env);
  const sharedConfig = readSharedConfig(env);
  if (Object.keys(variables).length === 0 && region === undefined && sharedConfig === undefined) return undefined;
  return {
    variables,
    ...(ignoreConfigured !== undefined ? { ignoreConfigured } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(sharedConfig !== undefined ? { sharedConfig } : {}),
  };
}
