/**
 * The functions an evaluation of code met and does not evaluate (a function twinguard does not implement, a
 * provider's function it does not know): Terraform computes them at plan time, so a value they leave unknown here
 * is not one "known only after apply" (`ConfigNode.notEvaluated`).
 */

let met: Set<string> | undefined;

/** Notes a call of `name` the evaluator does not evaluate, within `notEvaluatedIn`. */
export const noteNotEvaluated = (name: string): void => {
  met?.add(name);
};

/** What `evaluate` gives, and the functions it met and did not evaluate (in order met), nested ones included. */
export function notEvaluatedIn<T>(evaluate: () => T): { readonly value: T; readonly functions: readonly string[] } {
  const outer = met;
  const mine = new Set<string>();
  met = mine;
  try {
    return { value: evaluate(), functions: [...mine] };
  } finally {
    met = outer;
    for (const name of mine) outer?.add(name);
  }
}

/**
 * That `subjects` (a count's condition, a root variable nothing sets: `\`var.x\``) have no value the check knows, and
 * what gives one, for a message.
 */
export const noKnownValue = (subjects: readonly string[]): string =>
  `${subjects.join(' and ')} ${subjects.length === 1 ? 'has' : 'have'} no known value (give the variables' values, or check a plan)`;

/** Why a value the code fixes is not known to twinguard, for a message: `twinguard does not evaluate trim() (…)`. */
export const notEvaluatedReason = (functions: readonly string[]): string =>
  `twinguard does not evaluate ${functions.map((name) => `${name}()`).join(', ')} (check the plan: \`terraform show -json\` output, or a plan with --code)`;
