/**
 * GitLab Code Quality (`artifacts: reports: codequality`): a JSON array of issues, the subset of
 * the Code Climate spec GitLab reads (https://docs.gitlab.com/ci/testing/code_quality/): each with
 * `description`, `check_name`, `fingerprint`, `severity` and `location.path` / `location.lines.begin`.
 * GitLab shows an issue once per fingerprint and compares fingerprints between the base and the
 * merge request to say what the change introduced or fixed.
 *
 * - One issue per finding that is not waived (waived findings do not block, and GitLab has no
 *   suppression to show them with). The location is the file and line of the block the finding is
 *   on where the loader placed it (.tf and cdk.tf.json input), else the input, line 1: a plan has no lines.
 * - GitLab's scale has no "does not block": a blocking finding's severity is raised one step so
 *   that critical blocks as `blocker` (critical → blocker, high → critical, medium → major,
 *   low → minor); a finding that does not block (unknown where the configuration lets it pass,
 *   or below `minimumSeverity`) is `info`.
 * - A waiver that blocks (expired) and, in strict mode, the coverage (types no rule understood,
 *   modules not loaded) are issues of their own, `major`; a waiver that reaches every resource
 *   (`everywhere`) is one of `info`, so the merge request that adds it shows it; so is each rule
 *   the configuration turns off, placed on the configuration file.
 */
import { type Finding, type Report, strictItems, type WaiverNotice } from '../report';
import type { Severity } from '../rules/types';
import { coverageLine, fingerprintsOf, type ReporterOptions, repositoryPath, showData, withoutLogCommands } from './shared';

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

interface Issue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: CodeQualitySeverity;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

const BLOCKING: Readonly<Record<Severity, CodeQualitySeverity>> = { critical: 'blocker', high: 'critical', medium: 'major', low: 'minor' };

/** Where an issue is: a file (its input) and line, made a repository path when printed (shared.ts repositoryPath). */
const at = (file: string, line = 1): Issue['location'] => ({ path: file, lines: { begin: line } });

/** An issue before its fingerprint, with the fields the fingerprint is made of. */
type Unprinted = Omit<Issue, 'fingerprint'> & { readonly fields: readonly string[] };

function findingIssue(f: Finding): Unprinted {
  const prefix = f.originalStatus === 'unknown' ? 'Cannot be verified at plan time: ' : '';
  const where = [f.address, ...(f.path ? [f.path] : []), ...(f.constructPath ? [`construct ${f.constructPath}`] : [])].join(', ');
  return {
    description: `${prefix}${f.message} [${where}]`,
    check_name: f.ruleId,
    // SARIF's identity (sarif.ts): not the message, whose counts and quoted values change with no change to the finding.
    fields: ['finding', f.ruleId, f.input, f.address, f.path ?? ''],
    severity: f.blocking ? BLOCKING[f.severity] : 'info',
    location: f.position ? at(f.position.file, f.position.line) : at(f.input),
  };
}

function waiverIssue(n: WaiverNotice, input: string): Unprinted {
  return {
    description: `${n.message} (waiver for ${n.ruleId} on ${n.address}, owner ${n.owner}, expires ${n.expires})`,
    check_name: `twinguard-waiver-${n.kind}`,
    fields: ['waiver', n.kind, n.ruleId, n.address, n.expires],
    severity: n.blocking ? 'major' : 'info',
    location: at(input),
  };
}

export function renderCodeQuality(report: Report, options: ReporterOptions = {}): string {
  const issues: Unprinted[] = report.findings.filter((f) => f.status !== 'waived').map(findingIssue);
  // Waivers live in the configuration, not in an input: they are placed on the first input.
  const first = report.inputs[0]?.input ?? 'twinguard.config.yaml';
  issues.push(...report.waivers.filter((n) => n.blocking || n.kind === 'everywhere').map((n) => waiverIssue(n, first)));
  for (const r of report.rulesOff ?? []) {
    issues.push({
      description: `Rule ${r.id} is turned off by the configuration (${r.setting}): it judged nothing`,
      check_name: 'twinguard-rule-off',
      fields: ['rule-off', r.id],
      severity: 'info',
      location: at(r.source ?? first),
    });
  }
  if (report.coverage.strict === true && strictItems(report.coverage) > 0) {
    // One issue of a fixed identity, as SARIF's: its counts change with every resource added, and GitLab would show it fixed and new again.
    issues.push({ description: `Strict mode: ${coverageLine(report)}`, check_name: 'twinguard-coverage', fields: ['coverage'], severity: 'major', location: at(first) });
  }
  const fingerprints = fingerprintsOf(issues.map((issue) => issue.fields));
  // The merge request widget shows a description as text: its control and format characters escaped (shared.ts showData).
  const printed: Issue[] = issues.map(({ description, check_name, severity, location }, i) => ({
    description: showData(description),
    check_name,
    fingerprint: fingerprints[i],
    severity,
    location: { ...location, path: repositoryPath(location.path, options) },
  }));
  // A path is data too: as the JSON report, no value holds a CI log command (`##[`, `##vso[`).
  return `${withoutLogCommands(JSON.stringify(printed, null, 2))}\n`;
}
