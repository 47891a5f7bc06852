/**
 * What a rule is and what it returns (STYLE.md conventions 1, 2, 9). A rule is pure: it reads the
 * graph and the settings, never the file system, the clock or the environment.
 */
import type { CodeBlock, ConfigNode, Graph, LoadedInput, Resource } from '../model/types';
import type { ValueView } from '../model/value';
import type { Settings } from '../settings';

export const CATEGORIES = [
  'encryption-at-rest',
  'encryption-in-transit',
  'tagging',
  'sensitive-data',
  'logging',
  'access',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Reference {
  readonly title: string;
  readonly url: string;
}

/**
 * A rule's verdict on one resource. `fail` and `unknown` become findings. A message says what is
 * wrong and how to fix it; it never holds a secret in clear (use `checks/mask`), and `redact` lists
 * every raw value the rule detected so reporters can prove none of them is printed.
 */
export type Outcome =
  | { readonly status: 'pass' }
  | { readonly status: 'not-applicable' }
  | {
      readonly status: 'fail' | 'unknown';
      readonly message: string;
      /** Report on another resource than the one evaluated (a satellite's problem on its bucket). */
      readonly address?: string;
      /** Attribute path the finding is about (`tags.Owner`), for reports. */
      readonly path?: string;
      readonly redact?: readonly string[];
    };

export interface RuleContext {
  readonly graph: Graph;
  readonly settings: Settings;
}

/** What every rule says of itself. */
interface RuleInfo {
  /** Stable id, also the file name and doc page: `s3-bucket-sse-kms`. */
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  /** Why the rule exists (a sentence or two). */
  readonly rationale: string;
  /** How to fix a failure, in Terraform terms. */
  readonly remediation: string;
  readonly references: readonly Reference[];
  /** True when a waiver may never silence this rule (configurable per rule too). */
  readonly unwaivable?: boolean;
  /** Off unless the configuration turns it on. */
  readonly optIn?: boolean;
  /**
   * A setting with which the rule judges nothing (`requireTopicQueueTransportPolicy: false`): an
   * unwaivable rule must not be turned off so (config.ts `unwaivableLeak`).
   */
  readonly offWhen?: { readonly setting: keyof Settings; readonly off: (settings: Settings) => boolean };
}

/**
 * A block of the code that deploys nothing, as a rule that reads what code writes sees it: a data
 * source (its arguments, not what it reads), an `ephemeral` block or an action (`CodeBlock`).
 */
export interface BlockView {
  /** `data.http.releases`, `ephemeral.aws_lambda_invocation.token`, `action.aws_lambda_invoke.notify`. */
  readonly address: string;
  readonly kind: 'data' | CodeBlock['kind'];
  readonly type: string;
  /** The input it is in (`LoadedInput.input`). */
  readonly input: string;
  /** Its arguments as the code writes them; absent for a plan's action invocation, whose `values` are its arguments. */
  readonly config?: ConfigNode;
  /**
   * Values the input knows of it. A data source's are also what it reads (`secret_string`): only the
   * arguments `config` writes are the code's.
   */
  readonly values: ValueView;
  readonly constructPath?: string;
}

/** A rule judged on each resource it applies to. */
export interface ResourceRule extends RuleInfo {
  /** Resource types the rule evaluates, or `'*'` for every resource. */
  readonly appliesTo: readonly string[] | '*';
  evaluate(resource: Resource, context: RuleContext): Outcome | readonly Outcome[];
  /**
   * What the rule says of a data source, an `ephemeral` block or an action of a type it applies to: a rule of
   * what the code writes (a credential in clear) holds whatever block writes it. Without it, the rule
   * judges managed resources only.
   */
  evaluateBlock?(block: BlockView, context: RuleContext): Outcome | readonly Outcome[];
  /**
   * What the rule says of an input as a whole, beside its resources: what its verdict on them extends to that
   * no resource carries (provider-fips-endpoints: the state backend the root module keeps its state in), judged
   * once on each input, resources or not. Each finding names its `address` (`terraform.backend.s3`).
   */
  evaluateInput?(input: LoadedInput, context: RuleContext): Outcome | readonly Outcome[];
}

/**
 * A rule judged once on each input as a whole, whatever resources it has: what a provider block or
 * a variable writes is in the code and in the plan even when the input manages no resource itself
 * (a root module that only calls registry modules). Each finding names its `address`
 * (`provider.aws`, `var.token`); without one it is reported on the input.
 */
export interface InputRule extends RuleInfo {
  readonly appliesTo: 'input';
  evaluate(input: LoadedInput, context: RuleContext): Outcome | readonly Outcome[];
}

export type RuleDefinition = ResourceRule | InputRule;

export const defineRule = (rule: ResourceRule): ResourceRule => rule;
export const defineInputRule = (rule: InputRule): InputRule => rule;

/** Whether a verdict is a finding (`fail` or `unknown`: both block by default), not a pass or not-applicable. */
export const isFinding = <T extends { readonly status: string }>(verdict: T): verdict is T & { readonly status: 'fail' | 'unknown' } =>
  verdict.status === 'fail' || verdict.status === 'unknown';

// One object each, frozen: most judgements are a pass or not applicable (one object per rule and resource), and none is changed.
const PASS: Outcome = Object.freeze({ status: 'pass' });
const NOT_APPLICABLE: Outcome = Object.freeze({ status: 'not-applicable' });
export const pass = (): Outcome => PASS;
export const notApplicable = (): Outcome => NOT_APPLICABLE;
export const fail = (message: string, extra: Partial<Omit<Outcome & { status: 'fail' }, 'status' | 'message'>> = {}): Outcome => ({
  status: 'fail',
  message,
  ...extra,
});
export const unknown = (message: string, extra: Partial<Omit<Outcome & { status: 'unknown' }, 'status' | 'message'>> = {}): Outcome => ({
  status: 'unknown',
  message,
  ...extra,
});
