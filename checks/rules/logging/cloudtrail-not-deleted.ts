/**
 * A plan does not delete a CloudTrail trail: from the moment it is gone, nothing records who does
 * what in the account, and deleting (or stopping) the trail is the first thing an intruder with
 * Terraform access would slip into a change. A replacement (a new name forces one) keeps a trail
 * and is not judged here; a deposed object being cleaned up neither.
 *
 * Judged on plans, from the objects the plan deletes (`LoadedInput.destroyed`). A trail moved to an
 * organization trail on purpose is waived, with the reason naming the trail that takes over.
 */
import { awsDoc, securityHub } from '../support/references';
import { TRAIL_TYPES } from '../support/s3';
import { defineInputRule, fail, notApplicable, pass, type Outcome } from '../types';

const FIX =
  'Keep the trail (`lifecycle { prevent_destroy = true }` makes Terraform refuse to delete it; a renamed resource needs a `moved` block). If another trail takes over on purpose (an organization trail), waive this finding and name that trail in the reason.';

export default defineInputRule({
  id: 'cloudtrail-not-deleted',
  title: 'Plans do not delete CloudTrail trails',
  category: 'logging',
  severity: 'high',
  rationale:
    'Deleting a trail stops the account\'s audit record: every call after it, the intruder\'s included, goes unrecorded. It is a one-line change in a large plan, easy to miss in review and a classic first step of an attack.',
  remediation: FIX,
  references: [
    securityHub('CloudTrail.1', 'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events'),
    awsDoc('MITRE ATT&CK T1562.008: Impair Defenses, Disable or Modify Cloud Logs', 'https://attack.mitre.org/techniques/T1562/008/'),
  ],
  appliesTo: 'input',
  evaluate(input): Outcome | Outcome[] {
    if (input.kind !== 'plan') return notApplicable();
    const trails = (input.destroyed ?? []).filter((d) => TRAIL_TYPES.includes(d.type) && d.deposed === undefined && !d.actions.includes('create'));
    if (trails.length === 0) return pass();
    return trails.map((trail) => fail(`The plan deletes this trail: from then on, nothing records the account's API calls. ${FIX}`, { address: trail.address }));
  },
});
