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

/** An awscc `{ key, value }` tag list. */
export const tagList = (tags: Record<string, string>): { key: string; value: string }[] => Object.entries(tags).map(([key, value]) => ({ key, value }));

/** The same list written in HCL. */
export const tagListTf = (tags: Record<string, string>): string => `[${Object.entries(tags).map(([key, value]) => `{ key = "${key}", value = "${value}" }`).join(', ')}]`;

/** An `awscc_lex_bot` with its own `bot_tags` and the tags it puts on its test alias (`test_bot_alias_tags`): its values, and the resource in HCL. */
export function lexBot(name: string, botTags: Record<string, string>, aliasTags: Record<string, string>): { values: Record<string, unknown>; tf: string } {
  const common = { name, role_arn: 'arn:aws:iam::123456789012:role/lex', idle_session_ttl_in_seconds: 300 };
  return {
    values: { ...common, data_privacy: { child_directed: false }, bot_tags: tagList(botTags), test_bot_alias_tags: tagList(aliasTags) },
    tf: `resource "awscc_lex_bot" "${name}" {
  name                        = "${name}"
  role_arn                    = "${common.role_arn}"
  data_privacy                = { child_directed = false }
  idle_session_ttl_in_seconds = ${common.idle_session_ttl_in_seconds}
  bot_tags                    = ${tagListTf(botTags)}
  test_bot_alias_tags         = ${tagListTf(aliasTags)}
}
`,
  };
}
