/** The tagging rules, in the order `twinguard rules` lists them. */
import type { RuleDefinition } from '../types';
import allowedTagValues from './allowed-tag-values';
import requiredTags from './required-tags';
import tagLimits from './tag-limits';

export const TAGGING_RULES: readonly RuleDefinition[] = [requiredTags, allowedTagValues, tagLimits];
