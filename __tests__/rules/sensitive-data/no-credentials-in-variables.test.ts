import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import rule from '../../../checks/rules/sensitive-data/no-credentials-in-variables';
import { check, FORMATS, render } from '../../../checks/check';
import { DEFAULT_CONFIG } from '../../../checks/config';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { loadHcl } from '../../../checks/model/hcl';
import { parsePlanDocument } from '../../../checks/model/plan';
import type { LoadedInput } from '../../../checks/model/types';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { plan, res } from '../../helpers/plan-builder';
import { checkFindings, twinguard, withFiles } from '../../cli/run';

const PASSWORD = 'Tr0ub4dor-and-3';
const DB_URL = `postgres://admin:${PASSWORD}@db.example.com:5432/app`;
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const parsePlan = (document: Record<string, unknown>): LoadedInput => parsePlanDocument(document, 'plan.json');

/** A plan whose root module declares `declarations` and gives the variables `values`. */
function withVariables(declarations: Record<string, { sensitive?: boolean; default?: unknown }>, values: Record<string, unknown>): Record<string, unknown> {
  const document = plan([res('aws_s3_bucket.a', { bucket: 'a' }), res('aws_s3_bucket.b', { bucket: 'b' })], { variables: values });
  const configuration = document.configuration as { root_module: Record<string, unknown> };
  return { ...document, configuration: { ...configuration, root_module: { ...configuration.root_module, variables: declarations } } };
}

ruleTable(rule, [
  {
    name: 'no-credentials-in-variables: plain variables pass',
    plan: withVariables({ region: { default: 'eu-west-1' }, env: {} }, { region: 'eu-west-1', env: 'prod' }),
    expect: { 'plan.json': 'pass' },
  },
  {
    name: 'a credential in the value of a variable not marked sensitive fails, on the variable',
    plan: withVariables({ database_url: {} }, { database_url: DB_URL }),
    expect: { 'var.database_url': 'fail' },
    message: /^`var\.database_url` is not marked sensitive.*holds a URL with credentials in it/,
  },
  {
    name: 'the same value in a sensitive variable is how it should be passed: not read',
    plan: withVariables({ database_url: { sensitive: true } }, { database_url: DB_URL }),
    expect: { 'plan.json': 'pass' },
  },
  {
    name: 'a credential in a default fails, sensitive or not, once (the value equal to it is not judged again)',
    plan: withVariables({ aws_access_key: { sensitive: true, default: KEY_ID }, aws_secret_key: { default: SECRET_KEY } }, { aws_access_key: KEY_ID, aws_secret_key: SECRET_KEY }),
    expect: { 'var.aws_access_key': 'fail', 'var.aws_secret_key': 'fail' },
    message: /^The default of `var\.aws_(access|secret)_key` is part of the code/,
  },
  // terragoat: `variable "password" { default = "Aa1234321Bb" }` feeds an aws_db_instance.
  {
    name: 'a default or a value under a credential\'s name is a credential whatever its shape (the variable\'s name, or a key inside it), masked',
    plan: withVariables(
      { password: { default: 'Aa1234321Bb' }, dbPassword: {}, database: { default: { host: 'db.internal', password: 'Aa1234321Bb' } }, db_passwords: { default: { prod: 'Aa1234321Bb' } } },
      { password: 'Aa1234321Bb', dbPassword: 'Aa1234321Bb' },
    ),
    expect: { 'var.password': 'fail', 'var.dbPassword': 'fail', 'var.database': 'fail', 'var.db_passwords': 'fail' },
    message: /holds a value its name marks as a credential \(Aa\*\*\*\)/,
  },
  // cloudposse/cloudfront-cdn: custom_header = [{ name = "X-Origin-Password", value = … }] given to the module.
  {
    name: 'a { name, value } pair whose name marks a credential, in a default',
    plan: withVariables({ custom_header: { default: [{ name: 'X-Origin-Password', value: 'Sup3rS3cretPassw0rd!' }, { name: 'X-Env', value: 'prod' }] } }, {}),
    expect: { 'var.custom_header': 'fail' },
    message: /holds a value its name marks as a credential \(Sup3\*\*\*\)/,
  },
  // An EventBridge connection's `header { key, value }` or CloudFront's `custom_header` given to a module: the value is the header's.
  {
    name: 'a list under the plural of a credential\'s name, in a default (api_keys, tokens, client_secrets, private_keys)',
    plan: withVariables(
      { api_keys: { default: ['k7Fq2ZpL9mWx4RtB8vNc'] }, tokens: { default: ['Zq8Wv3xLm9KpQ2'] }, client_secrets: { default: ['Yt5Rr2Lq8Mn3'] }, oauth: { default: { private_keys: ['Xr4Tt7Lq2Mn9'] } } },
      {},
    ),
    expect: { 'var.api_keys': 'fail', 'var.tokens': 'fail', 'var.client_secrets': 'fail', 'var.oauth': 'fail' },
    message: /holds a value its name marks as a credential \((k7Fq|Zq8|Yt5|Xr4)\*\*\*\)/,
  },
  {
    name: 'plural names that are no credential\'s pass: counts and limits, names of keys, a bare secrets (names of secrets kept elsewhere), idempotency tokens, lists that name keys (words, environment variables\' names)',
    plan: withVariables(
      {
        max_tokens: { default: '4096' },
        total_tokens: { default: ['8192'] },
        key_names: { default: ['deployer'] },
        secrets: { default: ['db-creds'] },
        client_tokens: { default: ['fs-1'] },
        api_keys: { default: ['mobile-client', 'partner-portal'] },
        secret_keys: { default: ['DB_PASSWORD', 'API_TOKEN'] },
        numbered_secret_keys: { default: ['DB_PASSWORD2', 'API_TOKEN_1'] },
      },
      {},
    ),
    expect: { 'plan.json': 'pass' },
  },
  {
    // Review r1 (envname): a numbered variable's name passed as a name under a scalar credential too.
    name: 'a numbered environment variable\'s name as the default of a scalar credential is a password made of a name and fails',
    plan: withVariables({ password: { default: 'ADMIN_PASSWORD1' }, db_password: { default: 'MASTER_PASSWORD_12' }, app_password: { default: 'DB_PASSWORD' } }, {}),
    expect: { 'var.password': 'fail', 'var.db_password': 'fail' },
    message: /holds a value its name marks as a credential \((ADMI?|MAST?)\*\*\*\)/,
  },
  {
    name: 'a header pair whose name or key is a credential header, in a default',
    plan: withVariables(
      {
        headers: { default: [{ key: 'Authorization', value: 'Bearer k7Fq2ZpL9mWx4RtB8vNe' }, { key: 'Accept', value: 'application/json' }] },
        custom_header: { default: [{ name: 'X-API-Key', value: 'k7Fq2ZpL9mWx4RtB8vNc' }] },
      },
      {},
    ),
    expect: { 'var.headers': 'fail', 'var.custom_header': 'fail' },
    message: /holds (an HTTP Authorization header's credentials \(Bearer\)|the value of an HTTP `X-API-Key` header) \(k7Fq\*\*\*\)/,
  },
  {
    name: 'names that only contain a credential word, placeholders, ARNs of secrets and empty defaults pass',
    plan: withVariables(
      { password_length: { default: '32' }, db_password_secret_arn: { default: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db' }, db_password: { default: '' }, api_token: { default: '<token>' }, creation_token: { default: 'fs-1' } },
      {},
    ),
    expect: { 'plan.json': 'pass' },
  },
  // terraform-aws-modules/memory-db: users = { admin = { passwords = ["…"] } }.
  {
    name: 'a list under a credential\'s name takes its name, however deep (its items are credentials); a map in such a list has its own keys',
    plan: withVariables(
      {
        users: { default: { admin: { user_name: 'admin-user', passwords: ['Adm1nPassw0rdForMemoryDB!xyz'] } } },
        db: { default: { password: ['Aa1234321Bb'] } },
        clients: { default: [{ name: 'ci', client_secret: ['Qz7-Sup3rS3cretValue-Lm4'] }] },
        credentials: { default: [{ name: 'ci-user', region: 'eu-west-1' }] },
      },
      {},
    ),
    expect: { 'var.users': 'fail', 'var.db': 'fail', 'var.clients': 'fail' },
    message: /holds a value its name marks as a credential \((Adm1|Aa|Qz7-)\*\*\*\)/,
  },
  {
    name: 'a credential inside a map default is found at its key',
    plan: withVariables({ settings: { default: { region: 'eu-west-1', webhook: 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX' } } }, {}),
    expect: { 'var.settings': 'fail' },
    message: /Slack webhook URL/,
  },
  {
    name: 'a variable the configuration does not declare is not read (its sensitivity is unknown)',
    plan: withVariables({}, { database_url: DB_URL }),
    expect: { 'plan.json': 'pass' },
  },
]);

const failures = (input: LoadedInput) =>
  evaluateRule(rule, buildGraph([input]))
    .filter((v) => v.status === 'fail')
    .map((v) => [v.address, v.path]);

describe('no-credentials-in-variables findings', () => {
  it('name the variable and where in it, once for the input, and never quote the credential', () => {
    const graph = buildGraph([parsePlan(withVariables({ database_url: {} }, { database_url: DB_URL }))]);
    const failures = evaluateRule(rule, graph).filter((v) => v.status === 'fail');
    expect(failures.map((f) => [f.address, f.path])).toEqual([['var.database_url', 'value']]);
    const { report, redact } = check([parsePlan(withVariables({ database_url: {} }, { database_url: DB_URL }))], DEFAULT_CONFIG, { today: '2026-11-29' });
    const mine = report.findings.filter((f) => f.ruleId === rule.id);
    expect(mine.map((f) => [f.address, f.path])).toEqual([['var.database_url', 'value']]);
    expect(redact).toContain(PASSWORD);
    for (const format of FORMATS) expect(render({ report, redact }, format)).not.toContain(PASSWORD);
    const nested = buildGraph([parsePlan(withVariables({ settings: { default: { region: 'eu-west-1', url: DB_URL } } }, {}))]);
    expect(evaluateRule(rule, nested).find((v) => v.status === 'fail')?.path).toBe('default.url');
  });

  it('find the same default in a .tf directory, in cdk.tf.json and in the plan of that code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-variables-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), `variable "aws_secret_key" {\n  default = "${SECRET_KEY}"\n}\n\nresource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n`);
      const hcl = await loadHcl(dir);
      const cdktf = parseCdktfDocument({ variable: { aws_secret_key: { default: SECRET_KEY } }, resource: { aws_s3_bucket: { a: { bucket: 'a' } } } }, 'cdk.tf.json');
      const planned = parsePlan(withVariables({ aws_secret_key: { default: SECRET_KEY } }, { aws_secret_key: SECRET_KEY }));
      const verdicts = (input: LoadedInput) =>
        evaluateRule(rule, buildGraph([input]))
          .filter((v) => v.status === 'fail')
          .map((v) => [v.address, v.path]);
      expect(verdicts(hcl)).toEqual([['var.aws_secret_key', 'default']]);
      expect(verdicts(cdktf)).toEqual(verdicts(hcl));
      expect(verdicts(planned)).toEqual(verdicts(hcl));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('find a credential in a module that manages no resource itself (a root that only calls registry modules)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-variables-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), `variable "aws_secret_key" {\n  default = "${SECRET_KEY}"\n}\n\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n`);
      const hcl = await loadHcl(dir);
      expect(hcl.resources).toEqual([]);
      const { report } = check([hcl], DEFAULT_CONFIG, { today: '2026-11-29' });
      expect(report.findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path])).toEqual([['var.aws_secret_key', 'default']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('find a credential in the default of a module\'s variable, in a .tf local module and in the plan of that code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-variables-'));
    try {
      fs.mkdirSync(path.join(dir, 'modules', 'app'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'main.tf'), 'module "app" {\n  source = "./modules/app"\n}\n');
      fs.writeFileSync(path.join(dir, 'modules', 'app', 'main.tf'), `variable "token" {\n  sensitive = true\n  default   = "${DB_URL}"\n}\n\nresource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n`);
      const document = plan([res('module.app.aws_s3_bucket.a', { bucket: 'a' })], { moduleCalls: { 'module.app': { source: './modules/app' } } });
      const root = (document.configuration as { root_module: { module_calls: { app: { module: Record<string, unknown> } } } }).root_module;
      root.module_calls.app.module.variables = { token: { sensitive: true, default: DB_URL } };
      expect(failures(await loadHcl(dir))).toEqual([['module.app.var.token', 'default']]);
      expect(failures(parsePlan(document))).toEqual([['module.app.var.token', 'default']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('variable files beside a .tf root module', () => {
    const withFiles = async (files: Record<string, string>) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-tfvars-'));
      try {
        fs.writeFileSync(path.join(dir, 'main.tf'), 'variable "db_url" {\n  sensitive = true\n}\n\nvariable "region" {}\n\nresource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n');
        for (const [name, text] of Object.entries(files)) {
          fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
          fs.writeFileSync(path.join(dir, name), text);
        }
        return await loadHcl(dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    it('a credential in terraform.tfvars, *.auto.tfvars or their JSON forms fails on the variable, sensitive or not, declared or not, naming the file', async () => {
      const input = await withFiles({
        'terraform.tfvars': `db_url = "${DB_URL}"\nregion = "eu-west-1"\n`,
        'terraform.tfvars.json': JSON.stringify({ legacy: { keys: [KEY_ID] } }),
        'prod.auto.tfvars': `token = "$\${not-a-secret}"\nsecret_key = "${SECRET_KEY}"\n`,
      });
      expect(input.variableFiles?.map((f) => f.file)).toEqual(['terraform.tfvars', 'terraform.tfvars.json', 'prod.auto.tfvars']);
      expect(failures(input)).toEqual([
        ['var.db_url', 'terraform.tfvars'],
        ['var.legacy', 'terraform.tfvars.json.keys.0'],
        ['var.secret_key', 'prod.auto.tfvars'],
      ]);
      const { report, redact } = check([input], DEFAULT_CONFIG, { today: '2026-11-29' });
      const mine = report.findings.filter((f) => f.ruleId === rule.id);
      expect(mine[0].message).toMatch(/^`terraform\.tfvars` gives `var\.db_url` its value in clear beside the code/);
      for (const format of FORMATS) for (const secret of [PASSWORD, KEY_ID, SECRET_KEY]) expect(render({ report, redact }, format)).not.toContain(secret);
    });

    // Terraform takes a .tfvars.json string as written (`"${x}-a"` is the value "${x}-a", checked with terraform 1.11.4):
    // read as a template, a credential after "${x}" or inside a directive was unknown, and passed.
    it('a .tfvars.json string is the text it writes, no template: a credential after ${…} or %{…} in it fails', async () => {
      const token = 'ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654';
      const files = {
        'main.tf': 'variable "api_token" { type = string }\nvariable "db" { type = map(string) }\n',
        'terraform.tfvars.json': JSON.stringify({ api_token: `\${x}${token}`, db: { url: `%{ if false }${DB_URL}%{ endif }` } }),
      };
      const input = await withFiles(files);
      expect(input.variableFiles?.[0].values).toEqual({ api_token: `\${x}${token}`, db: { url: `%{ if false }${DB_URL}%{ endif }` } });
      expect(failures(input)).toEqual([
        ['var.api_token', 'terraform.tfvars.json'],
        ['var.db', 'terraform.tfvars.json.url'],
      ]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-tfvars-json-'));
      try {
        for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
        const run = await twinguard(['check', dir, '--format', 'json'], { cwd: dir });
        const findings: { ruleId: string; address: string; status: string; message: string }[] = JSON.parse(run.stdout).findings;
        expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status])).toEqual([
          ['var.api_token', 'fail'],
          ['var.db', 'fail'],
        ]);
        expect(run.stdout).not.toContain(token.slice(4));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    // A .tfvars value that reads a name is one terraform refuses where it takes it (exit 2 here too), yet the file
    // holds the text in clear, taken or not: the value was unknown, so a credential after "${x}" passed.
    it('a credential in a .tfvars value terraform does not take (a template around a name, a key not known) fails, masked; taken, the file is refused without it', async () => {
      const token = 'ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654';
      const tfvars = [
        `api_token = "\${x}${token}"`,
        `urls = ["\${x}", "\${x}-${DB_URL}"]`,
        `keys = { "\${x}" = "${token}", region = x }`,
        `nested = { outer = { "\${x}" = "${KEY_ID}" } }`,
        'plain = x',
      ].join('\n');
      // None is declared: terraform does not read them (it warns), nor when a -var gives the variable (below).
      expect(failures(await withFiles({ 'terraform.tfvars': `${tfvars}\n` })).sort()).toEqual([
        ['var.api_token', 'terraform.tfvars'],
        ['var.keys', 'terraform.tfvars'],
        ['var.nested', 'terraform.tfvars.outer'],
        ['var.urls', 'terraform.tfvars.1'],
      ]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-tfvars-template-'));
      try {
        fs.writeFileSync(path.join(dir, 'main.tf'), 'variable "api_token" {\n  type = string\n}\n');
        fs.writeFileSync(path.join(dir, 'terraform.tfvars'), `${tfvars}\n`);
        const run = await twinguard(['check', dir, '--var', 'api_token=x', '--format', 'json'], { cwd: dir });
        const findings: { ruleId: string; address: string; status: string }[] = JSON.parse(run.stdout).findings;
        expect({ code: run.code, failed: findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status]).sort() }).toEqual({
          code: 1,
          failed: [
            ['var.api_token', 'fail'],
            ['var.keys', 'fail'],
            ['var.nested', 'fail'],
            ['var.urls', 'fail'],
          ],
        });
        // Taken (no -var), the value is refused as terraform refuses it, in a line that does not quote it.
        const taken = await twinguard(['check', dir], { cwd: dir });
        expect({ code: taken.code, stderr: taken.stderr.trim() }).toEqual({
          code: 2,
          stderr: expect.stringMatching(/^twinguard: terraform\.tfvars: var\.api_token is given a value that reads a name .*"Variables not allowed"; the value is not printed: it may be a secret\)$/),
        });
        for (const out of [run.stdout, run.stderr, taken.stdout, taken.stderr]) for (const secret of [token.slice(4), PASSWORD, KEY_ID]) expect(out).not.toContain(secret);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    // Terraform refuses a function call in a .tfvars value ("Function calls not allowed", quoting the line) and takes a
    // conditional of constants (`true ? "x" : "…"` is "x", checked with terraform 1.11.4): the text is in clear in the file either way.
    it('a credential in a .tfvars value inside a function call or a side not taken fails, masked; a call taken is refused without quoting it', async () => {
      const token = 'ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654';
      const tfvars = [`side = true ? "x" : "${KEY_ID}"`, `api_token = lower("${token}")`, `keys = [upper("${KEY_ID}")]`].join('\n');
      // None is declared: terraform does not read them; the file holds them all the same.
      expect(failures(await withFiles({ 'terraform.tfvars': `${tfvars}\n` })).sort()).toEqual([
        ['var.api_token', 'terraform.tfvars'],
        ['var.keys', 'terraform.tfvars.0'],
        ['var.side', 'terraform.tfvars'],
      ]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-tfvars-call-'));
      try {
        fs.writeFileSync(path.join(dir, 'main.tf'), 'variable "api_token" {\n  type = string\n}\nvariable "side" {\n  type = string\n}\n');
        fs.writeFileSync(path.join(dir, 'terraform.tfvars'), `${tfvars}\n`);
        const taken = await twinguard(['check', dir], { cwd: dir });
        expect({ code: taken.code, stderr: taken.stderr.trim() }).toEqual({
          code: 2,
          stderr: expect.stringMatching(/^twinguard: terraform\.tfvars: var\.api_token is given a value that calls a function, .*"Function calls not allowed"; the value is not printed: it may be a secret\)$/),
        });
        // Given by a -var, the file's value is not taken: the side not taken and the call fail, masked.
        const given = await twinguard(['check', dir, '--var', 'api_token=x', '--format', 'json'], { cwd: dir });
        const found: { ruleId: string; address: string; status: string }[] = JSON.parse(given.stdout).findings;
        expect(found.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status]).sort()).toEqual([
          ['var.api_token', 'fail'],
          ['var.keys', 'fail'],
          ['var.side', 'fail'],
        ]);
        for (const out of [taken.stdout, taken.stderr, given.stdout, given.stderr]) for (const secret of [token.slice(4), KEY_ID]) expect(out).not.toContain(secret);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('files Terraform does not load by itself are not read; files without credentials pass', async () => {
      const input = await withFiles({ 'prod.tfvars': `db_url = "${DB_URL}"\n`, 'env/terraform.tfvars': `db_url = "${DB_URL}"\n`, 'terraform.tfvars': 'region = "eu-west-1"\n' });
      expect(input.variableFiles?.map((f) => f.file)).toEqual(['terraform.tfvars']);
      expect(failures(input)).toEqual([]);
    });

    it('a variable file that is not valid HCL or JSON stops the check with one line naming it', async () => {
      await expect(withFiles({ 'terraform.tfvars': 'db_url = "unclosed\n' })).rejects.toThrow(/terraform\.tfvars: invalid HCL: /);
      await expect(withFiles({ 'x.auto.tfvars.json': '{"a": ' })).rejects.toThrow(/x\.auto\.tfvars\.json: invalid JSON/);
      await expect(withFiles({ 'x.auto.tfvars.json': '[1]' })).rejects.toThrow(/x\.auto\.tfvars\.json: not a variable file/);
    });
  });

  it('a credential in a local fails on the local, in a .tf directory and in cdk.tf.json, used or not; a local made of a variable is not read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-locals-'));
    try {
      fs.mkdirSync(path.join(dir, 'modules', 'app'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'main.tf'), `locals {\n  db_url   = "${DB_URL}"\n  settings = { keys = ["${KEY_ID}"] }\n  from_var = "\${var.token}"\n}\n\nmodule "app" {\n  source = "./modules/app"\n}\n`);
      fs.writeFileSync(path.join(dir, 'modules', 'app', 'main.tf'), `locals {\n  token = "${SECRET_KEY}"\n  aws_secret = local.token\n}\n\nresource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n`);
      const hcl = await loadHcl(dir);
      expect(failures(hcl)).toEqual([
        ['local.db_url', 'value'],
        ['local.settings', 'value.keys.0'],
        ['module.app.local.aws_secret', 'value'],
        ['module.app.local.token', 'value'], // named a credential: one whatever its shape
      ]);
      const cdktf = parseCdktfDocument({ locals: { db_url: DB_URL, plain: 'eu-west-1' }, resource: { aws_s3_bucket: { a: { bucket: 'a' } } } }, 'cdk.tf.json');
      expect(failures(cdktf)).toEqual([['local.db_url', 'value']]);
      const { report, redact } = check([hcl], DEFAULT_CONFIG, { today: '2026-11-29' });
      expect(report.findings.find((f) => f.address === 'local.db_url')?.message).toMatch(/^`local\.db_url` is part of the code/);
      for (const format of FORMATS) for (const secret of [PASSWORD, KEY_ID, SECRET_KEY]) expect(render({ report, redact }, format)).not.toContain(secret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a list under a credential\'s name nested in a local or a module argument fails at the item, masked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-nested-lists-'));
    const secret = 'Adm1nPassw0rdForMemoryDB!xyz';
    try {
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `locals {\n  db = { passwords = ["${secret}"] }\n}\n\nmodule "memory_db" {\n  source = "terraform-aws-modules/memory-db/aws"\n  users  = { admin = { user_name = "admin-user", passwords = ["${secret}"] } }\n}\n`,
      );
      const hcl = await loadHcl(dir);
      expect(failures(hcl)).toEqual([
        ['local.db', 'value.passwords.0'],
        ['module.memory_db', 'users.admin.passwords.0'],
      ]);
      const { report, redact } = check([hcl], DEFAULT_CONFIG, { today: '2026-11-29' });
      for (const format of FORMATS) expect(render({ report, redact }, format)).not.toContain(secret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // terraform-aws-modules/ssm-parameter: `locals { value = var.value }` in the module.
  it('a credential a module call writes as an argument fails on the call, naming the argument; the module local or call that takes the variable is not read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-arguments-'));
    try {
      fs.mkdirSync(path.join(dir, 'modules', 'param'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'main.tf'), `module "param" {\n  source = "./modules/param"\n  value  = "${KEY_ID}"\n  tags   = { url = "${DB_URL}", team = "iot" }\n  name   = "/app/key"\n}\n`);
      // It passes them on (terraform-aws-modules/notify-slack to its lambda module): the inner call writes no credential.
      fs.writeFileSync(path.join(dir, 'modules', 'param', 'main.tf'), 'variable "value" {}\nvariable "tags" {}\nvariable "name" {}\nlocals {\n  value = var.value\n}\noutput "v" {\n  value = local.value\n}\nmodule "inner" {\n  source = "../inner"\n  env    = { KEY = var.value, NAME = "x" }\n  tags   = var.tags\n}\n');
      fs.mkdirSync(path.join(dir, 'modules', 'inner'));
      fs.writeFileSync(path.join(dir, 'modules', 'inner', 'main.tf'), 'variable "env" {}\nvariable "tags" {}\n');
      const hcl = await loadHcl(dir);
      expect(failures(hcl)).toEqual([
        ['module.param', 'tags.url'],
        ['module.param', 'value'],
      ]);
      const { report, redact } = check([hcl], DEFAULT_CONFIG, { today: '2026-11-29' });
      expect(report.findings.find((f) => f.address === 'module.param')?.message).toMatch(/^The call `module\.param` writes the argument in its code/);
      for (const format of FORMATS) for (const secret of [PASSWORD, KEY_ID]) expect(render({ report, redact }, format)).not.toContain(secret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Terraform knows a map written with a key known only after apply only after apply, whole (a plan
// shows the argument unknown), yet its values are written in the code.
describe('a module argument that is a map with a key known only after apply (`"${var.project}:owner" = …`)', () => {
  const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
  const TF = `variable "project" {
  type = string
}
variable "base" {
  type = map(string)
}
module "m" {
  source   = "./mod"
  tags     = { "\${var.project}:owner" = "jane.doe@example.com", Secret = "${KEY_ID}" }
  settings = merge(var.base, { "\${var.project}_TOKEN" = "${TOKEN}", db_password = "${PASSWORD}" })
  names    = { "\${var.project}_PASSWORD" = "${PASSWORD}" }
}
`;
  const MODULE = 'variable "tags" {}\nvariable "settings" {}\nvariable "names" {}\n';
  const CDK = {
    variable: { project: { type: 'string' }, base: { type: 'map(string)' } },
    module: {
      m: {
        source: './mod',
        tags: { '${var.project}:owner': 'jane.doe@example.com', Secret: KEY_ID },
        settings: `\${merge(var.base, { "\${var.project}_TOKEN" = "${TOKEN}", db_password = "${PASSWORD}" })}`,
        names: { '${var.project}_PASSWORD': PASSWORD },
      },
    },
  };
  // `names`: a key not known names nothing, and the value has no credential's shape.
  const EXPECTED = [
    ['module.m', 'settings'],
    ['module.m', 'settings.db_password'],
    ['module.m', 'tags.Secret'],
  ];

  it('.tf and cdk.tf.json: its written values are searched on the call, by shape, by name under a key the code fixes; masked in every format', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-unknown-key-'));
    try {
      fs.mkdirSync(path.join(dir, 'mod'));
      fs.writeFileSync(path.join(dir, 'main.tf'), TF);
      fs.writeFileSync(path.join(dir, 'mod', 'main.tf'), MODULE);
      const hcl = await loadHcl(dir);
      const cdktf = parseCdktfDocument(CDK, 'cdk.tf.json');
      for (const input of [hcl, cdktf]) {
        const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
        expect(sorted(failures(input))).toEqual(EXPECTED);
        const { report, redact } = check([input], DEFAULT_CONFIG, { today: '2026-11-29' });
        const found = report.findings.filter((f) => f.ruleId === rule.id && f.path === 'settings');
        expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/^The call `module\.m` writes the argument in its code.* holds a GitHub token \(ghp_\*\*\*\)/)]);
        for (const format of FORMATS) for (const secret of [KEY_ID, TOKEN, PASSWORD]) expect(render({ report, redact }, format)).not.toContain(secret);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('.tf and cdk.tf.json: inside a map the argument writes in place (a map of maps), masked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-unknown-key-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), `variable "project" {\n  type = string\n}\nmodule "m" {\n  source = "./mod"\n  users  = { admin = { "\${var.project}_key" = "${KEY_ID}" }, ops = { name = "ops" } }\n}\n`);
      fs.mkdirSync(path.join(dir, 'mod'));
      fs.writeFileSync(path.join(dir, 'mod', 'main.tf'), 'variable "users" {}\n');
      const hcl = await loadHcl(dir);
      const cdktf = parseCdktfDocument({ variable: { project: { type: 'string' } }, module: { m: { source: './mod', users: { admin: { '${var.project}_key': KEY_ID }, ops: { name: 'ops' } } } } }, 'cdk.tf.json');
      for (const input of [hcl, cdktf]) {
        expect(failures(input)).toEqual([['module.m', 'users.admin']]);
        const { report, redact } = check([input], DEFAULT_CONFIG, { today: '2026-11-29' });
        for (const format of FORMATS) expect(render({ report, redact }, format)).not.toContain(KEY_ID);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('.tf and cdk.tf.json: a local that is such a map fails on the local, used or not, masked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-unknown-key-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `variable "project" {\n  type = string\n}\nvariable "base" {\n  type = map(string)\n}\nlocals {\n  env    = { "\${var.project}_ID" = "${KEY_ID}", db_password = "${PASSWORD}" }\n  merged = merge(var.base, { TOKEN_URL = "${DB_URL}" })\n  ok     = { "\${var.project}_PASSWORD" = "${PASSWORD}" }\n}\n`,
      );
      const hcl = await loadHcl(dir);
      const cdktf = parseCdktfDocument(
        {
          variable: { project: { type: 'string' }, base: { type: 'map(string)' } },
          locals: { env: { '${var.project}_ID': KEY_ID, db_password: PASSWORD }, merged: `\${merge(var.base, { TOKEN_URL = "${DB_URL}" })}`, ok: { '${var.project}_PASSWORD': PASSWORD } },
        },
        'cdk.tf.json',
      );
      for (const input of [hcl, cdktf]) {
        // `ok`: a key not known names nothing, and the value has no credential's shape.
        expect(failures(input)).toEqual([
          ['local.env', 'value'],
          ['local.env', 'value.db_password'],
          ['local.merged', 'value.TOKEN_URL'],
        ]);
        const { report, redact } = check([input], DEFAULT_CONFIG, { today: '2026-11-29' });
        for (const format of FORMATS) for (const secret of [KEY_ID, PASSWORD]) expect(render({ report, redact }, format)).not.toContain(secret);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // A key Terraform knows only after apply in a plan too: a resource's attribute (a variable's is known at plan time).
  it('a plan read with --code: found from the code (a plan alone records the argument as references only)', async () => {
    const refs = ['terraform_data.p.output', 'terraform_data.p'];
    const planJson = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: {} },
      resource_changes: [],
      configuration: {
        root_module: { module_calls: { m: { source: './mod', expressions: { tags: { references: refs } }, module: { variables: { tags: {} } } } } },
      },
    });
    const code = `resource "terraform_data" "p" {
  input = "p"
}
module "m" {
  source = "./mod"
  tags   = { "\${terraform_data.p.output}:owner" = "jane.doe@example.com", Secret = "${KEY_ID}" }
}
`;
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code, 'code/mod/main.tf': 'variable "tags" {}\n' }, async (dir) => {
      const failed = async (args: string[]): Promise<string[][]> =>
        (await checkFindings([path.join(dir, 'plan.json'), ...args])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']);
      expect(await failed([])).toEqual([]);
      expect(await failed(['--code', path.join(dir, 'code')])).toEqual([['module.m', 'tags.Secret']]);
      const { stdout } = await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code'), '--format', 'sarif']);
      expect(stdout).not.toContain(KEY_ID);
    });
  });

  // A plan records no locals; the code read beside it (`--code`, the gate) writes them, used or not, as a check of the code alone reads them.
  it('a plan read with --code: the code\'s locals are searched, as in a check of the code alone', async () => {
    const planJson = JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} }, resource_changes: [], configuration: { root_module: {} } });
    const code = `resource "terraform_data" "k" {
  input = "k"
}
locals {
  known = "${KEY_ID}"
  later = { "\${terraform_data.k.id}_ID" = "${KEY_ID}" }
}
`;
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
      const failed = async (args: string[]): Promise<string[]> =>
        (await checkFindings(args)).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => f.address).sort();
      expect(await failed([path.join(dir, 'code')])).toEqual(['local.known', 'local.later']);
      expect(await failed([path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')])).toEqual(['local.known', 'local.later']);
      const { stdout } = await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')]);
      expect(stdout).not.toContain(KEY_ID);
    });
  });

  // The map under a key known only after apply holds a value the code does not fix (var.x): what it does fix is still the code's.
  it('.tf and cdk.tf.json: a local or a module argument behind a conditional (either side) or tomap(), masked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-unknown-key-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `variable "p" {\n  type = string\n}\nvariable "flag" {\n  type = bool\n}\nlocals {\n  cond  = var.flag ? { "\${var.p}_ID" = "${KEY_ID}" } : {}\n  other = var.flag ? {} : { "\${var.p}_URL" = "${DB_URL}" }\n  typed = tomap({ "\${var.p}_ID" = "${KEY_ID}" })\n}\nmodule "m" {\n  source = "./mod"\n  y      = var.flag ? { "\${var.p}_key" = "${KEY_ID}" } : null\n}\n`,
      );
      fs.mkdirSync(path.join(dir, 'mod'));
      fs.writeFileSync(path.join(dir, 'mod', 'main.tf'), 'variable "y" {}\n');
      const hcl = await loadHcl(dir);
      const cdktf = parseCdktfDocument(
        {
          variable: { p: { type: 'string' }, flag: { type: 'bool' } },
          locals: {
            cond: `\${var.flag ? { "\${var.p}_ID" = "${KEY_ID}" } : {}}`,
            other: `\${var.flag ? {} : { "\${var.p}_URL" = "${DB_URL}" }}`,
            typed: `\${tomap({ "\${var.p}_ID" = "${KEY_ID}" })}`,
          },
          module: { m: { source: './mod', y: `\${var.flag ? { "\${var.p}_key" = "${KEY_ID}" } : null}` } },
        },
        'cdk.tf.json',
      );
      for (const input of [hcl, cdktf]) {
        expect(failures(input)).toEqual([
          ['local.cond', 'value'],
          ['local.other', 'value'],
          ['local.typed', 'value'],
          ['module.m', 'y'],
        ]);
        const { report, redact } = check([input], DEFAULT_CONFIG, { today: '2026-11-29' });
        for (const format of FORMATS) for (const secret of [KEY_ID, PASSWORD]) expect(render({ report, redact }, format)).not.toContain(secret);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('.tf and cdk.tf.json: a local or a module argument through a for, a function, an expanded list, a step, or nested in a map, masked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-unknown-key-'));
    try {
      const LOCALS: Record<string, string> = {
        nested: `{ outer = { "\${var.p}_ID" = "${KEY_ID}" } }`,
        stepped: 'local.nested.outer',
        listed: `[{ "\${var.p}_URL" = "${DB_URL}" }]`,
        expanded: 'merge(local.listed...)',
        looked: `lookup(local.nested, "outer", {})`,
        tried: `try({ "\${var.p}_ID" = "${KEY_ID}" }, null)`,
        forl: `{ for k in var.names : "\${k}_ID" => "${KEY_ID}" }`,
        given: '{ for k, v in var.m : "${var.p}${k}" => v }',
      };
      const ARGS: Record<string, string> = { y: `{ outer = { "\${var.p}_key" = "${KEY_ID}" } }`, z: `{ for k in var.names : k => "${KEY_ID}" }` };
      const variables = 'variable "p" {\n  type = string\n}\nvariable "names" {\n  type = list(string)\n}\nvariable "m" {\n  type = map(string)\n}\n';
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `${variables}locals {\n${Object.entries(LOCALS).map(([name, code]) => `  ${name} = ${code}\n`).join('')}}\nmodule "m" {\n  source = "./mod"\n${Object.entries(ARGS).map(([name, code]) => `  ${name} = ${code}\n`).join('')}}\n`,
      );
      fs.mkdirSync(path.join(dir, 'mod'));
      fs.writeFileSync(path.join(dir, 'mod', 'main.tf'), 'variable "y" {}\nvariable "z" {}\n');
      const hcl = await loadHcl(dir);
      const cdktf = parseCdktfDocument(
        {
          variable: { p: { type: 'string' }, names: { type: 'list(string)' }, m: { type: 'map(string)' } },
          locals: Object.fromEntries(Object.entries(LOCALS).map(([name, code]) => [name, `\${${code}}`])),
          module: { m: { source: './mod', ...Object.fromEntries(Object.entries(ARGS).map(([name, code]) => [name, `\${${code}}`])) } },
        },
        'cdk.tf.json',
      );
      for (const input of [hcl, cdktf]) {
        expect([...failures(input)].sort()).toEqual([
          ['local.expanded', 'value'],
          ['local.forl', 'value'],
          ['local.listed', 'value.0'],
          ['local.looked', 'value'],
          ['local.nested', 'value.outer'],
          ['local.stepped', 'value'],
          ['local.tried', 'value'],
          ['module.m', 'y.outer'],
          ['module.m', 'z'],
        ]);
        const { report, redact } = check([input], DEFAULT_CONFIG, { today: '2026-11-29' });
        for (const format of FORMATS) for (const secret of [KEY_ID, PASSWORD]) expect(render({ report, redact }, format)).not.toContain(secret);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a module argument whose map under an unknown key is partly known: the known part is searched', async () => {
    const code = `variable "p" {
  type = string
}
variable "x" {
  type = string
}
module "m" {
  source = "./mod"
  creds  = { "\${var.p}" = { key = "${KEY_ID}", other = var.x } }
}
`;
    await withFiles({ 'main.tf': code, 'mod/main.tf': 'variable "creds" {}\n' }, async (dir) => {
      const { findings } = await checkFindings([dir]);
      expect(findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => f.address)).toEqual(['module.m']);
      expect(JSON.stringify(findings)).not.toContain(KEY_ID);
    });
  });
});

// A module call's for_each is code the call writes, as an argument is: each instance's each.value reads it, and the
// resources of each instance fail where they use it, but the call is where it is written, and where it is fixed.
describe('a module call whose for_each holds a credential', () => {
  const MODULE = 'variable "env" {\n  type = map(string)\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::123456789012:role/r"\n  environment {\n    variables = var.env\n  }\n}\n';
  const CALLS: [string, string, string][] = [
    ['plain', '{ a = { X_ID = "AKIAIOSFODNN7EXAMPLE" }, b = { REGION = "eu-west-1" } }', 'each.value'],
    ['unknown', '{ a = { "${var.project}_ID" = "AKIAIOSFODNN7EXAMPLE" } }', 'each.value'],
    ['named', '{ a = { db_password = "Zq8Wv3xLm9Kp" } }', 'each.value'],
    // A set's strings are the instances' keys: no-sensitive-data-in-instance-keys judges them, on each instance.
    ['set', 'toset(["AKIAIOSFODNN7EXAMPLF"])', '{ K = "x" }'],
    ['quiet', '{ a = { REGION = "eu-west-1" } }', 'each.value'],
  ];
  const TF = `variable "project" {\n  type = string\n}\n${CALLS.map(([name, forEach, env]) => `module "${name}" {\n  source   = "./app"\n  for_each = ${forEach}\n  env      = ${env}\n}\n`).join('')}`;
  const CDK = JSON.stringify({
    variable: { project: { type: 'string' } },
    module: Object.fromEntries(CALLS.map(([name, forEach, env]) => [name, { source: './app', for_each: `\${${forEach}}`, env: `\${${env}}` }])),
  });
  const EXPECTED = [
    ['module.named', 'for_each.a.db_password'],
    ['module.plain', 'for_each.a.X_ID'],
    ['module.unknown', 'for_each.a'],
  ];
  const failedOf = (findings: readonly { ruleId: string; status: string; address: string; path?: string }[]): string[][] =>
    findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']).sort();

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json (a local module)', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: fails once on the call, at for_each, masked in every format', async (_form, file, text, kind) => {
    await withFiles({ [file]: text, 'app/main.tf': MODULE }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      expect(failedOf(findings)).toEqual(EXPECTED);
      expect(findings.find((f) => f.ruleId === rule.id && f.address === 'module.plain')?.message).toMatch(/^The call `module\.plain` writes the argument in its code.* holds an AWS access key id \(AKIA\*\*\*\)/);
      // The resources of the instance that reads it still fail where they use it.
      expect(findings.filter((f) => f.ruleId === 'no-credentials-in-attributes' && f.status === 'fail').map((f) => f.address).sort()).toEqual(
        ['module.named["a"].aws_lambda_function.f', 'module.plain["a"].aws_lambda_function.f', 'module.unknown["a"].aws_lambda_function.f'],
      );
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(code).toBe(1);
        expect(stdout).not.toMatch(/AKIAIOSFODNN7EXAMPL[EF]|Zq8Wv3xLm9Kp/);
      }
    });
  });

  // terraform 1.11.4 records a for_each with no reference as its constant_value, and one with a key known only after apply by its references.
  it('a plan: a for_each written as a constant found on the call; with --code, one with a key known only after apply too, masked', async () => {
    const refs = ['terraform_data.p.output', 'terraform_data.p'];
    const call = (forEach: unknown) => ({ source: './app', for_each_expression: forEach, expressions: { env: { references: ['each.value'] } }, module: { variables: { env: {} } } });
    const planJson = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: {} },
      resource_changes: [],
      configuration: {
        root_module: {
          module_calls: {
            plain: call({ constant_value: { a: { X_ID: 'AKIAIOSFODNN7EXAMPLE' } } }),
            unknown: call({ references: refs }),
            quiet: call({ constant_value: { a: { REGION: 'eu-west-1' } } }),
          },
        },
      },
    });
    const code = `resource "terraform_data" "p" {\n  input = "p"\n}\n${[
      ['plain', '{ a = { X_ID = "AKIAIOSFODNN7EXAMPLE" } }'],
      ['unknown', '{ a = { "${terraform_data.p.output}_ID" = "AKIAIOSFODNN7EXAMPLE" } }'],
      ['quiet', '{ a = { REGION = "eu-west-1" } }'],
    ]
      .map(([name, forEach]) => `module "${name}" {\n  source   = "./app"\n  for_each = ${forEach}\n  env      = each.value\n}\n`)
      .join('')}`;
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code, 'code/app/main.tf': MODULE }, async (dir) => {
      const failed = async (args: string[]): Promise<string[][]> => failedOf((await checkFindings([path.join(dir, 'plan.json'), ...args])).findings);
      expect(await failed([])).toEqual([['module.plain', 'for_each.a.X_ID']]);
      expect(await failed(['--code', path.join(dir, 'code')])).toEqual([['module.plain', 'for_each.a.X_ID'], ['module.unknown', 'for_each.a']]);
      for (const format of ['text', 'json', 'sarif']) expect((await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code'), '--format', format])).stdout).not.toContain('AKIAIOSFODNN7EXAMPLE');
    });
  });
});
