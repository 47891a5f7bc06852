/**
 * The aws and awscc provider blocks write no credentials as constants (`access_key`, `secret_key`,
 * `token`), nor does any provider block under a credential's name or in a shape a detector knows
 * (`provider "github" { token = "ghp_…" }`): a plan file, `cdk.tf.json` and the `.tf` sources carry
 * them in clear. A credential passed through a variable given from outside the code or the
 * environment is not a constant and is not judged here.
 *
 * An input rule: every provider block of the input is judged once (an alias that manages
 * nothing included, and in an input without resources of its own, such as a root module that only
 * calls registry modules), each finding on the provider block (`provider.aws`, `provider.aws.east`,
 * `module.app.provider.aws`).
 *
 * The state backend block of a configuration input is judged the same way (a plan does not record
 * it): a key, token or SSE-C key written into `backend "s3" { … }` (or another backend's) is in the
 * code and in `.terraform/terraform.tfstate` in clear; so is a connection string with a password.
 * The gate judges the backend `terraform init` recorded, where `-backend-config` values are too:
 * Terraform copies them into `.terraform` and every plan file, as its backend page warns.
 * So is a secret written into an OpenTofu state encryption key provider (a pbkdf2 `passphrase`):
 * whoever reads the code can decrypt the state. And a token in a module call's `source` URL.
 */
import { maskSecret } from '../../mask';
import { backendAddress, statedBackend } from '../../model/backend';
import { isLiteralString } from '../../model/state-encryption';
import type { BackendData, ConfigNode, ModuleCallData, ProviderConfig, StateEncryptionData } from '../../model/types';
import type { PathSeg, ValueView } from '../../model/value';
import { isCodeConstant } from '../../model/expressions';
import { configAt } from '../../model/graph/config';
import { detect, namesCredential, sensitiveFinding, writtenConstants, writtenCredential } from '../support/detect';
import { providerAddress } from '../../model/module-path';
import { awsDoc } from '../support/references';
import { defineInputRule, fail, notApplicable, pass, type Outcome } from '../types';

const PROVIDERS: ReadonlySet<string> = new Set(['aws', 'awscc']);
const CREDENTIALS = ['access_key', 'secret_key', 'token'] as const;
/**
 * Credentials other providers name beyond the words `namesCredential` knows (`token`, `password`, `*_secret`,
 * Datadog's `app_key`, `*_license_key`): Grafana's `auth` (a token or `user:password`), New Relic's
 * `insights_insert_key`, Cloudflare's `api_user_service_key`, and the like.
 */
const PROVIDER_SECRET_NAMES = /^(?:auth|admin_key|master_key|account_key|[a-z_]*_(?:insert|service|admin|account)_key)$/;

/** The aws provider's paths `constantCredentials` judges (by value, evaluated), and none. */
const AWS_JUDGED: ReadonlySet<string> = new Set(CREDENTIALS);
const NONE: ReadonlySet<string> = new Set();

/** A provider block's findings. */
function constantCredentials(provider: ProviderConfig): Outcome[] {
  const address = providerAddress(provider);
  return CREDENTIALS.flatMap((name) => {
    const value = provider.values.get(name).string();
    if (value.kind !== 'known' || value.value.trim() === '') return [];
    // Given from outside the code (`--var`): how a credential should come, as a sensitive variable's would.
    const node = configAt(provider.data.config, [name]);
    if (node?.kind === 'expr' && !isCodeConstant(node)) return [];
    const message = `${address} sets \`${name}\` to a constant (${maskSecret(value.value)}): the plan and the synthesized configuration carry it in clear. Remove it, revoke it, and let the provider read credentials from an IAM role, a profile or the environment.`;
    return [fail(message, { address, path: name, redact: [value.value] })];
  });
}

/**
 * What a provider block writes as a constant (its configuration's literal strings, nested blocks
 * included) under a credential's name (`token`, `password`, `client_secret`,
 * `assume_role_with_web_identity.web_identity_token`…), or where a detector finds a credential: any
 * provider (github, vault, kubernetes, postgresql…). `skip`: paths judged otherwise.
 */
const writtenProviderCredentials = (provider: ProviderConfig, skip: ReadonlySet<string>): Outcome[] =>
  stringCredentials(
    providerAddress(provider),
    writtenConstants(provider.data.config, undefined, true).filter(({ path }) => !skip.has(path.map(String).join('.'))),
    {
      named: (name, text) => (namesCredential(name) || PROVIDER_SECRET_NAMES.test(name ?? '')) && writtenCredential(text, undefined, name) !== undefined,
      exposure: 'the plan and the code carry it in clear',
      remedy: 'give the provider its credentials from the environment, a credentials file or a sensitive variable set at plan time',
    },
  );

/**
 * Backend settings that hold a secret by name, across the backends (Terraform's page of each):
 * s3: keys, token, SSE-C key; azurerm: access key, SAS token, client secret, client certificate
 * password, OIDC tokens; gcs: access token, encryption key, `credentials` (a key's JSON, or a path:
 * `writtenCredential` leaves a path out); remote/cloud: token; consul: access token, `http_auth`
 * (`user:password`); oss and cos: keys, security token; http: password, client private key;
 * kubernetes: token, client key. Any other string setting is searched for credentials
 * (`conn_str = "postgres://u:p@…"` of pg).
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
  'oidc_token',
  'oidc_request_token',
  'http_auth',
  'security_token',
  'client_key',
  'client_private_key_pem',
  // OpenTofu's pbkdf2 key provider: the passphrase the state's key is derived from.
  'passphrase',
]);

/**
 * A backend block's findings, on `terraform.backend.<type>` (`terraform.cloud`): every string
 * setting, nested blocks included (`assume_role_with_web_identity { web_identity_token }`).
 */
const backendCredentials = (backend: BackendData): Outcome[] =>
  stringCredentials(backendAddress(backend), codeStrings(backend.settings, backend.written, backend.config), {
    named: (name, text) => name !== undefined && (BACKEND_SECRETS.has(name) || (name === 'credentials' && writtenCredential(text) !== undefined)),
    ...(backend.origin === 'init'
      ? { recorded: true, exposure: '`terraform init` recorded it (from the code or `-backend-config`), and `.terraform/terraform.tfstate` and every plan file carry it in clear' }
      : { exposure: 'the code and the local `.terraform/terraform.tfstate` carry it in clear' }),
    // Not `-backend-config`: Terraform copies what it gives into `.terraform` and plan files too (its backend page, cited).
    remedy: 'give the backend credentials the way the provider gets them (an IAM role, a profile, or the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`)',
  });

/**
 * An OpenTofu state encryption key provider's findings (`key_provider "pbkdf2" "k" { passphrase = "…" }`),
 * on `terraform.encryption.key_provider.<type>.<name>`: the strings the code fixes (`codeStrings`).
 */
const keyProviderCredentials = (encryption: StateEncryptionData): Outcome[] =>
  // One `TF_ENCRYPTION` gives the run (the gate's environment) is not in the code.
  encryption.keyProviders.filter((provider) => provider.environment === undefined).flatMap((provider) =>
    stringCredentials(provider.address, codeStrings(provider.settings, provider.written, provider.config), {
      named: (name) => name !== undefined && BACKEND_SECRETS.has(name),
      exposure: 'the code carries it in clear, and with it the key to the encrypted state',
      remedy: 'read it from a variable set from a secret store at init (`passphrase = var.state_passphrase`, `TF_VAR_state_passphrase`), or move to the aws_kms key provider with a customer-managed key',
    }),
  );

/**
 * The strings of settings OpenTofu evaluates at init (1.8: a backend's, a key provider's) that the
 * code fixes: written as literal text, or a local's value (`secret_key = local.sk`), as in a
 * provider block. A value given from outside the code (`-var`) is not, nor, where the loader did
 * not evaluate the settings (`config` absent: cdk.tf.json, or what init recorded), a template.
 */
function codeStrings(settings: ValueView, written: ValueView | undefined, config: ConfigNode | undefined): { text: string; path: readonly PathSeg[] }[] {
  if (config === undefined) return (written ?? settings).strings().filter(({ text }) => isLiteralString(text));
  return settings.strings().filter(({ path }) => isCodeConstant(configAt(config, path)));
}

/**
 * A block's strings (`path`: where each is) that hold a credential: by their name (`named`: the
 * finding says it is written in the code as a constant, or that the block holds it where it is `recorded` by init), or where a detector finds one.
 */
function stringCredentials(
  address: string,
  strings: readonly { readonly text: string; readonly path: readonly PathSeg[] }[],
  how: { readonly named: (name: string | undefined, text: string) => boolean; readonly recorded?: boolean; readonly exposure: string; readonly remedy: string },
): Outcome[] {
  return strings.flatMap(({ text, path }): Outcome[] => {
    if (text.trim() === '') return [];
    const where = path.map(String).join('.');
    const name = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
    if (how.named(name, text)) {
      const holds = how.recorded ? `holds \`${where}\`` : `sets \`${where}\` to a constant`;
      const message = `${address} ${holds} (${maskSecret(text)}): ${how.exposure}. Remove it, revoke it, and ${how.remedy}.`;
      return [fail(message, { address, path: where, redact: [text] })];
    }
    const detections = detect(text, { scope: 'credentials', label: name });
    return detections.length > 0 ? [sensitiveFinding(`${address} \`${where}\``, detections, { address, path: where })] : [];
  });
}

/**
 * A module call whose `source` carries a credential (`git::https://oauth2:ghp_…@github.com/acme/net.git`),
 * on `module.<name>` (`module.app.module.net`): it is in the code, in `.terraform/modules/modules.json`
 * and in every `terraform init` log ("Downloading … for net...").
 */
function sourceCredentials(call: ModuleCallData): Outcome[] {
  if (call.source === undefined) return [];
  const detections = detect(call.source, { scope: 'credentials', label: 'source' });
  const address = `${call.parent ? `${call.parent}.` : ''}module.${call.name}`;
  return detections.length > 0 ? [sensitiveFinding(`${address} \`source\``, detections, { address, path: 'source' })] : [];
}

export default defineInputRule({
  id: 'no-static-provider-credentials',
  title: 'Provider, backend and module blocks hold no credentials',
  category: 'sensitive-data',
  severity: 'critical',
  rationale:
    'Credentials written into a provider or backend block are committed with the code and copied, in clear, into every plan file (provider blocks), synthesized cdk.tf.json, `.terraform` directory and CI log that shows them. Long-term access keys that leak this way are the most common way AWS accounts are compromised.',
  remediation:
    'Remove `access_key`, `secret_key` and `token` from the provider block (and any key, token or password from the backend block) and revoke them. Let the provider and the backend find credentials the standard way: a named profile (`AWS_PROFILE`), the `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` environment variables, an instance or task role, OIDC in CI, or `assume_role`.',
  references: [
    awsDoc('Terraform AWS provider: authentication and configuration', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration'),
    awsDoc('AWS IAM: Security best practices (use temporary credentials, not long-term keys)', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'),
    awsDoc('Terraform: backend configuration (credentials and sensitive data)', 'https://developer.hashicorp.com/terraform/language/backend#credentials-and-sensitive-data'),
  ],
  appliesTo: 'input',
  evaluate(input, { graph }) {
    const providers = graph.providers.filter((p) => p.input === input.input);
    // The backend of the code, or the one `terraform init` recorded (the gate): what `-backend-config` gave it is in `.terraform` and plan files too.
    const written = statedBackend(input);
    const encryption = input.stateEncryption;
    const calls = input.moduleCalls.filter((call) => call.source !== undefined);
    if (providers.length === 0 && written === undefined && encryption === undefined && calls.length === 0) return notApplicable();
    const outcomes = [
      ...providers.flatMap((provider) => (PROVIDERS.has(provider.name) ? [...constantCredentials(provider), ...writtenProviderCredentials(provider, AWS_JUDGED)] : writtenProviderCredentials(provider, NONE))),
      ...(written ? backendCredentials(written) : []),
      ...(encryption ? keyProviderCredentials(encryption) : []),
      ...calls.flatMap(sourceCredentials),
    ];
    return outcomes.length > 0 ? outcomes : pass();
  },
});
