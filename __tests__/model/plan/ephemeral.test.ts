/**
 * OpenTofu's ephemeral resources in a plan (`"mode": "ephemeral"` in `configuration`,
 * `resource_changes` with `["open"]`, `planned_values`): they create nothing, so nothing of them is
 * judged as infrastructure, and no block of theirs stands for a managed resource's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runRules } from '../../../checks/engine';
import { buildGraph } from '../../../checks/model/graph';
import { loadPlanFile, parsePlanDocument } from '../../../checks/model/plan';
import { DEFAULT_SETTINGS } from '../../../checks/settings';

const PROVIDER = 'registry.opentofu.org/hashicorp/aws';
const TAGS = { Environment: 'dev', Owner: 'platform', DataClassification: 'internal' };

/** An ephemeral block as OpenTofu writes it in `configuration`, `resource_changes` and `planned_values`. */
function ephemeral(type: string, name: string, expressions: Record<string, unknown>) {
  const address = `ephemeral.${type}.${name}`;
  return {
    config: { address, mode: 'ephemeral', type, name, provider_config_key: 'aws', expressions, schema_version: 0 },
    change: { address, mode: 'ephemeral', type, name, provider_name: PROVIDER, change: { actions: ['open'], before: null, after: null, after_unknown: {}, before_sensitive: false, after_sensitive: false } },
    planned: { address, mode: 'ephemeral', type, name, provider_name: PROVIDER, schema_version: 0, sensitive_values: false },
  };
}

interface Managed {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly after: Record<string, unknown>;
  readonly sensitive?: Record<string, unknown>;
  readonly expressions: Record<string, unknown>;
}

function tofuPlan(managed: Managed[], ephemerals: ReturnType<typeof ephemeral>[]) {
  const changes = managed.map(({ address, type, name, after, sensitive }) => ({
    address,
    mode: 'managed',
    type,
    name,
    provider_name: PROVIDER,
    change: { actions: ['create'], before: null, after: { ...after, tags_all: TAGS }, after_unknown: { id: true, arn: true }, before_sensitive: false, after_sensitive: sensitive ?? {} },
  }));
  return {
    format_version: '1.2',
    terraform_version: '1.10.0',
    planned_values: { root_module: { resources: [...ephemerals.map((e) => e.planned)] } },
    resource_changes: [...changes, ...ephemerals.map((e) => e.change)],
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: PROVIDER, expressions: { region: { constant_value: 'eu-west-1' }, default_tags: [{ tags: { constant_value: TAGS } }] } } },
      root_module: {
        resources: [
          ...managed.map(({ address, type, name, expressions }) => ({ address, mode: 'managed', type, name, provider_config_key: 'aws', expressions, schema_version: 0 })),
          ...ephemerals.map((e) => e.config),
        ],
      },
    },
    applyable: true,
    complete: true,
    errored: false,
  };
}

const check = (document: unknown) => runRules(buildGraph([parsePlanDocument(document, 'tofu.json')]), DEFAULT_SETTINGS);

/** The addresses of the resources of the plan loaded as a large file is: streamed, its values left in the file. */
async function storedAddresses(document: unknown): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-ephemeral-'));
  try {
    const file = path.join(dir, 'tofu.json');
    fs.writeFileSync(file, JSON.stringify(document));
    return (await loadPlanFile(file, 'tofu.json', { streamAbove: 0 })).resources.map((r) => r.address);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('an ephemeral block of the same type and name as a managed resource', () => {
  const secret = {
    address: 'aws_secretsmanager_secret_version.app',
    type: 'aws_secretsmanager_secret_version',
    name: 'app',
    after: { secret_id: 'app-db', secret_string: 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB' },
    // The value is sensitive: only the literal the configuration writes is read.
    sensitive: { secret_string: true },
    expressions: { secret_id: { constant_value: 'app-db' }, secret_string: { constant_value: 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB' } },
  };
  // OpenTofu 1.10: `ephemeral "aws_secretsmanager_secret_version" "app" { secret_id = aws_secretsmanager_secret_version.app.secret_id }`.
  const reader = ephemeral('aws_secretsmanager_secret_version', 'app', { secret_id: { references: ['aws_secretsmanager_secret_version.app.secret_id', 'aws_secretsmanager_secret_version.app'] } });

  it("leaves the managed resource's configuration in place: the literal it writes still fails", () => {
    const statuses = (document: unknown) => check(document).findings.filter((f) => f.ruleId === 'no-credentials-in-attributes').map((f) => [f.address, f.path, f.status]);
    expect(statuses(tofuPlan([secret], []))).toEqual([['aws_secretsmanager_secret_version.app', 'secret_string', 'fail']]);
    expect(statuses(tofuPlan([secret], [reader]))).toEqual([['aws_secretsmanager_secret_version.app', 'secret_string', 'fail']]);
  });
});

describe('ephemeral resources in resource_changes and planned_values', () => {
  const queue = {
    address: 'aws_sqs_queue.q',
    type: 'aws_sqs_queue',
    name: 'q',
    after: { name: 'q', sqs_managed_sse_enabled: true, tags: TAGS },
    expressions: { name: { constant_value: 'q' }, sqs_managed_sse_enabled: { constant_value: true } },
  };
  // `password_wo = ephemeral.aws_ssm_parameter.db_password.value`: read during the run, never stored.
  const document = tofuPlan(
    [queue],
    [
      ephemeral('aws_ssm_parameter', 'db_password', { name: { constant_value: '/app/db/password' }, with_decryption: { constant_value: true } }),
      ephemeral('aws_lambda_invocation', 'token', { function_name: { constant_value: 'mint' }, payload: { constant_value: '{}' } }),
    ],
  );

  it('are no resources of the input, whichever way the plan is read', async () => {
    expect(parsePlanDocument(document, 'tofu.json').resources.map((r) => r.address)).toEqual(['aws_sqs_queue.q']);
    expect(await storedAddresses(document)).toEqual(['aws_sqs_queue.q']);
  });

  it('are not judged as infrastructure, nor counted or listed as unchecked types in the coverage', () => {
    const { findings, coverage } = check(document);
    // Its values are null: judged as a managed resource, the parameter failed required-tags.
    expect(findings.map((f) => f.address)).toEqual([]);
    expect(coverage).toMatchObject({ evaluatedResources: 1, totalResources: 1, uncheckedTypes: [] });
  });
});

describe('the instances of an ephemeral block with for_each', () => {
  // `ephemeral "aws_secretsmanager_secret_version" "pw" { for_each = var.users … }`: tofu prints each
  // instance's address as it opens it (`ephemeral.….pw["jane.roe@example.com"]: Opening...`).
  const keyed = (key: string) => {
    const block = ephemeral('aws_secretsmanager_secret_version', 'pw', { secret_id: { constant_value: 'db' } });
    const address = `${block.change.address}[${JSON.stringify(key)}]`;
    return { ...block, change: { ...block.change, address, index: key }, planned: { ...block.planned, address, index: key } };
  };
  const document = tofuPlan([], [keyed('jane.roe@example.com')]);
  document.configuration.root_module.resources.splice(1); // one configuration block for the instances
  const keyFindings = (doc: unknown) => check(doc).findings.filter((f) => f.ruleId === 'no-sensitive-data-in-instance-keys').map((f) => [f.address, f.status]);

  it('are code blocks by their instance address, so a key holding personal data fails, in the plan and as a large file', async () => {
    const loaded = parsePlanDocument(document, 'tofu.json');
    expect(loaded.codeBlocks?.map((b) => [b.address, b.kind, b.config !== undefined])).toEqual([['ephemeral.aws_secretsmanager_secret_version.pw["jane.roe@example.com"]', 'ephemeral', true]]);
    expect(keyFindings(document)).toEqual([['ephemeral.aws_secretsmanager_secret_version.pw["jane.roe@example.com"]', 'fail']]);
    expect(await storedAddresses(document)).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-ephemeral-'));
    try {
      fs.writeFileSync(path.join(dir, 'tofu.json'), JSON.stringify(document));
      const stored = await loadPlanFile(path.join(dir, 'tofu.json'), 'tofu.json', { streamAbove: 0 });
      expect(stored.codeBlocks?.map((b) => b.address)).toEqual(['ephemeral.aws_secretsmanager_secret_version.pw["jane.roe@example.com"]']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are kept inside a module and when the configuration does not record their block', () => {
    const inModule = keyed('john.doe@example.com');
    const address = `module.team["x"].${inModule.change.address}`;
    const doc = { ...tofuPlan([], []), resource_changes: [{ ...inModule.change, address, module_address: 'module.team["x"]' }] };
    expect(parsePlanDocument(doc, 'tofu.json').codeBlocks?.map((b) => [b.address, b.module])).toEqual([[address, 'module.team["x"]']]);
    expect(keyFindings(doc)).toEqual([[address, 'fail']]);
  });
});
