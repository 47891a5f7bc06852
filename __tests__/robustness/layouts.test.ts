/**
 * The large-file path reads a few things from the bytes instead of parsing them: the address at the
 * start of a planned_values or prior_state element, and where a change's `before` lies
 * (`checks/model/plan/splitter.ts`). Whatever the layout — compact, pretty-printed, whitespace
 * anywhere between tokens, sections in any order, resources named like the keys it looks for,
 * addresses with escaped quotes, keys written twice inside an element — it must read exactly what
 * `JSON.parse` of the whole document reads.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../checks/errors';
import { loadPlanFile } from '../../checks/model/plan';
import type { LoadedInput } from '../../checks/model/types';

/** Runs per property; TWINGUARD_PROPERTY_RUNS=1000 explores further (locally, not in `npm test`). */
const RUNS = Number(process.env.TWINGUARD_PROPERTY_RUNS) || 60;
const AWS = 'registry.terraform.io/hashicorp/aws';

/** A key written before the real one: JSON.parse keeps the last, so the document means the real one. */
const DECOY = Symbol('decoy');
type Decoys = Record<string, unknown>;
type Doc = { [key: string]: unknown; [DECOY]?: Decoys };

/** JSON text with `space()` between every two tokens, and each object's decoys written first. */
function serialize(value: unknown, space: () => string): string {
  if (Array.isArray(value)) return `[${space()}${value.map((item) => serialize(item, space)).join(`${space()},${space()}`)}${space()}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const doc = value as Doc;
  const entries = [...Object.entries(doc[DECOY] ?? {}), ...Object.entries(doc)];
  const members = entries.map(([key, inner]) => `${JSON.stringify(key)}${space()}:${space()}${serialize(inner, space)}`);
  return `{${space()}${members.join(`${space()},${space()}`)}${space()}}`;
}

interface Spec {
  readonly type: string;
  readonly name: string;
  readonly index: number | string | undefined;
  readonly module: string;
  readonly actions: readonly string[];
  readonly after: Record<string, unknown>;
  readonly before: Record<string, unknown> | null;
  /** Where the resource also appears: planned_values, prior_state. */
  readonly planned: boolean;
  readonly prior: boolean;
  /** Only in planned_values / prior_state, not in resource_changes (a data source read at plan time, older Terraform). */
  readonly changed: boolean;
  /** Keys written twice: a first `change` entry, a first `before` in the change, a first `address` in module elements. */
  readonly decoys: 'none' | 'change' | 'before' | 'address';
}

const text = fc.oneof(fc.constantFrom('change', 'address', 'before', '"before":', '{"address":"x"}', 'a\\"b', '\\\\', 'é✓'), fc.string({ maxLength: 6 }));
/** A value in the layout of a change (`{"actions":[…],"before":…}`), nested where no change is. */
const changeLike = fc.constant({ actions: ['x'], before: { nested: 1 }, after: {} });
const values = fc.dictionary(
  fc.constantFrom('bucket', 'name', 'tags', 'address', 'change', 'before', 'index', 'description'),
  fc.oneof(text, fc.dictionary(text, text, { maxKeys: 2 }), changeLike),
  { maxKeys: 4 },
);
const spec: fc.Arbitrary<Spec> = fc.record({
  type: fc.constantFrom('aws_s3_bucket', 'aws_sqs_queue', 'aws_kms_key'),
  name: fc.constantFrom('change', 'address', 'before', 'actions', 'a', 'b', 'c'),
  index: fc.option(fc.oneof(fc.nat(2), fc.constantFrom('eu', 'q"x', 'a\\b', 'index')), { nil: undefined }),
  module: fc.constantFrom('', 'module.m', 'module.n["k\\"q"]', 'module.change'),
  actions: fc.constantFrom(['create'], ['no-op'], ['update'], ['delete', 'create'], ['create', 'delete'], ['read']),
  after: values,
  before: fc.option(values, { nil: null }),
  planned: fc.boolean(),
  prior: fc.boolean(),
  changed: fc.boolean(),
  decoys: fc.constantFrom('none', 'change', 'before', 'address'),
});

const indexSuffix = (index: number | string | undefined): string => (index === undefined ? '' : `[${JSON.stringify(index)}]`);
const addressOf = (s: Spec): string => `${s.module ? `${s.module}.` : ''}${s.type}.${s.name}${indexSuffix(s.index)}`;

function changeOf(s: Spec): Doc {
  const entry: Doc = {
    address: addressOf(s),
    ...(s.module ? { module_address: s.module } : {}),
    mode: 'managed',
    type: s.type,
    name: s.name,
    ...(s.index !== undefined ? { index: s.index } : {}),
    provider_name: AWS,
    change: { actions: s.actions, before: s.before, after: s.after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
  };
  // A first `change` in the layout the bytes are read in, whose values are not the real ones.
  if (s.decoys === 'change') entry[DECOY] = { change: { actions: ['no-op'], before: { decoy: true }, after: { decoy: true } } };
  // A first `before` in the real change: its layout is then not the one read from the bytes, and a
  // change-like value nested in `after` must not be taken for it.
  if (s.decoys === 'before') (entry.change as Doc)[DECOY] = { before: { decoy: 'before' } };
  return entry;
}

function moduleResourceOf(s: Spec, decoy: string): Doc {
  const element: Doc = { address: addressOf(s), mode: 'managed', type: s.type, name: s.name, ...(s.index !== undefined ? { index: s.index } : {}), provider_name: AWS, values: s.after, sensitive_values: {} };
  // A first `address` naming a resource that is changed: JSON.parse keeps the real one, and so must the bytes.
  if (s.decoys === 'address') element[DECOY] = { address: decoy };
  return element;
}

/** The planned_values / prior_state module tree of some resources; `decoy`: an address to write first. */
function modulesOf(specs: readonly Spec[], decoy: string): Doc {
  const byModule = new Map<string, Doc[]>();
  for (const s of specs) byModule.set(s.module, [...(byModule.get(s.module) ?? []), moduleResourceOf(s, decoy)]);
  const children = [...byModule].filter(([module]) => module !== '').map(([address, resources]) => ({ address, resources }));
  return { resources: byModule.get('') ?? [], ...(children.length > 0 ? { child_modules: children } : {}) };
}

function documentOf(specs: readonly Spec[], order: readonly string[]): Doc {
  // One resource per address, as in a plan.
  const unique = [...new Map(specs.map((s) => [addressOf(s), s])).values()];
  const changed = unique.filter((s) => s.changed);
  const decoy = changed.length > 0 ? addressOf(changed[0]) : 'aws_s3_bucket.decoy';
  const sections: Record<string, unknown> = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: modulesOf(unique.filter((s) => s.planned), decoy) },
    resource_changes: changed.map(changeOf),
    prior_state: { format_version: '1.0', values: { root_module: modulesOf(unique.filter((s) => s.prior), decoy) } },
    configuration: { root_module: {} },
  };
  return Object.fromEntries(order.map((key) => [key, sections[key]]));
}

/** What a rule could read of each resource, or the refusal. */
async function reading(file: string, streamAbove: number): Promise<unknown> {
  try {
    const input: LoadedInput = await loadPlanFile(file, 'plan.json', { streamAbove });
    return input.resources.map((r) => [r.address, r.type, r.name, r.index, r.actions, r.after, r.afterUnknown, r.afterSensitive]);
  } catch (error) {
    if (error instanceof InputError) return { refused: error.message };
    throw error;
  }
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-layouts-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('what the large-file path reads from the bytes', () => {
  it('is what JSON.parse reads, in any layout, any section order, with keys written twice inside elements', async () => {
    let decoys = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(spec, { minLength: 1, maxLength: 6 }),
        fc.shuffledSubarray(['format_version', 'terraform_version', 'planned_values', 'resource_changes', 'prior_state', 'configuration'], { minLength: 6 }),
        fc.constantFrom('compact', 'pretty', 'random'),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        async (specs, order, layout, seed) => {
          let state = seed;
          const random = (): number => ((state = (Math.imul(state, 48271) >>> 0) % 2147483647) / 2147483647);
          const space = layout === 'compact' ? () => '' : layout === 'pretty' ? () => '\n  ' : () => ['', ' ', '\n', '\t ', '\r\n'][Math.floor(random() * 5)];
          const file = path.join(dir, 'plan.json');
          fs.writeFileSync(file, serialize(documentOf(specs, order), space));
          if (specs.some((s) => s.decoys !== 'none')) decoys++;
          const inFile = await reading(file, 0);
          expect(inFile).toEqual(await reading(file, Number.MAX_SAFE_INTEGER));
          // The decoy values never show: the document means the last of each key.
          expect(JSON.stringify(inFile)).not.toContain('"decoy"');
        },
      ),
      { numRuns: RUNS },
    );
    expect(decoys).toBeGreaterThan(0);
  });
});
