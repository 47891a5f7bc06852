/**
 * The only rule registry (STYLE.md convention 5): every category's barrel, imported explicitly.
 * A rule that is not listed in its category's `index.ts` does not run; `__tests__/rules/registry.test.ts`
 * guards ids, doc pages and test files.
 */
import { ACCESS_RULES } from './access';
import { ENCRYPTION_AT_REST_RULES } from './encryption-at-rest';
import { ENCRYPTION_IN_TRANSIT_RULES } from './encryption-in-transit';
import { LOGGING_RULES } from './logging';
import { SENSITIVE_DATA_RULES } from './sensitive-data';
import { TAGGING_RULES } from './tagging';
import type { RuleDefinition } from './types';

export const ALL_RULES: readonly RuleDefinition[] = [
  ...ENCRYPTION_AT_REST_RULES,
  ...ENCRYPTION_IN_TRANSIT_RULES,
  ...TAGGING_RULES,
  ...SENSITIVE_DATA_RULES,
  ...LOGGING_RULES,
  ...ACCESS_RULES,
];

const BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, if there is one. */
export const ruleById = (id: string): RuleDefinition | undefined => BY_ID.get(id);
