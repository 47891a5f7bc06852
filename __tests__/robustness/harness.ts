/**
 * What the robustness tests share: run the CLI's in-process `main` on a document written to a
 * temporary file, and what a fresh check of an already parsed document reports.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check, exitCodeOf, render } from '../../checks/check';
import { main } from '../../checks/cli';
import { loadConfig } from '../../checks/config';
import { parsePlanDocument } from '../../checks/model/plan';
import type { InputKind } from '../../checks/model/types';
import { utf8Chunks } from '../../checks/model/plan/decode';
import { ALL_RULES } from '../../checks/rules/index';

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temporary directory, removed by `cleanup`. Its cwd holds no configuration file. */
export function scratch(): { dir: string; file: (name: string, content: string | Buffer) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-robustness-'));
  return {
    dir,
    file: (name, content) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** `twinguard check <file> --format json` in this process, run from `cwd`; the input read as a plan unless `kind` says otherwise. */
export const checkFile = (file: string, cwd: string, kind: InputKind = 'plan'): Promise<CliOutcome> => runCheck([file, '--input-kind', kind], cwd);

/** `twinguard check <args>` in this process, run from `cwd`, with `--format json` unless `args` choose a format. */
export async function runCheck(args: readonly string[], cwd: string): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(['check', ...args, ...(args.includes('--format') ? [] : ['--format', 'json'])], {
    cwd,
    env: {},
    stdoutIsTty: false,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** What the CLI must print for a plan document it read completely: exit code and JSON report. */
export function freshCheck(doc: unknown, input: string, cwd: string): { code: number; stdout: string } {
  const config = loadConfig(undefined, cwd, ALL_RULES);
  const checked = check([parsePlanDocument(doc, input)], config);
  return { code: exitCodeOf(checked.report), stdout: render(checked, 'json') };
}

/**
 * The document, when the bytes decode (as the loader decodes them: BOM, UTF-16) to one JSON
 * value; undefined otherwise.
 */
export async function parsedOrUndefined(bytes: Buffer): Promise<unknown> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of utf8Chunks([bytes])) chunks.push(chunk);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
