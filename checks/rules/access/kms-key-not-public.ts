/**
 * KMS keys are not public (Security Hub KMS.5, AWS Config kms-key-policy-no-public-access): no key
 * policy statement allows every principal — `"*"`, `{ AWS = "*" }`, a wildcard ARN, or an Allow
 * with `NotPrincipal` — unless a condition limits the callers to fixed values: an account
 * (`kms:CallerAccount`, `aws:PrincipalAccount`, `aws:SourceAccount`, `aws:SourceOwner`), an
 * organization, a principal or source ARN, a user id, a VPC or endpoint, or a set of source CIDRs.
 * As AWS Config and S3 define "public", a condition limits only with a positive String, Arn or
 * IpAddress operator (not `...IfExists`, not `ForAllValues:`) and values without wildcards or
 * policy variables; `kms:ViaService` alone limits nothing. The workspace bucket, the trail and
 * every SSE-KMS resource are only as private as the key that encrypts them.
 *
 * The key policy is a linked `aws_kms_key_policy`, else the key's own `policy` (awscc:
 * `key_policy`) when the configuration writes it. A key with neither gets the default key policy,
 * which trusts only its own account: not public. An `aws_iam_policy_document` read at apply (its
 * principals name roles being created) is judged statement by statement from what the plan knows;
 * a `jsonencode` policy known only after apply is judged from its code where it is at hand (a .tf
 * or cdktf input, the gate, `check --code`), a new IAM role's or user's ARN being a fixed principal.
 */
import { AS_WRITTEN, hasToken, mayBeStar, ownText, type TokenTest, tokenTarget } from '../../model/symbolic';
import type { Graph, PolicyReading, PolicyStatement, Resource } from '../../model/types';
import type { PathSeg, ValueView } from '../../model/value';
import { defineRule, notApplicable, type Outcome } from '../types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { eitherReading, failed, outcomesOf, undecided, type Problem } from '../support/findings';
import { baseOperator, conditionEntries, type GoverningPolicy, governingPolicies, type PolicySources, readBackNote } from '../support/policy';
import { anyOf, judgeStatements, policyDocumentOf, statementName, type Verdict } from '../support/iam-policies';

const FIX =
  'Grant the key to named principals (account root ARNs, role ARNs, service principals), or keep `"*"` only with a condition that limits the callers to fixed values, such as `StringEquals` on `kms:CallerAccount` or `aws:PrincipalOrgID`.';

/**
 * An aws key of any kind (imported material, a replica) takes a `policy` and an `aws_kms_key_policy` alike. Its
 * `policy` is Optional+Computed (the provider reads the key's policy back), as a bucket's is: code that makes it null
 * does not write it, and a plan checked without its code may show it read back (`GoverningPolicy.maybeUnset`).
 */
const AWS_KEY: PolicySources = { satellites: [{ type: 'aws_kms_key_policy', via: 'key_id', attribute: 'policy' }], noun: 'this key', inline: 'policy', inlineDeprecated: true, inlineAlongside: true };

const SOURCES: Readonly<Record<string, PolicySources>> = {
  aws_kms_key: AWS_KEY,
  aws_kms_external_key: AWS_KEY,
  aws_kms_replica_key: AWS_KEY,
  aws_kms_replica_external_key: AWS_KEY,
  awscc_kms_key: { satellites: [], inline: 'key_policy', inlineDeprecated: false },
};

/** Condition keys that limit who may call, by account, organization, identity, source or network (lower case). */
const LIMITING_KEYS = new Set([
  'kms:calleraccount',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
]);

/** Operators that hold a caller to the listed values (lower case, `ForAnyValue:` allowed in front). */
const LIMITING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress']);

/** A principal or condition value that stands for more than one caller: a wildcard or a policy variable. */
const isOpen = (value: string): boolean => value.includes('*') || value.includes('?') || value.includes('${');

/**
 * The part of a condition value that must be fixed for it to limit the callers: the value, or for
 * `aws:userid` the role id of a `"<role id>:*"` (the sessions of one role, whatever their names:
 * S3 and Access Analyzer count `aws:userid` as fixed outside the pattern "AROLEID:*", the only
 * wildcard they accept there; a federated user's id is `<account id>:<name>`, one account's).
 */
const fixedPart = (key: string, value: string): string => (key.toLowerCase() === 'aws:userid' && /^[^:]+:\*$/.test(value) ? value.slice(0, -2) : value);

/** Whether one condition entry limits the callers to fixed values. */
function limits(operator: string, key: string, values: readonly string[]): boolean {
  const op = baseOperator(operator);
  if (!LIMITING_OPERATORS.has(op) || !LIMITING_KEYS.has(key.toLowerCase())) return false;
  // IpAddress goes with aws:SourceIp only, and a /0 range is every address.
  if ((op === 'ipaddress') !== (key.toLowerCase() === 'aws:sourceip')) return false;
  return values.length > 0 && values.every((v) => !isOpen(fixedPart(key, v)) && !/\/0$/.test(v.trim()));
}

/** The known strings of a list attribute, and the positions of the elements known only after apply. */
function strings(view: ValueView): { readonly known: string[]; readonly unknownAt: number[] } | 'unknown' {
  const items = view.list();
  if (items.kind === 'unknown') return 'unknown';
  if (items.kind === 'absent') return { known: [], unknownAt: [] };
  const values = items.value.map((item) => item.string());
  return { known: values.flatMap((v) => (v.kind === 'known' ? [v.value] : [])), unknownAt: values.flatMap((v, i) => (v.kind === 'unknown' ? [i] : [])) };
}

/** An identifier known only after apply is a fixed principal when it references an IAM identity being created (its ARN or id). */
function referencesIdentity(graph: Graph, document: Resource, path: PathSeg[]): boolean {
  const target = graph.resolve(document, path);
  return target.status === 'resources' && target.targets.length > 0 && target.targets.every((t) => t.mode === 'managed' && /^aws(?:cc)?_iam_/.test(t.type));
}

/** `principals` blocks of a statement block: is `"*"` among them ('yes'), only fixed ones ('no'), or cannot tell? */
function everyoneIn(graph: Graph, document: Resource, statement: ValueView, path: PathSeg[]): Verdict {
  const excepted = statement.get('not_principals').blocks();
  if (excepted.kind === 'unknown') return 'unknown';
  if (excepted.kind === 'known' && excepted.value.length > 0) return 'yes';
  const blocks = statement.get('principals').blocks();
  if (blocks.kind === 'unknown') return 'unknown';
  if (blocks.kind === 'absent') return 'no';
  return anyOf(
    blocks.value.map((block, j): Verdict => {
      const ids = strings(block.get('identifiers'));
      if (ids === 'unknown' || block.get('type').string().kind !== 'known') return 'unknown';
      if (ids.known.some(isOpen)) return 'yes';
      return ids.unknownAt.every((k) => referencesIdentity(graph, document, [...path, 'principals', j, 'identifiers', k])) ? 'no' : 'unknown';
    }),
  );
}

/** `condition` blocks of a statement block: does one limit the callers? */
function conditionsOf(statement: ValueView): 'limits' | 'open' | 'unknown' {
  const blocks = statement.get('condition').blocks();
  if (blocks.kind === 'unknown') return 'unknown';
  if (blocks.kind === 'absent') return 'open';
  let unsure = false;
  for (const block of blocks.value) {
    const test = block.get('test').string();
    const variable = block.get('variable').string();
    const values = strings(block.get('values'));
    if (test.kind === 'known' && variable.kind === 'known' && values !== 'unknown' && values.unknownAt.length === 0) {
      if (limits(test.value, variable.value, values.known)) return 'limits';
    } else unsure = true;
  }
  return unsure ? 'unknown' : 'open';
}

/**
 * A key policy the graph cannot read whole: judged from the known statements of its policy
 * document, if it is one. Public needs a known Allow, a known `"*"` principal (or
 * `not_principals`) and known conditions that limit nothing.
 */
function partlyKnownProblems(graph: Graph, holder: Resource, path: PathSeg[], source: string): Problem[] {
  const document = policyDocumentOf(graph, holder, path);
  const verdict = document
    ? judgeStatements(document, (statement, at) => {
        const everyone = everyoneIn(graph, document, statement, at);
        if (everyone === 'no') return 'no';
        const conditions = conditionsOf(statement);
        if (conditions === 'limits') return 'no';
        return everyone === 'yes' && conditions === 'open' ? 'yes' : 'unknown';
      })
    : 'unknown';
  if (verdict === 'no') return [];
  if (document && verdict === 'yes') return [failed(`in ${source}, ${document.address} has a statement that allows every principal (\`"*"\`) with no condition that limits the callers: the key is public. ${FIX}`)];
  return [undecided(`${source} is known only after apply (or is not a readable policy document), so the gate cannot vouch that the key is not public. ${FIX}`)];
}

/** A principal the code names by a token: fixed when it is the ARN of an IAM identity of the input. */
function isIdentityArn(graph: Graph, holder: Resource, id: string): boolean {
  const target = tokenTarget(id);
  const resource = target && graph.byAddress(holder.input, target.address);
  return resource !== undefined && target?.attribute === 'arn' && resource.mode === 'managed' && /^aws(?:cc)?_iam_/.test(resource.type);
}

/** Whether a principal read with its code may not be `*` as a whole and holds no wildcard of its own. */
const namesFixed = (id: string): boolean => !mayBeStar(id) && !/[*?]/.test(ownText(id));

/**
 * A principal the code writes as an ARN around tokens (`arn:aws:iam::${data.aws_caller_identity.c.account_id}:root`),
 * or as a token alone of a value that is never `*` (`data.aws_caller_identity.current.arn`): it may
 * not be `*` as a whole, and its own text holds no wildcard, so it names fixed principals (IAM takes
 * no wildcard inside a principal's ARN).
 */
const isFixedArn = (id: string): boolean => namesFixed(id) && (ownText(id).startsWith('arn:') || ownText(id) === '');

/** A service principal the code writes around tokens (`logs.${data.aws_region.current.name}.amazonaws.com`): one service, never every principal. */
const isFixedService = (id: string): boolean => namesFixed(id) && ownText(id) !== '';

/**
 * Whether a statement allows every principal without a condition that limits the callers, its
 * strings read as written or (`token`) with symbolic tokens.
 */
function publicity(graph: Graph, holder: Resource, s: PolicyStatement, token: TokenTest): Verdict {
  if (s.effect !== 'Allow') return 'no';
  const entries = conditionEntries(s);
  // A value read with its code that is never `*` and writes no wildcard (`data.aws_caller_identity.c.account_id`) is a fixed value.
  const decided = entries.filter((e) => e.values.every((v) => !token(v) || namesFixed(fixedPart(e.key, v))));
  if (decided.some((e) => limits(e.operator, e.key, e.values))) return 'no';
  const conditionsKnown = decided.length === entries.length;
  let everyone: Verdict = s.notPrincipals !== undefined ? 'yes' : 'no';
  for (const [kind, ids] of Object.entries(s.principals ?? {})) {
    if (kind === '*' || ids.some((id) => !token(id) && isOpen(id))) everyone = 'yes';
    else if (everyone === 'no' && ids.some((id) => token(id) && !isIdentityArn(graph, holder, id) && !(kind === 'Service' ? isFixedService(id) : isFixedArn(id)))) everyone = 'unknown';
  }
  if (everyone === 'no') return 'no';
  return everyone === 'yes' && conditionsKnown ? 'yes' : 'unknown';
}

/** A key policy known only after apply, read with its code. */
function codeProblems(graph: Graph, holder: Resource, reading: PolicyReading, source: string, quoteSid: boolean): Problem[] {
  const verdicts = reading.statements.map((s) => publicity(graph, holder, s, hasToken));
  if (verdicts.includes('yes')) {
    return reading.statements
      .filter((_, i) => verdicts[i] === 'yes')
      .map((s) => failed(`in ${source}, read from its code, ${statementName(s, quoteSid)} allows every principal (\`"*"\`) with no condition that limits the callers: the key is public. ${FIX}`));
  }
  if (verdicts.includes('unknown') || reading.unreadable > 0) {
    // Which statements: those read whose principals or conditions are not, then how many could not be read at all.
    const names = reading.statements.filter((_, i) => verdicts[i] === 'unknown').map((s) => statementName(s, quoteSid));
    const unnamed = names.filter((name) => name === 'a statement').length;
    const where = [
      ...[...new Set(names.filter((name) => name !== 'a statement'))].map((name) => `in ${name}`),
      ...(unnamed === 0 ? [] : [unnamed === 1 ? 'in a statement' : `in ${unnamed} statements`]),
      ...(reading.unreadable === 0 ? [] : [`${reading.unreadable === 1 ? 'one statement' : `${reading.unreadable} statements`} it cannot read at all`]),
    ];
    return [undecided(`${source} is known only after apply, and its code names principals or conditions the gate cannot read before then (${where.join('; ')}), so the gate cannot vouch that the key is not public. ${FIX}`)];
  }
  return [];
}

function problems(graph: Graph, key: Resource): Problem[] {
  const sources = SOURCES[key.type];
  const lookup = governingPolicies(graph, key, sources);
  // Without a key policy of its own, a key gets the default one, which trusts only its account.
  if (lookup.status === 'none') return [];
  if (lookup.status !== 'found') return [undecided(`${lookup.message}. ${FIX}`)];
  return lookup.policies.flatMap((policy) => policyProblems(graph, policy));
}

/**
 * An `aws_kms_key_policy` whose `key_id` names no key of the input (a key looked up by a data
 * source, a literal id): applied, it is the policy of a key that exists, judged here on its own.
 * One that names a key of the input is judged as that key's policy.
 */
function keyPolicyOutcome(graph: Graph, policy: Resource): Outcome | Outcome[] {
  const key = graph.resolve(policy, ['key_id'], Object.keys(SOURCES));
  if (key.status === 'resources' && key.targets.every((target) => target.mode === 'managed')) return notApplicable();
  return outcomesOf(policyProblems(graph, { source: '`policy`', statements: graph.policy(policy, ['policy']), holder: policy, attribute: 'policy' }));
}

function policyProblems(graph: Graph, policy: GoverningPolicy): Problem[] {
  if (policy.statements.kind === 'absent') return [];
  const quoteSid = !policy.holder.attr(policy.attribute).isSensitive;
  if (policy.statements.kind === 'unknown') {
    // Known, but no document read: a statement without an Effect of Allow or Deny, a malformed principal or condition.
    const value = policy.holder.attr(policy.attribute);
    if (!value.isUnknown && !value.isAbsent) return [undecided(`${policy.source} is not a policy document the gate reads (a statement without an \`Effect\` of Allow or Deny, or a malformed \`Principal\`, \`Action\` or \`Condition\`); AWS refuses a malformed key policy, and the gate cannot vouch for this one. ${FIX}`)];
    const path = [policy.attribute];
    const reading = graph.codePolicy(policy.holder, path);
    const code = reading.kind === 'known' ? codeProblems(graph, policy.holder, reading.value, policy.source, quoteSid) : undefined;
    return eitherReading(code, () => partlyKnownProblems(graph, policy.holder, path, policy.source));
  }
  // Shown read back by a plan checked without its code, which may make it null (then not set): unknown, not failed.
  const problem = policy.maybeUnset ? undecided : failed;
  const readBack = policy.maybeUnset ? readBackNote(policy, 'this key') : '';
  return policy.statements.value
    .filter((s) => publicity(graph, policy.holder, s, AS_WRITTEN) === 'yes')
    .map((s) => problem(`in ${policy.source}, ${statementName(s, quoteSid)} allows every principal (\`"*"\`) with no condition that limits the callers to fixed accounts, principals or networks: the key is public${readBack}. ${FIX}`));
}

export default defineRule({
  id: 'kms-key-not-public',
  title: 'KMS key policies do not make keys public',
  category: 'access',
  severity: 'critical',
  rationale:
    'A customer-managed key protects the TwinMaker workspace bucket, the trail and every SSE-KMS resource only while its key policy keeps others out. A statement that allows `"*"` without a condition on the caller lets any AWS account use the key: decrypt what it protects, or create grants.',
  remediation: FIX,
  references: [
    securityHub('KMS.5', 'KMS keys should not be publicly accessible'),
    configRule('kms-key-policy-no-public-access'),
    awsDoc('AWS KMS: Key policies in AWS KMS', 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html'),
  ],
  appliesTo: [...Object.keys(SOURCES), 'aws_kms_key_policy'],
  evaluate: managedOnly((resource, { graph }) => (resource.type === 'aws_kms_key_policy' ? keyPolicyOutcome(graph, resource) : outcomesOf(problems(graph, resource)))),
});
