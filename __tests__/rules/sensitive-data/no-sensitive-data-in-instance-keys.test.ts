import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import rule from '../../../checks/rules/sensitive-data/no-sensitive-data-in-instance-keys';
import { runCheck } from '../../robustness/harness';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const user = (address: string) => res(address, { name: 'u' }, { unknown: { arn: true, id: true }, repetition: 'for_each' });

ruleTable(rule, [
  {
    name: 'no-sensitive-data-in-instance-keys: keys that name things pass, numeric indexes too',
    plan: plan([user('aws_iam_user.dev["jroe"]'), user('module.team["platform"].aws_iam_user.dev["build-bot"]'), res('aws_sqs_queue.q[0]', { name: 'q' })]),
    expect: { 'aws_iam_user.dev["jroe"]': 'pass', 'module.team["platform"].aws_iam_user.dev["build-bot"]': 'pass', 'aws_sqs_queue.q[0]': 'pass' },
  },
  {
    name: "fail: an email address as the resource's key, masked",
    plan: plan([user('aws_iam_user.dev["jane.roe@example.com"]')]),
    expect: { 'aws_iam_user.dev["jane.roe@example.com"]': 'fail' },
    message: /^The for_each key of this instance holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
  },
  {
    name: "fail: an email address as a module instance's key, reported on the module instance",
    plan: plan([user('module.team["jane.roe@example.com"].aws_iam_user.dev["a"]'), user('module.team["jane.roe@example.com"].aws_iam_user.dev["b"]')]),
    expect: { 'module.team["jane.roe@example.com"]': 'fail' },
    message: /^The for_each key of module\.team\["jane\.roe@example\.com"\] holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
  },
  {
    name: 'fail: a token as a key',
    plan: plan([user('aws_iam_user.dev["ghp_0123456789abcdefghijABCDEFGHIJ012345"]')]),
    expect: { 'aws_iam_user.dev["ghp_0123456789abcdefghijABCDEFGHIJ012345"]': 'fail' },
  },
  {
    name: 'fail: a configured sensitive pattern',
    plan: plan([user('aws_iam_user.dev["EMP-123456"]')]),
    settings: { sensitivePatterns: [{ name: 'employee number', pattern: 'EMP-\\d{6}' }] },
    expect: { 'aws_iam_user.dev["EMP-123456"]': 'fail' },
  },
  {
    name: "fail: a token as the resource's name, which the address holds as it holds a key",
    plan: plan([res('aws_sqs_queue.rk_live_4i9DoV8gz4FkQ1okTBGzvAmwufUxbvJDCTbyvHNs', { name: 'q' })]),
    expect: { 'aws_sqs_queue.rk_live_4i9DoV8gz4FkQ1okTBGzvAmwufUxbvJDCTbyvHNs': 'fail' },
    message: /^The name of this instance holds a Stripe secret key \(rk_l\*\*\*\)/,
  },
  {
    name: "fail: a token as a module call's name, reported on the module instance",
    plan: plan([res('module.ghp_0123456789abcdefghijABCDEFGHIJ012345.aws_sqs_queue.q', { name: 'q' })]),
    expect: { 'module.ghp_0123456789abcdefghijABCDEFGHIJ012345': 'fail' },
    message: /^The name of module\.ghp_0123456789abcdefghijABCDEFGHIJ012345 holds a GitHub token/,
  },
  // Judged as a block, with ephemeral blocks and actions (`evaluateBlock`, below), not as a resource.
  { name: 'a data source is not judged as a resource', plan: plan([res('data.aws_iam_user.u["jane.roe@example.com"]', { user_name: 'u' }, { actions: ['read'] })]), expect: { 'data.aws_iam_user.u["jane.roe@example.com"]': 'not-applicable' } },
]);

// Terraform prints a data source's, an ephemeral block's and an action's address as a resource's (`data.http.probe["…"]: Reading...`).
describe("the keys of data sources, ephemeral blocks and actions are judged as a resource's, and masked in every report", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const code = path.join(dir, 'code');
  fs.mkdirSync(code);
  fs.writeFileSync(
    path.join(code, 'main.tf'),
    [
      'data "http" "probe" {\n  for_each = toset(["jane.roe@example.com"])\n  url      = "https://example.com/u"\n}',
      'ephemeral "aws_secretsmanager_secret_version" "s" {\n  for_each  = toset(["john.doe@example.com"])\n  secret_id = "x"\n}',
      'action "aws_lambda_invoke" "notify" {\n  for_each = toset(["ann.lee@example.com", "build"])\n  config {\n    function_name = "notify"\n  }\n}',
    ].join('\n'),
  );
  const doc = plan([res('aws_sqs_queue.q', { name: 'q' }), res('data.http.probe["jane.roe@example.com"]', { url: 'https://example.com/u' }, { actions: ['read'], provider: 'http' })]) as Record<string, unknown>;
  const invocation = (address: string) => ({ address, type: 'aws_lambda_invoke', name: 'notify', config_values: { function_name: 'notify' }, config_sensitive: {}, provider_name: 'registry.terraform.io/hashicorp/aws' });
  doc.action_invocations = [invocation('action.aws_lambda_invoke.notify["john.doe@example.com"]'), invocation('module.team["ann.lee@example.com"].action.aws_lambda_invoke.notify')];
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(doc));
  const keyFindings = (stdout: string): [string, string][] =>
    (JSON.parse(stdout) as { findings: { ruleId: string; address: string; status: string }[] }).findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status]);

  it('flags them in .tf code and in a plan, on the block or on the module instance', async () => {
    expect(keyFindings((await runCheck([code, '--input-kind', 'hcl'], dir)).stdout)).toEqual([
      ['action.aws_lambda_invoke.notify["a***@e***.com"]', 'fail'],
      ['data.http.probe["j***@e***.com"#1]', 'fail'],
      ['ephemeral.aws_secretsmanager_secret_version.s["j***@e***.com"#2]', 'fail'],
    ]);
    expect(keyFindings((await runCheck([path.join(dir, 'plan.json')], dir)).stdout)).toEqual([
      ['action.aws_lambda_invoke.notify["j***@e***.com"#2]', 'fail'],
      ['data.http.probe["j***@e***.com"#1]', 'fail'],
      ['module.team["a***@e***.com"]', 'fail'],
    ]);
  });

  it("fails an action's address no parser reads on what it holds (a plan writes the address as any string)", async () => {
    const odd = { ...doc, action_invocations: [invocation('action.aws_lambda_invoke.notify["jane.roe@example.com"]["x"]')] };
    fs.writeFileSync(path.join(dir, 'odd.json'), JSON.stringify(odd));
    const { stdout } = await runCheck([path.join(dir, 'odd.json')], dir);
    expect(keyFindings(stdout)).toContainEqual(['action.aws_lambda_invoke.notify["j***@e***.com"]["x"]', 'fail']);
    expect(stdout).not.toContain('jane.roe');
  });

  it.each(['text', 'json', 'sarif', 'junit', 'markdown', 'codequality'])('%s', async (format) => {
    for (const [input, kind] of [[code, 'hcl'], [path.join(dir, 'plan.json'), 'plan']]) {
      const { stdout } = await runCheck([input, '--input-kind', kind, '--format', format], dir);
      expect(stdout).toContain('j***@e***.com');
      expect(stdout).not.toMatch(/jane\.roe|john\.doe|ann\.lee/);
    }
  });
});

describe('a key found to hold personal data is masked in every report, addresses included', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan([user('module.team["jane.roe@example.com"].aws_iam_user.dev["john.doe@example.com"]')])));

  it.each(['text', 'json', 'sarif', 'junit', 'markdown'])('%s', async (format) => {
    const { code, stdout } = await runCheck([file, '--format', format], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('j***@e***.com');
    expect(stdout).not.toMatch(/jane\.roe|john\.doe/);
  });
});

describe('a key that holds a short match is masked whole (a match under six characters is masked only as a whole key)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan([user('aws_iam_user.dev["E1234-x"]'), user('module.team["E5678-y"].aws_iam_user.dev["a"]')])));
  fs.writeFileSync(path.join(dir, 'twinguard.config.yaml'), 'sensitivePatterns:\n  - name: employee id\n    pattern: "E[0-9]{4}"\n');

  it.each(['text', 'json', 'sarif', 'junit', 'markdown', 'codequality'])('%s', async (format) => {
    const { code, stdout } = await runCheck([path.join(dir, 'plan.json'), '-c', path.join(dir, 'twinguard.config.yaml'), '--format', format], dir);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/E1234|E5678|-x"|-y"/);
  });
});

describe('a key that is base64 of personal data is masked as stars alone: a character of it shown decodes to some of the datum', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const b64 = (text: string): string => Buffer.from(text).toString('base64');
  // amFu… decodes to "jan", KzQ0… to "+44".
  const keys = [b64('jane.roe@example.com'), b64('+44 20 7946 0958')];
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan(keys.map((key) => user(`aws_iam_user.dev["${key}"]`)))));

  it.each(['text', 'json', 'sarif', 'junit', 'markdown', 'codequality'])('%s', async (format) => {
    const { code, stdout } = await runCheck([path.join(dir, 'plan.json'), '--format', format], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/base64-encoded/);
    expect(stdout).not.toMatch(/amFu|KzQ0/);
  });
});

// A resource's name and a cdktf construct's ids are printed and kept as a key is: `aws_sqs_queue.rk_live_…`, `s1/sk_live_…/q`.
describe("a resource's name and a construct path that hold a secret are reported as a key is, and masked in every report", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-names-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stripe = 'rk_live_4i9DoV8gz4FkQ1okTBGzvAmwufUxbvJDCTbyvHNs';
  const inPath = 'sk_live_SH4487q7J58m1CiAhzCueQpBenQtYh5Xj8TPQxjq';
  const TAGS = { Environment: 'dev', Owner: 'platform', DataClassification: 'internal' };
  fs.mkdirSync(path.join(dir, 'code'));
  fs.writeFileSync(path.join(dir, 'code', 'main.tf'), `resource "aws_sqs_queue" "${stripe}" {\n  name = "q"\n}\n`);
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan([res(`aws_sqs_queue.${stripe}`, { name: 'q', tags: TAGS, tags_all: TAGS })])));
  const meta = (p: string) => ({ '//': { metadata: { path: p, uniqueId: 'q' } } });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ '//': { metadata: { stackName: 's1', version: '0.21.0', backend: 'local' } }, resource: { aws_sqs_queue: { q: { ...meta(`s1/${inPath}/q`), name: 'q', tags: TAGS } } } }));
  const inputs: [string, string, string][] = [
    [path.join(dir, 'code'), 'hcl', 'aws_sqs_queue.rk_l***'],
    [path.join(dir, 'plan.json'), 'plan', 'aws_sqs_queue.rk_l***'],
    [path.join(dir, 'cdk.tf.json'), 'cdktf', 's1/sk_l***/q'],
  ];

  it.each(inputs)('%s (%s): a failing finding on %s', async (input, kind, shown) => {
    const { stdout } = await runCheck([input, '--input-kind', kind, '--format', 'json'], dir);
    const found = (JSON.parse(stdout) as { findings: { ruleId: string; address: string; constructPath?: string; status: string }[] }).findings.filter((f) => f.ruleId === rule.id);
    expect(found.map((f) => [kind === 'cdktf' ? f.constructPath : f.address, f.status])).toEqual([[shown, 'fail']]);
  });

  it.each(['text', 'json', 'sarif', 'junit', 'markdown', 'codequality'])('%s', async (format) => {
    for (const [input, kind] of inputs) {
      const { stdout } = await runCheck([input, '--input-kind', kind, '--format', format], dir);
      expect(stdout).not.toContain(stripe.slice(4));
      expect(stdout).not.toContain(inPath.slice(4));
    }
  });
});

// A module call the loader does not read (a remote source) has no resource to carry its name; the coverage names it,
// and so does every message that follows a reference into it.
describe("a not-loaded module call's name that holds a secret is reported on the call, and masked in every report", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-notloaded-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const name = 'sk_live_4i9DaBcDeFgHiJkLmNoPqRs3';
  fs.writeFileSync(
    path.join(dir, 'main.tf'),
    `module "${name}" {\n  source = "git::https://example.com/x.git"\n}\nresource "aws_sqs_queue" "r" {\n  name              = "q2"\n  kms_master_key_id = module.${name}.key\n}\n`,
  );

  it('a failing finding on the module call, at its block', async () => {
    const { stdout } = await runCheck([dir, '--strict', '--format', 'json'], dir);
    const report = JSON.parse(stdout) as { findings: { ruleId: string; address: string; status: string; line?: number; message: string }[]; coverage: { notLoadedModules: { module: string }[] } };
    const found = report.findings.filter((f) => f.ruleId === rule.id);
    expect(found.map((f) => [f.address, f.status, f.line])).toEqual([['module.sk_l***', 'fail', 1]]);
    expect(found[0]?.message).toMatch(/^The name of module\.sk_l\*\*\* holds a Stripe secret key/);
    expect(report.coverage.notLoadedModules.map((m) => m.module)).toEqual(['module.sk_l***']);
  });

  it.each(['text', 'json', 'sarif', 'junit', 'markdown', 'codequality'])('%s', async (format) => {
    const { stdout } = await runCheck([dir, '--strict', '--format', format], dir);
    expect(stdout).toContain('sk_l***');
    expect(stdout).not.toContain(name.slice(4));
  });
});
