/**
 * Jest global setup: give the run its own TMPDIR (removed by global-teardown.js), and build
 * dist/twinguard.js once before the tests, so CLI tests run the command a user runs. A failed
 * build does not stop unrelated test files: it removes the stale bundle and leaves its one-line
 * reason in dist/BUILD_ERROR, which the CLI tests report.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function buildDist() {
  // cdktf's Testing helpers synthesize into new os.tmpdir()/cdktf.outdir.* directories and never
  // remove them: the workers and child processes of this run share one TMPDIR, which
  // global-teardown.js removes.
  const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-jest-'));
  process.env.TMPDIR = runTmp;
  globalThis.__twinguardRunTmp = runTmp;
  const root = path.resolve(__dirname, '..', '..');
  const dist = path.join(root, 'dist');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  fs.mkdirSync(dist, { recursive: true });
  const errorFile = path.join(dist, 'BUILD_ERROR');
  if (result.status === 0) {
    fs.rmSync(errorFile, { force: true });
    return;
  }
  const reason = `${result.stderr || result.stdout || 'unknown error'}`.trim().split('\n')[0];
  fs.rmSync(path.join(dist, 'twinguard.js'), { force: true });
  fs.writeFileSync(errorFile, `${reason}\n`);
  process.stderr.write(`\n[global-setup] dist/twinguard.js was not built: ${reason}\n`);
};
