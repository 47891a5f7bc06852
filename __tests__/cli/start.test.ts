import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

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
