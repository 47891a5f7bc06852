/**
 * Resolutions kept per input, by resource, path and types, so that each attribute is resolved once: satellites each
 * naming two of the level below by a conditional (`var.on ? aws_s3_bucket_public_access_block.a.id : …b.id`), level
 * after level down to one bucket, were followed path by path, 2^levels of them.
 *
 * A resolution follows references one step deeper at a time and stops at a depth limit. One that never reached the
 * limit is the same from any depth at which its deepest step stays below it (`free`, with its `height`); one that
 * reached it is kept for the depth it started at only. A resolution that met one still in progress (a cycle, which
 * terraform refuses) is kept too, as is any resolution that led to it: each is on the cycle it met (it leads to one in
 * progress, which led to it), so it is unknown from wherever it is asked; only which attribute its message names as
 * leading back to itself depends on where the first walk started. Not kept, a ring of satellites each naming two
 * others was walked again by every path leading to each (24 of them: 51 s of CPU, 30: 15 min). The cycle
 * guard is the kept object itself marked `resolving` (and, for the resolution asked from depth 0, which is not kept,
 * a comparison with it): no key is built per call.
 */
import type { Resolution, Resource } from '../types';
import type { PathSeg } from '../value';
import type { InputContext } from './context';

/** One resolution kept: of an attribute (`resolveAttribute`) or of a link read with its code (`resolveLink`). */
class Kept {
  /** Set while it is being resolved: the object doubles as the cycle guard, with no key to build. */
  resolving = false;
  free: Resolution | undefined;
  /** How much deeper than its start `free`'s deepest step went (-Infinity: none). */
  height = -Infinity;
  /** Resolutions that reached the limit, by the depth they started at. */
  limited: Map<number, Resolution> | undefined;
}

/** The resolutions of one attribute of one resource for one list of types. */
interface Slot {
  readonly path: readonly PathSeg[];
  readonly types: readonly string[] | undefined;
  readonly attribute: Kept;
  readonly link: Kept;
}

const SLOTS = new WeakMap<InputContext, Map<Resource, Slot[]>>();

const sameList = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((item, i) => item === b[i]));

/** The resolutions kept of `from`'s attribute at `path` for `types`: compared item by item, no key string per call. */
function keptFor(ctx: InputContext, from: Resource, path: readonly PathSeg[], types: readonly string[] | undefined): Slot {
  let byResource = SLOTS.get(ctx);
  if (byResource === undefined) SLOTS.set(ctx, (byResource = new Map()));
  let slots = byResource.get(from);
  if (slots === undefined) byResource.set(from, (slots = []));
  for (const slot of slots) if (sameList(slot.path, path) && sameList(slot.types, types)) return slot;
  const slot: Slot = { path, types, attribute: new Kept(), link: new Kept() };
  slots.push(slot);
  return slot;
}

/** What a walk did that decides where its outcome holds: its deepest step and whether it reached the limit. */
export interface Walked {
  readonly deepest: number;
  readonly limited: boolean;
}

/** Resolutions at depths below `limit` (`MAX_DEPTH`), each walk noting its steps (`reached`) into the one it is part of. */
export class Resolver {
  private deepest = -Infinity;
  private limited = false;

  constructor(private readonly limit: number) {}

  /** Notes a step at `depth`; true where it is at the limit (the walk stops there). */
  reached(depth: number): boolean {
    if (depth > this.deepest) this.deepest = depth;
    if (depth < this.limit) return false;
    this.limited = true;
    return true;
  }

  /** Notes what a walk kept elsewhere did (`walk`), where its outcome is reused. */
  replay(walked: Walked): void {
    if (walked.deepest > this.deepest) this.deepest = walked.deepest;
    this.limited ||= walked.limited;
  }

  /** `compute` as a walk of its own, with what it did. */
  walk<T>(compute: () => T): { readonly value: T; readonly walked: Walked } {
    const outer: Walked = {
      deepest: this.deepest,
      limited: this.limited,
    };
    this.deepest = -Infinity;
    this.limited = false;
    let walked: Walked | undefined;
    try {
      const value = compute();
      walked = {
        deepest: this.deepest,
        limited: this.limited,
      };
      return { value, walked };
    } finally {
      this.deepest = outer.deepest;
      this.limited = outer.limited;
      if (walked !== undefined) this.replay(walked);
    }
  }

  /**
   * `from`'s resolution at `path` for `types` (`kept`, one of its slot's) from `depth`: reused where it holds there,
   * else computed and kept where it holds beyond this walk. One asked again while in progress is `cycle()` where
   * given, else computed again. A resolution asked from depth 0 (by a rule, for a satellite) is not kept: rules and
   * attachments ask for each once, and keeping every one cost a large plan memory and time; those a resolution leads
   * to are, each resolved once however many lead to it.
   */
  resolve(
    ctx: InputContext,
    from: Resource,
    path: readonly PathSeg[],
    types: readonly string[] | undefined,
    depth: number,
    which: 'attribute' | 'link',
    compute: () => Resolution,
    cycle?: (from: Resource, path: readonly PathSeg[]) => Resolution
  ): Resolution {
    if (depth === 0) return this.first(from, path, types, compute);
    const kept = keptFor(ctx, from, path, types)[which];
    if (cycle !== undefined && (kept.resolving || (this.topFrom === from && sameList(this.topPath, path) && sameList(this.topTypes, types)))) return cycle(from, path);
    return this.kept(kept, depth, compute);
  }

  /** The resolution asked from depth 0 now, in progress (none: `topFrom` undefined): a walk leading back to it is a cycle. */
  private topFrom: Resource | undefined;
  private topPath: readonly PathSeg[] | undefined;
  private topTypes: readonly string[] | undefined;

  private first(from: Resource, path: readonly PathSeg[], types: readonly string[] | undefined, compute: () => Resolution): Resolution {
    const [outerFrom, outerPath, outerTypes] = [this.topFrom, this.topPath, this.topTypes];
    this.topFrom = from;
    this.topPath = path;
    this.topTypes = types;
    try {
      return compute();
    } finally {
      this.topFrom = outerFrom;
      this.topPath = outerPath;
      this.topTypes = outerTypes;
    }
  }

  private kept(kept: Kept, depth: number, compute: () => Resolution): Resolution {
    if (kept.free !== undefined && depth + kept.height < this.limit) {
      if (depth + kept.height > this.deepest) this.deepest = depth + kept.height;
      return kept.free;
    }
    const limited = kept.limited?.get(depth);
    if (limited !== undefined) {
      this.limited = true;
      return limited;
    }
    const resolving = kept.resolving;
    kept.resolving = true;
    let done: { readonly value: Resolution; readonly walked: Walked };
    try {
      done = this.walk(compute);
    } finally {
      kept.resolving = resolving;
    }
    const { value, walked } = done;
    if (walked.limited) (kept.limited ??= new Map()).set(depth, value);
    else {
      kept.free = value;
      kept.height = walked.deepest - depth;
    }
    return value;
  }
}
