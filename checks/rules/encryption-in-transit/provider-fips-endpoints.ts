/**
 * Where the configuration requires FIPS (everywhere, or for the environments it names), the aws
 * provider that manages the resources sets `use_fips_endpoint = true` and the awscc provider sends
 * Cloud Control and STS calls to FIPS endpoints (`endpoints.cloudcontrolapi` and `endpoints.sts`).
 * An endpoint a provider's `endpoints` sets is used as written: the aws provider ignores
 * `use_fips_endpoint` for that service (terraform-provider-aws #23619), so every endpoint set, of
 * either provider, must be an `https://` URL of a FIPS host. So must every endpoint the environment
 * gives where the block sets none (`AWS_ENDPOINT_URL_SQS`, `AWS_ENDPOINT_URL`), read as
 * provider-tls-verified reads them (endpoints.ts) where the input carries them: the providers send
 * those calls to it as written too. One the environment gives never stands in for one awscc needs
 * written: the gate vouches for the block, as it does not count `AWS_USE_FIPS_ENDPOINT`.
 *
 * A resource's environment is the `Environment` tag of its aws provider's `default_tags` (for an
 * awscc resource: the default aws provider of its module), or the suffix of its cdktf stack name
 * (`twinmaker-prod` is `prod`). The verdict is about a provider configuration, so it is reported
 * once per provider configuration, on the first resource (in input order) that it manages; the
 * message names the provider and how many resources it manages. Other resources get
 * not-applicable.
 */
import type { EnvironmentEndpoints } from '../../model/environment-endpoints';
import type { Graph, ProviderConfig, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { maskUrlCredentials } from '../../mask';
import type { Settings } from '../../settings';
import { defineRule, notApplicable, type Outcome } from '../types';
import { awsDoc } from '../support/references';
import { failed, outcomesOf, shown, undecided, type Problem } from '../support/findings';
import { endpointEntries, environmentEndpointsOf, PROVIDER_ENDPOINT_READERS, setsEndpoint, type EndpointEntry, type EnvironmentEndpoint } from '../support/endpoints';

type Family = 'aws' | 'awscc';

const familyOf = (resource: Resource): Family | undefined => {
  const name = resource.providerName.split('/').pop();
  return name === 'aws' || name === 'awscc' ? name : undefined;
};

/** The provider configurations and the resources each manages, computed once per graph. */
interface ProviderGroup {
  readonly provider: ProviderConfig | undefined;
  readonly family: Family;
  readonly first: Resource;
  count: number;
}

const groupsByGraph = new WeakMap<Graph, Map<Resource, ProviderGroup>>();

/** The provider group of `resource`, if it is the first resource of its group. */
function groupLedBy(graph: Graph, resource: Resource): ProviderGroup | undefined {
  let leaders = groupsByGraph.get(graph);
  if (!leaders) {
    leaders = new Map();
    const byKey = new Map<string, ProviderGroup>();
    for (const r of graph.resources) {
      const family = r.mode === 'managed' ? familyOf(r) : undefined;
      if (!family) continue;
      const provider = graph.providerOf(r);
      const key = `${r.input}\u0000${provider ? provider.key : `implicit ${family} ${r.data.providerConfigKey}`}`;
      const group = byKey.get(key);
      if (group) group.count += 1;
      else {
        const created: ProviderGroup = { provider, family, first: r, count: 1 };
        byKey.set(key, created);
        leaders.set(r, created);
      }
    }
    groupsByGraph.set(graph, leaders);
  }
  return leaders.get(resource);
}

/** The aws provider whose default_tags describe `resource`'s environment. */
function taggingProvider(graph: Graph, resource: Resource, family: Family): ProviderConfig | undefined {
  if (family === 'aws') return graph.providerOf(resource);
  const candidates = graph.providers.filter((p) => p.input === resource.input && p.name === 'aws' && !p.alias);
  return candidates.find((p) => p.module === resource.moduleConfigPath) ?? candidates.find((p) => p.module === '');
}

type Need = { readonly status: 'yes'; readonly why: string } | { readonly status: 'no' } | { readonly status: 'unknown'; readonly why: string };

/** Whether the settings require FIPS for `resource`'s environment. */
function fipsNeed(graph: Graph, resource: Resource, family: Family, fips: Settings['fips']): Need {
  if (fips.required) return { status: 'yes', why: 'the configuration requires FIPS everywhere' };
  const wanted = fips.environments.map((e) => e.toLowerCase());
  if (wanted.length === 0) return { status: 'no' };
  const stack = resource.stack?.toLowerCase();
  const byStack = stack && wanted.find((e) => stack === e || stack.endsWith(`-${e}`));
  if (byStack) return { status: 'yes', why: `stack ${resource.stack} is environment "${byStack}", which requires FIPS` };
  const provider = taggingProvider(graph, resource, family);
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

const FIX: Record<Family, string> = {
  aws: 'Set `use_fips_endpoint = true` in the aws provider block (AWS_USE_FIPS_ENDPOINT in the environment is invisible to the gate).',
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
 * The problem with endpoint `name` a provider's `endpoints` sets, if any (with no path: the finding is
 * shown on a resource, and the path would be read as one of its attributes): not set (absent or empty, as
 * the providers read "") is none; a value known only after apply is unknown; a value that is not an
 * `https://` URL sends the service's API calls in plaintext; a host that is not a FIPS host bypasses FIPS.
 */
function endpointProblem(provider: ProviderConfig, name: string, view: ValueView): Problem | undefined {
  const value = view.string();
  if (value.kind === 'absent' || (value.kind === 'known' && value.value.trim() === '')) return undefined;
  const where = `endpoints.${name} of provider ${provider.key}`;
  if (value.kind === 'unknown') return undecided(`${where} is not a constant, so the gate cannot tell whether it is a FIPS endpoint. ${FIX_ENDPOINT}`);
  return urlProblem(provider.name === 'aws' ? 'aws' : 'awscc', where, value.value.trim(), shown(view, value.value), "that service's", FIX_ENDPOINT);
}

/**
 * The problem with endpoint URL `text`, which `where` names and `quoted` shows, that a provider of
 * `family` sends `calls` calls to as written, if any: a value that is not an `https://` URL sends them
 * in plaintext; a host that is not a FIPS host bypasses FIPS. `fix` ends the message.
 */
function urlProblem(family: Family, where: string, text: string, quoted: string, calls: string, fix: string): Problem | undefined {
  const url = parsedUrl(text);
  if (url?.protocol !== 'https:') return failed(`${where} is ${quoted}, not an https:// URL: the provider would send ${calls} API calls without TLS, outside FIPS. ${fix}`);
  if (!isFipsHost(url.hostname))
    return failed(`${where} is ${quoted}, not a FIPS endpoint: the provider sends ${calls} calls to an endpoint it is given as written${family === 'aws' ? ', ignoring use_fips_endpoint' : ''}. ${fix}`);
  return undefined;
}

/**
 * What an endpoint the environment gives (`environmentEndpointsOf`) is to the provider configuration
 * `named` (`provider aws`), for a message: the variable, and what it gives. `block`: a provider block
 * configures it, which sets no endpoint for that service; else it is the default configuration.
 */
const givenBy = ({ variable, service }: EnvironmentEndpoint, named: string, block: boolean): string =>
  service === undefined
    ? `\`${variable}\` of the environment, the endpoint of every service ${named} ${block ? 'sets none for' : 'calls'},`
    : `\`${variable}\` of the environment, the ${service} endpoint of ${named}${block ? ' where its block sets none' : ''},`;

const environmentFix = (variable: string, service: string | undefined): string =>
  service === undefined
    ? `Unset \`${variable}\` where terraform runs (it gives every service one endpoint), or write each service's https:// FIPS endpoint in the provider block.`
    : `Give \`${variable}\` the https:// FIPS endpoint of the service (\`https://<service>-fips.<region>.amazonaws.com\`), or unset it where terraform runs.`;

/**
 * The problems of the endpoints `given` (`environmentEndpointsOf`) to the provider configuration of
 * `family` that `named` names (`block`: as in `givenBy`), each judged as an entry a block writes: the
 * providers send those calls to it as written too. The URL is shown with its user information
 * starred, as a written one is.
 */
function environmentProblems(family: Family, given: readonly EnvironmentEndpoint[], named: string, block: boolean): Problem[] {
  return given.flatMap((endpoint) => {
    const text = endpoint.value.trim();
    const calls = endpoint.service === undefined ? "those services'" : "that service's";
    const problem = urlProblem(family, givenBy(endpoint, named, block), text, `"${maskUrlCredentials(text)}"`, calls, environmentFix(endpoint.variable, endpoint.service));
    return problem ? [problem] : [];
  });
}

const parsedUrl = (text: string): URL | undefined => {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
};

/** The problems of every entry of the aws provider's `endpoints` blocks (`entries`: endpoints.ts), or that they cannot be read. */
function awsEndpointProblems(provider: ProviderConfig, entries: readonly EndpointEntry[]): Problem[] {
  return entries.flatMap((entry): Problem[] => {
    if (entry.kind === 'unknown') return [undecided(`the endpoints of provider ${provider.key} are not constants, so the gate cannot tell whether they are FIPS endpoints. ${FIX_ENDPOINT}`)];
    const problem = endpointProblem(provider, entry.name, entry.view);
    return problem ? [problem] : [];
  });
}

/** The endpoints `environment` gives a provider block of `family` where its `entries` set none (endpoints.ts). */
const givenTo = (family: Family, entries: readonly EndpointEntry[], environment: EnvironmentEndpoints | undefined): EnvironmentEndpoint[] =>
  environmentEndpointsOf(PROVIDER_ENDPOINT_READERS[family], environment, setsEndpoint(entries));

function awsProblems(provider: ProviderConfig, environment: EnvironmentEndpoints | undefined): Problem[] {
  const value = provider.values.get('use_fips_endpoint').bool();
  const flag =
    value.kind === 'unknown'
      ? [undecided(`use_fips_endpoint of provider ${provider.key} is not a constant, so the gate cannot vouch for it. ${FIX.aws}`)]
      : value.kind === 'known' && value.value
      ? []
      : [failed(`provider ${provider.key} does not set use_fips_endpoint = true. ${FIX.aws}`)];
  const entries = endpointEntries(provider.values.get('endpoints'));
  return [...flag, ...awsEndpointProblems(provider, entries), ...environmentProblems('aws', givenTo('aws', entries, environment), `provider ${provider.key}`, true)];
}

function awsccProblems(provider: ProviderConfig, environment: EnvironmentEndpoints | undefined): Problem[] {
  const entries = endpointEntries(provider.values.get('endpoints'));
  if (entries.some((entry) => entry.kind === 'unknown'))
    return [undecided(`endpoints of provider ${provider.key} is not a constant, so the gate cannot vouch for it. ${FIX.awscc}`)];
  const set = entries.flatMap((entry) => (entry.kind === 'entry' ? [entry] : []));
  const given = givenTo('awscc', entries, environment);
  const problems: Problem[] = [];
  const missing = AWSCC_REQUIRED.filter((name) => {
    const value = set.find((entry) => entry.name === name)?.view.string();
    return value === undefined || value.kind === 'absent' || (value.kind === 'known' && value.value.trim() === '');
  });
  if (missing.length > 0) {
    // An endpoint the environment gives does not stand in for one the block writes, FIPS host or not.
    const stand = given.filter((e) => e.service === undefined || missing.includes(e.service)).map((e) => `\`${e.variable}\``);
    const sent =
      stand.length === 0
        ? `so awscc sends those calls to the default, non-FIPS endpoint${missing.length === 1 ? '' : 's'}`
        : `and ${stand.join(' and ')} of the environment ${stand.length === 1 ? 'does' : 'do'} not count: the gate vouches only for the endpoints the block writes`;
    problems.push(failed(`${missing.map((name) => `endpoints.${name}`).join(' and ')} of provider ${provider.key} ${missing.length === 1 ? 'is' : 'are'} not set, ${sent}. ${FIX.awscc}`));
  }
  for (const { name, view } of set) {
    const problem = endpointProblem(provider, name, view);
    if (problem) problems.push(problem);
  }
  return [...problems, ...environmentProblems('awscc', given, `provider ${provider.key}`, true)];
}

/** The problems of `group`'s provider configuration; `environment`: the endpoints the environment of its input gives. */
function providerProblems(group: ProviderGroup, environment: EnvironmentEndpoints | undefined): Problem[] {
  const { provider, family } = group;
  if (!provider)
    return [
      failed(`no ${family} provider block configures these resources, so Terraform uses an empty default configuration without FIPS endpoints. ${FIX[family]}`),
      // That configuration reads the environment's endpoints too: one that is no FIPS endpoint stays after a block is written.
      ...environmentProblems(family, givenTo(family, [], environment), `the default ${family} configuration`, false),
    ];
  return family === 'aws' ? awsProblems(provider, environment) : awsccProblems(provider, environment);
}

function evaluate(resource: Resource, graph: Graph, settings: Settings): Outcome | Outcome[] {
  const fips = settings.fips;
  if (!fips.required && fips.environments.length === 0) return notApplicable();
  const group = groupLedBy(graph, resource);
  if (!group) return notApplicable();
  const need = fipsNeed(graph, resource, group.family, fips);
  if (need.status === 'no') return notApplicable();
  const scope = `provider ${group.provider?.key ?? group.family} manages ${group.count} resource${group.count === 1 ? '' : 's'} of ${
    resource.input
  }, reported here on the first`;
  const environment = graph.inputs.find((input) => input.input === resource.input)?.environmentEndpoints;
  const problems = providerProblems(group, environment).map((p) =>
    need.status === 'yes' ? { ...p, message: `${p.message} (${need.why}; ${scope}.)` } : undecided(`${need.why}, and ${p.message} (${scope}.)`)
  );
  return outcomesOf(problems);
}

export default defineRule({
  id: 'provider-fips-endpoints',
  title: 'Providers use FIPS endpoints where the configuration requires FIPS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'Workloads under FedRAMP or similar regimes must send API calls only to FIPS 140 validated endpoints. The aws provider does so with `use_fips_endpoint = true`, except for a service its `endpoints` block, or an `AWS_ENDPOINT_URL…` variable of the environment terraform runs in, overrides; awscc has no such flag and needs explicit Cloud Control and STS FIPS endpoints.',
  remediation:
    'aws provider: `use_fips_endpoint = true`, and no `endpoints` entry, nor `AWS_ENDPOINT_URL…` variable where terraform runs, but an https:// FIPS endpoint. awscc provider: `endpoints = { cloudcontrolapi = "https://cloudcontrolapi-fips.<region>.amazonaws.com", sts = "https://sts-fips.<region>.amazonaws.com" }`. FIPS endpoints exist only in some Regions (for awscc, Cloud Control and STS: us-east-1, us-east-2, us-west-1, us-west-2 and GovCloud, where STS\'s FIPS endpoint is `sts.<region>.amazonaws.com`).',
  references: [
    awsDoc('FIPS 140-3 endpoints (AWS compliance)', 'https://aws.amazon.com/compliance/fips/'),
    awsDoc('AWS Cloud Control API endpoints and quotas', 'https://docs.aws.amazon.com/general/latest/gr/cloudcontrolapi.html'),
    awsDoc('Terraform AWS provider: custom service endpoint configuration', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/custom-service-endpoints'),
    awsDoc('AWS SDKs and Tools: service-specific endpoints (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>)', 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html'),
  ],
  appliesTo: '*',
  evaluate: (resource, { graph, settings }) => evaluate(resource, graph, settings),
});
