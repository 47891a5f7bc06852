/**
 * OpenTofu's state encryption (1.7 and later): the root module's `terraform { encryption { … } }`
 * block. OpenTofu encrypts the state on the client with the method its `state` block names, before
 * any backend stores it, the `local` backend included; Terraform refuses the block
 * ("Unsupported block type"), so code that writes it is planned by OpenTofu or not at all.
 *
 *   key_provider "pbkdf2" "k" { passphrase = var.passphrase }   # also aws_kms, gcp_kms, openbao, external…
 *   method "aes_gcm" "m" { keys = key_provider.pbkdf2.k }       # `unencrypted` writes the state in clear
 *   state {
 *     method   = method.aes_gcm.m    # what every write uses (a `fallback` only reads)
 *     enforced = true                # refuse to write the state unencrypted
 *   }
 *
 * hcl2json gives each block as a list of bodies (`encryption: [ { method: { aes_gcm: { m: [ { … } ] } } } ]`),
 * the JSON syntax (cdk.tf.json, .tf.json) as one object; a reference is the template `"${method.aes_gcm.m}"`.
 * `TF_ENCRYPTION` in the environment of the run can add to or override all of it: the gate, which
 * runs tofu, reads its own (`stateEncryptionOf`'s `environment`); otherwise the code alone vouches
 * for encryption only by a method it names or by `enforced = true`.
 */
import { asWritten, type SettingsReader } from './backend';
import { bodiesOf } from './cdktf';
import { parseTemplate } from './expressions';
import type { StateEncryptionData } from './types';
import { ValueView } from './value';

type Body = Record<string, unknown>;

/** `${method.<type>.<name>}` or `${key_provider.<type>.<name>}`, the one reference of an attribute. */
const REFERENCE = /^\$\{(method|key_provider)\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)\}$/;

/** Where findings on the encryption block point. */
export const ENCRYPTION_ADDRESS = 'terraform.encryption';

/** The bodies of a block labelled twice (`method "aes_gcm" "m" { … }`), by `<type>.<name>`. */
function labelled(value: unknown): Map<string, Body> {
  const out = new Map<string, Body>();
  for (const byType of bodiesOf(value)) {
    for (const [type, byName] of Object.entries(byType)) {
      for (const named of bodiesOf(byName)) {
        for (const [name, body] of Object.entries(named)) {
          const first = bodiesOf(body)[0];
          if (first !== undefined && !out.has(`${type}.${name}`)) out.set(`${type}.${name}`, first);
        }
      }
    }
  }
  return out;
}

/** The `<type>.<name>` an attribute references as `kind.<type>.<name>`, or undefined. */
function referenced(value: unknown, kind: 'method' | 'key_provider'): string | undefined {
  const match = typeof value === 'string' ? REFERENCE.exec(value) : null;
  return match !== null && match[1] === kind ? `${match[2]}.${match[3]}` : undefined;
}

/**
 * The key providers a method's `keys` names, and those their `chain` names in turn (pbkdf2's `chain =
 * key_provider.aws_kms.k`): the ones OpenTofu sets up, as it sets up no other since 1.8 (opentofu #1604,
 * "encrypted remote state validates unused key providers", fixed by #1918). Undefined where a `keys` or
 * a `chain` is written but names none the gate can read, so that any may be set up.
 */
function referencedKeyProviders(methods: ReadonlyMap<string, Body>, providers: ReadonlyMap<string, Body>): Set<string> | undefined {
  const found = new Set<string>();
  const pending: string[] = [];
  const follow = (value: unknown): boolean => {
    if (value === undefined) return true;
    const key = referenced(value, 'key_provider');
    if (key === undefined) return false;
    if (!found.has(key)) {
      found.add(key);
      pending.push(key);
    }
    return true;
  };
  for (const body of methods.values()) if (!follow(body.keys)) return undefined;
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) if (!follow(providers.get(key)?.chain)) return undefined;
  return found;
}

/**
 * The key providers of `encryption` of the types `types` names that OpenTofu sets up: those a
 * method's `keys`, or the `chain` of a key provider one names, names (OpenTofu 1.8 and later set up no
 * other, opentofu #1604); every one where that cannot be read (`unreferenced` absent). What
 * provider-tls-verified and provider-fips-endpoints judge.
 */
export const usedKeyProviders = (encryption: StateEncryptionData | undefined, types: ReadonlySet<string>): StateEncryptionData['keyProviders'] =>
  (encryption?.keyProviders ?? []).filter((p) => types.has(p.type) && !p.unreferenced);

/** Whether an attribute is a literal string (no interpolation): a value written in the code itself. */
export const isLiteralString = (value: unknown): value is string => typeof value === 'string' && parseTemplate(value).literal;

/**
 * The `state` block OpenTofu uses where `TF_ENCRYPTION` writes one too (MergeConfigs in
 * internal/encryption/config/config_merge.go): the environment's method where it names one, and
 * enforced where either is.
 */
function mergedState(code: Body | undefined, environment: Body | undefined): Body | undefined {
  if (code === undefined || environment === undefined) return environment ?? code;
  return { ...code, ...(environment.method !== undefined ? { method: environment.method } : {}), enforced: code.enforced === true || environment.enforced === true };
}

/**
 * The state encryption `terraform` block bodies write, merged with `environment`, the body
 * `TF_ENCRYPTION` gives the same run (its methods and key providers replace the code's of the
 * same type and name); undefined when neither writes one.
 */
export function stateEncryptionOf(terraformBlocks: readonly Body[], evaluated: SettingsReader = asWritten, environment?: Body): StateEncryptionData | undefined {
  const blocks = terraformBlocks.flatMap((block) => bodiesOf(block.encryption));
  if (blocks.length === 0 && environment === undefined) return undefined;
  const methods = new Map<string, Body>();
  const providers = new Map<string, Body>();
  const fromEnvironment = new Set<string>();
  const states: Body[] = [];
  for (const [key, body] of labelled(environment?.method)) methods.set(key, body);
  for (const [key, body] of labelled(environment?.key_provider)) {
    providers.set(key, body);
    fromEnvironment.add(key);
  }
  for (const block of blocks) {
    for (const [key, body] of labelled(block.method)) if (!methods.has(key)) methods.set(key, body);
    for (const [key, body] of labelled(block.key_provider)) if (!providers.has(key)) providers.set(key, body);
    states.push(...bodiesOf(block.state));
  }
  const state = mergedState(states[0], environment === undefined ? undefined : bodiesOf(environment.state)[0]);
  const written = state?.method;
  const chosen = referenced(written, 'method');
  const methodBody = chosen === undefined ? undefined : methods.get(chosen);
  const keys = methodBody === undefined ? undefined : referenced(methodBody.keys, 'key_provider');
  const used = referencedKeyProviders(methods, providers);
  return {
    ...(written === undefined ? {} : chosen !== undefined && methodBody !== undefined ? { method: { type: chosen.split('.')[0], name: chosen } } : { methodUnread: typeof written === 'string' ? written : JSON.stringify(written) }),
    enforced: state?.enforced === true,
    ...(keys !== undefined && providers.has(keys) ? { keyProvider: keys } : {}),
    keyProviders: [...providers].map(([key, body]) => {
      const read = evaluated(body);
      return {
        address: `${ENCRYPTION_ADDRESS}.key_provider.${key}`,
        type: key.split('.')[0],
        settings: read.settings,
        written: new ValueView(body),
        ...(read.config ? { config: read.config } : {}),
        ...(fromEnvironment.has(key) ? { environment: true as const } : {}),
        ...(used !== undefined && !used.has(key) ? { unreferenced: true as const } : {}),
      };
    }),
  };
}
