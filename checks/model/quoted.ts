/**
 * Text of an input that a refusal quotes (a key Terraform does not read, a block's labels): masked
 * as every report masks data (detect.ts `safeText`: a secret or personal datum, cut at 64
 * characters) and its control and format characters escaped as the reports show them
 * (`showData`: `\u001b`), so that a one-line refusal on stderr neither prints a credential nor
 * clears the screen or writes a line of its own into a CI log.
 */
import { showData } from '../reporters/shared';
import { maskedAll, safeText } from '../rules/support/detect';

export const quotedInput = (text: string): string => showData(safeText(text));

/** A path a refusal names in its reason: masked as `quotedInput` masks text, but never cut, as the CLI shows the input it names first. */
export const quotedPath = (text: string): string => showData(maskedAll(text));
