/**
 * Peer pitfall 10: anyone can waive anything, forever (checkov #4027; atlantis #4243). A waiver
 * carries a reason, an owner and an expiry date; without them the configuration is refused, and
 * once it has expired it no longer hides the finding and blocks by itself. An expiry further off
 * than `waiverMaxDays` (365 by default) is refused, and a waiver on every resource is named in
 * every report.
 */
import { FORMATS } from '../../../checks/check';
import { expectUnusable, tempDir, twinguard } from '../../cli/run';
import { keysPlan } from '../../cli/scenarios';
import { inDays } from '../../helpers/dates';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const keys = tmp.write('keys.json', keysPlan());

const FIELDS = { rule: 'kms-key-rotation', address: 'aws_kms_key.main', reason: 'Rotated by the HSM team, see SEC-123', owner: 'team-crypto', expires: inDays(30) };
type Fields = Partial<Record<keyof typeof FIELDS | 'input', string>>;
const config = (name: string, fields: Fields, head = '') =>
  tmp.write(`${name}.yaml`, `${head}waivers:\n  - ${Object.entries(fields).map(([k, v]) => `${k}: '${v}'`).join('\n    ')}\n`);
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
    expect(await run(inDays(30))).toEqual({ code: 1, status: 'waived', blocking: false, notices: [] });
    expect(await run('2020-01-31')).toEqual({ code: 1, status: 'fail', blocking: true, notices: [['expired', true]] });
  });

  it('an expired waiver blocks even when it was the only thing standing between the plan and a pass', async () => {
    const only = tmp.write('only.json', { ...keysPlan(), resource_changes: (keysPlan().resource_changes as { address: string }[]).filter((r) => r.address === FIELDS.address) });
    const live = await twinguard(['check', only, '--config', config('only-live', FIELDS)]);
    const expired = await twinguard(['check', only, '--config', config('only-expired', { ...FIELDS, expires: '2020-01-31' })]);
    expect([live.code, expired.code]).toEqual([0, 1]);
    expect(expired.stdout).toMatch(/expired/i);
  });

  it('a waiver that runs for ever is refused: exit 2, one line naming it, its date and the limit', async () => {
    const forever = config('forever', { ...FIELDS, address: '*', expires: '9999-12-31' });
    expectUnusable(await twinguard(['check', keys, '--config', forever]), /waivers\[0\]\.expires: 9999-12-31 is more than 365 days after today .*waiverMaxDays/);
  });

  it('the limit is a year from today unless waiverMaxDays sets another, itself at most 730 days', async () => {
    const code = async (expires: string, head = '') => (await twinguard(['check', keys, '--config', config(`max-${expires}-${head.length}`, { ...FIELDS, expires }, head)])).code;
    // The second waiver is the one refused: named by its position.
    const second = tmp.write('second.yaml', `waivers:\n  - { rule: kms-key-rotation, address: aws_kms_key.main, reason: '${FIELDS.reason}', owner: o, expires: '${inDays(1)}' }\n  - { rule: kms-key-rotation, address: 'module.keys[*]', reason: '${FIELDS.reason}', owner: o, expires: '${inDays(366)}' }\n`);
    expectUnusable(await twinguard(['check', keys, '--config', second]), new RegExp(`waivers\\[1\\]\\.expires: ${inDays(366)} is more than 365 days`));
    expect([await code(inDays(365)), await code(inDays(366))]).toEqual([1, 2]);
    expect([await code(inDays(30), 'waiverMaxDays: 14\n'), await code(inDays(14), 'waiverMaxDays: 14\n')]).toEqual([2, 1]);
    expect(await code(inDays(700), 'waiverMaxDays: 730\n')).toBe(1);
    for (const days of [0, 731, 100000]) {
      expectUnusable(await twinguard(['check', keys, '--config', config(`bound-${days}`, FIELDS, `waiverMaxDays: ${days}\n`)]), /waiverMaxDays: must be a number of days from 1 to 730/);
    }
  });

  it.each(FORMATS)('a waiver on every resource applies, and the %s report names it without blocking on it', async (format) => {
    const run = async (address: string) => {
      const result = await twinguard(['check', keys, '--config', config(`all-${address.length}`, { ...FIELDS, address, input: '*' }), '--format', format]);
      return { code: result.code, stdout: result.stdout, stderr: result.stderr };
    };
    const everywhere = await run('*');
    const named = await run('{aws_kms_key.main,module.keys}');
    expect(everywhere.stderr).toBe('');
    // Both waive the same three keys and pass; only the waiver on everything is named.
    expect([everywhere.code, named.code]).toEqual([0, 0]);
    // Markdown escapes the # and the *: the words are the same in every format.
    const mention = /waives kms-key-rotation on every resource of the inputs matching \\?\* until/;
    expect(everywhere.stdout).toMatch(mention);
    expect(named.stdout).not.toMatch(mention);
    expect(await run('**')).toMatchObject({ code: 0, stdout: expect.stringMatching(mention) });
  });
});
