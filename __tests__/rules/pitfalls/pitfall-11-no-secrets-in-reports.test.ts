/**
 * Peer pitfall 11: secrets copied into reports — the whole plan line pasted into a JSON report
 * (checkov #7093). Whatever the input form and the report format, a raw secret or personal datum
 * never appears: detected values are masked, values Terraform marks sensitive are never read out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMATS } from '../../../checks/check';
import { tempDir, twinguard } from '../../cli/run';
import { leakyPlan, SECRETS, TAGS } from '../../cli/scenarios';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The leaky infrastructure as configuration: credentials in the provider, personal data in tags and free text. */
const leakyConfig = {
  provider: { aws: [{ region: 'us-east-1', access_key: SECRETS.providerKey, secret_key: SECRETS.providerSecret }] },
  resource: {
    aws_s3_bucket: { data: { bucket: 'data-bucket', tags: { ...TAGS, Owner: SECRETS.email, Contact: SECRETS.phone } } },
    aws_ssm_parameter: { url: { name: 'db-url', type: 'String', value: `https://admin:${SECRETS.urlPassword}@db.example.com/app`, description: `ask ${SECRETS.otherEmail}`, tags: TAGS } },
  },
};
const hcl = (doc: typeof leakyConfig): string => {
  const map = (o: Record<string, string>) => `{\n${Object.entries(o).map(([k, v]) => `    ${k} = ${JSON.stringify(v)}`).join('\n')}\n  }`;
  const block = (head: string, body: Record<string, unknown>) =>
    `${head} {\n${Object.entries(body).map(([k, v]) => `  ${k} = ${typeof v === 'string' ? JSON.stringify(v) : map(v as Record<string, string>)}`).join('\n')}\n}\n`;
  const { aws_s3_bucket: buckets, aws_ssm_parameter: parameters } = doc.resource;
  return [block('provider "aws"', doc.provider.aws[0]), block('resource "aws_s3_bucket" "data"', buckets.data), block('resource "aws_ssm_parameter" "url"', parameters.url)].join('\n');
};

const INPUTS: Record<string, () => string[]> = {
  plan: () => [tmp.write('leaky/plan.json', leakyPlan())],
  'cdk.tf.json': () => [tmp.write('leaky/cdk.tf.json', leakyConfig)],
  '.tf': () => [path.dirname(tmp.write('leaky-tf/main.tf', hcl(leakyConfig))), '--input-kind', 'hcl'],
};

describe.each(Object.keys(INPUTS))('pitfall 11: no secret in any report, from %s', (form) => {
  let code: number | null;
  const outputs: Record<string, string> = {};
  beforeAll(async () => {
    const out = (format: string) => path.join(tmp.dir, 'reports', form, `report.${format}`);
    const run = await twinguard(['check', ...INPUTS[form](), ...FORMATS.flatMap((f) => ['--format', f, '--output', out(f)])]);
    code = run.code;
    expect(run.stdout + run.stderr).toBe('');
    for (const format of FORMATS) outputs[format] = fs.readFileSync(out(format), 'utf8');
  });

  it('the secrets are found: exit 1 with sensitive-data findings', () => {
    expect(code).toBe(1);
    const findings: { category: string }[] = JSON.parse(outputs.json).findings;
    expect(findings.filter((f) => f.category === 'sensitive-data').length).toBeGreaterThanOrEqual(6);
  });

  it.each(FORMATS)('%s holds none of the raw values, in clear or JSON-escaped', (format) => {
    const leaked = Object.entries(SECRETS).filter(([, secret]) => outputs[format].includes(secret) || outputs[format].includes(JSON.stringify(secret).slice(1, -1)));
    expect(leaked.map(([name]) => name)).toEqual([]);
  });
});
