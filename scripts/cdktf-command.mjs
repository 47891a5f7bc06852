// How `npm start` and `npm run deploy` run cdktf-cli: `npx cdktf <args>`, except on Windows. There
// npx is a `.cmd` shim, which Node refuses to spawn without a shell since 18.20.2, 20.12.2 and 21.7.3
// (spawn EINVAL: the fix for CVE-2024-27980), and a shell would parse the arguments again. So on
// Windows node itself runs cdktf-cli's JS entry (its package.json `bin`), as the shim would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The JS file cdktf-cli's `cdktf` command runs, as installed for the project in `dir` (node's
 * resolution from there: its node_modules or a parent's). Throws an Error saying why it cannot be found.
 */
export function cdktfEntry(dir) {
  let manifestPath;
  try {
    manifestPath = createRequire(join(dir, 'package.json')).resolve('cdktf-cli/package.json');
  } catch {
    throw new Error(`cdktf-cli is not installed for ${dir} (run npm ci)`);
  }
  let bin;
  try {
    bin = JSON.parse(readFileSync(manifestPath, 'utf8')).bin;
  } catch (error) {
    throw new Error(`${manifestPath} cannot be read (${error.code ?? error.message})`);
  }
  const entry = typeof bin === 'string' ? bin : bin?.cdktf;
  if (typeof entry !== 'string') throw new Error(`${manifestPath} names no cdktf command ("bin")`);
  return join(dirname(manifestPath), entry);
}

/**
 * The command and arguments that run `cdktf <args>` for the project in `dir` on `platform`, spawned
 * without a shell: `npx cdktf …`, or on Windows node (`execPath`) with cdktf-cli's entry (`cdktfEntry`).
 */
export function cdktfCommand(dir, args, platform = process.platform, execPath = process.execPath) {
  if (platform !== 'win32') return { command: 'npx', args: ['cdktf', ...args] };
  return { command: execPath, args: [cdktfEntry(dir), ...args] };
}
