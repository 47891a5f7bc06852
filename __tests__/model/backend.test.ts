/**
 * Where state goes: the backend a configuration writes (`backendOf`), and the backend `terraform
 * init` recorded in a working directory (`initializedBackend`, what `twinguard gate` reads).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { backendOf, initializedBackend } from '../../checks/model/backend';
import { InputError } from '../../checks/errors';

const summary = (backend: ReturnType<typeof backendOf>) => backend && { type: backend.type, settings: backend.settings.raw, origin: backend.origin };

describe('backendOf: the terraform blocks of a configuration', () => {
  it('reads a backend block as hcl2json (a list of bodies) and cdk.tf.json (a body) write it', () => {
    expect(summary(backendOf([{ backend: { s3: [{ bucket: 'b', encrypt: true }] } }]))).toEqual({ type: 's3', settings: { bucket: 'b', encrypt: true }, origin: 'configuration' });
    expect(summary(backendOf([{ required_providers: {} }, { backend: { local: { path: 'x' } } }]))).toEqual({ type: 'local', settings: { path: 'x' }, origin: 'configuration' });
  });

  it('reads HCP Terraform\'s cloud block as the backend "cloud"', () => {
    expect(backendOf([{ cloud: [{ organization: 'acme' }] }])?.type).toBe('cloud');
  });

  it('gives nothing for terraform blocks without one, or with malformed ones', () => {
    expect(backendOf([])).toBeUndefined();
    expect(backendOf([{ required_version: '>= 1.10' }, { backend: 's3' }, { backend: { s3: 'bucket' } }, { backend: { s3: [] } }])).toBeUndefined();
  });
});

describe('initializedBackend: what terraform init recorded', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const workdir = (state?: string, dataDir = '.terraform'): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-init-'));
    dirs.push(dir);
    if (state !== undefined) {
      fs.mkdirSync(path.join(dir, dataDir), { recursive: true });
      fs.writeFileSync(path.join(dir, dataDir, 'terraform.tfstate'), state);
    }
    return dir;
  };
  const refusal = (dir: string): string => {
    try {
      initializedBackend(dir, {});
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).not.toContain('\n');
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('reads the type and config of format version 3', () => {
    const dir = workdir(JSON.stringify({ version: 3, terraform_version: '1.9.8', backend: { type: 's3', config: { bucket: 'b', encrypt: true }, hash: 7 } }));
    expect(summary(initializedBackend(dir, {}))).toEqual({ type: 's3', settings: { bucket: 'b', encrypt: true }, origin: 'init' });
  });

  it('no file, or no backend in it, is the implied local backend', () => {
    expect(summary(initializedBackend(workdir(), {}))).toEqual({ type: 'local', settings: {}, origin: 'implied' });
    const explicit = workdir(JSON.stringify({ version: 3, backend: { type: 'local', config: { path: 'state/terraform.tfstate' } } }));
    expect(summary(initializedBackend(explicit, {}))).toEqual({ type: 'local', settings: { path: 'state/terraform.tfstate' }, origin: 'init' });
    expect(initializedBackend(workdir(JSON.stringify({ version: 3 })), {}).type).toBe('local');
    expect(initializedBackend(workdir(JSON.stringify({ version: 3, backend: { type: '', config: null } })), {}).type).toBe('local');
  });

  it('follows TF_DATA_DIR, relative to the working directory', () => {
    const dir = workdir(JSON.stringify({ version: 3, backend: { type: 'gcs', config: {} } }), 'data');
    expect(initializedBackend(dir, { TF_DATA_DIR: 'data' }).type).toBe('gcs');
    expect(initializedBackend(dir, {}).type).toBe('local');
  });

  it('refuses what it cannot read, naming the file, quoting nothing of it', () => {
    expect(refusal(workdir('{"version": 3, "backend": {"config": {"secret_key": "wJalrXUtnFEMI'))).toMatch(/terraform\.tfstate: the backend state terraform init wrote is invalid JSON at line 1, column \d+/);
    expect(refusal(workdir('{"version": 3, "backend": {"config": {"secret_key": "wJalrXUtnFEMI'))).not.toContain('wJalr');
    expect(refusal(workdir(JSON.stringify({ version: 4, backend: { type: 's3', config: {} } })))).toMatch(/not a backend state file of format version 3/);
    expect(refusal(workdir(JSON.stringify({ version: 3, backend: { type: 's3', config: 'bucket' } })))).toMatch(/its "backend" is not \{ "type": …, "config": \{ … \} \}/);
    const unreadable = workdir();
    fs.mkdirSync(path.join(unreadable, '.terraform', 'terraform.tfstate'), { recursive: true });
    expect(refusal(unreadable)).toMatch(/cannot read the backend state terraform init wrote \(EISDIR\)/);
  });
});
