/**
 * What IAM names (actions, ARNs, KMS key ids) as grammars, and whether wildcard patterns cover
 * them: `arn:aws:?*`, `*?*` and `key/*-*` are as wide as `*` for the strings IAM compares them
 * with, although none of them is `*`. A question is decided by the patterns' own algebra, not by a
 * list of spellings: each pattern (`*` any run of characters, `:` and `/` included; `?` one
 * character) is a small automaton, run on every string of the grammar at once.
 *
 * A grammar is a sequence of parts: literal text, a choice among literals, or a run of characters
 * of one class. Each choice and run says how its strings are read: `every` (the patterns must match
 * whatever it is), `some` (for one of them, at least) or `atLeast` n (for n of them: "the keys of two
 * accounts"). The patterns tell apart only the characters they write, so a run is walked with those
 * and one other character of its class that stands for all the rest.
 */
import { covers } from './policy';

/** The characters a run may hold: a few (`members`), or every character but some (`except`). */
export type CharClass = { readonly members: string } | { readonly except: string };

/** How the strings of a choice or run are read. */
export type Quantifier = 'every' | 'some' | { readonly atLeast: number };

export type Part =
  | string
  | { readonly oneOf: readonly string[]; readonly q: Quantifier }
  | { readonly run: CharClass; readonly min: number; readonly max?: number; readonly q: Quantifier };

export interface Grammar {
  /** What it stands for, for readers: `every action`. */
  readonly name: string;
  readonly parts: readonly Part[];
  /** Whether IAM compares these strings without regard to case (actions): patterns are read in lower case, and the grammar is written so. */
  readonly ignoreCase?: boolean;
  /**
   * Strings of the grammar, in alternatives: patterns that cover it match every string of one
   * alternative (`iam:qzqz0q` for every IAM action, an ARN of some service no pattern names for every
   * ARN of a partition). Patterns that match none of them cannot cover it: a statement of ordinary
   * actions is answered without the walk.
   */
  readonly probes?: readonly (readonly string[])[];
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
/** A service's prefix, a Region: lower-case letters, digits and hyphens. */
const NAME_CHARS: CharClass = { members: `${LOWER}${DIGITS}-` };
/** An action's name after its service (`GetObject`), read in lower case. */
const ACTION_CHARS: CharClass = { members: `${LOWER}${DIGITS}` };
/** An ARN's segment before the resource: anything but `:`. */
const SEGMENT_CHARS: CharClass = { except: ':' };
const ANY: CharClass = { except: '' };

/** The partitions an ARN may name, one each: every resource of one is as bad as of another. */
const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];
const SOME_PARTITION: Part = { oneOf: PARTITIONS, q: 'some' };

/** The actions of `service` (`iam`): `every` of them, or `some` one. */
export const serviceActions = (service: string, q: 'every' | 'some'): Grammar => ({
  name: `${q} ${service} action`,
  ignoreCase: true,
  // An action's name begins with a letter (`GetObject`): `iam:a*` … `iam:z*` are all of IAM's.
  parts: [`${service.toLowerCase()}:`, { run: { members: LOWER }, min: 1, max: 1, q }, { run: ACTION_CHARS, min: 0, q }],
  ...(q === 'every' ? { probes: [[`${service.toLowerCase()}:qzqz0q`]] } : {}),
});

/**
 * Every ARN of a partition: a service, a Region and an account that may be empty (`arn:aws:s3:::b`,
 * `arn:aws:iam::aws:policy/X`), and a resource part of any characters. Each segment is read as any
 * run without a `:`, wider than AWS names them, so a pattern that covers it covers every real ARN.
 */
export const EVERY_ARN: Grammar = {
  name: 'every ARN',
  parts: [
    'arn:',
    SOME_PARTITION,
    ':',
    { run: NAME_CHARS, min: 1, q: 'every' },
    ':',
    { run: SEGMENT_CHARS, min: 0, q: 'every' },
    ':',
    { run: SEGMENT_CHARS, min: 0, q: 'every' },
    ':',
    { run: ANY, min: 1, q: 'every' },
  ],
  probes: PARTITIONS.map((partition) => [`arn:${partition}:qz0:qz0:qz0:qz0`]),
};

/** The `:`-separated fields of an ARN (pattern), a `:` inside a policy variable (`${aws:SourceAccount}`) separating none. */
export function arnFields(arn: string): string[] {
  const pieces = arn.split(/(\$\{[^}]*\})/);
  const fields: string[] = [''];
  for (const [i, piece] of pieces.entries()) {
    if (i % 2 === 1) fields[fields.length - 1] += piece;
    else {
      const [first, ...rest] = piece.split(':');
      fields[fields.length - 1] += first;
      fields.push(...rest);
    }
  }
  return fields;
}

/** What `accountVariables` writes for `${aws:PrincipalAccount}`: an account id, one account. */
const ONE_ACCOUNT = '000000000000';

/**
 * An ARN pattern whose account field holds a policy variable, read as IAM evaluates it: IAM puts a
 * value of the request there. `${aws:PrincipalAccount}` alone is the caller's account, one account
 * (written as an account id); any other (`${aws:ResourceAccount}` is the account of the resource
 * asked for, so it matches every account's) may be any account: `*`. Other fields are left as written.
 */
export function accountVariables(pattern: string): string {
  const fields = arnFields(pattern);
  const account = fields[4];
  if (fields[0] !== 'arn' || account === undefined || !account.includes('${')) return pattern;
  fields[4] = /^\$\{aws:principalaccount\}$/i.test(account) ? ONE_ACCOUNT : '*';
  return fields.join(':');
}

/** Every IAM resource of an account (`arn:aws:iam::111122223333:role/x`), or of AWS's own (`arn:aws:iam::aws:policy/X`). */
/** An IAM resource's part after the account: a type and a path (`role/x`, `instance-profile/a/b`); the account's `root` is a principal, no resource. */
const IAM_RESOURCE: readonly Part[] = [{ run: NAME_CHARS, min: 1, q: 'every' }, '/', { run: ANY, min: 0, q: 'every' }];
export const EVERY_IAM_RESOURCE_OF_AN_ACCOUNT: readonly Grammar[] = [
  { name: 'every IAM resource of an account', parts: ['arn:', SOME_PARTITION, ':iam::', { run: { members: DIGITS }, min: 12, max: 12, q: 'some' }, ':', ...IAM_RESOURCE] },
  { name: "every IAM resource of AWS's own", parts: ['arn:', SOME_PARTITION, ':iam::aws:', ...IAM_RESOURCE] },
];

/**
 * A Region's name: two to four letters, a partition's infix (`us-gov-west-1`, `us-isob-east-1`,
 * `eusc-de-east-1`), a direction and a number. Read as any run of name characters, a Region could be
 * `x-prod-x`, and `*-prod-*` would cover every key of it, although no key's ARN holds `-prod-`.
 */
const DIRECTIONS = ['east', 'west', 'north', 'south', 'central', 'northeast', 'northwest', 'southeast', 'southwest'];
const SOME_REGION: readonly Part[] = [
  { run: { members: LOWER }, min: 2, max: 4, q: 'some' },
  { oneOf: ['-', '-gov-', '-iso-', '-isob-', '-isoe-', '-isof-', '-de-'], q: 'some' },
  { oneOf: DIRECTIONS, q: 'some' },
  '-',
  { run: { members: DIGITS }, min: 1, max: 2, q: 'some' },
];

/**
 * Every KMS key of two accounts or more, in a Region of a partition: `arn:aws:kms:eu-west-1:*:key/*`.
 * A key's id is a UUID (`1234abcd-12ab-34cd-56ef-1234567890ab`), or `mrk-` and 32 hexadecimal digits
 * for a multi-Region key: each kind is a grammar of its own, and covering every key of one kind is
 * covering every key.
 */
const uuid: Part[] = [8, 4, 4, 4, 12].flatMap((n, i): Part[] => [...(i > 0 ? ['-'] : []), { run: { members: HEX }, min: n, max: n, q: 'every' }]);
export const EVERY_KEY_OF_ACCOUNTS: readonly Grammar[] = [uuid, ['mrk-', { run: { members: HEX }, min: 32, max: 32, q: 'every' } as Part]].map((id) => ({
  name: 'every KMS key of two accounts',
  parts: ['arn:', SOME_PARTITION, ':kms:', ...SOME_REGION, ':', { run: { members: DIGITS }, min: 12, max: 12, q: { atLeast: 2 } }, ':key/', ...id],
}));

/** The automaton of a list of patterns: their characters one after another, each pattern's end marked. */
interface Patterns {
  readonly text: string;
  readonly ends: ReadonlySet<number>;
  /** Per position: the pattern it is in. */
  readonly owner: Int32Array;
  /** Positions from which the rest of the pattern is `*` only: every string still to come matches. */
  readonly takesAll: ReadonlySet<number>;
  /** The characters the patterns write, wildcards aside. */
  readonly literals: ReadonlySet<string>;
  readonly starts: readonly number[];
}

function automaton(patterns: readonly string[]): Patterns {
  let text = '';
  const ends = new Set<number>();
  const takesAll = new Set<number>();
  const starts: number[] = [];
  for (const pattern of patterns) {
    starts.push(text.length);
    const tail = pattern.length - (/\**$/.exec(pattern) as RegExpExecArray)[0].length;
    for (let i = tail; i < pattern.length; i += 1) takesAll.add(text.length + i);
    text += pattern;
    ends.add(text.length);
    // A position between patterns: never a character to match.
    text += '\0';
  }
  const owner = new Int32Array(text.length);
  let index = 0;
  for (let at = 0; at < text.length; at += 1) {
    if (starts[index + 1] === at) index += 1;
    owner[at] = index;
  }
  return { text, ends, owner, takesAll, starts, literals: new Set([...patterns.join('')].filter((c) => c !== '*' && c !== '?')) };
}

/**
 * A set of positions, as a sorted list, with every position a `*` lets one skip to, and without
 * those that add nothing: a position before a `*` the set holds of the same pattern (from the `*`,
 * every string matches that matches from before it: IAM's matching is greedy), and every position
 * but one that takes all that follows.
 */
function closure(p: Patterns, positions: Iterable<number>): number[] {
  const out = new Set<number>();
  for (let at of positions) {
    out.add(at);
    while (!p.ends.has(at) && p.text[at] === '*') out.add((at += 1));
  }
  const all = [...out].find((at) => p.takesAll.has(at));
  if (all !== undefined) return [...out].filter((at) => p.owner[at] === p.owner[all] && at >= all).sort((a, b) => a - b);
  const furthestStar = new Map<number, number>();
  for (const at of out) if (p.text[at] === '*' && !p.ends.has(at)) furthestStar.set(p.owner[at], Math.max(at, furthestStar.get(p.owner[at]) ?? -1));
  return [...out].filter((at) => at >= (furthestStar.get(p.owner[at]) ?? -1)).sort((a, b) => a - b);
}

/** Raised when a question takes more steps than it may: patterns written to defeat the walk. */
class Undecided extends Error {}

/** Steps one question may take. Patterns of policies take a few hundred; the walk grows with `?` runs between literal characters after a `*`. */
const STEPS = 50_000;

/**
 * Steps past the first `CHEAP_STEPS` of each question that one check may take in all (see
 * `resetGrammarBudget`). A step costs 3 to 7 µs: 50,000 steps for each of 1,000 distinct intricate
 * patterns (a 108 KB plan of six policies) took 2.5 minutes, now 2 s. Once it is spent, a question
 * of intricate patterns may take `STEPS_AFTER_BUDGET`; the questions of real policies, a few hundred
 * to some thousand steps each, never draw on it (2,000 distinct policies of an estate spent none).
 */
const CHEAP_STEPS = 2_000;
const BUDGET = 500_000;
/**
 * Once the budget is spent, a question whose patterns hold a `?` after a `*` (the shape that makes
 * the walk grow) may take this many steps; others still take `STEPS`. Real patterns rarely hold one:
 * `arn:aws:kms:us-*:111122223333:key/*` takes 1,332 steps, and must still be decided.
 */
const STEPS_AFTER_BUDGET = 500;
const INTRICATE = /\*.*\?/;
let spent = 0;
let budget = BUDGET;

/** A new check: the budget of intricate questions is whole again (the engine calls it once a run). */
export function resetGrammarBudget(steps = BUDGET): void {
  spent = 0;
  budget = steps;
}

interface Walk {
  readonly p: Patterns;
  steps: number;
  /** Whether a pattern holds a `?` after a `*` (`INTRICATE`). */
  readonly intricate: boolean;
}

function step(walk: Walk, positions: readonly number[], c: string): number[] {
  walk.steps += 1;
  if (walk.steps > CHEAP_STEPS) spent += 1;
  if (walk.steps > STEPS || (spent > budget && walk.intricate && walk.steps > STEPS_AFTER_BUDGET)) throw new Undecided();
  const { p } = walk;
  const next: number[] = [];
  for (const at of positions) {
    if (p.ends.has(at)) continue;
    const pc = p.text[at];
    if (pc === '*') next.push(at);
    else if (pc === '?' || pc === c) next.push(at + 1);
  }
  return closure(p, next);
}

/**
 * The characters of a class a walk must try, each with how many characters it stands for: each one
 * the patterns write, and one other for the rest (a class of every character but some stands for
 * endlessly many).
 */
function representatives(p: Patterns, chars: CharClass): [string, number][] {
  if ('members' in chars) {
    const written = [...chars.members].filter((c) => p.literals.has(c));
    const rest = [...chars.members].find((c) => !p.literals.has(c));
    return [...written.map((c): [string, number] => [c, 1]), ...(rest === undefined ? [] : [[rest, chars.members.length - written.length] as [string, number]])];
  }
  const written = [...p.literals].filter((c) => !chars.except.includes(c));
  let code = 0x100;
  while (p.literals.has(String.fromCodePoint(code))) code += 1;
  return [...written.map((c): [string, number] => [c, 1]), [String.fromCodePoint(code), Infinity]];
}

type RunPart = Extract<Part, { readonly run: CharClass }>;

/**
 * The sets of positions the strings of a run lead to from `from`, each once, shortest strings
 * first, as they are asked for: a question of `every` stops at the first set that fails, one of
 * `some` at the first that holds. Unbounded, the walk ends at a length that reaches no new set
 * (the sets after it are those after the sets already reached).
 */
function* reach(walk: Walk, from: readonly number[], part: RunPart): Generator<number[]> {
  const reps = representatives(walk.p, part.run);
  const seen = new Set<string>();
  let level = new Map([[from.join(','), [...from]]]);
  for (let length = 0; level.size > 0; length += 1) {
    if (length >= part.min) {
      const fresh = [...level].filter(([key]) => !seen.has(key));
      if (part.max === undefined && fresh.length === 0) return;
      for (const [key, at] of fresh) {
        seen.add(key);
        yield at;
      }
    }
    if (part.max !== undefined && length >= part.max) return;
    const next = new Map<string, number[]>();
    for (const at of level.values()) {
      for (const [c] of reps) {
        const to = step(walk, at, c);
        next.set(to.join(','), to);
      }
    }
    level = next;
  }
}

/** The sets a bounded run leads to, each with how many of its strings lead there (counted up to `cap`). */
function count(walk: Walk, from: readonly number[], part: RunPart, cap: number): { at: number[]; count: number }[] {
  if (part.max === undefined) throw new Error(`grammar: a run counted (atLeast) needs a length bound`);
  const reps = representatives(walk.p, part.run);
  const reached = new Map<string, { at: number[]; count: number }>();
  let level = new Map([[from.join(','), { at: [...from], count: 1 }]]);
  for (let length = 0; length <= part.max; length += 1) {
    if (length >= part.min) {
      for (const [key, entry] of level) {
        const seen = reached.get(key);
        if (seen) seen.count = Math.min(cap, seen.count + entry.count);
        else reached.set(key, { ...entry });
      }
    }
    const next = new Map<string, { at: number[]; count: number }>();
    for (const { at, count } of length < part.max ? level.values() : []) {
      for (const [c, weight] of reps) {
        const to = step(walk, at, c);
        const key = to.join(',');
        const added = Math.min(cap, count * weight);
        const entry = next.get(key);
        if (entry) entry.count = Math.min(cap, entry.count + added);
        else next.set(key, { at: to, count: added });
      }
    }
    level = next;
  }
  return [...reached.values()];
}

function decide(walk: Walk, grammar: Grammar): boolean {
  const memo = new Map<string, boolean>();
  const from = (at: readonly number[], index: number): boolean => {
    if (at.length === 0) return false;
    if (index === grammar.parts.length) return at.some((position) => walk.p.ends.has(position));
    const key = `${index}|${at.join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const part = grammar.parts[index];
    const after = (text: string): boolean => from([...text].reduce((to, c) => step(walk, to, c), at as number[]), index + 1);
    let answer: boolean;
    if (typeof part === 'string') answer = after(part);
    else if ('oneOf' in part) answer = part.q === 'every' ? part.oneOf.every(after) : part.q === 'some' ? part.oneOf.some(after) : part.oneOf.filter(after).length >= part.q.atLeast;
    else if (part.q === 'every' || part.q === 'some') {
      answer = part.q === 'every';
      for (const to of reach(walk, at, part)) {
        if (from(to, index + 1) !== answer) {
          answer = !answer;
          break;
        }
      }
    } else {
      let total = 0;
      for (const outcome of count(walk, at, part, part.q.atLeast)) if (from(outcome.at, index + 1)) total += outcome.count;
      answer = total >= part.q.atLeast;
    }
    memo.set(key, answer);
    return answer;
  };
  return from(closure(walk.p, walk.p.starts), 0);
}

/**
 * Whether patterns cover a grammar: 'yes', 'no', or 'undecided' when deciding it took more steps
 * than a question may (`STEPS`), or than is left of the check's budget (`BUDGET`). A caller fails
 * closed on 'undecided', and says that the question was not decided rather than that it holds.
 */
export type Coverage = 'yes' | 'no' | 'undecided';

/** The coverage of the other side of a question: patterns that leave something out (a `NotAction`) when they do not cover it all. */
export const negated = (coverage: Coverage): Coverage => (coverage === 'yes' ? 'no' : coverage === 'no' ? 'yes' : coverage);

/** Answers already worked out, per grammar: the same patterns are asked about for many resources. */
const ANSWERS = new WeakMap<Grammar, Map<string, boolean>>();
const ANSWERS_KEPT = 10_000;

/**
 * Whether `patterns` together (a string matches when one of them does) match the strings of
 * `grammar` as its quantifiers ask: every action of IAM, every ARN of a partition, every key of
 * two accounts. Patterns that take more than `STEPS` to decide, or more than `STEPS_AFTER_BUDGET`
 * once the check has spent its `BUDGET` on intricate ones, are 'undecided'.
 */
export function coversGrammar(patterns: readonly string[], grammar: Grammar): Coverage {
  const read = grammar.ignoreCase ? patterns.map((pattern) => pattern.toLowerCase()) : patterns;
  if (grammar.probes && !grammar.probes.some((probes) => probes.every((probe) => read.some((pattern) => covers(pattern, probe))))) return 'no';
  let answers = ANSWERS.get(grammar);
  if (answers === undefined) ANSWERS.set(grammar, (answers = new Map()));
  const key = read.join('\0');
  let answer = answers.get(key);
  if (answer === undefined) {
    try {
      answer = decide({ p: automaton(read), steps: 0, intricate: read.some((pattern) => INTRICATE.test(pattern)) }, grammar);
    } catch (error) {
      if (!(error instanceof Undecided)) throw error;
      return 'undecided';
    }
    if (answers.size >= ANSWERS_KEPT) answers.clear();
    answers.set(key, answer);
  }
  return answer ? 'yes' : 'no';
}

/**
 * Whether `patterns` cover every string of one of `grammars` (the kinds of a thing: key ids of each
 * form): 'yes' when they cover one, else 'undecided' when one was not decided.
 */
export function coversAny(patterns: readonly string[], grammars: readonly Grammar[]): Coverage {
  let coverage: Coverage = 'no';
  for (const grammar of grammars) {
    const answer = coversGrammar(patterns, grammar);
    if (answer === 'yes') return 'yes';
    if (answer === 'undecided') coverage = 'undecided';
  }
  return coverage;
}
