/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run; the rules that judge with
 * the settings in use (`Report.rules`) in `tool.driver.rules` with help; one result per finding
 * with a physical location (GitHub needs a file and a line, `region.startLine`, and annotates a
 * pull request's diff where the file is one of the repository's): the file and line of the block
 * the finding is on where the loader placed it (.tf and cdk.tf.json input), else the input, line 1
 * (a plan has no lines for resources); the resource address and construct path as logical
 * locations; waived findings carry a
 * `suppressions` entry with the waiver's justification. Waiver notices are tool configuration
 * notifications. A rule the configuration turns off has its descriptor after the others (the
 * results' `ruleIndex` stays as it was) and a rule configuration override of the invocation that
 * points at it with `configuration.enabled: false` (SARIF 3.20.5, 3.51); the run property `rulesOff`
 * says what turns it off. In strict mode each blocking coverage item (a type no rule understands, a module
 * not loaded) is an error result of its own rule, `twinguard-coverage`, as it is an issue in Code
 * Quality and a failure in JUnit: a consumer gating on error results blocks where twinguard does.
 *
 * GitHub code scanning rejects a run of more than 25,000 results (and stores at most 5,000 of
 * them): the results are written blocking first, then those that do not block, then the waived
 * ones, and cut at 25,000, with a tool execution notification and the run property
 * `resultsLeftOut` saying how many were left out (the JSON report lists every finding).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, NotLoadedModule, Report, WaiverNotice } from '../report';
import { acceptedType, coverageLine, docPath, fingerprintsOf, incompletePlan, notLoadedModule, type ReporterOptions, repositoryPath, ruleOff, SECURITY_SEVERITY, withoutLogCommands } from './shared';

/** GitHub code scanning's limit on results per run (docs.github.com, "SARIF results exceed one or more limits"). */
export const MAX_RESULTS = 25_000;

/** The rule of strict mode's coverage results. */
const COVERAGE_RULE_ID = 'twinguard-coverage';

const COVERAGE_RULE: Sarif.ReportingDescriptor = {
  id: COVERAGE_RULE_ID,
  name: COVERAGE_RULE_ID,
  shortDescription: { text: 'Strict mode: every resource is judged by a rule of its type' },
  help: {
    text: 'In strict mode a resource type no rule understands, and a module call the loader did not read, block: their resources were not checked. Add a rule, accept the type in the configuration (acceptUnchecked, with a reason), or check a plan, which holds every module\'s resources.',
  },
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['security', 'coverage'], precision: 'high' },
};

const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A URI for an input: its repository path, relative (GitHub resolves it from the repository root), where it lies in the repository (shared.ts repositoryPath). */
export function inputUri(input: string, options: ReporterOptions = {}): string {
  const named = repositoryPath(input, options);
  if (path.isAbsolute(named) || path.win32.isAbsolute(named)) return pathToFileURL(named).href;
  // Each segment percent-encoded: `#` and `?` would start a fragment or a query (encodeURI keeps them).
  return named.split('/').map(encodeURIComponent).join('/');
}

type Report_Rule = Report['rules'][number];

function reportingDescriptor(rule: Report_Rule): Sarif.ReportingDescriptor {
  const references = rule.references.map((r) => `- [${r.title}](${r.url})`).join('\n');
  const markdown = [`**${rule.title}**`, '', rule.remediation, ...(references ? ['', references] : []), '', `Rule documentation: \`${docPath(rule.id)}\``].join('\n');
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    help: { text: rule.remediation, markdown },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', rule.category], precision: 'high', 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

function result(f: Finding, ruleIndex: number, fingerprint: string, options: ReporterOptions): Sarif.Result {
  const prefix = f.originalStatus === 'unknown' ? 'Cannot be verified at plan time: ' : '';
  const where = f.constructPath ? ` (construct ${f.constructPath})` : '';
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: f.blocking ? 'error' : f.status === 'waived' ? 'note' : 'warning',
    message: { text: `${prefix}${f.message} [${f.address}${where}]` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: inputUri(f.position?.file ?? f.input, options) }, region: { startLine: f.position?.line ?? 1 } },
        logicalLocations: [
          { fullyQualifiedName: f.address, name: f.address, kind: 'resource' },
          ...(f.constructPath ? [{ fullyQualifiedName: f.constructPath, name: f.constructPath, kind: 'object' }] : []),
        ],
      },
    ],
    partialFingerprints: { 'twinguardFinding/v1': fingerprint },
    ...(f.waiver
      ? { suppressions: [{ kind: 'external' as const, status: 'accepted' as const, justification: `${f.waiver.reason} (owner: ${f.waiver.owner}; expires ${f.waiver.expires})` }] }
      : {}),
    properties: {
      category: f.category,
      severity: f.severity,
      status: f.status,
      blocking: f.blocking,
      ...(f.path !== undefined ? { attributePath: f.path } : {}),
    },
  };
}

/** A blocking coverage item of strict mode, as a result: where, what, and the fields of its fingerprint. */
interface CoverageItem {
  readonly input: string;
  readonly text: string;
  readonly logical: Sarif.LogicalLocation;
  readonly fields: readonly string[];
}

function coverageItems(report: Report): CoverageItem[] {
  if (report.coverage.strict !== true) return [];
  // Unchecked types are counted over every input: they are placed on the first.
  const first = report.inputs[0]?.input ?? '-';
  const types = report.coverage.uncheckedTypes.map(
    (t): CoverageItem => ({
      input: first,
      text: `Strict mode: no rule understands resource type ${t.type} (${t.count} resource(s)); only the rules for every type (tags, sensitive data) judged them`,
      logical: { fullyQualifiedName: t.type, name: t.type, kind: 'type' },
      fields: ['coverage', 'type', t.type],
    }),
  );
  const untold = (report.coverage.taggingUntoldTypes ?? []).map(
    (t): CoverageItem => ({
      input: first,
      text: `Strict mode: required-tags could not tell whether resource type ${t.type} takes tags (${t.count} resource(s), in none of its type lists and written untagged, or, for awscc, showing tags under another name): not judged; tag them, check a plan, or accept the type with a reason`,
      logical: { fullyQualifiedName: t.type, name: t.type, kind: 'type' },
      fields: ['coverage', 'tagging', t.type],
    }),
  );
  const modules = report.coverage.notLoadedModules.map(
    (m: NotLoadedModule): CoverageItem => ({
      input: m.input,
      text: `Strict mode: module ${m.module}${m.source !== undefined ? ` (${m.source})` : ''} was not loaded (${m.reason}): its resources were not checked; check a plan to cover them`,
      logical: { fullyQualifiedName: m.module, name: m.module, kind: 'module' },
      fields: ['coverage', 'module', m.input, m.module],
    }),
  );
  const deferred = (report.coverage.incompletePlans ?? []).flatMap(({ input, deferred: changes }): CoverageItem[] =>
    changes.length === 0
      ? [{ input, text: 'Strict mode: the plan is incomplete (complete: false): what it leaves to a later plan was not judged', logical: { fullyQualifiedName: input, name: input, kind: 'module' }, fields: ['coverage', 'incomplete', input] }]
      : changes.map((d) => ({
          input,
          text: `Strict mode: the plan deferred ${d.address} to a later plan (${d.reason}): it was not judged`,
          logical: { fullyQualifiedName: d.address, name: d.address, kind: 'resource' },
          fields: ['coverage', 'deferred', input, d.address],
        })),
  );
  return [...types, ...untold, ...modules, ...deferred];
}

function coverageResult(item: CoverageItem, ruleIndex: number, fingerprint: string, options: ReporterOptions): Sarif.Result {
  return {
    ruleId: COVERAGE_RULE_ID,
    ruleIndex,
    level: 'error',
    message: { text: item.text },
    locations: [{ physicalLocation: { artifactLocation: { uri: inputUri(item.input, options) }, region: { startLine: 1 } }, logicalLocations: [item.logical] }],
    partialFingerprints: { 'twinguardFinding/v1': fingerprint },
    properties: { category: 'coverage', status: 'fail', blocking: true },
  };
}

const notification = (n: WaiverNotice): Sarif.Notification => ({
  level: n.blocking ? 'error' : 'warning',
  message: { text: `waiver ${n.kind}: ${n.ruleId} on ${n.address} (owner ${n.owner}, expires ${n.expires}): ${n.message}` },
  associatedRule: { id: n.ruleId },
});

/** Render the report as a SARIF 2.1.0 log. */
export function renderSarif(report: Report, options: ReporterOptions = {}): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const coverage = coverageItems(report);
  const fingerprints = fingerprintsOf([...report.findings.map((f) => [f.ruleId, f.input, f.address, f.path ?? '']), ...coverage.map((c) => c.fields)]);
  const findingResults = report.findings.map((f, i) => ({ blocking: f.blocking, waived: f.status === 'waived', result: result(f, ruleIndex.get(f.ruleId) ?? -1, fingerprints[i], options) }));
  const coverageResults = coverage.map((c, i) => coverageResult(c, report.rules.length, fingerprints[report.findings.length + i], options));
  // Blocking first, then what does not block, then the waived: what a cut at MAX_RESULTS leaves out blocks nothing it can.
  const ordered = [
    ...findingResults.filter((r) => r.blocking).map((r) => r.result),
    ...coverageResults,
    ...findingResults.filter((r) => !r.blocking && !r.waived).map((r) => r.result),
    ...findingResults.filter((r) => r.waived).map((r) => r.result),
  ];
  const results = ordered.slice(0, MAX_RESULTS);
  const leftOut = ordered.length - results.length;
  const rulesOff = report.rulesOff ?? [];
  const driverRules = [...report.rules.map(reportingDescriptor), ...(coverage.length > 0 ? [COVERAGE_RULE] : [])];
  const offDescriptors = rulesOff.map(
    (r): Sarif.ReportingDescriptor => ({ id: r.id, name: r.id, shortDescription: { text: r.title }, properties: { tags: ['security', r.category], precision: 'high' } }),
  );
  const overrides: Sarif.ConfigurationOverride[] = rulesOff.map((r, i) => ({ descriptor: { id: r.id, index: driverRules.length + i }, configuration: { enabled: false } }));
  const cut: Sarif.Notification[] =
    leftOut === 0
      ? []
      : [
          {
            level: 'warning',
            message: {
              text: `${leftOut} of ${ordered.length} results left out: GitHub code scanning takes at most ${MAX_RESULTS} per run. The blocking ones come first; the JSON report lists every finding.`,
            },
          },
        ];
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: [...driverRules, ...offDescriptors],
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolConfigurationNotifications: report.waivers.map(notification),
            ...(overrides.length > 0 ? { ruleConfigurationOverrides: overrides } : {}),
            ...(cut.length > 0 ? { toolExecutionNotifications: cut } : {}),
          },
        ],
        results,
        properties: {
          blocking: report.summary.blocking,
          ...(leftOut > 0 ? { resultsLeftOut: leftOut } : {}),
          coverage: coverageLine(report),
          uncheckedTypes: report.coverage.uncheckedTypes.map((t) => ({ type: t.type, count: t.count })),
          acceptedTypes: (report.coverage.acceptedTypes ?? []).map(acceptedType),
          taggingUntoldTypes: (report.coverage.taggingUntoldTypes ?? []).map((t) => ({ type: t.type, count: t.count })),
          notLoadedModules: report.coverage.notLoadedModules.map(notLoadedModule),
          incompletePlans: (report.coverage.incompletePlans ?? []).map(incompletePlan),
          rulesOff: rulesOff.map(ruleOff),
        },
      },
    ],
  };
  // As the JSON report: no value holds a CI log command (`##[`, `##vso[`) where the log is printed.
  return `${withoutLogCommands(JSON.stringify(log, null, 2))}\n`;
}
