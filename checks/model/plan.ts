/**
 * The plan JSON loader: the output of `terraform show -json PLANFILE` / `tofu show -json`, every
 * `format_version` 0.1 to 1.x, from a file, stdin or an already parsed object.
 *
 * Files and streams are read incrementally (see `plan/splitter.ts`): memory follows the largest
 * single resource, not the file, so plans of any size load. Anything that is not a complete plan
 * is refused with a one-line `InputError` naming the input and the problem.
 *
 * Conventions of the result (see also `plan/config.ts`):
 * - `resources`: what an apply leaves behind — every change but delete-only and forget, plus
 *   resources found only in `planned_values` / `prior_state` (actions `['no-op']`).
 * - `module` of a resource is the module instance address (`module.a["x"]`); module paths of
 *   providers, module calls and outputs are configuration paths (`module.a`), '' for the root.
 * - `providerConfigKey` is `aws`, `aws.east` at the root and `module.a.module.b:aws` in a module;
 *   Terraform 0.12–1.0's bare `b:aws` is rewritten to the full module path.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { promisify } from 'node:util';
import { InputError } from '../errors';
import type { LoadedInput } from './types';
import { type AssemblerOptions, PlanAssembler } from './plan/assemble';
import { type Decoded, NotJsonError, utf8Chunks, WRAPPER_HINT } from './plan/decode';
import { BeyondLimits, describeJsonValue, JsonSplitter, JsonSyntaxError, NotAnObjectError, RepeatedKeyError, repeatedWalkedKey } from './plan/splitter';
import { ioProblem } from './io-problem';
import { nestsTooDeep, TOO_DEEP } from './nesting';
import { ValueStore } from './plan/store';

/** Read size for files: large enough to keep the per-chunk overhead negligible. */
const FILE_CHUNK_BYTES = 1 << 20;

/** A plan from an already parsed document (tests, small inputs). */
export function parsePlanDocument(doc: unknown, input: string): LoadedInput {
  if (nestsTooDeep(doc)) throw new InputError(input, TOO_DEEP);
  return assemble(doc, input);
}

function assemble(doc: unknown, input: string, options: AssemblerOptions = {}): LoadedInput {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(input, `not a Terraform plan: ${new NotAnObjectError(describeJsonValue(doc)).message}`);
  }
  const assembler = new PlanAssembler(input, options);
  assembler.feedDocument(doc as Record<string, unknown>);
  return assembler.finish();
}

/**
 * Files up to this size are decoded and parsed whole: about three times faster than streaming
 * for the plans people usually have, and still a small multiple of the file in memory.
 */
const WHOLE_FILE_BYTES = 16 << 20;

export interface PlanFileOptions extends AssemblerOptions {
  /** Files larger than this are streamed, their values left in the file (`plan/store.ts`). Default 16 MiB. */
  readonly streamAbove?: number;
}

/** A plan from a file (`input` is the name used in messages, by default the path). */
export async function loadPlanFile(path: string, input: string = path, options: PlanFileOptions = {}): Promise<LoadedInput> {
  let stats: fs.Stats;
  try {
    stats = await fs.promises.stat(path);
  } catch (error) {
    throw new InputError(input, `cannot read: ${describeIoError(error)}`);
  }
  if (stats.isDirectory()) throw new InputError(input, 'cannot read: it is a directory, not a plan JSON file');
  // A pipe (`<(terraform show -json tfplan)`) or a device has no size to go by and may never end
  // (/dev/zero, `<(yes)`): read as stdin is, refused at its first bytes if they start no plan.
  if (stats.isFIFO() || stats.isCharacterDevice()) return streamPlan(await openStream(path, stats, input), input, options);
  if (stats.size > (options.streamAbove ?? WHOLE_FILE_BYTES)) {
    // Values stay in the file (UTF-8 only: offsets into transcoded text are not file offsets).
    const useStore = (assembler: PlanAssembler, { encoding, bom }: Decoded): void => {
      if (encoding === 'utf8') assembler.useStore(new ValueStore(path, input, bom));
    };
    return streamPlan(fileChunks(path), input, options, useStore);
  }
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(path);
  } catch (error) {
    throw new InputError(input, `cannot read: ${describeIoError(error)}`);
  }
  return loadWhole(bytes, input, options);
}

/**
 * A file's bytes in chunks read into one buffer: each chunk is valid until the next is asked for
 * (the splitter copies what it keeps, `utf8Chunks` joins its head). A read stream allocates a
 * buffer per chunk, fresh memory the system maps page by page. Measured on the bench's 30k plan
 * (49 MB) on a 2-core VM, reading alone: a read stream 0.7 to 1.2 s of wall time and 14,600 page
 * faults, one buffer 0.03 to 0.08 s and 2,600; a whole check faults 2,000 to 2,900 pages fewer.
 */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const file = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(FILE_CHUNK_BYTES);
    for (;;) {
      // Filled before it is handed on: only the last chunk is short.
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) return;
      yield buffer.subarray(0, filled);
    }
  } finally {
    await file.close();
  }
}

/**
 * A pipe or a device, as a stream that stops reading when dropped. A pipe is opened as a socket,
 * as Node opens a piped stdin: a file stream's read waits on a thread for the writer's next bytes
 * (or its end), and Node would not exit before it came, so a refused input open for writing kept
 * the check waiting as long as the writer did. Opening waits, as terraform does, for a writer.
 */
async function openStream(path: string, stats: fs.Stats, input: string): Promise<AsyncIterable<Buffer>> {
  if (!stats.isFIFO()) return fs.createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES });
  let fd: number;
  try {
    fd = await promisify(fs.open)(path, 'r');
  } catch (error) {
    throw new InputError(input, `cannot read: ${describeIoError(error)}`);
  }
  return new net.Socket({ fd, readable: true, writable: false });
}

/**
 * A small input parsed with one `JSON.parse`. When that fails, the streaming path reads it again
 * to give the same precise refusal (byte offset, wrapper hint) as for a large input.
 */
async function loadWhole(bytes: Buffer, input: string, options: AssemblerOptions): Promise<LoadedInput> {
  let doc: unknown;
  let text: Buffer;
  try {
    const decoded: Buffer[] = [];
    for await (const chunk of utf8Chunks([bytes])) decoded.push(chunk);
    text = Buffer.concat(decoded);
    doc = JSON.parse(text.toString('utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw toInputError(error, input);
    return streamPlan([bytes], input, options);
  }
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) checkNoRepeatedKey(text, input);
  // Refused by the streaming path, which says where.
  if (nestsTooDeep(doc)) return streamPlan([bytes], input, options);
  return assemble(doc, input, options);
}

/**
 * Refuse the repeated keys the streaming path refuses (a second `resource_changes`…), which
 * `JSON.parse` silently drops: the same document gets the same answer whatever its size.
 */
function checkNoRepeatedKey(text: Buffer, input: string): void {
  const repeated = repeatedWalkedKey(text);
  if (repeated) throw toInputError(repeated, input);
}

/** A plan from a stream of bytes or text (stdin: `input` is `-`). */
export function loadPlanStream(source: AsyncIterable<Buffer | string>, input: string): Promise<LoadedInput> {
  return streamPlan(source, input);
}

async function streamPlan(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer>,
  input: string,
  options: AssemblerOptions = {},
  onDecided?: (assembler: PlanAssembler, decoded: Decoded) => void,
): Promise<LoadedInput> {
  const assembler = new PlanAssembler(input, options);
  const splitter = new JsonSplitter(assembler);
  try {
    for await (const chunk of utf8Chunks(source, onDecided && ((decoded) => onDecided(assembler, decoded)))) splitter.push(chunk);
    splitter.finish();
    return assembler.finish();
  } catch (error) {
    throw toInputError(error, input);
  }
}

/**
 * A second document after the first: several plans in one stream, as `terragrunt run-all show
 * -json` writes them (one per module, a line each). Which one was meant is not ours to guess.
 */
const SEVERAL_DOCUMENTS =
  'another JSON document follows the first, and twinguard reads one plan per file (`terragrunt run-all show -json` writes one per module, a line each): save each plan to a file of its own and check them together';

/** The one-line refusal for a failure while reading. Programming errors pass through unchanged. */
function toInputError(error: unknown, input: string): unknown {
  if (error instanceof InputError) return error;
  if (error instanceof NotJsonError) return new InputError(input, error.reason);
  if (error instanceof NotAnObjectError) return new InputError(input, `not a Terraform plan: ${error.message}`);
  if (error instanceof RepeatedKeyError) return new InputError(input, `not a valid plan: ${error.message}; readers disagree on which one counts, so twinguard does not guess`);
  if (error instanceof BeyondLimits) return new InputError(input, `${error.detail} (at byte ${error.byteOffset})`);
  if (error instanceof JsonSyntaxError) {
    if (error.trailing !== undefined && /::(?:set-output|debug|error|warning)|^%0A/.test(error.trailing)) {
      return new InputError(input, `not a Terraform plan: ${WRAPPER_HINT}`);
    }
    if (error.trailing?.startsWith('{')) return new InputError(input, `invalid JSON at byte ${error.byteOffset}: ${SEVERAL_DOCUMENTS}`);
    return new InputError(input, `invalid JSON at byte ${error.byteOffset}: ${error.detail}`);
  }
  if (isIoError(error)) return new InputError(input, `cannot read: ${describeIoError(error)}`);
  return error;
}

const isIoError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory, not a plan JSON file';
  return ioProblem(error) ?? (error as Error).message.split('\n')[0];
}
