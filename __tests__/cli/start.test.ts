import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireBuilt } from './run';

const ROOT = path.join(__dirname, '..', '..');
const FAKE_NPX = path.join(ROOT, '__tests__', 'fixtures', 'gate', 'npx-bin');

/**
 * `npm start` (scripts/start.mjs) with the stand-in `npx` first on PATH failing `cdktf synth` the way
 * cdktf 0.21 does: the app's stderr logged on stdout, then cdktf's own generic error on stderr with the
 * app's stderr indented under "Command output on stderr:". `appStderr` is what the app wrote; by default
 * the synth-time twinguard check's validation failure (cdktf's header, then one line per finding).
 */
function startWithFailingSynth(appStderr?: string): { status: number | null; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${FAKE_NPX}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_NPX_FAIL: '1' };
  if (appStderr !== undefined) env.FAKE_NPX_APP_STDERR = appStderr;
  delete env.FAKE_TF_LOG;
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, encoding: 'utf8', env });
  return { status: run.status, stderr: run.stderr };
}

describe('npm start', () => {
  it("a synth that fails says why in one line: the app's own message, not cdktf's generic one; exit 2", () => {
    const line = 'config: environment "staging", field "accountId": expected a 12-digit AWS account id, got "22222"';
    const run = startWithFailingSynth(`${line}\n`);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`npm start: cdktf synth failed (exit 1): ${line}`]);
  });

  it('a synth the synth-time twinguard check stopped shows each finding, one a line, under the line saying so; exit 2', () => {
    const run = startWithFailingSynth();
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'npm start: cdktf synth failed (exit 1): Validation failed with the following errors:',
      expect.stringMatching(/^ {2}\[twinmaker-dev\] twinguard kms-key-rotation \(medium\): aws_kms_key\.twinmaker_key_322E27FD \(twinmaker-dev\/twinmaker\/key\): `enable_key_rotation` is false\./),
      expect.stringMatching(/^ {2}\[twinmaker-dev\] twinguard s3-bucket-deny-tls-below-1-2 \(medium\): aws_s3_bucket\.twinmaker_trail-bucket_77061FFF /),
    ]);
  });
});

/**
 * `npm start` in a copy of the project (its scripts, with its sources, node_modules and the example
 * configuration linked, and a dist/twinguard.js left by an earlier build that passes everything)
 * whose cdktf.json says `output`; an earlier synth left a cdktf.out whose only stack has a key
 * without rotation, which blocks. The stand-in `npx` writes where cdktf.json says, a stack with no
 * resource (which passes), or `synthesized` when given.
 */
function startWithOutput(output: string, synthesized?: object): { status: number | null; stdout: string; stderr: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-start-'));
  try {
    fs.cpSync(path.join(ROOT, 'scripts'), path.join(root, 'scripts'), { recursive: true });
    for (const dir of ['checks', 'examples', 'node_modules']) fs.symlinkSync(path.join(ROOT, dir), path.join(root, dir));
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'dist', 'twinguard.js'), "process.stdout.write('stale twinguard\\nResult: PASS\\n');\n");
    fs.writeFileSync(path.join(root, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'npx tsx main.ts', output }));
    const stack = path.join(root, 'cdktf.out', 'stacks', 'twinmaker-dev');
    fs.mkdirSync(stack, { recursive: true });
    fs.writeFileSync(path.join(stack, 'cdk.tf.json'), JSON.stringify({ resource: { aws_kms_key: { key: { enable_key_rotation: false, deletion_window_in_days: 30 } } } }));
    fs.writeFileSync(path.join(root, 'cdktf.out', 'manifest.json'), JSON.stringify({ version: 'earlier', stacks: { 'twinmaker-dev': { name: 'twinmaker-dev', workingDirectory: 'stacks/twinmaker-dev', synthesizedStackPath: 'stacks/twinmaker-dev/cdk.tf.json' } } }));
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${FAKE_NPX}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_NPX_STACKS: 'twinmaker-dev', NO_COLOR: '1' };
    if (synthesized !== undefined) env.FAKE_NPX_STACK_JSON = JSON.stringify(synthesized);
    delete env.FAKE_TF_LOG;
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { cwd: root, encoding: 'utf8', env });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe("npm start checks what the synth just wrote, where cdktf.json's output says", () => {
  beforeAll(requireBuilt);

  it('"output": "build": build is checked (it passes), not the cdktf.out an earlier synth left (it would block)', () => {
    const run = startWithOutput('build');
    expect(run.stdout).toContain('npm start: checking build with twinguard');
    expect(run.stdout).toContain('Result: PASS');
    expect(run.stdout).not.toContain('stale twinguard');
    expect(run.status).toBe(0);
  });

  // Built only when missing, the bundle an earlier `npm ci` left checked the synth's output after a `git pull`.
  it('checks with a CLI built from the checkout, not a dist/twinguard.js an earlier build left: a key without rotation blocks, exit 1', () => {
    const run = startWithOutput('cdktf.out', { resource: { aws_kms_key: { key: { enable_key_rotation: false, deletion_window_in_days: 30 } } } });
    expect(run.stdout).not.toContain('stale twinguard');
    expect(run.stdout).toMatch(/FAIL +medium +kms-key-rotation/);
    expect(run.status).toBe(1);
  });
});
