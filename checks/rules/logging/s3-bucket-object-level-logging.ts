/**
 * The buckets that hold TwinMaker data (a workspace's bucket, a scene's content bucket) have their
 * object-level reads and writes recorded by a CloudTrail trail of the input: Security Hub S3.22
 * (writes) and S3.23 (reads). Management events say who changed the bucket; only data events say
 * who read or overwrote a scene, a model or a resource file of the twin.
 *
 * Which trails record which buckets is read from their event selectors (`support/data-events.ts`).
 * A trail in another account than the bucket (their provider configurations' `assume_role` or
 * `allowed_account_ids`) records the bucket's own account's calls only if it is an organization trail.
 * An input without a trail cannot show that a trail managed elsewhere (an organization trail)
 * records the bucket: unknown, to be waived with that trail named in the reason.
 */
import type { Graph, Resource } from '../../model/types';
import { bucketScope, scopedOutcomes } from '../support/bucket-scope';
import { type ObjectEvents, objectEventsOf, type Recorded } from '../support/data-events';
import { failed, listed, undecided, type Problem } from '../support/findings';
import { awsDoc, securityHub } from '../support/references';
import { BUCKET_TYPES } from '../support/s3';
import { managedOnly } from '../support/verdict';
import { defineRule, notApplicable, type Outcome } from '../types';

const FIX =
  'Record the bucket\'s data events in a logging trail: an `event_selector { read_write_type = "All" data_resource { type = "AWS::S3::Object" values = ["${aws_s3_bucket.<name>.arn}/"] } }`, or an `advanced_event_selector` with `eventCategory = Data`, `resources.type = AWS::S3::Object` and `resources.ARN` starting with the bucket\'s ARN and a slash.';

/** What each kind of event covers, for messages. */
const KINDS = { read: 'read (GetObject…)', write: 'write (PutObject, DeleteObject…)' } as const;

function problemsOf(graph: Graph, bucket: Resource): Problem[] {
  const events = objectEventsOf(graph, bucket);
  if (events.trails === 0) {
    return [undecided(`no CloudTrail trail in this input records its object-level reads and writes; if a trail managed elsewhere (an organization trail) records them, waive this finding and name that trail in the reason. ${FIX}`)];
  }
  const kindsRecorded = (recorded: Recorded) => (['read', 'write'] as const).filter((kind) => events[kind] === recorded).map((kind) => KINDS[kind]);
  const missing = kindsRecorded('no');
  const unsure = kindsRecorded('unknown');
  return [
    ...(missing.length > 0 ? [failed(`no trail of this input records its object-level ${missing.join(' or ')} events: who read or changed the twin's files leaves no trace.${refusal(events.refused)}${elsewhere(events.otherAccounts)} ${FIX}`)] : []),
    ...(unsure.length > 0 ? [undecided(`whether a trail records its object-level ${unsure.join(' and ')} events ${whyUnsure(bucket, events.regionsUnknown)}. ${FIX}`)] : []),
  ];
}

/** The basic selector values AWS refuses, when there are any: their trails record no data events. */
function refusal(refused: readonly string[]): string {
  if (refused.length === 0) return '';
  const one = refused.length === 1;
  return ` AWS refuses ${listed(refused)} as ${one ? 'a data_resource value' : 'data_resource values'} (InvalidEventSelectorsException: a value is \`arn:aws:s3\`, \`arn:aws:s3:::\` or a bucket's ARN and a slash, with a key prefix or not): the apply fails and ${one ? 'that trail records' : 'those trails record'} no data events.`;
}

/** The trails that select the bucket from another account: they do not record its account's calls. */
function elsewhere(otherAccounts: ObjectEvents['otherAccounts']): string {
  return otherAccounts
    .map(({ account, trails }) => ` ${listed(trails.map((trail) => trail.address))} ${trails.length === 1 ? 'is' : 'are'} in account ${account}, not the bucket's: a trail that is not an organization trail records the calls of its own account only.`)
    .join('');
}

/** Why what a trail records is not known: a single-Region trail's Region against the bucket's, or a value known only after apply. */
function whyUnsure(bucket: Resource, regionsUnknown: readonly Resource[]): string {
  if (regionsUnknown.length === 0) return 'is known only after apply';
  const one = regionsUnknown.length === 1;
  const hint =
    bucket.inputKind === 'plan'
      ? "a plan records a provider's `region = var.region` by reference only: check it with the code that made it, `--code DIR`, as the gate does"
      : 'a `region` from a variable given no value is not known: `--var` and `--var-file` give a .tf input its values';
  return `is not known: ${listed(regionsUnknown.map((trail) => trail.address))} ${one ? 'records them in its' : 'record them in their'} own Region only (not known to be multi-Region), and the bucket is not known to be in ${one ? 'it' : 'theirs'} (${hint})`;
}

function evaluate(bucket: Resource, graph: Graph): Outcome | Outcome[] {
  const scope = bucketScope(graph, bucket, { twinmaker: true, cloudtrail: false });
  if (scope.status === 'out') return notApplicable();
  return scopedOutcomes(scope, problemsOf(graph, bucket));
}

export default defineRule({
  id: 's3-bucket-object-level-logging',
  title: 'Buckets holding TwinMaker data have object-level reads and writes recorded by CloudTrail',
  category: 'logging',
  severity: 'medium',
  rationale:
    'CloudTrail records no S3 object access unless a trail selects data events for the bucket. Without them, who downloaded a scene, a 3D model or a resource file of the twin, or overwrote one, leaves no trace to investigate.',
  remediation: FIX,
  references: [
    securityHub('S3.22', 'S3 general purpose buckets should log object-level write events'),
    securityHub('S3.23', 'S3 general purpose buckets should log object-level read events'),
    awsDoc('Logging data events with CloudTrail', 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html'),
  ],
  appliesTo: BUCKET_TYPES,
  evaluate: managedOnly((bucket, { graph }) => evaluate(bucket, graph)),
});
