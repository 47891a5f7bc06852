import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * `npm start` (scripts/start.mjs) with a stand-in `npx` first on PATH that fails `cdktf synth` the
 * way cdktf 0.21 does: its own generic error first, the app's line under "Command output on stderr:".
 */
function startWithFailingSynth(appLine: string): { status: number | null; stderr: string } {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-start-'));
  try {
    const output = [
      '\u001b[91m[2026-11-30T08:09:56.419] [ERROR] default - \u001b[39m' + appLine,
      'ERROR: cdktf encountered an error while synthesizing',
      '',
      'Synth command: npx tsx main.ts',
      'Error:         non-zero exit code 1',
      '',
      'Command output on stderr:',
      '',
      `    ${appLine}`,
      '',
      '\u2839  Synthesizing',
    ].join('\n');
    fs.writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\ncat >&2 <<'EOF'\n${output}\nEOF\nexit 1\n`, { mode: 0o755 });
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` } });
    return { status: run.status, stderr: run.stderr };
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
}

describe('npm start', () => {
  it("a synth that fails says why in one line: the app's own message, not cdktf's generic one; exit 2", () => {
    const line = 'config: environment "staging", field "accountId": expected a 12-digit AWS account id, got "22222"';
    const run = startWithFailingSynth(line);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`npm start: cdktf synth failed (exit 1): ${line}`]);
  });
});
