/**
 * Peer pitfall 9: severity or soft-fail flags that silently do nothing (checkov #4567, #7379).
 * An unknown flag, a bad value, an unknown configuration field or rule id is an error (exit 2, one
 * line naming it); the settings that exist change the outcome.
 */
import { expectUnusable, tempDir, twinguard } from '../../cli/run';
import { keysPlan } from '../../cli/scenarios';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const keys = tmp.write('keys.json', keysPlan());

describe('pitfall 9: flags and settings never do nothing silently', () => {
  it.each([
    ['an unknown flag (checkov’s soft-fail)', ['--soft-fail'], /--soft-fail/],
    ['an unknown severity flag', ['--severity', 'high'], /--severity/],
    ['a bad --format value', ['--format', 'sarif2'], /sarif2/],
    ['a bad --input-kind value', ['--input-kind', 'tf'], /tf/],
  ])('%s: exit 2', async (_name, flags, mention) => {
    expectUnusable(await twinguard(['check', keys, ...flags]), mention);
  });

  it.each([
    ['a severity threshold that is not a severity', 'failOn: urgent\n', /failOn: must be one of critical, high, medium, low/],
    ['a severity override that is not a severity', 'rules:\n  severity:\n    kms-key-rotation: urgent\n', /rules\.severity\.kms-key-rotation: must be one of/],
    ['a severity override of a rule that does not exist', 'rules:\n  severity:\n    kms-rotation: critical\n', /no rule has the id "kms-rotation" \(did you mean kms-key-rotation/],
    ['an unknown setting (a soft-fail switch)', 'softFail: true\n', /softFail: unknown field/],
  ])('%s: exit 2 naming the file and the field', async (name, text, mention) => {
    const config = tmp.write(`${name.replace(/\W+/g, '-')}.yaml`, text);
    const run = await twinguard(['check', keys, '--config', config]);
    expectUnusable(run, mention);
    expect(run.stderr).toContain(config);
  });

  it('the severity settings that exist change what blocks', async () => {
    const run = async (text: string) => {
      const result = await twinguard(['check', keys, '--config', tmp.write(`s${text.length}.yaml`, text), '--format', 'json']);
      const doc = JSON.parse(result.stdout);
      const rotation = doc.findings.filter((f: { ruleId: string }) => f.ruleId === 'kms-key-rotation').length;
      return { code: result.code, reported: doc.findings.length, rotation, blocking: doc.summary.blocking };
    };
    const base = await run('failOn: low\n');
    expect(base).toMatchObject({ code: 1, blocking: base.reported });
    expect(base.rotation).toBeGreaterThan(0);
    expect(await run('failOn: critical\n')).toEqual({ ...base, code: 0, blocking: 0 });
    expect(await run('failOn: critical\nrules:\n  severity:\n    kms-key-rotation: critical\n')).toEqual({ ...base, code: 1, blocking: base.rotation });
  });
});
