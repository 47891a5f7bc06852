/**
 * A plan cut short or with a flipped byte is never passed: the CLI exits 2, unless the damaged
 * bytes still form one JSON plan document — then its verdict is exactly that of a fresh check of
 * that document. The streaming loader (stdin, large files) refuses every truncated input too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../checks/errors';
import { loadPlanStream } from '../../checks/model/plan';
import { generatePlan } from '../../scripts/bench/generate-plan';
import { prng } from '../../scripts/bench/plan-units';
import { describeWithShared, hasShared, REAL_PLANS_DIR, realPlanIndex } from '../helpers/shared';
import { checkFile, freshCheck, parsedOrUndefined, scratch } from './harness';

const TRUNCATIONS = 20;
const FLIPS = 8;
/** Real plans to damage: varied features (modules, count, for_each, S3), none large. */
const REAL_PLANS = ['terraform-compliance__cli/tc.modules-count-for-each.plan.json', 'terraform-compliance__cli/tc.s3-encryption-success.plan.json'];

const tmp = scratch();
afterAll(() => tmp.cleanup());

/** Offsets spread over the document, plus the very start and the last bytes. */
function offsets(length: number, count: number): number[] {
  const spread = Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * length) / count));
  return [...new Set([0, 1, ...spread, length - 2, length - 1])].filter((o) => o >= 0 && o < length).sort((a, b) => a - b);
}

/** Exit 2; or, for bytes that still form a JSON plan, the verdict of a fresh check of that document. */
async function expectRefusedOrFaithful(bytes: Buffer, name: string): Promise<void> {
  const file = tmp.file(name, bytes);
  const outcome = await checkFile(file, tmp.dir);
  if (outcome.code === 2) {
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    return;
  }
  const doc = await parsedOrUndefined(bytes);
  expect({ name, readable: doc !== undefined, code: outcome.code }).toEqual({ name, readable: true, code: outcome.code });
  expect(outcome).toMatchObject(freshCheck(doc, file, tmp.dir));
}

/** The streaming loader on the bytes in small chunks: an InputError unless they are one complete document. */
async function expectStreamRefused(bytes: Buffer): Promise<void> {
  const chunks = function* () {
    for (let at = 0; at < bytes.length; at += 4096) yield bytes.subarray(at, at + 4096);
  };
  const source = (async function* () {
    yield* chunks();
  })();
  await expect(loadPlanStream(source, 'plan.json')).rejects.toBeInstanceOf(InputError);
}

function damageTests(label: string, load: () => Buffer): void {
  it(`${label}: every truncation is refused by the CLI and by the streaming loader`, async () => {
    const bytes = load();
    const whole = bytes.toString('utf8').trim();
    for (const at of offsets(bytes.length, TRUNCATIONS)) {
      const cut = bytes.subarray(0, at);
      if (cut.toString('utf8').trim() === whole) {
        // Only trailing whitespace was cut: the document was read completely.
        await expectRefusedOrFaithful(cut, 'truncated.json');
        continue;
      }
      const outcome = await checkFile(tmp.file('truncated.json', cut), tmp.dir);
      expect({ at, code: outcome.code, lines: outcome.stderr.trim().split('\n').length }).toEqual({ at, code: 2, lines: 1 });
      await expectStreamRefused(cut);
    }
  });

  it(`${label}: flipped bytes are refused or give the verdict of what was read`, async () => {
    const bytes = load();
    const random = prng(bytes.length);
    for (let i = 0; i < FLIPS; i++) {
      const flipped = Buffer.from(bytes);
      const at = Math.floor(random() * flipped.length);
      flipped[at] ^= 1 << Math.floor(random() * 8);
      await expectRefusedOrFaithful(flipped, 'flipped.json');
    }
  });
}

describe('a generated plan, damaged', () => {
  let generated: Buffer;
  beforeAll(async () => {
    const file = path.join(tmp.dir, 'generated.json');
    await generatePlan(file, { resources: 60, seed: 11 });
    generated = fs.readFileSync(file);
  });
  damageTests('generated plan', () => generated);
});

describeWithShared('real plans, damaged', () => {
  const available = hasShared ? REAL_PLANS.filter((file) => realPlanIndex().some((e) => e.file === file)) : [];
  it('has the real plans this test damages', () => {
    expect(available).toEqual(REAL_PLANS);
  });
  for (const file of available) damageTests(file, () => fs.readFileSync(path.join(REAL_PLANS_DIR, file)));
});
