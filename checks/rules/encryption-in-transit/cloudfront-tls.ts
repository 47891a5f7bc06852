/**
 * CloudFront distributions use HTTPS end to end: every cache behavior redirects or requires HTTPS
 * for viewers, the viewer certificate allows TLS 1.2+ only, and custom origins are reached over
 * HTTPS with TLS 1.2 only: `https-only`, or `match-viewer` where no behavior that allows plain HTTP
 * sends requests to the origin.
 *
 * A multi-tenant distribution (`aws_cloudfront_multitenant_distribution`, AWS provider 6.x) is judged
 * the same way: the provider gives it the same settings, only some names differ (`cache_behavior` for
 * `ordered_cache_behavior`, an origin's `id` for `origin_id`). Its `minimum_protocol_version` is
 * Optional+Computed with no default in the schema, so a plan shows one the code leaves out as known
 * only after apply: it is judged as unset, the TLSv1 the provider documents as its default.
 */
import type { Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { defineRule } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { configured, managedOnly } from '../support/verdict';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';

const VIEWER_POLICIES = ['redirect-to-https', 'https-only'];
const MODERN_MINIMUM = /^TLSv1\.[23]_/;
const FIX_VIEWER = 'Set `viewer_protocol_policy = "redirect-to-https"` (or "https-only").';
const FIX_CERT = 'Use a custom certificate (`acm_certificate_arn`, `ssl_support_method = "sni-only"`) with `minimum_protocol_version = "TLSv1.2_2021"`.';
const FIX_ORIGIN = 'In `custom_origin_config` set `origin_protocol_policy = "https-only"` and `origin_ssl_protocols = ["TLSv1.2"]`.';

/** Where the two distribution types keep what is judged. */
interface Shape {
  /** The list of cache behaviors after the default one, and what a message calls one of them. */
  readonly ordered: 'ordered_cache_behavior' | 'cache_behavior';
  readonly orderedLabel: string;
  /** An origin's id, which behaviors and origin group members name. */
  readonly originId: 'origin_id' | 'id';
}

const SHAPES: Readonly<Record<string, Shape>> = {
  aws_cloudfront_distribution: { ordered: 'ordered_cache_behavior', orderedLabel: 'ordered cache behavior', originId: 'origin_id' },
  aws_cloudfront_multitenant_distribution: { ordered: 'cache_behavior', orderedLabel: 'cache behavior', originId: 'id' },
};

/** The known string at `view`, a problem, or nothing when it is fine. */
function judgeString(view: ValueView, what: string, ok: (value: string) => boolean, fix: string, whenAbsent: string): Problem[] {
  const value = view.string();
  if (value.kind === 'unknown') return [undecided(`${what} is known only after apply. ${fix}`, view)];
  if (value.kind === 'absent') return [failed(`${what} is not set: ${whenAbsent}. ${fix}`, view)];
  return ok(value.value) ? [] : [failed(`${what} is ${shown(view, value.value)}, which lets traffic travel without TLS 1.2. ${fix}`, view)];
}

function behaviorProblems(distribution: Resource, shape: Shape): Problem[] {
  const judge = (behavior: ValueView, where: string) =>
    judgeString(
      behavior.get('viewer_protocol_policy'),
      `viewer_protocol_policy of ${where}`,
      (v) => VIEWER_POLICIES.includes(v),
      FIX_VIEWER,
      'viewers may use plain HTTP'
    );
  const problems: Problem[] = [];
  const byDefault = distribution.attr('default_cache_behavior').block();
  if (byDefault.kind === 'unknown')
    problems.push(undecided(`default_cache_behavior is known only after apply. ${FIX_VIEWER}`, distribution.attr('default_cache_behavior')));
  if (byDefault.kind === 'known') problems.push(...judge(byDefault.value, 'the default cache behavior'));
  const ordered = distribution.attr(shape.ordered).blocks();
  if (ordered.kind === 'unknown') problems.push(undecided(`${shape.ordered} is known only after apply. ${FIX_VIEWER}`, distribution.attr(shape.ordered)));
  if (ordered.kind === 'known') ordered.value.forEach((behavior, i) => problems.push(...judge(behavior, `${shape.orderedLabel} ${i}`)));
  return problems;
}

function certificateProblems(distribution: Resource): Problem[] {
  const view = distribution.attr('viewer_certificate');
  const certificate = view.block();
  if (certificate.kind === 'unknown') return [undecided(`viewer_certificate is known only after apply. ${FIX_CERT}`, view)];
  if (certificate.kind === 'absent') return [failed(`viewer_certificate is not set. ${FIX_CERT}`, view)];
  const usesDefault = certificate.value.get('cloudfront_default_certificate').bool();
  if (usesDefault.kind === 'unknown')
    return [undecided(`cloudfront_default_certificate is known only after apply. ${FIX_CERT}`, certificate.value.get('cloudfront_default_certificate'))];
  if (usesDefault.kind === 'known' && usesDefault.value) {
    return [
      failed(
        `the distribution uses the CloudFront default certificate, with which CloudFront accepts TLSv1. ${FIX_CERT}`,
        certificate.value.get('cloudfront_default_certificate')
      ),
    ];
  }
  return judgeString(
    configured(distribution, certificate.value.get('minimum_protocol_version')),
    'minimum_protocol_version',
    (v) => MODERN_MINIMUM.test(v),
    FIX_CERT,
    'CloudFront then accepts TLSv1'
  );
}

/** The cache behaviors of a distribution, default first; undefined when one is not known. */
function behaviors(distribution: Resource, shape: Shape): ValueView[] | undefined {
  const byDefault = distribution.attr('default_cache_behavior').block();
  const ordered = distribution.attr(shape.ordered).blocks();
  if (byDefault.kind === 'unknown' || ordered.kind === 'unknown') return undefined;
  return [...(byDefault.kind === 'known' ? [byDefault.value] : []), ...(ordered.kind === 'known' ? ordered.value : [])];
}

/**
 * Whether a viewer on plain HTTP may have CloudFront send a request to the origin `originId`: a cache
 * behavior that allows HTTP (or whose policy is not known) and targets it, directly or through an
 * origin group it is a member of (or whose target is not known). A behavior that redirects or
 * requires HTTPS reaches its origin over HTTPS only, whatever it targets: with
 * `origin_protocol_policy = "match-viewer"`, CloudFront then uses HTTPS to the origin too.
 */
function httpReaches(distribution: Resource, shape: Shape, originId: string | undefined): 'yes' | 'no' | 'unknown' {
  const all = behaviors(distribution, shape);
  const groups = distribution.attr('origin_group').blocks();
  if (all === undefined || groups.kind === 'unknown') return 'unknown';
  // The ids that send requests to the origin: its own, and those of the groups it is a member of; `maybe`: a group not read.
  const targets = new Set(originId === undefined ? [] : [originId]);
  let maybe = originId === undefined;
  for (const group of groups.kind === 'known' ? groups.value : []) {
    const id = group.get('origin_id').string();
    const members = group.get('member').blocks();
    const memberIds = members.kind === 'known' ? members.value.map((member) => member.get('origin_id').string()) : [];
    const read = id.kind === 'known' && members.kind === 'known' && memberIds.every((member) => member.kind === 'known');
    if (!read) maybe = true;
    else if (memberIds.some((member) => member.kind === 'known' && member.value === originId)) targets.add(id.value);
  }
  let verdict: 'no' | 'unknown' = 'no';
  for (const behavior of all) {
    const policy = behavior.get('viewer_protocol_policy').string();
    if (policy.kind === 'known' && VIEWER_POLICIES.includes(policy.value)) continue;
    const target = behavior.get('target_origin_id').string();
    const sends = target.kind !== 'known' ? 'maybe' : targets.has(target.value) ? 'yes' : maybe ? 'maybe' : 'no';
    if (sends === 'no') continue;
    if (sends === 'yes' && policy.kind === 'known') return 'yes';
    verdict = 'unknown';
  }
  return verdict;
}

function originProblems(distribution: Resource, shape: Shape): Problem[] {
  const origins = distribution.attr('origin').blocks();
  if (origins.kind === 'unknown') return [undecided(`origin is known only after apply. ${FIX_ORIGIN}`, distribution.attr('origin'))];
  if (origins.kind === 'absent') return [];
  return origins.value.flatMap((origin, i) => {
    const custom = origin.get('custom_origin_config').block();
    if (custom.kind === 'unknown')
      return [undecided(`custom_origin_config of origin ${i} is known only after apply. ${FIX_ORIGIN}`, origin.get('custom_origin_config'))];
    if (custom.kind === 'absent') return [];
    const protocols = custom.value.get('origin_ssl_protocols');
    const list = protocols.stringList();
    const originId = origin.get(shape.originId).string();
    const policyView = custom.value.get('origin_protocol_policy');
    const policy = policyView.string();
    const reach = policy.kind === 'known' && policy.value === 'match-viewer' ? httpReaches(distribution, shape, originId.kind === 'known' ? originId.value : undefined) : undefined;
    const problems =
      reach === 'no'
        ? []
        : reach === 'unknown'
          ? [undecided(`origin_protocol_policy of origin ${i} is "match-viewer", and whether a cache behavior that allows plain HTTP sends it requests is known only after apply. ${FIX_ORIGIN}`, policyView)]
          : judgeString(policyView, `origin_protocol_policy of origin ${i}`, (v) => v === 'https-only', FIX_ORIGIN, 'CloudFront may reach the origin over HTTP');
    if (list.kind === 'unknown') problems.push(undecided(`origin_ssl_protocols of origin ${i} is known only after apply. ${FIX_ORIGIN}`, protocols));
    else if (list.kind === 'absent' || list.value.length === 0 || list.value.some((p) => p !== 'TLSv1.2')) {
      const got = list.kind !== 'known' || list.value.length === 0 ? 'nothing' : protocols.isSensitive ? 'values marked sensitive' : list.value.join(', ');
      problems.push(failed(`origin_ssl_protocols of origin ${i} allows ${got}, not only TLSv1.2. ${FIX_ORIGIN}`, protocols));
    }
    return problems;
  });
}

export default defineRule({
  id: 'cloudfront-tls',
  title: 'CloudFront distributions require HTTPS with TLS 1.2+ to viewers and custom origins',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A distribution that lets viewers use HTTP, accepts TLSv1/TLSv1.1, or reaches a custom origin over HTTP or an old TLS version sends content and cookies where they can be read or changed.',
  remediation:
    'Set `viewer_protocol_policy = "redirect-to-https"` on the default and every ordered cache behavior; use an ACM certificate with `minimum_protocol_version = "TLSv1.2_2021"`; give custom origins `origin_protocol_policy = "https-only"` and `origin_ssl_protocols = ["TLSv1.2"]`.',
  references: [
    securityHub('CloudFront.3', 'CloudFront distributions should require encryption in transit'),
    securityHub('CloudFront.9', 'CloudFront distributions should encrypt traffic to custom origins'),
    securityHub('CloudFront.10', 'CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins'),
    awsDoc(
      'Supported protocols and ciphers between viewers and CloudFront',
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html'
    ),
  ],
  appliesTo: Object.keys(SHAPES),
  evaluate: managedOnly((distribution) => {
    const shape = SHAPES[distribution.type];
    return outcomesOf([...behaviorProblems(distribution, shape), ...certificateProblems(distribution), ...originProblems(distribution, shape)]);
  }),
});
