/**
 * Questions about parsed policy statements (`graph.policy`): does the policy deny requests made
 * without TLS, or with TLS older than a version, for every principal, on the subject's ARN (and its
 * objects)? Answers are three-state: a statement that would qualify but whose Resource cannot be
 * matched to an ARN unknown at plan time gives `unknown`, never `yes`.
 *
 * Also the policies that govern a bucket, a topic or a queue: linked policy resources first, then
 * the resource's own `policy` attribute where the rule may trust it.
 */
import { hasToken, inputReferenceToken, referenceToken, SELF, selfSubstituted } from '../../model/symbolic';
import type { Graph, PolicyReading, PolicyStatement, Resource } from '../../model/types';
import type { Val } from '../../model/value';
import { codeMissing, configSets, failed, undecided, type Problem } from './findings';
import { addresses, bucketName, bucketSatellite, inlineAlongside, knownString, mayApply, linkMessage } from './s3';

export type PolicyVerdict = { readonly status: 'yes' } | { readonly status: 'no' | 'unknown'; readonly reason: string };

/** The resource a Deny must cover. */
export interface ArnSubject {
  /** The ARN; a part known only after apply is `UNKNOWN_PART` (see `partlyUnknownArn`). */
  readonly arn: string;
  /** Suffixes whose ARNs must all be covered: `['', '/*']` for a bucket and its objects. */
  readonly suffixes: readonly string[];
  /** How a message names each suffix: `{ '': 'the bucket', '/*': 'its objects' }`. */
  readonly names: Readonly<Record<string, string>>;
  /**
   * How the code names the subject (symbolic.ts): the tokens of its own attributes, each with the
   * text it stands for in `arn`, an ARN in which `SELF` stands for the subject's name.
   */
  readonly self: { readonly arn: string; readonly tokens: ReadonlyMap<string, string> };
}

/** Stands for the part of an ARN known only after apply: only a `*` in a pattern can match it. */
export const UNKNOWN_PART = '\u0001';

/** An ARN whose segments after `prefix` (`arn:aws:sns:`) are known only after apply: `arn:aws:sns:?:?:?` for three. */
export const partlyUnknownArn = (prefix: string, segments = 1): string => `${prefix}${Array<string>(segments).fill(UNKNOWN_PART).join(':')}`;

/** Attributes of a bucket that hold its name (`id` is the name in both providers). */
const BUCKET_NAME_ATTRIBUTES = ['id', 'bucket', 'bucket_name'];

/**
 * The tokens of `resource`'s `attributes`, each standing for `text`: as its own stack's code names
 * them, and as another cdktf stack's does through a cross-stack output (`inputReferenceToken`).
 */
const ownTokens = (resource: Resource, attributes: readonly string[], text: string): [string, string][] =>
  attributes.flatMap((a): [string, string][] => [
    [referenceToken(resource.address, a), text],
    [inputReferenceToken(resource.input, resource.address, a), text],
  ]);

/**
 * A subject's `self`, its tokens made when first read: only a policy that names a resource through
 * its code (`hasToken`) reads them. Measured on the 100k bench plan, whose 10k bucket policies are
 * literal: making them for every subject took ~190 ms of the rules' profile (8 escaped tokens each).
 */
function lazySelf(arn: string, make: () => ReadonlyMap<string, string>): ArnSubject['self'] {
  let tokens: ReadonlyMap<string, string> | undefined;
  return {
    arn,
    get tokens() {
      return (tokens ??= make());
    },
  };
}

/** A bucket and its objects; the ARN from `arn`, else from a known bucket name. */
export function bucketSubject(bucket: Resource): ArnSubject {
  const name = bucketName(bucket);
  const arn = knownString(bucket.attr('arn')) ?? (name ? `arn:aws:s3:::${name}` : partlyUnknownArn('arn:aws:s3:::'));
  const selfArn = `arn:aws:s3:::${SELF}`;
  return {
    arn,
    suffixes: ['', '/*'],
    names: { '': 'the bucket', '/*': 'its objects' },
    self: lazySelf(selfArn, () => new Map([...ownTokens(bucket, ['arn'], selfArn), ...ownTokens(bucket, BUCKET_NAME_ATTRIBUTES, SELF)])),
  };
}

/**
 * A topic or a queue of `service` (`sns`, `sqs`): its ARN alone (`arn:aws:<service>:<region>:<account>:<name>`),
 * which its `arnAttributes` hold.
 */
export function arnSubject(resource: Resource, service: string, what: string, arnAttributes: readonly string[]): ArnSubject {
  return {
    arn: knownString(resource.attr('arn')) ?? partlyUnknownArn(`arn:aws:${service}:`, 3),
    suffixes: [''],
    names: { '': what },
    self: lazySelf(SELF, () => new Map(ownTokens(resource, arnAttributes, SELF))),
  };
}

/** `arn:aws-us-gov:` and `arn:aws-cn:` compare as `arn:aws:`: one account is in one partition. */
export const normalizePartition = (arn: string): string => (arn.startsWith('arn:aws:') ? arn : arn.replace(/^arn:aws(?:-[a-z-]+)?:/, 'arn:aws:'));

/** Whether a target character stands for more than itself: only a pattern `*` matches it. */
const isWild = (c: string): boolean => c === '*' || c === UNKNOWN_PART;

/** Whether `text` holds a character only a pattern `*` matches. */
const hasWild = (text: string): boolean => text.includes('*') || text.includes(UNKNOWN_PART);

/** Scratch rows of `coversByTable`, grown on demand and reused (matching is synchronous). */
let rowBuffer = new Uint8Array(64);
let nextBuffer = new Uint8Array(64);

/**
 * `covers` by dynamic programming over the pattern and the target, for any pattern. Exported so
 * tests can check `covers`' fast paths against it.
 */
export function coversByTable(p: string, t: string): boolean {
  if (rowBuffer.length <= t.length) {
    rowBuffer = new Uint8Array(2 * (t.length + 1));
    nextBuffer = new Uint8Array(2 * (t.length + 1));
  }
  // row[j]: p[0..i) covers t[0..j)
  let row = rowBuffer;
  let next = nextBuffer;
  row.fill(0, 0, t.length + 1);
  row[0] = 1;
  for (let i = 0; i < p.length; i += 1) {
    const pc = p[i];
    if (pc === '*') {
      next[0] = row[0];
      for (let j = 1; j <= t.length; j += 1) next[j] = row[j] | next[j - 1];
    } else {
      next[0] = 0;
      for (let j = 1; j <= t.length; j += 1) {
        const c = t[j - 1];
        next[j] = row[j - 1] && !isWild(c) && (pc === '?' || pc === c) ? 1 : 0;
      }
    }
    [row, next] = [next, row];
  }
  return row[t.length] === 1;
}

/**
 * Whether the IAM pattern (`*` any run, `?` one character) matches every string `target` stands
 * for. A `*` in the target (`arn/*`) and the unknown-ARN marker are matched only by a pattern `*`.
 *
 * Fast paths for the common shapes (a literal action or ARN, `prefix*`), the reused table for the
 * rest (it allocated a row per pattern character). Measured on the bench's generated plan (seed 7),
 * whole `twinguard check`: 100k resources 30.5 s -> 25.2 s.
 */
export function covers(pattern: string, target: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? target.toLowerCase() : target;
  const star = p.indexOf('*');
  if (!p.includes('?')) {
    // A literal pattern covers only the very same literal target.
    if (star < 0) return p === t && !hasWild(t);
    // `prefix*`: a literal prefix, then anything (wild characters included).
    if (star === p.length - 1) {
      const prefix = p.slice(0, star);
      return t.startsWith(prefix) && !hasWild(prefix);
    }
  }
  return coversByTable(p, t);
}

/** One condition of a statement: an operator, a key and its values. */
export interface ConditionTest {
  /** Accepted operators: `['Bool', 'BoolIfExists']`. */
  readonly operators: readonly string[];
  /** The condition key, compared case-insensitively: `aws:SecureTransport`. */
  readonly key: string;
  /** Whether the values are as required. */
  accepts(values: readonly string[]): boolean;
}

/**
 * A condition the Deny must carry, and nothing else: any other condition narrows the Deny, except
 * those `harmless` names (they hold for every request the Deny is about).
 */
export interface DenyCondition extends ConditionTest {
  /** For messages: `aws:SecureTransport = false`. */
  readonly described: string;
  readonly harmless?: readonly ConditionTest[];
}

/**
 * Whether a Deny's values of a Bool key include `value`: IAM ORs a key's values ("If a single
 * condition operator includes multiple values for a context key, those values are evaluated using
 * a logical OR"), so `["false", "true"]` matches every request, `value` among them. (An Allow's
 * condition limits it to `value` only when every value is `value`.)
 */
export const includesBool =
  (value: 'true' | 'false') =>
  (values: readonly string[]): boolean =>
    values.some((v) => v.toLowerCase() === value);

export const INSECURE_TRANSPORT: DenyCondition = {
  operators: ['Bool', 'BoolIfExists'],
  key: 'aws:SecureTransport',
  accepts: includesBool('false'),
  described: '`aws:SecureTransport = false`',
};

/**
 * A number as IAM's numeric operators are documented to take one: decimal digits, with a fraction
 * (`1.2`, `"1.2"`). JavaScript's `Number` reads more (`"0x2"`, `"+1.2"`, `" 1.2"`, `"12e-1"`), which
 * IAM may not, and a value it does not read matches no request: the Deny would never apply.
 */
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** `NumericLessThan s3:TlsVersion <v>` with `v` at least `version` (several values: the largest decimal counts). */
function tlsBelow(version: number): DenyCondition {
  return {
    operators: ['NumericLessThan', 'NumericLessThanIfExists'],
    key: 's3:TlsVersion',
    accepts: (values) => values.some((v) => DECIMAL.test(v) && Number(v) >= version),
    described: `\`s3:TlsVersion < ${version}\``,
  };
}

const isEveryone = (s: PolicyStatement): boolean =>
  s.notPrincipals === undefined && (s.principals?.['*']?.includes('*') === true || s.principals?.AWS?.includes('*') === true);

const coversAction = (s: PolicyStatement, action: string): boolean =>
  s.notActions === undefined && (s.actions ?? []).some((pattern) => covers(pattern, action, true));

/** One condition entry of a statement: an operator, a key and its values. */
export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** A statement's conditions, one entry per operator and key. */
export const conditionEntries = (s: PolicyStatement): ConditionEntry[] =>
  Object.entries(s.conditions).flatMap(([operator, byKey]) => Object.entries(byKey).map(([key, values]) => ({ operator, key, values })));

/**
 * A condition operator as IAM matches a value against it for a request holding the key: in lower
 * case, without `ForAnyValue:` (which, like the plain operator, does not match a request without the key).
 */
export const baseOperator = (operator: string): string => operator.toLowerCase().replace(/^foranyvalue:/, '');

/** Whether a condition entry is what `test` asks for. */
export const passes = (test: ConditionTest, entry: ConditionEntry): boolean =>
  test.operators.includes(entry.operator) && entry.key.toLowerCase() === test.key.toLowerCase() && test.accepts(entry.values);

/** Whether a statement holds a symbolic token outside the parts named (`resources`…): a value known only after apply there. */
export const hasTokenOutside = (s: PolicyStatement, ...parts: readonly (keyof PolicyStatement)[]): boolean =>
  hasToken(JSON.stringify({ ...s, ...Object.fromEntries(parts.map((part) => [part, undefined])) }));

function hasOnly(s: PolicyStatement, condition: DenyCondition): boolean {
  const entries = conditionEntries(s);
  const required = entries.filter((entry) => passes(condition, entry));
  return required.length === 1 && entries.every((entry) => required.includes(entry) || (condition.harmless ?? []).some((test) => passes(test, entry)));
}

/**
 * Whether one qualifying statement's Resource covers the subject's ARN followed by `suffix`. A
 * pattern that names the subject's own attributes (symbolic tokens) is matched against the
 * subject's symbolic ARN; one that names anything else known only after apply is `unknown`.
 */
function resourceCovers(s: PolicyStatement, subject: ArnSubject, suffix: string): 'yes' | 'no' | 'unknown' {
  if (s.notResources !== undefined) return 'no';
  const target = normalizePartition(subject.arn) + suffix;
  const answers = (s.resources ?? []).map((written): 'yes' | 'no' | 'unknown' => {
    const pattern = normalizePartition(written);
    if (!hasToken(pattern)) {
      if (covers(pattern, target)) return 'yes';
      // A literal ARN may be the subject's ARN once it is known.
      return target.includes(UNKNOWN_PART) ? 'unknown' : 'no';
    }
    const own = selfSubstituted(pattern, subject.self.tokens);
    if (own === undefined) return 'unknown';
    return covers(normalizePartition(own), subject.self.arn + suffix) ? 'yes' : 'no';
  });
  return answers.includes('yes') ? 'yes' : answers.includes('unknown') ? 'unknown' : 'no';
}

/**
 * Whether `statements` deny `action` for every principal on every ARN of `subject`, under exactly
 * `condition`. Several statements may share the work (one for the bucket, one for its objects).
 */
export function deniesUnder(statements: readonly PolicyStatement[], subject: ArnSubject, action: string, condition: DenyCondition): PolicyVerdict {
  const qualifying = statements.filter((s) => s.effect === 'Deny' && isEveryone(s) && coversAction(s, action) && hasOnly(s, condition));
  const verdicts = subject.suffixes.map((suffix) => {
    const answers = qualifying.map((s) => resourceCovers(s, subject, suffix));
    return { suffix, answer: answers.includes('yes') ? 'yes' : answers.includes('unknown') ? 'unknown' : 'no' };
  });
  const denial = `a Deny of ${action} for every principal (\`"*"\`) when ${condition.described}, with no other condition,`;
  const missing = verdicts.filter((v) => v.answer === 'no');
  if (missing.length > 0) return { status: 'no', reason: `no statement is ${denial} on ${missing.map((v) => subject.names[v.suffix]).join(' and ')}` };
  const unsure = verdicts.filter((v) => v.answer === 'unknown');
  if (unsure.length > 0) {
    return {
      status: 'unknown',
      reason: `the statements that are ${denial} name an ARN known only after apply that the gate cannot match to ${unsure
        .map((v) => subject.names[v.suffix])
        .join(' and ')}`,
    };
  }
  return { status: 'yes' };
}

/** `deniesUnder` with `aws:SecureTransport = false` (Bool or BoolIfExists) and `s3:*` by default. */
export const deniesInsecureTransport = (statements: readonly PolicyStatement[], subject: ArnSubject, action = 's3:*'): PolicyVerdict =>
  deniesUnder(statements, subject, action, INSECURE_TRANSPORT);

/** `deniesUnder` with `NumericLessThan s3:TlsVersion <version>` on `s3:*`. */
export const deniesTlsBelow = (statements: readonly PolicyStatement[], version: number, subject: ArnSubject): PolicyVerdict =>
  deniesUnder(statements, subject, 's3:*', tlsBelow(version));

/** One policy that governs a subject: where it comes from, and its statements. */
export interface GoverningPolicy {
  /** How a message names it: `aws_s3_bucket_policy.p` or `the inline policy`. */
  readonly source: string;
  readonly statements: Val<readonly PolicyStatement[]>;
  /** The resource that holds the policy (the subject, or a policy resource) and its attribute. */
  readonly holder: Resource;
  readonly attribute: string;
  /**
   * A deprecated inline policy of a plan read without its code, whose value the plan shows read back
   * from the bucket (not created): the code may set it, or make `null` (`policy = var.policy` with a
   * default of null), which leaves the value of the policy resource there. Not complying, it is unknown.
   */
  readonly maybeUnset?: true;
  /**
   * An Optional+Computed inline policy the configuration writes blank (`policy = ""`) beside linked policy resources:
   * the provider leaves it out of the create, but a later plan finds the policy resource's document there and plans
   * it back to "", and that update removes the policy (SetQueueAttributes, SetTopicAttributes with "",
   * DeleteBucketPolicy): no policy is in force then, whatever the policy resources say.
   */
  readonly blank?: true;
}

export type PolicyLookup =
  | { readonly status: 'found'; readonly policies: readonly GoverningPolicy[] }
  | { readonly status: 'none' | 'undetermined'; readonly message: string };

/** A policy resource type: it points at its subject through `via` and holds the policy in `attribute`. */
export interface PolicySatellite {
  readonly type: string;
  readonly via: string;
  readonly attribute: string;
}

/** Where the policies of a subject live: linked satellites and its own attribute. */
export interface PolicySources {
  readonly satellites: readonly PolicySatellite[];
  /** How a message names the subject: `this file system` (default `this bucket`). */
  readonly noun?: string;
  /** The subject's own policy attribute (`policy`), if it has one. */
  readonly inline?: string;
  /** The subject types that have `inline` (every type when not given). */
  readonly inlineTypes?: readonly string[];
  /**
   * Whether the inline attribute is an Optional+Computed argument, deprecated or not (`aws_s3_bucket.policy`,
   * peer-pitfall 3; `aws_sns_topic.policy`, `aws_sqs_queue.policy`, `aws_kms_key.policy`, which the provider
   * reads back from AWS where the configuration leaves it out): beside linked policy resources it counts only where the configuration writes
   * it (a plan fills it in from the API, whatever set it). Alone, a known value counts unless the
   * configuration is at hand and leaves it out. Either way, one the configuration writes but
   * Terraform knows only after apply counts, and is read from its code.
   */
  readonly inlineDeprecated: boolean;
  /**
   * Whether the inline policy, where the rule may judge it, governs beside linked policy resources
   * rather than giving way to them: a KMS key is created with its own `policy` (CreateKey takes
   * it) before an `aws_kms_key_policy` replaces it, and `aws_kms_key` puts it back on drift; so
   * does a bucket written with the deprecated `policy` beside an `aws_s3_bucket_policy` (the AWS
   * provider: "Configuring with both will cause inconsistencies and may overwrite configuration").
   */
  readonly inlineAlongside?: true;
}

/** Either provider's bucket policy may govern either provider's bucket (both name it by `bucket`). */
export const BUCKET_POLICY_SOURCES: PolicySources = {
  satellites: [
    { type: 'aws_s3_bucket_policy', via: 'bucket', attribute: 'policy' },
    { type: 'awscc_s3_bucket_policy', via: 'bucket', attribute: 'policy_document' },
  ],
  inline: 'policy',
  inlineTypes: ['aws_s3_bucket'],
  inlineDeprecated: true,
  inlineAlongside: true,
};

/** A governing policy; its statements are read when a rule asks for them (deny rules read `codePolicy` instead). */
function governing(graph: Graph, source: string, holder: Resource, attribute: string, maybeUnset?: true, blank?: true): GoverningPolicy {
  return {
    source,
    holder,
    attribute,
    ...(maybeUnset ? { maybeUnset } : {}),
    ...(blank ? { blank } : {}),
    get statements() {
      return graph.policy(holder, [attribute]);
    },
  };
}

/** Whether the subject's type has the inline policy attribute at all (an awscc bucket has none). */
const hasInline = (subject: Resource, sources: PolicySources): boolean =>
  sources.inline !== undefined && (sources.inlineTypes === undefined || sources.inlineTypes.includes(subject.type));

/**
 * Whether the configuration writes the inline attribute (`configSets`); a deprecated one, a value
 * other than `null`: `policy = var.policy` with a default of null, or `var.attach ? data.x.json :
 * null` with attach false, leaves the Optional+Computed argument to the provider (a plan shows it
 * unknown on create and keeps the prior value, read back from the API, on update), as if it were
 * not written. (Another inline `policy = null` is judged as null: no policy, with no policy resource.)
 */
function writesInline(graph: Graph, subject: Resource, sources: PolicySources): boolean | undefined {
  const attribute = sources.inline as string;
  const written = configSets(subject, attribute);
  return written === true && sources.inlineDeprecated && graph.codeNull(subject, [attribute]) === true ? false : written;
}

/** Whether the configuration writes the subject's inline policy blank (`policy = ""`: `GoverningPolicy.blank`). */
function writtenBlank(subject: Resource, sources: PolicySources): boolean {
  const value = hasInline(subject, sources) ? subject.attr(sources.inline as string).string() : undefined;
  return value?.kind === 'known' && value.value === '' && configSets(subject, sources.inline as string) === true;
}

/** The subject's inline policy, when the rule may judge it. */
function inlinePolicy(graph: Graph, subject: Resource, sources: PolicySources): GoverningPolicy | undefined {
  if (!sources.inline || !hasInline(subject, sources)) return undefined;
  const view = subject.attr(sources.inline);
  const written = writesInline(graph, subject, sources);
  const inline = (): GoverningPolicy => governing(graph, `the inline \`${sources.inline}\``, subject, sources.inline as string);
  if (knownString(view) !== undefined) return written === false ? undefined : inline();
  // Written but known only after apply (`policy = data.aws_iam_policy_document.p.json`): read from its code.
  return written === true && (view.isUnknown || !sources.inlineDeprecated) ? inline() : undefined;
}

/**
 * The policies that govern `subject`. Linked policy resources decide (several: each must comply,
 * since the last applied wins), with the inline attribute where trusted when it governs alongside
 * them (`inlineAlongside`); without them, the inline attribute where trusted; otherwise the lookup
 * says none exists, or that an undetermined policy resource may be the one.
 */
export function governingPolicies(graph: Graph, subject: Resource, sources: PolicySources): PolicyLookup {
  const lookups = sources.satellites.map((satellite) => ({ satellite, lookup: bucketSatellite(graph, subject, satellite.type, satellite.via, sources.noun) }));
  const linked = lookups.flatMap(({ satellite, lookup }) => (lookup.status === 'linked' ? lookup.satellites.map((p) => governing(graph, p.address, p, satellite.attribute)) : []));
  const inline = inlinePolicy(graph, subject, sources);
  if (linked.length > 0 && inline && sources.inlineAlongside && (!sources.inlineDeprecated || writesInline(graph, subject, sources) === true)) {
    // A plan without the code: `policy = var.policy` (null) and `policy = "<the same text>"` plan alike on update.
    const readBack = sources.inlineDeprecated === true && codeMissing(subject, inline.attribute) && !subject.attr(inline.attribute).isUnknown && !subject.actions.includes('create');
    const alongside = governing(graph, inlineAlongside(`\`${inline.attribute}\``, addresses(linked.map((p) => p.holder))), subject, inline.attribute, readBack || undefined);
    return { status: 'found', policies: [alongside, ...linked] };
  }
  if (linked.length > 0 && sources.inlineAlongside && sources.inlineDeprecated && writtenBlank(subject, sources)) {
    const attribute = sources.inline as string;
    return { status: 'found', policies: [governing(graph, inlineAlongside(`\`${attribute}\``, addresses(linked.map((p) => p.holder))), subject, attribute, undefined, true), ...linked] };
  }
  if (linked.length > 0) return { status: 'found', policies: linked };
  if (inline) return { status: 'found', policies: [inline] };
  const undetermined = lookups.filter(({ lookup }) => lookup.status === 'undetermined');
  if (undetermined.length > 0) {
    const candidates = undetermined.flatMap(({ lookup }) => (lookup.status === 'undetermined' ? lookup.candidates : []));
    const via = [...new Set(undetermined.map(({ satellite }) => `\`${satellite.via}\``))].join(' or ');
    const viaOf = (candidate: Resource) => sources.satellites.find((satellite) => satellite.type === candidate.type)?.via;
    return {
      status: 'undetermined',
      message: mayApply(candidates, (others) => `cannot tell whether ${addresses(others)} applies to it: its ${via} is known only after apply and references nothing the gate can follow`, linkMessage(graph, subject, viaOf)),
    };
  }
  // A deprecated inline attribute the code makes null (`policy = null`) is no policy, as any null one is.
  const inlineNull = hasInline(subject, sources) && configSets(subject, sources.inline as string) === true && graph.codeNull(subject, [sources.inline as string]) === true;
  const inlineSaid = inlineNull ? ` and its inline \`${sources.inline}\` is null` : ` and it has no inline \`${sources.inline}\` the gate can trust`;
  return { status: 'none', message: `no ${sources.satellites.map((s) => s.type).join(' or ')} points at it${hasInline(subject, sources) ? inlineSaid : ''}` };
}

/**
 * A policy as deny-coverage questions read it: a statement that may be a Deny, with a symbolic
 * token anywhere but in Resource or NotResource, is unreadable. A token there can only make a Deny
 * count for its own subject (`resourceCovers`); no statement can undo a Deny, so the others need
 * not be read. An Allow is never the Deny: it stays, tokens and all (a check that reads Allows
 * must take a token as anything).
 */
export function denials(reading: PolicyReading): PolicyReading {
  if (!reading.symbolic) return reading;
  const readable = reading.statements.filter((s) => s.effect === 'Allow' || !hasTokenOutside(s, 'resources', 'notResources'));
  return { statements: readable, unreadable: reading.unreadable + reading.statements.length - readable.length, symbolic: true };
}

/** For a policy whose code is not at hand (a plan checked alone), how to give it. */
const codeHint = (policy: GoverningPolicy): string =>
  codeMissing(policy.holder, policy.attribute) ? ' Check the plan with the code that made it (`twinguard check plan.json --code DIR`; the gate reads it by itself) to judge the policy from its code.' : '';

/**
 * Why a problem of an inline policy a plan may show read back (`GoverningPolicy.maybeUnset`) is unknown, after the
 * problem: `; but the plan records only the references of its code and shows the policy the bucket holds now, …`.
 */
export const readBackNote = (policy: GoverningPolicy, noun: string): string =>
  `; but the plan records only the references of its code and shows the policy ${noun.replace(/^this /, 'the ')} holds now, as it does when the code makes null (then ${policy.source} is not set and no finding is due).${codeHint(policy)}`;

/**
 * Judge every governing policy of `subject` with `check`, which asks whether its statements deny
 * something: problems name the policy resource, say what is missing, and end with `fix`. The
 * policies are read with their code (`Graph.codePolicy`, then `denials`): a statement that cannot
 * be read turns a missing Deny into `unknown`, never a found one into a doubt.
 */
export function policyProblems(
  graph: Graph,
  subject: Resource,
  sources: PolicySources,
  /** `unreadable`: how many statements could not be read (a check that needs every statement must not say 'yes' then). */
  check: (statements: readonly PolicyStatement[], unreadable: number) => PolicyVerdict,
  fix: string
): Problem[] {
  const lookup = governingPolicies(graph, subject, sources);
  if (lookup.status !== 'found') return [(lookup.status === 'none' ? failed : undecided)(`${lookup.message}. ${fix}`)];
  return lookup.policies.flatMap((policy): Problem[] => {
    if (policy.blank) return [failed(`${policy.source} is blank: a later apply sends it, which removes the policy, Deny and all. Remove the attribute, or write the policy there too. ${fix}`)];
    const reading = graph.codePolicy(policy.holder, [policy.attribute]);
    if (reading.kind === 'unknown') {
      return [
        undecided(`the policy of ${policy.source} is known only after apply (or is not a readable policy document), so the gate cannot vouch for it.${codeHint(policy)} ${fix}`),
      ];
    }
    if (reading.kind === 'absent') {
      // `policy = null` (terraform-aws-modules/sns when the topic policy is its own resource, not made).
      const inline = policy.holder.address === subject.address;
      return [failed(inline ? `no ${sources.satellites.map((s) => s.type).join(' or ')} points at it and its inline \`${policy.attribute}\` is null. ${fix}` : `${policy.source} has no policy. ${fix}`)];
    }
    const { statements, unreadable } = denials(reading.value);
    const verdict = check(statements, unreadable);
    if (verdict.status === 'yes') return [];
    if (unreadable > 0) {
      const which = unreadable === 1 ? 'one of its statements' : `${unreadable} of its statements`;
      return [undecided(`in ${policy.source}, ${verdict.reason}; ${which} cannot be read before apply (a part is known only then, or it is not a statement the gate reads), and may be that Deny.${codeHint(policy)} ${fix}`)];
    }
    if (policy.maybeUnset) return [undecided(`in ${policy.source}, ${verdict.reason}${readBackNote(policy, sources.noun ?? 'this bucket')} ${fix}`)];
    const problem = verdict.status === 'no' ? failed : undecided;
    return [problem(`in ${policy.source}, ${verdict.reason}. ${fix}`)];
  });
}
