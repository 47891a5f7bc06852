/**
 * The same infrastructure written three ways — a plan (`terraform show -json`, Terraform 1.9,
 * format 1.2), a cdk.tf.json and a directory of .tf files — gives the same resources, links,
 * effective tags and verdicts (issue 3; peer pitfall 6). Each scenario's plan.json is written by
 * hand in the exact shape Terraform writes for its main.tf, after the real plans in
 * ../shared/fixtures/real-plans.
 *
 * Scenarios (__tests__/fixtures/<name>/):
 *   split-sse        a bucket encrypted by a separate SSE configuration with a KMS key; default_tags
 *   module-storage   a local module with a bucket, its SSE and public-access block; the KMS key is a
 *                    module input from the root; a root bucket policy uses the module's output id.
 *                    No cdk.tf.json: cdktf output calls a local module (TerraformHclModule) but the
 *                    cdktf loader does not read local module sources (it lists the call as not
 *                    loaded), so the plan and the .tf forms cover it.
 *   count-for-each   count and for_each instances linked `[count.index]` / `[each.key]`, on an
 *                    aliased provider (`provider = aws.eu`) whose default_tags carry the tags
 *   sse-wrong-bucket non-compliant: the SSE named after a bucket points at another bucket, and the
 *                    default_tags lack a required tag
 *   module-for-each  a local module called with for_each and `providers = { aws = aws.eu }`; a root
 *                    policy per key refers to `module.store[each.key].bucket_id` (no cdk.tf.json,
 *                    as for module-storage)
 *   policy-jsonencode a TLS-only bucket policy written with jsonencode() of constants in main.tf and
 *                    as a literal JSON string in cdk.tf.json: the .tf loader evaluates jsonencode of
 *                    a constant, so all three forms agree (it was the one that differed)
 *   locals           policy-jsonencode's infrastructure written with `locals` (name, tags, the policy
 *                    statement), merge() into default_tags and jsonencode() of a local: the plan's
 *                    configuration lists references to locals (a plan does not record them), the
 *                    configuration loaders evaluate them to the plan's very values
 *   policy-document  the usual TLS-only policy: an aws_iam_policy_document data source (read at apply
 *                    in the plan: its resources are the bucket's ARN) attached by a bucket policy
 *   secret-literal   a URL with a password written as a literal into a sensitive attribute: all
 *                    three forms fail it (the plan's literal is read from its configuration block)
 *   for-each-chain   SSE configurations with `for_each = aws_s3_bucket.data`, `bucket = each.value.id`,
 *                    and one that iterates over the wrong buckets (its own tests: for-each-chain.test.ts)
 *   dynamic-blocks   split-sse's encryption and a two-statement TLS policy, every repeated block a
 *                    `dynamic` block (nested, renamed iterators; cdktf's `each` iterator); the plan's
 *                    configuration has no expressions for them, as Terraform writes it
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { runRules } from '../../checks/engine';
import { buildGraph } from '../../checks/model/graph';
import { withCode } from '../../checks/model/code-sources';
import { loadHcl } from '../../checks/model/hcl';
import { loadInputs } from '../../checks/model/load';
import type { Graph, InputKind, Resource } from '../../checks/model/types';
import { DEFAULT_SETTINGS } from '../../checks/settings';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const PAB = 'aws_s3_bucket_public_access_block';
const POLICY = 'aws_s3_bucket_policy';
const KMS_KEY_PATH = ['rule', 0, 'apply_server_side_encryption_by_default', 0, 'kms_master_key_id'];

type Form = 'plan' | 'cdktf' | 'hcl';

/** The input path and loader kind of one form of a scenario (kind given where detection would pick another). */
const FORM_INPUT: Record<Form, (dir: string) => [string, InputKind | undefined]> = {
  plan: (dir) => [path.join(dir, 'plan.json'), undefined],
  cdktf: (dir) => [path.join(dir, 'cdk.tf.json'), undefined],
  // The directory also holds cdk.tf.json, which detection would prefer: ask for the .tf files.
  hcl: (dir) => [dir, 'hcl'],
};

/**
 * Load one form of a scenario through the public loader entry and build its graph. The plan is read
 * with its .tf code, as the gate and `check --code` read it: a plan alone holds only the references
 * of a value known after apply (pitfall-6-tf-and-plan-agree.test.ts shows both).
 */
async function graphOf(scenario: string, form: Form): Promise<Graph> {
  const dir = path.join(FIXTURES, scenario);
  const [input, kind] = FORM_INPUT[form](dir);
  const loaded = await loadInputs([input], kind);
  if (form !== 'plan') return buildGraph(loaded);
  return buildGraph(await Promise.all(loaded.map(async (plan) => withCode(plan, await loadHcl(dir, { planned: plan.variables ?? {} })))));
}

const addresses = (resources: readonly Resource[]): string[] => resources.map((r) => r.address).sort();

/** Everything a rule could conclude from the graph, with the input it came from left out. */
function facts(graph: Graph) {
  const managed = graph.resources.filter((r) => r.mode === 'managed');
  const links = Object.fromEntries(
    graph.ofType('aws_s3_bucket').map((bucket) => [
      bucket.address,
      Object.fromEntries(
        [SSE, PAB, POLICY].map((type) => {
          const { linked, undetermined } = graph.attached(bucket, type);
          return [type, { linked: addresses(linked), undetermined: addresses(undetermined) }];
        }),
      ),
    ]),
  );
  const keys = Object.fromEntries(
    graph.ofType(SSE).map((sse) => {
      const key = graph.resolve(sse, KMS_KEY_PATH, ['aws_kms_key']);
      return [sse.address, key.status === 'resources' ? addresses(key.targets) : key.status];
    }),
  );
  const { findings, coverage } = runRules(graph, DEFAULT_SETTINGS);
  const verdicts = findings.map((f) => [f.ruleId, f.address, f.status, f.path ?? '']);
  return {
    resources: graph.resources.map((r) => [r.address, r.type, r.mode]).sort(),
    links,
    keys,
    tags: Object.fromEntries(managed.map((r) => [r.address, graph.effectiveTags(r)])),
    // The state backend is written in the configuration only: a plan does not record it.
    verdicts: verdicts.filter(([rule]) => rule !== STATE_RULE),
    backend: verdicts.filter(([rule]) => rule === STATE_RULE),
    coverage,
  };
}

const STATE_RULE = 'terraform-state-encrypted';

type Facts = ReturnType<typeof facts>;

/** `forms`: the forms written; `same`: those that must give exactly what the plan gives (default: all). */
const SCENARIOS: { name: string; forms: Form[]; same?: Form[] }[] = [
  { name: 'split-sse', forms: ['plan', 'cdktf', 'hcl'] },
  { name: 'module-storage', forms: ['plan', 'hcl'] },
  { name: 'count-for-each', forms: ['plan', 'cdktf', 'hcl'] },
  { name: 'sse-wrong-bucket', forms: ['plan', 'cdktf', 'hcl'] },
  { name: 'module-for-each', forms: ['plan', 'hcl'] },
  { name: 'policy-jsonencode', forms: ['plan', 'cdktf', 'hcl'] },
  { name: 'locals', forms: ['plan', 'cdktf', 'hcl'] },
  { name: 'policy-document', forms: ['plan', 'cdktf', 'hcl'] },
  { name: 'secret-literal', forms: ['plan', 'cdktf', 'hcl'], same: [] },
  { name: 'for-each-chain', forms: ['plan', 'cdktf', 'hcl'] },
  { name: 'dynamic-blocks', forms: ['plan', 'cdktf', 'hcl'] },
];

const graphs = new Map<string, Graph>();
const factsOf = new Map<string, Facts>();
const key = (scenario: string, form: Form) => `${scenario}/${form}`;

beforeAll(async () => {
  for (const { name, forms } of SCENARIOS) {
    for (const form of forms) {
      const graph = await graphOf(name, form);
      graphs.set(key(name, form), graph);
      factsOf.set(key(name, form), facts(graph));
    }
  }
});

const get = (scenario: string, form: Form = 'plan'): Facts => factsOf.get(key(scenario, form)) as Facts;

describe.each(SCENARIOS.filter(({ forms, same = forms }) => same.some((f) => f !== 'plan')))('$name: the configuration forms give what the plan gives', ({ name, forms, same = forms }) => {
  it.each(same.filter((f) => f !== 'plan'))('%s', (form) => {
    const plan = get(name);
    const other = get(name, form);
    expect(other.resources).toEqual(plan.resources);
    expect(other.links).toEqual(plan.links);
    expect(other.keys).toEqual(plan.keys);
    expect(other.tags).toEqual(plan.tags);
    expect(other.verdicts).toEqual(plan.verdicts);
    expect(other.coverage).toEqual(plan.coverage);
  });
});

/** Leaves of a value tree: `[path, value]` for every scalar (and empty list or map). */
function leaves(value: unknown, at: (string | number)[] = []): [(string | number)[], unknown][] {
  if (value === null || typeof value !== 'object') return [[at, value]];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.length === 0 && at.length > 0 ? [[at, value]] : entries.flatMap(([k, v]) => leaves(v, [...at, k]));
}

describe.each(SCENARIOS)('$name: every value a configuration states is the value the plan has', ({ name, forms }) => {
  it.each(forms.filter((f) => f !== 'plan'))('%s', (form) => {
    const plan = graphs.get(key(name, 'plan')) as Graph;
    const mismatches = (graphs.get(key(name, form)) as Graph).resources.flatMap((r) => {
      const twin = plan.resources.find((p) => p.address === r.address);
      return leaves(r.data.after)
        .filter(([at, value]) => !isDeepStrictEqual(twin?.attr(...at).raw, value))
        .map(([at, value]) => `${r.address} ${at.join('.')}: ${JSON.stringify(value)} vs plan ${JSON.stringify(twin?.attr(...at).raw)}`);
    });
    expect(mismatches).toEqual([]);
  });
});

/** The facts the forms agree on are the right ones, not the same mistake three times. */
describe('what the scenarios state', () => {
  const verdictsOf = (scenario: string, ruleId: string) => get(scenario).verdicts.filter(([id]) => id === ruleId).map(([, address, status]) => [address, status]);
  const tagsOf = (scenario: string, address: string) => {
    const tags = get(scenario).tags[address];
    return tags.status === 'known' ? tags.tags : tags.status;
  };

  it('split-sse: the SSE and its key are linked; default_tags merge under the resource tags', () => {
    expect(get('split-sse').links['aws_s3_bucket.b'][SSE]).toEqual({ linked: [`${SSE}.b`], undetermined: [] });
    expect(get('split-sse').keys).toEqual({ [`${SSE}.b`]: ['aws_kms_key.k'] });
    expect(tagsOf('split-sse', 'aws_s3_bucket.b')).toEqual({ Owner: 'platform', Project: 'twinguard', Name: 'split-sse-data' });
    expect(verdictsOf('split-sse', 's3-bucket-default-encryption')).toEqual([]);
  });

  it('module-storage: links through module inputs and outputs, and the module gets the root default_tags', () => {
    const facts = get('module-storage');
    expect(facts.links['module.storage.aws_s3_bucket.this']).toEqual({
      [SSE]: { linked: [`module.storage.${SSE}.this`], undetermined: [] },
      [PAB]: { linked: [`module.storage.${PAB}.this`], undetermined: [] },
      [POLICY]: { linked: ['aws_s3_bucket_policy.data'], undetermined: [] },
    });
    expect(facts.keys).toEqual({ [`module.storage.${SSE}.this`]: ['aws_kms_key.k'] });
    expect(tagsOf('module-storage', 'module.storage.aws_s3_bucket.this')).toEqual({ DataClassification: 'internal', Environment: 'dev', Owner: 'platform' });
    expect(verdictsOf('module-storage', 's3-bucket-public-access-block')).toEqual([]);
    // The policy is a jsonencode of the module's bucket ARN output: known only after apply, but the
    // code names this bucket's own ARN, so the Deny covers it (the plan read with its code).
    expect(verdictsOf('module-storage', 's3-bucket-deny-insecure-transport')).toEqual([]);
  });

  it('count-for-each: instance [i] links to instance [i], key k to key k; the aliased provider tags them', () => {
    const facts = get('count-for-each');
    for (const index of ['[0]', '[1]', '["curated"]', '["raw"]']) {
      const name = index.startsWith('["') ? 'pair' : 'data';
      expect(facts.links[`aws_s3_bucket.${name}${index}`]).toMatchObject({
        [SSE]: { linked: [`${SSE}.${name}${index}`], undetermined: [] },
        [PAB]: { linked: [`${PAB}.${name}${index}`], undetermined: [] },
      });
      expect(tagsOf('count-for-each', `aws_s3_bucket.${name}${index}`)).toEqual({ DataClassification: 'internal', Environment: 'dev', Owner: 'platform' });
    }
    expect(verdictsOf('count-for-each', 's3-bucket-default-encryption')).toEqual([]);
    expect(verdictsOf('count-for-each', 'required-tags')).toEqual([]);
  });

  it('module-for-each: each instance links its own satellites and its own root policy; tags come through the passed provider', () => {
    const facts = get('module-for-each');
    for (const k of ['curated', 'raw']) {
      const bucket = `module.store["${k}"].aws_s3_bucket.this`;
      expect(facts.links[bucket]).toEqual({
        [SSE]: { linked: [`module.store["${k}"].${SSE}.this`], undetermined: [] },
        [PAB]: { linked: [`module.store["${k}"].${PAB}.this`], undetermined: [] },
        [POLICY]: { linked: [`aws_s3_bucket_policy.store["${k}"]`], undetermined: [] },
      });
      expect(tagsOf('module-for-each', bucket)).toEqual({ DataClassification: 'internal', Environment: 'dev', Owner: 'platform' });
    }
    expect(verdictsOf('module-for-each', 'required-tags')).toEqual([]);
  });

  it("policy-document: the policy is linked; its statements name the bucket's ARN, known only after apply, which the code says is this bucket's: TLS passes", () => {
    expect(get('policy-document').links['aws_s3_bucket.b'][POLICY]).toEqual({ linked: ['aws_s3_bucket_policy.b'], undetermined: [] });
    expect(verdictsOf('policy-document', 's3-bucket-deny-insecure-transport')).toEqual([]);
  });

  it("dynamic-blocks: the blocks dynamic blocks make are read as the plan has them; the plan's configuration leaves them out, so the key and the policy's code come from the .tf files", async () => {
    expect(get('dynamic-blocks').keys).toEqual({ [`${SSE}.b`]: ['aws_kms_key.k'] });
    for (const rule of ['s3-bucket-default-encryption', 's3-bucket-sse-kms', 's3-bucket-deny-insecure-transport', 's3-bucket-deny-tls-below-1-2']) expect(verdictsOf('dynamic-blocks', rule)).toEqual([]);
    // The plan alone: the SSE's key and the statements' resources are known only after apply and
    // its configuration has no expressions for them.
    const dir = path.join(FIXTURES, 'dynamic-blocks');
    const alone = facts(buildGraph(await loadInputs([path.join(dir, 'plan.json')])));
    expect(alone.keys).toEqual({ [`${SSE}.b`]: 'unknown' });
    expect(alone.verdicts.filter(([rule]) => rule === 's3-bucket-deny-insecure-transport').map(([, , status]) => status)).toEqual(['unknown']);
  });

  it("dynamic-blocks: code whose blocks do not state the plan's values (edited since) adds nothing", async () => {
    const dir = path.join(FIXTURES, 'dynamic-blocks');
    const edited = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-dynamic-'));
    try {
      const code = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
      fs.writeFileSync(path.join(edited, 'main.tf'), code.replace('value = "false"', 'value = "true"').replace('bucket_key = true', 'bucket_key = false'));
      const [plan] = await loadInputs([path.join(dir, 'plan.json')]);
      const read = facts(buildGraph([withCode(plan, await loadHcl(edited, { planned: plan.variables ?? {} }))]));
      expect(read.keys).toEqual({ [`${SSE}.b`]: 'unknown' });
      expect(read.verdicts.filter(([rule]) => rule === 's3-bucket-deny-insecure-transport').map(([, , status]) => status)).toEqual(['unknown']);
    } finally {
      fs.rmSync(edited, { recursive: true, force: true });
    }
  });

  it('sse-wrong-bucket: the SSE counts for the bucket it names, and the missing tag is reported', () => {
    const facts = get('sse-wrong-bucket');
    expect(facts.links['aws_s3_bucket.data'][SSE]).toEqual({ linked: [], undetermined: [] });
    expect(facts.links['aws_s3_bucket.logs'][SSE]).toEqual({ linked: [`${SSE}.data`], undetermined: [] });
    expect(verdictsOf('sse-wrong-bucket', 's3-bucket-default-encryption')).toEqual([['aws_s3_bucket.data', 'fail']]);
    expect(verdictsOf('sse-wrong-bucket', 'required-tags')).toEqual([['aws_s3_bucket.data', 'fail']]);
  });
});

/**
 * Peer pitfall 6: a credential written as a literal into an attribute the provider marks sensitive
 * (`secret_string`). The plan does not show the value in `after`, but its configuration block holds
 * the same literal as a constant_value, in clear; main.tf and cdk.tf.json hold it too. All three
 * forms must fail the same way.
 */
describe('secret-literal: a literal credential in a sensitive attribute', () => {
  const credentials = (form: Form) => get('secret-literal', form).verdicts.filter(([rule]) => rule === 'no-credentials-in-attributes');

  it('cdk.tf.json and main.tf agree: it fails', () => {
    expect(credentials('cdktf')).toEqual([['no-credentials-in-attributes', 'aws_secretsmanager_secret_version.db_url', 'fail', 'secret_string']]);
    expect({ ...get('secret-literal', 'hcl'), backend: [] }).toEqual({ ...get('secret-literal', 'cdktf'), backend: [] });
  });

  test("the plan gives the same verdict (the literal is read from the plan's configuration block)", () => {
    expect(get('secret-literal').verdicts).toEqual(get('secret-literal', 'hcl').verdicts);
  });
});

/**
 * Where the forms differ by nature, and where they no longer do. A plan is evaluated: Terraform
 * knows what a configuration loader must leave unknown (an instance's own key, functions it does
 * not evaluate); a variable the code gives a value (a module call's argument, a default) the
 * loaders evaluate as Terraform does. Only the jsonencode() policy changes a verdict, and only
 * from pass to a blocking unknown.
 */
describe('inherent differences, stated', () => {
  const bucketName = (scenario: string, form: Form, address: string) => {
    const resource = graphs.get(key(scenario, form))?.ofType('aws_s3_bucket').find((r) => r.address === address);
    return resource?.attr('bucket').string();
  };

  it('a bucket name from a module variable is known in the plan, and from the .tf files (the call\'s argument)', () => {
    expect(bucketName('module-storage', 'plan', 'module.storage.aws_s3_bucket.this')).toEqual({ kind: 'known', value: 'twinguard-module-data' });
    expect(bucketName('module-storage', 'hcl', 'module.storage.aws_s3_bucket.this')).toEqual({ kind: 'known', value: 'twinguard-module-data' });
  });

  it('a name templated on count.index / each.key is known per instance in the plan, and in configuration: each instance is read with its own key', () => {
    for (const form of ['plan', 'cdktf', 'hcl'] as const) {
      expect(bucketName('count-for-each', form, 'aws_s3_bucket.data[1]')).toEqual({ kind: 'known', value: 'twinguard-data-1' });
      expect(bucketName('count-for-each', form, 'aws_s3_bucket.pair["raw"]')).toEqual({ kind: 'known', value: 'twinguard-raw' });
    }
  });

  it('a policy built with jsonencode() of constants in a .tf file is the very string the plan holds, so the TLS rule passes in both', () => {
    const policyOf = (form: Form) => (graphs.get(key('policy-jsonencode', form)) as Graph).ofType('aws_s3_bucket_policy')[0].attr('policy').string();
    expect(policyOf('hcl')).toEqual(policyOf('plan'));
    expect(policyOf('hcl').kind).toBe('known');
    expect(get('policy-jsonencode', 'hcl').verdicts).not.toContainEqual(expect.arrayContaining(['s3-bucket-deny-insecure-transport']));
  });

  it('locals: the configuration forms evaluate them to the plan\'s values (the plan lists only references to them)', () => {
    for (const form of ['cdktf', 'hcl'] as const) {
      const graph = graphs.get(key('locals', form)) as Graph;
      expect(graph.ofType('aws_s3_bucket')[0].attr('bucket').string()).toEqual({ kind: 'known', value: 'twinguard-literal' });
      const policy = graph.ofType('aws_s3_bucket_policy')[0].attr('policy').string();
      expect(policy).toEqual((graphs.get(key('policy-jsonencode', 'plan')) as Graph).ofType('aws_s3_bucket_policy')[0].attr('policy').string());
      expect(get('locals', form).tags).toEqual(get('policy-jsonencode', 'plan').tags);
    }
  });

  it('tags_all: the plan carries it computed, the configuration loaders never compute it (the effective tags above agree)', () => {
    const plan = graphs.get(key('split-sse', 'plan')) as Graph;
    const hcl = graphs.get(key('split-sse', 'hcl')) as Graph;
    expect(plan.ofType('aws_s3_bucket')[0].attr('tags_all').isAbsent).toBe(false);
    expect(hcl.ofType('aws_s3_bucket')[0].attr('tags_all').isAbsent).toBe(true);
  });

  it('only the configuration forms say where state is kept: cdktf output holds cdktf\'s default local backend and fails; the plan and the .tf (no backend block) are not judged', () => {
    for (const { name, forms } of SCENARIOS) {
      expect(get(name).backend).toEqual([]);
      if (forms.includes('hcl')) expect(get(name, 'hcl').backend).toEqual([]);
      if (forms.includes('cdktf')) expect(get(name, 'cdktf').backend).toEqual([[STATE_RULE, 'terraform.backend.local', 'fail', '']]);
    }
  });

  it('only cdktf output carries construct paths', () => {
    const paths = (form: Form) => (graphs.get(key('count-for-each', form)) as Graph).resources.map((r) => r.constructPath);
    expect(paths('cdktf')).toContain('count-for-each/data-sse');
    expect(paths('plan').every((p) => p === undefined)).toBe(true);
    expect(paths('hcl').every((p) => p === undefined)).toBe(true);
  });
});
