/**
 * Tags whose values the configuration restricts (`allowedTagValues`, for instance `Environment`
 * in dev/staging/prod) hold one of the allowed values. A tag that is absent is `required-tags`'
 * business; a value known only after apply is `unknown`.
 */
import { type JudgedTags, tagsAttribute, tagSets } from '../../model/graph/tags';
import { safeText } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, fail, notApplicable, pass, unknown, type Outcome } from '../types';
import { unknownTagsMessage } from '../support/unknown-tags';

const list = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

export default defineRule({
  id: 'allowed-tag-values',
  title: 'Tags hold one of their allowed values',
  category: 'tagging',
  severity: 'medium',
  rationale:
    'A tag is only useful when everyone spells it the same way: cost reports, tag-based access control and automation that key on `Environment = prod` miss a resource tagged `Production`.',
  remediation:
    'Set the tag to one of the values listed in `allowedTagValues` of the configuration file (tag values are case-sensitive), in the aws provider\'s `default_tags` or the resource\'s `tags`.',
  references: [
    awsDoc('AWS Organizations: tag policies (enforcing allowed tag values)', 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html'),
    awsDoc('AWS: Best practices for tagging AWS resources', 'https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html'),
  ],
  appliesTo: '*',
  evaluate(resource, { graph, settings }) {
    const constrained = Object.entries(settings.allowedTagValues)
      .filter(([, allowed]) => allowed.length > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (resource.mode !== 'managed' || constrained.length === 0) return notApplicable();
    const tags = graph.effectiveTags(resource);
    if (tags.status === 'not-taggable') return notApplicable();
    const outcomes: Outcome[] = [];
    const judge = (set: Omit<JudgedTags, 'path'>, path: readonly string[], entries: readonly (readonly [string, readonly string[]])[]): void => {
      const on = set.replica === undefined ? '' : `On ${set.replica}: `;
      for (const [key, allowed] of entries) {
        const at = [...path, key].join('.');
        if (set.unknownValues.includes(key)) {
          outcomes.push(unknown(`${on}Tag "${key}" gets its value only after apply, so the gate cannot vouch that it is one of ${list(allowed)}. Write the value as a literal.`, { path: at }));
          continue;
        }
        const value = set.tags[key];
        if (value === undefined || allowed.includes(value)) continue;
        const shown = set.sensitiveKeys.includes(key) ? 'a value marked sensitive' : `"${safeText(value, settings.sensitivePatterns)}"`;
        outcomes.push(fail(`${on}Tag "${key}" is ${shown}, not one of ${list(allowed)}. Set it to an allowed value (values are case-sensitive).`, { path: at }));
      }
    };
    if (tags.status === 'unknown') {
      // The keys a later `merge` argument writes (`merge(var.tags, { Environment = "dev" })`) are judged; the others may
      // take any value (a default tag's, the resource's tags may replace).
      const fixed = tags.atLeast === undefined ? [] : constrained.filter(([key]) => tags.atLeast?.fixed.has(key));
      if (tags.atLeast !== undefined) judge(tags.atLeast, [tagsAttribute(resource.type)], fixed);
      const open = constrained.filter((entry) => !fixed.includes(entry)).map(([key]) => key);
      if (open.length > 0) outcomes.push(unknown(unknownTagsMessage(tags, `the values of ${list(open)}`), { path: tagsAttribute(resource.type) }));
      return outcomes.length > 0 ? outcomes : pass();
    }
    // A global table's replicas each carry their own tags (`Name = "orders-${region}"` differs by right): each value is judged.
    for (const set of tagSets(resource.type, tags)) judge(set, set.path, constrained);
    return outcomes.length > 0 ? outcomes : pass();
  },
});
