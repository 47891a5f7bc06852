/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run; the rules that ran in
 * `tool.driver.rules` with help; one result per finding with the input file as its physical
 * location (GitHub needs a file and a line: the plan has no lines for resources, so line 1) and
 * the resource address and construct path as logical locations; waived findings carry a
 * `suppressions` entry with the waiver's justification. Waiver notices are tool configuration
 * notifications.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, Report, WaiverNotice } from '../report';
import { acceptedType, coverageLine, docPath, fingerprintsOf, notLoadedModule, type ReporterOptions, SECURITY_SEVERITY } from './shared';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A URI for an input as the user named it: relative paths stay relative (GitHub resolves them from the repository root). */
export function inputUri(input: string): string {
  if (input === '-') return 'stdin';
  if (path.isAbsolute(input) || path.win32.isAbsolute(input)) return pathToFileURL(input).href;
  return encodeURI(input.replace(/\\/g, '/').replace(/^(\.\/)+/, ''));
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

function result(f: Finding, ruleIndex: number, fingerprint: string): Sarif.Result {
  const prefix = f.originalStatus === 'unknown' ? 'Cannot be verified at plan time: ' : '';
  const where = f.constructPath ? ` (construct ${f.constructPath})` : '';
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: f.blocking ? 'error' : f.status === 'waived' ? 'note' : 'warning',
    message: { text: `${prefix}${f.message} [${f.address}${where}]` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: inputUri(f.input) }, region: { startLine: 1 } },
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

const notification = (n: WaiverNotice): Sarif.Notification => ({
  level: n.blocking ? 'error' : 'warning',
  message: { text: `waiver ${n.kind}: ${n.ruleId} on ${n.address} (owner ${n.owner}, expires ${n.expires}): ${n.message}` },
  associatedRule: { id: n.ruleId },
});

/** Render the report as a SARIF 2.1.0 log. */
export function renderSarif(report: Report, options: ReporterOptions = {}): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const fingerprints = fingerprintsOf(
    report.findings.map((f) => [f.ruleId, f.input, f.address, f.path ?? '']),
    options.redact,
  );
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
            rules: report.rules.map(reportingDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolConfigurationNotifications: report.waivers.map(notification),
          },
        ],
        results: report.findings.map((f, i) => result(f, ruleIndex.get(f.ruleId) ?? -1, fingerprints[i])),
        properties: {
          blocking: report.summary.blocking,
          coverage: coverageLine(report),
          uncheckedTypes: report.coverage.uncheckedTypes.map((t) => ({ type: t.type, count: t.count })),
          acceptedTypes: (report.coverage.acceptedTypes ?? []).map(acceptedType),
          notLoadedModules: report.coverage.notLoadedModules.map(notLoadedModule),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
