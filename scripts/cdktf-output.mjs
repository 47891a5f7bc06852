// Where `cdktf synth` wrote the app's output, for `npm start` and `npm run deploy`: cdktf.json's
// `output` in the directory the synth ran in, else cdktf.out, as cdktf-cli reads it. A hard-coded
// cdktf.out checked and deployed what an earlier synth left there when the project writes elsewhere.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** cdktf-cli's default when cdktf.json names no `output`. */
const DEFAULT_OUTPUT = 'cdktf.out';

/**
 * How much older than the synth's start a manifest it wrote may look: a file system that keeps
 * modification times to the second (or two, FAT) rounds them down.
 */
const CLOCK_SLACK_MS = 2000;

/** The output directory of the cdktf project in `dir`, as cdktf.json writes it (relative to `dir`, or absolute). Throws an Error saying why it cannot be known. */
export function cdktfOutput(dir) {
  let text;
  try {
    text = readFileSync(join(dir, 'cdktf.json'), 'utf8');
  } catch (error) {
    // No cdktf.json: cdktf-cli takes its defaults.
    if (error.code === 'ENOENT') return DEFAULT_OUTPUT;
    throw new Error(`cdktf.json cannot be read (${error.code ?? error.message})`);
  }
  let config;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new Error(`cdktf.json is not valid JSON (${error.message})`);
  }
  const output = config?.output;
  if (output === undefined) return DEFAULT_OUTPUT;
  if (typeof output !== 'string' || output.trim() === '') throw new Error(`cdktf.json: "output" must be a directory name, got ${JSON.stringify(output)}`);
  return output;
}

/**
 * The manifest a synth that started at `since` (ms since the epoch) wrote in `output` (relative to
 * `dir`, or absolute), parsed. Throws an Error naming the file when it is missing, unreadable or older than the
 * synth: then the synth wrote elsewhere, and what is there is an earlier synth's.
 */
export function freshManifest(dir, output, since) {
  const file = join(output, 'manifest.json');
  let text;
  let modified;
  try {
    modified = statSync(resolve(dir, file)).mtimeMs;
    text = readFileSync(resolve(dir, file), 'utf8');
  } catch (error) {
    throw new Error(`${file} cannot be read after the synth (${error.code ?? error.message})`);
  }
  if (modified < since - CLOCK_SLACK_MS) throw new Error(`${file} was not written by this synth (it is from ${new Date(modified).toISOString()}): the synth wrote its output elsewhere`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error.message})`);
  }
}
