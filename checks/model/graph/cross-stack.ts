/**
 * cdktf's cross-stack references. A stack that uses another stack's resource reads it from that
 * stack's state (`data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>`),
 * and the other stack writes the output (`cross-stack-output-aws_s3_bucketdataid =
 * "${aws_s3_bucket.data.id}"`). Links never cross inputs but these: the stacks of one cdktf app,
 * checked together, where an SSE configuration in one stack is the bucket's of another.
 */
import { entryOf } from '../entry-of';
import type { Resource } from '../types';
import { configAt, referencesIn } from './config';
import type { InputContext } from './context';
import { resolveRootOutput } from './references';

const CROSS_STACK = /^data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\.([^.[\]]+)/;

/** The stack and output a cross-stack reference of `satellite`'s `via` names; undefined for another reference. */
function crossStackReference(satellite: Resource, via: string): { readonly stack: string; readonly output: string } | undefined {
  for (const reference of referencesIn(configAt(satellite.data.config, [via]))) {
    const match = CROSS_STACK.exec(reference);
    if (match) return { stack: match[1], output: match[2] };
  }
  return undefined;
}

export class CrossStackLinks {
  private readonly stacks = new Map<string, InputContext>();
  /** By satellite type, `via` and subject type: the satellites of other stacks linked to each subject. */
  private readonly indexes = new Map<string, Map<Resource, Resource[]>>();

  constructor(private readonly contexts: readonly InputContext[]) {
    for (const ctx of contexts) if (ctx.input.kind === 'cdktf' && ctx.input.stack !== undefined) this.stacks.set(ctx.input.stack, ctx);
  }

  /** Whether any two stacks of a cdktf app are checked together (else there is nothing to link). */
  get linksStacks(): boolean {
    return this.stacks.size > 1;
  }

  /** Satellites of `type` in other stacks whose `via` names `subject` through a cross-stack reference. */
  attached(subject: Resource, type: string, via: string): readonly Resource[] {
    const index = entryOf(this.indexes, `${type}|${via}|${subject.type}`, () => this.build(type, via, subject.type));
    return index.get(subject) ?? [];
  }

  /** Whether `satellite`'s `via` reads a stack of this check: it links there, not to its own stack's subjects. */
  readsAnotherStack(satellite: Resource, via: string): boolean {
    const reference = crossStackReference(satellite, via);
    return reference !== undefined && this.stacks.has(reference.stack);
  }

  private build(type: string, via: string, subjectType: string): Map<Resource, Resource[]> {
    const index = new Map<Resource, Resource[]>();
    for (const ctx of this.contexts) {
      for (const satellite of ctx.ofType(type)) {
        const reference = crossStackReference(satellite, via);
        const producer = reference === undefined ? undefined : this.stacks.get(reference.stack);
        const resolution = producer === undefined || reference === undefined ? undefined : resolveRootOutput(producer, reference.output, [subjectType]);
        if (resolution?.status === 'resources') for (const target of resolution.targets) entryOf(index, target, () => []).push(satellite);
      }
    }
    return index;
  }
}
