import * as path from 'node:path';
import { buildGraph } from '../../../checks/model/graph';
import { loadHcl } from '../../../checks/model/hcl';
import { loadPlanFile } from '../../../checks/model/plan';
import rule from '../../../checks/rules/encryption-at-rest/api-gateway-cache-encrypted';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { describeWithShared, REAL_PLANS_DIR } from '../../helpers/shared';

const M = 'aws_api_gateway_method_settings.all';
const base = { rest_api_id: 'abc123', stage_name: 'prod', method_path: '*/*' };
/** Method settings as the configuration writes them; the provider computes every setting left out. */
const methodSettings = (settings: Record<string, unknown>, options: { unknown?: Record<string, unknown>; expressions?: Record<string, unknown> } = {}) => {
  const computed = Object.fromEntries(['caching_enabled', 'cache_data_encrypted'].filter((key) => !(key in settings)).map((key) => [key, true]));
  return res(M, { ...base, settings: [settings] }, {
    unknown: { id: true, settings: [{ ...computed, ...options.unknown }] },
    ...(options.expressions ? { expressions: { rest_api_id: { constant_value: 'abc123' }, stage_name: { constant_value: 'prod' }, method_path: { constant_value: '*/*' }, settings: [options.expressions] } } : {}),
  });
};

const S = 'awscc_apigateway_stage.prod';
const stage = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}) =>
  res(S, { rest_api_id: 'abc123', stage_name: 'prod', cache_cluster_enabled: true, cache_cluster_size: '0.5', ...after }, { unknown: { id: true, ...unknown } });
const D = 'awscc_apigateway_deployment.d';

/** An aws REST API, its stages and their method settings as a plan shows them on create: the API's id known only after apply. */
const API = 'aws_api_gateway_rest_api.api';
const api = res(API, { name: 'api' }, { unknown: { id: true, root_resource_id: true } });
const apiRef = (address = API) => ({ references: [`${address}.id`, address] });
const AS = 'aws_api_gateway_stage.prod';
const awsStage = (address = AS, name = 'prod', cache = true) =>
  res(address, { stage_name: name, deployment_id: 'd1', cache_cluster_enabled: cache, ...(cache ? { cache_cluster_size: '0.5' } : {}) }, {
    unknown: { id: true, rest_api_id: true },
    expressions: { rest_api_id: apiRef(), stage_name: { constant_value: name }, deployment_id: { constant_value: 'd1' }, cache_cluster_enabled: { constant_value: cache } },
  });
const MS = 'aws_api_gateway_method_settings.prod';
const stageSettings = (address: string, settings: Record<string, unknown>, options: { stage?: string; path?: string; api?: string } = {}) => {
  const stageName = options.stage ?? 'prod';
  const computed = Object.fromEntries(['caching_enabled', 'cache_data_encrypted'].filter((key) => !(key in settings)).map((key) => [key, true]));
  return res(address, { stage_name: stageName, method_path: options.path ?? '*/*', settings: [settings] }, {
    unknown: { id: true, rest_api_id: true, settings: [computed] },
    expressions: {
      rest_api_id: apiRef(options.api),
      stage_name: { references: [`aws_api_gateway_stage.${stageName}.stage_name`, `aws_api_gateway_stage.${stageName}`] },
      method_path: { constant_value: options.path ?? '*/*' },
      settings: [Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, { constant_value: v }]))],
    },
  });
};

ruleTable(rule, [
  {
    name: 'api-gateway-cache-encrypted: caching with cache_data_encrypted = true passes',
    plan: plan([methodSettings({ caching_enabled: true, cache_data_encrypted: true, cache_ttl_in_seconds: 300 })]),
    expect: { [M]: 'pass' },
  },
  {
    name: 'caching with cache_data_encrypted = false fails',
    plan: plan([methodSettings({ caching_enabled: true, cache_data_encrypted: false })]),
    expect: { [M]: 'fail' },
    message: /`cache_data_encrypted` of `settings`, which caches responses \(`caching_enabled = true`\), is false\. Set `cache_data_encrypted = true`/,
  },
  {
    name: 'caching with cache_data_encrypted unset (computed in the plan) fails: the default is false',
    plan: plan([methodSettings({ caching_enabled: true, cache_ttl_in_seconds: 300 })]),
    expect: { [M]: 'fail' },
    message: /is not set, so the default applies: false, cached responses are stored unencrypted/,
  },
  {
    name: 'method settings that do not cache pass, whatever cache_data_encrypted says',
    plan: plan([
      methodSettings({ caching_enabled: false, cache_data_encrypted: false }),
      res('aws_api_gateway_method_settings.metrics', { ...base, settings: [{ metrics_enabled: true }] }, { unknown: { settings: [{ caching_enabled: true, cache_data_encrypted: true }] } }),
    ]),
    expect: { [M]: 'pass', 'aws_api_gateway_method_settings.metrics': 'pass' },
  },
  {
    name: 'cache_data_encrypted known only after apply is unknown when caching is on',
    plan: plan([
      methodSettings({ caching_enabled: true }, { unknown: { cache_data_encrypted: true }, expressions: { caching_enabled: { constant_value: true }, cache_data_encrypted: { references: ['var.encrypt'] } } }),
    ]),
    expect: { [M]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'caching_enabled known only after apply is unknown when encryption is off, and passes when it is on',
    plan: plan([
      methodSettings({ cache_data_encrypted: false }, { unknown: { caching_enabled: true }, expressions: { caching_enabled: { references: ['var.cache'] }, cache_data_encrypted: { constant_value: false } } }),
      res('aws_api_gateway_method_settings.sealed', { ...base, settings: [{ cache_data_encrypted: true }] }, {
        unknown: { settings: [{ caching_enabled: true }] },
        expressions: { settings: [{ caching_enabled: { references: ['var.cache'] }, cache_data_encrypted: { constant_value: true } }] },
      }),
    ]),
    expect: { [M]: 'unknown', 'aws_api_gateway_method_settings.sealed': 'pass' },
    message: /`caching_enabled` of `settings` is known only after apply, and `cache_data_encrypted` of `settings` is false: if caching is on, cached responses are stored unencrypted/,
  },
  {
    name: 'a data source and other types are not applicable',
    plan: plan([res('data.aws_api_gateway_rest_api.x', { name: 'x' }, { actions: ['read'] }), res('aws_api_gateway_rest_api.api', { name: 'api' }, { unknown: { id: true } })]),
    expect: { 'data.aws_api_gateway_rest_api.x': 'not-applicable', 'aws_api_gateway_rest_api.api': 'not-applicable' },
  },
  {
    // API Gateway caches a stage's GET methods by default once its cache cluster is on, unencrypted.
    name: 'an aws stage with a cache cluster and no method settings for every method fails on cache_cluster_enabled',
    plan: plan([api, awsStage()]),
    expect: { [AS]: 'fail' },
    message: /cache cluster is on \(`cache_cluster_enabled = true`\): API Gateway caches its GET methods by default, and no setting for every method .* stored unencrypted/,
  },
  {
    name: 'an aws stage whose */* method settings (linked by rest_api_id and stage_name) encrypt the cache, or turn caching off, passes',
    plan: plan([api, awsStage(), awsStage('aws_api_gateway_stage.dev', 'dev'), stageSettings(MS, { cache_data_encrypted: true }), stageSettings('aws_api_gateway_method_settings.dev', { caching_enabled: false }, { stage: 'dev' })]),
    expect: { [AS]: 'pass', 'aws_api_gateway_stage.dev': 'pass', [MS]: 'pass', 'aws_api_gateway_method_settings.dev': 'pass' },
  },
  {
    name: 'an aws stage whose */* method settings turn caching on is judged there: the method settings fail, the stage passes',
    plan: plan([api, awsStage(), stageSettings(MS, { caching_enabled: true })]),
    expect: { [AS]: 'pass', [MS]: 'fail' },
  },
  {
    name: 'an aws stage fails when its only method settings cover one method, another stage, or leave caching and encryption to the defaults',
    plan: plan([
      api,
      awsStage(),
      stageSettings(MS, { metrics_enabled: true }),
      stageSettings('aws_api_gateway_method_settings.one', { cache_data_encrypted: true }, { path: 'items/GET' }),
      stageSettings('aws_api_gateway_method_settings.other', { cache_data_encrypted: true }, { stage: 'dev' }),
      res('aws_api_gateway_rest_api.other', { name: 'other' }, { unknown: { id: true } }),
      stageSettings('aws_api_gateway_method_settings.other_api', { cache_data_encrypted: true }, { api: 'aws_api_gateway_rest_api.other' }),
    ]),
    expect: {
      [AS]: 'fail',
      [MS]: 'pass',
      'aws_api_gateway_method_settings.one': 'pass',
      'aws_api_gateway_method_settings.other': 'pass',
      'aws_api_gateway_method_settings.other_api': 'pass',
      'aws_api_gateway_rest_api.other': 'not-applicable',
    },
  },
  {
    name: 'an aws stage is unknown when method settings that encrypt may configure it (rest_api_id not followable), or its cache cluster is known only after apply',
    plan: plan([
      api,
      awsStage(),
      res('aws_api_gateway_method_settings.maybe', { stage_name: 'prod', method_path: '*/*', settings: [{ cache_data_encrypted: true }] }, {
        unknown: { rest_api_id: true, settings: [{ caching_enabled: true }] },
        expressions: { rest_api_id: { references: ['module.apis.id', 'module.apis'] }, stage_name: { constant_value: 'prod' }, method_path: { constant_value: '*/*' }, settings: [{ cache_data_encrypted: { constant_value: true } }] },
      }),
      res('aws_api_gateway_stage.later', { stage_name: 'later', deployment_id: 'd1' }, {
        unknown: { rest_api_id: true, cache_cluster_enabled: true },
        expressions: { rest_api_id: { references: ['aws_api_gateway_rest_api.api.id', 'aws_api_gateway_rest_api.api'] }, stage_name: { constant_value: 'later' }, cache_cluster_enabled: { references: ['var.cache'] } },
      }),
    ]),
    expect: { [AS]: 'unknown', 'aws_api_gateway_stage.later': 'unknown', 'aws_api_gateway_method_settings.maybe': 'pass' },
    message: /(aws_api_gateway_method_settings\.maybe may apply to it, and .*rest_api_id.* is known only after apply|`cache_cluster_enabled` is known only after apply)/,
  },
  {
    name: 'an aws stage without a cache cluster passes, whatever its method settings',
    plan: plan([api, awsStage(AS, 'prod', false), res('aws_api_gateway_stage.unset', { stage_name: 'unset', deployment_id: 'd1' }, { unknown: { rest_api_id: true, cache_cluster_enabled: true } })]),
    expect: { [AS]: 'pass', 'aws_api_gateway_stage.unset': 'pass' },
  },
  {
    name: 'an awscc stage: each method_settings entry that caches must encrypt',
    plan: plan([
      stage({
        method_settings: [
          { resource_path: '/*', http_method: '*', caching_enabled: true, cache_data_encrypted: true },
          { resource_path: '/~1orders', http_method: 'GET', caching_enabled: true, cache_data_encrypted: false },
        ],
      }),
    ]),
    expect: { [S]: 'fail' },
    message: /`cache_data_encrypted` of `method_settings` entry \/~1orders GET, which caches responses .* is false/,
  },
  {
    name: 'an awscc stage whose caching entries all encrypt passes; one without method_settings (computed) passes',
    plan: plan([
      stage({ method_settings: [{ resource_path: '/*', http_method: '*', caching_enabled: true, cache_data_encrypted: true }, { resource_path: '/*', http_method: 'POST', caching_enabled: false }] }),
      res('awscc_apigateway_stage.plain', { rest_api_id: 'abc123', stage_name: 'plain' }, { unknown: { id: true, method_settings: true } }),
    ]),
    expect: { [S]: 'pass', 'awscc_apigateway_stage.plain': 'pass' },
  },
  {
    name: 'an awscc stage entry that caches without cache_data_encrypted (computed by Cloud Control) fails',
    plan: plan([stage({ method_settings: [{ resource_path: '/*', http_method: '*', caching_enabled: true }] }, { method_settings: [{ cache_data_encrypted: true }] })]),
    expect: { [S]: 'fail' },
    message: /not set, so the default applies: false/,
  },
  {
    name: 'an awscc stage with a cache cluster and no /* * entry that encrypts or sets caching fails on cache_cluster_enabled',
    plan: plan([
      stage({ method_settings: [{ resource_path: '/~1orders', http_method: 'GET', caching_enabled: true, cache_data_encrypted: true }] }),
      res('awscc_apigateway_stage.bare', { rest_api_id: 'abc123', stage_name: 'bare', cache_cluster_enabled: true }, { unknown: { id: true, method_settings: true } }),
      res('awscc_apigateway_stage.off', { rest_api_id: 'abc123', stage_name: 'off', cache_cluster_enabled: true, method_settings: [{ resource_path: '/*', http_method: '*', caching_enabled: false }] }),
    ]),
    expect: { [S]: 'fail', 'awscc_apigateway_stage.bare': 'fail', 'awscc_apigateway_stage.off': 'pass' },
    message: /cache cluster is on .*caches its GET methods by default.*`resource_path = "\/\*"`/,
  },
  {
    name: 'an awscc stage whose method_settings are known only after apply is unknown',
    plan: plan([
      res(S, { rest_api_id: 'abc123', stage_name: 'prod' }, { unknown: { method_settings: true }, expressions: { rest_api_id: { constant_value: 'abc123' }, method_settings: { references: ['var.methods'] } } }),
    ]),
    expect: { [S]: 'unknown' },
    message: /`method_settings` is known only after apply/,
  },
  {
    name: 'an awscc deployment: its stage_description caches unencrypted (fail), or encrypted (pass)',
    plan: plan([
      res(D, { rest_api_id: 'abc123', stage_name: 'prod', stage_description: { cache_cluster_enabled: true, caching_enabled: true } }, { unknown: { stage_description: { cache_data_encrypted: true } } }),
      res('awscc_apigateway_deployment.sealed', { rest_api_id: 'abc123', stage_name: 'prod', stage_description: { caching_enabled: true, cache_data_encrypted: true } }),
      res('awscc_apigateway_deployment.entry', {
        rest_api_id: 'abc123',
        stage_name: 'prod',
        stage_description: { method_settings: [{ resource_path: '/*', http_method: 'GET', caching_enabled: true, cache_data_encrypted: false }] },
      }),
    ]),
    expect: { [D]: 'fail', 'awscc_apigateway_deployment.sealed': 'pass', 'awscc_apigateway_deployment.entry': 'fail' },
    message: /`cache_data_encrypted` of (`stage_description`|`method_settings` entry \/\* GET)/,
  },
  {
    name: 'an awscc deployment whose stage_description turns the cache cluster on and leaves caching to the default fails',
    plan: plan([
      res(D, { rest_api_id: 'abc123', stage_name: 'prod', stage_description: { cache_cluster_enabled: true, cache_cluster_size: '0.5' } }),
      res('awscc_apigateway_deployment.sealed', { rest_api_id: 'abc123', stage_name: 'prod', stage_description: { cache_cluster_enabled: true, cache_data_encrypted: true } }),
    ]),
    expect: { [D]: 'fail', 'awscc_apigateway_deployment.sealed': 'pass' },
    message: /cache cluster is on .*caches its GET methods by default/,
  },
]);

describe('api-gateway-cache-encrypted in .tf and cdk.tf.json, as in a plan', () => {
  const tf = (settings: string) => `resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "abc123"
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    ${settings}
  }
}
`;
  it.each([
    ['caching_enabled = true\n    cache_data_encrypted = true', 'pass'],
    ['caching_enabled = true\n    cache_data_encrypted = false', 'fail'],
    ['caching_enabled = true\n    cache_ttl_in_seconds = 300', 'fail'],
    ['metrics_enabled = true', 'pass'],
    ['caching_enabled = true\n    cache_data_encrypted = var.encrypt', 'unknown'],
  ])('.tf settings { %s } is %s', async (settings, verdict) => {
    const graph = await tfGraph(`variable "encrypt" {\n  type = bool\n}\n${tf(settings)}`);
    expect(worstByAddress(evaluateRule(rule, graph))[M]).toEqual(verdict);
  });

  it('.tf: a stage with a cache cluster whose */* method settings turn caching on is judged there', async () => {
    const graph = await tfGraph(`resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = "abc123"
  deployment_id         = "d1"
  stage_name            = "prod"
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
}
${tf('caching_enabled = true\n    cache_ttl_in_seconds = 300')}`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [M]: 'fail', [AS]: 'pass' });
  });

  const linked = (settings: string) => `resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = "d1"
  stage_name            = "prod"
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
}
resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    ${settings}
  }
}
`;
  it.each([
    ['cache_data_encrypted = true', 'pass'],
    ['metrics_enabled = true', 'fail'],
  ])('.tf: a stage with a cache cluster whose method settings by reference set { %s } is %s', async (settings, verdict) => {
    const graph = await tfGraph(linked(settings));
    expect(worstByAddress(evaluateRule(rule, graph))[AS]).toEqual(verdict);
  });

  it('.tf: an awscc stage entry that caches without encryption fails', async () => {
    const graph = await tfGraph(`resource "awscc_apigateway_stage" "prod" {
  rest_api_id           = "abc123"
  stage_name            = "prod"
  cache_cluster_enabled = true
  method_settings = [
    { resource_path = "/*", http_method = "*", caching_enabled = true, cache_data_encrypted = true },
    { resource_path = "/~1orders", http_method = "GET", caching_enabled = true },
  ]
}
`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [S]: 'fail' });
  });

  it('cdk.tf.json: caching unencrypted fails, encrypted passes', () => {
    const graph = cdktfGraph({
      aws_api_gateway_method_settings: {
        all: { ...base, settings: { caching_enabled: true } },
        sealed: { ...base, settings: { caching_enabled: true, cache_data_encrypted: true } },
      },
    });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [M]: 'fail', 'aws_api_gateway_method_settings.sealed': 'pass' });
  });

  it('a plan shaped as the sweep found it (settings written whole, caching on, encryption false) fails', () => {
    const graph = graphOf(
      plan([
        res(M, {
          ...base,
          settings: [{ caching_enabled: true, cache_data_encrypted: false, cache_ttl_in_seconds: 300, metrics_enabled: false, logging_level: 'OFF', data_trace_enabled: false, throttling_burst_limit: -1, throttling_rate_limit: -1 }],
        }),
      ]),
    );
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [M]: 'fail' });
  });
});

describe('api-gateway-cache-encrypted: stages and method settings repeated by for_each', () => {
  // Stages of a for_each over deployments; method settings only for key "a" (a for_each with an `if`),
  // both written `rest_api_id = each.value.rest_api_id`: stage s["b"] has no method settings.
  const SCENARIO = path.join(__dirname, '..', '..', 'fixtures', 'api-gateway-for-each');
  const [SA, SB, MA] = ['aws_api_gateway_stage.s["a"]', 'aws_api_gateway_stage.s["b"]', 'aws_api_gateway_method_settings.all["a"]'];

  it('.tf: each instance is linked to its own API, so s["b"] fails and s["a"] passes', async () => {
    const graph = buildGraph([await loadHcl(SCENARIO)]);
    expect(worstByAddress(evaluateRule(rule, graph))).toMatchObject({ [SA]: 'pass', [SB]: 'fail', [MA]: 'pass' });
  });

  it('terraform plan: references alike through each.value do not link the instances, so s["b"] (and s["a"], whose link is not followed) is unknown, never a pass', async () => {
    const graph = buildGraph([await loadPlanFile(path.join(SCENARIO, 'plan.json'), 'plan.json')]);
    const verdicts = evaluateRule(rule, graph);
    expect(worstByAddress(verdicts)).toMatchObject({ [SA]: 'unknown', [SB]: 'unknown', [MA]: 'pass' });
    expect(verdicts.find((f) => f.address === SB)?.message).toMatch(/aws_api_gateway_method_settings\.all\["a"\] may apply to it/);
  });

  it('a plan whose stage and method settings both read each.value, values known only after apply, leaves the stage unknown', () => {
    const perInstance = (address: string, type: 'stage' | 'settings') =>
      type === 'stage'
        ? res(address, { stage_name: 'prod', deployment_id: 'd1', cache_cluster_enabled: true, cache_cluster_size: '0.5' }, {
            repetition: 'for_each',
            unknown: { id: true, rest_api_id: true },
            expressions: { rest_api_id: { references: ['each.value'] }, stage_name: { constant_value: 'prod' }, cache_cluster_enabled: { constant_value: true } },
          })
        : res(address, { stage_name: 'prod', method_path: '*/*', settings: [{ caching_enabled: true, cache_data_encrypted: true }] }, {
            repetition: 'for_each',
            unknown: { id: true, rest_api_id: true },
            expressions: { rest_api_id: { references: ['each.value'] }, stage_name: { constant_value: 'prod' }, method_path: { constant_value: '*/*' }, settings: [{ caching_enabled: { constant_value: true }, cache_data_encrypted: { constant_value: true } }] },
          });
    const graph = graphOf(plan([perInstance(SA, 'stage'), perInstance(SB, 'stage'), perInstance(MA, 'settings')]));
    expect(worstByAddress(evaluateRule(rule, graph))).toMatchObject({ [SA]: 'unknown', [SB]: 'unknown', [MA]: 'pass' });
  });
});

describeWithShared('api-gateway-cache-encrypted on a real plan', () => {
  it('terraform-compliance apigw-modules-sensitive: method settings that leave caching to the provider pass', async () => {
    const file = 'terraform-compliance__cli/tc.apigw-modules-sensitive.plan.json';
    const graph = buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]);
    // Its stage has no cache cluster: nothing is cached by default.
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'module.apigw_test_1.aws_api_gateway_method_settings.main': 'pass', 'module.apigw_test_1.aws_api_gateway_stage.main': 'pass' });
  });
});
