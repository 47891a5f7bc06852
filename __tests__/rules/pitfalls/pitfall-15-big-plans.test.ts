/**
 * Peer pitfall 15: out of memory or hours on big plans (terraform-compliance #627, regula #99, KICS
 * #6306, conftest #1347, checkov #3754). V8 cannot hold a string over about 512 MiB, so a loader
 * that reads a whole plan into one string has a ceiling real plans cross. A plan over 16 MiB is
 * read in chunks and each resource parsed on its own: this holds it to that with a plan of 19 MiB
 * (a plan over 512 MiB would take minutes to write and read), asserting that no read of the file,
 * no string made of its bytes and no JSON.parse while loading and checking it holds more than 2 MiB.
 */
import * as fs from 'node:fs';
import { check } from '../../../checks/check';
import { DEFAULT_CONFIG } from '../../../checks/config';
import { loadPlanFile } from '../../../checks/model/plan';
import { TAGS } from '../../cli/scenarios';
import { tempDir } from '../../cli/run';
import { plan, res } from '../../helpers/plan-builder';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
afterEach(() => jest.restoreAllMocks());

/** The most of the file one read, one string or one JSON.parse may hold: about a tenth of the plan. */
const BOUND = 2 << 20;

describe('pitfall 15: a big plan is never one string', () => {
  it('a plan over 16 MiB loads and is checked without reading it whole or parsing it in one JSON.parse', async () => {
    // 1,100 queues with a long value no rule reads (16 KiB): about 19 MiB.
    // Their code writes only the name: the `configuration` section is parsed whole (splitter.ts), as it grows with
    // the blocks of the code, not with the instances of a plan.
    const filler = 'x'.repeat(16 << 10);
    const queues = Array.from({ length: 1_100 }, (_, i) =>
      res(`aws_sqs_queue.q${i}`, { name: `q${i}`, sqs_managed_sse_enabled: true, redrive_allow_policy: filler, tags: TAGS, tags_all: TAGS }, { expressions: { name: { constant_value: `q${i}` } } }),
    );
    const file = tmp.write('big.json', plan(queues));
    expect(fs.statSync(file).size).toBeGreaterThan(16 << 20);

    const parsed: number[] = [];
    const parse = JSON.parse;
    jest.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      parsed.push(String(text).length);
      return parse(text, reviver);
    });
    // The loader's `fs` is its own copy of the module's functions (the import's interop): what is spied on here is
    // what every copy shares, fs.promises and the FileHandle class it reads chunks with, and Buffer and JSON.
    const readFile = jest.spyOn(fs.promises, 'readFile');
    const handle = await fs.promises.open(file, 'r');
    const fileHandle = Object.getPrototypeOf(handle) as fs.promises.FileHandle;
    await handle.close();
    const chunks: number[] = [];
    const read = fileHandle.read;
    jest.spyOn(fileHandle, 'read').mockImplementation(function (this: fs.promises.FileHandle, ...args: unknown[]) {
      if (typeof args[2] === 'number') chunks.push(args[2]);
      return (read as (...a: unknown[]) => ReturnType<fs.promises.FileHandle['read']>).apply(this, args);
    } as fs.promises.FileHandle['read']);
    const strings: number[] = [];
    const toString = Buffer.prototype.toString;
    jest.spyOn(Buffer.prototype, 'toString').mockImplementation(function (this: Buffer, ...args: unknown[]) {
      const text = toString.apply(this, args as Parameters<Buffer['toString']>);
      strings.push(text.length);
      return text;
    });

    const loaded = await loadPlanFile(file);
    const { report } = check([loaded], DEFAULT_CONFIG);

    expect(loaded.resources.filter((r) => r.type === 'aws_sqs_queue')).toHaveLength(1_100);
    expect(report.coverage.totalResources).toBe(1_100);
    expect(readFile.mock.calls.filter(([path]) => String(path) === file)).toEqual([]);
    expect(chunks.length).toBeGreaterThan(0);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(BOUND);
    expect(strings.length).toBeGreaterThan(0);
    expect(Math.max(...strings)).toBeLessThanOrEqual(BOUND);
    expect(parsed.length).toBeGreaterThan(0);
    expect(Math.max(...parsed)).toBeLessThanOrEqual(BOUND);
  });
});
