// `npm start`: synthesize every environment with cdktf, then run `twinguard check` on its output
// (cdktf.json's `output`, else cdktf.out; the manifest this synth wrote, never an earlier one's) with
// the project's twinguard.config.yaml, else in strict mode (examples/twinguard.config.yaml), and
// print the text report. The exit code is
// twinguard's (0 pass, 1 blocking findings, 2 unusable); a synth that fails exits 2 with one line
// saying so, and when the synth-time check stopped it, the findings that did, one a line.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cdktfCommand } from './cdktf-command.mjs';
import { cdktfOutput, freshManifest } from './cdktf-output.mjs';
import { freshCli } from './fresh-cli.mjs';
import { EXAMPLE_CONFIG, ownConfig } from './project-config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

const VALIDATION_HEADER = 'Validation failed with the following errors:';

/**
 * What a failed synth's output says stopped it: the first line the app wrote to stderr (cdktf
 * repeats it under "Command output on stderr:", after its own "cdktf encountered an error"), else
 * the first error, else the last line. When that line is the header of cdktf's stack validation
 * (the synth-time twinguard check), the lines below it, one per error (`[twinmaker-dev] twinguard
 * kms-key-rotation (medium): …`), go with it: the header alone says nothing of what to fix.
 */
function reasonOf(output) {
  const lines = stripAnsi(output).split(/\r?\n/).map((l) => l.trim());
  const spinner = (l) => /^[\u2800-\u28ff]/.test(l);
  const stderrAt = lines.indexOf('Command output on stderr:');
  const appAt = stderrAt >= 0 ? lines.findIndex((l, i) => i > stderrAt && l !== '' && !spinner(l)) : -1;
  const shown = lines.filter(Boolean);
  const first = appAt >= 0 ? lines[appAt] : shown.find((l) => /\berror\b/i.test(l)) ?? shown[shown.length - 1] ?? 'no output';
  if (!first.endsWith(VALIDATION_HEADER)) return first;
  // The errors follow the header up to the blank line before cdktf's "If you wish to ignore these validations".
  const from = appAt >= 0 ? appAt : lines.indexOf(first);
  const end = lines.indexOf('', from + 1);
  const errors = lines.slice(from + 1, end < 0 ? undefined : end).filter((l) => !spinner(l));
  return [VALIDATION_HEADER, ...errors.map((l) => `  ${l}`)].join('\n');
}

// The CLI that checks the synth's output is built from this checkout, as the synth-time check runs from it.
let bin;
try {
  bin = freshCli(root);
} catch (error) {
  console.error(`npm start: ${error.message}`);
  process.exit(2);
}

let output;
try {
  output = cdktfOutput(root);
} catch (error) {
  console.error(`npm start: ${error.message}`);
  process.exit(2);
}

let cdktf;
try {
  cdktf = cdktfCommand(root, ['synth']);
} catch (error) {
  console.error(`npm start: ${error.message}`);
  process.exit(2);
}

console.log('npm start: synthesizing every environment (cdktf synth)…');
const synthStarted = Date.now();
const synth = spawnSync(cdktf.command, cdktf.args, {
  cwd: root,
  env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (synth.status !== 0) {
  const why = synth.error ? synth.error.message : reasonOf(`${synth.stderr}\n${synth.stdout}`);
  console.error(`npm start: cdktf synth failed (exit ${synth.status ?? 'none'}): ${why}`);
  process.exit(2);
}

// The project's own twinguard.config.yaml when there is one (synth-time checks and the gated deploy
// read it too, so a waiver written there counts everywhere); else the strict example: a resource
// type no rule understands blocks unless accepted there.
const config = ownConfig(root) ?? EXAMPLE_CONFIG;
try {
  freshManifest(root, output, synthStarted);
} catch (error) {
  console.error(`npm start: ${error.message}`);
  process.exit(2);
}
console.log(`npm start: checking ${output} with twinguard (--config ${config})`);
const checked = spawnSync(process.execPath, [bin, 'check', output, '--config', config, '--format', 'text'], { cwd: root, stdio: 'inherit' });
process.exit(checked.status ?? 2);
