/**
 * Where the configuration requires FIPS (everywhere, or for the environments it names), the aws
 * provider that manages the resources sets `use_fips_endpoint = true` and the awscc provider sends
 * Cloud Control calls to a FIPS endpoint (`endpoints.cloudcontrolapi` contains `-fips.`).
 *
 * A resource's environment is the `Environment` tag of its aws provider's `default_tags` (for an
 * awscc resource: the default aws provider of its module), or the suffix of its cdktf stack name
 * (`twinmaker-prod` is `prod`). The verdict is about a provider configuration, so it is reported
 * once per provider configuration, on the first resource (in input order) that it manages; the
 * message names the provider and how many resources it manages. Other resources get
 * not-applicable.
 */
import type { Graph, ProviderConfig, Resource } from '../../model/types';
import type { Settings } from '../../settings';
import { defineRule, notApplicable, type Outcome } from '../types';
import { awsDoc } from '../support/references';
import { failed, outcomesOf, shown, undecided, type Problem } from '../support/findings';

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
  awscc: 'Set `endpoints = { cloudcontrolapi = "https://cloudcontrolapi-fips.<region>.amazonaws.com" }` in the awscc provider block.',
};

function providerProblems(group: ProviderGroup): Problem[] {
  const { provider, family } = group;
  if (!provider)
    return [
      failed(`no ${family} provider block configures these resources, so Terraform uses an empty default configuration without FIPS endpoints. ${FIX[family]}`),
    ];
  if (family === 'aws') {
    const view = provider.values.get('use_fips_endpoint');
    const value = view.bool();
    if (value.kind === 'unknown')
      return [undecided(`use_fips_endpoint of provider ${provider.key} is not a constant, so the gate cannot vouch for it. ${FIX.aws}`)];
    if (value.kind === 'known' && value.value) return [];
    return [failed(`provider ${provider.key} does not set use_fips_endpoint = true. ${FIX.aws}`)];
  }
  const unsure = undecided(`endpoints.cloudcontrolapi of provider ${provider.key} is not a constant, so the gate cannot vouch for it. ${FIX.awscc}`);
  const endpoints = provider.values.get('endpoints').block();
  if (endpoints.kind === 'unknown') return [unsure];
  const view = endpoints.kind === 'known' ? endpoints.value.get('cloudcontrolapi') : undefined;
  const endpoint = view?.string();
  if (endpoint?.kind === 'unknown') return [unsure];
  if (endpoint?.kind === 'known' && endpoint.value.includes('-fips.')) return [];
  const got = view && endpoint?.kind === 'known' ? `is ${shown(view, endpoint.value)}, not a FIPS endpoint` : 'is not set';
  return [failed(`endpoints.cloudcontrolapi of provider ${provider.key} ${got}. ${FIX.awscc}`)];
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
    'Workloads under FedRAMP or similar regimes must send API calls only to FIPS 140 validated endpoints. The aws provider does so with `use_fips_endpoint = true`; awscc has no such flag and needs an explicit Cloud Control FIPS endpoint.',
  remediation:
    'aws provider: `use_fips_endpoint = true`. awscc provider: `endpoints = { cloudcontrolapi = "https://cloudcontrolapi-fips.<region>.amazonaws.com" }`. FIPS endpoints exist only in some Regions (TwinMaker: us-east-1 and us-west-2).',
  references: [
    awsDoc('FIPS 140-3 endpoints (AWS compliance)', 'https://aws.amazon.com/compliance/fips/'),
    awsDoc('AWS Cloud Control API endpoints and quotas', 'https://docs.aws.amazon.com/general/latest/gr/cloudcontrolapi.html'),
  ],
  appliesTo: '*',
  evaluate: (resource, { graph, settings }) => evaluate(resource, graph, settings),
});
