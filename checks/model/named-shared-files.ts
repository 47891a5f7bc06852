/**
 * The AWS shared config and credentials files the code names: the aws and awscc providers' and OpenTofu's
 * aws_kms key provider's `shared_config_files` and `shared_credentials_files`, and the s3 backend's, with its
 * deprecated `shared_credentials_file`. hashicorp/aws-sdk-go-base hands them to the AWS SDK for Go v2 in place
 * of `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` (or `.aws/config` and `.aws/credentials`) where the
 * list is not empty, and the SDK merges them (endpoints.ts, `ProfileSource`). Read, as the environment's files
 * are (environment-endpoints.ts), where the check reads the environment terraform runs in: by the configuration
 * loaders (.tf, cdk.tf.json), for a plan read with its code (`--code`), and by the gate; never for a plan read
 * alone. A path the input does not fix is not read: the block's list is then not fixed, and judged as before. A
 * profile a block is told to read (its `profile`, `AWS_PROFILE`) that none of its files has is refused there too.
 */
import { providerValues } from './graph/config';
import { normalizeModulePath, providerAddress } from './module-path';
import { backendAddress } from './backend';
import { namedFileKey, readEnvironment, readNamedFile, SHARED_CONFIG_VARIABLE, type EnvironmentEndpoints, type SharedConfigFile, type SharedFileKind } from './environment-endpoints';
import { InputError } from '../errors';
import { AWS_KMS_READER, type EndpointReader, missingProfile, PROVIDER_ENDPOINT_READERS, S3_BACKEND_READER } from '../rules/support/endpoints';
import type { LoadedInput } from './types';
import { ValueView } from './value';

/** The settings that name files, with the kind of file each names. */
const FILE_SETTINGS: readonly { readonly setting: string; readonly kind: SharedFileKind }[] = [
  { setting: 'shared_config_files', kind: 'config' },
  { setting: 'shared_credentials_files', kind: 'credentials' },
  { setting: 'shared_credentials_file', kind: 'credentials' },
];

/** The settings of a provider's default configuration: none. */
const NO_SETTINGS = new ValueView({});

/** The blocks of `loaded` that read the AWS shared files, each with its address and how it reads them: aws and awscc providers, the s3 backend, aws_kms key providers. */
function readingBlocks(loaded: LoadedInput): { readonly address: string; readonly settings: ValueView; readonly reader: EndpointReader }[] {
  return [
    ...loaded.providers
      .filter((p) => p.name === 'aws' || p.name === 'awscc')
      .map((p) => ({ address: providerAddress({ ...p, module: normalizeModulePath(p.module) }), settings: providerValues(p), reader: PROVIDER_ENDPOINT_READERS[p.name] })),
    // Resources of the root module no provider block configures use the empty default configuration, which reads the environment's.
    ...(['aws', 'awscc'] as const)
      .filter((name) => !loaded.providers.some((p) => p.key === name) && loaded.resources.some((r) => r.module === '' && r.providerConfigKey === name))
      .map((name) => ({ address: `provider.${name} (the default configuration, which no provider block writes)`, settings: NO_SETTINGS, reader: PROVIDER_ENDPOINT_READERS[name] })),
    ...(loaded.backend?.type === 's3' ? [{ address: backendAddress(loaded.backend), settings: loaded.backend.settings, reader: S3_BACKEND_READER }] : []),
    ...(loaded.stateEncryption?.keyProviders ?? []).filter((k) => k.type === 'aws_kms').map((k) => ({ address: k.address, settings: k.settings, reader: AWS_KMS_READER })),
  ];
}

/**
 * Refuses (InputError) a profile a block of `loaded` is told to read, by its `profile` or by `AWS_PROFILE`, that none
 * of the files it reads has (endpoints.ts `missingProfile`): terraform stops there, and where it runs that profile may
 * give an endpoint (at `http://`, not FIPS) or a Region the gate cannot see, as an `AWS_CONFIG_FILE` that names no file
 * is refused (environment-endpoints.ts).
 */
function refuseMissingProfiles(loaded: LoadedInput, environment: EnvironmentEndpoints): void {
  for (const { address, settings, reader } of readingBlocks(loaded)) {
    const missing = missingProfile(reader, environment, settings);
    // No shared file at all: the check runs away from terraform (a CI job checking code), where the profile lives;
    // refusing would stop every such check of code that names a profile. Its settings are not read, as before.
    if (missing === undefined || missing.files.length === 0) continue;
    const { name, named, files } = missing;
    const paths = files.map((file) => file.file);
    const lacking = `${paths.length === 1 ? paths[0] : `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]}`} ${paths.length === 1 ? 'does' : 'do'} not have it`;
    const why = `terraform stops there ("failed to get shared config profile, ${name}"), and the gate cannot tell what that profile gives where terraform runs (its endpoint_url, its region)`;
    const fix = `Name a profile of ${paths.length === 1 ? 'that file' : 'those files'}`;
    if (named === 'AWS_PROFILE') throw new InputError('AWS_PROFILE', `names profile "${name}", which ${address} reads, but ${lacking}: ${why}. ${fix}, or unset AWS_PROFILE`);
    throw new InputError(loaded.input, `${address} \`profile\` names "${name}", but ${lacking}: ${why}. ${fix}`);
  }
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
 * undefined where it is not known). Throws InputError where a file named cannot be read (`readNamedFile`), or where
 * a block is told to read a profile none of the files it reads has (`refuseMissingProfiles`).
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
  // Where the environment gives nothing of its own, what it says still counts for these files: AWS_PROFILE, the default files.
  const environment: EnvironmentEndpoints = loaded.environmentEndpoints ?? readEnvironment(env);
  const read = namedFiles.size === 0 ? environment : { ...environment, namedFiles };
  refuseMissingProfiles(loaded, read);
  return namedFiles.size === 0 ? loaded : { ...loaded, environmentEndpoints: read };
}
