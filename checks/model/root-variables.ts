/**
 * The values the root module's variables take when `terraform plan` runs in the directory, in
 * Terraform's order (the last one wins): the variable's `default`; the environment (`TF_VAR_<name>`:
 * unknown, since its value is the checker's environment's, not the deploy's); the variable files
 * Terraform loads by itself (`terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars(.json)`
 * by name); then `-var` and `-var-file` as given to the check. A variable nothing sets is unknown,
 * and so is a value Terraform would convert in a way not followed here (`variableValue`). A
 * `sensitive` variable is unknown too: its value must not reach a report through the attributes it
 * sets (a plan marks them sensitive; a configuration has no such mark), and a credential in a
 * variable file is `no-credentials-in-variables`' to find.
 *
 * A plan records the values it was made with; code read beside a plan (code-sources.ts) takes those.
 * A module's variables take the arguments of its call (`moduleVariableValues`).
 */
import { InputError } from '../errors';
import { bodiesOf } from './cdktf';
import { acrossModules, markGiven, markUnset, type RefusedRead, UNKNOWN, writtenValues } from './evaluate';
import { type Evaluator, refsOfNode, splitAttribute } from './expressions';
import { conversionRefusal, convertedTo, parseTypeConstraint, type TypeConstraint, typeName } from './type-constraints';
import type { VariableFile } from './types';

type Body = Record<string, unknown>;

/** A variable's type constraint: undefined when none is written, null when the one written is not read. */
function typeOf(body: Body): TypeConstraint | null | undefined {
  if (body.type === undefined) return undefined;
  return (typeof body.type === 'string' ? parseTypeConstraint(body.type) : undefined) ?? null;
}

/** A `variable` block's body (hcl2json writes a list of one). */
const bodyOf = (value: unknown): Body | undefined => bodiesOf(value)[0];

/**
 * The value a variable takes from `given` (a partial; `UNKNOWN` when nothing known sets it): a null
 * stays null unless the variable says `nullable = false` (then it takes the default, as when nothing
 * is given); a `sensitive` variable is unknown; the rest is converted to its type as Terraform
 * converts it (type-constraints.ts), unknown under a type not read.
 */
function variableValue(body: Body, given: unknown, type = typeOf(body)): unknown {
  const value = given === null && body.nullable === false ? defaultOf(body) : given;
  if (value === UNKNOWN || body.sensitive === true) return UNKNOWN;
  if (type === undefined) return value;
  return type === null ? UNKNOWN : convertedTo(type, value);
}

/** A variable's default, when it writes one the code fixes. */
function defaultOf(body: Body): unknown {
  if (!('default' in body)) return UNKNOWN;
  const fixed = writtenValues({ default: body.default });
  return 'default' in fixed ? fixed.default : UNKNOWN;
}

/**
 * The variables of a module called with `call` (its body: the arguments), from a module whose
 * scope is `caller`: each argument as the caller's code fixes it (a part from `count.index` or
 * `each` is unknown, so every instance gets the same value), else the default.
 */
export function moduleVariableValues(declared: Body, call: Body, caller: Pick<Evaluator, 'value' | 'expand' | 'fixedByCode'>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const outside: string[] = [];
  for (const [name, value] of Object.entries(declared)) {
    const body = bodyOf(value);
    if (body === undefined) continue;
    const given = Object.prototype.hasOwnProperty.call(call, name);
    out.set(name, variableValue(body, given ? acrossModules(caller.value(call[name])) : defaultOf(body)));
    // An argument that reads a value given from outside the code gives one.
    if (given && !caller.fixedByCode(caller.expand(refsOfNode(splitAttribute(call[name]).config)))) outside.push(name);
  }
  return markGiven(out, outside);
}

/**
 * A `-var NAME=VALUE` given to the check: its text, and the text read as an HCL expression
 * (`NOT_HCL` when it is none), with what that reads which terraform refuses there (a name, a call).
 */
export interface GivenVariable {
  readonly name: string;
  readonly text: string;
  readonly parsed: unknown;
  readonly refused?: RefusedRead;
}

/**
 * The `parsed` of a text that is no HCL expression (`[`, `[1,`): terraform refuses it for a
 * variable whose value it reads as HCL ("Missing expression"); it was taken as unknown.
 */
export const NOT_HCL: unique symbol = Symbol('not HCL');

/** What a refusal of a value that reads `RefusedRead` says of it, after "a value that". */
const REFUSED_READS: Readonly<Record<RefusedRead, string>> = {
  name: 'reads a name (a variable, a local, a resource), which terraform does not allow in a value given from outside the code (terraform plan refuses it too: "Variables not allowed"; the value is not printed: it may be a secret)',
  function: 'calls a function, which terraform does not allow in a value given from outside the code (terraform plan refuses it too: "Function calls not allowed"; the value is not printed: it may be a secret)',
};

/**
 * What sets root variables, in the order Terraform takes them (the last one wins): the environment
 * (`TF_VAR_<name>`, first), variable files, `-var`. An environment value is checked, never taken.
 */
export type VariableSource = { readonly file: VariableFile } | { readonly variable: GivenVariable } | { readonly environment: GivenVariable };

/** Terraform takes the text of a -var or TF_VAR_ as the value for a primitive type (or none), and reads it as HCL for any other. */
const takesText = (type: TypeConstraint | null | undefined): boolean => type === undefined || type?.kind === 'string' || type?.kind === 'number' || type?.kind === 'bool';

/** A type for a message, cut short where long. */
const shortTypeName = (type: TypeConstraint): string => {
  const name = typeName(type);
  return name.length > 80 ? `${name.slice(0, 77)}...` : name;
};

/**
 * The root variables' values (`variable` blocks by name, as hcl2json or Terraform JSON write them:
 * a body or a list of bodies), as Terraform takes them: the default, then the environment (`env`'s
 * `TF_VAR_` variables: unknown, see above), then `sources` in order. A `-var` value is its text for
 * a variable of a primitive type (string, number, bool) or none, else the text read as HCL (as
 * Terraform reads it). The value given last (by a file, a `-var` or an environment source) that
 * Terraform would refuse to convert to the variable's type is refused, naming who gave it: an
 * InputError, as terraform plan stops there; so is one that reads a name or calls a function
 * (`RefusedRead`), which terraform evaluates only when it takes it (an earlier one is not read).
 * `literalDefaults`: the defaults are Terraform JSON's (cdk.tf.json), taken as written. A variable nothing sets (no
 * default, no source, no `TF_VAR_`) is marked so (`markUnset`): terraform plan would ask for it, or refuse.
 */
export function rootVariableValues(declared: Body, sources: readonly VariableSource[], env: Readonly<Record<string, string | undefined>>, literalDefaults = false): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const unset: string[] = [];
  for (const [name, value] of Object.entries(declared)) {
    const body = bodyOf(value);
    if (body === undefined) continue;
    const type = typeOf(body);
    const text = takesText(type);
    // Terraform JSON syntax (cdk.tf.json) takes a default as written: no template in it.
    let chosen = env[`TF_VAR_${name}`] !== undefined ? UNKNOWN : literalDefaults ? ('default' in body ? body.default : UNKNOWN) : defaultOf(body);
    // The value given last, and who gave it: Terraform converts that one to the type.
    let given: { readonly value: unknown; readonly by: string; readonly refused?: RefusedRead } | undefined;
    for (const source of sources) {
      if ('file' in source) {
        // A value not known whole (one that reads a name, a number a double does not hold) is given all the same: unknown.
        const refused = source.file.refused?.[name];
        const partial = source.file.partial?.includes(name) === true;
        if (!Object.prototype.hasOwnProperty.call(source.file.values, name) && !partial && refused === undefined) continue;
        chosen = partial ? UNKNOWN : source.file.values[name];
        given = { value: chosen, by: source.file.file, refused };
      } else if ('variable' in source) {
        if (source.variable.name !== name) continue;
        chosen = text ? source.variable.text : source.variable.parsed;
        given = { value: chosen, by: `--var ${name}`, refused: text ? undefined : source.variable.refused };
      } else if (source.environment.name === name) {
        chosen = UNKNOWN;
        given = { value: text ? source.environment.text : source.environment.parsed, by: `TF_VAR_${name}`, refused: text ? undefined : source.environment.refused };
      }
    }
    if (given?.value === NOT_HCL) {
      const typed = type ? `of type ${shortTypeName(type)}` : 'of a type';
      throw new InputError(given.by, `var.${name} is ${typed}, whose value terraform reads as an HCL expression, and the value given is none (terraform plan refuses it too; the value is not printed: it may be a secret)`);
    }
    if (given?.refused !== undefined) throw new InputError(given.by, `var.${name} is given a value that ${REFUSED_READS[given.refused]}`);
    // A null the variable does not take gives its default (variableValue).
    const refusal = given && type && !(given.value === null && body.nullable === false) ? conversionRefusal(type, given.value) : undefined;
    if (given && type && refusal) {
      throw new InputError(given.by, `var.${name} is of type ${shortTypeName(type)}, and the value given does not convert to it: ${refusal} (terraform plan refuses it too; the value is not printed: it may be a secret)`);
    }
    out.set(name, variableValue(body, chosen, type));
    if (given === undefined && !('default' in body) && env[`TF_VAR_${name}`] === undefined) unset.push(name);
  }
  return markUnset(out, unset);
}
