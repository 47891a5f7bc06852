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
import { devNull, userInfo } from 'node:os';
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
  /**
   * The AWS shared config file (`AWS_CONFIG_FILE`, else `.aws/config`) and shared credentials file
   * (`AWS_SHARED_CREDENTIALS_FILE`, else `.aws/credentials`), where they exist: what a block that names none reads.
   */
  readonly sharedConfig?: SharedConfigFile;
  readonly sharedCredentials?: SharedConfigFile;
  /** `AWS_SHARED_CREDENTIALS_FILE` is set (not empty): the s3 backend takes it over its deprecated `shared_credentials_file`. */
  readonly sharedCredentialsVariable?: true;
  /**
   * `AWS_SHARED_CONFIG_FILE` as it is set (not empty): the config file the s3 backend and the aws_kms key provider read in
   * place of the environment's where they name no `shared_config_files`, read as a file a block names (`namedFiles`).
   */
  readonly sharedConfigVariable?: string;
  /**
   * The files blocks name in `shared_config_files` and `shared_credentials_files` (the s3 backend's
   * `shared_credentials_file` too), read where the environment is (named-shared-files.ts), by kind and the
   * path as written (`config\u0000~/.aws/ci`). A path the input does not fix, or a relative one whose
   * directory is not known, is not in it: the block's list is then not fixed (endpoints.ts).
   */
  readonly namedFiles?: ReadonlyMap<string, SharedConfigFile>;
}

/** A section of the AWS shared config file: its settings, and the sub-settings a setting with no value opens (`s3 =` then `  endpoint_url = …`), by that setting. */
export interface ConfigSection {
  readonly settings: Readonly<Record<string, string>>;
  readonly nested: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * An AWS shared config file's profiles (`[default]`, `[profile dev]`) and services sections (`[services dev-svc]`),
 * or a shared credentials file's (`[default]`, `[dev]`), by name, each with the settings the checks read only, and
 * where it is. A profile that sets none of them is kept: the AWS SDK takes a setting of a profile from the first
 * file that has the profile (`ProfileSource`, endpoints.ts).
 */
export interface SharedConfigFile {
  readonly file: string;
  readonly kind: SharedFileKind;
  readonly profiles: ReadonlyMap<string, ConfigSection>;
  readonly services: ReadonlyMap<string, ConfigSection>;
}

/** A shared config file (`AWS_CONFIG_FILE`, `shared_config_files`) or a shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, `shared_credentials_files`). */
export type SharedFileKind = 'config' | 'credentials';

/** The profile settings the checks read: an endpoint, the flag that drops the configured ones, the Region. */
const READ_SETTINGS = ['endpoint_url', 'ignore_configured_endpoint_urls', 'region'];

/** The settings of a section the parser keeps: `READ_SETTINGS` and the name of the profile's services section. */
const KEPT_SETTINGS = new Set([...READ_SETTINGS, 'services']);

/**
 * The key a config file's `[profile default]` is kept under, apart from its `[default]`: the AWS SDK for Go v2
 * merges the config files by section as written, then lets `[profile default]` replace `[default]` whole
 * (`processConfigSections`, `renameProfileSection`: "If default is already present, it will be dropped"),
 * whichever files each is in (`ProfileSource`, endpoints.ts). No profile has this name: a header holds no `]`.
 */
export const PROFILE_DEFAULT = '[profile default]';

/**
 * Where a section header puts a section of a file of `kind`: a profile or a services section, by name, or
 * nowhere. A config file's profiles are `[default]` and `[profile x]` (a bare `[x]` other than `[default]` is
 * skipped, as is `[sso-session x]`); a credentials file's are bare (`[default]`, `[x]`), and the AWS SDK for
 * Go v2 drops a `[profile x]` there (`processCredentialsSections`). `[services x]` is a services section in either.
 */
function sectionOf(header: string, kind: SharedFileKind): { readonly services: boolean; readonly name: string } | undefined {
  const [first, ...rest] = header.split(/\s+/);
  if (first === 'services' && rest.length > 0) return { services: true, name: rest.join(' ') };
  if (first === 'profile' && rest.length > 0) {
    const name = rest.join(' ');
    return kind === 'config' ? { services: false, name: name === 'default' ? PROFILE_DEFAULT : name } : undefined;
  }
  return header === 'default' || (kind === 'credentials' && header !== '') ? { services: false, name: header } : undefined;
}

/**
 * The profiles and services sections of an AWS shared config file (`kind` config) or shared credentials file
 * (`kind` credentials), as the AWS SDKs read it ("Shared config and credentials files" format: sections in
 * brackets, `key = value`, a setting with no value opening indented sub-settings, whole-line comments after `#`
 * or `;`, and a comment after whitespace at the end of a value). Setting names are read in any case; a section
 * of another kind is skipped (`sectionOf`); a section repeated adds to the first. Only the settings the checks
 * read are kept (`KEPT_SETTINGS`, and a sub-setting's `endpoint_url`): a credentials file holds secret keys,
 * which are neither kept nor ever quoted. A line that is neither is skipped, as the AWS SDK for Go v2 skips it
 * (terraform 1.11.4's s3 backend, run here, read the endpoint_url after a line `foo`): no line is an error.
 *
 * A small reader rather than a library: `ini` (in node_modules only as another package's dependency)
 * flattens the indented sub-settings a services section is made of into the section, losing which service
 * an `endpoint_url` is for, and `@smithy/shared-ini-file-loader`, which reads them, is no dependency.
 */
export function parseSharedConfig(text: string, file: string, kind: SharedFileKind = 'config'): SharedConfigFile {
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
      const target = sectionOf(header[1].trim(), kind);
      const map = target?.services ? services : profiles;
      section = target === undefined ? undefined : (map.get(target.name) ?? map.set(target.name, { settings: {}, nested: {} }).get(target.name));
      opened = undefined;
      continue;
    }
    const property = /^([^=]+?)\s*=\s*(.*)$/.exec(trimmed);
    if (section === undefined || property === null) continue;
    const key = property[1].toLowerCase();
    const value = property[2].replace(/\s[#;].*$/, '').trim();
    if (/^\s/.test(line)) {
      // An indented line: a sub-setting of the setting with no value above it (else a continued value, which no endpoint setting has).
      if (opened !== undefined && key === 'endpoint_url') opened[key] = value;
      continue;
    }
    if (value === '') opened = section.nested[key] ??= {};
    else {
      if (KEPT_SETTINGS.has(key)) section.settings[key] = value;
      opened = undefined;
    }
  }
  return { file, kind, profiles, services };
}

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

/** How each kind of file is named: the variable that names it, its name under `.aws` in the home directory, and what it is called in a message. */
const FILE_NAMES: Readonly<Record<SharedFileKind, { readonly variable: string; readonly base: string; readonly title: string }>> = {
  config: { variable: 'AWS_CONFIG_FILE', base: 'config', title: 'AWS shared config file' },
  credentials: { variable: 'AWS_SHARED_CREDENTIALS_FILE', base: 'credentials', title: 'AWS shared credentials file' },
};

/**
 * The variable that names the config file terraform's and OpenTofu's s3 backend and OpenTofu's aws_kms key provider
 * hand the AWS SDK where they name no `shared_config_files` (`stringSetAttrDefaultEnvVarOk(obj, "shared_config_files",
 * "AWS_SHARED_CONFIG_FILE")`, `stringArrayAttrEnvFallback`), in place of `AWS_CONFIG_FILE`'s: terraform 1.11.4, run
 * here, called the endpoint of the file it names, not that of `.aws/config`. The providers do not read it.
 */
export const SHARED_CONFIG_VARIABLE = 'AWS_SHARED_CONFIG_FILE';

/**
 * The file of `kind` at `file`, parsed (`parseSharedConfig`), or undefined where it does not exist (ENOENT);
 * one that cannot be read otherwise (a directory, no permission) is refused (InputError naming the file).
 */
function readSharedFile(file: string, kind: SharedFileKind): SharedConfigFile | undefined {
  const cannot = (why: string): InputError => new InputError(file, `cannot read the ${FILE_NAMES[kind].title} (${why}), which may give the service endpoints terraform calls`);
  let text: string;
  try {
    // Asked first, so a FIFO (whose read waits for a writer) or a device (/dev/zero never ends) is refused, not read.
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      if (isNullDevice(stat)) return parseSharedConfig('', file, kind);
      throw cannot(stat.isDirectory() ? 'a directory' : 'not a regular file: a FIFO, a socket or a device');
    }
    if (stat.size > MAX_SHARED_FILE_BYTES) throw cannot(`${stat.size} bytes, more than the ${MAX_SHARED_FILE_BYTES / 2 ** 20} MiB an AWS shared file is read up to`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    if (code === 'ENOENT') return undefined;
    throw cannot(code);
  }
  return parseSharedConfig(text, file, kind);
}

/** The largest AWS shared config or credentials file read: a few profiles take a few KiB. */
const MAX_SHARED_FILE_BYTES = 16 * 2 ** 20;

/** Whether `stat` is of the null device (`AWS_CONFIG_FILE=/dev/null`, as CI sets to read no file): it reads empty. */
function isNullDevice(stat: fs.Stats): boolean {
  try {
    const empty = fs.statSync(devNull);
    return stat.isCharacterDevice() && stat.rdev === empty.rdev;
  } catch {
    return false;
  }
}

/**
 * The file of `kind` `env` names (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`; a leading `~/` under the
 * home directory), else `.aws/config` or `.aws/credentials` under the home directory (`homeDirectory`: `HOME`,
 * else the OS user's, as the AWS SDK finds it); undefined where there is none. A default file that does not
 * exist is none, as the AWS SDKs read it. One the variable names that does not exist is refused (InputError),
 * though terraform 1.11.4, like the SDK, then reads none: the gate fails closed, since the file the variable
 * names, which may give an `http://` endpoint, may be where terraform runs and not where the check does. One
 * that cannot be read is refused too.
 */
function readEnvironmentFile(env: Readonly<Record<string, string | undefined>>, kind: SharedFileKind): SharedConfigFile | undefined {
  const { variable, base, title } = FILE_NAMES[kind];
  const named = env[variable] || undefined;
  const home = named === undefined || /^~[/\\]/.test(named) ? homeDirectory(env) : undefined;
  const file = named === undefined ? (home === undefined ? undefined : path.join(home, '.aws', base)) : home !== undefined && /^~[/\\]/.test(named) ? path.join(home, named.slice(2)) : named;
  if (file === undefined) return undefined;
  const read = readSharedFile(file, kind);
  if (read === undefined && named !== undefined)
    throw new InputError(variable, `names ${file}, which does not exist: the gate cannot tell which service endpoints terraform reads from it. Point it at the ${title} terraform reads, or unset it`);
  return read;
}

/**
 * `text` with its environment variables replaced as Go's `os.ExpandEnv` replaces them, which
 * hashicorp/aws-sdk-go-base applies to each of a block's `shared_config_files` and `shared_credentials_files`
 * (`internal/expand`, before the home directory): `$NAME` (letters, digits, `_`) and `${NAME}` by the variable's
 * value, empty where it is not set; `$` before one of `*#$@!?-` or a digit names that one-character variable;
 * a `${` with no `}`, or `${}`, is dropped; a `$` before anything else, or at the end, stays.
 */
export function expandEnvironment(text: string, env: Readonly<Record<string, string | undefined>>): string {
  const special = /[*#$@!?\-0-9]/;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$' || i + 1 === text.length) {
      out += text[i];
      continue;
    }
    const rest = text.slice(i + 1);
    let name: string;
    let width: number;
    if (rest[0] === '{') {
      const close = rest.indexOf('}');
      if (rest.length > 2 && special.test(rest[1]) && rest[2] === '}') [name, width] = [rest[1], 3];
      else if (close === -1) [name, width] = ['', 1];
      else [name, width] = [rest.slice(1, close), close + 1];
      if (name !== '') out += env[name] ?? '';
    } else if (special.test(rest[0])) {
      [name, width] = [rest[0], 1];
      out += env[name] ?? '';
    } else {
      name = /^[A-Za-z0-9_]*/.exec(rest)?.[0] ?? '';
      width = name.length;
      out += name === '' ? '$' : (env[name] ?? '');
    }
    i += width;
  }
  return out;
}

/**
 * A file a block names in `setting` (`shared_config_files`, `shared_credentials_files`, the s3 backend's
 * `shared_credentials_file`) as `written`, as hashicorp/aws-sdk-go-base resolves it for the AWS SDK
 * (`internal/expand`): its environment variables replaced from `env` (`expandEnvironment`), then a leading `~`
 * under the home directory (mitchellh/go-homedir: `~` and `~/…` only), then, where it is relative, under `dir`,
 * the directory terraform runs in (terraform 1.11.4's s3 backend, run here, read `../A` from there, `$D/A` and
 * `~/../A` as said). Parsed (`parseSharedConfig`); undefined where it is relative and `dir` is not known (a
 * stack checked as cdktf synthesizes it, before it is written). `input` and `where` (the block and its
 * setting: ``provider.aws `shared_config_files` ``) name it in a message.
 *
 * The AWS SDK for Go v2 skips a file that cannot be read (`loadIniFiles`: "treat such files as empty"), and
 * terraform with it: one that does not exist here is refused all the same (InputError), as an `AWS_CONFIG_FILE`
 * that names none is, for the file may be where terraform runs. So is `~user/…`, which terraform refuses
 * ("cannot expand user-specific home dir"), and a path that is empty once its variables are replaced.
 */
export function readNamedFile(
  written: string,
  kind: SharedFileKind,
  env: Readonly<Record<string, string | undefined>>,
  dir: string | undefined,
  input: string,
  where: string,
  fix = 'Check where terraform runs, or remove it from the list',
): SharedConfigFile | undefined {
  const named = `${where} names "${written}"`;
  const title = FILE_NAMES[kind].title;
  const expanded = expandEnvironment(written, env);
  if (expanded === '') throw new InputError(input, `${named}, an empty path where the check runs: the gate cannot tell which ${title} terraform reads. Write the path in full`);
  let file = expanded;
  if (expanded.startsWith('~')) {
    if (expanded.length > 1 && !/^~[/\\]/.test(expanded)) throw new InputError(input, `${named}: terraform cannot expand another user's home directory ("cannot expand user-specific home dir"). Write the path in full`);
    const home = homeDirectory(env);
    if (home === undefined) throw new InputError(input, `${named}, but the home directory is not known where the check runs: the gate cannot tell which ${title} terraform reads. Set HOME, or write the path in full`);
    file = path.join(home, expanded.slice(1));
  }
  if (!path.isAbsolute(file)) {
    if (dir === undefined) return undefined;
    file = path.resolve(dir, file);
  }
  const read = readSharedFile(file, kind);
  if (read === undefined) throw new InputError(input, `${named} (${file}), which does not exist: the gate cannot tell which service endpoints terraform reads from it. ${fix}`);
  return read;
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
 * The endpoint variables, the Region, the profile and the shared config and credentials files of `env`, whether
 * they give anything or not. Throws InputError where `AWS_CONFIG_FILE` or `AWS_SHARED_CREDENTIALS_FILE` names a
 * file that cannot be read (`readEnvironmentFile`), or `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is neither true nor false.
 */
export function readEnvironment(env: Readonly<Record<string, string | undefined>>): EnvironmentEndpoints {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const endpoint = name === BASE_ENDPOINT_VARIABLE || (name.startsWith(SERVICE_ENDPOINT_PREFIX) && name.length > SERVICE_ENDPOINT_PREFIX.length) || deprecatedEndpointService(name) !== undefined;
    if (endpoint && value !== undefined && value !== '') variables[name] = value;
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || undefined;
  const ignoreConfigured = ignoreConfiguredOf(env);
  const sharedConfig = readEnvironmentFile(env, 'config');
  const sharedCredentials = readEnvironmentFile(env, 'credentials');
  const sharedConfigVariable = env[SHARED_CONFIG_VARIABLE] || undefined;
  return {
    ...(env[FILE_NAMES.credentials.variable] ? { sharedCredentialsVariable: true as const } : {}),
    ...(sharedConfigVariable !== undefined ? { sharedConfigVariable } : {}),
    variables,
    ...(ignoreConfigured !== undefined ? { ignoreConfigured } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(sharedConfig !== undefined ? { sharedConfig } : {}),
    ...(sharedCredentials !== undefined ? { sharedCredentials } : {}),
  };
}

/**
 * What `env` gives a block that names no files (`readEnvironment`); undefined when it gives none: no endpoint
 * variable, no Region, and neither file gives a setting the checks read. A file that gives none is kept all the
 * same: the first file that has a profile gives its endpoint (`ProfileSource`, endpoints.ts).
 */
export function environmentEndpoints(env: Readonly<Record<string, string | undefined>>): EnvironmentEndpoints | undefined {
  const read = readEnvironment(env);
  const files = [read.sharedConfig, read.sharedCredentials].some((file) => file !== undefined && givesSettings(file));
  return Object.keys(read.variables).length === 0 && read.region === undefined && !files ? undefined : read;
}
