/**
 * Peer pitfall 10: anyone can waive anything, forever (checkov #4027; atlantis #4243). A waiver
 * carries a reason, an owner and an expiry date; without them the configuration is refused, and
 * once it has expired it no longer hides the finding and blocks by itself. An expiry further off
 * than `waiverMaxDays` (365 by default) is refused, and a waiver on every resource is named in
 * every report, as is a rule the configuration turns off (a waiver of everything with no reason).
 */
import { FORMATS } from '../../../checks/check';
import { expectUnusable, tempDir, twinguard } from '../../cli/run';
import { keysPlan } from '../../cli/scenarios';
import { inDays } from '../../helpers/dates';
import { hasShared } from '../../helpers/shared';
import { sarifValidator } from '../../reporters/sarif-validator';

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

  it.each([
    ['*aws_*', 'every aws resource'],
    ['{aws,module}*', 'every aws resource'],
    // kms-key-rotation judges aws_kms_key and awscc_kms_key: this reaches each of them, at the root and in modules.
    ['{*aws_kms_key*,*awscc_kms_key*}', 'every resource it judges'],
  ])('a waiver %s, which reaches %s, is named in the report', async (address, reach) => {
    const result = await twinguard(['check', keys, '--config', config(`reach-${reach.length}-${address.length}`, { ...FIELDS, address })]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain(`waives kms-key-rotation on ${reach} until`);
  });

  describe('a rule the configuration turns off is named in every report, with what turns it off and where', () => {
    const off = tmp.write('off.yaml', 'requiredTags: []\nrules:\n  disable: [kms-key-rotation]\n');
    const report = async (format: string, config?: string) => (await twinguard(['check', keys, ...(config ? ['--config', config] : []), '--format', format])).stdout;
    type Sarif = { runs: { tool: { driver: { rules: { id: string }[] } }; invocations: { ruleConfigurationOverrides?: { descriptor: { id: string; index: number }; configuration: { enabled: boolean } }[] }[]; properties: { rulesOff: unknown[] } }[] };
    /** The rules each format says are off, as [id, what turns it off]. */
    const named: Record<string, (out: string) => string[][]> = {
      text: (out) => [...out.matchAll(/^Rules off by the configuration: (.*)$/gm)].map((m) => [m[1]]),
      markdown: (out) => [...out.matchAll(/^Rules off by the configuration: (.*)$/gm)].map((m) => [m[1]]),
      json: (out) => JSON.parse(out).rulesOff.map((r: { id: string; setting: string; source: string }) => [r.id, r.setting, r.source]),
      sarif: (out) => {
        const [run] = (JSON.parse(out) as Sarif).runs;
        return (run.invocations[0].ruleConfigurationOverrides ?? []).map((o) => [o.descriptor.id, run.tool.driver.rules[o.descriptor.index].id, String(o.configuration.enabled)]);
      },
      junit: (out) => [...out.matchAll(/name="([\w-]+): off">\s*<skipped message="([^"]*)"/g)].map((m) => [m[1], m[2]]),
      codequality: (out) => JSON.parse(out).filter((i: { check_name: string }) => i.check_name === 'twinguard-rule-off').map((i: { description: string; location: { path: string } }) => [i.description, i.location.path]),
    };
    const expected: Record<string, string[][]> = {
      text: [[`kms-key-rotation (rules.disable in ${off}); required-tags (requiredTags: [] in ${off})`]],
      markdown: [[`kms-key-rotation (rules.disable in ${off}); required-tags (requiredTags: \\[\\] in ${off})`]],
      json: [
        ['kms-key-rotation', 'rules.disable', off],
        ['required-tags', 'requiredTags: []', off],
      ],
      sarif: [
        ['kms-key-rotation', 'kms-key-rotation', 'false'],
        ['required-tags', 'required-tags', 'false'],
      ],
      junit: [
        ['kms-key-rotation', `turned off by the configuration: rules.disable in ${off}`],
        ['required-tags', `turned off by the configuration: requiredTags: [] in ${off}`],
      ],
      codequality: [
        ['Rule kms-key-rotation is turned off by the configuration (rules.disable): it judged nothing', expect.stringMatching(/off\.yaml$/) as unknown as string],
        ['Rule required-tags is turned off by the configuration (requiredTags: []): it judged nothing', expect.stringMatching(/off\.yaml$/) as unknown as string],
      ],
    };

    it.each(FORMATS)('%s', async (format) => {
      expect(named[format](await report(format, off))).toEqual(expected[format]);
      expect(named[format](await report(format))).toEqual([]);
    });

    (hasShared ? it : it.skip)('the SARIF that names them validates against the SARIF 2.1.0 schema (../shared)', async () => {
      const validate = sarifValidator();
      expect(validate(JSON.parse(await report('sarif', off)))).toBe(true);
      expect(validate.errors ?? []).toEqual([]);
    });

    it('neither is counted among the rules that ran: a JUnit report showed required-tags passing', async () => {
      const ran = async (config?: string) => JSON.parse(await report('json', config)).rules.map((r: { id: string }) => r.id);
      const all = await ran();
      expect(all).toEqual(expect.arrayContaining(['kms-key-rotation', 'required-tags']));
      expect(await ran(off)).toEqual(all.filter((id: string) => id !== 'kms-key-rotation' && id !== 'required-tags'));
      expect(await report('junit', off)).not.toMatch(/required-tags: no finding/);
    });

    it('a rule off by default is no rule the configuration turned off; one turned on by the file is not listed either', async () => {
      const on = tmp.write('on.yaml', 'requiredTags: [Owner]\nrequireTopicQueueTransportPolicy: false\n');
      expect(JSON.parse(await report('json', on)).rulesOff).toEqual([]);
    });
  });
});
