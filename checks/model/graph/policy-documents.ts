/**
 * Policies of resources: a known JSON string, or a reference to an `aws_iam_policy_document` data
 * source whose `json` is known or whose `statement` blocks are all known. Anything else is unknown
 * (`policyAt`). Read with its code (`codePolicyAt`), a policy known only after apply is the code of
 * its value evaluated symbolically (symbolic.ts), or its data source's statements with the lists
 * known only after apply read from their code; statements that cannot be read are counted.
 */
import { UNKNOWN as UNKNOWN_PART } from '../evaluate';
import { mergesDocuments, parsePolicyDocument, POLICY_DOCUMENT_TYPE, readStatements } from '../policy';
import { record } from '../records';
import { OPAQUE, referenceToken } from '../symbolic';
import type { ConfigNode, PolicyReading, PolicyStatement, Resource } from '../types';
import { ABSENT, known, type PathSeg, UNKNOWN, type Val, type ValueView } from '../value';
import { configAt, referencesIn } from './config';
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

/** `principals { type, identifiers }` blocks as a principal map; `null` when unknown. */
function principalBlocks(view: ValueView): Record<string, string[]> | undefined | null {
  const blocks = view.blocks();
  if (blocks.kind === 'unknown') return null;
  if (blocks.kind === 'absent' || blocks.value.length === 0) return undefined;
  const out = record<string[]>();
  for (const block of blocks.value) {
    const type = block.get('type').string();
    const ids = block.get('identifiers').stringList();
    if (type.kind !== 'known' || ids.kind !== 'known') return null;
    out[type.value] = [...(out[type.value] ?? []), ...ids.value];
  }
  return out;
}

/** `condition { test, variable, values }` blocks; `null` when unknown. */
function conditionBlocks(view: ValueView): Record<string, Record<string, string[]>> | null {
  const blocks = view.blocks();
  if (blocks.kind === 'unknown') return null;
  const out = record<Record<string, string[]>>();
  for (const block of blocks.kind === 'known' ? blocks.value : []) {
    const test = block.get('test').string();
    const variable = block.get('variable').string();
    const values = block.get('values').stringList();
    if (test.kind !== 'known' || variable.kind !== 'known' || values.kind !== 'known') return null;
    const byKey = (out[test.value] ??= record<string[]>());
    byKey[variable.value] = [...(byKey[variable.value] ?? []), ...values.value];
  }
  return out;
}

/** Reads one list argument of a statement block (`resources`…); `null` when unknown. */
type ListReader = (block: ValueView, key: string) => string[] | undefined | null;

const knownList: ListReader = (block, key) => optionalList(block.get(key));

function statementBlock(block: ValueView, list: ListReader = knownList): PolicyStatement | null {
  const effect = block.get('effect').string();
  const sid = block.get('sid').string();
  if (effect.kind === 'unknown' || sid.kind === 'unknown') return null;
  const effectValue = effect.kind === 'known' ? effect.value : 'Allow';
  if (effectValue !== 'Allow' && effectValue !== 'Deny') return null;
  const lists = {
    actions: list(block, 'actions'),
    notActions: list(block, 'not_actions'),
    resources: list(block, 'resources'),
    notResources: list(block, 'not_resources'),
    principals: principalBlocks(block.get('principals')),
    notPrincipals: principalBlocks(block.get('not_principals')),
  };
  const conditions = conditionBlocks(block.get('condition'));
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
    return value === referenceToken(document.address, 'json') || value === referenceToken(document.address, 'minified_json') ? document : undefined;
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
function symbolicList(ctx: InputContext, from: Resource, node: ConfigNode | undefined): string[] | null {
  const value = symbolicValue(ctx, frameOf(from), node);
  if (!Array.isArray(value)) return null;
  const out: string[] = [];
  for (const item of value) {
    if (item === UNKNOWN_PART) out.push(OPAQUE);
    else if (typeof item === 'string') out.push(item);
    else return null;
  }
  return out;
}

/** A policy document data source read with its code: a list known only after apply is read from its code. */
function documentWithCode(ctx: InputContext, document: Resource): Val<PolicyReading> {
  const json = document.values.get('json').string();
  if (json.kind === 'known') {
    const reading = readStatements(json.value);
    return reading ? known(reading) : UNKNOWN;
  }
  if (mergesDocuments(document.values)) return UNKNOWN;
  const blocks = document.values.get('statement').blocks();
  if (blocks.kind === 'unknown') return UNKNOWN;
  const statements: PolicyStatement[] = [];
  let unreadable = 0;
  (blocks.kind === 'known' ? blocks.value : []).forEach((block, index) => {
    const list: ListReader = (view, key) => {
      const written = knownList(view, key);
      return written !== null ? written : symbolicList(ctx, document, configAt(document.data.config, ['statement', index, key]));
    };
    const statement = statementBlock(block, list);
    if (statement === null) unreadable += 1;
    else statements.push(statement);
  });
  return known({ statements, unreadable, symbolic: true });
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
