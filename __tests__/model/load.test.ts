import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectKind, loadInputs } from '../../checks/model/load';
import { InputError } from '../../checks/errors';
import { OPENTOFU_FILES } from '../../checks/model/hcl';
import { loadPlanFile, loadPlanStream } from '../../checks/model/plan';
import { Readable } from 'node:stream';
import { plan, res } from '../helpers/plan-builder';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-load-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A file in the temporary directory. */
const file = (name: string, content: string | Buffer): string => {
  const target = path.join(tmp, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return target;
};

const PLAN = plan([res('aws_s3_bucket.b', { bucket: 'b' })]);

describe('detectKind', () => {
  it.each([
    ['a plan JSON', () => file('plan.json', JSON.stringify(PLAN)), 'plan'],
    ['a plan JSON in UTF-16 with BOM (PowerShell)', () => file('plan16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(PLAN), 'utf16le')])), 'plan'],
    ['a plan JSON in UTF-8 with BOM', () => file('plan-bom.json', `\ufeff${JSON.stringify(PLAN)}`), 'plan'],
    ['a state file (the plan loader explains the refusal)', () => file('state.json', '{"version":4,"terraform_version":"1.9.0","serial":1,"resources":[]}'), 'plan'],
    ['plan output captured through the setup-terraform wrapper', () => file('wrapped.txt', '[command]/usr/bin/terraform show -json plan\n{"format_version":"1.2"}\n::debug::exitcode: 0'), 'plan'],
    ['a cdk.tf.json', () => file('stack/cdk.tf.json', '{"//":{"metadata":{}},"resource":{}}'), 'cdktf'],
    ['a cdk.tf.json kept under another name', () => file('stack/dev.cdk.tf.json', '{"//":{"metadata":{}},"resource":{}}'), 'cdktf'],
    ['a Terraform JSON configuration', () => file('synth/stack.json', '{"provider":{"aws":{}}}'), 'cdktf'],
    ['a cdktf.out directory', () => path.join(FIXTURES, 'cdktf', 'cdktf.out'), 'cdktf'],
    ['a cdktf.out directory without manifest', () => path.join(FIXTURES, 'cdktf', 'no-manifest'), 'cdktf'],
    ['a project directory holding cdktf.out', () => path.join(FIXTURES, 'cdktf'), 'cdktf'],
    ['a directory of .tf files', () => path.join(FIXTURES, 'hcl', 'basic'), 'hcl'],
  ])('%s', async (_, make, kind) => {
    await expect(detectKind(make())).resolves.toBe(kind);
  });

  it('reads only the start of a large file', async () => {
    const big = file('big.json', `{"format_version":"1.2","resource_changes":[${'{"address":"x"},'.repeat(200_000)}{}]}`);
    const spy = jest.spyOn(fs.promises, 'readFile');
    await expect(detectKind(big)).resolves.toBe('plan');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('takes a pipe for a plan, unread (it can be read once)', async () => {
    const fifo = path.join(tmp, 'plan.fifo');
    execFileSync('mkfifo', [fifo]);
    const spy = jest.spyOn(fs.promises, 'open');
    await expect(detectKind(fifo)).resolves.toBe('plan');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('takes - for a plan on standard input', async () => {
    await expect(detectKind('-')).resolves.toBe('plan');
  });

  it.each([
    ['a missing path', () => path.join(tmp, 'missing'), 'no such file or directory'],
    ['a symbolic link to itself', () => (fs.symlinkSync('loop', path.join(tmp, 'loop')), path.join(tmp, 'loop')), 'a symbolic link loop'],
    ['an empty directory', () => (fs.mkdirSync(path.join(tmp, 'empty-dir')), path.join(tmp, 'empty-dir')), 'no .tf files, no cdk.tf.json and no cdktf.out stacks found (nothing to check)'],
    // Read as its .tf files, the stacks of its cdktf.out went unjudged (a stray variables.tf hid them all).
    [
      'a project directory holding .tf files and a cdktf.out',
      () => (fs.cpSync(path.join(FIXTURES, 'cdktf', 'cdktf.out'), path.join(tmp, 'both', 'cdktf.out'), { recursive: true }), path.dirname(file('both/variables.tf', 'variable "x" {}\n'))),
      'holds both .tf files and a cdktf.out: name its cdktf.out to check the cdktf stacks, or give --input-kind hcl to check the .tf files',
    ],
    ['an empty file', () => file('empty.json', ''), 'empty file (nothing to check)'],
    ['a file of blanks', () => file('blank.json', '  \n'), 'empty file (nothing to check)'],
    ['a file that is not JSON', () => file('notes.txt', 'hello'), 'not JSON: expected a Terraform plan JSON, a cdk.tf.json, a cdktf.out directory or a directory of .tf files'],
    ['a JSON array', () => file('array.json', '[1, 2]'), 'a JSON array: expected a Terraform plan JSON, a cdk.tf.json, a cdktf.out directory or a directory of .tf files'],
    ['JSON that is neither a plan nor a configuration', () => file('other.json', '{"name":"x"}'), 'JSON, but neither a Terraform plan (no format_version or resource_changes) nor a cdktf configuration (no resource, provider or terraform block)'],
    ['a single .tf file', () => file('lone/main.tf', 'resource "aws_s3_bucket" "b" {}'), 'a single .tf file: give the directory that holds it (Terraform reads every .tf and .tf.json file of a module)'],
    // A stack synthesized as HCL is read alone where its cdktf.out's manifest lists it (cdktf-cross-stack.test.ts); without one, it is a module's file.
    ['a cdk.tf no manifest lists', () => file('cdktf.out/stacks/web/cdk.tf', 'resource "aws_s3_bucket" "b" {}'), 'a single .tf file: give the directory that holds it (Terraform reads every .tf and .tf.json file of a module)'],
    // Read as a cdk.tf.json, it passed with the module's other files (main.tf's resources) unread.
    ['a single .tf.json file', () => file('lone/providers.tf.json', '{"provider":{"aws":{}}}'), 'a single .tf.json file: give the directory that holds it (Terraform reads every .tf and .tf.json file of a module)'],
    ['a single .tofu.json file', () => file('lone/providers.tofu.json', '{"provider":{"aws":{}}}'), OPENTOFU_FILES],
  ])('refuses %s, naming the input and the reason', async (_, make, reason) => {
    const target = make();
    await expect(detectKind(target)).rejects.toThrow(new InputError(target, reason));
  });

  /** The error Node gives for `syscall` on `target` when the user may not read it (tests run as root, who may). */
  const denied = (syscall: string, target: string): NodeJS.ErrnoException => Object.assign(new Error(`EACCES: permission denied, ${syscall} '${target}'`), { code: 'EACCES', errno: -13, syscall, path: target });

  // Each was an 'internal error (please report it)'.
  it('refuses a file it may not read, naming it', async () => {
    const target = file('secret/plan.json', JSON.stringify(PLAN));
    const spy = jest.spyOn(fs.promises, 'open').mockRejectedValueOnce(denied('open', target));
    await expect(detectKind(target)).rejects.toThrow(new InputError(target, 'permission denied'));
    spy.mockRestore();
  });

  it('refuses a path through a file', async () => {
    const target = path.join(file('through/plan.json', JSON.stringify(PLAN)), 'more.json');
    await expect(detectKind(target)).rejects.toThrow(new InputError(target, 'no such file or directory (a part of its path is a file, not a directory)'));
  });
});

describe('loadInputs', () => {
  describe('a pipe named as a path (`<(terraform show -json tfplan)`), read as standard input is', () => {
    /** A new FIFO, and a writer that writes `chunks` to it one by one, then closes it unless told to `hold` it open until `close`. */
    const fifoWith = (name: string, chunks: readonly (string | Buffer)[], hold = false) => {
      const fifo = path.join(tmp, name);
      execFileSync('mkfifo', [fifo]);
      let closed = false;
      const close = async (handle: fs.promises.FileHandle) => {
        closed = true;
        await handle.close().catch(() => undefined);
      };
      const writer = fs.promises.open(fifo, 'w').then(async (handle) => {
        // The reader may stop reading at any write (a refusal): the writer then sees EPIPE.
        for (const chunk of chunks) await handle.write(Buffer.from(chunk)).catch(() => undefined);
        if (!hold) await close(handle);
        return handle;
      });
      return { fifo, close: async () => close(await writer), closed: () => closed };
    };

    it('refuses binary data at its first bytes, while the writer still holds the pipe open', async () => {
      const pipe = fifoWith('zeros.fifo', [Buffer.alloc(1000)], true);
      // Read whole, the pipe gave an answer only at its end, which the writer here gives after a while.
      const ending = setTimeout(() => void pipe.close(), 5000);
      const refusal = await loadInputs([pipe.fifo]).catch((error: unknown) => ({ error, closedBefore: pipe.closed() }));
      clearTimeout(ending);
      await pipe.close();
      expect(refusal).toEqual({ error: new InputError(pipe.fifo, 'binary data, not JSON text'), closedBefore: false });
    }, 15_000);

    it('reads a plan written in pieces', async () => {
      const text = JSON.stringify(PLAN);
      const [input] = await loadInputs([fifoWith('plan-pieces.fifo', [text.slice(0, 10), text.slice(10)]).fifo]);
      expect(input.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.b']);
    });

    it("keeps a large plan's values in memory: a pipe cannot be read again", async () => {
      const fifo = fifoWith('plan-large.fifo', [JSON.stringify(PLAN)]).fifo;
      const loaded = await loadPlanFile(fifo, fifo, { streamAbove: 0 });
      expect(loaded.resources.map((r) => [r.address, (r.after as { bucket?: unknown }).bucket])).toEqual([['aws_s3_bucket.b', 'b']]);
    });
  });

  it('dispatches each input to its loader, one input per cdktf stack', async () => {
    const planFile = file('dispatch/plan.json', JSON.stringify(PLAN));
    const inputs = await loadInputs([planFile, path.join(FIXTURES, 'cdktf', 'cdktf.out'), path.join(FIXTURES, 'hcl', 'mixed')]);
    expect(inputs.map((i) => [i.kind, i.stack])).toEqual([
      ['plan', undefined],
      ['cdktf', 'dev'],
      ['cdktf', 'prod'],
      ['hcl', undefined],
    ]);
    expect(inputs[0].resources.map((r) => r.address)).toEqual(['aws_s3_bucket.b']);
  });

  it('reads an input as the kind it is told', async () => {
    const [input] = await loadInputs([path.join(FIXTURES, 'split-sse')], 'hcl');
    expect(input.kind).toBe('hcl');
  });

  it('refuses invalid HCL with a one-line error', async () => {
    await expect(loadInputs([path.join(FIXTURES, 'hcl', 'invalid')])).rejects.toThrow(/main\.tf: invalid HCL: main\.tf:\d+,\d+-\d+: Unclosed configuration block[^\n]*$/);
  });

  it("refuses terraform's UI output (`terraform plan -json`) with the command that writes a plan JSON", async () => {
    const events = [
      '{"@level":"info","@message":"Terraform 1.14.0","@module":"terraform.ui","@timestamp":"2025-01-01T00:00:00.000000Z","terraform":"1.14.0","type":"version","ui":"1.2"}',
      '{"@level":"info","@message":"Plan: 1 to add, 0 to change, 0 to destroy.","@module":"terraform.ui","changes":{"add":1,"change":0,"import":0,"remove":0,"operation":"plan"},"type":"change_summary"}',
    ];
    const reason = "not a Terraform plan: this is terraform's machine-readable UI output (`terraform plan -json`, one event per line); run `terraform plan -out=tfplan && terraform show -json tfplan`";
    // One event alone (its `terraform` key made it configuration) and several, one per line (invalid JSON at line 2).
    for (const [name, text] of [['ui-one.json', `${events[0]}\n`], ['ui-lines.json', `${events.join('\n')}\n`]]) {
      const written = file(name, text);
      await expect(loadInputs([written])).rejects.toThrow(new InputError(written, reason));
      await expect(loadPlanStream(Readable.from([Buffer.from(text)]), '-')).rejects.toThrow(new InputError('-', reason));
    }
  });

  it('refuses anything but a plan on standard input', async () => {
    await expect(loadInputs(['-'], 'hcl')).rejects.toThrow(new InputError('-', 'standard input can only be a plan JSON, not HCL'));
  });
});

describe('loadInputs: a key Terraform does not read at the top of a file', () => {
  // Terraform refuses such a configuration: read as nothing, the bucket below passed every check.
  const bucket = '"aws_s3_bucket": { "b": { "bucket": "x" } }';
  it.each([
    ['a cdk.tf.json', 'typo/cdk.tf.json', `{ "//": { "metadata": {} }, "provider": { "aws": [{}] }, "resources": { ${bucket} } }`, '"resources" is not a top-level property of a Terraform JSON configuration (did you mean "resource"?): Terraform refuses the configuration'],
    ['a .tf.json file', 'typo-json/main.tf.json', `{ "provider": { "aws": {} }, "resourc": { ${bucket} } }`, '"resourc" is not a top-level property of a Terraform JSON configuration (did you mean "resource"?): Terraform refuses the configuration'],
    ['a cdk.tf.json whose key holds a personal datum and an ESC: masked and escaped', 'esc/cdk.tf.json', '{ "terraform": {}, "jane.roe@example.com\\u001b[31m": 1 }', '"j***@e***.com\\u001b[31m" is not a top-level property of a Terraform JSON configuration: Terraform refuses the configuration'],
    ['a .tf file', 'typo-tf/main.tf', 'provider "aws" {}\nresources "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n', '"resources" is not a top-level block type of Terraform (did you mean "resource"?): Terraform refuses the configuration'],
    ['a .tf file, a block type near none', 'odd-tf/main.tf', 'bucket "aws_s3_bucket" "b" {}\n', '"bucket" is not a top-level block type of Terraform: Terraform refuses the configuration'],
  ])('%s: refused, naming the file and the key', async (_, name, text, reason) => {
    const written = file(name, text);
    const input = name.endsWith('cdk.tf.json') ? written : path.dirname(written);
    await expect(loadInputs([input])).rejects.toThrow(new InputError(written, reason));
  });

  it("reads every block type Terraform reads at the top, and a .tf.json file's // comment", async () => {
    const tf = file(
      'all-blocks/main.tf',
      [
        'terraform {}',
        'provider "aws" {}',
        'variable "v" {}',
        'locals {}',
        'output "o" { value = 1 }',
        'resource "aws_s3_bucket" "b" {}',
        'data "aws_caller_identity" "me" {}',
        'moved {\n  from = aws_s3_bucket.a\n  to = aws_s3_bucket.b\n}',
        'import {\n  to = aws_s3_bucket.b\n  id = "b"\n}',
        'removed {\n  from = aws_s3_bucket.old\n}',
        'check "c" {\n  assert {\n    condition = true\n    error_message = "x"\n  }\n}',
      ].join('\n'),
    );
    file('all-blocks/extra.tf.json', '{ "//": "a comment", "locals": { "x": 1 } }');
    const [input] = await loadInputs([path.dirname(tf)]);
    expect(input.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.b', 'data.aws_caller_identity.me']);
  });
});
