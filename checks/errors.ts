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

/** A file or directory an option names, refused when empty (an unset variable in a script): it printed `twinguard: : cannot read`. */
export const nonEmpty = (option: string, value: string): string => {
  if (value === '') throw new InputError(option, 'the path is empty');
  return value;
};
