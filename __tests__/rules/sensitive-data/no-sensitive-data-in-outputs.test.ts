import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import rule from '../../../checks/rules/sensitive-data/no-sensitive-data-in-outputs';
import { check, FORMATS, render } from '../../../checks/check';
import { DEFAULT_CONFIG } from '../../../checks/config';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { loadHcl } from '../../../checks/model/hcl';
import { parsePlanDocument } from '../../../checks/model/plan';
import type { LoadedInput } from '../../../checks/model/types';
import { detect } from '../../../checks/rules/support/detect';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { plan, res } from '../../helpers/plan-builder';
import { checkFindings, twinguard, withFiles } from '../../cli/run';

const PASSWORD = 'Zq8xWv3LmN2pQr7';
const DB_URL = `postgres://admin:${PASSWORD}@db.internal:5432/app`;
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const EMAIL = 'jane.roe@example.com';
const ACCESS_KEY_ID = 'AKIAZ3MHQ7XBV2PLK4SB';
/** An SSH public key (`tls_private_key.k.public_key_openssh`): public, and shaped like a random token. */
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAytW4DWR9TyH8OmJmOYj7dcOWXdmSFlJf7psgm/HyKP';

/** One root output of a plan: its value (undefined: known only after apply) and how the code writes it. */
interface PlannedOutput {
  readonly after?: unknown;
  readonly afterUnknown?: unknown;
  readonly sensitive?: boolean;
  /** The configuration's expression; by default the value as a constant, or a reference when it is not known. */
  readonly expression?: Record<string, unknown>;
}

/** A plan of one bucket whose root module has `outputs` (and its module `app`, `moduleOutputs`). */
function withOutputs(outputs: Record<string, PlannedOutput>, options: { moduleOutputs?: Record<string, unknown>; unconfigured?: boolean } = {}): Record<string, unknown> {
  const document = plan([res('aws_s3_bucket.b', { bucket: 'twin-data' }), ...(options.moduleOutputs ? [res('module.app.aws_s3_bucket.a', { bucket: 'a' })] : [])], {
    ...(options.moduleOutputs ? { moduleCalls: { 'module.app': { source: './modules/app', outputs: options.moduleOutputs } } } : {}),
  });
  const configuration = document.configuration as { root_module: Record<string, unknown> };
  const configured = Object.fromEntries(
    Object.entries(outputs).map(([name, o]) => [
      name,
      { expression: o.expression ?? (o.after !== undefined && o.afterUnknown === undefined ? { constant_value: o.after } : { references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] }), ...(o.sensitive ? { sensitive: true } : {}) },
    ]),
  );
  const changes = Object.fromEntries(
    Object.entries(outputs).map(([name, o]) => [
      name,
      { actions: ['create'], before: null, ...(o.after !== undefined ? { after: o.after } : {}), after_unknown: o.afterUnknown ?? o.after === undefined, before_sensitive: false, after_sensitive: o.sensitive === true },
    ]),
  );
  return {
    ...document,
    output_changes: changes,
    configuration: { ...configuration, root_module: { ...configuration.root_module, ...(options.unconfigured ? {} : { outputs: configured }) } },
  };
}

const parsePlan = (document: Record<string, unknown>): LoadedInput => parsePlanDocument(document, 'plan.json');

const failures = (input: LoadedInput) =>
  evaluateRule(rule, buildGraph([input]))
    .filter((v) => v.status !== 'pass' && v.status !== 'not-applicable')
    .map((v) => [v.address, v.status, v.path]);

ruleTable(rule, [
  {
    name: 'ordinary outputs pass: an ARN known only after apply, names, URLs without credentials, ids, a git remote, a systemd unit, a public key',
    plan: withOutputs({
      bucket_arn: {},
      bucket: { after: 'twin-data', expression: { references: ['aws_s3_bucket.b.bucket', 'aws_s3_bucket.b'] } },
      endpoint: { after: 'https://iottwinmaker.eu-west-1.amazonaws.com/workspaces/twin?region=eu-west-1' },
      account_id: { after: '123456789012' },
      key_id: { after: '1234abcd-12ab-34cd-56ef-1234567890ab' },
      remote: { after: 'git@github.com:acme/twin.git' },
      fsck_unit: { after: 'systemd-fsck@dev-sda1.service' },
      public_key_openssh: { after: PUBLIC_KEY },
      names: { after: { workspace: 'twin', tags: { Team: 'platform' } } },
      partly: { after: ['twin', null], afterUnknown: [false, true] },
    }),
    expect: { 'plan.json': 'pass' },
  },
  {
    name: 'a credential in an output not marked sensitive fails, on the output, masked (the reproducer: a URL with a password, an AWS secret key)',
    plan: withOutputs({ db_url: { after: DB_URL }, aws_secret: { after: SECRET_KEY } }),
    expect: { 'output.db_url': 'fail', 'output.aws_secret': 'fail' },
    message: /^`output\.(db_url|aws_secret)` is not marked sensitive, so terraform prints its value.*holds (a URL with credentials in it \(postgres:\/\/\*\*\*:\*\*\*@db\.internal:5432\/\.\.\.\)|an AWS secret access key \(wJal\*\*\*\))/,
  },
  {
    name: 'personal data in an output not marked sensitive fails: an email address, a phone number',
    plan: withOutputs({ admin: { after: EMAIL }, contacts: { after: { oncall: '+44 20 7946 0958' } } }),
    expect: { 'output.admin': 'fail', 'output.contacts': 'fail' },
    message: /holds (an email address \(j\*\*\*@e\*\*\*\.com\)|a phone number)/,
  },
  {
    name: 'personal data base64url-encoded in a segment of a URL path fails',
    plan: withOutputs({ invite: { after: 'https://app.example.com/invite/amFuZS5yb2VAZXhhbXBsZS5jb20' } }),
    expect: { 'output.invite': 'fail' },
    message: /holds an email address, base64-encoded \(j\*\*\*@e\*\*\*\.com\)/,
  },
  {
    name: "a value under a credential's name fails whatever its shape: the output's name, a key inside it",
    plan: withOutputs({ db_password: { after: 'Aa1234321Bb' }, database: { after: { host: 'db.internal', password: 'Aa1234321Bb' } }, password_length: { after: '32' } }),
    expect: { 'output.db_password': 'fail', 'output.database': 'fail' },
    message: /holds a value its name marks as a credential \(Aa\*\*\*\)/,
  },
  // terraform-aws-modules/memory-db's users, given back as an output.
  {
    name: "a list under a credential's name takes its name, however deep; a map in such a list has its own keys",
    plan: withOutputs({
      users: { after: { admin: { user_name: 'admin-user', passwords: ['Adm1nPassw0rdForMemoryDB!xyz'] } } },
      db: { after: [{ name: 'app', password: ['Aa1234321Bb'] }] },
      credentials: { after: [{ name: 'ci-user', region: 'eu-west-1' }] },
    }),
    expect: { 'output.users': 'fail', 'output.db': 'fail' },
    message: /holds a value its name marks as a credential \((Adm1|Aa)\*\*\*\)/,
  },
  {
    name: 'a known part of a value partly known only after apply is judged',
    plan: withOutputs({ conn: { after: { url: DB_URL, arn: null }, afterUnknown: { arn: true } } }),
    expect: { 'output.conn': 'fail' },
  },
  {
    name: 'a sensitive output whose code writes a credential as a literal fails: the code holds it in clear',
    plan: withOutputs({ db_url: { after: DB_URL, sensitive: true } }),
    expect: { 'output.db_url': 'fail' },
    message: /^`output\.db_url` is marked sensitive, but its code writes the value as a literal.*holds a URL with credentials in it/,
  },
  {
    name: 'a sensitive output of a value from a resource passes (a generated password, known in an update plan); so does a literal email in one, not printed',
    plan: withOutputs({
      admin_password: { after: 'Aa1234321Bb-generated', sensitive: true, expression: { references: ['random_password.admin.result', 'random_password.admin'] } },
      owner: { after: EMAIL, sensitive: true },
    }),
    expect: { 'plan.json': 'pass' },
  },
  {
    name: "a module's own output is not printed by terraform: not judged",
    plan: withOutputs({ bucket: { after: 'twin-data' } }, { moduleOutputs: { url: { expression: { constant_value: DB_URL } } } }),
    expect: { 'plan.json': 'pass' },
  },
  {
    name: 'an output the plan changes that its configuration does not record is judged by its value',
    plan: withOutputs({ db_url: { after: DB_URL } }, { unconfigured: true }),
    expect: { 'output.db_url': 'fail' },
  },
]);

describe('no-sensitive-data-in-outputs', () => {
  it('leaves out long random strings on purpose; an SSH public key is none anywhere', () => {
    expect(detect(PUBLIC_KEY, { scope: 'all' })).toEqual([]);
    expect(detect(PUBLIC_KEY, { scope: 'all', randomTokens: false })).toEqual([]);
  });

  it('findings name the output and the path in it, and no report quotes the value; the gate masks what they found', () => {
    const input = parsePlan(withOutputs({ db_url: { after: DB_URL }, admin: { after: { owner: EMAIL } }, aws_secret: { after: SECRET_KEY } }));
    const { report, redact } = check([input], DEFAULT_CONFIG, { today: '2026-11-29' });
    const mine = report.findings.filter((f) => f.ruleId === rule.id);
    expect(mine.map((f) => [f.address, f.path, f.blocking]).sort()).toEqual([
      ['output.admin', 'value.owner', true],
      ['output.aws_secret', 'value', true],
      ['output.db_url', 'value', true],
    ]);
    for (const secret of [PASSWORD, DB_URL, EMAIL, SECRET_KEY]) expect(redact).toContain(secret);
    for (const format of FORMATS) for (const secret of [PASSWORD, EMAIL, SECRET_KEY]) expect(render({ report, redact }, format)).not.toContain(secret);
  });

  it('an output_changes that is not an object stops the check with one line naming the plan', () => {
    const document = { ...withOutputs({ bucket: { after: 'twin-data' } }), output_changes: { bucket: 'twin-data' } };
    expect(() => parsePlan(document)).toThrow(/^plan\.json: not a valid plan: output_changes\.bucket is not an object$/);
    expect(() => parsePlan({ ...document, output_changes: ['twin-data'] })).toThrow(/^plan\.json: not a valid plan: output_changes is not an object$/);
  });

  it('judges a .tf root module as its plan: literals, locals, sensitive literals; not values known after apply, sensitive values from resources or a module\'s outputs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-outputs-'));
    try {
      fs.mkdirSync(path.join(dir, 'modules', 'app'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        [
          'locals {',
          `  admin = "${EMAIL}"`,
          '}',
          '',
          'resource "aws_s3_bucket" "b" {',
          '  bucket = "twin-data"',
          '}',
          '',
          'resource "random_password" "db" {',
          '  length = 32',
          '}',
          '',
          'module "app" {',
          '  source = "./modules/app"',
          '}',
          '',
          `output "conn" { value = "${DB_URL}" }`,
          'output "admin" { value = local.admin }',
          'output "bucket_arn" { value = aws_s3_bucket.b.arn }',
          'output "bucket" { value = aws_s3_bucket.b.bucket }',
          'output "generated" {',
          '  value     = random_password.db.result',
          '  sensitive = true',
          '}',
          'output "aws_secret" {',
          `  value     = "${SECRET_KEY}"`,
          '  sensitive = true',
          '}',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(path.join(dir, 'modules', 'app', 'main.tf'), `output "url" { value = "${DB_URL}" }\n`);
      const hcl = await loadHcl(dir);
      expect(failures(hcl).sort()).toEqual([
        ['output.admin', 'fail', 'value'],
        ['output.aws_secret', 'fail', 'value'],
        ['output.conn', 'fail', 'value'],
      ]);
      // Each on the line of its block.
      const { report, redact } = check([hcl], DEFAULT_CONFIG, { today: '2026-11-29' });
      const lines = report.findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.position?.file, f.position?.line]);
      expect(lines.sort()).toEqual([
        ['output.admin', path.join(dir, 'main.tf'), 18],
        ['output.aws_secret', path.join(dir, 'main.tf'), 25],
        ['output.conn', path.join(dir, 'main.tf'), 17],
      ]);
      for (const format of FORMATS) for (const secret of [PASSWORD, EMAIL, SECRET_KEY]) expect(render({ report, redact }, format)).not.toContain(secret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("judges cdktf's TerraformOutput in cdk.tf.json: a literal credential fails, sensitive or not; a sensitive variable's value passes", () => {
    const stack = new TerraformStack(Testing.app(), 'twin');
    const password = new TerraformVariable(stack, 'db_password', { type: 'string', sensitive: true });
    new TerraformOutput(stack, 'conn', { value: DB_URL });
    new TerraformOutput(stack, 'owner', { value: EMAIL });
    new TerraformOutput(stack, 'aws_secret', { value: SECRET_KEY, sensitive: true });
    new TerraformOutput(stack, 'password', { value: password.stringValue, sensitive: true });
    new TerraformOutput(stack, 'region', { value: 'eu-west-1' });
    const input = parseCdktfDocument(JSON.parse(Testing.synth(stack)), 'cdk.tf.json');
    expect(failures(input).sort()).toEqual([
      ['output.aws_secret', 'fail', 'value'],
      ['output.conn', 'fail', 'value'],
      ['output.owner', 'fail', 'value'],
    ]);
  });

  // A map with a key known only after apply is unknown whole in a plan, and left out of what the code fixes; terraform prints it after apply.
  describe('a value written in a map under a key known only after apply is searched, and masked in every format', () => {
    const failedOutputs = async (args: string[]): Promise<string[][]> =>
      (await checkFindings(args)).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']).sort();
    const expectMasked = async (args: string[]): Promise<void> => {
      for (const format of ['text', 'json', 'sarif']) {
        const { stdout } = await twinguard(['check', ...args, '--format', format]);
        expect(stdout).toMatch(/output\.o\b/);
        for (const secret of [ACCESS_KEY_ID, EMAIL, 'Aa1234321Bb']) expect(stdout).not.toContain(secret);
      }
    };

    it('.tf: shapes and personal data printed, a credential written in a sensitive output, a value under a known key by its name; not a region, nor an email not printed', async () => {
      const code = [
        'variable "p" { type = string }',
        `output "o" { value = { "\${var.p}_ID" = "${ACCESS_KEY_ID}" } }`,
        `output "contacts" { value = [{ "\${var.p}" = "${EMAIL}" }] }`,
        'output "db" { value = { "${var.p}" = { host = "db.internal", password = "Aa1234321Bb" } } }',
        'output "passwords" { value = { "${var.p}" = "Aa1234321Bb" } }',
        'output "hidden" {',
        `  value     = { "\${var.p}" = "${ACCESS_KEY_ID}" }`,
        '  sensitive = true',
        '}',
        'output "hidden_owner" {',
        `  value     = { "\${var.p}" = "${EMAIL}" }`,
        '  sensitive = true',
        '}',
        'output "regions" { value = { "${var.p}" = "eu-west-1" } }',
        '',
      ].join('\n');
      await withFiles({ 'main.tf': code }, async (dir) => {
        expect(await failedOutputs([dir])).toEqual([
          ['output.contacts', 'value.0'],
          ['output.db', 'value.password'],
          ['output.hidden', 'value'],
          ['output.o', 'value'],
          ['output.passwords', 'value'],
        ]);
        const { findings } = await checkFindings([dir]);
        expect(findings.find((f) => f.ruleId === rule.id && f.address === 'output.o')?.message).toMatch(
          /^`output\.o` is not marked sensitive, .*; a value written under a key known only after apply holds an AWS access key id \(AKIA\*\*\*\)/,
        );
        await expectMasked([dir]);
      });
    });

    it('.tf and cdk.tf.json: through a for, a function, a step into a local, or nested in a map a local writes', async () => {
      const OUTPUTS: Record<string, string> = {
        o: `{ for k in var.names : "\${k}_ID" => "${ACCESS_KEY_ID}" }`,
        tried: `try({ "\${var.p}" = "${EMAIL}" }, {})`,
        stepped: 'local.cfg.outer',
        whole: 'local.cfg',
        given: '{ for k, v in var.m : "${var.p}${k}" => v }',
      };
      const LOCALS = { cfg: { outer: { '${var.p}_ID': ACCESS_KEY_ID } } };
      const tf = [
        'variable "p" { type = string }',
        'variable "names" { type = list(string) }',
        'variable "m" { type = map(string) }',
        `locals {\n  cfg = { outer = { "\${var.p}_ID" = "${ACCESS_KEY_ID}" } }\n}`,
        ...Object.entries(OUTPUTS).map(([name, code]) => `output "${name}" { value = ${code} }`),
        '',
      ].join('\n');
      const cdk = JSON.stringify({
        variable: { p: { type: 'string' }, names: { type: 'list(string)' }, m: { type: 'map(string)' } },
        locals: LOCALS,
        output: Object.fromEntries(Object.entries(OUTPUTS).map(([name, code]) => [name, { value: `\${${code}}` }])),
      });
      for (const [file, text, kind] of [['main.tf', tf, 'hcl'], ['cdk.tf.json', cdk, 'cdktf']]) {
        await withFiles({ [file]: text }, async (dir) => {
          const given = kind === 'hcl' ? ['--var', `m={"-x"="${EMAIL}"}`] : [];
          const args = [dir, '--input-kind', kind, ...given];
          expect(await failedOutputs(args)).toEqual([
            ['output.o', 'value'],
            ['output.stepped', 'value'],
            ['output.tried', 'value'],
            ['output.whole', 'value.outer'],
          ]);
          await expectMasked(args);
        });
      }
    });

    it('cdk.tf.json: the same', async () => {
      const document = {
        variable: { p: { type: 'string' } },
        output: { o: { value: { '${var.p}_ID': ACCESS_KEY_ID } }, hidden: { value: { '${var.p}': ACCESS_KEY_ID }, sensitive: true }, regions: { value: { '${var.p}': 'eu-west-1' } } },
      };
      await withFiles({ 'cdk.tf.json': JSON.stringify(document) }, async (dir) => {
        const args = [dir, '--input-kind', 'cdktf'];
        expect(await failedOutputs(args)).toEqual([
          ['output.hidden', 'value'],
          ['output.o', 'value'],
        ]);
        await expectMasked(args);
      });
    });

    // The key is a resource's attribute, known only after apply in the plan too (a variable's is known at plan time).
    it('a plan read with --code: found from the code (a plan records the output as references only)', async () => {
      const planJson = JSON.stringify(withOutputs({ o: { expression: { references: ['terraform_data.p.output', 'terraform_data.p'] } } }));
      const code = `resource "terraform_data" "p" {\n  input = "p"\n}\noutput "o" { value = { "\${terraform_data.p.output}_ID" = "${ACCESS_KEY_ID}" } }\n`;
      await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
        const planFile = path.join(dir, 'plan.json');
        expect(await failedOutputs([planFile])).toEqual([]);
        const args = [planFile, '--code', path.join(dir, 'code')];
        expect(await failedOutputs(args)).toEqual([['output.o', 'value']]);
        await expectMasked(args);
      });
    });
  });

  // An email address an interpolation cuts: the literal text around the value still shows a personal address where it
  // starts the local part and the value is inside it or in a label of its domain.
  describe('an email address with a value not known inside it ("jane.${var.x}@example.com") is found, masked in every format', () => {
    const OUTPUTS: Record<string, string> = {
      contact: '"jane.${var.x}@example.com"',
      nested: '{ owner = "jane@${var.x}.example.com", team = "iot" }',
      listed: '["iot", "jane.doe+${var.x}@example.com"]',
      // Not found: the whole local part, or the whole domain, is not known (the usual `ssh ec2-user@${…}` output),
      // and an output marked sensitive is not printed.
      team: '"contact ${var.x}@example.com"',
      domain: '"jane.doe@${var.x}"',
      ssh: '"ssh ec2-user@${var.x}"',
    };
    const FOUND = [
      ['output.contact', 'value'],
      ['output.listed', 'value.1'],
      ['output.nested', 'value.owner'],
    ];
    const RAW = /jane|\.doe|doe\+|example\.com|\u2179/;
    const hidden = 'output "hidden" {\n  value     = "jane.${var.x}@example.com"\n  sensitive = true\n}';
    const tfOf = (x: string): string => [...Object.entries(OUTPUTS).map(([name, code]) => `output "${name}" {\n  value = ${code.replaceAll('var.x', x)}\n}`), hidden.replace('var.x', x), ''].join('\n');
    const failedOutputs = async (args: string[]): Promise<{ found: string[][]; messages: Record<string, string> }> => {
      const failed = (await checkFindings(args)).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail');
      return { found: failed.map((f) => [f.address, f.path ?? '']).sort(), messages: Object.fromEntries(failed.map((f) => [f.address, f.message])) };
    };
    const expectFound = async (args: string[]): Promise<void> => {
      const { found, messages } = await failedOutputs(args);
      expect(found).toEqual(FOUND);
      expect(messages['output.contact']).toMatch(/^`output\.contact` is not marked sensitive, .*; the literal text of a template written in it holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
      expect(messages['output.nested']).toMatch(/holds an email address \(j\*\*\*@\*\*\*\.com\)/);
      for (const format of FORMATS) {
        const { stdout, code } = await twinguard(['check', ...args, '--format', format]);
        expect(code).toBe(1);
        expect(stdout).not.toMatch(RAW);
      }
    };

    it.each([
      ['.tf', 'main.tf', `variable "x" {\n  type = string\n}\n${tfOf('var.x')}`, 'hcl'],
      [
        'cdk.tf.json',
        'cdk.tf.json',
        JSON.stringify({
          variable: { x: { type: 'string' } },
          output: {
            // As cdktf writes them: a string, a map and a list of its own, each template as a string.
            ...Object.fromEntries(Object.entries(OUTPUTS).filter(([, code]) => code.startsWith('"')).map(([name, code]) => [name, { value: JSON.parse(code) }])),
            nested: { value: { owner: 'jane@${var.x}.example.com', team: 'iot' } },
            listed: { value: ['iot', 'jane.doe+${var.x}@example.com'] },
            hidden: { value: 'jane.${var.x}@example.com', sensitive: true },
          },
        }),
        'cdktf',
      ],
    ])('%s', async (_form, file, text, kind) => {
      await withFiles({ [file]: text }, async (dir) => expectFound([dir, '--input-kind', kind]));
    });

    it('a plan read with --code: found from the code (a plan records the outputs as references only)', async () => {
      const reference = { expression: { references: ['terraform_data.p.output', 'terraform_data.p'] } };
      const planJson = JSON.stringify(withOutputs({ ...Object.fromEntries(Object.keys(OUTPUTS).map((name) => [name, reference])), hidden: { ...reference, sensitive: true } }));
      const code = `resource "terraform_data" "p" {\n  input = "p"\n}\n${tfOf('terraform_data.p.output')}`;
      await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
        const planFile = path.join(dir, 'plan.json');
        expect((await failedOutputs([planFile])).found).toEqual([]);
        await expectFound([planFile, '--code', path.join(dir, 'code')]);
      });
    });
  });
});

// An address written whole before a value, the value and a file's extension after it: read as one, with the value inside,
// the address would end in the extension and name a file; the address before the value is found. A systemd unit's name,
// `template@instance.service`, holds none (`certbot@example.com-prod.service` written whole is none): it passes.
describe('an output whose template writes an email address whole, then a value not known and a file extension ("jane.doe@example.com-${var.x}.csv")', () => {
  const OUTPUTS: Record<string, string> = {
    a: 'exports/jane.doe@example.com-${var.x}.csv',
    b: 'jane.doe@example.com-${var.x}.json',
    d: 'jane.doe@example.com.${var.x}.png',
    e: 'jane.doe@example.com${var.x}.pdf',
  };
  const UNITS: Record<string, string> = { unit: 'certbot@example.com-${var.x}.service', person: 'jane.doe@example.com-${var.x}.service' };
  const ALL = { ...OUTPUTS, ...UNITS };
  const RAW = /jane|\.doe|doe@|example\.com|exports\/|\.csv|\.service|\.png|\.pdf|\u2179/;

  it.each([
    ['.tf', 'main.tf', ['variable "x" {\n  type = string\n}', ...Object.entries(ALL).map(([name, value]) => `output "${name}" {\n  value = "${value}"\n}`)].join('\n'), 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', JSON.stringify({ variable: { x: { type: 'string' } }, output: Object.fromEntries(Object.entries(ALL).map(([name, value]) => [name, { value }])) }), 'cdktf'],
  ])('%s: found, masked j***@e***.com in every format; the units pass', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const failed = (await checkFindings([dir, '--input-kind', kind])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail');
      expect(failed.map((f) => f.address).sort()).toEqual(Object.keys(OUTPUTS).map((name) => `output.${name}`));
      for (const f of failed) expect(f.message).toMatch(/the literal text of a template written in it holds an email address \(j\*\*\*@e\*\*\*\.com\)\./);
      for (const format of FORMATS) {
        const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(code).toBe(1);
        expect(stdout).not.toMatch(RAW);
      }
    });
  });
});


/** This rule's failing findings over `.tf` outputs (name -> literal value), once every format is seen to block (exit 1) and to write nothing `raw` matches. */
async function failedHclOutputs(outputs: Record<string, string>, raw: RegExp): Promise<{ address: string; message: string }[]> {
  const main = Object.entries(outputs).map(([name, value]) => `output "${name}" {\n  value = "${value}"\n}`).join('\n');
  return withFiles({ 'main.tf': main }, async (dir) => {
    for (const format of FORMATS) {
      const { stdout, code } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
      expect(code).toBe(1);
      expect(stdout).not.toMatch(raw);
    }
    return (await checkFindings([dir, '--input-kind', 'hcl'])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail');
  });
}

/** Each failing finding's address and what it names in `found` (`an email address (j***@e***.com)`), by address. */
const namedIn = (failed: readonly { address: string; message: string }[], found: RegExp): (string | undefined)[][] =>
  failed.map((f) => [f.address, found.exec(f.message)?.[0]]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

// A number with spaces alone is a phone's where a name says so: the output's name, or a word before it in the text.
it('an output named as a phone, or whose text names one, holding a number with spaces alone fails, masked in every format; a list of sizes passes', async () => {
  const failed = await failedHclOutputs({ support_phone: '555 010 9999', contact: 'Tel: 020 7946 0958', sizes: '128 256 1024' }, /555 010 9999|7946 0958/);
  expect(namedIn(failed, /a phone number \([^)]*\)/)).toEqual([
    ['output.contact', 'a phone number (*** **** **58)'],
    ['output.support_phone', 'a phone number (*** *** **99)'],
  ]);
});

// An output that prints how to log in: `user@host` after ssh, or at a host AWS names, is a login, not an address.
it('an output of an ssh command or an EC2 login passes; an address after words about ssh fails, masked', async () => {
  const failed = await failedHclOutputs(
    { ssh: 'ssh -i bastion.pem ec2-user@bastion.example.com', login: 'ubuntu@ec2-54-1-2-3.compute-1.amazonaws.com', help: 'ssh access: ask jane.doe@example.com' },
    /jane\.doe/,
  );
  expect(namedIn(failed, /an email address \([^)]*\)/)).toEqual([['output.help', 'an email address (j***@e***.com)']]);
});

// An address a URL carries percent-encoded (`%40` for its `@`) is one: found decoded, masked in every format.
it('an output of a URL that carries an email address percent-encoded fails, masked in every format; an asset encoded so passes', async () => {
  const failed = await failedHclOutputs({ calendar: 'https://calendar.example.com/embed?src=jane.doe%40example.com&ctz=UTC', logo: 'https://cdn.example.com/icon%402x.png' }, /jane|doe%40/);
  expect(namedIn(failed, /an email address \([^)]*\)/)).toEqual([['output.calendar', 'an email address (j***@e***.com)']]);
});

// A name with thousands of file extensions (`jane@b.png.png…`) is read without a call per extension: it used to exhaust the stack.
it('an output whose value is a name with 10,000 file extensions is judged, not a crash; an address before a few extensions fails', () => {
  expect(failures(parsePlan(withOutputs({ assets: { after: 'jane@b' + '.png'.repeat(10000) }, export: { after: 'jane.doe@example.com.csv.gz' } })))).toEqual([
    ['output.export', 'fail', 'value'],
  ]);
});

// An output that repeats a resource's argument prints what the code writes there: Terraform plans a configured value as
// written, and prints it after every plan and apply (review rt-modules: `value = aws_lambda_function.f.environment[0].variables["GITHUB_TOKEN"]`).
describe("an output that repeats a resource's argument the code writes prints it: judged as the argument's value, masked in every format", () => {
  const TOKEN = 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB';
  const FUNCTION = [
    'resource "aws_lambda_function" "f" {',
    '  function_name = "f"',
    '  role          = "arn:aws:iam::111111111111:role/l"',
    '  handler       = "index.handler"',
    '  runtime       = "python3.12"',
    '  filename      = "f.zip"',
    '  environment {',
    `    variables = { GITHUB_TOKEN = "${TOKEN}", DB_PASSWORD = "${PASSWORD}", STAGE = "dev" }`,
    '  }',
    '}',
  ].join('\n');
  /** This rule's findings on `input` (address, path), and every format of its report seen to hold no secret. */
  const judged = (input: LoadedInput): string[][] => {
    const { report, redact } = check([input], DEFAULT_CONFIG, { today: '2026-11-29' });
    for (const format of FORMATS) for (const secret of [TOKEN, PASSWORD, ACCESS_KEY_ID]) expect(render({ report, redact }, format)).not.toContain(secret);
    return report.findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status, f.path ?? '']).sort();
  };

  it('.tf: an argument of a nested block, the block, the resource whole; not one known only after apply, nor a sensitive output', async () => {
    const main = [
      FUNCTION,
      'output "tok" { value = aws_lambda_function.f.environment[0].variables["GITHUB_TOKEN"] }',
      'output "env" { value = aws_lambda_function.f.environment }',
      'output "fn" { value = aws_lambda_function.f }',
      'output "stage" { value = aws_lambda_function.f.environment[0].variables["STAGE"] }',
      'output "arn" { value = aws_lambda_function.f.arn }',
      'output "hidden" {',
      '  value     = aws_lambda_function.f.environment[0].variables["GITHUB_TOKEN"]',
      '  sensitive = true',
      '}',
    ].join('\n');
    await withFiles({ 'main.tf': main }, async (dir) => {
      expect(judged(await loadHcl(dir))).toEqual([
        ['output.env', 'fail', 'value.0.variables.DB_PASSWORD'],
        ['output.env', 'fail', 'value.0.variables.GITHUB_TOKEN'],
        ['output.fn', 'fail', 'value.environment.0.variables.DB_PASSWORD'],
        ['output.fn', 'fail', 'value.environment.0.variables.GITHUB_TOKEN'],
        ['output.tok', 'fail', 'value'],
      ]);
    });
  });

  it(".tf: a module's output the root gives on (`module.m.env`, `module.m` whole, an output of a literal), not one the module marks sensitive nor one of a sensitive variable", async () => {
    const files = {
      'main.tf': [
        'module "m" {',
        '  source = "./modules/fn"',
        `  token  = "${TOKEN}"`,
        `  secret = "${ACCESS_KEY_ID}"`,
        '}',
        'output "env" { value = module.m.env }',
        'output "given" { value = module.m.given }',
        'output "tok" { value = module.m.tok }',
        'output "all" { value = module.m }',
        'output "hidden" {',
        '  value     = module.m.hidden',
        '  sensitive = true',
        '}',
      ].join('\n'),
      'modules/fn/main.tf': [
        'variable "token" {',
        '  type = string',
        '}',
        'variable "secret" {',
        '  type      = string',
        '  sensitive = true',
        '}',
        'resource "aws_lambda_function" "this" {',
        '  count         = 1',
        '  function_name = "f"',
        '  role          = "arn:aws:iam::111111111111:role/l"',
        '  handler       = "index.handler"',
        '  runtime       = "python3.12"',
        '  filename      = "f.zip"',
        '  dynamic "environment" {',
        '    for_each = [true]',
        '    content {',
        '      variables = { GITHUB_TOKEN = var.token }',
        '    }',
        '  }',
        '}',
        'output "env" { value = try(aws_lambda_function.this[0].environment, []) }',
        `output "tok" { value = "${TOKEN}" }`,
        // Terraform refuses it (an output of a sensitive value not marked sensitive): nothing is printed.
        'output "given" { value = var.secret }',
        'output "hidden" {',
        '  value     = aws_lambda_function.this[0].environment[0].variables',
        '  sensitive = true',
        '}',
      ].join('\n'),
    };
    await withFiles(files, async (dir) => {
      expect(judged(await loadHcl(dir))).toEqual([
        ['output.all', 'fail', 'value.env.0.variables.GITHUB_TOKEN'],
        ['output.all', 'fail', 'value.tok'],
        ['output.env', 'fail', 'value.0.variables.GITHUB_TOKEN'],
        ['output.tok', 'fail', 'value'],
      ]);
    });
  });

  it('cdk.tf.json: an output of a resource\'s argument fails as in .tf', () => {
    const input = parseCdktfDocument(
      {
        resource: {
          aws_lambda_function: {
            f: { function_name: 'f', role: 'arn:aws:iam::111111111111:role/l', handler: 'index.handler', runtime: 'python3.12', filename: 'f.zip', environment: { variables: { GITHUB_TOKEN: TOKEN } } },
          },
        },
        output: {
          tok: { value: '${aws_lambda_function.f.environment[0].variables["GITHUB_TOKEN"]}' },
          env: { value: '${aws_lambda_function.f.environment}' },
          hidden: { value: '${aws_lambda_function.f.environment[0].variables["GITHUB_TOKEN"]}', sensitive: true },
        },
      },
      'cdk.tf.json',
    );
    expect(judged(input)).toEqual([
      ['output.env', 'fail', 'value.0.variables.GITHUB_TOKEN'],
      ['output.tok', 'fail', 'value'],
    ]);
  });

  it('a plan: the value the plan gives the output fails (already so), masked', () => {
    const input = parsePlan(
      withOutputs({ tok: { after: TOKEN, expression: { references: ['aws_lambda_function.f.environment[0].variables["GITHUB_TOKEN"]', 'aws_lambda_function.f'] } } }),
    );
    expect(judged(input)).toEqual([['output.tok', 'fail', 'value']]);
  });
});
