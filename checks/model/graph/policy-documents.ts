/**
 * Policies of resources: a known JSON string, or a reference to an `aws_iam_policy_document` data
 * source whose `json` is known or whose `statement` blocks are all known. Anything else is unknown.
 */
import { mergesDocuments, parsePolicyDocument, POLICY_DOCUMENT_TYPE } from '../policy';
import { record } from '../records';
import type { PolicyStatement, Resource } from '../types';
import { ABSENT, known, type PathSeg, UNKNOWN, type Val, type ValueView } from '../value';
import { configAt, referencesIn } from './config';
import type { InputContext } from './context';
import { resolveAttribute } from './references';


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

function statementBlock(block: ValueView): PolicyStatement | null {
  const effect = block.get('effect').string();
  const sid = block.get('sid').string();
  if (effect.kind === 'unknown' || sid.kind === 'unknown') return null;
  const effectValue = effect.kind === 'known' ? effect.value : 'Allow';
  if (effectValue !== 'Allow' && effectValue !== 'Deny') return null;
  const lists = {
    actions: optionalList(block.get('actions')),
    notActions: optionalList(block.get('not_actions')),
    resources: optionalList(block.get('resources')),
    notResources: optionalList(block.get('not_resources')),
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

export function policyAt(ctx: InputContext, resource: Resource, path: readonly PathSeg[]): Val<readonly PolicyStatement[]> {
  const view = resource.values.get(...path);
  if (!view.isUnknown && !view.isAbsent) return parsed(view.raw);
  if (view.isAbsent && referencesIn(configAt(resource.data.config, path)).length === 0) return ABSENT;
  const target = resolveAttribute(ctx, resource, path, [POLICY_DOCUMENT_TYPE]);
  if (target.status !== 'resources' || target.targets.length !== 1 || target.targets[0].mode !== 'data') return UNKNOWN;
  return documentStatements(target.targets[0]);
}
