/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps). One test suite
 * per input; one test case per (rule, resource) with a finding — a failure when it blocks, skipped
 * when waived, passing with its message in `system-out` otherwise — and one passing test case per
 * rule with no finding in that input. Waiver notices and coverage get a suite each, and the rules
 * the configuration turns off one too, a skipped test case each.
 */
import type * as XmlBuilder2 from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces';
import { type Finding, type Report, strictItems } from '../report';
import { coverageLine, showData } from './shared';

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly outcome: 'pass' | 'failure' | 'skipped';
  readonly message?: string;
  readonly body?: string;
}

const describe = (f: Finding): string =>
  [
    `${f.status}${f.blocking ? ' (blocking)' : ''}, ${f.severity}: ${showData(f.message)}`,
    ...(f.position ? [`at: ${showData(`${f.position.file}:${f.position.line}`)}`] : []),
    ...(f.path ? [`attribute: ${showData(f.path)}`] : []),
    ...(f.constructPath ? [`construct: ${showData(f.constructPath)}`] : []),
    ...(f.waiver ? [`waived until ${showData(f.waiver.expires)} by ${showData(f.waiver.owner)}: ${showData(f.waiver.reason)}`] : []),
    ...f.references.map((r) => `see: ${r.title} <${r.url}>`),
  ].join('\n');

function findingCase(findings: readonly Finding[]): Case {
  const [first] = findings;
  const body = findings.map((f) => describe(f)).join('\n\n');
  const base = { classname: `twinguard.${first.category}.${first.ruleId}`, name: `${first.ruleId} ${showData(first.address)}`, body };
  const blocking = findings.filter((f) => f.blocking);
  if (blocking.length > 0) return { ...base, outcome: 'failure', message: showData(blocking[0].message) };
  if (findings.every((f) => f.status === 'waived')) return { ...base, outcome: 'skipped', message: `waived: ${showData(first.waiver?.reason ?? '')}` };
  return { ...base, outcome: 'pass' };
}

function inputCases(report: Report, input: string): Case[] {
  const byRuleAndResource = new Map<string, Finding[]>();
  for (const f of report.findings.filter((x) => x.input === input)) {
    const key = `${f.ruleId}\u0000${f.address}`;
    byRuleAndResource.set(key, [...(byRuleAndResource.get(key) ?? []), f]);
  }
  const rulesWithFindings = new Set([...byRuleAndResource.values()].map((fs) => fs[0].ruleId));
  const quiet = report.rules
    .filter((r) => !rulesWithFindings.has(r.id))
    .map((r): Case => ({ classname: `twinguard.${r.category}.${r.id}`, name: `${r.id}: no finding`, outcome: 'pass' }));
  return [...[...byRuleAndResource.values()].map((fs) => findingCase(fs)), ...quiet];
}

function noticeCases(report: Report): Case[] {
  return report.waivers.map((n) => ({
    classname: `twinguard.waivers.${n.ruleId}`,
    name: `waiver ${n.kind}: ${n.ruleId} ${showData(n.address)}`,
    outcome: n.blocking ? 'failure' : 'pass',
    message: showData(n.message),
    body: `${showData(n.message)}\nowner: ${showData(n.owner)}; expires: ${showData(n.expires)}`,
  }));
}

function ruleOffCases(report: Report): Case[] {
  return (report.rulesOff ?? []).map((r) => {
    const why = `turned off by the configuration: ${showData(r.setting)}${r.source !== undefined ? ` in ${showData(r.source)}` : ''}`;
    return { classname: `twinguard.${r.category}.${r.id}`, name: `${r.id}: off`, outcome: 'skipped', message: why, body: why };
  });
}

function coverageCase(report: Report): Case {
  const blocking = report.coverage.strict === true && strictItems(report.coverage) > 0;
  const line = showData(coverageLine(report));
  return { classname: 'twinguard.coverage', name: 'resource types understood by a rule', outcome: blocking ? 'failure' : 'pass', message: line, body: line };
}

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab and line feeds, lone surrogates, U+FFFE and
 * U+FFFF) replaced by U+FFFD, as the document builder's `invalidCharReplacement` does; the callback
 * builder takes that option but does not apply it. Data reaches here through showData, so only
 * lone surrogates and the two non-characters are left to replace.
 */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlSafe = (text: string): string => text.replace(XML_INVALID, '\uFFFD');

function addSuite(xml: XMLBuilderCB, name: string, cases: readonly Case[]): void {
  xml.ele('testsuite', {
    name: xmlSafe(name),
    tests: cases.length,
    failures: cases.filter((c) => c.outcome === 'failure').length,
    errors: 0,
    skipped: cases.filter((c) => c.outcome === 'skipped').length,
  });
  for (const c of cases) {
    xml.ele('testcase', { classname: xmlSafe(c.classname), name: xmlSafe(c.name) });
    if (c.outcome === 'failure') xml.ele('failure', { message: xmlSafe(c.message ?? ''), type: 'twinguard' }).txt(xmlSafe(c.body ?? '')).up();
    else if (c.outcome === 'skipped') xml.ele('skipped', { message: xmlSafe(c.message ?? '') }).up();
    if (c.outcome !== 'failure' && c.body) xml.ele('system-out').txt(xmlSafe(c.body)).up();
    xml.up();
  }
  xml.up();
}

/**
 * Render the report as JUnit XML. Data from the inputs shows its control and format characters
 * escaped, as the text report does: a CI's test view shows them as they are (XML replaces only
 * those it cannot hold).
 */
export function renderJunit(report: Report): string {
  const suites: [string, Case[]][] = report.inputs.map((i) => [showData(i.input), inputCases(report, i.input)]);
  if (report.waivers.length > 0) suites.push(['twinguard waivers', noticeCases(report)]);
  if ((report.rulesOff ?? []).length > 0) suites.push(['twinguard rules off', ruleOffCases(report)]);
  suites.push(['twinguard coverage', [coverageCase(report)]]);

  const all = suites.flatMap(([, cases]) => cases);
  // Loaded here, not at the top: xmlbuilder2 costs ~150 ms to load (measured on 2 cores), which only
  // a JUnit report should pay. `require`, not `import()`, as in checks/model/hcl.ts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createCB } = require('xmlbuilder2') as typeof XmlBuilder2;
  // The callback builder writes each element as it is added, with the document builder's escaping
  // (the same bytes as before), where the document builder held a node tree of every test case and
  // then its pretty-printed string. Measured on 2 cores (whole check, plans of 5 findings a bucket):
  // 30,000 findings took 1.2 GB and 21 s, now 340 MB and 11 s (SARIF: 320 MB, 2.5 s); 150,000 ran
  // out of memory at 4.3 GB (V8 fatal error, exit 134), now 1.3 GB and 57 s (SARIF: 520 MB, 7 s).
  // The time left is the builder's: it still makes a DOM node for each element it writes.
  const chunks: string[] = [];
  const xml = createCB({
    data: (chunk: string) => chunks.push(chunk),
    prettyPrint: true,
  });
  xml.dec({ version: '1.0', encoding: 'UTF-8' });
  xml.ele('testsuites', {
    name: 'twinguard',
    tests: all.length,
    failures: all.filter((c) => c.outcome === 'failure').length,
    errors: 0,
    skipped: all.filter((c) => c.outcome === 'skipped').length,
  });
  for (const [name, cases] of suites) addSuite(xml, name, cases);
  xml.up().end();
  return `${chunks.join('')}\n`;
}
