/**
 * "The SSE configurations of this bucket": the resources of a type whose `via` attribute points at a
 * subject. Each satellite is resolved once per (satellite type, via, subject type), so N buckets and
 * M satellites cost N + M, not N × M.
 */
import type { Attachments, Resource } from '../types';
import type { InputContext } from './context';
import { resolveAttribute } from './references';

/** The satellites of a subject: the one, or all of them (most subjects of a large plan have one). */
type Satellites = Resource | Resource[];

interface AttachmentIndex {
  readonly linked: Map<Resource, Satellites>;
  readonly ambiguous: Map<Resource, Satellites>;
  /** Satellites whose target cannot be told at all: they may apply to any subject. */
  readonly unknown: Resource[];
}

const push = (map: Map<Resource, Satellites>, key: Resource, value: Resource): void => {
  const seen = map.get(key);
  if (seen === undefined) map.set(key, value);
  else if (Array.isArray(seen)) seen.push(value);
  else map.set(key, [seen, value]);
};

const listOf = (satellites: Satellites | undefined): Resource[] => (satellites === undefined ? [] : Array.isArray(satellites) ? satellites : [satellites]);

function buildIndex(ctx: InputContext, type: string, via: string, subjectType: string): AttachmentIndex {
  const index: AttachmentIndex = { linked: new Map(), ambiguous: new Map(), unknown: [] };
  for (const satellite of ctx.ofType(type)) {
    const resolution = resolveAttribute(ctx, satellite, [via], [subjectType]);
    if (resolution.status === 'resources') for (const target of resolution.targets) push(index.linked, target, satellite);
    else if (resolution.status === 'ambiguous') for (const candidate of resolution.candidates) push(index.ambiguous, candidate, satellite);
    else if (resolution.status === 'unknown') index.unknown.push(satellite);
  }
  return index;
}

/** Attachment lookups for one input, indexed lazily. */
export class AttachmentFinder {
  private readonly indexes = new Map<string, AttachmentIndex>();

  constructor(private readonly ctx: InputContext) {}

  attached(subject: Resource, type: string, via: string): Attachments {
    const key = JSON.stringify([type, via, subject.type]);
    let index = this.indexes.get(key);
    if (!index) this.indexes.set(key, (index = buildIndex(this.ctx, type, via, subject.type)));
    const ambiguous = index.ambiguous.get(subject);
    // The list of unknown satellites is shared, not copied: the cost stays linear when many are unknown.
    return { linked: listOf(index.linked.get(subject)), undetermined: ambiguous ? [...listOf(ambiguous), ...index.unknown] : index.unknown };
  }
}
