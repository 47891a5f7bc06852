/**
 * Policies of resources: a known JSON string, or a reference to an `aws_iam_policy_document` data
 * source whose `json` is known or whose `statement` blocks are all known. Anything else is unknown
 * (`policyAt`). Read with its code (`codePolicyAt`), a policy known only after apply is the code of
 * its value evaluated symbolically (symbolic.ts), or its data source's statements with the lists
 * known only after apply read from their code; statements that cannot be read are counted.
 */
import { UNKNOWN as UNKNOWN_PART } from '../evaluate';
import { mergesDocuments, parsePolicyDocument, POLICY_DOCUMENT_TYPE, readStatements } from '../policy';
import { isRecord, record } from '../records';
import { hasToken, OPAQUE, referenceToken } from '../symbolic';
import type { ConfigNode, PolicyReading, PolicyStatement, Resource } from '../types';
import { ABSENT, known, type PathSeg, UNKNOWN, type Val, ValueView } from '../value';
import { configAt, constantView, referencesIn } from './config';
import type { InputContext } from './context';
import { frameOf, resolveAttribute } from './references';
import { symbolicValue } from './symbolic-references';


const parsed = (json: unknown): Val<readonly PolicyStatement[]> => {
  const statements = parsePolicyDocument(json);
  return statements ? known(statements) : UNKNOWN;
};

/** An optional list of strings; `null` when unknown. */
function optionalList(view: ValueView): string[] | undefined | null {
  const list = view.stringList();
  if (list.kind === 'unknown') return null;
  return list.kind === 'known' && list.value.length > 0 ? list.value : undefined;
}

/**
 * Reads one list of strings of a statement block: `view` is the list, `at` its path in the statement
 * (`['actions']`, `['principals', 0, 'identifiers']`); `undefined` when absent or empty, `null` when unknown.
 */
type ListReader = (view: ValueView, at: readonly PathSeg[]) => string[] | undefined | null;

const knownList: ListReader = (view) => optionalList(view);

/**
 * Blocks of a statement known only after apply read from their code (`dynamic "principals"` over `try(statement.value.principals, [])`
 * of a value not wholly known: HCL's try() is unknown at plan, its first argument once applied): what each block holds, by name.
 */
type MadeBlocks = (key: string) => unknown;

/** `principals { type, identifiers }` blocks (at `key`) as a principal map; `null` when unknown. */
function principalBlocks(statement: ValueView, key: string, list: ListReader, made?: MadeBlocks): Record<string, string[]> | undefined | null {
  const blocks = statement.get(key).blocks();
  if (blocks.kind === 'unknown') return made === undefined ? null : principalsMade(made(key), list);
  if (blocks.kind === 'absent' || blocks.value.length === 0) return undefined;
  const out = record<string[]>();
  for (const [i, block] of blocks.value.entries()) {
    const type = block.get('type').string();
    const ids = list(block.get('identifiers'), [key, i, 'identifiers']);
    if (type.kind !== 'known' || ids === null) return null;
    out[type.value] = [...(out[type.value] ?? []), ...(ids ?? [])];
  }
  return out;
}

/**
 * Principal blocks as their code makes them (`MadeBlocks`): each one's type a string the code fixes, its identifiers
 * strings, tokens among them (an element not known is `OPAQUE`), read as `list` reads them; `null` for anything else.
 */
function principalsMade(blocks: unknown, list: ListReader): Record<string, string[]> | undefined | null {
  if (!Array.isArray(blocks)) return null;
  const out = record<string[]>();
  for (const block of blocks) {
    const type = isRecord(block) ? block.type : undefined;
    const written = isRecord(block) ? block.identifiers : undefined;
    if (typeof type !== 'string' || hasToken(type) || !(Array.isArray(written) || written === null || written === undefined)) return null;
    const items = (written ?? []).map((item) => (item === UNKNOWN_PART ? OPAQUE : item));
    if (!items.every((item): item is string => typeof item === 'string')) return null;
    const ids = list(new ValueView(items, undefined), []);
    if (ids === null) return null;
    out[type] = [...(out[type] ?? []), ...(ids ?? [])];
  }
  return blocks.length > 0 ? out : undefined;
}

/** `condition { test, variable, values }` blocks; `null` when unknown. */
function conditionBlocks(statement: ValueView, list: ListReader): Record<string, Record<string, string[]>> | null {
  const blocks = statement.get('condition').blocks();
  if (blocks.kind === 'unknown') return null;
  const out = record<Record<string, string[]>>();
  for (const [i, block] of (blocks.kind === 'known' ? blocks.value : []).entries()) {
    const test = block.get('test').string();
    const variable = block.get('variable').string();
    const values = list(block.get('values'), ['condition', i, 'values']);
    if (test.kind !== 'known' || variable.kind !== 'known' || values === null) return null;
    const byKey = (out[test.value] ??= record<string[]>());
    byKey[variable.value] = [...(byKey[variable.value] ?? []), ...(values ?? [])];
  }
  return out;
}

/**
 * The conditions of an Allow whose `condition` blocks are known only after apply (terraform-aws-kms'
 * `dynamic "condition" { for_each = try(statement.value.conditions, []) }`): one condition of which
 * nothing is known. Conditions only narrow an Allow, so its principals and actions still tell what
 * it may grant at most; a check that a condition would satisfy finds tokens there and cannot pass it.
 */
const UNREAD_CONDITIONS: Readonly<Record<string, Record<string, string[]>>> = { [OPAQUE]: { [OPAQUE]: [OPAQUE] } };

/**
 * A list reader whose strings are written as the provider writes them into the document's `json`:
 * `&{aws:username}` becomes the policy variable `${aws:username}` in resources, principals and
 * condition values (HCL would read `${…}` as its own interpolation, so the provider takes `&{…}`
 * there instead). Actions are copied as written. Version 2008-10-17 refuses `&{` at plan.
 */
const withPolicyVariables =
  (read: ListReader): ListReader =>
  (view, at) => {
    const list = read(view, at);
    return list ? list.map((item) => item.replace(/&\{/g, () => '${')) : list;
  };

/**
 * A statement block as a statement; `null` when it cannot be read. `withCode`: read with its code,
 * where an Allow keeps a list known only after apply as one value not known (a check that reads
 * Allows takes it as anything, policy.ts; it is never the Deny another check looks for), and
 * conditions known only after apply as `UNREAD_CONDITIONS`.
 */
function statementBlock(block: ValueView, readList: ListReader = knownList, withCode = false, made?: MadeBlocks): PolicyStatement | null {
  const effect = block.get('effect').string();
  const sid = block.get('sid').string();
  if (effect.kind === 'unknown' || sid.kind === 'unknown') return null;
  const effectValue = effect.kind === 'known' ? effect.value : 'Allow';
  if (effectValue !== 'Allow' && effectValue !== 'Deny') return null;
  const opaqueWhenUnknown: ListReader = (view, at) => {
    const read = readList(view, at);
    return read === null ? [OPAQUE] : read;
  };
  const list = withCode && effectValue === 'Allow' ? opaqueWhenUnknown : readList;
  const replacing = withPolicyVariables(list);
  const lists = {
    actions: list(block.get('actions'), ['actions']),
    notActions: list(block.get('not_actions'), ['not_actions']),
    resources: replacing(block.get('resources'), ['resources']),
    notResources: replacing(block.get('not_resources'), ['not_resources']),
    principals: principalBlocks(block, 'principals', replacing, made),
    notPrincipals: principalBlocks(block, 'not_principals', replacing, made),
  };
  const conditions = conditionBlocks(block, replacing) ?? (list === opaqueWhenUnknown ? UNREAD_CONDITIONS : null);
  if (conditions === null || Object.values(lists).some((v) => v === null)) return null;
  const out: Record<string, unknown> = { effect: effectValue, conditions };
  if (sid.kind === 'known' && sid.value !== '') out.sid = sid.value;
  for (const [key, value] of Object.entries(lists)) if (value !== undefined) out[key] = value;
  return out as unknown as PolicyStatement;
}

/** The statements of a policy document data source: its known `json`, else its known `statement` blocks. */
function documentStatements(document: Resource): Val<readonly PolicyStatement[]> {
  const json = document.values.get('json').string();
  if (json.kind === 'known') return parsed(json.value);
  if (mergesDocuments(document.values)) return UNKNOWN;
  const blocks = document.values.get('statement').blocks();
  if (blocks.kind === 'unknown') return UNKNOWN;
  const out: PolicyStatement[] = [];
  for (const block of blocks.kind === 'known' ? blocks.value : []) {
    const statement = statementBlock(block);
    if (statement === null) return UNKNOWN;
    out.push(statement);
  }
  return known(out);
}

/**
 * The policy document data source whose `json` the policy at `path` is, as it stands; undefined
 * when it is not one (`replace(data.aws_iam_policy_document.p.json, "_ARN_", aws_s3_bucket.b.arn)`
 * is not `p`'s statements, and neither is a choice between it and a variable). Read with its code,
 * the value must be that source's `json` (or `minified_json`) itself. Without code, its references
 * must name that source alone, and the source's `json` must not be known where the policy is not
 * (they would differ); a plan's configuration lists only references, so a function of the `json`
 * and constants alone passes for it there.
 */
function documentOf(ctx: InputContext, resource: Resource, path: readonly PathSeg[]): Resource | undefined {
  const named = resolveAttribute(ctx, resource, path, undefined);
  if (named.status !== 'resources' || named.targets.length !== 1 || named.partly) return undefined;
  const [document] = named.targets;
  if (document.mode !== 'data' || document.type !== POLICY_DOCUMENT_TYPE) return undefined;
  const node = configAt(resource.data.config, path);
  if (node?.kind === 'expr' && node.source !== undefined) {
    const value = symbolicValue(ctx, frameOf(resource), node);
    // What the reference to its json stands for: the json its code makes, else its token.
    const json = documentJsonFromCode(ctx, document, 0);
    const own = json !== undefined ? [json] : [referenceToken(document.address, 'json'), referenceToken(document.address, 'minified_json')];
    return own.includes(value as string) ? document : undefined;
  }
  return document.values.get('json').isUnknown ? document : undefined;
}

export function policyAt(ctx: InputContext, resource: Resource, path: readonly PathSeg[]): Val<readonly PolicyStatement[]> {
  const view = resource.values.get(...path);
  if (!view.isUnknown && !view.isAbsent) return parsed(view.raw);
  if (view.isAbsent && referencesIn(configAt(resource.data.config, path)).length === 0) return ABSENT;
  const document = documentOf(ctx, resource, path);
  return document ? documentStatements(document) : UNKNOWN;
}

/** A list of strings evaluated symbolically; an element not known is `OPAQUE` (still a string). */
function symbolicList(ctx: InputContext, from: Resource, node: ConfigNode | undefined, depth: number): string[] | null {
  const value = symbolicValue(ctx, frameOf(from), node, depth);
  if (!Array.isArray(value)) return null;
  const out: string[] = [];
  for (const item of value) {
    if (item === UNKNOWN_PART) out.push(OPAQUE);
    else if (typeof item === 'string') out.push(item);
    else return null;
  }
  return out;
}

/**
 * A document's `statement` blocks: its values, or where they are known only after apply because a
 * `dynamic "statement"` beside written ones is (`more`), the written ones from the configuration
 * and, for the made ones, one statement that cannot be read. Undefined when no block is known.
 */
function writtenStatements(document: Resource): { views: ValueView[]; more: boolean } | undefined {
  const blocks = document.values.get('statement').blocks();
  if (blocks.kind !== 'unknown') return { views: blocks.kind === 'known' ? blocks.value : [], more: false };
  const node = configAt(document.data.config, ['statement']);
  return node?.kind === 'list' && node.more ? { views: node.items.slice(0, -1).map(constantView), more: true } : undefined;
}

/** The statement blocks of a policy document data source, a list known only after apply read from its code; undefined when the blocks are not known. */
function ownStatementsWithCode(ctx: InputContext, document: Resource, depth: number): { statements: PolicyStatement[]; unreadable: number } | undefined {
  const blocks = writtenStatements(document);
  if (blocks === undefined) return undefined;
  const statements: PolicyStatement[] = [];
  let unreadable = blocks.more ? 1 : 0;
  blocks.views.forEach((block, index) => {
    const list: ListReader = (view, at) => {
      const written = optionalList(view);
      if (written !== null) return written;
      const code = symbolicList(ctx, document, configAt(document.data.config, ['statement', index, ...at]), depth);
      return code === null || code.length > 0 ? code : undefined;
    };
    const made: MadeBlocks = (key) => symbolicValue(ctx, frameOf(document), configAt(document.data.config, ['statement', index, key]), depth);
    const statement = statementBlock(block, list, true, made);
    if (statement === null) unreadable += 1;
    else statements.push(statement);
  });
  return { statements, unreadable };
}

/**
 * `statements` merged into `into` as the provider merges policy documents: a statement with the
 * Sid of one already there takes its place; any other is added at the end.
 */
function mergeStatements(into: readonly PolicyStatement[], statements: readonly PolicyStatement[]): PolicyStatement[] {
  const out = [...into];
  for (const statement of statements) {
    const at = statement.sid ? out.findIndex((s) => s.sid === statement.sid) : -1;
    if (at >= 0) out[at] = statement;
    else out.push(statement);
  }
  return out;
}

/** Whether two statements of `statements` share a Sid (the provider refuses it). */
const repeatsSid = (statements: readonly PolicyStatement[]): boolean => {
  const sids = statements.flatMap((s) => (s.sid ? [s.sid] : []));
  return new Set(sids).size !== sids.length;
};

/** The documents of `source_policy_documents` or `override_policy_documents`, read with the code, and how many of their statements cannot be read; undefined unless each is a document. */
function documentsAt(ctx: InputContext, document: Resource, attribute: string, depth: number): { documents: PolicyStatement[][]; unreadable: number } | undefined {
  const view = document.values.get(attribute);
  if (view.isAbsent) return { documents: [], unreadable: 0 };
  const list = view.hasUnknown ? symbolicValue(ctx, frameOf(document), configAt(document.data.config, [attribute]), depth) : view.raw;
  if (!Array.isArray(list)) return undefined;
  const documents: PolicyStatement[][] = [];
  let unreadable = 0;
  for (const item of list) {
    if (item === null) continue;
    const reading = typeof item === 'string' ? readStatements(item) : undefined;
    if (reading === undefined) return undefined;
    documents.push([...reading.statements]);
    unreadable += reading.unreadable;
  }
  return { documents, unreadable };
}

/**
 * The statements of a policy document data source read with its code, as the provider makes its
 * `json`: the `source_policy_documents` in order (their Sids unique), then its own statements, then
 * each of the `override_policy_documents`, a statement with an earlier one's Sid taking its place.
 * A statement that cannot be read is counted where it can take no known one's place: in a source
 * (Sids there are unique, or the provider refuses them), or among the document's own statements
 * when no source statement has a Sid. Undefined where any other part cannot be read (the deprecated
 * `source_json`/`override_json` too).
 */
function mergedStatementsWithCode(ctx: InputContext, document: Resource, depth: number): { statements: PolicyStatement[]; unreadable: number } | undefined {
  if (!document.values.get('source_json').isAbsent || !document.values.get('override_json').isAbsent) return undefined;
  const own = ownStatementsWithCode(ctx, document, depth);
  const sources = documentsAt(ctx, document, 'source_policy_documents', depth);
  const overrides = documentsAt(ctx, document, 'override_policy_documents', depth);
  if (own === undefined || repeatsSid(own.statements) || sources === undefined || overrides === undefined || overrides.unreadable > 0) return undefined;
  const sourced = sources.documents.flat();
  if (repeatsSid(sourced) || (own.unreadable > 0 && sourced.some((s) => s.sid))) return undefined;
  return { statements: overrides.documents.reduce(mergeStatements, mergeStatements(sourced, own.statements)), unreadable: sources.unreadable + own.unreadable };
}

/** A policy document data source read with its code: a list known only after apply is read from its code. */
function documentWithCode(ctx: InputContext, document: Resource): Val<PolicyReading> {
  const json = document.values.get('json').string();
  if (json.kind === 'known') {
    const reading = readStatements(json.value);
    return reading ? known(reading) : UNKNOWN;
  }
  const read = statementsWithCode(ctx, document, 0);
  return read ? known({ ...read, symbolic: true }) : UNKNOWN;
}

/** A document's statements read with its code, merged as the provider merges them where it merges documents (then read whole, or not at all). */
function statementsWithCode(ctx: InputContext, document: Resource, depth: number): { statements: PolicyStatement[]; unreadable: number } | undefined {
  return mergesDocuments(document.values) ? mergedStatementsWithCode(ctx, document, depth) : ownStatementsWithCode(ctx, document, depth);
}

/** A statement as IAM JSON writes it (what `policy.ts` reads back as the same statement). */
function statementJson(s: PolicyStatement): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(s.sid !== undefined ? { Sid: s.sid } : {}), Effect: s.effect };
  const principal = (map: Readonly<Record<string, readonly string[]>>) => (Object.keys(map).length === 1 && map['*']?.length === 1 && map['*'][0] === '*' ? '*' : map);
  if (s.actions) out.Action = s.actions;
  if (s.notActions) out.NotAction = s.notActions;
  if (s.resources) out.Resource = s.resources;
  if (s.notResources) out.NotResource = s.notResources;
  if (s.principals) out.Principal = principal(s.principals);
  if (s.notPrincipals) out.NotPrincipal = principal(s.notPrincipals);
  if (Object.keys(s.conditions).length > 0) out.Condition = s.conditions;
  return out;
}

/**
 * The `json` of a policy document data source known only after apply, as its code makes it (its
 * statements, merged as the provider merges documents; lists known only after apply with their
 * tokens): a policy that is a function of it (`replace()` of placeholders, another document's
 * `source_policy_documents`) can then be read. The same statements as the provider's `json`, not
 * its very text. Undefined where a statement cannot be read whole.
 */
export function documentJsonFromCode(ctx: InputContext, document: Resource, depth: number): string | undefined {
  // Once per document: documents that merge each other many times over would be read exponentially often.
  const made = madeJson.get(document);
  if (made !== undefined) return made ?? undefined;
  if (making.has(document)) return undefined; // a cycle of documents (Terraform refuses it)
  making.add(document);
  try {
    const json = jsonFromCode(ctx, document, depth);
    madeJson.set(document, json ?? null);
    return json;
  } finally {
    making.delete(document);
  }
}

/** The json made of each document, once (`null`: none). */
const madeJson = new WeakMap<Resource, string | null>();
const making = new WeakSet<Resource>();

function jsonFromCode(ctx: InputContext, document: Resource, depth: number): string | undefined {
  const read = statementsWithCode(ctx, document, depth);
  const version = document.values.get('version').string();
  if (read === undefined || version.kind === 'unknown') return undefined;
  // A statement that cannot be read is one whose Effect is not known: read back, it cannot be read either.
  const unread = Array.from({ length: read.unreadable }, () => ({ Effect: OPAQUE }));
  return JSON.stringify({ Version: version.kind === 'known' ? version.value : '2012-10-17', Statement: [...read.statements.map(statementJson), ...unread] });
}

/**
 * `resource`'s policy at `path` read with its code (see `Graph.codePolicy`): a known document, the
 * linked policy document data source, or the code of a value known only after apply
 * (`jsonencode({ … Resource = "${aws_s3_bucket.b.arn}/*" … })`) evaluated symbolically.
 */
export function codePolicyAt(ctx: InputContext, resource: Resource, path: readonly PathSeg[]): Val<PolicyReading> {
  const view = resource.values.get(...path);
  if (!view.isUnknown && !view.isAbsent) {
    const reading = readStatements(view.raw);
    return reading ? known(reading) : UNKNOWN;
  }
  const node = configAt(resource.data.config, path);
  if (view.isAbsent && referencesIn(node).length === 0) return ABSENT;
  const document = documentOf(ctx, resource, path);
  if (document) return documentWithCode(ctx, document);
  const value = symbolicValue(ctx, frameOf(resource), node);
  const reading = typeof value === 'string' ? readStatements(value) : undefined;
  return reading ? known(reading) : UNKNOWN;
}
