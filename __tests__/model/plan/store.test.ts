/**
 * Large plan files keep their values in the file (`checks/model/plan/store.ts`): the report must be
 * the one of the same plan held in memory, for every plan we have, and a file that changes under
 * the check must stop it, never let it decide on half-old data.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check } from '../../../checks/check';
import { DEFAULT_CONFIG } from '../../../checks/config';
import { InputError } from '../../../checks/errors';
import { loadPlanFile } from '../../../checks/model/plan';
import { RawValue } from '../../../checks/model/plan/splitter';
import type { LoadedInput } from '../../../checks/model/types';
import { generatePlan } from '../../../scripts/bench/generate-plan';
import { prng } from '../../../scripts/bench/plan-units';
import { describeWithShared, REAL_PLANS_DIR, realPlanIndex, REPO_ROOT } from '../../helpers/shared';

const IN_MEMORY = { streamAbove: Number.MAX_SAFE_INTEGER };
const IN_FILE = { streamAbove: 0 };
const TODAY = '2026-11-29';

/** What a user sees of a check: findings and coverage. */
function reportOf(input: LoadedInput): unknown {
  const { report } = check([input], DEFAULT_CONFIG, { today: TODAY });
  return { findings: report.findings, coverage: report.coverage, summary: report.summary };
}

/** The report, or the refusal's message. */
async function outcome(file: string, options: { streamAbove: number }): Promise<unknown> {
  try {
    return reportOf(await loadPlanFile(file, path.basename(file), options));
  } catch (error) {
    if (error instanceof InputError) return { refused: error.message };
    throw error;
  }
}

const stored = (input: LoadedInput): number => input.resources.filter((r) => typeof r.storedView === 'function').length;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-store-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a plan whose values stay in the file', () => {
  // 0.9: an estate mostly in place, as the bench generates it (no-op changes with `before`, prior_state).
  it.each([0.1, 0.9])('keeps values out of memory, and reports what the same plan in memory reports (%p of sites deployed)', async (existingRate) => {
    const plan = await generatePlan(path.join(dir, `generated-${existingRate}.json`), { resources: 600, seed: 11, existingRate });
    const inFile = await loadPlanFile(plan.path, 'generated.json', IN_FILE);
    expect(stored(inFile)).toBe(inFile.resources.length);
    const report = reportOf(inFile) as { findings: { ruleId: string; address: string }[] };
    expect(report).toEqual(reportOf(await loadPlanFile(plan.path, 'generated.json', IN_MEMORY)));
    const found = report.findings.map((f) => `${f.ruleId} ${f.address}`).sort();
    expect(found).toEqual(plan.expected.findings.map((f) => `${f.ruleId} ${f.address}`).sort());
  });

  it.each(fs.readdirSync(path.join(REPO_ROOT, '__tests__', 'fixtures')).filter((name) => fs.existsSync(path.join(REPO_ROOT, '__tests__', 'fixtures', name, 'plan.json'))))(
    'reports on the %s fixture what it reports in memory',
    async (name) => {
      const file = path.join(REPO_ROOT, '__tests__', 'fixtures', name, 'plan.json');
      expect(await outcome(file, IN_FILE)).toEqual(await outcome(file, IN_MEMORY));
    },
  );

  it('reports on a plan pretty-printed (as by `jq .`) what it reports on the compact one', async () => {
    const plan = await generatePlan(path.join(dir, 'compact.json'), { resources: 300, seed: 12, existingRate: 0.9 });
    const pretty = path.join(dir, 'pretty.json');
    fs.writeFileSync(pretty, `${JSON.stringify(JSON.parse(fs.readFileSync(plan.path, 'utf8')), null, 2)}\n`);
    const inFile = await loadPlanFile(pretty, 'plan.json', IN_FILE);
    expect(stored(inFile)).toBe(inFile.resources.length);
    expect(reportOf(inFile)).toEqual(reportOf(await loadPlanFile(plan.path, 'plan.json', IN_FILE)));
  });

  it('keeps each resource its own type, name and actions, however they are spelled', async () => {
    // Resources of one block share a kind (type, name, provider, actions): no spelling may merge two.
    const change = (type: string, name: string, action: string) => ({
      address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: [action], before: null, after: { bucket: `${type}-${name}` }, after_unknown: {}, before_sensitive: false, after_sensitive: {} },
    });
    const changes = [
      change('aws_s3_bucket a', 'b', 'create'),
      change('aws_s3_bucket', 'a b', 'create'),
      change('aws_s3_bucket', 'a b', 'update'),
      change('aws_s3_bucket', 'a:b', 'create'),
      change('aws_s3_bucket', 'c', 'create,update'),
      { ...change('aws_s3_bucket', 'c', 'create'), address: 'aws_s3_bucket.c[1]', index: 1, change: { ...change('aws_s3_bucket', 'c', 'create').change, actions: ['create', 'update'] } },
    ];
    const file = path.join(dir, 'kinds.json');
    fs.writeFileSync(file, JSON.stringify({ format_version: '1.2', resource_changes: changes }));
    const input = await loadPlanFile(file, 'kinds.json', IN_FILE);
    expect(stored(input)).toBe(changes.length);
    expect(input.resources.map((r) => [r.type, r.name, r.actions, r.after])).toEqual(
      changes.map((c) => [c.type, c.name, c.change.actions, c.change.after]),
    );
  });

  it("gives each instance what its own module's block says, though instances of one block share what they can", async () => {
    const change = (module: string, index?: number) => ({
      address: `${module ? `${module}.` : ''}aws_s3_bucket.b${index === undefined ? '' : `[${index}]`}`,
      ...(module ? { module_address: module } : {}),
      ...(index === undefined ? {} : { index }),
      mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after: { bucket: `b-${module}` }, after_unknown: {} },
    });
    const block = (key: string, bucket: string, counted = false) => ({
      address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_config_key: key,
      expressions: { bucket: { constant_value: bucket } }, ...(counted ? { count_expression: { constant_value: 1 } } : {}), schema_version: 0,
    });
    const changes = [change(''), change('module.m["x"]', 0), change('module.m["y"]', 0), change('module.n'), change('module.m["x"]', 1)];
    const configuration = {
      root_module: {
        resources: [block('aws', 'root')],
        module_calls: { m: { module: { resources: [block('m:aws', 'in m', true)] } }, n: { module: { resources: [] } } },
      },
    };
    const file = path.join(dir, 'blocks.json');
    fs.writeFileSync(file, JSON.stringify({ format_version: '1.2', resource_changes: changes, configuration }));
    const summary = (input: LoadedInput) => input.resources.map((r) => [r.address, r.providerConfigKey, r.repetition, r.config]);
    const inFile = summary(await loadPlanFile(file, 'blocks.json', IN_FILE));
    expect(inFile).toEqual(summary(await loadPlanFile(file, 'blocks.json', IN_MEMORY)));
    expect(inFile.map(([address, key, repetition]) => [address, key, repetition])).toEqual([
      ['aws_s3_bucket.b', 'aws', undefined],
      ['module.m["x"].aws_s3_bucket.b[0]', 'module.m:aws', 'count'],
      ['module.m["y"].aws_s3_bucket.b[0]', 'module.m:aws', 'count'],
      ['module.n.aws_s3_bucket.b', 'module.n:aws', undefined],
      ['module.m["x"].aws_s3_bucket.b[1]', 'module.m:aws', 'count'],
    ]);
    expect(inFile[0][3]).not.toEqual(inFile[1][3]);
  });

  it('reads a plan of many read chunks (1 MiB each, into one buffer) as in memory', async () => {
    const plan = await generatePlan(path.join(dir, 'chunks.json'), { resources: 2400, seed: 6, existingRate: 0.5 });
    expect(plan.bytes).toBeGreaterThan(3 << 20);
    const inFile = await loadPlanFile(plan.path, 'chunks.json', IN_FILE);
    expect(stored(inFile)).toBe(inFile.resources.length);
    expect(reportOf(inFile)).toEqual(reportOf(await loadPlanFile(plan.path, 'chunks.json', IN_MEMORY)));
  });

  it('reads the file again past a byte-order mark', async () => {
    const plan = await generatePlan(path.join(dir, 'bom.json'), { resources: 200, seed: 5 });
    const withBom = path.join(dir, 'with-bom.json');
    fs.writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(plan.path)]));
    const input = await loadPlanFile(withBom, 'bom.json', IN_FILE);
    expect(stored(input)).toBe(input.resources.length);
    expect(reportOf(input)).toEqual(reportOf(await loadPlanFile(plan.path, 'bom.json', IN_MEMORY)));
  });

  it('keeps a UTF-16 plan in memory (its offsets are not file offsets), with the same report', async () => {
    const plan = await generatePlan(path.join(dir, 'utf16.json'), { resources: 200, seed: 5 });
    const utf16 = path.join(dir, 'utf16le.json');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fs.readFileSync(plan.path, 'utf8'), 'utf16le')]));
    const input = await loadPlanFile(utf16, 'utf16.json', IN_FILE);
    expect(stored(input)).toBe(0);
    expect(reportOf(input)).toEqual(reportOf(await loadPlanFile(plan.path, 'utf16.json', IN_MEMORY)));
  });

  it('stops with a one-line refusal when the file changes under the check', async () => {
    const plan = await generatePlan(path.join(dir, 'changing.json'), { resources: 200, seed: 5 });
    const input = await loadPlanFile(plan.path, 'changing.json', IN_FILE);
    // Another plan written over it: same names, other bytes at every offset.
    await generatePlan(plan.path, { resources: 400, seed: 9 });
    const run = (): unknown => check([input], DEFAULT_CONFIG, { today: TODAY });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/^changing\.json: changed while it was being checked \(the entry of .+ is no longer where it was read\); check it again$/);
  });

  it('stops the same way when the file is gone', async () => {
    const plan = await generatePlan(path.join(dir, 'gone.json'), { resources: 200, seed: 5 });
    const input = await loadPlanFile(plan.path, 'gone.json', IN_FILE);
    fs.truncateSync(plan.path, 0);
    expect(() => check([input], DEFAULT_CONFIG, { today: TODAY })).toThrow(/^gone\.json: changed while it was being checked/);
  });
});

describe('a damaged plan with its values in the file', () => {
  /** Refused, or the report; not the refusal's wording, whose byte detail may come from another parser. */
  const verdict = async (file: string, options: { streamAbove: number }): Promise<unknown> => {
    const result = await outcome(file, options);
    return typeof result === 'object' && result !== null && 'refused' in result ? 'refused' : result;
  };

  it('is refused, or judged, exactly as in memory, whatever byte is flipped or where it is cut', async () => {
    const plan = await generatePlan(path.join(dir, 'damaged-source.json'), { resources: 120, seed: 3 });
    const bytes = fs.readFileSync(plan.path);
    const random = prng(17);
    const damaged = path.join(dir, 'damaged.json');
    let refused = 0;
    for (let round = 0; round < 40; round++) {
      const at = Math.floor(random() * bytes.length);
      const copy = round % 4 === 0 ? bytes.subarray(0, at) : Buffer.from(bytes);
      if (round % 4 !== 0) copy[at] = '{}[],:"0a \\'.charCodeAt(Math.floor(random() * 12));
      fs.writeFileSync(damaged, copy);
      const inFile = await verdict(damaged, IN_FILE);
      expect({ round, at, verdict: inFile }).toEqual({ round, at, verdict: await verdict(damaged, IN_MEMORY) });
      if (inFile === 'refused') refused++;
    }
    expect(refused).toBeGreaterThan(10);
  });

  it("is refused, or judged as in memory, when the damage is in what is only validated: a change's before and after, prior_state", async () => {
    const plan = await generatePlan(path.join(dir, 'estate-source.json'), { resources: 120, seed: 4, existingRate: 0.9 });
    const bytes = fs.readFileSync(plan.path);
    const text = bytes.toString('latin1');
    // Byte offsets inside before and after values (after `"before":{`, `"after":{`) and inside prior_state.
    const inChange = [...text.matchAll(/"(?:before|after)":\{/g)].map((m) => (m.index as number) + m[0].length);
    const prior = text.indexOf('"prior_state":');
    expect(inChange.length).toBeGreaterThan(20);
    expect(prior).toBeGreaterThan(0);
    const random = prng(23);
    const damaged = path.join(dir, 'estate-damaged.json');
    let refused = 0;
    for (let round = 0; round < 30; round++) {
      const at = round % 2 === 0 ? inChange[Math.floor(random() * inChange.length)] + Math.floor(random() * 40) : prior + Math.floor(random() * (bytes.length - prior));
      const copy = Buffer.from(bytes);
      copy[at] = '{}[],:"0a \\'.charCodeAt(Math.floor(random() * 12));
      fs.writeFileSync(damaged, copy);
      const inFile = await verdict(damaged, IN_FILE);
      expect({ round, at, verdict: inFile }).toEqual({ round, at, verdict: await verdict(damaged, IN_MEMORY) });
      if (inFile === 'refused') refused++;
    }
    expect(refused).toBeGreaterThan(5);
  });
});

describe('planned_values read before resource_changes, with values in the file', () => {
  const bucket = { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_name: 'registry.terraform.io/hashicorp/aws', values: { bucket: 'b' } };
  const keyed = { ...bucket, address: 'module.m["e\\"u"].aws_s3_bucket.k', name: 'k', values: { bucket: 'k' } };
  // Terraform 0.12 wrote each instance's address without its key: the key is only in "index".
  const legacy = { ...bucket, address: 'aws_s3_bucket.c', name: 'c', index: 1, values: { bucket: 'c1' } };
  const data = { ...bucket, address: 'data.aws_s3_bucket.d', mode: 'data', name: 'd', values: { bucket: 'd' } };
  const change = (r: typeof bucket, address = r.address) => ({ ...r, address, change: { actions: ['create'], before: null, after: { ...r.values, tags: { Owner: 'x' } }, after_unknown: {} } });
  const document = {
    format_version: '1.2',
    planned_values: { root_module: { resources: [bucket, legacy, data], child_modules: [{ address: 'module.m["e\\"u"]', resources: [keyed] }] } },
    resource_changes: [change(bucket), change(keyed), change(legacy, 'aws_s3_bucket.c[1]')],
    configuration: { root_module: {} },
  };

  it('takes each resource once, from resource_changes, and keeps what only planned_values has', async () => {
    const file = path.join(dir, 'planned-first.json');
    fs.writeFileSync(file, JSON.stringify(document));
    const summary = (input: LoadedInput) => input.resources.map((r) => ({ address: r.address, after: r.after }));
    const inFile = await loadPlanFile(file, 'planned-first.json', IN_FILE);
    expect(stored(inFile)).toBe(4);
    expect(summary(inFile)).toEqual(summary(await loadPlanFile(file, 'planned-first.json', IN_MEMORY)));
    expect(summary(inFile).map((r) => r.address)).toEqual(['aws_s3_bucket.b', 'module.m["e\\"u"].aws_s3_bucket.k', 'aws_s3_bucket.c[1]', 'data.aws_s3_bucket.d']);
  });

  it.each([
    ['"address"', 'twice'],
    // The same key to JSON.parse, not to a search of the bytes for `"address"`.
    ['"addr\\u0065ss"', 'twice, the second spelled with an escape'],
  ])('reads an element whose address is written twice as JSON.parse does (the last), in planned_values and prior_state: %s (%s)', async (key) => {
    const twice = (r: typeof bucket, decoy: string) => `{"address":${JSON.stringify(decoy)},${JSON.stringify(r).slice(1).replace('"address":', `${key}:`)}`;
    // `hidden` is in no change; its first `address` names one that is.
    const hidden = { ...bucket, address: 'aws_s3_bucket.hidden', name: 'hidden', values: { bucket: 'hidden' } };
    const text = JSON.stringify(document)
      .replace('"resources":[', `"resources":[${twice(hidden, 'aws_s3_bucket.b')},`)
      .replace(/}$/, `,"prior_state":{"values":{"root_module":{"resources":[${twice({ ...hidden, address: 'aws_s3_bucket.hidden2', name: 'hidden2' }, 'aws_s3_bucket.b')}]}}}}`);
    const file = path.join(dir, 'address-twice.json');
    fs.writeFileSync(file, text);
    const addresses = (input: LoadedInput) => input.resources.map((r) => r.address);
    const inFile = addresses(await loadPlanFile(file, 'address-twice.json', IN_FILE));
    expect(inFile).toEqual(addresses(await loadPlanFile(file, 'address-twice.json', IN_MEMORY)));
    expect(inFile).toEqual(expect.arrayContaining(['aws_s3_bucket.hidden', 'aws_s3_bucket.hidden2']));
  });

  it('refuses a planned_values element that is not JSON, at its byte, as in memory', async () => {
    const file = path.join(dir, 'planned-broken.json');
    const text = JSON.stringify(document).replace('"values":{"bucket":"d"}', '"values":{"bucket":"d",}');
    fs.writeFileSync(file, text);
    const refusal = await outcome(file, IN_FILE);
    expect(refusal).toEqual({ refused: expect.stringMatching(/^planned-broken\.json: invalid JSON at byte \d+: /) });
    const at = Number(/at byte (\d+)/.exec((refusal as { refused: string }).refused)?.[1]);
    expect(text[at]).toBe('}');
  });

  it('reads prior_state after resource_changes: what the changes describe or delete is not taken again', async () => {
    const gone = { ...bucket, address: 'aws_s3_bucket.gone', name: 'gone', values: { bucket: 'gone' } };
    const kept = { ...bucket, address: 'aws_s3_bucket.kept', name: 'kept', values: { bucket: 'kept' } };
    const deleted = { ...change(gone), change: { actions: ['delete'], before: { bucket: 'gone' }, after: null, after_unknown: {} } };
    const file = path.join(dir, 'prior-last.json');
    fs.writeFileSync(file, JSON.stringify({ ...document, resource_changes: [...document.resource_changes, deleted], prior_state: { values: { root_module: { resources: [bucket, gone, kept, legacy] } } } }));
    const summary = (input: LoadedInput) => input.resources.map((r) => ({ address: r.address, actions: r.actions, after: r.after }));
    const inFile = await loadPlanFile(file, 'prior-last.json', IN_FILE);
    expect(summary(inFile)).toEqual(summary(await loadPlanFile(file, 'prior-last.json', IN_MEMORY)));
    expect(summary(inFile).map((r) => r.address)).toEqual(['aws_s3_bucket.b', 'module.m["e\\"u"].aws_s3_bucket.k', 'aws_s3_bucket.c[1]', 'data.aws_s3_bucket.d', 'aws_s3_bucket.kept']);
  });

  it('reads again an element larger than what it reads ahead', async () => {
    const big = { ...bucket, address: 'aws_s3_bucket.big', name: 'big', values: { bucket: 'big', policy: 'x'.repeat(600_000) } };
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(file, JSON.stringify({ ...document, resource_changes: [change(bucket), change(big), change(keyed)] }));
    const summary = (input: LoadedInput) => input.resources.map((r) => ({ address: r.address, after: r.after }));
    const inFile = await loadPlanFile(file, 'big.json', IN_FILE);
    expect(stored(inFile)).toBe(inFile.resources.length);
    expect(summary(inFile)).toEqual(summary(await loadPlanFile(file, 'big.json', IN_MEMORY)));
  });
});

describe('the address at the start of an element', () => {
  const addressOf = (text: string, end = text.length): string | undefined => new RawValue(Buffer.from(text), 0, Buffer.byteLength(text.slice(0, end)), 0).leadingAddress();

  it.each([
    ['{"address":"aws_s3_bucket.b","mode":"managed"}', 'aws_s3_bucket.b'],
    ['{"address":"module.m[\\"eu\\"].aws_s3_bucket.b","mode":"managed"}', 'module.m["eu"].aws_s3_bucket.b'],
    ['{"address":"aws_s3_bucket.b[0]","index":0}', 'aws_s3_bucket.b[0]'],
    ['{"address":"aws_s3_bucket.b","index":0}', undefined],
    ['{ "address": "aws_s3_bucket.b" }', 'aws_s3_bucket.b'],
    ['{\n  "address": "aws_s3_bucket.b[0]",\n  "mode": "managed"\n}', 'aws_s3_bucket.b[0]'],
    ['{"mode":"managed","address":"aws_s3_bucket.b"}', undefined],
    // A value that reads "address", and a key of the values: not the element's own.
    ['{"address":"aws_s3_bucket.b[0]","values":{"tags":{"Kind":"address"}}}', 'aws_s3_bucket.b[0]'],
    ['{"address":"aws_route53_record.r[0]","values":{"address":"10.0.0.1","index":2}}', 'aws_route53_record.r[0]'],
    ['{"address":"aws_s3_bucket.b","values":{"index":0}}', 'aws_s3_bucket.b'],
    // JSON.parse keeps the last of two: the bytes cannot say which one is meant.
    ['{"address":"aws_s3_bucket.b[0]","mode":"managed","address":"aws_s3_bucket.c[0]"}', undefined],
    // A key spelled with an escape is the same key to JSON.parse: a second address, or an index.
    ['{"address":"aws_s3_bucket.b[0]","mode":"managed","addr\\u0065ss":"aws_s3_bucket.c[0]"}', undefined],
    ['{"address":"aws_s3_bucket.b","ind\\u0065x":0}', undefined],
  ])('%s: %s', (text, expected) => {
    expect(addressOf(text)).toBe(expected);
    // What it reads is what parsing reads.
    if (expected !== undefined) expect((JSON.parse(text) as { address: string }).address).toBe(expected);
  });

  it('looks for an instance key within the element only', () => {
    const element = '{"address":"aws_s3_bucket.b","mode":"managed"}';
    expect(addressOf(`${element},{"address":"aws_s3_bucket.c","index":0}`, element.length)).toBe('aws_s3_bucket.b');
  });
});

describe("the stretch of a change that is not parsed: its before", () => {
  const cutOf = (text: string, end = text.length): string | undefined => {
    const cut = new RawValue(Buffer.from(text), 0, end, 0).cutBefore();
    return cut && text.slice(cut.at, cut.at + cut.length);
  };

  it.each([
    ['{"address":"a.b","change":{"actions":["no-op"],"before":{"x":[1,{"y":"}"}]},"after":{"x":2}}}', '{"x":[1,{"y":"}"}]}'],
    ['{"address":"a.b","change":{"actions":["delete","create"],"before":null,"after":{}}}', 'null'],
    ['{"address":"a.b","change":{"actions":[],"before":"s","after":{}}}', '"s"'],
    ['{"address":"a.b","change":{"before":{"x":1},"actions":["update"],"after":{}}}', undefined],
    ['{"address":"a.b","change": {"actions":["update"],"before":{"x":1},"after":{}}}', '{"x":1}'],
    ['{\n "address": "a.b",\n "change": {\n  "actions": [\n   "update"\n  ],\n  "before": {\n   "x": 1\n  },\n  "after": {}\n }\n}', '{\n   "x": 1\n  }'],
    ['{"address":"a.change","name":"change","change":{"actions":["no-op"],"before":{"x":1},"after":{}}}', '{"x":1}'],
    // The entry's change is in another layout: a change nested in its values is not the one.
    ['{"address":"a.b","change":{"before":{"x":1},"actions":["update"],"after":{"change":{"actions":["a"],"before":{"y":2}}}}}', undefined],
    ['{"address":"a.b","tags":{"k":"v"},"change":{"actions":["update"],"before":{"x":1},"after":{}}}', undefined],
    ['{"address":"a.b","change":{"actions":["up\\"date"],"before":{"x":1},"after":{}}}', undefined],
  ])('%s: %s', (text, expected) => {
    expect(cutOf(text)).toBe(expected);
    // Parsed with null in its place, the rest is what a parse of the whole element gives.
    const raw = new RawValue(Buffer.from(text), 0, text.length, 0);
    const whole = JSON.parse(text) as { change: Record<string, unknown> };
    expect(raw.parse(raw.cutBefore())).toEqual({ ...whole, change: { ...whole.change, ...(expected === undefined ? {} : { before: null }) } });
  });

  it('looks within the element only', () => {
    const element = '{"address":"a.b","change":{"actions":["create"],"after":{}}}';
    expect(cutOf(`${element},{"address":"a.c","change":{"actions":["no-op"],"before":{},"after":{}}}`, element.length)).toBeUndefined();
  });
});

describeWithShared('every real plan with its values in the file', () => {
  const entries = realPlanIndex().filter((entry) => entry.category !== 'expected-output');

  it.each(entries.map((entry) => entry.file))('%s: the same report (or refusal) as in memory', async (file) => {
    const full = path.join(REAL_PLANS_DIR, file);
    expect(await outcome(full, IN_FILE)).toEqual(await outcome(full, IN_MEMORY));
  });
});

describe("a change's after, of which loading keeps only the link attributes", () => {
  /** A plan of one change of `type` whose `"after":` is `after` as written, and what follows it in the change and the entry. */
  const planWith = (type: string, after: string, tail = '', entryTail = ''): string =>
    `{"format_version":"1.2","resource_changes":[{"address":"${type}.x","mode":"managed","type":"${type}","name":"x","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":${after},"after_unknown":{},"before_sensitive":false,"after_sensitive":{}${tail}}${entryTail}}]}`;

  const linksIn = async (text: string): Promise<unknown> => {
    const file = path.join(dir, 'links.json');
    fs.writeFileSync(file, text);
    const inFile = await loadPlanFile(file, 'links.json', IN_FILE);
    // The values read from the file are what parsing the document gives.
    expect(inFile.resources.map((r) => r.after)).toEqual((await loadPlanFile(file, 'links.json', IN_MEMORY)).resources.map((r) => r.after));
    return inFile.resources[0].links;
  };

  it.each([
    ['{"id":null,"bucket":"b","tags":{"bucket":"t"}}', { id: null, bucket: 'b' }],
    // The same key to JSON.parse: found, as parsing finds it.
    ['{"\\u0062ucket":"b"}', { bucket: 'b' }],
    ['{"buck\\u0065t":"b","id":"i"}', { bucket: 'b', id: 'i' }],
    ['{"bucket":"b\\u00e9\\"q"}', { bucket: 'bé"q' }],
    ['{ "bucket" : 12 , "id" : true }', { bucket: 12, id: true }],
    // JSON.parse keeps the last of a repeated key, an object (no link) included.
    ['{"bucket":"a","bucket":"b"}', { bucket: 'b' }],
    ['{"bucket":"a","id":"i","bucket":{"name":"b"}}', { id: 'i' }],
    ['{"bucket":"a","bucket":null}', { bucket: null }],
    ['["bucket"]', undefined],
    ['null', undefined],
  ])('%s: %j', async (after, expected) => {
    expect(await linksIn(planWith('aws_s3_bucket', after))).toEqual(expected);
  });

  it.each([
    ['a second after in the change', planWith('aws_s3_bucket', '{"bucket":"a"}', ',"after":{"bucket":"b"}')],
    ['a second after spelled with an escape', planWith('aws_s3_bucket', '{"bucket":"a"}', ',"\\u0061fter":{"bucket":"b"}')],
    ['a second change in the entry', planWith('aws_s3_bucket', '{"bucket":"a"}', '', ',"change":{"actions":["create"],"before":null,"after":{"bucket":"b"}}')],
    ['a second change with no after', planWith('aws_s3_bucket', '{"bucket":"a"}', '', ',"change":{"actions":["create"],"before":null}')],
  ])('takes the after JSON.parse takes where the entry has %s', async (_, text) => {
    const expected = (JSON.parse(text) as { resource_changes: { change: { after?: { bucket: string } } }[] }).resource_changes[0].change.after?.bucket;
    expect(await linksIn(text)).toEqual(expected === undefined ? undefined : { bucket: expected });
  });

  it('links an encryption configuration to the bucket its after names last, as in memory', async () => {
    const bucket = (name: string) => `{"address":"aws_s3_bucket.${name}","mode":"managed","type":"aws_s3_bucket","name":"${name}","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"bucket":"${name}","tags":{"Owner":"x"}},"after_unknown":{}}}`;
    const sse = `{"address":"aws_s3_bucket_server_side_encryption_configuration.e","mode":"managed","type":"aws_s3_bucket_server_side_encryption_configuration","name":"e","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"bucket":"a","bucket":"b","rule":[{"apply_server_side_encryption_by_default":[{"sse_algorithm":"aws:kms","kms_master_key_id":"arn:aws:kms:eu-west-1:111111111111:key/k"}],"bucket_key_enabled":true}]},"after_unknown":{}}}`;
    const file = path.join(dir, 'sse-bucket-twice.json');
    fs.writeFileSync(file, `{"format_version":"1.2","resource_changes":[${bucket('a')},${bucket('b')},${sse}]}`);
    const report = (await outcome(file, IN_FILE)) as { findings: { ruleId: string; address: string }[] };
    expect(report).toEqual(await outcome(file, IN_MEMORY));
    const unencrypted = report.findings.filter((f) => f.ruleId === 's3-bucket-default-encryption').map((f) => f.address);
    expect(unencrypted).toEqual(['aws_s3_bucket.a']);
  });
});
