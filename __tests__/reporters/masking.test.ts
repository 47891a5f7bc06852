/**
 * Masking in every format (check.ts `render`): a detected secret is masked in the report's data and
 * nowhere else, so a secret that is also a word of the format (a key, an enum value, an element
 * name, a label) leaves the report whole.
 */
import * as path from 'node:path';
import { check, type Format, FORMATS, render } from '../../checks/check';
import { DEFAULT_CONFIG, parseConfig } from '../../checks/config';
import { ALL_RULES } from '../../checks/rules';
import { parsePlanDocument } from '../../checks/model/plan';
import { plan, res } from '../helpers/plan-builder';
import type { Report } from '../../checks/report';
import { renderCodeQuality } from '../../checks/reporters/codequality';
import { renderJson } from '../../checks/reporters/json';
import { renderJunit } from '../../checks/reporters/junit';
import { renderMarkdown } from '../../checks/reporters/markdown';
import { renderSarif } from '../../checks/reporters/sarif';
import { renderText } from '../../checks/reporters/text';
import { describeWithShared } from '../helpers/shared';
import { finding, mixedReport, reportOf } from './sample-report';
import { sarifValidator } from './sarif-validator';
import { twinguard, withFiles } from '../cli/run';
import { blockingMessages, checkSynthesized } from '../../checks/synth/validation';

/** Passwords a rule flagged that each format also writes as its own: keys, enum values, element names, labels. */
const WORDS = ['default', 'version', 'message', 'results', 'locations', 'accepted', 'external', 'resource', 'testsuite', 'failure', 'blocking', 'Summary', 'Result', 'findings', 'security', 'twinguard'];

/** The mixed report and a finding that quotes the secret, as the credentials rule's message would if it did not mask it. */
const leakyReport = (secret: string): Report => {
  const mixed = mixedReport();
  return reportOf([...mixed.findings, finding({ ruleId: 'no-credentials-in-attributes', address: 'aws_db_instance.db', category: 'sensitive-data', path: 'password', message: `password is "${secret}"` })], mixed.waivers);
};

const UNMASKED: Readonly<Record<Format, (report: Report) => string>> = {
  text: (r) => renderText(r),
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  codequality: renderCodeQuality,
};

/** What a format writes of its own, whatever the data: keys, enum values, element names, labels. */
const SHAPE: Readonly<Record<Format, (out: string) => unknown>> = {
  text: (out) => out.split('\n').filter((line) => /^(Summary|Result|twinguard)\b/.test(line) || /^ {4}\S+ +\S+ +\S+/.test(line)).map((line) => line.replace(/ \[.*$/, '')),
  json: (out) => keysOf(JSON.parse(out)),
  sarif: (out) => keysOf(JSON.parse(out)),
  codequality: (out) => JSON.parse(out).map((i: { check_name: string; severity: string }) => [i.check_name, i.severity, Object.keys(i)]),
  junit: (out) => out.match(/<\/?[\w-]+|\s[\w-]+=/g),
  // The coverage line without its list of types (data).
  markdown: (out) => out.split('\n').filter((line) => !line.startsWith('|') || line.startsWith('| ---')).map((line) => line.replace(/`.*$/, '').replace(/judged: .*$/, '')),
};

/** Every key of a JSON document, and every value of its enum-like fields, in order. */
function keysOf(value: unknown, key = ''): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => keysOf(item, key));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, item]) => [k, ...keysOf(item, k)]);
  return ['level', 'kind', 'status', 'severity', 'category', 'ruleId', 'version', 'name', 'id', 'title'].includes(key) ? [value] : [];
}

describe.each(FORMATS)('%s: a detected secret that is a word of the format', (format) => {
  it.each(WORDS)('"%s" is masked in the data, the format\'s own words are kept', (secret) => {
    const report = leakyReport(secret);
    const out = render({ report, redact: [secret] }, format);
    expect(SHAPE[format](out)).toEqual(SHAPE[format](UNMASKED[format](report)));
    // The finding that quotes it shows it masked.
    expect(out).not.toContain(`is "${secret}"`);
    expect(out).not.toContain(`is \\"${secret}\\"`);
    expect(out).not.toContain(`is &quot;${secret}&quot;`);
  });
});

describeWithShared('sarif: schema-valid whatever the secret', () => {
  const validate = sarifValidator();
  it.each(WORDS)('"%s"', (secret) => {
    const ok = validate(JSON.parse(render({ report: leakyReport(secret), redact: [secret] }, 'sarif')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('an input path that holds a detected secret', () => {
  const email = 'jane.doe@example.com';
  const report = reportOf([finding({ ruleId: 'no-sensitive-data-in-tags', address: 'aws_sqs_queue.q', input: `${email}/plan.json`, message: 'Tag "Owner" holds an email address (j***@e***.com)' })]);
  it.each(FORMATS)('%s shows it masked, however the format writes the path (SARIF percent-encodes it)', (format) => {
    const out = render({ report, redact: [email] }, format);
    expect(out).not.toMatch(/jane|doe/);
  });
  it('SARIF\'s URI is the masked path, encoded', () => {
    const uri = JSON.parse(render({ report, redact: [email] }, 'sarif')).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe('j***%40e***.com/plan.json');
  });
});

describe('a detected instance key shorter than the shortest secret masked in text', () => {
  const key = 'E1234';
  const report = reportOf([
    finding({ ruleId: 'no-sensitive-data-in-instance-keys', address: `aws_sqs_queue.q["${key}"]`, category: 'sensitive-data', message: 'The for_each key of this instance holds text matching the sensitive pattern "employee-id" (E***).' }),
    finding({ ruleId: 'required-tags', address: 'aws_sqs_queue.other', category: 'tagging' }),
  ]);
  it.each(FORMATS)('%s shows the address with the key masked', (format) => {
    const out = render({ report, redact: [key] }, format);
    expect(out).not.toContain(key);
  });

  const prints = (out: string): string[] => JSON.parse(out).runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['twinguardFinding/v1']);
  it('SARIF fingerprints hash the masked address; another finding keeps its own', () => {
    const masked = reportOf([finding({ ...report.findings[0], address: 'aws_sqs_queue.q["E***"]' }), report.findings[1]]);
    expect(prints(render({ report, redact: [key] }, 'sarif'))).toEqual(prints(renderSarif(masked)));
    expect(prints(render({ report, redact: [key] }, 'sarif'))[1]).toBe(prints(renderSarif(report))[1]);
  });
});

describe('configuration text a report shows (waivers, reasons to accept a type)', () => {
  const config = parseConfig(
    [
      'waivers:',
      '  - { rule: required-tags, address: \'aws_sqs_queue.gone["mary.major@example.com"]\', owner: mary.major@example.com, reason: stale waiver for ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654, expires: 2025-06-30 }',
      '  - { rule: required-tags, address: \'aws_sqs_queue.q\', owner: john.doe@example.com, reason: waived by john.doe@example.com, expires: 2025-06-30 }',
    ].join('\n'),
    'twinguard.config.yaml',
    ALL_RULES,
  );
  it.each(FORMATS)('%s masks what the detectors find in it, whether the waiver applies or is stale', (format) => {
    const checked = check([parsePlanDocument(plan([res('aws_sqs_queue.q', { name: 'q' })]), 'plan.json')], config, { today: '2025-01-01' });
    expect(checked.report.waivers.map((n) => n.kind)).toEqual(['stale']);
    expect(checked.report.findings.some((f) => f.status === 'waived')).toBe(true);
    expect(render(checked, format)).not.toMatch(/mary\.major|john\.doe|R4nd0mT0k3n/);
  });

  // The messages quoted these settings whole: `Tag "Owner" is "b***@e***.com", not one of "jane.doe@example.com"`.
  const settings = parseConfig(
    [
      'requiredTags: [Owner, ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654]',
      'allowedTagValues:',
      '  Owner: [jane.doe@example.com, +1 415 555 0123]',
      '  Team: [AKIAIOSFODNN7EXAMPLE]',
    ].join('\n'),
    'twinguard.config.yaml',
    ALL_RULES,
  );
  const tagged = parsePlanDocument(plan([res('aws_sqs_queue.q', { name: 'q', tags: { Owner: 'bob@example.com', Team: 'x' } })]), 'plan.json');
  it.each(FORMATS)('%s masks what the detectors find in a required tag or an allowed value a message quotes', (format) => {
    const checked = check([tagged], settings, { today: '2025-01-01' });
    expect(checked.report.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId)).toEqual(expect.arrayContaining(['required-tags', 'allowed-tag-values']));
    const out = render(checked, format);
    expect(out).not.toMatch(/jane\.doe|555 ?0123|R4nd0mT0k3n|IOSFODNN7/);
    if (format === 'text') expect(out).toContain('not one of "j***@e***.com"');
  });
});

describe('for_each keys that mask alike (peer pitfall: indistinguishable for_each instances, checkov #2230)', () => {
  const users = parsePlanDocument(
    plan([res('aws_iam_user.dev["john.doe@example.com"]', { name: 'u-1' }), res('aws_iam_user.dev["jane.roe@example.com"]', { name: 'u-2' })]),
    'plan.json',
  );
  const checked = check([users], DEFAULT_CONFIG, { today: '2025-01-01' });
  it.each(FORMATS)('%s shows each instance on an address of its own, numbered in the order of the real keys, the same on every run', (format) => {
    const out = render(checked, format);
    expect(out).not.toMatch(/john|jane|doe@|roe@/);
    // As the format writes it: escaped in JSON, entities in XML, backslashes before Markdown's characters.
    expect(out).toMatch(/j\\?\*\\?\*\\?\*@e\\?\*\\?\*\\?\*\.com(?:\\?"|&quot;)#1\\?]/);
    expect(out).toMatch(/j\\?\*\\?\*\\?\*@e\\?\*\\?\*\\?\*\.com(?:\\?"|&quot;)#2\\?]/);
    expect(render(check([users], DEFAULT_CONFIG, { today: '2025-01-01' }), format)).toBe(out);
  });
  it('JSON: jane.roe is #1, john.doe #2; SARIF names each its own logical location', () => {
    const doc = JSON.parse(render(checked, 'json'));
    const keys = doc.findings.filter((f: { ruleId: string }) => f.ruleId === 'no-sensitive-data-in-instance-keys');
    expect(keys.map((f: { address: string }) => f.address)).toEqual(['aws_iam_user.dev["j***@e***.com"#1]', 'aws_iam_user.dev["j***@e***.com"#2]']);
    const sarif = JSON.parse(render(checked, 'sarif')).runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'no-sensitive-data-in-instance-keys');
    expect(sarif.map((r: { locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) => r.locations[0].logicalLocations[0].fullyQualifiedName)).toEqual(['aws_iam_user.dev["j***@e***.com"#1]', 'aws_iam_user.dev["j***@e***.com"#2]']);
  });

  // The keys of resources in a module instance are read once per module instance (check.ts `instanceKeys`):
  // a resource's own key written after the module's, in clear, would be missed.
  it("masks a module instance's key and a key of a resource in it, in the order of the addresses", () => {
    const site = 'module.site["mary.major@example.com"]';
    const inModule = parsePlanDocument(
      plan([
        res(`${site}.aws_sqs_queue.a`, { name: 'a' }),
        res(`${site}.aws_sqs_queue.b[0]`, { name: 'b' }),
        res(`${site}.aws_iam_user.dev["john.doe@example.com"]`, { name: 'u-1' }),
        res(`${site}.aws_sqs_queue.c`, { name: 'c' }),
      ]),
      'plan.json',
    );
    const found = check([inModule], DEFAULT_CONFIG, { today: '2025-01-01' });
    expect(found.instanceKeys).toEqual(['mary.major@example.com', 'john.doe@example.com']);
    for (const format of FORMATS) expect(render(found, format)).not.toMatch(/mary\.major|major@|john\.doe|doe@/);
  });

  // jill.kay sorts between jane.roe and john.doe and masks as they do: counted with them, it made john.doe #3.
  it('a value that masks as the keys do but is no key of an address (a tag, a waiver\'s owner) renumbers no address, nor its SARIF fingerprint', () => {
    const identities = (c: ReturnType<typeof check>): [string, string][] =>
      JSON.parse(render(c, 'sarif'))
        .runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'no-sensitive-data-in-instance-keys')
        .map((r: { locations: { logicalLocations: { fullyQualifiedName: string }[] }[]; partialFingerprints: Record<string, string> }) => [r.locations[0].logicalLocations[0].fullyQualifiedName, r.partialFingerprints['twinguardFinding/v1']]);
    const before = identities(checked);
    expect(before.map(([address]) => address)).toEqual(['aws_iam_user.dev["j***@e***.com"#1]', 'aws_iam_user.dev["j***@e***.com"#2]']);
    const tagged = parsePlanDocument(
      plan([
        res('aws_iam_user.dev["john.doe@example.com"]', { name: 'u-1' }),
        res('aws_iam_user.dev["jane.roe@example.com"]', { name: 'u-2' }),
        res('aws_sns_topic.alerts', { name: 'alerts', tags: { owner: 'jill.kay@example.com' } }),
      ]),
      'plan.json',
    );
    const owned = parseConfig(
      "waivers:\n  - { rule: required-tags, address: 'aws_sqs_queue.gone', owner: jill.kay@example.com, reason: the queue is being retired, expires: 2025-06-30 }",
      'twinguard.config.yaml',
      ALL_RULES,
    );
    for (const other of [check([tagged], DEFAULT_CONFIG, { today: '2025-01-01' }), check([users], owned, { today: '2025-01-01' })]) {
      expect(other.redact).toContain('jill.kay@example.com');
      expect(identities(other)).toEqual(before);
      expect(render(other, 'json')).not.toMatch(/jill|kay@|#3/);
    }
  });
});

describe("a value the code wraps in sensitive() (Terraform shows it as '(sensitive value)')", () => {
  it("short, numeric and common-word values are masked where messages quote them, and a name that is the same word stays in addresses (Terraform refuses a sensitive for_each key)", async () => {
    const files = {
      'main.tf': [
        'locals {',
        '  db = sensitive({ engine = "postgres", group = "default" })',
        '}',
        'resource "aws_sqs_queue" "default" {',
        '  name = "q"',
        '  tags = { Environment = sensitive("pin42"), Owner = "x", DataClassification = "internal" }',
        '}',
        'resource "aws_sqs_queue" "n" {',
        '  name = "n"',
        '  tags = { Environment = sensitive(81726354), Owner = "x", DataClassification = "internal" }',
        '}',
      ].join('\n'),
      'twinguard.config.yaml': 'version: 1\nallowedTagValues:\n  Environment: [prod]\n',
    };
    await withFiles(files, async (dir) => {
      for (const format of FORMATS) {
        const run = await twinguard(['check', dir, '-c', path.join(dir, 'twinguard.config.yaml'), '--format', format]);
        expect(run.code).toBe(1);
        expect(run.stdout).not.toMatch(/pin42|81726354/);
        expect(run.stdout).toContain('aws_sqs_queue.default');
      }
    });
  });

  it('a value computed from one is masked in every format, as Terraform shows it: a call, a template, a conditional on it, a module output', async () => {
    const files = {
      'main.tf': [
        'locals {',
        '  env = sensitive("staging-secret-value")',
        '}',
        ...[
          ['upper', 'upper(local.env)'],
          ['template', '"${local.env}-suffix"'],
          ['b64', 'base64encode(local.env)'],
          ['json', 'jsonencode({ a = local.env })'],
          ['cond', 'local.env == "x" ? "chosen-by-secret" : "other-by-secret"'],
          ['mod', 'module.m.env'],
        ].flatMap(([name, value]) => [`resource "aws_sqs_queue" "${name}" {`, `  name = "${name}"`, `  tags = { Environment = ${value}, Owner = "x", DataClassification = "internal" }`, '}']),
        'module "m" {',
        '  source = "./mod"',
        '}',
      ].join('\n'),
      'mod/main.tf': 'locals {\n  env = sensitive("module-secret-value")\n}\noutput "env" {\n  value = "${upper(local.env)}-from-module"\n}\n',
      'twinguard.config.yaml': 'version: 1\nallowedTagValues:\n  Environment: [prod]\n',
    };
    await withFiles(files, async (dir) => {
      for (const format of FORMATS) {
        const run = await twinguard(['check', dir, '-c', path.join(dir, 'twinguard.config.yaml'), '--format', format]);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('allowed-tag-values');
        // What the evaluator computes: STAGING-SECRET-VALUE, its base64, the chosen side, the module's output.
        expect(run.stdout).not.toMatch(/STAGING-SECRET|c3RhZ2luZy1zZWNyZXQtdmFsdWU|other-by-secret|-suffix|MODULE-SECRET|-from-module|staging-secret-value|module-secret-value/);
      }
    });
  });

  it("a sensitive map's keys are masked in messages and paths, in every format", async () => {
    const files = {
      'main.tf': [
        'locals {',
        '  tags = sensitive({ "vault-secret" = "Sup3rS3cretValue!", Environment = "prod", Owner = "x", DataClassification = "internal" })',
        '}',
        'resource "aws_sqs_queue" "q" {',
        '  name = "q"',
        '  tags = local.tags',
        '}',
      ].join('\n'),
    };
    await withFiles(files, async (dir) => {
      for (const format of FORMATS) {
        const run = await twinguard(['check', dir, '--format', format]);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('no-sensitive-data-in-tags'); // the key names a credential: the rule quotes it
        expect(run.stdout).not.toContain('vault-secret');
      }
    });
  });

  it('a for_each over one makes no address show its keys, in every format (Terraform refuses such a for_each)', async () => {
    const files = {
      'main.tf': [
        'locals {',
        '  users = sensitive({ "alice-private-name" = "a" })',
        '  names = sensitive(["carol-private-name"])',
        '}',
        'resource "aws_sqs_queue" "m" {',
        '  for_each = local.users',
        '  name     = "m"',
        '}',
        'resource "aws_sqs_queue" "s" {',
        '  for_each = toset(local.names)',
        '  name     = "s"',
        '}',
        'resource "aws_sqs_queue" "d" {',
        '  for_each = { for k, v in local.users : "${k}-derived" => v }',
        '  name     = "d"',
        '}',
      ].join('\n'),
    };
    await withFiles(files, async (dir) => {
      for (const format of FORMATS) {
        const run = await twinguard(['check', dir, '--format', format]);
        expect(run.stdout).toContain('aws_sqs_queue.m');
        expect(run.stdout).not.toMatch(/private-name/);
      }
    });
  });

  it('is masked in the check cdktf runs at synth (checkSynthesized): in every format and in the lines it fails synth with', () => {
    const doc = {
      locals: { env: '${sensitive("synth-secret-value")}' },
      resource: {
        aws_sqs_queue: {
          q: { name: 'q', tags: { Environment: '${local.env}', Owner: 'x', DataClassification: 'internal' } },
          u: { name: 'u', tags: { Environment: '${upper(local.env)}', Owner: 'x', DataClassification: 'internal' } },
        },
      },
    };
    const checked = checkSynthesized(doc, 'cdk.tf.json', { config: parseConfig('version: 1\nallowedTagValues:\n  Environment: [prod]\n', 'twinguard.config.yaml', ALL_RULES) });
    const lines = blockingMessages(checked);
    expect(lines.filter((line) => line.includes('allowed-tag-values'))).toHaveLength(2);
    for (const text of [lines.join('\n'), ...FORMATS.map((format) => render(checked, format))]) expect(text).not.toMatch(/synth-secret-value|SYNTH-SECRET-VALUE/i);
  });

  it('is masked in every format, in .tf code and through a module argument', async () => {
    const files = {
      'main.tf': [
        'locals {',
        '  env = sensitive("staging-secret-value")',
        '}',
        'resource "aws_s3_bucket" "b" {',
        '  bucket = "b"',
        '  tags   = { Environment = local.env, Owner = "x", DataClassification = "internal" }',
        '}',
        'module "m" {',
        '  source = "./mod"',
        '  tagset = { Environment = sensitive("module-secret-value"), Owner = "x", DataClassification = "internal" }',
        '}',
      ].join('\n'),
      'mod/main.tf': 'variable "tagset" {}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n  tags = var.tagset\n}\n',
      'twinguard.config.yaml': 'version: 1\nallowedTagValues:\n  Environment: [prod]\n',
    };
    await withFiles(files, async (dir) => {
      for (const format of FORMATS) {
        const run = await twinguard(['check', dir, '-c', path.join(dir, 'twinguard.config.yaml'), '--format', format]);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('allowed-tag-values');
        expect(run.stdout).not.toMatch(/staging-secret-value|module-secret-value/);
      }
    });
  });
});
