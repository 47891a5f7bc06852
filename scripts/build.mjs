// Bundle the twinguard CLI (checks/cli.ts) into dist/twinguard.js with esbuild: plain JavaScript,
// so a pipeline pays no TypeScript transpiler at start-up. node_modules stay external and are
// required at run time. Runs in `npm ci` through the `prepare` script.
import { chmodSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'twinguard.js');
// Written beside, then renamed: a build running while another process runs the CLI never exposes half a file.
const partial = `${outfile}.${process.pid}.partial`;

try {
  await build({
    entryPoints: [join(root, 'checks', 'cli.ts')],
    outfile: partial,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: false,
    logLevel: 'warning',
  });
  chmodSync(partial, 0o755);
  renameSync(partial, outfile);
} catch (error) {
  console.error(`build: esbuild could not bundle checks/cli.ts: ${error.message.split('\n')[0]}`);
  process.exit(1);
}
