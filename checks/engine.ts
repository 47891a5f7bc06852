/**
 * Runs the rules over a graph and hands over raw findings and coverage (waivers and the blocking
 * policy apply afterwards, in the CLI).
 *
 * - Rules run on managed resources only: a data source reads something that exists, it deploys
 *   nothing (and `data.aws_s3_bucket` must not be judged as a bucket this plan creates). A rule of
 *   what the code writes (`evaluateBlock`) also reads the arguments of data sources, `ephemeral`
 *   blocks and actions: a credential written there is in the code all the same. They count in no coverage.
 * - A rule runs on the resources of the types it lists (`appliesTo`), or on every managed resource
 *   for `'*'`. Rules are indexed by type once, so a run is linear in resources × rules. An input
 *   rule (`'input'`: provider blocks, variables) runs once on each input, resources or not, and so
 *   does a resource rule's `evaluateInput` (what its verdict extends to that no resource carries).
 * - A rule that throws becomes an `unknown` finding, `rule <id> failed on <address or input>: <error>`:
 *   never swallowed, never a pass (STYLE.md, after cdk-nag).
 * - `optIn` rules run only when `options.enabled` says so; `options.enabled`, when given, decides
 *   for every rule.
 * - Findings are de-duplicated (same input, rule, address, path and message: a provider block's
 *   problem found through each of its resources is reported once) and sorted by input, address,
 *   rule id, path and message.
 *
 * Coverage answers "what did no rule check?" (peer pitfall 7). A managed resource type is
 * *checked* when a type-specific rule lists it in `appliesTo`, or when a rule consulted resources
 * of that type through the graph while running (`attached`, `ofType`, `resolve` with types): the
 * satellites of a bucket (its SSE configuration, its policy) are checked through the bucket.
 * Rules that apply to `'*'` (tagging, sensitive data) judge every resource but understand none
 * of them, so they do not make a type checked. `uncheckedTypes` lists the other managed types with
 * their counts; `evaluatedResources` counts managed resources of checked types, so
 * `evaluatedResources + Σ uncheckedTypes.count === totalResources`. Data sources count nowhere. A
 * plan that says it is incomplete is listed with the changes it deferred (`incompletePlans`): no rule
 * judged those. An aws type in no list of the tag model, written untagged in a configuration, may or
 * may not take tags (`taggingUntold`, graph/tags.ts): required-tags did not judge it, and
 * `taggingUntoldTypes` lists it with its count, whether a rule of its type understood it or not.
 */
import { InputError } from './errors';
import { redactAll } from './mask';
import { ALL_RULES } from './rules';
import { detect, masked, secretsOf } from './rules/support/detect';
import { resetGrammarBudget } from './rules/support/grammar';
import { REQUIRED_TAGS_ID } from './rules/support/rule-ids';
import { type BlockView, type InputRule, isFinding, type Outcome, type ResourceRule, type RuleContext, type RuleDefinition } from './rules/types';
import type { Coverage, EngineResult, IncompletePlan, NotLoadedModule, RawFinding } from './report';
import type { Graph, LoadedInput, Resource } from './model/types';
import { callPath } from './model/graph/addresses';
import { blockAddress } from './model/graph/resource';
import { taggingUntold } from './model/graph/tags';
import { ValueView } from './model/value';
import { positionOf } from './model/positions';
import type { Settings } from './settings';

export interface EngineOptions {
  /** Whether a rule runs. Default: every rule that is not `optIn`. */
  readonly enabled?: (rule: RuleDefinition) => boolean;
  /** When given, the milliseconds each rule took are added to it, by rule id (`--timings`). */
  readonly timings?: Map<string, number>;
}

const byDefault = (rule: RuleDefinition): boolean => !rule.optIn;

/**
 * A graph that records the resource types rules look up through it. Written out rather than a
 * `Proxy`, which trapped every property read and made a closure per call, to record three methods.
 */
class RecordingGraph implements Graph {
  constructor(
    private readonly graph: Graph,
    private readonly consulted: Set<string>,
  ) {}

  get inputs(): Graph['inputs'] {
    return this.graph.inputs;
  }

  get resources(): Graph['resources'] {
    return this.graph.resources;
  }

  get providers(): Graph['providers'] {
    return this.graph.providers;
  }

  byAddress(input: string, address: string): ReturnType<Graph['byAddress']> {
    return this.graph.byAddress(input, address);
  }

  ofType(type: string): ReturnType<Graph['ofType']> {
    this.consulted.add(type);
    return this.graph.ofType(type);
  }

  providerOf(resource: Resource): ReturnType<Graph['providerOf']> {
    return this.graph.providerOf(resource);
  }

  resolve(from: Resource, path: Parameters<Graph['resolve']>[1], types?: readonly string[]): ReturnType<Graph['resolve']> {
    types?.forEach((type) => this.consulted.add(type));
    return this.graph.resolve(from, path, types);
  }

  attached(subject: Resource, type: string, via?: string): ReturnType<Graph['attached']> {
    this.consulted.add(type);
    return this.graph.attached(subject, type, via);
  }

  effectiveTags(resource: Resource): ReturnType<Graph['effectiveTags']> {
    return this.graph.effectiveTags(resource);
  }

  policy(resource: Resource, path: Parameters<Graph['policy']>[1]): ReturnType<Graph['policy']> {
    return this.graph.policy(resource, path);
  }

  codePolicy(resource: Resource, path: Parameters<Graph['codePolicy']>[1]): ReturnType<Graph['codePolicy']> {
    return this.graph.codePolicy(resource, path);
  }

  codeString(resource: Resource, path: Parameters<Graph['codeString']>[1]): ReturnType<Graph['codeString']> {
    return this.graph.codeString(resource, path);
  }

  codeNull(resource: Resource, path: Parameters<Graph['codeNull']>[1]): ReturnType<Graph['codeNull']> {
    return this.graph.codeNull(resource, path);
  }

  outputValue(input: Parameters<Graph['outputValue']>[0], name: string): ReturnType<Graph['outputValue']> {
    return this.graph.outputValue(input, name);
  }

  recall<T>(resource: Resource, key: string, answer: () => T): T {
    return this.graph.recall(resource, key, answer);
  }
}

/** One line of an error, whatever was thrown. */
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();

/** Strings Terraform marks sensitive in a resource: no report may print them, whichever rule echoes one. */
function sensitiveStrings(view: ValueView): string[] {
  if (!view.isSensitive || view.isUnknown) return [];
  if (typeof view.raw === 'string') return [view.raw];
  if (view.raw === null || typeof view.raw !== 'object') return [];
  const keys = Array.isArray(view.raw) ? view.raw.map((_, i) => i) : Object.keys(view.raw);
  return keys.flatMap((key) => sensitiveStrings(view.get(key)));
}

/** One rule on what it judges: a resource, a block that deploys nothing, or an input as a whole (an input rule, or a resource rule's `evaluateInput`). */
type Judgement =
  | { readonly rule: ResourceRule; readonly resource: Resource }
  | { readonly rule: ResourceRule; readonly block: BlockView }
  | { readonly rule: RuleDefinition; readonly input: LoadedInput };

/** The input name and the address a judgement's findings go on unless they name another. */
const whereOf = (judgement: Judgement): { readonly input: string; readonly address: string } =>
  'resource' in judgement ? judgement.resource : 'block' in judgement ? judgement.block : { input: judgement.input.input, address: judgement.input.input };

function judged(judgement: Judgement, context: RuleContext): Outcome | readonly Outcome[] {
  if ('resource' in judgement) return judgement.rule.evaluate(judgement.resource, context);
  if ('block' in judgement) return judgement.rule.evaluateBlock?.(judgement.block, context) ?? [];
  const { rule, input } = judgement;
  return rule.appliesTo === 'input' ? rule.evaluate(input, context) : rule.evaluateInput?.(input, context) ?? [];
}

/**
 * The data sources (whose configuration the input has), `ephemeral` blocks and actions of the graph's inputs:
 * they deploy nothing, and only a rule with `evaluateBlock` reads them.
 */
function blocksOf(graph: Graph): BlockView[] {
  const out: BlockView[] = [];
  for (const resource of graph.resources) {
    if (resource.mode !== 'data' || resource.data.config === undefined) continue;
    const { address, type, input, constructPath } = resource;
    out.push({ address, kind: 'data', type, input, config: resource.data.config, values: resource.values, ...(constructPath ? { constructPath } : {}) });
  }
  for (const input of graph.inputs) {
    for (const { values, ...block } of input.codeBlocks ?? []) out.push({ ...block, input: input.input, values: new ValueView(values?.after, values?.afterUnknown, values?.afterSensitive) });
  }
  return out;
}

function evaluate(judgement: Judgement, context: RuleContext): Outcome | readonly Outcome[] {
  try {
    return judged(judgement, context);
  } catch (error) {
    return failure(error, judgement.rule, whereOf(judgement).address);
  }
}

/** A rule that threw on what it judged at `address`: an `unknown` outcome. */
function failure(error: unknown, rule: RuleDefinition, address: string): Outcome {
  // The input itself failed (a large plan file changed while it was read): no rule can decide.
  if (error instanceof InputError) throw error;
  // An error message can quote the data it choked on (`"AKIA…" is not valid JSON`): mask it too.
  const text = errorText(error);
  const found = detect(text, { scope: 'all' });
  return { status: 'unknown', message: `rule ${rule.id} failed on ${address}: ${masked(text, found)}`, redact: secretsOf(found) };
}

/** A resource's configuration address, by which its input's `positions` know its block: `module.app.aws_s3_bucket.logs`. */
const configAddress = (resource: Resource): string => `${resource.moduleConfigPath ? `${resource.moduleConfigPath}.` : ''}${blockAddress(resource)}`;

/**
 * Why an unknown finding at `path` of `resource` is unknown, where an `import` block's resource keeps that attribute
 * from AWS (`ResourceData.keptFromAws`): the rule's own words ("known only after apply", and a fix such as "write it as a
 * literal") would mislead, the value being in AWS and the code writing one that Terraform does not send.
 */
function keptFromAws(resource: Resource | undefined, path: string | undefined): string | undefined {
  const kept = resource?.data.keptFromAws;
  const attribute = path === undefined ? undefined : /^[A-Za-z_][A-Za-z0-9_-]*/.exec(path)?.[0];
  if (kept === undefined || attribute === undefined || (kept !== 'all' && !kept.includes(attribute))) return undefined;
  const all = kept === 'all';
  return (
    `\`${attribute}\` is what AWS holds, not what the code writes: an \`import\` block brings this resource in and its ` +
    `\`lifecycle { ignore_changes${all ? ' = all' : ''} }\` ${all ? 'keeps every attribute' : `lists \`${attribute}\``}, so Terraform keeps the value ` +
    'the object has in AWS, and the gate cannot vouch for it. Check the plan, which holds that value (`terraform plan -out`, then ' +
    '`terraform show -json`), see the object as code (`terraform plan -generate-config-out=generated.tf` writes it for an import ' +
    `block whose resource has no block yet), or ${all ? 'list in ignore_changes only what may change outside Terraform' : `take \`${attribute}\` out of ignore_changes`}.`
  );
}

function toFinding(judgement: Judgement, outcome: Outcome, graph: Graph, inputs: ReadonlyMap<string, LoadedInput>): RawFinding | undefined {
  if (!isFinding(outcome)) return undefined;
  const where = whereOf(judgement);
  const address = outcome.address ?? where.address;
  const reported = 'resource' in judgement && address === where.address ? judgement.resource : graph.byAddress(where.input, address);
  const redact = [...new Set([...(outcome.redact ?? []), ...(reported ? sensitiveStrings(reported.values) : [])])];
  const constructPath = reported?.constructPath ?? ('block' in judgement && address === where.address ? judgement.block.constructPath : undefined);
  const loaded = inputs.get(where.input);
  const position = positionOf(loaded?.positions, loaded?.variableFiles, reported ? configAddress(reported) : address, outcome.path);
  return {
    ruleId: judgement.rule.id,
    status: outcome.status,
    address,
    ...(constructPath ? { constructPath } : {}),
    input: where.input,
    ...(position ? { position } : {}),
    ...(outcome.path ? { path: outcome.path } : {}),
    message: redactAll((outcome.status === 'unknown' ? keptFromAws(reported, outcome.path) : undefined) ?? outcome.message, redact),
    redact,
  };
}

const compare = (a: string | undefined, b: string | undefined): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** Deterministic order: input, address, rule id, path, message. */
const compareFindings = (a: RawFinding, b: RawFinding): number =>
  compare(a.input, b.input) || compare(a.address, b.address) || compare(a.ruleId, b.ruleId) || compare(a.path, b.path) || compare(a.message, b.message) || compare(a.status, b.status);

/** Identical findings merged (their `redact` lists joined). */
function dedupe(findings: readonly RawFinding[]): RawFinding[] {
  const byKey = new Map<string, RawFinding>();
  for (const finding of findings) {
    const key = JSON.stringify([finding.input, finding.ruleId, finding.status, finding.address, finding.path ?? '', finding.message]);
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, redact: [...new Set([...seen.redact, ...finding.redact])] } : finding);
  }
  return [...byKey.values()];
}

/** The module calls of `inputs` a configuration loader did not read, by input and address. */
function notLoadedModules(inputs: readonly LoadedInput[]): NotLoadedModule[] {
  return inputs
    .flatMap((input) =>
      input.moduleCalls
        .filter((call) => call.notLoaded !== undefined)
        .map((call) => ({
          input: input.input,
          module: callPath(call.parent, call.name),
          // A source may carry a token (`git::https://oauth2:ghp_…@github.com/…`, `?token=…`): shown as the loader made it
          // show, as every message that names the call shows it; the reason names the source so too.
          ...(call.shownSource !== undefined ? { source: call.shownSource } : {}),
          reason: call.notLoaded as string,
        })),
    )
    .sort((a, b) => compare(a.input, b.input) || compare(a.module, b.module));
}

/**
 * The plans of `inputs` that say they are incomplete, with what they deferred. An instance key may
 * hold a secret: the report masks what `addressSecrets` (detect.ts) finds, as it masks what rules find.
 */
function incompletePlans(inputs: readonly LoadedInput[]): IncompletePlan[] {
  return inputs
    .filter((input) => input.incomplete !== undefined)
    .map((input) => ({ input: input.input, deferred: input.incomplete?.deferred ?? [] }))
    .sort((a, b) => compare(a.input, b.input));
}

/** `{ type, count }` of the counts, sorted by type. */
const byType = (counts: ReadonlyMap<string, number>): { type: string; count: number }[] => [...counts.entries()].sort(([a], [b]) => compare(a, b)).map(([type, count]) => ({ type, count }));

/** `judgesTags`: required-tags ran, with tags to require. */
function coverageOf(graph: Graph, checked: ReadonlySet<string>, judgesTags: boolean): Coverage {
  const unchecked = new Map<string, number>();
  const untold = new Map<string, number>();
  let managed = 0;
  for (const resource of graph.resources) {
    if (resource.mode !== 'managed') continue;
    managed++;
    if (!checked.has(resource.type)) unchecked.set(resource.type, (unchecked.get(resource.type) ?? 0) + 1);
    if (judgesTags && taggingUntold(resource)) untold.set(resource.type, (untold.get(resource.type) ?? 0) + 1);
  }
  const uncheckedCount = [...unchecked.values()].reduce((sum, n) => sum + n, 0);
  const incomplete = incompletePlans(graph.inputs);
  return {
    evaluatedResources: managed - uncheckedCount,
    totalResources: managed,
    uncheckedTypes: byType(unchecked),
    ...(untold.size > 0 ? { taggingUntoldTypes: byType(untold) } : {}),
    notLoadedModules: notLoadedModules(graph.inputs),
    ...(incomplete.length > 0 ? { incompletePlans: incomplete } : {}),
  };
}

/** Run `rules` over every managed resource of `graph` they apply to, and input rules over each input. */
export function runRules(graph: Graph, settings: Settings, rules: readonly RuleDefinition[] = ALL_RULES, options: EngineOptions = {}): EngineResult {
  // Patterns written to defeat the wildcard walk may spend so much of a check (support/grammar.ts).
  resetGrammarBudget();
  const running = rules.filter(options.enabled ?? byDefault);
  const inputRules = running.filter((rule): rule is InputRule => rule.appliesTo === 'input');
  const resourceRules = running.filter((rule): rule is ResourceRule => rule.appliesTo !== 'input');
  // Types a type-specific rule lists are checked; the graph adds those rules look up (RecordingGraph).
  const checked = new Set(resourceRules.flatMap((rule) => (rule.appliesTo === '*' ? [] : rule.appliesTo)));
  const byType = new Map<string, readonly ResourceRule[]>();
  const rulesOf = (type: string): readonly ResourceRule[] => {
    let list = byType.get(type);
    if (!list) byType.set(type, (list = resourceRules.filter((rule) => rule.appliesTo === '*' || rule.appliesTo.includes(type))));
    return list;
  };

  const recording = new RecordingGraph(graph, checked);
  // One context for every judgement: a rule reads it, never keeps or changes it (one object per rule and resource
  // was ~1.5M objects on the 100k bench plan).
  const context: RuleContext = { graph: recording, settings };
  const inputs = new Map(graph.inputs.map((input) => [input.input, input]));
  const findings: RawFinding[] = [];
  const timings = options.timings;
  const record = (judgement: Judgement, outcome: Outcome): void => {
    const finding = toFinding(judgement, outcome, graph, inputs);
    if (finding) findings.push(finding);
  };
  const judge = (judgement: Judgement): void => {
    const started = timings ? performance.now() : 0;
    const result = evaluate(judgement, context);
    if (timings) timings.set(judgement.rule.id, (timings.get(judgement.rule.id) ?? 0) + performance.now() - started);
    for (const outcome of Array.isArray(result) ? result : [result as Outcome]) record(judgement, outcome);
  };
  // A rule on a resource, the judgement made only for a finding: most outcomes are passes, and one object per rule and
  // resource, with an array around a single outcome, was ~1.2M of each on the 100k bench plan.
  const judgeResource = (rule: ResourceRule, resource: Resource): void => {
    const started = timings ? performance.now() : 0;
    let result: Outcome | readonly Outcome[];
    try {
      result = rule.evaluate(resource, context);
    } catch (error) {
      result = failure(error, rule, resource.address);
    }
    if (timings) timings.set(rule.id, (timings.get(rule.id) ?? 0) + performance.now() - started);
    if (!Array.isArray(result)) {
      if (isFinding(result as Outcome)) record({ rule, resource }, result as Outcome);
      return;
    }
    for (const outcome of result as readonly Outcome[]) if (isFinding(outcome)) record({ rule, resource }, outcome);
  };
  const onInputs = [...inputRules, ...resourceRules.filter((rule) => rule.evaluateInput !== undefined)];
  for (const input of graph.inputs) for (const rule of onInputs) judge({ rule, input });
  // Resource by resource, all its rules together: a large plan's values are read again from the
  // file when needed (see model/plan/store.ts), and this order reads each about once.
  for (const resource of graph.resources) {
    if (resource.mode !== 'managed') continue;
    for (const rule of rulesOf(resource.type)) judgeResource(rule, resource);
  }
  if (resourceRules.some((rule) => rule.evaluateBlock !== undefined)) {
    for (const block of blocksOf(graph)) for (const rule of rulesOf(block.type)) if (rule.evaluateBlock) judge({ rule, block });
  }
  const judgesTags = resourceRules.some((rule) => rule.id === REQUIRED_TAGS_ID && rule.offWhen?.off(settings) !== true);
  return { findings: dedupe(findings).sort(compareFindings), coverage: coverageOf(graph, checked, judgesTags) };
}
