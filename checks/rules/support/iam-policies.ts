/**
 * IAM identity policies and the grants they make, for rules that forbid one kind of grant (full
 * administrative access, decryption with every KMS key): where each policy type holds its
 * documents, and a judgment of each document that stays useful when the plan knows only part of
 * it. An `aws_iam_policy_document` read at apply (its resources name ARNs of new resources) still
 * shows each statement's effect and actions: a statement whose known actions grant nothing
 * forbidden passes whatever its resources turn out to be.
 */
import { mergesDocuments, POLICY_DOCUMENT_TYPE } from '../../model/policy';
import { AS_WRITTEN, hasToken, onlyFixedTokens, substituted, type TokenTest, tokenTarget, widestButFixed } from '../../model/symbolic';
import type { Graph, PolicyReading, PolicyStatement, Resource } from '../../model/types';
import type { PathSeg, ValueView } from '../../model/value';
import { configSets, eitherReading, failed, undecided, type Problem } from './findings';
import type { Coverage } from './grammar';

/** Where each type holds its policy document: one attribute, or a list of blocks with the document at `document`. */
export const IAM_POLICIES: Readonly<Record<string, { readonly attribute: string; readonly list?: { readonly document: string; readonly name: string } }>> = {
  aws_iam_policy: { attribute: 'policy' },
  aws_iam_role_policy: { attribute: 'policy' },
  aws_iam_user_policy: { attribute: 'policy' },
  aws_iam_group_policy: { attribute: 'policy' },
  awscc_iam_managed_policy: { attribute: 'policy_document' },
  awscc_iam_role_policy: { attribute: 'policy_document' },
  awscc_iam_user_policy: { attribute: 'policy_document' },
  awscc_iam_group_policy: { attribute: 'policy_document' },
  aws_iam_role: { attribute: 'inline_policy', list: { document: 'policy', name: 'name' } },
  awscc_iam_role: { attribute: 'policies', list: { document: 'policy_document', name: 'policy_name' } },
  awscc_iam_user: { attribute: 'policies', list: { document: 'policy_document', name: 'policy_name' } },
  awscc_iam_group: { attribute: 'policies', list: { document: 'policy_document', name: 'policy_name' } },
};

/** Customer-managed policy types an attachment may name. */
export const MANAGED_POLICY_TYPES: readonly string[] = ['aws_iam_policy', 'awscc_iam_managed_policy'];

/**
 * Where each type names the managed policies it attaches to a principal: one ARN, or a list. The
 * list of a principal type (`readBack`) is Optional+Computed: when the configuration does not write
 * it, the plan reads back what the account holds, attachments made elsewhere included.
 */
export const POLICY_ATTACHMENTS: Readonly<Record<string, { readonly attribute: string; readonly list?: true; readonly readBack?: true }>> = {
  aws_iam_role_policy_attachment: { attribute: 'policy_arn' },
  aws_iam_user_policy_attachment: { attribute: 'policy_arn' },
  aws_iam_group_policy_attachment: { attribute: 'policy_arn' },
  aws_iam_policy_attachment: { attribute: 'policy_arn' },
  aws_iam_role_policy_attachments_exclusive: { attribute: 'policy_arns', list: true },
  aws_iam_user_policy_attachments_exclusive: { attribute: 'policy_arns', list: true },
  aws_iam_group_policy_attachments_exclusive: { attribute: 'policy_arns', list: true },
  aws_iam_role: { attribute: 'managed_policy_arns', list: true, readBack: true },
  awscc_iam_role: { attribute: 'managed_policy_arns', list: true, readBack: true },
  awscc_iam_user: { attribute: 'managed_policy_arns', list: true, readBack: true },
  awscc_iam_group: { attribute: 'managed_policy_arns', list: true, readBack: true },
};

/** The policy ARNs `resource` attaches, one view each; 'unknown' when the list is known only after apply. */
export function attachedPolicyArns(resource: Resource): ValueView[] | 'unknown' {
  const spec = POLICY_ATTACHMENTS[resource.type];
  if (spec === undefined || (spec.readBack && configSets(resource, spec.attribute) !== true)) return [];
  const view = resource.attr(spec.attribute);
  if (!spec.list) return view.isAbsent ? [] : [view];
  const items = view.list();
  return items.kind === 'unknown' ? 'unknown' : items.kind === 'known' ? items.value : [];
}

/** The name of an AWS-managed policy's ARN, in any partition (`arn:aws:iam::aws:policy/service-role/X` -> `X`). */
export const awsManagedName = (arn: string): string | undefined => /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];

/**
 * One kind of grant a rule forbids: an `Allow` of a matching action on a matching resource. Each
 * test answers as the policy grammar does (`support/grammar.ts`): 'undecided' when its patterns are
 * too intricate to decide within the grammar's step budget, which fails closed with a message of its own.
 */
export interface ForbiddenGrant {
  /** Whether an action pattern of the policy grants a forbidden action. */
  readonly action: (pattern: string) => Coverage;
  /** Whether an `Allow` with these `NotAction` patterns grants a forbidden action; not judged when absent. */
  readonly notActions?: (patterns: readonly string[]) => Coverage;
  /** Whether a resource pattern of the policy covers every resource the rule cares about. */
  readonly resource: (pattern: string) => Coverage;
  /**
   * Whether action or resource patterns of one statement, together, do what no one of them does
   * (`iam:a*` … `iam:z*` are every IAM action; `key/0*` … `key/f*` every key); not asked when absent.
   */
  readonly actionsTogether?: (patterns: readonly string[]) => Coverage;
  readonly resourcesTogether?: (patterns: readonly string[]) => Coverage;
  /**
   * True when one resource's ARN never makes the grant (it asks for every resource, every key):
   * a resource pattern that is exactly a new resource's `arn`, known only after apply, is then 'no'.
   */
  readonly broadOnly?: boolean;
  /** Tokens of resources whose values the rule knows (symbolic.ts), with the text each stands for; asked for only when a policy holds tokens. */
  readonly known?: () => ReadonlyMap<string, string>;
  /** What a failing statement does, for messages: "allows every action (`*`) on every resource (`*`): full administrative access". */
  readonly described: string;
  /** The grant in a few words, for messages: "full access". */
  readonly noun: string;
  /** How to fix it, ending every message. */
  readonly fix: string;
}

/**
 * A `NotResource` grants every resource but those it names: as wide as `*` for what these rules ask
 * (every resource, every key, any bucket beyond a few).
 */
const EVERY_RESOURCE_BUT = '*';

/**
 * Whether a policy document read at apply, or a part of one, does what a rule looks for: 'unknown'
 * when a value it needs is known only after apply; 'undecided' when its patterns are too intricate
 * for the policy grammar to decide within its step budget (that fails closed, as 'yes' does).
 */
export type Verdict = 'yes' | 'no' | 'unknown' | 'undecided';

/** The verdict of several parts, one of which is enough: any 'yes' decides, then any 'undecided' (it may be 'yes'), then any 'unknown'. */
export const anyOf = (verdicts: readonly Verdict[]): Verdict =>
  verdicts.includes('yes') ? 'yes' : verdicts.includes('undecided') ? 'undecided' : verdicts.includes('unknown') ? 'unknown' : 'no';

/** `anyOf` the verdicts of `items`, asking no further once one is 'yes'. */
function anyMatches<T>(items: readonly T[], test: (item: T) => Verdict): Verdict {
  const verdicts: Verdict[] = [];
  for (const item of items) {
    const verdict = test(item);
    if (verdict === 'yes') return 'yes';
    verdicts.push(verdict);
  }
  return anyOf(verdicts);
}

/** The verdict of parts that must all hold: any 'no' decides, then any 'unknown', then any 'undecided'. */
const allOf = (verdicts: readonly Verdict[]): Verdict =>
  verdicts.includes('no') ? 'no' : verdicts.includes('unknown') ? 'unknown' : verdicts.includes('undecided') ? 'undecided' : 'yes';

/**
 * An `aws_iam_policy_document` data source judged statement by statement, although some of its
 * values are known only after apply. `judge` sees each statement that is not a known Deny, with
 * whether its effect is known (an unknown effect may be a Deny: it can make 'unknown', never
 * 'yes'). Documents that merge others in are 'unknown'; one without statements is 'no'.
 */
export function judgeStatements(document: Resource, judge: (statement: ValueView, path: PathSeg[]) => Verdict): Verdict {
  if (mergesDocuments(document.values)) return 'unknown';
  const blocks = document.values.get('statement').blocks();
  if (blocks.kind !== 'known') return blocks.kind === 'absent' ? 'no' : 'unknown';
  return anyOf(
    blocks.value.map((statement, i): Verdict => {
      const effect = statement.get('effect').string();
      if (effect.kind === 'known' && effect.value === 'Deny') return 'no';
      const verdict = judge(statement, ['statement', i]);
      return (verdict === 'yes' || verdict === 'undecided') && effect.kind === 'unknown' ? 'unknown' : verdict;
    }),
  );
}

/** The `aws_iam_policy_document` a policy attribute at `path` of `holder` comes from, when it is one data source of the input. */
export function policyDocumentOf(graph: Graph, holder: Resource, path: readonly PathSeg[]): Resource | undefined {
  const target = graph.resolve(holder, path, [POLICY_DOCUMENT_TYPE]);
  return target.status === 'resources' && target.targets.length === 1 && target.targets[0].mode === 'data' ? target.targets[0] : undefined;
}

/** `not_actions` of a statement block: does the Allow they make grant a forbidden action? */
function notActionsGrant(view: ValueView, grant: ForbiddenGrant): Verdict {
  if (!grant.notActions) return 'no';
  const patterns = view.stringList();
  if (patterns.kind === 'unknown') return 'unknown';
  return patterns.kind === 'known' ? grant.notActions(patterns.value) : 'no';
}

/** Whether the known patterns of a list, two or more, together pass `test` (a `ForbiddenGrant`'s `…Together`). */
function together(patterns: readonly string[], test: ((patterns: readonly string[]) => Coverage) | undefined): Verdict {
  return test !== undefined && patterns.length > 1 ? test(patterns) : 'no';
}

/** The known strings of a list of a statement block. */
function knownStrings(view: ValueView): string[] {
  const items = view.list();
  if (items.kind !== 'known') return [];
  return items.value.flatMap((item) => {
    const value = item.string();
    return value.kind === 'known' ? [value.value] : [];
  });
}

/** A list of strings of a statement block: does it hold `match`? Unknown elements may. */
function holds(view: ValueView, match: (value: string) => Coverage): Verdict {
  const items = view.list();
  if (items.kind === 'unknown') return 'unknown';
  if (items.kind === 'absent') return 'no';
  return anyMatches(items.value, (item): Verdict => {
    const value = item.string();
    return value.kind === 'known' ? match(value.value) : value.kind === 'unknown' ? 'unknown' : 'no';
  });
}

/** The grant needs a matching action (or a `not_actions` that leaves one in) and a matching resource in one statement. */
function grantsIn(statement: ValueView, grant: ForbiddenGrant): Verdict {
  const actions = anyOf([holds(statement.get('actions'), grant.action), together(knownStrings(statement.get('actions')), grant.actionsTogether), notActionsGrant(statement.get('not_actions'), grant)]);
  if (actions === 'no') return 'no';
  const notResources = statement.get('not_resources').list();
  const resources = anyOf([
    holds(statement.get('resources'), grant.resource),
    together(knownStrings(statement.get('resources')), grant.resourcesTogether),
    notResources.kind === 'unknown' ? 'unknown' : notResources.kind === 'known' && notResources.value.length > 0 ? grant.resource(EVERY_RESOURCE_BUT) : 'no',
  ]);
  return allOf([actions, resources]);
}

/** The policy documents of `resource`: paths into its values, with how a message names each. */
function documents(resource: Resource): { readonly path: PathSeg[]; readonly what: string }[] | 'unknown' {
  const spec = IAM_POLICIES[resource.type];
  if (!spec.list) return [{ path: [spec.attribute], what: `\`${spec.attribute}\`` }];
  // aws_iam_role.inline_policy is read back from the account when the configuration does not write it.
  if (resource.type === 'aws_iam_role' && configSets(resource, spec.attribute) !== true) return [];
  const blocks = resource.attr(spec.attribute).blocks();
  if (blocks.kind === 'unknown') return 'unknown';
  if (blocks.kind === 'absent') return [];
  const { document, name } = spec.list;
  return blocks.value.map((block, i) => {
    const named = block.get(name).string();
    return { path: [spec.attribute, i, document], what: `the inline policy ${named.kind === 'known' ? `"${named.value}"` : `#${i + 1}`}` };
  });
}

/**
 * A statement whose patterns the policy grammar could not decide within its step budget (runs of
 * `?` after a `*`, written to defeat the walk): it fails closed, and says it was not decided rather
 * than that it makes the grant.
 */
const undecidedGrant = (what: string, statement: string, grant: ForbiddenGrant): Problem =>
  failed(
    `${what}: whether ${statement} grants ${grant.noun} could not be decided within twinguard's step budget (its wildcard patterns are too intricate, as runs of \`?\` after a \`*\` are), so it fails closed. Simplify the patterns, or waive this finding once you have checked them. ${grant.fix}`,
  );

/** A policy the graph cannot read whole: judged from the known statements of its policy document, if it is one. */
function partlyKnownProblems(graph: Graph, resource: Resource, path: PathSeg[], what: string, grant: ForbiddenGrant): Problem[] {
  const document = policyDocumentOf(graph, resource, path);
  const verdict = document ? judgeStatements(document, (statement) => grantsIn(statement, grant)) : 'unknown';
  if (verdict === 'no') return [];
  if (document && verdict === 'yes') return [failed(`${what}: ${document.address} has a statement that ${grant.described}. ${grant.fix}`)];
  if (document && verdict === 'undecided') return [undecidedGrant(what, `a statement of ${document.address}`, grant)];
  return [undecided(`${what} is known only after apply (or is not a readable policy document), so the gate cannot vouch that it grants no ${grant.noun}. ${grant.fix}`)];
}

/**
 * Whether some of `patterns` matches (`test`), reading each part known only after apply (`token`)
 * as the widest pattern it may be (`widest`): 'no' holds whatever the values turn out to be.
 */
function matchesWidest(patterns: readonly string[], test: (pattern: string) => Coverage, token: TokenTest): Verdict {
  const asWritten = anyMatches(patterns.filter((p) => !token(p)), test);
  if (asWritten === 'yes') return 'yes';
  // A token of one fixed value (the caller's account, the partition) widens nothing: `arn:${partition}:kms:*:*:key/*` is every key.
  // Any other may be narrower than its widest reading.
  const widened = patterns.filter(token).map((p): Verdict => {
    const coverage = test(widestButFixed(p));
    return coverage === 'no' || onlyFixedTokens(p) ? coverage : 'unknown';
  });
  return anyOf([asWritten, ...widened]);
}

/** Whether a pattern is exactly the `arn` of a managed resource of `holder`'s input (one resource). */
function isOneResourceArn(graph: Graph, holder: Resource, pattern: string): boolean {
  const target = tokenTarget(pattern);
  return target?.attribute === 'arn' && graph.byAddress(holder.input, target.address)?.mode === 'managed';
}

/** Whether a statement makes the grant, its strings read as written or (`token`) with symbolic tokens. */
function grants(graph: Graph, holder: Resource, s: PolicyStatement, grant: ForbiddenGrant, token: TokenTest): Verdict {
  if (s.effect !== 'Allow') return 'no';
  const notActions = s.notActions === undefined || !grant.notActions ? 'no' : s.notActions.some(token) ? 'unknown' : grant.notActions(s.notActions);
  const actions = anyOf([matchesWidest(s.actions ?? [], grant.action, token), together((s.actions ?? []).filter((p) => !token(p)), grant.actionsTogether), notActions]);
  if (actions === 'no') return 'no';
  let patterns = s.resources ?? [];
  if (patterns.some(token)) {
    const known = grant.known?.();
    patterns = patterns.filter((p) => !(grant.broadOnly && isOneResourceArn(graph, holder, p))).map((p) => (known ? substituted(p, known) : p));
  }
  const resources = anyOf([
    matchesWidest(patterns, grant.resource, token),
    together(patterns.filter((p) => !token(p)), grant.resourcesTogether),
    s.notResources !== undefined ? grant.resource(EVERY_RESOURCE_BUT) : 'no',
  ]);
  return allOf([actions, resources]);
}

/** How a message names a statement: by its Sid where the code writes it and the value is not marked sensitive. */
export const statementName = (s: PolicyStatement, quoteSid: boolean): string => (quoteSid && s.sid && !hasToken(s.sid) ? `statement "${s.sid}"` : 'a statement');

/**
 * A policy the plan does not read, read with its code: each statement judged with what its code
 * fixes. `known`: the value is known (a malformed document: a statement the gate cannot read is one
 * AWS refuses, not one open until apply).
 */
function codeProblems(graph: Graph, holder: Resource, reading: PolicyReading, what: string, grant: ForbiddenGrant, quoteSid: boolean, known: boolean): Problem[] {
  const verdicts = reading.statements.map((s) => grants(graph, holder, s, grant, hasToken));
  const verdict = anyOf([...verdicts, ...(reading.unreadable > 0 ? (['unknown'] as const) : [])]);
  if (verdict === 'no') return [];
  if (verdict === 'yes' || verdict === 'undecided') {
    return reading.statements.flatMap((s, i) =>
      verdicts[i] === 'yes'
        ? [failed(`${what}, read from its code: ${statementName(s, quoteSid)} ${grant.described}. ${grant.fix}`)]
        : verdicts[i] === 'undecided'
          ? [undecidedGrant(`${what}, read from its code`, statementName(s, quoteSid), grant)]
          : [],
    );
  }
  if (known) {
    return [
      undecided(
        `${what} is not a policy document the gate reads (a statement whose \`Effect\` is not \`Allow\` or \`Deny\`, written so, or a malformed \`Action\`, \`Resource\`, \`Principal\` or \`Condition\`): AWS refuses a malformed policy, and the gate cannot vouch that it grants no ${grant.noun}. ${grant.fix}`,
      ),
    ];
  }
  return [undecided(`${what} is known only after apply, and its code leaves a statement's actions or resources open until then (or writes a statement the gate cannot read), so the gate cannot vouch that it grants no ${grant.noun}. ${grant.fix}`)];
}

/** The problems of an IAM policy resource: one per statement that makes the forbidden grant. */
export function forbiddenGrantProblems(graph: Graph, resource: Resource, grant: ForbiddenGrant): Problem[] {
  const found = documents(resource);
  if (found === 'unknown') return [undecided(`its \`${IAM_POLICIES[resource.type].attribute}\` is known only after apply, so the gate cannot vouch that no policy grants ${grant.noun}. ${grant.fix}`)];
  return found.flatMap(({ path, what }): Problem[] => {
    const statements = graph.policy(resource, path);
    if (statements.kind === 'absent') return [];
    const quoteSid = !resource.attr(...path).isSensitive;
    if (statements.kind === 'unknown') {
      const reading = graph.codePolicy(resource, path);
      const value = resource.attr(...path);
      const code = reading.kind === 'known' ? codeProblems(graph, resource, reading.value, what, grant, quoteSid, !value.isUnknown && !value.isAbsent) : undefined;
      return eitherReading(code, () => partlyKnownProblems(graph, resource, path, what, grant));
    }
    return statements.value.flatMap((s): Problem[] => {
      const verdict = grants(graph, resource, s, grant, AS_WRITTEN);
      if (verdict === 'yes') return [failed(`${what}: ${statementName(s, quoteSid)} ${grant.described}. ${grant.fix}`)];
      return verdict === 'undecided' ? [undecidedGrant(what, statementName(s, quoteSid), grant)] : [];
    });
  });
}
