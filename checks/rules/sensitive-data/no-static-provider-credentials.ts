/**
 * The aws and awscc provider blocks write no credentials as constants (`access_key`, `secret_key`,
 * `token`): a plan file, `cdk.tf.json` and the `.tf` sources carry them in clear. A credential passed
 * through a variable or the environment is not a constant and is not judged here.
 *
 * An input rule: every aws/awscc provider block of the input is judged once (an alias that manages
 * nothing included, and in an input without resources of its own, such as a root module that only
 * calls registry modules), each finding on the provider block (`provider.aws`, `provider.aws.east`,
 * `module.app.provider.aws`).
 *
 * The state backend block of a configuration input is judged the same way (a plan does not record
 * it): a key, token or SSE-C key written into `backend "s3" { … }` (or another backend's) is in the
 * code and in `.terraform/terraform.tfstate` in clear; so is a connection string with a password.
 */
import { maskSecret } from '../../mask';
import { backendAddress } from '../../model/backend';
import type { BackendData, ProviderConfig } from '../../model/types';
import { detect, providerAddress, sensitiveFinding } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineInputRule, fail, notApplicable, pass, type Outcome } from '../types';

const PROVIDERS: ReadonlySet<string> = new Set(['aws', 'awscc']);
const CREDENTIALS = ['access_key', 'secret_key', 'token'] as const;

/** A provider block's findings. */
function constantCredentials(provider: ProviderConfig): Outcome[] {
  const address = providerAddress(provider);
  return CREDENTIALS.flatMap((name) => {
    const value = provider.values.get(name).string();
    if (value.kind !== 'known' || value.value.trim() === '') return [];
    const message = `${address} sets \`${name}\` to a constant (${maskSecret(value.value)}): the plan and the synthesized configuration carry it in clear. Remove it, revoke it, and let the provider read credentials from an IAM role, a profile or the environment.`;
    return [fail(message, { address, path: name, redact: [value.value] })];
  });
}

/**
 * Backend settings that hold a secret by name, across the backends (s3: keys, token, SSE-C key;
 * azurerm: access key, SAS token, client secret; gcs: access token, encryption key; remote/cloud:
 * token). Any other string setting is searched for credentials (`conn_str = "postgres://u:p@…"`).
 */
const BACKEND_SECRETS: ReadonlySet<string> = new Set([
  'access_key',
  'secret_key',
  'token',
  'sse_customer_key',
  'sas_token',
  'client_secret',
  'client_certificate_password',
  'access_token',
  'encryption_key',
  'password',
  'web_identity_token',
]);

/**
 * A backend block's findings, on `terraform.backend.<type>` (`terraform.cloud`): every string
 * setting, nested blocks included (`assume_role_with_web_identity { web_identity_token }`).
 */
function backendCredentials(backend: BackendData): Outcome[] {
  const address = backendAddress(backend);
  return backend.settings.strings().flatMap(({ text, path }): Outcome[] => {
    if (text.trim() === '') return [];
    const where = path.map(String).join('.');
    const name = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
    if (name !== undefined && BACKEND_SECRETS.has(name)) {
      const message = `${address} sets \`${where}\` to a constant (${maskSecret(text)}): the code and the local \`.terraform/terraform.tfstate\` carry it in clear. Remove it, revoke it, and give the backend credentials the way the provider gets them (an IAM role, a profile, the environment, or \`-backend-config\` from a secret store at init).`;
      return [fail(message, { address, path: where, redact: [text] })];
    }
    const detections = detect(text, { scope: 'credentials', label: name });
    return detections.length > 0 ? [sensitiveFinding(`${address} \`${where}\``, detections, { address, path: where })] : [];
  });
}

export default defineInputRule({
  id: 'no-static-provider-credentials',
  title: 'Provider and backend blocks hold no credentials',
  category: 'sensitive-data',
  severity: 'critical',
  rationale:
    'Credentials written into a provider or backend block are committed with the code and copied, in clear, into every plan file (provider blocks), synthesized cdk.tf.json, `.terraform` directory and CI log that shows them. Long-term access keys that leak this way are the most common way AWS accounts are compromised.',
  remediation:
    'Remove `access_key`, `secret_key` and `token` from the provider block (and any key, token or password from the backend block) and revoke them. Let the provider and the backend find credentials the standard way: an IAM role (OIDC in CI, an instance or task role), `AWS_PROFILE` / a shared config file, or `assume_role`.',
  references: [
    awsDoc('Terraform AWS provider: authentication and configuration', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration'),
    awsDoc('AWS IAM: Security best practices (use temporary credentials, not long-term keys)', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'),
    awsDoc('Terraform: backend configuration (credentials and sensitive data)', 'https://developer.hashicorp.com/terraform/language/backend#credentials-and-sensitive-data'),
  ],
  appliesTo: 'input',
  evaluate(input, { graph }) {
    const providers = graph.providers.filter((p) => p.input === input.input && PROVIDERS.has(p.name));
    // A backend `terraform init` recorded holds what `-backend-config` gave it too: not written in the code.
    const written = input.backend?.origin === 'configuration' ? input.backend : undefined;
    if (providers.length === 0 && written === undefined) return notApplicable();
    const outcomes = [...providers.flatMap(constantCredentials), ...(written ? backendCredentials(written) : [])];
    return outcomes.length > 0 ? outcomes : pass();
  },
});
