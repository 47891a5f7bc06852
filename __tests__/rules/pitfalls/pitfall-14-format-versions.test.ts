/**
 * Peer pitfall 14: a new plan `format_version` breaks parsing (terraform-compliance PR #513;
 * checkov-action #70; checkov #1768). Every format from 0.1 to 1.x is read, fields this version does
 * not know are ignored wherever they appear, and 2.x is refused with a message that says why.
 */
import { expectUnusable, tempDir, twinguard } from '../../cli/run';
import { keysPlan } from '../../cli/scenarios';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Doc = Record<string, any>;

/** The plan as a later Terraform might write it: new fields at every level. */
function withNewFields(doc: Doc, formatVersion: string): Doc {
  const future = { added_in: 'a later Terraform', nested: { list: [1, { deep: true }] } };
  return {
    ...doc,
    format_version: formatVersion,
    future_top_level: future,
    resource_changes: doc.resource_changes.map((rc: Doc) => ({
      ...rc,
      future_field: future,
      // after_identity: written since Terraform 1.12; future_change: not written by any Terraform yet.
      change: { ...rc.change, after_identity: { id: null }, future_change: [future] },
    })),
    configuration: {
      ...doc.configuration,
      future_configuration: future,
      provider_config: Object.fromEntries(Object.entries(doc.configuration.provider_config).map(([k, v]) => [k, { ...(v as Doc), future_provider: future }])),
    },
  };
}

/** Exit code and [rule, address, status] of each finding. */
async function verdicts(name: string, doc: Doc) {
  const run = await twinguard(['check', tmp.write(`${name}.json`, doc), '--format', 'json']);
  expect(run.stderr).toBe('');
  return { code: run.code, findings: JSON.parse(run.stdout).findings.map((f: Doc) => [f.ruleId, f.address, f.status]) };
}

describe('pitfall 14: plan format versions', () => {
  let baseline: Awaited<ReturnType<typeof verdicts>>;
  beforeAll(async () => {
    baseline = await verdicts('baseline', keysPlan());
  });

  it('the baseline plan has findings to compare', () => {
    expect(baseline.code).toBe(1);
    expect(baseline.findings.length).toBeGreaterThan(0);
  });

  it.each(['0.1', '0.2', '1.0', '1.1', '1.2', '1.99'])('format_version %s with fields this version does not know: the same verdicts', async (version) => {
    expect(await verdicts(`v${version}`, withNewFields(keysPlan(), version))).toEqual(baseline);
  });

  // 0.0 was read as a plan, and exit 0: Terraform's first format is 0.1, and terraform-json refuses below it.
  it.each(['2.0', '2.1', '10.0', '0.0', '0.00'])('format_version %s is refused: exit 2, one line that says why', async (version) => {
    const file = tmp.write(`refused-${version}.json`, withNewFields(keysPlan(), version));
    expectUnusable(await twinguard(['check', file]), new RegExp(`${file}: unsupported plan format_version ${version.replace('.', '\\.')}: twinguard reads formats 0\\.1 to 1\\.x`));
  });
});
