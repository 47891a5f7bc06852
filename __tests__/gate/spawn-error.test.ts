/**
 * Why terraform could not start, as the gate says it (one line, exit 2: gate.test.ts runs a missing
 * executable through the gate). On Windows Node starts no `.cmd`/`.bat` without a shell (spawn EINVAL
 * since 18.20.2, 20.12.2 and 21.7.3) and finds no such shim for a bare `terraform` (ENOENT): the message names
 * the script and says to put terraform.exe on PATH. The platform is passed in: these run on Linux.
 */
import { describeSpawnError, type SpawnHost } from '../../checks/gate/terraform';

const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`spawn ${code}`), { code, syscall: 'spawn' });
const windows = (files: readonly string[], env: NodeJS.ProcessEnv = { Path: 'C:\\Windows\\system32;"C:\\Program Files\\tools";C:\\ProgramData\\shims' }): SpawnHost => ({
  platform: 'win32',
  env,
  exists: (file) => files.includes(file),
});
const NOT_FOUND = 'terraform was not found (install it, or choose the executable with --binary or TWINGUARD_TERRAFORM)';
const SHELL = 'which the gate cannot run (Node starts .cmd and .bat files only through a shell, and the gate uses none)';

describe('the gate says why terraform could not start', () => {
  it.each([
    {
      name: 'Windows, a bare terraform whose only match on PATH is a .cmd shim (ENOENT): names the shim',
      binary: 'terraform',
      code: 'ENOENT',
      host: windows(['C:\\ProgramData\\shims\\terraform.cmd', 'C:\\ProgramData\\shims\\terraform.bat']),
      message: `terraform was not found as a program: C:\\ProgramData\\shims\\terraform.cmd is a batch script, ${SHELL}: put terraform.exe on PATH, or choose it with --binary or TWINGUARD_TERRAFORM`,
    },
    {
      name: 'Windows, PATH spelt PATH, a quoted directory, a .bat shim',
      binary: 'tofu',
      code: 'ENOENT',
      host: windows(['C:\\Program Files\\tools\\tofu.bat'], { PATH: '"C:\\Program Files\\tools"' }),
      message: `tofu was not found as a program: C:\\Program Files\\tools\\tofu.bat is a batch script, ${SHELL}: put tofu.exe on PATH, or choose it with --binary or TWINGUARD_TERRAFORM`,
    },
    {
      name: 'Windows, a .cmd given with --binary (EINVAL): names it',
      binary: 'C:\\tools\\terraform.CMD',
      code: 'EINVAL',
      host: windows([]),
      message: `C:\\tools\\terraform.CMD is a batch script, ${SHELL}: put terraform.exe on PATH, or choose it with --binary or TWINGUARD_TERRAFORM`,
    },
    { name: 'Windows, nothing on PATH: not found', binary: 'terraform', code: 'ENOENT', host: windows([]), message: NOT_FOUND },
    { name: 'Windows, a .cmd given that does not exist (ENOENT): not found', binary: 'C:\\tools\\terraform.cmd', code: 'ENOENT', host: windows([]), message: 'C:\\tools\\terraform.cmd was not found (install it, or choose the executable with --binary or TWINGUARD_TERRAFORM)' },
    {
      name: 'elsewhere a .cmd on PATH is no reason: not found',
      binary: 'terraform',
      code: 'ENOENT',
      host: { ...windows(['C:\\ProgramData\\shims\\terraform.cmd']), platform: 'linux' as const },
      message: NOT_FOUND,
    },
    { name: 'permission denied', binary: 'terraform', code: 'EACCES', host: windows([]), message: 'terraform cannot be executed (permission denied)' },
  ])('$name', ({ binary, code, host, message }) => {
    expect(describeSpawnError(binary, error(code), host)).toBe(message);
  });
});
