/**
 * A plan Terraform says is incomplete (`complete: false`, `deferred_changes`): what it defers is
 * judged by no rule, so every report's coverage names it, and `--strict` blocks on it.
 */
import { plan, res } from '../helpers/plan-builder';
import { twinguard, withFiles } from './run';

const deferredChange = (address: string, reason: string, after: Record<string, unknown>) => ({
  reason,
  resource_change: {
    address,
    mode: 'managed',
    type: address.split('.')[0],
    name: address.split('.')[1].replace(/\[.*$/, ''),
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions: ['create'], before: null, after, after_unknown: { id: true }, before_sensitive: false, after_sensitive: {} },
    ...(address.endsWith('[*]') ? { index_unknown: true } : {}),
  },
});

/** A queue that passes every rule. */
const queue = () => plan([res('aws_sqs_queue.q', { name: 'q', sqs_managed_sse_enabled: true, tags: { Environment: 'dev', Owner: 'platform', DataClassification: 'internal' } })]);

/** Terraform 1.8+ with deferred actions: nothing planned yet but a queue; a key and a count-unknown database deferred. */
const incomplete = {
  ...queue(),
  complete: false,
  deferred_changes: [
    deferredChange('aws_kms_key.k', 'provider_config_unknown', { enable_key_rotation: false }),
    deferredChange('aws_db_instance.db[*]', 'instance_count_unknown', { storage_encrypted: false }),
  ],
};

describe('an incomplete plan', () => {
  it('names what it deferred in the coverage of every report; it passes without --strict, as an unchecked type does', async () => {
    await withFiles({ 'plan.json': JSON.stringify(incomplete) }, async (dir) => {
      const text = await twinguard(['check', `${dir}/plan.json`]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(
        'is incomplete (complete: false): 2 changes deferred to a later plan, not judged: aws_kms_key.k (provider_config_unknown), aws_db_instance.db[*] (instance_count_unknown)',
      );
      const json = JSON.parse((await twinguard(['check', `${dir}/plan.json`, '--format', 'json'])).stdout);
      expect(json.coverage.incompletePlans).toEqual([
        {
          input: `${dir}/plan.json`,
          deferred: [
            { address: 'aws_kms_key.k', reason: 'provider_config_unknown' },
            { address: 'aws_db_instance.db[*]', reason: 'instance_count_unknown' },
          ],
        },
      ]);
      for (const format of ['markdown', 'junit', 'sarif']) {
        expect((await twinguard(['check', `${dir}/plan.json`, '--format', format])).stdout).toContain('2 changes deferred to a later plan, not judged');
      }
    });
  });

  it('blocks with --strict, one blocking item per deferred change (a plan that lists none: one)', async () => {
    const listsNone = { ...queue(), complete: false };
    await withFiles({ 'plan.json': JSON.stringify(incomplete), 'none.json': JSON.stringify(listsNone), 'complete.json': JSON.stringify(queue()) }, async (dir) => {
      const strict = await twinguard(['check', `${dir}/plan.json`, '--strict', '--format', 'json']);
      expect(strict.code).toBe(1);
      expect(JSON.parse(strict.stdout).summary.blocking).toBe(2);
      const sarif = JSON.parse((await twinguard(['check', `${dir}/plan.json`, '--strict', '--format', 'sarif'])).stdout);
      expect(sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'twinguard-coverage').map((r: { message: { text: string } }) => r.message.text)).toEqual([
        'Strict mode: the plan deferred aws_kms_key.k to a later plan (provider_config_unknown): it was not judged',
        'Strict mode: the plan deferred aws_db_instance.db[*] to a later plan (instance_count_unknown): it was not judged',
      ]);
      const none = await twinguard(['check', `${dir}/none.json`, '--strict']);
      expect(none.code).toBe(1);
      // complete: false and no deferred_changes is what terraform writes for a -target plan: it defers nothing, it leaves out.
      expect(none.stdout).toContain('none.json is a partial plan (complete: false, as a -target plan is): the changes it leaves out are left for a later plan, not judged (blocking: strict mode)');
      expect(none.stdout).not.toContain('0 changes');
      // A complete plan: nothing of the kind.
      const complete = await twinguard(['check', `${dir}/complete.json`, '--strict']);
      expect(complete.code).toBe(0);
      expect(complete.stdout).not.toContain('incomplete');
    });
  });

  it('masks an instance key of a deferred address that holds a sensitive pattern, whole, in every report (no rule judges it)', async () => {
    const keyed = { ...queue(), complete: false, deferred_changes: [deferredChange('aws_sqs_queue.staff["EMP-123456"]', 'provider_config_unknown', {}), deferredChange('aws_sqs_queue.short["E1234-x"]', 'provider_config_unknown', {})] };
    const config = 'sensitivePatterns:\n  - name: employee id\n    pattern: "E(MP-[0-9]{6}|[0-9]{4})"\n';
    await withFiles({ 'plan.json': JSON.stringify(keyed), 'twinguard.config.yaml': config }, async (dir) => {
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const run = await twinguard(['check', `${dir}/plan.json`, '-c', `${dir}/twinguard.config.yaml`, '--strict', '--format', format]);
        expect(run.code).toBe(1);
        expect(run.stdout).not.toMatch(/123456|E1234/);
      }
      expect((await twinguard(['check', `${dir}/plan.json`, '-c', `${dir}/twinguard.config.yaml`])).stdout).toMatch(/not judged: aws_sqs_queue\.staff\["EM\*\*\*"\] \(provider_config_unknown\), aws_sqs_queue\.short\["E\*\*\*"(#\d)?\]/);
    });
  });

  it("masks a deferred action's instance key whole too, with no-sensitive-data-in-instance-keys turned off", async () => {
    const invocation = { address: 'action.aws_lambda_invoke.later["E1234-x"]', type: 'aws_lambda_invoke', name: 'later', config_values: { function_name: 'later' } };
    const keyed = { ...queue(), complete: false, deferred_action_invocations: [{ reason: 'deferred_prereq', action_invocation: invocation }] };
    const config = 'sensitivePatterns:\n  - name: employee id\n    pattern: "E[0-9]{4}"\nrules:\n  disable: [no-sensitive-data-in-instance-keys]\n';
    await withFiles({ 'plan.json': JSON.stringify(keyed), 'twinguard.config.yaml': config }, async (dir) => {
      const run = await twinguard(['check', `${dir}/plan.json`, '-c', `${dir}/twinguard.config.yaml`]);
      expect(run.stdout).toContain('not judged: action.aws_lambda_invoke.later["E***"] (deferred_prereq)');
      expect(run.stdout).not.toMatch(/E1234|-x"/);
    });
  });

  it('refuses deferred_changes that are not a list of changes, in one line', async () => {
    await withFiles({ 'plan.json': JSON.stringify({ ...incomplete, deferred_changes: [{ reason: 'absent_prereq' }] }) }, async (dir) => {
      const run = await twinguard(['check', `${dir}/plan.json`]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toMatch(/plan\.json: not a valid plan: deferred_changes\[0\] has no resource_change\.address$/);
    });
  });
});
