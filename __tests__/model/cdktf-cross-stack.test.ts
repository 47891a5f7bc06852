/**
 * cdktf's cross-stack references: a resource of one stack used in another is read from the first
 * stack's state (`data.terraform_remote_state.cross-stack-reference-input-<stack>`), through an
 * output cdktf writes there. Checked together, the stacks of one app link through them: an SSE
 * configuration of the `security` stack is the `storage` stack's bucket's. Written as cdktf 0.21
 * synthesizes `bucket: b.id` across stacks.
 */
import * as fs from 'node:fs';
import { App, S3Backend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { check } from '../../checks/check';
import { parseConfig } from '../../checks/config';
import { parseCdktfDocument } from '../../checks/model/cdktf';
import { tempDir, twinguard, twinguardProcess } from '../cli/run';

const REMOTE = '${data.terraform_remote_state.cross-stack-reference-input-storage.outputs.cross-stack-output-aws_s3_bucketdataid}';

function app(consumerExtra: Record<string, unknown> = {}, options: { sseBucket?: string; dir?: string; scenario?: ReturnType<typeof tempDir> } = {}) {
  const scenario = options.scenario ?? tempDir();
  const at = options.dir ?? 'cdktf.out';
  const stack = (name: string, dependencies: string[]) => ({ name, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, dependencies });
  scenario.write(`${at}/manifest.json`, { version: '0.21.0', stacks: { storage: stack('storage', []), security: stack('security', ['storage']) } });
  const backend = (key: string) => ({ backend: { s3: { bucket: 'state', key, region: 'eu-west-1', encrypt: true } } });
  scenario.write(`${at}/stacks/storage/cdk.tf.json`, {
    '//': { metadata: { stackName: 'storage', version: '0.21.0' } },
    terraform: backend('storage'),
    resource: { aws_s3_bucket: { data: { bucket: 'xs-data-bucket' }, other: { bucket: 'xs-other-bucket' } } },
    output: {
      'cross-stack-output-aws_s3_bucketdataid': { sensitive: true, value: '${aws_s3_bucket.data.id}' },
      'cross-stack-output-aws_s3_bucketotherid': { sensitive: true, value: '${aws_s3_bucket.other.id}' },
    },
  });
  scenario.write(`${at}/stacks/security/cdk.tf.json`, {
    '//': { metadata: { stackName: 'security', version: '0.21.0' } },
    terraform: backend('security'),
    data: { terraform_remote_state: { 'cross-stack-reference-input-storage': { backend: 's3', config: { bucket: 'state', key: 'storage', region: 'eu-west-1' }, workspace: '${terraform.workspace}' } } },
    resource: {
      aws_s3_bucket_server_side_encryption_configuration: { sse: { bucket: options.sseBucket ?? REMOTE, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } },
      aws_s3_bucket: { local: { bucket: 'security-local' } },
      ...consumerExtra,
    },
  });
  return scenario;
}

const statuses = async (dir: string, ruleId: string): Promise<Record<string, string>> => {
  const { findings } = JSON.parse((await twinguard(['check', `${dir}/cdktf.out`, '--format', 'json'])).stdout);
  return Object.fromEntries(findings.filter((f: { ruleId: string }) => f.ruleId === ruleId).map((f: { address: string; status: string; input: string }) => [`${f.input.split('/').slice(-2, -1)[0]}:${f.address}`, f.status]));
};

describe('cdktf stacks checked together', () => {
  const scenario = app();
  afterAll(() => scenario.cleanup());

  it("an SSE configuration reading another stack's bucket through its cross-stack output is that bucket's; the reading stack's own buckets are not left undecided by it", async () => {
    // The storage bucket's encryption passes (left out of the report); the other two buckets have none (fail, not unknown).
    expect(await statuses(scenario.dir, 's3-bucket-default-encryption')).toEqual({ 'security:aws_s3_bucket.local': 'fail', 'storage:aws_s3_bucket.other': 'fail' });
  });

  it('one that may read either of two outputs leaves both buckets undetermined, as in one stack', async () => {
    const either = app({}, { sseBucket: '${element([data.terraform_remote_state.cross-stack-reference-input-storage.outputs.cross-stack-output-aws_s3_bucketdataid, data.terraform_remote_state.cross-stack-reference-input-storage.outputs.cross-stack-output-aws_s3_bucketotherid], 1)}' });
    try {
      expect(await statuses(either.dir, 's3-bucket-default-encryption')).toEqual({ 'security:aws_s3_bucket.local': 'unknown', 'storage:aws_s3_bucket.data': 'unknown', 'storage:aws_s3_bucket.other': 'unknown' });
    } finally {
      either.cleanup();
    }
  });

  it('two apps checked together, each with a stack of one name, are linked each within itself', async () => {
    const two = tempDir();
    try {
      app({}, { scenario: two, dir: 'one/cdktf.out' });
      // The second app's storage stack holds buckets no stack of its own configures.
      app({}, { scenario: two, dir: 'two/cdktf.out', sseBucket: 'elsewhere' });
      const { findings } = JSON.parse((await twinguard(['check', `${two.dir}/one/cdktf.out`, `${two.dir}/two/cdktf.out`, '--format', 'json'])).stdout);
      const failing = findings
        .filter((f: { ruleId: string; address: string }) => f.ruleId === 's3-bucket-default-encryption' && f.address === 'aws_s3_bucket.data')
        .map((f: { input: string; status: string }) => [f.input.split('/').slice(-5, -4)[0], f.status]);
      expect(failing).toEqual([['two', 'fail']]);
    } finally {
      two.cleanup();
    }
  });

  it('a stack checked alone cannot see the other: its bucket has no SSE configuration there (fail), the reading stack\'s SSE may be any bucket\'s (unknown)', async () => {
    const storage = await twinguard(['check', `${scenario.dir}/cdktf.out/stacks/storage/cdk.tf.json`, '--format', 'json']);
    expect(JSON.parse(storage.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption').map((f: { status: string }) => f.status)).toEqual(['fail', 'fail']);
    const security = await twinguard(['check', `${scenario.dir}/cdktf.out/stacks/security/cdk.tf.json`, '--format', 'json']);
    expect(JSON.parse(security.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption').map((f: { status: string }) => f.status)).toEqual(['unknown']);
  });
});

describe('an attribute that reads another stack\'s output whole', () => {
  /** Stack `sa` holds a bucket and a key; `sb` encrypts the bucket with the key and denies plain HTTP on its ARN, all through cross-stack outputs. */
  const output = (name: string) => `\${data.terraform_remote_state.cross-stack-reference-input-sa.outputs.cross-stack-output-${name}}`;
  function stacks(outputs: { karn?: string; barn?: string } = {}, consumerExtra: Record<string, unknown> = {}) {
    const backend = (key: string) => ({ backend: { s3: { bucket: 'state', key, region: 'eu-west-1', encrypt: true } } });
    const sa = {
      terraform: backend('sa'),
      resource: { aws_s3_bucket: { b: { bucket: 'xs-arn-bucket' } }, aws_kms_key: { k: { enable_key_rotation: true } } },
      output: {
        'cross-stack-output-aws_s3_bucketbid': { sensitive: true, value: '${aws_s3_bucket.b.id}' },
        'cross-stack-output-aws_s3_bucketbarn': { sensitive: true, value: outputs.barn ?? '${aws_s3_bucket.b.arn}' },
        'cross-stack-output-aws_kms_keykarn': { sensitive: true, value: outputs.karn ?? '${aws_kms_key.k.arn}' },
      },
    };
    const tls = (arn: string) => ({
      sid: 'TLS',
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [arn, `${arn}/*`],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    const sb = {
      terraform: backend('sb'),
      data: {
        terraform_remote_state: { 'cross-stack-reference-input-sa': { backend: 's3', config: { bucket: 'state', key: 'sa', region: 'eu-west-1' }, workspace: '${terraform.workspace}' } },
        aws_iam_policy_document: { doc: { statement: [tls(output('aws_s3_bucketbarn'))] }, own: { statement: [tls(output('aws_s3_bucketbarn'))] } },
      },
      resource: {
        aws_s3_bucket_server_side_encryption_configuration: {
          sse: { bucket: output('aws_s3_bucketbid'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: output('aws_kms_keykarn') } }] },
        },
        aws_s3_bucket_policy: { pol: { bucket: output('aws_s3_bucketbid'), policy: '${data.aws_iam_policy_document.doc.json}' } },
        ...consumerExtra,
      },
    };
    return [parseCdktfDocument(sa, 'cdktf.out/stacks/sa/cdk.tf.json', 'sa'), parseCdktfDocument(sb, 'cdktf.out/stacks/sb/cdk.tf.json', 'sb')];
  }
  const config = parseConfig('version: 1\nrequireKmsForAllBuckets: true\n', 'twinguard.config.yaml');
  /** Status by `stack:address` of the rule's findings (a pass is none). */
  const findingsOf = (inputs: ReturnType<typeof stacks>, ruleId: string): Record<string, string> =>
    Object.fromEntries(
      check(inputs, config, { today: '2026-01-01' })
        .report.findings.filter((f) => f.ruleId === ruleId)
        .map((f) => [`${f.input.split('/').slice(-2, -1)[0]}:${f.address}`, f.status]),
    );

  it("an SSE configuration's key of another stack (kms_master_key_id = k.arn) is that stack's customer-managed key", () => {
    expect(findingsOf(stacks(), 's3-bucket-sse-kms')).toEqual({});
  });

  it("a policy document's Resource naming another stack's bucket ARN (b.arn, `${b.arn}/*`) covers that bucket and its objects", () => {
    expect(findingsOf(stacks(), 's3-bucket-deny-insecure-transport')).toEqual({});
  });

  it('an output that computes something of the reference, not the reference whole, links nothing: unknown', () => {
    const computed = stacks({ karn: '${lower(aws_kms_key.k.arn)}', barn: '${aws_s3_bucket.b.arn}-x' });
    expect(findingsOf(computed, 's3-bucket-sse-kms')).toEqual({ 'sa:aws_s3_bucket.b': 'unknown' });
    expect(findingsOf(computed, 's3-bucket-deny-insecure-transport')).toEqual({ 'sa:aws_s3_bucket.b': 'unknown' });
  });

  it("another stack's bucket ARN does not cover a bucket of the same address in the reading stack", () => {
    // sb's own aws_s3_bucket.b, with a policy whose Resource is sa's aws_s3_bucket.b ARN: it is not this bucket's.
    const inputs = stacks(
      {},
      { aws_s3_bucket: { b: { bucket: 'xs-arn-bucket-sb' } }, aws_s3_bucket_policy: { pol: { bucket: output('aws_s3_bucketbid'), policy: '${data.aws_iam_policy_document.doc.json}' }, own: { bucket: '${aws_s3_bucket.b.id}', policy: '${data.aws_iam_policy_document.own.json}' } } },
    );
    expect(findingsOf(inputs, 's3-bucket-deny-insecure-transport')['sb:aws_s3_bucket.b']).toBe('unknown');
  });
});

describe("a satellite reading another stack's output that may not stand for the whole bucket", () => {
  /** Stack `storage` holds bucket b (`count` from `bucketCount`) and writes `bid` as `outputValue`; `security` configures SSE, public-access block and ownership through it. */
  function stacks(outputValue: string, bucketCount?: string) {
    const remote = '${data.terraform_remote_state.cross-stack-reference-input-storage.outputs.cross-stack-output-bid}';
    const storage = {
      variable: { on: { type: 'bool' }, n: { type: 'number' } },
      resource: { aws_s3_bucket: { b: { bucket: 'xs-b', ...(bucketCount === undefined ? {} : { count: bucketCount }) } } },
      output: { 'cross-stack-output-bid': { sensitive: true, value: outputValue } },
    };
    const security = {
      data: { terraform_remote_state: { 'cross-stack-reference-input-storage': { backend: 's3', config: { bucket: 'state', key: 'storage', region: 'eu-west-1' }, workspace: '${terraform.workspace}' } } },
      resource: {
        aws_s3_bucket_server_side_encryption_configuration: { sse: { bucket: remote, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } },
        aws_s3_bucket_public_access_block: { pab: { bucket: remote, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
        aws_s3_bucket_ownership_controls: { own: { bucket: remote, rule: [{ object_ownership: 'BucketOwnerEnforced' }] } },
      },
    };
    return [parseCdktfDocument(storage, 'cdktf.out/stacks/storage/cdk.tf.json', 'storage'), parseCdktfDocument(security, 'cdktf.out/stacks/security/cdk.tf.json', 'security')];
  }
  const RULES = ['s3-bucket-default-encryption', 's3-bucket-public-access-block', 's3-bucket-owner-enforced'];
  /** Status by rule of the bucket's findings among `RULES` (a pass is none). */
  const verdicts = (inputs: ReturnType<typeof stacks>): Record<string, string> =>
    Object.fromEntries(
      check(inputs, parseConfig('version: 1\n', 'twinguard.config.yaml'), { today: '2026-01-01' })
        .report.findings.filter((f) => RULES.includes(f.ruleId) && f.address === 'aws_s3_bucket.b')
        .map((f) => [f.ruleId, f.status]),
    );
  const allUnknown = Object.fromEntries(RULES.map((rule) => [rule, 'unknown']));

  it('the output written whole covers the bucket (control: all three pass)', () => {
    expect(verdicts(stacks('${aws_s3_bucket.b.id}'))).toEqual({});
  });

  it.each([['${aws_s3_bucket.b[0].id}'], ['${element(aws_s3_bucket.b[*].id, 0)}'], ['${aws_s3_bucket.b.*.id[0]}']])(
    'an output naming one instance of a bucket whose count is not known (%s) may cover that one only: unknown, as in one stack',
    (value) => {
      expect(verdicts(stacks(value, '${var.n}'))).toEqual(allUnknown);
    },
  );

  it('the message names the one instance the output names', () => {
    const { report } = check(stacks('${aws_s3_bucket.b[0].id}', '${var.n}'), parseConfig('version: 1\n', 'twinguard.config.yaml'), { today: '2026-01-01' });
    const sse = report.findings.find((f) => f.ruleId === 's3-bucket-default-encryption' && f.address === 'aws_s3_bucket.b');
    expect(sse?.message).toContain('names aws_s3_bucket.b[0], one instance of aws_s3_bucket.b, whose `count = var.n` has no known value');
  });

  it.each([['${var.on ? aws_s3_bucket.b.id : "elsewhere"}'], ['${replace(aws_s3_bucket.b.id, "-data", "-logs")}']])(
    'an output that computes something of the bucket (%s) may name another bucket: unknown, as in one stack',
    (value) => {
      expect(verdicts(stacks(value))).toEqual(allUnknown);
    },
  );
});

describe('the stacks of one app, whatever their input names', () => {
  const remote = '${data.terraform_remote_state.cross-stack-reference-input-NAME.outputs.cross-stack-output-bid}';
  /**
   * A bucket in stack `producer`, its encryption in stack `consumer` (through a reference to `reads`,
   * the producer's name by default): the files at `<dir>stacks/<stack>/cdk.tf.json`.
   */
  function stacks(dir: string, producer: string, consumer = 'security', reads = producer) {
    const storage = { resource: { aws_s3_bucket: { b: { bucket: 'xs-b' } } }, output: { 'cross-stack-output-bid': { sensitive: true, value: '${aws_s3_bucket.b.id}' } } };
    const security = {
      data: { terraform_remote_state: { [`cross-stack-reference-input-${reads}`]: { backend: 's3', config: { bucket: 'state', key: producer, region: 'eu-west-1' } } } },
      resource: { aws_s3_bucket_server_side_encryption_configuration: { sse: { bucket: remote.replace('NAME', reads), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } } },
    };
    return [parseCdktfDocument(storage, `${dir}stacks/${producer}/cdk.tf.json`, producer), parseCdktfDocument(security, `${dir}stacks/${consumer}/cdk.tf.json`, consumer)];
  }
  const encryption = (inputs: ReturnType<typeof stacks>): string[] =>
    check(inputs, parseConfig('version: 1\n', 'twinguard.config.yaml'), { today: '2026-01-01' })
      .report.findings.filter((f) => f.ruleId === 's3-bucket-default-encryption')
      .map((f) => `${f.input}:${f.address}:${f.status}`);

  it.each([
    ['checked inside cdktf.out (stacks/<stack>/cdk.tf.json)', ''],
    ['named from a relative directory', 'cdktf.out/'],
    ['named with ./', './'],
    ['named with backslashes', 'C:\\app\\cdktf.out\\'],
  ])('links the stacks %s: the bucket is encrypted by the other stack', (_, dir) => {
    expect(encryption(stacks(dir, 'storage'))).toEqual([]);
  });

  it('links a stack named `stacks` (cdktf.out/stacks/stacks/cdk.tf.json) with its neighbours', () => {
    expect(encryption(stacks('/app/cdktf.out/', 'stacks'))).toEqual([]);
    expect(encryption(stacks('', 'stacks'))).toEqual([]);
  });

  it('links a reference by construct path (grp--storage) to the stack whose path it is, and neither of two stacks it may name', () => {
    const [storage, security] = stacks('cdktf.out/', 'storage', 'security', 'grp--storage');
    const nested = { ...storage, stackPath: 'grp/storage' };
    expect(encryption([nested, security])).toEqual([]);
    // A stack named `grp--storage` at the root answers to that name too: the reference may be either's bucket.
    const [root] = stacks('cdktf.out/', 'grp--storage');
    expect(encryption([nested, root, security]).sort()).toEqual(['cdktf.out/stacks/grp--storage/cdk.tf.json:aws_s3_bucket.b:unknown', 'cdktf.out/stacks/storage/cdk.tf.json:aws_s3_bucket.b:unknown']);
  });

  it('does not link stacks of two output directories', () => {
    const [storage] = stacks('one/cdktf.out/', 'storage');
    const [, security] = stacks('two/cdktf.out/', 'storage');
    expect(encryption([storage, security])).toEqual(['one/cdktf.out/stacks/storage/cdk.tf.json:aws_s3_bucket.b:fail']);
  });
});

describe('stacks inside a construct, synthesized by cdktf', () => {
  /**
   * `cdktf synth` of a bucket in stack `data` and its encryption in stack `sat`, both inside
   * constructs of the ids `within`, each in the one before (at the app's root when none): cdktf names the reference after the
   * stack's construct path (`cross-stack-reference-input-grp--data`), its directory after its id (`stacks/data`).
   * With `hcl`, synthesized as `cdktf synth --hcl` does (SYNTH_HCL_OUTPUT=true): `stacks/<id>/cdk.tf`.
   */
  function synthesized(within: readonly string[], hcl = false) {
    const scenario = tempDir();
    // cdktf reads SYNTH_HCL_OUTPUT when the app and each stack are made.
    const before = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = String(hcl);
    try {
      const app = new App({ outdir: `${scenario.dir}/cdktf.out`, skipValidation: true });
      const scope = within.reduce<Construct>((parent, id) => new Construct(parent, id), app);
      const stack = (id: string) => {
        const s = new TerraformStack(scope, id);
        new AwsProvider(s, 'aws', { region: 'us-east-1' });
        new S3Backend(s, { bucket: 'state', key: id, region: 'us-east-1', encrypt: true });
        return s;
      };
      const bucket = new S3Bucket(stack('data'), 'b', { bucket: 'nested-data-bucket' });
      new S3BucketServerSideEncryptionConfigurationA(stack('sat'), 'sse', { bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
      app.synth();
    } finally {
      if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = before;
    }
    return scenario;
  }

  it.each([['inside a construct', ['grp']], ['inside constructs two deep (grp--team--data)', ['grp', 'team']], ['at the app root (control)', []]])(
    "`check cdktf.out` links them %s: the bucket is encrypted by the other stack's configuration",
    async (_, within) => {
      const scenario = synthesized(within);
      try {
        expect(await statuses(scenario.dir, 's3-bucket-default-encryption')).toEqual({});
      } finally {
        scenario.cleanup();
      }
    },
  );
  it('links them named as files (`check …/stacks/data/cdk.tf.json …/stacks/sat/cdk.tf.json`), the construct path read from the manifest beside them', async () => {
    const scenario = synthesized(['grp']);
    try {
      const files = ['data', 'sat'].map((id) => `${scenario.dir}/cdktf.out/stacks/${id}/cdk.tf.json`);
      const { findings } = JSON.parse((await twinguard(['check', ...files, '--format', 'json'])).stdout);
      expect(findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption')).toEqual([]);
    } finally {
      scenario.cleanup();
    }
  });

  it.each([
    ['one absolute and one relative', (dir: string) => [`${dir}/cdktf.out/stacks/data`, 'cdktf.out/stacks/sat']],
    ['one relative and one absolute, as files', (dir: string) => ['cdktf.out/stacks/data/cdk.tf.json', `${dir}/cdktf.out/stacks/sat/cdk.tf.json`]],
    ['one through a symbolic link to the cdktf.out', () => ['linked-out/stacks/data', 'cdktf.out/stacks/sat']],
    ['one through a symbolic link to its stack directory', () => ['linked-data', 'cdktf.out/stacks/sat']],
    ['with ./, a trailing slash and cdktf.out/../cdktf.out (controls: linked before)', () => ['./cdktf.out/stacks/data', 'cdktf.out/../cdktf.out/stacks/sat/']],
  ])('links the stacks of one cdktf.out named %s (the bucket failed as if nothing encrypted it), findings naming each input as typed', (_, inputs) => {
    const scenario = synthesized(['grp']);
    try {
      fs.symlinkSync(`${scenario.dir}/cdktf.out`, `${scenario.dir}/linked-out`);
      fs.symlinkSync(`${scenario.dir}/cdktf.out/stacks/data`, `${scenario.dir}/linked-data`);
      const named = inputs(scenario.dir);
      const run = twinguardProcess(['check', ...named, '--format', 'json'], { cwd: scenario.dir });
      expect(run.stderr).toBe('');
      const { findings } = JSON.parse(run.stdout);
      expect(findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption')).toEqual([]);
      // The bucket is read (its public-access block, in no stack, fails), in the data stack as the user named it.
      const dataStack = named[0].endsWith('.json') ? named[0] : `${named[0].replace(/\/$/, '')}/cdk.tf.json`;
      expect(findings.filter((f: { address: string; ruleId: string }) => f.address === 'aws_s3_bucket.b' && f.ruleId === 's3-bucket-public-access-block').map((f: { input: string; status: string }) => `${f.input}:${f.status}`)).toEqual([
        `${dataStack.replace(/^\.\//, '')}:fail`,
      ]);
    } finally {
      scenario.cleanup();
    }
  });

  it.each([
    ['the project and its cdktf.out', false, (dir: string) => [dir, `${dir}/cdktf.out`]],
    ['the cdktf.out twice', false, (dir: string) => [`${dir}/cdktf.out`, `${dir}/cdktf.out`]],
    ['the cdktf.out and a stack of it, relative', false, (dir: string) => [`${dir}/cdktf.out`, 'cdktf.out/stacks/data']],
    ["a stack's cdk.tf.json and its directory", false, (dir: string) => [`${dir}/cdktf.out/stacks/data/cdk.tf.json`, `${dir}/cdktf.out/stacks/data/`, `${dir}/cdktf.out/stacks/sat`]],
    ["synthesized as HCL, the cdktf.out, a stack's cdk.tf and a stack's directory", true, (dir: string) => [`${dir}/cdktf.out`, `${dir}/cdktf.out/stacks/data/cdk.tf`, 'cdktf.out/stacks/sat']],
  ])('reads a stack named twice (%s) once, by the name first given: the report is that of `check cdktf.out` (read twice, the bucket was unknown, two stacks answering to one name)', (_, hcl, inputs) => {
    const scenario = synthesized(['grp'], hcl);
    try {
      scenario.write('cdktf.json', { language: 'typescript', app: 'npx ts-node main.ts' });
      const report = (args: readonly string[]) => {
        const run = twinguardProcess(['check', ...args, '--format', 'json'], { cwd: scenario.dir });
        expect(run.stderr).toBe('');
        return JSON.parse(run.stdout);
      };
      const once = report([`${scenario.dir}/cdktf.out`]);
      expect(once.findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption')).toEqual([]);
      expect(report(inputs(scenario.dir))).toEqual(once);
    } finally {
      scenario.cleanup();
    }
  });

  it('links the stacks of one cdktf.out synthesized as HCL named one absolute and one relative', () => {
    const scenario = synthesized(['grp'], true);
    try {
      const run = twinguardProcess(['check', `${scenario.dir}/cdktf.out/stacks/data`, 'cdktf.out/stacks/sat', '--format', 'json'], { cwd: scenario.dir });
      expect(run.stderr).toBe('');
      const { findings } = JSON.parse(run.stdout);
      expect(findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption')).toEqual([]);
      expect(findings.filter((f: { address: string }) => f.address === 'aws_s3_bucket.b').map((f: { ruleId: string; status: string; input: string }) => `${f.input}:${f.ruleId}:${f.status}`)).toContain(
        `${scenario.dir}/cdktf.out/stacks/data/cdk.tf:s3-bucket-public-access-block:fail`,
      );
    } finally {
      scenario.cleanup();
    }
  });

  it.each([
    ['the copied tree', (dir: string) => [`${dir}/cdktf.out`]],
    ['its files named one by one', (dir: string) => ['data', 'sat'].map((id) => `${dir}/cdktf.out/stacks/${id}/cdk.tf.json`)],
  ])('without the manifest.json (a copied stacks/<name>/cdk.tf.json tree), %s is refused in one line saying the reference cannot be followed (the bucket failed as if nothing encrypted it)', async (_, inputs) => {
    const scenario = synthesized(['grp']);
    try {
      fs.rmSync(`${scenario.dir}/cdktf.out/manifest.json`);
      const run = await twinguard(['check', ...inputs(scenario.dir), '--format', 'json']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `twinguard: ${scenario.dir}/cdktf.out/stacks/sat/cdk.tf.json: reads stack "grp--data" by a cross-stack reference, which may be stack "data" (${scenario.dir}/cdktf.out/stacks/data/cdk.tf.json) inside a construct: no manifest.json gives its construct path, so the reference cannot be followed (check the stacks with the cdktf.out/manifest.json cdktf wrote beside them)\n`,
      );
    } finally {
      scenario.cleanup();
    }
  });

  it.each([
    ['inside a construct (grp--data)', ['grp'], 'grp--data'],
    ['at the app root', [], 'data'],
  ])('synthesized as HCL and copied without the manifest.json, the stack directories named one by one %s are refused in one line saying the reference cannot be followed (read as .tf directories, the bucket failed: no SSE points at this bucket)', async (_, within, read) => {
    const scenario = synthesized(within, true);
    try {
      fs.rmSync(`${scenario.dir}/cdktf.out/manifest.json`);
      const run = await twinguard(['check', `${scenario.dir}/cdktf.out/stacks/data`, `${scenario.dir}/cdktf.out/stacks/sat/`, '--format', 'json']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `twinguard: ${scenario.dir}/cdktf.out/stacks/sat/: reads stack "${read}" by a cross-stack reference, which may be stack "data" (${scenario.dir}/cdktf.out/stacks/data): no manifest.json lists these stacks synthesized as HCL (cdktf synth --hcl), read as directories of .tf files, so the reference cannot be followed (check the stacks with the cdktf.out/manifest.json cdktf wrote beside them)\n`,
      );
      // Control: the reading stack named alone is judged alone, as a JSON stack is (the stack it reads is not checked).
      expect((await twinguard(['check', `${scenario.dir}/cdktf.out/stacks/sat`, '--format', 'json'])).stderr).toBe('');
    } finally {
      scenario.cleanup();
    }
  });

  it('synthesized as HCL and copied without the manifest.json, `check cdktf.out` and `check <project>` are refused in one line saying manifest.json is missing (it said "nothing to check")', async () => {
    const scenario = synthesized(['grp'], true);
    try {
      fs.rmSync(`${scenario.dir}/cdktf.out/manifest.json`);
      scenario.write('cdktf.json', { language: 'typescript', app: 'npx ts-node main.ts' });
      for (const input of [`${scenario.dir}/cdktf.out`, scenario.dir]) {
        const run = await twinguard(['check', input, '--format', 'json']);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(
          `twinguard: ${scenario.dir}/cdktf.out: no manifest.json: its stacks synthesized as HCL (stacks/data/cdk.tf and 1 more) are read only with the manifest cdktf wrote beside them, which names them and the construct paths their cross-stack references read them by (check the cdktf.out as cdktf wrote it)\n`,
        );
      }
    } finally {
      scenario.cleanup();
    }
  });

  it('a cdktf.out of JSON stacks without the manifest.json that also holds a stack synthesized as HCL is refused, naming it (that stack was left unread)', async () => {
    const json = synthesized([]);
    const hcl = synthesized([], true);
    try {
      fs.rmSync(`${json.dir}/cdktf.out/manifest.json`);
      fs.cpSync(`${hcl.dir}/cdktf.out/stacks/data`, `${json.dir}/cdktf.out/stacks/extra`, { recursive: true });
      const run = await twinguard(['check', `${json.dir}/cdktf.out`, '--format', 'json']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `twinguard: ${json.dir}/cdktf.out: no manifest.json: its stacks synthesized as HCL (stacks/extra/cdk.tf) are read only with the manifest cdktf wrote beside them, which names them and the construct paths their cross-stack references read them by (check the cdktf.out as cdktf wrote it)\n`,
      );
    } finally {
      json.cleanup();
      hcl.cleanup();
    }
  });

  it('without the manifest.json, stacks at the app root are linked by their names, and a stack named alone is judged alone (controls)', async () => {
    const root = synthesized([]);
    const nested = synthesized(['grp']);
    try {
      fs.rmSync(`${root.dir}/cdktf.out/manifest.json`);
      fs.rmSync(`${nested.dir}/cdktf.out/manifest.json`);
      expect(await statuses(root.dir, 's3-bucket-default-encryption')).toEqual({});
      const alone = await twinguard(['check', `${nested.dir}/cdktf.out/stacks/data/cdk.tf.json`, '--format', 'json']);
      expect(JSON.parse(alone.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption').map((f: { status: string }) => f.status)).toEqual(['fail']);
    } finally {
      root.cleanup();
      nested.cleanup();
    }
  });

  it.each([
    ['their directories', ''],
    ['their cdk.tf files', '/cdk.tf'],
  ])('synthesized as HCL inside a construct, the stacks named one by one (%s) link as `check cdktf.out` links them, and only those named are judged', async (_, file) => {
    const scenario = synthesized(['grp'], true);
    try {
      const named = (ids: readonly string[]) => ids.map((id) => `${scenario.dir}/cdktf.out/stacks/${id}${file}`);
      const both = await twinguard(['check', ...named(['data', 'sat']), '--format', 'json']);
      expect(both.stderr).toBe('');
      const { findings } = JSON.parse(both.stdout);
      // Read as the stack (its findings name its cdk.tf) and linked: the other stack's configuration encrypts the bucket.
      expect(findings.filter((f: { address: string }) => f.address === 'aws_s3_bucket.b').map((f: { ruleId: string; status: string; input: string }) => `${f.input}:${f.ruleId}:${f.status}`)).toContain(
        `${scenario.dir}/cdktf.out/stacks/data/cdk.tf:s3-bucket-public-access-block:fail`,
      );
      expect(findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption')).toEqual([]);
      // The data stack named alone: the other stack is not read, so nothing encrypts the bucket.
      const alone = JSON.parse((await twinguard(['check', ...named(['data']), '--format', 'json'])).stdout);
      expect(alone.findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption').map((f: { address: string; status: string }) => `${f.address}:${f.status}`)).toEqual(['aws_s3_bucket.b:fail']);
    } finally {
      scenario.cleanup();
    }
  });

  it.each([['at the app root', []], ['inside a construct (grp--data)', ['grp']], ['inside constructs two deep (grp--team--data)', ['grp', 'team']]])(
    'synthesized as HCL (cdktf synth --hcl), `check cdktf.out` and `check <project>` link them %s as they link JSON stacks',
    async (_, within) => {
      const scenario = synthesized(within, true);
      try {
        expect(fs.existsSync(`${scenario.dir}/cdktf.out/stacks/data/cdk.tf`)).toBe(true);
        scenario.write('cdktf.json', { language: 'typescript', app: 'npx ts-node main.ts' });
        for (const input of [`${scenario.dir}/cdktf.out`, scenario.dir]) {
          const { findings } = JSON.parse((await twinguard(['check', input, '--format', 'json'])).stdout);
          // Read (the bucket is judged: its public-access block, in no stack, fails) and linked (its encryption passes).
          expect(findings.filter((f: { address: string }) => f.address === 'aws_s3_bucket.b').map((f: { ruleId: string; status: string }) => `${f.ruleId}:${f.status}`)).toContain('s3-bucket-public-access-block:fail');
          expect(findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption')).toEqual([]);
        }
      } finally {
        scenario.cleanup();
      }
    },
  );
});
