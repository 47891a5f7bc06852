/**
 * The TwinMaker service role reaches no bucket but the TwinMaker buckets of its input (the
 * workspace buckets, the buckets of scene files). AWS documents the role's S3 permissions on the
 * workspace bucket alone; an S3 statement on `*`, on a wildcard bucket or on another bucket lets
 * anyone who can drive the workspace (or the service, in a confused-deputy request) read or write
 * data the twin has no business with.
 *
 * Judged on the role's own policies: `aws_iam_role_policy` and `awscc_iam_role_policy` attached to a
 * TwinMaker role, the role's inline policies (`aws_iam_role.inline_policy` when the configuration
 * writes it, `awscc_iam_role.policies`), and AWS-managed policies attached to it
 * (`aws_iam_role_policy_attachment`, `aws_iam_role_policy_attachments_exclusive`, an
 * `aws_iam_policy_attachment` whose `roles` hold it, the
 * `managed_policy_arns` of `awscc_iam_role` and of `aws_iam_role` when written) that grant S3 on every
 * bucket by name (AmazonS3FullAccess, AdministratorAccess…) fail; those of the connectors' services
 * that grant no S3 (AWSIoTSiteWiseReadOnlyAccess…) pass; a customer-managed policy of the input they
 * attach (`aws_iam_policy`, `awscc_iam_managed_policy`) is judged as the role's own; any other
 * attached policy (another AWS-managed one, one not in the input) is unknown: its statements cannot
 * be read, and the documented role needs none. A bucket whose name is known only after apply
 * (`bucket_prefix`) goes by a stand-in: its own ARN, read from the code, stays within it; `*`, a
 * wildcard or another bucket of the input reaches beyond it whatever its name; a literal name may
 * be it (undecided). Only
 * statements that may grant an S3 action count; the connectors' other permissions (Kinesis Video,
 * SiteWise, Lambda) are not this rule's business.
 */
import { hasToken, referenceToken, SELF } from '../../model/symbolic';
import type { Graph, MadeLink, Resource } from '../../model/types';
import { configSets, failed, listed, outcomesOf, undecided, type Problem } from '../support/findings';
import { attachedPolicyArns, awsManagedName, forbiddenGrantProblems, IAM_POLICIES, MANAGED_POLICY_TYPES, POLICY_ATTACHMENTS, type ForbiddenGrant } from '../support/iam-policies';
import { coversGrammar, negated, serviceActions, type Coverage } from '../support/grammar';
import { normalizePartition } from '../support/policy';
import { awsDoc } from '../support/references';
import { BUCKET_TYPES, bucketName, SCENE_TYPE, targetBucket, TWINMAKER_TYPES } from '../support/s3';
import { isTwinMakerRole, ROLE_TYPES, workspacesUsing } from '../support/twinmaker-roles';
import { managedOnly } from '../support/verdict';
import { madeFrom } from '../support/links';
import { defineRule, notApplicable } from '../types';

const FIX =
  'Scope the role\'s S3 statements to the workspace bucket, as AWS documents the service role: `Resource = ["arn:aws:s3:::<bucket>", "arn:aws:s3:::<bucket>/*"]` (and `s3:DeleteObject` on `arn:aws:s3:::<bucket>/DO_NOT_DELETE_WORKSPACE_*`); attach no broad AWS-managed policy.';

/** The attribute through which each type names the role it belongs to (`aws_iam_policy_attachment`: the roles, a list). */
const ROLE_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_iam_role_policy: 'role',
  awscc_iam_role_policy: 'role_name',
  aws_iam_role_policy_attachment: 'role',
  aws_iam_role_policy_attachments_exclusive: 'role_name',
  aws_iam_policy_attachment: 'roles',
  // A managed policy that names the roles it is attached to itself.
  awscc_iam_managed_policy: 'roles',
};

/** The types whose role attribute is a list of roles. */
const ROLE_LISTS = new Set(['aws_iam_policy_attachment', 'awscc_iam_managed_policy']);

/** AWS-managed policies that allow S3 actions on every bucket. */
const BROAD_MANAGED: ReadonlySet<string> = new Set(['AmazonS3FullAccess', 'AmazonS3ReadOnlyAccess', 'AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'ViewOnlyAccess']);

/**
 * AWS-managed policies of the connectors' services (SiteWise, Kinesis Video Streams, Timestream,
 * Lambda invocation) that grant no S3 action: a role may carry them. Any other AWS-managed policy
 * is not read here, so it is undecided.
 */
const CONNECTOR_MANAGED: ReadonlySet<string> = new Set(['AWSIoTSiteWiseReadOnlyAccess', 'AmazonKinesisVideoStreamsReadOnlyAccess', 'AmazonTimestreamReadOnlyAccess', 'AWSLambdaRole']);

/**
 * An action pattern grants S3 when it matches some S3 action (`s3:` and a name): `*:GetBucketAcl` and
 * `?3:*` do, as do `s3express:` and `s3tables:` actions. A `NotAction` leaves S3 in unless its patterns,
 * together, match every action of each (`s3:*`, `s3:?*`, with `s3express:*` and `s3tables:*`). Decided by the patterns' algebra (`support/grammar.ts`); patterns too intricate
 * to decide are 'undecided', which fails closed.
 */
/**
 * The services that keep S3 data: general purpose buckets (`s3`), and beside them directory buckets
 * (`s3express:CreateSession` opens every object of one) and table buckets (`s3tables`), neither of
 * which a workspace's bucket can be: any grant of theirs reaches beyond it.
 */
const S3_SERVICES = ['s3', 's3express', 's3tables'];
const SOME_S3_ACTION = S3_SERVICES.map((service) => serviceActions(service, 'some'));
const EVERY_S3_ACTION = S3_SERVICES.map((service) => serviceActions(service, 'every'));
/** Whether some (`yes` in any) or every (`yes` in all) of the coverages holds. */
const someOf = (coverages: readonly Coverage[]): Coverage => (coverages.includes('yes') ? 'yes' : coverages.includes('undecided') ? 'undecided' : 'no');
const everyOf = (coverages: readonly Coverage[]): Coverage => negated(someOf(coverages.map(negated)));
const grantsS3 = (pattern: string): Coverage => someOf(SOME_S3_ACTION.map((grammar) => coversGrammar([pattern], grammar)));

/**
 * Whether a resource pattern reaches an S3 resource outside the buckets named `allowed`. `anyName`:
 * an allowed bucket's name is not known, so a bucket named without a wildcard may be that one.
 */
function reachesBeyond(pattern: string, allowed: ReadonlySet<string>, anyName = false): boolean {
  const arn = normalizePartition(pattern);
  if (arn === '*') return true;
  // A bucket name holds no wildcard, so `twin*` is never an allowed name: it may be another bucket.
  const bucket = /^arn:aws:s3:::([^/]*)/.exec(arn);
  if (bucket) return !allowed.has(bucket[1]) && !(anyName && !/[*?]/.test(bucket[1]) && !bucket[1].startsWith(SELF));
  // `arn:aws:*:…`, `arn:*`, an S3 access point: may be S3 outside the buckets.
  const service = /^arn:[^:]*:([^:]*)/.exec(arn)?.[1];
  return service === undefined ? /[*?]/.test(arn) : /[*?]/.test(service) || service === '' || S3_SERVICES.includes(service);
}

/** Roles a policy may belong to, one of which it does (`rolesOf`); `made`: its code makes the role from `candidates`' one by a function, so it may be another. */
interface RoleChoice {
  readonly candidates: readonly Resource[];
  readonly made?: MadeLink;
}

/**
 * The roles `resource` belongs to (itself for a role; each of an `aws_iam_policy_attachment`'s
 * roles), as far as the graph can tell: for each, the roles of the input it may be, one of which it
 * is (`aws_iam_role.tm[var.pick].id` may be any instance of `tm`), or the role its code makes another
 * one's name from by a function (`lower(aws_iam_role.tm.id)`: that role, or another).
 */
function rolesOf(graph: Graph, resource: Resource): RoleChoice[] {
  if (ROLE_TYPES.includes(resource.type)) return [{ candidates: [resource] }];
  const attribute = ROLE_ATTRIBUTE[resource.type];
  const items = ROLE_LISTS.has(resource.type) ? resource.values.get(attribute).list() : undefined;
  const paths = items?.kind === 'known' ? items.value.map((view) => view.path) : [[attribute]];
  return paths.flatMap((path): RoleChoice[] => {
    const target = graph.resolve(resource, path, ROLE_TYPES);
    if (target.status === 'unknown' && target.made !== undefined) return [{ candidates: [target.made.from], made: target.made }];
    const candidates = target.status === 'resources' ? target.targets : target.status === 'ambiguous' ? target.candidates : [];
    return candidates.length > 0 ? [{ candidates: [...new Set(candidates)] }] : [];
  });
}

/**
 * The problems of a policy whose role may be any of `candidates`, some of them TwinMaker roles
 * (`twinmaker`), or another (`made`): judged for each. It fails where it fails for every candidate, all of them
 * TwinMaker roles; where the verdict depends on which role it names, it is undecided.
 */
function choiceProblems(resource: Resource, { candidates, made }: RoleChoice, twinmaker: readonly Resource[], problemsOf: (role: Resource) => Problem[]): Problem[] {
  const each = twinmaker.map((role) => ({ role, problems: problemsOf(role) }));
  if (each.every(({ problems }) => problems.length === 0)) return [];
  const failsForAll = made === undefined && twinmaker.length === candidates.length && each.every(({ problems }) => problems.some((p) => p.status === 'fail'));
  const attribute = ROLE_ATTRIBUTE[resource.type];
  const which =
    made === undefined
      ? `its \`${attribute}\` may name any of ${listed(candidates.map((r) => r.address))} (which one is known only after apply)`
      : `its code makes its \`${attribute}\` from ${made.from.address} by ${made.by}, so it may name that role or another`;
  return each.flatMap(({ role, problems }) =>
    problems.map((p) => ({ ...p, status: failsForAll ? p.status : 'unknown', message: `${which}; for ${role.address}, ${p.message}` })),
  );
}

/**
 * Bucket names, or why they cannot all be told. A bucket of the input whose name is known only
 * after apply (`bucket_prefix`, a name made from another resource) is in `names` by its stand-in,
 * and listed in `unnamed`.
 */
type Names = { readonly names: ReadonlySet<string>; readonly unnamed: readonly string[] } | { readonly reason: string };

const STAND_INS = new WeakMap<Resource, string>();
let standIns = 0;

/**
 * The name a bucket of unknown name goes by in a policy read with its code: its tokens (`arn`,
 * `id`, `bucket`) become `arn:aws:s3:::<stand-in>` and `<stand-in>`. It holds a character no
 * bucket name, and no code read symbolically, can hold (symbolic.ts), and no `/`.
 */
function standInOf(bucket: Resource): string {
  let name = STAND_INS.get(bucket);
  if (name === undefined) STAND_INS.set(bucket, (name = `${SELF}${(standIns += 1)}`));
  return name;
}

/** The names of the buckets `users` (workspaces, scenes) keep their data in. */
function bucketsOf(graph: Graph, users: readonly Resource[]): Names {
  const names = new Set<string>();
  const unnamed: string[] = [];
  for (const user of users) {
    const target = targetBucket(graph, user);
    if (target.status === 'unknown') return { reason: `the bucket of ${user.address} cannot be determined (${target.reason})` };
    if (target.status === 'external') {
      names.add(target.name);
      continue;
    }
    for (const bucket of target.buckets) {
      const name = bucketName(bucket);
      if (name === undefined) unnamed.push(bucket.address);
      names.add(name ?? standInOf(bucket));
    }
  }
  return { names, unnamed };
}

/**
 * What the code's tokens of the input's buckets stand for (symbolic.ts): a policy naming
 * `aws_s3_bucket.ws.arn`, known only after apply, names `arn:aws:s3:::<name>` (for a bucket whose
 * name is itself known only after apply, its stand-in).
 */
function bucketTokens(graph: Graph, input: string): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const bucket of BUCKET_TYPES.flatMap((type) => graph.ofType(type))) {
    if (bucket.input !== input) continue;
    const name = bucketName(bucket) ?? standInOf(bucket);
    tokens.set(referenceToken(bucket.address, 'arn'), `arn:aws:s3:::${name}`);
    for (const attribute of ['id', 'bucket', 'bucket_name']) tokens.set(referenceToken(bucket.address, attribute), name);
  }
  return tokens;
}

/** Per graph and input: the buckets of every workspace and scene, of the scenes alone, and the tokens of every bucket (when first asked for). */
const INPUT_BUCKETS = new WeakMap<Graph, Map<string, { readonly all: Names; readonly scenes: Names; readonly tokens: () => ReadonlyMap<string, string> }>>();

function inputBuckets(graph: Graph, input: string): { readonly all: Names; readonly scenes: Names; readonly tokens: () => ReadonlyMap<string, string> } {
  let byInput = INPUT_BUCKETS.get(graph);
  if (byInput === undefined) INPUT_BUCKETS.set(graph, (byInput = new Map()));
  let found = byInput.get(input);
  if (found === undefined) {
    const of = (type: string) => graph.ofType(type).filter((r) => r.input === input && r.mode === 'managed');
    let tokens: ReadonlyMap<string, string> | undefined;
    found = { all: bucketsOf(graph, TWINMAKER_TYPES.flatMap(of)), scenes: bucketsOf(graph, of(SCENE_TYPE)), tokens: () => (tokens ??= bucketTokens(graph, input)) };
    byInput.set(input, found);
  }
  return found;
}

/**
 * The buckets `role` may reach: those of the workspaces that use it and of the input's scenes; for a
 * role no workspace of the input uses (its workspace is elsewhere, or only a sync job uses it), those
 * of every workspace and scene of the input. A sync job's role needs no S3, but a grant on those
 * buckets reaches nothing the workspace's own role cannot, so it is bounded as the others are.
 */
function allowedBuckets(graph: Graph, role: Resource): Names {
  const { all, scenes } = inputBuckets(graph, role.input);
  const workspaces = workspacesUsing(graph, role);
  if (workspaces.length === 0) return all;
  const own = bucketsOf(graph, workspaces);
  if ('reason' in own) return own;
  if ('reason' in scenes) return scenes;
  return { names: new Set([...own.names, ...scenes.names]), unnamed: [...new Set([...own.unnamed, ...scenes.unnamed])] };
}

/** The problems of `holder`'s policy documents for `role`: S3 statements beyond the role's buckets. */
function s3Problems(graph: Graph, role: Resource, holder: Resource): Problem[] {
  const buckets = allowedBuckets(graph, role);
  const { tokens } = inputBuckets(graph, role.input);
  if ('reason' in buckets) {
    // The buckets cannot be told: that matters only if some statement reaches S3 at all.
    if (forbiddenGrantProblems(graph, holder, beyond(new Set(), tokens)).length === 0) return [];
    return [undecided(`${buckets.reason}, so the gate cannot tell the role's buckets from others. ${FIX}`)];
  }
  if (buckets.names.size === 0) return elsewhereProblems(graph, holder, tokens);
  const problems = forbiddenGrantProblems(graph, holder, beyond(buckets.names, tokens, buckets.unnamed));
  if (buckets.unnamed.length === 0 || problems.length === 0) return problems;
  // A bucket whose name is known only after apply: a statement on its own ARN, read with the code,
  // stays within it (passed above); one on a bucket named otherwise may be it, and is undecided;
  // what reaches beyond whatever its name turns out to be (`*`, `twin*`) is a problem still.
  const whatever = forbiddenGrantProblems(graph, holder, beyond(buckets.names, tokens, buckets.unnamed, true));
  if (whatever.length > 0) return whatever;
  return [undecided(`the name of ${listed(buckets.unnamed)} is known only after apply, so the gate cannot tell whether the buckets its policy names are the role's. Name the bucket, or write its ARN from the bucket's own attribute (\`aws_s3_bucket.<name>.arn\`) and check the plan with its code. ${FIX}`)];
}

/**
 * The problems of a role TwinMaker trusts when no workspace or scene of the input keeps data
 * anywhere: its workspace is managed elsewhere, and any bucket a statement names (of the input, or
 * by a name without a wildcard) may be the workspace's (undecided); `*`, a wildcard bucket or S3
 * beyond buckets reaches beyond it whichever it is.
 */
function elsewhereProblems(graph: Graph, holder: Resource, tokens: () => ReadonlyMap<string, string>): Problem[] {
  const inputBuckets = new Set([...tokens().values()].map((value) => value.replace(/^arn:aws:s3:::/, '')));
  const whatever = forbiddenGrantProblems(graph, holder, beyond(inputBuckets, tokens, [], true));
  if (whatever.length > 0) return whatever;
  if (forbiddenGrantProblems(graph, holder, beyond(new Set(), tokens)).length === 0) return [];
  return [undecided(`the role's workspace is not in this input (no workspace or scene of it names a bucket), so the gate cannot tell which bucket the workspace uses, nor whether the buckets the policy names are that one. Check the role with its workspace in one input, or waive this finding naming the workspace's bucket. ${FIX}`)];
}

/**
 * The problems of each policy `resource` attaches to `role`: a customer-managed policy of the input
 * is judged as the role's own; an AWS-managed policy that allows S3 on every bucket fails, one of a
 * connector's service passes; any other (another AWS-managed policy, a policy that is not in the
 * input, an ARN known only after apply) is undecided: its statements are not in the input, and it
 * may reach any bucket.
 */
function attachmentProblems(graph: Graph, role: Resource, resource: Resource): Problem[] {
  const arns = attachedPolicyArns(resource);
  if (arns === 'unknown') {
    return [undecided(`its \`${POLICY_ATTACHMENTS[resource.type].attribute}\` is known only after apply, so the gate cannot tell which policies it attaches or whether they allow S3 beyond the role's TwinMaker buckets. ${FIX}`)];
  }
  return arns.flatMap((view): Problem[] => {
    const target = graph.resolve(resource, view.path, MANAGED_POLICY_TYPES);
    const policies = target.status === 'resources' ? target.targets.filter((policy) => policy.mode === 'managed') : [];
    if (policies.length > 0) {
      return policies.flatMap((policy) => s3Problems(graph, role, policy).map((p) => ({ ...p, message: `through the attached ${policy.address}: ${p.message}` })));
    }
    // An ARN known only after apply whose code makes it whole (`"arn:${data.aws_partition.p.partition}:…"`).
    const written = view.string();
    const code = written.kind === 'unknown' ? graph.codeString(resource, view.path) : undefined;
    const arn = code?.kind === 'known' && !hasToken(code.value) ? code : written;
    const name = arn.kind === 'known' ? awsManagedName(arn.value) : undefined;
    if (name !== undefined && BROAD_MANAGED.has(name)) return [failed(`it attaches the AWS-managed policy ${name}, which allows S3 actions on every bucket. ${FIX}`)];
    if (name !== undefined && CONNECTOR_MANAGED.has(name)) return [];
    const what =
      name !== undefined
        ? `the AWS-managed policy ${name}`
        : arn.kind === 'known'
          ? `the policy ${arn.value}, which is not in the input,`
          : `a policy whose ARN is known only after apply and ${madeFrom(target) ?? 'references no policy of the input'}`;
    return [undecided(`it attaches ${what}: the gate cannot read its statements, so it cannot tell whether it allows S3 beyond the role's TwinMaker buckets. Attach a customer-managed policy of the input scoped to the buckets, or check the policy and waive this finding. ${FIX}`)];
  });
}

/** An Allow of an S3 action on a resource outside the buckets named `allowed`. */
function beyond(allowed: ReadonlySet<string>, known: () => ReadonlyMap<string, string>, unnamed: readonly string[] = [], anyName = false): ForbiddenGrant {
  const names = [...[...allowed].filter((name) => !name.startsWith(SELF)).sort(), ...unnamed.map((address) => `${address}, named at apply`)];
  return {
    known,
    action: grantsS3,
    notActions: (patterns) => negated(everyOf(EVERY_S3_ACTION.map((grammar) => coversGrammar(patterns, grammar)))),
    resource: (pattern) => (reachesBeyond(pattern, allowed, anyName) ? 'yes' : 'no'),
    described: `allows S3 actions beyond the role's TwinMaker bucket${names.length === 1 ? '' : 's'} (${names.length > 0 ? listed(names) : 'none in this input'})`,
    noun: 'S3 access beyond the TwinMaker buckets',
    fix: FIX,
  };
}

export default defineRule({
  id: 'twinmaker-role-s3-scope',
  title: 'The TwinMaker service role reaches only the TwinMaker buckets',
  category: 'access',
  severity: 'high',
  rationale:
    'TwinMaker assumes its service role to read and write the workspace bucket. S3 permissions beyond that bucket (on `*`, on a wildcard, on another bucket, or through a broad AWS-managed policy) let anyone who can drive the workspace reach data the twin has no business with, and turn a confused-deputy request into a data leak.',
  remediation: FIX,
  references: [
    awsDoc('Create and manage a service role for AWS IoT TwinMaker', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/twinmaker-gs-service-role.html'),
    awsDoc('Security best practices in IAM: apply least-privilege permissions', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'),
  ],
  appliesTo: [...Object.keys(ROLE_ATTRIBUTE), ...ROLE_TYPES],
  evaluate: managedOnly((resource, { graph }) => {
    // An aws_iam_role carries policies here only through an `inline_policy` or `managed_policy_arns` the configuration writes.
    if (resource.type === 'aws_iam_role' && configSets(resource, 'inline_policy') !== true && configSets(resource, 'managed_policy_arns') !== true) return notApplicable();
    const slots = rolesOf(graph, resource)
      .map((choice) => ({ choice, twinmaker: choice.candidates.filter((role) => isTwinMakerRole(graph, role)) }))
      .filter(({ twinmaker }) => twinmaker.length > 0);
    if (slots.length === 0) return notApplicable();
    const problemsOf = (role: Resource): Problem[] => {
      const problems = [...attachmentProblems(graph, role, resource), ...(resource.type in IAM_POLICIES ? s3Problems(graph, role, resource) : [])];
      // An attachment to roles (`roles`, a list): which TwinMaker role each problem is of.
      return ROLE_LISTS.has(resource.type) ? problems.map((p) => ({ ...p, message: `for the TwinMaker role ${role.address}, ${p.message}` })) : problems;
    };
    return outcomesOf(slots.flatMap(({ choice, twinmaker }) => (choice.candidates.length === 1 && choice.made === undefined ? problemsOf(choice.candidates[0]) : choiceProblems(resource, choice, twinmaker, problemsOf))));
  }),
});
