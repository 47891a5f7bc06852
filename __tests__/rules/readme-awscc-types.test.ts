/**
 * The README's Known limits name every awscc type a rule judges, and only those: a rule that gains
 * or loses an awscc type without the README saying so fails here (the list went stale before, and
 * five explicitly unencrypted awscc resources passed while the README said awscc was checked as aws).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../checks/rules';
import { REPO_ROOT } from '../helpers/shared';

/** The awscc types of the Known limits bullet that starts "The rules judge these awscc types", up to its first sentence's end. */
function readmeList(): string[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('- The rules judge these awscc types');
  expect(start).toBeGreaterThan(-1);
  const bullet = readme.slice(start, readme.indexOf('\n- ', start));
  const list = bullet.slice(0, bullet.indexOf('(`__tests__/rules/readme-awscc-types.test.ts`'));
  return [...list.matchAll(/`(awscc_[a-z0-9_]+)`/g)].map((match) => match[1]);
}

const judged = (): string[] =>
  [...new Set(ALL_RULES.flatMap((rule) => (Array.isArray(rule.appliesTo) ? rule.appliesTo : [])).filter((type) => type.startsWith('awscc_')))].sort();

describe('README: the awscc types the rules judge', () => {
  it('lists exactly the awscc types in the rules\' appliesTo, in order', () => {
    expect(readmeList()).toEqual(judged());
  });
});
