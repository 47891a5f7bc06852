/**
 * Local modules of cdktf output. cdktf copies a `TerraformHclModule` with a local source to
 * `assets/__cdktf_module_asset_<id>/<hash>/<name>` beside the stack's cdk.tf.json and points the
 * module call there. twinguard reads it as the HCL loader reads a local module, so its resources
 * are checked under their module addresses; before, they were left out (and, until the coverage
 * listed them, unseen).
 */
import { loadInputs } from '../../checks/model/load';
import { loadCdktf } from '../../checks/model/cdktf';
import { tempDir, twinguard } from '../cli/run';

const ASSET = './assets/__cdktf_module_asset_26CE565C/3B662577168AEE3844EE70D2853CDA26/storage';

/** A cdktf.out with one stack calling the local module `storage` (count 2) and a registry module. */
function project(options: { withAsset: boolean }) {
  const scenario = tempDir();
  scenario.write('cdktf.out/manifest.json', { version: '0.21.0', stacks: { dev: { name: 'dev', synthesizedStackPath: 'stacks/dev/cdk.tf.json' } } });
  scenario.write('cdktf.out/stacks/dev/cdk.tf.json', {
    '//': { metadata: { stackName: 'dev', version: '0.21.0' } },
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { Environment: 'dev', Owner: 'team', DataClassification: 'internal' } }] }] },
    module: {
      storage: { source: ASSET, count: 2, bucket_name: 'data-${count.index}' },
      vpc: { source: 'terraform-aws-modules/vpc/aws', version: '5.0.0' },
    },
  });
  if (options.withAsset) {
    scenario.write(
      `cdktf.out/stacks/dev/${ASSET.slice(2)}/main.tf`,
      'variable "bucket_name" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.bucket_name\n}\n',
    );
  }
  return scenario;
}

describe('cdktf local modules', () => {
  const scenario = project({ withAsset: true });
  afterAll(() => scenario.cleanup());

  it('reads the module from the stack directory, one set of resources per instance', async () => {
    const [input] = await loadInputs([`${scenario.dir}/cdktf.out`]);
    expect(input.resources.map((r) => r.address).sort()).toEqual(['module.storage[0].aws_s3_bucket.b', 'module.storage[1].aws_s3_bucket.b']);
    expect(input.moduleCalls.map((c) => [c.name, c.notLoaded === undefined])).toEqual([
      ['storage', true],
      ['vpc', false],
    ]);
  });

  it('checks its resources: the module bucket without encryption fails, on its module address', async () => {
    const run = await twinguard(['check', `${scenario.dir}/cdktf.out`, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    const encryption = report.findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption').map((f: { address: string }) => f.address);
    expect(encryption).toEqual(['module.storage[0].aws_s3_bucket.b', 'module.storage[1].aws_s3_bucket.b']);
    expect(report.coverage.notLoadedModules.map((m: { module: string }) => m.module)).toEqual(['module.vpc']);
    expect(run.code).toBe(1);
  });

  it('loadCdktf alone (the synth-time path has no files) lists the local module as not loaded', async () => {
    const [input] = await loadCdktf(`${scenario.dir}/cdktf.out`);
    expect(input.resources).toEqual([]);
    expect(input.moduleCalls.find((c) => c.name === 'storage')?.notLoaded).toMatch(/local module source .* is not loaded from cdktf output/);
  });
});

describe('a cdktf local module whose asset directory is missing', () => {
  const scenario = project({ withAsset: false });
  afterAll(() => scenario.cleanup());

  it('is refused with exit 2 and a line naming the stack and the module, never a pass', async () => {
    const run = await twinguard(['check', `${scenario.dir}/cdktf.out`]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cdk\.tf\.json: module "storage": local source \.\/assets\/.* not found$/)]);
  });
});

// HashiCorp's pattern: a TerraformHclModule's output (`module.getString('bucket')`) names the bucket a trail writes to.
describe("a cdktf stack naming a local module's output", () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());
  scenario.write('cdktf.out/manifest.json', { version: '0.21.0', stacks: { s: { name: 's', synthesizedStackPath: 'stacks/s/cdk.tf.json' } } });
  scenario.write('cdktf.out/stacks/s/cdk.tf.json', {
    '//': { metadata: { stackName: 's', version: '0.21.0' } },
    provider: { aws: [{ region: 'eu-west-1' }] },
    variable: { trail_name: { type: 'string', default: 'audit' } },
    module: { logs: { source: ASSET, bucket_name: 'trail-logs' } },
    resource: {
      aws_cloudtrail: { t: { name: '${var.trail_name}', s3_bucket_name: '${module.logs.bucket}', is_multi_region_trail: true, enable_log_file_validation: true } },
    },
  });
  scenario.write(`cdktf.out/stacks/s/${ASSET.slice(2)}/main.tf`, 'variable "bucket_name" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.bucket_name\n}\noutput "bucket" {\n  value = aws_s3_bucket.b.bucket\n}\n');

  it('evaluates the output in the module, and the stack variable from its default, as the HCL loader does', async () => {
    const [input] = await loadInputs([`${scenario.dir}/cdktf.out`]);
    expect(input.resources.find((r) => r.address === 'aws_cloudtrail.t')?.after).toEqual(expect.objectContaining({ name: 'audit', s3_bucket_name: 'trail-logs' }));
    // The trail's bucket is known: the module's bucket is judged as a trail bucket (no SSE-KMS: fail, not unknown).
    const { findings } = JSON.parse((await twinguard(['check', `${scenario.dir}/cdktf.out`, '--format', 'json'])).stdout);
    expect(findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-sse-kms').map((f: { address: string; status: string }) => [f.address, f.status])).toEqual([['module.logs.aws_s3_bucket.b', 'fail']]);
  });

  it('a variable the environment sets (TF_VAR_) is unknown', async () => {
    const [input] = await loadInputs([`${scenario.dir}/cdktf.out`], undefined, { TF_VAR_trail_name: 'other' });
    expect(input.resources.find((r) => r.address === 'aws_cloudtrail.t')?.afterUnknown).toEqual(expect.objectContaining({ name: true }));
  });
});
