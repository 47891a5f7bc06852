/**
 * IAM policy documents, normalized for rules: single values become arrays, `Principal: "*"` becomes
 * `{ '*': ['*'] }`, condition values become string arrays. A document that is not valid JSON or not
 * shaped like a policy is `undefined`: the rule says it cannot read it, never that it passes.
 */
import type { PolicyReading, PolicyStatement } from './types';
import { record } from './records';
import { hasToken } from './symbolic';
import type { ValueView } from './value';

/** The data source that builds policy documents in Terraform. */
export const POLICY_DOCUMENT_TYPE = 'aws_iam_policy_document';

/** Arguments that merge other documents in: the statements alone do not say what the policy is. */
const MERGING = ['source_json', 'override_json', 'source_policy_documents', 'override_policy_documents'];

/**
 * Whether an `aws_iam_policy_document` (its values) merges other documents into its statements. An
 * empty list merges nothing (modules pass `source_policy_documents = var.source_policy_documents`,
 * `[]` by default).
 */
export const mergesDocuments = (values: ValueView): boolean =>
  MERGING.some((attr) => {
    const view = values.get(attr);
    const list = view.isAbsent ? undefined : view.list();
    return list !== undefined && !(list.kind === 'known' && list.value.length === 0);
  });

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

const scalarString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** A string or a list of strings, as an array; `null` when the value has another shape. */
function stringArray(value: unknown): string[] | null {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    const s = scalarString(item);
    if (s === undefined) return null;
    out.push(s);
  }
  return out;
}

/** `"*"` or `{ AWS: "arn" | [...], Service: … }`. */
function principals(value: unknown): Record<string, string[]> | null {
  if (value === '*') return { '*': ['*'] };
  if (!isObject(value)) return null;
  const out = record<string[]>();
  for (const [kind, ids] of Object.entries(value)) {
    const list = stringArray(ids);
    if (list === null) return null;
    out[kind] = list;
  }
  return out;
}

function conditions(value: unknown): Record<string, Record<string, string[]>> | null {
  if (value === undefined) return {};
  if (!isObject(value)) return null;
  const out = record<Record<string, string[]>>();
  for (const [operator, entries] of Object.entries(value)) {
    if (!isObject(entries)) return null;
    out[operator] = record<string[]>();
    for (const [key, values] of Object.entries(entries)) {
      const list = stringArray(values);
      if (list === null) return null;
      out[operator][key] = list;
    }
  }
  return out;
}

const LISTS = [
  ['Action', 'actions'],
  ['NotAction', 'notActions'],
  ['Resource', 'resources'],
  ['NotResource', 'notResources'],
] as const;

function statement(value: unknown): PolicyStatement | undefined {
  if (!isObject(value) || (value.Effect !== 'Allow' && value.Effect !== 'Deny')) return undefined;
  const out: { -readonly [K in keyof PolicyStatement]: PolicyStatement[K] } = { effect: value.Effect, conditions: {} };
  if (value.Sid !== undefined) {
    if (typeof value.Sid !== 'string') return undefined;
    out.sid = value.Sid;
  }
  for (const [json, key] of LISTS) {
    if (value[json] === undefined) continue;
    const list = stringArray(value[json]);
    if (list === null) return undefined;
    out[key] = list;
  }
  for (const [json, key] of [['Principal', 'principals'], ['NotPrincipal', 'notPrincipals']] as const) {
    if (value[json] === undefined) continue;
    const parsed = principals(value[json]);
    if (parsed === null) return undefined;
    out[key] = parsed;
  }
  const parsedConditions = conditions(value.Condition);
  if (parsedConditions === null) return undefined;
  out.conditions = parsedConditions;
  return out;
}

/** The raw statements of a policy document (a JSON string or a parsed object); `undefined` when it has none. */
function rawStatements(json: unknown): unknown[] | undefined {
  let document = json;
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json);
    } catch {
      return undefined;
    }
  }
  if (!isObject(document) || document.Statement === undefined) return undefined;
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

/**
 * Parses a policy document given as a JSON string or an already-parsed object. `undefined` when
 * it is not valid JSON, has no `Statement`, or a statement is malformed.
 */
export function parsePolicyDocument(json: unknown): PolicyStatement[] | undefined {
  const raw = rawStatements(json);
  if (raw === undefined) return undefined;
  const out: PolicyStatement[] = [];
  for (const item of raw) {
    const parsed = statement(item);
    if (parsed === undefined) return undefined;
    out.push(parsed);
  }
  return out;
}

/**
 * A policy document read statement by statement (`PolicyReading`): a malformed statement is
 * counted as unreadable instead of making the document unreadable. `undefined` when the document
 * itself cannot be read.
 */
export function readStatements(json: unknown): PolicyReading | undefined {
  const raw = rawStatements(json);
  if (raw === undefined) return undefined;
  const statements: PolicyStatement[] = [];
  for (const item of raw) {
    const parsed = statement(item);
    if (parsed !== undefined) statements.push(parsed);
  }
  return { statements, unreadable: raw.length - statements.length, symbolic: typeof json !== 'string' || hasToken(json) };
}
