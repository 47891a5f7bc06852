import { admitsOnlyFrom, parseVersion, plannedAtLeast, versionAdmitted } from '../../checks/model/module-version';

// hashicorp/go-version's own cases (constraint_test.go, TestConstraintCheck), which Terraform checks a module's installed version with.
describe('versionAdmitted: Terraform version constraints', () => {
  it.each([
    ['>= 1.0, < 1.2', '1.1.5', true],
    ['< 1.0, < 1.2', '1.1.5', false],
    ['= 1.0', '1.1.5', false],
    ['= 1.0', '1.0.0', true],
    ['1.0', '1.0.0', true],
    ['~> 1.0', '2.0', false],
    ['~> 1.0', '1.1', true],
    ['~> 1.0', '1.2.3', true],
    ['~> 1.0.0', '1.2.3', false],
    ['~> 1.0.0', '1.0.7', true],
    ['~> 1.0.0', '1.1.0', false],
    ['~> 1.0.7', '1.0.4', false],
    ['~> 1.0.7', '1.0.7', true],
    ['~> 1.0.7', '1.0.8', true],
    ['~> 1.0.7', '1.0.7.5', true],
    ['~> 1.0.7', '1.0.6.99', false],
    ['~> 1.0.7', '1.0.8.0', true],
    ['~> 1.0.9.5', '1.0.9.5', true],
    ['~> 1.0.9.5', '1.0.9.4', false],
    ['~> 1.0.9.5', '1.0.9.6', true],
    ['~> 1.0.9.5', '1.0.9.5.0', true],
    ['~> 1.0.9.5', '1.0.9.5.1', true],
    ['~> 2.0', '2.1.0-beta', false],
    ['~> 2.1.0-a', '2.2.0', false],
    ['~> 2.1.0-a', '2.1.0', false],
    ['~> 2.1.0-a', '2.1.0-beta', true],
    ['~> 2.1.0-a', '2.2.0-alpha', false],
    ['> 2.0', '2.1.0-beta', false],
    ['>= 2.1.0-a', '2.1.0-beta', true],
    ['>= 2.1.0-a', '2.1.1-beta', false],
    ['>= 2.0.0', '2.1.0-beta', false],
    ['>= 2.1.0-a', '2.1.1', true],
    ['>= 2.1.0-a', '2.1.0', true],
    ['<= 2.1.0-a', '2.0.0', true],
    // Where npm's semver differs: Terraform's ~> 4.1 admits every 4.x from 4.1.
    ['~> 4.1', '4.9.0', true],
    ['~> 4', '7.0.0', true],
    ['!= 4.1.3, ~> 4.1', '4.1.3', false],
    ['v4.1.0', '4.1.0+build.7', true],
    [' >=4.0 ,<5.0 ', '4.2.0', true],
  ])('%s admits %s: %s', (constraint, version, admitted) => {
    expect(versionAdmitted(constraint, version)).toBe(admitted);
  });

  it.each([['>= 1.x'], [''], ['~> 1.0,'], ['=> 1.0'], ['11387778780781445675529500000000000000000'], ['${var.v}']])('cannot read %p: undefined, never a match', (constraint) => {
    expect(versionAdmitted(constraint, '1.0.0')).toBeUndefined();
  });

  it('reads versions as go-version does', () => {
    expect(parseVersion('1.2')).toEqual({ segments: [1, 2, 0], written: 2, prerelease: '' });
    expect(parseVersion('v1.2.3-rc.1+meta')).toEqual({ segments: [1, 2, 3], written: 3, prerelease: 'rc.1' });
    expect(parseVersion('1.2.3beta')).toMatchObject({ prerelease: 'beta' });
    expect(parseVersion('one')).toBeUndefined();
  });
});

// Whether a provider's pinned version is past a schema change (provider v6 defaults Redshift's `encrypted` to true).
describe('admitsOnlyFrom: every version the constraints admit is at least a floor', () => {
  it.each([
    [['~> 6.25'], true],
    [['6.25.0'], true],
    [['= 6.0.0'], true],
    [['~> 6'], true],
    [['>= 6.0, < 7.0'], true],
    [['> 6.0.0'], true],
    [['>= 5.0'], false],
    [['>= 5.0', '>= 6.1'], true],
    [['~> 5.0'], false],
    [['> 5.99'], false],
    [['< 7.0'], false],
    [['!= 5.0.0'], false],
    [['6.0.0-beta1'], false],
    [['>= 6.0.0-beta1'], false],
    [[], false],
    [['latest'], undefined],
    [['>= 5.0', '${var.v}'], undefined],
  ])('%j', (constraints, expected) => {
    expect(admitsOnlyFrom(constraints, '6.0.0')).toBe(expected);
  });
});

describe('plannedAtLeast: the locked version where the constraints admit it, else every version they admit', () => {
  const aws = 'registry.terraform.io/hashicorp/aws';
  it.each([
    [{ provider: aws, constraints: ['>= 5.0'], locked: '6.25.0' }, true],
    [{ provider: aws, constraints: ['>= 5.0'], locked: '5.100.0' }, false],
    [{ provider: aws, constraints: [], locked: '6.0.0' }, true],
    [{ provider: aws, constraints: ['~> 5.0'], locked: '6.25.0' }, false],
    [{ provider: aws, constraints: ['~> 6.1'], locked: '6.0.0' }, true],
    [{ provider: aws, constraints: ['~> 6.25'] }, true],
    [{ provider: aws, constraints: ['~> 6.25'], unreadable: true as const }, undefined],
    [{ provider: aws, constraints: [], locked: 'six' }, undefined],
  ])('%j', (pin, expected) => {
    expect(plannedAtLeast(pin, '6.0.0')).toBe(expected);
  });
});
