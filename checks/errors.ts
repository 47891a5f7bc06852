/**
 * A problem with what the user gave us: an input, a configuration file, a flag. The CLI prints
 * `message` as one line and exits 2 (the gate fails closed). The message names the input first:
 * `plan.json: not a Terraform plan: it has no resource_changes (this looks like a state file)`.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`${input}: ${reason}`);
    this.name = 'InputError';
  }
}
