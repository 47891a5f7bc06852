/**
 * Small building blocks for rules that judge several settings of one resource and report each
 * problem on its own attribute path: a problem list becomes outcomes, and helpers say whether the
 * configuration writes an attribute (so an unset Optional+Computed value, which a plan shows as
 * unknown, can be judged by the AWS default it will take).
 */
import type { ConfigNode, Resource } from '../../model/types';
import type { PathSeg, ValueView } from '../../model/value';
import { fail, pass, unknown, type Outcome } from '../types';

/** One thing wrong (or undecidable) with a resource. */
export interface Problem {
  readonly status: 'fail' | 'unknown';
  readonly message: string;
  /** Attribute path the problem is about: `viewer_certificate.0.minimum_protocol_version`. */
  readonly path?: string;
}

export const failed = (message: string, view?: ValueView): Problem => ({ status: 'fail', message, ...(view ? { path: pathOf(view) } : {}) });
export const undecided = (message: string, view?: ValueView): Problem => ({ status: 'unknown', message, ...(view ? { path: pathOf(view) } : {}) });

/** How many names a message lists before it says how many more there are. */
const LISTED = 5;

/**
 * Names for a message, `a, b, c, d, e and 395 more` past `LISTED`: a bucket 400 workspaces may
 * name, each workspace's finding listing all 400, made every report grow with the square of the
 * input (a 2,800-resource cdk.tf.json: findings of 17,000 characters; 11,200 resources ran out of
 * string length). The first ones are enough to go by; the rest are the same story.
 */
export function listed(names: readonly string[]): string {
  if (names.length <= LISTED) return names.join(', ');
  return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
}

/** `a.0.b` for a view's path. */
export const pathOf = (view: ValueView): string => view.path.map(String).join('.');

/** No problem is a pass; otherwise one outcome per problem. */
export function outcomesOf(problems: readonly Problem[]): Outcome | Outcome[] {
  if (problems.length === 0) return pass();
  return problems.map((p) => (p.status === 'fail' ? fail(p.message, p.path ? { path: p.path } : {}) : unknown(p.message, p.path ? { path: p.path } : {})));
}

/** A value for a message: quoted, or "a value marked sensitive" when Terraform marks it so. */
export const shown = (view: ValueView, value: string): string => (view.isSensitive ? 'a value marked sensitive' : `"${value}"`);

/**
 * Whether the resource's configuration writes the attribute at `path` (nested blocks are followed
 * through their first element). `undefined` when the input carries no configuration for it.
 */
/**
 * Whether `resource`'s argument `key` is an expression whose code is not at hand: a plan checked
 * without `--code` (code-sources.ts) records only its references.
 */
export function codeMissing(resource: Resource, key: string): boolean {
  const node = resource.data.config?.kind === 'block' ? resource.data.config.attrs[key] : undefined;
  return node?.kind === 'expr' && !node.hasConstant && node.source === undefined && node.references.length > 0;
}

export function configSets(resource: Resource, ...path: string[]): boolean | undefined {
  let node: ConfigNode | undefined = resource.data.config;
  if (!node) return undefined;
  for (const key of path) {
    while (node && node.kind === 'list') node = node.items[0];
    if (!node || node.kind !== 'block') return false;
    node = node.attrs[key];
  }
  return node !== undefined;
}

/**
 * A view that is unknown because the provider computes it when the configuration leaves it unset
 * (Optional+Computed): the AWS default applies, so the rule may judge that default.
 */
export const unsetButComputed = (resource: Resource, view: ValueView, ...path: string[]): boolean =>
  view.isAbsent || (view.isUnknown && configSets(resource, ...path) === false);

/**
 * The apply creates this object, so a default AWS gives a new one applies to what the code leaves unset: its actions
 * include create (a replacement too) and no `import` block brings it in (an imported object exists, and keeps what
 * AWS holds: `ResourceData.importing`).
 */
export const beingCreated = (resource: Resource): boolean => resource.actions.includes('create') && resource.data.importing !== true;

export interface FlagSpec {
  /** The setting as a message names it: "enable_log_file_validation". */
  readonly what: string;
  /** What it being off means: "log files can be altered unnoticed". */
  readonly consequence: string;
  /** How to fix it: "Set `enable_log_file_validation = true`." */
  readonly fix: string;
  /** The value AWS (or the provider) applies when the attribute is not set. */
  readonly defaultValue: boolean;
}

/**
 * Why a view's value is not known where it is not for being known only after apply (`twinguard does not evaluate trim()
 * …`, `` `var.x` has no known value … ``: `notEvaluatedAt`), as `configured` (verdict.ts) finds it for the view it gives.
 */
const causes = new WeakMap<ValueView, string>();

/** `view`, its value not known for `cause` (see `causes`). */
export function withUnknownCause(view: ValueView, cause: string | undefined): ValueView {
  if (cause !== undefined) causes.set(view, cause);
  return view;
}

/** Why `view`'s value is not known, for a message: `<what> is known only after apply`, or `<what>: <the cause twinguard has>`. */
export function notKnown(view: ValueView, what: string): string {
  const cause = causes.get(view);
  return cause === undefined ? `${what} is known only after apply` : `${what}: ${cause}`;
}

/** A boolean that must be true. Unknown at plan time is a problem of its own, never a pass. */
export function mustBeTrue(view: ValueView, spec: FlagSpec): Problem[] {
  const value = view.bool();
  if (value.kind === 'unknown') return [undecided(`${notKnown(view, spec.what)}, so the gate cannot vouch for it. ${spec.fix}`, view)];
  const on = value.kind === 'known' ? value.value : spec.defaultValue;
  if (on) return [];
  return [failed(`${spec.what} is ${value.kind === 'known' ? 'false' : 'not set (default false)'}: ${spec.consequence}. ${spec.fix}`, view)];
}

/**
 * Problems of a satellite (a public-access block, a bucket policy) restated for the finding on its
 * subject: the message names the satellite, and the path (relative to the satellite) is dropped.
 */
export const onSatellite = (satellite: Resource, problems: readonly Problem[]): Problem[] =>
  problems.map((p) => ({ status: p.status, message: `${satellite.address}: ${p.message}` }));

/**
 * Two sound readings of one policy: its code (`code`, undefined when the code is not at hand or
 * does not make it), and what the plan knows of its policy document (`partly`, asked for only when
 * the code does not settle it). A pass from either stands, then a fail from either.
 */
export function eitherReading(code: readonly Problem[] | undefined, partly: () => readonly Problem[]): Problem[] {
  if (code !== undefined && code.length === 0) return [];
  const known = partly();
  if (code === undefined || known.length === 0) return [...known];
  return [...(code.some((p) => p.status === 'fail') || !known.some((p) => p.status === 'fail') ? code : known)];
}

/**
 * Why a resolution of `resource`'s attribute at `path` is unknown, without the address and path it
 * begins with (`<address>: <path>: it comes from var.x`): the finding names them already.
 */
export function resolutionReason(reason: string, resource: Resource, path: readonly PathSeg[]): string {
  const place = `${resource.address}: ${path.join('.')}: `;
  return reason.startsWith(place) ? reason.slice(place.length) : reason;
}
