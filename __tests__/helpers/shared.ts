/**
 * `../shared` (the real plan fixtures and the SARIF schema) sits beside the checkout in CI and in
 * the developers' sessions, not in a user's clone. Tests that read it run when it is there and
 * are skipped, with a one-line reason, when it is not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');
export const REAL_PLANS_DIR = path.join(SHARED_DIR, 'fixtures', 'real-plans');
export const SARIF_SCHEMA = path.join(SHARED_DIR, 'schemas', 'sarif-schema-2.1.0.json');

export const hasShared = fs.existsSync(path.join(REAL_PLANS_DIR, 'index.json'));

/** `describe` when ../shared is present, otherwise a skipped block that says why. */
export const describeWithShared: (name: string, fn: () => void) => void = hasShared
  ? describe
  : (name) => {
      // The block's body is never run: it may read ../shared while it declares its tests.
      describe(name, () => {
        it.skip('skipped: ../shared (real plan fixtures, SARIF schema) is not beside this checkout', () => undefined);
      });
    };

export interface RealPlanEntry {
  file: string;
  category: 'plan' | 'expected-output' | 'negative' | 'encoding' | string;
  format_version?: string;
  terraform_version?: string;
  n_rc?: number;
  note?: string;
  expected?: string;
  [key: string]: unknown;
}

/** The fixtures' index (PROVENANCE.md in machine-readable form). */
export function realPlanIndex(): RealPlanEntry[] {
  if (!hasShared) return [];
  return JSON.parse(fs.readFileSync(path.join(REAL_PLANS_DIR, 'index.json'), 'utf8'));
}
