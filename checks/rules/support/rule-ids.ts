/**
 * The ids of the rules that code outside them asks about by id, in a module that imports nothing:
 * the engine asks whether required-tags ran (its coverage counts the resources that rule could
 * not judge) without loading the rule and what it imports.
 */
export const REQUIRED_TAGS_ID = 'required-tags';
