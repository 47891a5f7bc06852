/**
 * A compact Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict,
 * counts per category and status, the blocking findings (capped, so the comment stays under
 * GitHub's size limits), the waived ones, waiver notices and coverage.
 */
import type { Finding, Report } from '../report';
import { categoriesOf, coverageLine, markdownCell, passed, STATUSES } from './shared';

/** At most this many rows per table; the rest is counted. */
export const MAX_ROWS = 50;

const code = (text: string): string => `\`${markdownCell(text).replace(/`/g, "'")}\``;

function findingTable(findings: readonly Finding[], withWaiver: boolean): string[] {
  const head = withWaiver
    ? ['| rule | resource | waiver |', '| --- | --- | --- |']
    : ['| status | severity | rule | resource | message |', '| --- | --- | --- | --- | --- |'];
  const rows = findings.slice(0, MAX_ROWS).map((f) => {
    const resource = `${code(f.address)}${f.constructPath ? `<br>${markdownCell(f.constructPath)}` : ''}`;
    return withWaiver
      ? `| ${code(f.ruleId)} | ${resource} | ${markdownCell(`${f.waiver?.reason ?? ''} (${f.waiver?.owner ?? ''}, until ${f.waiver?.expires ?? ''})`)} |`
      : `| ${f.status} | ${f.severity} | ${code(f.ruleId)} | ${resource} | ${markdownCell(f.message)} |`;
  });
  const more = findings.length > MAX_ROWS ? [``, `… and ${findings.length - MAX_ROWS} more (see the full report).`] : [];
  return [...head, ...rows, ...more];
}

/** Render the report as a Markdown summary. */
export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const verdict = passed(report) ? '✅ twinguard: no blocking finding' : `❌ twinguard: ${report.summary.blocking} blocking`;
  out.push(`### ${verdict}`, '');
  out.push(`${report.inputs.length} input(s) · ${report.inputs.reduce((n, i) => n + i.resources, 0)} resource(s) · ${report.rules.length} rule(s) · twinguard ${report.tool.version}`, '');

  const categories = categoriesOf(report);
  if (categories.length > 0) {
    out.push(`| category | ${STATUSES.join(' | ')} |`, `| --- | ${STATUSES.map(() => '---:').join(' | ')} |`);
    for (const c of categories) out.push(`| ${c} | ${STATUSES.map((s) => report.summary.byCategory[c][s]).join(' | ')} |`);
    out.push(`| **total** | ${STATUSES.map((s) => `**${report.summary.byStatus[s]}**`).join(' | ')} |`, '');
  }

  const blocking = report.findings.filter((f) => f.blocking);
  if (blocking.length > 0) out.push(`#### Blocking findings (${blocking.length})`, '', ...findingTable(blocking, false), '');
  const other = report.findings.filter((f) => !f.blocking && f.status !== 'waived');
  if (other.length > 0) out.push(`#### Not blocking (${other.length})`, '', ...findingTable(other, false), '');
  const waived = report.findings.filter((f) => f.status === 'waived');
  if (waived.length > 0) out.push(`<details><summary>Waived (${waived.length})</summary>`, '', ...findingTable(waived, true), '', '</details>', '');

  if (report.waivers.length > 0) {
    out.push('#### Waivers needing attention', '');
    for (const n of report.waivers) out.push(`- **${n.kind}**${n.blocking ? ' (blocking)' : ''}: ${code(n.ruleId)} on ${code(n.address)}, owner ${markdownCell(n.owner)}, expires ${n.expires}: ${markdownCell(n.message)}`);
    out.push('');
  }
  out.push(`Coverage: ${markdownCell(coverageLine(report))}`);
  return `${out.join('\n')}\n`;
}
