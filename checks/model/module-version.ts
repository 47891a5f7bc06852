/**
 * Terraform's version constraints on a module call (`version = "~> 4.1, != 4.1.3"`), as Terraform
 * checks them against the version `terraform init` installed (hashicorp/go-version, constraint.go and
 * version.go): `terraform plan` refuses an installed module its call's constraint no longer admits
 * ("Module version requirements have changed"), so twinguard does not read it either.
 *
 * npm's `semver` is not used: it reads `~>` as its own `~` (`~> 1.2` admits 1.2.x only, where
 * Terraform's admits every 1.x from 1.2), and it refuses versions of other than three numbers.
 */

import type { ProviderVersion } from './types';

/** A version as go-version reads it: numbers (at least three, padded with zeros), and a pre-release. */
interface Version {
  /** The numbers, padded to three. */
  readonly segments: readonly number[];
  /** How many numbers were written (`~> 1.2` fixes the first one). */
  readonly written: number;
  readonly prerelease: string;
}

/** go-version's VersionRegexpRaw: `v1.2.3`, `1.2.3-beta.1`, `1.2.3beta`, `1.2.3+build`. */
const VERSION = /^v?([0-9]+(?:\.[0-9]+)*?)(?:-([0-9]+[0-9A-Za-z~-]*(?:\.[0-9A-Za-z~-]+)*)|(?:-?([A-Za-z~-]+[0-9A-Za-z~-]*(?:\.[0-9A-Za-z~-]+)*)))?(?:\+[0-9A-Za-z~-]+(?:\.[0-9A-Za-z~-]+)*)?$/;

/** The version written `text`, or undefined where go-version refuses it (a number past what it holds too). */
export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text);
  if (!match) return undefined;
  const segments = match[1].split('.').map(Number);
  if (segments.some((n) => !Number.isSafeInteger(n))) return undefined;
  const written = segments.length;
  while (segments.length < 3) segments.push(0);
  return { segments, written, prerelease: match[2] ?? match[3] ?? '' };
}

/** One pre-release part against another (go-version's comparePart): numbers below words, an absent part decided by the other. */
function comparePart(a: string, b: string): number {
  if (a === b) return 0;
  const [aNumeric, bNumeric] = [/^[0-9]+$/.test(a), /^[0-9]+$/.test(b)];
  if (a === '') return bNumeric ? -1 : 1;
  if (b === '') return aNumeric ? 1 : -1;
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  if (aNumeric) return Number(a) > Number(b) ? 1 : -1;
  return a > b ? 1 : -1;
}

function comparePrereleases(a: string, b: string): number {
  const [as, bs] = [a.split('.'), b.split('.')];
  for (let i = 0; i < Math.max(as.length, bs.length); i += 1) {
    const compared = comparePart(as[i] ?? '', bs[i] ?? '');
    if (compared !== 0) return compared;
  }
  return 0;
}

/** go-version's Compare: the numbers (trailing zeros aside), then the pre-release, a release above its pre-releases. */
function compare(a: Version, b: Version): number {
  const same = a.segments.length === b.segments.length && a.segments.every((n, i) => n === b.segments[i]);
  if (same) {
    if (a.prerelease === b.prerelease) return 0;
    if (a.prerelease === '') return 1;
    if (b.prerelease === '') return -1;
    return comparePrereleases(a.prerelease, b.prerelease);
  }
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i += 1) {
    const [x, y] = [a.segments[i] ?? 0, b.segments[i] ?? 0];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** A pre-release is admitted only by a constraint on a pre-release of the same numbers. */
function prereleaseAdmitted(v: Version, c: Version): boolean {
  if (v.prerelease === '') return true;
  return c.prerelease !== '' && v.segments.length === c.segments.length && v.segments.every((n, i) => n === c.segments[i]);
}

/** `~> c`: at least c, the numbers written but the last one fixed (`~> 1.2` is 1.x from 1.2, `~> 1.2.0` is 1.2.x). */
function pessimistic(v: Version, c: Version): boolean {
  if (!prereleaseAdmitted(v, c) || (c.prerelease !== '' && v.prerelease === '')) return false;
  if (compare(v, c) < 0) return false;
  const last = c.segments.length - 1;
  if (last > v.segments.length - 1) return false;
  for (let i = 0; i < c.written - 1; i += 1) if (v.segments[i] !== c.segments[i]) return false;
  return c.segments[last] <= v.segments[last];
}

const OPERATORS: Readonly<Record<string, (v: Version, c: Version) => boolean>> = {
  '': (v, c) => compare(v, c) === 0,
  '=': (v, c) => compare(v, c) === 0,
  '!=': (v, c) => compare(v, c) !== 0,
  '>': (v, c) => prereleaseAdmitted(v, c) && compare(v, c) > 0,
  '<': (v, c) => prereleaseAdmitted(v, c) && compare(v, c) < 0,
  '>=': (v, c) => prereleaseAdmitted(v, c) && compare(v, c) >= 0,
  '<=': (v, c) => prereleaseAdmitted(v, c) && compare(v, c) <= 0,
  '~>': pessimistic,
};

const CONSTRAINT = /^\s*(~>|!=|>=|<=|=|>|<|)\s*(\S+?)\s*$/;

/** Each single constraint of comma-separated `constraints`, its operator and version; undefined where one cannot be read. */
function parseConstraints(constraints: readonly string[]): { readonly op: string; readonly version: Version }[] | undefined {
  const parsed: { op: string; version: Version }[] = [];
  for (const single of constraints.flatMap((c) => c.split(','))) {
    const match = CONSTRAINT.exec(single);
    const version = match ? parseVersion(match[2]) : undefined;
    if (!match || !version) return undefined;
    parsed.push({ op: match[1], version });
  }
  return parsed;
}

/**
 * Whether the version `version` (as `modules.json` records it) meets every comma-separated
 * constraint of `constraints`; undefined where either cannot be read as Terraform reads it (the
 * caller fails closed).
 */
export function versionAdmitted(constraints: string, version: string): boolean | undefined {
  const v = parseVersion(version);
  const parsed = parseConstraints([constraints]);
  if (!v || !parsed) return undefined;
  return parsed.every(({ op, version: c }) => OPERATORS[op](v, c));
}

/**
 * Whether every version the comma-separated `constraints` together admit is at least `floor`
 * (`~> 6.25` and `>= 6.0, < 7.0` are; `>= 5.0` and no constraint at all are not); undefined where
 * one cannot be read as Terraform reads it. A single constraint that admits nothing below `floor`
 * (`>=`, `>`, `=` or `~>` a version not below it) decides it, as the others only narrow what it
 * admits. Constraints that admit no version at all (`~> 5.0, >= 6.0`) count as at least `floor`:
 * `terraform init` finds no version to install, so nothing is planned with them.
 */
export function admitsOnlyFrom(constraints: readonly string[], floor: string): boolean | undefined {
  const least = parseVersion(floor);
  const parsed = parseConstraints(constraints);
  if (!least || !parsed) return undefined;
  return parsed.some(({ op, version: c }) => ['', '=', '>', '>=', '~>'].includes(op) && compare(c, least) >= 0);
}

/**
 * Whether the provider version `terraform plan` uses is at least `floor`: the locked one, which
 * init installed, when the constraints admit it; else (no lock file, or one terraform would refuse
 * as the constraints changed since) any the constraints admit. Undefined where it cannot be told.
 */
export function plannedAtLeast(pin: ProviderVersion, floor: string): boolean | undefined {
  if (pin.unreadable) return undefined;
  const least = parseVersion(floor);
  if (pin.locked !== undefined) {
    const locked = parseVersion(pin.locked);
    if (!locked || !least) return undefined;
    const admitted = pin.constraints.map((c) => versionAdmitted(c, pin.locked as string));
    if (admitted.includes(undefined)) return undefined;
    if (admitted.every(Boolean)) return compare(locked, least) >= 0;
  }
  return admitsOnlyFrom(pin.constraints, floor);
}
