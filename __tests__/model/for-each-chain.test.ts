/**
 * The for_each chain (`for_each = aws_s3_bucket.data`, `bucket = each.value.id`) in every input form:
 * the loaders keep the for_each's references and give the SSE the buckets' instance keys, and the
 * graph links instance K to bucket K (fixture __tests__/fixtures/for-each-chain: main.tf, cdk.tf.json,
 * plan.json). The log buckets' SSE iterates over the archive buckets by mistake: the archive bucket is
 * encrypted, the log buckets fail.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildGraph } from '../../checks/model/graph';
import { parseCdktfDocument } from '../../checks/model/cdktf';
import { loadHcl } from '../../checks/model/hcl';
import { loadInputs } from '../../checks/model/load';
import { parsePlanDocument } from '../../checks/model/plan';
import { readCode, withCode } from '../../checks/model/code-sources';
import type { Graph, InputKind, Resource } from '../../checks/model/types';
import rule from '../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
import listenerTls from '../../checks/rules/encryption-in-transit/lb-listener-tls';
import denyInsecureTransport from '../../checks/rules/encryption-in-transit/s3-bucket-deny-insecure-transport';
import { plan, res } from '../helpers/plan-builder';
import { evaluateRule, worstByAddress } from '../helpers/rule-table';

const SCENARIO = path.join(__dirname, '..', 'fixtures', 'for-each-chain');
const SSE = 'aws_s3_bucket_server_side_encryption_configuration';

const FORMS: [string, string, InputKind | undefined][] = [
  ['plan', path.join(SCENARIO, 'plan.json'), undefined],
  ['cdktf', path.join(SCENARIO, 'cdk.tf.json'), undefined],
  // The directory also holds cdk.tf.json, which detection would prefer: ask for the .tf files.
  ['hcl', SCENARIO, 'hcl'],
];

const addresses = (resources: readonly Resource[]): string[] => resources.map((r) => r.address).sort();

function get(graph: Graph, address: string): Resource {
  const found = graph.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address}`);
  return found;
}

describe.each(FORMS)('for-each-chain as %s', (_, input, kind) => {
  let graph: Graph;
  beforeAll(async () => {
    graph = buildGraph(await loadInputs([input], kind));
  });

  it('gives the SSE configurations the instance keys of the buckets they iterate over, and keeps the for_each reference', () => {
    expect(addresses(graph.ofType(SSE))).toEqual([`${SSE}.data["curated"]`, `${SSE}.data["raw"]`, `${SSE}.logs["cold"]`]);
    expect(get(graph, `${SSE}.data["raw"]`).data.forEachRefs).toEqual(['aws_s3_bucket.data']);
    expect(get(graph, `${SSE}.logs["cold"]`).data.forEachRefs).toEqual(['aws_s3_bucket.archive']);
  });

  it('links each bucket instance to the SSE instance of the same key, and only to it', () => {
    for (const key of ['raw', 'curated']) {
      expect(graph.attached(get(graph, `aws_s3_bucket.data["${key}"]`), SSE)).toEqual({ linked: [get(graph, `${SSE}.data["${key}"]`)], undetermined: [] });
      expect(graph.attached(get(graph, `aws_s3_bucket.logs["${key}"]`), SSE)).toEqual({ linked: [], undetermined: [] });
    }
    expect(addresses(graph.attached(get(graph, 'aws_s3_bucket.archive["cold"]'), SSE).linked)).toEqual([`${SSE}.logs["cold"]`]);
  });

  it('passes s3-bucket-default-encryption on the chained buckets and fails the buckets the SSE missed', () => {
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({
      'aws_s3_bucket.archive["cold"]': 'pass',
      'aws_s3_bucket.data["curated"]': 'pass',
      'aws_s3_bucket.data["raw"]': 'pass',
      'aws_s3_bucket.logs["curated"]': 'fail',
      'aws_s3_bucket.logs["raw"]': 'fail',
    });
  });
});

/** A cdk.tf.json of one bucket block and one SSE block whose for_each is written as given. */
const cdktfWith = (forEach: string) =>
  parseCdktfDocument(
    {
      resource: {
        aws_s3_bucket: { m: { for_each: '${toset(["a", "b"])}', bucket: 'data-${each.key}' } },
        [SSE]: { s: { for_each: forEach, bucket: '${each.value.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] } },
      },
    },
    'cdk.tf.json',
  );

describe('configuration loaders keep only a bare for_each reference', () => {
  it.each([
    ['TerraformIterator.fromComplexList (a for expression)', '${{ for key, val in aws_s3_bucket.m.*.server_side_encryption_configuration[0].rule[0]: val.bucket_key_enabled => val }}', undefined],
    ['a function of the resource', '${toset(keys(aws_s3_bucket.m))}', undefined],
    ['a local', '${local.buckets}', ['local.buckets']],
  ])('%s: one instance without a key, and each.value stays unknown', (_, forEach, refs) => {
    const input = cdktfWith(forEach);
    const sse = input.resources.filter((r) => r.type === SSE);
    expect(sse.map((r) => [r.address, r.forEachRefs])).toEqual([[`${SSE}.s`, refs]]);
    const graph = buildGraph([input]);
    expect(graph.resolve(get(graph, `${SSE}.s`), ['bucket'], ['aws_s3_bucket']).status).toBe('unknown');
  });

  it('chains for_each over a chain (SSE over a copy over the buckets)', () => {
    const input = parseCdktfDocument(
      {
        resource: {
          aws_s3_bucket: { m: { for_each: '${toset(["a", "b"])}', bucket: 'data-${each.key}' } },
          aws_s3_bucket_versioning: { v: { for_each: '${aws_s3_bucket.m}', bucket: '${each.value.id}', versioning_configuration: { status: 'Enabled' } } },
          [SSE]: { s: { for_each: '${aws_s3_bucket_versioning.v}', bucket: '${each.value.bucket}' } },
        },
      },
      'cdk.tf.json',
    );
    expect(input.resources.filter((r) => r.type === SSE).map((r) => r.address)).toEqual([`${SSE}.s["a"]`, `${SSE}.s["b"]`]);
    const graph = buildGraph([input]);
    expect(addresses(graph.attached(get(graph, 'aws_s3_bucket.m["b"]'), SSE).linked)).toEqual([`${SSE}.s["b"]`]);
  });
});

describe('a module called with for_each over a resource', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'for-each-chain-'));
    await fs.promises.mkdir(path.join(dir, 'modules', 'enc'), { recursive: true });
    await fs.promises.writeFile(
      path.join(dir, 'main.tf'),
      [
        'resource "aws_s3_bucket" "m" {',
        '  for_each = toset(["a", "b"])',
        '  bucket   = "data-${each.key}"',
        '}',
        '',
        'module "enc" {',
        '  source    = "./modules/enc"',
        '  for_each  = aws_s3_bucket.m',
        '  bucket_id = each.value.id',
        '}',
        '',
      ].join('\n'),
    );
    await fs.promises.writeFile(
      path.join(dir, 'modules', 'enc', 'main.tf'),
      [
        'variable "bucket_id" {}',
        '',
        `resource "${SSE}" "this" {`,
        '  bucket = var.bucket_id',
        '  rule {',
        '    apply_server_side_encryption_by_default {',
        '      sse_algorithm = "aws:kms"',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('HCL: one module instance per bucket key, each encrypting its own bucket', async () => {
    const input = await loadHcl(dir);
    expect(input.moduleCalls.map((c) => [c.name, c.forEachRefs])).toEqual([['enc', ['aws_s3_bucket.m']]]);
    const graph = buildGraph([input]);
    for (const key of ['a', 'b']) {
      expect(addresses(graph.attached(get(graph, `aws_s3_bucket.m["${key}"]`), SSE).linked)).toEqual([`module.enc["${key}"].${SSE}.this`]);
    }
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["a"]': 'pass', 'aws_s3_bucket.m["b"]': 'pass' });
  });

  it('plan: the module call keeps for_each_expression’s references', () => {
    const loaded = parsePlanDocument(
      {
        format_version: '1.2',
        terraform_version: '1.9.8',
        resource_changes: [],
        configuration: {
          root_module: {
            module_calls: {
              enc: {
                source: './modules/enc',
                expressions: { bucket_id: { references: ['each.value.id', 'each.value'] } },
                for_each_expression: { references: ['aws_s3_bucket.m'] },
                module: {},
              },
            },
          },
        },
      },
      'plan.json',
    );
    expect(loaded.moduleCalls).toEqual([expect.objectContaining({ name: 'enc', repetition: 'for_each', forEachRefs: ['aws_s3_bucket.m'] })]);
  });
});

/** Buckets a and b, in .tf. */
const TWO_BUCKETS = `resource "aws_s3_bucket" "a" {
  bucket = "a-data"
}
resource "aws_s3_bucket" "b" {
  bucket = "b-data"
}
`;

/** The graph of .tf `files` (path -> text) in a directory of their own. */
async function graphOfTf(files: Record<string, string>): Promise<Graph> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-for-each-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return buildGraph(await loadInputs([dir], 'hcl'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('a for_each over a local map whose values are known only after apply', () => {
  it('makes an instance per key (Terraform needs the keys only), each.value naming that key\'s element', async () => {
    const graph = await graphOfTf({
      'main.tf': `${TWO_BUCKETS}locals {
  targets = { a = aws_s3_bucket.a.id, none = null }
}
resource "${SSE}" "s" {
  for_each = local.targets
  bucket   = each.value
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`,
    });
    expect(addresses(graph.resources.filter((r) => r.type === SSE))).toEqual([`${SSE}.s["a"]`, `${SSE}.s["none"]`]);
    expect(addresses(graph.attached(get(graph, 'aws_s3_bucket.a'), SSE).linked)).toEqual([`${SSE}.s["a"]`]);
    expect(graph.attached(get(graph, 'aws_s3_bucket.b'), SSE)).toEqual({ linked: [], undetermined: [] });
  });
});

describe('a module called with for_each over a map written in the code', () => {
  it("links an argument's each.value to that key's element, in place or through a local", async () => {
    const graph = await graphOfTf({
      'sse/main.tf': `variable "bucket" {}
resource "${SSE}" "this" {
  bucket = var.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`,
      'main.tf': `${TWO_BUCKETS}locals {
  more = { b = aws_s3_bucket.b.id }
}
module "in_place" {
  source   = "./sse"
  for_each = { a = aws_s3_bucket.a.id }
  bucket   = each.value
}
module "from_local" {
  source   = "./sse"
  for_each = local.more
  bucket   = each.value
}
`,
    });
    expect(addresses(graph.attached(get(graph, 'aws_s3_bucket.a'), SSE).linked)).toEqual([`module.in_place["a"].${SSE}.this`]);
    expect(addresses(graph.attached(get(graph, 'aws_s3_bucket.b'), SSE).linked)).toEqual([`module.from_local["b"].${SSE}.this`]);
  });
});

// terraform-aws-modules/cloudwatch's wrappers: module "wrapper" { for_each = var.items; kms_key_id = try(each.value.kms_key_id, null) }.
describe('a module called with for_each over a map of objects, an argument taking an attribute of each.value', () => {
  it("links the module's resource to the key its element names", async () => {
    const graph = await graphOfTf({
      'mod/main.tf': 'variable "kms_key_id" {\n  default = null\n}\nresource "aws_cloudwatch_log_group" "this" {\n  kms_key_id = var.kms_key_id\n}\n',
      'main.tf': `resource "aws_kms_key" "k" {}
module "wrapper" {
  source     = "./mod"
  for_each   = { one = { kms_key_id = aws_kms_key.k.arn, retention = 7 } }
  kms_key_id = try(each.value.kms_key_id, null)
}
`,
    });
    const group = get(graph, 'module.wrapper["one"].aws_cloudwatch_log_group.this');
    expect(graph.resolve(group, ['kms_key_id'], ['aws_kms_key'])).toEqual(expect.objectContaining({ status: 'resources', targets: [get(graph, 'aws_kms_key.k')] }));
  });
});

describe('a for_each made by a for expression (terraform-aws-modules/elasticache and opensearch log groups)', () => {
  const logGroups = (cfg: string): string => `resource "aws_kms_key" "k" {}
resource "aws_kms_key" "other" {}
locals {
  cfg = ${cfg}
}
resource "aws_cloudwatch_log_group" "this" {
  for_each   = { for k, v in local.cfg : k => v if v.destination_type == "cloudwatch-logs" }
  name       = "/aws/x/\${each.key}"
  kms_key_id = each.value.kms
}
`;

  it("names through each.value what the expression references: the one key, when it references one", async () => {
    const graph = await graphOfTf({ 'main.tf': logGroups('{ slow-log = { destination_type = "cloudwatch-logs", kms = aws_kms_key.k.arn } }') });
    const group = get(graph, 'aws_cloudwatch_log_group.this["slow-log"]');
    expect(graph.resolve(group, ['kms_key_id'], ['aws_kms_key'])).toEqual(expect.objectContaining({ status: 'resources', targets: [get(graph, 'aws_kms_key.k')] }));
  });

  // terraform-aws-modules/iam (github-oidc-role, IRSA): for_each = { for k, v in var.policies : k => v if var.create }.
  it('names the key through a filter on a known variable, a conditional, or a for over a map written in place', async () => {
    const graph = await graphOfTf({
      'main.tf': `resource "aws_kms_key" "k" {}
variable "create" {
  type    = bool
  default = true
}
locals {
  cfg = { slow-log = { kms = aws_kms_key.k.arn } }
}
resource "aws_cloudwatch_log_group" "filtered" {
  for_each   = { for k, v in local.cfg : k => v if var.create }
  kms_key_id = each.value.kms
}
resource "aws_cloudwatch_log_group" "chosen" {
  for_each   = var.create ? local.cfg : {}
  kms_key_id = each.value.kms
}
resource "aws_cloudwatch_log_group" "in_place" {
  for_each   = { for k, v in { slow-log = aws_kms_key.k.arn } : k => v }
  kms_key_id = each.value
}
`,
    });
    for (const name of ['filtered', 'chosen', 'in_place']) {
      const group = get(graph, `aws_cloudwatch_log_group.${name}["slow-log"]`);
      // Whole: no part of it from elsewhere (the condition's known variable is not one).
      expect({ name, resolution: graph.resolve(group, ['kms_key_id'], ['aws_kms_key']) }).toEqual({ name, resolution: { status: 'resources', targets: [get(graph, 'aws_kms_key.k')], via: 'reference' } });
    }
  });

  it('is ambiguous when the expression references two keys: no element is told from another', async () => {
    const graph = await graphOfTf({
      'main.tf': logGroups('{ slow-log = { destination_type = "cloudwatch-logs", kms = aws_kms_key.k.arn }, engine-log = { destination_type = "cloudwatch-logs", kms = aws_kms_key.other.arn } }'),
    });
    const group = get(graph, 'aws_cloudwatch_log_group.this["slow-log"]');
    expect(graph.resolve(group, ['kms_key_id'], ['aws_kms_key']).status).toBe('ambiguous');
  });
});

/**
 * terraform-aws-modules/alb: `for_each = { for v in local.listener_rules : "${v.listener_key}/${v.rule_key}" => v }`
 * and `listener_arn = try(each.value.listener_arn, aws_lb_listener.this[each.value.listener_key].arn)`.
 * Each instance's element is made of constants: each.value names nothing, the listener is the link.
 */
describe('a for_each made by an expression whose elements the code fixes whole, read through try(each.value.x, …)', () => {
  const balancer = (ruleAction: string) => `locals {
  listeners = {
    http = {
      port  = 80
      rules = { r1 = { priority = 5 } }
    }
  }
  listener_rules = flatten([
    for listener_key, listener in local.listeners : [
      for rule_key, rule in lookup(listener, "rules", {}) : merge(rule, { listener_key = listener_key, rule_key = rule_key })
    ]
  ])
}
resource "aws_lb" "this" {
  name    = "x"
  subnets = ["subnet-1"]
}
resource "aws_lb_listener" "this" {
  for_each          = local.listeners
  load_balancer_arn = aws_lb.this.arn
  port              = each.value.port
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}
resource "aws_lb_target_group" "app" {
  port     = 80
  protocol = "HTTP"
}
resource "aws_lb_listener_rule" "this" {
  for_each     = { for v in local.listener_rules : "\${v.listener_key}/\${v.rule_key}" => v }
  listener_arn = try(each.value.listener_arn, aws_lb_listener.this[each.value.listener_key].arn)
  ${ruleAction}
  condition {
    path_pattern {
      values = ["/x"]
    }
  }
}
`;
  const REDIRECT = 'action {\n    type = "redirect"\n    redirect {\n      protocol    = "HTTPS"\n      status_code = "HTTP_302"\n    }\n  }';
  const FORWARD = 'action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.app.arn\n  }';
  const OTHER_LISTENER = 'resource "aws_lb_listener" "other" {\n  load_balancer_arn = aws_lb.this.arn\n  port              = 8080\n  protocol          = "HTTP"\n  default_action {\n    type = "redirect"\n    redirect {\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n}\n';

  it.each([
    ['redirects to HTTPS: passes', REDIRECT, 'pass'],
    ['forwards plain HTTP: fails', FORWARD, 'fail'],
  ])('links the listener rule to its HTTP listener (%s)', async (_, action, verdict) => {
    const graph = await graphOfTf({ 'main.tf': balancer(action) });
    const listener = get(graph, 'aws_lb_listener.this["http"]');
    expect(graph.attached(listener, 'aws_lb_listener_rule', 'listener_arn')).toEqual({ linked: [get(graph, 'aws_lb_listener_rule.this["http/r1"]')], undetermined: [] });
    expect(worstByAddress(evaluateRule(listenerTls, graph))['aws_lb_listener.this["http"]']).toBe(verdict);
  });

  /**
   * The plan of the same code records listener_arn by its references alone, as Terraform writes them:
   * each.value's and the listener resource's, not which instance. Read with its code (`--code`, the
   * gate), the rule is linked to its listener as in the .tf files; alone, it may belong to any.
   */
  const plannedBalancer = (action: Record<string, unknown>, actionExpressions: Record<string, unknown>) =>
    parsePlanDocument(
      plan([
        res('aws_lb.this', { name: 'x', subnets: ['subnet-1'] }, { unknown: { arn: true, id: true } }),
        res(
          'aws_lb_listener.this["http"]',
          { port: 80, protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: [{ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' }] }] },
          { unknown: { arn: true, id: true, load_balancer_arn: true }, refs: { load_balancer_arn: ['aws_lb.this.arn', 'aws_lb.this'], port: ['each.value.port', 'each.value'] }, repetition: 'for_each' },
        ),
        res('aws_lb_target_group.app', { port: 80, protocol: 'HTTP' }, { unknown: { arn: true, id: true } }),
        res(
          'aws_lb_listener_rule.this["http/r1"]',
          { action: [action], condition: [{ path_pattern: [{ values: ['/x'] }] }] },
          {
            unknown: { arn: true, id: true, listener_arn: true, priority: true, ...('target_group_arn' in actionExpressions ? { action: [{ target_group_arn: true }] } : {}) },
            expressions: {
              listener_arn: { references: ['each.value.listener_arn', 'each.value', 'aws_lb_listener.this', 'each.value.listener_key', 'each.value'] },
              action: [actionExpressions],
              condition: [{ path_pattern: [{ values: { constant_value: ['/x'] } }] }],
            },
            repetition: 'for_each',
          },
        ),
      ]),
      'plan.json',
    );
  const PLANNED = {
    redirect: [
      { type: 'redirect', redirect: [{ protocol: 'HTTPS', status_code: 'HTTP_302' }] },
      { type: { constant_value: 'redirect' }, redirect: [{ protocol: { constant_value: 'HTTPS' }, status_code: { constant_value: 'HTTP_302' } }] },
    ],
    forward: [
      { type: 'forward', target_group_arn: null },
      { type: { constant_value: 'forward' }, target_group_arn: { references: ['aws_lb_target_group.app.arn', 'aws_lb_target_group.app'] } },
    ],
  } as const;

  it.each([
    ['redirects to HTTPS: passes', REDIRECT, PLANNED.redirect, 'pass'],
    ['forwards plain HTTP: fails', FORWARD, PLANNED.forward, 'fail'],
  ])('a plan read with its code links the listener rule to its HTTP listener as the .tf files do (%s)', async (_, action, [after, expressions], verdict) => {
    const planned = plannedBalancer(after, expressions);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-for-each-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), balancer(action));
      const graph = buildGraph([withCode(planned, await readCode(dir, planned))]);
      const listener = get(graph, 'aws_lb_listener.this["http"]');
      expect(graph.attached(listener, 'aws_lb_listener_rule', 'listener_arn')).toEqual({ linked: [get(graph, 'aws_lb_listener_rule.this["http/r1"]')], undetermined: [] });
      expect(worstByAddress(evaluateRule(listenerTls, graph))['aws_lb_listener.this["http"]']).toBe(verdict);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Alone, the plan does not say which listener the rule is on.
    expect(worstByAddress(evaluateRule(listenerTls, buildGraph([planned])))['aws_lb_listener.this["http"]']).toBe('unknown');
  });

  it('a plan read with code whose rule names another listener keeps the plan\'s references: the code is not what made the plan', async () => {
    const planned = plannedBalancer(...PLANNED.forward);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-for-each-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), balancer(FORWARD).replace('aws_lb_listener.this[each.value.listener_key].arn', 'aws_lb_listener.other.arn') + OTHER_LISTENER);
      const graph = buildGraph([withCode(planned, await readCode(dir, planned))]);
      expect(worstByAddress(evaluateRule(listenerTls, graph))['aws_lb_listener.this["http"]']).toBe('unknown');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a for expression', '{ for k, v in local.sse : k => v }'],
    ['merge of a local', 'merge(local.sse, {})'],
  ])('links an SSE configuration to its bucket (for_each = %s)', async (_, forEach) => {
    const graph = await graphOfTf({
      'main.tf': `locals {
  sse = { sse-raw = { bucket_key = "raw" } }
}
resource "aws_s3_bucket" "b" {
  for_each = toset(["raw", "curated"])
  bucket   = "twin-\${each.key}"
}
resource "${SSE}" "b" {
  for_each = ${forEach}
  bucket   = try(each.value.bucket, aws_s3_bucket.b[each.value.bucket_key].id)
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`,
    });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.b["curated"]': 'fail', 'aws_s3_bucket.b["raw"]': 'pass' });
  });
});

// Terraform knows a for_each block's keys at plan time when its own for_each is known: a block over
// them (`toset(keys(aws_s3_bucket.m))`, a `for` over the block) has those instances.
describe('a for_each over the keys of a resource block whose for_each is known', () => {
  const main = (forEach: string, bucket: string): string => `
resource "aws_s3_bucket" "m" {
  for_each = toset(["x", "y"])
  bucket   = "m-\${each.key}"
}
resource "${SSE}" "m" {
  for_each = ${forEach}
  bucket   = ${bucket}
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`;

  it.each([
    ['toset(keys(aws_s3_bucket.m))', 'aws_s3_bucket.m[each.key].id'],
    ['{ for k, b in aws_s3_bucket.m : k => k }', 'aws_s3_bucket.m[each.key].id'],
    ['{ for k in keys(aws_s3_bucket.m) : k => true if k != "y" }', 'aws_s3_bucket.m[each.key].id'],
  ])('for_each = %s makes an instance per key, each linked to its bucket', async (forEach, bucket) => {
    const graph = await graphOfTf({ 'main.tf': main(forEach, bucket) });
    const keys = forEach.includes('!= "y"') ? ['x'] : ['x', 'y'];
    expect(addresses(graph.ofType(SSE))).toEqual(keys.map((k) => `${SSE}.m["${k}"]`));
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': keys.includes('y') ? 'pass' : 'fail' });
  });

});

// A `for` that keeps each instance under its own key makes each.value of instance K the block's
// instance K (or its attribute), as Terraform plans it (checked with terraform plan in
// evaluate-terraform.test.ts): it links as `aws_s3_bucket.m[each.key]` does, and as a plan's
// for_each_expression references (`aws_s3_bucket.m`) link it.
describe('each.value of a for_each made by a for over a resource block', () => {
  const bucketsOn = (forEach: string) => `resource "aws_s3_bucket" "m" {\n  for_each = ${forEach}\n  bucket   = "m-\${each.key}"\n}\n`;
  const sse = (forEach: string, bucket: string) =>
    `resource "${SSE}" "m" {\n  for_each = ${forEach}\n  bucket   = ${bucket}\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n`;
  const KNOWN = 'toset(["x", "y"])';

  it.each([
    ['aws_s3_bucket.m', 'each.value.id', ['x', 'y']],
    ['{ for k, b in aws_s3_bucket.m : k => b }', 'each.value.id', ['x', 'y']],
    ['{for k,b in aws_s3_bucket.m: k=>b}', 'each.value.bucket', ['x', 'y']],
    ['{ for k, b in aws_s3_bucket.m : k => b.id }', 'each.value', ['x', 'y']],
    ['{ for k, b in aws_s3_bucket.m : k => b if k != "y" }', 'each.value.id', ['x']],
  ])('for_each = %s, bucket = %s: instance K links to bucket K', async (forEach, bucket, keys) => {
    const graph = await graphOfTf({ 'main.tf': bucketsOn(KNOWN) + sse(forEach, bucket) });
    expect(addresses(graph.ofType(SSE))).toEqual(keys.map((k) => `${SSE}.m["${k}"]`));
    for (const key of keys) expect(addresses(graph.attached(get(graph, `aws_s3_bucket.m["${key}"]`), SSE).linked)).toEqual([`${SSE}.m["${key}"]`]);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': keys.includes('y') ? 'pass' : 'fail' });
  });

  it.each([
    ['a key known only after apply (b.arn => b)', KNOWN, '{ for b in values(aws_s3_bucket.m) : b.arn => b }', 'each.value.id'],
    ['the buckets\' keys not known (a variable without a value)', 'var.names', '{ for k, b in aws_s3_bucket.m : k => b }', 'each.value.id'],
    ['the buckets\' keys not known, one attribute each', 'var.names', '{ for k, b in aws_s3_bucket.m : k => b.id }', 'each.value'],
  ])('%s: unknown, never linked to every instance', async (_name, bucketKeys, forEach, bucket) => {
    const graph = await graphOfTf({ 'main.tf': 'variable "names" {\n  type = set(string)\n}\n' + bucketsOn(bucketKeys) + sse(forEach, bucket) });
    const verdicts = worstByAddress(evaluateRule(rule, graph));
    expect(Object.keys(verdicts).length).toBeGreaterThan(0);
    for (const [address, status] of Object.entries(verdicts)) expect({ address, status }).toEqual({ address, status: 'unknown' });
  });

  // The policy is read with each.value.arn as that instance's ARN, as under for_each = aws_s3_bucket.m.
  it.each([
    ['{ for k, b in aws_s3_bucket.m : k => b }', 'each.value.id', 'each.value.arn'],
    ['{ for k, b in aws_s3_bucket.m : k => b.arn }', 'aws_s3_bucket.m[each.key].id', 'each.value'],
  ])('a TLS policy per bucket with for_each = %s passes each bucket', async (forEach, bucket, arn) => {
    const policy = `resource "aws_s3_bucket_policy" "p" {\n  for_each = ${forEach}\n  bucket   = ${bucket}\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"\n      Resource  = [${arn}, "\${${arn}}/*"]\n      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n    }]\n  })\n}\n`;
    const graph = await graphOfTf({ 'main.tf': bucketsOn(KNOWN) + policy });
    expect(worstByAddress(evaluateRule(denyInsecureTransport, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': 'pass' });
  });

  it('a module called with for_each = { for k, b in aws_s3_bucket.m : k => b }: each instance encrypts its own bucket', async () => {
    const graph = await graphOfTf({
      'main.tf': `${bucketsOn('toset(["x", "y", "z"])')}module "enc" {\n  source    = "./enc"\n  for_each  = { for k, b in aws_s3_bucket.m : k => b if k != "z" }\n  bucket_id = each.value.id\n}\n`,
      'enc/main.tf': `variable "bucket_id" {\n  type = string\n}\n${sse('null', 'var.bucket_id').replace('  for_each = null\n', '')}`,
    });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': 'pass', 'aws_s3_bucket.m["z"]': 'fail' });
  });
});

// A `for` over a block's instances binds its symbol to one instance: an attribute the instance's
// configuration writes is known there, as Terraform plans it (checked with terraform plan in
// evaluate-terraform.test.ts), so an `if` on it keeps the keys Terraform keeps; an attribute known
// only after apply leaves the `if`, and so the keys, unknown.
describe('a for_each made by a for over a resource block, filtered on an attribute of each instance', () => {
  const buckets = (tags: string) =>
    `variable "tags" {\n  type    = map(string)\n}\nresource "aws_s3_bucket" "m" {\n  for_each = { x = "prod", y = "dev" }\n  bucket   = "m-\${each.key}"\n${tags}}\n`;
  const sse = (forEach: string) =>
    `resource "${SSE}" "m" {\n  for_each = ${forEach}\n  bucket   = each.value.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n`;
  const TAGGED = '  tags     = { env = each.value }\n';

  it.each([
    ['b.bucket == "m-x"', ''],
    ['b.tags.env == "prod"', TAGGED],
    ['b.tags["env"] == "prod"', TAGGED],
    ['b.bucket != "m-y" && b.tags.env == "prod"', TAGGED],
    // An inner `for`'s own b hides the instance: its b.bucket is the inner element's.
    ['[for b in local.inner : b.bucket][0] == b.bucket', ''],
  ])('if %s: the instance it keeps is encrypted, the other fails', async (condition, tags) => {
    const inner = 'locals {\n  inner = [{ bucket = "m-x" }]\n}\n';
    const graph = await graphOfTf({ 'main.tf': inner + buckets(tags) + sse(`{ for k, b in aws_s3_bucket.m : k => b if ${condition} }`) });
    expect(addresses(graph.ofType(SSE))).toEqual([`${SSE}.m["x"]`]);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': 'fail' });
  });

  it('over a counted block, the index is the instance: if b.bucket == "c-1" keeps c[1]', async () => {
    const counted = `resource "aws_s3_bucket" "c" {\n  count  = 2\n  bucket = "c-\${count.index}"\n}\n`;
    const graph = await graphOfTf({ 'main.tf': counted + sse('{ for i, b in aws_s3_bucket.c : i => b if b.bucket == "c-1" }') });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.c[0]': 'fail', 'aws_s3_bucket.c[1]': 'pass' });
  });

  it.each([
    ['an attribute known only after apply', 'b.id == "m-x"', TAGGED],
    ['tags the configuration does not write', 'b.tags.env == "prod"', ''],
    ['tags from a variable without a value', 'b.tags.env == "prod"', '  tags     = var.tags\n'],
  ])('%s (if %s): every bucket unknown, none passes', async (_name, condition, tags) => {
    const graph = await graphOfTf({ 'main.tf': buckets(tags) + sse(`{ for k, b in aws_s3_bucket.m : k => b if ${condition} }`) });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'unknown', 'aws_s3_bucket.m["y"]': 'unknown' });
  });
});

// A `for` over the instances of a block, or over values() or tolist(values()) of them, keeps under
// each key it makes, whatever that key (an attribute each instance's configuration writes,
// "s-${k}"), the instance its element was made of: each.value of that key is that instance, as
// terraform plans it (checked with terraform plan in evaluate-terraform.test.ts). So is
// `aws_s3_bucket.m[k]` where k is one of the block's keys (`for k in keys(aws_s3_bucket.m)`).
describe('each.value of a for_each made by a for that keeps each instance of a block under any known key', () => {
  const buckets = `resource "aws_s3_bucket" "m" {\n  for_each = toset(["x", "y"])\n  bucket   = "m-\${each.key}"\n}\n`;
  const sse = (forEach: string, bucket: string) =>
    `resource "${SSE}" "m" {\n  for_each = ${forEach}\n  bucket   = ${bucket}\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n`;

  it.each([
    ['{ for b in values(aws_s3_bucket.m) : b.bucket => b }', 'each.value.id', ['m-x', 'm-y']],
    ['{ for i, b in values(aws_s3_bucket.m) : b.bucket => b }', 'each.value.id', ['m-x', 'm-y']],
    ['{ for b in tolist(values(aws_s3_bucket.m)) : b.bucket => b }', 'each.value.id', ['m-x', 'm-y']],
    ['{ for b in values(aws_s3_bucket.m) : b.bucket => b.id }', 'each.value', ['m-x', 'm-y']],
    ['{ for b in values(aws_s3_bucket.m) : b.bucket => b["id"] }', 'each.value', ['m-x', 'm-y']],
    ['{ for k, b in aws_s3_bucket.m : "s-\${k}" => b }', 'each.value.id', ['s-x', 's-y']],
    ['{ for b in values(aws_s3_bucket.m) : b.bucket => b if b.bucket != "m-y" }', 'each.value.id', ['m-x']],
    ['{ for k in keys(aws_s3_bucket.m) : k => aws_s3_bucket.m[k] }', 'each.value.id', ['x', 'y']],
    ['{ for k in keys(aws_s3_bucket.m) : "s-\${k}" => aws_s3_bucket.m[k].id if k != "y" }', 'each.value', ['s-x']],
  ])('for_each = %s, bucket = %s: each instance links to the bucket it was made of', async (forEach, bucket, keys) => {
    const graph = await graphOfTf({ 'main.tf': buckets + sse(forEach, bucket) });
    expect(addresses(graph.ofType(SSE))).toEqual(keys.map((k) => `${SSE}.m["${k}"]`));
    const bucketOf = (key: string) => `aws_s3_bucket.m["${key.slice(-1)}"]`;
    for (const key of keys) expect(addresses(graph.attached(get(graph, bucketOf(key)), SSE).linked)).toEqual([`${SSE}.m["${key}"]`]);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': keys.length === 2 ? 'pass' : 'fail' });
  });

  it.each([
    ['a key known only after apply', '{ for b in values(aws_s3_bucket.m) : b.arn => b }', 'each.value.id'],
    ['an element that is not the instance (a list of it)', '{ for b in values(aws_s3_bucket.m) : b.bucket => [b] }', 'each.value[0].id'],
    ['a key the block does not have', '{ for k in ["x", "z"] : k => aws_s3_bucket.m[k] }', 'each.value.id'],
  ])('%s: every bucket unknown, none passes', async (_name, forEach, bucket) => {
    const graph = await graphOfTf({ 'main.tf': buckets + sse(forEach, bucket) });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'unknown', 'aws_s3_bucket.m["y"]': 'unknown' });
  });
});

// Index syntax on a `for`'s instance or on each.value (`b["bucket"]`, `each.value["arn"]`) reads
// the same attribute as `b.bucket` and `each.value.arn`, as in Terraform.
describe('index syntax on an instance of a block in a for, and on each.value', () => {
  const buckets = `resource "aws_s3_bucket" "m" {\n  for_each = toset(["x", "y"])\n  bucket   = "m-\${each.key}"\n}\n`;
  const sse = (forEach: string, bucket: string) =>
    `resource "${SSE}" "m" {\n  for_each = ${forEach}\n  bucket   = ${bucket}\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n`;

  it.each([
    ['{ for k, b in aws_s3_bucket.m : b["bucket"] => b }', 'each.value["id"]', 'pass'],
    ['{ for b in values(aws_s3_bucket.m) : b[ "bucket" ] => b }', 'each.value.id', 'pass'],
    ['{ for k, b in aws_s3_bucket.m : k => b if b["bucket"] != "m-y" }', 'each.value["id"]', 'fail'],
    // merge() keeps the instance each key's value is, from the last map that holds the key (terraform plans the same keys).
    ['merge({ for k, b in aws_s3_bucket.m : k => b }, {})', 'each.value.id', 'pass'],
    ['merge({ for k, b in aws_s3_bucket.m : k => b.id }, { extra = "m-z" })', 'each.value', 'pass'],
    ['merge([for k, b in aws_s3_bucket.m : { (k) = b.id }]...)', 'each.value', 'pass'],
    ['merge([for k in keys(aws_s3_bucket.m) : { (k) = aws_s3_bucket.m[k] }]...)', 'each.value.id', 'pass'],
    ['merge([for k, b in aws_s3_bucket.m : { (k) = b } if k != "y"]...)', 'each.value.id', 'fail'],
    ['merge({ for k, b in aws_s3_bucket.m : k => b.id }, { y = "m-z" })', 'each.value', 'fail'],
  ])('for_each = %s, bucket = %s: x passes, y %s', async (forEach, bucket, y) => {
    const graph = await graphOfTf({ 'main.tf': buckets + sse(forEach, bucket) });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': y });
  });

  it('an attribute known only after apply (b["id"]) leaves the keys, and every bucket, unknown', async () => {
    const graph = await graphOfTf({ 'main.tf': buckets + sse('{ for k, b in aws_s3_bucket.m : b["id"] => b }', 'each.value.id') });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'unknown', 'aws_s3_bucket.m["y"]': 'unknown' });
  });

  it.each([
    'aws_s3_bucket.m',
    '{ for k, b in aws_s3_bucket.m : k => b }',
    'merge({ for k, b in aws_s3_bucket.m : k => b }, {})',
    'merge([for k, b in aws_s3_bucket.m : { (k) = b }]...)',
    // A map of the instances written out: each.value is the instance, its ARN read as its reference.
    '{ x = aws_s3_bucket.m["x"], y = aws_s3_bucket.m["y"] }',
  ])(
    'a TLS policy per bucket of for_each = %s with each.value["arn"] passes each bucket',
    async (forEach) => {
      const arn = 'each.value["arn"]';
      const policy = `resource "aws_s3_bucket_policy" "p" {\n  for_each = ${forEach}\n  bucket   = each.value["id"]\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"\n      Resource  = [${arn}, "\${${arn}}/*"]\n      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n    }]\n  })\n}\n`;
      const graph = await graphOfTf({ 'main.tf': buckets + policy });
      expect(worstByAddress(evaluateRule(denyInsecureTransport, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': 'pass' });
    },
  );
});

// A `%{ for }` directive over a block's instances binds its symbol to one instance, as a `for`
// expression does (the texts terraform plans: evaluate-terraform.test.ts).
describe('a template directive over a block\'s instances', () => {
  const buckets = `resource "aws_s3_bucket" "m" {\n  for_each = toset(["x", "y"])\n  bucket   = "m-\${each.key}"\n}\n`;
  const tagged = (text: string) => `resource "aws_s3_bucket" "t" {\n  bucket = "t"\n  tags   = { Members = "${text}" }\n}\n`;

  it.each([
    ['%{ for b in values(aws_s3_bucket.m) }${b.bucket},%{ endfor }', 'm-x,m-y,'],
    ['%{ for k, b in aws_s3_bucket.m }${k}=${b["bucket"]};%{ endfor }', 'x=m-x;y=m-y;'],
    ['%{ for b in values(aws_s3_bucket.m) }%{ if b.bucket != "m-x" }${b.bucket}%{ endif }%{ endfor }', 'm-y'],
  ])('%s is %s', async (text, expected) => {
    const graph = await graphOfTf({ 'main.tf': buckets + tagged(text) });
    expect(get(graph, 'aws_s3_bucket.t').attr('tags', 'Members').raw).toBe(expected);
  });

  it.each(['%{ for b in values(aws_s3_bucket.m) }${b.id},%{ endfor }', '%{ for b in values(aws_s3_bucket.m) }%{ if b.arn != "" }x%{ endif }%{ endfor }'])(
    'an attribute known only after apply (%s) leaves the text unknown',
    async (text) => {
      const graph = await graphOfTf({ 'main.tf': buckets + tagged(text) });
      expect(get(graph, 'aws_s3_bucket.t').attr('tags', 'Members').isUnknown).toBe(true);
    },
  );
});

// A variable of type set(object({ … })) (or set(number)) takes the value Terraform converts it to:
// optional attributes filled in, repeats dropped, in cty's order (terraform console agrees:
// evaluate-terraform.test.ts), so a for_each made of it has the keys Terraform plans.
describe('a for_each over a variable of type set(object) with optional attributes', () => {
  const TYPE = 'set(object({ name = string, sse = optional(bool, true) }))';
  const resources = `resource "aws_s3_bucket" "m" {\n  for_each = { for b in var.buckets : b.name => b }\n  bucket   = each.key\n}\nresource "${SSE}" "m" {\n  for_each = { for b in var.buckets : b.name => b if b.sse }\n  bucket   = aws_s3_bucket.m[each.key].id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n`;

  it('its default: each bucket judged, the one whose optional sse defaults to true encrypted', async () => {
    const variable = `variable "buckets" {\n  type    = ${TYPE}\n  default = [{ name = "y", sse = false }, { name = "x" }]\n}\n`;
    const graph = await graphOfTf({ 'main.tf': variable + resources });
    expect(addresses(graph.ofType(SSE))).toEqual([`${SSE}.m["x"]`]);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': 'fail' });
  });

  it('given by a module call with a name known only after apply: the module\'s buckets unknown, none passes', async () => {
    const graph = await graphOfTf({
      'main.tf': `resource "aws_kms_key" "k" {}\nmodule "b" {\n  source  = "./b"\n  buckets = [{ name = "x" }, { name = aws_kms_key.k.key_id }]\n}\n`,
      'b/main.tf': `variable "buckets" {\n  type = ${TYPE}\n}\n${resources}`,
    });
    const verdicts = worstByAddress(evaluateRule(rule, graph));
    expect(Object.keys(verdicts).length).toBeGreaterThan(0);
    for (const [address, status] of Object.entries(verdicts)) expect({ address, status }).toEqual({ address, status: 'unknown' });
  });
});

// A policy read with its code: a `for` over a block's instances, or values() of them, binds its
// symbol to each instance, so `b.arn` is that instance's ARN, as `aws_s3_bucket.m["x"].arn` written
// out is (terraform plans the list of both buckets' ARNs).
describe('a policy whose resources a for over a block\'s instances lists', () => {
  const buckets = `resource "aws_s3_bucket" "m" {\n  for_each = toset(["x", "y"])\n  bucket   = "m-\${each.key}"\n}\n`;
  const policy = (resources: string) =>
    `resource "aws_s3_bucket_policy" "p" {\n  for_each = aws_s3_bucket.m\n  bucket   = each.value.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"\n      Resource  = ${resources}\n      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n    }]\n  })\n}\n`;

  it.each([
    'flatten([for b in values(aws_s3_bucket.m) : [b.arn, "${b.arn}/*"]])',
    'flatten([for k, b in aws_s3_bucket.m : [b["arn"], "${b.arn}/*"]])',
    'concat([for b in values(aws_s3_bucket.m) : b.arn], [for b in values(aws_s3_bucket.m) : "${b.arn}/*"])',
    // An instance the element's symbol indexes the block by (as terraform plans `[for n in local.names : terraform_data.m[n].input]`).
    'flatten([for k in keys(aws_s3_bucket.m) : [aws_s3_bucket.m[k].arn, "${aws_s3_bucket.m[k].arn}/*"]])',
    'flatten([for n in ["x", "y"] : [aws_s3_bucket.m[n].arn, "${aws_s3_bucket.m[n].arn}/*"]])',
  ])('Resource = %s passes each bucket', async (resources) => {
    const graph = await graphOfTf({ 'main.tf': buckets + policy(resources) });
    expect(worstByAddress(evaluateRule(denyInsecureTransport, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': 'pass' });
  });

  it.each(['flatten([for b in values(aws_s3_bucket.m) : [b.arn, "${b.arn}/*"] if b.bucket == "m-x"])', 'flatten([for n in ["x"] : [aws_s3_bucket.m[n].arn, "${aws_s3_bucket.m[n].arn}/*"]])'])(
    'listing only bucket x\'s ARNs (%s), bucket y does not pass',
    async (resources) => {
      const graph = await graphOfTf({ 'main.tf': buckets + policy(resources) });
      const verdicts = worstByAddress(evaluateRule(denyInsecureTransport, graph));
      expect(verdicts['aws_s3_bucket.m["x"]']).toBe('pass');
      expect(verdicts['aws_s3_bucket.m["y"]']).not.toBe('pass');
    },
  );

  // A local holding the instances (a list of them, the block whole): an element's attribute known only
  // after apply is read as that instance's reference, as terraform plans `[for b in local.list : b.arn]`.
  const locals = 'locals {\n  list  = [aws_s3_bucket.m["x"], aws_s3_bucket.m["y"]]\n  whole = aws_s3_bucket.m\n}\n';
  it.each([
    ['flatten([for b in local.list : [b.arn, "${b.arn}/*"]])', 'pass'],
    ['flatten([for k, b in local.whole : [b.arn, "${b["arn"]}/*"]])', 'pass'],
    ['[local.list[0].arn, "${local.list[0].arn}/*", local.list[1].arn, "${local.list[1].arn}/*"]', 'pass'],
    ['flatten([for b in [local.list[0]] : [b.arn, "${b.arn}/*"]])', 'unknown'],
  ])('Resource = %s over a local holding the instances: x passes, y %s', async (resources, y) => {
    const graph = await graphOfTf({ 'main.tf': buckets + locals + policy(resources) });
    expect(worstByAddress(evaluateRule(denyInsecureTransport, graph))).toEqual({ 'aws_s3_bucket.m["x"]': 'pass', 'aws_s3_bucket.m["y"]': y });
  });

  it('over a block whose keys are not known (a variable without a value): no bucket passes', async () => {
    const unknownKeys = buckets.replace('toset(["x", "y"])', 'var.names');
    const graph = await graphOfTf({ 'main.tf': 'variable "names" {\n  type = set(string)\n}\n' + unknownKeys + policy('flatten([for b in values(aws_s3_bucket.m) : [b.arn, "${b.arn}/*"]])') });
    const verdicts = worstByAddress(evaluateRule(denyInsecureTransport, graph));
    expect(Object.keys(verdicts).length).toBeGreaterThan(0);
    for (const [address, status] of Object.entries(verdicts)) expect({ address, status }).toEqual({ address, status: 'unknown' });
  });
});
