/**
 * "The SSE configurations of this bucket": the resources of a type whose `via` attribute points at a
 * subject. Each satellite is resolved once per (satellite type, via, subject type), so N buckets and
 * M satellites cost N + M, not N × M.
 */
import { entryOf } from '../entry-of';
import type { Attachments, Resource } from '../types';
import type { InputContext } from './context';
import { addOne, allOf, type OneOrMany } from './one-or-many';
import { resolveLink } from './symbolic-references';

interface AttachmentIndex {
  /** Per subject, its satellites. */
  readonly linked: Map<Resource, OneOrMany>;
  readonly ambiguous: Map<Resource, OneOrMany>;
  /** Satellites whose target cannot be told at all: they may apply to any subject. */
  readonly unknown: Resource[];
}

/**
 * The satellite exists wherever the subject does: on no condition not known, or only on conditions
 * the subject exists on too (both `count = var.create ? 1 : 0` in one module instance). One that may
 * not be created may leave the subject without it: it is one that may apply, never a linked one.
 */
function existsWith(satellite: Resource, subject: Resource): boolean {
  const conditions = satellite.data.existsIf;
  return conditions === undefined || conditions.every((condition) => subject.data.existsIf?.includes(condition) === true);
}

function buildIndex(ctx: InputContext, type: string, via: string, subjectType: string): AttachmentIndex {
  const index: AttachmentIndex = { linked: new Map(), ambiguous: new Map(), unknown: [] };
  for (const satellite of ctx.ofType(type)) {
    const resolution = resolveLink(ctx, satellite, [via], [subjectType]);
    // A satellite naming `aws_s3_bucket.data[0]` of a count not known covers one of the buckets the target stands for, maybe not all.
    const partial = resolution.status === 'resources' && (resolution.partly === true || resolution.oneInstance !== undefined);
    if (resolution.status === 'resources') for (const target of resolution.targets) addOne(partial || !existsWith(satellite, target) ? index.ambiguous : index.linked, target, satellite);
    else if (resolution.status === 'ambiguous') for (const candidate of resolution.candidates) addOne(index.ambiguous, candidate, satellite);
    else if (resolution.status === 'unknown') index.unknown.push(satellite);
  }
  return index;
}

/** Attachment lookups for one input, indexed lazily. */
export class AttachmentFinder {
  /**
   * By satellite type, `via` and subject type: nested maps, no key string per call. Measured on the
   * 100k bench plan: a `JSON.stringify` key per call cost ~0.2 s (rules ask for every bucket's satellites).
   */
  private readonly indexes = new Map<string, Map<string, Map<string, AttachmentIndex>>>();

  constructor(private readonly ctx: InputContext) {}

  attached(subject: Resource, type: string, via: string): Attachments {
    const bySubjectType = entryOf(entryOf(this.indexes, type, () => new Map()), via, () => new Map());
    let index = bySubjectType.get(subject.type);
    if (!index) bySubjectType.set(subject.type, (index = buildIndex(this.ctx, type, via, subject.type)));
    const ambiguous = index.ambiguous.get(subject);
    // The list of unknown satellites is shared, not copied: the cost stays linear when many are unknown.
    return { linked: allOf(index.linked.get(subject)), undetermined: ambiguous ? [...allOf(ambiguous), ...index.unknown] : index.unknown };
  }
}
