import type { RawFinding } from '../../checks/report';
import { addDays, applyWaivers, beyondHorizon, compileAddressGlob, containingAddresses, everyAddressReached, globMatchWork, todayUtc, type Waiver } from '../../checks/waivers';

const raw = (ruleId: string, address: string, input = 'plan.json'): RawFinding => ({ ruleId, address, input, status: 'fail', message: 'm', redact: [] });
let index = 0;
const waiver = (w: Partial<Waiver> & Pick<Waiver, 'rule' | 'address'>): Waiver => ({ reason: 'Reviewed by the security team', owner: 'team-a', expires: '2999-12-31', index: index++, ...w });
const TODAY = { today: '2026-11-28', unwaivable: new Set<string>() };

describe('address globs (peer pitfall 8: module instances, count and for_each instances)', () => {
  it.each([
    ['aws_s3_bucket.logs', 'aws_s3_bucket.logs', true],
    ['aws_s3_bucket.logs', 'aws_s3_bucket.logs[0]', false],
    ['aws_s3_bucket.logs[0]', 'aws_s3_bucket.logs[0]', true],
    ['aws_s3_bucket.logs[0]', 'aws_s3_bucket.logs[1]', false],
    ['aws_s3_bucket.logs[*]', 'aws_s3_bucket.logs[1]', true],
    ['aws_s3_bucket.logs[*]', 'aws_s3_bucket.logs["eu-west-1"]', true],
    ['aws_s3_bucket.logs["eu-west-1"]', 'aws_s3_bucket.logs["eu-west-1"]', true],
    ['aws_s3_bucket.logs["eu-west-1"]', 'aws_s3_bucket.logs["eu-west-2"]', false],
    ['aws_s3_bucket.logs["eu-*"]', 'aws_s3_bucket.logs["eu-west-2"]', true],
    ['aws_s3_bucket.logs["a/b"]', 'aws_s3_bucket.logs["a/b"]', true],
    ['aws_s3_bucket.logs[*]', 'aws_s3_bucket.logs["team/a b.c"]', true],
    ['aws_s3_bucket.*', 'aws_s3_bucket.logs["x"]', true],
    ['module.app[*].aws_s3_bucket.data', 'module.app["eu"].aws_s3_bucket.data', true],
    ['module.app[*].aws_s3_bucket.data', 'module.app[0].aws_s3_bucket.data', true],
    ['module.app[*].aws_s3_bucket.data', 'module.app.aws_s3_bucket.data', false],
    ['module.app["eu"].aws_s3_bucket.data[*]', 'module.app["eu"].aws_s3_bucket.data["x"]', true],
    ['module.app["eu"].aws_s3_bucket.data[*]', 'module.app["us"].aws_s3_bucket.data["x"]', false],
    ['module.*.aws_kms_key.k', 'module.a.module.b["x.y"].aws_kms_key.k', true],
    ['*.aws_kms_key.k', 'aws_kms_key.k', false],
    ['{module.a.,}aws_kms_key.k', 'aws_kms_key.k', true],
    ['aws_kms_key.k?', 'aws_kms_key.k2', true],
    ['aws_s3_bucket.logs', 'AWS_S3_BUCKET.LOGS', false],
    ['!aws_s3_bucket.logs', 'aws_s3_bucket.other', false],
    ['**', 'module.a["x/y"].aws_kms_key.k', true],
    ['module.a.**.aws_kms_key.k', 'module.a.module.b["x/y"].aws_kms_key.k', true],
    ['aws_kms_key.{a,{b,c}}', 'aws_kms_key.c', true],
    ['aws_kms_key.{a,{b,c}}', 'aws_kms_key.d', false],
    ['aws_kms_key.{a*,b}[0]', 'aws_kms_key.alpha[0]', true],
    ['aws_kms_key.{a}', 'aws_kms_key.{a}', true],
    ['aws_kms_key.{a}', 'aws_kms_key.a', false],
    ['aws_s3_bucket.b["a\\*"]', 'aws_s3_bucket.b["a\\b"]', true],
    ['aws_s3_bucket.b["$+(x)|^"]', 'aws_s3_bucket.b["$+(x)|^"]', true],
    ['aws_s3_bucket.b[?]', 'aws_s3_bucket.b[10]', false],
  ])('%s vs %s: %s', (glob, address, expected) => {
    expect(compileAddressGlob(glob)(address)).toBe(expected);
  });

  it('an unclosed { is refused', () => {
    expect(() => compileAddressGlob('aws_s3_bucket.{a,b')).toThrow(/not closed/);
  });

  // The instance key is written by whoever opens a pull request. picomatch's backtracking `*` took 15 s here for a key of
  // 100 characters and over 120 s for 400. The cost is counted, not timed: each glob position at most once per character.
  it.each([100, 400, 1600])('a glob of many * against an instance key of %i characters costs at most its length times the glob', (length) => {
    const address = `aws_sqs_queue.q["${'a'.repeat(length)}"]`;
    const bound = (address.length + 1) * ('*a*a*a*a*a*c'.length + 1);
    globMatchWork.steps = 0;
    expect(compileAddressGlob('*a*a*a*a*a*c')(address)).toBe(false);
    expect(compileAddressGlob('*a*a*a*a*a*"]')(address)).toBe(true);
    expect(globMatchWork.steps).toBeLessThanOrEqual(2 * bound);
  });
});

describe('a waiver reaches what its address holds, as terraform -target does (peer pitfall 8)', () => {
  const FINDINGS = [
    'aws_s3_bucket.data',
    'aws_s3_bucket.data[0]',
    'aws_s3_bucket.data["eu.west]"]',
    'aws_s3_bucket.data_old[0]',
    'data.aws_iam_policy_document.p[0]',
    'ephemeral.aws_secretsmanager_secret_version.s["db"]',
    'action.aws_lambda_invoke.notify[0]',
    'action.aws_lambda_invoke.notify["eu"]',
    'module.m.aws_s3_bucket.data',
    'module.m["a"].action.aws_lambda_invoke.notify[2]',
    'module.m.aws_s3_bucket.data[1]',
    'module.m["a"].aws_s3_bucket.data',
    'module.m["a"].aws_s3_bucket.data[1]',
    'module.m["a"].module.n[0].aws_kms_key.k',
    'module.m.module.n.aws_kms_key.k',
    'module.mm.aws_s3_bucket.data',
    'var.token',
  ];
  const waived = (address: string): string[] => {
    const out = applyWaivers(
      FINDINGS.map((a) => raw('r', a)),
      [waiver({ rule: 'r', address })],
      TODAY,
    );
    return out.findings.filter((f) => f.waiver !== undefined).map((f) => f.address);
  };

  it.each([
    ['aws_s3_bucket.data', ['aws_s3_bucket.data', 'aws_s3_bucket.data[0]', 'aws_s3_bucket.data["eu.west]"]']],
    ['aws_s3_bucket.data[0]', ['aws_s3_bucket.data[0]']],
    ['data.aws_iam_policy_document.p', ['data.aws_iam_policy_document.p[0]']],
    ['ephemeral.aws_secretsmanager_secret_version.s', ['ephemeral.aws_secretsmanager_secret_version.s["db"]']],
    ['action.aws_lambda_invoke.notify', ['action.aws_lambda_invoke.notify[0]', 'action.aws_lambda_invoke.notify["eu"]']],
    ['module.m["a"].action.aws_lambda_invoke.notify', ['module.m["a"].action.aws_lambda_invoke.notify[2]']],
    ['module.m.aws_s3_bucket.data', ['module.m.aws_s3_bucket.data', 'module.m.aws_s3_bucket.data[1]']],
    ['module.m["a"].aws_s3_bucket.data', ['module.m["a"].aws_s3_bucket.data', 'module.m["a"].aws_s3_bucket.data[1]']],
    [
      'module.m',
      [
        'module.m.aws_s3_bucket.data',
        'module.m["a"].action.aws_lambda_invoke.notify[2]',
        'module.m.aws_s3_bucket.data[1]',
        'module.m["a"].aws_s3_bucket.data',
        'module.m["a"].aws_s3_bucket.data[1]',
        'module.m["a"].module.n[0].aws_kms_key.k',
        'module.m.module.n.aws_kms_key.k',
      ],
    ],
    ['module.m["a"]', ['module.m["a"].action.aws_lambda_invoke.notify[2]', 'module.m["a"].aws_s3_bucket.data', 'module.m["a"].aws_s3_bucket.data[1]', 'module.m["a"].module.n[0].aws_kms_key.k']],
    ['module.m["a"].module.n', ['module.m["a"].module.n[0].aws_kms_key.k']],
    ['module.m.module.n', ['module.m.module.n.aws_kms_key.k']],
    ['*.data', ['aws_s3_bucket.data', 'aws_s3_bucket.data[0]', 'aws_s3_bucket.data["eu.west]"]', 'module.m.aws_s3_bucket.data', 'module.m.aws_s3_bucket.data[1]', 'module.m["a"].aws_s3_bucket.data', 'module.m["a"].aws_s3_bucket.data[1]', 'module.mm.aws_s3_bucket.data']],
    ['var.token', ['var.token']],
  ])('%s waives %j and nothing else', (address, expected) => {
    expect(waived(address)).toEqual(expected);
  });

  it('lists the holders cut from the address as written, keys quoted as the plan quotes them', () => {
    expect(containingAddresses('module.m["a.b"].module.n[0].aws_s3_bucket.b["x\\"]"]')).toEqual([
      'module.m["a.b"].module.n[0].aws_s3_bucket.b["x\\"]"]',
      'module.m',
      'module.m["a.b"]',
      'module.m["a.b"].module.n',
      'module.m["a.b"].module.n[0]',
      'module.m["a.b"].module.n[0].aws_s3_bucket.b',
    ]);
    expect(containingAddresses('var.token')).toEqual(['var.token']);
  });
});

describe('applyWaivers', () => {
  it('waives the matching findings and leaves the rest', () => {
    const findings = [raw('kms-rotation', 'module.m["a"].aws_kms_key.k'), raw('kms-rotation', 'aws_kms_key.other'), raw('tags', 'module.m["a"].aws_kms_key.k')];
    const out = applyWaivers(findings, [waiver({ rule: 'kms-rotation', address: 'module.m[*].aws_kms_key.*', reason: 'HSM team rotates it', owner: 'crypto', expires: '2027-01-31' })], TODAY);
    expect(out.findings.map((f) => f.waiver?.owner)).toEqual(['crypto', undefined, undefined]);
    expect(out.findings[0].waiver).toEqual({ reason: 'HSM team rotates it', owner: 'crypto', expires: '2027-01-31' });
    expect(out.notices).toEqual([]);
  });

  it('still applies on its expiry day, and no longer the day after: the expired waiver is reported, blocking', () => {
    const findings = [raw('r', 'a.b')];
    const w = waiver({ rule: 'r', address: 'a.b', expires: '2026-11-28' });
    expect(applyWaivers(findings, [w], TODAY).findings[0].waiver).toBeDefined();
    const next = applyWaivers(findings, [w], { ...TODAY, today: '2026-11-29' });
    expect(next.findings[0].waiver).toBeUndefined();
    expect(next.notices).toEqual([expect.objectContaining({ kind: 'expired', ruleId: 'r', address: 'a.b', blocking: true })]);
  });

  it('an expired waiver\'s notice names the inputs of the findings it reaches (its input glob too), and none when it reaches none', () => {
    const findings = [raw('r', 'a.b', 'stacks/sa/cdk.tf.json'), raw('r', 'a.b', 'stacks/sb/cdk.tf.json'), raw('r', 'a.b', 'other/cdk.tf.json'), raw('q', 'a.b', 'stacks/sc/cdk.tf.json')];
    const expired = { expires: '2026-01-31' };
    const out = applyWaivers(findings, [waiver({ rule: 'r', address: 'a.*', input: 'stacks/*', ...expired }), waiver({ rule: 'r', address: 'a.gone', ...expired })], TODAY);
    expect(out.notices.map((n) => [n.kind, n.address, n.inputs])).toEqual([
      ['expired', 'a.*', ['stacks/sa/cdk.tf.json', 'stacks/sb/cdk.tf.json']],
      ['expired', 'a.gone', undefined],
    ]);
  });

  it('reports a waiver that matches nothing as stale, not blocking', () => {
    const out = applyWaivers([raw('r', 'a.b')], [waiver({ rule: 'r', address: 'a.c' }), waiver({ rule: 'other', address: 'a.b' })], TODAY);
    expect(out.findings[0].waiver).toBeUndefined();
    expect(out.notices.map((n) => [n.kind, n.address, n.blocking])).toEqual([
      ['stale', 'a.c', false],
      ['stale', 'a.b', false],
    ]);
  });

  it('never waives an unwaivable rule, and says so', () => {
    const out = applyWaivers([raw('creds', 'provider.aws')], [waiver({ rule: 'creds', address: '*' })], { ...TODAY, unwaivable: new Set(['creds']) });
    expect(out.findings[0].waiver).toBeUndefined();
    expect(out.notices).toEqual([expect.objectContaining({ kind: 'unwaivable', ruleId: 'creds', blocking: false })]);
  });

  it('limits a waiver to inputs matching its input glob', () => {
    const findings = [raw('r', 'a.b', 'cdktf.out/stacks/twinmaker-dev/cdk.tf.json'), raw('r', 'a.b', 'cdktf.out/stacks/twinmaker-prod/cdk.tf.json')];
    const out = applyWaivers(findings, [waiver({ rule: 'r', address: 'a.b', input: '*twinmaker-dev*' })], TODAY);
    expect(out.findings.map((f) => f.waiver !== undefined)).toEqual([true, false]);
  });

  it('the first live waiver in file order applies; a later one that only overlaps is not stale if it matched elsewhere', () => {
    const findings = [raw('r', 'a.x'), raw('r', 'a.y')];
    const out = applyWaivers(findings, [waiver({ rule: 'r', address: 'a.x', owner: 'first' }), waiver({ rule: 'r', address: 'a.*', owner: 'second' })], TODAY);
    expect(out.findings.map((f) => f.waiver?.owner)).toEqual(['first', 'second']);
    expect(out.notices).toEqual([]);
  });

  it('file order holds across waivers named by exact address and by glob, an expired one first, and a block address reaching its instances', () => {
    const findings = [raw('r', 'a.x[0]'), raw('r', 'a.y'), raw('q', 'a.x[0]')];
    const waivers = [
      waiver({ rule: 'r', address: 'a.x', owner: 'old', expires: '2026-01-31' }),
      waiver({ rule: 'r', address: 'a.*', owner: 'glob' }),
      waiver({ rule: 'r', address: 'a.x[0]', owner: 'exact' }),
      waiver({ rule: 'r', address: 'a.y', owner: 'later' }),
    ];
    const out = applyWaivers(findings, waivers, TODAY);
    expect(out.findings.map((f) => f.waiver?.owner)).toEqual(['glob', 'glob', undefined]);
    expect(out.notices.map((n) => [n.kind, n.address, n.message.replace(/ \(the first live.*\)/, '')])).toEqual([
      ['expired', 'a.x', expect.stringMatching(/ expired on 2026-01-31/)],
      ['stale', 'a.x[0]', `waiver #${waivers[2].index + 1} matches only findings waiver #${waivers[1].index + 1} already waives: remove it`],
      ['stale', 'a.y', `waiver #${waivers[3].index + 1} matches only findings waiver #${waivers[1].index + 1} already waives: remove it`],
    ]);
    const reordered = applyWaivers(findings, [waivers[2], waivers[1]], TODAY);
    expect(reordered.findings.map((f) => f.waiver?.owner)).toEqual(['exact', 'glob', undefined]);
  });

  it('a waiver whose findings earlier ones all waive names them; one that reaches only an expired waiver\'s findings waives them', () => {
    const findings = [raw('r', 'a.x'), raw('r', 'a.y'), raw('r', 'b.z')];
    const out = applyWaivers(
      findings,
      [waiver({ rule: 'r', address: 'a.x', index: 0 }), waiver({ rule: 'r', address: 'a.y', index: 1 }), waiver({ rule: 'r', address: 'a.*', index: 2 }), waiver({ rule: 'r', address: 'b.z', expires: '2026-01-31', index: 3 }), waiver({ rule: 'r', address: 'b.*', index: 4 }), waiver({ rule: 'r', address: 'c.*', index: 5 })],
      TODAY,
    );
    expect(out.findings.map((f) => f.waiver !== undefined)).toEqual([true, true, true]);
    expect(out.notices.map((n) => [n.kind, n.address, n.message])).toEqual([
      ['stale', 'a.*', 'waiver #3 matches only findings waivers #1, #2 already waive (the first live waiver in file order that matches a finding applies): remove it'],
      ['expired', 'b.z', expect.stringMatching(/^waiver #4 expired/)],
      ['stale', 'c.*', 'waiver #6 matches no finding: remove it, or fix its rule id or address glob'],
    ]);
  });

  // 2,000 waivers on 2,000 buckets took 23.6 s, 4,000 over 120 s: every waiver's glob was tried on every finding. The
  // cost is counted, not timed: glob positions visited, which grew with the square of the count and now grow with it.
  it('a waiver per finding, by exact address, costs each finding a lookup, not a glob per waiver', () => {
    const work = (n: number): number => {
      const findings = Array.from({ length: n }, (_, i) => raw('r', `aws_s3_bucket.b${i}`));
      const waivers = Array.from({ length: n }, (_, i) => waiver({ rule: 'r', address: `aws_s3_bucket.b${i}`, owner: `o${i}` }));
      globMatchWork.steps = 0;
      const out = applyWaivers(findings, waivers, TODAY);
      expect(out.findings.map((f) => f.waiver?.owner)).toEqual(findings.map((_, i) => `o${i}`));
      expect(out.notices).toEqual([]);
      return globMatchWork.steps;
    };
    expect(work(400)).toBeLessThan(2.5 * work(200));
  });
});

describe('waivers on everything, waivers for ever (peer pitfall 10)', () => {
  const KEYS = ['aws_kms_key', 'awscc_kms_key'];
  it.each([
    ['*', [], 'every resource'],
    ['**', KEYS, 'every resource'],
    ['*.*', [], 'every resource'],
    ['{*,aws_s3_bucket.x}', [], 'every resource'],
    ['*_*.*', [], 'every resource'],
    // Every resource of a provider, at the root and in modules, whatever the rule's types.
    ['*aws_*', [], 'every aws resource'],
    ['{aws,module}*', KEYS, 'every aws resource'],
    ['{awscc_*,module.*}', [], 'every awscc resource'],
    // Every resource the waived rule judges, and only that.
    ['{*aws_kms_key*,*awscc_kms*}', KEYS, 'every resource it judges'],
    ['{*aws_kms_key*,*awscc_kms*}', [], undefined],
    ['*aws_kms_key*', KEYS, undefined],
    ['aws_*', KEYS, undefined],
    ['aws_kms_key.*', KEYS, undefined],
    ['module.*', [], undefined],
    ['*.data', [], undefined],
    ['aws_s3_bucket.data', [], undefined],
  ])('%s with the rule\'s types %j reaches %s', (glob, judged, expected) => {
    expect(everyAddressReached(glob, judged)).toBe(expected);
  });

  it('names a waiver on every aws resource, or on every resource its rule judges, by what it reaches', () => {
    const findings = [raw('r', 'aws_kms_key.a'), raw('r', 'module.m.aws_kms_key.c'), raw('q', 'aws_kms_key.a')];
    const judgedTypes = (id: string) => (id === 'r' ? ['aws_kms_key'] : undefined);
    const out = applyWaivers(findings, [waiver({ rule: 'r', address: '*aws_*', index: 0 }), waiver({ rule: 'q', address: '{*aws_kms_key*,*awscc_kms*}', index: 1 })], { ...TODAY, judgedTypes });
    expect(out.findings.map((f) => f.waiver !== undefined)).toEqual([true, true, true]);
    expect(out.notices.map((n) => [n.kind, n.ruleId, n.message])).toEqual([['everywhere', 'r', expect.stringMatching(/^waiver #1 waives r on every aws resource until /)]]);
    const judged = applyWaivers(findings, [waiver({ rule: 'r', address: '{*aws_kms_key*,*awscc_kms*}', index: 0 })], { ...TODAY, judgedTypes });
    expect(judged.notices.map((n) => n.message)).toEqual([expect.stringMatching(/^waiver #1 waives r on every resource it judges until /)]);
  });

  it('names a live waiver on everything, not blocking; not one that is ignored or expired', () => {
    const findings = [raw('r', 'aws_s3_bucket.data')];
    const out = applyWaivers(findings, [waiver({ rule: 'r', address: '*' }), waiver({ rule: 'r', address: '**', expires: '2026-01-01' }), waiver({ rule: 'q', address: '*' })], TODAY);
    expect(out.findings[0].waiver).toBeDefined();
    expect(out.notices.map((n) => [n.kind, n.ruleId, n.blocking])).toEqual([
      ['everywhere', 'r', false],
      ['expired', 'r', true],
      ['everywhere', 'q', false],
      ['stale', 'q', false],
    ]);
  });

  it('refuses the first waiver that expires more than the limit after today, by its position', () => {
    const ws = [waiver({ rule: 'r', address: 'a.b', expires: '2027-11-28', index: 0 }), waiver({ rule: 'r', address: 'a.c', expires: '2027-11-29', index: 1 })];
    expect(beyondHorizon(ws.slice(0, 1), '2026-11-28', 365)).toBeUndefined();
    expect(beyondHorizon(ws, '2026-11-28', 365)).toMatch(/^waivers\[1\]\.expires: 2027-11-29 is more than 365 days after today \(2026-11-28\).*set 2027-11-28 or earlier/);
    expect(beyondHorizon(ws, '2026-11-28', 366)).toBeUndefined();
  });

  it('counts days over month, year and leap-day ends', () => {
    expect([addDays('2026-12-31', 1), addDays('2028-02-28', 1), addDays('2027-03-01', -1), addDays('2026-11-30', 365)]).toEqual(['2027-01-01', '2028-02-29', '2027-02-28', '2027-11-30']);
  });
});

describe('todayUtc', () => {
  it('is the UTC calendar date', () => {
    expect(todayUtc(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
  });
});
