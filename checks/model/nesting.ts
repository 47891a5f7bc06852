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

/**
 * Whether HCL text nests brackets, parentheses and template interpolations more than MAX_NESTING
 * deep, read before the HCL parser sees it: hcl2json's Go runtime stops on a fatal error for text
 * nested a few thousand deep ("malloc deadlock"), leaving its answer unsettled. Quoted strings are
 * followed (an interpolation inside one nests); comments and heredocs are read as code, which can
 * only count deeper, never shallower.
 */
export function textNestsTooDeep(text: string): boolean {
  // `code` until the matching closer; `string` until its quote; an interpolation is code closed by `}`.
  const stack: ('code' | 'string')[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (stack[stack.length - 1] === 'string') {
      if (c === '\\' || ((c === '$' || c === '%') && text[i + 1] === c)) i++; // an escape, or `$${`: text
      else if (c === '"') stack.pop();
      else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        i++;
        stack.push('code');
        if (++depth > MAX_NESTING) return true;
      }
    } else if (c === '"') stack.push('string');
    else if (c === '[' || c === '{' || c === '(') {
      stack.push('code');
      if (++depth > MAX_NESTING) return true;
    } else if ((c === ']' || c === '}' || c === ')') && stack.length > 0) {
      stack.pop();
      depth--;
    }
  }
  return false;
}
