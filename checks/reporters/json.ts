/**
 * The JSON report: a stable, versioned document (`version: 1`) for pipelines and other tools.
 * Keys are written in a fixed order so two runs on the same input give the same bytes.
 */
import type { Finding, Report, WaiverNotice } from '../report';
import { acceptedType, incompletePlan, notLoadedModule, ruleOff, withoutLogCommands } from './shared';

const finding = (f: Finding) => ({
  ruleId: f.ruleId,
  category: f.category,
  severity: f.severity,
  status: f.status,
  originalStatus: f.originalStatus,
  blocking: f.blocking,
  address: f.address,
  ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
  input: f.input,
  ...(f.position !== undefined ? { file: f.position.file, line: f.position.line } : {}),
  ...(f.path !== undefined ? { path: f.path } : {}),
  message: f.message,
  references: f.references.map((r) => ({ title: r.title, url: r.url })),
  ...(f.waiver ? { waiver: { reason: f.waiver.reason, owner: f.waiver.owner, expires: f.waiver.expires } } : {}),
});

const notice = (n: WaiverNotice) => ({
  kind: n.kind,
  ruleId: n.ruleId,
  address: n.address,
  owner: n.owner,
  expires: n.expires,
  blocking: n.blocking,
  message: n.message,
});

/** Render the report as the versioned JSON document. */
export function renderJson(report: Report): string {
  const document = {
    version: report.version,
    tool: { name: report.tool.name, version: report.tool.version },
    inputs: report.inputs.map((i) => ({ input: i.input, kind: i.kind, ...(i.stack !== undefined ? { stack: i.stack } : {}), resources: i.resources })),
    findings: report.findings.map(finding),
    waivers: report.waivers.map(notice),
    summary: {
      passed: report.summary.blocking === 0,
      blocking: report.summary.blocking,
      byStatus: report.summary.byStatus,
      byCategory: report.summary.byCategory,
    },
    coverage: {
      evaluatedResources: report.coverage.evaluatedResources,
      totalResources: report.coverage.totalResources,
      uncheckedTypes: report.coverage.uncheckedTypes.map((t) => ({ type: t.type, count: t.count })),
      acceptedTypes: (report.coverage.acceptedTypes ?? []).map(acceptedType),
      taggingUntoldTypes: (report.coverage.taggingUntoldTypes ?? []).map((t) => ({ type: t.type, count: t.count })),
      notLoadedModules: report.coverage.notLoadedModules.map(notLoadedModule),
      incompletePlans: (report.coverage.incompletePlans ?? []).map(incompletePlan),
      strict: report.coverage.strict === true,
    },
    rules: report.rules.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      severity: r.severity,
      ...(r.helpUri !== undefined ? { helpUri: r.helpUri } : {}),
    })),
    rulesOff: (report.rulesOff ?? []).map(ruleOff),
  };
  // Printed in a CI log as often as written to a file: no value holds a log command (`##[`, `##vso[`).
  return `${withoutLogCommands(JSON.stringify(document, null, 2))}\n`;
}
