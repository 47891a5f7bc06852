import { Construct } from 'constructs';
import { TerraformMetaArguments, TerraformResource, hashMapper, stringToTerraform } from 'cdktf';
import { AWSCC_VERSION_CONSTRAINT } from './provider';
import { definedHclAttributes, hclAttribute } from './hcl';

/** Configuration of `awscc_iottwinmaker_workspace` (CloudFormation `AWS::IoTTwinMaker::Workspace`). */
export interface IottwinmakerWorkspaceConfig extends TerraformMetaArguments {
  /** The workspace id: 1–128 characters; changing it replaces the workspace. */
  readonly workspaceId: string;
  /** ARN of the IAM role TwinMaker assumes for this workspace. */
  readonly role: string;
  /** ARN of the workspace's S3 bucket (`arn:<partition>:s3:::<bucket>`, no dots in the name). */
  readonly s3Location: string;
  /** Description, at most 512 characters. */
  readonly description?: string;
  /** Tags (map), at most 50. awscc has no `default_tags`: see stacks/tagging-aspect.ts. */
  readonly tags?: { [key: string]: string };
}

/**
 * The `awscc_iottwinmaker_workspace` resource (hashicorp/awscc ~> 1.66), hand-written in the shape of a
 * cdktf-generated binding: typed inputs, `*Input` getters, computed attributes as tokens.
 */
export class IottwinmakerWorkspace extends TerraformResource {
  /** The Terraform type name of this resource. */
  public static readonly tfResourceType = 'awscc_iottwinmaker_workspace';

  private workspaceIdValue: string;
  private roleValue: string;
  private s3LocationValue: string;
  private descriptionValue?: string;
  private tagsValue?: { [key: string]: string };

  /**
   * @param scope the enclosing construct
   * @param id construct id, unique among siblings
   * @param config the resource's arguments and meta-arguments
   */
  public constructor(scope: Construct, id: string, config: IottwinmakerWorkspaceConfig) {
    super(scope, id, {
      terraformResourceType: IottwinmakerWorkspace.tfResourceType,
      terraformGeneratorMetadata: { providerName: 'awscc', providerVersionConstraint: AWSCC_VERSION_CONSTRAINT },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach,
    });
    this.workspaceIdValue = config.workspaceId;
    this.roleValue = config.role;
    this.s3LocationValue = config.s3Location;
    this.descriptionValue = config.description;
    this.tagsValue = config.tags;
  }

  /** `arn` (computed): `arn:<partition>:iottwinmaker:<region>:<account>:workspace/<id>`. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }

  /** `creation_date_time` (computed, RFC 3339). */
  public get creationDateTime(): string {
    return this.getStringAttribute('creation_date_time');
  }

  /** `update_date_time` (computed, RFC 3339). */
  public get updateDateTime(): string {
    return this.getStringAttribute('update_date_time');
  }

  /** `id` (computed): the same value as `workspace_id`. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** `workspace_id` as a reference. */
  public get workspaceId(): string {
    return this.getStringAttribute('workspace_id');
  }
  public set workspaceId(value: string) {
    this.workspaceIdValue = value;
  }
  /** The configured `workspace_id`. */
  public get workspaceIdInput(): string {
    return this.workspaceIdValue;
  }

  /** `role` as a reference. */
  public get role(): string {
    return this.getStringAttribute('role');
  }
  public set role(value: string) {
    this.roleValue = value;
  }
  /** The configured `role`. */
  public get roleInput(): string {
    return this.roleValue;
  }

  /** `s3_location` as a reference. */
  public get s3Location(): string {
    return this.getStringAttribute('s3_location');
  }
  public set s3Location(value: string) {
    this.s3LocationValue = value;
  }
  /** The configured `s3_location`. */
  public get s3LocationInput(): string {
    return this.s3LocationValue;
  }

  /** `description` (optional + computed) as a reference. */
  public get description(): string {
    return this.getStringAttribute('description');
  }
  public set description(value: string) {
    this.descriptionValue = value;
  }
  /** Removes the configured description. */
  public resetDescription(): void {
    this.descriptionValue = undefined;
  }
  /** The configured `description`. */
  public get descriptionInput(): string | undefined {
    return this.descriptionValue;
  }

  /** `tags` (optional + computed) as a reference. */
  public get tags(): { [key: string]: string } {
    return this.getStringMapAttribute('tags');
  }
  public set tags(value: { [key: string]: string }) {
    this.tagsValue = value;
  }
  /** Removes the configured tags. */
  public resetTags(): void {
    this.tagsValue = undefined;
  }
  /** The configured `tags`. */
  public get tagsInput(): { [key: string]: string } | undefined {
    return this.tagsValue;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      workspace_id: stringToTerraform(this.workspaceIdValue),
      role: stringToTerraform(this.roleValue),
      s3_location: stringToTerraform(this.s3LocationValue),
      description: stringToTerraform(this.descriptionValue),
      tags: hashMapper(stringToTerraform)(this.tagsValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    const attrs = this.synthesizeAttributes();
    return definedHclAttributes({
      workspace_id: hclAttribute(attrs.workspace_id, 'simple', 'string'),
      role: hclAttribute(attrs.role, 'simple', 'string'),
      s3_location: hclAttribute(attrs.s3_location, 'simple', 'string'),
      description: hclAttribute(attrs.description, 'simple', 'string'),
      tags: hclAttribute(attrs.tags, 'map', 'stringMap'),
    });
  }
}
