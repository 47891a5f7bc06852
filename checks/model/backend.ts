/**
 * The state backend a root module's `terraform` blocks write: `backend "s3" { … }` (hcl2json gives
 * `{ backend: { s3: [ { … } ] } }`, cdk.tf.json `{ backend: { s3: { … } } }`) or HCP Terraform's
 * `cloud { … }`. Terraform allows one of them in a root module; the first found is taken.
 */
import type { BackendData } from './types';
import { ValueView } from './value';

type Body = Record<string, unknown>;

const isBody = (value: unknown): value is Body => value !== null && typeof value === 'object' && !Array.isArray(value);
const firstBody = (value: unknown): Body | undefined => (Array.isArray(value) ? value.find(isBody) : isBody(value) ? value : undefined);

/** The backend of `terraform` block bodies, or undefined when they write none. */
export function backendOf(terraformBlocks: readonly Body[]): BackendData | undefined {
  for (const block of terraformBlocks) {
    const cloud = firstBody(block.cloud);
    if (cloud !== undefined) return { type: 'cloud', settings: new ValueView(cloud) };
    if (!isBody(block.backend)) continue;
    for (const [type, value] of Object.entries(block.backend)) {
      const settings = firstBody(value);
      if (settings !== undefined) return { type, settings: new ValueView(settings) };
    }
  }
  return undefined;
}
