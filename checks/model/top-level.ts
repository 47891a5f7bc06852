/**
 * The top level of a Terraform configuration file: the block types Terraform reads there, and the
 * refusal of any other key. Terraform refuses the whole configuration ("Unsupported block type",
 * "Extraneous JSON object property"), so a typo (`resources "aws_s3_bucket" "b"`) deploys nothing;
 * read as nothing, it passed every check of what it would have deployed.
 */
import { closeIds } from '../config';
import { InputError } from '../errors';
import { quotedInput } from './quoted';

/**
 * The block types of a `.tf` or `.tf.json` file's top level: Terraform 1.14's (`action` is 1.14's,
 * `ephemeral` 1.10's; `list` is read in `.tfquery.hcl` files only, which are not read here). OpenTofu
 * adds none at the top (its `encryption` is a `terraform` block's).
 */
const TOP_LEVEL_BLOCKS: readonly string[] = ['terraform', 'provider', 'variable', 'locals', 'output', 'module', 'resource', 'data', 'moved', 'import', 'removed', 'check', 'ephemeral', 'action'];

/**
 * Refuse the first top-level key of `doc` (from `file`) that Terraform does not read, naming the file
 * and the key, with the near block type if there is one. A `.tf.json` file's `"//"` is a comment
 * (cdktf writes its metadata there).
 */
export function refuseUnknownTopLevel(doc: Readonly<Record<string, unknown>>, file: string, syntax: 'hcl' | 'json'): void {
  for (const key of Object.keys(doc)) {
    if (TOP_LEVEL_BLOCKS.includes(key) || (syntax === 'json' && key === '//')) continue;
    const [near] = closeIds(key, TOP_LEVEL_BLOCKS);
    const shown = `"${quotedInput(key)}"`;
    const what = syntax === 'json' ? `${shown} is not a top-level property of a Terraform JSON configuration` : `${shown} is not a top-level block type of Terraform`;
    throw new InputError(file, `${what}${near ? ` (did you mean "${near}"?)` : ''}: Terraform refuses the configuration`);
  }
}
