/**
 * Where a root module keeps its state.
 *
 * - In a configuration: the `terraform` blocks' `backend "s3" { … }` (hcl2json gives
 *   `{ backend: { s3: [ { … } ] } }`, cdk.tf.json `{ backend: { s3: { … } } }`) or HCP Terraform's
 *   `cloud { … }`. Terraform allows one of them in a root module; the first found is taken.
 * - In a working directory after `terraform init` (what `twinguard gate` reads): the backend state
 *   file `.terraform/terraform.tfstate` (`$TF_DATA_DIR/terraform.tfstate`), format version 3:
 *   `{ "version": 3, "backend": { "type": "s3", "config": { … }, "hash": … } }`. It holds the
 *   configuration's settings merged with `-backend-config`, so a partial configuration is complete
 *   there. No file, or no backend in it, is Terraform's implied local backend.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { labeled } from './cdktf';
import { invalidJsonMessage } from './json-error';
import { isRecord } from './records';
import type { BackendData, ConfigNode, LoadedInput } from './types';
import { ValueView } from './value';

type Body = Record<string, unknown>;

/**
 * How a loader reads a block's settings OpenTofu evaluates at init (a backend, an encryption key
 * provider): their values, and where it evaluated them, the code they are written as.
 */
export type SettingsReader = (settings: Body) => { readonly settings: ValueView; readonly config?: ConfigNode };

/** The settings as written: a loader that evaluates no expression there. */
export const asWritten: SettingsReader = (settings) => ({ settings: new ValueView(settings) });

const firstBody = (value: unknown): Body | undefined => (Array.isArray(value) ? value.find(isRecord) : isRecord(value) ? value : undefined);

/**
 * The backend an input states: the one its code writes, or the one `terraform init` recorded (the
 * gate: `-backend-config` values included); not the implied local backend, which nothing configures.
 */
export const statedBackend = (input: Pick<LoadedInput, 'backend'>): BackendData | undefined =>
  input.backend !== undefined && input.backend.origin !== 'implied' ? input.backend : undefined;

/** Where findings on a backend point: `terraform.backend.s3`, or `terraform.cloud`. */
export const backendAddress = (backend: Pick<BackendData, 'type'>): string => (backend.type === 'cloud' ? 'terraform.cloud' : `terraform.backend.${backend.type}`);

/**
 * The backend of `terraform` block bodies, or undefined when they write none. `evaluated` reads its
 * settings as OpenTofu does (1.8: variables and locals evaluated at init); by default they are taken
 * as written, as Terraform, which allows no expression there, takes them.
 */
export function backendOf(terraformBlocks: readonly Body[], evaluated: SettingsReader = asWritten): BackendData | undefined {
  const found = (type: string, settings: Body): BackendData => {
    const read = evaluated(settings);
    return { type, settings: read.settings, written: new ValueView(settings), ...(read.config ? { config: read.config } : {}), origin: 'configuration' };
  };
  for (const block of terraformBlocks) {
    const cloud = firstBody(block.cloud);
    if (cloud !== undefined) return found('cloud', cloud);
    for (const [type, value] of labeled(block.backend)) {
      const settings = firstBody(value);
      if (settings !== undefined) return found(type, settings);
    }
  }
  return undefined;
}

/**
 * The variables of the environment a backend takes a setting from where its block (or, after init, what init recorded)
 * sets none: the http backend's addresses (Terraform's `EnvDefaultFunc`, an empty variable being none).
 */
const ENVIRONMENT_SETTINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  http: { address: 'TF_HTTP_ADDRESS', lock_address: 'TF_HTTP_LOCK_ADDRESS', unlock_address: 'TF_HTTP_UNLOCK_ADDRESS' },
};

/** `backend` with the settings `env` gives where it sets none (`BackendData.environment`). */
export function withEnvironment<B extends BackendData | undefined>(backend: B, env: Readonly<Record<string, string | undefined>>): B {
  if (backend === undefined) return backend;
  const environment: Record<string, { variable: string; value: string }> = {};
  for (const [setting, variable] of Object.entries(ENVIRONMENT_SETTINGS[backend.type] ?? {})) {
    const value = env[variable];
    if (value !== undefined && value !== '' && backend.settings.get(setting).string().kind === 'absent') environment[setting] = { variable, value };
  }
  return Object.keys(environment).length > 0 ? { ...backend, environment } : backend;
}

/** Terraform's implied `local` backend: what a root module that configures none uses. */
export const impliedLocalBackend = (): BackendData => ({ type: 'local', settings: new ValueView({}), origin: 'implied' });

/** The backend state file of the working directory `dir`, as Terraform finds it (`TF_DATA_DIR`, relative to `dir`). */
const backendStateFile = (dir: string, env: NodeJS.ProcessEnv): string => path.resolve(dir, env.TF_DATA_DIR || '.terraform', 'terraform.tfstate');

/**
 * The backend `terraform init` configured in `dir`. Throws InputError (naming the file) when the
 * backend state file is there but cannot be read: the gate cannot say where the state goes.
 */
export function initializedBackend(dir: string, env: NodeJS.ProcessEnv): BackendData {
  const file = backendStateFile(dir, env);
  const implied = impliedLocalBackend();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return implied;
    throw new InputError(file, `cannot read the backend state terraform init wrote (${(error as NodeJS.ErrnoException).code ?? 'read error'})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `the backend state terraform init wrote is ${invalidJsonMessage(error, text)}`);
  }
  if (!isRecord(doc) || doc.version !== 3) throw new InputError(file, 'not a backend state file of format version 3 (as Terraform and OpenTofu write it)');
  const backend = doc.backend;
  if (backend === undefined || backend === null) return implied;
  if (!isRecord(backend) || typeof backend.type !== 'string' || (backend.config !== undefined && backend.config !== null && !isRecord(backend.config))) {
    throw new InputError(file, 'its "backend" is not { "type": …, "config": { … } }');
  }
  if (backend.type === '') return implied;
  return withEnvironment({ type: backend.type, settings: new ValueView(backend.config ?? {}), origin: 'init' }, env);
}
