/**
 * The Terraform state is kept encrypted at rest. State holds every attribute of every resource in
 * clear, the values marked `sensitive` included (database passwords, private keys, the secrets a
 * TwinMaker connector reads), so where it is kept is as sensitive as the most sensitive resource.
 *
 * Judged from the root module's `backend` block (or `cloud` block) in a configuration input
 * (cdk.tf.json, .tf), and in `twinguard gate` from what `terraform init` recorded in the working
 * directory (`-backend-config` values included; no backend there is the implied local one). A plan
 * file checked alone does not record the backend. A cdktf stack is a root module: one without a
 * backend block keeps its state in the implied local backend. A `.tf` directory without one is not
 * judged: it may be a module (`-backend-config` at init configures nothing without a block, so a
 * root module without one keeps local state, but the files do not say which they are).
 * - `s3`: `encrypt = true` (the default is false: the state object gets no encryption of its own
 *   request, only whatever the bucket applies by default). A block without `bucket` is a partial
 *   configuration completed at init (`-backend-config`), which the gate cannot see: unknown.
 * - `local` (what cdktf writes for a stack without a backend): the state is a file on the disk of
 *   whoever runs Terraform, in clear: fail.
 * - `cloud` and `remote` (HCP Terraform / Terraform Enterprise), `azurerm`, `gcs`: the service
 *   encrypts state at rest itself: pass.
 * - Any other backend: unknown (the gate cannot vouch for it).
 *
 * OpenTofu's state encryption (`terraform { encryption { state { … } } }`, state-encryption.ts)
 * encrypts the state on the client before any backend stores it: a `state` block naming an
 * `aes_gcm` method, or `enforced = true` without a method of another type (OpenTofu then refuses
 * to write the state unencrypted: the method comes from `TF_ENCRYPTION`), passes whatever the
 * backend. The `unencrypted` method writes the state in clear: the backend decides. A method that
 * is not declared in the block, or of another type (`external`: a program of the user's, which
 * `enforced` does not refuse: it refuses only `unencrypted`), is unknown where the backend alone
 * would not pass.
 */
import { backendAddress } from '../../model/backend';
import { ENCRYPTION_ADDRESS } from '../../model/state-encryption';
import type { LoadedInput, StateEncryptionData } from '../../model/types';
import type { ValueView } from '../../model/value';
import { awsDoc } from '../support/references';
import { defineInputRule, fail, notApplicable, pass, unknown, type Outcome } from '../types';

const FIX =
  'Keep state in the `s3` backend with `encrypt = true` and a customer-managed key (`kms_key_id`), in a bucket that blocks public access and denies plain HTTP; or, with OpenTofu, encrypt it on the client (`terraform { encryption { … state { method = method.aes_gcm.<name>, enforced = true } } }`).';

/**
 * Backends whose service encrypts stored state at rest by itself: HCP Terraform and Terraform
 * Enterprise (`cloud`, `remote`), Azure Storage (`azurerm`), Cloud Storage (`gcs`).
 */
const ENCRYPTED_BY_SERVICE: ReadonlySet<string> = new Set(['cloud', 'remote', 'azurerm', 'gcs']);

/** An `s3` backend block's settings. */
function judgeS3(settings: ValueView): Outcome {
  const at = { address: backendAddress({ type: 's3' }), path: 'encrypt' };
  if (settings.get('encrypt').isUnknown) {
    return unknown(`The s3 backend sets \`encrypt\` from a value the code does not fix (a variable OpenTofu is given at init), so the gate cannot tell whether it is true. Write \`encrypt = true\`, or give the variable a value in the code or a variable file. ${FIX}`, at);
  }
  const encrypt = settings.get('encrypt').bool();
  if (encrypt.kind === 'known' && encrypt.value) return pass();
  if (encrypt.kind === 'known') return fail(`The s3 backend sets \`encrypt = false\`: the state, every secret of the configuration in clear, is stored without encryption of its own. ${FIX}`, at);
  if (settings.get('bucket').isAbsent) {
    return unknown(`The s3 backend is configured partly at \`terraform init\` (\`-backend-config\`; the block names no bucket), so the gate cannot see whether \`encrypt = true\`. Write \`encrypt = true\` in the block. ${FIX}`, at);
  }
  return fail(`The s3 backend does not set \`encrypt\` (default false): the state, every secret of the configuration in clear, is stored without encryption of its own. ${FIX}`, at);
}

/**
 * The OpenTofu state encryption method the gate vouches for: AES-GCM. `unencrypted` is the migration
 * method that does not encrypt; `external` runs any program (`["cat"]` writes the state in clear).
 */
const ENCRYPTING_METHODS: ReadonlySet<string> = new Set(['aes_gcm']);

/**
 * What OpenTofu's state encryption settles on its own: `pass` when every write of the state is
 * encrypted, an `unknown` outcome when the block names a method the gate cannot read, undefined
 * when it leaves the state to the backend (no `state` method, or `unencrypted`).
 */
function byEncryption(encryption: StateEncryptionData): Outcome | undefined {
  if (encryption.method !== undefined && ENCRYPTING_METHODS.has(encryption.method.type)) return pass();
  if (encryption.methodUnread !== undefined) {
    return unknown(`The OpenTofu \`encryption\` block's \`state\` names a method it does not declare (OpenTofu refuses to run with it), so the gate cannot tell how the state is written. Name a declared \`method "aes_gcm"\` block: \`state { method = method.aes_gcm.<name>, enforced = true }\`.`, { address: `${ENCRYPTION_ADDRESS}.state`, path: 'method' });
  }
  if (encryption.method !== undefined && encryption.method.type !== 'unencrypted') {
    return unknown(`The OpenTofu \`encryption\` block writes the state with the method type \`${encryption.method.type}\`, which the gate cannot vouch for${encryption.enforced ? ' (`enforced = true` refuses only the `unencrypted` method)' : ''}. Use \`method "aes_gcm"\` with a key provider (aws_kms with a customer-managed key, or pbkdf2 with a passphrase from a secret store).`, { address: `${ENCRYPTION_ADDRESS}.state`, path: 'method' });
  }
  // Enforced with no method of its own (it comes from TF_ENCRYPTION) or the `unencrypted` one:
  // OpenTofu refuses to write the state unencrypted.
  if (encryption.enforced) return pass();
  return undefined;
}

/** The backend's verdict, where OpenTofu's state encryption does not settle it. */
function byBackend(input: LoadedInput): Outcome {
  if (input.backend === undefined) return notApplicable();
  const { type } = input.backend;
  if (type === 's3') return judgeS3(input.backend.settings);
  if (type === 'local') {
    const why = input.backend.origin === 'implied' ? 'no backend is configured, so Terraform keeps `terraform.tfstate` beside the configuration' : 'the `local` backend; cdktf writes it for a stack without a backend';
    return fail(`The state is kept in a local file (${why}): every secret of the configuration sits in clear on the disk of whoever runs Terraform. ${FIX}`, { address: backendAddress(input.backend) });
  }
  if (ENCRYPTED_BY_SERVICE.has(type)) return pass();
  return unknown(`The state is kept in the \`${type}\` backend, whose encryption at rest the gate cannot vouch for. ${FIX}`, { address: backendAddress(input.backend) });
}

export default defineInputRule({
  id: 'terraform-state-encrypted',
  title: 'The Terraform state is stored encrypted',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'Terraform state holds every attribute of every resource in clear, sensitive ones included: passwords, keys, connection strings. Kept in a local file or an S3 object written without encryption, it hands all of them to whoever reads the disk or the bucket.',
  remediation: FIX,
  references: [
    awsDoc('Terraform: S3 backend (encrypt, kms_key_id)', 'https://developer.hashicorp.com/terraform/language/backend/s3'),
    awsDoc('Terraform: sensitive data in state', 'https://developer.hashicorp.com/terraform/language/state/sensitive-data'),
    awsDoc('AWS Prescriptive Guidance: Terraform backend best practices', 'https://docs.aws.amazon.com/prescriptive-guidance/latest/terraform-aws-provider-best-practices/backend.html'),
    awsDoc('OpenTofu: state and plan encryption', 'https://opentofu.org/docs/language/state/encryption/'),
  ],
  appliesTo: 'input',
  evaluate(input) {
    const encrypted = input.stateEncryption ? byEncryption(input.stateEncryption) : undefined;
    if (encrypted?.status === 'pass') return encrypted;
    const backend = byBackend(input);
    // A method the gate cannot read decides nothing: unknown where the backend alone would not pass.
    return encrypted !== undefined && backend.status !== 'pass' ? encrypted : backend;
  },
});
