/**
 * How deep twinguard reads nested values. Terraform plans and configurations nest a few dozen
 * levels at most; the loaders and the rules walk values recursively, and a document nested
 * thousands of levels deep (only a crafted file is) overflowed the stack: a cdk.tf.json crashed
 * the command, a plan turned two rules into "failed". Such a document is refused with one line,
 * as any other input twinguard cannot read: never a crash, never a pass.
 */
export const MAX_NESTING = 512;

/** The refusal's reason. */
export const TOO_DEEP = `arrays or objects nested deeper than ${MAX_NESTING} levels: twinguard does not read them (Terraform writes far fewer)`;

/** Whether `value` nests arrays and objects more than MAX_NESTING deep (the value itself is level 1). Iterative: the value may be deeper than the stack. */
export function nestsTooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_NESTING) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
