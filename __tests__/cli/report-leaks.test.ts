/**
 * What a report shows besides a rule's finding: the configuration's documentation URL, the inputs'
 * paths, a resource's name and a construct path, and what a refusal names. A secret in any of them is
 * masked in every format, as the README promises of the data a report shows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMATS } from '../../checks/check';
import { plan, res } from '../helpers/plan-builder';
import { expectUnusable, tempDir, twinguard } from './run';
import { TAGS } from './scenarios';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const GITLAB_TOKEN = 'glpat-Ab3dEf7hIj9kLm1nOp5q';
const TWILIO_SID = 'SKda9988c79fc35526f7eaed46725a2a7b';

/** Each format's output of `check ARGS`, written with --output, and the run's exit code and stderr. */
async function everyFormat(args: readonly string[], name: string, cwd?: string): Promise<{ code: number | null; stderr: string; outputs: Record<string, string> }> {
  const out = path.join(tmp.dir, 'out', name);
  const run = await twinguard(['check', ...args, ...FORMATS.flatMap((f) => ['--format', f, '--output', path.join(out, `report.${f}`)])], cwd ? { cwd } : {});
  const outputs = Object.fromEntries(FORMATS.map((f) => [f, fs.existsSync(path.join(out, `report.${f}`)) ? fs.readFileSync(path.join(out, `report.${f}`), 'utf8') : '']));
  return { code: run.code, stderr: run.stderr, outputs };
}

/** Which formats show `secret`, as written or percent-encoded (a SARIF URI). */
const showing = (outputs: Record<string, string>, secret: string): string[] =>
  Object.entries(outputs)
    .filter(([, text]) => text.includes(secret) || text.includes(encodeURIComponent(secret)))
    .map(([format]) => format);

describe("the configuration's docsUrl", () => {
  const queue = tmp.write('docs/plan.json', plan([res('aws_sqs_queue.q', { name: 'q', sqs_managed_sse_enabled: false, tags: TAGS, tags_all: TAGS })]));

  it.each([
    ['a token as the user information', `https://oauth2:${GITLAB_TOKEN}@gitlab.example.com/infra/docs/-/raw/main/rules`, 'https://***:***@gitlab.example.com/infra/docs/-/raw/main/rules/'],
    ['a token in the query', `https://gitlab.example.com/api/v4/projects/1/repository/files?private_token=${GITLAB_TOKEN}&path=rules`, '?private_token=***&path=rules/'],
  ])('%s is masked in every helpUri of every format', async (name, docsUrl, shown) => {
    const config = tmp.write(`docs/${name}.yaml`, `version: 1\ndocsUrl: "${docsUrl}"\n`);
    const { code, outputs } = await everyFormat([queue, '--config', config], `docs-${name}`);
    expect(code).toBe(1);
    expect(showing(outputs, GITLAB_TOKEN)).toEqual([]);
    expect(outputs.sarif).toContain(shown);
    expect(outputs.json).toContain(shown);
  });
});

describe('a refusal of --var for a variable the root module does not declare', () => {
  it('masks the name as it masks the option, both times it names it', async () => {
    // The directory is named by a Twilio API key's SID, and the variable by a Stripe key.
    const dir = path.dirname(tmp.write(`${TWILIO_SID}/main.tf`, 'variable "tok" { type = string }\n'));
    const secret = 'sk_live_SH4487q7J58m1CiAhzCueQpBenQtYh5Xj8TPQxjq';
    const run = await twinguard(['check', dir, '--input-kind', 'hcl', '--var', `${secret}=v`]);
    expectUnusable(run, /SKda\*\*\* declares no variable "sk_l\*\*\*"/);
    expect(run.stderr).not.toContain(secret.slice(4));
    expect(run.stderr).not.toContain(TWILIO_SID);
  });
});

describe("a secret in an input's path", () => {
  const queue = plan([res('aws_sqs_queue.q', { name: 'q', sqs_managed_sse_enabled: false, tags: TAGS, tags_all: TAGS })]);
  const code = `resource "aws_sqs_queue" "q" {\n  name = "q"\n  sqs_managed_sse_enabled = false\n  tags = ${JSON.stringify(TAGS).replace(/:/g, ' = ')}\n}\n`;

  it.each([
    ['a plan', tmp.write(`paths/plan/${TWILIO_SID}/plan.json`, queue)],
    ['a directory of .tf files', path.dirname(tmp.write(`paths/hcl/${TWILIO_SID}/main.tf`, code))],
  ])('%s: masked in every format, as a refusal masks it', async (name, input) => {
    const { code: exit, outputs } = await everyFormat([input], `path-${name}`);
    expect(exit).toBe(1);
    expect(showing(outputs, TWILIO_SID)).toEqual([]);
    // Markdown names no input when there is one.
    for (const format of FORMATS.filter((f) => f !== 'markdown')) expect({ format, shown: outputs[format].includes('SKda***') }).toEqual({ format, shown: true });
    const refused = await twinguard(['check', path.join(path.dirname(input), `${TWILIO_SID}`, 'missing.json')]);
    expectUnusable(refused, /SKda\*\*\*/);
  });
});

describe('a refusal of a key written twice', () => {
  const slack = 'xoxb-123456789012-1234567890123-bqnsGpWLuqIA1id6Vw5DQL05';

  it.each([
    ['a tag key', `{"resource":{"aws_sqs_queue":{"q":{"name":"q","tags":{"${slack}":"a","${slack}":"b"}}}}}`, /"xoxb\*\*\*" is written twice in the object at resource\.aws_sqs_queue\.q\.tags /],
    ['a key in the path to it', `{"resource":{"aws_sqs_queue":{"${slack}":{"name":"q","name":"r"}}}}`, /"name" is written twice in the object at resource\.aws_sqs_queue\.xoxb\*\*\* /],
  ])('%s that is spelled as a name but is a secret is masked', async (_name, text, expected) => {
    const dir = path.dirname(tmp.write(`dupkey/${_name}/main.tf.json`, text));
    const run = await twinguard(['check', dir, '--input-kind', 'hcl']);
    expectUnusable(run, expected);
    expect(run.stderr).not.toContain(slack.slice(5));
  });
});
