/**
 * The registry guard (STYLE.md convention 5): every rule is registered once, under a stable
 * kebab-case id that is also its file name, with a doc page, a test file and references.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, ruleById } from '../../checks/rules';
import { CATEGORIES, SEVERITIES, type RuleDefinition } from '../../checks/rules/types';
import { REPO_ROOT } from '../helpers/shared';

const RULES_DIR = path.join(REPO_ROOT, 'checks', 'rules');
const cases = ALL_RULES.map((rule) => [rule.id, rule] as const);

describe('the rule registry', () => {
  it('has rules, each id once', () => {
    expect(ALL_RULES.length).toBeGreaterThan(0);
    const ids = ALL_RULES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('finds each rule by id, and nothing else', () => {
    for (const rule of ALL_RULES) expect(ruleById(rule.id)).toBe(rule);
    expect(ruleById('no-such-rule')).toBeUndefined();
  });

  it('registers every rule file of every category', () => {
    const registered = new Set(ALL_RULES);
    const unregistered: string[] = [];
    for (const category of CATEGORIES) {
      const dir = path.join(RULES_DIR, category);
      for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        if (!file.endsWith('.ts') || file === 'index.ts') continue;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported = require(path.join(dir, file)).default as RuleDefinition | undefined;
        if (exported && typeof exported.evaluate === 'function' && !registered.has(exported)) unregistered.push(`${category}/${file}`);
      }
    }
    expect(unregistered).toEqual([]);
  });

  describe.each(cases)('%s', (id, rule) => {
    it('has a kebab-case id that is its file name, in its category’s folder', () => {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(CATEGORIES).toContain(rule.category);
      const file = path.join(RULES_DIR, rule.category, `${id}.ts`);
      expect({ id, file: fs.existsSync(file) ? path.relative(REPO_ROOT, file) : 'missing' }).toEqual({ id, file: `checks/rules/${rule.category}/${id}.ts` });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(require(file).default).toBe(rule);
    });

    it('has a title, a severity, a rationale, a remediation and what it applies to', () => {
      expect(rule.title.trim()).not.toBe('');
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.rationale.trim()).not.toBe('');
      expect(rule.remediation.trim()).not.toBe('');
      expect(rule.appliesTo === '*' || rule.appliesTo === 'input' || (Array.isArray(rule.appliesTo) && rule.appliesTo.length > 0)).toBe(true);
    });

    it('cites references with https URLs', () => {
      expect(rule.references.length).toBeGreaterThan(0);
      for (const ref of rule.references) {
        expect(ref.title.trim()).not.toBe('');
        expect(() => new URL(ref.url)).not.toThrow();
        expect(new URL(ref.url).protocol).toBe('https:');
      }
    });

    it('has a doc page docs/rules/<id>.md whose first heading names it', () => {
      const doc = path.join(REPO_ROOT, 'docs', 'rules', `${id}.md`);
      expect({ id, doc: fs.existsSync(doc) }).toEqual({ id, doc: true });
      const heading = fs.readFileSync(doc, 'utf8').split('\n').find((line) => line.startsWith('#'));
      expect(heading).toMatch(new RegExp(`^#\\s.*\\b${id}\\b`));
    });

    it('has a test file __tests__/rules/<category>/<id>.test.ts that mentions it', () => {
      const test = path.join(REPO_ROOT, '__tests__', 'rules', rule.category, `${id}.test.ts`);
      expect({ id, test: fs.existsSync(test) }).toEqual({ id, test: true });
      const source = fs.readFileSync(test, 'utf8');
      expect(source.includes(id)).toBe(true);
    });
  });
});
