/**
 * Peer pitfall 12: locations nobody can use — `tfplan.json:0-0`, wrong lines, indistinguishable
 * `for_each` instances (checkov #2321, #1117, #2230). Every finding names the full instance address
 * (module instance keys, count index, for_each key) and, for cdktf output, the construct path, in
 * every report format.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMATS } from '../../../checks/check';
import { tempDir, twinguard } from '../../cli/run';
import { keysPlan } from '../../cli/scenarios';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'count-for-each');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const INSTANCES = ['aws_s3_bucket.data[0]', 'aws_s3_bucket.data[1]', 'aws_s3_bucket.pair["curated"]', 'aws_s3_bucket.pair["raw"]'];

/** Every format of one run, read back from files. */
async function reports(name: string, input: string): Promise<Record<(typeof FORMATS)[number], string>> {
  const out = (format: string) => path.join(tmp.dir, name, `report.${format}`);
  const run = await twinguard(['check', input, ...FORMATS.flatMap((f) => ['--format', f, '--output', out(f)])]);
  expect(run.code).toBe(1);
  return Object.fromEntries(FORMATS.map((f) => [f, fs.readFileSync(out(f), 'utf8')])) as Record<(typeof FORMATS)[number], string>;
}

/** Whether a report shows `text`: as is, JSON-escaped (json, sarif, codequality) or XML-escaped (junit). */
const shows = (report: string, text: string): boolean =>
  [text, JSON.stringify(text).slice(1, -1), text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')].some((form) => report.includes(form));

interface JsonFinding {
  ruleId: string;
  address: string;
  constructPath?: string;
}
type SarifResult = { ruleId: string; locations: { physicalLocation: { region?: { startLine: number } }; logicalLocations: { fullyQualifiedName: string; kind: string }[] }[] };

describe('pitfall 12: findings say exactly which instance, and where it is written', () => {
  it('count and for_each instances of a plan are reported apart, by full address, in every format', async () => {
    const out = await reports('plan', path.join(FIXTURES, 'plan.json'));
    const findings: JsonFinding[] = JSON.parse(out.json).findings;
    const rule = findings.filter((f) => f.ruleId === 's3-bucket-owner-enforced');
    expect(rule.map((f) => f.address)).toEqual(INSTANCES);
    for (const format of FORMATS) for (const address of INSTANCES) expect({ format, address, shown: shows(out[format], address) }).toEqual({ format, address, shown: true });
    const results: SarifResult[] = JSON.parse(out.sarif).runs[0].results;
    for (const r of results) {
      expect(r.locations[0].logicalLocations[0]).toMatchObject({ kind: 'resource', fullyQualifiedName: expect.stringMatching(/^aws_s3_bucket\.(data\[\d\]|pair\["\w+"\])$/) });
      expect(r.locations[0].physicalLocation.region?.startLine ?? 1).toBeGreaterThanOrEqual(1);
    }
  });

  it('instance keys of nested modules and for_each keys with slashes survive', async () => {
    const out = await reports('keys', tmp.write('keys.json', keysPlan()));
    expect(JSON.parse(out.json).findings.map((f: JsonFinding) => f.address)).toEqual([
      'aws_kms_key.main',
      'module.keys["eu/west"].aws_kms_key.k["data"]',
      'module.keys["eu/west"].aws_kms_key.k["logs"]',
    ]);
  });

  it('cdktf output: each finding carries the construct path beside the address, in every format', async () => {
    const out = await reports('cdktf', path.join(FIXTURES, 'cdk.tf.json'));
    const findings: JsonFinding[] = JSON.parse(out.json).findings;
    expect(findings.filter((f) => f.ruleId === 's3-bucket-owner-enforced').map((f) => [f.address, f.constructPath])).toEqual([
      ['aws_s3_bucket.data[0]', 'count-for-each/data'],
      ['aws_s3_bucket.data[1]', 'count-for-each/data'],
      ['aws_s3_bucket.pair["curated"]', 'count-for-each/pair'],
      ['aws_s3_bucket.pair["raw"]', 'count-for-each/pair'],
    ]);
    for (const format of FORMATS) expect({ format, shown: shows(out[format], 'count-for-each/pair') }).toEqual({ format, shown: true });
    // Every finding on a resource; the state backend (cdktf's default local one fails) is a block of the stack that
    // cdk.tf.json gives no construct path, and its finding names it: terraform.backend.local.
    const results: SarifResult[] = JSON.parse(out.sarif).runs[0].results;
    const onResources = results.filter((r) => r.ruleId !== 'terraform-state-encrypted');
    expect(onResources.length).toBe(results.length - 1);
    expect(onResources.every((r) => r.locations[0].logicalLocations.some((l) => l.kind === 'object' && l.fullyQualifiedName.startsWith('count-for-each/')))).toBe(true);
  });
});
