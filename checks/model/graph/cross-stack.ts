/**
 * cdktf's cross-stack references. A stack that uses another stack's resource reads it from that
 * stack's state (`data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>`,
 * where cdktf 0.21 writes the stack's construct path with `/` as `--`: `grp--data` for a stack
 * `data` inside a construct `grp`, `data` for one at the app's root),
 * and the other stack writes the output (`cross-stack-output-aws_s3_bucketdataid =
 * "${aws_s3_bucket.data.id}"`). Links never cross inputs but these: the stacks of one cdktf app,
 * checked together, where an SSE configuration in one stack is the bucket's of another, and an
 * attribute that reads another stack's output whole (a key's ARN, a bucket's ARN in a policy) is
 * what that output is in its stack, when the output is one reference written whole.
 */
import * as path from 'node:path';
import { entryOf } from '../entry-of';
import { InputError } from '../../errors';
import { quotedInput } from '../quoted';
import type { ConfigNode, LoadedInput, Resolution, Resource } from '../types';
import type { PathSeg } from '../value';
import { configAt, referencesIn } from './config';
import type { InputContext } from './context';
import { resolveReferences, resolveRootOutput } from './references';

/** A reference to a stack's remote state, its outputs, or one output (Terraform lists all three for one traversal). */
const CROSS_STACK = /^data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)(?:\.outputs(?:\.([^.[\]]+))?)?$/;

/**
 * The stack and output `satellite`'s `via` reads, when it reads one output of another stack and
 * nothing else (`element([...outputs.a, ...outputs.b], 1)`, or a conditional between an output and
 * a bucket of its own stack, may be either: left undetermined, as in one stack); undefined otherwise.
 */
function crossStackReference(satellite: Resource, via: string): { readonly stack: string; readonly output: string } | undefined {
  const read = referencesIn(configAt(satellite.data.config, [via])).map((reference) => CROSS_STACK.exec(reference));
  if (read.length === 0 || read.some((match) => match === null)) return undefined;
  const outputs = new Set(read.flatMap((match) => (match?.[2] === undefined ? [] : [`${match[1]}|${match[2]}`])));
  if (outputs.size !== 1) return undefined;
  const [stack, output] = [...outputs][0].split('|');
  return { stack, output };
}

/** The stacks `satellite`'s `via` reads outputs of (any of them, however it reads them). */
function stacksRead(satellite: Resource, via: string): string[] {
  return referencesIn(configAt(satellite.data.config, [via])).flatMap((reference) => CROSS_STACK.exec(reference)?.[1] ?? []);
}

/**
 * The one traversal an expression is, written whole (`"${aws_s3_bucket.b.arn}"`); undefined for
 * anything else: text around it, a function of it, a conditional, several references.
 */
function plainReference(node: ConfigNode | undefined): string | undefined {
  if (node?.kind !== 'expr' || node.source === undefined) return undefined;
  const read: string[] = [];
  const whole = {};
  const value = node.source.evaluate((traversal) => {
    read.push(traversal);
    return whole;
  });
  return value === whole && read.length === 1 ? read[0] : undefined;
}

/**
 * A stack's file in a cdktf output directory, at the end of its input name: what comes before `stacks/`
 * is the directory. `cdk.tf.json`, or `cdk.tf` where the app was synthesized as HCL (`cdktf synth --hcl`).
 */
const STACK_FILE = /(?:^|\/)stacks\/[^/]+\/cdk\.tf(?:\.json)?$/;

/**
 * The cdktf app a stack's input belongs to: its output directory (`…/cdktf.out` of
 * `…/cdktf.out/stacks/<stack>/cdk.tf.json` or `…/cdk.tf`; empty for `stacks/<stack>/cdk.tf.json`, the
 * names a check run inside `cdktf.out` gives), or the input itself. Read at the end of the name, so that
 * a stack named `stacks` (`cdktf.out/stacks/stacks/cdk.tf.json`) is of the same app as its neighbours.
 * Read from the real path where the input has one (`LoadedInput.realPath`): the stacks of one cdktf.out
 * named one absolute and one relative, or one through a symbolic link, are of one app.
 */
const appOf = (stack: LoadedInput): string => appOfFile(stack.realPath ?? stack.input);

/** The cdktf app of a stack's file, by its name (`appOf`): the name itself where it is no stack's file. */
function appOfFile(file: string): string {
  const input = path.posix.normalize(file.replace(/\\/g, '/'));
  const found = STACK_FILE.exec(input);
  return found === null ? input : input.slice(0, found.index);
}

/**
 * The names another stack's cross-stack references may call a stack by: its name, and its construct
 * path as cdktf writes it in `cross-stack-reference-input-<path>` (construct ids cannot hold `/`, which
 * cdktf turns into `--`, so the two spellings of a path never meet).
 */
const namesOf = (input: LoadedInput): readonly string[] => {
  const { stack, stackPath } = input;
  const names = new Set<string>(stack === undefined ? [] : [stack]);
  if (stackPath !== undefined) names.add(stackPath.replace(/\//g, '--'));
  return [...names];
};

/** The stack a cross-stack reference input (`data.terraform_remote_state.cross-stack-reference-input-<stack>`) reads. */
const READ_STACK = /^cross-stack-reference-input-(.+)$/;

/** The stacks an input's root module reads by cross-stack references (`READ_STACK`), by the names cdktf writes there. */
const stacksReadBy = (input: LoadedInput): string[] =>
  input.resources.flatMap((data) => (data.mode === 'data' && data.type === 'terraform_remote_state' && data.module === '' ? (READ_STACK.exec(data.name)?.[1] ?? []) : []));

/**
 * A stack cdktf synthesized as HCL read as the directory of .tf files it is, since no manifest.json lists it
 * (`…/stacks/<name>/`, its `cdk.tf` copied without the manifest): its app and its directory's name, which is
 * its own as a copied JSON stack's is. Undefined for an input that is not a `.tf` directory of that shape.
 */
function unlistedHclStack(input: LoadedInput): { readonly app: string; readonly name: string } | undefined {
  if (input.kind !== 'hcl') return undefined;
  const file = `${input.realPath ?? input.input}/cdk.tf`;
  const app = appOfFile(file);
  return app === path.posix.normalize(file.replace(/\\/g, '/')) ? undefined : { app, name: path.basename(path.dirname(path.normalize(file))) };
}

/** The one-line refusal of `reader`'s reference to stack `read`, which may be the stack of `candidate`, and why it cannot be followed. */
const unfollowed = (reader: LoadedInput, read: string, candidate: string, why: string): InputError =>
  new InputError(reader.input, `reads stack "${quotedInput(read)}" by a cross-stack reference, which may be ${candidate}: ${why}, so the reference cannot be followed (check the stacks with the cdktf.out/manifest.json cdktf wrote beside them)`);

/**
 * The refusal of cdktf stacks checked together whose cross-stack reference cannot be followed for want of
 * their manifest. A stack reads `cross-stack-reference-input-grp--data`, no stack of its app checked answers
 * to that name, and one does by the path's last part (stack `data`) with no construct path known. cdktf
 * records a stack's construct path in cdktf.out's manifest.json only, so a copied `stacks/<name>/cdk.tf.json`
 * tree without it cannot tell whether `data` is the stack inside `grp` that is read, or another: linking it
 * would be a guess, and leaving it unlinked would judge its bucket as if no other stack encrypted it. A stack
 * synthesized as HCL that no manifest lists is read as a .tf directory, and links to nothing: one that reads
 * another stack checked with it (`data`, or `grp--data`, by that stack's name) is refused too.
 * Undefined when every reference is followed, or names a stack that is not checked (then as a stack checked alone).
 */
export function unfollowedStackReference(inputs: readonly LoadedInput[]): InputError | undefined {
  const stacks = inputs.filter((input) => input.kind === 'cdktf' && namesOf(input).length > 0);
  for (const reader of stacks) {
    const app = appOf(reader);
    const others = stacks.filter((other) => other !== reader && appOf(other) === app);
    for (const read of stacksReadBy(reader)) {
      if (others.some((other) => namesOf(other).includes(read))) continue;
      const candidate = others.find((other) => other.stackPath === undefined && other.stack !== undefined && read.endsWith(`--${other.stack}`));
      if (candidate?.stack === undefined) continue;
      return unfollowed(reader, read, `stack "${quotedInput(candidate.stack)}" (${candidate.input}) inside a construct`, 'no manifest.json gives its construct path');
    }
  }
  const unlisted = inputs.flatMap((input) => {
    const at = unlistedHclStack(input);
    return at === undefined ? [] : [{ input, ...at }];
  });
  for (const reader of unlisted) {
    const others = [...unlisted, ...stacks.map((input) => ({ input, app: appOf(input), name: input.stack ?? '' }))].filter((other) => other.input !== reader.input && other.app === reader.app);
    for (const read of stacksReadBy(reader.input)) {
      const candidate = others.find((other) => other.name !== '' && (read === other.name || read.endsWith(`--${other.name}`)));
      if (candidate === undefined) continue;
      return unfollowed(reader.input, read, `stack "${quotedInput(candidate.name)}" (${candidate.input.input})`, 'no manifest.json lists these stacks synthesized as HCL (cdktf synth --hcl), read as directories of .tf files');
    }
  }
  return undefined;
}

/** Per subject, the satellites of other stacks linked to it, and those that may cover it only in part (`CrossStackLinks.mayAttach`). */
interface LinkIndex {
  readonly linked: Map<Resource, Resource[]>;
  readonly partly: Map<Resource, Resource[]>;
}

/** The links of the check each stack's context is in: what symbolic evaluation (symbolic-references.ts) asks. */
const LINKS = new WeakMap<InputContext, CrossStackLinks>();

/** A stack's output read whole from another stack, and the one reference that output is, in the producing stack. */
export interface RemoteOutput {
  readonly ctx: InputContext;
  readonly output: string;
  /** The traversal the output's value is, in the root module of `ctx`. */
  readonly reference: string;
}

/** The output `traversal` (a reference in `ctx`'s code) reads from another stack of the check, when that output is one reference written whole. */
export const remoteOutput = (ctx: InputContext, traversal: string): RemoteOutput | undefined => LINKS.get(ctx)?.remoteOutput(ctx, traversal);

export class CrossStackLinks {
  /** By app and a name of the stack (see `namesOf`); null where two stacks of one app answer to one name, so neither is linked by it. */
  private readonly stacks = new Map<string, InputContext | null>();
  private readonly stackCount: number;
  /** By satellite type, `via` and subject type: the satellites of other stacks linked to each subject, and those that may cover it only in part. */
  private readonly indexes = new Map<string, LinkIndex>();
  private readonly undeterminedIndex = new Map<string, readonly Resource[]>();
  /**
   * Read once per check, not once per satellite that asks: each stack's app (`appOf`), and the one
   * reference each output read from another stack is (`plainReference`; null where it is none).
   */
  private readonly apps = new Map<InputContext, string>();
  private readonly outputReferences = new Map<ConfigNode, string | null>();

  constructor(private readonly contexts: readonly InputContext[]) {
    // By app and stack name or path: two apps checked together may each have a stack of one name.
    const stacks = contexts.filter((ctx) => ctx.input.kind === 'cdktf' && namesOf(ctx.input).length > 0);
    for (const ctx of stacks) {
      for (const name of namesOf(ctx.input)) {
        const key = `${this.appOfStack(ctx)}|${name}`;
        const known = this.stacks.get(key);
        this.stacks.set(key, known === undefined || known === ctx ? ctx : null);
      }
    }
    this.stackCount = stacks.length;
    if (this.linksStacks) for (const ctx of contexts) LINKS.set(ctx, this);
  }

  private appOfStack(ctx: InputContext): string {
    return entryOf(this.apps, ctx, () => appOf(ctx.input));
  }

  /** The one reference `producer`'s output `output` is, written whole (`plainReference`). */
  private outputReference(producer: InputContext, output: string): string | undefined {
    const node = producer.output('', output)?.expr;
    return node === undefined ? undefined : (entryOf(this.outputReferences, node, () => plainReference(node) ?? null) ?? undefined);
  }

  /** See the function `remoteOutput`: an output of a stack of `ctx`'s app, other than its own. */
  remoteOutput(ctx: InputContext, traversal: string): RemoteOutput | undefined {
    const match = ctx.input.kind === 'cdktf' ? CROSS_STACK.exec(traversal) : null;
    const producer = match?.[2] === undefined ? undefined : this.stacks.get(`${this.appOfStack(ctx)}|${match[1]}`);
    if (match?.[2] === undefined || producer === undefined || producer === null || producer === ctx) return undefined;
    // An output that computes something of a reference (`"${aws_s3_bucket.b.arn}/*"`, a function) is not what the reference names.
    const reference = this.outputReference(producer, match[2]);
    return reference === undefined ? undefined : { ctx: producer, output: match[2], reference };
  }

  /**
   * What `from`'s attribute at `path` names among `types` when it reads, whole, an output of another
   * stack of the check that is one reference written whole (`kms_master_key_id = k.arn` with the key
   * in a stack of keys); undefined otherwise (its own stack's links decide).
   */
  resolve(from: Resource, ctx: InputContext, path: readonly PathSeg[], types: readonly string[] | undefined): Resolution | undefined {
    const traversal = plainReference(configAt(from.data.config, path));
    const remote = traversal === undefined ? undefined : this.remoteOutput(ctx, traversal);
    if (remote === undefined) return undefined;
    return types === undefined ? resolveReferences(remote.ctx, { module: [] }, [remote.reference]) : resolveRootOutput(remote.ctx, remote.output, types);
  }

  /** Whether any two stacks of a cdktf app are checked together (else there is nothing to link). */
  get linksStacks(): boolean {
    return this.stackCount > 1;
  }

  /** The stack of the satellite's app that `via` reads, if that stack is checked too. */
  private producer(satellite: Resource, satelliteCtx: InputContext, via: string): { readonly ctx: InputContext; readonly output: string } | undefined {
    const reference = satelliteCtx.input.kind === 'cdktf' ? crossStackReference(satellite, via) : undefined;
    const ctx = reference === undefined ? undefined : this.stacks.get(`${this.appOfStack(satelliteCtx)}|${reference.stack}`);
    return ctx === undefined || ctx === null || reference === undefined ? undefined : { ctx, output: reference.output };
  }

  /** Satellites of `type` in other stacks whose `via` names `subject` through a cross-stack reference. */
  attached(subject: Resource, type: string, via: string): readonly Resource[] {
    return this.index(type, via, subject.type).linked.get(subject) ?? [];
  }

  /**
   * Satellites of `type` in other stacks whose `via` reads an output that names `subject` but may not
   * stand for all of it: one instance of a block whose count or for_each is not known
   * (`"${aws_s3_bucket.b[0].id}"`), or a value the output computes (`"${var.on ? aws_s3_bucket.b.id : "x"}"`).
   * They may apply to it, as in one stack.
   */
  mayAttach(subject: Resource, type: string, via: string): readonly Resource[] {
    return this.index(type, via, subject.type).partly.get(subject) ?? [];
  }

  private index(type: string, via: string, subjectType: string): LinkIndex {
    return entryOf(this.indexes, `${type}|${via}|${subjectType}`, () => this.build(type, via, subjectType));
  }

  /**
   * Satellites of `type` in other stacks of `subject`'s app that read its stack's outputs but not as
   * one output alone (`element([...outputs.a, ...outputs.b], 1)`): any of them may be a subject's there.
   */
  undetermined(subjectCtx: InputContext, type: string, via: string): readonly Resource[] {
    const names = namesOf(subjectCtx.input);
    if (subjectCtx.input.kind !== 'cdktf' || names.length === 0) return [];
    const app = this.appOfStack(subjectCtx);
    const key = `${type}|${via}|${subjectCtx.input.input}`;
    let found = this.undeterminedIndex.get(key);
    if (found === undefined) {
      found = this.contexts
        .filter((ctx) => ctx !== subjectCtx && ctx.input.kind === 'cdktf' && this.appOfStack(ctx) === app)
        .flatMap((ctx) => ctx.ofType(type).filter((satellite) => stacksRead(satellite, via).some((read) => names.includes(read)) && this.producer(satellite, ctx, via) === undefined));
      this.undeterminedIndex.set(key, found);
    }
    return found;
  }

  /** Whether `satellite` (of `ctx`) reads, through `via`, one output of a stack of this check: it links there, not to its own stack's subjects. */
  readsAnotherStack(satellite: Resource, ctx: InputContext, via: string): boolean {
    return this.producer(satellite, ctx, via) !== undefined;
  }

  private build(type: string, via: string, subjectType: string): LinkIndex {
    const index: LinkIndex = { linked: new Map(), partly: new Map() };
    for (const ctx of this.contexts) {
      for (const satellite of ctx.ofType(type)) {
        const producer = this.producer(satellite, ctx, via);
        const resolution = producer === undefined ? undefined : resolveRootOutput(producer.ctx, producer.output, [subjectType]);
        if (producer === undefined || resolution?.status !== 'resources') continue;
        // One instance of the many the target stands for, a value made of more than the target (a
        // conditional), or something computed of it (`replace(b.id, …)`, another bucket's name): it may
        // cover the target, not surely all of it, as in one stack. Linked only when the output is the one
        // reference written whole, the test `remoteOutput` makes.
        const whole = resolution.partly !== true && resolution.oneInstance === undefined && this.outputReference(producer.ctx, producer.output) !== undefined;
        for (const target of resolution.targets) entryOf(whole ? index.linked : index.partly, target, () => []).push(satellite);
      }
    }
    return index;
  }
}
