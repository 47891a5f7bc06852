/**
 * No credential or personal datum in a root module's `output` values. Terraform prints every root
 * output that is not marked `sensitive` at the end of each plan and apply (`Changes to Outputs`,
 * `Outputs:`) and in `terraform output`, and keeps it in the state and plan files: a value there is in
 * every CI log of the workspace. A module's own outputs are not printed (its caller reads them), and
 * are not judged here.
 *
 * An input rule: outputs are no resource, and neither `no-credentials-in-attributes` (credential
 * shapes in a resource's arguments) nor `no-sensitive-data-in-free-form-fields` (names and
 * descriptions) reads them. Each finding goes on the output (`output.db_url`), with `value` or a
 * key inside it as the path.
 *
 * - An output not marked sensitive: the value terraform prints, as the plan gives it
 *   (`output_changes.<name>.after`) or as the code fixes it (a `.tf` or cdk.tf.json literal, locals,
 *   variables' defaults), is searched as a free-form field is: credential shapes, personal data
 *   (email addresses, phone numbers) and `sensitivePatterns`; and under a credential's name (the
 *   output's, a key's in it) any value. Long random strings are not taken for secrets here: an
 *   output is data (an SSH public key has that shape), not a name.
 * - A `sensitive = true` output is not printed; but a credential its code writes as a literal is
 *   committed with the code and in every plan file, and fails. A value computed from a resource (a
 *   generated password, a secret read from a store) is the usual pattern and passes.
 * - A value known only after apply is not written in the code: the provider gives it (an ARN, an
 *   endpoint). It passes, rather than block every `output "arn" { value = aws_s3_bucket.b.arn }`.
 * - But a map the code writes with a key known only after apply (`{ "${var.p}_ID" = "AKIA…" }`) is known
 *   only after apply whole while each of its values is written in the code: those are searched too
 *   (`unknownMapStrings`; .tf, cdk.tf.json, a plan read with `--code`), printed or sensitive as above.
 */
import type { ConfigNode, OutputData } from '../../model/types';
import { type PathSeg, ValueView } from '../../model/value';
import { byPlace, type Detection, detectAll, displayPath, fieldName, isNamedPairValue, labelAt, listedAt, namesCredential, sensitiveFinding, unknownMapStrings, droppedLiteralStrings, withoutRepeats, writtenCredential } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineInputRule, type Outcome, pass } from '../types';
import type { Settings } from '../../settings';

/** What terraform prints of a root output not marked sensitive: the plan's value, or the one the code fixes (`Graph.outputValue` reads more). */
function printedValue(output: OutputData): ValueView | undefined {
  if (output.planned !== undefined) return output.planned;
  const { expr } = output;
  if (expr.kind !== 'expr') return undefined;
  const value = expr.hasConstant ? expr.constant : (expr.codeParts ?? expr.literalParts);
  return value === undefined ? undefined : new ValueView(value);
}

/** What the code of an output writes as a literal (a plan's `constant_value`), its parts beside references included. */
function literalValue(expr: ConfigNode): unknown {
  if (expr.kind !== 'expr') return undefined;
  return expr.hasConstant && expr.computed !== true ? expr.constant : expr.literalParts;
}

/** How a finding on an output opens: why a value there is exposed, and `what` of it the finding is about. */
const EXPOSURE = {
  printed: (address: string, what = 'the value'): string =>
    `\`${address}\` is not marked sensitive, so terraform prints its value after every plan and apply and in \`terraform output\`, and keeps it in the state and plan files; ${what}`,
  written: (address: string, what = 'it'): string =>
    `\`${address}\` is marked sensitive, but its code writes the value as a literal, in clear in the repository and in every plan file; ${what}`,
  dropped: (address: string): string => `The code of \`${address}\` writes a literal its value does not keep, in clear in the repository whatever the value becomes, and it`,
};

/** What a finding on a value written in a map known only after apply whole names, where its key is not known. */
const UNDER_UNKNOWN_KEY = 'a value written under a key known only after apply';

/** What a finding on the literal text of a template around a value not known names. */
const TEMPLATE_TEXT = 'the literal text of a template written in it';

/** A string of an output searched, with the name it sits under. */
interface OutputLeaf {
  readonly text: string;
  readonly path: readonly PathSeg[];
  /** The name the detectors read the text under (a key's, the output's). */
  readonly label: string | undefined;
  /** The name that marks the text as a credential whatever its shape, if one does. */
  readonly named: string | undefined;
  /** Written in a map known only after apply whole under a key not known either (`unknownMapStrings`). */
  readonly unknownKey: boolean;
  /** The literal text of a template around a value not known (`UnknownMapString.template`). */
  readonly template?: true;
  /** With `template`: literal text the code writes that its value known at plan time does not keep (`droppedLiteralStrings`). */
  readonly dropped?: true;
}

/** The strings of a value an output holds, each with the names it sits under. */
function leavesOf(output: OutputData, view: ValueView | undefined): OutputLeaf[] {
  const value = view?.raw;
  return (view?.strings() ?? []).map((leaf) => ({
    text: leaf.text,
    path: leaf.path,
    label: labelAt(value, leaf.path) ?? output.name,
    // A value under a credential's name (`output "db_password"`, `{ password = … }`) is one whatever its shape.
    named: namesCredential(fieldName(leaf.path) ?? output.name) || isNamedPairValue(value, leaf.path) ? fieldName(leaf.path) ?? output.name : undefined,
    unknownKey: false,
  }));
}

/**
 * The findings of one root output. `read`: its value as terraform prints it read with its code (`Graph.outputValue`), for
 * what the code reads from resources and modules (`value = aws_lambda_function.f.environment[0].variables["TOKEN"]`).
 */
function judge(output: OutputData, settings: Settings, read: () => ValueView | undefined): Outcome[] {
  const address = `output.${output.name}`;
  const printed = output.sensitive !== true;
  // Printed, it is searched as free-form text is; written in the code of a sensitive output, for credentials.
  const fixed = printed ? leavesOf(output, printedValue(output)) : leavesOf(output, new ValueView(literalValue(output.expr)));
  // Of a printed output of the code that the code alone does not fix: what it reads of resources and modules, where a
  // configured argument is known as written (a literal in a lambda's environment that the output repeats); once a text.
  const more = printed && output.planned === undefined && !(output.expr.kind === 'expr' && output.expr.hasConstant) ? leavesOf(output, read()) : [];
  const seen = new Set(fixed.map((leaf) => leaf.text));
  const known = [...fixed, ...more.filter((leaf) => !seen.has(leaf.text))];
  // A map the code writes with a key known only after apply (`{ "${var.p}_ID" = "AKIA…" }`) is unknown whole in a plan and
  // left out of the value above, yet the code writes each of its values, and terraform prints them after apply. A value the
  // plan knows after all (a key from a variable) is searched there, under its key, once.
  const texts = new Set(known.map((leaf) => leaf.text));
  const written: OutputLeaf[] = unknownMapStrings(output.expr)
    .filter((leaf) => !texts.has(leaf.text))
    .map((leaf) => {
      // Under a key not known, the name of what holds the map (a key of the value, the output) is the one it sits under;
      // a template's literal text is a part of the value, which no name marks (`"${var.user}-readonly"`).
      const name = leaf.template ? undefined : (leaf.label ?? fieldName(leaf.path) ?? output.name);
      return { text: leaf.text, path: leaf.path, label: leaf.label, named: namesCredential(name) ? name : undefined, unknownKey: leaf.unknownKey, ...(leaf.template ? { template: leaf.template } : {}) };
    });
  // What the code writes that a value known at plan time does not keep (`var.flag ? "AKIA…" : "x"`, `lower("AKIA…")`): no one
  // sees it printed, yet it is in clear in the repository, printed output or sensitive; searched for credentials, by its shape alone.
  const dropped: OutputLeaf[] = droppedLiteralStrings(output.expr).map((leaf) => ({ text: leaf.text, path: leaf.path, label: undefined, named: undefined, unknownKey: false, template: true, dropped: true }));
  const leaves = [...known, ...written, ...dropped];
  const detections = withoutRepeats(leaves, [
    ...detectAll(
      [...known, ...written].map((leaf) => ({ text: leaf.text, label: leaf.label })),
      printed ? { scope: 'all', patterns: settings.sensitivePatterns, randomTokens: false } : { scope: 'credentials' },
    ),
    ...(dropped.length === 0 ? [] : detectAll(dropped.map((leaf) => ({ text: leaf.text, label: undefined })), { scope: 'credentials' })),
  ]);
  // One finding per path: the values under keys not known of one map share its path.
  const named = (leaf: OutputLeaf, i: number): Detection[] => {
    const detection = detections[i].length === 0 && leaf.named !== undefined ? writtenCredential(leaf.text, undefined, leaf.named, listedAt(leaf.path)) : undefined;
    return detection ? [detection] : detections[i];
  };
  return byPlace(leaves, named, (leaf) => JSON.stringify([leaf.unknownKey, leaf.dropped === true, leaf.path])).map(({ leaf, found }) => {
    const path = displayPath(['value', ...leaf.path], settings.sensitivePatterns);
    if (leaf.dropped) return sensitiveFinding(EXPOSURE.dropped(address), found, { path, address });
    const what = leaf.template ? TEMPLATE_TEXT : leaf.unknownKey ? UNDER_UNKNOWN_KEY : undefined;
    return sensitiveFinding(printed ? EXPOSURE.printed(address, what) : EXPOSURE.written(address, what), found, { path, address });
  });
}

export default defineInputRule({
  id: 'no-sensitive-data-in-outputs',
  title: 'Root module outputs hold no credentials or personal data',
  category: 'sensitive-data',
  severity: 'critical',
  rationale:
    'Terraform prints every root output not marked sensitive after each plan and apply and in `terraform output`, and keeps every output in the state and plan files: a credential or an email address there is in every CI log of the workspace, and a literal one is committed with the code whether the output is sensitive or not.',
  remediation:
    'Revoke the credential. Do not output it: read it where it is needed from AWS Secrets Manager or SSM Parameter Store. Where an output must carry a secret, take its value from the resource or secret store that holds it and mark the output `sensitive = true`; never write it as a literal. Output a team name, a role or an id instead of a personal datum.',
  references: [
    awsDoc('Terraform: output values (sensitive outputs)', 'https://developer.hashicorp.com/terraform/language/values/outputs#sensitive-suppressing-values-in-cli-output'),
    awsDoc('Terraform: sensitive data in state and plans', 'https://developer.hashicorp.com/terraform/language/manage-sensitive-data'),
    awsDoc('AWS Secrets Manager: what it is for', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html'),
  ],
  appliesTo: 'input',
  evaluate(input, { graph, settings }) {
    // Only the root module's outputs are printed; a module's are its caller's to read.
    const outcomes = input.outputs.filter((output) => output.module === '').flatMap((output) => judge(output, settings, () => graph.outputValue(input, output.name)));
    return outcomes.length > 0 ? outcomes : pass();
  },
});
