import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import rule from '../../../checks/rules/sensitive-data/no-sensitive-data-in-instance-keys';
import { runCheck } from '../../robustness/harness';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const user = (address: string) => res(address, { name: 'u' }, { unknown: { arn: true, id: true }, repetition: 'for_each' });

ruleTable(rule, [
  {
    name: 'no-sensitive-data-in-instance-keys: keys that name things pass, numeric indexes too',
    plan: plan([user('aws_iam_user.dev["jroe"]'), user('module.team["platform"].aws_iam_user.dev["build-bot"]'), res('aws_sqs_queue.q[0]', { name: 'q' })]),
    expect: { 'aws_iam_user.dev["jroe"]': 'pass', 'module.team["platform"].aws_iam_user.dev["build-bot"]': 'pass', 'aws_sqs_queue.q[0]': 'pass' },
  },
  {
    name: "fail: an email address as the resource's key, masked",
    plan: plan([user('aws_iam_user.dev["jane.roe@example.com"]')]),
    expect: { 'aws_iam_user.dev["jane.roe@example.com"]': 'fail' },
    message: /^The for_each key of this instance holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
  },
  {
    name: "fail: an email address as a module instance's key, reported on the module instance",
    plan: plan([user('module.team["jane.roe@example.com"].aws_iam_user.dev["a"]'), user('module.team["jane.roe@example.com"].aws_iam_user.dev["b"]')]),
    expect: { 'module.team["jane.roe@example.com"]': 'fail' },
    message: /^The for_each key of module\.team\["jane\.roe@example\.com"\] holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
  },
  {
    name: 'fail: a token as a key',
    plan: plan([user('aws_iam_user.dev["ghp_0123456789abcdefghijABCDEFGHIJ012345"]')]),
    expect: { 'aws_iam_user.dev["ghp_0123456789abcdefghijABCDEFGHIJ012345"]': 'fail' },
  },
  {
    name: 'fail: a configured sensitive pattern',
    plan: plan([user('aws_iam_user.dev["EMP-123456"]')]),
    settings: { sensitivePatterns: [{ name: 'employee number', pattern: 'EMP-\\d{6}' }] },
    expect: { 'aws_iam_user.dev["EMP-123456"]': 'fail' },
  },
  { name: 'data sources are not-applicable', plan: plan([res('data.aws_iam_user.u["jane.roe@example.com"]', { user_name: 'u' }, { actions: ['read'] })]), expect: { 'data.aws_iam_user.u["jane.roe@example.com"]': 'not-applicable' } },
]);

describe('a key found to hold personal data is masked in every report, addresses included', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan([user('module.team["jane.roe@example.com"].aws_iam_user.dev["john.doe@example.com"]')])));

  it.each(['text', 'json', 'sarif', 'junit', 'markdown'])('%s', async (format) => {
    const { code, stdout } = await runCheck([file, '--format', format], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('j***@e***.com');
    expect(stdout).not.toMatch(/jane\.roe|john\.doe/);
  });
});

describe('a key that holds a short match is masked whole (a match under six characters is masked only as a whole key)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan([user('aws_iam_user.dev["E1234-x"]'), user('module.team["E5678-y"].aws_iam_user.dev["a"]')])));
  fs.writeFileSync(path.join(dir, 'twinguard.config.yaml'), 'sensitivePatterns:\n  - name: employee id\n    pattern: "E[0-9]{4}"\n');

  it.each(['text', 'json', 'sarif', 'junit', 'markdown', 'codequality'])('%s', async (format) => {
    const { code, stdout } = await runCheck([path.join(dir, 'plan.json'), '-c', path.join(dir, 'twinguard.config.yaml'), '--format', format], dir);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/E1234|E5678|-x"|-y"/);
  });
});
