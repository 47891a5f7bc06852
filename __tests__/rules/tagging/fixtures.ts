/** Plan pieces shared by the tagging and sensitive-data rule tests. */
import type { PlanOptions } from '../../helpers/plan-builder';

/** The three tags the default settings require. */
export const FULL = { Environment: 'dev', Owner: 'platform-team', DataClassification: 'internal' };

/** `provider "aws" { default_tags { tags = … } }` (plus more provider blocks), as plan-builder options. */
export function awsProvider(defaultTags?: Record<string, string> | { references: string[] }, extra: Record<string, unknown> = {}, key = 'aws'): PlanOptions['providers'] {
  const tags = defaultTags === undefined ? undefined : 'references' in defaultTags ? defaultTags : { constant_value: defaultTags };
  return {
    [key]: {
      name: key.split('.')[0],
      ...(key.includes('.') ? { alias: key.split('.')[1] } : {}),
      expressions: { ...(tags ? { default_tags: [{ tags }] } : {}), ...extra },
    },
  };
}
