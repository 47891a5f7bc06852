import { awsDoc } from '../support/references';
import { managedOnly, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, fail, pass } from '../types';
import type { Resource } from '../../model/types';

const FIX = 'Set `type = "SecureString"` (with `key_id = aws_kms_key.<key>.arn` for a customer-managed key), or keep the secret in Secrets Manager.';

/** Names and descriptions that announce a secret: `/app/db/password`, `api-key`, `client_secret`. */
const SECRET_NAME = /(pass(word|wd|phrase)?|secret|token|credential|private[-_ ]?key|api[-_ ]?key|access[-_ ]?key)/i;

/** Whether the name or description announces a secret; undefined when the name is unknown at plan time. */
function announcesSecret(parameter: Resource): boolean | undefined {
  const name = parameter.attr('name').string();
  if (name.kind === 'unknown') return undefined;
  const description = parameter.attr('description').string();
  return [name, description].some((v) => v.kind === 'known' && SECRET_NAME.test(v.value));
}

/** Parameters named like secrets are SecureStrings (with any key: the AWS-managed one is accepted). */
export default defineRule({
  id: 'ssm-parameter-secure-string',
  title: 'SSM parameters that hold secrets are SecureStrings',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'Only SecureString parameters are encrypted at rest with KMS; String and StringList values are stored and shown in clear. A parameter whose name or description says password, secret, token, credential or key is treated as a secret. A SecureString without `key_id` uses the AWS-managed key aws/ssm, which is accepted.',
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
