import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformStack, LocalBackend, S3Backend } from 'cdktf';
import rule from '../../../checks/rules/encryption-at-rest/terraform-state-encrypted';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { readCode, withCode } from '../../../checks/model/code-sources';
import { loadHcl } from '../../../checks/model/hcl';
import { parsePlanDocument } from '../../../checks/model/plan';
import { ValueView } from '../../../checks/model/value';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { plan, res } from '../../helpers/plan-builder';

const INPUT = 'cdk.tf.json';
/** A cdk.tf.json document whose `terraform` block holds `terraform`, with one queue. */
const stack = (terraform: Record<string, unknown>) => buildGraph([parseCdktfDocument({ terraform, resource: { aws_sqs_queue: { q: { name: 'q' } } } }, INPUT)]);
const s3 = (settings: Record<string, unknown>) => stack({ backend: { s3: settings } });
const BUCKET = { bucket: 'tfstate', key: 'twinmaker/prod.tfstate', region: 'eu-west-1' };
/** OpenTofu's encryption block: an aws_kms key provider, an aes_gcm method under it, and the unencrypted method. */
const AES_GCM = {
  key_provider: { aws_kms: { k: { kms_key_id: 'alias/tofu-state', key_spec: 'AES_256', region: 'eu-west-1' } } },
  method: { aes_gcm: { m: { keys: '${key_provider.aws_kms.k}' } }, unencrypted: { u: {} } },
};

ruleTable(rule, [
  {
    name: 'terraform-state-encrypted: an s3 backend with encrypt = true and a KMS key passes',
    graph: s3({ ...BUCKET, encrypt: true, kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:alias/tfstate' }),
    expect: { [INPUT]: 'pass' },
  },
  { name: 'encrypt = "true" (a string, as HCL may write it) passes', graph: s3({ ...BUCKET, encrypt: 'true' }), expect: { [INPUT]: 'pass' } },
  {
    name: 'an s3 backend without encrypt (default false) fails, on the backend',
    graph: s3(BUCKET),
    expect: { 'terraform.backend.s3': 'fail' },
    message: /does not set `encrypt` \(default false\)/,
  },
  { name: 'encrypt = false fails', graph: s3({ ...BUCKET, encrypt: false }), expect: { 'terraform.backend.s3': 'fail' }, message: /sets `encrypt = false`/ },
  {
    name: 'a partial configuration (no bucket: completed at terraform init) is unknown',
    graph: s3({}),
    expect: { 'terraform.backend.s3': 'unknown' },
    message: /configured partly at `terraform init`/,
  },
  {
    name: 'the local backend (cdktf\'s default) fails',
    graph: stack({ backend: { local: { path: 'terraform.dev.tfstate' } } }),
    expect: { 'terraform.backend.local': 'fail' },
    message: /kept in a local file/,
  },
  { name: 'HCP Terraform (a cloud block) passes', graph: stack({ cloud: { organization: 'acme', workspaces: { name: 'twin' } } }), expect: { [INPUT]: 'pass' } },
  { name: 'the remote backend passes', graph: stack({ backend: { remote: { organization: 'acme' } } }), expect: { [INPUT]: 'pass' } },
  {
    name: 'a backend whose encryption twinguard cannot vouch for is unknown',
    graph: stack({ backend: { pg: { conn_str: 'postgres://db.example.com/terraform' } } }),
    expect: { 'terraform.backend.pg': 'unknown' },
  },
  {
    name: 'a cdktf stack without a backend block (Testing.synth writes none) keeps its state in the implied local backend: fails',
    graph: stack({ required_providers: { aws: { source: 'hashicorp/aws' } } }),
    expect: { 'terraform.backend.local': 'fail' },
    message: /no backend is configured/,
  },
  { name: 'a plan, which does not record the backend, is not judged', plan: plan([res('aws_sqs_queue.q', { name: 'q' })]), expect: { 'plan.json': 'not-applicable' } },
  {
    name: 'OpenTofu state encryption with an aes_gcm method passes on the local backend (the state is encrypted before it is written)',
    graph: stack({ backend: { local: {} }, encryption: { ...AES_GCM, state: { method: '${method.aes_gcm.m}' } } }),
    expect: { [INPUT]: 'pass' },
  },
  {
    name: 'OpenTofu state encryption with an aes_gcm method passes an s3 backend without encrypt',
    graph: stack({ backend: { s3: BUCKET }, encryption: { ...AES_GCM, state: { method: '${method.aes_gcm.m}', fallback: { method: '${method.unencrypted.u}' } } } }),
    expect: { [INPUT]: 'pass' },
  },
  {
    name: 'state { enforced = true } passes: OpenTofu refuses to write the state unencrypted (the method comes from TF_ENCRYPTION)',
    graph: stack({ backend: { local: {} }, encryption: { state: { enforced: true } } }),
    expect: { [INPUT]: 'pass' },
  },
  {
    name: 'the unencrypted method leaves the state to the backend: the local backend fails',
    graph: stack({ backend: { local: {} }, encryption: { ...AES_GCM, state: { method: '${method.unencrypted.u}' } } }),
    expect: { 'terraform.backend.local': 'fail' },
  },
  {
    name: 'the unencrypted method on an s3 backend with encrypt = true passes',
    graph: stack({ backend: { s3: { ...BUCKET, encrypt: true } }, encryption: { ...AES_GCM, state: { method: '${method.unencrypted.u}' } } }),
    expect: { [INPUT]: 'pass' },
  },
  {
    name: 'an encryption block without a state method (only plan encryption) leaves the state to the backend',
    graph: stack({ backend: { local: {} }, encryption: { ...AES_GCM, plan: { method: '${method.aes_gcm.m}' } } }),
    expect: { 'terraform.backend.local': 'fail' },
  },
  {
    name: 'a state method the block does not declare is unknown where the backend would fail, on the state block',
    graph: stack({ backend: { local: {} }, encryption: { ...AES_GCM, state: { method: '${method.aes_gcm.other}' } } }),
    expect: { 'terraform.encryption.state': 'unknown' },
    message: /names a method it does not declare/,
  },
  {
    name: 'an external method (any program: ["cat"] writes the state in clear) is unknown where the backend would fail',
    graph: stack({ backend: { local: {} }, encryption: { method: { external: { noop: { keys: '${key_provider.pbkdf2.k}', encrypt_command: ['cat'], decrypt_command: ['cat'] } } }, state: { method: '${method.external.noop}' } } }),
    expect: { 'terraform.encryption.state': 'unknown' },
    message: /writes the state with the method type `external`, which the gate cannot vouch for/,
  },
  {
    // OpenTofu's enforced refuses only the `unencrypted` method (internal/encryption/base.go).
    name: 'an external method with enforced = true is unknown too: enforced refuses only the unencrypted method',
    graph: stack({ backend: { local: {} }, encryption: { method: { external: { cat: { encrypt_command: ['cat'], decrypt_command: ['cat'] } } }, state: { method: '${method.external.cat}', enforced: true } } }),
    expect: { 'terraform.encryption.state': 'unknown' },
    message: /method type `external`, which the gate cannot vouch for \(`enforced = true` refuses only the `unencrypted` method\)/,
  },
  {
    name: 'enforced = "${var.enforce}" (not written as true) is not enforcement',
    graph: stack({ backend: { local: {} }, encryption: { state: { enforced: '${var.enforce}' } } }),
    expect: { 'terraform.backend.local': 'fail' },
  },
]);

describe('terraform-state-encrypted reads the backend as each configuration input writes it', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const tfDir = (files: Record<string, string>): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-backend-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  };
  const verdictsOf = async (dir: string) => evaluateRule(rule, buildGraph([await loadHcl(dir)])).map((v) => `${v.address} ${v.status}`);

  it('.tf: the root module\'s backend block, in any of its files; a module\'s own block does not count', async () => {
    const encrypted = tfDir({
      'main.tf': 'module "m" {\n  source = "./m"\n}\n',
      'backend.tf': 'terraform {\n  backend "s3" {\n    bucket  = "tfstate"\n    key     = "k"\n    encrypt = true\n  }\n}\n',
      'm/main.tf': 'terraform {\n  backend "local" {}\n}\nresource "aws_sqs_queue" "q" {}\n',
    });
    expect(await verdictsOf(encrypted)).toEqual([`${encrypted} pass`]);
    const plain = tfDir({ 'main.tf': 'terraform {\n  backend "s3" {\n    bucket = "tfstate"\n    key    = "k"\n  }\n}\n' });
    expect(await verdictsOf(plain)).toEqual(['terraform.backend.s3 fail']);
  });

  it('.tf: a directory without a backend block is not judged (a module, or a root keeping local state: the files do not tell which)', async () => {
    const dir = tfDir({ 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' });
    expect(await verdictsOf(dir)).toEqual([`${dir} not-applicable`]);
  });

  it('.tf: settings from variables and locals, as OpenTofu 1.8 evaluates them at init (a value not known is unknown, not "not set")', async () => {
    const backend = (encrypt: string) =>
      `variable "encrypt" {\n${encrypt}}\nlocals {\n  bucket = "tfstate"\n}\nterraform {\n  backend "s3" {\n    bucket  = local.bucket\n    key     = "k"\n    encrypt = var.encrypt\n  }\n}\n`;
    expect(await verdictsOf(tfDir({ 'main.tf': backend('  default = true\n') }))).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await verdictsOf(tfDir({ 'main.tf': backend('  default = false\n') }))).toEqual(['terraform.backend.s3 fail']);
    const dir = tfDir({ 'main.tf': backend('') });
    const [verdict] = evaluateRule(rule, buildGraph([await loadHcl(dir)]));
    expect([verdict.status, verdict.message]).toEqual(['unknown', expect.stringMatching(/sets `encrypt` from a value the code does not fix/)]);
  });

  it('.tf.json: a backend written in JSON', async () => {
    const dir = tfDir({ 'main.tf.json': JSON.stringify({ terraform: { backend: { local: { path: 'state' } } } }) });
    expect(await verdictsOf(dir)).toEqual(['terraform.backend.local fail']);
  });

  it('.tf: OpenTofu\'s encryption block, as hcl2json reads its labelled blocks', async () => {
    const encryption = (state: string) =>
      `terraform {\n  backend "local" {}\n  encryption {\n    key_provider "pbkdf2" "k" {\n      passphrase = var.passphrase\n    }\n    method "aes_gcm" "m" {\n      keys = key_provider.pbkdf2.k\n    }\n    method "unencrypted" "u" {}\n    state {\n${state}\n    }\n  }\n}\nvariable "passphrase" {}\n`;
    expect(await verdictsOf(tfDir({ 'main.tf': encryption('      method = method.aes_gcm.m\n      fallback {\n        method = method.unencrypted.u\n      }') }))).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await verdictsOf(tfDir({ 'main.tf': encryption('      method = method.unencrypted.u') }))).toEqual(['terraform.backend.local fail']);
  });

  it('a plan read with its code (--code, the gate) takes the encryption block from the code', async () => {
    const dir = tfDir({ 'main.tf': 'terraform {\n  encryption {\n    state {\n      enforced = true\n    }\n  }\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' });
    const planned = parsePlanDocument(plan([res('aws_sqs_queue.q', { name: 'q' })]), 'plan.json');
    const backend = { type: 'local', settings: new ValueView({}), origin: 'implied' as const };
    expect(evaluateRule(rule, buildGraph([{ ...planned, backend }])).map((v) => v.status)).toEqual(['fail']);
    const read = withCode({ ...planned, backend }, await readCode(dir, planned));
    expect(evaluateRule(rule, buildGraph([read])).map((v) => v.status)).toEqual(['pass']);
  });

  it('cdktf: an S3Backend with encrypt passes, and a stack left on cdktf\'s LocalBackend fails', () => {
    const verdictOf = (configure: (s: TerraformStack) => void) => {
      const s = new TerraformStack(Testing.app(), 'twin');
      configure(s);
      return evaluateRule(rule, buildGraph([parseCdktfDocument(JSON.parse(Testing.synth(s)), INPUT)])).map((v) => `${v.address} ${v.status}`);
    };
    expect(verdictOf((s) => new S3Backend(s, { bucket: 'tfstate', key: 'k', encrypt: true, kmsKeyId: 'alias/tfstate' }))).toEqual([`${INPUT} pass`]);
    expect(verdictOf((s) => new S3Backend(s, { bucket: 'tfstate', key: 'k' }))).toEqual(['terraform.backend.s3 fail']);
    expect(verdictOf((s) => new LocalBackend(s, { path: 'terraform.twin.tfstate' }))).toEqual(['terraform.backend.local fail']);
  });
});
