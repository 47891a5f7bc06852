/**
 * The service endpoints an `endpoints` setting overrides, as the aws and awscc providers, the s3 backend
 * and OpenTofu's aws_kms key provider write it: the aws provider's `endpoints` blocks (a set of blocks,
 * in a plan `[ { "s3": { "constant_value": … } } ]`: the provider reads every one), awscc's and the s3
 * backend's single nested attribute (`endpoints = { sts = … }`, one object), the key provider's block;
 * and the ones the environment gives where they set none (`AWS_ENDPOINT_URL_S3`).
 */
import { BASE_ENDPOINT_VARIABLE, type ConfigSection, deprecatedEndpointService, PROFILE_DEFAULT, SERVICE_ENDPOINT_PREFIX, type EnvironmentEndpoints, type SharedConfigFile, type SharedFileKind } from '../../model/environment-endpoints';
import { namedFileKey } from '../../model/named-shared-files';
import type { ValueView } from '../../model/value';

/** One service's endpoint (`name` is the service: `s3`, `sts`), or an `endpoints` block the input does not fix. */
export type EndpointEntry = { readonly kind: 'entry'; readonly name: string; readonly view: ValueView } | { readonly kind: 'unknown'; readonly view: ValueView };

/** Entries in name order, so that every loader reports them alike. */
const byName = (entries: Record<string, ValueView>): [string, ValueView][] => Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The entries of `endpoints`, block by block, each block's in name order; one `unknown` for the whole
 * setting, or for a block, whose entries a value the input does not fix gives (`endpoints = var.e`).
 * An entry may be absent or empty: the providers take either as not set.
 */
export function endpointEntries(endpoints: ValueView): EndpointEntry[] {
  const blocks = endpoints.blocks();
  if (blocks.kind === 'unknown') return [{ kind: 'unknown', view: endpoints }];
  if (blocks.kind === 'absent') return [];
  return blocks.value.flatMap((block): EndpointEntry[] => {
    const entries = block.map();
    if (entries.kind === 'unknown') return [{ kind: 'unknown', view: block }];
    return entries.kind === 'known' ? byName(entries.value).map(([name, view]) => ({ kind: 'entry', name, view })) : [];
  });
}

/**
 * The aws provider's `endpoints` keys that name one service, by the one it documents first (`dms`, or
 * `databasemigration`, or `databasemigrationservice`; "Custom Service Endpoint Configuration"), and
 * the `AWS_ENDPOINT_URL_<SERVICE>` variables that name it otherwise than lower case without
 * underscores (`AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL` gives `bedrockagentcore`). Every other
 * variable names its service so (`AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`: `elasticloadbalancingv2`,
 * which is `elbv2`), as awscc's `cloudcontrolapi` is the provider's `cloudcontrol`.
 */
const SERVICE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  agentregistry: ['agentregistrycontrol'],
  amp: ['prometheus', 'prometheusservice'],
  appautoscaling: ['applicationautoscaling'],
  appintegrations: ['appintegrationsservice'],
  bedrockagentcore: ['bedrockagentcorecontrol'],
  ce: ['costexplorer'],
  cloudcontrol: ['cloudcontrolapi'],
  cloudhsmv2: ['cloudhsm'],
  cognitoidp: ['cognitoidentityprovider'],
  configservice: ['config'],
  cur: ['costandusagereportservice'],
  databrew: ['gluedatabrew'],
  deploy: ['codedeploy'],
  dms: ['databasemigration', 'databasemigrationservice'],
  ds: ['directoryservice'],
  elasticbeanstalk: ['beanstalk'],
  elasticsearch: ['es', 'elasticsearchservice'],
  elb: ['elasticloadbalancing'],
  elbv2: ['elasticloadbalancingv2'],
  events: ['eventbridge', 'cloudwatchevents'],
  evidently: ['cloudwatchevidently'],
  grafana: ['managedgrafana', 'amg'],
  inspector2: ['inspectorv2'],
  kafka: ['msk'],
  lexmodels: ['lexmodelbuilding', 'lexmodelbuildingservice', 'lex'],
  lexv2models: ['lexmodelsv2'],
  location: ['locationservice'],
  logs: ['cloudwatchlog', 'cloudwatchlogs'],
  oam: ['cloudwatchobservabilityaccessmanager'],
  opensearch: ['opensearchservice'],
  osis: ['opensearchingestion'],
  rbin: ['recyclebin'],
  rdsdata: ['rdsdataservice'],
  redshiftdata: ['redshiftdataapiservice'],
  resourcegroupstaggingapi: ['resourcegroupstagging'],
  rum: ['cloudwatchrum'],
  s3: ['s3api'],
  serverlessrepo: ['serverlessapprepo', 'serverlessapplicationrepository'],
  servicecatalogappregistry: ['appregistry'],
  sfn: ['stepfunctions'],
  transcribe: ['transcribeservice'],
};

const SERVICE_OF_ALIAS: ReadonlyMap<string, string> = new Map(Object.entries(SERVICE_ALIASES).flatMap(([service, aliases]) => aliases.map((alias) => [alias, service] as const)));

/** The service an `endpoints` key or the `<SERVICE>` of `AWS_ENDPOINT_URL_<SERVICE>` names, as one key (`ELASTIC_LOAD_BALANCING_V2`, `elasticloadbalancingv2`: `elbv2`). */
export function serviceKey(name: string): string {
  const flat = name.toLowerCase().replace(/_/g, '');
  return SERVICE_OF_ALIAS.get(flat) ?? flat;
}

/**
 * How a block reads its endpoints from the environment (environment-endpoints.ts). `services`: the
 * services it calls whose endpoint the environment can give, as the block's `endpoints` names them,
 * each with the variables that give it in the order it reads them (the first set wins); absent for the
 * aws provider, which has a client for every service and reads every `AWS_ENDPOINT_URL_<SERVICE>` and
 * deprecated variable. `sdkReads`: the services (true: every one) whose `AWS_ENDPOINT_URL_<SERVICE>`
 * variables the AWS SDK reads, so that `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile's
 * `ignore_configured_endpoint_urls = true`) drops them as it drops `AWS_ENDPOINT_URL`; Terraform's s3
 * backend reads its own whatever the flag says (as `terraform init` shows, for the variable and the
 * profile's setting alike).
 */
export interface EndpointReader {
  readonly services?: Readonly<Record<string, readonly string[]>>;
  readonly sdkReads: boolean | readonly string[];
  /**
   * Terraform's s3 backend: its `shared_config_files` and `shared_credentials_files` are sets of strings, which it
   * hands on sorted (cty orders a set of strings so), and it takes a deprecated `shared_credentials_file` too. The
   * providers and the aws_kms key provider hand on their lists as written.
   */
  readonly s3Backend?: true;
  /** The s3 backend and the aws_kms key provider: where they name no `shared_config_files`, `AWS_SHARED_CONFIG_FILE` names the config file, where it is set. */
  readonly sharedConfigVariable?: true;
}

/**
 * How the providers read the endpoints the environment gives (environment-endpoints.ts): the aws provider
 * every service's ("Custom Service Endpoint Configuration": the block's `endpoints`, then
 * `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`; `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` drops both);
 * awscc, on the same AWS SDK for Go v2 configuration, the four services it calls. provider-tls-verified and
 * provider-fips-endpoints judge what they read.
 */
export const PROVIDER_ENDPOINT_READERS: Readonly<Record<string, EndpointReader>> = {
  aws: { sdkReads: true },
  awscc: {
    services: { cloudcontrolapi: ['AWS_ENDPOINT_URL_CLOUDCONTROL'], iam: ['AWS_ENDPOINT_URL_IAM'], sso: ['AWS_ENDPOINT_URL_SSO'], sts: ['AWS_ENDPOINT_URL_STS'] },
    sdkReads: true,
  },
};

/**
 * How Terraform's s3 backend reads the endpoints the environment gives (its page: each of `endpoints`
 * "can also be sourced from" `AWS_ENDPOINT_URL_<SERVICE>` "or the deprecated" `AWS_<SERVICE>_ENDPOINT`;
 * `AWS_ENDPOINT_URL` for every service). `terraform init` 1.11 shows the order (`AWS_ENDPOINT_URL_S3`
 * over `AWS_S3_ENDPOINT` over `AWS_ENDPOINT_URL`), and that `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` drops
 * only `AWS_ENDPOINT_URL`. provider-tls-verified and provider-fips-endpoints judge what it reads.
 */
export const S3_BACKEND_READER: EndpointReader = {
  services: {
    s3: ['AWS_ENDPOINT_URL_S3', 'AWS_S3_ENDPOINT'],
    dynamodb: ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_DYNAMODB_ENDPOINT'],
    iam: ['AWS_ENDPOINT_URL_IAM', 'AWS_IAM_ENDPOINT'],
    sso: ['AWS_ENDPOINT_URL_SSO'],
    sts: ['AWS_ENDPOINT_URL_STS', 'AWS_STS_ENDPOINT'],
  },
  sdkReads: false,
  s3Backend: true,
  sharedConfigVariable: true,
};

/**
 * How OpenTofu's aws_kms key provider reads them: `AWS_ENDPOINT_URL_IAM` and `_STS` as the s3 backend
 * does (its credentials on the same aws-sdk-go-base), and its KMS client, which the AWS SDK for Go v2
 * makes from that configuration (`kms.NewFromConfig`), `AWS_ENDPOINT_URL_KMS`, which the SDK drops where
 * the endpoints configured are ignored (`ResolveServiceBaseEndpoint`, as for the aws provider's clients).
 */
export const AWS_KMS_READER: EndpointReader = {
  services: { kms: ['AWS_ENDPOINT_URL_KMS'], iam: ['AWS_ENDPOINT_URL_IAM'], sts: ['AWS_ENDPOINT_URL_STS'] },
  sdkReads: ['kms'],
  sharedConfigVariable: true,
};

/** The s3 backend's deprecated top-level endpoints, by the service each names (`endpoints.s3` replaces `endpoint`). */
const S3_DEPRECATED_ENDPOINTS: Readonly<Record<string, string>> = { endpoint: 's3', dynamodb_endpoint: 'dynamodb', iam_endpoint: 'iam', sts_endpoint: 'sts' };

/** An s3 backend's deprecated endpoint setting (`key`: `endpoint`), the service it names, and its value in `settings`. */
export interface DeprecatedEndpoint {
  readonly key: string;
  readonly service: string;
  readonly view: ValueView;
}

/**
 * The s3 backend's deprecated top-level endpoints in its `settings`, set or not, which Terraform 1.11 still
 * uses (a warning, and an error where one is set with its `endpoints` twin): `setsEndpoint`'s `more`.
 */
export const s3DeprecatedEndpoints = (settings: ValueView): DeprecatedEndpoint[] =>
  Object.entries(S3_DEPRECATED_ENDPOINTS).map(([key, service]) => ({ key, service, view: settings.get(key) }));

/**
 * The Regions where S3 has FIPS endpoints (`s3-fips.<region>.amazonaws.com`; AWS FIPS 140 compliance page,
 * design note twinmaker-aws.md §6): a state bucket outside them cannot be reached through one.
 */
export const S3_FIPS_REGIONS: readonly string[] = Object.freeze(['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'us-gov-east-1', 'us-gov-west-1']);

/**
 * The Regions where Cloud Control has FIPS endpoints (`cloudcontrolapi-fips.<region>.amazonaws.com`;
 * design note twinmaker-aws.md §6, from AWS's Cloud Control endpoints page). GovCloud is in neither
 * list nor out of it: the note names none there, this project's stacks and awscc remediation take
 * one (provider-fips-endpoints: unknown there).
 */
export const CLOUD_CONTROL_FIPS_REGIONS: readonly string[] = Object.freeze(['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2']);

/** The GovCloud (US) Regions. */
export const GOVCLOUD_REGIONS: readonly string[] = Object.freeze(['us-gov-east-1', 'us-gov-west-1']);

/**
 * An endpoint the environment gives a block: the variable, its value, and the service, none for
 * `AWS_ENDPOINT_URL`, which gives every service. One of an AWS shared config or credentials file has
 * `file`, the file, `fileKind`, which of the two it is, and `section` (`[profile dev]`, `[services dev-svc]`,
 * a credentials file's `[dev]`); its `variable` is the setting (`endpoint_url`, `s3.endpoint_url`).
 */
export interface EnvironmentEndpoint {
  readonly variable: string;
  readonly value: string;
  readonly service?: string;
  readonly file?: string;
  readonly fileKind?: SharedFileKind;
  readonly section?: string;
}

/**
 * Where an endpoint the environment gives is set, for a message: "`AWS_ENDPOINT_URL_S3` of the environment",
 * "`endpoint_url` of [profile dev] in the AWS config file /home/ci/.aws/config", "… of [dev] in the AWS credentials file …".
 */
export const givenWhere = ({ variable, file, fileKind, section }: EnvironmentEndpoint): string =>
  file === undefined ? `\`${variable}\` of the environment` : `\`${variable}\` of ${section} in the AWS ${fileKind === 'credentials' ? 'credentials' : 'config'} file ${file}`;

/** How to stop a block from reading an endpoint the environment gives, ending a fix: unset the variable where terraform runs, or remove the setting from the file. */
export const unsetGiven = ({ file }: EnvironmentEndpoint): string => (file === undefined ? 'unset it where terraform runs' : 'remove it from that file');

/** A profile's endpoints in the shared files: its `endpoint_url`, every service's, and its services section's, by service (`serviceKey`). */
interface ProfileEndpoints {
  readonly base?: EnvironmentEndpoint;
  readonly services: ReadonlyMap<string, EnvironmentEndpoint>;
}

/** A section as the AWS SDK takes it from the shared files, and the file it takes it from (that of its endpoint and flag). */
interface TakenSection {
  readonly settings: Readonly<Record<string, string>>;
  readonly nested: ConfigSection['nested'];
  readonly file: SharedConfigFile;
}

/**
 * The profiles and services sections of shared files, as the AWS SDK for Go v2 takes them from `files`, the config
 * files then the credentials files, in order (`config/shared_config.go`, `LoadSharedConfigProfile`: `loadIniFiles`
 * merges the config files, then the credentials files into them, by `mergeSections`): a section comes from the
 * first file that has it, and of what later files have in the same section only a few settings replace its own,
 * `region` among them, not `endpoint_url`, `services` nor `ignore_configured_endpoint_urls` (terraform 1.11.4's s3
 * backend, run here: the endpoint_url of a second file's or of the credentials file's [default] was not called
 * where the first had a [default] with only a region, and was where it had none; a second file's region is
 * taken, as `mergeStringKey` says). `merged` false: each file read alone, as where a block's list is not fixed.
 */
class ProfileSource {
  constructor(
    private readonly files: readonly SharedConfigFile[],
    readonly merged: boolean,
  ) {}

  /** Every profile name of the files. */
  get names(): string[] {
    return [...new Set(this.files.flatMap((file) => [...file.profiles.keys()].map((key) => (key === PROFILE_DEFAULT ? 'default' : key))))];
  }

  /**
   * Profile `name`: the first file's that has it, with the last `region` the files give it. The config files'
   * `[profile default]` (`PROFILE_DEFAULT`), where one has it, is their `[default]`: theirs is dropped whole.
   */
  profile(name: string): TakenSection | undefined {
    const replaced = name === 'default' && this.files.some((f) => f.kind === 'config' && f.profiles.has(PROFILE_DEFAULT));
    const keyOf = (f: SharedConfigFile): string => (replaced && f.kind === 'config' ? PROFILE_DEFAULT : name);
    const file = this.files.find((f) => f.profiles.has(keyOf(f)));
    const section = file?.profiles.get(keyOf(file));
    if (file === undefined || section === undefined) return undefined;
    const region = this.files.flatMap((f) => f.profiles.get(keyOf(f))?.settings.region ?? []).pop();
    const { region: _own, ...settings } = section.settings;
    return { settings: { ...settings, ...(region !== undefined ? { region } : {}) }, nested: section.nested, file };
  }

  /** Services section `name`: the first file's that has it. */
  services(name: string): TakenSection | undefined {
    const file = this.files.find((f) => f.services.has(name));
    const section = file?.services.get(name);
    return file === undefined || section === undefined ? undefined : { ...section, file };
  }
}

/**
 * The files a block names in the first of `settings` it sets to a list that is not empty (a string counts as a
 * list of one), as hashicorp/aws-sdk-go-base hands them to the AWS SDK in place of the environment's (`default`:
 * an empty list is as none, "if len(sharedConfigFiles) > 0"), sorted where `sorted` (a set); `unfixed` where
 * the input does not fix the value, or a path is not read (`EnvironmentEndpoints.namedFiles`).
 */
function namedFiles(environment: EnvironmentEndpoints, block: ValueView | undefined, kind: SharedFileKind, settings: readonly string[], sorted: boolean): SharedConfigFile[] | 'default' | 'unfixed' {
  for (const setting of settings) {
    const view = block?.get(setting);
    if (view === undefined || view.isAbsent) continue;
    const one = view.string();
    const written = one.kind === 'known' ? { kind: 'known' as const, value: [one.value] } : view.stringList();
    if (written.kind === 'unknown') return 'unfixed';
    if (written.kind === 'absent' || written.value.length === 0) continue;
    const paths = sorted ? [...new Set(written.value)].sort() : written.value;
    const files = paths.map((path) => environment.namedFiles?.get(namedFileKey(kind, path)));
    return files.every((file) => file !== undefined) ? (files as SharedConfigFile[]) : 'unfixed';
  }
  return 'default';
}

/**
 * Where a block whose settings are `block` (none: a provider's default configuration) that `reader` describes reads
 * its profiles (`ProfileSource`): the files its `shared_config_files` names, else the environment's config file
 * (`AWS_CONFIG_FILE`, else `.aws/config`; for the s3 backend and the aws_kms key provider, the file
 * `AWS_SHARED_CONFIG_FILE` names where it is set), then those its `shared_credentials_files` names (the s3 backend's
 * `shared_credentials_file` where `AWS_SHARED_CREDENTIALS_FILE` is not set), else the environment's credentials file
 * (`AWS_SHARED_CREDENTIALS_FILE`, else `.aws/credentials`), merged. Where either list is not fixed
 * (`namedFiles`), the environment's file stands for it and each file is read alone (`merged` false): their
 * endpoints are judged, at worst a failure none was due, but neither a profile's `ignore_configured_endpoint_urls`
 * nor its `region` is taken, as the files the block reads may say otherwise.
 */
function profileSources(reader: EndpointReader, environment: EnvironmentEndpoints, block: ValueView | undefined): ProfileSource[] {
  const sorted = reader.s3Backend === true;
  const written = namedFiles(environment, block, 'config', ['shared_config_files'], sorted);
  // The s3 backend and the aws_kms key provider: AWS_SHARED_CONFIG_FILE where they name none (a path read as a named one).
  const variable = reader.sharedConfigVariable ? environment.sharedConfigVariable : undefined;
  const config = written !== 'default' || variable === undefined ? written : (environment.namedFiles?.get(namedFileKey('config', variable)) ?? 'unfixed');
  // The s3 backend takes AWS_SHARED_CREDENTIALS_FILE over its deprecated shared_credentials_file (terraform 1.11.4, run here).
  const credentialSettings = sorted && !environment.sharedCredentialsVariable ? ['shared_credentials_files', 'shared_credentials_file'] : ['shared_credentials_files'];
  const credentials = namedFiles(environment, block, 'credentials', credentialSettings, sorted);
  const files = [
    ...(typeof config === 'string' ? (environment.sharedConfig ? [environment.sharedConfig] : []) : Array.isArray(config) ? config : [config]),
    ...(typeof credentials === 'string' ? (environment.sharedCredentials ? [environment.sharedCredentials] : []) : credentials),
  ];
  if (config !== 'unfixed' && credentials !== 'unfixed') return files.length === 0 ? [] : [new ProfileSource(files, true)];
  return files.map((file) => new ProfileSource([file], false));
}

/**
 * The names of the profiles a block reads: `profile`, its `profile` setting where it has one (the aws providers,
 * the s3 backend and the aws_kms key provider take it over `AWS_PROFILE`, as terraform 1.11.4's s3 backend does),
 * else the environment's `AWS_PROFILE`, else its `AWS_DEFAULT_PROFILE` (`EnvironmentEndpoints.profile`), else
 * `default`; every profile of `sources` where that setting is a value the input does not fix (at worst a failure
 * none was due, never a pass).
 */
function profileNames(environment: EnvironmentEndpoints, sources: readonly ProfileSource[], profile: ValueView | undefined): string[] {
  const written = profile?.string();
  if (written?.kind === 'unknown') return [...new Set(sources.flatMap((source) => source.names))];
  return [written?.kind === 'known' && written.value !== '' ? written.value : (environment.profile ?? 'default')];
}

/**
 * Whether a block that reads profile `name` of `source` (none: no file, or files read alone) ignores the configured
 * endpoints: `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` where it is set, else the profile's `ignore_configured_endpoint_urls
 * = true` (the reference guide: "does not read any custom configuration options from the shared config file
 * or from environment variables"; the AWS SDK for Go v2 reads the variable first, and terraform 1.11.4's s3
 * backend, run here, drops AWS_ENDPOINT_URL for either, the credentials file's flag too).
 */
const ignoresConfigured = (environment: EnvironmentEndpoints, source: ProfileSource | undefined, name: string | undefined): boolean =>
  environment.ignoreConfigured ??
  (source !== undefined && source.merged && name !== undefined && source.profile(name)?.settings.ignore_configured_endpoint_urls?.toLowerCase() === 'true');

/** How a message names a profile of a file of `kind`: `[default]`, `[profile dev]`; a credentials file's `[dev]`. */
const profileSection = (name: string, kind: SharedFileKind): string => (name === 'default' || kind === 'credentials' ? `[${name}]` : `[profile ${name}]`);

/** The endpoints of the profiles `names` of `sources` that do not ignore them (`ignoresConfigured`). */
function profileEndpoints(environment: EnvironmentEndpoints, sources: readonly ProfileSource[], names: readonly string[]): ProfileEndpoints[] {
  return sources.flatMap((source) =>
    names.flatMap((name): ProfileEndpoints[] => {
      const section = source.profile(name);
      if (section === undefined || ignoresConfigured(environment, source, name)) return [];
      const where = { file: section.file.file, fileKind: section.file.kind };
      const url = section.settings.endpoint_url ?? '';
      const base = url === '' ? undefined : { variable: 'endpoint_url', value: url, ...where, section: profileSection(name, section.file.kind) };
      const servicesName = section.settings.services;
      const taken = servicesName === undefined ? undefined : source.services(servicesName);
      const services = new Map<string, EnvironmentEndpoint>();
      for (const [key, sub] of Object.entries(taken?.nested ?? {})) {
        const value = sub.endpoint_url ?? '';
        if (value !== '' && taken !== undefined)
          services.set(serviceKey(key), { variable: `${key}.endpoint_url`, value, service: key, file: taken.file.file, fileKind: taken.file.kind, section: `[services ${servicesName}]` });
      }
      return [{ ...(base !== undefined ? { base } : {}), services }];
    }),
  );
}

/**
 * The Region of the profile a block whose settings are `block` (none: a default configuration) reads
 * (`profileNames`), where the block and the environment name none: its `region` in the files the block reads
 * (`profileSources`: the last that sets it); undefined where none does, where the block's `profile` is a value
 * the input does not fix, or where the files it reads are not fixed. The aws provider reads it after AWS_REGION
 * and AWS_DEFAULT_REGION ("or via a shared config file parameter `region`"); the s3 backend does not (terraform
 * 1.11.4: "Missing region value", hashicorp/terraform #29254).
 */
export function profileRegion(environment: EnvironmentEndpoints | undefined, block: ValueView | undefined): string | undefined {
  const profile = block?.get('profile');
  if (environment === undefined || profile?.string().kind === 'unknown') return undefined;
  const [source] = profileSources(PROVIDER_ENDPOINT_READERS.aws, environment, block);
  if (source === undefined || !source.merged) return undefined;
  const [name] = profileNames(environment, [source], profile);
  return source.profile(name)?.settings.region || undefined;
}

/**
 * The endpoints `environment` gives a block that `reader` describes, where its code sets none:
 * `written(service)` is whether the code sets that service's endpoint, undefined where a value the
 * input does not fix may (that value is judged on its own); `block`, the block's settings (none: a
 * default configuration), picks the files by its `shared_config_files` and `shared_credentials_files`
 * (`profileSources`), and the profile by its `profile` (`profileNames`). In the
 * order the reference guide gives ("Service-specific endpoints": the code's, then `AWS_ENDPOINT_URL_<SERVICE>`, then
 * `AWS_ENDPOINT_URL`, then the file's services section, then the profile's `endpoint_url`; botocore's
 * `ConfiguredEndpointProvider` reads them so, terraform-provider-aws #35333 gives the aws provider the same order,
 * and terraform 1.11.4's s3 backend, run here, follows it): a service's variable where the code sets none (the aws
 * provider's every one: which of two it reads first is not documented); then `AWS_ENDPOINT_URL`, where a
 * service is left that neither the code nor a variable of its own sets; else, the profile's services
 * section's endpoint of each such service, then its `endpoint_url`, where one is still left (the aws
 * provider's, which calls every service: always). A profile that ignores the configured endpoints
 * (`ignoresConfigured`) gives none of the file's, which the AWS SDK reads for every reader; where every
 * profile the block may read ignores them, the variables the SDK reads are dropped too (`sdkReads`).
 */
export function environmentEndpointsOf(
  reader: EndpointReader,
  environment: EnvironmentEndpoints | undefined,
  written: (service: string) => boolean | undefined,
  block?: ValueView,
): EnvironmentEndpoint[] {
  if (environment === undefined) return [];
  const { variables } = environment;
  const sources = profileSources(reader, environment, block);
  const names = sources.length === 0 ? [] : profileNames(environment, sources, block?.get('profile'));
  // The variables are read where any profile the block may read does not ignore them (or no file is read, or the files are not fixed).
  const [merged] = sources;
  const ignoreConfigured = names.length === 0 || !merged?.merged ? ignoresConfigured(environment, undefined, undefined) : names.every((name) => ignoresConfigured(environment, merged, name));
  const sdkReads = (service: string): boolean => (typeof reader.sdkReads === 'boolean' ? reader.sdkReads : reader.sdkReads.includes(service));
  const read = (variable: string, service: string): boolean =>
    variables[variable] !== undefined && !(ignoreConfigured && sdkReads(service) && variable.startsWith(SERVICE_ENDPOINT_PREFIX));
  const given = (variable: string, service?: string): EnvironmentEndpoint => ({ variable, value: variables[variable], ...(service !== undefined ? { service } : {}) });
  // The flag drops it for every reader (the s3 backend too, as `terraform init` shows).
  const baseRead = variables[BASE_ENDPOINT_VARIABLE] !== undefined && !ignoreConfigured;
  const profiles = profileEndpoints(environment, sources, names);
  const found: EnvironmentEndpoint[] = [];
  const fromFile: EnvironmentEndpoint[] = [];
  let baseReaches = reader.services === undefined;
  if (reader.services === undefined) {
    const ownVariable = new Set<string>();
    for (const variable of Object.keys(variables).sort()) {
      const service = variable.startsWith(SERVICE_ENDPOINT_PREFIX) ? serviceKey(variable.slice(SERVICE_ENDPOINT_PREFIX.length)) : deprecatedEndpointService(variable);
      if (service === undefined || !read(variable, service)) continue;
      ownVariable.add(service);
      if (written(service) === false) found.push(given(variable, service));
    }
    for (const { base, services } of profiles) {
      for (const [service, endpoint] of [...services].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (!ownVariable.has(service) && written(service) === false) fromFile.push({ ...endpoint, service });
      if (base !== undefined) fromFile.push(base);
    }
  } else {
    const left: string[] = [];
    for (const [service, names] of Object.entries(reader.services)) {
      if (written(service) !== false) continue;
      const variable = names.find((name) => read(name, service));
      if (variable !== undefined) found.push(given(variable, service));
      else left.push(service);
    }
    baseReaches = left.length > 0;
    for (const { base, services } of profiles) {
      const unset = left.filter((service) => {
        const endpoint = services.get(serviceKey(service));
        if (endpoint !== undefined) fromFile.push({ ...endpoint, service });
        return endpoint === undefined;
      });
      if (unset.length > 0 && base !== undefined) fromFile.push(base);
    }
  }
  if (baseReaches && baseRead) found.push(given(BASE_ENDPOINT_VARIABLE));
  // AWS_ENDPOINT_URL comes before every endpoint of the file.
  else found.push(...fromFile);
  return found;
}

/**
 * Whether `entries` (endpointEntries), and `more` (the s3 backend's deprecated settings, by service),
 * set `service`'s endpoint: true for a value, false for none or an empty one (the providers take it
 * as none), undefined where a value the input does not fix may.
 */
export function setsEndpoint(entries: readonly EndpointEntry[], more: readonly { readonly service: string; readonly view: ValueView }[] = []): (service: string) => boolean | undefined {
  const named = [...entries.flatMap((entry) => (entry.kind === 'entry' ? [{ service: entry.name, view: entry.view }] : [])), ...more];
  const whole = entries.some((entry) => entry.kind === 'unknown');
  return (service) => {
    if (whole) return undefined;
    const key = serviceKey(service);
    let result: boolean | undefined = false;
    for (const entry of named.filter((e) => serviceKey(e.service) === key)) {
      const text = entry.view.string();
      if (text.kind === 'known' && text.value !== '') return true;
      if (text.kind === 'unknown') result = undefined;
    }
    return result;
  };
}
