/**
 * The aws and awscc provider blocks write no credentials as constants (`access_key`, `secret_key`,
 * `token`): a plan file, `cdk.tf.json` and the `.tf` sources carry them in clear. A credential passed
 * through a variable or the environment is not a constant and is not judged here.
 *
 * An input rule: every aws/awscc provider block of the input is judged once (an alias that manages
 * nothing included, and in an input without resources of its own, such as a root module that only
 * calls registry modules), each finding on the provider block (`provider.aws`, `provider.aws.east`,
 * `module.app.provider.aws`).
 */
import { maskSecret } from '../../mask';
import type { ProviderConfig } from '../../model/types';
import { providerAddress } from '../support/detect';
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

export default defineInputRule({
  id: 'no-static-provider-credentials',
  title: 'Provider blocks hold no credentials',
  category: 'sensitive-data',
  severity: 'critical',
  rationale:
    'Credentials written into a provider block are committed with the code and copied, in clear, into every plan file, synthesized cdk.tf.json and CI log that shows them. Long-term access keys that leak this way are the most common way AWS accounts are compromised.',
  remediation:
    'Remove `access_key`, `secret_key` and `token` from the provider block and revoke the key. Let the provider find credentials the standard way: an IAM role (OIDC in CI, an instance or task role), `AWS_PROFILE` / a shared config file, or `assume_role`.',
  references: [
    awsDoc('Terraform AWS provider: authentication and configuration', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration'),
    awsDoc('AWS IAM: Security best practices (use temporary credentials, not long-term keys)', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'),
  ],
  appliesTo: 'input',
  evaluate(input, { graph }) {
    const providers = graph.providers.filter((p) => p.input === input.input && PROVIDERS.has(p.name));
    if (providers.length === 0) return notApplicable();
    const outcomes = providers.flatMap(constantCredentials);
    return outcomes.length > 0 ? outcomes : pass();
  },
});
