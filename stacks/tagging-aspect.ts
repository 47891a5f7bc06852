import { IConstruct } from 'constructs';
import { IAspect, TerraformResource } from 'cdktf';

/** An awscc resource whose `tags` is a map (as `awscc_iottwinmaker_workspace`'s is). */
interface MapTaggedResource extends TerraformResource {
  tagsInput?: Record<string, string>;
  tags: Record<string, string>;
}

/** awscc resource types whose `tags` attribute is a map of strings (others use a list of {key, value}). */
const AWSCC_MAP_TAGGED_TYPES: ReadonlySet<string> = new Set([
  'awscc_iottwinmaker_workspace',
  'awscc_iottwinmaker_scene',
  'awscc_iottwinmaker_sync_job',
]);

function isMapTagged(node: IConstruct): node is MapTaggedResource {
  return node instanceof TerraformResource && AWSCC_MAP_TAGGED_TYPES.has(node.terraformResourceType) && 'tagsInput' in node;
}

/**
 * Gives awscc resources the tags the aws provider's `default_tags` gives every aws resource (awscc has no
 * `default_tags`). A tag set on the resource itself wins, as with `default_tags`.
 */
export class DefaultTagsAspect implements IAspect {
  public constructor(private readonly tags: Readonly<Record<string, string>>) {}

  /** Merges the default tags into a map-tagged awscc resource; leaves every other node alone. */
  public visit(node: IConstruct): void {
    if (isMapTagged(node)) node.tags = { ...this.tags, ...(node.tagsInput ?? {}) };
  }
}
