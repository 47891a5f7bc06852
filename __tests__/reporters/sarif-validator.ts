/**
 * A validator for the SARIF 2.1.0 schema in ../shared/schemas. The schema is draft-04: its only
 * draft-04-specific keyword is the top-level `id`, renamed `$id` so ajv (draft-07) compiles it.
 * Formats are checked with small, strict-enough validators.
 */
import * as fs from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import { SARIF_SCHEMA } from '../helpers/shared';

export function sarifValidator(): ValidateFunction {
  const { $schema: _draft, id, ...schema } = JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ ...schema, $id: String(id) });
}
