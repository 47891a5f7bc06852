/**
 * The orchestration's blocking policy, on a registry of small test rules: which rules run, when
 * `unknown` blocks, severity overrides with failOn, strict mode, a rule that throws, redaction.
 */
import { check, exitCodeOf, render, selectRules } from '../../checks/check';
import { type Config, DEFAULT_CONFIG } from '../../checks/config';
import { parsePlanDocument } from '../../checks/model/plan';
import { defineRule, fail, pass, type RuleDefinition, unknown } from '../../checks/rules/types';
import { plan, res } from '../helpers/plan-builder';

const base = { rationale: 'r', remediation: 'fix it', references: [], appliesTo: ['aws_kms_key'] as const };
const rotation = defineRule({
  ...base,
  id: 'test-rotation',
  title: 'rotation',
  category: 'encryption-at-rest',
  severity: 'medium',
  evaluate: (r) => {
    const v = r.attr('enable_key_rotation').bool();
    return v.kind === 'unknown' ? unknown('rotation unknown') : v.kind === 'known' && v.value ? pass() : fail('rotation off');
  },
});
const tagged = defineRule({ ...base, id: 'test-tags', title: 'tags', category: 'tagging', severity: 'low', evaluate: () => unknown('tags unknown') });
const optIn = defineRule({ ...base, id: 'test-opt-in', title: 'opt in', category: 'logging', severity: 'high', optIn: true, evaluate: () => fail('opt-in rule ran') });
const broken = defineRule({ ...base, id: 'test-broken', title: 'broken', category: 'access', severity: 'high', evaluate: () => { throw new Error('boom'); } });
const secretive = defineRule({ ...base, id: 'test-secret', title: 'secret', category: 'sensitive-data', severity: 'critical', evaluate: () => fail('holds a secret (hunt***)', { redact: ['hunter2-password'] }) });
const REGISTRY: RuleDefinition[] = [rotation, tagged, optIn];

const inputs = [
  parsePlanDocument(
    plan([
      res('aws_kms_key.off', { enable_key_rotation: false }),
      res('aws_kms_key.later', { description: 'hunter2-password' }, { unknown: { enable_key_rotation: true } }),
      res('null_resource.x', {}),
    ]),
    'plan.json',
  ),
];
const run = (config: Partial<Config> = {}, registry: RuleDefinition[] = REGISTRY) => check(inputs, { ...DEFAULT_CONFIG, ...config }, { registry, today: '2026-11-28' }).report;
const statuses = (config: Partial<Config> = {}) => run(config).findings.map((f) => `${f.ruleId} ${f.address} ${f.status} ${f.blocking ? 'blocks' : 'passes'}`);

describe('check: the blocking policy', () => {
  it('by default, fail and unknown both block; opt-in rules do not run', () => {
    expect(statuses()).toEqual([
      'test-rotation aws_kms_key.later unknown blocks',
      'test-tags aws_kms_key.later unknown blocks',
      'test-rotation aws_kms_key.off fail blocks',
      'test-tags aws_kms_key.off unknown blocks',
    ]);
    expect(exitCodeOf(run())).toBe(1);
  });

  it('unknown blocks per rule, else per category, else by default', () => {
    const byCategory = statuses({ unknownBlocks: { default: true, categories: { tagging: false }, rules: {} } });
    expect(byCategory.filter((s) => s.startsWith('test-tags')).every((s) => s.endsWith('passes'))).toBe(true);
    expect(byCategory).toContain('test-rotation aws_kms_key.later unknown blocks');
    const byRule = statuses({ unknownBlocks: { default: false, categories: { tagging: false }, rules: { 'test-tags': true } } });
    expect(byRule.filter((s) => s.startsWith('test-tags')).every((s) => s.endsWith('blocks'))).toBe(true);
    expect(byRule).toContain('test-rotation aws_kms_key.later unknown passes');
    expect(byRule).toContain('test-rotation aws_kms_key.off fail blocks');
  });

  it('a configuration built in code that would silence an unwaivable rule is refused, as the loader refuses the file', () => {
    const silenced = { ...DEFAULT_CONFIG, source: 'app.ts', rules: { ...DEFAULT_CONFIG.rules, unwaivable: ['test-rotation'], disable: ['test-rotation'] } };
    expect(() => check(inputs, silenced, { registry: REGISTRY, today: '2026-11-28' })).toThrow('app.ts: rules.disable: "test-rotation" is unwaivable (rules.unwaivable), and a rule turned off never blocks; keep it on');
    const declared = defineRule({ ...rotation, unwaivable: true });
    expect(() => run({ failOn: 'high' }, [declared, tagged])).toThrow(/^the configuration: failOn: high would leave the medium findings of "test-rotation" not blocking/);
  });

  it('failOn leaves lower severities reported but not blocking; a severity override moves a rule across', () => {
    const report = run({ failOn: 'high' });
    expect(report.findings.every((f) => !f.blocking)).toBe(true);
    expect(exitCodeOf(report)).toBe(0);
    const raised = run({ failOn: 'high', rules: { ...DEFAULT_CONFIG.rules, severity: { 'test-rotation': 'critical' } } });
    expect(raised.findings.filter((f) => f.blocking).map((f) => f.ruleId)).toEqual(['test-rotation', 'test-rotation']);
    expect(raised.rules.find((r) => r.id === 'test-rotation')?.severity).toBe('critical');
  });

  it('selects rules: disabled ones drop out, opt-in ones run when enabled', () => {
    const config = { ...DEFAULT_CONFIG, rules: { ...DEFAULT_CONFIG.rules, enable: ['test-opt-in'], disable: ['test-tags'] } };
    expect(selectRules(REGISTRY, config).map((r) => r.id)).toEqual(['test-rotation', 'test-opt-in']);
    expect(run(config).findings.map((f) => f.ruleId)).toContain('test-opt-in');
  });

  it('strict mode makes every unchecked type count as blocking', () => {
    const report = run({ strict: true, rules: { ...DEFAULT_CONFIG.rules, disable: ['test-tags'] }, unknownBlocks: { default: false, categories: {}, rules: {} } });
    expect(report.coverage).toMatchObject({ strict: true, uncheckedTypes: [{ type: 'null_resource', count: 1 }] });
    expect(report.summary.blocking).toBe(2);
  });

  it('strict mode does not block on types the configuration accepts as unchecked; they stay listed, with the reason', () => {
    const strictOnly = { strict: true, rules: { ...DEFAULT_CONFIG.rules, disable: ['test-tags'] }, unknownBlocks: { default: false, categories: {}, rules: {} } };
    const reason = 'Triggers a script; holds no data and no endpoint';
    const report = run({ ...strictOnly, acceptUnchecked: [{ type: 'aws_route53_*', reason: 'DNS records hold no data' }, { type: 'null_*', reason }, { type: 'null_resource', reason: 'a later entry' }] });
    expect(report.coverage).toMatchObject({ strict: true, uncheckedTypes: [], acceptedTypes: [{ type: 'null_resource', count: 1, reason }] });
    expect(report.summary.blocking).toBe(1);
    expect(exitCodeOf(report)).toBe(1);
    const text = render({ report, redact: [] }, 'text');
    expect(text).toContain('accepted by the configuration (acceptUnchecked): null_resource (1); every other resource type is understood by a rule (strict mode)');
    expect(JSON.parse(render({ report, redact: [] }, 'json')).coverage.acceptedTypes).toEqual([{ type: 'null_resource', count: 1, reason }]);
    expect(JSON.parse(render({ report, redact: [] }, 'sarif')).runs[0].properties.acceptedTypes).toEqual([{ type: 'null_resource', count: 1, reason }]);
    // An entry that names another type accepts nothing.
    const other = run({ ...strictOnly, acceptUnchecked: [{ type: 'null_data_source', reason }] });
    expect(other.coverage.uncheckedTypes).toEqual([{ type: 'null_resource', count: 1 }]);
    expect(other.coverage.acceptedTypes).toBeUndefined();
    expect(other.summary.blocking).toBe(2);
  });

  it('a rule that throws gives a blocking unknown, never a pass', () => {
    const report = run({}, [broken]);
    expect(report.findings.map((f) => [f.ruleId, f.status, f.blocking])).toEqual([
      ['test-broken', 'unknown', true],
      ['test-broken', 'unknown', true],
    ]);
    expect(report.findings[0].message).toContain('boom');
  });

  it('counts per status and per category, with every category of the rules that ran', () => {
    const report = run();
    expect(report.summary.byStatus).toEqual({ fail: 1, unknown: 3, waived: 0 });
    expect(report.summary.byCategory).toEqual({ 'encryption-at-rest': { fail: 1, unknown: 1, waived: 0 }, tagging: { fail: 0, unknown: 2, waived: 0 } });
  });

  it('redacts the raw values rules detected from every format', () => {
    const checked = check(inputs, DEFAULT_CONFIG, { registry: [secretive], today: '2026-11-28' });
    const poisoned = { ...checked, report: { ...checked.report, findings: checked.report.findings.map((f) => ({ ...f, message: `${f.message} | hunter2-password` })) } };
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown'] as const) {
      expect(render(poisoned, format)).not.toContain('hunter2-password');
    }
  });
});
