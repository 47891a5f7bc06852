import { awsDoc } from '../support/references';
import { managedOnly, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, fail, pass } from '../types';
import type { Resource } from '../../model/types';

const FIX = 'Set `type = "SecureString"` (with `key_id = aws_kms_key.<key>.arn` for a customer-managed key), or keep the secret in Secrets Manager.';

/**
 * The words of a name or description, lower-cased: split at `/`, `_`, `-`, `.`, spaces and
 * camelCase humps (`dbPassword`, `APIKey`), so a secret's word is told from a longer word that
 * merely begins with it (`passenger_limit` holds no password).
 */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** Words that are a secret only on their own: `/prod/db/pwd`, `/app/pass` (not `bypass`, `passenger`). */
const SECRET_WORDS = new Set(['pass', 'pwd']);
/** A word that says secret wherever it holds one of these: `dbpassword`, `client_secret`, `accesstokens`, `apikey`. */
const SECRET_IN_WORD = /password|passwd|passphrase|secret|token|credential|privatekey|apikey|accesskey/;
/** Two words that say secret together: `private key`, `api-key`, `AccessKey`. */
const KEY_OWNERS = new Set(['private', 'api', 'access']);

/**
 * Whether a name or description announces a secret: `/app/db/password`, `/prod/db/pwd`, `api-key`,
 * `client_secret`. Two words say it together within one segment of a path only: `/prod/api/key-rotation-days`
 * names a setting of the API, not its key.
 */
function namesSecret(text: string): boolean {
  return text.split('/').some((segment) => {
    const found = words(segment);
    return found.some((word, i) => SECRET_WORDS.has(word) || SECRET_IN_WORD.test(word) || (KEY_OWNERS.has(word) && /^keys?$/.test(found[i + 1] ?? '')));
  });
}

/** Whether the name or description announces a secret; undefined when the name is unknown at plan time. */
function announcesSecret(parameter: Resource): boolean | undefined {
  const name = parameter.attr('name').string();
  if (name.kind === 'unknown') return undefined;
  const description = parameter.attr('description').string();
  return [name, description].some((v) => v.kind === 'known' && namesSecret(v.value));
}

/** Parameters named like secrets are SecureStrings (with any key: the AWS-managed one is accepted). */
export default defineRule({
  id: 'ssm-parameter-secure-string',
  title: 'SSM parameters that hold secrets are SecureStrings',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'Only SecureString parameters are encrypted at rest with KMS; String and StringList values are stored and shown in clear. A parameter whose name or description has a word that says password (`pwd`, `passwd`, `pass`), secret, token, credential, private key, API key or access key is treated as a secret. A SecureString without `key_id` uses the AWS-managed key aws/ssm, which is accepted.',
  remediation: FIX,
  references: [
    awsDoc('Working with SecureString parameters', 'https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html'),
  ],
  appliesTo: ['aws_ssm_parameter'],
  evaluate: managedOnly((parameter) => {
    const typeView = setting(parameter, 'type');
    const type = typeView.string();
    if (type.kind === 'known' && type.value === 'SecureString') return pass();
    // A parameter that does not announce a secret passes whatever its type.
    const secret = announcesSecret(parameter);
    if (secret === undefined) return unknownAtPlan(parameter.attr('name'), { what: '`name` (which says whether the parameter holds a secret)', fix: FIX });
    if (!secret) return pass();
    if (type.kind === 'unknown') return unknownAtPlan(typeView, { what: '`type`', fix: FIX });
    return fail(`The parameter's name or description says it holds a secret (password, secret, token, credential or key), but its type stores the value unencrypted. ${FIX}`, { path: 'type' });
  }),
});
