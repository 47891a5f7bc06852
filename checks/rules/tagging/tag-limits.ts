/**
 * Tags stay within the limits AWS enforces at apply time, so a plan that would fail to apply (or
 * that uses the prefix AWS reserves) is stopped at review: keys of at most 128 characters, values
 * of at most 256, no key starting with `aws:` (any case), at most 50 user tags per resource.
 */
import { displayPath, safeText } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, fail, notApplicable, pass, unknown, type Outcome } from '../types';

export const MAX_KEY_LENGTH = 128;
export const MAX_VALUE_LENGTH = 256;
export const MAX_TAGS = 50;

/** Length in characters (code points), as AWS counts them. */
const length = (text: string): number => [...text].length;
const reserved = (key: string): boolean => key.toLowerCase().startsWith('aws:');

export default defineRule({
  id: 'tag-limits',
  title: 'Tags stay within the AWS tag limits',
  category: 'tagging',
  severity: 'low',
  rationale:
    'AWS rejects a tag key longer than 128 characters, a value longer than 256, more than 50 user tags on a resource, and keys with the reserved `aws:` prefix: such a plan fails at apply, often half-way through.',
  remediation: 'Shorten the key or value, drop tags beyond 50, and rename keys that start with `aws:` (the prefix is reserved for AWS).',
  references: [
    awsDoc('AWS: Tag naming limits and requirements', 'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html'),
  ],
  appliesTo: '*',
  evaluate(resource, { graph, settings }) {
    if (resource.mode !== 'managed') return notApplicable();
    const tags = graph.effectiveTags(resource);
    if (tags.status === 'not-taggable') return notApplicable();
    if (tags.status === 'unknown') {
      return unknown(`The tags this resource will carry are known only after apply (${tags.reason}), so the gate cannot vouch for the AWS tag limits. Write the tags as literal values.`, { path: 'tags' });
    }
    const outcomes: Outcome[] = [];
    const keys = [...new Set([...Object.keys(tags.tags), ...tags.unknownValues])].sort();
    for (const key of keys) {
      const value = tags.tags[key];
      const problems = [
        ...(length(key) > MAX_KEY_LENGTH ? [{ status: 'fail', text: (k: string) => `Tag key ${k} is ${tags.sensitiveKeys.includes(key) ? 'longer than that' : `${length(key)} characters long`}; AWS allows at most ${MAX_KEY_LENGTH}. Shorten it.` }] : []),
        ...(reserved(key) ? [{ status: 'fail', text: (k: string) => `Tag key ${k} starts with "aws:", a prefix AWS reserves for its own tags. Rename it.` }] : []),
        ...(value !== undefined && length(value) > MAX_VALUE_LENGTH
          ? [{ status: 'fail', text: (k: string) => `The value of tag ${k} is ${length(value)} characters long; AWS allows at most ${MAX_VALUE_LENGTH}. Shorten it.` }]
          : []),
        ...(tags.unknownValues.includes(key) ? [{ status: 'unknown', text: (k: string) => `The value of tag ${k} is known only after apply, so the gate cannot vouch that it fits in ${MAX_VALUE_LENGTH} characters.` }] : []),
      ];
      if (problems.length === 0) continue;
      // Only a key with a problem is shown, masked if it holds personal data. A key whose value Terraform
      // marks sensitive is not shown at all: a map marked sensitive as a whole (`tags = var.tags`) hides its keys too.
      const hidden = tags.sensitiveKeys.includes(key);
      const path = hidden ? 'tags' : displayPath(['tags', key], settings.sensitivePatterns);
      const shownKey = hidden ? '(one whose value is marked sensitive, not shown)' : `"${safeText(key, settings.sensitivePatterns)}"`;
      for (const problem of problems) outcomes.push(problem.status === 'fail' ? fail(problem.text(shownKey), { path }) : unknown(problem.text(shownKey), { path }));
    }
    const userTags = keys.filter((key) => !reserved(key)).length;
    if (userTags > MAX_TAGS) outcomes.push(fail(`The resource carries ${userTags} tags; AWS allows at most ${MAX_TAGS} per resource. Remove some.`, { path: 'tags' }));
    return outcomes.length > 0 ? outcomes : pass();
  },
});
