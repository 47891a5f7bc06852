/** Variable declarations as every loader reads them: a plan's `configuration`, cdk.tf.json and .tf alike. */
import type { VariableDeclaration } from './types';

/** A `variable` block's body (`{ default?, sensitive?, type?, description? }`) as a declaration in `module`. */
export function declaredVariable(module: string, name: string, body: unknown): VariableDeclaration {
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { module, name, sensitive: fields.sensitive === true, ...('default' in fields ? { default: fields.default } : {}) };
}
