/**
 * The README's **Rules** line counts the rules, the ones on by default, and names every opt-in
 * rule: four branches that each added rules left it at three different counts, none of them right.
 * A rule a default setting keeps from judging anything is not on by default, and is named with its
 * setting: topic-queue-deny-insecure-transport was counted on by default, and passed every queue.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { onByDefault } from '../../checks/check';
import { ALL_RULES } from '../../checks/rules';
import { REPO_ROOT } from '../helpers/shared';

/** The paragraph that starts `**Rules**: `, its lines joined. */
function rulesLine(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n**Rules**: ');
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n\n', start + 1);
  return readme.slice(start + 1, end === -1 ? undefined : end).replace(/\n/g, ' ');
}

describe('README: the rule count', () => {
  it('counts every rule and the ones on by default', () => {
    const [, total, on] = /^\*\*Rules\*\*: (\d+) \((\d+) on by default;/.exec(rulesLine()) ?? [];
    expect([Number(total), Number(on)]).toEqual([ALL_RULES.length, ALL_RULES.filter(onByDefault).length]);
  });

  it('names each rule a default setting keeps off, with the setting that turns it on', () => {
    const offBySetting = ALL_RULES.filter((rule) => !rule.optIn && !onByDefault(rule));
    expect(offBySetting.length).toBeGreaterThan(0);
    for (const rule of offBySetting) expect(rulesLine()).toMatch(new RegExp(`\`${rule.id}\` is off by default, and on with\\s+\`${rule.offWhen?.setting}`));
  });

  it('names each opt-in rule', () => {
    const optedIn = rulesLine().slice(0, rulesLine().indexOf('are opt-in'));
    for (const rule of ALL_RULES.filter((r) => r.optIn)) expect(optedIn).toContain(`\`${rule.id}\``);
  });
});
