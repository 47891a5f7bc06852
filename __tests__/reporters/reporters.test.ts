import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { create } from 'xmlbuilder2';
import { renderCodeQuality } from '../../checks/reporters/codequality';
import { renderJson } from '../../checks/reporters/json';
import { renderJunit } from '../../checks/reporters/junit';
import { MAX_ROWS, renderMarkdown } from '../../checks/reporters/markdown';
import { inputUri, MAX_RESULTS, renderSarif } from '../../checks/reporters/sarif';
import type { ReporterOptions } from '../../checks/reporters/shared';
import { renderText } from '../../checks/reporters/text';
import { render } from '../../checks/check';
import type { Report } from '../../checks/report';
import { describeWithShared } from '../helpers/shared';
import { twinguard, withFiles } from '../cli/run';
import { finding, mixedReport, reportOf } from './sample-report';
import { sarifValidator } from './sarif-validator';

const ESC = '\u001b[';

// commonmark (a devDependency) renders Markdown as CommonMark does; GitHub's
// GFM adds tables, strikethrough and autolinks, which a table row's text is rendered as here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmark = require('commonmark') as { Parser: new () => { parse(md: string): unknown }; HtmlRenderer: new () => { render(doc: unknown): string } };
const html = (md: string): string => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(md));
const unescapeHtml = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const empty = (): Report => reportOf([], [], { coverage: { evaluatedResources: 3, totalResources: 3, uncheckedTypes: [], notLoadedModules: [] } });
const REPORTERS: [string, (r: Report) => string][] = [
  ['text', (r) => renderText(r)],
  ['json', renderJson],
  ['sarif', renderSarif],
  ['junit', renderJunit],
  ['markdown', renderMarkdown],
  ['codequality', renderCodeQuality],
];

describe.each(REPORTERS)('%s reporter', (_name, render) => {
  it('is deterministic: the same report gives the same bytes', () => {
    expect(render(mixedReport())).toBe(render(mixedReport()));
  });

  it('names every finding address, and renders an empty report', () => {
    const out = render(mixedReport());
    for (const f of mixedReport().findings) expect(out).toContain(f.ruleId);
    expect(render(empty()).length).toBeGreaterThan(0);
  });
});

describe('CI log commands in data', () => {
  // GitHub Actions' runner reads a legacy command `##[…]` anywhere in a line, Azure Pipelines `##vso[…]`.
  const address = 'aws_sqs_queue.q["a ##[error title=twinguard]no blocking finding"]';
  const message = 'Tag "##vso[task.setvariable variable=TG_PASSED]true" is not allowed; see ###[debug]x and ##VSO[task.complete]';
  const input = 'plans/##[warning]x.json';
  const report = reportOf([finding({ ruleId: 'r', address, input, path: 'tags.##[group]', message, constructPath: 'stack/##[endgroup]' })]);

  it.each(REPORTERS)('%s: no line holds ##[ or ##vso[, in any case', (_name, render) => {
    const out = render(report);
    expect(out).not.toMatch(/##(vso)?\[/i);
    // The second # written as an escape: as text (\u0023), or in JSON as the same escape of the text.
    expect(out).toMatch(/#\\+u0023\[error title=twinguard\]/);
  });

  it.each([
    ['json', renderJson],
    ['sarif', renderSarif],
  ])('%s: the document still holds the data as it was (a JSON escape)', (_name, render) => {
    expect(JSON.stringify(JSON.parse(render(report)))).toContain(JSON.stringify(address).slice(1, -1));
  });

  it("codequality: a location's path is the file's (a JSON escape), its description shown text as the widget shows it", () => {
    const [issue] = JSON.parse(renderCodeQuality(report));
    expect(issue.location.path).toBe(input);
    expect(issue.description).toContain('a #\\u0023[error title=twinguard]');
  });
});

describe('json reporter', () => {
  it('writes the versioned document of issue 5', () => {
    const doc = JSON.parse(renderJson(mixedReport()));
    expect(doc.version).toBe(1);
    expect(doc.tool).toEqual({ name: 'twinguard', version: '0.1.0' });
    expect(doc.summary).toMatchObject({ passed: false, blocking: 4 });
    const waived = doc.findings.find((f: { status: string }) => f.status === 'waived');
    expect(waived).toMatchObject({ ruleId: 'kms-key-rotation', blocking: false, originalStatus: 'fail', waiver: { owner: 'team-crypto', expires: '2999-12-31' } });
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['ruleId', 'category', 'severity', 'status', 'blocking', 'address', 'input', 'message', 'references']));
    }
    expect(doc.findings.find((f: { constructPath?: string }) => f.constructPath)?.constructPath).toBe('twinmaker-dev/workspace/data');
    expect(doc.waivers.map((w: { kind: string }) => w.kind)).toEqual(['expired', 'stale']);
    expect(doc.coverage.uncheckedTypes).toEqual([{ type: 'null_resource', count: 2 }]);
  });

  it('says passed when nothing blocks', () => {
    expect(JSON.parse(renderJson(empty())).summary.passed).toBe(true);
  });
});

describe('text reporter', () => {
  it('groups findings by resource, with the construct path beside the address, once per resource', () => {
    const out = renderText(mixedReport());
    const lines = out.split('\n');
    const header = lines.filter((l) => l.trim().startsWith('module.app["eu"].aws_s3_bucket.data[0]'));
    expect(header).toHaveLength(1);
    expect(header[0]).toContain('(twinmaker-dev/workspace/data)');
    const at = lines.indexOf(header[0]);
    expect(lines.slice(at + 1, at + 5).join('\n')).toMatch(/FAIL[\s\S]*s3-bucket-sse-kms[\s\S]*UNKNOWN[\s\S]*s3-bucket-tls-only/);
  });

  it('prints a summary with counts per category and status, the coverage line and the verdict', () => {
    const out = renderText(mixedReport());
    expect(out).toMatch(/Summary: 4 blocking; 2 fail, 2 unknown, 1 waived/);
    expect(out).toContain('encryption-in-transit: 1 unknown');
    expect(out).toContain('Coverage: 8/10 resources evaluated by a rule of their type; only the rules for every type (tags, sensitive data) judged: null_resource (2)');
    expect(out).toContain('Result: FAIL (4 blocking)');
    expect(renderText(empty())).toContain('Result: PASS');
  });

  it('shows the waiver of a waived finding and the notices', () => {
    const out = renderText(mixedReport());
    expect(out).toContain('waived until 2999-12-31 by team-crypto: Legacy key, rotation handled by the HSM team');
    expect(out).toMatch(/EXPIRED\s+kms-key-rotation on aws_kms_key.old/);
    expect(out).toMatch(/STALE\s+required-tags on aws_s3_bucket.gone/);
  });

  it('marks a finding that does not block', () => {
    expect(renderText(mixedReport())).toMatch(/cloudtrail-kms.*\(not blocking\)/);
  });

  it('shows control and format characters of data escaped, as terraform writes them: a value writes no line, colour or bidi override of its own', () => {
    const value = 'dev\n::notice title=twinguard::PASS\n\u001b[2J\u001b[32mResult: PASS\u0000\u0007\u007f\u0085';
    const report = reportOf([
      finding({ ruleId: 'allowed-tag-values', address: 'aws_sqs_queue.q["\u202eevil\u2066"]', path: 'tags.Env\tx', message: `Tag "Environment" is "${value}"`, constructPath: 'stack/\u200fq' }),
    ]);
    for (const color of [false, true]) {
      const out = renderText(report, { color });
      expect(out.split('\n').filter((l) => l.includes('::'))).toEqual([expect.stringMatching(/^ {6}Tag "Environment" is "dev\\n::notice/)]);
      expect(out).toContain('is "dev\\n::notice title=twinguard::PASS\\n\\u001b[2J\\u001b[32mResult: PASS\\u0000\\u0007\\u007f\\u0085"');
      expect(out).toContain('aws_sqs_queue.q["\\u202eevil\\u2066"]');
      expect(out).toContain('[tags.Env\\tx]');
      expect(out).toContain('(stack/\\u200fq)');
      expect(out).not.toMatch(/[\u0000\u0007\u007f\u0085\u200f\u202e\u2066]/);
      // The report's own lines and colours stay: the verdict is still FAIL, on its own line.
      expect(out.trimEnd().split('\n').at(-1)).toMatch(/Result: FAIL \(1 blocking\)/);
      expect(out.includes('\u001b[')).toBe(color);
    }
  });

  it('masks a secret that holds a control character before escaping it (the last pass looks for it as written)', () => {
    const secret = 'line-one\u001bline-two-secret';
    const checked = { report: reportOf([finding({ ruleId: 'r', address: `aws_iam_user.u[${JSON.stringify(secret).replace('\\u001b', '\u001b')}]` })]), redact: [secret] };
    const out = render(checked, 'text');
    expect(out).not.toContain('line-two-secret');
    expect(out).toContain('aws_iam_user.u["line***"]');
  });

  it('uses colours only when asked', () => {
    expect(renderText(mixedReport())).not.toContain(ESC);
    expect(renderText(mixedReport(), { color: false })).not.toContain(ESC);
    expect(renderText(mixedReport(), { color: true })).toContain(ESC);
  });
});

describe('sarif reporter', () => {
  const log = () => JSON.parse(renderSarif(mixedReport()));

  it('lists the rules with help and GitHub security severity', () => {
    const rules = log().runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(mixedReport().rules.map((r) => r.id));
    expect(rules[0].help.markdown).toContain('docs/rules/');
    expect(rules[0].properties['security-severity']).toMatch(/^\d+\.\d$/);
  });

  it('gives each result a physical location GitHub accepts and the address and construct path as logical locations', () => {
    const results = log().runs[0].results;
    expect(results).toHaveLength(5);
    for (const r of results) {
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^(plan\.json|cdktf\.out\/stacks\/twinmaker-dev\/cdk\.tf\.json)$/);
      expect(r.locations[0].physicalLocation.region.startLine).toBe(1);
      expect(typeof r.ruleIndex).toBe('number');
      expect(r.partialFingerprints['twinguardFinding/v1']).toMatch(/^[0-9a-f]{64}$/);
    }
    const bucket = results.find((r: { ruleId: string }) => r.ruleId === 's3-bucket-sse-kms');
    expect(bucket.locations[0].logicalLocations.map((l: { fullyQualifiedName: string }) => l.fullyQualifiedName)).toEqual([
      'module.app["eu"].aws_s3_bucket.data[0]',
      'twinmaker-dev/workspace/data',
    ]);
    const fingerprints = new Set(results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['twinguardFinding/v1']));
    expect(fingerprints.size).toBe(results.length);
  });

  it('turns a waived finding into a suppression with its justification', () => {
    const waived = log().runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'kms-key-rotation');
    expect(waived.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: expect.stringContaining('Legacy key, rotation handled by the HSM team') }]);
    expect(log().runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions)).toHaveLength(1);
  });

  it('reports waiver notices as tool configuration notifications', () => {
    const notes = log().runs[0].invocations[0].toolConfigurationNotifications;
    expect(notes.map((n: { level: string }) => n.level)).toEqual(['error', 'warning']);
  });

  it('in strict mode, makes each blocking coverage item an error result, as Code Quality and JUnit do', () => {
    const coverage = { ...mixedReport().coverage, strict: true, notLoadedModules: [{ input: 'infra', module: 'module.vpc', source: 'terraform-aws-modules/vpc/aws', reason: 'a registry source' }] };
    const run = JSON.parse(renderSarif(reportOf([], [], { coverage, summary: { blocking: 2, byStatus: { fail: 0, unknown: 0, waived: 0 }, byCategory: {} } }))).runs[0];
    expect(run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ['twinguard-coverage', 'error'],
      ['twinguard-coverage', 'error'],
    ]);
    expect(run.results[0].message.text).toMatch(/^Strict mode: no rule understands resource type null_resource \(2 resource\(s\)\)/);
    expect(run.results[1].message.text).toMatch(/^Strict mode: module module\.vpc \(terraform-aws-modules\/vpc\/aws\) was not loaded/);
    expect(run.results[1].locations[0].physicalLocation.artifactLocation.uri).toBe('infra');
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe('twinguard-coverage');
    const lenient = JSON.parse(renderSarif(mixedReport())).runs[0];
    expect(lenient.results.filter((r: { ruleId: string }) => r.ruleId === 'twinguard-coverage')).toEqual([]);
  });

  it('keeps a run within GitHub\'s 25,000 results: blocking ones first, the number left out said in the run', () => {
    const waived = Array.from({ length: MAX_RESULTS }, (_, i) =>
      finding({ ruleId: 'r', address: `aws_sqs_queue.a${i}`, status: 'waived', waiver: { reason: 'x', owner: 'o', expires: '2999-01-01' } }),
    );
    const blocking = ['z1', 'z2', 'z3'].map((name) => finding({ ruleId: 'r', address: `aws_sqs_queue.${name}` }));
    const run = JSON.parse(renderSarif(reportOf([...waived, ...blocking]))).runs[0];
    expect(run.results).toHaveLength(MAX_RESULTS);
    expect(run.results.slice(0, 3).map((r: { level: string; message: { text: string } }) => [r.level, r.message.text.match(/aws_sqs_queue\.\w+/)?.[0]])).toEqual([
      ['error', 'aws_sqs_queue.z1'],
      ['error', 'aws_sqs_queue.z2'],
      ['error', 'aws_sqs_queue.z3'],
    ]);
    expect(run.properties.resultsLeftOut).toBe(3);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([{ level: 'warning', message: { text: expect.stringMatching(/^3 of 25003 results left out/) } }]);
    expect(JSON.parse(renderSarif(mixedReport())).runs[0].properties.resultsLeftOut).toBeUndefined();
  });

  it('writes input names as URIs: relative stays relative, stdin and absolute paths become valid URIs', () => {
    expect(inputUri('./infra/plan.json')).toBe('infra/plan.json');
    expect(inputUri('dir with space/plan.json')).toBe('dir%20with%20space/plan.json');
    expect(inputUri('plan#prod?.json')).toBe('plan%23prod%3F.json');
    expect(inputUri('-')).toBe('stdin');
    expect(inputUri('/tmp/x/plan.json')).toBe('file:///tmp/x/plan.json');
  });

  it('places an input named by an absolute path inside the working directory at its repository path (GitHub resolves relative URIs from the repository root)', () => {
    const report = reportOf([finding({ ruleId: 'required-tags', address: 'aws_s3_bucket.b', input: '/ci/repo/infra/plan.json' })]);
    const uri = (cwd: string) => JSON.parse(renderSarif(report, { cwd })).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri('/ci/repo')).toBe('infra/plan.json');
    expect(uri('/elsewhere')).toBe('file:///ci/repo/infra/plan.json');
  });
});

describe('markdown reporter: bare URLs in data', () => {
  it('breaks https:// and www. in a message with a zero-width space, so GitHub does not link a tag value', () => {
    const md = renderMarkdown(reportOf([finding({ ruleId: 'allowed-tag-values', address: 'a.b', message: 'tag Owner is "https://evil.example/login" (also www.evil.example)' })]));
    expect(md).toContain('https:&#8203;//evil.example/login');
    expect(md).toContain('www&#8203;.evil.example');
    expect(md).not.toMatch(/https:\/\/evil|www\.evil/);
  });
});

describe('markdown reporter: issue references in data', () => {
  it('breaks GH-1234 (any case) with a zero-width space, as #1234, so a tag value references no issue; a commit SHA stays as written', () => {
    const message = 'tag Environment is "see GH-1234" (also gh-7, #26 and a5c3785ed8d6)';
    const md = renderMarkdown(reportOf([finding({ ruleId: 'allowed-tag-values', address: 'a.b', message })]));
    expect(md).toContain('GH-&#8203;1234');
    expect(md).toContain('gh-&#8203;7');
    const visible = unescapeHtml(html(md).replace(/<[^>]+>/g, ''));
    expect(visible).not.toMatch(/gh-\d|#\d/i);
    expect(visible.replace(/\u200b/g, '')).toContain(message);
  });
});

describe('repository paths (SARIF artifactLocation.uri, Code Quality location.path)', () => {
  let repo: string;
  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-repo-'));
    fs.mkdirSync(path.join(repo, '.git'));
    fs.mkdirSync(path.join(repo, 'infra'));
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  const report = reportOf([finding({ ruleId: 'required-tags', address: 'aws_s3_bucket.b', input: 'infra/main.tf' }), finding({ ruleId: 'r', address: 'a.b', input: 'main.tf' })]);
  const places = (options: ReporterOptions): string[][] => [
    JSON.parse(renderSarif(report, options)).runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri),
    JSON.parse(renderCodeQuality(report, options)).map((i: { location: { path: string } }) => i.location.path),
  ];

  it('are relative to the git top level found above the file, not to the working directory (cd infra && twinguard check .)', () => {
    const [sarif, codeQuality] = places({ cwd: path.join(repo, 'infra') });
    expect(sarif).toEqual(['infra/infra/main.tf', 'infra/main.tf']);
    expect(codeQuality).toEqual(['infra/infra/main.tf', 'infra/main.tf']);
  });

  it('are relative to GITHUB_WORKSPACE or CI_PROJECT_DIR where the file lies within, before the git top level', () => {
    expect(places({ cwd: path.join(repo, 'infra'), env: { GITHUB_WORKSPACE: path.join(repo, 'infra') } })[0]).toEqual(['infra/main.tf', 'main.tf']);
    expect(places({ cwd: path.join(repo, 'infra'), env: { CI_PROJECT_DIR: path.join(repo, 'infra') } })[1]).toEqual(['infra/main.tf', 'main.tf']);
    // A variable naming a directory that does not hold the file is passed over.
    expect(places({ cwd: path.join(repo, 'infra'), env: { GITHUB_WORKSPACE: '/elsewhere' } })[0]).toEqual(['infra/infra/main.tf', 'infra/main.tf']);
  });

  it('are relative to the working directory outside any repository, as before', () => {
    expect(places({ cwd: '/ci/repo' })[0]).toEqual(['infra/main.tf', 'main.tf']);
  });
});

describeWithShared('sarif reporter against the SARIF 2.1.0 schema', () => {
  const validate = sarifValidator();
  const reports: [string, Report][] = [
    ['mixed', mixedReport()],
    ['empty', empty()],
    ['stdin and absolute inputs, unknown only', reportOf([finding({ ruleId: 'a', address: 'aws_s3_bucket.b["x/y"]', input: '-', status: 'unknown' }), finding({ ruleId: 'b', address: 'x.y', input: '/abs/plan.json' })])],
    ['with help URIs', { ...mixedReport(), rules: mixedReport().rules.map((r) => ({ ...r, helpUri: `https://github.com/o/r/blob/HEAD/docs/rules/${r.id}.md` })) }],
    ['strict, with a module not loaded', { ...mixedReport(), coverage: { ...mixedReport().coverage, strict: true, notLoadedModules: [{ input: 'infra', module: 'module.vpc', reason: 'a registry source' }] } }],
  ];
  it.each(reports)('%s validates', (_name, report) => {
    const ok = validate(JSON.parse(renderSarif(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator rejects a broken log (it really validates)', () => {
    const broken = JSON.parse(renderSarif(mixedReport()));
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
  });
});

describe('junit reporter', () => {
  const parse = (xml: string) => create(xml).end({ format: 'object' }) as unknown as { testsuites: Record<string, unknown> };

  it('is well-formed XML with one test case per (rule, resource): failures block, waived are skipped', () => {
    const xml = renderJunit(mixedReport());
    const doc = parse(xml);
    expect(doc.testsuites['@failures']).toBe('4');
    expect(doc.testsuites['@skipped']).toBe('1');
    expect(xml).toContain('name="s3-bucket-sse-kms module.app[&quot;eu&quot;].aws_s3_bucket.data[0]"');
    expect(xml).toMatch(/<testcase classname="twinguard.encryption-at-rest.kms-key-rotation" name="kms-key-rotation aws_kms_key.legacy">\s*<skipped message="waived: Legacy key/);
    expect(xml).toMatch(/name="cloudtrail-kms aws_cloudtrail.main">\s*<system-out>/);
    expect(xml).toContain('name="quiet-rule: no finding"');
  });

  it('merges two findings of one rule on one resource into one test case', () => {
    const xml = renderJunit(reportOf([finding({ ruleId: 'tags', address: 'aws_sqs_queue.q', path: 'tags.Owner' }), finding({ ruleId: 'tags', address: 'aws_sqs_queue.q', path: 'tags.Environment' })]));
    expect(xml.match(/name="tags aws_sqs_queue.q"/g)).toHaveLength(1);
    expect(xml).toContain('tags.Owner');
    expect(xml).toContain('tags.Environment');
  });

  it('replaces characters XML cannot hold', () => {
    const xml = renderJunit(reportOf([finding({ ruleId: 'r', address: 'a.b', message: 'bad \u0001 char & <tag>' })]));
    expect(() => parse(xml)).not.toThrow();
    expect(xml).toContain('&amp; &lt;tag&gt;');
  });

  it('shows control and format characters of data escaped, as the text report does', () => {
    const xml = renderJunit(reportOf([finding({ ruleId: 'r', address: 'a.b["\u202ex"]', message: 'is "dev\n::notice::PASS\u001b[2J"' })]));
    expect(xml).toContain('name="r a.b[&quot;\\u202ex&quot;]"');
    expect(xml).toContain('message="is &quot;dev\\n::notice::PASS\\u001b[2J&quot;"');
    expect(xml).not.toMatch(/[\u202e\ufffd]|\n::notice/);
  });

  it('replaces a lone surrogate and U+FFFF, which XML cannot hold, with U+FFFD', () => {
    const xml = renderJunit(reportOf([finding({ ruleId: 'r', address: 'a.b', message: 'half \ud800 of a pair, not a character \uffff' })]));
    expect(() => parse(xml)).not.toThrow();
    expect(xml).toContain('message="half \ufffd of a pair, not a character \ufffd"');
  });

  it('renders 20,000 findings as one document a CI reads (the report is written as it is built, not held as a tree)', () => {
    const many = Array.from({ length: 20000 }, (_, i) => finding({ ruleId: `r${i % 5}`, address: `aws_s3_bucket.b${Math.floor(i / 5)}` }));
    const doc = parse(renderJunit(reportOf(many)));
    expect(doc.testsuites['@tests']).toBe('20002');
    expect(doc.testsuites['@failures']).toBe('20000');
  });

  it('fails the coverage test case in strict mode only', () => {
    const strict = { ...mixedReport(), coverage: { ...mixedReport().coverage, strict: true } };
    expect(renderJunit(strict)).toMatch(/name="resource types understood by a rule">\s*<failure/);
    expect(renderJunit(mixedReport())).toMatch(/name="resource types understood by a rule">\s*<system-out/);
  });
});

describe('markdown reporter', () => {
  it('states the verdict and counts per category and status', () => {
    const md = renderMarkdown(mixedReport());
    expect(md.split('\n')[0]).toBe('### ❌ twinguard: 4 blocking');
    expect(md).toContain('| encryption-at-rest | 1 | 0 | 1 |');
    expect(md).toContain('#### Blocking findings (3)');
    expect(md).toContain('<details><summary>Waived (1)</summary>');
    expect(md).toContain('**expired** (blocking)');
    expect(renderMarkdown(empty()).split('\n')[0]).toBe('### ✅ twinguard: no blocking finding');
  });

  it('keeps tables intact when a message holds a pipe or a line break', () => {
    const md = renderMarkdown(reportOf([finding({ ruleId: 'r', address: 'a.b', message: 'one | two\nthree <b>' })]));
    const row = md.split('\n').find((l) => l.includes('one'));
    expect(row).toContain('one \\| two\\\\nthree &lt;b&gt;');
  });

  it('shows an address in a code span as written: no entity inside, a fence longer than its backticks', () => {
    const addresses = ['aws_s3_bucket.b["<name>&x"]', 'aws_s3_bucket.b["a`b``c"]', 'aws_s3_bucket.b["`edge`"]'];
    const md = renderMarkdown(reportOf(addresses.map((address) => finding({ ruleId: 'r', address }))));
    const shown = [...html(md).matchAll(/<code>([^<]*)<\/code>/g)].map((m) => unescapeHtml(m[1]));
    expect(shown).toEqual(expect.arrayContaining(addresses));
    expect(md).not.toContain("'");
  });

  it('shows data as text: no mention, link, image, emphasis or HTML from a tag value or a waiver', () => {
    const message = 'Tag "Owner" is "@octocat [docs](https://example.invalid/x) ![i](https://example.invalid/i.png) *bold* _it_ <img src=x> #12 ~~s~~"';
    const report = reportOf(
      [
        finding({ ruleId: 'allowed-tag-values', address: 'aws_sqs_queue.r', message }),
        finding({ ruleId: 'r', address: 'aws_sqs_queue.q', status: 'waived', waiver: { reason: 'see @acme/security-team', owner: '@acme/platform-oncall', expires: '2099-12-31' } }),
      ],
      [{ kind: 'stale', ruleId: 'r', address: 'aws_sqs_queue.nothing', owner: '@acme/security-team', expires: '2099-12-31', blocking: false, message: 'waiver #2 matches no finding' }],
    );
    const md = renderMarkdown(report);
    const rendered = html(md);
    expect(rendered).not.toMatch(/<a |<img|<em>|<del>/);
    for (const [, bold] of rendered.matchAll(/<strong>(.*?)<\/strong>/g)) expect(bold).toMatch(/^(total|\d+|stale)$/);
    // GitHub mentions and references an issue only where @ or # is followed by the name or the number.
    const visible = unescapeHtml(rendered.replace(/<[^>]+>/g, ''));
    expect(visible).not.toMatch(/@[\w-]|#\d/);
    const text = visible.replace(/\u200b/g, '');
    expect(text).toContain(message);
    expect(text).toContain('see @acme/security-team (@acme/platform-oncall, until 2099-12-31)');
    expect(text).toContain('owner @acme/security-team, expires 2099-12-31: waiver #2 matches no finding');
  });

  it('masks a secret before escaping it (the last pass looks for it as written)', () => {
    const secret = 'jane_doe@example.com';
    const out = render({ report: reportOf([finding({ ruleId: 'r', address: `aws_iam_user.u["${secret}"]`, message: `owner is ${secret}` })]), redact: [secret] }, 'markdown');
    expect(out).not.toMatch(/jane|doe|example/);
    expect(out).toContain('j\\*\\*\\*@&#8203;e\\*\\*\\*.com');
  });

  it('keeps the whole body under GitHub\'s 65,536-character comment limit, blocking findings first, saying what was left out', () => {
    const long = 'x'.repeat(300);
    const findings = [
      ...Array.from({ length: 60 }, (_, i) => finding({ ruleId: 'r', address: `aws_sqs_queue.b${i}`, message: `blocking ${long}` })),
      ...Array.from({ length: 60 }, (_, i) => finding({ ruleId: 'r', address: `aws_sqs_queue.w${i}`, status: 'waived', waiver: { reason: long, owner: 'o', expires: '2999-01-01' } })),
    ];
    const notices = Array.from({ length: 2_000 }, (_, i) => ({ kind: 'stale' as const, ruleId: 'r', address: `aws_sqs_queue.gone${i}`, owner: 'team', expires: '2999-01-01', blocking: false, message: `waiver #${i} matches no finding ${long}` }));
    const coverage = { evaluatedResources: 1, totalResources: 9_000, uncheckedTypes: Array.from({ length: 3_000 }, (_, i) => ({ type: `vendor_thing_${i}`, count: 3 })), notLoadedModules: [] };
    const md = renderMarkdown(reportOf(findings, notices, { coverage }));
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(65_536);
    expect(md.split('\n').filter((l) => l.startsWith('| fail'))).toHaveLength(MAX_ROWS);
    expect(md).toMatch(/… and \d+ more \(the text and JSON reports list every one\)\.\n\n<\/details>/);
    const shownNotices = md.split('\n').filter((l) => l.startsWith('- **stale**')).length;
    expect(shownNotices).toBeGreaterThan(0);
    expect(md).toContain(`… and ${2_000 - shownNotices} more (the text and JSON reports list every one).`);
    expect(md.trimEnd().split('\n').at(-1)).toMatch(/^Coverage: .*vendor\\_thing\\_\d+ \(3\) … \(cut short: the text and JSON reports give the whole coverage\)$/);
  });

  it('caps long tables and says how many more there are', () => {
    const many = Array.from({ length: MAX_ROWS + 7 }, (_, i) => finding({ ruleId: 'r', address: `aws_s3_bucket.b${String(i).padStart(3, '0')}` }));
    const md = renderMarkdown(reportOf(many));
    expect(md.split('\n').filter((l) => l.startsWith('| fail'))).toHaveLength(MAX_ROWS);
    expect(md).toContain('… and 7 more');
  });
});

describe('codequality reporter (GitLab Code Quality)', () => {
  /** The fields GitLab reads, as https://docs.gitlab.com/ci/testing/code_quality/ documents them. */
  const SCHEMA = {
    type: 'array',
    items: {
      type: 'object',
      required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
      properties: {
        description: { type: 'string', minLength: 1 },
        check_name: { type: 'string', minLength: 1 },
        fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
        location: {
          type: 'object',
          required: ['path', 'lines'],
          properties: { path: { type: 'string', minLength: 1 }, lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } } },
        },
      },
    },
  };
  type Issue = { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } };
  const issuesOf = (report: Report): Issue[] => JSON.parse(renderCodeQuality(report));

  it('names an input given by an absolute path inside the working directory by its path in the repository, as GitLab requires', () => {
    const report = reportOf([finding({ ruleId: 'required-tags', address: 'aws_s3_bucket.b', input: '/ci/repo/infra/plan.json' })]);
    expect(JSON.parse(renderCodeQuality(report, { cwd: '/ci/repo' }))[0].location.path).toBe('infra/plan.json');
    expect(JSON.parse(renderCodeQuality(report, { cwd: '/ci' }))[0].location.path).toBe('repo/infra/plan.json');
    // The working directory itself, as GitLab's `check "$CI_PROJECT_DIR"` names it: the same path in every checkout.
    const root = reportOf([finding({ ruleId: 'required-tags', address: 'aws_s3_bucket.b', input: '/builds/acme/repo/' })]);
    expect(JSON.parse(renderCodeQuality(root, { cwd: '/builds/acme/repo' }))[0].location.path).toBe('.');
  });

  it('is the array of issues GitLab reads, with a fingerprint unique to each issue', () => {
    const validate = new Ajv({ strict: true }).compile(SCHEMA);
    const issues = issuesOf(mixedReport());
    expect(validate(issues)).toBe(true);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(validate([{ description: 'x', check_name: 'y', fingerprint: 'z', severity: 'urgent', location: { path: 'p', lines: { begin: 0 } } }])).toBe(false);
  });

  it('one issue per finding that is not waived, on its input at line 1; a blocking finding one step up GitLab\'s scale, one that does not block info', () => {
    const byRule = Object.fromEntries(issuesOf(mixedReport()).map((i) => [i.check_name, i]));
    expect(Object.keys(byRule).sort()).toEqual(['cloudtrail-kms', 'required-tags', 's3-bucket-sse-kms', 's3-bucket-tls-only', 'twinguard-waiver-expired']);
    expect(byRule['s3-bucket-sse-kms']).toEqual(expect.objectContaining({ severity: 'critical', location: { path: 'cdktf.out/stacks/twinmaker-dev/cdk.tf.json', lines: { begin: 1 } } }));
    expect(byRule['s3-bucket-sse-kms'].description).toMatch(/\[module\.app\["eu"\]\.aws_s3_bucket\.data\[0\], construct twinmaker-dev\/workspace\/data\]$/);
    expect(byRule['s3-bucket-tls-only'].description).toMatch(/^Cannot be verified at plan time: /);
    expect(byRule['required-tags']).toEqual(expect.objectContaining({ severity: 'major', location: { path: 'plan.json', lines: { begin: 1 } } }));
    expect(byRule['required-tags'].description).toContain('aws_sqs_queue.q, tags.Owner');
    expect(byRule['cloudtrail-kms'].severity).toBe('info');
    expect(byRule['twinguard-waiver-expired']).toEqual(expect.objectContaining({ severity: 'major', description: expect.stringContaining('waiver #2 expired on 2020-01-01') }));
    const critical = issuesOf(reportOf([finding({ ruleId: 'no-static-provider-credentials', address: 'provider.aws', severity: 'critical' })]));
    expect(critical.map((i) => i.severity)).toEqual(['blocker']);
  });

  it('the same finding keeps its fingerprint from run to run (GitLab compares them), another resource gets another', () => {
    const one = issuesOf(reportOf([finding({ ruleId: 'r', address: 'aws_s3_bucket.a' })]))[0];
    const again = issuesOf(reportOf([finding({ ruleId: 'r', address: 'aws_s3_bucket.a' }), finding({ ruleId: 'r', address: 'aws_s3_bucket.b' })]));
    expect(again[0].fingerprint).toBe(one.fingerprint);
    expect(again[1].fingerprint).not.toBe(one.fingerprint);
  });

  it("a finding keeps its fingerprint when its message changes (a count, a quoted value), as SARIF's does; two on one place stay apart", () => {
    const [before] = issuesOf(reportOf([finding({ ruleId: 'r', address: 'aws_iam_policy.p', path: 'policy', message: 'statement 2 of 3 grants every action' })]));
    const [after] = issuesOf(reportOf([finding({ ruleId: 'r', address: 'aws_iam_policy.p', path: 'policy', message: 'statement 3 of 4 grants every action' })]));
    expect(after.fingerprint).toBe(before.fingerprint);
    const two = issuesOf(reportOf([finding({ ruleId: 'r', address: 'aws_iam_policy.p', path: 'policy', message: 'a' }), finding({ ruleId: 'r', address: 'aws_iam_policy.p', path: 'policy', message: 'b' })]));
    expect(two[0].fingerprint).not.toBe(two[1].fingerprint);
  });

  it('names inputs as repository paths: no leading ./, forward slashes, stdin for -', () => {
    const paths = issuesOf(reportOf([finding({ ruleId: 'r', address: 'a.b', input: './infra/plan.json' }), finding({ ruleId: 'r', address: 'a.c', input: 'infra\\win\\plan.json' }), finding({ ruleId: 'r', address: 'a.d', input: '-' })])).map((i) => i.location.path);
    expect(paths).toEqual(['infra/plan.json', 'infra/win/plan.json', 'stdin']);
  });

  it('shows control and format characters of data escaped in a description, as the text report does', () => {
    const [issue] = issuesOf(reportOf([finding({ ruleId: 'r', address: 'a.b["\u202ex"]', message: 'is "dev\u0085\u001b[2J"' })]));
    expect(issue.description).toBe('is "dev\\u0085\\u001b[2J" [a.b["\\u202ex"]]');
  });

  it('the coverage is an issue in strict mode only', () => {
    const strict = reportOf([], [], { coverage: { ...mixedReport().coverage, strict: true } });
    expect(issuesOf(strict)).toEqual([expect.objectContaining({ check_name: 'twinguard-coverage', severity: 'major', description: expect.stringMatching(/^Strict mode: .*null_resource \(2\)/) })]);
    expect(issuesOf(reportOf([]))).toEqual([]);
  });

  it("the coverage issue's fingerprint stays when a resource is added (GitLab would show it fixed and new)", () => {
    const coverage = { ...mixedReport().coverage, strict: true };
    const grown = { ...coverage, totalResources: coverage.totalResources + 1, uncheckedTypes: coverage.uncheckedTypes.map((t) => ({ ...t, count: t.count + 1 })) };
    const [before] = issuesOf(reportOf([], [], { coverage }));
    const [after] = issuesOf(reportOf([], [], { coverage: grown }));
    expect(after.description).not.toBe(before.description);
    expect(after.fingerprint).toBe(before.fingerprint);
  });
});

describe('fingerprints of findings on a detected secret (sarif, codequality)', () => {
  const PHONES = ['(555) 123-4567', '(555) 987-6567'];
  const checkedOf = (addresses: readonly string[]) => ({
    report: reportOf(addresses.map((address) => finding({ ruleId: 'no-sensitive-data-in-instance-keys', address, category: 'sensitive-data' }))),
    redact: PHONES,
    // Both are instance keys of the inputs' addresses (check.ts), whether a finding is on each or not.
    instanceKeys: PHONES,
  });
  const addresses = PHONES.map((phone) => `aws_sns_topic.oncall[${JSON.stringify(phone)}]`);
  const sarifPrints = (text: string): string[] => JSON.parse(text).runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['twinguardFinding/v1']);
  const qualityPrints = (text: string): string[] => JSON.parse(text).map((i: { fingerprint: string }) => i.fingerprint);

  it('hash what the report shows: the same as for the masked address written out, so no candidate value can be tried against them', () => {
    // Both numbers mask as (***) ***-**67, a phone's last two digits alone: the first in their order is #1.
    const shown = renderSarif(reportOf([finding({ ruleId: 'no-sensitive-data-in-instance-keys', address: 'aws_sns_topic.oncall["(***) ***-**67"#1]', category: 'sensitive-data' })]));
    expect(sarifPrints(render(checkedOf(addresses.slice(0, 1)), 'sarif'))).toEqual(sarifPrints(shown));
    const raw = renderSarif(checkedOf(addresses.slice(0, 1)).report);
    expect(sarifPrints(render(checkedOf(addresses.slice(0, 1)), 'sarif'))).not.toEqual(sarifPrints(raw));
  });

  it('tell apart two findings whose addresses read alike once masked, in both formats', () => {
    expect(new Set(sarifPrints(render(checkedOf(addresses), 'sarif'))).size).toBe(2);
    expect(new Set(qualityPrints(render(checkedOf(addresses), 'codequality'))).size).toBe(2);
  });
});

describe('findings placed on the file and line of their block (.tf input)', () => {
  const MAIN = { file: 'infra/main.tf', line: 12 };
  const placed = (): Report =>
    reportOf([
      finding({ ruleId: 's3-bucket-sse-kms', address: 'aws_s3_bucket.logs', input: 'infra', position: MAIN }),
      finding({ ruleId: 'required-tags', address: 'aws_s3_bucket.logs', category: 'tagging', input: 'infra', position: MAIN }),
      finding({ ruleId: 'no-credentials-in-variables', address: 'var.token', category: 'sensitive-data', path: 'default', input: 'infra', position: { file: 'infra/variables.tf', line: 3 } }),
      finding({ ruleId: 'no-credentials-in-variables', address: 'var.token', category: 'sensitive-data', path: 'terraform.tfvars', input: 'infra', position: { file: 'infra/terraform.tfvars', line: 1 } }),
      finding({ ruleId: 'required-tags', address: 'aws_sqs_queue.q', category: 'tagging', input: 'infra' }),
      finding({ ruleId: 'kms-key-rotation', address: 'aws_kms_key.k', input: 'stacks/dev/cdk.tf.json', constructPath: 'dev/key', position: { file: 'stacks/dev/cdk.tf.json', line: 27 } }),
    ]);
  const sarifLocation = (out: string, address: string, ruleId: string) =>
    JSON.parse(out).runs[0].results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === ruleId && r.message.text.endsWith(`[${address}]`)).locations[0].physicalLocation;

  it('SARIF: the file as artifactLocation.uri and the line as region.startLine; the input, line 1, where none is known', () => {
    const out = renderSarif(placed());
    expect(sarifLocation(out, 'aws_s3_bucket.logs', 's3-bucket-sse-kms')).toEqual({ artifactLocation: { uri: 'infra/main.tf' }, region: { startLine: 12 } });
    expect(sarifLocation(out, 'aws_sqs_queue.q', 'required-tags')).toEqual({ artifactLocation: { uri: 'infra' }, region: { startLine: 1 } });
    // An absolute file under the working directory is a repository path, as an input is.
    const absolute = reportOf([finding({ ruleId: 'r', address: 'a.b', input: '/repo/infra', position: { file: '/repo/infra/main.tf', line: 4 } })]);
    expect(sarifLocation(renderSarif(absolute, { cwd: '/repo' }), 'a.b', 'r')).toEqual({ artifactLocation: { uri: 'infra/main.tf' }, region: { startLine: 4 } });
  });

  it('Code Quality: the file as location.path and the line as location.lines.begin', () => {
    const issues = JSON.parse(renderCodeQuality(placed())) as { check_name: string; description: string; location: unknown }[];
    const of = (ruleId: string, text: string) => issues.find((i) => i.check_name === ruleId && i.description.includes(text))?.location;
    expect(of('s3-bucket-sse-kms', 'aws_s3_bucket.logs')).toEqual({ path: 'infra/main.tf', lines: { begin: 12 } });
    expect(of('no-credentials-in-variables', 'terraform.tfvars')).toEqual({ path: 'infra/terraform.tfvars', lines: { begin: 1 } });
    expect(of('required-tags', 'aws_sqs_queue.q')).toEqual({ path: 'infra', lines: { begin: 1 } });
  });

  it('JSON: file and line beside the input, left out where none is known', () => {
    const findings = JSON.parse(renderJson(placed())).findings as Record<string, unknown>[];
    expect(findings.find((f) => f.address === 'aws_s3_bucket.logs')).toMatchObject({ input: 'infra', file: 'infra/main.tf', line: 12 });
    const unplaced = findings.find((f) => f.address === 'aws_sqs_queue.q') as Record<string, unknown>;
    expect('file' in unplaced || 'line' in unplaced).toBe(false);
  });

  it('text: file:line beside the address when its findings share it, on each finding when they differ', () => {
    const lines = renderText(placed()).split('\n');
    expect(lines).toContain('  aws_s3_bucket.logs  infra/main.tf:12');
    expect(lines).toContain('  var.token');
    expect(lines.find((l) => l.includes('[default]'))).toMatch(/ at infra\/variables\.tf:3$/);
    expect(lines.find((l) => l.includes('[terraform.tfvars]'))).toMatch(/ at infra\/terraform\.tfvars:1$/);
    expect(lines).toContain('  aws_sqs_queue.q');
    // In the input itself (a cdk.tf.json), whose name heads the group: the line alone.
    expect(lines).toContain('  aws_kms_key.k  (dev/key)  line 27');
  });

  it('JUnit: the file and line in the failure', () => {
    const out = renderJunit(placed());
    expect(out).toContain('at: infra/main.tf:12');
    expect(out).toContain('at: infra/terraform.tfvars:1');
  });
});

describe('the text header counts the rules that judge', () => {
  const PLAN = path.join(__dirname, '..', 'fixtures', 'split-sse', 'plan.json');
  const headerRules = (stdout: string): number => Number(/^twinguard \S+: \d+ input\(s\), \d+ resource\(s\), (\d+) rule\(s\)$/m.exec(stdout)?.[1]);

  it('as many as `twinguard rules` counts on by default; a setting that turns a rule on adds it', async () => {
    const listed = await twinguard(['rules']);
    const on = Number(/^\d+ rules, (\d+) on by default/m.exec(listed.stdout)?.[1]);
    expect(on).toBeGreaterThan(0);
    const checked = await twinguard(['check', PLAN, '--format', 'text']);
    expect(checked.stderr).toBe('');
    expect(headerRules(checked.stdout)).toBe(on);
    // topic-queue-deny-insecure-transport judges once requireTopicQueueTransportPolicy is true.
    await withFiles({ 'twinguard.config.yaml': 'version: 1\nrequireTopicQueueTransportPolicy: true\n' }, async (dir) => {
      const turnedOn = await twinguard(['check', PLAN, '--format', 'text', '--config', path.join(dir, 'twinguard.config.yaml')]);
      expect(turnedOn.stderr).toBe('');
      expect(headerRules(turnedOn.stdout)).toBe(on + 1);
    });
  });
});
