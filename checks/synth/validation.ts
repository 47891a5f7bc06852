/**
 * The synth-time gate: a cdktf validation that runs twinguard's engine and rules (the same ones
 * as `twinguard check`, no second rule set) on a stack's synthesized configuration, so
 * `app.synth()`, `cdktf synth` and `cdktf deploy` fail before Terraform runs, with one message per
 * blocking finding: rule id, address, construct path and what is wrong.
 *
 * Settings and waivers come from the configuration file (`twinguard.config.yaml` / `.json` in the
 * working directory, or the one named in the options), exactly as for the CLI.
 *
 *   import { addTwinguardValidation } from 'twinguard/checks/synth/validation';
 *   addTwinguardValidation(stack);        // or addTwinguardValidation(app): every stack in it
 */
import { TerraformStack } from 'cdktf';
import type { IConstruct, IValidation } from 'constructs';
import { check, type Checked } from '../check';
import { type Config, loadConfig } from '../config';
import { InputError } from '../errors';
import { redactAll } from '../mask';
import { parseCdktfDocument } from '../model/cdktf';
import type { Finding, WaiverNotice } from '../report';
import { ALL_RULES } from '../rules/index';
import type { RuleDefinition } from '../rules/types';

/** Options of the synth-time gate and the jest matcher. */
export interface TwinguardOptions {
  /**
   * The configuration: a file path (relative to `cwd`), or an already loaded `Config`.
   * Default: `twinguard.config.yaml` / `.yml` / `.json` in `cwd` when present, else the defaults.
   */
  readonly config?: string | Config;
  /** Where the default configuration file is looked up. Default: the process's working directory. */
  readonly cwd?: string;
  /** Today, `YYYY-MM-DD` (UTC): decides which waivers have expired. Default: the clock. */
  readonly today?: string;
  /** The rule registry. Default: every rule twinguard ships. */
  readonly registry?: readonly RuleDefinition[];
}

/** The input name a stack's findings carry: the file `cdktf synth` writes, so waiver `input` globs match the CLI's. */
export const stackInputName = (stackName: string): string => `cdktf.out/stacks/${stackName}/cdk.tf.json`;

/** The configuration the options name, loaded and validated against the registry: its rule ids, and the unwaivable rules it may not silence. */
export function configOf(options: TwinguardOptions): Config {
  if (options.config !== undefined && typeof options.config !== 'string') return options.config;
  const registry = options.registry ?? ALL_RULES;
  return loadConfig(options.config, options.cwd ?? process.cwd(), registry);
}

/** Check one synthesized Terraform JSON document (`stack.toTerraform()` or `Testing.synth` parsed). */
export function checkSynthesized(doc: unknown, input: string, options: TwinguardOptions = {}, stack?: string): Checked {
  const config = configOf(options);
  // A variable the environment sets (`TF_VAR_x` for `cdktf deploy`) is unknown, as in `twinguard check`.
  return check([parseCdktfDocument(doc, input, stack, process.env)], config, {
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.registry !== undefined ? { registry: options.registry } : {}),
  });
}

const describeFinding = (f: Finding): string => {
  const where = f.constructPath ? `${f.address} (${f.constructPath})` : f.address;
  const status = f.status === 'unknown' ? ' [cannot be verified from the configuration]' : '';
  return `twinguard ${f.ruleId} (${f.severity}): ${where}: ${f.message}${status}`;
};

const describeNotice = (n: WaiverNotice): string => `twinguard waiver for ${n.ruleId} on ${n.address}: ${n.message}`;

/**
 * One line per blocking item of a check, secrets redacted: blocking findings, then blocking waiver
 * notices (an expired waiver), then unchecked types in strict mode. Empty when the check passes.
 */
export function blockingMessages(checked: Checked): string[] {
  const { report } = checked;
  const lines = [
    ...report.findings.filter((f) => f.blocking).map(describeFinding),
    ...report.waivers.filter((n) => n.blocking).map(describeNotice),
    ...(report.coverage.strict ? report.coverage.uncheckedTypes.map((t) => `twinguard strict: no rule understands ${t.type} (${t.count} resource(s))`) : []),
    ...(report.coverage.strict ? report.coverage.notLoadedModules.map((m) => `twinguard strict: ${m.module} is not loaded: ${m.reason}`) : []),
  ];
  return lines.map((line) => redactAll(redactAll(line, checked.redactInMessages ?? []), checked.redact, checked.instanceKeys ?? []));
}

/** A problem that stops the check itself (a bad configuration file, a bug): one message, so synth fails closed. */
const unusable = (error: unknown): string[] => {
  const reason = error instanceof InputError ? error.message : `internal error (please report it): ${error instanceof Error ? error.message : String(error)}`;
  return [`twinguard could not check this stack: ${reason.replace(/\s*\r?\n\s*/g, ' ')}`];
};

/**
 * A cdktf validation running twinguard on one stack when the app synthesizes. Aspects have run by
 * then (cdktf invokes them before validations), so the configuration checked is the one written.
 */
export class TwinguardValidation implements IValidation {
  constructor(
    private readonly stack: TerraformStack,
    private readonly options: TwinguardOptions = {},
  ) {}

  validate(): string[] {
    const name = this.stack.node.id;
    try {
      return blockingMessages(checkSynthesized(this.stack.toTerraform(), stackInputName(name), this.options, name));
    } catch (error) {
      return unusable(error);
    }
  }
}

/**
 * Add the synth-time gate to a stack, or to every stack under a scope (an `App`): call it after
 * the stacks are created and before `app.synth()`. Returns the validations added.
 */
export function addTwinguardValidation(scope: IConstruct, options: TwinguardOptions = {}): TwinguardValidation[] {
  const stacks = TerraformStack.isStack(scope) ? [scope] : scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  return stacks.map((stack) => {
    const validation = new TwinguardValidation(stack, options);
    stack.node.addValidation(validation);
    return validation;
  });
}
