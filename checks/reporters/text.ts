/**
 * The text report for people at a terminal: findings grouped by resource (construct path and
 * `file:line` of the block beside the address, where the loader placed it), waiver notices, a summary line with counts per category and status, the coverage
 * line and the verdict. Colours only when the caller says so (a TTY without NO_COLOR).
 */
import type { SourcePosition } from '../model/positions';
import type { Finding, FindingStatus, Report, WaiverNotice } from '../report';
import { categoriesOf, coverageLine, groupByResource, passed, type ReporterOptions, rulesOffText, showData, statusCounts } from './shared';

type Paint = (code: number, text: string) => string;
const paintWith = (color: boolean): Paint => (color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text);

const RED = 31;
const YELLOW = 33;
const CYAN = 36;
const DIM = 2;
const BOLD = 1;
const GREEN = 32;

const STATUS_LABEL: Readonly<Record<FindingStatus, string>> = { fail: 'FAIL', unknown: 'UNKNOWN', waived: 'WAIVED' };

/**
 * `infra/main.tf:12`: where a block is written, as editors and terminals open it; `line 12` in the
 * input itself (a cdk.tf.json), whose name heads the group already.
 */
const positionText = (position: SourcePosition, input: string): string => (position.file === input ? `line ${position.line}` : `${position.file}:${position.line}`);

/** The one position of a resource's findings, which its heading shows; undefined when they have none or differ. */
function sharedPosition(findings: readonly Finding[]): SourcePosition | undefined {
  const [first] = findings;
  const same = (a: SourcePosition, b: SourcePosition): boolean => a.file === b.file && a.line === b.line;
  return first?.position !== undefined && findings.every((f) => f.position !== undefined && same(f.position, first.position as SourcePosition)) ? first.position : undefined;
}

/** `atOwn`: the finding's position, shown on its own line where the heading does not show it (a variable's default and a variable file's value differ). */
function findingLine(f: Finding, paint: Paint, atOwn: boolean): string {
  const label = STATUS_LABEL[f.status].padEnd(7);
  const colour = f.status === 'waived' ? DIM : f.blocking ? RED : YELLOW;
  const flag = f.blocking ? '' : f.status === 'waived' ? '' : ' (not blocking)';
  const where = f.path ? ` [${showData(f.path)}]` : '';
  const at = atOwn && f.position ? paint(DIM, ` at ${showData(positionText(f.position, f.input))}`) : '';
  const head = `    ${paint(colour, label)} ${f.severity.padEnd(8)} ${paint(BOLD, f.ruleId)}${where}${at}${flag}`;
  const lines = [head, `      ${showData(f.message)}`];
  if (f.waiver) lines.push(paint(DIM, `      waived until ${showData(f.waiver.expires)} by ${showData(f.waiver.owner)}: ${showData(f.waiver.reason)}`));
  return lines.join('\n');
}

function noticeLine(n: WaiverNotice, paint: Paint): string {
  const label = n.kind.toUpperCase().padEnd(10);
  return `  ${paint(n.blocking ? RED : YELLOW, label)} ${showData(n.ruleId)} on ${showData(n.address)} (owner ${showData(n.owner)}, expires ${showData(n.expires)}): ${showData(n.message)}`;
}

function summaryLine(report: Report): string {
  const categories = categoriesOf(report).map((c) => `${c}: ${statusCounts(report.summary.byCategory[c])}`);
  const total = statusCounts(report.summary.byStatus);
  return `Summary: ${report.summary.blocking} blocking; ${total}${categories.length > 0 ? ` (${categories.join('; ')})` : ''}`;
}

/**
 * Render the report as text. Data from the inputs (messages quoting values, addresses, paths,
 * waivers) shows its control and format characters escaped, so a value cannot write lines of its
 * own into a CI log, move the cursor or reorder what is shown.
 */
export function renderText(report: Report, options: ReporterOptions = {}): string {
  const paint = paintWith(options.color === true);
  const out: string[] = [];
  const resources = report.inputs.reduce((n, i) => n + i.resources, 0);
  out.push(paint(BOLD, `twinguard ${report.tool.version}: ${report.inputs.length} input(s), ${resources} resource(s), ${report.rules.length} rule(s)`));

  let currentInput: string | undefined;
  for (const group of groupByResource(report.findings)) {
    if (group.input !== currentInput) {
      currentInput = group.input;
      out.push('', paint(CYAN, showData(group.input)));
    }
    const position = sharedPosition(group.findings);
    const at = position ? paint(DIM, `  ${showData(positionText(position, group.input))}`) : '';
    out.push(`  ${paint(BOLD, showData(group.address))}${group.constructPath ? paint(DIM, `  (${showData(group.constructPath)})`) : ''}${at}`);
    for (const f of group.findings) out.push(findingLine(f, paint, position === undefined));
  }
  if (report.findings.length === 0) out.push('', 'No findings.');

  if (report.waivers.length > 0) {
    out.push('', paint(BOLD, 'Waivers needing attention'));
    for (const n of report.waivers) out.push(noticeLine(n, paint));
  }

  out.push('', summaryLine(report));
  const off = rulesOffText(report);
  if (off !== undefined) out.push(`Rules off by the configuration: ${showData(off)}`);
  out.push(`Coverage: ${showData(coverageLine(report))}`);
  out.push(passed(report) ? paint(GREEN, 'Result: PASS (no blocking finding)') : paint(RED, `Result: FAIL (${report.summary.blocking} blocking)`));
  return `${out.join('\n')}\n`;
}
