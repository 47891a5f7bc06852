/**
 * A compact Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict,
 * counts per category and status, the blocking findings, the waived ones, waiver notices and
 * coverage, each list capped and the whole body kept within MAX_BODY, so the comment stays under
 * GitHub's size limit.
 *
 * Data from the inputs (addresses, messages quoting values, waivers) is shown as text, never read
 * as Markdown: in a code span as it is, under a fence longer than any run of backticks in it; in
 * text with Markdown's characters escaped and `@mentions`, `#123` and `GH-123` references and bare
 * URLs (`https://`, `www.`) broken by a zero-width space, so a tag value cannot link, format, ping a
 * person or a team, or reference an issue. A bare commit SHA (`a5c3785`, 7 to 40 hex characters) is
 * left as written: GitHub links one only to a commit the repository holds, and it references no
 * issue, while values of that shape are common data (a hash, an id). Control and format characters
 * (a line feed, a bidi override) are escaped in both, as the text report shows them.
 */
import type { Finding, Report } from '../report';
import { categoriesOf, coverageLine, passed, rulesOffText, showData, STATUSES } from './shared';

/** At most this many rows per table; the rest is counted. */
export const MAX_ROWS = 50;

/** Where a datum goes: in a table cell, a pipe ends the cell even in a code span unless escaped (GFM tables). */
type Place = 'cell' | 'line';

/** What GitHub's Markdown reads in text, each written so it shows as itself. */
const MARKDOWN_SYNTAX = /[\\`*_~[\]!#|$<>&@]|:(?=\/\/)|www\.|gh-(?=\d)/gi;
const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
/**
 * After `@` (a mention, an e-mail address), `#` and `GH-` before a digit (an issue reference), the
 * `:` of `://` and the `www` of `www.` (GFM's autolinks of a URL written bare): GitHub links none across it.
 */
const ZERO_WIDTH_SPACE = '&#8203;';

/** Data as Markdown text that shows it as written. */
function textOf(data: string): string {
  return showData(data).replace(MARKDOWN_SYNTAX, (c, at: number, whole: string) => {
    if (c === '@') return `@${ZERO_WIDTH_SPACE}`;
    if (c === ':') return `:${ZERO_WIDTH_SPACE}`;
    if (c.endsWith('-')) return `${c}${ZERO_WIDTH_SPACE}`;
    if (c.length > 1) return `${c.slice(0, 3)}${ZERO_WIDTH_SPACE}.`;
    if (c === '#' && /\d/.test(whole[at + 1] ?? '')) return `\\#${ZERO_WIDTH_SPACE}`;
    return ENTITIES[c] ?? `\\${c}`;
  });
}

/**
 * Data as a code span that shows it as written (CommonMark 6.1): no escaping inside, a fence of one
 * backtick more than its longest run of backticks, and a space inside each end where it starts or
 * ends with a backtick or a space (CommonMark strips one on each side).
 */
function codeOf(data: string, place: Place): string {
  const shown = showData(data);
  const inside = place === 'cell' ? shown.replace(/\|/g, '\\|') : shown;
  const fence = '`'.repeat(Math.max(0, ...(inside.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = /^[` ]|[` ]$/.test(inside) && inside.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${inside}${pad}${fence}`;
}

/**
 * The most a body may hold: GitHub refuses a comment over 65,536 characters; this leaves room for
 * what a workflow adds around the report (a marker, a heading). Measured in UTF-8 bytes, never
 * fewer than the characters GitHub counts, however it counts them (code points or UTF-16 units).
 */
const MAX_BODY = 60_000;
const sizeOf = (lines: readonly string[]): number => lines.reduce((n, line) => n + Buffer.byteLength(line, 'utf8') + 1, 0);

// SARIF is not named: it holds at most 25,000 results (sarif.ts MAX_RESULTS, GitHub's limit).
const LEFT_OUT = 'the text and JSON reports list every one';
const moreLine = (count: number): string => `… and ${count} more (${LEFT_OUT}).`;

/**
 * A list the budget may cut: lines before and after it, and its items, made only when they fit
 * (a list of ten thousand stale waivers costs no more than what is shown).
 */
interface Section {
  readonly before: readonly string[];
  readonly count: number;
  /** At most this many items are shown, whatever the budget. */
  readonly cap: number;
  item(index: number): string;
  readonly after: readonly string[];
}

/** How many items of each section fit in `budget`, in the order of `priority` (indices into `sections`). */
function allocate(sections: readonly Section[], priority: readonly number[], budget: number): number[] {
  const shown = sections.map(() => 0);
  let left = budget - sizeOf(sections.flatMap((s) => [...s.before, ...s.after, '', moreLine(s.count)]));
  for (const index of priority) {
    const section = sections[index];
    while (shown[index] < Math.min(section.count, section.cap)) {
      const size = sizeOf([section.item(shown[index])]);
      if (size > left) break;
      left -= size;
      shown[index] += 1;
    }
  }
  return shown;
}

const tableSection = (title: string[], findings: readonly Finding[], withWaiver: boolean, after: string[] = ['']): Section => {
  const code = (data: string): string => codeOf(data, 'cell');
  const head = withWaiver
    ? ['| rule | resource | waiver |', '| --- | --- | --- |']
    : ['| status | severity | rule | resource | message |', '| --- | --- | --- | --- | --- |'];
  return {
    before: [...title, ...head],
    count: findings.length,
    cap: MAX_ROWS,
    item: (i) => {
      const f = findings[i];
      const resource = `${code(f.address)}${f.constructPath ? `<br>${textOf(f.constructPath)}` : ''}`;
      return withWaiver
        ? `| ${code(f.ruleId)} | ${resource} | ${textOf(f.waiver?.reason ?? '')} (${textOf(f.waiver?.owner ?? '')}, until ${textOf(f.waiver?.expires ?? '')}) |`
        : `| ${f.status} | ${f.severity} | ${code(f.ruleId)} | ${resource} | ${textOf(f.message)} |`;
    },
    after,
  };
};

/** The coverage line, cut short at a list separator where it does not fit in `budget`. */
function coverageOf(line: string, budget: number): string {
  const whole = `Coverage: ${textOf(line)}`;
  if (sizeOf([whole]) <= budget) return whole;
  const cut = ` … (cut short: the text and JSON reports give the whole coverage)`;
  let length = line.length;
  let shown = '';
  do {
    length = Math.floor(length * 0.9);
    const at = line.lastIndexOf(', ', length);
    shown = `Coverage: ${textOf(line.slice(0, at > 0 ? at : length))}${cut}`;
  } while (length > 0 && sizeOf([shown]) > budget);
  return shown;
}

/** Reserved for the coverage line before the lists take their share (the rest of it comes after them). */
const COVERAGE_SHARE = 4_000;

/**
 * Render the report as a Markdown summary, within MAX_BODY: each list (findings tables, waiver
 * notices) is cut short where the budget ends, with a line saying how many were left out, taken in
 * order of what matters: blocking findings, waiver notices, the coverage, findings that do not
 * block, waived findings.
 */
export function renderMarkdown(report: Report): string {
  const code = (data: string): string => codeOf(data, 'line');
  const head: string[] = [];
  const verdict = passed(report) ? '✅ twinguard: no blocking finding' : `❌ twinguard: ${report.summary.blocking} blocking`;
  head.push(`### ${verdict}`, '');
  head.push(`${report.inputs.length} input(s) · ${report.inputs.reduce((n, i) => n + i.resources, 0)} resource(s) · ${report.rules.length} rule(s) · twinguard ${report.tool.version}`, '');

  const categories = categoriesOf(report);
  if (categories.length > 0) {
    head.push(`| category | ${STATUSES.join(' | ')} |`, `| --- | ${STATUSES.map(() => '---:').join(' | ')} |`);
    for (const c of categories) head.push(`| ${c} | ${STATUSES.map((s) => report.summary.byCategory[c][s]).join(' | ')} |`);
    head.push(`| **total** | ${STATUSES.map((s) => `**${report.summary.byStatus[s]}**`).join(' | ')} |`, '');
  }
  const off = rulesOffText(report);
  // In the head, before any list the budget may cut: a rule turned off is what a reviewer must see.
  if (off !== undefined) head.push(`Rules off by the configuration: ${textOf(off)}`, '');

  const blocking = report.findings.filter((f) => f.blocking);
  const other = report.findings.filter((f) => !f.blocking && f.status !== 'waived');
  const waived = report.findings.filter((f) => f.status === 'waived');
  const notices = report.waivers;
  const notice = (i: number): string => {
    const n = notices[i];
    return `- **${n.kind}**${n.blocking ? ' (blocking)' : ''}: ${code(n.ruleId)} on ${code(n.address)}, owner ${textOf(n.owner)}, expires ${textOf(n.expires)}: ${textOf(n.message)}`;
  };
  const blockingTable = blocking.length > 0 ? tableSection([`#### Blocking findings (${blocking.length})`, ''], blocking, false) : undefined;
  const otherTable = other.length > 0 ? tableSection([`#### Not blocking (${other.length})`, ''], other, false) : undefined;
  const waivedTable = waived.length > 0 ? tableSection([`<details><summary>Waived (${waived.length})</summary>`, ''], waived, true, ['', '</details>', '']) : undefined;
  const noticeList: Section | undefined =
    notices.length > 0 ? { before: ['#### Waivers needing attention', ''], count: notices.length, cap: Number.POSITIVE_INFINITY, item: notice, after: [''] } : undefined;
  const present = (list: readonly (Section | undefined)[]): Section[] => list.filter((section): section is Section => section !== undefined);
  const sections = present([blockingTable, otherTable, waivedTable, noticeList]);
  const priority = present([blockingTable, noticeList, otherTable, waivedTable]).map((section) => sections.indexOf(section));
  const budget = MAX_BODY - sizeOf(head) - COVERAGE_SHARE;
  const shown = allocate(sections, priority, budget);

  const out = [...head];
  sections.forEach((section, i) => {
    const items = Array.from({ length: shown[i] }, (_, at) => section.item(at));
    const more = section.count > shown[i] ? ['', moreLine(section.count - shown[i])] : [];
    out.push(...section.before, ...items, ...more, ...section.after);
  });
  out.push(coverageOf(coverageLine(report), MAX_BODY - sizeOf(out) - 1));
  return `${out.join('\n')}\n`;
}
