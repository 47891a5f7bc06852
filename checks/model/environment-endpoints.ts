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
 * config and credentials files", file-location.html: HOME on every platform). Which profile a block reads
 * (its `profile`, else `AWS_PROFILE`, else `default`), and in what order against the variables, is
 * endpoints.ts's (`environmentEndpointsOf`). Terraform 1.11.4's s3 backend, run here, sends its S3 calls
 * to the `[services …]` endpoint of the profile AWS_PROFILE or its `profile` names, to AWS_ENDPOINT_URL
 * over it, and to neither with `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` or
 * `ignore_configured_endpoint_urls = true` in the profile.
 */
import * as fs from 'node:fs';
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
  /** `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (in any case, as the AWS SDK for Go v2 reads it). */
  readonly ignoreConfigured: boolean;
  /** `AWS_REGION`, else `AWS_DEFAULT_REGION`; absent where neither is set (or set empty). */
  readonly region?: string;
  /** `AWS_PROFILE`: the profile of the shared config file a block that names none reads; absent where it is not set (or set empty). */
  readonly profile?: string;
  /** The AWS shared config file, where it gives an endpoint in any profile or services section. */
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

/** Whether `config` gives an endpoint anywhere: a profile's `endpoint_url`, or a services section's sub-setting `endpoint_url`. */
const givesEndpoint = (config: SharedConfigFile): boolean =>
  [...config.profiles.values()].some((p) => (p.settings.endpoint_url ?? '') !== '') ||
  [...config.services.values()].some((s) => Object.values(s.nested).some((sub) => (sub.endpoint_url ?? '') !== ''));

/**
 * The AWS shared config file `env` names (`AWS_CONFIG_FILE`, a leading `~/` under `HOME`), else
 * `$HOME/.aws/config`; undefined where there is none. Only the `env` given is read: where it sets neither
 * variable (a test's), no file is. A default file that does not exist is none, as the AWS SDKs read it.
 * One `AWS_CONFIG_FILE` names that does not exist is refused (InputError), though terraform 1.11.4, like
 * the SDK, then reads none: the gate fails closed, since the file the variable names, which may give an
 * `http://` endpoint, may be where terraform runs and not where the check does. One that cannot be read
 * is refused too.
 */
function readSharedConfig(env: Readonly<Record<string, string | undefined>>): SharedConfigFile | undefined {
  const named = env.AWS_CONFIG_FILE || undefined;
  const home = env.HOME || undefined;
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
  return givesEndpoint(config) ? config : undefined;
}

/** The endpoint variables, the Region and the shared config file's endpoints of `env`; undefined when it gives none. Throws InputError where `AWS_CONFIG_FILE` names a file that cannot be read (`readSharedConfig`). */
export function environmentEndpoints(env: Readonly<Record<string, string | undefined>>): EnvironmentEndpoints | undefined {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const endpoint = name === BASE_ENDPOINT_VARIABLE || (name.startsWith(SERVICE_ENDPOINT_PREFIX) && name.length > SERVICE_ENDPOINT_PREFIX.length) || deprecatedEndpointService(name) !== undefined;
    if (endpoint && value !== undefined && value !== '') variables[name] = value;
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  const profile = env.AWS_PROFILE || undefined;
  const sharedConfig = readSharedConfig(env);
  if (Object.keys(variables).length === 0 && region === undefined && sharedConfig === undefined) return undefined;
  return {
    variables,
    ignoreConfigured: env[IGNORE_CONFIGURED_VARIABLE]?.toLowerCase() === 'true',
    ...(region !== undefined ? { region } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(sharedConfig !== undefined ? { sharedConfig } : {}),
  };
}
