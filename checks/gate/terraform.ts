/**
 * Running terraform (or tofu) for the gate: `child_process.spawn` with an argument array, never a
 * shell; terraform's stdout goes where the caller says (forwarded to our stderr, so our stdout
 * carries only the report, or into a file for `show -json`), its stderr is inherited unless the
 * caller takes it (to mask it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** How a terraform run ended. */
export type Exit = { readonly code: number; readonly signal?: undefined } | { readonly code: null; readonly signal: NodeJS.Signals };

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** A file descriptor for the child's stdout, or a function receiving its text. */
  readonly stdout: number | ((text: string) => void);
  /** A function receiving the child's stderr text; by default the child writes to ours directly. */
  readonly stderr?: (text: string) => void;
}

/**
 * The executable: `--binary`, else `TWINGUARD_TERRAFORM`, else `terraform` from PATH. A relative
 * path (`./bin/tofu`) is taken from `cwd`, not from the Terraform directory terraform runs in.
 */
export function terraformBinary(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const chosen = flag || env.TWINGUARD_TERRAFORM || 'terraform';
  return /[\\/]/.test(chosen) && !path.isAbsolute(chosen) ? path.resolve(cwd, chosen) : chosen;
}

/**
 * SIGINT, SIGTERM and SIGHUP while the gate runs. Without handlers Node would exit at once:
 * terraform left running, and the plan file (which holds sensitive values in clear) left in the
 * temporary directory. With them, no step starts after a signal, the running terraform is let to
 * stop gracefully, and the gate cleans up and says so.
 *
 * terraform runs in a process group of its own (`runTerraform`), so that a signal to the gate's
 * group reaches it only through the gate: a closed terminal or a dropped ssh session sends SIGHUP
 * to the whole foreground group, and terraform, stopping gracefully on SIGINT and SIGTERM only,
 * died of it at once (Go's default), mid-apply: a half-applied state, a lock left behind. The gate
 * passes on one signal to each terraform run: SIGINT as SIGINT (Ctrl-C, which no longer reaches
 * terraform through the group), SIGTERM and SIGHUP as SIGTERM. Never a second one: terraform takes
 * a second signal of either kind as "exit immediately" and abandons its work (state unwritten), and
 * the gate may get the same signal twice (from the group and from `npm run deploy` passing it on).
 */
export class Interruption {
  #signal: NodeJS.Signals | undefined;
  #child: ChildProcess | undefined;
  /** Whether the running terraform was given its one signal. */
  #passedOn = false;
  readonly #handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, () => this.#receive(signal)] as const);

  constructor() {
    for (const [signal, handler] of this.#handlers) process.on(signal, handler);
  }

  /** The first signal received, if any. */
  get signal(): NodeJS.Signals | undefined {
    return this.#signal;
  }

  #receive(signal: NodeJS.Signals): void {
    this.#signal ??= signal;
    if (this.#child === undefined || this.#passedOn) return;
    this.#passedOn = true;
    this.#child.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  }

  /** The terraform now running (undefined when none). */
  running(child: ChildProcess | undefined): void {
    this.#child = child;
    this.#passedOn = false;
  }

  /** Stop listening: the process's own handling of the signals returns. */
  dispose(): void {
    for (const [signal, handler] of this.#handlers) process.off(signal, handler);
  }
}

/**
 * The environment terraform runs in: `env`, with `TF_IN_AUTOMATION=1` (no "run terraform apply" hints) and
 * `CHECKPOINT_DISABLE=1` (no update check online at checkpoint-api.hashicorp.com on every step, as `npm run deploy`
 * and `npm start` give it), each unless the user set it, even empty.
 */
const childEnvironment = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, TF_IN_AUTOMATION: env.TF_IN_AUTOMATION ?? '1', CHECKPOINT_DISABLE: env.CHECKPOINT_DISABLE ?? '1' });

/**
 * Run `binary args…` in `cwd`. Rejects only when the process cannot start (ENOENT, EACCES).
 *
 * Where there are process groups (not on Windows, where `detached` opens a new console), terraform
 * gets one of its own: signals reach it through `interruption` alone (see `Interruption`). Not
 * unref'd: the gate waits for it. Should the gate itself die by SIGKILL, terraform goes on alone,
 * as it did before when the gate alone was signalled; it stops when its step ends. In a group of
 * its own it is a background job of the terminal: a caller that lets it write to the terminal
 * (stderr inherited) may see it stopped under `stty tostop`; the gate takes both streams.
 */
export function runTerraform(binary: string, args: readonly string[], options: RunOptions, interruption?: Interruption): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], {
      cwd: options.cwd,
      env: childEnvironment(options.env),
      stdio: ['ignore', typeof options.stdout === 'number' ? options.stdout : 'pipe', options.stderr ? 'pipe' : 'inherit'],
      shell: false,
      detached: process.platform !== 'win32',
    });
    interruption?.running(child);
    const forward = options.stdout;
    if (typeof forward === 'function') child.stdout?.setEncoding('utf8').on('data', (text: string) => forward(text));
    const errors = options.stderr;
    if (errors) child.stderr?.setEncoding('utf8').on('data', (text: string) => errors(text));
    child.once('error', (error) => {
      interruption?.running(undefined);
      reject(error);
    });
    child.once('close', (code, signal) => {
      interruption?.running(undefined);
      resolve(code === null ? { code: null, signal: signal ?? 'SIGKILL' } : { code });
    });
  });
}

/** `exited with code 1`, `was killed by SIGTERM`. */
export const describeExit = (exit: Exit): string => (exit.code === null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`);

/** Where the gate runs, as `describeSpawnError` asks it: the platform, the environment (its PATH) and whether a file exists. */
export interface SpawnHost {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly exists: (file: string) => boolean;
}

const HOST: SpawnHost = { platform: process.platform, env: process.env, exists: fs.existsSync };

const BATCH = /\.(?:cmd|bat)$/i;

/**
 * On Windows, the batch script (`.cmd`, `.bat`) that stopped `binary` from starting: Node starts
 * none without a shell (spawn EINVAL since 18.20.2, 20.12.2 and 21.7.3, the fix for CVE-2024-27980), and the
 * gate uses none; and its search for a name without an extension tries `.com` and `.exe` only, so a
 * `terraform.cmd` shim on PATH is not found (ENOENT). The script named, else the first one PATH holds
 * for the name (or beside a path given without an extension).
 */
function batchScript(binary: string, code: string | undefined, host: SpawnHost): string | undefined {
  if (host.platform !== 'win32') return undefined;
  if (BATCH.test(binary)) return code === 'EINVAL' ? binary : undefined;
  if (code !== 'ENOENT' || path.win32.extname(binary) !== '') return undefined;
  const pathKey = Object.keys(host.env).find((key) => key.toUpperCase() === 'PATH');
  const dirs = /[\\/]/.test(binary) ? [''] : (host.env[pathKey ?? 'PATH'] ?? '').split(';').map((dir) => dir.trim().replace(/^"(.*)"$/, '$1')).filter((dir) => dir !== '');
  for (const dir of dirs) {
    for (const ext of ['.cmd', '.bat']) {
      const file = dir === '' ? `${binary}${ext}` : path.win32.join(dir, `${binary}${ext}`);
      if (host.exists(file)) return file;
    }
  }
  return undefined;
}

/** Why a process could not start, in a few words (one line). */
export function describeSpawnError(binary: string, error: unknown, host: SpawnHost = HOST): string {
  const code = (error as NodeJS.ErrnoException).code;
  const script = batchScript(binary, code, host);
  if (script !== undefined) {
    const exe = `${path.win32.basename(binary).replace(BATCH, '')}.exe`;
    const what = script === binary ? `${binary} is a batch script` : `${binary} was not found as a program: ${script} is a batch script`;
    return `${what}, which the gate cannot run (Node starts .cmd and .bat files only through a shell, and the gate uses none): put ${exe} on PATH, or choose it with --binary or TWINGUARD_TERRAFORM`;
  }
  if (code === 'ENOENT') return `${binary} was not found (install it, or choose the executable with --binary or TWINGUARD_TERRAFORM)`;
  if (code === 'EACCES') return `${binary} cannot be executed (permission denied)`;
  return `${binary} could not start (${code ?? (error as Error).message})`;
}

/** SHA-256 of a file, hex. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
