/** Module configuration paths, as every loader and the graph write them. */
import type { ProviderConfig } from './types';

/** `child` or `outer.child` (Terraform 0.12 style) or `module.child` -> `module.child`. */
export function normalizeModulePath(path: string): string {
  if (path === '' || path.startsWith('module.')) return path;
  return path
    .split('.')
    .map((name) => `module.${name}`)
    .join('.');
}

/**
 * Where a finding about a provider configuration goes: `provider.aws`, `provider.aws.east`,
 * `module.app.provider.aws` — how the configuration names the block, once per provider block.
 */
export function providerAddress(provider: Pick<ProviderConfig, 'name' | 'alias' | 'module'>): string {
  const local = `provider.${provider.name}${provider.alias ? `.${provider.alias}` : ''}`;
  return provider.module ? `${provider.module}.${local}` : local;
}
