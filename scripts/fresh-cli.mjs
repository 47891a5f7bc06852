// The twinguard CLI bundle `npm start` and `npm run deploy` run (dist/twinguard.js), built from this
// checkout's checks/ every time they start (esbuild: well under a second). Built only when missing,
// it was whatever an earlier `npm ci` or `npm run build` left: after a `git pull`, the synth-time
// check (run from the sources by tsx) held the stacks to the new rules while the gate judged the plan
// it applied with the old ones, and a rule added or tightened since did not stop the apply.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Build dist/twinguard.js of the project at `root` and return its path; throws an Error saying why it could not be built. */
export function freshCli(root) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) {
    throw new Error(`the twinguard CLI could not be built from this checkout (node scripts/build.mjs ${build.error ? `could not start: ${build.error.message}` : `exited with ${build.status ?? build.signal}`})`);
  }
  return join(root, 'dist', 'twinguard.js');
}
