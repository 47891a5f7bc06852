/**
 * The AWS shared config and credentials files the code names: the aws and awscc providers' and OpenTofu's
 * aws_kms key provider's `shared_config_files` and `shared_credentials_files`, and the s3 backend's, with its
 * deprecated `shared_credentials_file`. hashicorp/aws-sdk-go-base hands them to the AWS SDK for Go v2 in place
 * of `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` (or `.aws/config` and `.aws/credentials`) where the
 * list is not empty, and the SDK merges them (endpoints.ts, `ProfileSource`). Read, as the environment's files
 * are (environment-endpoints.ts), where the check reads the environment terraform runs in: by the configuration
 * loaders (.tf, cdk.tf.json), for a plan read with its code (`--code`), and by the gate; never for a plan read
 * alone. A path the input does not fix is not read: the block's list is then not fixed, and judged as before.
 */
import { providerValues } from './graph/config';
import { normalizeModulePath, providerAddress } from './module-path';
import { backendAddress } from './backend';
import { readEnvironment, readNamedFile, SHARED_CONFIG_VARIABLE, type EnvironmentEndpoints, type SharedConfigFile, type SharedFileKind } from './environment-endpoints';
import type { LoadedInput } from './types';
import type { ValueView } from './value';

/** The settings that name files, with the kind of file each names. */
const FILE_SETTINGS: readonly { readonly setting: string; readonly kind: SharedFileKind }[] = [
  { setting: 'shared_config_files', kind: 'config' },
  { setting: 'shared_credentials_files', kind: 'credentials' },
  { setting: 'shared_credentials_file', kind: 'credentials' },
];

/** The key of a file in `EnvironmentEndpoints.namedFiles`: its kind and the path as written. */
export const namedFileKey = (kind: SharedFileKind, written: string): string => `${kind}\u0000${written}`;

/** The blocks of `loaded` that read the AWS shared files, each with its address: aws and awscc providers, the s3 backend, aws_kms key providers. */
function readingBlocks(loaded: LoadedInput): { readonly address: string; readonly settings: ValueView }[] {
  return [
    ...loaded.providers.filter((p) => p.name === 'aws' || p.name === 'awscc').map((p) => ({ address: providerAddress({ ...p, module: normalizeModulePath(p.module) }), settings: providerValues(p) })),
    ...(loaded.backend?.type === 's3' ? [{ address: backendAddress(loaded.backend), settings: loaded.backend.settings }] : []),
    ...(loaded.stateEncryption?.keyProviders ?? []).filter((k) => k.type === 'aws_kms').map((k) => ({ address: k.address, settings: k.settings })),
  ];
}

/** The paths a setting fixes: a string, or each string of a list; none where it is absent or not fixed. */
function writtenPaths(view: ValueView): string[] {
  const one = view.string();
  if (one.kind === 'known') return [one.value];
  const list = view.list();
  if (list.kind !== 'known') return [];
  return list.value.flatMap((item) => {
    const text = item.string();
    return text.kind === 'known' ? [text.value] : [];
  });
}

/**
 * `loaded` with the files its blocks name read into its `environmentEndpoints` (`namedFiles`), from `env`
 * (the variables in a path, the home directory) and `dir`, the directory terraform runs in (a relative path;
 * undefined where it is not known). Throws InputError where a file named cannot be read (`readNamedFile`).
 */
export function withNamedSharedFiles(loaded: LoadedInput, env: Readonly<Record<string, string | undefined>>, dir: string | undefined): LoadedInput {
  const namedFiles = new Map<string, SharedConfigFile>();
  for (const { address, settings } of readingBlocks(loaded)) {
    for (const { setting, kind } of FILE_SETTINGS) {
      for (const written of writtenPaths(settings.get(setting))) {
        const key = namedFileKey(kind, written);
        if (namedFiles.has(key)) continue;
        const read = readNamedFile(written, kind, env, dir, loaded.input, `${address} \`${setting}\``);
        if (read !== undefined) namedFiles.set(key, read);
      }
    }
  }
  // The s3 backend's and the aws_kms key provider's AWS_SHARED_CONFIG_FILE, a path they resolve as a named one.
  const variable = env[SHARED_CONFIG_VARIABLE];
  if (variable && (loaded.backend?.type === 's3' || (loaded.stateEncryption?.keyProviders ?? []).some((k) => k.type === 'aws_kms')) && !namedFiles.has(namedFileKey('config', variable))) {
    const read = readNamedFile(variable, 'config', env, dir, SHARED_CONFIG_VARIABLE, 'it', 'Point it at the AWS shared config file terraform reads, or unset it');
    if (read !== undefined) namedFiles.set(namedFileKey('config', variable), read);
  }
  if (namedFiles.size === 0) return loaded;
  // Where the environment gives nothing of its own, what it says still counts for these files: AWS_PROFILE, the default files.
  const environment: EnvironmentEndpoints = loaded.environmentEndpoints ?? readEnvironment(env);
  return { ...loaded, environmentEndpoints: { ...environment, namedFiles } };
}
