/**
 * Rules over a setting of the account that a resource turns on and whose deletion turns off again:
 * aws_ebs_encryption_by_default (the provider's delete disables EBS encryption by default) and
 * aws_glue_data_catalog_encryption_settings (its delete puts empty settings: no encryption). Such
 * a rule is an input rule: a plan that deletes the resource leaves none for a resource rule to judge,
 * and the deletion is what turns the setting off (`LoadedInput.destroyed`, as kms-key-not-destroyed
 * reads it). The resources the input keeps are judged as a resource rule would, and reported on
 * their addresses; looked up with `ofType`, their type counts as checked in the coverage.
 */
import type { DestroyedResource, LoadedInput, Resource } from '../../model/types';
import { fail, isFinding, notApplicable, type Outcome, type RuleContext } from '../types';

export interface AccountSetting {
  readonly type: string;
  /** What a resource of the type must say, judged as a resource rule would. */
  readonly evaluate: (resource: Resource, context: RuleContext) => Outcome | readonly Outcome[];
  /**
   * The attributes that say where the setting lives (`region`, `catalog_id`): a replacement they
   * force deletes the old object in a place the new one does not turn the setting on again.
   */
  readonly place: readonly string[];
  /** What the deletion does, after "the provider's delete": `turns EBS encryption by default off in the Region`. */
  readonly deletes: string;
  readonly fix: string;
}

/**
 * How the plan turns the setting off by deleting `destroyed`, or undefined when it does not: a
 * replacement that deletes the old object first, in the place the new one takes, ends with the new
 * object's values, which are judged as the resource.
 */
function deletion(destroyed: DestroyedResource, place: readonly string[]): string | undefined {
  if (destroyed.deposed !== undefined) return `deletes a deposed object of this resource (${destroyed.deposed}, left by an earlier create-before-destroy replacement)`;
  if (!destroyed.actions.includes('create')) return 'deletes this resource';
  if (destroyed.actions[0] === 'create') return 'replaces this resource creating the new object first (create_before_destroy): the old object is deleted last';
  const moved = (destroyed.replacedBy ?? []).filter((attribute) => place.includes(attribute));
  if (moved.length > 0) return `replaces this resource to change ${moved.map((a) => `\`${a}\``).join(' and ')}: the old object is deleted where the new one does not stand`;
  return undefined;
}

/** The verdicts of `setting`'s rule on one input: its resources of the type, and the ones the plan deletes. */
export function judgeAccountSetting(setting: AccountSetting, input: LoadedInput, context: RuleContext): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const resource of context.graph.ofType(setting.type)) {
    if (resource.input !== input.input || resource.mode !== 'managed') continue;
    const result = setting.evaluate(resource, context);
    for (const outcome of Array.isArray(result) ? result : [result as Outcome]) {
      outcomes.push(isFinding(outcome) ? { ...outcome, address: outcome.address ?? resource.address } : outcome);
    }
  }
  for (const destroyed of input.destroyed ?? []) {
    if (destroyed.type !== setting.type) continue;
    const how = deletion(destroyed, setting.place);
    if (how !== undefined) outcomes.push(fail(`The plan ${how}, and the provider's delete ${setting.deletes}. ${setting.fix}`, { address: destroyed.address }));
  }
  return outcomes.length > 0 ? outcomes : [notApplicable()];
}
