/**
 * Every real plan in ../shared/fixtures/real-plans loads (or is refused for the reason its
 * PROVENANCE entry gives), and what it loads matches the plan's own resource_changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPlanFile, loadPlanStream, parsePlanDocument } from '../../../checks/model/plan';
import type { LoadedInput } from '../../../checks/model/types';
import { describeWithShared, REAL_PLANS_DIR, realPlanIndex, type RealPlanEntry } from '../../helpers/shared';

/** Why each negative fixture must be refused (PROVENANCE.md, `_negative`). A new file needs an entry here. */
const NEGATIVE: Record<string, RegExp> = {
  '_negative/hashicorp__terraform-json__invalid-plan.malformed-json.txt': /: invalid JSON at byte \d+: unexpected data after the end of the JSON document$/,
  '_negative/hashicorp__terraform-json__state-not-plan.json': /: not a Terraform plan: it has no resource_changes \(this looks like a state file\)$/,
  '_negative/opentofu__opentofu__show-json-state.json': /: not a Terraform plan: it has no resource_changes \(this looks like a state file\)$/,
  '_negative/bridgecrewio__checkov__corrupted-tfplan-is-state.json': /: not a Terraform plan: it has no resource_changes \(this looks like a state file\)$/,
  '_negative/opentofu__opentofu__tfc-redacted-renderer-format.json': /: not a Terraform plan: this is HCP Terraform's redacted JSON plan/,
  '_negative/infracost__infracost__plan-with-setup-terraform-wrapper.txt': /: not a Terraform plan: .*setup-terraform wrapper.*set terraform_wrapper: false/,
};

/** The document as JSON, decoding UTF-16 with a BOM the way PowerShell writes it. */
function readDocument(file: string): Record<string, unknown> {
  const bytes = fs.readFileSync(path.join(REAL_PLANS_DIR, file));
  const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.toString('utf16le') : bytes.toString('utf8');
  return JSON.parse(text.replace(/^\ufeff/, ''));
}

type Change = { address: string; change: { actions: string[] }; deposed?: string };

/** The addresses an apply leaves behind, by the plan's own resource_changes. */
function survivingChanges(doc: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rc of (doc.resource_changes ?? []) as Change[]) {
    if (rc.deposed || rc.change.actions.every((a) => a === 'delete' || a === 'forget')) continue;
    out.set(rc.address, rc.change.actions);
  }
  return out;
}

function deletedOnly(doc: Record<string, unknown>): string[] {
  return ((doc.resource_changes ?? []) as Change[]).filter((rc) => rc.change.actions.every((a) => a === 'delete')).map((rc) => rc.address);
}

async function load(entry: RealPlanEntry): Promise<LoadedInput> {
  return loadPlanFile(path.join(REAL_PLANS_DIR, entry.file), entry.file);
}

describeWithShared('real plans from ../shared/fixtures/real-plans', () => {
  const entries = realPlanIndex().filter((e) => e.file !== 'index.json');
  const loadable = entries.filter((e) => ['plan', 'encoding', 'expected-output'].includes(e.category));

  it('has plans, encodings, expected outputs and negatives to test', () => {
    expect(loadable.length).toBeGreaterThan(100);
    expect(entries.filter((e) => e.category === 'negative').map((e) => e.file).sort()).toEqual(Object.keys(NEGATIVE).sort());
  });

  it.each(loadable.map((e) => [e.file, e] as const))('%s loads with every surviving change, or is refused as errored', async (_, entry) => {
    const doc = readDocument(entry.file);
    if (doc.errored === true) {
      // The only such file is OpenTofu's plan-error expectation: never approve an errored plan.
      await expect(load(entry)).rejects.toThrow(/the plan errored \(errored: true\)/);
      return;
    }
    const loaded = await load(entry);
    expect(loaded.kind).toBe('plan');
    expect(loaded.meta.formatVersion).toBe(doc.format_version);
    const byAddress = new Map(loaded.resources.map((r) => [r.address, r]));
    expect(byAddress.size).toBe(loaded.resources.length);
    for (const [address, actions] of survivingChanges(doc)) expect(byAddress.get(address)?.actions).toEqual(actions);
    const survivors = survivingChanges(doc);
    for (const address of deletedOnly(doc)) if (!survivors.has(address)) expect(byAddress.has(address)).toBe(false);
    for (const resource of loaded.resources) {
      expect(resource.providerConfigKey).not.toBe('');
      expect(resource.providerConfigKey).not.toMatch(/^(?!module\.)[^:.]+(\.[^:]+)?:/);
      // An instance address ends with its resource and, when it has one, its key (snyk's edited create plan writes `["1"]` for index 1).
      const local = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
      expect(resource.address.endsWith(resource.index === undefined ? local : `]`)).toBe(true);
      if (resource.index !== undefined) expect(resource.address.includes(`${local}[`)).toBe(true);
    }
  });

  it.each(loadable.map((e) => [e.file, e] as const))(
    '%s streams, in odd-sized chunks, to the same result as parsePlanDocument',
    async (_, entry) => {
      const doc = readDocument(entry.file);
      if (doc.errored === true) return;
      const streamed = await loadPlanStream(fs.createReadStream(path.join(REAL_PLANS_DIR, entry.file), { highWaterMark: 997 }), entry.file);
      expect(streamed).toEqual(parsePlanDocument(doc, entry.file));
    },
  );

  it.each(Object.entries(NEGATIVE))('%s is refused, from a file and from a stream', async (file, reason) => {
    await expect(loadPlanFile(path.join(REAL_PLANS_DIR, file), file)).rejects.toThrow(reason);
    await expect(loadPlanStream(fs.createReadStream(path.join(REAL_PLANS_DIR, file), { highWaterMark: 101 }), file)).rejects.toThrow(reason);
  });

  it('sees what the provenance notes say about a few plans', async () => {
    const find = (file: string) => entries.find((e) => e.file === file) as RealPlanEntry;
    const destroy = await load(find('snyk__cli/snyk.destroy.plan.json'));
    expect(destroy.resources.filter((r) => r.mode === 'managed')).toEqual([]);
    // What it destroys is kept, by address and type (kms-key-not-destroyed reads it).
    expect(destroy.destroyed?.map((d) => `${d.address} ${d.actions.join('+')}`)).toHaveLength(8);
    expect(destroy.destroyed).toContainEqual({ address: 'aws_s3_bucket.terra_ci', type: 'aws_s3_bucket', actions: ['delete'] });
    const replace = await load(find('bridgecrewio__checkov/deleted-resources.tfplan.json'));
    expect(replace.resources.map((r) => r.actions)).toEqual([['create', 'delete']]);
    expect(replace.destroyed).toEqual([{ address: 'aws_secretsmanager_secret.default', type: 'aws_secretsmanager_secret', actions: ['create', 'delete'] }]);
    const tags = await load(find('bridgecrewio__checkov/github-oidc-default-tags.tfplan.json'));
    const defaultTags = tags.providers.find((p) => p.key === 'aws')?.config;
    expect(defaultTags?.kind === 'block' && defaultTags.attrs.default_tags?.kind).toBe('list');
    const old = await load(find('terraform-compliance__cli/tc.apigw-modules-sensitive.plan.json'));
    const cert = old.resources.find((r) => r.address === 'module.apigw_test_1.module.acm_cert_regional[0].aws_acm_certificate.cert');
    expect(cert?.providerConfigKey).toBe('module.apigw_test_1.module.acm_cert_regional:aws');
    const utf16 = await load(find('_encoding/bridgecrewio__checkov__win-utf16le-bom-crlf.tfplan.json'));
    expect(utf16.resources[0].type).toBe('aws_s3_bucket');
  });
});
