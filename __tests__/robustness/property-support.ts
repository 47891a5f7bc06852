/** What the property tests share: run counts, a random JSON value, random edits of a document, and the property itself. */
import fc from 'fast-check';
import type { InputKind } from '../../checks/model/types';
import { checkFile } from './harness';

/** Runs per property; TWINGUARD_PROPERTY_RUNS=1000 explores further (locally, not in `npm test`). */
export const RUNS = Number(process.env.TWINGUARD_PROPERTY_RUNS) || 25;
/** A run that takes longer than this counts as a hang. */
export const RUN_TIMEOUT_MS = 4000;

export const json = fc.jsonValue({ maxDepth: 3 });

type Edit = { readonly path: number[]; readonly op: 'delete' | 'replace' | 'stringify' | 'wrap'; readonly value: unknown };
const edit: fc.Arbitrary<Edit> = fc.record({ path: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }), op: fc.constantFrom('delete', 'replace', 'stringify', 'wrap'), value: json });

/** Applies an edit at the place `path` leads to (each number picks a child of the current node). */
function applyEdit(doc: unknown, e: Edit): void {
  let node = doc;
  for (let depth = 0; depth < e.path.length; depth++) {
    if (node === null || typeof node !== 'object') return;
    const container = node as Record<string, unknown>;
    const keys = Object.keys(container);
    if (keys.length === 0) return;
    const key = keys[e.path[depth] % keys.length];
    const child = container[key];
    const last = depth === e.path.length - 1 || child === null || typeof child !== 'object';
    if (!last) {
      node = child;
      continue;
    }
    if (e.op === 'delete') {
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key];
    } else if (e.op === 'replace') container[key] = e.value;
    else if (e.op === 'stringify') container[key] = JSON.stringify(child);
    else container[key] = [child];
    return;
  }
}

/** A copy of a document from `base` with one to four random edits. */
export const mutated = (base: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([doc, edits]) => {
    const copy = structuredClone(doc);
    for (const e of edits) applyEdit(copy, e);
    return copy;
  });


/**
 * The property: exit 0, 1 or 2; one stderr line on 2; no rule throws; and the same report on a
 * second run of the same input. `codes` counts the exit codes seen.
 */
export async function behaves(input: string, kind: InputKind, cwd: string, codes: Record<number, number>): Promise<void> {
  const first = await checkFile(input, cwd, kind);
  expect([0, 1, 2]).toContain(first.code);
  if (first.code === 2) {
    expect(first.stderr.trim().split('\n')).toHaveLength(1);
    expect(first.stderr).not.toMatch(/internal error/);
  }
  // The engine turns a rule that throws into a blocking `unknown` (fail closed), but a rule that
  // throws on a document of the input's shape is a bug all the same.
  expect(first.stdout).not.toMatch(/\brule [a-z0-9-]+ failed on /);
  codes[first.code] = (codes[first.code] ?? 0) + 1;
  expect(await checkFile(input, cwd, kind)).toEqual(first);
}
