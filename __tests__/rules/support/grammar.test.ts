import fc from 'fast-check';
import { accountVariables, coversAny, coversGrammar, EVERY_ARN, EVERY_IAM_RESOURCE_OF_AN_ACCOUNT, EVERY_KEY_OF_ACCOUNTS, resetGrammarBudget, serviceActions, type Grammar, type Part, type Quantifier } from '../../../checks/rules/support/grammar';
import { covers } from '../../../checks/rules/support/policy';

/**
 * An independent reading of a grammar: every string of each part spelled out, and each quantifier
 * counted over them, a pattern matched by `covers` (checked against a regular expression in
 * policy-covers.test.ts).
 */
function strings(part: Exclude<Part, string>): string[] {
  if ('oneOf' in part) return [...part.oneOf];
  const chars = 'members' in part.run ? [...part.run.members] : [];
  let level = [''];
  const out: string[] = [];
  for (let n = 0; n <= (part.max as number); n += 1) {
    if (n >= part.min) out.push(...level);
    level = level.flatMap((s) => chars.map((c) => s + c));
  }
  return out;
}

function oracle(patterns: readonly string[], parts: readonly Part[], prefix = ''): boolean {
  if (parts.length === 0) return patterns.some((p) => covers(p, prefix));
  const [part, ...rest] = parts;
  if (typeof part === 'string') return oracle(patterns, rest, prefix + part);
  const holding = strings(part).filter((s) => oracle(patterns, rest, prefix + s)).length;
  const q: Quantifier = part.q;
  return q === 'every' ? holding === strings(part).length : q === 'some' ? holding > 0 : holding >= q.atLeast;
}

const alphabet = fc.constantFrom('a', 'b', ':');
const quantifier = fc.constantFrom<Quantifier>('every', 'some', { atLeast: 2 }, { atLeast: 3 });
const part: fc.Arbitrary<Part> = fc.oneof(
  fc.array(alphabet, { minLength: 1, maxLength: 2 }).map((cs) => cs.join('')),
  fc.record({ oneOf: fc.array(fc.array(alphabet, { maxLength: 2 }).map((cs) => cs.join('')), { minLength: 1, maxLength: 3 }), q: quantifier }),
  fc
    .record({ members: fc.constantFrom('a', 'ab', 'a:', 'ab:'), min: fc.nat(2), extra: fc.nat(2), q: quantifier })
    .map(({ members, min, extra, q }): Part => ({ run: { members }, min, max: min + extra, q })),
);
const pattern = fc.array(fc.constantFrom('a', 'b', ':', '*', '?'), { maxLength: 6 }).map((cs) => cs.join(''));

describe('coversGrammar: decided by the patterns\' algebra', () => {
  it('agrees with spelling out every string of the grammar, for any patterns and quantifiers', () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 3 }), fc.array(part, { minLength: 1, maxLength: 4 }), (patterns, parts) => {
        const grammar: Grammar = { name: 'a test grammar', parts };
        expect(coversGrammar(patterns, grammar)).toBe(oracle(patterns, parts) ? 'yes' : 'no');
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a run of every character but some as its characters the patterns write and one more', () => {
    const anything: Grammar = { name: 'anything but :', parts: ['x', { run: { except: ':' }, min: 1, q: 'every' }] };
    expect(coversGrammar(['x?*'], anything)).toBe('yes');
    expect(coversGrammar(['x*?'], anything)).toBe('yes');
    expect(coversGrammar(['x?'], anything)).toBe('no');
    expect(coversGrammar(['xa*', 'x?'], anything)).toBe('no');
    expect(coversGrammar(['x*:*'], anything)).toBe('no');
  });
});

describe('what IAM names', () => {
  it.each([
    ['*', true],
    ['*:*', true],
    ['?*', true],
    ['*?', true],
    ['*?*', true],
    ['*:?*', true],
    ['?*:*', true],
    ['IAM:*', true],
    ['iam:?*', true],
    ['iam:*?', true],
    ['i*', true],
    ['s3:*', false],
    ['iam:*Policy*', false],
    ['*:Get*', false],
    ['?:*', false],
  ])('every IAM action: %j is %s', (p, expected) => expect(coversGrammar([p], serviceActions('iam', 'every'))).toBe(expected ? 'yes' : 'no'));

  it('reads a list of patterns together: IAM actions named in two halves are all of them', () => {
    const iam = serviceActions('iam', 'every');
    expect(coversGrammar(['iam:A*', 'iam:?????*'], iam)).toBe('no');
    expect(coversGrammar(['iam:?', 'iam:??*'], iam)).toBe('yes');
  });

  it.each([
    ['*', true],
    ['?*', true],
    ['*?*', true],
    ['arn:*', true],
    ['arn:*:*', true],
    ['arn:aws:?*', true],
    ['arn:aws-cn:*', true],
    ['arn:aws-*:*', true],
    ['arn:aws:*:*:*:*', true],
    ['arn:aws:*:*:*:?*', true],
    ['arn:aws:?*:*:*:*', true],
    ['arn:aws:*:*:????????????:*', false],
    ['arn:aws:s3:::*', false],
    ['arn:aws:s3:::bucket-*/*', false],
    ['arn:aws:*:*:*:key/*', false],
    ['arn:aws:?:*', false],
  ])('every ARN: %j is %s', (p, expected) => expect(coversGrammar([p], EVERY_ARN)).toBe(expected ? 'yes' : 'no'));

  it.each([
    ['arn:aws:iam::*:*', true],
    ['arn:aws:iam::*', true],
    ['arn:aws:iam:*', true],
    ['arn:aws:iam::111122223333:*', true],
    ['arn:aws:iam::111122223333:?*', true],
    ['arn:aws:iam::aws:*', true],
    ['arn:aws:iam::111122223333:role/*', false],
    ['arn:aws:iam::*:role/*', false],
    ['arn:aws:s3:::*', false],
  ])('every IAM resource of an account: %j is %s', (p, expected) => expect(coversAny([p], EVERY_IAM_RESOURCE_OF_AN_ACCOUNT)).toBe(expected ? 'yes' : 'no'));

  it.each([
    ['*', true],
    ['arn:aws:kms:*', true],
    ['arn:aws:kms:*:*:key/*', true],
    ['arn:aws:kms:*:*:key/?*', true],
    ['arn:aws:kms:*:*:key/*?', true],
    // Every key id is a UUID (with a dash) or a multi-Region key's `mrk-…`.
    ['arn:aws:kms:*:*:key/*-*', true],
    ['arn:aws:kms:*:*:key/mrk-*', true],
    ['arn:aws:kms:*:key/*', true],
    ['*:key/*', true],
    ['arn:aws:kms:eu-west-1:*:key/*', true],
    ['arn:aws:kms:*:1111222233*:key/*', true],
    ['arn:aws:kms:*:11112222333?:key/*', true],
    ['arn:aws-us-gov:kms:*:*:key/*', true],
    ['arn:*:kms:*:*:key/*', true],
    // The keys of one account, in one Region or all: what Security Hub KMS.1/KMS.2 tell to allow.
    ['arn:aws:kms:eu-west-1:111122223333:key/*', false],
    ['arn:aws:kms:*:111122223333:key/*', false],
    ['arn:aws:kms:*:111122223333:*', false],
    ['arn:aws:kms:*:111122223333:key/?*', false],
    // Some keys of every account, not every one.
    ['arn:aws:kms:*:*:key/1234abcd-*', false],
    ['arn:aws:kms:*:*:key/*-*-*-*-1', false],
    ['arn:aws:kms:*:*:alias/*', false],
    ['arn:aws:s3:::*', false],
    // No key's ARN holds `-prod-`: Regions are named by a direction and a number, not any word.
    ['*-prod-*', false],
    ['arn:aws:kms:*-prod-*', false],
    ['arn:aws:kms:us-gov-*:*:key/*', true],
    ['arn:aws:kms:ap-*-1:*:key/*', true],
  ])('every KMS key of two accounts: %j is %s', (p, expected) => expect(coversAny([p], EVERY_KEY_OF_ACCOUNTS)).toBe(expected ? 'yes' : 'no'));
});

describe('patterns written to defeat the walk', () => {
  // After a `*`, a run of `?` between literal characters makes the walk remember where each `:` fell: 2^18 sets.
  const never: Grammar = { name: 'something, then y', parts: [{ run: { except: '' }, min: 0, q: 'some' }, 'y'] };
  const patterns = ['*:??????????????????:x'];
  it('are answered undecided: neither covering nor not, for the caller to fail closed on and say so', () => {
    expect(coversGrammar(patterns, never)).toBe('undecided');
  });

  it('once a check has spent its budget on intricate questions, each such question is left undecided at once; a new check has the whole budget', () => {
    // Ten digits and a run of `?` after a `*`: every such pattern takes tens of thousands of steps against the 12 digits of an account.
    const intricate = (n: number) => [`*${n % 10}${'?'.repeat(16 + (n % 7))}${(n * 3) % 10}*z`];
    try {
      resetGrammarBudget(0);
      expect(coversAny(intricate(1), EVERY_IAM_RESOURCE_OF_AN_ACCOUNT)).toBe('undecided');
      // A question of a real policy, some hundred to some thousand steps, is still decided.
      expect(coversAny(['arn:aws:iam::111122223333:role/*'], EVERY_IAM_RESOURCE_OF_AN_ACCOUNT)).toBe('no');
      expect(coversAny(['arn:aws:kms:us-*:111122223333:key/*'], EVERY_KEY_OF_ACCOUNTS)).toBe('no');
      resetGrammarBudget();
      expect(coversAny(intricate(2), EVERY_IAM_RESOURCE_OF_AN_ACCOUNT)).toBe('no');
    } finally {
      resetGrammarBudget();
    }
  });
});

describe('accountVariables: a policy variable as an ARN\'s account, as IAM fills it', () => {
  it.each([
    ['arn:aws:iam::${aws:PrincipalAccount}:*', 'arn:aws:iam::000000000000:*'],
    ['arn:aws:kms:*:${aws:ResourceAccount}:key/*', 'arn:aws:kms:*:*:key/*'],
    ['arn:aws:iam::${aws:PrincipalTag/acct}:role/*', 'arn:aws:iam::*:role/*'],
    ['arn:aws:iam::111122223333:user/${aws:username}', 'arn:aws:iam::111122223333:user/${aws:username}'],
    ['arn:aws:s3:::${aws:username}/*', 'arn:aws:s3:::${aws:username}/*'],
    ['*', '*'],
  ])('%s reads as %s', (pattern, read) => expect(accountVariables(pattern)).toBe(read));
});
