/**
 * The synth-time gate: `app.synth()` (what `cdktf synth` and `cdktf deploy` run) fails on a stack
 * that breaks a rule, with the rule id, address, construct path and message, and passes on ours.
 * Waivers and settings come from the configuration file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Aspects, Fn, type IAspect, S3Backend, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { loadEnvironments } from '../../config/environments';
import { addTwinguardValidation, blockingMessages, checkSynthesized, stackInputName, TwinguardValidation } from '../../checks/synth/validation';
import { type Coverage, type Report, strictItems } from '../../checks/report';
import { ALL_RULES } from '../../checks/rules/index';
import { defineRule, pass, type RuleDefinition } from '../../checks/rules/types';
import { buildApp } from '../../stacks/twinmaker-stack';
import { twinguard } from '../cli/run';
import { inDays } from '../helpers/dates';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-synth-'));
  dirs.push(dir);
  return dir;
};

/** A stack with one bucket and nothing else: no encryption, no policy, no tags. */
function brokenApp(build?: (stack: TerraformStack) => void): App {
  const app = new App({ outdir: tempDir() });
  const stack = new TerraformStack(app, 'broken');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new S3Bucket(stack, 'data', { bucket: 'my-data' });
  build?.(stack);
  return app;
}

/** The error `app.synth()` throws, or undefined when it passes. */
function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const ourApp = (cwd: string) => {
  const app = new App({ outdir: tempDir() });
  const stacks = buildApp(app, loadEnvironments(), { validations: (stack) => [new TwinguardValidation(stack, { cwd })] });
  return { app, stacks };
};

describe('a deliberately broken stack', () => {
  it('fails app.synth() with each blocking finding: rule id, address, construct path', () => {
    const app = brokenApp();
    addTwinguardValidation(app, { cwd: tempDir() });
    const message = synthError(app);
    expect(message).toMatch(/\[broken\] twinguard s3-bucket-default-encryption \(high\): aws_s3_bucket\.data \(broken\/data\): .*no aws_s3_bucket_server_side_encryption_configuration/);
    expect(message).toMatch(/twinguard required-tags .*aws_s3_bucket\.data \(broken\/data\)/);
  });

  it('writes nothing to cdktf.out when the check fails (terraform never sees it)', () => {
    const app = brokenApp();
    addTwinguardValidation(app, { cwd: tempDir() });
    synthError(app);
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'broken', 'cdk.tf.json'))).toBe(false);
  });

  it('called on the app before its stacks exist, still fails app.synth() on a stack created after it', () => {
    const app = new App({ outdir: tempDir() });
    addTwinguardValidation(app, { cwd: tempDir() });
    const stack = new TerraformStack(app, 'late');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new S3Bucket(stack, 'data', { bucket: 'my-data' });
    const message = synthError(app) ?? '';
    expect(message).toMatch(/\[late\] twinguard s3-bucket-default-encryption \(high\): aws_s3_bucket\.data \(late\/data\)/);
    // Not written: the manifest `cdktf deploy` reads.
    expect(fs.existsSync(path.join(app.outdir, 'manifest.json'))).toBe(false);
  });

  it('called twice on the app before its stacks exist, reports a later stack\'s findings once', () => {
    const app = new App({ outdir: tempDir() });
    const cwd = tempDir();
    addTwinguardValidation(app, { cwd });
    addTwinguardValidation(app, { cwd });
    const stack = new TerraformStack(app, 'late');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new S3Bucket(stack, 'data', { bucket: 'my-data' });
    expect((synthError(app) ?? '').match(/twinguard s3-bucket-default-encryption/g)).toHaveLength(1);
  });

  it('passes when the configuration waives every finding, and blocks again once the waiver expired', () => {
    const waiverFor = (expires: string) =>
      [
        'rules:',
        '  disable: [required-tags, s3-bucket-deny-insecure-transport, s3-bucket-owner-enforced, s3-bucket-public-access-block, s3-bucket-access-logging, terraform-state-encrypted]',
        'waivers:',
        '  - rule: s3-bucket-default-encryption',
        '    address: aws_s3_bucket.data',
        '    reason: scratch bucket of the load test, holds no data',
        '    owner: platform-engineering',
        `    expires: "${expires}"`,
      ].join('\n');
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), waiverFor('2026-06-30'));
    const waived = brokenApp();
    addTwinguardValidation(waived, { cwd, today: '2026-01-01' });
    expect(synthError(waived)).toBeUndefined();

    const expired = brokenApp();
    addTwinguardValidation(expired, { cwd, today: '2026-07-01' });
    const message = synthError(expired);
    expect(message).toMatch(/twinguard s3-bucket-default-encryption .*aws_s3_bucket\.data/);
    expect(message).toMatch(/twinguard waiver for s3-bucket-default-encryption on aws_s3_bucket\.data: waiver #1 expired on 2026-06-30/);
  });

  it('names an app synthesized as HCL by the file cdktf writes (cdk.tf), so a waiver\'s input glob matches as in twinguard check', () => {
    const cwd = tempDir();
    const config = [
      'rules:',
      '  disable: [required-tags, s3-bucket-deny-insecure-transport, s3-bucket-owner-enforced, s3-bucket-public-access-block, s3-bucket-access-logging, terraform-state-encrypted]',
      'waivers:',
      '  - rule: s3-bucket-default-encryption',
      '    address: aws_s3_bucket.data',
      '    input: cdktf.out/stacks/broken/cdk.tf',
      '    reason: scratch bucket of the load test, holds no data',
      '    owner: platform-engineering',
      '    expires: "2026-06-30"',
    ].join('\n');
    fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), config);
    const appOf = (hclOutput: boolean): App => {
      const app = new App({ outdir: tempDir(), hclOutput });
      const stack = new TerraformStack(app, 'broken');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new S3Bucket(stack, 'data', { bucket: 'my-data' });
      addTwinguardValidation(app, { cwd, today: '2026-01-01' });
      return app;
    };
    // cdktf lets SYNTH_HCL_OUTPUT (what `cdktf synth --hcl` sets) override the app's option.
    const outer = process.env.SYNTH_HCL_OUTPUT;
    delete process.env.SYNTH_HCL_OUTPUT;
    try {
      expect(synthError(appOf(true))).toBeUndefined();
      // The JSON app writes cdk.tf.json, which the waiver does not name.
      expect(synthError(appOf(false))).toMatch(/twinguard s3-bucket-default-encryption .*aws_s3_bucket\.data/);
    } finally {
      if (outer !== undefined) process.env.SYNTH_HCL_OUTPUT = outer;
    }
  });

  it('a bad configuration file fails synth closed, in one line naming the file and the field', () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), 'requiredTags: 3\n');
    const app = new App({ outdir: tempDir() });
    const stack = new TerraformStack(app, 'fine');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    addTwinguardValidation(stack, { cwd });
    expect(synthError(app)).toMatch(/\[fine\] twinguard could not check this stack: twinguard\.config\.yaml: requiredTags: [^\n]+\n/);
  });

  it('never prints a secret the rules detected', () => {
    const secret = 'AKIAIOSFODNN7EXAMPLE';
    const email = 'jane.doe@example.com';
    const app = brokenApp((stack) => new S3Bucket(stack, 'tagged', { bucket: 'tagged', tags: { Contact: email, Key: secret } }));
    addTwinguardValidation(app, { cwd: tempDir() });
    const message = synthError(app) ?? '';
    expect(message).toMatch(/twinguard no-sensitive-data-in-tags .*aws_s3_bucket\.tagged/);
    expect(message).not.toContain(secret);
    expect(message).not.toContain(email);
  });
});

describe('our stacks', () => {
  it('pass the synth-time gate in every environment (the same rules as twinguard check)', () => {
    const { app, stacks } = ourApp(tempDir());
    expect(synthError(app)).toBeUndefined();
    for (const stack of stacks) expect(fs.existsSync(path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'))).toBe(true);
  });

  it('a mutation of the compliant construct (key rotation turned off) fails synth at its construct path', () => {
    const { app, stacks } = ourApp(tempDir());
    stacks[0].workspace.key.addOverride('enable_key_rotation', false);
    const message = synthError(app);
    expect(message).toMatch(new RegExp(`twinguard kms-key-rotation \\(\\w+\\): aws_kms_key\\.\\S+ \\(${stacks[0].workspace.key.node.path}\\)`));
    expect(message).not.toMatch(/\[twinmaker-(staging|prod)\]/);
  });

  // An imported object keeps what AWS has for the attributes its lifecycle ignores: those are unknown, the others judged.
  it('importing the key with `ignoreChanges: [\'tags\']` synthesizes, its tags waived (a483a71 refused the stack)', () => {
    const build = (cwd: string) => {
      const { app, stacks } = ourApp(cwd);
      stacks[0].workspace.key.importFrom('1234abcd-12ab-34cd-56ef-1234567890ab');
      stacks[0].workspace.key.lifecycle = { ignoreChanges: ['tags'] };
      return { app, key: stacks[0].workspace.key };
    };
    // Its tags are what AWS holds: tag-limits cannot vouch for them (blocking, waivable per resource); every other rule passes.
    const unwaived = build(tempDir());
    const address = `aws_kms_key.${unwaived.key.friendlyUniqueId}`;
    expect(synthError(unwaived.app)?.match(/twinguard [\w-]+ \(\w+\): \S+/g)).toEqual([`twinguard tag-limits (low): ${address}`]);
    const cwd = tempDir();
    const waiver = ['version: 1', 'waivers:', '  - rule: tag-limits', `    address: ${address}`, '    reason: imported key, tags kept as in AWS', '    owner: platform', '    expires: "2027-06-30"'];
    fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), waiver.join('\n'));
    expect(synthError(build(cwd).app)).toBeUndefined();
  });

  it('importing the key with `ignoreChanges: [\'enable_key_rotation\']` fails synth: its rotation cannot be verified', () => {
    const { app, stacks } = ourApp(tempDir());
    stacks[0].workspace.key.importFrom('1234abcd-12ab-34cd-56ef-1234567890ab');
    stacks[0].workspace.key.lifecycle = { ignoreChanges: ['enable_key_rotation'] };
    const message = synthError(app);
    expect(message).toMatch(new RegExp(`twinguard kms-key-rotation \\(\\w+\\): aws_kms_key\\.\\S+ \\(${stacks[0].workspace.key.node.path}\\): \`enable_key_rotation\` is what AWS holds, not what the code writes: an \`import\` block brings this resource in`));
    expect(message).not.toMatch(/required-tags/);
  });
});

describe('an app of two stacks linked by cross-stack references', () => {
  /** Provider with the required tags and an encrypted backend: all a stack needs besides its buckets. */
  const base = (stack: TerraformStack) => {
    new AwsProvider(stack, 'aws', { region: 'us-east-1', defaultTags: [{ tags: { Environment: 'dev', Owner: 'team' } }] });
    new S3Backend(stack, { bucket: 'state', key: stack.node.id, region: 'us-east-1', encrypt: true });
  };
  /**
   * The bucket in stack `sa`; its encryption, public-access block, ownership and TLS policy in `sb`,
   * through cdktf cross-stack references (`withoutEncryption` leaves the encryption out).
   */
  function splitApp(options: { withoutEncryption?: boolean; aspectOnSb?: IAspect; bucketStack?: string; within?: string } = {}): App {
    const app = new App({ outdir: tempDir() });
    // `within`: both stacks inside a construct of that id, not at the app's root.
    const scope: Construct = options.within === undefined ? app : new Construct(app, options.within);
    const sa = new TerraformStack(scope, options.bucketStack ?? 'sa');
    base(sa);
    const bucket = new S3Bucket(sa, 'b', { bucket: 'split-bucket' });
    const sb = new TerraformStack(scope, 'sb');
    base(sb);
    if (!options.withoutEncryption) new S3BucketServerSideEncryptionConfigurationA(sb, 'sse', { bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
    new S3BucketPublicAccessBlock(sb, 'pab', { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketOwnershipControls(sb, 'own', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const tls = { Sid: 'TLS', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::split-bucket', 'arn:aws:s3:::split-bucket/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    new S3BucketPolicy(sb, 'pol', { bucket: bucket.id, policy: JSON.stringify({ Version: '2012-10-17', Statement: [tls] }) });
    if (options.aspectOnSb) Aspects.of(sb).add(options.aspectOnSb);
    return app;
  }
  const configured = (): string => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), 'version: 1\nrequiredTags: [Environment, Owner]\n');
    return cwd;
  };

  it('passes synth when the other stack holds the bucket\'s encryption, public-access block, ownership and TLS policy', () => {
    const app = splitApp();
    addTwinguardValidation(app, { cwd: configured() });
    expect(synthError(app)).toBeUndefined();
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'sb', 'cdk.tf.json'))).toBe(true);
  });

  it('links a stack named `stacks` as any other (its input, cdktf.out/stacks/stacks/cdk.tf.json, is of the same app)', () => {
    const app = splitApp({ bucketStack: 'stacks' });
    addTwinguardValidation(app, { cwd: configured() });
    expect(synthError(app)).toBeUndefined();
  });

  it('links stacks inside a construct, which cdktf references by construct path (cross-stack-reference-input-grp--sa)', () => {
    const app = splitApp({ within: 'grp' });
    addTwinguardValidation(app, { cwd: configured() });
    expect(synthError(app)).toBeUndefined();
    const sb = fs.readFileSync(path.join(app.outdir, 'stacks', 'sb', 'cdk.tf.json'), 'utf8');
    expect(sb).toContain('cross-stack-reference-input-grp--sa');
  });

  it('reports a finding the other stack causes on the bucket\'s own stack inside a construct too', () => {
    const app = splitApp({ within: 'grp', withoutEncryption: true });
    addTwinguardValidation(app, { cwd: configured() });
    const message = synthError(app) ?? '';
    expect(message).toMatch(/\[grp\/sa\] twinguard s3-bucket-default-encryption \(high\): aws_s3_bucket\.b \(grp\/sa\/b\)/);
    expect(message.match(/twinguard /g)).toHaveLength(1);
  });

  it('reports a finding the other stack causes on the bucket\'s own stack, and that one only', () => {
    const app = splitApp({ withoutEncryption: true });
    addTwinguardValidation(app, { cwd: configured() });
    const message = synthError(app) ?? '';
    expect(message).toMatch(/\[sa\] twinguard s3-bucket-default-encryption \(high\): aws_s3_bucket\.b \(sa\/b\)/);
    expect(message.match(/twinguard /g)).toHaveLength(1);
  });

  it('reports an expired waiver on the stack whose finding it matches, and one that matches nothing on every stack', () => {
    const cwd = tempDir();
    const waiver = (rule: string, address: string) => [`  - rule: ${rule}`, `    address: ${address}`, '    reason: scratch bucket', '    owner: platform', '    expires: "2026-06-30"'];
    const config = ['version: 1', 'requiredTags: [Environment, Owner]', 'waivers:', ...waiver('s3-bucket-default-encryption', 'aws_s3_bucket.b'), ...waiver('kms-key-rotation', 'aws_kms_key.gone')];
    fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), config.join('\n'));
    // Each stack's validation as cdktf runs it, after a synth has linked the stacks (with the gate, synth stops at
    // the first stack that fails: sa, the bucket's).
    const app = splitApp({ withoutEncryption: true });
    expect(synthError(app)).toBeUndefined();
    const [sa, sb] = ['sa', 'sb'].map((id) => app.node.findChild(id) as TerraformStack);
    expect(sb.dependencies).toContain(sa);
    const waiverLines = (stack: TerraformStack) => new TwinguardValidation(stack, { cwd, today: '2026-07-01' }).validate().filter((line) => line.startsWith('twinguard waiver'));
    expect(waiverLines(sa)).toEqual([
      expect.stringMatching(/^twinguard waiver for kms-key-rotation on aws_kms_key\.gone: waiver #2 expired/),
      expect.stringMatching(/^twinguard waiver for s3-bucket-default-encryption on aws_s3_bucket\.b: waiver #1 expired/),
    ]);
    // sb's check reads sa too, and sees the waiver match sa's finding: not sb's to report.
    expect(waiverLines(sb)).toEqual([expect.stringMatching(/^twinguard waiver for kms-key-rotation on aws_kms_key\.gone: waiver #2 expired/)]);
  });

  it('reports an expired waiver on the stack whose finding it matches when that stack is linked to none, not on the stack synthesized first', () => {
    // Stack c (compliant) is linked to no other and synthesized first; a's topic is unencrypted, its waiver expired.
    const synthesizedWith = (address: string): string => {
      const cwd = tempDir();
      const waiver = ['waivers:', '  - rule: sns-topic-encrypted', `    address: ${address}`, '    reason: legacy topic', '    owner: platform', '    expires: "2026-06-30"'];
      fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), ['version: 1', 'requiredTags: [Environment, Owner]', ...waiver].join('\n'));
      const app = new App({ outdir: tempDir() });
      const [c, a] = ['c', 'a'].map((id) => new TerraformStack(app, id));
      [c, a].forEach(base);
      new SnsTopic(c, 'compliant', { name: 'c', kmsMasterKeyId: 'alias/aws/sns' });
      new SnsTopic(a, 'topic', { name: 'a' });
      addTwinguardValidation(app, { cwd, today: '2026-07-01' });
      return synthError(app) ?? '';
    };
    const reached = synthesizedWith('aws_sns_topic.topic');
    expect(reached).toMatch(/\[a\] twinguard sns-topic-encrypted \(medium\): aws_sns_topic\.topic/);
    expect(reached).toMatch(/\[a\] twinguard waiver for sns-topic-encrypted on aws_sns_topic\.topic: waiver #1 expired on 2026-06-30/);
    expect(reached).not.toMatch(/\[c\]/);
    // A waiver that reaches no finding in any stack of the app is every stack's: the first stack validated fails synth on it.
    expect(synthesizedWith('aws_sns_topic.gone')).toMatch(/\[c\] twinguard waiver for sns-topic-encrypted on aws_sns_topic\.gone: waiver #1 expired/);
  });

  describe('an expired waiver whose findings are all in stacks without the validation', () => {
    /** A config of one waiver on `address`, expired yesterday (or expiring `days` from today). */
    const expiredOn = (rule: string, address: string, days = -1): string => {
      const cwd = tempDir();
      const waiver = ['waivers:', `  - rule: ${rule}`, `    address: ${address}`, '    reason: legacy topic or bucket', '    owner: platform', `    expires: "${inDays(days)}"`];
      fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), ['version: 1', 'requiredTags: [Environment, Owner]', ...waiver].join('\n'));
      return cwd;
    };
    /** Stacks c (compliant, linked to none, synthesized first) and a (an unencrypted topic). */
    const topicApp = (): { app: App; c: TerraformStack; a: TerraformStack } => {
      const app = new App({ outdir: tempDir() });
      const [c, a] = ['c', 'a'].map((id) => new TerraformStack(app, id));
      [c, a].forEach(base);
      new SnsTopic(c, 'compliant', { name: 'c', kmsMasterKeyId: 'alias/aws/sns' });
      new SnsTopic(a, 'topic', { name: 'a' });
      return { app, c, a };
    };
    const expiredLine = (stack: string, rule: string, address: string, reached: string): RegExp =>
      new RegExp(`\\[${stack}\\] twinguard waiver for ${rule} on ${address.replace(/\./g, '\\.')}: waiver #1 expired on \\S+: .*; its findings are in stack ${reached}, which carries no twinguard validation`);

    it('fails synth on a validated stack linked to none of them, naming the waiver and the stack its findings are in', () => {
      const { app, c } = topicApp();
      addTwinguardValidation(c, { cwd: expiredOn('sns-topic-encrypted', 'aws_sns_topic.topic') });
      const message = synthError(app) ?? '';
      expect(message).toMatch(expiredLine('c', 'sns-topic-encrypted', 'aws_sns_topic.topic', 'a'));
      // a carries no validation: its finding is not c's to report, only the waiver every stack reads.
      expect(message.match(/^\s*\[\w+\] twinguard /gm)).toHaveLength(1);
    });

    describe('a TwinguardValidation made by hand counts as carried only once it has run', () => {
      /** Stacks c (compliant) and a (an unencrypted topic), in `order`; c carries the gate by addTwinguardValidation. */
      const orderedApp = (order: readonly string[]): { app: App; c: TerraformStack; a: TerraformStack } => {
        const app = new App({ outdir: tempDir() });
        const stacks = new Map(order.map((id) => [id, new TerraformStack(app, id)]));
        const [c, a] = ['c', 'a'].map((id) => stacks.get(id) as TerraformStack);
        [c, a].forEach(base);
        new SnsTopic(c, 'compliant', { name: 'c', kmsMasterKeyId: 'alias/aws/sns' });
        new SnsTopic(a, 'topic', { name: 'a' });
        return { app, c, a };
      };
      const notRun = 'whose twinguard validation has not run and was not added by addTwinguardValidation';

      it.each([[['c', 'a']], [['a', 'c']]])('one made for the stack the findings are in and never added to it fails synth (stacks %j)', (order) => {
        const { app, c, a } = orderedApp(order);
        const options = { cwd: expiredOn('sns-topic-encrypted', 'aws_sns_topic.topic') };
        addTwinguardValidation(c, options);
        new TwinguardValidation(a, options);
        const message = synthError(app) ?? '';
        expect(message).toMatch(new RegExp(`\\[c\\] twinguard waiver for sns-topic-encrypted on aws_sns_topic\\.topic: waiver #1 expired on \\S+: .*; its findings are in stack a, ${notRun}`));
        expect(message.match(/^\s*\[\w+\] twinguard /gm)).toHaveLength(1);
      });

      it('one added to the stack by hand reports the waiver on that stack alone when it runs first', () => {
        const { app, c, a } = orderedApp(['a', 'c']);
        const options = { cwd: expiredOn('sns-topic-encrypted', 'aws_sns_topic.topic') };
        addTwinguardValidation(c, options);
        a.node.addValidation(new TwinguardValidation(a, options));
        const message = synthError(app) ?? '';
        expect(message).toMatch(/\[a\] twinguard waiver for sns-topic-encrypted on aws_sns_topic\.topic: waiver #1 expired on \S+: the findings it covered block again; renew it with a review or fix them\n/);
        expect(message).not.toMatch(/\[c\]/);
        // Run in this synth, it is carried: c, validated after it, leaves the waiver to it.
        const validations = [a, c].map((stack) => new TwinguardValidation(stack, options));
        expect(validations.map((v) => v.validate().filter((line) => line.startsWith('twinguard waiver')))).toEqual([[expect.stringMatching(/^twinguard waiver for sns-topic-encrypted on aws_sns_topic\.topic: waiver #1 expired/)], []]);
      });

      it('one added by hand to a stack validated later is not known yet: the earlier stack reports the waiver too, naming it', () => {
        const { app, c, a } = orderedApp(['c', 'a']);
        const options = { cwd: expiredOn('sns-topic-encrypted', 'aws_sns_topic.topic') };
        addTwinguardValidation(c, options);
        a.node.addValidation(new TwinguardValidation(a, options));
        expect(synthError(app)).toMatch(new RegExp(`\\[c\\] twinguard waiver for sns-topic-encrypted on aws_sns_topic\\.topic: .*; its findings are in stack a, ${notRun}`));
      });
    });

    it('fails synth on every synth of a long-lived app, a stack created after addTwinguardValidation(app) included', () => {
      const { app, c } = topicApp();
      addTwinguardValidation(app, { cwd: expiredOn('sns-topic-encrypted', 'aws_sns_topic.late') });
      const late = new TerraformStack(app, 'late');
      base(late);
      new SnsTopic(late, 'late', { name: 'late' });
      const messages = [1, 2, 3].map(() => synthError(app) ?? '');
      // c and a report the topic of a; the late stack, checked after them, its finding and the waiver, once a synth.
      for (const message of messages) {
        expect(message).toMatch(/\[a\] twinguard sns-topic-encrypted/);
        expect(message).not.toMatch(/\[c\]/);
      }
      c.node.tryRemoveChild('compliant');
      (app.node.findChild('a') as TerraformStack).node.tryRemoveChild('topic');
      const lateOnly = [1, 2, 3].map(() => synthError(app) ?? '');
      for (const message of lateOnly) {
        expect(message.match(/\[late\] twinguard sns-topic-encrypted \(medium\): aws_sns_topic\.late/g)).toHaveLength(1);
        expect(message.match(/\[late\] twinguard waiver for sns-topic-encrypted on aws_sns_topic\.late/g)).toHaveLength(1);
      }
    });

    it('fails synth on the validated stack linked to them', () => {
      // The bucket (in sa) has no encryption; sb, linked to it, carries the validation.
      const app = splitApp({ withoutEncryption: true });
      addTwinguardValidation(app.node.findChild('sb') as TerraformStack, { cwd: expiredOn('s3-bucket-default-encryption', 'aws_s3_bucket.b') });
      const message = synthError(app) ?? '';
      expect(message).toMatch(expiredLine('sb', 's3-bucket-default-encryption', 'aws_s3_bucket.b', 'sa'));
      expect(message.match(/^\s*\[\w+\] twinguard /gm)).toHaveLength(1);
    });

    it('fails synth when the stack its findings are in checks with another configuration, where the waiver is live', () => {
      const { app, c, a } = topicApp();
      addTwinguardValidation(c, { cwd: expiredOn('sns-topic-encrypted', 'aws_sns_topic.topic') });
      addTwinguardValidation(a, { cwd: expiredOn('sns-topic-encrypted', 'aws_sns_topic.topic', 30) });
      expect(synthError(app)).toMatch(/\[c\] twinguard waiver for sns-topic-encrypted on aws_sns_topic\.topic: waiver #1 expired on .*; its findings are in stack a, whose twinguard validation reads another configuration/);
    });

    it('blocks synth as twinguard check --strict blocks on the synthesized cdktf.out', async () => {
      const cwd = expiredOn('sns-topic-encrypted', 'aws_sns_topic.topic');
      const gated = topicApp();
      addTwinguardValidation(gated.c, { cwd });
      const synthWaivers = [...(synthError(gated.app) ?? '').matchAll(/\] twinguard waiver for (\S+) on (\S+):/g)].map(([, rule, address]) => `${rule} ${address}`);
      const { app } = topicApp();
      app.synth();
      const run = await twinguard(['check', '--strict', '--format', 'json', '--config', path.join(cwd, 'twinguard.config.yaml'), app.outdir]);
      expect(run.code).toBe(1);
      const checkWaivers = (JSON.parse(run.stdout) as Report).waivers.filter((n) => n.blocking).map((n) => `${n.ruleId} ${n.address}`);
      expect(checkWaivers).toEqual(['sns-topic-encrypted aws_sns_topic.topic']);
      expect(synthWaivers).toEqual(checkWaivers);
    });
  });

  describe('strict parity: each stack\'s validation blocks on the items twinguard check --strict blocks on in cdktf.out', () => {
    /**
     * sa: the bucket, unencrypted (sb, linked to it, writes the rest), and an aws type newer than every list, untagged;
     * c: a topic under a live waiver; d: a topic under an expired one. Waivers expired on the bucket and on nothing.
     */
    function parityApp(): { app: App; cwd: string } {
      const cwd = tempDir();
      const waiver = (rule: string, address: string, days: number) => [`  - rule: ${rule}`, `    address: ${address}`, '    reason: legacy resource', '    owner: platform', `    expires: "${inDays(days)}"`];
      const waivers = [...waiver('s3-bucket-default-encryption', 'aws_s3_bucket.b', -1), ...waiver('kms-key-rotation', 'aws_kms_key.gone', -1), ...waiver('sns-topic-encrypted', 'aws_sns_topic.live', 30), ...waiver('sns-topic-encrypted', 'aws_sns_topic.legacy', -1)];
      fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), ['version: 1', 'strict: true', 'requiredTags: [Environment, Owner]', 'waivers:', ...waivers].join('\n'));
      const app = splitApp({ withoutEncryption: true });
      const sa = app.node.findChild('sa') as TerraformStack;
      new TerraformResource(sa, 'w', { terraformResourceType: 'aws_brand_new_widget', terraformGeneratorMetadata: { providerName: 'aws' } }).addOverride('name', 'w');
      const [c, d] = ['c', 'd'].map((id) => new TerraformStack(app, id));
      [c, d].forEach(base);
      new SnsTopic(c, 'live', { name: 'c' });
      new SnsTopic(d, 'legacy', { name: 'd' });
      return { app, cwd };
    }
    /** Each blocking item once: `finding <stack> <rule> <address>`, `waiver <rule> <address>`, `<strict kind> <type> <count>` summed over stacks. */
    const itemsOf = (lines: readonly { stack: string; line: string }[]): string[] => {
      const items = new Set<string>();
      const counts = new Map<string, number>();
      for (const { stack, line } of lines) {
        const strict = /^twinguard strict: (?:no rule understands|required-tags could not tell whether) (\S+)(?: takes tags)? \((\d+) resource/.exec(line);
        const waiver = /^twinguard waiver for (\S+) on (\S+):/.exec(line);
        const finding = /^twinguard (\S+) \(\w+\): (\S+)/.exec(line);
        if (strict) {
          const key = `${line.includes('no rule understands') ? 'unchecked' : 'untold'} ${strict[1]}`;
          counts.set(key, (counts.get(key) ?? 0) + Number(strict[2]));
        } else if (waiver) items.add(`waiver ${waiver[1]} ${waiver[2]}`);
        else if (finding) items.add(`finding ${stack} ${finding[1]} ${finding[2]}`);
        else throw new Error(`not an item: ${line}`);
      }
      return [...items, ...[...counts].map(([key, count]) => `${key} ${count}`)].sort();
    };

    it.each([
      ['every stack carries the validation', ['sa', 'sb', 'c', 'd']],
      ['sa and c carry it, sb and d do not', ['sa', 'c']],
    ])('%s', async (_, validated) => {
      const { app, cwd } = parityApp();
      app.synth();
      const run = await twinguard(['check', '--strict', '--format', 'json', '--config', path.join(cwd, 'twinguard.config.yaml'), app.outdir]);
      const report = JSON.parse(run.stdout) as Report;
      const stackOf = (input: string): string => /stacks\/([^/]+)\/cdk\.tf\.json$/.exec(input)?.[1] ?? input;
      const checkLines = [
        ...report.findings.filter((f) => f.blocking).map((f) => ({ stack: stackOf(f.input), line: `twinguard ${f.ruleId} (${f.severity}): ${f.address}` })),
        ...report.waivers.filter((n) => n.blocking).map((n) => ({ stack: '', line: `twinguard waiver for ${n.ruleId} on ${n.address}: ${n.message}` })),
        ...(report.coverage.uncheckedTypes ?? []).map((t) => ({ stack: '', line: `twinguard strict: no rule understands ${t.type} (${t.count} resource(s))` })),
        ...(report.coverage.taggingUntoldTypes ?? []).map((t) => ({ stack: '', line: `twinguard strict: required-tags could not tell whether ${t.type} takes tags (${t.count} resource(s)` })),
      ].filter(({ stack }) => stack === '' || validated.includes(stack));
      expect(run.code).toBe(1);
      // Each stack's validation as cdktf runs it (the synth above linked the stacks); made before any runs.
      const validations = validated.map((id) => ({ stack: id, validation: new TwinguardValidation(app.node.findChild(id) as TerraformStack, { cwd }) }));
      const synthLines = validations.flatMap(({ stack, validation }) => validation.validate().map((line) => ({ stack, line })));
      expect(itemsOf(synthLines)).toEqual(itemsOf(checkLines));
      expect(itemsOf(checkLines)).toEqual(
        expect.arrayContaining([
          'finding sa s3-bucket-default-encryption aws_s3_bucket.b',
          'waiver kms-key-rotation aws_kms_key.gone',
          'waiver s3-bucket-default-encryption aws_s3_bucket.b',
          'waiver sns-topic-encrypted aws_sns_topic.legacy',
          'untold aws_brand_new_widget 1',
          'unchecked aws_brand_new_widget 1',
        ]),
      );
    });
  });

  it('a finding an aspect of a later stack causes on an earlier, already validated stack still fails synth', () => {
    // cdktf runs sb's aspects after sa was validated: the check of sb is the first to see the public-access block opened.
    const opensAcls: IAspect = { visit: (node: IConstruct) => node instanceof S3BucketPublicAccessBlock && node.addOverride('block_public_acls', false) };
    const app = splitApp({ aspectOnSb: opensAcls });
    addTwinguardValidation(app, { cwd: configured() });
    expect(synthError(app)).toMatch(/\[sb\] twinguard s3-bucket-public-access-block \(high\): aws_s3_bucket\.b \(sa\/b\)/);
  });
});

describe('strict mode', () => {
  /**
   * A rule of the app's own for `aws_brand_new_widget`, an aws type newer than required-tags' type lists:
   * a rule understands it, so only the tag gap is left, which `twinguard check --strict` blocks on.
   */
  const widgetRule = defineRule({
    id: 'test-widget',
    title: 'widget',
    category: 'encryption-at-rest',
    severity: 'high',
    rationale: 'test',
    remediation: 'test',
    references: [],
    appliesTo: ['aws_brand_new_widget'],
    evaluate: () => pass(),
  });
  const strictOptions = (): { cwd: string; registry: RuleDefinition[] } => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), 'version: 1\nstrict: true\nrequiredTags: [Environment, Owner]\n');
    return { cwd, registry: [...ALL_RULES, widgetRule] };
  };
  const stackWithBase = (scope: Construct, id: string): TerraformStack => {
    const stack = new TerraformStack(scope, id);
    new AwsProvider(stack, 'aws', { region: 'us-east-1', defaultTags: [{ tags: { Environment: 'dev', Owner: 'team' } }] });
    new S3Backend(stack, { bucket: 'state', key: id, region: 'us-east-1', encrypt: true });
    return stack;
  };
  const widget = (stack: TerraformStack, id: string, attributes: Record<string, unknown>): TerraformResource => {
    const w = new TerraformResource(stack, id, { terraformResourceType: 'aws_brand_new_widget', terraformGeneratorMetadata: { providerName: 'aws' } });
    for (const [key, value] of Object.entries(attributes)) w.addOverride(key, value);
    return w;
  };

  it('fails synth on an aws type required-tags cannot tell takes tags, written untagged, as check --strict does', () => {
    const app = new App({ outdir: tempDir() });
    widget(stackWithBase(app, 'widgets'), 'w', { name: 'w' });
    const options = strictOptions();
    addTwinguardValidation(app, options);
    const message = synthError(app) ?? '';
    expect(message).toMatch(/\[widgets\] twinguard strict: required-tags could not tell whether aws_brand_new_widget takes tags \(1 resource\(s\)/);

    // The same stack read by `twinguard check --strict` counts one blocking item: the synth gate lists each.
    const synthesized = new App({ outdir: tempDir() });
    const stack = stackWithBase(synthesized, 'widgets');
    widget(stack, 'w', { name: 'w' });
    const { report } = checkSynthesized(stack.toTerraform(), stackInputName('widgets'), options);
    expect(report.summary.blocking).toBe(strictItems(report.coverage));
    expect(message.match(/twinguard strict: /g)).toHaveLength(strictItems(report.coverage));
  });

  it('reports such a type on the stack that writes it untagged, not on a stack linked to it', () => {
    const app = new App({ outdir: tempDir() });
    const sa = stackWithBase(app, 'sa');
    const untagged = widget(sa, 'w', { name: 'w' });
    const sb = stackWithBase(app, 'sb');
    widget(sb, 'tagged', { name: untagged.getStringAttribute('id'), tags: { Environment: 'dev', Owner: 'team' } });
    addTwinguardValidation(app, strictOptions());
    const message = synthError(app) ?? '';
    // sb's check reads sa too (the reference links them): a widget of sb, tagged, is no gap of sb.
    expect(sb.dependencies).toContain(sa);
    expect(message).toMatch(/\[sa\] twinguard strict: required-tags could not tell whether aws_brand_new_widget takes tags \(1 resource\(s\)/);
    expect(message.match(/twinguard /g)).toHaveLength(1);
  });

  it('lists one line for each item check --strict counts: every kind of coverage gap, none left out', () => {
    const coverage: Coverage = {
      evaluatedResources: 0,
      totalResources: 3,
      uncheckedTypes: [{ type: 'null_resource', count: 1 }],
      taggingUntoldTypes: [{ type: 'aws_brand_new_widget', count: 1 }],
      notLoadedModules: [{ input: 'a', module: 'module.m', reason: 'remote module source is not fetched' }],
      incompletePlans: [
        { input: 'plan.json', deferred: [] },
        { input: 'later.json', deferred: [{ address: 'aws_kms_key.k', reason: 'provider_config_unknown' }, { address: 'aws_kms_key.j', reason: 'provider_config_unknown' }] },
      ],
      strict: true,
    };
    const report = { findings: [], waivers: [], coverage } as unknown as Report;
    const lines = blockingMessages({ report, redact: [] });
    expect(lines).toHaveLength(strictItems(coverage));
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/aws_kms_key\.j/), expect.stringMatching(/plan\.json/)]));
  });
});

describe("tags merged over a stack's variable (Fn.merge([tags.value, { … }]))", () => {
  it('the synth-time gate judges the keys the later map writes, as twinguard check does in cdk.tf.json', () => {
    const app = new App({ outdir: tempDir() });
    const stack = new TerraformStack(app, 'merged');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const tags = new TerraformVariable(stack, 'tags', { type: 'map(string)' });
    new SnsTopic(stack, 'all', { name: 'all', tags: Fn.merge([tags.value, { Owner: 'team-a', Environment: 'dev', DataClassification: 'internal' }]) as unknown as Record<string, string> });
    new SnsTopic(stack, 'before', { name: 'before', tags: Fn.merge([{ Owner: 'team-a', Environment: 'dev', DataClassification: 'internal' }, tags.value]) as unknown as Record<string, string> });
    const { report } = checkSynthesized(stack.toTerraform(), stackInputName('merged'));
    const requiredTags = report.findings.filter((f) => f.ruleId === 'required-tags').map((f) => [f.address, f.status]);
    expect(requiredTags).toEqual([['aws_sns_topic.before', 'unknown']]);
  });
});
