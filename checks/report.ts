/**
 * The report: what the engine found, after waivers. Reporters (checks/reporters/*) are pure
 * functions of it; the CLI's exit code comes from it (STYLE.md convention 8).
 */
import type { SourcePosition } from './model/positions';
import type { Category, Reference, Severity } from './rules/types';

export type FindingStatus = 'fail' | 'unknown' | 'waived';

export interface AppliedWaiver {
  readonly reason: string;
  readonly owner: string;
  readonly expires: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly status: FindingStatus;
  /** What the rule said before a waiver applied. */
  readonly originalStatus: 'fail' | 'unknown';
  /** Whether this finding blocks the apply. */
  readonly blocking: boolean;
  /** Full instance address. */
  readonly address: string;
  readonly constructPath?: string;
  readonly input: string;
  /**
   * Where what the finding is on is written, in a configuration input: the file (under the input as
   * the user named it) and the line of the block's header. Absent where it is not known with
   * certainty (a plan; a block the scan could not place): reports then place the finding on the input.
   */
  readonly position?: SourcePosition;
  /** Attribute path the finding is about, when the rule names one. */
  readonly path?: string;
  /** Already masked: never a secret in clear. */
  readonly message: string;
  readonly references: readonly Reference[];
  readonly waiver?: AppliedWaiver;
}

/**
 * A waiver that needs a person's attention: expired (blocking), matching nothing (stale), naming a
 * rule that cannot be waived (unwaivable: ignored, the finding stays blocking), or whose address
 * glob reaches every resource (everywhere: it applies, and is named so a reviewer sees it).
 */
export interface WaiverNotice {
  readonly kind: 'expired' | 'stale' | 'unwaivable' | 'everywhere';
  readonly ruleId: string;
  readonly address: string;
  readonly owner: string;
  readonly expires: string;
  readonly blocking: boolean;
  readonly message: string;
  /**
   * The inputs of the findings the waiver reaches (its rule, address glob and input glob, expired or
   * not), sorted; absent when it reaches none, and then about every input. The synth-time gate reports
   * a notice on the stacks it is about. Not in the JSON and SARIF reports.
   */
  readonly inputs?: readonly string[];
}

export interface InputSummary {
  readonly input: string;
  readonly kind: 'plan' | 'cdktf' | 'hcl';
  readonly stack?: string;
  readonly resources: number;
}

export interface NotLoadedModule {
  readonly input: string;
  /** The call's address: `module.bucket`, `module.app.module.bucket`. */
  readonly module: string;
  readonly source?: string;
  /** Why the loader did not read it. */
  readonly reason: string;
}

export interface Coverage {
  /** Resources that at least one rule evaluated. */
  readonly evaluatedResources: number;
  readonly totalResources: number;
  /** Managed resource types that no rule understood, with counts, sorted by type. */
  readonly uncheckedTypes: readonly { readonly type: string; readonly count: number }[];
  /**
   * Types no rule understood that the configuration accepts as unchecked (`acceptUnchecked`), with
   * its reason: not in `uncheckedTypes`, and not blocking in strict mode. Absent when there are none.
   */
  readonly acceptedTypes?: readonly { readonly type: string; readonly count: number; readonly reason: string }[];
  /**
   * Types required-tags could not tell take tags (`taggingUntold`): in no list of the tag model and
   * written untagged in a .tf or cdktf input (an aws type newer than the AWS provider bindings it was
   * made from, an awscc type), or an awscc type a plan shows with an attribute `…_tags` and no `tags`,
   * with counts, sorted by type: not judged. A type the configuration accepts as unchecked is not listed.
   * Absent when there are none.
   */
  readonly taggingUntoldTypes?: readonly { readonly type: string; readonly count: number }[];
  /**
   * Module calls a configuration loader (.tf, cdktf) did not read (a registry or git source, a
   * source that is not a literal): their resources are in no count above and no rule saw them.
   * A plan holds every module's resources and never has any. Sorted by input and module.
   */
  readonly notLoadedModules: readonly NotLoadedModule[];
  /**
   * Plans that say they are incomplete (`complete: false`), with the changes each deferred to a later
   * plan (address, masked where it holds a secret or personal datum, and Terraform's reason): no rule
   * judged them. Sorted by input. Absent when there are none.
   */
  readonly incompletePlans?: readonly IncompletePlan[];
  /**
   * Strict mode: every unchecked type (not accepted), every type required-tags could not tell takes tags (not accepted), every module not loaded and every deferred
   * change (an incomplete plan that lists none: one) counts as one blocking item in `summary.blocking`.
   */
  readonly strict?: boolean;
}

export interface IncompletePlan {
  readonly input: string;
  readonly deferred: readonly { readonly address: string; readonly reason: string }[];
}

/**
 * One item of `coverage` that blocks in strict mode (see `Coverage.strict`): what `strictItems`
 * counts and the synth-time gate lists, from this one list, so the two cannot differ.
 */
export type StrictItem =
  | { readonly kind: 'unchecked-type'; readonly type: string; readonly count: number }
  | { readonly kind: 'tagging-untold'; readonly type: string; readonly count: number }
  | { readonly kind: 'module-not-loaded'; readonly module: NotLoadedModule }
  /** A deferred change, or a plan that is incomplete and lists none (a -target plan): `deferred` absent. */
  | { readonly kind: 'incomplete-plan'; readonly input: string; readonly deferred?: { readonly address: string; readonly reason: string } };

/** The items of `coverage` that block in strict mode, in the order of its fields. */
export const strictItemsOf = (coverage: Coverage): StrictItem[] => [
  ...coverage.uncheckedTypes.map((t): StrictItem => ({ kind: 'unchecked-type', type: t.type, count: t.count })),
  ...(coverage.taggingUntoldTypes ?? []).map((t): StrictItem => ({ kind: 'tagging-untold', type: t.type, count: t.count })),
  ...coverage.notLoadedModules.map((module): StrictItem => ({ kind: 'module-not-loaded', module })),
  ...(coverage.incompletePlans ?? []).flatMap(({ input, deferred }): StrictItem[] =>
    deferred.length === 0 ? [{ kind: 'incomplete-plan', input }] : deferred.map((d): StrictItem => ({ kind: 'incomplete-plan', input, deferred: d })),
  ),
];

/** How many items of `coverage` block in strict mode (see `Coverage.strict`). */
export const strictItems = (coverage: Coverage): number => strictItemsOf(coverage).length;

/**
 * A rule the configuration turns off, which no report would otherwise name (the rule count only
 * drops, or not even that): listed in `rules.disable`, or given a setting with which it judges
 * nothing where its default has it judge (`requiredTags: []`). Opt-in rules left off, and rules
 * off by default, are not listed: the configuration did not turn them off.
 */
export interface RuleOff {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  /** What turns it off, as the file writes it: `rules.disable`, `requiredTags: []`. */
  readonly setting: string;
  /** The configuration file, when the configuration came from one. */
  readonly source?: string;
}

export interface Report {
  readonly version: 1;
  readonly tool: { readonly name: 'twinguard'; readonly version: string };
  readonly inputs: readonly InputSummary[];
  /** Sorted: input, address, rule id, path. */
  readonly findings: readonly Finding[];
  readonly waivers: readonly WaiverNotice[];
  readonly summary: {
    readonly blocking: number;
    readonly byStatus: Readonly<Record<FindingStatus, number>>;
    readonly byCategory: Readonly<Record<string, Readonly<Record<FindingStatus, number>>>>;
  };
  readonly coverage: Coverage;
  /**
   * Rules that ran and judge with the configuration's settings (`judgesWith`: with none, those `twinguard rules`
   * counts on by default), for the text header's count, SARIF `tool.driver.rules` and JUnit's passing rules.
   */
  readonly rules: readonly {
    readonly id: string;
    readonly title: string;
    readonly category: Category;
    readonly severity: Severity;
    readonly remediation: string;
    readonly references: readonly Reference[];
    /** Absolute URL of the rule's doc page (`docs/rules/<id>.md`), when the project's URL is known. */
    readonly helpUri?: string;
  }[];
  /** Rules the configuration turns off, sorted by id; not in `rules`. Absent when there are none. */
  readonly rulesOff?: readonly RuleOff[];
}

/** What the engine hands over before waivers and blocking policy apply. */
export interface RawFinding {
  readonly ruleId: string;
  readonly status: 'fail' | 'unknown';
  readonly address: string;
  readonly constructPath?: string;
  readonly input: string;
  /** Where it is written (`Finding.position`). */
  readonly position?: SourcePosition;
  readonly path?: string;
  /** Already masked. */
  readonly message: string;
  /** Raw values the rule detected (secrets, personal data): no output may contain them. */
  readonly redact: readonly string[];
}

export interface EngineResult {
  readonly findings: readonly RawFinding[];
  readonly coverage: Coverage;
}
