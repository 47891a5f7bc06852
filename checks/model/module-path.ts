/** Module configuration paths, as every loader and the graph write them. */

/** `child` or `outer.child` (Terraform 0.12 style) or `module.child` -> `module.child`. */
export function normalizeModulePath(path: string): string {
  if (path === '' || path.startsWith('module.')) return path;
  return path
    .split('.')
    .map((name) => `module.${name}`)
    .join('.');
}
