import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { listed, resolutionReason } from '../support/findings';
import { soleTarget } from '../support/links';
import { awsDoc, securityHub } from '../support/references';
import { configured, findingsOrPass, managedOnly, requireTrue, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, fail, pass, unknown, type Outcome } from '../types';

const FIX = 'Set `cache_data_encrypted = true` in `settings` beside `caching_enabled = true`.';
const AWSCC_FIX = 'Set `cache_data_encrypted = true` in every `method_settings` entry that sets `caching_enabled = true`.';
const AWSCC_DEPLOYMENT_FIX = 'Set `cache_data_encrypted = true` in `stage_description`, and in every `method_settings` entry that sets `caching_enabled = true`.';
const STAGE_FIX =
  'Add an `aws_api_gateway_method_settings` for the stage with `method_path = "*/*"` and `settings { cache_data_encrypted = true }` (or `caching_enabled = false`), or set `cache_cluster_enabled = false`.';
const AWSCC_STAGE_FIX = 'Add a `method_settings` entry with `resource_path = "/*"`, `http_method = "*"` and `cache_data_encrypted = true` (or `caching_enabled = false`), or set `cache_cluster_enabled = false`.';
const AWSCC_DEPLOYMENT_STAGE_FIX = 'Set `cache_data_encrypted = true` (or `caching_enabled = false`) in `stage_description`, or set its `cache_cluster_enabled = false`.';
const METHOD_SETTINGS = 'aws_api_gateway_method_settings';

/** A label for a message: the awscc entry's method, never a value Terraform marks sensitive. */
function entryName(entry: ValueView): string {
  const part = (key: string): string => {
    const view = entry.get(key);
    const value = view.string();
    return value.kind === 'known' && !view.isSensitive ? value.value : '?';
  };
  return `\`method_settings\` entry ${part('resource_path')} ${part('http_method')}`;
}

/**
 * One place that may cache responses: `caching` turns the cache on, `encrypted` encrypts what it
 * holds. Caching unset or false stores nothing; encryption unset is false (API Gateway's default).
 */
function cacheEncrypted(resource: Resource, caching: ValueView, encrypted: ValueView, where: string, fix: string): Outcome {
  const on = configured(resource, caching);
  const sealed = configured(resource, encrypted);
  const cachingValue = on.bool();
  const sealedValue = sealed.bool();
  if (sealedValue.kind === 'known' && sealedValue.value) return pass();
  if (cachingValue.kind === 'absent' || (cachingValue.kind === 'known' && !cachingValue.value)) return pass();
  const what = `\`cache_data_encrypted\` of ${where}`;
  if (cachingValue.kind === 'unknown') {
    if (sealedValue.kind === 'unknown') return unknownAtPlan(sealed, { what: `${what} (and \`caching_enabled\`)`, fix });
    const state = sealedValue.kind === 'absent' ? 'not set (false)' : 'false';
    return unknown(`\`caching_enabled\` of ${where} is known only after apply, and ${what} is ${state}: if caching is on, cached responses are stored unencrypted. ${fix}`, {
      path: on.path.map(String).join('.'),
    });
  }
  return requireTrue(sealed, { what: `${what}, which caches responses (\`caching_enabled = true\`),`, fix, absent: 'fail', absentMeans: 'false, cached responses are stored unencrypted' });
}

/** Every `method_settings` entry of an awscc stage (or of a deployment's `stage_description`). */
function methodSettings(resource: Resource, view: ValueView, fix: string): Outcome[] {
  const entries = configured(resource, view).blocks();
  if (entries.kind === 'absent') return [];
  if (entries.kind === 'unknown') return [unknownAtPlan(view, { what: '`method_settings`', fix })];
  return entries.value.map((entry) => cacheEncrypted(resource, entry.get('caching_enabled'), entry.get('cache_data_encrypted'), entryName(entry), fix));
}

/**
 * A setting for every method of a stage (method settings whose `method_path` names all methods,
 * an awscc entry whose `resource_path` and `http_method` do, a deployment's `stage_description`):
 * `caching` and `encrypted` as the code sets them, `name` for a message. `undetermined` says why it
 * may not apply to the stage (its link is not known).
 */
interface StageDefault {
  readonly name: string;
  readonly caching: ValueView;
  readonly encrypted: ValueView;
  readonly undetermined?: string;
}

/**
 * The stage's cache, when its cache cluster is on: API Gateway then caches GET methods unless a
 * setting for every method says otherwise ("When you enable caching for a stage, only GET methods
 * have caching enabled by default"), unencrypted unless it says so. A stage-wide setting that sets
 * `caching_enabled` is judged where it is written (`cacheEncrypted`), so it settles the stage; one
 * that leaves caching to the default settles it only by encrypting. A setting that may apply, its
 * link not known, makes the stage unknown, never a pass.
 */
function stageCache(resource: Resource, cluster: ValueView, defaults: readonly StageDefault[], fix: string): Outcome {
  const on = configured(resource, cluster).bool();
  if (on.kind === 'absent' || (on.kind === 'known' && !on.value)) return pass();
  const settles = (d: StageDefault): boolean => {
    const encrypted = configured(resource, d.encrypted).bool();
    return !configured(resource, d.caching).isAbsent || (encrypted.kind === 'known' && encrypted.value);
  };
  const linked = defaults.filter((d) => d.undetermined === undefined);
  if (linked.some(settles)) return pass();
  const path = cluster.path.map(String).join('.');
  const pending = linked.filter((d) => configured(resource, d.encrypted).isUnknown).map((d) => `\`cache_data_encrypted\` of ${d.name} is known only after apply`);
  const maybe = defaults.filter((d) => d.undetermined !== undefined).map((d) => `${d.name} may apply to it, and ${d.undetermined}`);
  const cached = 'API Gateway caches its GET methods by default, and no setting for every method (`*/*`) encrypts the cache or turns caching off, so cached responses are stored unencrypted';
  if (on.kind === 'unknown') return unknown(`\`cache_cluster_enabled\` is known only after apply; if the cache is on, ${cached}. ${fix}`, { path });
  if (pending.length + maybe.length > 0) return unknown(`The stage's cache cluster is on: ${cached} unless ${listed([...pending, ...maybe])}. ${fix}`, { path });
  return fail(`The stage's cache cluster is on (\`cache_cluster_enabled = true\`): ${cached}. ${fix}`, { path });
}

type Link = 'same' | 'different' | { readonly undetermined: string };

/** A known string of `view`, undefined otherwise. */
function knownString(view: ValueView): string | undefined {
  const value = view.string();
  return value.kind === 'known' ? value.value : undefined;
}

/**
 * Whether `a`'s and `b`'s `attribute` name the same object: the same resource of the input (by
 * reference, or by known value), the same known value, or the same references written in one
 * module (`var.api_id` in both), none read per instance (`each.*`, `count.index`). Anything else
 * that cannot be told is undetermined, never "different".
 */
function sameObject(graph: Graph, a: Resource, b: Resource, attribute: string, types: readonly string[]): Link {
  const [ra, rb] = [graph.resolve(a, [attribute], types), graph.resolve(b, [attribute], types)];
  const [ta, tb] = [soleTarget(ra), soleTarget(rb)];
  if (ta !== undefined && tb !== undefined) return ta === tb ? 'same' : 'different';
  if (ra.status === 'value' && rb.status === 'value') return ra.value === rb.value ? 'same' : 'different';
  const [one, value] = ta !== undefined && rb.status === 'value' ? [ta, rb.value] : tb !== undefined && ra.status === 'value' ? [tb, ra.value] : [undefined, undefined];
  // A resource of the input and a value written elsewhere: the same only where its known id is that
  // value (one created by this apply has no id yet that the code could have written).
  if (one !== undefined) return knownString(one.attr('id')) === value ? 'same' : 'different';
  // References written alike name one object only where each names the same thing in every
  // instance: `each.value.rest_api_id` or `var.ids[count.index]` names another object in each
  // instance, and the instances of two blocks need not pair up (a for_each with an `if` keeps some keys).
  const refs = (r: Resource): string => [...r.references(attribute)].sort().join(' ');
  const perInstance = (r: Resource): boolean => r.references(attribute).some((ref) => /^(each|count)\./.test(ref));
  if (a.module === b.module && refs(a) !== '' && refs(a) === refs(b) && !perInstance(a)) return 'same';
  const why = [ra, rb].flatMap((r, i) => {
    const of = i === 0 ? a : b;
    if (r.status === 'unknown') return [`${of.address}'s \`${attribute}\` is known only after apply and ${resolutionReason(r.reason, of, [attribute])}`];
    if (r.status === 'ambiguous') return [`${of.address}'s \`${attribute}\` may name any of ${listed(r.candidates.map((c) => c.address))}`];
    return [];
  });
  return { undetermined: why.length > 0 ? why.join('; ') : `the gate cannot tell whether ${a.address} and ${b.address} name one \`${attribute}\`` };
}

/** Whether method settings configure `stage`: the same REST API (`rest_api_id`) and the same stage (`stage_name`, by value or by reference). */
/** Whether method settings' `stage_name` names `stage`: by known values, by reference to it, or as `sameObject` tells. */
function stageNameLink(graph: Graph, settings: Resource, stage: Resource): Link {
  const [mine, theirs] = [knownString(settings.attr('stage_name')), knownString(stage.attr('stage_name'))];
  if (mine !== undefined && theirs !== undefined) return mine === theirs ? 'same' : 'different';
  const named = graph.resolve(settings, ['stage_name'], [stage.type]);
  if (named.status !== 'resources' || named.partly) return sameObject(graph, settings, stage, 'stage_name', [stage.type]);
  if (!named.targets.includes(stage)) return 'different';
  if (named.targets.length === 1) return 'same';
  return { undetermined: `${settings.address}'s \`stage_name\` may name any of ${listed(named.targets.map((t) => t.address))}` };
}

function configures(graph: Graph, settings: Resource, stage: Resource): Link {
  const api = sameObject(graph, settings, stage, 'rest_api_id', ['aws_api_gateway_rest_api']);
  if (api === 'different') return api;
  const name = stageNameLink(graph, settings, stage);
  if (name === 'different') return name;
  if (api === 'same' && name === 'same') return 'same';
  return { undetermined: [api, name].flatMap((l) => (typeof l === 'object' ? [l.undetermined] : [])).join('; ') };
}

/** The method settings of the input for every method (`method_path` all) that configure an `aws_api_gateway_stage`, or may. */
function stageDefaults(graph: Graph, stage: Resource): StageDefault[] {
  return graph.ofType(METHOD_SETTINGS).flatMap((settings) => {
    if (settings.mode !== 'managed' || settings.input !== stage.input) return [];
    const pathView = settings.attr('method_path');
    const path = knownString(pathView);
    if (path !== undefined && path !== '*/*') return [];
    const link = configures(graph, settings, stage);
    if (link === 'different') return [];
    const undetermined = [...(typeof link === 'object' ? [link.undetermined] : []), ...(path === undefined ? [`its \`method_path\` is known only after apply`] : [])];
    return [{ name: `${settings.address}`, caching: setting(settings, 'settings', 'caching_enabled'), encrypted: setting(settings, 'settings', 'cache_data_encrypted'), ...(undetermined.length > 0 ? { undetermined: undetermined.join('; ') } : {}) }];
  });
}

/** The awscc `method_settings` entries for every method (`resource_path` and `http_method` all), as stage-wide settings. */
function awsccDefaults(resource: Resource, view: ValueView): StageDefault[] {
  const entries = configured(resource, view).blocks();
  if (entries.kind !== 'known') return [];
  return entries.value.flatMap((entry) => {
    const [path, method] = [knownString(entry.get('resource_path')), knownString(entry.get('http_method'))];
    if (path !== undefined && method !== undefined && !(path === '/*' && method === '*')) return [];
    const undetermined = path === undefined || method === undefined ? { undetermined: 'its `resource_path` or `http_method` is known only after apply' } : {};
    return [{ name: entryName(entry), caching: entry.get('caching_enabled'), encrypted: entry.get('cache_data_encrypted'), ...undetermined }];
  });
}

function evaluateCache(resource: Resource, graph: Graph): Outcome | readonly Outcome[] {
  switch (resource.type) {
    case METHOD_SETTINGS:
      return cacheEncrypted(resource, setting(resource, 'settings', 'caching_enabled'), setting(resource, 'settings', 'cache_data_encrypted'), '`settings`', FIX);
    case 'aws_api_gateway_stage':
      return stageCache(resource, resource.attr('cache_cluster_enabled'), stageDefaults(graph, resource), STAGE_FIX);
    case 'awscc_apigateway_stage': {
      const settings = resource.attr('method_settings');
      const cache = stageCache(resource, resource.attr('cache_cluster_enabled'), awsccDefaults(resource, settings), AWSCC_STAGE_FIX);
      return findingsOrPass([cache, ...methodSettings(resource, settings, AWSCC_FIX)]);
    }
    default: {
      // awscc_apigateway_deployment: the stage it creates, its own caching (for every method) and its method settings.
      const stage = resource.attr('stage_description');
      const own = cacheEncrypted(resource, stage.get('caching_enabled'), stage.get('cache_data_encrypted'), '`stage_description`', AWSCC_DEPLOYMENT_FIX);
      const defaults = [{ name: '`stage_description`', caching: stage.get('caching_enabled'), encrypted: stage.get('cache_data_encrypted') }, ...awsccDefaults(resource, stage.get('method_settings'))];
      const cache = stageCache(resource, stage.get('cache_cluster_enabled'), defaults, AWSCC_DEPLOYMENT_STAGE_FIX);
      return findingsOrPass([own, cache, ...methodSettings(resource, stage.get('method_settings'), AWSCC_DEPLOYMENT_FIX)]);
    }
  }
}


/**
 * API Gateway REST API caches encrypt what they hold. Encryption is a method setting beside
 * caching, so a method settings resource that caches is judged on its own. A stage whose cache
 * cluster is on caches its GET methods by default, so it is judged too: unless a setting for every
 * method of it encrypts the cache or settles caching, it stores them unencrypted.
 */
export default defineRule({
  id: 'api-gateway-cache-encrypted',
  title: 'API Gateway REST API caches encrypt cached responses',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'A method that caches responses keeps them in the stage cache for their time to live (up to an hour). `cache_data_encrypted` defaults to false: the responses, with whatever they hold, are stored unencrypted.',
  remediation: `${FIX} For an aws_api_gateway_stage with a cache cluster: ${STAGE_FIX} For an awscc_apigateway_stage: ${AWSCC_FIX} ${AWSCC_STAGE_FIX}`,
  references: [
    securityHub('APIGateway.5', 'API Gateway REST API cache data should be encrypted at rest'),
    awsDoc('Cache settings for REST APIs in API Gateway', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html'),
    awsDoc('Data encryption at rest in Amazon API Gateway', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/data-protection-encryption.html'),
  ],
  appliesTo: [METHOD_SETTINGS, 'aws_api_gateway_stage', 'awscc_apigateway_stage', 'awscc_apigateway_deployment'],
  evaluate: managedOnly((resource, { graph }) => evaluateCache(resource, graph)),
});
