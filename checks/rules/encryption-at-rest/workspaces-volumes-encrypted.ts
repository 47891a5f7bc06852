import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule, type Outcome } from '../types';

const FIX =
  'Set `root_volume_encryption_enabled = true` and `user_volume_encryption_enabled = true`, with `volume_encryption_key` naming the KMS key (a symmetric key of yours, or "alias/aws/workspaces"). Changing either flag replaces an existing WorkSpace.';

/** Each volume of a WorkSpace: the root volume (C:, /) and the user volume (D:, /home). */
const VOLUMES = [
  ['root_volume_encryption_enabled', 'the root volume'],
  ['user_volume_encryption_enabled', 'the user volume'],
] as const;

/**
 * WorkSpaces encrypt both their volumes. Each flag defaults to false (the provider's default; the
 * API encrypts only a volume it is asked to), so an unset flag leaves that volume unencrypted. Each
 * volume is its own finding, as Security Hub has a control for each.
 */
export default defineRule({
  id: 'workspaces-volumes-encrypted',
  title: 'WorkSpaces encrypt their root and user volumes',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'A WorkSpace is a user’s desktop: its root and user volumes hold their files, and the volumes’ snapshots hold the same. Each volume is encrypted only when its flag says so, which is false by default, and encryption cannot be turned on later without replacing the WorkSpace.',
  remediation: FIX,
  references: [
    securityHub('WorkSpaces.1', 'WorkSpaces user volumes should be encrypted at rest'),
    securityHub('WorkSpaces.2', 'WorkSpaces root volumes should be encrypted at rest'),
    awsDoc('Encrypted WorkSpaces in WorkSpaces Personal', 'https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html'),
  ],
  appliesTo: ['aws_workspaces_workspace'],
  evaluate: managedOnly((workspace) =>
    VOLUMES.map(([attribute, volume]): Outcome =>
      requireTrue(setting(workspace, attribute), { what: `\`${attribute}\` (${volume})`, fix: FIX, absent: 'fail', absentMeans: `false, ${volume} is not encrypted` }),
    ),
  ),
});
