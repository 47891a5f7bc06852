/**
 * No personal data or secret in tag keys or values: email addresses, phone numbers, AWS keys,
 * private keys, tokens, credentials in URLs, and the configured `sensitivePatterns`.
 *
 * Where the tag comes from decides where the finding goes: the resource's own `tags` on the
 * resource; the aws provider's `default_tags` on the provider block (`provider.aws`, reported once
 * however many resources inherit it); a `tags_all` entry found in neither (its origin is not a
 * constant of the configuration) on the resource. Values Terraform marks sensitive are not read;
 * values known only after apply are produced by AWS or other resources, not written in the code,
 * and are not judged.
 */
import type { Resource, Graph } from '../../model/types';
import type { PathSeg, ValueView } from '../../model/value';
import { detectAll, displayPath, providerAddress, safeText, sensitiveFinding, type Item } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, notApplicable, pass, type Outcome } from '../types';

interface TagEntry {
  readonly key: string;
  readonly value: ValueView;
}

/** The entries of a tag map, or of an awscc `[{ key, value }]` list, whose keys are known. */
function tagEntries(view: ValueView): TagEntry[] {
  if (Array.isArray(view.raw)) {
    const items = view.list();
    if (items.kind !== 'known') return [];
    return items.value.flatMap((item) => {
      const key = item.get('key').string();
      return key.kind === 'known' ? [{ key: key.value, value: item.get('value') }] : [];
    });
  }
  const entries = view.map();
  return entries.kind === 'known' ? Object.entries(entries.value).map(([key, value]) => ({ key, value })) : [];
}

/** A known, non-sensitive string: the only values the rule reads. */
const readable = (view: ValueView): string | undefined => (typeof view.raw === 'string' && !view.isUnknown && !view.isSensitive ? view.raw : undefined);

interface Place {
  readonly entry: TagEntry;
  readonly path: readonly PathSeg[];
  /** Set for tags of the provider's `default_tags`. */
  readonly provider?: string;
}

/** Every tag the resource carries, each at the place it is written. */
function places(resource: Resource, graph: Graph): Place[] {
  const own = tagEntries(resource.attr('tags'));
  const ownKeys = new Set(own.map((e) => e.key));
  const provider = resource.type.startsWith('aws_') ? graph.providerOf(resource) : undefined;
  const block = provider?.values.get('default_tags').block();
  const defaults = block?.kind === 'known' ? tagEntries(block.value.get('tags')) : [];
  const defaultValues = new Map(defaults.map((e) => [e.key, readable(e.value)]));
  const inherited = tagEntries(resource.attr('tags_all')).filter((e) => !ownKeys.has(e.key) && !(defaultValues.has(e.key) && defaultValues.get(e.key) === readable(e.value)));
  return [
    ...own.map((entry) => ({ entry, path: ['tags', entry.key] })),
    ...inherited.map((entry) => ({ entry, path: ['tags_all', entry.key] })),
    ...(provider ? defaults.map((entry) => ({ entry, path: ['default_tags', 'tags', entry.key], provider: providerAddress(provider) })) : []),
  ];
}

export default defineRule({
  id: 'no-sensitive-data-in-tags',
  title: 'Tags hold no personal data or secrets',
  category: 'sensitive-data',
  severity: 'high',
  rationale:
    'Tags are readable by far more people and services than the data they label: Cost Explorer, billing reports, the Resource Groups tagging API, every console list. AWS advises never to put confidential or sensitive information, such as customers\' email addresses, into tags.',
  remediation:
    'Replace the value with a team name, a role or an opaque id (an owner tag names a team, not a person\'s address); move credentials to AWS Secrets Manager. Extra patterns to catch go in `sensitivePatterns` of the configuration file.',
  references: [
    awsDoc('AWS: Best practices for tagging (do not store PII or confidential data in tags)', 'https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html'),
    awsDoc('AWS IoT TwinMaker: Data protection', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/data-protection.html'),
  ],
  appliesTo: '*',
  evaluate(resource, { graph, settings }) {
    if (resource.mode !== 'managed') return notApplicable();
    const found = places(resource, graph);
    const items: Item[] = found.flatMap(({ entry }) => [{ text: entry.key, label: 'tag key' }, { text: readable(entry.value) ?? '', label: entry.key }]);
    const detections = detectAll(items, { scope: 'all', patterns: settings.sensitivePatterns });
    const outcomes: Outcome[] = [];
    found.forEach((place, i) => {
      const inKey = detections[2 * i];
      const inValue = detections[2 * i + 1];
      if (inKey.length + inValue.length === 0) return;
      const key = `"${safeText(place.entry.key, settings.sensitivePatterns)}"`;
      const where = inKey.length === 0 ? `Tag ${key}` : `Tag key ${key}${inValue.length > 0 ? ' (and its value)' : ''}`;
      const origin = place.provider ? `${place.provider} default_tags, inherited by every resource of that provider: ` : '';
      const path = displayPath(place.path, settings.sensitivePatterns);
      outcomes.push(sensitiveFinding(`${origin}${where}`, [...inKey, ...inValue], { path, ...(place.provider ? { address: place.provider } : {}) }));
    });
    return outcomes.length > 0 ? outcomes : pass();
  },
});
