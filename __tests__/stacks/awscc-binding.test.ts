import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsccProvider, IottwinmakerWorkspace } from '../../stacks/providers/awscc';
import { SynthDoc } from './synth-helpers';

function synthAwscc(build: (stack: TerraformStack) => void): { doc: SynthDoc; hcl: string } {
  const stack = new TerraformStack(Testing.app(), 'awscc');
  build(stack);
  return { doc: JSON.parse(Testing.synth(stack)) as SynthDoc, hcl: Testing.synthHcl(stack) };
}

const ROLE = 'arn:aws:iam::111111111111:role/deployer';

describe('AwsccProvider', () => {
  const { doc, hcl } = synthAwscc((stack) => {
    new AwsccProvider(stack, 'awscc', {
      region: 'us-east-1',
      roleArn: 'arn:aws:iam::111111111111:role/cfn',
      profile: 'p',
      sharedConfigFiles: ['/c'],
      sharedCredentialsFiles: ['/k'],
      assumeRole: {
        roleArn: ROLE,
        sessionName: 's',
        externalId: 'e',
        duration: '1h',
        policy: '{}',
        policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        tags: { Team: 'platform' },
        transitiveTagKeys: ['Team'],
      },
      assumeRoleWithWebIdentity: { roleArn: ROLE, webIdentityTokenFile: '/t', sessionName: 'w' },
      endpoints: { cloudcontrolapi: 'https://cc', iam: 'https://iam', sso: 'https://sso', sts: 'https://sts' },
      httpProxy: 'http://proxy',
      httpsProxy: 'http://proxy',
      noProxy: 'localhost',
      insecure: false,
      maxRetries: 5,
      skipMetadataApiCheck: true,
      userAgent: [{ productName: 'twinguard', productVersion: '0.1.0', comment: 'test' }],
    });
  });
  const block = doc.provider.awscc[0];

  test('pins hashicorp/awscc ~> 1.66', () => {
    expect(doc.terraform.required_providers.awscc).toEqual({ source: 'hashicorp/awscc', version: '~> 1.66' });
  });

  test('synthesizes the awscc schema attribute names', () => {
    expect(Object.keys(block).sort()).toEqual([
      'assume_role', 'assume_role_with_web_identity', 'endpoints', 'http_proxy', 'https_proxy', 'insecure', 'max_retries',
      'no_proxy', 'profile', 'region', 'role_arn', 'shared_config_files', 'shared_credentials_files',
      'skip_metadata_api_check', 'user_agent',
    ]);
  });

  test('assume_role is an object with snake_case keys, not a list', () => {
    expect(block.assume_role).toEqual({
      role_arn: ROLE,
      session_name: 's',
      external_id: 'e',
      duration: '1h',
      policy: '{}',
      policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      tags: { Team: 'platform' },
      transitive_tag_keys: ['Team'],
    });
  });

  test('endpoints and assume_role_with_web_identity are objects', () => {
    expect(block.endpoints).toEqual({ cloudcontrolapi: 'https://cc', iam: 'https://iam', sso: 'https://sso', sts: 'https://sts' });
    expect(block.assume_role_with_web_identity).toEqual({ role_arn: ROLE, web_identity_token_file: '/t', session_name: 'w' });
  });

  test('user_agent is a list of objects', () => {
    expect(block.user_agent).toEqual([{ product_name: 'twinguard', product_version: '0.1.0', comment: 'test' }]);
  });

  test('HCL output writes nested attributes as object expressions, not blocks', () => {
    expect(hcl).toMatch(/assume_role = \{/);
    expect(hcl).toMatch(/endpoints = \{/);
    expect(hcl).not.toMatch(/assume_role \{/);
  });

  test('an alias is emitted for a second provider', () => {
    const { doc: aliased } = synthAwscc((stack) => new AwsccProvider(stack, 'p', { region: 'us-west-2', alias: 'west' }));
    expect(aliased.provider.awscc[0]).toEqual({ region: 'us-west-2', alias: 'west' });
  });
});

describe('IottwinmakerWorkspace', () => {
  let workspace!: IottwinmakerWorkspace;
  const { doc } = synthAwscc((stack) => {
    new AwsccProvider(stack, 'awscc', { region: 'us-east-1' });
    workspace = new IottwinmakerWorkspace(stack, 'ws', {
      workspaceId: 'plant',
      role: 'arn:aws:iam::111111111111:role/tm',
      s3Location: 'arn:aws:s3:::bucket',
      description: 'd',
      tags: { A: 'b' },
    });
    const computed = { arn: workspace.arn, created: workspace.creationDateTime, updated: workspace.updateDateTime, id: workspace.id };
    for (const [name, value] of Object.entries(computed)) new TerraformOutput(stack, name, { value });
  });

  test('synthesizes exactly the awscc attribute names', () => {
    expect(doc.resource.awscc_iottwinmaker_workspace.ws).toEqual({
      workspace_id: 'plant',
      role: 'arn:aws:iam::111111111111:role/tm',
      s3_location: 'arn:aws:s3:::bucket',
      description: 'd',
      tags: { A: 'b' },
    });
  });

  test('exposes the computed attributes as references', () => {
    const value = (name: string) => doc.output?.[name].value;
    expect(value('arn')).toBe('${awscc_iottwinmaker_workspace.ws.arn}');
    expect(value('created')).toBe('${awscc_iottwinmaker_workspace.ws.creation_date_time}');
    expect(value('updated')).toBe('${awscc_iottwinmaker_workspace.ws.update_date_time}');
    expect(value('id')).toBe('${awscc_iottwinmaker_workspace.ws.id}');
  });

  test('keeps the configured inputs readable', () => {
    expect(workspace.workspaceIdInput).toBe('plant');
    expect(workspace.tagsInput).toEqual({ A: 'b' });
  });
});
