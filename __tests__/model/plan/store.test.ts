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
import type { LoadedInput } from '../../../checks/model/types';
import { generatePlan } from '../../../scripts/bench/generate-plan';
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
  it('keeps values out of memory, and reports what the same plan in memory reports', async () => {
    const plan = await generatePlan(path.join(dir, 'generated.json'), { resources: 600, seed: 11 });
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

describeWithShared('every real plan with its values in the file', () => {
  const entries = realPlanIndex().filter((entry) => entry.category !== 'expected-output');

  it.each(entries.map((entry) => entry.file))('%s: the same report (or refusal) as in memory', async (file) => {
    const full = path.join(REAL_PLANS_DIR, file);
    expect(await outcome(full, IN_FILE)).toEqual(await outcome(full, IN_MEMORY));
  });
});
