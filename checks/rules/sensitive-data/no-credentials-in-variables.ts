/**
 * No credential in variables where it shows: in a variable's default, of any module, which is part
 * of the code (in the repository and in every plan, `sensitive` or not); in the value a plan gives
 * a root variable that is not marked sensitive (Terraform prints it wherever it is used, and plan
 * files carry it in clear); in a variable file Terraform loads from beside the code
 * (`terraform.tfvars`, `*.auto.tfvars`: in clear on disk and usually committed, `sensitive` or
 * not, and a value's text where it reads a name, `"${x}ghp_…"`; read by the .tf loader); in a `local` value a configuration writes (code too, used by a
 * resource or not; a plan records none, the code read beside it does; a part from a variable is the variable's); or in an
 * argument a module call writes (code too, whatever the module does with it), its `for_each` too (as `for_each`: each
 * instance reads it, the call writes it; a set's strings are its instances' keys, another rule's). A sensitive variable
 * set from outside the code is how credentials should reach Terraform, so its value in a plan is
 * never read.
 *
 * An input rule: findings go on the variable (`var.db_password`, `module.app.var.token`), the
 * local (`local.db_url`) or the module call (`module.app`), once per input, resources or not; the
 * path says where: `default`, `value`, the variable file's name, the argument, or a key inside
 * either. Credential shapes count (the same detectors as `no-credentials-in-attributes`), with the
 * variable's name as the label: a bare 40-character AWS secret key counts under a name with
 * `secret` in it; and any value under a credential's name (`db_password`, a `{ password = … }` key,
 * the items of a `{ passwords = [ … ] }` list at any depth, a `{ name = "X-Origin-Password", value = … }` pair).
 *
 * A module argument or a local that is a map with a key known only after apply (`tags = { "${var.project}:owner" = "…",
 * Secret = "AKIA…" }`, or through a local or `merge`) is known only after apply whole, as Terraform has it, yet the
 * values written in it are the code's, and are searched (`unknownMapStrings`, a local's `entriesOfUnknownMap`): under
 * their key where the code fixes it; a key not known names nothing (the argument's or local's name still does).
 */
import type { ConfigNode, LoadedInput, VariableDeclaration } from '../../model/types';
import { ValueView } from '../../model/value';
import {
  detectAll,
  displayPath,
  entryStrings,
  fieldName,
  isNamedPairValue,
  labelAt,
  listedAt,
  namesCredential,
  sensitiveFinding,
  unknownMapStrings,
  droppedLiteralStrings,
  withoutRepeats,
  writtenCredential,
  type Detection,
  byPlace,
  fromUnknownMap,
  type UnknownMapString,
  type WrittenLeaf,
} from '../support/detect';
import { awsDoc } from '../support/references';
import { defineInputRule, pass, type Outcome } from '../types';
import type { Settings } from '../../settings';

const FIX_DEFAULT =
  'Remove the default and revoke the credential; pass the value from a secret store (a `sensitive = true` variable the pipeline sets, or a data source that reads AWS Secrets Manager).';
const FIX_VALUE = 'Mark the variable `sensitive = true` and pass the value from a secret store; revoke the credential if a log has printed it.';
const FIX_FILE = 'Remove the value from the file and revoke the credential; let the pipeline set it from a secret store (`TF_VAR_<name>`) for a `sensitive = true` variable.';

/** Where a variable's value is written, and what a finding says of it. */
type Source = { readonly kind: 'default' | 'value' | 'local' } | { readonly kind: 'file'; readonly file: string } | { readonly kind: 'argument'; readonly call: string };

/** The opening of a finding's message: why a credential there is exposed. */
function exposure(source: Source, address: string): string {
  switch (source.kind) {
    case 'default':
      return `The default of \`${address}\` is part of the code, in clear in the repository and in every plan whether the variable is sensitive or not, and it`;
    case 'value':
      return `\`${address}\` is not marked sensitive, so Terraform shows its value wherever it is used and plan files carry it in clear; the value`;
    case 'local':
      return `\`${address}\` is part of the code, in clear in the repository and in every plan of a resource that uses it, and it`;
    case 'argument':
      return `The call \`${address}\` writes the argument in its code, in clear in the repository and in every plan, whatever the module does with it, and it`;
    case 'file':
      return `\`${source.file}\` gives \`${address}\` its value in clear beside the code (committed with it unless the repository ignores the file, and on the disk of every machine that plans), whether the variable is sensitive or not; the value`;
  }
}


/**
 * The credentials in one value of a variable (`name` in `module`), each as a finding on `var.<name>`
 * (a local's on `local.<name>`; a module call's argument `name` on the call `module.<call>`), and in
 * the values written in maps known only after apply whole of a module call's argument (`unknownMap`):
 * one finding per path (the values under keys not known of one map share its path).
 */
function credentialsIn(module: string, name: string, source: Source, value: unknown, settings: Settings, unknownMap: readonly UnknownMapString[] = []): Outcome[] {
  const leaves: WrittenLeaf[] = [...new ValueView(value).strings(), ...unknownMap];
  // A template's literal text is a part of the value: no name marks it, its shape alone counts (`"${var.user}-readonly"`).
  const fragment = (leaf: WrittenLeaf): boolean => fromUnknownMap(leaf) && leaf.template === true;
  const labelOf = (leaf: WrittenLeaf): string | undefined => (fragment(leaf) ? undefined : ((fromUnknownMap(leaf) ? leaf.label : labelAt(value, leaf.path)) ?? name));
  const detections = withoutRepeats(
    leaves,
    detectAll(
      leaves.map((leaf) => ({ text: leaf.text, label: labelOf(leaf) })),
      { scope: 'credentials' },
    ),
  );
  const object = source.kind === 'argument' ? `module.${source.call}` : `${source.kind === 'local' ? 'local' : 'var'}.${name}`;
  const address = `${module ? `${module}.` : ''}${object}`;
  const at = source.kind === 'file' ? source.file : source.kind === 'local' ? 'value' : source.kind === 'argument' ? name : source.kind;
  // A value under a credential's name (`db_password`, `{ password = … }`) is one whatever its shape; a key not known names nothing.
  const named = (leaf: WrittenLeaf): Detection[] => {
    if (fragment(leaf)) return [];
    const field = fromUnknownMap(leaf) ? leaf.label : fieldName(leaf.path);
    const byName = namesCredential(field ?? name) || namesCredential(name) || (!fromUnknownMap(leaf) && isNamedPairValue(value, leaf.path));
    const detection = byName ? writtenCredential(leaf.text, undefined, field ?? name, listedAt(leaf.path)) : undefined;
    return detection ? [detection] : [];
  };
  const places = byPlace(leaves, (leaf, i) => (detections[i].length > 0 ? detections[i] : named(leaf)), (leaf) => JSON.stringify(leaf.path));
  return places.map(({ leaf, found }) =>
    sensitiveFinding(exposure(source, address), found, { path: displayPath([at, ...leaf.path], settings.sensitivePatterns), address }),
  );
}

/** The value a plan gives a root variable that is not sensitive, when it is not its default: what to read. */
function readableValue(input: LoadedInput, declaration: VariableDeclaration): { readonly value: unknown } | undefined {
  // Only the root module's variables have values in a plan; a sensitive variable's value is never read.
  if (declaration.module !== '' || declaration.sensitive || !input.variables || !Object.hasOwn(input.variables, declaration.name)) return undefined;
  const value = input.variables[declaration.name];
  // A value equal to the default is judged as the default.
  return 'default' in declaration && JSON.stringify(value) === JSON.stringify(declaration.default) ? undefined : { value };
}

/** Every finding of one input's variables. */
function judge(input: LoadedInput, settings: Settings): Outcome[] {
  const declared = (input.variableDeclarations ?? []).flatMap((declaration) => {
    const readable = readableValue(input, declaration);
    const { module, name } = declaration;
    return [
      ...('default' in declaration ? credentialsIn(module, name, { kind: 'default' }, declaration.default, settings) : []),
      ...(readable ? credentialsIn(module, name, { kind: 'value' }, readable.value, settings) : []),
    ];
  });
  // A variable file's values are judged whatever the declaration says: the file holds them in clear, and so
  // does it the text of one not known (`"${x}ghp_…"`, which terraform refuses where it takes the value).
  const files = (input.variableFiles ?? []).flatMap(({ file, values, entriesOfUnknownMap: written = {} }) =>
    [...new Set([...Object.keys(values), ...Object.keys(written)])].flatMap((name) =>
      credentialsIn('', name, { kind: 'file', file }, values[name], settings, entryStrings(written[name] ?? [])),
    ),
  );
  // A local is written in the code as a default is, whether a resource uses it or not; one known only after apply whole too.
  const locals = (input.locals ?? []).flatMap(({ module, name, value, entriesOfUnknownMap }) =>
    credentialsIn(module, name, { kind: 'local' }, value, settings, entryStrings(entriesOfUnknownMap ?? [])),
  );
  // What a call's argument writes itself (a part from a variable is the variable's): a plan's constants, a loader's `written`,
  // and the values written in a map known only after apply whole (.tf, cdk.tf.json, a plan read with --code).
  // Its for_each too, as the argument `for_each`: what it holds is the call's code, whichever instance reads it (once, on the call).
  const calls = input.moduleCalls.flatMap((call) => {
    const argument = (name: string, node: ConfigNode, written: unknown): Outcome[] => {
      // And the literal text a known value does not keep (`lower("AKIA…")`, a side not taken): the code's too.
      const unknownMap = [...unknownMapStrings(node), ...droppedLiteralStrings(node)];
      return written === undefined && unknownMap.length === 0 ? [] : credentialsIn(call.parent, name, { kind: 'argument', call: call.name }, written, settings, unknownMap);
    };
    const constant = (node: ConfigNode): unknown => (node.kind === 'expr' && node.hasConstant ? node.constant : undefined);
    const forEach = call.forEach && (call.written ? call.forEach.written : constant(call.forEach.node));
    return [
      ...Object.entries(call.inputs).flatMap(([name, node]) => argument(name, node, call.written ? call.written[name] : constant(node))),
      // A set's strings are the instances' keys, which no-sensitive-data-in-instance-keys judges.
      ...(call.forEach ? argument('for_each', call.forEach.node, Array.isArray(forEach) ? undefined : forEach) : []),
    ];
  });
  return [...declared, ...files, ...locals, ...calls];
}

export default defineInputRule({
  id: 'no-credentials-in-variables',
  title: 'Variable defaults, variable files, locals, module arguments, and values of variables not marked sensitive hold no credentials',
  category: 'sensitive-data',
  severity: 'critical',
  rationale:
    'A default is committed with the code. A variable that is not marked sensitive is printed in plan output wherever it is used, and every plan file carries its value in clear. Either way the credential reaches people and logs that should never see it.',
  remediation: `${FIX_VALUE} For a default: ${FIX_DEFAULT} For a variable file (\`terraform.tfvars\`, \`*.auto.tfvars\`): ${FIX_FILE}`,
  references: [
    awsDoc('Terraform: sensitive input variables', 'https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output'),
    awsDoc('Terraform: sensitive data in state and plans', 'https://developer.hashicorp.com/terraform/language/manage-sensitive-data'),
    awsDoc('AWS Secrets Manager: what it is for', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html'),
  ],
  appliesTo: 'input',
  evaluate(input, { settings }) {
    const outcomes = judge(input, settings);
    return outcomes.length > 0 ? outcomes : pass();
  },
});
