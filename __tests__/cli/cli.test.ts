/**
 * The built command, run as a user runs it: exit codes, the JSON document, every format, bad
 * input of every kind (exit 2, one line, no stack trace), waivers from the configuration file,
 * masking, real plans.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { create } from 'xmlbuilder2';
import { describeWithShared, REAL_PLANS_DIR, realPlanIndex } from '../helpers/shared';
import { plan, res } from '../helpers/plan-builder';
import { sarifValidator } from '../reporters/sarif-validator';
import { BIN, expectUnusable, tempDir, twinguard, twinguardProcess } from './run';
import { cleanPlan, keysPlan, leakyPlan, SECRETS } from './scenarios';
import { inDays } from '../helpers/dates';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const clean = tmp.write('clean.json', cleanPlan());
const keys = tmp.write('keys.json', keysPlan());
const leaky = tmp.write('leaky.json', leakyPlan());
const json = (run: { stdout: string }) => JSON.parse(run.stdout);

describe('help, version and the command line', () => {
  it('--help lists the commands and the exit codes; check --help has examples', async () => {
    const top = twinguardProcess(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/check \[options\] \[INPUT\.\.\.\]/);
    expect(top.stdout).toMatch(/rules/);
    expect(top.stdout).toMatch(/explain <RULE>/);
    expect(top.stdout).toMatch(/0 {2}no blocking finding[\s\S]*1 {2}blocking findings[\s\S]*2 {2}the input, the configuration or the command line/);
    const sub = await twinguard(['check', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/Examples:[\s\S]*--format sarif --output/);
    expect(sub.stdout).toMatch(/--strict/);
    expect(sub.stdout).toMatch(/Exit codes:/);
    // As the README's table, and as strict mode counts (report.ts strictItems): an incomplete plan's deferred changes block too.
    expect(sub.stdout.replace(/\s+/g, ' ')).toContain('with --strict, resource types no rule understands, aws or awscc types required-tags could not tell take tags, modules not loaded and incomplete plans: each change deferred');
    const strictHelp = /--strict fail when a resource type is not understood by any rule or required-tags could not tell whether it takes tags, a module was not loaded, or a plan is incomplete/;
    expect(sub.stdout.replace(/\s+/g, ' ')).toMatch(strictHelp);
    const gate = await twinguard(['gate', '--help']);
    expect(gate.stdout.replace(/\s+/g, ' ')).toMatch(strictHelp);
  });

  // The help left out the types required-tags could not tell take tags, which the README's table and --strict block on.
  it("--help's exit code 1 names each item the README's table says --strict blocks on", async () => {
    const row = /^\| 1 \| (.*) \|$/m.exec(fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8'))?.[1] ?? '';
    const items = /with `--strict`, (.*?) \(/.exec(row)?.[1].split(/, | and /) ?? [];
    expect(items).toEqual(['resource types no rule understands', 'aws or awscc types required-tags could not tell take tags', 'modules not loaded', 'incomplete plans']);
    for (const args of [['--help'], ['check', '--help']]) {
      const exitOne = /^ {2}1 {2}(.*)$/m.exec(twinguardProcess(args).stdout)?.[1] ?? '';
      for (const item of items) expect({ args, item, listed: exitOne.includes(item) }).toEqual({ args, item, listed: true });
    }
  });

  it('--version prints the version', async () => {
    const run = twinguardProcess(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('no input, and no cdktf.out in the working directory: exit 2, one line', async () => {
    expectUnusable(await twinguard(['check'], { cwd: path.dirname(tmp.write('no-input/README.md', 'empty')) }), /^twinguard: check: no input given: /);
  });

  it('an unknown flag, in a real process: exit 2, one line', () => {
    expectUnusable(twinguardProcess(['check', clean, '--fomat', 'json']), /unknown option '--fomat' \(Did you mean --format\?\)/);
  });

  it.each([
    ['an unknown flag before the command', ['--verbose', 'check', clean], /unknown option/],
    [
      "terraform's -var spelling, whose value is not printed",
      ['check', clean, '-var=github_token=ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654'],
      /^twinguard: unknown option '-var=…' \(what follows = is not printed: it may hold a secret\); twinguard takes --var NAME=VALUE$/,
    ],
    ["terraform's -var given to the gate before --", ['gate', '-var=token=ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654'], /^twinguard: unknown option '-var=…' .*terraform plan arguments go after --/],
    ['an unknown format', ['check', clean, '--format', 'xml'], /expected one of text, json, sarif, junit, markdown/],
    ['an unknown input kind', ['check', clean, '--input-kind', 'yaml'], /Allowed choices are plan, cdktf, hcl/],
    ['an unknown tool', ['check', clean, '--tool', 'tofu'], /^twinguard: option '--tool <tool>' argument 'tofu' is invalid\. Allowed choices are terraform, opentofu\.$/],
    ['an unknown command', ['chek', clean], /unknown command 'chek'/],
    // The prefix was doubled: "twinguard: twinguard: missing command".
    ['no command', [], /^twinguard: missing command: check, rules, explain or gate \(see twinguard --help\)$/],
    ['a missing option value', ['check', clean, '--output'], /argument missing/],
    ['two formats for stdout', ['check', clean, '--format', 'json', '--format', 'sarif'], /several formats would go to stdout/],
    ['the same file twice', ['check', clean, '-f', 'json', '-o', path.join(tmp.dir, 'x'), '-f', 'sarif', '-o', path.join(tmp.dir, 'x')], /named twice/],
    ['two configuration files', ['check', clean, '--config', 'a.yaml', '--config', 'b.yaml'], /only one configuration file/],
    // The gate took the last one silently, and --code too.
    ['two configuration files to the gate', ['gate', '--plan-only', '-c', 'a.yaml', '-c', 'b.yaml'], /^twinguard: option '-c, --config <file>' argument 'b.yaml' is invalid. only one configuration file can be given$/],
    ['two code directories', ['check', clean, '--code', 'a', '--code', 'b'], /^twinguard: option '--code <dir>' argument 'b' is invalid. only one code directory can be given$/],
    ['an empty configuration file name (it named the working directory)', ['check', clean, '-c', ''], /^twinguard: --config: the file name is empty$/],
    // It printed "twinguard: : cannot read: no such file", and "--code : no such file or directory".
    ['an empty variable file name', ['check', clean, '--var-file', ''], /^twinguard: --var-file: the path is empty$/],
    ['an empty code directory', ['check', clean, '--code', ''], /^twinguard: --code: the path is empty$/],
    // An unset variable in a script: it said "twinguard: : no such file or directory" and "twinguard: : no such rule".
    ['an empty input', ['check', ''], /^twinguard: check: an input is empty: name a plan JSON file \(- for stdin\), a cdk\.tf\.json, a cdktf\.out directory or a directory of \.tf files$/],
    ['an empty input beside another', ['check', clean, ''], /^twinguard: check: an input is empty: /],
    ['an empty rule id to explain', ['explain', ''], /^twinguard: explain: the rule id is empty; `twinguard rules` lists them$/],
    ['stdin twice (it said "-: empty input")', ['check', '-', '-'], /^twinguard: -: standard input is given twice: it can be read once$/],
    ['--var-file with a plan (named --var)', ['check', clean, '--var-file', 'prod.tfvars'], /^twinguard: --var-file: applies to \.tf inputs, and none was given/],
    ['--var and --var-file with a plan', ['check', clean, '--var', 'a=b', '--var-file', 'prod.tfvars'], /^twinguard: --var and --var-file: apply to \.tf inputs/],
    ['an extra argument to rules', ['rules', 'extra'], /too many arguments/],
    ['an unknown rule to explain', ['explain', 'kms-key-rotaton'], /kms-key-rotaton: no such rule \(did you mean kms-key-rotation\?\)/],
  ])('%s: exit 2, one line', async (_name, args, mention) => {
    expectUnusable(await twinguard(args), mention);
  });

  // commander quotes what was typed in its messages: it printed ESC and the key as given.
  it.each([
    ['a format', ['check', clean, '--format', 'x\u001b[2Jy'], /^twinguard: option '-f, --format <format>' argument 'x\\u001b\[2Jy' is invalid\. expected one of /],
    ['an input kind', ['check', clean, '--input-kind', 'x\u001b[2J\ny'], /^twinguard: option '--input-kind <kind>' argument 'x\\u001b\[2J\\ny' is invalid\. Allowed choices/],
    ['an input kind that is an access key id', ['check', clean, '--input-kind', 'AKIAIOSFODNN7EXAMPLE'], /^twinguard: option '--input-kind <kind>' argument 'AKIA\*\*\*' is invalid\./],
    ['a command', ['x\u001b]0;title\u0007', clean], /^twinguard: unknown command 'x\\u001b\]0;title\\u0007'$/],
    ['an option', ['check', clean, '--x\u001b[2J'], /^twinguard: unknown option '--x\\u001b\[2J'$/],
  ])('a refusal quotes %s typed with its control characters escaped and a secret masked', async (_name, args, mention) => {
    const run = await twinguard(args);
    expectUnusable(run, mention);
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]|IOSFODNN7/);
  });
  // A path or a rule id is what was typed too: a key typed there was printed whole in five refusals.
  it.each([
    ['a rule id', ['explain', 'AKIAIOSFODNN7EXAMPLE'], /^twinguard: AKIA\*\*\*: no such rule/],
    ['an input path', ['check', 'AKIAIOSFODNN7EXAMPLE'], /^twinguard: AKIA\*\*\*: no such file or directory/],
    ['a variable file', ['check', path.dirname(tmp.write('var-file/main.tf', 'variable "x" {}\n')), '--var-file', 'AKIAIOSFODNN7EXAMPLE'], /^twinguard: AKIA\*\*\*: cannot read: no such file/],
    ['a configuration file', ['check', clean, '-c', 'AKIAIOSFODNN7EXAMPLE'], /^twinguard: AKIA\*\*\*: configuration file not found/],
  ])('a refusal naming %s typed as an access key id masks it', async (_name, args, mention) => {
    const run = await twinguard(args);
    expectUnusable(run, mention);
    expect(run.stderr).not.toContain('IOSFODNN7');
  });
});

describe('bad input: exit 2, one line naming the input, no stack trace', () => {
  const truncated = tmp.write('truncated.json', JSON.stringify(keysPlan()).slice(0, 400));
  const empty = tmp.write('empty.json', '');
  const state = tmp.write('state.json', { version: 4, terraform_version: '1.9.5', serial: 3, lineage: 'a-b-c', outputs: {}, resources: [] });
  const v2 = tmp.write('v2.json', plan([], { formatVersion: '2.0' }));
  const errored = tmp.write('errored.json', { ...cleanPlan(), errored: true });
  const garbage = tmp.write('garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  const emptyDir = path.dirname(tmp.write('nothing/README.md', 'no terraform here'));
  const badHcl = path.dirname(tmp.write('badhcl/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n'));
  const badConfig = tmp.write('bad-config.yaml', 'requiredTag: [Owner]\n');
  const tofuCode = path.dirname(tmp.write('tofu-code/main.tf', 'resource "aws_sqs_queue" "q" {}\n'));
  tmp.write('tofu-code/main.tofu', 'resource "aws_sqs_queue" "q" {}\n');
  const loop = path.join(tmp.dir, 'loop');
  fs.symlinkSync('loop', loop);

  it.each([
    ['a missing file', [path.join(tmp.dir, 'missing.json')], /missing\.json/],
    ['a directory with nothing to check', [emptyDir], /nothing/],
    ['an empty file', [empty], /empty\.json/],
    ['truncated JSON', [truncated], /truncated\.json/],
    ['a state file', [state], /state\.json: not a Terraform plan/],
    ['format_version 2.0', [v2], /v2\.json:.*2\.0/],
    ['an errored plan', [errored], /errored\.json:.*errored/i],
    ['binary garbage', [garbage], /garbage\.bin/],
    ['invalid HCL', [badHcl, '--input-kind', 'hcl'], /badhcl/],
    // A line feed in the file's name cut the message to "invalid HCL: a", and reached the terminal as a line break.
    ['invalid HCL in a file whose name holds a line feed', [path.dirname(tmp.write('nl-hcl/a\nb.tf', 'resource "aws_s3_bucket" "b" {\n')), '--input-kind', 'hcl'], /nl-hcl\/a\\nb\.tf: invalid HCL: a\\nb\.tf:\d+,\d+-\d+: Unclosed configuration block/],
    ['a bad configuration file', [clean, '--config', badConfig], /bad-config\.yaml: requiredTag: unknown field/],
    ['a missing configuration file', [clean, '--config', path.join(tmp.dir, 'nope.yaml')], /nope\.yaml: configuration file not found/],
    ['a configuration file that is a symbolic link loop', [clean, '--config', loop], /^twinguard: \S+loop: cannot read the configuration file: a symbolic link loop$/],
    ['a variable file that is a symbolic link loop', [path.dirname(tmp.write('vars-tf/main.tf', 'variable "x" {\n  default = "a"\n}\n')), '--var-file', loop], /^twinguard: \S+loop: cannot read: a symbolic link loop/],
    ['one good and one bad input', [clean, path.join(tmp.dir, 'missing.json')], /missing\.json/],
    // Both gave 'internal error (please report it)': the check of what --output may not replace stat'ed them first.
    ['a symbolic link loop', [loop], /^twinguard: \S+loop: a symbolic link loop$/],
    ['a symbolic link loop read as a plan', [loop, '--input-kind', 'plan'], /^twinguard: \S+loop: cannot read: a symbolic link loop$/],
    ['a symbolic link loop read as cdktf output', [loop, '--input-kind', 'cdktf'], /^twinguard: \S+loop: a symbolic link loop$/],
    ['a path through a file', [path.join(clean, 'plan.json')], /^twinguard: \S+clean\.json\/plan\.json: no such file or directory \(a part of its path is a file, not a directory\)$/],
    ['--code with an OpenTofu file', [clean, '--code', tofuCode], /^twinguard: --code .*tofu-code: .*main\.tofu: an OpenTofu file \(\.tofu\): .*; name the tool that made the plan \(--tool opentofu or --tool terraform\), or check the plan without --code$/],
    ['--tool with no .tf input and no --code', [clean, '--tool', 'opentofu'], /^twinguard: --tool opentofu: applies to \.tf inputs and the code of --code, and none was given/],
  ])('%s', async (_name, args, mention) => {
    expectUnusable(await twinguard(['check', ...args]), mention);
  });

  // hcl2json's Go runtime can stop on a fatal error and leave its answer unsettled; Node then exits 0
  // with nothing written. The process says so and exits 2 instead: never a pass of what was not read.
  it('a parser that never answers (its runtime stopped): exit 2 with one line, not an empty pass', () => {
    const stub = tmp.write(
      'never-answers.js',
      `const id = require.resolve('@cdktf/hcl2json', { paths: [${JSON.stringify(path.dirname(BIN))}] });\nrequire.cache[id] = { id, filename: id, loaded: true, exports: { parse: () => new Promise(() => {}) } };\n`,
    );
    const dir = path.dirname(tmp.write('never-answers/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'));
    expectUnusable(twinguardProcess(['check', dir, '--input-kind', 'hcl'], { env: { NODE_OPTIONS: `--require ${stub}` } }), /^twinguard: \S+never-answers\/main\.tf: the HCL parser stopped without an answer: nothing was judged$/);
  });

  // Permissions bind a user other than root: as root (a container's CI), the command runs as nobody
  // through setpriv. Each gave 'internal error (please report it)' with Node's error.
  const asUser = process.getuid?.() !== 0 ? [] : spawnSync('setpriv', ['--version']).status === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined;
  (asUser ? it : it.skip).each([
    ['a file it may not read', () => tmp.write('denied/plan.json', cleanPlan()), 'denied/plan.json'],
    ['a directory it may not list', () => path.dirname(tmp.write('closed/main.tf', 'resource "aws_s3_bucket" "b" {}\n')), 'closed'],
    ['a file in a directory it may not search', () => path.dirname(tmp.write('unsearchable/plan.json', cleanPlan())), 'unsearchable/plan.json'],
  ])('%s: permission denied', (_name, make, target) => {
    const closed = make();
    fs.chmodSync(closed, 0o000);
    fs.chmodSync(tmp.dir, 0o755);
    const [command, ...options] = [...(asUser as string[]), process.execPath];
    const run = spawnSync(command, [...options, BIN, 'check', target], { cwd: tmp.dir, encoding: 'utf8' });
    fs.chmodSync(closed, 0o755);
    expectUnusable({ code: run.status, stdout: run.stdout, stderr: run.stderr }, `twinguard: ${target}: permission denied`);
  });

  it('garbage on stdin', async () => {
    expectUnusable(twinguardProcess(['check', '-'], { input: 'this is not a plan' }), /^twinguard: -: /);
  });

  it('a bad configuration file found in the working directory', async () => {
    const dir = path.dirname(tmp.write('cwd-config/twinguard.config.yaml', 'failOn: everything\n'));
    expectUnusable(await twinguard(['check', clean], { cwd: dir }), /twinguard.config.yaml: failOn: must be one of critical, high, medium, low/);
  });

  // PowerShell's `>` and Out-File write UTF-16 with a BOM, as plans are read: it was "(top level): must be object".
  // Without a BOM it is read as every input is, where its first characters are ASCII; else refused in one line.
  it('a configuration file in UTF-16 is read, with a BOM or without one, and one with NUL bytes otherwise is refused in one line', async () => {
    const text = 'version: 1\nstrict: true\n';
    const le = tmp.write('utf16/le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = tmp.write('utf16/be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    const bareLe = tmp.write('utf16/bare-le.yaml', Buffer.from(text, 'utf16le'));
    const bareBe = tmp.write('utf16/bare-be.yaml', Buffer.from(text, 'utf16le').swap16());
    const utf8 = await twinguard(['check', clean, '--config', tmp.write('utf16/utf8.yaml', text), '--format', 'json']);
    expect({ code: utf8.code, strict: json(utf8).coverage.strict }).toEqual({ code: 1, strict: true });
    for (const config of [le, be, bareLe, bareBe]) {
      const run = await twinguard(['check', clean, '--config', config, '--format', 'json']);
      expect({ code: run.code, report: json(run) }).toEqual({ code: utf8.code, report: json(utf8) });
    }
    const binary = tmp.write('utf16/binary.yaml', Buffer.from('version: 1\nstrict: \u0000true\n'));
    expectUnusable(await twinguard(['check', clean, '--config', binary]), /^twinguard: \S+binary\.yaml: not text: it holds NUL bytes \(binary data, or UTF-16 without a BOM that does not start with ASCII text\); save it as UTF-8$/);
  });

  // `--dir "$STACK_DIR"` with the variable unset ran terraform init, plan and apply in the working directory,
  // and `--binary "$TOFU"` ran terraform: refused before anything runs, as an empty --config or --code is.
  it.each([
    ['--dir', ['gate', '--dir', '', '--binary', path.join(tmp.dir, 'no-such-terraform')]],
    ['--binary', ['gate', '--dir', tmp.dir, '--binary', '']],
  ])('an empty %s to the gate: exit 2, one line, nothing run', async (option, args) => {
    expectUnusable(await twinguard([...args, '--plan-only'], { cwd: tmp.dir, env: { TWINGUARD_TERRAFORM: path.join(tmp.dir, 'no-such-terraform') } }), new RegExp(`^twinguard: ${option}: the path is empty$`));
  });

  // A cdk.tf.json in UTF-16 without a BOM was "invalid JSON at line 1, column 2", a .tf "invalid HCL", naming no encoding,
  // where a plan in it is read: each is read as the plan loader reads it, and NUL bytes otherwise are refused saying so.
  it('a cdk.tf.json, .tf or .tfvars file in UTF-16 without a BOM is read as a plan in it is; one with NUL bytes otherwise is refused in one line', async () => {
    const stack = JSON.stringify({ resource: { aws_s3_bucket: { b: { bucket: 'twin-data', tags: { Owner: 'o' } } } } });
    const code = 'variable "owner" {\n  type = string\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "twin-data"\n  tags   = { Owner = var.owner }\n}\n';
    const tfvars = 'owner = "o"\n';
    const le = (text: string) => Buffer.from(text, 'utf16le');
    const be = (text: string) => Buffer.from(text, 'utf16le').swap16();
    const report = async (input: string) => {
      const run = await twinguard(['check', input, '--format', 'json']);
      return { code: run.code, stderr: run.stderr, findings: run.stdout ? json(run).findings.map((f: { ruleId: string; address: string; status: string }) => [f.ruleId, f.address, f.status]) : [] };
    };
    tmp.write('nobom/utf8-tf/terraform.tfvars', tfvars);
    const utf8 = { stack: await report(tmp.write('nobom/utf8/cdk.tf.json', stack)), code: await report(path.dirname(tmp.write('nobom/utf8-tf/main.tf', code))) };
    expect(utf8.stack).toEqual({ code: 1, stderr: '', findings: expect.arrayContaining([['required-tags', 'aws_s3_bucket.b', 'fail']]) });
    expect(utf8.code).toEqual({ code: 1, stderr: '', findings: expect.arrayContaining([['required-tags', 'aws_s3_bucket.b', 'fail']]) });
    for (const [name, encode] of [['le', le], ['be', be]] as const) {
      expect(await report(tmp.write(`nobom/${name}/cdk.tf.json`, encode(stack)))).toEqual(utf8.stack);
      tmp.write(`nobom/${name}-tf/main.tf`, encode(code));
      tmp.write(`nobom/${name}-tf/terraform.tfvars`, encode(tfvars));
      expect(await report(path.join(tmp.dir, `nobom/${name}-tf`))).toEqual(utf8.code);
    }
    const refusal = 'not text: it holds NUL bytes (binary data, or UTF-16 without a BOM that does not start with ASCII text); save it as UTF-8';
    const binary = tmp.write('nobom/binary/cdk.tf.json', Buffer.from(stack.replace('twin-data', 'twin\u0000data')));
    expectUnusable(await twinguard(['check', binary]), `twinguard: ${binary}: ${refusal}`);
    const binaryTf = tmp.write('nobom/binary-tf/main.tf', Buffer.from(code.replace('twin-data', 'twin\u0000data')));
    expectUnusable(await twinguard(['check', path.dirname(binaryTf)]), `twinguard: ${binaryTf}: ${refusal}`);
  });

  it('an output file that cannot be written', async () => {
    expectUnusable(await twinguard(['check', clean, '--format', 'json', '--output', path.join(clean, 'under-a-file.json')]), /cannot write the report/);
  });

  // Node 20's recursive mkdirSync never returns there: in a child process, stopped after 20 s if it hangs.
  (fs.existsSync('/proc/self') ? it : it.skip)('an output under /proc, at once (/proc exists on Linux only)', () => {
    const run = spawnSync(process.execPath, [BIN, 'check', clean, '--format', 'json', '--output', '/proc/twinguard-nowhere/report.json'], { encoding: 'utf8', timeout: 20_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: 'twinguard: /proc/twinguard-nowhere/report.json: cannot write the report: no such file or directory\n' });
  }, 30_000);

  // It said "internal error (please report it): Error: ENOSPC: …" for stdout, where a file named with --output said what failed.
  (fs.existsSync('/dev/full') ? it : it.skip)('a report that cannot be written to stdout or to a file (/dev/full: a full disk), whatever the verdict', () => {
    for (const target of [clean, keys]) {
      const stdout = fs.openSync('/dev/full', 'w');
      try {
        const run = spawnSync(process.execPath, [BIN, 'check', target], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', stdout, 'pipe'] });
        expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: 'twinguard: standard output: cannot write the report: no space left on the device\n' });
      } finally {
        fs.closeSync(stdout);
      }
      const file = spawnSync(process.execPath, [BIN, 'check', target, '--output', '/dev/full'], { encoding: 'utf8', timeout: 20_000 });
      expect({ status: file.status, stderr: file.stderr }).toEqual({ status: 2, stderr: 'twinguard: /dev/full: cannot write the report: no space left on the device\n' });
    }
  }, 60_000);

  // Read whole before, it grew by about 200 MB a second: in a child process, stopped after 20 s.
  (fs.existsSync('/dev/zero') ? it : it.skip)('a device that never ends (/dev/zero), refused at its first bytes', () => {
    const run = spawnSync(process.execPath, [BIN, 'check', '/dev/zero'], { encoding: 'utf8', timeout: 20_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: 'twinguard: /dev/zero: binary data, not JSON text\n' });
  }, 30_000);

  // Read whole before, it grew to 10 GB in a minute: in a child process, stopped after 20 s.
  (fs.existsSync('/dev/zero') ? it : it.skip)('a device that never ends (/dev/zero) as a variable file, refused past a bound', () => {
    const code = path.dirname(tmp.write('var-device/main.tf', 'variable "x" {\n  default = "a"\n}\n'));
    const run = spawnSync(process.execPath, [BIN, 'check', code, '--var-file', '/dev/zero'], { encoding: 'utf8', timeout: 20_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: 'twinguard: /dev/zero: cannot read: it goes on past 64 MiB, more than any variable file or code holds\n' });
  }, 30_000);

  it('an empty --output', async () => {
    expectUnusable(await twinguard(['check', clean, '--format', 'json', '--output', '']), /^twinguard: --output: is empty: name a file, or - for stdout$/m);
  });

  it('a new output directory, several levels deep, is made', async () => {
    const out = path.join(tmp.dir, 'reports', 'a', 'b', 'report.json');
    expect((await twinguard(['check', clean, '--format', 'json', '--output', out])).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ version: 1 });
  });
});

// OpenTofu reads every .tofu file, in place of the .tf file of the same name; Terraform ignores .tofu files.
describe('--tool: which tool plans a directory the files do not tell of', () => {
  const mixed = path.dirname(tmp.write('tool-mixed/main.tf', 'resource "aws_s3_bucket" "terraform_plans_this" {\n  bucket = "b"\n}\n'));
  tmp.write('tool-mixed/main.tofu', 'resource "aws_sqs_queue" "tofu_plans_this" {}\n');
  tmp.write('tool-mixed/extra.tofu', 'resource "aws_sns_topic" "tofu_also" {}\n');
  const tofuOnly = path.dirname(tmp.write('tool-tofu-only/main.tofu', 'resource "aws_sqs_queue" "q" {}\n'));
  const addresses = (run: { stdout: string }) => [...new Set(json(run).findings.map((f: { address: string }) => f.address))].sort();

  it('without it, a directory with .tofu files is refused, naming the option', async () => {
    expectUnusable(await twinguard(['check', mixed]), /tool-mixed\/extra\.tofu: an OpenTofu file \(\.tofu\): OpenTofu reads it and Terraform ignores it, so what is planned depends on the tool; name it \(twinguard check --tool opentofu, or --tool terraform\)/);
  });

  it('reads the files the named tool reads: terraform the .tf files alone, tofu the .tofu files in place of those they shadow', async () => {
    const terraform = await twinguard(['check', mixed, '--tool', 'terraform', '--format', 'json']);
    expect(terraform.stderr).toBe('');
    expect(addresses(terraform)).toEqual(['aws_s3_bucket.terraform_plans_this']);
    const tofu = await twinguard(['check', mixed, '--tool', 'opentofu', '--format', 'json']);
    expect(tofu.stderr).toBe('');
    expect(addresses(tofu)).toEqual(['aws_sns_topic.tofu_also', 'aws_sqs_queue.tofu_plans_this']);
  });

  it('--tool terraform on a directory of .tofu files only: nothing terraform reads, refused in one line', async () => {
    expectUnusable(await twinguard(['check', tofuOnly, '--tool', 'terraform']), /tool-tofu-only: no \.tf files found \(nothing to check\): Terraform ignores \.tofu files$/);
    expect(json(await twinguard(['check', tofuOnly, '--tool', 'opentofu', '--format', 'json'])).inputs).toEqual([expect.objectContaining({ kind: 'hcl', resources: 1 })]);
  });

  // The gate's tofu run reads the gate's TF_ENCRYPTION; a later tofu run need not have the check's.
  it("--tool opentofu does not take the check's own TF_ENCRYPTION as the state encryption of a later tofu run", async () => {
    const dir = path.dirname(tmp.write('tool-s3/main.tofu', 'terraform {\n  backend "s3" {\n    bucket = "state"\n    key    = "k"\n    region = "eu-west-1"\n  }\n}\n'));
    const TF_ENCRYPTION = 'key_provider "pbkdf2" "k" {\n  passphrase = "correct-horse-battery-staple-42"\n}\nmethod "aes_gcm" "m" {\n  keys = key_provider.pbkdf2.k\n}\nstate {\n  method = method.aes_gcm.m\n}\n';
    const run = await twinguard(['check', dir, '--tool', 'opentofu', '--format', 'json'], { env: { TF_ENCRYPTION } });
    expect(json(run).findings).toEqual([expect.objectContaining({ ruleId: 'terraform-state-encrypted', address: 'terraform.backend.s3', status: 'fail' })]);
  });

  it('reads the code of --code as the named tool does', async () => {
    const run = await twinguard(['check', clean, '--code', mixed, '--tool', 'opentofu', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('check: exit codes and the JSON document', () => {
  it('exits 0 when nothing blocks, and 1 with --strict when a resource type is not understood', async () => {
    const run = twinguardProcess(['check', clean, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const doc = json(run);
    expect(doc).toMatchObject({ version: 1, tool: { name: 'twinguard' }, findings: [], summary: { passed: true, blocking: 0 } });
    expect(doc.coverage.uncheckedTypes).toEqual([{ type: 'null_resource', count: 1 }]);
    const strict = await twinguard(['check', clean, '--strict', '--format', 'json']);
    expect(strict.code).toBe(1);
    expect(json(strict)).toMatchObject({ summary: { passed: false, blocking: 1 }, coverage: { strict: true } });
  });

  it('reads a pipe as a plan, as it reads stdin: check <(terraform show -json tfplan)', () => {
    // The shell names the pipe /dev/fd/63; it was refused as "not a regular file or directory".
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check --format json <(cat "${keys}")`], { encoding: 'utf8' });
    expect({ code: run.status, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
    const doc = json(run);
    expect(doc.inputs).toEqual([{ input: expect.stringMatching(/^\/(dev|proc\/self)\/fd\/\d+$/), kind: 'plan', resources: 3 }]);
    expect(doc.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['kms-key-rotation', 'kms-key-rotation', 'kms-key-rotation']);
  });

  it('exits 1 on blocking findings, reported with full instance addresses', async () => {
    const run = twinguardProcess(['check', keys, '--format', 'json']);
    expect(run.code).toBe(1);
    const doc = json(run);
    expect(doc.inputs).toEqual([{ input: keys, kind: 'plan', resources: 3 }]);
    expect(doc.findings.map((f: { address: string }) => f.address)).toEqual([
      'aws_kms_key.main',
      'module.keys["eu/west"].aws_kms_key.k["data"]',
      'module.keys["eu/west"].aws_kms_key.k["logs"]',
    ]);
    for (const f of doc.findings) {
      expect(f).toMatchObject({ ruleId: 'kms-key-rotation', category: 'encryption-at-rest', status: 'fail', blocking: true, input: keys });
      expect(f.references.length).toBeGreaterThan(0);
    }
  });

  it('--timings prints where the time went to stderr, and changes neither the report nor the exit code', async () => {
    const plain = await twinguard(['check', keys, '--format', 'json']);
    const timed = await twinguard(['check', keys, '--format', 'json', '--timings']);
    expect(timed.code).toBe(plain.code);
    expect(json(timed).findings).toEqual(json(plain).findings);
    expect(plain.stderr).toBe('');
    const lines = timed.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('twinguard timings:');
    expect(lines.slice(1, 4).map((line) => line.trim().split(/\s+/)[0])).toEqual(['load', 'graph', 'rules']);
    // The slowest rules follow, each line an id of a rule that ran and its milliseconds.
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2,4}[a-z0-9-]+ +\d+ ms$/);
    expect(lines.slice(4).map((line) => line.trim().split(/\s+/)[0])).toContain('kms-key-rotation');
  });

  it('reads a plan from stdin', async () => {
    const run = twinguardProcess(['check', '-', '--format', 'json'], { input: JSON.stringify(keysPlan()) });
    expect(run.code).toBe(1);
    expect(json(run).findings.every((f: { input: string }) => f.input === '-')).toBe(true);
  });

  it('checks several inputs in one run, in a deterministic order', async () => {
    const first = await twinguard(['check', keys, clean, '--format', 'json']);
    const again = await twinguard(['check', keys, clean, '--format', 'json']);
    expect(first.code).toBe(1);
    expect(json(first).inputs.map((i: { input: string }) => i.input)).toEqual([keys, clean]);
    expect(again.stdout).toBe(first.stdout);
  });

  it.each([
    ['a plan named twice, absolute and relative', () => [keys, path.basename(keys)]],
    ['a .tf directory named three ways', () => [path.dirname(tmp.write('twice/main.tf', 'resource "aws_kms_key" "k" {}\n')), 'twice/', './twice']],
  ])('%s is read once, by the name first given: the report is that of the input named once (each finding was reported once per name)', (_, inputs) => {
    const named = inputs();
    const report = (args: readonly string[]) => json(twinguardProcess(['check', ...args, '--format', 'json'], { cwd: tmp.dir }));
    const once = report([named[0]]);
    expect(once.findings.length).toBeGreaterThan(0);
    expect(report(named)).toEqual(once);
  });

  it('severity overrides and failOn change what blocks; unknown/disabled rules are configuration errors', async () => {
    const lenient = tmp.write('lenient.yaml', 'failOn: high\n');
    expect((await twinguard(['check', keys, '--config', lenient])).code).toBe(0);
    const raised = tmp.write('raised.yaml', 'failOn: high\nrules:\n  severity:\n    kms-key-rotation: critical\n');
    const run = await twinguard(['check', keys, '--config', raised, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(json(run).findings[0].severity).toBe('critical');
    const disabled = tmp.write('disabled.yaml', 'rules:\n  disable: [kms-key-rotation]\n');
    const off = await twinguard(['check', keys, '--config', disabled, '--format', 'json']);
    expect(off.code).toBe(0);
    expect(json(off).rules.map((r: { id: string }) => r.id)).not.toContain('kms-key-rotation');
  });
});

describe('cdktf output', () => {
  const stack = (name: string) => ({
    '//': { metadata: { version: '0.21.0', stackName: name, backend: 'local' } },
    provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { Environment: 'dev', Owner: 'platform-team', DataClassification: 'internal' } }] }] },
    resource: {
      aws_kms_key: {
        key: {
          '//': { metadata: { path: `${name}/workspace/key`, uniqueId: 'key' } },
          enable_key_rotation: false,
          deletion_window_in_days: 30,
        },
      },
    },
  });

  it('checks every stack of a cdktf.out directory and shows the construct path beside the address', async () => {
    tmp.write('app/cdktf.out/manifest.json', { version: '0.21.0', stacks: { 'twinmaker-dev': { name: 'twinmaker-dev', synthesizedStackPath: 'stacks/twinmaker-dev/cdk.tf.json', workingDirectory: 'stacks/twinmaker-dev' }, 'twinmaker-prod': { name: 'twinmaker-prod', synthesizedStackPath: 'stacks/twinmaker-prod/cdk.tf.json', workingDirectory: 'stacks/twinmaker-prod' } } });
    tmp.write('app/cdktf.out/stacks/twinmaker-dev/cdk.tf.json', stack('twinmaker-dev'));
    tmp.write('app/cdktf.out/stacks/twinmaker-prod/cdk.tf.json', stack('twinmaker-prod'));
    const run = await twinguard(['check', path.join(tmp.dir, 'app', 'cdktf.out')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}aws_kms_key\.key {2}\(twinmaker-dev\/workspace\/key\) {2}line \d+$/m);
    expect(run.stdout).toMatch(/^ {2}aws_kms_key\.key {2}\(twinmaker-prod\/workspace\/key\) {2}line \d+$/m);
    const byDefault = twinguardProcess(['check'], { cwd: path.join(tmp.dir, 'app') });
    expect(byDefault.code).toBe(1);
    expect(byDefault.stdout).toContain('cdktf.out/stacks/twinmaker-prod/cdk.tf.json');
  });

  it('reads a manifest written on Windows, whose stack paths hold backslashes (cdktf joins them with the platform separator)', async () => {
    tmp.write('win/cdktf.out/manifest.json', { version: '0.21.0', stacks: { 'twinmaker-dev': { name: 'twinmaker-dev', synthesizedStackPath: 'stacks\\twinmaker-dev\\cdk.tf.json', workingDirectory: 'stacks\\twinmaker-dev' } } });
    tmp.write('win/cdktf.out/stacks/twinmaker-dev/cdk.tf.json', stack('twinmaker-dev'));
    const run = await twinguard(['check', path.join(tmp.dir, 'win', 'cdktf.out')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}aws_kms_key\.key {2}\(twinmaker-dev\/workspace\/key\)/m);
  });

  // Terraform (and cdktf deploy, in the stack's directory) reads every .tf and .tf.json file there with
  // cdk.tf.json, and cdktf synth leaves files it did not write: the bucket of a main.tf beside it went unjudged, exit 0.
  it('a directory holding .tf files beside a cdk.tf.json, named alone or as a stack of a cdktf.out, is refused in one line; its cdk.tf.json named alone is read', async () => {
    const clean = {
      ...stack('twinmaker-dev'),
      resource: { aws_kms_key: { key: { '//': { metadata: { path: 'twinmaker-dev/workspace/key', uniqueId: 'key' } }, enable_key_rotation: true, deletion_window_in_days: 30 } } },
      terraform: { backend: { s3: { bucket: 'state', key: 'dev', region: 'us-east-1', encrypt: true, kms_key_id: 'arn:aws:kms:us-east-1:111111111111:key/abc' } } },
    };
    tmp.write('beside/cdktf.out/manifest.json', { version: '0.21.0', stacks: { 'twinmaker-dev': { name: 'twinmaker-dev', synthesizedStackPath: 'stacks/twinmaker-dev/cdk.tf.json', workingDirectory: 'stacks/twinmaker-dev' } } });
    const file = tmp.write('beside/cdktf.out/stacks/twinmaker-dev/cdk.tf.json', clean);
    const out = path.join(tmp.dir, 'beside', 'cdktf.out');
    const dir = path.dirname(file);
    expect((await twinguard(['check', out])).code).toBe(0);
    tmp.write('beside/cdktf.out/stacks/twinmaker-dev/extra.tf', 'resource "aws_s3_bucket" "open" {\n  bucket = "open"\n}\n');
    for (const target of [out, dir, path.join(tmp.dir, 'beside')]) {
      expectUnusable(await twinguard(['check', target]), `twinguard: ${dir}: holds .tf files beside its cdk.tf.json, which Terraform reads with it as one module: read as either, the other's resources would go unjudged; move them out (or into the app), check the stack's plan, or name its cdk.tf.json to check it alone`);
    }
    const alone = await twinguard(['check', file]);
    expect({ code: alone.code, stderr: alone.stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('colours', () => {
  const ESC = '\u001b[';
  it('only on a terminal, never with NO_COLOR or --no-color, never in a file', async () => {
    expect((await twinguard(['check', keys], { tty: true })).stdout).toContain(ESC);
    expect((await twinguard(['check', keys], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await twinguard(['check', keys, '--no-color'], { tty: true })).stdout).not.toContain(ESC);
    const file = path.join(tmp.dir, 'colour.txt');
    await twinguard(['check', keys, '--output', file], { tty: true });
    expect(fs.readFileSync(file, 'utf8')).not.toContain(ESC);
  });
});

describe('formats', () => {
  const out = (name: string) => path.join(tmp.dir, 'reports', name);
  let run: Awaited<ReturnType<typeof twinguard>>;
  beforeAll(async () => {
    run = await twinguard(['check', keys, '-f', 'sarif', '-o', out('r.sarif'), '-o', out('r.md'), '-f', 'markdown', '-f', 'junit', '-o', out('r.xml'), '-f', 'text']);
  });

  it('writes each --format to its --output, and the format without one to stdout', async () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Result: FAIL (3 blocking)');
    expect(JSON.parse(fs.readFileSync(out('r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(fs.readFileSync(out('r.md'), 'utf8')).toMatch(/^### ❌ twinguard: 3 blocking/);
    expect(fs.readFileSync(out('r.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it('text: grouped by resource, no colours when not on a TTY', async () => {
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout.match(/^ {2}module\.keys\["eu\/west"\]\.aws_kms_key\.k\["logs"\]$/m)).not.toBeNull();
    expect(run.stdout).toMatch(/^Summary: 3 blocking; 3 fail \(encryption-at-rest: 3 fail/m);
    expect(run.stdout).toMatch(/^Coverage: 3\/3 resources evaluated/m);
  });

  it('junit: one failing test case per (rule, resource)', async () => {
    const doc = create(fs.readFileSync(out('r.xml'), 'utf8')).end({ format: 'object' }) as unknown as { testsuites: Record<string, string> };
    expect(doc.testsuites['@failures']).toBe('3');
    expect(fs.readFileSync(out('r.xml'), 'utf8')).toContain('name="kms-key-rotation module.keys[&quot;eu/west&quot;].aws_kms_key.k[&quot;data&quot;]"');
  });

  it('sarif: results carry the address as a logical location and the input as the artifact', async () => {
    const result = JSON.parse(fs.readFileSync(out('r.sarif'), 'utf8')).runs[0].results[1];
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('module.keys["eu/west"].aws_kms_key.k["data"]');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(`file://${keys}`);
  });
});

describe('waivers from the configuration file', () => {
  const LIVE = inDays(30);
  const config = (name: string, waivers: string) => tmp.write(name, `waivers:\n${waivers}`);
  const w = (rule: string, address: string, expires = LIVE, owner = 'team-crypto') =>
    `  - rule: ${rule}\n    address: '${address}'\n    reason: Keys rotated by the HSM team, see SEC-123\n    owner: ${owner}\n    expires: ${expires}\n`;

  it('a glob on module and for_each instance addresses waives exactly those instances', async () => {
    const run = await twinguard(['check', keys, '--config', config('w1.yaml', w('kms-key-rotation', 'module.keys[*].aws_kms_key.k[*]')), '--format', 'json']);
    expect(run.code).toBe(1);
    const doc = json(run);
    expect(doc.findings.map((f: { address: string; status: string; blocking: boolean }) => [f.address, f.status, f.blocking])).toEqual([
      ['aws_kms_key.main', 'fail', true],
      ['module.keys["eu/west"].aws_kms_key.k["data"]', 'waived', false],
      ['module.keys["eu/west"].aws_kms_key.k["logs"]', 'waived', false],
    ]);
    expect(doc.findings[1].waiver).toEqual({ reason: 'Keys rotated by the HSM team, see SEC-123', owner: 'team-crypto', expires: LIVE });
  });

  it('waiving every finding passes; the waived findings stay in every format', async () => {
    const cfg = config('w2.yaml', w('kms-key-rotation', 'module.keys["eu/west"].aws_kms_key.k["data"]') + w('kms-key-rotation', '*.aws_kms_key.k["logs"]') + w('kms-key-rotation', 'aws_kms_key.main'));
    const run = await twinguard(['check', keys, '--config', cfg, '-f', 'sarif', '-o', path.join(tmp.dir, 'w.sarif'), '-f', 'junit', '-o', path.join(tmp.dir, 'w.xml'), '-f', 'text']);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/WAIVED/g)).toHaveLength(3);
    const sarif = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'w.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { suppressions?: { justification: string }[] }) => r.suppressions?.[0].justification)).toEqual(
      Array(3).fill(expect.stringContaining('Keys rotated by the HSM team')),
    );
    expect(fs.readFileSync(path.join(tmp.dir, 'w.xml'), 'utf8').match(/<skipped/g)).toHaveLength(3);
  });

  it('an expired waiver no longer applies and is itself reported, blocking', async () => {
    const run = await twinguard(['check', keys, '--config', config('w3.yaml', w('kms-key-rotation', '**', '2020-01-31')), '--format', 'json']);
    expect(run.code).toBe(1);
    const doc = json(run);
    expect(doc.findings.every((f: { status: string }) => f.status === 'fail')).toBe(true);
    expect(doc.waivers).toEqual([expect.objectContaining({ kind: 'expired', ruleId: 'kms-key-rotation', blocking: true, expires: '2020-01-31' })]);
    expect(doc.summary.blocking).toBe(4);
  });

  it('a waiver that matches nothing is reported as stale, not blocking', async () => {
    const run = await twinguard(['check', clean, '--config', config('w4.yaml', w('kms-key-rotation', 'aws_kms_key.gone')), '--format', 'json']);
    expect(run.code).toBe(0);
    expect(json(run).waivers).toEqual([expect.objectContaining({ kind: 'stale', address: 'aws_kms_key.gone', blocking: false })]);
  });

  it('a waiver whose findings an earlier one all waives is reported as stale, naming the earlier one, not as matching no finding', async () => {
    const cfg = config('w4b.yaml', w('kms-key-rotation', 'module.keys[*].aws_kms_key.k[*]') + w('kms-key-rotation', '*.aws_kms_key.k["logs"]') + w('kms-key-rotation', 'aws_kms_key.gone'));
    const run = await twinguard(['check', keys, '--config', cfg, '--format', 'text']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('waiver #2 matches only findings waiver #1 already waives (the first live waiver in file order that matches a finding applies): remove it');
    expect(run.stdout).toContain('waiver #3 matches no finding: remove it, or fix its rule id or address glob');
    expect(run.stdout).not.toContain('waiver #2 matches no finding');
  });

  it('an unwaivable rule cannot be waived, and the attempt is reported', async () => {
    const cfg = tmp.write('w5.yaml', `rules:\n  unwaivable: [kms-key-rotation]\nwaivers:\n${w('kms-key-rotation', '**')}`);
    const run = await twinguard(['check', keys, '--config', cfg, '--format', 'json']);
    expect(run.code).toBe(1);
    const doc = json(run);
    expect(doc.findings.every((f: { status: string; blocking: boolean }) => f.status === 'fail' && f.blocking)).toBe(true);
    expect(doc.waivers).toEqual([expect.objectContaining({ kind: 'unwaivable', ruleId: 'kms-key-rotation' })]);
  });

  it('for_each keys that mask alike: the masked address copied from the report is refused; the key as the code writes it waives that instance alone', async () => {
    const users = tmp.write('users.json', plan([res('aws_iam_user.dev["john.doe@example.com"]', { name: 'u-1' }), res('aws_iam_user.dev["jane.roe@example.com"]', { name: 'u-2' })]));
    const rule = 'no-sensitive-data-in-instance-keys';
    // The report's address: its * matched both keys, and waived jane's finding with john's.
    const copied = await twinguard(['check', users, '--config', config('w8.yaml', w(rule, 'aws_iam_user.dev["j***@e***.com"#2]'))]);
    expectUnusable(copied, /^twinguard: \S*w8\.yaml: waivers\[0\]\.address: holds a masked form \(\*\*\*\) as a report shows it, .*write the instance key as the code writes it/);
    expect(copied.stderr).not.toContain('#2');
    const run = await twinguard(['check', users, '--config', config('w9.yaml', w(rule, 'aws_iam_user.dev["john.doe@example.com"]')), '--format', 'json']);
    expect(run.code).toBe(1);
    const found = json(run).findings.filter((f: { ruleId: string }) => f.ruleId === rule);
    expect(found.map((f: { address: string; status: string }) => [f.address, f.status])).toEqual([
      ['aws_iam_user.dev["j***@e***.com"#1]', 'fail'],
      ['aws_iam_user.dev["j***@e***.com"#2]', 'waived'],
    ]);
    expect(run.stdout).not.toMatch(/john|jane/);
  });

  it('a configuration that would silence an unwaivable rule without a waiver is refused: exit 2, one line naming the file and the rule', async () => {
    // Each ran with exit 0: "No findings" with the rule off, "(not blocking)" with its severity below failOn.
    const off = tmp.write('w6.yaml', 'rules:\n  unwaivable: [kms-key-rotation]\n  disable: [kms-key-rotation]\n');
    expectUnusable(await twinguard(['check', keys, '--config', off]), /w6\.yaml: rules\.disable: "kms-key-rotation" is unwaivable \(rules\.unwaivable\), and a rule turned off never blocks/);
    const lowered = tmp.write('w7.yaml', 'rules:\n  unwaivable: [kms-key-rotation]\n  severity: { kms-key-rotation: low }\nfailOn: critical\n');
    expectUnusable(await twinguard(['check', keys, '--config', lowered]), /w7\.yaml: rules\.severity: "kms-key-rotation" is unwaivable \(rules\.unwaivable\), and at low, below failOn \(critical\)/);
  });
});

describe('--output never replaces a file the check reads', () => {
  const dir = tmp.write('clobber/infra/main.tf', 'variable "x" {}\nresource "aws_sqs_queue" "q" {}\n').replace(/\/infra\/main\.tf$/, '');
  const at = (name: string): string => path.join(dir, name);
  tmp.write('clobber/plan.json', fs.readFileSync(clean, 'utf8'));
  tmp.write('clobber/twinguard.config.yaml', 'version: 1\n');
  tmp.write('clobber/vars.tfvars', 'x = 1\n');
  fs.symlinkSync(at('plan.json'), at('link.json'));
  fs.linkSync(at('plan.json'), at('hard.json'));
  tmp.write('clobber/module/main.tf', 'resource "aws_sqs_queue" "m" {}\n');

  // Inputs named absolute, outputs relative to the working directory: each would be written without the check.
  it.each([
    ['the input plan', ['check', at('plan.json'), '-f', 'sarif', '-o', 'plan.json'], 'plan.json', /--output plan\.json: is the input the check reads/],
    ['the input through another path', ['check', at('plan.json'), '-f', 'json', '-o', './sub/../plan.json'], 'plan.json', /is the input the check reads/],
    ['the input through a symbolic link', ['check', at('link.json'), '-f', 'json', '-o', 'plan.json'], 'plan.json', /is the input the check reads/],
    ['the configuration file found in the working directory', ['check', at('plan.json'), '-o', 'twinguard.config.yaml'], 'twinguard.config.yaml', /is the configuration file the check reads/],
    ['a variable file', ['check', at('infra'), '--var-file', at('vars.tfvars'), '-f', 'junit', '-o', 'vars.tfvars'], 'vars.tfvars', /is the variable file the check reads/],
    ['a .tf file of an input directory', ['check', at('infra'), '-f', 'json', '-o', 'infra/main.tf'], 'infra/main.tf', /is named as Terraform code or a variable file/],
    // A local module's files are read too, wherever they are: no report goes onto a file named as code.
    ['a .tf file outside the inputs (a local module)', ['check', at('plan.json'), '-f', 'json', '-o', 'module/main.tf'], 'module/main.tf', /is named as Terraform code or a variable file/],
    ['the input through a hard link', ['check', at('plan.json'), '-f', 'json', '-o', 'hard.json'], 'hard.json', /is the input the check reads/],
  ])('%s: exit 2, one line, the file unchanged', async (_name, args, file, mention) => {
    const before = fs.readFileSync(at(file), 'utf8');
    expectUnusable(await twinguard(args, { cwd: dir }), mention);
    expect(fs.readFileSync(at(file), 'utf8')).toBe(before);
  });

  it('a report beside the inputs, or in a directory of code, is written', async () => {
    const run = await twinguard(['check', at('plan.json'), '--code', at('infra'), '-f', 'json', '-o', 'infra/twinguard.json', '-f', 'sarif', '-o', 'twinguard.sarif'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(JSON.parse(fs.readFileSync(at('infra/twinguard.json'), 'utf8')).version).toBe(1);
    expect(fs.existsSync(at('twinguard.sarif'))).toBe(true);
  });
});

describe('masking: no raw secret or personal datum in any format', () => {
  const formats = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
  let outputs: Record<string, string>;
  let run: Awaited<ReturnType<typeof twinguard>>;
  beforeAll(async () => {
    const args = formats.flatMap((f) => ['--format', f, '--output', path.join(tmp.dir, 'masked', `report.${f}`)]);
    run = await twinguard(['check', leaky, ...args]);
    outputs = Object.fromEntries(formats.map((f) => [f, fs.readFileSync(path.join(tmp.dir, 'masked', `report.${f}`), 'utf8')]));
  });

  it('the plan is caught: exit 1 with sensitive-data findings', async () => {
    expect(run.code).toBe(1);
    expect(JSON.parse(outputs.json).findings.filter((f: { category: string }) => f.category === 'sensitive-data').length).toBeGreaterThanOrEqual(5);
  });

  it.each(formats)('%s holds none of the raw values, but their masked forms', async (format) => {
    // Markdown as it reads once rendered: its escapes and the zero-width space after an @ undone.
    const shown = format === 'markdown' ? outputs[format].replace(/\\(.)/g, '$1').replace(/&#8203;/g, '') : outputs[format];
    for (const [name, secret] of Object.entries(SECRETS)) {
      for (const text of [outputs[format], shown]) {
        expect({ name, leaked: text.includes(secret) }).toEqual({ name, leaked: false });
        expect({ name, leaked: text.includes(JSON.stringify(secret).slice(1, -1)) }).toEqual({ name, leaked: false });
      }
    }
    expect(shown).toContain('j***@e***.com');
    expect(shown).toContain('https://***:***@db.example.com/');
  });
});

describe('an unexpected error', () => {
  it('is caught and printed as one line, exit 2, never a stack trace', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require(BIN) as { main: (argv: readonly string[], io: unknown) => Promise<number> };
    let stderr = '';
    const code = await main(['check', keys], {
      cwd: tmp.dir,
      env: {},
      stdoutIsTty: false,
      stdout: () => {
        throw new TypeError('writer broke\n    at somewhere (file.js:1:1)');
      },
      stderr: (text: string) => {
        stderr += text;
      },
    });
    expectUnusable({ code, stdout: '', stderr }, /internal error \(please report it\): TypeError: writer broke/);
  });
});

describe('rules and explain', () => {
  it('rules lists id, category, severity and title', async () => {
    const run = await twinguard(['rules']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^ID\s+CATEGORY\s+SEVERITY\s+TITLE$/);
    expect(run.stdout).toMatch(/^kms-key-rotation\s+encryption-at-rest\s+medium\s+\S/m);
    // An opt-in rule is marked once, by its id: its title said "(opt-in)" again.
    const efs = run.stdout.split('\n').find((line) => line.startsWith('efs-deny-insecure-transport'));
    expect(efs?.match(/\(opt-in\)/g)).toHaveLength(1);
  });

  // It judges nothing until requireTopicQueueTransportPolicy: true, and was listed as any rule on by default.
  it('rules marks a rule a default setting keeps from judging as off by default, and counts what is on', async () => {
    const run = await twinguard(['rules']);
    expect(run.stdout).toMatch(/^topic-queue-deny-insecure-transport \(off by default\)\s+encryption-in-transit\s/m);
    expect(run.stdout).toMatch(/^required-tags\s+tagging\s/m);
    const rows = run.stdout.split('\n\n')[0].split('\n').slice(1);
    const on = rows.filter((row) => !/^\S+ \((opt-in|off by default)\)/.test(row)).length;
    const optIn = rows.filter((row) => /^\S+ \(opt-in\)/.test(row)).length;
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      `${rows.length} rules, ${on} on by default; ${optIn} opt-in (rules.enable); 1 off by default, turned on by a setting: topic-queue-deny-insecure-transport (requireTopicQueueTransportPolicy)`,
    );
  });

  it("explain prints the rule's doc page", async () => {
    const page = path.join(__dirname, '..', '..', 'docs', 'rules', 'kms-key-rotation.md');
    const run = await twinguard(['explain', 'kms-key-rotation']);
    if (!fs.existsSync(page)) {
      expectUnusable(run, /documentation page is missing/);
      return;
    }
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(fs.readFileSync(page, 'utf8'));
  });
});

describeWithShared('real plans (../shared/fixtures/real-plans)', () => {
  const index = realPlanIndex();
  const plans = index.filter((e) => e.category === 'plan' || e.category === 'encoding').map((e) => path.join(REAL_PLANS_DIR, e.file));
  const negatives = index.filter((e) => e.category === 'negative').map((e) => e.file);
  const sarif = path.join(tmp.dir, 'real', 'all.sarif');
  let run: Awaited<ReturnType<typeof twinguard>>;
  beforeAll(async () => {
    run = await twinguard(['check', ...plans, '--format', 'json', '--format', 'sarif', '--output', sarif]);
  });

  it('every real plan and encoding variant goes through one run: exit 0 or 1, one input summary each', async () => {
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    const doc = json(run);
    expect(doc.inputs.map((i: { input: string }) => i.input)).toEqual(plans);
    expect(run.code).toBe(doc.summary.blocking > 0 ? 1 : 0);
  });

  it('the SARIF of all of them validates against the SARIF 2.1.0 schema', async () => {
    const validate = sarifValidator();
    expect(validate(JSON.parse(fs.readFileSync(sarif, 'utf8')))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it.each(negatives)('%s is refused: exit 2, one line', async (file) => {
    expectUnusable(await twinguard(['check', path.join(REAL_PLANS_DIR, file)]), path.basename(file));
  });
});
