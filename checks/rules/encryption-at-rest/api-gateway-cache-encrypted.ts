import type { Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { awsDoc, securityHub } from '../support/references';
import { configured, findingsOrWorst, managedOnly, requireTrue, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, pass, unknown, type Outcome } from '../types';

const FIX = 'Set `cache_data_encrypted = true` in `settings` beside `caching_enabled = true`.';
const AWSCC_FIX = 'Set `cache_data_encrypted = true` in every `method_settings` entry that sets `caching_enabled = true`.';
const AWSCC_DEPLOYMENT_FIX = 'Set `cache_data_encrypted = true` in `stage_description`, and in every `method_settings` entry that sets `caching_enabled = true`.';

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

function evaluateCache(resource: Resource): Outcome | readonly Outcome[] {
  switch (resource.type) {
    case 'aws_api_gateway_method_settings':
      return cacheEncrypted(resource, setting(resource, 'settings', 'caching_enabled'), setting(resource, 'settings', 'cache_data_encrypted'), '`settings`', FIX);
    case 'awscc_apigateway_stage':
      return worstOf(methodSettings(resource, resource.attr('method_settings'), AWSCC_FIX));
    default: {
      // awscc_apigateway_deployment: the stage it creates, its own caching and its method settings.
      const stage = resource.attr('stage_description');
      const own = cacheEncrypted(resource, stage.get('caching_enabled'), stage.get('cache_data_encrypted'), '`stage_description`', AWSCC_DEPLOYMENT_FIX);
      return worstOf([own, ...methodSettings(resource, stage.get('method_settings'), AWSCC_DEPLOYMENT_FIX)]);
    }
  }
}

/** Each failing or unknown entry as its own finding; a resource whose entries all pass (or that has none) passes once. */
const worstOf = (outcomes: readonly Outcome[]): Outcome | readonly Outcome[] => findingsOrWorst([pass(), ...outcomes]);

/**
 * API Gateway REST API caches encrypt what they hold. Encryption is a method setting beside
 * caching, so the finding is on the method settings that cache, not on the stage: a stage's
 * `cache_cluster_enabled` provisions the cache, and a method caches only where its settings turn
 * caching on (Security Hub APIGateway.5 reads the method settings the same way).
 */
export default defineRule({
  id: 'api-gateway-cache-encrypted',
  title: 'API Gateway REST API caches encrypt cached responses',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'A method that caches responses keeps them in the stage cache for their time to live (up to an hour). `cache_data_encrypted` defaults to false: the responses, with whatever they hold, are stored unencrypted.',
  remediation: `${FIX} For an awscc_apigateway_stage: ${AWSCC_FIX}`,
  references: [
    securityHub('APIGateway.5', 'API Gateway REST API cache data should be encrypted at rest'),
    awsDoc('Cache settings for REST APIs in API Gateway', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html'),
    awsDoc('Data encryption at rest in Amazon API Gateway', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/data-protection-encryption.html'),
  ],
  appliesTo: ['aws_api_gateway_method_settings', 'awscc_apigateway_stage', 'awscc_apigateway_deployment'],
  evaluate: managedOnly(evaluateCache),
});
