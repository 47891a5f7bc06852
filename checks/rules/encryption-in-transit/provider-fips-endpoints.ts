/**
 * Where the configuration requires FIPS (everywhere, or for the environments it names), the aws
 * provider that manages the resources sets `use_fips_endpoint = true` and the awscc provider sends
 * Cloud Control and STS calls to FIPS endpoints (`endpoints.cloudcontrolapi` and `endpoints.sts`).
 * An endpoint a provider's `endpoints` sets is used as written: the aws provider ignores
 * `use_fips_endpoint` for that service (terraform-provider-aws #23619), so every endpoint set, of
 * either provider, must be an `https://` URL of a FIPS host.
 *
 * A resource's environment is the `Environment` tag of its aws provider's `default_tags` (for an
 * awscc resource: the default aws provider of its module), or the suffix of its cdktf stack name
 * (`twinmaker-prod` is `prod`). The verdict is about a provider configuration, so it is reported
 * once per provider configuration, on the first resource (in input order) that it manages; the
 * message names the provider and how many resources it manages. Other resources get
 * not-applicable.
 */
import type { Graph, ProviderConfig, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import type { Settings } from '../../settings';
import { defineRule, notApplicable, type Outcome } from '../types';
import { awsDoc } from '../support/references';
import { failed, outcomesOf, shown, undecided, type Problem } from '../support/findings';
import { endpointEntries } from '../support/endpoints';

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
  const url = parsedUrl(value.value.trim());
  if (url?.protocol !== 'https:')
    return failed(`${where} is ${shown(view, value.value)}, not an https:// URL: the provider would send that service's API calls without TLS, outside FIPS. ${FIX_ENDPOINT}`);
  if (!isFipsHost(url.hostname))
    return failed(
      `${where} is ${shown(view, value.value)}, not a FIPS endpoint: the provider sends that service's calls to an endpoint it is given as written${
        provider.name === 'aws' ? ', ignoring use_fips_endpoint' : ''
      }. ${FIX_ENDPOINT}`
    );
  return undefined;
}

const parsedUrl = (text: string): URL | undefined => {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
};

/** The problems of every entry of the aws provider's `endpoints` blocks (endpoints.ts), or that they cannot be read. */
function awsEndpointProblems(provider: ProviderConfig): Problem[] {
  return endpointEntries(provider.values.get('endpoints')).flatMap((entry): Problem[] => {
    if (entry.kind === 'unknown') return [undecided(`the endpoints of provider ${provider.key} are not constants, so the gate cannot tell whether they are FIPS endpoints. ${FIX_ENDPOINT}`)];
    const problem = endpointProblem(provider, entry.name, entry.view);
    return problem ? [problem] : [];
  });
}

function awsProblems(provider: ProviderConfig): Problem[] {
  const value = provider.values.get('use_fips_endpoint').bool();
  const flag =
    value.kind === 'unknown'
      ? [undecided(`use_fips_endpoint of provider ${provider.key} is not a constant, so the gate cannot vouch for it. ${FIX.aws}`)]
      : value.kind === 'known' && value.value
      ? []
      : [failed(`provider ${provider.key} does not set use_fips_endpoint = true. ${FIX.aws}`)];
  return [...flag, ...awsEndpointProblems(provider)];
}

function awsccProblems(provider: ProviderConfig): Problem[] {
  const entries = endpointEntries(provider.values.get('endpoints'));
  if (entries.some((entry) => entry.kind === 'unknown'))
    return [undecided(`endpoints of provider ${provider.key} is not a constant, so the gate cannot vouch for it. ${FIX.awscc}`)];
  const set = entries.flatMap((entry) => (entry.kind === 'entry' ? [entry] : []));
  const problems: Problem[] = [];
  const missing = AWSCC_REQUIRED.filter((name) => {
    const value = set.find((entry) => entry.name === name)?.view.string();
    return value === undefined || value.kind === 'absent' || (value.kind === 'known' && value.value.trim() === '');
  });
  if (missing.length > 0)
    problems.push(
      failed(
        `${missing.map((name) => `endpoints.${name}`).join(' and ')} of provider ${provider.key} ${missing.length === 1 ? 'is' : 'are'} not set, so awscc sends those calls to the default, non-FIPS endpoint${missing.length === 1 ? '' : 's'}. ${FIX.awscc}`
      )
    );
  for (const { name, view } of set) {
    const problem = endpointProblem(provider, name, view);
    if (problem) problems.push(problem);
  }
  return problems;
}

function providerProblems(group: ProviderGroup): Problem[] {
  const { provider, family } = group;
  if (!provider)
    return [
      failed(`no ${family} provider block configures these resources, so Terraform uses an empty default configuration without FIPS endpoints. ${FIX[family]}`),
    ];
  return family === 'aws' ? awsProblems(provider) : awsccProblems(provider);
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
  const problems = providerProblems(group).map((p) =>
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
    'Workloads under FedRAMP or similar regimes must send API calls only to FIPS 140 validated endpoints. The aws provider does so with `use_fips_endpoint = true`, except for a service its `endpoints` block overrides; awscc has no such flag and needs explicit Cloud Control and STS FIPS endpoints.',
  remediation:
    'aws provider: `use_fips_endpoint = true`, and no `endpoints` entry but an https:// FIPS endpoint. awscc provider: `endpoints = { cloudcontrolapi = "https://cloudcontrolapi-fips.<region>.amazonaws.com", sts = "https://sts-fips.<region>.amazonaws.com" }`. FIPS endpoints exist only in some Regions (for awscc, Cloud Control and STS: us-east-1, us-east-2, us-west-1, us-west-2 and GovCloud, where STS\'s FIPS endpoint is `sts.<region>.amazonaws.com`).',
  references: [
    awsDoc('FIPS 140-3 endpoints (AWS compliance)', 'https://aws.amazon.com/compliance/fips/'),
    awsDoc('AWS Cloud Control API endpoints and quotas', 'https://docs.aws.amazon.com/general/latest/gr/cloudcontrolapi.html'),
  ],
  appliesTo: '*',
  evaluate: (resource, { graph, settings }) => evaluate(resource, graph, settings),
});
