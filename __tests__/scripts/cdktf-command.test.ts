/**
 * scripts/cdktf-command.mjs: how `npm start` and `npm run deploy` run `cdktf synth`. On Windows npx is
 * `npx.cmd`, which Node (since 18.20.2, 20.12.2 and 21.7.3) refuses to spawn without a shell (EINVAL), so node
 * runs cdktf-cli's JS entry itself. The platform is passed in: these run on Linux, never on Windows.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/shared';

const MODULE = path.join(REPO_ROOT, 'scripts', 'cdktf-command.mjs');

/** `cdktfCommand(dir, ['synth'], platform, 'C:\\node\\node.exe')` as JSON, or the message it throws. */
function command(dir: string, platform: string): { command?: string; args?: string[]; error?: string } {
  const code = `import { cdktfCommand } from ${JSON.stringify(MODULE)};
try { console.log(JSON.stringify(cdktfCommand(${JSON.stringify(dir)}, ['synth'], ${JSON.stringify(platform)}, 'C:\\\\node\\\\node.exe'))); }
catch (error) { console.log(JSON.stringify({ error: error.message })); }`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

const cdktfCli = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'cdktf-cli', 'package.json'), 'utf8')) as { version: string };

describe('cdktf synth, run by npm start and npm run deploy', () => {
  it('elsewhere than Windows is npx cdktf synth, as before', () => {
    expect(command(REPO_ROOT, 'linux')).toEqual({ command: 'npx', args: ['cdktf', 'synth'] });
  });

  it("on Windows is node running cdktf-cli's JS entry (no .cmd shim, no shell)", () => {
    const run = command(REPO_ROOT, 'win32');
    expect(run.command).toBe('C:\\node\\node.exe');
    // node resolves the package's real path (node_modules may be a link).
    expect(run.args).toEqual([path.join(fs.realpathSync(path.join(REPO_ROOT, 'node_modules', 'cdktf-cli')), 'bundle', 'bin', 'cdktf'), 'synth']);
  });

  it('that entry is cdktf-cli: node alone runs it, without a shell', () => {
    const [entry] = command(REPO_ROOT, 'win32').args ?? [];
    const run = spawnSync(process.execPath, [entry, '--version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' }, timeout: 60_000 });
    expect(run.status).toBe(0);
    // Its first line; cdktf may add warnings about this machine's terraform configuration after it.
    expect(run.stdout.split('\n')[0]).toBe(cdktfCli.version);
  });

  it('on Windows without cdktf-cli installed is one message naming the directory and what to run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-no-cdktf-'));
    try {
      expect(command(dir, 'win32')).toEqual({ error: `cdktf-cli is not installed for ${dir} (run npm ci)` });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
