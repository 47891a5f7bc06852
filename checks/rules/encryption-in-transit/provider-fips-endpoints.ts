/**
 * Where the configuration requires FIPS (everywhere, or for the environments it names), the aws
 * provider that manages the resources sets `use_fips_endpoint = true` and the awscc provider sends
 * Cloud Control and STS calls to FIPS endpoints (`endpoints.cloudcontrolapi` and `endpoints.sts`).
 * An endpoint a provider's `endpoints` sets is used as written: the aws provider ignores
 * `use_fips_endpoint` for that service (terraform-provider-aws #23619), so every endpoint set, of
 * either provider, must be an `https://` URL of a FIPS host. So must every endpoint the environment
 * gives where the block sets none (`AWS_ENDPOINT_URL_SQS`, `AWS_ENDPOINT_URL`, the AWS shared config file's `endpoint_url`), read as
 * provider-tls-verified reads them (endpoints.ts) where the input carries them: the providers send
 * those calls to it as written too. One the environment gives never stands in for one awscc needs
 * written: the gate vouches for the block, as it does not count `AWS_USE_FIPS_ENDPOINT`.
 *
 * An aws provider sends a call whose FIPS host does not resolve to the service's non-FIPS endpoint
 * (terraform-provider-aws #38057), so each resource it manages must be in a Region with a FIPS endpoint
 * of its service, where the design note says which (S3, Cloud Control: `regionProblems`).
 *
 * A resource's environment is the `Environment` tag of its aws provider's `default_tags` (for an
 * awscc resource: the default aws provider of its module), or the suffix of its cdktf stack name
 * (`twinmaker-prod` is `prod`). The verdict is about a provider configuration, so it is reported
 * once per provider configuration, on the first resource (in input order) that it manages; the
 * message names the provider and how many resources it manages. Other resources get
 * not-applicable.
 *
 * The state travels too: the s3 backend sends the state, its lock and the credentials it gets to S3,
 * DynamoDB, IAM and STS, and OpenTofu's aws_kms key provider (the s3 backend's settings) a method uses
 * fetches the state's key from KMS (one no method names, nor a used key provider's `chain`, is set up
 * for nothing: `StateEncryptionData`'s `unreferenced`). Each is judged as an aws provider is
 * (`use_fips_endpoint`, every endpoint its code sets, the s3 backend's deprecated `endpoint` and its
 * kin, those the environment gives), and the s3 backend's Region must have S3 FIPS endpoints, on `terraform.backend.s3` and the key provider's
 * address, once per input (`evaluateInput`), where the input records them (as terraform-state-encrypted
 * reads the backend: configuration inputs and the gate; a plan file alone records none). Their
 * environment is the input's: its cdktf stack name, or the `Environment` tag of its root module's
 * default aws provider.
 */
import { backendAddress, statedBackend } from '../../model/backend';
import type { EnvironmentEndpoints } from '../../model/environment-endpoints';
import { usedKeyProviders } from '../../model/state-encryption';
import type { BackendData, Graph, LoadedInput, ProviderConfig, Resource, StateEncryptionData } from '../../model/types';
import type { ValueView } from '../../model/value';
import { maskUrlCredentials } from '../../mask';
import type { Settings } from '../../settings';
import { defineRule, fail, notApplicable, pass, unknown, type Outcome } from '../types';
import { awsDoc } from '../support/references';
import { failed, outcomesOf, shown, undecided, type Problem } from '../support/findings';
import { regionOf } from '../support/regions';
import {
  AWS_KMS_READER,
  CLOUD_CONTROL_FIPS_REGIONS,
  endpointEntries,
  environmentEndpointsOf,
  givenWhere,
  GOVCLOUD_REGIONS,
  PROVIDER_ENDPOINT_READERS,
  profileRegion,
  S3_BACKEND_READER,
  S3_FIPS_REGIONS,
  s3DeprecatedEndpoints,
  serviceKey,
  setsEndpoint,
  unsetGiven,
  type DeprecatedEndpoint,
  type EndpointEntry,
  type EndpointReader,
  type EnvironmentEndpoint,
} from '../support/endpoints';

type Family = 'aws' | 'awscc';

const familyOf = (resource: Resource): Family | undefined => {
  const name = resource.providerName.split('/').pop();
  return name === 'aws' || name === 'awscc' ? name : undefined;
};

/**
 * A service whose FIPS Regions the design note lists (twinmaker-aws.md §6), as the aws provider's
 * resource types call it: `service` is its `endpoints` key (`serviceKey`), `regions` those with its
 * FIPS endpoints, `undecided` those the sources disagree on.
 */
interface FipsService {
  readonly name: string;
  readonly service: string;
  readonly regions: readonly string[];
  readonly undecided: readonly string[];
  readonly calls: (type: string) => boolean;
}

const FIPS_SERVICES: readonly FipsService[] = [
  { name: 'S3', service: 's3', regions: S3_FIPS_REGIONS, undecided: [], calls: (type) => type === 'aws_s3_bucket' || type.startsWith('aws_s3_bucket_') || type.startsWith('aws_s3_object') },
  { name: 'Cloud Control', service: 'cloudcontrol', regions: CLOUD_CONTROL_FIPS_REGIONS, undecided: GOVCLOUD_REGIONS, calls: (type) => type === 'aws_cloudcontrolapi_resource' },
];

/** The Regions where the design note names a FIPS endpoint of any service (TwinMaker's are among them). */
const NOTED_FIPS_REGIONS: readonly string[] = [...new Set([...S3_FIPS_REGIONS, ...CLOUD_CONTROL_FIPS_REGIONS])];

/**
 * Resources of an aws provider configuration in a Region where their service has no FIPS endpoint
 * (`service`), or where the design note names none of any service (`service` undefined: another
 * service, which it lists no Regions for): the first, in input order, and how many.
 */
interface OutsideFips {
  readonly service: FipsService | undefined;
  readonly region: string;
  readonly first: string;
  count: number;
}

/** The provider configurations and the resources each manages, computed once per graph. */
interface ProviderGroup {
  readonly provider: ProviderConfig | undefined;
  readonly family: Family;
  readonly first: Resource;
  count: number;
  /** An aws configuration's resources outside FIPS Regions, by service and Region. */
  readonly outside: Map<string, OutsideFips>;
  /** The Region an aws configuration takes where it names none (`unwrittenRegion`), where known. */
  readonly unwrittenRegion?: string;
}

/**
 * The Region an aws provider configuration (`provider`; none: the default configuration) takes where it
 * names none: the environment's `region` (AWS_REGION, else AWS_DEFAULT_REGION), else the `region` of the
 * shared config and credentials files' profile it reads (`profileRegion`: none where the files it names are not fixed).
 */
const unwrittenRegion = (provider: ProviderConfig | undefined, environment: EnvironmentEndpoints | undefined): string | undefined =>
  environment?.region ?? profileRegion(environment, provider?.values);

/**
 * Notes `resource` of aws `group` where its Region (its own, its provider configuration's, else the one
 * the group takes where it names none) has no FIPS endpoint of its service (`OutsideFips`); a Region not known is not judged.
 */
function noteRegion(graph: Graph, group: ProviderGroup, resource: Resource): void {
  const region = regionOf(graph, resource, group.unwrittenRegion);
  if (region === undefined || region === '') return;
  const service = FIPS_SERVICES.find((s) => s.calls(resource.type));
  if (service ? service.regions.includes(region) : NOTED_FIPS_REGIONS.includes(region)) return;
  const key = `${service?.name ?? ''}\u0000${region}`;
  const noted = group.outside.get(key);
  if (noted) noted.count += 1;
  else group.outside.set(key, { service, region, first: resource.address, count: 1 });
}

const groupsByGraph = new WeakMap<Graph, Map<Resource, ProviderGroup>>();

/** The provider group of `resource`, if it is the first resource of its group. */
function groupLedBy(graph: Graph, resource: Resource): ProviderGroup | undefined {
  let leaders = groupsByGraph.get(graph);
  if (!leaders) {
    leaders = new Map();
    const byKey = new Map<string, ProviderGroup>();
    const environments = new Map(graph.inputs.map((input) => [input.input, input.environmentEndpoints]));
    for (const r of graph.resources) {
      const family = r.mode === 'managed' ? familyOf(r) : undefined;
      if (!family) continue;
      const provider = graph.providerOf(r);
      const key = `${r.input}\u0000${provider ? provider.key : `implicit ${family} ${r.data.providerConfigKey}`}`;
      let group = byKey.get(key);
      if (group) group.count += 1;
      else {
        const unwritten = family === 'aws' ? unwrittenRegion(provider, environments.get(r.input)) : undefined;
        group = { provider, family, first: r, count: 1, outside: new Map(), ...(unwritten !== undefined ? { unwrittenRegion: unwritten } : {}) };
        byKey.set(key, group);
        leaders.set(r, group);
      }
      if (family === 'aws') noteRegion(graph, group, r);
    }
    groupsByGraph.set(graph, leaders);
  }
  return leaders.get(resource);
}

/** The default (unaliased) aws provider of module `module` of `input`, else of its root module. */
function defaultAwsProvider(graph: Graph, input: string, module: string): ProviderConfig | undefined {
  const candidates = graph.providers.filter((p) => p.input === input && p.name === 'aws' && !p.alias);
  return candidates.find((p) => p.module === module) ?? candidates.find((p) => p.module === '');
}

/** The aws provider whose default_tags describe `resource`'s environment. */
const taggingProvider = (graph: Graph, resource: Resource, family: Family): ProviderConfig | undefined =>
  family === 'aws' ? graph.providerOf(resource) : defaultAwsProvider(graph, resource.input, resource.moduleConfigPath);

type Need = { readonly status: 'yes'; readonly why: string } | { readonly status: 'no' } | { readonly status: 'unknown'; readonly why: string };

/**
 * Whether the settings require FIPS for an environment: that of cdktf stack `stackName`, else the one the
 * `Environment` tag of the default_tags of the aws provider `tagging` gives says.
 */
function fipsNeed(fips: Settings['fips'], stackName: string | undefined, tagging: () => ProviderConfig | undefined): Need {
  if (fips.required) return { status: 'yes', why: 'the configuration requires FIPS everywhere' };
  const wanted = fips.environments.map((e) => e.toLowerCase());
  if (wanted.length === 0) return { status: 'no' };
  const stack = stackName?.toLowerCase();
  const byStack = stack && wanted.find((e) => stack === e || stack.endsWith(`-${e}`));
  if (byStack) return { status: 'yes', why: `stack ${stackName} is environment "${byStack}", which requires FIPS` };
  const provider = tagging();
  const defaultTags = provider?.values.get('default_tags').block();
  const tag = defaultTags?.kind === 'known' ? defaultTags.value.get('tags').get('Environment').string() : defaultTags;
  if (tag?.kind === 'unknown')
    return {
      status: 'unknown',
      why: `the Environment tag in the default_tags of provider ${provider?.key} is not a constant, so the gate cannot tell whether FIPS is required`,
    };
  if (tag?.kind === 'known' && wanted.includes(tag.value.toLowerCase()))
    return { status: 'yes', why: `environment "${tag.value}" (default_tags of provider ${provider?.key}) requires FIPS` };
  return { status: 'no' };
}

/** How to turn FIPS on in a block that has `use_fips_endpoint`, which `block` names. */
const flagFix = (block: string): string => `Set \`use_fips_endpoint = true\` in the ${block} block (AWS_USE_FIPS_ENDPOINT in the environment is invisible to the gate).`;

const FIX: Record<Family, string> = {
  aws: flagFix('aws provider'),
  awscc:
    'Set `endpoints = { cloudcontrolapi = "https://cloudcontrolapi-fips.<region>.amazonaws.com", sts = "https://sts-fips.<region>.amazonaws.com" }` in the awscc provider block.',
};
const FIX_ENDPOINT = 'Remove the entry, or set it to the https:// FIPS endpoint of the service (`https://<service>-fips.<region>.amazonaws.com`).';

/** The awscc endpoints a FIPS configuration must set: awscc has no FIPS flag, and calls Cloud Control and STS (design note §6). */
const AWSCC_REQUIRED = ['cloudcontrolapi', 'sts'];

/**
 * Regional endpoints that are their service's FIPS endpoint, with no `-fips` in the name: STS in
 * GovCloud (the AWS SDKs' endpoint data tag `sts.us-gov-west-1.amazonaws.com` as the `fips` variant,
 * and no `sts-fips` host exists there).
 */
const FIPS_WITHOUT_SUFFIX = new Set(['sts.us-gov-west-1.amazonaws.com', 'sts.us-gov-east-1.amazonaws.com']);

/**
 * Whether `host` is a FIPS endpoint host, as AWS names them: the first label ends in `-fips`
 * (`s3-fips.us-east-1.amazonaws.com`, `s3-fips.dualstack.…`, `iam-fips.amazonaws.com`) or is `fips`
 * (`fips.batch.us-east-1.amazonaws.com`), or the host is one of TwinMaker's `api.` and `data.` hosts of
 * `iottwinmaker-fips.<region>`, or one of {@link FIPS_WITHOUT_SUFFIX}. A `-fips` elsewhere in the host
 * (`s3.us-east-1.corp-fips.example`) is not.
 */
function isFipsHost(host: string): boolean {
  const labels = host.toLowerCase().split('.');
  if (labels.length < 3) return false;
  if (FIPS_WITHOUT_SUFFIX.has(labels.join('.'))) return true;
  if (labels[0] === 'fips' || /^[a-z0-9-]+-fips$/.test(labels[0])) return true;
  return (labels[0] === 'api' || labels[0] === 'data') && labels[1] === 'iottwinmaker-fips';
}

/**
 * What sends a block's calls to the endpoints it is given, for a message (`the ${block}`), and whether it
 * has a `use_fips_endpoint` that an endpoint it is given overrides: the aws provider, the s3 backend and
 * the aws_kms key provider do (terraform-provider-aws #23619; the backend and the key provider are built
 * on the same aws-sdk-go-base), awscc does not.
 */
interface Sender {
  readonly block: string;
  readonly flag: boolean;
  /** How to turn FIPS on in that block, ending a message on its `use_fips_endpoint` (awscc's: its endpoints). */
  readonly fix: string;
}

const PROVIDER_SENDERS: Record<Family, Sender> = { aws: { block: 'provider', flag: true, fix: FIX.aws }, awscc: { block: 'provider', flag: false, fix: FIX.awscc } };

/**
 * The problem with an endpoint setting of a block that `where` names (`endpoints.s3 of provider aws`),
 * if any (with no path: the caller says where it goes): not set (absent or empty, as the providers read
 * "") is none; a value known only after apply is unknown; a value that is not an `https://` URL sends
 * the service's API calls in plaintext; a host that is not a FIPS host bypasses FIPS.
 */
function settingProblem(sender: Sender, where: string, view: ValueView): Problem | undefined {
  const value = view.string();
  if (value.kind === 'absent' || (value.kind === 'known' && value.value.trim() === '')) return undefined;
  if (value.kind === 'unknown') return undecided(`${where} is not a constant, so the gate cannot tell whether it is a FIPS endpoint. ${FIX_ENDPOINT}`);
  return urlProblem(sender, where, value.value.trim(), shown(view, value.value), "that service's", FIX_ENDPOINT);
}

/**
 * The problem with an entry of the `endpoints` of a block of `sender` that `named` names (`provider aws`;
 * `entries`: endpoints.ts), if any, or that the entries cannot be read.
 */
const entryProblem = (sender: Sender, named: string, entry: EndpointEntry): Problem | undefined =>
  entry.kind === 'unknown'
    ? undecided(`the endpoints of ${named} are not constants, so the gate cannot tell whether they are FIPS endpoints. ${FIX_ENDPOINT}`)
    : settingProblem(sender, `endpoints.${entry.name} of ${named}`, entry.view);

/** The problem with endpoint `name` a provider's `endpoints` sets, if any (with no path: the finding is shown on a resource, and the path would be read as one of its attributes). */
const endpointProblem = (provider: ProviderConfig, name: string, view: ValueView): Problem | undefined =>
  settingProblem(PROVIDER_SENDERS[provider.name === 'aws' ? 'aws' : 'awscc'], `endpoints.${name} of provider ${provider.key}`, view);

/**
 * The problem with endpoint URL `text`, which `where` names and `quoted` shows, that a block of `sender`
 * sends `calls` calls to as written, if any: a value that is not an `https://` URL sends them in
 * plaintext; a host that is not a FIPS host bypasses FIPS. `fix` ends the message.
 */
function urlProblem(sender: Sender, where: string, text: string, quoted: string, calls: string, fix: string): Problem | undefined {
  const url = parsedUrl(text);
  if (url?.protocol !== 'https:') return failed(`${where} is ${quoted}, not an https:// URL: the ${sender.block} would send ${calls} API calls without TLS, outside FIPS. ${fix}`);
  if (!isFipsHost(url.hostname))
    return failed(`${where} is ${quoted}, not a FIPS endpoint: the ${sender.block} sends ${calls} calls to an endpoint it is given as written${sender.flag ? ', ignoring use_fips_endpoint' : ''}. ${fix}`);
  return undefined;
}

/**
 * What an endpoint the environment gives (`environmentEndpointsOf`) is to the configuration `named`
 * (`provider aws`, `the s3 backend`), for a message: the variable, and what it gives. `configured`: a block
 * configures it, which sets no endpoint for that service; else it is a provider's default configuration.
 */
const givenBy = (endpoint: EnvironmentEndpoint, named: string, configured: boolean): string =>
  endpoint.service === undefined
    ? `${givenWhere(endpoint)}, the endpoint of every service ${named} ${configured ? 'sets none for' : 'calls'},`
    : `${givenWhere(endpoint)}, the ${endpoint.service} endpoint of ${named}${configured ? ' where its block sets none' : ''},`;

const environmentFix = (endpoint: EnvironmentEndpoint, block: string): string =>
  endpoint.service === undefined
    ? `${endpoint.file === undefined ? `Unset \`${endpoint.variable}\` where terraform runs` : `Remove \`${endpoint.variable}\` from ${endpoint.section} of that file`} (it gives every service one endpoint), or write each service's https:// FIPS endpoint in the ${block} block.`
    : `Give \`${endpoint.variable}\` the https:// FIPS endpoint of the service (\`https://<service>-fips.<region>.amazonaws.com\`), or ${unsetGiven(endpoint)}.`;

/**
 * The problem of an endpoint `given` (`environmentEndpointsOf`) to the configuration of `sender` that
 * `named` names (`configured`: as in `givenBy`), if any, judged as an entry a block writes: the blocks
 * send those calls to it as written too. The URL is shown with its user information starred, as a
 * written one is.
 */
function givenProblem(sender: Sender, endpoint: EnvironmentEndpoint, named: string, configured: boolean): Problem | undefined {
  const text = endpoint.value.trim();
  const calls = endpoint.service === undefined ? "those services'" : "that service's";
  return urlProblem(sender, givenBy(endpoint, named, configured), text, `"${maskUrlCredentials(text)}"`, calls, environmentFix(endpoint, sender.block));
}

/** `problem`, if any, as a list: at `path`, the setting of the block it is reported on, where one is given. */
const found = (problem: Problem | undefined, path?: string): Problem[] => (problem === undefined ? [] : [path === undefined ? problem : { ...problem, path }]);

/** The problems of the endpoints `given` to a provider configuration of `family` (`givenProblem`). */
const environmentProblems = (family: Family, given: readonly EnvironmentEndpoint[], named: string, configured: boolean): Problem[] =>
  given.flatMap((endpoint) => found(givenProblem(PROVIDER_SENDERS[family], endpoint, named, configured)));

/**
 * The URL an endpoint setting gives, as the blocks that read it take it: one written with no scheme
 * (`s3-fips.us-east-1.amazonaws.com`) as `https://` on that host. OpenTofu's s3 backend and aws_kms key
 * provider add `https://` to a value with no `://` in it (`includeProtoIfNessesary`, whose `[a-z]*://`
 * is not anchored). Terraform 1.11's s3 backend warns "Complete URL Expected" and its calls then fail
 * ("decomposing request: unsupported protocol scheme \"\"", seen with terraform 1.11.4 init, for S3
 * and STS); the aws provider 6.x validates no `endpoints` entry (its generated `endpointsSchema`) and
 * hands the value to the same AWS SDK for Go v2 as `BaseEndpoint`, which sends no call to a URL with
 * no scheme (inferred from the backend, which is built on it: not run against the provider). So no
 * reader sends such a value's calls in clear, or to another host than the one written: the host is
 * what is judged.
 */
const parsedUrl = (text: string): URL | undefined => {
  try {
    return new URL(text.includes('://') ? text : `https://${text}`);
  } catch {
    return undefined;
  }
};

/** The endpoints `environment` gives a provider block of `family` where its `entries` set none, `block` its settings (none: the default configuration; endpoints.ts). */
const givenTo = (family: Family, entries: readonly EndpointEntry[], environment: EnvironmentEndpoints | undefined, block: ValueView | undefined): EnvironmentEndpoint[] =>
  environmentEndpointsOf(PROVIDER_ENDPOINT_READERS[family], environment, setsEndpoint(entries), block);

/**
 * The problem with the `use_fips_endpoint` `view` of the block `named` names, if any: not a constant is
 * unknown; anything but true fails, `consequence` saying what then goes where. `fix` ends the message.
 */
function flagProblem(view: ValueView, named: string, consequence: string, fix: string): Problem | undefined {
  const value = view.bool();
  if (value.kind === 'unknown') return undecided(`use_fips_endpoint of ${named} is not a constant, so the gate cannot vouch for it. ${fix}`);
  return value.kind === 'known' && value.value ? undefined : failed(`${named} does not set use_fips_endpoint = true${consequence}. ${fix}`);
}

/** An aws provider's problems: its settings' (`blockProblems`), with no path (they are shown on a resource, whose attributes a path would name). */
const awsProblems = (provider: ProviderConfig, environment: EnvironmentEndpoints | undefined): Problem[] =>
  blockProblems(PROVIDER_SENDERS.aws, `provider ${provider.key}`, provider.values, '', PROVIDER_ENDPOINT_READERS.aws, environment).map(({ path: _path, ...problem }) => problem);

function awsccProblems(provider: ProviderConfig, environment: EnvironmentEndpoints | undefined): Problem[] {
  const entries = endpointEntries(provider.values.get('endpoints'));
  if (entries.some((entry) => entry.kind === 'unknown'))
    return [undecided(`endpoints of provider ${provider.key} is not a constant, so the gate cannot vouch for it. ${FIX.awscc}`)];
  const set = entries.flatMap((entry) => (entry.kind === 'entry' ? [entry] : []));
  const given = givenTo('awscc', entries, environment, provider.values);
  const problems: Problem[] = [];
  const missing = AWSCC_REQUIRED.filter((name) => {
    const value = set.find((entry) => entry.name === name)?.view.string();
    return value === undefined || value.kind === 'absent' || (value.kind === 'known' && value.value.trim() === '');
  });
  if (missing.length > 0) {
    // An endpoint the environment gives does not stand in for one the block writes, FIPS host or not.
    const stand = given.filter((e) => e.service === undefined || missing.includes(e.service)).map(givenWhere);
    const sent =
      stand.length === 0
        ? `so awscc sends those calls to the default, non-FIPS endpoint${missing.length === 1 ? '' : 's'}`
        : `and ${stand.join(' and ')} ${stand.length === 1 ? 'does' : 'do'} not count: the gate vouches only for the endpoints the block writes`;
    problems.push(failed(`${missing.map((name) => `endpoints.${name}`).join(' and ')} of provider ${provider.key} ${missing.length === 1 ? 'is' : 'are'} not set, ${sent}. ${FIX.awscc}`));
  }
  for (const { name, view } of set) problems.push(...found(endpointProblem(provider, name, view)));
  return [...problems, ...environmentProblems('awscc', given, `provider ${provider.key}`, true)];
}

/**
 * The problems of the Regions of aws `group`'s resources (`OutsideFips`), managed by `provider`
 * (none: the default configuration): the aws provider sends a call whose FIPS host does not resolve to the service's non-FIPS
 * endpoint, `use_fips_endpoint` or not (terraform-provider-aws #38057, which closed #23619: "falls back to
 * the non-FIPS endpoint"), so a service with no FIPS endpoint in the Region leaves FIPS; a service whose
 * endpoint the block or the environment sets is judged by that endpoint instead.
 */
function regionProblems(group: ProviderGroup, provider: ProviderConfig | undefined, environment: EnvironmentEndpoints | undefined): Problem[] {
  if (group.outside.size === 0) return [];
  const entries = provider ? endpointEntries(provider.values.get('endpoints')) : [];
  const written = setsEndpoint(entries);
  const given = givenTo('aws', entries, environment, provider?.values);
  const named = provider ? `provider ${provider.key}` : 'the default aws configuration';
  const fallback = 'with use_fips_endpoint = true the provider sends a call whose FIPS host does not resolve to its non-FIPS endpoint (terraform-provider-aws #38057)';
  return [...group.outside.values()].flatMap(({ service, region, first, count }): Problem[] => {
    const which = count === 1 ? first : `${first} and ${count - 1} more`;
    if (service === undefined)
      return [
        undecided(
          `${named} manages ${which} in Region ${region}, where the gate knows of no FIPS endpoint of any service (it knows of some in ${NOTED_FIPS_REGIONS.join(', ')}), so it cannot tell whether their services have one: ${fallback}. Manage them from a Region with FIPS endpoints, or check that theirs have one in ${region}.`,
        ),
      ];
    if (written(service.service) !== false || given.some((e) => e.service === undefined || serviceKey(e.service) === service.service)) return [];
    if (service.undecided.includes(region))
      return [
        undecided(
          `${named} manages ${which} in Region ${region}, where the gate's sources disagree on whether ${service.name} has a FIPS endpoint: ${fallback}. Check it, or manage them from ${service.regions.join(', ')}.`,
        ),
      ];
    return [
      failed(
        `${named} manages ${which} in Region ${region}, where ${service.name} has no FIPS endpoint: its ${service.name} calls there go to the non-FIPS endpoint (${fallback}). Manage them from a Region with ${service.name} FIPS endpoints (${service.regions.join(', ')}).`,
      ),
    ];
  });
}

/** The problems of `group`'s provider configuration; `environment`: the endpoints the environment of its input gives. */
function providerProblems(group: ProviderGroup, environment: EnvironmentEndpoints | undefined): Problem[] {
  const { provider, family } = group;
  if (!provider)
    return [
      failed(`no ${family} provider block configures these resources, so Terraform uses an empty default configuration without FIPS endpoints. ${FIX[family]}`),
      // That configuration reads the environment's endpoints too: one that is no FIPS endpoint stays after a block is written.
      ...environmentProblems(family, givenTo(family, [], environment, undefined), `the default ${family} configuration`, false),
      ...regionProblems(group, undefined, environment),
    ];
  return family === 'aws' ? [...awsProblems(provider, environment), ...regionProblems(group, provider, environment)] : awsccProblems(provider, environment);
}

/**
 * `problems` as the need for FIPS makes them: a failure where FIPS is required, its reason (and `scope`)
 * said; unknown, with the reason it is not known whether FIPS is required, where it may be.
 */
function underNeed(need: Exclude<Need, { status: 'no' }>, problems: readonly Problem[], scope?: string): Problem[] {
  const tail = scope === undefined ? '' : ` (${scope}.)`;
  return problems.map((p) =>
    need.status === 'yes'
      ? { ...p, message: `${p.message} (${need.why}${scope === undefined ? '' : `; ${scope}`}.)` }
      : { ...undecided(`${need.why}, and ${p.message}${tail}`), ...(p.path !== undefined ? { path: p.path } : {}) },
  );
}

function evaluate(resource: Resource, graph: Graph, settings: Settings): Outcome | Outcome[] {
  const fips = settings.fips;
  if (!fips.required && fips.environments.length === 0) return notApplicable();
  const group = groupLedBy(graph, resource);
  if (!group) return notApplicable();
  const need = fipsNeed(fips, resource.stack, () => taggingProvider(graph, resource, group.family));
  if (need.status === 'no') return notApplicable();
  const scope = `provider ${group.provider?.key ?? group.family} manages ${group.count} resource${group.count === 1 ? '' : 's'} of ${
    resource.input
  }, reported here on the first`;
  const environment = graph.inputs.find((input) => input.input === resource.input)?.environmentEndpoints;
  return outcomesOf(underNeed(need, providerProblems(group, environment), scope));
}

/** The s3 backend and the aws_kms key provider send their calls as the aws provider does (`Sender`). */
const BACKEND: Sender = { block: 'backend', flag: true, fix: flagFix('backend') };
const KEY_PROVIDER: Sender = { block: 'key provider', flag: true, fix: flagFix('key provider') };

/**
 * The problems of the settings of a block of `sender` (an aws provider, the s3 backend, an aws_kms key provider) that
 * `named` names, each at its path: `use_fips_endpoint` (`consequence` says what goes where without it),
 * every entry of its `endpoints`, `deprecated` (the s3 backend's `endpoint` and its kin), and the
 * endpoints the environment gives where they set none, as `reader` reads them.
 */
function blockProblems(
  sender: Sender,
  named: string,
  settings: ValueView,
  consequence: string,
  reader: EndpointReader,
  environment: EnvironmentEndpoints | undefined,
  deprecated: readonly DeprecatedEndpoint[] = [],
): Problem[] {
  const entries = endpointEntries(settings.get('endpoints'));
  const given = environmentEndpointsOf(reader, environment, setsEndpoint(entries, deprecated), settings);
  return [
    ...found(flagProblem(settings.get('use_fips_endpoint'), named, consequence, sender.fix), 'use_fips_endpoint'),
    ...entries.flatMap((entry) => found(entryProblem(sender, named, entry), entry.kind === 'entry' ? `endpoints.${entry.name}` : 'endpoints')),
    ...deprecated.flatMap(({ key, view }) => found(settingProblem(sender, `\`${key}\` of ${named}`, view), key)),
    ...given.flatMap((endpoint) => found(givenProblem(sender, endpoint, named, true), endpoint.service === undefined ? 'endpoints' : `endpoints.${endpoint.service}`)),
  ];
}

/**
 * The s3 backend's problems: those of its settings (`blockProblems`), and a Region without S3 FIPS
 * endpoints, where the state cannot be reached through one (`use_fips_endpoint` makes its calls fail
 * there). A block that leaves `use_fips_endpoint` out and names no bucket is completed at init
 * (`-backend-config`), which the gate sees only as init recorded it: unknown there, as
 * terraform-state-encrypted reads `encrypt`.
 */
function backendProblems(backend: BackendData, environment: EnvironmentEndpoints | undefined): Problem[] {
  const named = `the s3 backend${backend.origin === 'init' ? ' (as `terraform init` recorded it, `-backend-config` values included)' : ''}`;
  const consequence = ': its S3, DynamoDB, IAM and STS calls, which carry the state, its lock and the credentials it is given, go to the default, non-FIPS endpoints';
  const problems = blockProblems(BACKEND, named, backend.settings, consequence, S3_BACKEND_READER, environment, s3DeprecatedEndpoints(backend.settings));
  const partial = backend.origin === 'configuration' && backend.settings.get('use_fips_endpoint').isAbsent && backend.settings.get('bucket').isAbsent;
  const unseen = `${named} is configured partly at \`terraform init\` (\`-backend-config\`; the block names no bucket), so the gate cannot see whether it sets use_fips_endpoint = true. Write it in the backend block, or check the initialised backend (\`twinguard gate\`).`;
  // A backend that names no Region takes the environment's (AWS_REGION, else AWS_DEFAULT_REGION).
  const written = backend.settings.get('region').string();
  const region = written.kind === 'known' ? written.value : written.kind === 'absent' ? environment?.region : undefined;
  const outside =
    region !== undefined && region !== '' && !S3_FIPS_REGIONS.includes(region)
      ? failed(
          `${named} keeps the state in Region ${region}${written.kind === 'absent' ? ' (AWS_REGION or AWS_DEFAULT_REGION of the environment)' : ''}, where S3 has no FIPS endpoint: its calls cannot reach the state through one (with use_fips_endpoint = true they fail). Keep the state in a bucket of a Region with S3 FIPS endpoints (${S3_FIPS_REGIONS.join(', ')}).`,
        )
      : undefined;
  return [...problems.map((p) => (partial && p.path === 'use_fips_endpoint' ? { ...undecided(unseen), path: p.path } : p)), ...found(outside, 'region')];
}

/** An aws_kms key provider's problems (`blockProblems`): its KMS, IAM and STS calls fetch the state's key. */
const keyProviderProblems = (provider: StateEncryptionData['keyProviders'][number], environment: EnvironmentEndpoints | undefined): Problem[] =>
  blockProblems(
    KEY_PROVIDER,
    `the aws_kms key provider \`${provider.address}\``,
    provider.settings,
    ': its KMS, IAM and STS calls, which fetch the key the state is encrypted with, go to the default, non-FIPS endpoints',
    AWS_KMS_READER,
    environment,
  );

/** The key providers the rule judges, those OpenTofu sets up (`usedKeyProviders`). */
const AWS_KMS: ReadonlySet<string> = new Set(['aws_kms']);

/** `problems` as outcomes on the block at `address`. */
const outcomesAt = (address: string, problems: readonly Problem[]): Outcome[] =>
  problems.map((p) => (p.status === 'fail' ? fail : unknown)(p.message, { address, ...(p.path !== undefined ? { path: p.path } : {}) }));

/**
 * The state's verdicts, once per input: its s3 backend (the one its code writes, or the one `terraform
 * init` recorded) and OpenTofu's aws_kms key providers, where FIPS is required for the input's
 * environment (its cdktf stack, or the `Environment` tag of its root module's default aws provider).
 */
function evaluateState(input: LoadedInput, graph: Graph, settings: Settings): Outcome | Outcome[] {
  const fips = settings.fips;
  if (!fips.required && fips.environments.length === 0) return notApplicable();
  const backend = statedBackend(input);
  const s3 = backend?.type === 's3' ? backend : undefined;
  const keyProviders = usedKeyProviders(input.stateEncryption, AWS_KMS);
  if (s3 === undefined && keyProviders.length === 0) return notApplicable();
  const need = fipsNeed(fips, input.stack, () => defaultAwsProvider(graph, input.input, ''));
  if (need.status === 'no') return notApplicable();
  const environment = input.environmentEndpoints;
  const outcomes = [
    ...(s3 ? outcomesAt(backendAddress(s3), underNeed(need, backendProblems(s3, environment))) : []),
    ...keyProviders.flatMap((p) => outcomesAt(p.address, underNeed(need, keyProviderProblems(p, environment)))),
  ];
  return outcomes.length > 0 ? outcomes : pass();
}

export default defineRule({
  id: 'provider-fips-endpoints',
  title: 'Providers and the state backend use FIPS endpoints where the configuration requires FIPS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'Workloads under FedRAMP or similar regimes must send API calls only to FIPS 140 validated endpoints. The aws provider does so with `use_fips_endpoint = true`, except for a service its `endpoints` block, an `AWS_ENDPOINT_URL…` variable of the environment terraform runs in, or an `endpoint_url` of its AWS shared config file, overrides; awscc has no such flag and needs explicit Cloud Control and STS FIPS endpoints. The s3 state backend (the state, its lock, the credentials) and OpenTofu\'s aws_kms key provider (the state\'s key) call S3, DynamoDB, KMS, IAM and STS, and take the aws provider\'s `use_fips_endpoint` and `endpoints`.',
  remediation:
    'aws provider: `use_fips_endpoint = true`, and no `endpoints` entry, nor `AWS_ENDPOINT_URL…` variable or shared config file `endpoint_url` where terraform runs, but an https:// FIPS endpoint. awscc provider: `endpoints = { cloudcontrolapi = "https://cloudcontrolapi-fips.<region>.amazonaws.com", sts = "https://sts-fips.<region>.amazonaws.com" }`. FIPS endpoints exist only in some Regions (for awscc, Cloud Control and STS: us-east-1, us-east-2, us-west-1, us-west-2 and GovCloud, where STS\'s FIPS endpoint is `sts.<region>.amazonaws.com`). s3 backend and aws_kms key provider: `use_fips_endpoint = true`, and no endpoint but an https:// FIPS one; the state bucket in a Region with S3 FIPS endpoints (us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, GovCloud). An aws provider\'s S3 resources in those Regions too, its Cloud Control ones in us-east-1/2 or us-west-1/2: elsewhere it falls back to the non-FIPS endpoint.',
  references: [
    awsDoc('FIPS 140-3 endpoints (AWS compliance)', 'https://aws.amazon.com/compliance/fips/'),
    awsDoc('AWS Cloud Control API endpoints and quotas', 'https://docs.aws.amazon.com/general/latest/gr/cloudcontrolapi.html'),
    awsDoc('Terraform AWS provider: custom service endpoint configuration', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/custom-service-endpoints'),
    awsDoc('AWS SDKs and Tools: service-specific endpoints (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>)', 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html'),
    awsDoc('Terraform: S3 backend (use_fips_endpoint, endpoints)', 'https://developer.hashicorp.com/terraform/language/backend/s3'),
    awsDoc('OpenTofu: state and plan encryption (the AWS KMS key provider)', 'https://opentofu.org/docs/language/state/encryption/'),
  ],
  appliesTo: '*',
  evaluate: (resource, { graph, settings }) => evaluate(resource, graph, settings),
  evaluateInput: (input, { graph, settings }) => evaluateState(input, graph, settings),
});
