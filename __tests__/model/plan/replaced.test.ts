/**
 * The strings of the old state terraform prints (`LoadedInput.replaced`), which the gate masks: a
 * change's `before` where its `after` differs, what a plan destroys, both sides of drift and an
 * output's old value; never the `before` of a change that leaves a resource as it was. The same
 * whether the plan is read whole or streamed (where a change's `before` is cut out of the parse).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPlanFile } from '../../../checks/model/plan';

const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const change = (address: string, actions: string[], before: unknown, after: unknown) => {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, provider_name: PROVIDER, change: { actions, before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} } };
};

const TAGS = { Environment: 'dev', Owner: 'platform' };
const PLAN = {
  format_version: '1.2',
  terraform_version: '1.9.5',
  planned_values: { root_module: {} },
  resource_changes: [
    // An estate in place: the same values before and after, an email address among them.
    change('aws_sqs_queue.kept', ['no-op'], { name: 'kept', tags: { Owner: 'kept.owner@example.com' } }, { name: 'kept', tags: { Owner: 'kept.owner@example.com' } }),
    change('aws_sqs_queue.fixed', ['update'], { name: 'fixed', tags: { ...TAGS, Owner: 'jane.roe@example.com' } }, { name: 'fixed', tags: TAGS }),
    change('aws_sns_topic_subscription.hook', ['delete'], { endpoint: 'https://hooks:Tr0ub4dor-and-3@alerts.example.com/notify', protocol: 'https', raw_message_delivery: false }, null),
  ],
  resource_drift: [change('aws_sqs_queue.fixed', ['update'], { name: 'fixed', tags: { ...TAGS, Owner: 'old.owner@example.com' } }, { name: 'fixed', tags: { ...TAGS, Owner: 'jane.roe@example.com' } })],
  output_changes: {
    contact: { actions: ['update'], before: 'ops.lead@example.com', after: 'platform-team', after_unknown: false, before_sensitive: false, after_sensitive: false },
    region: { actions: ['no-op'], before: 'eu-west-1', after: 'eu-west-1', after_unknown: false, before_sensitive: false, after_sensitive: false },
  },
  configuration: { provider_config: { aws: { name: 'aws', full_name: PROVIDER } }, root_module: {} },
};

// Each with the old value it is of (`old`), where the gate reads what a string is called.
const EXPECTED = [
  { type: 'aws_sqs_queue', strings: [{ text: 'jane.roe@example.com', path: ['tags', 'Owner'] }], old: PLAN.resource_changes[1].change.before },
  { type: 'aws_sns_topic_subscription', strings: [{ text: 'https://hooks:Tr0ub4dor-and-3@alerts.example.com/notify', path: ['endpoint'] }, { text: 'https', path: ['protocol'] }], old: PLAN.resource_changes[2].change.before },
  { type: 'aws_sqs_queue', strings: [{ text: 'old.owner@example.com', path: ['tags', 'Owner'] }], old: PLAN.resource_drift[0].change.before },
  { type: 'aws_sqs_queue', strings: [{ text: 'jane.roe@example.com', path: ['tags', 'Owner'] }], old: PLAN.resource_drift[0].change.after },
  { strings: [{ text: 'ops.lead@example.com', path: ['contact'] }], old: { contact: 'ops.lead@example.com' } },
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-replaced-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const load = async (text: string, options: Parameters<typeof loadPlanFile>[2]) => {
  const file = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, text);
  return loadPlanFile(file, 'plan.json', options);
};

describe('the old state terraform prints, kept for the gate', () => {
  it.each([
    ['read whole', JSON.stringify(PLAN), {}],
    ['streamed, before cut out of the parse', JSON.stringify(PLAN), { streamAbove: 0 }],
    ['streamed, pretty-printed', JSON.stringify(PLAN, null, 2), { streamAbove: 0 }],
  ])('%s: what a change replaces or destroys, both sides of drift and an output old value; nothing of a no-op', async (_, text, options) => {
    const loaded = await load(text, { ...options, replaced: true });
    expect(loaded.replaced).toEqual(EXPECTED);
  });

  it('a no-op whose before Terraform writes byte for byte as its after gives nothing, and one that differs in a later string does', async () => {
    const noOp = (after: string) => ({ ...PLAN, resource_drift: [], output_changes: {}, resource_changes: [change('aws_sqs_queue.q', ['no-op'], { name: 'q', tags: { Owner: 'a.b@example.com' } }, { name: 'q', tags: { Owner: after } })] });
    const same = await load(JSON.stringify(noOp('a.b@example.com')), { streamAbove: 0, replaced: true });
    const longer = await load(JSON.stringify(noOp('a.b@example.com.au')), { streamAbove: 0, replaced: true });
    expect(same.replaced).toEqual([]);
    expect(longer.replaced).toEqual([{ type: 'aws_sqs_queue', strings: [{ text: 'a.b@example.com', path: ['tags', 'Owner'] }], old: { name: 'q', tags: { Owner: 'a.b@example.com' } } }]);
  });

  it('is not kept unless asked for: check reads no before', async () => {
    for (const options of [{}, { streamAbove: 0 }]) expect((await load(JSON.stringify(PLAN), options)).replaced).toBeUndefined();
  });
});
