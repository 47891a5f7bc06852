import { runRules } from '../checks/engine';
import { buildGraph } from '../checks/model/graph';
import type { LoadedInput, ResourceData } from '../checks/model/types';
import { ALL_RULES } from '../checks/rules';
import { defineInputRule, defineRule, fail, pass, unknown, type InputRule, type Outcome, type ResourceRule, type RuleDefinition } from '../checks/rules/types';
import { DEFAULT_SETTINGS } from '../checks/settings';
import { graphOf, plan, res } from './helpers/plan-builder';

/** A rule for engine tests: metadata is irrelevant here. */
const testRule = (id: string, appliesTo: ResourceRule['appliesTo'], evaluate: ResourceRule['evaluate'], extra: Partial<ResourceRule> = {}): ResourceRule =>
  defineRule({ id, title: id, category: 'access', severity: 'high', rationale: '', remediation: '', references: [], appliesTo, evaluate, ...extra });

const inputRule = (id: string, evaluate: InputRule['evaluate']): InputRule =>
  defineInputRule({ id, title: id, category: 'sensitive-data', severity: 'high', rationale: '', remediation: '', references: [], appliesTo: 'input', evaluate });

const failAll = (id: string, appliesTo: ResourceRule['appliesTo'] = '*') => testRule(id, appliesTo, (r) => fail(`${id} on ${r.type}`));

const sample = () =>
  graphOf(
    plan([
      res('aws_s3_bucket.b', { bucket: 'b' }),
      res('aws_s3_bucket.a', { bucket: 'a' }),
      res('aws_s3_bucket_policy.a', { bucket: 'a', policy: '{}' }),
      res('aws_sqs_queue.q', { name: 'q' }),
      res('google_storage_bucket.g', { name: 'g' }, { provider: 'google' }),
      res('google_storage_bucket.h', { name: 'h' }, { provider: 'google' }),
      res('data.aws_iam_policy_document.d', { json: '{}' }),
    ]),
  );

describe('runRules', () => {
  it('runs a rule only on the managed resources of the types it applies to', () => {
    const seen: string[] = [];
    const rule = testRule('spy', ['aws_s3_bucket', 'aws_iam_policy_document'], (r) => (seen.push(r.address), pass()));
    runRules(sample(), DEFAULT_SETTINGS, [rule]);
    expect(seen.sort()).toEqual(['aws_s3_bucket.a', 'aws_s3_bucket.b']);
  });

  it('reports a rule that throws as unknown on that resource, and keeps going', () => {
    const boom = testRule('boom', ['aws_s3_bucket'], (r) => {
      if (r.address === 'aws_s3_bucket.a') throw new TypeError('cannot read properties of undefined\n  at evaluate');
      return fail('b is bad');
    });
    const { findings } = runRules(sample(), DEFAULT_SETTINGS, [boom]);
    expect(findings.map((f) => [f.address, f.status, f.message])).toEqual([
      ['aws_s3_bucket.a', 'unknown', 'rule boom failed on aws_s3_bucket.a: cannot read properties of undefined at evaluate'],
      ['aws_s3_bucket.b', 'fail', 'b is bad'],
    ]);
  });

  it('masks what a thrown error quotes of the data', () => {
    const boom = testRule('boom', ['aws_sqs_queue'], () => {
      throw new SyntaxError('Unexpected token in "owner: jane.roe@example.com"');
    });
    const [finding] = runRules(sample(), DEFAULT_SETTINGS, [boom]).findings;
    expect(finding.message).toMatch(/^rule boom failed on aws_sqs_queue\.q: /);
    expect(finding.message).not.toContain('jane.roe');
    expect(finding.redact).toContain('jane.roe@example.com');
  });

  it('collects fail and unknown outcomes with their path, input and redact; pass and not-applicable are not findings', () => {
    const rule = testRule('mixed', ['aws_s3_bucket'], (r): Outcome[] =>
      r.address === 'aws_s3_bucket.a' ? [fail('one', { path: 'x' }), unknown('two', { path: 'y', redact: ['s3cr3t-value'] }), pass()] : [{ status: 'not-applicable' }],
    );
    const { findings } = runRules(sample(), DEFAULT_SETTINGS, [rule]);
    expect(findings).toEqual([
      { ruleId: 'mixed', status: 'fail', address: 'aws_s3_bucket.a', input: 'plan.json', path: 'x', message: 'one', redact: [] },
      { ruleId: 'mixed', status: 'unknown', address: 'aws_s3_bucket.a', input: 'plan.json', path: 'y', message: 'two', redact: ['s3cr3t-value'] },
    ]);
  });

  it('is deterministic: the same findings in the same order whatever the order of rules and resources', () => {
    const rules = [failAll('zeta'), failAll('alpha', ['aws_s3_bucket']), failAll('mid', ['aws_sqs_queue', 'aws_s3_bucket'])];
    const first = runRules(sample(), DEFAULT_SETTINGS, rules);
    const second = runRules(sample(), DEFAULT_SETTINGS, [...rules].reverse());
    expect(second).toEqual(first);
    const keys = first.findings.map((f) => `${f.input}|${f.address}|${f.ruleId}`);
    expect(keys).toEqual([...keys].sort());
    expect(first.findings.map((f) => `${f.address} ${f.ruleId}`).slice(0, 3)).toEqual(['aws_s3_bucket.a alpha', 'aws_s3_bucket.a mid', 'aws_s3_bucket.a zeta']);
  });

  it('reports a finding about a shared object (a provider block) once, however many resources lead to it', () => {
    const rule = testRule('provider-level', '*', (r) => fail('provider.aws is bad', { address: 'provider.aws', path: 'access_key', redact: [`seen-through-${r.name}`] }));
    const { findings } = runRules(sample(), DEFAULT_SETTINGS, [rule]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ address: 'provider.aws', path: 'access_key' });
    expect(findings[0].redact).toEqual(expect.arrayContaining(['seen-through-a', 'seen-through-b', 'seen-through-q']));
  });

  it('skips optIn rules unless enabled, and lets `enabled` turn any rule off', () => {
    const optional = failAll('optional', ['aws_sqs_queue']);
    const opt = { ...optional, optIn: true };
    const always = failAll('always', ['aws_sqs_queue']);
    const ids = (enabled?: (r: RuleDefinition) => boolean) => runRules(sample(), DEFAULT_SETTINGS, [opt, always], { enabled }).findings.map((f) => f.ruleId);
    expect(ids()).toEqual(['always']);
    expect(ids(() => true)).toEqual(['always', 'optional']);
    expect(ids((r) => r.id === 'optional')).toEqual(['optional']);
  });

  it('masks a rule’s message with its own redact list, and redacts values Terraform marks sensitive', () => {
    const careless = testRule('careless', ['aws_db_instance'], () => fail('password is hunter2-long and key AKIAIOSFODNN7EXAMPLE', { redact: ['AKIAIOSFODNN7EXAMPLE'] }));
    const graph = graphOf(plan([res('aws_db_instance.db', { identifier: 'db', password: 'hunter2-long' }, { sensitive: { password: true } })]));
    const [finding] = runRules(graph, DEFAULT_SETTINGS, [careless]).findings;
    expect(finding.message).toBe('password is hun*** and key AKIA***');
    expect(finding.redact).toEqual(expect.arrayContaining(['AKIAIOSFODNN7EXAMPLE', 'hunter2-long']));
  });

  it('runs an input rule once on each input, resources or not, and reports on the address it names or on the input', () => {
    const empty: LoadedInput = { input: 'root/', kind: 'hcl', resources: [], providers: [], moduleCalls: [], outputs: [], meta: {} };
    const seen: string[] = [];
    const rule = inputRule('per-input', (input) => (seen.push(input.input), input.resources.length === 0 ? [fail('named', { address: 'var.token' }), fail('unnamed')] : pass()));
    const graph = buildGraph([empty, { ...empty, input: 'other/', resources: sample().inputs[0].resources }]);
    const { findings, coverage } = runRules(graph, DEFAULT_SETTINGS, [rule]);
    expect(seen).toEqual(['root/', 'other/']);
    expect(findings.map((f) => [f.input, f.address, f.message])).toEqual([
      ['root/', 'root/', 'unnamed'],
      ['root/', 'var.token', 'named'],
    ]);
    // An input rule understands no resource type.
    expect(coverage.evaluatedResources).toBe(0);
  });

  it("runs a resource rule's evaluateInput once on each input, resources or not, beside its resources; a throw there is unknown on the input", () => {
    const empty: LoadedInput = { input: 'root/', kind: 'hcl', resources: [], providers: [], moduleCalls: [], outputs: [], meta: {} };
    const seen: string[] = [];
    const rule = failAll('both', ['aws_sqs_queue']);
    const withInput = { ...rule, evaluateInput: (input: LoadedInput) => (seen.push(input.input), fail('the state', { address: 'terraform.backend.s3', path: 'use_fips_endpoint' })) };
    const graph = buildGraph([empty, { ...empty, input: 'other/', resources: sample().inputs[0].resources }]);
    const { findings } = runRules(graph, DEFAULT_SETTINGS, [withInput]);
    expect(seen).toEqual(['root/', 'other/']);
    expect(findings.map((f) => [f.input, f.address, f.path ?? '', f.message])).toEqual([
      ['other/', 'aws_sqs_queue.q', '', 'both on aws_sqs_queue'],
      ['other/', 'terraform.backend.s3', 'use_fips_endpoint', 'the state'],
      ['root/', 'terraform.backend.s3', 'use_fips_endpoint', 'the state'],
    ]);
    const boom = {
      ...rule,
      evaluateInput: () => {
        throw new Error('no backend');
      },
    };
    expect(runRules(buildGraph([empty]), DEFAULT_SETTINGS, [boom]).findings).toEqual([expect.objectContaining({ status: 'unknown', address: 'root/', message: 'rule both failed on root/: no backend' })]);
  });

  it('reports an input rule that throws as unknown on the input', () => {
    const boom = inputRule('boom', () => {
      throw new Error('AKIAIOSFODNN7EXAMPLE is not a provider');
    });
    const [finding] = runRules(sample(), DEFAULT_SETTINGS, [boom]).findings;
    expect(finding).toMatchObject({ status: 'unknown', address: sample().inputs[0].input });
    expect(finding.message).toMatch(/^rule boom failed on /);
    expect(finding.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('attaches the construct path of the reported resource', () => {
    const data = (address: string, constructPath: string): ResourceData => ({
      address,
      mode: 'managed',
      type: address.split('.')[0],
      name: address.split('.')[1],
      module: '',
      providerConfigKey: 'aws',
      providerName: 'registry.terraform.io/hashicorp/aws',
      actions: ['create'],
      after: {},
      afterUnknown: {},
      afterSensitive: {},
      constructPath,
    });
    const input: LoadedInput = {
      input: 'cdktf.out/stacks/dev/cdk.tf.json',
      kind: 'cdktf',
      stack: 'dev',
      resources: [data('aws_s3_bucket.b', 'dev/data/bucket'), data('aws_s3_bucket_policy.p', 'dev/data/policy')],
      providers: [],
      moduleCalls: [],
      outputs: [],
      meta: {},
    };
    const rule = testRule('on-bucket', ['aws_s3_bucket_policy'], () => fail('the bucket is bad', { address: 'aws_s3_bucket.b' }));
    const [finding] = runRules(buildGraph([input]), DEFAULT_SETTINGS, [rule]).findings;
    expect(finding).toMatchObject({ address: 'aws_s3_bucket.b', constructPath: 'dev/data/bucket', input: 'cdktf.out/stacks/dev/cdk.tf.json' });
  });
});

describe('coverage', () => {
  it('lists the managed types no type-specific rule checked, with counts; data sources count nowhere', () => {
    const { coverage } = runRules(sample(), DEFAULT_SETTINGS, [failAll('buckets', ['aws_s3_bucket']), failAll('everything', '*')]);
    expect(coverage).toEqual({
      evaluatedResources: 2,
      totalResources: 6,
      uncheckedTypes: [
        { type: 'aws_s3_bucket_policy', count: 1 },
        { type: 'aws_sqs_queue', count: 1 },
        { type: 'google_storage_bucket', count: 2 },
      ],
      notLoadedModules: [],
    });
  });

  it('counts a type a rule consulted through the graph (a bucket’s policy) as checked', () => {
    const viaBucket = testRule('bucket-policy', ['aws_s3_bucket'], (r, { graph }) => (graph.attached(r, 'aws_s3_bucket_policy'), pass()));
    const { coverage } = runRules(sample(), DEFAULT_SETTINGS, [viaBucket]);
    expect(coverage.uncheckedTypes.map((t) => t.type)).toEqual(['aws_sqs_queue', 'google_storage_bucket']);
    expect(coverage.evaluatedResources + coverage.uncheckedTypes.reduce((n, t) => n + t.count, 0)).toBe(coverage.totalResources);
  });

  it('does not count a type as checked when the rule that knows it is not enabled', () => {
    const { coverage } = runRules(sample(), DEFAULT_SETTINGS, [{ ...failAll('queues', ['aws_sqs_queue']), optIn: true }]);
    expect(coverage.uncheckedTypes.map((t) => t.type)).toContain('aws_sqs_queue');
  });

  it('with every rule: the bucket and its satellites are checked, a foreign provider is not', () => {
    const { coverage } = runRules(sample(), DEFAULT_SETTINGS, ALL_RULES);
    const unchecked = coverage.uncheckedTypes.map((t) => t.type);
    expect(unchecked).toContain('google_storage_bucket');
    expect(unchecked).not.toContain('aws_s3_bucket');
  });
});

describe('no detected secret or sensitive value reaches a message', () => {
  const EMAIL = 'jane.roe@example.com';
  const URL_PASSWORD = 'Sup3r-S3cret-pw';
  const URL = `https://svc:${URL_PASSWORD}@api.example.com/v1?access_token=tok-0123456789`;
  const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
  const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const SENSITIVE = 'db-password-do-not-print';
  const RAW = [EMAIL, URL, URL_PASSWORD, 'tok-0123456789', ACCESS_KEY, SECRET_KEY, SENSITIVE];

  const graph = graphOf(
    plan(
      [
        res('aws_s3_bucket.data', { bucket: 'data', tags: { Owner: EMAIL, [EMAIL]: 'x' }, tags_all: { Owner: EMAIL, [EMAIL]: 'x', Environment: 'dev', DataClassification: 'internal' } }),
        res('aws_lambda_function.f', {
          function_name: 'f',
          description: `Ask ${EMAIL} for ${URL}`,
          environment: [{ variables: { AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY, API: URL } }],
          tags_all: { Owner: EMAIL },
        }),
        res('aws_db_instance.db', { identifier: 'db', password: SENSITIVE, tags_all: { Owner: SENSITIVE } }, { sensitive: { password: true, tags_all: { Owner: true } } }),
      ],
      { providers: { aws: { name: 'aws', expressions: { access_key: { constant_value: ACCESS_KEY }, secret_key: { constant_value: SECRET_KEY }, default_tags: [{ tags: { constant_value: { Owner: EMAIL } } }] } } } },
    ),
  );
  const { findings } = runRules(graph, { ...DEFAULT_SETTINGS, allowedTagValues: { Owner: ['platform-team'] } });

  it('finds them', () => {
    const rules = new Set(findings.map((f) => f.ruleId));
    for (const id of ['no-sensitive-data-in-tags', 'no-sensitive-data-in-free-form-fields', 'no-credentials-in-attributes', 'no-static-provider-credentials', 'allowed-tag-values']) expect(rules).toContain(id);
  });

  it('prints none of them in a message or a path', () => {
    const printed = findings.map((f) => `${f.address} ${f.path ?? ''} ${f.message}`).join('\n');
    for (const raw of RAW) expect(printed).not.toContain(raw);
    expect(printed).not.toContain('jane.roe');
  });

  it('lists every one of them in some finding’s redact', () => {
    const redact = new Set(findings.flatMap((f) => f.redact));
    for (const raw of RAW) expect(redact).toContain(raw);
  });
});
