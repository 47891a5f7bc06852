/**
 * The configuration file: `twinguard.config.yaml` (or `.yml`, `.json`), found in the working
 * directory unless `--config` names one. Parsed with `yaml`, validated with a JSON schema (ajv),
 * and turned into what the rules read (`Settings`) plus what the CLI decides with (which rules
 * run, their severity, whether `unknown` blocks, waivers). Any problem is an `InputError` that
 * names the file and the field: the gate fails closed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as YamlModule from 'yaml';
import { InputError } from './errors';
import { invalidJsonMessage } from './model/json-error';
import { quotedInput } from './model/quoted';
import { safeText } from './rules/support/detect';
import { CATEGORIES, type Category, type RuleDefinition, SEVERITIES, type Severity } from './rules/types';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { compileAddressGlob, DEFAULT_WAIVER_MAX_DAYS, MADE_UP_PROVIDERS, madeUpTypes, MAX_WAIVER_MAX_DAYS, type Waiver } from './waivers';
import { ioProblem } from './model/io-problem';
import { decodeText, notText } from './model/decode-text';

/** Names looked up in the working directory when `--config` is not given. */
const DEFAULT_CONFIG_FILES = ['twinguard.config.yaml', 'twinguard.config.yml', 'twinguard.config.json'] as const;

export interface Config {
  /** The file the configuration came from, if any. */
  readonly source?: string;
  readonly settings: Settings;
  readonly rules: {
    /** Opt-in rules to turn on. */
    readonly enable: readonly string[];
    readonly disable: readonly string[];
    readonly severity: Readonly<Record<string, Severity>>;
    /** Rules no waiver may silence, on top of those the rules declare themselves. */
    readonly unwaivable: readonly string[];
  };
  /** Whether an `unknown` finding blocks: per rule, else per category, else `default`. */
  readonly unknownBlocks: {
    readonly default: boolean;
    readonly categories: Readonly<Partial<Record<Category, boolean>>>;
    readonly rules: Readonly<Record<string, boolean>>;
  };
  /** Findings below this severity are reported but do not block. Default: `low`, every finding blocks. */
  readonly failOn: Severity;
  /** Resource types no rule understands block (peer pitfall 7). */
  readonly strict: boolean;
  /**
   * Resource types (or `*` globs of them) accepted as unchecked, each with the reason: the coverage
   * lists them apart, and strict mode does not block on them.
   */
  readonly acceptUnchecked: readonly AcceptedUnchecked[];
  /** Base URL of the rule doc pages (`<docsUrl>/<id>.md`), used as SARIF `helpUri`. */
  readonly docsUrl?: string;
  readonly waivers: readonly Waiver[];
  /**
   * How many days after today a waiver may expire, at most (1 to MAX_WAIVER_MAX_DAYS). Default:
   * DEFAULT_WAIVER_MAX_DAYS. A waiver that runs longer is refused when the check runs.
   */
  readonly waiverMaxDays?: number;
}

export interface AcceptedUnchecked {
  /** A resource type, or a glob of them: `aws_route53_*`. */
  readonly type: string;
  readonly reason: string;
}

export const DEFAULT_CONFIG: Config = Object.freeze({
  settings: DEFAULT_SETTINGS,
  rules: Object.freeze({ enable: [], disable: [], severity: {}, unwaivable: [] }),
  unknownBlocks: Object.freeze({ default: true, categories: {}, rules: {} }),
  failOn: 'low' as const,
  strict: false,
  acceptUnchecked: Object.freeze([]),
  waivers: Object.freeze([]),
});

/** A resource type as Terraform spells it, `*` standing for any run of its characters. */
const RESOURCE_TYPE_GLOB = '^[a-z0-9_*]+$';

const ruleIdList = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } as const;

/** The JSON schema of the configuration file. */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    requiredTags: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 128 }, uniqueItems: true },
    allowedTagValues: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', maxLength: 256 }, minItems: 1, uniqueItems: true } },
    requireKmsForAllBuckets: { type: 'boolean' },
    requireTlsVersionPolicy: { enum: ['twinmaker-and-cloudtrail', 'all', 'none'] },
    requireTopicQueueTransportPolicy: { type: 'boolean' },
    fips: {
      oneOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: { required: { type: 'boolean' }, environments: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
        },
      ],
    },
    sensitivePatterns: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'pattern'],
        properties: { name: { type: 'string', minLength: 1 }, pattern: { type: 'string', minLength: 1 } },
      },
    },
    rules: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enable: ruleIdList,
        disable: ruleIdList,
        severity: { type: 'object', additionalProperties: { enum: [...SEVERITIES] } },
        unwaivable: ruleIdList,
      },
    },
    unknown: {
      type: 'object',
      additionalProperties: false,
      properties: {
        blocks: { type: 'boolean' },
        categories: { type: 'object', additionalProperties: false, properties: Object.fromEntries(CATEGORIES.map((c) => [c, { type: 'boolean' }])) },
        rules: { type: 'object', additionalProperties: { type: 'boolean' } },
      },
    },
    failOn: { enum: [...SEVERITIES] },
    strict: { type: 'boolean' },
    acceptUnchecked: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'reason'],
        properties: { type: { type: 'string', pattern: RESOURCE_TYPE_GLOB }, reason: { type: 'string', minLength: 10 } },
      },
    },
    docsUrl: { type: 'string', pattern: '^https?://' },
    waiverMaxDays: { type: 'integer', minimum: 1, maximum: MAX_WAIVER_MAX_DAYS },
    waivers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'address', 'reason', 'owner', 'expires'],
        properties: {
          rule: { type: 'string', minLength: 1 },
          address: { type: 'string', minLength: 1 },
          input: { type: 'string', minLength: 1 },
          reason: { type: 'string', minLength: 10 },
          owner: { type: 'string', minLength: 1 },
          expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      },
    },
  },
} as const;

/** What the file holds, once the schema accepted it. */
interface ConfigFile {
  requiredTags?: string[];
  allowedTagValues?: Record<string, string[]>;
  requireKmsForAllBuckets?: boolean;
  requireTlsVersionPolicy?: Settings['requireTlsVersionPolicy'];
  requireTopicQueueTransportPolicy?: boolean;
  fips?: boolean | { required?: boolean; environments?: string[] };
  sensitivePatterns?: { name: string; pattern: string }[];
  rules?: { enable?: string[]; disable?: string[]; severity?: Record<string, Severity>; unwaivable?: string[] };
  unknown?: { blocks?: boolean; categories?: Partial<Record<Category, boolean>>; rules?: Record<string, boolean> };
  failOn?: Severity;
  strict?: boolean;
  acceptUnchecked?: { type: string; reason: string }[];
  docsUrl?: string;
  waiverMaxDays?: number;
  waivers?: { rule: string; address: string; input?: string; reason: string; owner: string; expires: string }[];
}

/**
 * The schema validator, loaded and compiled on first use: compiling costs ~140 ms and loading ajv
 * ~65 ms (measured on this project's 2-core machines), which a run without a configuration file
 * should not pay. `require`, not `import()`, as in checks/model/hcl.ts.
 */
let compiled: ValidateFunction<ConfigFile> | undefined;
function validator(): ValidateFunction<ConfigFile> {
  if (!compiled) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: Ajv } = require('ajv') as typeof AjvModule;
    compiled = new Ajv({ allErrors: false, strict: true }).compile<ConfigFile>(CONFIG_SCHEMA);
  }
  return compiled;
}

/**
 * `/waivers/0/reason` -> `waivers[0].reason`. A key the file writes is the file's text: anything
 * sensitive in it is masked, as in every other message, and a character a terminal acts on (ESC, a
 * bidi override) is written as an escape, as reports write data (`quotedInput`).
 */
const fieldOf = (pointer: string, extra?: string): string => {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => quotedInput(p.replace(/~1/g, '/').replace(/~0/g, '~')));
  if (extra !== undefined) parts.push(quotedInput(extra));
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || '(top level)';
};

/** One line for the first schema error: the field and what was expected. */
function describeSchemaError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  // `expires: 20271231` is a number to YAML, and `expires:` null: "must be string" did not say what to write.
  if (error.instancePath.endsWith('/expires') && (error.keyword === 'pattern' || error.keyword === 'type')) return `${fieldOf(error.instancePath)}: must be a date written YYYY-MM-DD`;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${fieldOf(error.instancePath, String(p.additionalProperty))}: unknown field`;
    case 'required':
      return `${fieldOf(error.instancePath, String(p.missingProperty))}: required field is missing`;
    case 'enum':
      return `${fieldOf(error.instancePath)}: must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'minLength':
      return `${fieldOf(error.instancePath)}: must be at least ${String(p.limit)} characters long`;
    case 'pattern':
      if (p.pattern === RESOURCE_TYPE_GLOB) return `${fieldOf(error.instancePath)}: must be a resource type (lower-case letters, digits, _), * matching any part of one`;
      return `${fieldOf(error.instancePath)}: must match ${String(p.pattern)}`;
    case 'minimum':
    case 'maximum':
      if (error.instancePath === '/waiverMaxDays') return `waiverMaxDays: must be a number of days from 1 to ${MAX_WAIVER_MAX_DAYS} (default ${DEFAULT_WAIVER_MAX_DAYS}): a waiver is reviewed again within it`;
      return `${fieldOf(error.instancePath)}: ${error.message ?? 'is out of range'}`;
    case 'oneOf':
      return `${fieldOf(error.instancePath)}: must be true, false or { required, environments }`;
    case 'const':
      // Only `version`: Ajv's "must be equal to constant" did not say which.
      return `${fieldOf(error.instancePath)}: must be ${JSON.stringify(p.allowedValue)}${error.instancePath === '/version' ? ' (the number, unquoted: the only version of this file format)' : ''}`;
    default:
      return `${fieldOf(error.instancePath)}: ${error.message ?? 'is not valid'}`;
  }
}

const isCalendarDate = (text: string): boolean => {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

/** Edit distance, for "did you mean" hints. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** Up to three known ids close to `id`: by edit distance or because one contains the other. */
export function closeIds(id: string, known: readonly string[]): string[] {
  const scored = known
    .map((k) => ({ k, d: k.includes(id) || id.includes(k) ? 0 : editDistance(id, k) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(k.length / 3)))
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k));
  return scored.slice(0, 3).map(({ k }) => k);
}

const didYouMean = (id: string, known: readonly string[]): string => {
  const close = closeIds(id, known);
  return close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : '';
};

/**
 * Why a `sensitivePatterns` regular expression could take exponential time, or `undefined`: a group
 * repeated without a bound (`*`, `+`, `{1,}`) that holds a repeat or an alternative, as in `(a+)+b`,
 * `(a|a)*b`, `(\w+\s?)+$`, or repeated a bounded number of times while it holds a repeat without a
 * bound (`(a+){10}`). JavaScript's engine backtracks through every way of sharing a text among the
 * repeats: `(a+)+b` took minutes on a tag value of 34 characters, and a plan's values are written
 * by whoever opens a pull request. A bounded repeat of bounded parts (`(\d{1,3}\.){3}`, an IPv4
 * address; `(?:ab|cd){1,8}`) has few ways to share a text and is taken. Some unbounded groups are
 * harmless (`(?:ab|cd)+`); they are refused all the same, since the same match is written without
 * one (`[a-d]+`). A repeated group without a repeat inside (`(?:ab)+`) cannot share a text two ways.
 */
function backtrackingRisk(pattern: string): string | undefined {
  // Escapes and character classes are one character each: what they hold is not structure.
  const shape = pattern.replace(/\\[\s\S]|\[(?:\\[\s\S]|[^\]\\])*\]/g, 'x');
  // The groups open at this point, the whole pattern first: whether each holds a part of varying length
  // (`unbounded`: without a bound), an alternative.
  const groups: { varies: boolean; unbounded: boolean; alternative: boolean }[] = [{ varies: false, unbounded: false, alternative: false }];
  for (let i = 0; i < shape.length; i++) {
    const c = shape[i];
    if (c === '(') {
      groups.push({ varies: false, unbounded: false, alternative: false });
      i += /^\((?:\?(?:[:=!]|<[=!]|<[^>]*>))?/.exec(shape.slice(i))![0].length - 1;
      continue;
    }
    if (c === '|') groups[groups.length - 1].alternative = true;
    if (c !== ')' && c !== '*' && c !== '+' && c !== '?' && c !== '{') continue;
    const closed = c === ')' && groups.length > 1 ? groups.pop() : undefined;
    const q = /^(?:[*+?]|\{(\d+)(?:(,)(\d*))?\})/.exec(shape.slice(c === ')' ? i + 1 : i));
    const [, min, comma, max] = q ?? [];
    const endless = q !== null && (q[0] === '*' || q[0] === '+' || (comma !== undefined && max === ''));
    if (closed && q !== null) {
      const repeats = endless || (min !== undefined && (comma === undefined ? Number(min) > 1 : Number(max) > 1));
      if (endless && closed.varies) return 'a group repeated without a bound holds a part of varying length (as in (a+)+ or (a?b)*)';
      if (endless && closed.alternative) return 'a group repeated without a bound holds alternatives (as in (a|b)+)';
      if (repeats && closed.unbounded) return 'a repeated group holds a part repeated without a bound (as in (a+){10})';
    }
    const varies = q !== null && (min === undefined || (comma !== undefined && max !== min));
    const top = groups[groups.length - 1];
    top.varies ||= varies || closed?.varies === true;
    top.unbounded ||= endless || closed?.unbounded === true;
    top.alternative ||= closed?.alternative === true;
  }
  return undefined;
}

/**
 * A made-up resource type that `glob`, an `acceptUnchecked` type, matches, or `undefined`: made-up
 * names of 2 to 6 parts (`zz_zz`), and of the provider the glob starts with or of aws and awscc (`aws_zz`). A glob that
 * matches one accepts types nobody named, as many as there are (`*`, `*_*`, `**_*`, `aws_*`, `a*`):
 * that is strict mode turned off, for every provider or for one, not a type set aside.
 */
function acceptsAnyType(glob: string): { type: string; provider?: string } | undefined {
  const matches = compileAddressGlob(glob);
  const anyProvider = madeUpTypes().find(matches);
  if (anyProvider !== undefined) return { type: anyProvider };
  // The provider the glob starts with, and those a glob may name anywhere in it (`*aws_*`).
  const named = /^[a-z0-9]+/.exec(glob)?.[0];
  for (const provider of new Set([...(named === undefined ? [] : [named]), ...MADE_UP_PROVIDERS])) {
    const ofProvider = madeUpTypes(provider).find(matches);
    if (ofProvider !== undefined) return { type: ofProvider, provider };
  }
  return undefined;
}

/**
 * What every masked form holds (`j***@e***.com`, `AKIA***`, `https://***:***@host/...`). In a waiver's glob
 * each `*` matches any text, and no address glob needs three in a row (`**` already matches anything).
 */
const MASKED = '***';

/** What a configuration is checked against: each rule's id, and what decides whether its findings run and block. */
export type KnownRule = Pick<RuleDefinition, 'id' | 'category' | 'severity' | 'unwaivable' | 'optIn' | 'offWhen'>;

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/**
 * Why the configuration lets the findings of an unwaivable rule (one `rules.unwaivable` lists, or one
 * that says so of itself) pass without a waiver, or `undefined`. A reviewer reads "unwaivable" as
 * "always blocks": turning the rule off, lowering its severity below `failOn` (or raising `failOn`
 * above it), leaving an opt-in rule it lists off, or letting its `unknown` findings pass would silence
 * it as a waiver does, with nothing in the report to say so. An opt-in rule that says it is unwaivable
 * is off unless enabled, like any opt-in rule: it is judged once it runs.
 */
export function unwaivableLeak(config: Pick<Config, 'rules' | 'unknownBlocks' | 'failOn' | 'settings'>, registry: readonly KnownRule[]): string | undefined {
  for (const rule of registry) {
    const { id } = rule;
    const listed = config.rules.unwaivable.includes(id);
    if (!listed && rule.unwaivable !== true) continue;
    const why = listed ? 'rules.unwaivable' : 'the rule says so';
    const what = `"${id}" is unwaivable (${why})`;
    if (config.rules.disable.includes(id)) return `rules.disable: ${what}, and a rule turned off never blocks; keep it on`;
    if (rule.optIn && !config.rules.enable.includes(id)) {
      if (listed) return `rules.unwaivable: "${id}" is an opt-in rule that rules.enable does not turn on, so it would never run; enable it`;
      continue;
    }
    if (rule.offWhen?.off(config.settings)) return `${rule.offWhen.setting}: ${what}, and with ${rule.offWhen.setting} ${JSON.stringify(config.settings[rule.offWhen.setting])} (set here or by default) it judges nothing; set it so the rule runs`;
    const severity = config.rules.severity[id];
    if (severity !== undefined && rank(severity) > rank(config.failOn)) return `rules.severity: ${what}, and at ${severity}, below failOn (${config.failOn}), its findings would not block; keep it at ${config.failOn} or above`;
    if (rank(severity ?? rule.severity) > rank(config.failOn)) return `failOn: ${config.failOn} would leave the ${rule.severity} findings of "${id}" not blocking, and it is unwaivable (${why}); lower failOn, or raise its severity in rules.severity`;
    const { rules, categories, default: byDefault } = config.unknownBlocks;
    const unverifiable = 'its findings that cannot be verified would pass, where they must block as its failures do';
    if (rules[id] === false) return `unknown.rules: ${what}, and ${unverifiable}; remove it from unknown.rules`;
    if (rules[id] === undefined && categories[rule.category] === false) return `unknown.categories.${rule.category}: ${what}, and ${unverifiable}; add unknown.rules: { ${id}: true }`;
    if (rules[id] === undefined && categories[rule.category] === undefined && !byDefault) return `unknown.blocks: ${what}, and ${unverifiable}; add unknown.rules: { ${id}: true }`;
  }
  return undefined;
}

/**
 * A rule `rules.enable` names that a setting keeps from judging anything (`requireTopicQueueTransportPolicy:
 * false`, no `requiredTags`): enabling it says the user wants it judged, and it would pass everything in
 * silence. Refused, naming the setting that turns it on.
 */
export function enabledToNothing(config: Pick<Config, 'rules' | 'settings'>, registry: readonly KnownRule[]): string | undefined {
  for (const id of config.rules.enable) {
    const offWhen = registry.find((rule) => rule.id === id)?.offWhen;
    if (offWhen?.off(config.settings)) {
      return `rules.enable: "${id}" judges nothing with ${offWhen.setting} ${JSON.stringify(config.settings[offWhen.setting])} (set here or by default); set ${offWhen.setting} to turn it on`;
    }
  }
  return undefined;
}

/** Checks that go beyond the schema: rule ids that exist, regexes that compile, real dates, globs. */
function checkSemantics(file: ConfigFile, ruleIds: readonly string[] | undefined): string | undefined {
  const unknownRule = (field: string, id: string) => (ruleIds && !ruleIds.includes(id) ? `${field}: no rule has the id "${safeText(id)}"${didYouMean(id, ruleIds)}` : undefined);
  const ruleFields: [string, string[]][] = [
    ...(['enable', 'disable', 'unwaivable'] as const).map((k): [string, string[]] => [`rules.${k}`, file.rules?.[k] ?? []]),
    ['rules.severity', Object.keys(file.rules?.severity ?? {})],
    ['unknown.rules', Object.keys(file.unknown?.rules ?? {})],
  ];
  for (const [field, ids] of ruleFields) {
    for (const id of ids) {
      const problem = unknownRule(field, id);
      if (problem) return problem;
    }
  }
  const both = (file.rules?.enable ?? []).find((id) => file.rules?.disable?.includes(id));
  if (both) return `rules: "${both}" is both enabled and disabled`;

  for (const [i, p] of (file.sensitivePatterns ?? []).entries()) {
    let regex: RegExp;
    try {
      regex = new RegExp(p.pattern);
    } catch (error) {
      // The engine's message quotes the pattern (`Invalid regular expression: /…/: Unterminated group`), often
      // the very value it is to catch: only the reason is given, the rest masked as any other text of the file.
      const reason = (error as Error).message.split('\n')[0].replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      return `sensitivePatterns[${i}].pattern: not a valid regular expression (${safeText(reason)})`;
    }
    if (regex.test('')) return `sensitivePatterns[${i}].pattern: matches the empty string, so it would match every value`;
    const risk = backtrackingRisk(p.pattern);
    if (risk) return `sensitivePatterns[${i}].pattern ("${safeText(p.name)}"): ${risk}, so matching could take exponential time on a value that does not match; repeat a character class instead ([a-z0-9-]+)`;
  }
  for (const [i, w] of (file.waivers ?? []).entries()) {
    const problem = unknownRule(`waivers[${i}].rule`, w.rule);
    if (problem) return problem;
    if (!isCalendarDate(w.expires)) return `waivers[${i}].expires: ${w.expires} is not a date in the calendar`;
    if (w.reason.trim().length < 10) return `waivers[${i}].reason: must be at least 10 characters long`;
    for (const field of ['address', 'input'] as const) {
      if (w[field]?.includes(MASKED)) return `waivers[${i}].${field}: holds a masked form (***) as a report shows it, whose * match any text: it would waive every key that masks alike; write the instance key as the code writes it (no report shows it)`;
    }
    for (const field of ['address', 'input'] as const) {
      const glob = w[field];
      if (glob === undefined) continue;
      try {
        compileAddressGlob(glob);
      } catch (error) {
        return `waivers[${i}].${field}: not a valid ${field} glob (${(error as Error).message.split('\n')[0]})`;
      }
    }
  }
  for (const [i, a] of (file.acceptUnchecked ?? []).entries()) {
    if (a.reason.trim().length < 10) return `acceptUnchecked[${i}].reason: must be at least 10 characters long`;
    const madeUp = acceptsAnyType(a.type);
    if (madeUp !== undefined) {
      const which = madeUp.provider === undefined ? 'every resource type' : `every ${madeUp.provider} resource type`;
      return `acceptUnchecked[${i}].type: "${a.type}" would accept ${which} (it matches ${madeUp.type}), which turns strict mode off; name the types, or a family of them (aws_route53_*)`;
    }
  }
  return undefined;
}

function toConfig(file: ConfigFile, source: string): Config {
  const fips = file.fips === undefined ? DEFAULT_SETTINGS.fips : typeof file.fips === 'boolean' ? { required: file.fips, environments: [] } : { required: file.fips.required ?? false, environments: file.fips.environments ?? [] };
  return {
    source,
    settings: {
      requiredTags: file.requiredTags ?? DEFAULT_SETTINGS.requiredTags,
      allowedTagValues: file.allowedTagValues ?? DEFAULT_SETTINGS.allowedTagValues,
      requireKmsForAllBuckets: file.requireKmsForAllBuckets ?? DEFAULT_SETTINGS.requireKmsForAllBuckets,
      requireTlsVersionPolicy: file.requireTlsVersionPolicy ?? DEFAULT_SETTINGS.requireTlsVersionPolicy,
      requireTopicQueueTransportPolicy: file.requireTopicQueueTransportPolicy ?? DEFAULT_SETTINGS.requireTopicQueueTransportPolicy,
      fips,
      sensitivePatterns: file.sensitivePatterns ?? DEFAULT_SETTINGS.sensitivePatterns,
    },
    rules: {
      enable: file.rules?.enable ?? [],
      disable: file.rules?.disable ?? [],
      severity: file.rules?.severity ?? {},
      unwaivable: file.rules?.unwaivable ?? [],
    },
    unknownBlocks: { default: file.unknown?.blocks ?? true, categories: file.unknown?.categories ?? {}, rules: file.unknown?.rules ?? {} },
    failOn: file.failOn ?? DEFAULT_CONFIG.failOn,
    strict: file.strict ?? false,
    acceptUnchecked: file.acceptUnchecked ?? [],
    ...(file.docsUrl ? { docsUrl: file.docsUrl.replace(/\/+$/, '') } : {}),
    waivers: (file.waivers ?? []).map((w, index) => ({ ...w, index })),
    ...(file.waiverMaxDays !== undefined ? { waiverMaxDays: file.waiverMaxDays } : {}),
  };
}

/** The configuration files a run reads: the one `--config` names, else the default ones present in `cwd` (one at most, or it refuses). */
export const configFilesFor = (chosen: string | undefined, cwd: string): string[] => (chosen !== undefined ? [chosen] : DEFAULT_CONFIG_FILES.filter((name) => fs.existsSync(path.join(cwd, name))));

/** The `yaml` module, loaded on first use (~50 ms). `require`, not `import()`, as in checks/model/hcl.ts. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yamlModule = (): typeof YamlModule => require('yaml') as typeof YamlModule;

/**
 * `allowedTagValues` as written: a tag value is a string, and one of digits is often left unquoted
 * (`CostCenter: [1234]`), which YAML and JSON read as a number. A number or a boolean there is the
 * text it is written with, "1234", "true": its written text, not the number's (`0123` and `1.50` read
 * as 123 and 1.5, which no tag value `0123` equals). Other values (null, a list) are left to the schema.
 */
function tagValuesAsWritten(doc: YamlModule.Document): void {
  const YAML = yamlModule();
  const values = doc.get('allowedTagValues', true);
  if (!YAML.isMap(values)) return;
  for (const pair of values.items) {
    if (!YAML.isSeq(pair.value)) continue;
    for (const item of pair.value.items) {
      if (YAML.isScalar(item) && (typeof item.value === 'number' || typeof item.value === 'boolean') && typeof item.source === 'string') item.value = item.source;
    }
  }
}

/**
 * The field of the first key a JSON text's document (read as YAML: JSON is YAML's flow style, and
 * its nodes keep every pair) writes twice in one object (`rules`, `waivers[0].owner`), or
 * `undefined`. `JSON.parse` keeps the last silently: a second `"rules": {}` dropped the first's `unwaivable`.
 */
function repeatedKey(doc: YamlModule.Document): string | undefined {
  const YAML = yamlModule();
  const pointer = (at: string, key: string): string => `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const walk = (node: unknown, at: string): string | undefined => {
    if (YAML.isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
        if (seen.has(key)) return fieldOf(pointer(at, key));
        seen.add(key);
        const inner = walk(pair.value, pointer(at, key));
        if (inner !== undefined) return inner;
      }
    } else if (YAML.isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        const inner = walk(item, `${at}/${i}`);
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  };
  return walk(doc.contents, '');
}

/**
 * The first map key a YAML document writes that is no name, where it starts and what it is: a list
 * or map (`? [a, b]`), an alias, binary data (`!!binary`) or null (`~`), which a JavaScript object
 * can only hold as a made-up text. What it is, never its text (the file's, maybe a secret).
 */
function keyNotAName(doc: YamlModule.Document): { readonly at: number; readonly kind: string } | undefined {
  const YAML = yamlModule();
  let found: { at: number; kind: string } | undefined;
  YAML.visit(doc, {
    Pair(_key, { key }) {
      if (YAML.isScalar(key) && ['string', 'number', 'boolean'].includes(typeof key.value)) return undefined;
      const kind = YAML.isSeq(key) ? 'a list' : YAML.isMap(key) ? 'a map' : YAML.isAlias(key) ? 'an alias (*name)' : !YAML.isScalar(key) || key.value === null ? 'null' : 'binary data, not text';
      found = { at: YAML.isNode(key) && key.range ? key.range[0] : 0, kind };
      return YAML.visit.BREAK;
    },
  });
  return found;
}

/**
 * Parse a configuration text; `source` names it in errors and decides YAML or JSON by extension.
 * Given the rules, it refuses rule ids none has and an unwaivable rule the file would silence.
 */
export function parseConfig(text: string, source: string, registry?: readonly KnownRule[]): Config {
  let raw: unknown;
  if (source.toLowerCase().endsWith('.json')) {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new InputError(source, invalidJsonMessage(error, text));
    }
    const doc = yamlModule().parseDocument(text, { uniqueKeys: false });
    const repeated = repeatedKey(doc);
    if (repeated !== undefined) throw new InputError(source, `${repeated}: written twice; keep one (JSON.parse keeps the last, other JSON readers the first, and YAML refuses it)`);
    if (doc.errors.length === 0 && raw !== null && typeof raw === 'object' && 'allowedTagValues' in raw) {
      tagValuesAsWritten(doc);
      raw = { ...raw, allowedTagValues: (doc.toJS() as { allowedTagValues: unknown }).allowedTagValues };
    }
  } else {
    // logLevel 'error': yaml warned of a key that is a list or map on the process (two lines on
    // stderr, before twinguard's); such a key is refused below instead.
    const lineCounter = new (yamlModule().LineCounter)();
    const doc = yamlModule().parseDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: 'error', lineCounter });
    const [first] = doc.errors;
    if (first) throw new InputError(source, `not valid YAML: ${first.message.split('\n')[0].replace(/:$/, '')}`);
    const unnamed = keyNotAName(doc);
    if (unnamed !== undefined) throw new InputError(source, `the key at line ${lineCounter.linePos(unnamed.at).line} is ${unnamed.kind}: every key of this file is a name`);
    tagValuesAsWritten(doc);
    try {
      raw = doc.toJS();
    } catch (error) {
      // Resolving aliases: an alias without its anchor, or too many (a billion-laughs document).
      // The alias's name is not quoted: it is the file's text.
      if (!(error instanceof Error)) throw error;
      const why = error.message.startsWith('Unresolved alias') ? 'an alias (*name) names no anchor (&name) set before it' : error.message.split(/[\n:]/)[0].trim();
      throw new InputError(source, `not valid YAML: ${why}`);
    }
  }
  if (raw === null || raw === undefined) raw = {};
  const validate = validator();
  if (!validate(raw)) {
    const errors = validate.errors ?? [];
    throw new InputError(source, describeSchemaError(errors.find((e) => e.keyword === 'oneOf') ?? errors[0]));
  }
  const problem = checkSemantics(raw, registry?.map((r) => r.id));
  if (problem) throw new InputError(source, problem);
  const config = toConfig(raw, source);
  const leak = registry === undefined ? undefined : (unwaivableLeak(config, registry) ?? enabledToNothing(config, registry));
  if (leak) throw new InputError(source, leak);
  return config;
}

/**
 * Load the configuration: `file` when given (it must exist), else the first default name found
 * in `cwd`, else the defaults. Two default files at once is an error (which one would win?).
 */
export function loadConfig(file: string | undefined, cwd: string, registry?: readonly KnownRule[]): Config {
  let chosen = file;
  // `-c ''` (an unset variable in a script) would name the working directory.
  if (chosen === '') throw new InputError('--config', 'the file name is empty');
  if (chosen === undefined) {
    const present = configFilesFor(undefined, cwd);
    if (present.length > 1) throw new InputError(present.join(', '), 'several configuration files: keep one, or choose with --config');
    if (present.length === 0) return DEFAULT_CONFIG;
    chosen = present[0];
  }
  let text: string;
  try {
    // As every input is read: PowerShell's `>` and Out-File write UTF-16 with a BOM, which read as UTF-8 was "(top level): must be object" (decode-text.ts).
    text = decodeText(fs.readFileSync(path.resolve(cwd, chosen)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(chosen, code === 'ENOENT' ? 'configuration file not found' : code === 'EISDIR' ? 'is a directory, not a configuration file' : `cannot read the configuration file: ${ioProblem(error) ?? code ?? 'error'}`);
  }
  const binary = notText(text);
  if (binary !== undefined) throw new InputError(chosen, binary);
  return parseConfig(text, chosen, registry);
}
