/**
 * Tags stay within the limits AWS enforces at apply time, so a plan that would fail to apply (or
 * that uses the prefix AWS reserves) is stopped at review: keys of 1 to 128 characters, values
 * of at most 256, no key starting with `aws:` (any case), at most 50 user tags per resource, and
 * on an S3 object at most 10 tags, their lengths counted in UTF-16 code units (`OBJECT_LIMITS`).
 */
import { tagsAttribute, tagSets } from '../../model/graph/tags';
import { displayPath, safeText } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, fail, notApplicable, pass, unknown, type Outcome } from '../types';

export const MAX_KEY_LENGTH = 128;
export const MAX_VALUE_LENGTH = 256;
export const MAX_TAGS = 50;
/** S3 object tagging: at most 10 tags per object. */
export const MAX_OBJECT_TAGS = 10;

/** What a resource's tags must keep to, and how the service counts their lengths. */
interface Limits {
  /** Who refuses more, in a message: `AWS`, `S3`. */
  readonly who: string;
  readonly maxTags: number;
  /** What carries them, in a message: `resource`, `object`. */
  readonly per: string;
  readonly length: (text: string) => number;
  /** What `length` counts, in a message. */
  readonly unit: string;
}

/** Tag Editor's limits: lengths in characters (code points), as AWS counts them. */
const RESOURCE_LIMITS: Limits = { who: 'AWS', maxTags: MAX_TAGS, per: 'resource', length: (text) => [...text].length, unit: 'characters' };

/**
 * An S3 object's: at most 10 tags, and S3 keeps object tags in UTF-16, so a character outside the
 * Basic Multilingual Plane (an emoji) takes two of the 128 or 256 (S3 user guide, "Managing object
 * tags"). The provider's `default_tags` reach objects too, through `tags_all` (hashicorp/terraform-provider-aws
 * #19895, #21273, #24692: an object with a few tags of its own fails at apply).
 */
const OBJECT_LIMITS: Limits = { who: 'S3', maxTags: MAX_OBJECT_TAGS, per: 'object', length: (text) => text.length, unit: 'UTF-16 code units' };

/** The aws provider's S3 object types, current and legacy. */
const S3_OBJECTS: ReadonlySet<string> = new Set(['aws_s3_object', 'aws_s3_object_copy', 'aws_s3_bucket_object']);

const reserved = (key: string): boolean => key.toLowerCase().startsWith('aws:');

export default defineRule({
  id: 'tag-limits',
  title: 'Tags stay within the AWS tag limits',
  category: 'tagging',
  severity: 'low',
  rationale:
    'AWS rejects an empty tag key, a key longer than 128 characters, a value longer than 256, more than 50 user tags on a resource (10 on an S3 object), and keys with the reserved `aws:` prefix: such a plan fails at apply, often half-way through.',
  remediation: 'Name an empty key, shorten the key or value, drop tags beyond 50 (beyond 10 on an S3 object, the provider\'s `default_tags` included), and rename keys that start with `aws:` (the prefix is reserved for AWS).',
  references: [
    awsDoc('AWS: Tag naming limits and requirements', 'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html'),
    awsDoc('Amazon S3: Managing object tags (10 tags per object, lengths in UTF-16)', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html'),
  ],
  appliesTo: '*',
  evaluate(resource, { graph, settings }) {
    if (resource.mode !== 'managed') return notApplicable();
    const tags = graph.effectiveTags(resource);
    if (tags.status === 'not-taggable') return notApplicable();
    if (tags.status === 'unknown') {
      return unknown(`The tags this resource will carry are known only after apply (${tags.reason}), so the gate cannot vouch for the AWS tag limits. Write the tags as literal values.`, { path: tagsAttribute(resource.type) });
    }
    const limits = S3_OBJECTS.has(resource.type) ? OBJECT_LIMITS : RESOURCE_LIMITS;
    const { length, unit, who } = limits;
    const outcomes: Outcome[] = [];
    // A global table's replicas each hold their own set: a limit one breaks fails there, whatever the others hold.
    for (const set of tagSets(resource.type, tags)) {
      const on = set.replica === undefined ? '' : `On ${set.replica}: `;
      const per = set.replica === undefined ? limits.per : 'replica';
      const keys = [...new Set([...Object.keys(set.tags), ...set.unknownValues])].sort();
      for (const key of keys) {
        const value = set.tags[key];
        const problems = [
          ...(key.length === 0 ? [{ status: 'fail', text: () => `A tag key is empty; ${who} requires at least one character. Name the tag or remove it.` }] : []),
          ...(length(key) > MAX_KEY_LENGTH ? [{ status: 'fail', text: (k: string) => `Tag key ${k} is ${set.sensitiveKeys.includes(key) ? 'longer than that' : `${length(key)} ${unit} long`}; ${who} allows at most ${MAX_KEY_LENGTH}. Shorten it.` }] : []),
          ...(reserved(key) ? [{ status: 'fail', text: (k: string) => `Tag key ${k} starts with "aws:", a prefix AWS reserves for its own tags. Rename it.` }] : []),
          ...(value !== undefined && length(value) > MAX_VALUE_LENGTH
            ? [{ status: 'fail', text: (k: string) => `The value of tag ${k} is ${length(value)} ${unit} long; ${who} allows at most ${MAX_VALUE_LENGTH}. Shorten it.` }]
            : []),
          ...(set.unknownValues.includes(key) ? [{ status: 'unknown', text: (k: string) => `The value of tag ${k} is known only after apply, so the gate cannot vouch that it fits in ${MAX_VALUE_LENGTH} ${unit}.` }] : []),
        ];
        if (problems.length === 0) continue;
        // Only a key with a problem is shown, masked if it holds personal data. A key whose value Terraform
        // marks sensitive is not shown at all: a map marked sensitive as a whole (`tags = var.tags`) hides its keys too.
        const hidden = set.sensitiveKeys.includes(key);
        const path = hidden || key.length === 0 ? set.path.join('.') : displayPath([...set.path, key], settings.sensitivePatterns);
        const shownKey = hidden ? '(one whose value is marked sensitive, not shown)' : `"${safeText(key, settings.sensitivePatterns)}"`;
        for (const problem of problems) outcomes.push(problem.status === 'fail' ? fail(on + problem.text(shownKey), { path }) : unknown(on + problem.text(shownKey), { path }));
      }
      const userTags = keys.filter((key) => !reserved(key)).length;
      if (userTags > limits.maxTags) {
        // An object's own tags fit more often than not: say how many it inherits (the provider issues above).
        const own = resource.attr('tags').map();
        const ownCount = own.kind === 'known' ? Object.keys(own.value).length : own.kind === 'absent' ? 0 : userTags;
        const inherited = limits === OBJECT_LIMITS && ownCount < userTags ? `, ${userTags - ownCount} of them not its own (the provider's \`default_tags\` reach objects too)` : '';
        outcomes.push(fail(`${on}The ${per} carries ${userTags} tags${inherited}; ${who} allows at most ${limits.maxTags} per ${limits.per}. Remove some.`, { path: set.path.join('.') }));
      }
    }
    return outcomes.length > 0 ? outcomes : pass();
  },
});
