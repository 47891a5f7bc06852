/**
 * A link whose code makes its value from a resource's attribute by a function or a template names that resource
 * or another: each rule that follows links reads it as unknown, never as the resource (resolveLink, `Resolution.made`).
 */
import cloudtrailLogs from '../../../checks/rules/logging/cloudtrail-cloudwatch-logs';
import adminAccess from '../../../checks/rules/access/iam-policy-no-admin-access';
import kmsNotPublic from '../../../checks/rules/access/kms-key-not-public';
import defaultEncryption from '../../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
import denyInsecure from '../../../checks/rules/encryption-in-transit/s3-bucket-deny-insecure-transport';
import publicAccessBlock from '../../../checks/rules/access/s3-bucket-public-access-block';
import roleScope from '../../../checks/rules/access/twinmaker-role-s3-scope';
import sourceCondition from '../../../checks/rules/access/twinmaker-role-source-condition';
import type { RuleDefinition } from '../../../checks/rules/types';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { evaluateRule } from '../../helpers/rule-table';

const found = (rule: RuleDefinition, graph: Awaited<ReturnType<typeof tfGraph>>, address: string) =>
  evaluateRule(rule, graph)
    .filter((v) => v.address === address)
    .map((v) => [v.status, v.message]);

const bucketTf = (satellites: string) => `resource "aws_s3_bucket" "b" {
  bucket = "acme-data-x"
}
${satellites}`;

const sse = (bucket: string) => `resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  bucket = ${bucket}
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`;

const tlsPolicy = (bucket: string) => `resource "aws_s3_bucket_policy" "p" {
  bucket = ${bucket}
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }] })
}
`;

describe('an S3 satellite whose bucket its code makes from the bucket by a function or a template', () => {
  it.each([
    ['replace(aws_s3_bucket.b.id, "x", "y")', 'replace()'],
    ['"${aws_s3_bucket.b.id}-logs"', 'a template'],
    ['format("%s-z", aws_s3_bucket.b.id)', 'format()'],
  ])('%s: the SSE configuration, the bucket policy and the public access block may apply to another bucket (%s)', async (bucket, by) => {
    const pab = `resource "aws_s3_bucket_public_access_block" "a" {\n  bucket = ${bucket}\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n`;
    const graph = await tfGraph(bucketTf(sse(bucket) + tlsPolicy(bucket) + pab));
    const why = (satellite: string) => `cannot tell whether ${satellite} applies to it: its code makes its \`bucket\` from aws_s3_bucket.b by ${by}, so it may name another bucket`;
    expect(found(defaultEncryption, graph, 'aws_s3_bucket.b')).toEqual([['unknown', expect.stringContaining(why('aws_s3_bucket_server_side_encryption_configuration.e'))]]);
    expect(found(denyInsecure, graph, 'aws_s3_bucket.b')).toEqual([['unknown', expect.stringContaining(why('aws_s3_bucket_policy.p'))]]);
    expect(found(publicAccessBlock, graph, 'aws_s3_bucket.b')).toEqual([['unknown', expect.stringContaining(why('aws_s3_bucket_public_access_block.a'))]]);
  });

  it('the bucket whole, or through a function that gives it back unchanged, still links', async () => {
    for (const bucket of ['aws_s3_bucket.b.id', 'tostring(aws_s3_bucket.b.id)', 'one([aws_s3_bucket.b.id])', 'try(aws_s3_bucket.b.id, "")']) {
      const graph = await tfGraph(bucketTf(sse(bucket) + tlsPolicy(bucket)));
      expect([bucket, found(defaultEncryption, graph, 'aws_s3_bucket.b'), found(denyInsecure, graph, 'aws_s3_bucket.b')]).toEqual([bucket, [['pass', undefined]], [['pass', undefined]]]);
    }
  });
});

describe('a link other than a bucket or a key made by a function', () => {
  const attachment = (arn: string) => `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = ${arn}
}
`;

  // Terraform's value is AdministratorAccess's ARN: the policy of the input it is made from is not what it attaches.
  it('a policy ARN made from a policy of the input by replace() is unknown, not that policy (.tf and cdk.tf.json)', async () => {
    const expected = [['unknown', expect.stringContaining('it attaches a policy whose ARN is known only after apply (its code makes it from aws_iam_policy.p by replace()) and may be AdministratorAccess')]];
    expect(found(adminAccess, await tfGraph(attachment('replace(aws_iam_policy.p.arn, "/.*/", "arn:aws:iam::aws:policy/AdministratorAccess")')), 'aws_iam_role_policy_attachment.a')).toEqual(expected);
    const cdktf = cdktfGraph({
      aws_iam_policy: { p: { name: 'p', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' } },
      aws_iam_role_policy_attachment: { a: { role: 'r', policy_arn: '${replace(aws_iam_policy.p.arn, "/.*/", "arn:aws:iam::aws:policy/AdministratorAccess")}' } },
    });
    expect(found(adminAccess, cdktf, 'aws_iam_role_policy_attachment.a')).toEqual(expected);
    // The policy whole, or through a function that gives it back unchanged: that policy, judged on its own.
    for (const arn of ['aws_iam_policy.p.arn', 'tostring(aws_iam_policy.p.arn)', 'one([aws_iam_policy.p.arn])', 'try(aws_iam_policy.p.arn, "")', 'coalesce(aws_iam_policy.p.arn, "x")', '"${aws_iam_policy.p.arn}"']) {
      expect([arn, found(adminAccess, await tfGraph(attachment(arn)), 'aws_iam_role_policy_attachment.a')]).toEqual([arn, [['pass', undefined]]]);
    }
  });

  // A key policy's principal made from a role's ARN (`"*"`, here): not the role, a fixed principal.
  it('a key policy principal made from a role by replace() is not that role', async () => {
    const graph = await tfGraph(`resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
data "aws_iam_policy_document" "k" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [replace(aws_iam_role.r.arn, "/.*/", "*")]
    }
  }
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.k.json
}
`);
    expect(found(kmsNotPublic, graph, 'aws_kms_key.k').map(([status]) => status)).not.toEqual(['pass']);
    expect(found(kmsNotPublic, graph, 'aws_kms_key.k')).not.toEqual([]);
  });

  const twinmaker = (role: string, policyRole: string) => `resource "aws_iam_role" "twinmaker" {
  name = "twinmaker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "iottwinmaker.amazonaws.com" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } } }]
  })
}
resource "aws_iam_role_policy" "wide" {
  role   = ${policyRole}
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}
resource "awscc_iottwinmaker_workspace" "w" {
  workspace_id = "w"
  role         = ${role}
  s3_location  = "arn:aws:s3:::w-data"
}
`;

  it("a TwinMaker workspace's role, and a role policy's role, made from the TwinMaker role by a function: unknown, naming the function", async () => {
    const graph = await tfGraph(twinmaker('replace(aws_iam_role.twinmaker.arn, "twinmaker", "other")', 'lower(aws_iam_role.twinmaker.id)'));
    expect(found(sourceCondition, graph, 'awscc_iottwinmaker_workspace.w')).toEqual([
      ['unknown', expect.stringContaining("its code makes it from aws_iam_role.twinmaker by replace() (it may name another resource), so the gate cannot see whether its trust policy")],
    ]);
    expect(found(roleScope, graph, 'aws_iam_role_policy.wide')).toEqual([
      ['unknown', expect.stringContaining('its code makes its `role` from aws_iam_role.twinmaker by lower(), so it may name that role or another; for aws_iam_role.twinmaker, `policy`: a statement allows S3 actions beyond')],
    ]);
    const whole = await tfGraph(twinmaker('aws_iam_role.twinmaker.arn', 'aws_iam_role.twinmaker.id'));
    expect(found(sourceCondition, whole, 'awscc_iottwinmaker_workspace.w').map(([status]) => status)).toEqual(['pass']);
    expect(found(roleScope, whole, 'aws_iam_role_policy.wide').map(([status]) => status)).toEqual(['fail']);
  });

  const trail = (group: string, role: string) => `resource "aws_cloudwatch_log_group" "g" {
  name = "trail"
}
resource "aws_iam_role" "logs" {
  name               = "logs"
  assume_role_policy = "{}"
}
resource "aws_cloudtrail" "t" {
  name                       = "t"
  s3_bucket_name             = "trail-logs"
  cloud_watch_logs_group_arn = ${group}
  cloud_watch_logs_role_arn  = ${role}
}
`;

  it("a trail's log group with `:*` after its ARN is the log group; a role made by lower() is unknown", async () => {
    expect(found(cloudtrailLogs, await tfGraph(trail('"${aws_cloudwatch_log_group.g.arn}:*"', 'aws_iam_role.logs.arn')), 'aws_cloudtrail.t').filter(([s]) => s !== 'pass')).toEqual([]);
    expect(found(cloudtrailLogs, await tfGraph(trail('"${aws_cloudwatch_log_group.g.arn}:*"', 'lower(aws_iam_role.logs.arn)')), 'aws_cloudtrail.t')).toEqual([
      ['unknown', expect.stringContaining('`cloud_watch_logs_role_arn` (the role it writes with) is known only after apply and its code makes it from aws_iam_role.logs by lower(), so the gate cannot tell')],
    ]);
    expect(found(cloudtrailLogs, await tfGraph(trail('"${aws_cloudwatch_log_group.g.arn}-x"', 'aws_iam_role.logs.arn')), 'aws_cloudtrail.t')).toEqual([
      ['unknown', expect.stringContaining('its code makes it from aws_cloudwatch_log_group.g by a template')],
    ]);
  });
});
