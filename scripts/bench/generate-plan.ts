/**
 * Writes a realistic `terraform show -json` plan of about N resources as a stream, never holding
 * the document in memory: planned_values, resource_changes, prior_state and configuration as
 * Terraform 1.9 writes them, with sites in `module.site` (`for_each`) and in the root (`count`),
 * split S3 resources whose ids are unknown, tags through the provider's default_tags, and a few
 * violations. Deterministic by seed. Beside the plan it writes `<out>.expected.json`: the
 * findings a correct checker reports.
 *
 *   npx tsx scripts/bench/generate-plan.ts --resources 100000 --seed 7 --out /tmp/plan.json
 *   npx tsx scripts/bench/generate-plan.ts --min-bytes 1200000000 --out /tmp/huge.json
 */
import * as fs from 'node:fs';
import { once } from 'node:events';
import {
  ACCOUNT, addressOf, AWS_PROVIDER, AWSCC_PROVIDER, DEFAULT_TAGS, type ExpectedFinding, expectedFindings, REGION,
  RESOURCES_PER_SITE, type Site, siteOf, templateSite, type UnitResource,
} from './plan-units';

export interface GenerateOptions {
  /** Resources wanted (rounded up to whole sites). */
  readonly resources?: number;
  /** Instead of a resource count: keep adding sites until the file is at least this large. */
  readonly minBytes?: number;
  readonly seed?: number;
  /** Share of module sites carrying one violation (site 1 always carries one). Default 1/64. */
  readonly violationRate?: number;
  /**
   * Share of sites already deployed: their changes are no-ops that carry `before` as well as
   * `after`, and `prior_state` holds them too, so they take about twice the bytes. Default 0.1.
   */
  readonly existingRate?: number;
}

/** What was written, and what the checker must find in it. */
export interface GeneratedPlan {
  readonly path: string;
  readonly bytes: number;
  readonly resources: number;
  readonly sites: number;
  readonly seed: number;
  readonly expected: { readonly passed: boolean; readonly findings: readonly ExpectedFinding[] };
}

const TERRAFORM_VERSION = '1.9.5';
const FLUSH_BYTES = 4 << 20;
/** Sites measured to size a plan given in bytes. */
const SAMPLE_SITES = 64;

/** Buffered writes with back-pressure, counting bytes. */
class Sink {
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;
  constructor(private readonly stream: fs.WriteStream) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** Writes a comma-separated JSON array element by element. */
class ArrayWriter {
  private first = true;
  constructor(private readonly sink: Sink) {}
  async element(value: unknown): Promise<void> {
    await this.sink.write((this.first ? '' : ',') + JSON.stringify(value));
    this.first = false;
  }
}

const stateResource = (site: Site, r: UnitResource) => ({
  address: addressOf(site, r),
  mode: 'managed',
  type: r.type,
  name: r.name,
  ...(r.index !== undefined ? { index: r.index } : {}),
  provider_name: r.provider,
  schema_version: 0,
  values: r.values,
  sensitive_values: {},
});

function resourceChange(site: Site, r: UnitResource) {
  return {
    address: addressOf(site, r),
    ...(site.module ? { module_address: site.module } : {}),
    mode: 'managed',
    type: r.type,
    name: r.name,
    ...(r.index !== undefined ? { index: r.index } : {}),
    provider_name: r.provider,
    change: {
      actions: [site.existing ? 'no-op' : 'create'],
      before: site.existing ? r.values : null,
      after: r.values,
      after_unknown: r.unknown,
      before_sensitive: site.existing ? {} : false,
      after_sensitive: {},
    },
  };
}

/** Root sites' resources, then one child module per `module.site` instance (state layout). */
async function writeModuleTree(sink: Sink, sites: (filter: (s: Site) => boolean) => Iterable<Site>, keep: (s: Site) => boolean): Promise<void> {
  await sink.write('{"resources":[');
  const root = new ArrayWriter(sink);
  for (const site of sites((s) => s.module === '' && keep(s))) for (const r of site.resources) await root.element(stateResource(site, r));
  await sink.write('],"child_modules":[');
  const children = new ArrayWriter(sink);
  for (const site of sites((s) => s.module !== '' && keep(s))) {
    await children.element({ resources: site.resources.map((r) => stateResource(site, r)), address: site.module });
  }
  await sink.write(']}');
}

/** A configuration block of a template site's resource. */
function configBlock(r: UnitResource, moduleKey: string, atRoot: boolean) {
  const provider = r.provider === AWSCC_PROVIDER ? 'awscc' : 'aws';
  return {
    address: `${r.type}.${r.name}`,
    mode: 'managed',
    type: r.type,
    name: r.name,
    provider_config_key: moduleKey ? `${moduleKey}:${provider}` : provider,
    expressions: r.expressions,
    schema_version: 0,
    ...(atRoot ? { count_expression: { references: ['var.root_sites'] } } : {}),
  };
}

function configuration(seed: number): unknown {
  const root = templateSite(seed, true);
  const child = templateSite(seed, false);
  return {
    provider_config: {
      aws: {
        name: 'aws',
        full_name: AWS_PROVIDER,
        expressions: {
          region: { constant_value: REGION },
          allowed_account_ids: { constant_value: [ACCOUNT] },
          default_tags: [{ tags: { constant_value: DEFAULT_TAGS } }],
        },
      },
      awscc: { name: 'awscc', full_name: AWSCC_PROVIDER, expressions: { region: { constant_value: REGION } } },
    },
    root_module: {
      resources: root.resources.map((r) => configBlock(r, '', true)),
      module_calls: {
        site: {
          source: './modules/site',
          expressions: { sites: { references: ['var.sites'] } },
          for_each_expression: { references: ['var.sites'] },
          module: { resources: child.resources.map((r) => configBlock(r, 'site', false)), variables: { sites: { description: 'The sites' } } },
        },
      },
      variables: { root_sites: { default: 0 }, sites: { description: 'Sites by key' } },
    },
  };
}

/** Write the plan to `path`; resolve with its size and the expected findings. */
export async function generatePlan(path: string, options: GenerateOptions = {}): Promise<GeneratedPlan> {
  const seed = options.seed ?? 1;
  const rate = options.violationRate ?? 1 / 64;
  const existingRate = options.existingRate ?? 0.1;
  let siteCount: number;
  if (options.minBytes !== undefined) {
    // Size the plan from a sample of sites written the same way (every section), with a margin.
    const sample = Array.from({ length: SAMPLE_SITES }, (_, i) => siteOf(seed, i, rate, existingRate));
    const bytes = (site: Site) =>
      site.resources.reduce((n, r) => n + JSON.stringify(resourceChange(site, r)).length + (site.existing ? 2 : 1) * JSON.stringify(stateResource(site, r)).length, 0);
    const perSite = sample.reduce((n, site) => n + bytes(site), 0) / SAMPLE_SITES;
    siteCount = Math.ceil((options.minBytes * 1.02) / perSite);
  } else {
    siteCount = Math.max(2, Math.ceil((options.resources ?? 1000) / RESOURCES_PER_SITE));
  }
  const sites = function* (filter: (s: Site) => boolean): Iterable<Site> {
    for (let i = 0; i < siteCount; i++) {
      const site = siteOf(seed, i, rate, existingRate);
      if (filter(site)) yield site;
    }
  };

  const sink = new Sink(fs.createWriteStream(path));
  await sink.write(`{"format_version":"1.2","terraform_version":"${TERRAFORM_VERSION}","variables":{"root_sites":{"value":${Math.ceil(siteCount / 4)}},"sites":{"value":"(${siteCount} sites)"}},"planned_values":{"root_module":`);
  await writeModuleTree(sink, sites, () => true);
  await sink.write('},"resource_changes":[');
  const changes = new ArrayWriter(sink);
  const findings: ExpectedFinding[] = [];
  let resources = 0;
  for (const site of sites(() => true)) {
    for (const r of site.resources) await changes.element(resourceChange(site, r));
    resources += site.resources.length;
    findings.push(...expectedFindings(site));
  }
  await sink.write(`],"output_changes":{},"prior_state":{"format_version":"1.0","terraform_version":"${TERRAFORM_VERSION}","values":{"root_module":`);
  await writeModuleTree(sink, sites, (s) => s.existing);
  await sink.write(`}},"configuration":${JSON.stringify(configuration(seed))},"timestamp":"2026-11-28T12:00:00Z","applyable":true,"complete":true,"errored":false}\n`);
  await sink.close();
  const generated: GeneratedPlan = { path, bytes: sink.bytes, resources, sites: siteCount, seed, expected: { passed: findings.length === 0, findings } };
  fs.writeFileSync(`${path}.expected.json`, `${JSON.stringify(generated, null, 1)}\n`);
  return generated;
}

function parseArgs(argv: readonly string[]): { out: string; options: GenerateOptions } {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (flag: string): number | undefined => {
    const raw = value(flag);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${flag}: expected a number, got ${raw}`);
    return n;
  };
  const out = value('--out');
  if (!out) throw new Error('usage: generate-plan --out FILE [--resources N | --min-bytes B] [--seed S] [--violation-rate R] [--existing-rate R]');
  return { out, options: { resources: number('--resources'), minBytes: number('--min-bytes'), seed: number('--seed'), violationRate: number('--violation-rate'), existingRate: number('--existing-rate') } };
}

if (require.main === module) {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`generate-plan: ${(error as Error).message}\n`);
    process.exit(2);
  }
  generatePlan(args.out, args.options).then(
    (g) => process.stdout.write(`${JSON.stringify({ path: g.path, bytes: g.bytes, resources: g.resources, findings: g.expected.findings.length })}\n`),
    (error) => {
      process.stderr.write(`generate-plan: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
