/**
 * A compact Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict,
 * counts per category and status, the blocking findings (capped, so the comment stays under
 * GitHub's size limits), the waived ones, waiver notices and coverage.
 *
 * Data from the inputs (addresses, messages quoting values, waivers) is shown as text, never read
 * as Markdown: in a code span as it is, under a fence longer than any run of backticks in it; in
 * text with Markdown's characters escaped and `@mentions` and `#123` references broken by a
 * zero-width space, so a tag value cannot link, format, ping a person or a team, or reference an
 * issue. Control and format characters (a line feed, a bidi override) are escaped in both, as the
 * text report shows them. Each datum is masked (`redact`) before it is escaped: the last pass over
 * the report looks for a secret as it was written.
 */
import type { Finding, Report } from '../report';
import { categoriesOf, coverageLine, passed, type Redact, type ReporterOptions, showData, STATUSES } from './shared';

/** At most this many rows per table; the rest is counted. */
export const MAX_ROWS = 50;

/** Where a datum goes: in a table cell, a pipe ends the cell even in a code span unless escaped (GFM tables). */
type Place = 'cell' | 'line';

/** What GitHub's Markdown reads in text, each written so it shows as itself. */
const MARKDOWN_SYNTAX = /[\\`*_~[\]!#|$<>&@]/g;
const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
/** After `@` (a mention, an e-mail address) or `#` before a digit (an issue reference): GitHub links neither across it. */
const ZERO_WIDTH_SPACE = '&#8203;';

/** Data as Markdown text that shows it as written. */
function textOf(data: string, redact: Redact): string {
  return showData(redact(data)).replace(MARKDOWN_SYNTAX, (c, at: number, whole: string) => {
    if (c === '@') return `@${ZERO_WIDTH_SPACE}`;
    if (c === '#' && /\d/.test(whole[at + 1] ?? '')) return `\\#${ZERO_WIDTH_SPACE}`;
    return ENTITIES[c] ?? `\\${c}`;
  });
}

/**
 * Data as a code span that shows it as written (CommonMark 6.1): no escaping inside, a fence of one
 * backtick more than its longest run of backticks, and a space inside each end where it starts or
 * ends with a backtick or a space (CommonMark strips one on each side).
 */
function codeOf(data: string, place: Place, redact: Redact): string {
  const shown = showData(redact(data));
  const inside = place === 'cell' ? shown.replace(/\|/g, '\\|') : shown;
  const fence = '`'.repeat(Math.max(0, ...(inside.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = /^[` ]|[` ]$/.test(inside) && inside.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${inside}${pad}${fence}`;
}

function findingTable(findings: readonly Finding[], withWaiver: boolean, redact: Redact): string[] {
  const text = (data: string): string => textOf(data, redact);
  const code = (data: string): string => codeOf(data, 'cell', redact);
  const head = withWaiver
    ? ['| rule | resource | waiver |', '| --- | --- | --- |']
    : ['| status | severity | rule | resource | message |', '| --- | --- | --- | --- | --- |'];
  const rows = findings.slice(0, MAX_ROWS).map((f) => {
    const resource = `${code(f.address)}${f.constructPath ? `<br>${text(f.constructPath)}` : ''}`;
    return withWaiver
      ? `| ${code(f.ruleId)} | ${resource} | ${text(f.waiver?.reason ?? '')} (${text(f.waiver?.owner ?? '')}, until ${text(f.waiver?.expires ?? '')}) |`
      : `| ${f.status} | ${f.severity} | ${code(f.ruleId)} | ${resource} | ${text(f.message)} |`;
  });
  const more = findings.length > MAX_ROWS ? [``, `… and ${findings.length - MAX_ROWS} more (see the full report).`] : [];
  return [...head, ...rows, ...more];
}

/** Render the report as a Markdown summary. */
export function renderMarkdown(report: Report, options: ReporterOptions = {}): string {
  const redact: Redact = options.redact ?? ((data) => data);
  const text = (data: string): string => textOf(data, redact);
  const code = (data: string): string => codeOf(data, 'line', redact);
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
  if (blocking.length > 0) out.push(`#### Blocking findings (${blocking.length})`, '', ...findingTable(blocking, false, redact), '');
  const other = report.findings.filter((f) => !f.blocking && f.status !== 'waived');
  if (other.length > 0) out.push(`#### Not blocking (${other.length})`, '', ...findingTable(other, false, redact), '');
  const waived = report.findings.filter((f) => f.status === 'waived');
  if (waived.length > 0) out.push(`<details><summary>Waived (${waived.length})</summary>`, '', ...findingTable(waived, true, redact), '', '</details>', '');

  if (report.waivers.length > 0) {
    out.push('#### Waivers needing attention', '');
    for (const n of report.waivers) out.push(`- **${n.kind}**${n.blocking ? ' (blocking)' : ''}: ${code(n.ruleId)} on ${code(n.address)}, owner ${text(n.owner)}, expires ${text(n.expires)}: ${text(n.message)}`);
    out.push('');
  }
  out.push(`Coverage: ${text(coverageLine(report))}`);
  return `${out.join('\n')}\n`;
}
