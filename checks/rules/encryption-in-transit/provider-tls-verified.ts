/**
 * Terraform verifies the TLS certificate of every endpoint it sends AWS credentials, API calls and
 * state to. The aws and awscc providers' `insecure = true` turns that off for every AWS API call the
 * provider makes (the registry's "explicitly allow the provider to perform \"insecure\" SSL
 * requests"): whoever sits on the path can present any certificate, then read the signed requests,
 * the session credentials STS returns and every value sent or read, and change them. The state
 * backends that talk to a server over HTTPS have the same switch: the state, every secret of the
 * configuration in clear, then travels to whoever answers. The http backend given an `http://`
 * address (`address`, `lock_address`, `unlock_address`) sends the state, and its credentials, in
 * clear to anyone on the path. So does an `http://` URL among the service endpoints a provider, the s3
 * backend or the aws_kms key provider overrides (`endpoints { s3 = "http://localstack:4566" }`, the s3
 * backend's deprecated `endpoint`, `dynamodb_endpoint`, `iam_endpoint` and `sts_endpoint`): that
 * service's calls, state or credentials included, travel with no TLS at all. So does one the environment
 * gives where the block sets none (`AWS_ENDPOINT_URL_S3=http://…`, `AWS_ENDPOINT_URL`, the `endpoint_url` of the
 * profile the block reads in the AWS shared config and credentials files, or those its `shared_config_files` and
 * `shared_credentials_files` name): the input carries the environment's endpoint variables and those files where
 * terraform would read them (`environmentEndpoints`, `withNamedSharedFiles`).
 *
 * An input rule, as no-static-provider-credentials: every aws and awscc provider block of the input
 * is judged once (an alias that manages nothing included), each finding on the block
 * (`provider.aws`, `provider.aws.east`, `module.app.provider.aws`). The backend of a configuration
 * input, or the one `terraform init` recorded (what `twinguard gate` reads, `-backend-config` values
 * included), is judged on `terraform.backend.<type>`; a plan file alone does not record it.
 *
 * OpenTofu's state encryption key providers fetch the key the state is encrypted with: the aws_kms
 * one's `insecure = true` (its settings are the s3 backend's) accepts any certificate on the KMS
 * calls that return the plaintext data key, and the openbao one given an `http://` address sends
 * its token and receives the key in clear. Each OpenTofu sets up (one no method's `keys`, nor a used
 * key provider's `chain`, names sends nothing) is judged on `terraform.encryption.key_provider.<type>.<name>`. An endpoint's finding is on its block, path
 * `endpoints.<service>` (or the deprecated setting), the URL shown with its user information starred.
 *
 * A value the input does not fix is unknown: a plan records a provider's expressions, not their
 * values, so `insecure = var.x` in a plan is unknown; read with its code, the loaders evaluate it.
 */
import { backendAddress, statedBackend } from '../../model/backend';
import { entryOf } from '../../model/entry-of';
import type { EnvironmentEndpoints } from '../../model/environment-endpoints';
import { usedKeyProviders } from '../../model/state-encryption';
import type { BackendData, Graph, ProviderConfig, StateEncryptionData } from '../../model/types';
import { ValueView } from '../../model/value';
import { secretsIn } from '../support/detect';
import { providerAddress } from '../../model/module-path';
import {
  AWS_KMS_READER,
  endpointEntries,
  environmentEndpointsOf,
  givenWhere,
  PROVIDER_ENDPOINT_READERS,
  S3_BACKEND_READER,
  s3DeprecatedEndpoints,
  setsEndpoint,
  unsetGiven,
  type EndpointEntry,
  type EnvironmentEndpoint,
} from '../support/endpoints';
import { shown } from '../support/findings';
import { maskUrlCredentials } from '../../mask';
import type { SensitivePattern } from '../../settings';
import { awsDoc } from '../support/references';
import { defineInputRule, fail, isFinding, notApplicable, pass, unknown, type Outcome } from '../types';

const PROVIDERS: ReadonlySet<string> = new Set(['aws', 'awscc']);

/**
 * OpenTofu's key providers that call a server, and so can fetch the state's key insecurely: those it
 * sets up (`usedKeyProviders`: one no method's `keys` names sends nothing), as provider-fips-endpoints.
 */
const KEY_PROVIDERS: ReadonlySet<string> = new Set(['aws_kms', 'openbao']);

/**
 * The setting that turns certificate verification off, per backend: s3's `insecure`, the http
 * backend's `skip_cert_verification`, the kubernetes backend's `insecure`. Other backends have none
 * (cloud, remote, azurerm and gcs always verify).
 */
const BACKEND_SWITCH: Readonly<Record<string, string>> = { s3: 'insecure', http: 'skip_cert_verification', kubernetes: 'insecure' };

/** The http backend's settings that name the server it sends the state to, locks and unlocks it with. */
const HTTP_BACKEND_ADDRESSES = ['address', 'lock_address', 'unlock_address'];

/** The unknown verdict on `key`, an address setting of a block `what` names, given a value the input does not fix: the value is never quoted. */
const unfixedAddress = (what: string, key: string, at: { address: string; path: string }): Outcome =>
  unknown(`${what} takes its \`${key}\` from a value the input does not fix, so the gate cannot tell whether it uses TLS. Write an \`https://\` address.`, at);

/**
 * The verdict on `key`, an address setting of a block `what` names: unknown when it is a value the
 * input does not fix, a failure saying `plainHttp` (given the address as a message may show it: its
 * user information starred, its path cut, or not at all where Terraform marks it sensitive) when it
 * names its server over plain `http://`, nothing for anything else. An `https://` address uses TLS;
 * one with no scheme is no plain-text call either: Terraform 1.11's s3 backend, like the aws providers,
 * built on aws-sdk-go-base v2 and the AWS SDK for Go v2, refuses it at the first call ("unsupported
 * protocol scheme", as `terraform init` with `endpoints = { s3 = "s3.example.internal" }` shows), and
 * OpenTofu's s3 backend and aws_kms key provider (`includeProtoIfNecessary`), like the AWS SDK for Go
 * v1 (`endpoints.AddScheme`), give it `https://`.
 */
function addressFindings(view: ValueView, what: string, key: string, at: { address: string; path: string }, plainHttp: (shown: string) => string): Outcome[] {
  if (view.isUnknown) return [unfixedAddress(what, key, at)];
  const text = view.string();
  return text.kind === 'known' && /^http:\/\//i.test(text.value.trim()) ? [fail(plainHttp(shown(view, maskUrlCredentials(text.value.trim()))), at)] : [];
}

/**
 * The verdicts on the endpoints an `endpoints` setting of a block at `address` names (its `endpointEntries`), each
 * judged as an address: one over plain `http://` sends that service's calls in clear, `consequence` says
 * with what. A block whose entries the input does not fix is unknown on `endpoints`.
 */
function endpointFindings(entries: readonly EndpointEntry[], what: string, address: string, consequence: string, fix: string): Outcome[] {
  return entries.flatMap((entry) => {
    if (entry.kind === 'unknown') return [unfixedAddress(what, 'endpoints', { address, path: 'endpoints' })];
    const key = `endpoints.${entry.name}`;
    return addressFindings(entry.view, what, key, { address, path: key }, (url) => `${what} sends its ${entry.name} calls over plain \`http://\` (\`${key}\` is ${url}): ${consequence} ${fix}`);
  });
}

/**
 * The verdicts on the endpoints the environment gives a block at `address` where its code sets none
 * (`environmentEndpointsOf`), each judged as an address: one over plain `http://` sends that service's
 * calls in clear (`AWS_ENDPOINT_URL`: every service's the block sets no endpoint for), `consequence`
 * says with what. The finding names the variable; the URL is shown as a written one is.
 */
function environmentFindings(endpoints: readonly EnvironmentEndpoint[], what: string, address: string, consequence: string): Outcome[] {
  return endpoints.flatMap((endpoint) => {
    const { value, service } = endpoint;
    const key = service === undefined ? 'endpoints' : `endpoints.${service}`;
    const calls = service === undefined ? 'the calls of every service it sets no endpoint for' : `its ${service} calls`;
    return addressFindings(
      new ValueView(value),
      what,
      key,
      { address, path: key },
      (url) => `${what} sends ${calls} over plain \`http://\` (${givenWhere(endpoint)} is ${url}, and the block sets none): ${consequence} ${environmentFix(endpoint)}`,
    );
  });
}

const environmentFix = (endpoint: EnvironmentEndpoint): string =>
  `Give \`${endpoint.variable}\` an \`https://\` URL (an S3-compatible store or LocalStack serves TLS too; trust its CA with \`AWS_CA_BUNDLE\`), or ${unsetGiven(endpoint)}.`;

/** The verdict on `setting` of a block at `address`; `what` names the block in a message, `fix` ends it. */
function judged(address: string, setting: string, view: ValueView, what: string, fix: string): Outcome[] {
  const value = view.bool();
  const at = { address, path: setting };
  if (value.kind === 'unknown')
    return [unknown(`${what} sets \`${setting}\` from a value the input does not fix (a variable, or an expression a plan records unevaluated), so the gate cannot tell whether it verifies TLS certificates. ${fix}`, at)];
  if (value.kind === 'known' && value.value)
    return [fail(`${what} sets \`${setting} = true\`: it does not verify the TLS certificate of the endpoints it calls, so anyone on the network path can read and change what it sends, credentials included. ${fix}`, at)];
  return [];
}

/** A provider block and its instances share this: the module, the provider's name and its alias. */
const blockKey = (provider: ProviderConfig): string => JSON.stringify([provider.module, provider.name, provider.alias ?? null]);

const providerFix = (provider: ProviderConfig): string =>
  `Remove \`insecure\` (it defaults to false). To trust a private CA (a TLS-inspecting proxy), give its bundle with ${provider.name === 'aws' ? '`custom_ca_bundle` or ' : ''}\`AWS_CA_BUNDLE\` instead.`;

/** What a provider's endpoint over plain `http://` sends in clear, and how to fix it. */
const PROVIDER_PLAIN_HTTP =
  'the requests, with the access key id and session token they are signed with, and every value sent or read, secrets included, travel unencrypted, for anyone on the network path to read and change.';
const ENDPOINT_FIX = 'Use an `https://` URL (an S3-compatible store or LocalStack serves TLS too; trust its CA with `AWS_CA_BUNDLE`), or remove the entry.';

/**
 * A provider block's verdicts, or one instance's, `what` naming it in a message: `insecure`, then each
 * endpoint its `endpoints` sets, then each one `environment` gives where it sets none.
 */
function providerOutcomes(provider: ProviderConfig, values: ValueView, what: string, environment: EnvironmentEndpoints | undefined): Outcome[] {
  const address = providerAddress(provider);
  const entries = endpointEntries(values.get('endpoints'));
  return [
    ...judged(address, 'insecure', values.get('insecure'), what, providerFix(provider)),
    ...endpointFindings(entries, what, address, PROVIDER_PLAIN_HTTP, ENDPOINT_FIX),
    ...environmentFindings(environmentEndpointsOf(PROVIDER_ENDPOINT_READERS[provider.name], environment, setsEndpoint(entries), values), what, address, PROVIDER_PLAIN_HTTP),
  ];
}

/** The aws and awscc providers whose default configuration (no provider block) manages a resource of `input`, in name order. */
const impliedProviders = (graph: Graph, input: string): string[] =>
  [...new Set(graph.resources.filter((r) => r.input === input && graph.providerOf(r) === undefined).map((r) => r.providerName.split('/').pop() ?? ''))].filter((name) => PROVIDERS.has(name)).sort();

/**
 * A provider block's findings; for a block OpenTofu repeats with `for_each` over keys the code
 * fixes (1.9), its instances' (`aws.by_region["eu-west-1"]`, each with its own `each.value`), as
 * default_tags are read: one finding per verdict (a status on a setting) on the block, fails first,
 * naming the instances. The block alone, whose `each` is no value, would be unknown.
 */
function providerFindings(provider: ProviderConfig, instances: readonly ProviderConfig[], patterns: readonly SensitivePattern[], environment: EnvironmentEndpoints | undefined): Outcome[] {
  const address = providerAddress(provider);
  if (instances.length === 0) return providerOutcomes(provider, provider.values, address, environment);
  const verdicts = instances.map((instance) => ({ instance, outcomes: providerOutcomes(provider, instance.values, address, environment).filter(isFinding) }));
  const same = (o: Outcome, status: string, path: string | undefined): boolean => o.status === status && isFinding(o) && o.path === path;
  const kinds = (['fail', 'unknown'] as const).flatMap((status) =>
    [...new Set(verdicts.flatMap(({ outcomes }) => outcomes.filter((o) => o.status === status).map((o) => o.path)))].map((path) => ({ status, path })),
  );
  return kinds.flatMap(({ status, path }) => {
    const found = verdicts.filter(({ outcomes }) => outcomes.some((o) => same(o, status, path))).map(({ instance }) => instance);
    const keys = found.map((i) => i.data.instance ?? '');
    const named = `${address} (its instance${found.length > 1 ? 's' : ''} ${keys.join(', ')})`;
    // A key is quoted: what the detectors find in it is masked, as in a resource's address.
    const redact = keys.flatMap((key) => secretsIn(key, patterns));
    return providerOutcomes(provider, found[0].values, named, environment)
      .filter((o) => same(o, status, path))
      .map((o) => (redact.length > 0 && isFinding(o) ? { ...o, redact: [...(o.redact ?? []), ...redact] } : o));
  });
}

/**
 * The http backend's addresses: one over plain `http://` sends the state in clear. One the block does not set is
 * taken from the environment the check runs in (`TF_HTTP_ADDRESS`: `BackendData.environment`), judged by its scheme
 * and never quoted (it may carry a user and a password); else, in code, `address`, which the backend needs, is given
 * at init (`-backend-config` or `TF_HTTP_ADDRESS`) and is unknown; `terraform init` recorded it where it was given so.
 */
function httpAddressFindings(backend: BackendData, what: string): Outcome[] {
  const address = backendAddress(backend);
  return HTTP_BACKEND_ADDRESSES.flatMap((key): Outcome[] => {
    const at = { address, path: key };
    const view = backend.settings.get(key);
    const absent = view.string().kind === 'absent';
    const fromEnvironment = absent ? backend.environment?.[key] : undefined;
    if (absent && fromEnvironment === undefined) {
      if (key !== 'address' || backend.origin === 'init') return [];
      return [unknown(`${what} writes no \`address\`: it is given at init (\`-backend-config\` or \`TF_HTTP_ADDRESS\`), so the gate cannot tell whether it uses TLS. Write the \`https://\` address in the backend block, or check the initialised backend (\`twinguard gate\`).`, at)];
    }
    const given = fromEnvironment === undefined ? `\`${key}\`` : `\`${key}\` from \`${fromEnvironment.variable}\` of the environment`;
    const fix = fromEnvironment === undefined ? 'Use an `https://` address.' : `Give \`${fromEnvironment.variable}\` an \`https://\` address.`;
    return addressFindings(
      fromEnvironment === undefined ? view : new ValueView(fromEnvironment.value),
      what,
      key,
      at,
      () => `${what} calls its state server over plain \`http://\` (${given}): the state, every secret of the configuration in clear, and the backend's credentials travel unencrypted, for anyone on the network path to read and change. ${fix}`,
    );
  });
}

/** What an s3 backend's or an aws_kms key provider's endpoint over plain `http://` sends in clear. */
const BACKEND_PLAIN_HTTP =
  'those calls, with the access key id and session token they are signed with, and what they carry (the state, every secret of the configuration in clear, for s3; the credentials STS returns) travel unencrypted, for anyone on the network path to read and change.';

/**
 * The s3 backend's endpoints: `endpoints` (Terraform 1.6 and OpenTofu 1.6 on: `endpoints = { s3 = …,
 * dynamodb = …, iam = …, sso = …, sts = … }`) and the top-level forms it deprecates, which Terraform 1.11
 * still uses (a warning, and an error where one is set with its `endpoints` twin); then those
 * `environment` gives where neither is set.
 */
function s3EndpointFindings(backend: BackendData, what: string, environment: EnvironmentEndpoints | undefined): Outcome[] {
  const address = backendAddress(backend);
  const entries = endpointEntries(backend.settings.get('endpoints'));
  const deprecated = s3DeprecatedEndpoints(backend.settings);
  return [
    ...endpointFindings(entries, what, address, BACKEND_PLAIN_HTTP, ENDPOINT_FIX),
    ...deprecated.flatMap(({ key, service, view }) =>
      addressFindings(view, what, key, { address, path: key }, (url) => `${what} sends its ${service} calls over plain \`http://\` (\`${key}\` is ${url}): ${BACKEND_PLAIN_HTTP} ${ENDPOINT_FIX}`),
    ),
    ...environmentFindings(environmentEndpointsOf(S3_BACKEND_READER, environment, setsEndpoint(entries, deprecated), backend.settings), what, address, BACKEND_PLAIN_HTTP),
  ];
}

function backendFindings(backend: BackendData, environment: EnvironmentEndpoints | undefined): Outcome[] {
  const setting = BACKEND_SWITCH[backend.type];
  if (setting === undefined) return [];
  const recorded = backend.origin === 'init' ? ' (as `terraform init` recorded it, `-backend-config` values included)' : '';
  const what = `The ${backend.type} backend${recorded}`;
  return [
    ...judged(
      backendAddress(backend),
      setting,
      backend.settings.get(setting),
      what,
      `Remove \`${setting}\` (it defaults to false)${backend.type === 's3' ? '; to trust a private CA, give its bundle with `custom_ca_bundle`' : ''}.`,
    ),
    ...(backend.type === 'http' ? httpAddressFindings(backend, what) : []),
    ...(backend.type === 's3' ? s3EndpointFindings(backend, what, environment) : []),
  ];
}

/** A key provider of OpenTofu's state encryption that fetches the state's key without TLS, or without verifying it. */
function keyProviderFindings(provider: StateEncryptionData['keyProviders'][number], environment: EnvironmentEndpoints | undefined): Outcome[] {
  const what = `The ${provider.type} key provider (\`${provider.address}\`), which fetches the key the state is encrypted with,`;
  if (provider.type === 'aws_kms') {
    // Its `endpoints` block (iam, sts) is the s3 backend's.
    const entries = endpointEntries(provider.settings.get('endpoints'));
    return [
      ...judged(provider.address, 'insecure', provider.settings.get('insecure'), what, 'Remove `insecure` (it defaults to false); to trust a private CA, give its bundle with `custom_ca_bundle`.'),
      ...endpointFindings(entries, what, provider.address, BACKEND_PLAIN_HTTP, ENDPOINT_FIX),
      ...environmentFindings(environmentEndpointsOf(AWS_KMS_READER, environment, setsEndpoint(entries), provider.settings), what, provider.address, BACKEND_PLAIN_HTTP),
    ];
  }
  if (provider.type !== 'openbao') return [];
  const at = { address: provider.address, path: 'address' };
  return addressFindings(provider.settings.get('address'), what, 'address', at, () => `${what} calls OpenBao over plain \`http://\`: its token and the state's key travel in clear, for anyone on the network path to read. Use an \`https://\` address.`);
}

export default defineInputRule({
  id: 'provider-tls-verified',
  title: 'Providers and the state backend verify TLS certificates',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'With `insecure = true` the aws or awscc provider accepts any certificate for every AWS API call: a man in the middle reads and changes the calls, the credentials STS returns and every value sent, secrets included. A state backend that skips certificate verification sends the state, every secret of the configuration in clear, to whoever answers. A service endpoint at an `http://` URL (a provider\'s, the s3 backend\'s, LocalStack\'s or an S3-compatible store\'s, written, or given by `AWS_ENDPOINT_URL…` in the environment or `endpoint_url` in the AWS shared config file) sends that service\'s calls with no TLS at all.',
  remediation:
    'Remove `insecure` from the aws and awscc provider blocks and from the s3 or kubernetes backend block, and `skip_cert_verification` from the http backend block (all default to false); give the http backend `https://` addresses, and every `endpoints` entry (and the s3 backend\'s deprecated `endpoint`, `dynamodb_endpoint`, `iam_endpoint` and `sts_endpoint`) and every `AWS_ENDPOINT_URL…` variable of the environment terraform runs in, and every `endpoint_url` of its AWS shared config file, an `https://` URL. Behind a TLS-inspecting proxy or an S3-compatible store with a private CA, trust that CA (`custom_ca_bundle` of the aws provider and the s3 backend, or `AWS_CA_BUNDLE`) rather than every certificate.',
  references: [
    awsDoc('Terraform AWS provider: argument reference (insecure, custom_ca_bundle)', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs#argument-reference'),
    awsDoc('Terraform AWS Cloud Control provider: schema (insecure)', 'https://registry.terraform.io/providers/hashicorp/awscc/latest/docs#schema'),
    awsDoc('Terraform: S3 backend (insecure, endpoints)', 'https://developer.hashicorp.com/terraform/language/backend/s3'),
    awsDoc('Terraform: HTTP backend (skip_cert_verification)', 'https://developer.hashicorp.com/terraform/language/backend/http'),
    awsDoc('Terraform AWS provider: custom service endpoint configuration', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/custom-service-endpoints'),
    awsDoc('AWS SDKs and Tools: service-specific endpoints (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>)', 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html'),
    awsDoc('AWS SDKs and Tools: location of the shared config file (AWS_CONFIG_FILE, ~/.aws/config)', 'https://docs.aws.amazon.com/sdkref/latest/guide/file-location.html'),
    awsDoc('Terraform: Kubernetes backend (insecure)', 'https://developer.hashicorp.com/terraform/language/backend/kubernetes'),
  ],
  appliesTo: 'input',
  evaluate(input, { graph, settings }) {
    const environment = input.environmentEndpoints;
    const providers = graph.providers.filter((p) => p.input === input.input && PROVIDERS.has(p.name));
    // Resources no provider block configures use Terraform's empty default configuration, which reads the environment's endpoints too.
    const implied = environment === undefined ? [] : impliedProviders(graph, input.input);
    // The implied local backend sends nothing over the network.
    const backend = statedBackend(input);
    const keyProviders = usedKeyProviders(input.stateEncryption, KEY_PROVIDERS);
    if (providers.length === 0 && implied.length === 0 && keyProviders.length === 0 && (backend === undefined || BACKEND_SWITCH[backend.type] === undefined)) return notApplicable();
    // Each block's instances, grouped in one pass: a block repeated over many keys has as many instances.
    const instances = new Map<string, ProviderConfig[]>();
    for (const p of providers) if (p.data.instance !== undefined) entryOf(instances, blockKey(p), () => []).push(p);
    const blocks = providers.filter((p) => p.data.instance === undefined).map((block) => providerFindings(block, instances.get(blockKey(block)) ?? [], settings.sensitivePatterns, environment));
    const defaults = implied.flatMap((name) =>
      environmentFindings(environmentEndpointsOf(PROVIDER_ENDPOINT_READERS[name], environment, () => false), `provider.${name} (the default configuration, which no provider block writes)`, `provider.${name}`, PROVIDER_PLAIN_HTTP),
    );
    const outcomes = [...blocks.flat(), ...defaults, ...(backend ? backendFindings(backend, environment) : []), ...keyProviders.flatMap((p) => keyProviderFindings(p, environment))];
    return outcomes.length > 0 ? outcomes : pass();
  },
});
