import * as path from 'node:path';
import rule from '../../../checks/rules/encryption-in-transit/efs-deny-insecure-transport';
import { ruleStatuses, withFiles } from '../../cli/run';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { policyJson, type Statement } from '../fixtures/transit';

const FS = 'aws_efs_file_system.data';
const P = 'aws_efs_file_system_policy.data';
const ARN = 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0';
/** The console's "Enforce in-transit encryption for all clients" statement: no Resource. */
const CONSOLE: Statement = { Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
/** The console's grant to every client that comes through a mount target, TLS or not. */
const VIA_MOUNT_TARGET: Statement = { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } } };
/** The whitepaper's statement: clients may mount and write over TLS only. */
const ALLOW_OVER_TLS: Statement = { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
const deny = (overrides: Statement): Statement => ({ ...CONSOLE, Resource: ARN, ...overrides });

/** An existing file system (ARN known) and an aws_efs_file_system_policy that references it. */
const withPolicy = (statements: Statement[] | 'unknown') => [
  res(FS, { creation_token: 'data', encrypted: true, arn: ARN, id: 'fs-0123456789abcdef0' }, { actions: ['no-op'] }),
  res(P, statements === 'unknown' ? {} : { policy: policyJson(statements) }, {
    unknown: { id: true, file_system_id: true, ...(statements === 'unknown' ? { policy: true } : {}) },
    refs: { file_system_id: [`${FS}.id`, FS], ...(statements === 'unknown' ? { policy: ['var.policy'] } : {}) },
  }),
];

ruleTable(rule, [
  { name: 'efs-deny-insecure-transport: the console\'s policy (no Resource) passes', plan: plan(withPolicy([VIA_MOUNT_TARGET, CONSOLE])), expect: { [FS]: 'pass' } },
  { name: 'a Deny of elasticfilesystem:* on the file system passes', plan: plan(withPolicy([VIA_MOUNT_TARGET, deny({ Action: 'elasticfilesystem:*', Principal: '*' })])), expect: { [FS]: 'pass' } },
  {
    name: 'terraform-aws-modules/efs\'s Deny, also requiring AccessedViaMountTarget, passes: every NFS client comes through a mount target',
    plan: plan(withPolicy([VIA_MOUNT_TARGET, deny({ Condition: { Bool: { 'aws:SecureTransport': 'false', 'elasticfilesystem:AccessedViaMountTarget': 'true' } } })])),
    expect: { [FS]: 'pass' },
  },
  {
    name: 'a Deny under SecureTransport ["false", "true"] (any value matches: it refuses every client, clear NFS included) passes, with AccessedViaMountTarget ["true", "false"] beside it',
    plan: plan(withPolicy([VIA_MOUNT_TARGET, deny({ Condition: { Bool: { 'aws:SecureTransport': ['false', 'true'], 'elasticfilesystem:AccessedViaMountTarget': ['true', 'false'] } } })])),
    expect: { [FS]: 'pass' },
  },
  {
    name: 'an Allow of ClientMount under SecureTransport ["true", "false"] lets clients mount in clear: fail',
    plan: plan(withPolicy([{ ...ALLOW_OVER_TLS, Condition: { Bool: { 'aws:SecureTransport': ['true', 'false'] } } }])),
    expect: { [FS]: 'fail' },
  },
  {
    name: 'a Deny narrowed by another condition fails',
    plan: plan(withPolicy([VIA_MOUNT_TARGET, deny({ Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '111122223333' } } })])),
    expect: { [FS]: 'fail' },
    message: /in aws_efs_file_system_policy\.data, no statement is a Deny of elasticfilesystem:ClientMount/,
  },
  { name: 'a Deny of ClientWrite alone lets clients mount in clear: fail', plan: plan(withPolicy([VIA_MOUNT_TARGET, deny({ Action: 'elasticfilesystem:ClientWrite' })])), expect: { [FS]: 'fail' } },
  { name: 'a Deny on another file system fails', plan: plan(withPolicy([VIA_MOUNT_TARGET, deny({ Resource: 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-other' })])), expect: { [FS]: 'fail' } },
  {
    name: 'a policy that allows no client at all (a narrow Deny only) refuses clear NFS too: anonymous clients have no Allow',
    plan: plan(withPolicy([deny({ Action: 'elasticfilesystem:ClientWrite' })])),
    expect: { [FS]: 'pass' },
  },
  {
    name: 'AWS\'s whitepaper policy passes: its only Allow of ClientMount requires TLS, so a client in clear (anonymous) cannot mount',
    plan: plan(withPolicy([ALLOW_OVER_TLS])),
    expect: { [FS]: 'pass' },
  },
  {
    name: 'an Allow of ClientMount without the TLS condition beside it lets clients mount in clear: fail',
    plan: plan(withPolicy([ALLOW_OVER_TLS, VIA_MOUNT_TARGET])),
    expect: { [FS]: 'fail' },
  },
  {
    name: 'so does a NotAction Allow that leaves ClientMount in',
    plan: plan(withPolicy([ALLOW_OVER_TLS, { Effect: 'Allow', Principal: { AWS: '*' }, NotAction: 'elasticfilesystem:ClientRootAccess' }])),
    expect: { [FS]: 'fail' },
  },
  {
    name: 'no file system policy fails, naming the file system',
    plan: plan([res(FS, { creation_token: 'data', encrypted: true }, { unknown: { arn: true, id: true } })]),
    expect: { [FS]: 'fail' },
    message: /^no aws_efs_file_system_policy points at it\./,
  },
  {
    name: 'a policy that names an existing file system by its id is linked to it',
    plan: plan([
      res(FS, { creation_token: 'data', encrypted: true, arn: ARN, id: 'fs-0123456789abcdef0' }, { actions: ['no-op'] }),
      res(P, { file_system_id: 'fs-0123456789abcdef0', policy: policyJson([VIA_MOUNT_TARGET, CONSOLE]) }, { unknown: { id: true } }),
    ]),
    expect: { [FS]: 'pass' },
  },
  { name: 'a policy known only after apply is unknown', plan: plan(withPolicy('unknown')), expect: { [FS]: 'unknown' } },
  {
    name: 'an awscc file system\'s own file_system_policy is read',
    plan: plan([res('awscc_efs_file_system.data', { encrypted: true, file_system_policy: policyJson([VIA_MOUNT_TARGET, CONSOLE]) }, { unknown: { arn: true, id: true, file_system_id: true } })]),
    expect: { 'awscc_efs_file_system.data': 'pass' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_efs_mount_target.a', { subnet_id: 'subnet-1' })]), expect: { 'aws_efs_mount_target.a': 'not-applicable' } },
]);

describe('efs-deny-insecure-transport is opt-in', () => {
  it('runs only when the configuration enables it, and then reads a policy written from the file system\'s own ARN, or as terraform-aws-modules/efs writes it', async () => {
    const files = {
      'twinguard.config.yaml': 'rules:\n  enable: [efs-deny-insecure-transport]\n',
      'code/main.tf': `resource "aws_efs_file_system" "data" {
  encrypted = true
}
resource "aws_efs_file_system_policy" "data" {
  file_system_id = aws_efs_file_system.data.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = { AWS = "*" }, Action = "*", Resource = aws_efs_file_system.data.arn, Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}
resource "aws_efs_file_system" "open" {
  encrypted = true
}
# As terraform-aws-modules/efs writes its policy: a Deny without resources beside dynamic statements.
variable "policy_statements" {
  type    = any
  default = {}
}
resource "aws_efs_file_system" "module_style" {
  encrypted = true
}
data "aws_iam_policy_document" "module_style" {
  dynamic "statement" {
    for_each = var.policy_statements
    content {
      sid     = statement.value.sid
      actions = statement.value.actions
    }
  }
  statement {
    sid     = "NonSecureTransport"
    effect  = "Deny"
    actions = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
resource "aws_efs_file_system_policy" "module_style" {
  file_system_id = aws_efs_file_system.module_style.id
  policy         = data.aws_iam_policy_document.module_style.json
}
# An Allow whose action is known only after apply may let clients mount in clear.
variable "action" {
  type = string
}
resource "aws_efs_file_system" "allow_unknown" {
  encrypted = true
}
resource "aws_efs_file_system_policy" "allow_unknown" {
  file_system_id = aws_efs_file_system.allow_unknown.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = var.action }]
  })
}
`,
    };
    await withFiles(files, async (dir) => {
      const verdicts = (args: string[]) => ruleStatuses(rule.id, [path.join(dir, 'code'), '--input-kind', 'hcl', ...args]);
      expect(await verdicts([])).toEqual({});
      expect(await verdicts(['--config', path.join(dir, 'twinguard.config.yaml')])).toEqual({ 'aws_efs_file_system.open': 'fail', 'aws_efs_file_system.allow_unknown': 'unknown' });
    });
  });
});
