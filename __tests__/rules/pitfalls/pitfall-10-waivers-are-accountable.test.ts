/**
 * Peer pitfall 10: anyone can waive anything, forever (checkov #4027; atlantis #4243). A waiver
 * carries a reason, an owner and an expiry date; without them the configuration is refused, and
 * once it has expired it no longer hides the finding and blocks by itself.
 */
import { expectUnusable, tempDir, twinguard } from '../../cli/run';
import { keysPlan } from '../../cli/scenarios';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const keys = tmp.write('keys.json', keysPlan());

const FIELDS = { rule: 'kms-key-rotation', address: 'aws_kms_key.main', reason: 'Rotated by the HSM team, see SEC-123', owner: 'team-crypto', expires: '2999-12-31' };
type Fields = Partial<Record<keyof typeof FIELDS, string>>;
const config = (name: string, fields: Fields) =>
  tmp.write(`${name}.yaml`, `waivers:\n  - ${Object.entries(fields).map(([k, v]) => `${k}: '${v}'`).join('\n    ')}\n`);
const without = (field: keyof typeof FIELDS): Fields => Object.fromEntries(Object.entries(FIELDS).filter(([k]) => k !== field));

describe('pitfall 10: waivers are accountable and temporary', () => {
  it.each(['reason', 'owner', 'expires'] as const)('a waiver without %s is refused: exit 2 naming the field', async (field) => {
    expectUnusable(await twinguard(['check', keys, '--config', config(`no-${field}`, without(field))]), new RegExp(`waivers\\[0\\]\\.${field}: required field is missing`));
  });

  it.each([
    ['a reason that says nothing', { reason: 'ok' }, /waivers\[0\]\.reason: must be at least 10 characters/],
    ['an empty owner', { owner: '' }, /waivers\[0\]\.owner: must be at least 1 characters/],
    ['"never" as the expiry', { expires: 'never' }, /waivers\[0\]\.expires: must be a date written YYYY-MM-DD/],
    ['a date that is not in the calendar', { expires: '2027-02-30' }, /waivers\[0\]\.expires: 2027-02-30 is not a date in the calendar/],
  ])('%s is refused', async (name, change, mention) => {
    expectUnusable(await twinguard(['check', keys, '--config', config(name.replace(/\W+/g, '-'), { ...FIELDS, ...change })]), mention);
  });

  it('a live waiver hides its finding; once expired the finding is back and the waiver itself blocks', async () => {
    const run = async (expires: string) => {
      const result = await twinguard(['check', keys, '--config', config(`expires-${expires}`, { ...FIELDS, expires }), '--format', 'json']);
      const doc = JSON.parse(result.stdout);
      const main = doc.findings.find((f: { address: string }) => f.address === FIELDS.address);
      return { code: result.code, status: main.status, blocking: main.blocking, notices: doc.waivers.map((w: { kind: string; blocking: boolean }) => [w.kind, w.blocking]) };
    };
    expect(await run('2999-12-31')).toEqual({ code: 1, status: 'waived', blocking: false, notices: [] });
    expect(await run('2020-01-31')).toEqual({ code: 1, status: 'fail', blocking: true, notices: [['expired', true]] });
  });

  it('an expired waiver blocks even when it was the only thing standing between the plan and a pass', async () => {
    const only = tmp.write('only.json', { ...keysPlan(), resource_changes: (keysPlan().resource_changes as { address: string }[]).filter((r) => r.address === FIELDS.address) });
    const live = await twinguard(['check', only, '--config', config('only-live', FIELDS)]);
    const expired = await twinguard(['check', only, '--config', config('only-expired', { ...FIELDS, expires: '2020-01-31' })]);
    expect([live.code, expired.code]).toEqual([0, 1]);
    expect(expired.stdout).toMatch(/expired/i);
  });
});
