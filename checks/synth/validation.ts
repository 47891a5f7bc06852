/**
 * The synth-time gate: a cdktf validation that runs twinguard's engine and rules (the same ones
 * as `twinguard check`, no second rule set) on a stack's synthesized configuration, so
 * `app.synth()`, `cdktf synth` and `cdktf deploy` fail before Terraform runs, with one message per
 * blocking finding: rule id, address, construct path and what is wrong.
 *
 * Settings and waivers come from the configuration file (`twinguard.config.yaml` / `.json` in the
 * working directory, or the one named in the options), exactly as for the CLI.
 *
 * A stack is checked together with the stacks of its app that cdktf's cross-stack references link
 * to it, as `twinguard check cdktf.out` links them, so an SSE configuration in one stack counts
 * for the bucket of another; each stack reports the findings on its own resources.
 *
 *   import { addTwinguardValidation } from 'twinguard/checks/synth/validation';
 *   addTwinguardValidation(stack);        // or addTwinguardValidation(app): every stack in it, now or later
 */
import { App, TerraformStack } from 'cdktf';
import type { IConstruct, IValidation } from 'constructs';
import { check, type Checked } from '../check';
import { type Config, loadConfig } from '../config';
import { InputError } from '../errors';
import { redactAll } from '../mask';
import { parseCdktfDocument } from '../model/cdktf';
import { entryOf } from '../model/entry-of';
import type { Graph, LoadedInput } from '../model/types';
import { buildGraph } from '../model/graph';
import { taggingUntold } from '../model/graph/tags';
import { type Coverage, type Finding, type StrictItem, strictItemsOf, type WaiverNotice } from '../report';
import { ALL_RULES } from '../rules/index';
import type { RuleDefinition } from '../rules/types';

/** Options of the synth-time gate and the jest matcher. */
export interface TwinguardOptions {
  /**
   * The configuration: a file path (relative to `cwd`), or an already loaded `Config`.
   * Default: `twinguard.config.yaml` / `.yml` / `.json` in `cwd` when present, else the defaults.
   */
  readonly config?: string | Config;
  /** Where the default configuration file is looked up. Default: the process's working directory. */
  readonly cwd?: string;
  /** Today, `YYYY-MM-DD` (UTC): decides which waivers have expired. Default: the clock. */
  readonly today?: string;
  /** The rule registry. Default: every rule twinguard ships. */
  readonly registry?: readonly RuleDefinition[];
}

/**
 * The input name a stack's findings carry: the file `cdktf synth` writes (`cdk.tf` for an app that
 * synthesizes HCL), so waiver `input` globs match the CLI's.
 */
export const stackInputName = (stackName: string, hcl = false): string => `cdktf.out/stacks/${stackName}/cdk.tf${hcl ? '' : '.json'}`;

/** The configuration the options name, loaded and validated against the registry: its rule ids, and the unwaivable rules it may not silence. */
export function configOf(options: TwinguardOptions): Config {
  if (options.config !== undefined && typeof options.config !== 'string') return options.config;
  const registry = options.registry ?? ALL_RULES;
  return loadConfig(options.config, options.cwd ?? process.cwd(), registry);
}

/** One synthesized Terraform JSON document and the names it is checked under. */
export interface SynthesizedStack {
  /** `stack.toTerraform()`, or `Testing.synth(stack)` parsed. */
  readonly doc: unknown;
  /** The input name its findings carry (see `stackInputName`). */
  readonly input: string;
  /** The stack's name (`stack.node.id`): its output directory. */
  readonly stack?: string;
  /** The stack's construct path (`stack.node.path`): what other stacks' cross-stack references call it. Default: its name. */
  readonly constructPath?: string;
}

const loadStacks = (stacks: readonly SynthesizedStack[]): LoadedInput[] =>
  // A variable the environment sets (`TF_VAR_x` for `cdktf deploy`) is unknown, as in `twinguard check`.
  stacks.map(({ doc, input, stack, constructPath }) => ({ ...parseCdktfDocument(doc, input, stack, process.env), ...(constructPath !== undefined ? { stackPath: constructPath } : {}) }));

/** `graph`: the graph of `inputs`, when built already. */
const checkLoaded = (inputs: readonly LoadedInput[], config: Config, options: TwinguardOptions, graph?: Graph): Checked =>
  check(inputs, config, {
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.registry !== undefined ? { registry: options.registry } : {}),
    ...(graph !== undefined ? { graph } : {}),
  });

/** Check synthesized stacks together: cross-stack references link the stacks of one app (inputs `…/stacks/<name>/cdk.tf.json`). */
export function checkSynthesizedStacks(stacks: readonly SynthesizedStack[], options: TwinguardOptions = {}): Checked {
  const config = configOf(options);
  return checkLoaded(loadStacks(stacks), config, options);
}

/** Check one synthesized Terraform JSON document (`stack.toTerraform()` or `Testing.synth` parsed). */
export function checkSynthesized(doc: unknown, input: string, options: TwinguardOptions = {}, stack?: string): Checked {
  return checkSynthesizedStacks([{ doc, input, ...(stack !== undefined ? { stack } : {}) }], options);
}

const describeFinding = (f: Finding): string => {
  const where = f.constructPath ? `${f.address} (${f.constructPath})` : f.address;
  const status = f.status === 'unknown' ? ' [cannot be verified from the configuration]' : '';
  return `twinguard ${f.ruleId} (${f.severity}): ${where}: ${f.message}${status}`;
};

const describeNotice = (n: WaiverNotice): string => `twinguard waiver for ${n.ruleId} on ${n.address}: ${n.message}`;

/** A strict-mode item as one line; a kind added to `StrictItem` fails to compile here until it has its line. */
function describeStrict(item: StrictItem): string {
  switch (item.kind) {
    case 'unchecked-type':
      return `twinguard strict: no rule understands ${item.type} (${item.count} resource(s))`;
    case 'tagging-untold':
      return `twinguard strict: required-tags could not tell whether ${item.type} takes tags (${item.count} resource(s), in none of its type lists and written untagged, or, for awscc, showing tags under another name): tag them, or name the type in acceptUnchecked`;
    case 'module-not-loaded':
      return `twinguard strict: ${item.module.module} is not loaded: ${item.module.reason}`;
    case 'incomplete-plan':
      return item.deferred === undefined
        ? `twinguard strict: ${item.input} is a partial plan (complete: false): what it leaves out was not judged`
        : `twinguard strict: ${item.input} deferred ${item.deferred.address} to a later plan (${item.deferred.reason}): it was not judged`;
  }
}

/** `{ type, count }` of the `types` that `resources` hold, counted over them alone, in the order of `types`. */
function countedIn(types: readonly { readonly type: string }[], resources: readonly { readonly type: string }[]): { type: string; count: number }[] {
  const counts = new Map<string, number>(types.map((t) => [t.type, 0]));
  for (const { type } of resources) if (counts.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
  return types.flatMap(({ type }) => ((counts.get(type) ?? 0) > 0 ? [{ type, count: counts.get(type) ?? 0 }] : []));
}

/**
 * The coverage of a check narrowed to the inputs `only` names: their unchecked types, the types
 * required-tags could not tell take tags that they write untagged (a resource of such a type may be
 * tagged in one stack and not in another: they are read again, resource by resource, in the graph
 * the engine read), and their modules not loaded and deferred changes. A field this does not narrow
 * is kept whole: a stack then reports more than its own, never less.
 */
function coverageIn(coverage: Coverage, only: AnswersFor): Coverage {
  const names = new Set(only.inputs.map((input) => input.input));
  const untold = coverage.taggingUntoldTypes ?? [];
  return {
    ...coverage,
    uncheckedTypes: countedIn(coverage.uncheckedTypes, only.inputs.flatMap((input) => input.resources).filter((r) => r.mode === 'managed')),
    taggingUntoldTypes: untold.length === 0 ? [] : countedIn(untold, only.graph.resources.filter((r) => names.has(r.input) && taggingUntold(r))),
    notLoadedModules: coverage.notLoadedModules.filter((m) => names.has(m.input)),
    incompletePlans: (coverage.incompletePlans ?? []).filter((plan) => names.has(plan.input)),
  };
}

/** The inputs of a check of several stacks that one of them answers for, and the graph of every input the check read. */
export interface AnswersFor {
  readonly inputs: readonly LoadedInput[];
  readonly graph: Graph;
}

/**
 * One line per blocking item of a check, secrets redacted: blocking findings, then blocking waiver
 * notices (an expired waiver), then in strict mode each item `check --strict` counts (`strictItemsOf`):
 * unchecked types, types required-tags could not tell take tags, modules not loaded, deferred changes.
 * Empty when the check passes. Given `only`, the inputs of a check of several stacks one of them
 * answers for: the findings, waiver notices and strict items of those inputs, not of the stacks read
 * beside them.
 */
export function blockingMessages(checked: Checked, only?: AnswersFor): string[] {
  const { report } = checked;
  const names = only === undefined ? undefined : new Set(only.inputs.map((input) => input.input));
  const ours = (input: string): boolean => names === undefined || names.has(input);
  const strict = report.coverage.strict ? strictItemsOf(only === undefined ? report.coverage : coverageIn(report.coverage, only)) : [];
  const lines = [
    ...report.findings.filter((f) => f.blocking && ours(f.input)).map(describeFinding),
    // A waiver that reaches no finding is about every stack: reported on each, fail closed.
    ...report.waivers.filter((n) => n.blocking && (n.inputs === undefined || n.inputs.some(ours))).map(describeNotice),
    ...strict.map(describeStrict),
  ];
  return lines.map((line) => redactAll(redactAll(line, checked.redactInMessages ?? []), checked.redact, checked.instanceKeys ?? []));
}

/** A problem that stops the check itself (a bad configuration file, a bug): one message, so synth fails closed. */
const unusable = (error: unknown): string[] => {
  const reason = error instanceof InputError ? error.message : `internal error (please report it): ${error instanceof Error ? error.message : String(error)}`;
  return [`twinguard could not check this stack: ${reason.replace(/\s*\r?\n\s*/g, ' ')}`];
};

/** Every stack of `stack`'s app, in the app's order. */
const appStacks = (stack: TerraformStack): TerraformStack[] => stack.node.root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));

/** A stack as the gate reads it: its synthesized document, under the name `cdktf synth` writes it to. */
const synthesizedOf = (stack: TerraformStack): SynthesizedStack => ({ doc: stack.toTerraform(), input: stackInputName(stack.node.id, App.of(stack).hclOutput), stack: stack.node.id, constructPath: stack.node.path });

/**
 * The stacks of `stack`'s app that cross-stack references link to it, directly or through others
 * (cdktf records each reference as a dependency of the reading stack on the producing one), in the
 * app's order: what one check of `stack` reads. A stack linked to none is checked alone.
 */
function linkedStacks(stack: TerraformStack, all: readonly TerraformStack[]): TerraformStack[] {
  const linked = new Set([stack]);
  for (const reached of linked) {
    for (const other of all) if (!linked.has(other) && (reached.dependencies.includes(other) || other.dependencies.includes(reached))) linked.add(other);
  }
  return all.filter((s) => linked.has(s));
}

/** A notice's waiver and kind: the message names the waiver by its position in the configuration. */
const noticeKey = (n: WaiverNotice): string => `${n.kind}|${n.ruleId}|${n.address}|${n.message}`;

/** Each waiver notice of a check of every stack of an app, by `noticeKey`, with the inputs it reaches. */
type Reach = ReadonlyMap<string, readonly string[] | undefined>;

/**
 * The app-wide reaches of one synth of an app, one for each set of options its validations use, and
 * the position (in `appStacks`) of the stack validated last. cdktf validates the stacks of a synth in
 * the app's order (those created after `addTwinguardValidation(app)` after every other): a stack
 * validated at or before that position starts the next synth, which reads the app again.
 */
interface SynthRound {
  last: number;
  readonly reaches: { readonly options: TwinguardOptions; readonly reach: Reach }[];
  /** The options of each twinguard validation that has run in this synth, by its stack: it reported what it found. */
  readonly ran: Map<TerraformStack, TwinguardOptions[]>;
}
const rounds = new WeakMap<IConstruct, SynthRound>();

/** Every stack of an app, in its order, and the round of its synth a validation runs in. */
interface AppSynth {
  readonly all: readonly TerraformStack[];
  readonly round: SynthRound;
}

/** The round of `stack`'s app that its validation runs in, now at its position among `all`, the app's stacks. */
function roundOf(stack: TerraformStack, all: readonly TerraformStack[]): SynthRound {
  const position = all.indexOf(stack);
  const root = stack.node.root;
  const round = rounds.get(root);
  if (round !== undefined && position > round.last) {
    round.last = position;
    return round;
  }
  const next: SynthRound = { last: position, reaches: [], ran: new Map() };
  rounds.set(root, next);
  return next;
}

/**
 * The inputs each waiver notice reaches in a check of every stack of the app, as `twinguard check
 * cdktf.out` reads them: computed once a synth for each set of options, by the first stack that
 * needs it, not once a stack. A stack synthesized later is read then as it stands before its
 * aspects; what they change, its own check reads (an expired waiver it places on itself, it reports).
 */
function appReach({ all, round }: AppSynth, config: Config, options: TwinguardOptions): Reach {
  const known = round.reaches.find((r) => sameOptions(r.options, options));
  if (known !== undefined) return known.reach;
  const reach = new Map(checkLoaded(loadStacks(all.map(synthesizedOf)), config, options).report.waivers.map((n) => [noticeKey(n), n.inputs]));
  round.reaches.push({ options, reach });
  return reach;
}

/** Whether two validations read the same configuration, on the same day, with the same rules. */
const sameOptions = (a: TwinguardOptions, b: TwinguardOptions): boolean =>
  a === b || (a.config === b.config && a.cwd === b.cwd && a.today === b.today && a.registry === b.registry);

/**
 * Why `stack` will not report a blocking notice about it that a validation with `options` finds in
 * `round`, or `undefined` when it will: it carries a twinguard validation with these options, known
 * to run (added by `addTwinguardValidation`, to it or, for a stack created after the call, to a scope
 * above it), or one that has run in this synth. A `TwinguardValidation` made by hand is known to be
 * carried only once it has run: cdktf does not say which validations a stack holds, and one made and
 * never added to a node never runs. Until then the stack is counted as not reporting, and the stack
 * validating now reports the notice as well (twice at worst, never by none).
 */
function notReportedBy(stack: TerraformStack, options: TwinguardOptions, round: SynthRound): string | undefined {
  const late = addedTo.has(stack) ? [] : stack.node.scopes.flatMap((scope) => watched.get(scope) ?? []);
  const carried = [...(addedTo.get(stack) ?? []), ...late, ...(round.ran.get(stack) ?? [])];
  if (carried.some((o) => sameOptions(o, options))) return undefined;
  if ([...(madeFor.get(stack) ?? [])].some((o) => sameOptions(o, options))) return 'whose twinguard validation has not run and was not added by addTwinguardValidation (one that is never added to the stack never runs)';
  return carried.length === 0 ? 'which carries no twinguard validation' : 'whose twinguard validation reads another configuration';
}

/**
 * `checked`, a check of the stacks linked to `stack`, with each blocking waiver notice (an expired
 * waiver) placed on the stacks that report it. One that reaches none of their findings (`inputs`
 * absent) is given the inputs it reaches in a check of every stack of the app (`appReach`): a
 * waiver on a resource of a stack linked to none of these is that stack's to report, not every
 * stack's (the first stack to fail stops synth, and would name a stack the waiver is not about).
 * One that reaches no finding in the app, or that the app's check does not report, keeps no inputs
 * and is reported by every stack. One whose stacks will none of them report it (`notReportedBy`: a
 * user gave the validation to some stacks only) is reported by every stack that checks it, naming
 * those stacks: else no stack would, and synth would pass on it.
 */
function placedInApp(checked: Checked, stack: TerraformStack, linked: readonly TerraformStack[], app: AppSynth, config: Config, options: TwinguardOptions): Checked {
  const { waivers } = checked.report;
  const { all } = app;
  const unplaced = (n: WaiverNotice): boolean => n.blocking && n.inputs === undefined;
  const reach = waivers.some(unplaced) && !all.every((s) => linked.includes(s)) ? appReach(app, config, options) : undefined;
  const byInput = new Map(all.map((s) => [stackInputName(s.node.id, App.of(s).hclOutput), s]));
  const placed = waivers.map((n): WaiverNotice => {
    const inputs = unplaced(n) ? reach?.get(noticeKey(n)) : n.inputs;
    if (!n.blocking || inputs === undefined) return n;
    const reached = inputs.flatMap((input) => byInput.get(input) ?? []);
    const unreported = reached.flatMap((s) => {
      const why = s === stack ? undefined : notReportedBy(s, options, app.round);
      return why === undefined ? [] : [`stack ${s.node.path}, ${why}`];
    });
    if (reached.length === 0 || unreported.length < reached.length) return { ...n, inputs };
    const { inputs: _reached, ...everyStacks } = n;
    return { ...everyStacks, message: `${n.message}; its findings are in ${unreported.join('; ')}` };
  });
  return { ...checked, report: { ...checked.report, waivers: placed } };
}

/**
 * The stacks whose twinguard validation ran and found nothing blocking. cdktf runs a stack's aspects
 * just before its validations, stack after stack, so a stack validated later may change (through its
 * aspects) what an earlier one's resources are linked to: a finding on a stack of this set is new, and
 * the stack validating now reports it, as nothing else would.
 */
const passedStacks = new WeakSet<TerraformStack>();

/** The options of each `TwinguardValidation` made for a stack, added to a node or not: what `notReportedBy` names. */
const madeFor = new WeakMap<TerraformStack, Set<TwinguardOptions>>();
/** The options of each validation `addTwinguardValidation` added to a stack: the stacks known to carry the gate (`notReportedBy`), which the check of stacks created later skips. */
const addedTo = new WeakMap<TerraformStack, TwinguardOptions[]>();

/**
 * A cdktf validation running twinguard on one stack when the app synthesizes, with the stacks linked
 * to it. Aspects have run by then on this stack and the stacks synthesized before it (cdktf invokes
 * them before validations, stack by stack): a linked stack synthesized after it is read before its
 * aspects run, and is checked again, with this one, when its own validation runs.
 */
export class TwinguardValidation implements IValidation {
  constructor(
    private readonly stack: TerraformStack,
    private readonly options: TwinguardOptions = {},
  ) {
    entryOf(madeFor, stack, () => new Set<TwinguardOptions>()).add(options);
  }

  validate(): string[] {
    try {
      const all = appStacks(this.stack);
      const app = { all, round: roundOf(this.stack, all) };
      entryOf(app.round.ran, this.stack, (): TwinguardOptions[] => []).push(this.options);
      const config = configOf(this.options);
      const stacks = linkedStacks(this.stack, all);
      const inputs = loadStacks(stacks.map(synthesizedOf));
      // One graph, which the check reads and the strict items are counted in.
      const graph = buildGraph(inputs);
      const answersFor = { inputs: inputs.filter((_, i) => stacks[i] === this.stack || passedStacks.has(stacks[i])), graph };
      const messages = blockingMessages(placedInApp(checkLoaded(inputs, config, this.options, graph), this.stack, stacks, app, config, this.options), answersFor);
      if (messages.length === 0) passedStacks.add(this.stack);
      return messages;
    } catch (error) {
      return unusable(error);
    }
  }
}

/** The scopes whose stacks created after `addTwinguardValidation` are checked by the app, with the options they are checked with. */
const watched = new WeakMap<IConstruct, TwinguardOptions>();

/**
 * Checks, when the app has synthesized every stack, the stacks under `scope` that were created after
 * `addTwinguardValidation(scope)` ran and so carry no validation of their own: without it, a call
 * made before the stacks exist would add nothing, and a broken stack would synthesize. cdktf runs an
 * app's validations after every stack's aspects and validations, and fails `app.synth()` before it
 * writes the manifest (the stack's own files are written by then).
 */
class LateStacksValidation implements IValidation {
  /** The validation of each late stack, made once: a synth runs it again. */
  private readonly validations = new WeakMap<TerraformStack, TwinguardValidation>();

  constructor(
    private readonly scope: IConstruct,
    private readonly options: TwinguardOptions,
  ) {}

  validate(): string[] {
    const late = this.scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c) && !addedTo.has(c));
    return late.flatMap((stack) => {
      const validation = entryOf(this.validations, stack, () => new TwinguardValidation(stack, this.options));
      return validation.validate().map((message) => `[${stack.node.path}] ${message}`);
    });
  }
}

/**
 * Add the synth-time gate to a stack, or to every stack under a scope (an `App`), those created
 * after the call included (see `LateStacksValidation`). Returns the validations added to the stacks
 * that exist at the call.
 */
export function addTwinguardValidation(scope: IConstruct, options: TwinguardOptions = {}): TwinguardValidation[] {
  const stacks = TerraformStack.isStack(scope) ? [scope] : scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  if (!TerraformStack.isStack(scope) && !watched.has(scope)) {
    watched.set(scope, options);
    // The app runs its own validations alone (a construct's outside a stack never run): added at the root.
    scope.node.root.node.addValidation(new LateStacksValidation(scope, options));
  }
  return stacks.map((stack) => {
    const validation = new TwinguardValidation(stack, options);
    stack.node.addValidation(validation);
    entryOf(addedTo, stack, (): TwinguardOptions[] => []).push(options);
    return validation;
  });
}
