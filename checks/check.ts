/**
 * Orchestration: loaded inputs and a configuration in, a report out. buildGraph → runRules →
 * waivers → blocking policy → Report; then each reporter renders it with every raw value any rule
 * detected masked in its data (see `render`). The exit code comes from the report.
 */
import packageJson from '../package.json';
import { type AcceptedUnchecked, type Config, enabledToNothing, unwaivableLeak } from './config';
import { InputError } from './errors';
import { runRules } from './engine';
import { addressSecrets, maskedAll, maskUrlSecrets, secretsIn } from './rules/support/detect';
import { type FixedPaths, MIN_REDACT_LENGTH, redactor, redactStrings } from './mask';
import { buildGraph } from './model/graph';
import { parseBlockAddress, parseModuleAddress } from './model/graph/addresses';
import type { Graph, LoadedInput } from './model/types';
import { type Coverage, type Finding, type FindingStatus, type Report, type RuleOff, strictItems, type WaiverNotice } from './report';
import { renderJson } from './reporters/json';
import { renderJunit } from './reporters/junit';
import { renderCodeQuality } from './reporters/codequality';
import { renderMarkdown } from './reporters/markdown';
import { renderSarif } from './reporters/sarif';
import type { ReporterOptions } from './reporters/shared';
import { renderText } from './reporters/text';
import { ALL_RULES } from './rules/index';
import { type Category, type RuleDefinition, SEVERITIES, type Severity } from './rules/types';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { applyWaivers, beyondHorizon, compileAddressGlob, todayUtc, type WaivedFinding } from './waivers';

/** What `--strict` does, as `check --help` and `gate --help` say it. */
export const STRICT_HELP = 'fail when a resource type is not understood by any rule or required-tags could not tell whether it takes tags, a module was not loaded, or a plan is incomplete (changes deferred)';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality'] as const;
export type Format = (typeof FORMATS)[number];

/** A report and the raw values no rendering of it may contain. */
export interface Checked {
  readonly report: Report;
  /** What every data field of the report masks (see `render`). */
  readonly redact: readonly string[];
  /**
   * The values of `redact` that are instance keys, whole, of an address the inputs hold: keys of
   * these that mask alike are numbered (mask.ts `redactor`). Absent when there are none.
   */
  readonly instanceKeys?: readonly string[];
  /**
   * What findings' messages and paths mask besides: the values code wraps in `sensitive()` or computes
   * from one, and the keys of such maps (evaluate.ts `sensitiveSeen`), which rules may quote as they
   * quote any value, and a path may hold as a key (`tags.<key>`). Terraform refuses them in a
   * `for_each` key, and the loaders leave such keys unknown, so no address holds one (a common word
   * among them, `default`, is left in addresses and names).
   */
  readonly redactInMessages?: readonly string[];
}

export interface CheckOptions {
  /** Today, `YYYY-MM-DD` (UTC): decides which waivers have expired. Default: the clock. */
  readonly today?: string;
  /** The rule registry (tests pass their own). Default: `ALL_RULES`. */
  readonly registry?: readonly RuleDefinition[];
  /** When given, milliseconds spent are added to it: `graph`, `rules`, and each rule by id (`--timings`). */
  readonly timings?: Map<string, number>;
  /** The graph of the inputs, when the caller has built it already (`buildGraph(inputs)`). Default: built here. */
  readonly graph?: Graph;
}

/** Whether a rule that runs judges anything with `settings`: no setting keeps it from judging (`RuleDefinition.offWhen`). */
const judgesWith = (rule: Pick<RuleDefinition, 'offWhen'>, settings: Settings): boolean => rule.offWhen?.off(settings) !== true;

/**
 * Whether a rule judges anything with no configuration: not opt-in, and not kept from judging by a
 * default setting (`topic-queue-deny-insecure-transport` runs, but judges nothing until
 * `requireTopicQueueTransportPolicy: true`). What `twinguard rules` and the README count as on by
 * default, and, with no configuration, what a report counts (`Report.rules`).
 */
export const onByDefault = (rule: Pick<RuleDefinition, 'optIn' | 'offWhen'>): boolean => !rule.optIn && judgesWith(rule, DEFAULT_SETTINGS);

/** The rules the configuration turns on: every rule but the disabled ones; opt-in rules only when enabled. */
export function selectRules(registry: readonly RuleDefinition[], config: Config): RuleDefinition[] {
  return registry.filter((r) => (!r.optIn || config.rules.enable.includes(r.id)) && !config.rules.disable.includes(r.id));
}

const rank = (s: Severity): number => SEVERITIES.indexOf(s);

/** Whether a finding of this rule, with this status and severity, blocks under the configuration. */
function blocks(status: 'fail' | 'unknown', rule: { id: string; category: Category }, severity: Severity, config: Config): boolean {
  if (rank(severity) > rank(config.failOn)) return false;
  if (status === 'fail') return true;
  const { rules, categories, default: byDefault } = config.unknownBlocks;
  return rules[rule.id] ?? categories[rule.category] ?? byDefault;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byLocation = (a: Finding, b: Finding): number =>
  compare(a.input, b.input) || compare(a.address, b.address) || compare(a.ruleId, b.ruleId) || compare(a.path ?? '', b.path ?? '') || compare(a.message, b.message);
const byNotice = (a: WaiverNotice, b: WaiverNotice): number => compare(a.ruleId, b.ruleId) || compare(a.address, b.address) || compare(a.kind, b.kind) || compare(a.expires, b.expires);

/** `https://github.com/o/r/blob/HEAD/docs/rules` from package.json's `repository`, when it names a GitHub repository. */
function repositoryDocsUrl(repository: unknown): string | undefined {
  const url = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  const match = typeof url === 'string' ? /github\.com[/:]([^/]+)\/([^/#]+?)(?:\.git)?(?:#.*)?$/.exec(url) : null;
  return match ? `https://github.com/${match[1]}/${match[2]}/blob/HEAD/docs/rules` : undefined;
}

/**
 * The configuration's `docsUrl` as every rule's `helpUri` shows it: a URL's credentials starred as a module source's are
 * (`https://***:***@gitlab…`), then whatever else the detectors find in it masked (`?access=glpa***`). The rules a report
 * lists are the tool's own text, which no masking of the report's data reaches, so it is masked here.
 */
const shownDocsUrl = (url: string | undefined, patterns: Config['settings']['sensitivePatterns']): string | undefined => (url === undefined ? undefined : maskedAll(maskUrlSecrets(url), patterns));

/** Run the rules over the inputs and build the report. */
export function check(inputs: readonly LoadedInput[], config: Config, options: CheckOptions = {}): Checked {
  const registry = options.registry ?? ALL_RULES;
  // The loader refuses such a file; a configuration built in code (a synth validation's) is held to the same.
  const leak = unwaivableLeak(config, registry) ?? enabledToNothing(config, registry);
  if (leak) throw new InputError(config.source ?? 'the configuration', leak);
  const today = options.today ?? todayUtc();
  const far = beyondHorizon(config.waivers, today, config.waiverMaxDays);
  if (far) throw new InputError(config.source ?? 'the configuration', far);
  const rules = selectRules(registry, config);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const severityOf = (r: RuleDefinition): Severity => config.rules.severity[r.id] ?? r.severity;
  const timings = options.timings;
  const started = performance.now();
  const graph = options.graph ?? buildGraph(inputs);
  const built = performance.now();
  const result = runRules(graph, config.settings, rules, { enabled: () => true, ...(timings ? { timings } : {}) });
  timings?.set('graph', built - started);
  timings?.set('rules', performance.now() - built);

  const unwaivable = new Set([...rules.filter((r) => r.unwaivable).map((r) => r.id), ...config.rules.unwaivable]);
  const judgedTypes = (id: string): readonly string[] | undefined => {
    const types = byId.get(id)?.appliesTo;
    return Array.isArray(types) ? types : undefined;
  };
  const waived = applyWaivers(result.findings, config.waivers, { today, unwaivable, judgedTypes });

  const toFinding = (raw: WaivedFinding): Finding => {
    const rule = byId.get(raw.ruleId);
    if (!rule) throw new Error(`the engine reported rule "${raw.ruleId}", which did not run`);
    const severity = severityOf(rule);
    return {
      ruleId: raw.ruleId,
      category: rule.category,
      severity,
      status: raw.waiver ? 'waived' : raw.status,
      originalStatus: raw.status,
      blocking: !raw.waiver && blocks(raw.status, rule, severity, config),
      address: raw.address,
      ...(raw.constructPath !== undefined ? { constructPath: raw.constructPath } : {}),
      input: raw.input,
      ...(raw.position !== undefined ? { position: raw.position } : {}),
      ...(raw.path !== undefined ? { path: raw.path } : {}),
      message: raw.message,
      references: rule.references,
      ...(raw.waiver ? { waiver: raw.waiver } : {}),
    };
  };
  const findings = waived.findings.map(toFinding).sort(byLocation);
  const notices = [...waived.notices].sort(byNotice);

  const zero = (): Record<FindingStatus, number> => ({ fail: 0, unknown: 0, waived: 0 });
  const byStatus = zero();
  const byCategory: Record<string, Record<FindingStatus, number>> = {};
  for (const r of rules) byCategory[r.category] ??= zero();
  for (const f of findings) {
    byStatus[f.status] += 1;
    byCategory[f.category][f.status] += 1;
  }
  const strict = config.strict;
  const coverage = acceptingUnchecked(result.coverage, config.acceptUnchecked);
  const blocking =
    findings.filter((f) => f.blocking).length +
    notices.filter((n) => n.blocking).length +
    (strict ? strictItems(coverage) : 0);
  const docsUrl = shownDocsUrl(config.docsUrl, config.settings.sensitivePatterns) ?? repositoryDocsUrl((packageJson as { repository?: unknown }).repository);
  const rulesOff = rulesTurnedOff(registry, rules, config);
  const off = new Set(rulesOff.map((r) => r.id));

  const report: Report = {
    version: 1,
    tool: { name: 'twinguard', version: packageJson.version },
    inputs: inputs.map((i) => ({ input: i.input, kind: i.kind, ...(i.stack !== undefined ? { stack: i.stack } : {}), resources: i.resources.filter((r) => r.mode === 'managed').length })),
    findings,
    waivers: notices,
    summary: { blocking, byStatus, byCategory },
    coverage: { ...coverage, ...(strict ? { strict: true } : {}) },
    // A rule the settings keep from judging, by default or by the configuration, is none a report counts or lists as passing.
    rules: rules
      .filter((r) => !off.has(r.id) && judgesWith(r, config.settings))
      .sort((a, b) => compare(a.id, b.id))
      .map((r) => ({
        id: r.id,
        title: r.title,
        category: r.category,
        severity: severityOf(r),
        remediation: r.remediation,
        references: r.references,
        ...(docsUrl ? { helpUri: `${docsUrl}/${r.id}.md` } : {}),
      })),
    ...(rulesOff.length > 0 ? { rulesOff } : {}),
  };
  const found = [
    ...result.findings.flatMap((f) => f.redact),
    ...configurationSecrets(config),
    ...unjudgedAddressSecrets(inputs, result.coverage, config.settings.sensitivePatterns),
    // An input's path, as a refusal naming it masks it (`inputs/SKda***/missing.json: no such file`): the header, SARIF's URI, each finding's input.
    ...inputs.flatMap((i) => secretsIn(i.input, config.settings.sensitivePatterns)),
  ];
  // A short value is masked as a message quotes it (`"pin42"`), where it cannot be a word of the rule's text.
  const sensitive = inputs.flatMap((input) => input.sensitiveLiterals ?? []).map((value) => (value.length >= MIN_REDACT_LENGTH ? value : JSON.stringify(value)));
  const redact = [...new Set(found)];
  const keys = instanceKeys(inputs, new Set(redact));
  return { report, redact, ...(keys.length > 0 ? { instanceKeys: keys } : {}), ...(sensitive.length > 0 ? { redactInMessages: [...new Set(sensitive)] } : {}) };
}

/**
 * The rules the configuration turns off (report.ts `RuleOff`): those `rules.disable` lists, and
 * those that run but judge nothing with a setting the configuration gives (`requiredTags: []`),
 * where the default has them judge. Such a rule is not among the rules a report counts: a JUnit
 * report listed required-tags as a passing test with `requiredTags: []`.
 */
function rulesTurnedOff(registry: readonly RuleDefinition[], running: readonly RuleDefinition[], config: Config): RuleOff[] {
  const source = config.source !== undefined ? { source: config.source } : {};
  const disabled = registry.filter((r) => config.rules.disable.includes(r.id)).map((r): RuleOff => ({ id: r.id, title: r.title, category: r.category, setting: 'rules.disable', ...source }));
  const bySetting = running.flatMap((r): RuleOff[] => {
    const { offWhen } = r;
    if (offWhen === undefined || !offWhen.off(config.settings) || offWhen.off(DEFAULT_SETTINGS)) return [];
    return [{ id: r.id, title: r.title, category: r.category, setting: `${offWhen.setting}: ${JSON.stringify(config.settings[offWhen.setting])}`, ...source }];
  });
  return [...disabled, ...bySetting].sort((a, b) => compare(a.id, b.id));
}

/**
 * The detected values that are instance keys, whole, of an address the inputs hold: a resource's,
 * a data source's, an `ephemeral` block's, an action's or a module instance's, a change an
 * incomplete plan deferred, an instance the plan destroys, a moved instance's old address and an
 * instance the plan forgets.
 * Look-alike numbers are counted among these alone: counted among every detected value, one an
 * address does not hold (a waiver's owner, a tag, a value a message quotes) that masked as a key
 * renumbered the key's address, so its fingerprint and baseline identity changed with no change
 * to the resource.
 */
function instanceKeys(inputs: readonly LoadedInput[], detected: ReadonlySet<string>): string[] {
  if (detected.size === 0) return [];
  const keys = new Set<string>();
  const addKeys = (found: readonly string[]): void => {
    for (const key of found) if (detected.has(key)) keys.add(key);
  };
  // A key an address holds as a string is written quoted (`["k"]`). A resource's are its module
  // instance's (`module.site["s1"]`) and its own: where the rest of its address quotes nothing, its
  // module instance's, parsed once for all its resources. Measured on the 100k bench plan (30
  // resources per module instance): ~100 ms -> ~10 ms.
  const byModule = new Map<string, readonly string[]>();
  for (const input of inputs) {
    for (const { address, module } of input.resources) {
      if (module === '' || !address.startsWith(`${module}.`) || address.includes('"', module.length)) {
        addKeys(stringKeys(address));
        continue;
      }
      let found = byModule.get(module);
      if (found === undefined) byModule.set(module, (found = stringKeys(address)));
      addKeys(found);
    }
    const others = [
      ...(input.codeBlocks ?? []).map((b) => b.address),
      ...(input.incomplete?.deferred ?? []).map((d) => d.address),
      ...(input.destroyed ?? []).map((d) => d.address),
      ...(input.formerAddresses ?? []),
    ];
    for (const address of others) addKeys(stringKeys(address));
  }
  return [...keys];
}

/** The string keys of an address's module instances and of its own instance (`module.a["x"].aws_s3_bucket.b["y"]`: x, y). */
function stringKeys(address: string): string[] {
  if (!address.includes('"')) return [];
  const instance = parseBlockAddress(address);
  const steps = [...(instance?.module ?? parseModuleAddress(address)), ...(instance ? [instance] : [])];
  return steps.flatMap((step) => (typeof step.key === 'string' ? [step.key] : []));
}

/**
 * What the detectors find in the configuration's text a report shows: each waiver's rule, address
 * glob, input glob, owner and reason, each reason to accept a type unchecked, and the settings a
 * rule's message quotes (a required tag's key, a tag's allowed values, a FIPS environment, a
 * pattern's name). A stale waiver's address names no resource of the inputs, so no rule detects
 * what it holds (an email address in a `for_each` key, the owner's address): masked as any other
 * configuration text (`safeText`). An allowed value was quoted whole: `Tag "Owner" is
 * "b***@e***.com", not one of "jane.doe@example.com"`.
 */
function configurationSecrets(config: Config): string[] {
  const { requiredTags, allowedTagValues, fips, sensitivePatterns } = config.settings;
  const texts = [
    ...config.waivers.flatMap((w) => [w.rule, w.address, w.input ?? '', w.owner, w.reason]),
    ...config.acceptUnchecked.flatMap((a) => [a.type, a.reason]),
    ...requiredTags,
    ...Object.entries(allowedTagValues).flat(2),
    ...fips.environments,
    ...sensitivePatterns.map((p) => p.name),
  ];
  return texts.flatMap((text) => secretsIn(text, sensitivePatterns));
}

/**
 * What the detectors find in the addresses a report or terraform's own output shows that no rule
 * judges: the changes an incomplete plan deferred (the coverage names them; terraform prints
 * `# … was deferred`), the instances a plan destroys (terraform prints `# … will be destroyed`), the
 * data sources of a plan whose configuration does not record them (terraform prints
 * `data.… : Reading...`; `no-sensitive-data-in-instance-keys` judges a data source with its block),
 * and the addresses it takes from objects it keeps (`# … has moved to …`, `# … will no longer be
 * managed by Terraform`).
 */
function unjudgedAddressSecrets(inputs: readonly LoadedInput[], coverage: Coverage, patterns: Config['settings']['sensitivePatterns']): string[] {
  const deferred = (coverage.incompletePlans ?? []).flatMap((plan) => plan.deferred.flatMap(({ address, reason }) => addressSecrets(address, patterns, reason)));
  const destroyed = inputs.flatMap((input) => (input.destroyed ?? []).flatMap(({ address }) => addressSecrets(address, patterns)));
  const unconfigured = inputs.flatMap((input) => input.resources.filter((r) => r.mode === 'data' && r.config === undefined).flatMap(({ address }) => addressSecrets(address, patterns)));
  const former = inputs.flatMap((input) => (input.formerAddresses ?? []).flatMap((address) => addressSecrets(address, patterns)));
  return [...deferred, ...destroyed, ...unconfigured, ...former];
}

/** 0 when nothing blocks, 1 otherwise. (2, unusable input, is the CLI's: it never gets a report.) */
export const exitCodeOf = (report: Report): 0 | 1 => (report.summary.blocking > 0 ? 1 : 0);

/** How a report is rendered: ANSI colours in the text format; the working directory inputs are placed from. */
export type RenderOptions = Pick<ReporterOptions, 'color' | 'cwd' | 'env'>;

const RENDERERS: Readonly<Record<Format, (report: Report, options: ReporterOptions) => string>> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  codequality: renderCodeQuality,
};

/**
 * The strings of a report that are the tool's own, never data: the rules that ran, the summary, and
 * of each finding its rule, category, severity and statuses. Everything else (addresses, inputs,
 * paths, construct paths, messages, waivers, coverage entries, and any field added later) is data.
 */
const FIXED_IN_REPORT: FixedPaths = ['version', 'tool', 'rules', 'summary', 'inputs.*.kind', 'waivers.*.kind', 'coverage.strict', ...['ruleId', 'category', 'severity', 'status', 'originalStatus', 'references'].map((field) => `findings.*.${field}`)];

/**
 * Render a report in one format, with every detected raw value masked. The report's data is masked
 * field by field before a reporter sees it, never the rendered text: a secret that is a common word
 * (a password `default`) was masked in the format's own keys and words too (`d***Configuration` in
 * SARIF, `"v***"` keys in JSON, `<test***>` elements in JUnit). A reporter derives what it derives
 * from masked data: an input's percent-encoded URI, fingerprints, escapes.
 *
 * This is the last line of defence: every string of the report is masked but those `FIXED_IN_REPORT`
 * names, so a field added to the report is masked until named the tool's own. No pass over the
 * rendered text follows it: a message or a coverage line mixes the tool's words with data in one
 * string, and no such pass can tell them apart (a password `resource` made the coverage line
 * `8/10 re***s evaluated`).
 */
export function render(checked: Checked, format: Format, options: RenderOptions = {}): string {
  const report = withMessagesMasked(checked);
  return RENDERERS[format](checked.redact.length > 0 ? redactStrings(report, redactor(checked.redact, checked.instanceKeys ?? []), FIXED_IN_REPORT) : report, options);
}

/** The report with its findings' messages and paths masked for `redactInMessages`. */
function withMessagesMasked(checked: Checked): Report {
  const inMessages = checked.redactInMessages ?? [];
  if (inMessages.length === 0) return checked.report;
  const mask = redactor(inMessages);
  return {
    ...checked.report,
    findings: checked.report.findings.map((finding) => ({ ...finding, message: mask(finding.message), ...(finding.path !== undefined ? { path: mask(finding.path) } : {}) })),
  };
}

/**
 * The coverage with the unchecked types the configuration accepts moved apart, each with the
 * reason of the first entry that names it: still listed, no longer blocking in strict mode. An
 * accepted type leaves `taggingUntoldTypes` too: the entry's reason is where to say it takes no tags.
 */
function acceptingUnchecked(coverage: Coverage, accepted: readonly AcceptedUnchecked[]): Coverage {
  if (accepted.length === 0) return coverage;
  const entries = accepted.map((a) => ({ matches: compileAddressGlob(a.type), reason: a.reason }));
  const uncheckedTypes: Coverage['uncheckedTypes'][number][] = [];
  const acceptedTypes: NonNullable<Coverage['acceptedTypes']>[number][] = [];
  for (const t of coverage.uncheckedTypes) {
    const entry = entries.find((e) => e.matches(t.type));
    if (entry === undefined) uncheckedTypes.push(t);
    else acceptedTypes.push({ type: t.type, count: t.count, reason: entry.reason });
  }
  const { taggingUntoldTypes: untold = [], ...rest } = coverage;
  const taggingUntoldTypes = untold.filter((t) => !entries.some((e) => e.matches(t.type)));
  return { ...rest, uncheckedTypes, ...(taggingUntoldTypes.length > 0 ? { taggingUntoldTypes } : {}), ...(acceptedTypes.length > 0 ? { acceptedTypes } : {}) };
}
