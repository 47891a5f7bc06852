/**
 * Run the built command as a user would: `node dist/twinguard.js …` in a child process, and
 * helpers to write scenario files (plans from plan-builder, configs, junk) to a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/shared';

export const BIN = path.join(REPO_ROOT, 'dist', 'twinguard.js');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** In-process runs only: pretend stdout is a terminal. */
  readonly tty?: boolean;
  /** Text fed to stdin. */
  readonly input?: string | Buffer;
  readonly env?: Record<string, string | undefined>;
}

/** The bundle must exist; when the global setup could not build it, say why. */
export function requireBuilt(): void {
  if (fs.existsSync(BIN)) return;
  const reasonFile = path.join(REPO_ROOT, 'dist', 'BUILD_ERROR');
  const reason = fs.existsSync(reasonFile) ? fs.readFileSync(reasonFile, 'utf8').trim() : 'run `npm run build`';
  throw new Error(`dist/twinguard.js is missing: ${reason}`);
}

/** The built bundle's `main`, run in this process: the same code as the command, without a process start per case. */
export async function twinguard(args: readonly string[], options: Omit<RunOptions, 'input'> = {}): Promise<Run> {
  requireBuilt();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(BIN) as { main: (argv: readonly string[], io: unknown) => Promise<number> };
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...options.env },
    stdoutIsTty: options.tty === true,
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** One finding of a JSON report, as tests read it. */
export interface ReportFinding {
  readonly ruleId: string;
  readonly address: string;
  readonly status: string;
  readonly message: string;
  readonly path?: string;
}

/** The findings of a `twinguard check` of `args` (JSON report), and what it wrote to stderr. */
export async function checkFindings(args: readonly string[]): Promise<{ findings: ReportFinding[]; stderr: string }> {
  const run = await twinguard(['check', ...args, '--format', 'json']);
  return { findings: JSON.parse(run.stdout).findings, stderr: run.stderr };
}

/**
 * The statuses of one rule's findings in a `twinguard check` of `args` (JSON report), by address;
 * `withPath` adds where in the resource (`fail at policy_arn`).
 */
export async function ruleStatuses(ruleId: string, args: readonly string[], withPath = false): Promise<Record<string, string>> {
  const { findings } = await checkFindings(args);
  return Object.fromEntries(findings.filter((f) => f.ruleId === ruleId).map((f) => [f.address, withPath && f.path ? `${f.status} at ${f.path}` : f.status]));
}

/** The command in a child process, exactly as a user runs it (stdin, process exit code, last-resort error handling). */
export function twinguardProcess(args: readonly string[], options: RunOptions = {}): Run {
  requireBuilt();
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input,
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `run` on a temporary directory holding `files` (each by its path in it), removed after. */
export async function withFiles<T>(files: Readonly<Record<string, string>>, run: (dir: string) => Promise<T>): Promise<T> {
  const scenario = tempDir();
  try {
    for (const [name, text] of Object.entries(files)) scenario.write(name, text);
    return await run(scenario.dir);
  } finally {
    scenario.cleanup();
  }
}

/** A fresh temporary directory, removed by the caller's afterAll via `cleanup`. */
export function tempDir(): { dir: string; write: (name: string, content: string | Buffer | object) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-cli-'));
  return {
    dir,
    write: (name, content) => {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 1));
      return file;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Exit 2 with exactly one line on stderr, no stack trace: what every unusable input must give. */
export function expectUnusable(run: Run, mention?: string | RegExp): void {
  const lines = run.stderr.split('\n').filter((l) => l.length > 0);
  expect({ code: run.code, lines: lines.length }).toEqual({ code: 2, lines: 1 });
  expect(run.stderr).not.toMatch(/\n\s+at |node:internal|\.ts:\d+|\.js:\d+/);
  expect(run.stderr.startsWith('twinguard: ')).toBe(true);
  if (mention) expect(lines[0]).toMatch(mention);
}
