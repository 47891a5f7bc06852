/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps). One test suite
 * per input; one test case per (rule, resource) with a finding — a failure when it blocks, skipped
 * when waived, passing with its message in `system-out` otherwise — and one passing test case per
 * rule with no finding in that input. Waiver notices and coverage get a suite each.
 */
import type * as XmlBuilder2 from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
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

function coverageCase(report: Report): Case {
  const blocking = report.coverage.strict === true && strictItems(report.coverage) > 0;
  const line = showData(coverageLine(report));
  return { classname: 'twinguard.coverage', name: 'resource types understood by a rule', outcome: blocking ? 'failure' : 'pass', message: line, body: line };
}

function addSuite(parent: XMLBuilder, name: string, cases: readonly Case[]): void {
  const suite = parent.ele('testsuite', {
    name,
    tests: cases.length,
    failures: cases.filter((c) => c.outcome === 'failure').length,
    errors: 0,
    skipped: cases.filter((c) => c.outcome === 'skipped').length,
  });
  for (const c of cases) {
    const testcase = suite.ele('testcase', { classname: c.classname, name: c.name });
    if (c.outcome === 'failure') testcase.ele('failure', { message: c.message ?? '', type: 'twinguard' }).txt(c.body ?? '');
    else if (c.outcome === 'skipped') testcase.ele('skipped', { message: c.message ?? '' });
    if (c.outcome !== 'failure' && c.body) testcase.ele('system-out').txt(c.body);
  }
}

/**
 * Render the report as JUnit XML. Data from the inputs shows its control and format characters
 * escaped, as the text report does: a CI's test view shows them as they are (XML replaces only
 * those it cannot hold).
 */
export function renderJunit(report: Report): string {
  const suites: [string, Case[]][] = report.inputs.map((i) => [showData(i.input), inputCases(report, i.input)]);
  if (report.waivers.length > 0) suites.push(['twinguard waivers', noticeCases(report)]);
  suites.push(['twinguard coverage', [coverageCase(report)]]);

  const all = suites.flatMap(([, cases]) => cases);
  // Loaded here, not at the top: xmlbuilder2 costs ~150 ms to load (measured on 2 cores), which only
  // a JUnit report should pay. `require`, not `import()`, as in checks/model/hcl.ts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { create } = require('xmlbuilder2') as typeof XmlBuilder2;
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  const root = doc.ele('testsuites', {
    name: 'twinguard',
    tests: all.length,
    failures: all.filter((c) => c.outcome === 'failure').length,
    errors: 0,
    skipped: all.filter((c) => c.outcome === 'skipped').length,
  });
  for (const [name, cases] of suites) addSuite(root, name, cases);
  return `${doc.end({ prettyPrint: true })}\n`;
}
