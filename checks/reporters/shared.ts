/**
 * Small helpers the reporters share: the order of categories and statuses, one-line summaries,
 * and grouping of findings by input and resource. Everything here is pure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { Coverage, Finding, FindingStatus, IncompletePlan, NotLoadedModule, Report } from '../report';
import { CATEGORIES, type Severity } from '../rules/types';

export const STATUSES: readonly FindingStatus[] = ['fail', 'unknown', 'waived'];


/**
 * Characters a terminal or a CI log acts on rather than shows, or that hide or reorder what is
 * shown: C0 and C1 controls and DEL (a line feed starts a line GitHub Actions may read as a workflow
 * command, `::notice::`; ESC starts a colour or a clear-screen), Unicode format characters (bidi
 * overrides and isolates, the marks, zero-width characters) and the line and paragraph separators.
 */
const UNSHOWN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const UNSHOWN_ALL = new RegExp(UNSHOWN.source, 'gu');
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One such character as Terraform writes it in a quoted string: `\n`, `\r`, `\t`, else `\u001b`, `\U000e0041`. */
const escaped = (c: string): string => {
  const code = c.codePointAt(0) as number;
  return SHORT_ESCAPES[c] ?? (code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

/**
 * What a CI runner reads as a command anywhere in a line, not only at its start: GitHub Actions'
 * legacy `##[error]` (actions/runner `ActionCommand.TryParse` looks for `##[` in the whole line) and
 * Azure Pipelines' `##vso[task.setvariable …]`. The second `#` is the one written as an escape.
 */
const LOG_COMMAND = /(?<=#)#(?=(?:vso)?\[)/giu;

/**
 * `text` with each `##[` and `##vso[` written `#\u0023[`, `#\u0023vso[`: a value could forge an
 * annotation, set a pipeline variable, or hide what follows in a log that shows the report. The
 * escape is Terraform's and JSON's: in a JSON document (the json, sarif and codequality formats) it
 * is read back as `#`, so the data is the same.
 */
export function withoutLogCommands(text: string): string {
  return text.includes('##') ? text.replace(LOG_COMMAND, '\\u0023') : text;
}

/**
 * Data (a value from a plan in a message, an address, a path) as a report shows it to a person:
 * the characters of `UNSHOWN` written as escapes, and so is the `#` that would make a CI log command
 * (`withoutLogCommands`), the rest as is. check.ts `render` masked the report's data before: a
 * secret is masked as written, where an escaped line feed no longer is.
 */
export function showData(text: string): string {
  return withoutLogCommands(UNSHOWN.test(text) ? text.replace(UNSHOWN_ALL, escaped) : text);
}

/** The options a reporter takes. */
export interface ReporterOptions {
  /** ANSI colours in the text format. The CLI turns them on only for a TTY and never when NO_COLOR is set. */
  readonly color?: boolean;
  /** The working directory, from which an input is resolved to find its repository path (SARIF, Code Quality). */
  readonly cwd?: string;
  /** The environment: `GITHUB_WORKSPACE` and `CI_PROJECT_DIR` name the repository root in CI. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Variables in which CI names the checkout's root: GitHub Actions, GitLab CI. */
const ROOT_VARIABLES = ['GITHUB_WORKSPACE', 'CI_PROJECT_DIR'] as const;

/** The nearest directory at or above `file` that holds a `.git` entry (a directory, or a file in a worktree or submodule). */
function gitTop(file: string): string | undefined {
  for (let dir = file; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const REPOSITORY_PATHS = new WeakMap<object, Map<string, string>>();

/**
 * An input as a path in the repository, as GitHub code scanning and GitLab's Code Quality widget
 * place it: relative to the repository root, forward slashes, no leading `./`; stdin is `stdin`.
 * The root is `GITHUB_WORKSPACE` or `CI_PROJECT_DIR` where set and holding the file, else the
 * nearest directory above the file with a `.git` entry (no git needed), else the working
 * directory: `cd infra && twinguard check .` names `infra/main.tf`, not `main.tf`, which GitHub
 * would place at the root. A path outside the root stays as written, an absolute one absolute.
 */
export function repositoryPath(input: string, options: Pick<ReporterOptions, 'cwd' | 'env'> = {}): string {
  if (input === '-') return 'stdin';
  // Each report names a few files many times (150,000 findings on one plan): one walk up per file and report.
  let named = REPOSITORY_PATHS.get(options);
  if (named === undefined) REPOSITORY_PATHS.set(options, (named = new Map()));
  const known = named.get(input);
  if (known !== undefined) return known;
  const { cwd, env = {} } = options;
  const absolute = cwd !== undefined ? path.resolve(cwd, input) : path.isAbsolute(input) ? input : undefined;
  let inside: string | undefined;
  if (absolute !== undefined) {
    const roots = [...ROOT_VARIABLES.flatMap((name) => (env[name] ? [env[name] as string] : [])), gitTop(absolute), cwd];
    for (const root of roots) {
      inside = root === undefined ? undefined : within(root, absolute);
      if (inside !== undefined) break;
    }
  }
  const result = (inside ?? input).replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  named.set(input, result);
  return result;
}

/** `target` relative to `dir` where it lies within it (`.` for `dir` itself), as written or with symbolic links followed; undefined elsewhere. */
function within(dir: string, target: string): string | undefined {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  for (const [from, to] of [[dir, target], [real(dir), real(target)]]) {
    const relative = path.relative(from, to);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative === '' ? '.' : relative;
  }
  return undefined;
}

const fingerprintOf = (parts: readonly string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/**
 * Stable fingerprints (SHA-256, hex), one per list of fields, for tools that track findings from run
 * to run. The fields are hashed as the report shows them, masked (check.ts `render`): a hash of a
 * detected secret (a phone number in an instance key) could be reversed by hashing candidates.
 * Lists that read alike once masked are told apart by their order.
 */
export function fingerprintsOf(fields: readonly (readonly string[])[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((parts) => {
    const base = fingerprintOf(parts);
    const before = seen.get(base) ?? 0;
    seen.set(base, before + 1);
    return before === 0 ? base : fingerprintOf([...parts, String(before)]);
  });
}

/** SARIF levels and GitHub's `security-severity` scores per severity. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** Categories that have findings, in the canonical order, then any other category name sorted. */
export function categoriesOf(report: Report): string[] {
  const present = Object.keys(report.summary.byCategory);
  const known = CATEGORIES.filter((c) => present.includes(c));
  const other = present.filter((c) => !(CATEGORIES as readonly string[]).includes(c)).sort();
  return [...known, ...other];
}

/** `3 fail, 1 unknown` (zero counts left out; `none` when all are zero). */
export function statusCounts(counts: Readonly<Record<FindingStatus, number>>): string {
  const parts = STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** Whether the report lets the apply go ahead. */
export const passed = (report: Report): boolean => report.summary.blocking === 0;

/** A type accepted as unchecked, as the json and sarif reports write it (fields in a fixed order). */
export const acceptedType = (t: NonNullable<Coverage['acceptedTypes']>[number]): { type: string; count: number; reason: string } => ({ type: t.type, count: t.count, reason: t.reason });

/** A module not loaded, as the json and sarif reports write it (fields in a fixed order). */
export const notLoadedModule = (m: NotLoadedModule): NotLoadedModule => ({
  input: m.input,
  module: m.module,
  ...(m.source !== undefined ? { source: m.source } : {}),
  reason: m.reason,
});

/** An incomplete plan, as the json and sarif reports write it (fields in a fixed order). */
export const incompletePlan = (p: IncompletePlan): IncompletePlan => ({ input: p.input, deferred: p.deferred.map(({ address, reason }) => ({ address, reason })) });

/**
 * `12/14 resources evaluated by a rule of their type; only the rules for every type (tags, sensitive
 * data) judged: aws_foo (1), null_resource (1); required-tags could not tell whether these types take tags
 * (…), not judged: aws_foo (1); modules not loaded, their resources not checked:
 * module.bucket (terraform-aws-modules/s3-bucket/aws); plan.json is incomplete (complete: false): 1 change
 * deferred to a later plan, not judged: aws_kms_key.k (provider_config_unknown)`, with the types the configuration accepts as
 * unchecked named before the others. A tag finding on an `aws_foo` is no contradiction: those rules
 * judge every resource but understand none (engine.ts).
 */
const ONLY_EVERY_TYPE = 'only the rules for every type (tags, sensitive data) judged';

export function coverageLine(report: Report): string {
  const { evaluatedResources, totalResources, uncheckedTypes, acceptedTypes = [], taggingUntoldTypes = [], notLoadedModules, incompletePlans = [], strict } = report.coverage;
  const blocking = strict ? ' (blocking: strict mode)' : '';
  const counted = (types: readonly { type: string; count: number }[]): string => types.map((t) => `${t.type} (${t.count})`).join(', ');
  const types =
    uncheckedTypes.length === 0
      ? `every ${acceptedTypes.length === 0 ? '' : 'other '}resource type is understood by a rule${strict ? ' (strict mode)' : ''}`
      : `${ONLY_EVERY_TYPE}: ${counted(uncheckedTypes)}${blocking}`;
  const accepted = acceptedTypes.length === 0 ? '' : `${ONLY_EVERY_TYPE}, accepted by the configuration (acceptUnchecked): ${counted(acceptedTypes)}; `;
  const untold =
    taggingUntoldTypes.length === 0
      ? ''
      : `; required-tags could not tell whether these types take tags (in none of its type lists and written untagged, or, for awscc, showing tags under another name than tags: tag them, check a plan, or accept the type with a reason), not judged: ${counted(taggingUntoldTypes)}${blocking}`;
  const modules =
    notLoadedModules.length === 0
      ? ''
      : `; modules not loaded, their resources not checked (check a plan to cover them): ${notLoadedModules
          .map((m) => `${m.module}${m.source !== undefined ? ` (${m.source})` : ''}`)
          .join(', ')}${blocking}`;
  const incomplete = incompletePlans
    .map(({ input, deferred }) => {
      // Terraform writes complete: false and no deferred_changes for a -target plan: it defers nothing, it leaves out.
      if (deferred.length === 0) return `; ${input} is a partial plan (complete: false, as a -target plan is): the changes it leaves out are left for a later plan, not judged${blocking}`;
      const changes = deferred.length === 1 ? '1 change' : `${deferred.length} changes`;
      return `; ${input} is incomplete (complete: false): ${changes} deferred to a later plan, not judged: ${deferred.map((d) => `${d.address} (${d.reason})`).join(', ')}${blocking}`;
    })
    .join('');
  return `${evaluatedResources}/${totalResources} resources evaluated by a rule of their type; ${accepted}${types}${untold}${modules}${incomplete}`;
}

/**
 * `s3-bucket-sse-kms, ecr-repository-kms (rules.disable in twinguard.config.yaml); required-tags (requiredTags: [] in
 * twinguard.config.yaml)`: the rules the configuration turns off, grouped by what turns them off; undefined when none.
 */
export function rulesOffText(report: Report): string | undefined {
  const groups = new Map<string, string[]>();
  for (const r of report.rulesOff ?? []) {
    const why = `${r.setting}${r.source !== undefined ? ` in ${r.source}` : ''}`;
    groups.set(why, [...(groups.get(why) ?? []), r.id]);
  }
  return groups.size === 0 ? undefined : [...groups].map(([why, ids]) => `${ids.join(', ')} (${why})`).join('; ');
}

/** A rule turned off, as the json and sarif reports write it (fields in a fixed order). */
export const ruleOff = (r: NonNullable<Report['rulesOff']>[number]): { id: string; category: string; setting: string; source?: string } => ({
  id: r.id,
  category: r.category,
  setting: r.setting,
  ...(r.source !== undefined ? { source: r.source } : {}),
});

export interface ResourceGroup {
  readonly input: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly findings: readonly Finding[];
}

/** Findings grouped by (input, address), in report order (the report is already sorted). */
export function groupByResource(findings: readonly Finding[]): ResourceGroup[] {
  const groups = new Map<string, { input: string; address: string; constructPath?: string; findings: Finding[] }>();
  for (const finding of findings) {
    const key = `${finding.input}\u0000${finding.address}`;
    let group = groups.get(key);
    if (!group) {
      group = { input: finding.input, address: finding.address, constructPath: finding.constructPath, findings: [] };
      groups.set(key, group);
    }
    group.findings.push(finding);
  }
  return [...groups.values()];
}

/** The doc page of a rule, relative to the repository root. */
export const docPath = (ruleId: string): string => `docs/rules/${ruleId}.md`;
