/**
 * Waivers are reviewed data (STYLE.md convention 7): a rule id, a resource address glob, a reason,
 * an owner and an expiry date. They apply after evaluation: a waived finding stays in every report
 * as `waived` and stops blocking; an expired waiver no longer applies and is reported (blocking);
 * a waiver that matches nothing is reported as stale; a waiver for a rule that cannot be waived
 * is ignored and reported.
 */
import { parseBlockAddress } from './model/graph/addresses';
import type { AppliedWaiver, RawFinding, WaiverNotice } from './report';
import { listed } from './rules/support/findings';

export interface Waiver {
  readonly rule: string;
  /**
   * Glob over full instance addresses (`module.app[*].aws_s3_bucket.logs`, `aws_s3_bucket.b["eu/west"]`),
   * or over an address that holds them as Terraform's `-target` reads it (`containingAddresses`).
   */
  readonly address: string;
  /** Optional glob over the input name (a plan file, `cdktf.out/stacks/twinmaker-dev/cdk.tf.json`). */
  readonly input?: string;
  readonly reason: string;
  readonly owner: string;
  /** Last day the waiver applies, `YYYY-MM-DD` (UTC). */
  readonly expires: string;
  /** Position in the configuration file, for messages. */
  readonly index: number;
}

/** A step of a compiled glob: a character, `?`, `*`, a `{a,b}` fork, a jump past the other alternatives, the end. */
type Step =
  | { readonly op: 'char'; readonly char: string }
  | { readonly op: 'any' }
  | { readonly op: 'star' }
  | { readonly op: 'fork'; readonly to: number[] }
  | { readonly op: 'jump'; to: number }
  | { readonly op: 'end' };

/** A parsed glob: characters, `?`, runs of `*`, and `{a,b}` alternatives, each a sequence. */
type Part = string | { readonly any: true } | { readonly star: true } | { readonly alternatives: Part[][] };

/** The index of the `}` that closes the `{` at `open`, or -1. */
function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `text` cut at the commas outside nested braces. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  return [...parts, text.slice(from)];
}

function parseGlob(glob: string): Part[] {
  const out: Part[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      const last = out[out.length - 1];
      if (typeof last !== 'object' || !('star' in last)) out.push({ star: true });
    } else if (c === '?') out.push({ any: true });
    else if (c === '{') {
      const close = closingBrace(glob, i);
      if (close < 0) throw new Error(`the "{" at character ${i + 1} is not closed by a "}"`);
      const parts = topLevelParts(glob.slice(i + 1, close));
      // `{a}` and `{}` are literal, as picomatch read them; only a comma makes alternatives.
      if (parts.length === 1) out.push(c);
      else {
        out.push({ alternatives: parts.map(parseGlob) });
        i = close;
      }
    } else out.push(c);
  }
  return out;
}

function emit(parts: readonly Part[], steps: Step[]): void {
  for (const part of parts) {
    if (typeof part === 'string') steps.push({ op: 'char', char: part });
    else if ('any' in part) steps.push({ op: 'any' });
    else if ('star' in part) steps.push({ op: 'star' });
    else {
      const fork: Step = { op: 'fork', to: [] };
      steps.push(fork);
      const jumps: { op: 'jump'; to: number }[] = [];
      for (const alternative of part.alternatives) {
        fork.to.push(steps.length);
        emit(alternative, steps);
        const jump = { op: 'jump' as const, to: -1 };
        jumps.push(jump);
        steps.push(jump);
      }
      for (const jump of jumps) jump.to = steps.length;
    }
  }
}

/** Glob positions visited by every match so far: what a test counts to see a match's cost bounded, without a clock. */
export const globMatchWork = { steps: 0 };

/**
 * Compile an address glob. `*` matches any run of characters (dots, brackets, quotes and slashes
 * included; `**` is `*`), `?` one character, `{a,b}` alternatives (nested too, `{a}` is literal);
 * every other character is itself, so `aws_s3_bucket.b["x"]` and `module.m[0].aws_kms_key.k` match
 * literally. Case counts. A `{` without its `}` throws.
 *
 * Matched as a set of glob positions advanced one character at a time (Thompson's construction), so a
 * match costs at most the address's length times the glob's, whatever either holds. picomatch, used
 * before, compiles `*` to a backtracking `[^/]*?`: `*a*a*a*a*a*c` against `aws_sqs_queue.q["a…a"]`
 * took 15 s for a key of 100 characters and over 120 s for 400, and the key is written by whoever
 * opens a pull request.
 */
export function compileAddressGlob(glob: string): (address: string) => boolean {
  const steps: Step[] = [];
  emit(parseGlob(glob), steps);
  steps.push({ op: 'end' });
  const seen = new Uint32Array(steps.length);
  let generation = 0;
  const add = (at: number, into: number[]): void => {
    if (seen[at] === generation) return;
    seen[at] = generation;
    globMatchWork.steps++;
    const step = steps[at];
    if (step.op === 'fork') for (const to of step.to) add(to, into);
    else if (step.op === 'jump') add(step.to, into);
    else {
      into.push(at);
      if (step.op === 'star') add(at + 1, into);
    }
  };
  return (address) => {
    let current: number[] = [];
    generation++;
    add(0, current);
    for (let i = 0; i < address.length && current.length > 0; i++) {
      const next: number[] = [];
      generation++;
      for (const at of current) {
        const step = steps[at];
        if (step.op === 'star') add(at, next);
        else if (step.op === 'any' || (step.op === 'char' && step.char === address[i])) add(at + 1, next);
      }
      current = next;
    }
    return current.some((at) => steps[at].op === 'end');
  };
}

/** The end (exclusive) of the instance key `[0]` or `["a]b"]` that opens at `open` in `address`. */
function keyEnd(address: string, open: number): number {
  let i = open + 1;
  if (address[i] === '"') for (i++; i < address.length && address[i] !== '"'; i++) if (address[i] === '\\') i++;
  const close = address.indexOf(']', i);
  return close < 0 ? address.length : close + 1;
}

/**
 * The addresses that hold a finding's address, as Terraform's `-target` reads them (addrs
 * `TargetContains`), the address itself first: a block without an instance key holds its count and
 * for_each instances, of every kind with an address (`aws_s3_bucket.data` holds `aws_s3_bucket.data[1]`,
 * `action.aws_lambda_invoke.n` holds `action.aws_lambda_invoke.n["k"]`, as do data sources and
 * `ephemeral` blocks: rules judge their instances as they judge a resource's); a module
 * instance holds every resource in it and in its child modules (`module.m["a"]`), and a module
 * call whose last step has no key holds every instance of that call (`module.m`, and
 * `module.m["a"].module.n`). A step before the last keeps its key, as in Terraform: neither
 * `module.m.aws_s3_bucket.data` nor `module.m.module.n` holds anything under `module.m["a"]`.
 * An address that is no resource instance's (`var.token`) holds only itself. Each is cut from the
 * address as written, so an instance key reads as the plan writes it.
 */
export function containingAddresses(address: string): string[] {
  const parsed = parseBlockAddress(address);
  if (parsed === undefined) return [address];
  const out = [address];
  let at = 0;
  for (const step of parsed.module) {
    const call = `module.${step.name}`;
    if (!address.startsWith(call, at)) return [address];
    const nameEnd = at + call.length;
    const stepEnd = step.key === undefined ? nameEnd : keyEnd(address, nameEnd);
    if (step.key !== undefined) out.push(address.slice(0, nameEnd));
    out.push(address.slice(0, stepEnd));
    at = stepEnd + 1;
  }
  if (parsed.key !== undefined) {
    if (!address.startsWith(`${parsed.block}[`, at)) return [address];
    out.push(address.slice(0, at + parsed.block.length));
  }
  return out;
}

export interface WaiverContext {
  /** Today, `YYYY-MM-DD` (UTC). */
  readonly today: string;
  /** Rules no waiver may silence. */
  readonly unwaivable: ReadonlySet<string>;
  /** The resource types a rule applies to, when it names them: a waiver that reaches each of them is on everything. */
  readonly judgedTypes?: (ruleId: string) => readonly string[] | undefined;
}

export type WaivedFinding = RawFinding & { readonly waiver?: AppliedWaiver };

export interface WaiverOutcome {
  /** Every finding, in the order given, with the waiver that applies, if any. */
  readonly findings: readonly WaivedFinding[];
  readonly notices: readonly WaiverNotice[];
}

const notice = (w: Waiver, kind: WaiverNotice['kind'], blocking: boolean, message: string, inputs: ReadonlySet<string> | undefined): WaiverNotice => ({
  kind,
  ruleId: w.rule,
  address: w.address,
  owner: w.owner,
  expires: w.expires,
  blocking,
  message,
  ...(inputs !== undefined ? { inputs: [...inputs].sort() } : {}),
});

/** How far ahead a waiver may expire by default (`waiverMaxDays`): a waiver is looked at again within a year. */
export const DEFAULT_WAIVER_MAX_DAYS = 365;
/** The most `waiverMaxDays` may be: the setting sets a review period, it cannot turn expiry off. */
export const MAX_WAIVER_MAX_DAYS = 730;

/** `YYYY-MM-DD` plus `days` (UTC). */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The first waiver that expires more than `maxDays` after `today`, as one line naming it by its
 * position and the limit, or `undefined`. A waiver `expires: 9999-12-31` is a rule turned off for
 * good with an owner nobody will ask: it is refused, not taken (peer pitfall 10).
 */
export function beyondHorizon(waivers: readonly Waiver[], today: string, maxDays: number = DEFAULT_WAIVER_MAX_DAYS): string | undefined {
  const last = addDays(today, maxDays);
  const far = waivers.find((w) => w.expires > last);
  if (far === undefined) return undefined;
  return `waivers[${far.index}].expires: ${far.expires} is more than ${maxDays} days after today (${today}), the most a waiver may run (waiverMaxDays); set ${last} or earlier, and renew it with a review`;
}

/**
 * Made-up resource types: of 2 to 6 parts (`zz_zz`), or of `provider` (`aws_zz` to `aws_zz_zz_zz_zz_zz`).
 * A type glob that matches one of them reaches types nobody named; one that matches all of them
 * reaches every type (of the provider).
 */
export function madeUpTypes(provider?: string): string[] {
  const madeUp = (parts: number): string => Array<string>(parts).fill('zz').join('_');
  return provider === undefined ? [2, 3, 4, 5, 6].map(madeUp) : [1, 2, 3, 4, 5].map((parts) => `${provider}_${madeUp(parts)}`);
}

/**
 * A resource of `type` at the root, as a count and a for_each instance, in a module, and in a
 * keyed module's keyed child. Data sources are left out: a glob that reaches every resource a
 * configuration manages (`{aws,module}*`) is a waiver on everything, whether or not it reaches them.
 */
const shapes = (type: string): string[] => [`${type}.c`, `${type}.f[0]`, `${type}.i["j"]`, `module.n.${type}.q`, `module.r["s"].module.t[1].${type}.w["x"]`];

/** The providers whose every resource a glob may name without starting with them (`*aws_*`), besides those of the rule's own types. */
export const MADE_UP_PROVIDERS: readonly string[] = ['aws', 'awscc'];

/**
 * What an address glob reaches every resource of, with `containingAddresses` as a waiver's does:
 * `every resource` (`*`, `**`, `*.*`), `every aws resource` (`*aws_*`, `{aws,module}*`: each type of
 * a provider, made up, as acceptUnchecked refuses), or `every resource it judges` (each of `judged`,
 * the types the waived rule applies to); undefined for a glob that leaves some out.
 */
export function everyAddressReached(glob: string, judged: readonly string[] = []): string | undefined {
  const matches = compileAddressGlob(glob);
  const reachesAll = (types: readonly string[]): boolean => types.every((type) => shapes(type).every((address) => containingAddresses(address).some(matches)));
  if (reachesAll(madeUpTypes())) return 'every resource';
  const providers = new Set([...MADE_UP_PROVIDERS, ...judged.map((type) => type.split('_')[0])]);
  const provider = [...providers].find((p) => reachesAll(madeUpTypes(p)));
  if (provider !== undefined) return `every ${provider} resource`;
  return judged.length > 0 && reachesAll(judged) ? 'every resource it judges' : undefined;
}

/**
 * Why a live waiver waives nothing: it matches no finding, or (`earlier`, the waivers that took the findings it
 * matches) only findings an earlier waiver in the file already waives, as the first live waiver that matches applies.
 */
function staleMessage(index: number, earlier: ReadonlySet<number> | undefined): string {
  if (earlier === undefined) return `waiver #${index + 1} matches no finding: remove it, or fix its rule id or address glob`;
  const numbers = [...earlier].sort((a, b) => a - b).map((i) => `#${i + 1}`);
  return `waiver #${index + 1} matches only findings ${numbers.length === 1 ? 'waiver' : 'waivers'} ${listed(numbers)} already ${numbers.length === 1 ? 'waives' : 'waive'} (the first live waiver in file order that matches a finding applies): remove it`;
}

/** Apply waivers to findings. The first live waiver (in file order) that matches a finding applies. */
export function applyWaivers(findings: readonly RawFinding[], waivers: readonly Waiver[], context: WaiverContext): WaiverOutcome {
  const compiled = waivers.map((w, order) => ({
    waiver: w,
    order,
    address: compileAddressGlob(w.address),
    input: w.input === undefined ? () => true : compileAddressGlob(w.input),
    expired: w.expires < context.today,
    unwaivable: context.unwaivable.has(w.rule),
    everywhere: everyAddressReached(w.address, context.judgedTypes?.(w.rule)),
  }));
  // A waiver whose address has no `*`, `?` or `{` matches that text alone: it is looked up by rule and address, so a
  // config of thousands of such waivers costs each finding a lookup per holder, not a glob per waiver. The others are
  // tried by rule. Either way the candidates are taken in file order, as they were when every waiver was tried.
  const exact = new Map<string, (typeof compiled)[number][]>();
  const globbed = new Map<string, (typeof compiled)[number][]>();
  const key = (rule: string, address: string): string => `${rule}\u0000${address}`;
  for (const c of compiled) {
    const [index, k] = /[*?{]/.test(c.waiver.address) ? [globbed, c.waiver.rule] : [exact, key(c.waiver.rule, c.waiver.address)];
    const list = index.get(k);
    if (list === undefined) index.set(k, [c]);
    else list.push(c);
  }
  const used = new Set<number>();
  // The inputs of the findings each waiver reaches, expired or not, by waiver index: what its notices are about.
  const reached = new Map<number, Set<string>>();
  // The earlier waivers that took the findings a later live one reaches, by the later one's index: whom a waiver that
  // waives nothing itself is shadowed by.
  const takenBy = new Map<number, Set<number>>();
  const out = findings.map((finding): WaivedFinding => {
    const holders = containingAddresses(finding.address);
    const candidates = [...holders.flatMap((holder) => exact.get(key(finding.ruleId, holder)) ?? []), ...(globbed.get(finding.ruleId) ?? []).filter((c) => holders.some(c.address))];
    const reaching = [...new Set(candidates)].filter((c) => c.input(finding.input)).sort((a, b) => a.order - b.order);
    for (const c of reaching) reached.set(c.waiver.index, (reached.get(c.waiver.index) ?? new Set<string>()).add(finding.input));
    const match = reaching.find((c) => !c.expired && !c.unwaivable);
    if (!match) return finding;
    used.add(match.waiver.index);
    for (const c of reaching) if (c !== match && !c.expired && !c.unwaivable) takenBy.set(c.waiver.index, (takenBy.get(c.waiver.index) ?? new Set<number>()).add(match.waiver.index));
    return { ...finding, waiver: { reason: match.waiver.reason, owner: match.waiver.owner, expires: match.waiver.expires } };
  });

  const notices = compiled.flatMap((c): WaiverNotice[] => {
    const w = c.waiver;
    const about = reached.get(w.index);
    if (c.expired) return [notice(w, 'expired', true, `waiver #${w.index + 1} expired on ${w.expires}: the findings it covered block again; renew it with a review or fix them`, about)];
    if (c.unwaivable) return [notice(w, 'unwaivable', false, `waiver #${w.index + 1} is ignored: rule ${w.rule} cannot be waived`, about)];
    // Not refused: a waiver on everything still carries a reason, an owner and an expiry, and its findings stay in
    // every report, where rules.disable would carry none of these. It is named in every report, so a reviewer sees it.
    const inputs = w.input === undefined ? '' : ` of the inputs matching ${w.input}`;
    const everywhere = c.everywhere
      ? [notice(w, 'everywhere', false, `waiver #${w.index + 1} waives ${w.rule} on ${c.everywhere}${inputs} until ${w.expires}: name the resources it is for (a block, a module)`, about)]
      : [];
    if (!used.has(w.index)) return [...everywhere, notice(w, 'stale', false, staleMessage(w.index, takenBy.get(w.index)), about)];
    return everywhere;
  });
  return { findings: out, notices };
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);
