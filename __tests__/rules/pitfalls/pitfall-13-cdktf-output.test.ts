/**
 * Peer pitfall 13: cdktf output crashes the scanner (checkov #5504, #3739; trivy #5080;
 * atlantis #1220). The cdktf.out of our own stacks, and a hand-made cdk.tf.json with the shapes
 * cdktf writes (metadata under "//", tokens in nested values, dynamic blocks, unevaluated
 * count/for_each, remote modules, escape-hatch nulls), load and get a report: never a crash.
 */
import { App } from 'cdktf';
import { loadEnvironments } from '../../../config/environments';
import { buildApp } from '../../../stacks/twinmaker-stack';
import { tempDir, twinguard } from '../../cli/run';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The JSON report of a run that must have produced one: exit 0 or 1, nothing on stderr. */
async function report(args: string[]) {
  const run = await twinguard(['check', ...args, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect([0, 1]).toContain(run.code);
  const doc = JSON.parse(run.stdout);
  // A rule that throws becomes an `unknown` finding "rule <id> failed on <address>": none may.
  expect(doc.findings.filter((f: { message: string }) => /^rule \S+ failed on /.test(f.message))).toEqual([]);
  return { code: run.code, doc };
}

const HAND_MADE = {
  '//': { metadata: { backend: 'local', stackName: 'hand-made', version: '0.21.0' }, outputs: { 'hand-made': { bucket_arn: 'bucket_arn' } } },
  terraform: { backend: { local: { path: 'terraform.hand-made.tfstate' } }, required_providers: { aws: { source: 'aws', version: '6.25.0' }, awscc: { source: 'hashicorp/awscc', version: '1.66.0' } } },
  provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { Environment: 'dev', Owner: 'platform', DataClassification: 'internal' } }] }, { alias: 'us', region: '${var.region}' }], awscc: [{ region: 'eu-west-1' }] },
  variable: { region: { type: 'string', default: 'us-east-1' }, names: { type: 'list(string)' } },
  locals: { prefix: 'hand-${var.region}' },
  data: {
    aws_iam_policy_document: {
      tls: {
        '//': { metadata: { path: 'hand-made/tls', uniqueId: 'tls' } },
        statement: [{ effect: 'Deny', actions: ['s3:*'], principals: [{ type: '*', identifiers: ['*'] }], resources: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }],
      },
    },
  },
  resource: {
    aws_s3_bucket: {
      b: { '//': { metadata: { path: 'hand-made/b', uniqueId: 'b' } }, bucket: '${local.prefix}-data', tags: { Name: 'données ✓', Empty: '' }, lifecycle: { prevent_destroy: true }, depends_on: ['aws_kms_key.k'] },
      many: { '//': { metadata: { path: 'hand-made/many', uniqueId: 'many' } }, count: '${length(var.names)}', bucket: '${var.names[count.index]}', provider: 'aws.us' },
      each: { '//': { metadata: { path: 'hand-made/each', uniqueId: 'each' } }, for_each: '${toset(var.names)}', bucket: '${each.value}', tags: null },
    },
    aws_kms_key: { k: { '//': { metadata: { path: 'hand-made/k', uniqueId: 'k' } }, enable_key_rotation: true, deletion_window_in_days: 7, policy: '${jsonencode({"Version" = "2012-10-17"})}' } },
    aws_s3_bucket_server_side_encryption_configuration: {
      b: { bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.k.arn}' } }] },
      each: { for_each: '${aws_s3_bucket.each}', bucket: '${each.value.id}', dynamic: { rule: { for_each: '${["aws:kms"]}', content: { apply_server_side_encryption_by_default: { sse_algorithm: '${rule.value}' } } } } },
    },
    aws_s3_bucket_policy: { b: { bucket: '${aws_s3_bucket.b.id}', policy: '${data.aws_iam_policy_document.tls.json}' } },
    awscc_s3_bucket: { cc: { '//': { metadata: { path: 'hand-made/cc', uniqueId: 'cc' } }, bucket_name: 'cc-data', tags: [{ key: 'Environment', value: 'dev' }] } },
  },
  module: { vpc: { source: 'terraform-aws-modules/vpc/aws', version: '5.0.0', name: '${local.prefix}', providers: { aws: 'aws.us' } } },
  output: { bucket_arn: { value: '${aws_s3_bucket.b.arn}', sensitive: false } },
};

describe('pitfall 13: cdktf output never crashes the check', () => {
  it('the cdktf.out of our own stacks: every stack checked, none with a finding', async () => {
    const outdir = `${tmp.dir}/cdktf.out`;
    const app = new App({ outdir });
    buildApp(app, loadEnvironments());
    app.synth();
    const { code, doc } = await report([outdir]);
    const stacks = doc.inputs.map((i: { stack: string; kind: string }) => [i.kind, i.stack]).sort();
    expect(stacks).toEqual(loadEnvironments().map((env) => ['cdktf', `twinmaker-${env.name}`]).sort());
    expect(doc.inputs.every((i: { resources: number }) => i.resources > 0)).toBe(true);
    expect({ code, findings: doc.findings }).toEqual({ code: 0, findings: [] });
  });

  it('a hand-made cdk.tf.json with every shape cdktf writes is loaded and checked', async () => {
    const { doc } = await report([tmp.write('hand-made/cdk.tf.json', HAND_MADE)]);
    expect(doc.inputs).toEqual([expect.objectContaining({ kind: 'cdktf', stack: 'hand-made' })]);
    expect(doc.coverage.totalResources).toBeGreaterThanOrEqual(8);
    // Unevaluated count/for_each are one instance each, judged (here: unknown), not dropped.
    const addresses = doc.findings.map((f: { address: string }) => f.address);
    expect(addresses).toEqual(expect.arrayContaining(['aws_s3_bucket.many', 'aws_s3_bucket.each']));
  });
});
