import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { awsDoc } from '../support/references';
import { EBS_SOURCES_READ, encryptedByDefault } from '../support/ebs';
import { failed, outcomesOf, undecided, type Problem } from '../support/findings';
import { dataSourcesRead, soleTarget } from '../support/links';
import { managedOnly, setting } from '../support/verdict';
import { defineRule, notApplicable, type Outcome, pass } from '../types';

const FIX = 'Set `encrypted = true` (with `kms_key_id` for a customer-managed key), copy from an encrypted source, or enable aws_ebs_encryption_by_default for the Region.';

/** An AMI device made from a snapshot takes the snapshot's encryption: the provider refuses `encrypted = true` beside `snapshot_id`. */
const SNAPSHOT_FIX = 'Make the AMI from an encrypted snapshot: an `aws_ebs_snapshot_copy` with `encrypted = true` encrypts a copy of an unencrypted one.';

/** What a snapshot or an AMI of the input is, as far as its encryption goes. */
type Encryption = 'encrypted' | 'unencrypted' | 'undecided';

/** What a source is, and for one a plan read unencrypted, the recorded value that says so (`` `encrypted = false` ``). */
interface Judged {
  readonly encryption: Encryption;
  readonly shown?: string;
}

const ENCRYPTED: Judged = { encryption: 'encrypted' };
const UNDECIDED: Judged = { encryption: 'undecided' };

/** A snapshot imported from a disk image. */
const IMPORT = 'aws_ebs_snapshot_import';
/** The snapshots of the input an AMI device or a snapshot copy may be made from. */
const SNAPSHOTS = ['aws_ebs_snapshot', 'aws_ebs_snapshot_copy', IMPORT];

/** A copy, the attribute naming its source and what that source may be in the input. */
const SOURCES: Readonly<Record<string, { readonly attribute: string; readonly types: readonly string[] }>> = {
  aws_ebs_snapshot_copy: { attribute: 'source_snapshot_id', types: SNAPSHOTS },
  aws_ami_copy: { attribute: 'source_ami_id', types: ['aws_ami', 'aws_ami_copy'] },
};

/**
 * The one resource of `types` the attribute at `path` names: managed, or a volume, snapshot, AMI or instance data
 * source (by the id a plan read, or by reference), else undefined.
 */
function target(graph: Graph, from: Resource, view: ValueView, types: readonly string[]): Resource | undefined {
  const resolution = graph.resolve(from, view.path, types);
  const named = resolution.status === 'value' ? dataSourcesRead(graph, from.input, EBS_SOURCES_READ).get(resolution.value)?.find((r) => types.includes(r.type)) : soleTarget(resolution);
  return named?.mode === 'managed' || (named !== undefined && EBS_SOURCES_READ.attributes[named.type] !== undefined) ? named : undefined;
}

/**
 * Where an AMI or instance data source records the EBS devices whose snapshots a copy or an AMI of it holds: each list
 * of devices, where a device's `encrypted` is in it, and whether the list must hold one. data.aws_ami writes each
 * mapping's `ebs` as a map of strings (`encrypted = "true"`), empty for an instance-store or suppressed mapping;
 * data.aws_instance its root volume (none: an instance-store root, which no AMI is taken of) and its other EBS volumes.
 */
const DEVICES_READ: Readonly<Record<string, readonly { readonly list: string; readonly at: readonly string[]; readonly required?: true }[]>> = {
  aws_ami: [{ list: 'block_device_mappings', at: ['ebs', 'encrypted'], required: true }],
  aws_instance: [
    { list: 'root_block_device', at: ['encrypted'], required: true },
    { list: 'ebs_block_device', at: ['encrypted'] },
  ],
};

/** Whether an AMI mapping's `ebs` map says it is an EBS device: an instance-store mapping's is empty (`ebs = {}`, `virtual_name = "ephemeral0"`). */
function holdsEbs(ebs: ValueView): boolean {
  const entries = ebs.map();
  return entries.kind === 'unknown' || (entries.kind === 'known' && Object.keys(entries.value).length > 0);
}

/**
 * What a data source a plan read says of the encryption of what is made of it: a volume's or snapshot's `encrypted`; an
 * AMI's or instance's EBS devices, encrypted when each is, unencrypted when one is not, else undecided (one not said, or
 * none recorded). A data source read only at apply records nothing: undecided.
 */
function readEncryption(source: Resource): Judged {
  const lists = DEVICES_READ[source.type];
  if (lists === undefined) {
    const encrypted = said(source.attr('encrypted'));
    return encrypted === undefined ? UNDECIDED : encrypted ? ENCRYPTED : { encryption: 'unencrypted', shown: '`encrypted = false`' };
  }
  let undecided = false;
  for (const { list, at, required } of lists) {
    const devices = source.attr(list).list();
    if (devices.kind === 'unknown') return UNDECIDED;
    const ebs = (devices.kind === 'known' ? devices.value : []).filter((device) => at.length === 1 || holdsEbs(device.get(at[0])));
    if (required && ebs.length === 0) undecided = true;
    for (const device of ebs) {
      const view = device.get(...at);
      const encrypted = said(view);
      if (encrypted === undefined) undecided = true;
      if (encrypted !== false) continue;
      const name = device.get('device_name').string();
      return { encryption: 'unencrypted', shown: `\`${list}[${name.kind === 'known' ? name.value : view.path[1]}].${at.join('.')} = ${JSON.stringify(view.raw)}\`` };
    }
  }
  return undecided ? UNDECIDED : ENCRYPTED;
}

/** A boolean `encrypted` as written: known true or false, or not said (unset or known only after apply). */
function said(view: ValueView): boolean | undefined {
  const value = view.bool();
  return value.kind === 'known' ? value.value : undefined;
}

/**
 * A snapshot or AMI of the input, as a source: a snapshot is encrypted as its volume is (a volume
 * that says so, or encryption by default in effect for it), a copy or an AMI as judged here.
 */
function encryptionOf(graph: Graph, source: Resource, seen: ReadonlySet<Resource>): Encryption {
  if (seen.has(source)) return 'undecided';
  if (source.mode === 'data') return readEncryption(source).encryption;
  const next = new Set([...seen, source]);
  if (SOURCES[source.type] !== undefined) return copyEncryption(graph, source, next).encryption;
  if (source.type === IMPORT) return importEncryption(graph, source).encryption;
  if (source.type === 'aws_ami') {
    const problems = amiProblems(graph, source, next);
    return problems.length === 0 ? 'encrypted' : problems.some((p) => p.status === 'fail') ? 'unencrypted' : 'undecided';
  }
  const volume = target(graph, source, setting(source, 'volume_id'), ['aws_ebs_volume']);
  if (volume === undefined) return 'undecided';
  if (volume.mode === 'data') return readEncryption(volume).encryption;
  const encrypted = said(setting(volume, 'encrypted'));
  if (encrypted === true || encryptedByDefault(graph, volume)) return 'encrypted';
  return encrypted === false ? 'unencrypted' : 'undecided';
}

/** An AMI of the input: encrypted when every EBS device is; its problems say which is not. */
function amiProblems(graph: Graph, ami: Resource, seen: ReadonlySet<Resource>): Problem[] {
  const devices = setting(ami, 'ebs_block_device').blocks();
  if (devices.kind === 'unknown') return [undecided(`\`ebs_block_device\` is known only after apply, so the gate cannot vouch for the AMI's snapshots. ${FIX}`, ami.attr('ebs_block_device'))];
  if (devices.kind === 'absent') return [];
  return devices.value.flatMap((device): Problem[] => {
    const name = device.get('device_name').string();
    const label = `EBS block device ${name.kind === 'known' && !device.get('device_name').isSensitive ? name.value : '(unnamed)'}`;
    // A device made from a snapshot is encrypted as that snapshot is, whatever `encrypted` says (a plan shows it unset as false).
    const snapshotView = device.get('snapshot_id');
    const snapshotId = snapshotView.string();
    if (snapshotId.kind === 'unknown' || (snapshotId.kind === 'known' && snapshotId.value !== '')) {
      const snapshot = target(graph, ami, snapshotView, SNAPSHOTS);
      const source = snapshot === undefined ? 'undecided' : encryptionOf(graph, snapshot, seen);
      if (source === 'encrypted') return [];
      if (source === 'unencrypted') return [failed(`${label} is made from ${snapshot?.address}, which is unencrypted. ${SNAPSHOT_FIX}`, snapshotView)];
      return [undecided(`${label} is made from a snapshot the gate cannot judge (not in the input, or the input does not say it is encrypted). ${SNAPSHOT_FIX}`, snapshotView)];
    }
    // A blank device: its volume is made at launch, encrypted if `encrypted` says so or EBS encryption by default is on.
    const view = device.get('encrypted');
    const encrypted = said(view);
    if (encrypted === true || encryptedByDefault(graph, ami)) return [];
    if (view.isUnknown) return [undecided(`\`encrypted\` of ${label} is known only after apply, so the gate cannot vouch for it. ${FIX}`, view)];
    return [failed(`\`encrypted\` of ${label} is ${encrypted === false ? 'false' : 'not set'}: the volumes it gives instances are unencrypted. ${FIX}`, view)];
  });
}

/**
 * A snapshot or AMI copy: encrypted when it says so, when its source is, or when EBS encryption by
 * default is in effect where it is made ("Copies of unencrypted snapshots remain unencrypted,
 * unless the Encrypted flag is specified", or encryption by default is on: CopySnapshot, CopyImage).
 */
function copyEncryption(graph: Graph, copy: Resource, seen: ReadonlySet<Resource>): { encryption: Encryption; problems: Problem[] } {
  const { attribute, types } = SOURCES[copy.type];
  const view = setting(copy, 'encrypted');
  if (said(view) === true || encryptedByDefault(graph, copy)) return { encryption: 'encrypted', problems: [] };
  const source = target(graph, copy, setting(copy, attribute), types);
  const sourceEncryption = source === undefined ? 'undecided' : encryptionOf(graph, source, seen);
  if (sourceEncryption === 'encrypted') return { encryption: 'encrypted', problems: [] };
  const unsaid = said(view) === false ? '`encrypted` is false' : '`encrypted` is not set';
  if (sourceEncryption === 'unencrypted') {
    // A data source a plan read (data.aws_ami): the value it recorded that says so.
    const shown = source?.mode === 'data' ? readEncryption(source).shown : undefined;
    const read = shown === undefined ? '' : ` (the plan read ${shown})`;
    return { encryption: 'unencrypted', problems: [failed(`${unsaid} and the source ${source?.address} is unencrypted${read}, so the copy is unencrypted too. ${FIX}`, view)] };
  }
  return {
    encryption: 'undecided',
    problems: [undecided(`${unsaid}, so the copy is encrypted only if its source (\`${attribute}\`) is, which the gate cannot see: it is not in the input, or the input does not say. ${FIX}`, view)],
  };
}

/**
 * A snapshot imported from a disk image in S3 (ImportSnapshot): encrypted when it says so ("Specifies whether the
 * destination snapshot of the imported image should be encrypted"; unset, it is not) or when EBS encryption by
 * default is in effect where it is made. A disk image has no EBS encryption to keep: nothing else decides.
 */
function importEncryption(graph: Graph, snapshot: Resource): { encryption: Encryption; problems: Problem[] } {
  const view = setting(snapshot, 'encrypted');
  if (said(view) === true || encryptedByDefault(graph, snapshot)) return { encryption: 'encrypted', problems: [] };
  if (view.isUnknown) return { encryption: 'undecided', problems: [undecided(`\`encrypted\` is known only after apply, so the gate cannot vouch for the imported snapshot. ${FIX}`, view)] };
  const unsaid = said(view) === false ? '`encrypted` is false' : '`encrypted` is not set (ImportSnapshot\'s default is false)';
  return { encryption: 'unencrypted', problems: [failed(`${unsaid}: the snapshot imported from the disk image is unencrypted, and so is every volume and AMI made from it. ${FIX}`, view)] };
}

/**
 * A snapshot taken of a volume, or an AMI of an instance's volumes: encrypted as they are. Those of the input are
 * judged by ebs-volumes-encrypted; one a plan read (a data source) by what it recorded; one outside it (an existing
 * volume, a data source read only at apply or in code) the gate cannot see.
 */
const TAKEN_OF: Readonly<Record<string, { readonly attribute: string; readonly types: readonly string[]; readonly what: string; readonly a: string }>> = {
  aws_ebs_snapshot: { attribute: 'volume_id', types: ['aws_ebs_volume'], what: 'volume', a: 'a' },
  aws_ami_from_instance: { attribute: 'source_instance_id', types: ['aws_instance', 'aws_spot_instance_request'], what: 'instance', a: 'an' },
};

const TAKEN_FIX =
  'Manage what it is taken of in the same input with `encrypted = true` (or under EBS encryption by default), or copy it with an `aws_ebs_snapshot_copy` or `aws_ami_copy` with `encrypted = true` and share only the copy; waive the finding once you have checked the source is encrypted.';

/**
 * A snapshot or an AMI taken of what the input manages is judged there (not applicable); of a volume or an instance a
 * plan read (`data.aws_ebs_volume`, `data.aws_instance`), by the encryption it recorded (`readEncryption`); of
 * anything else, unknown.
 */
function takenOf(graph: Graph, resource: Resource): Outcome | Outcome[] {
  const { attribute, types, what, a } = TAKEN_OF[resource.type];
  const view = setting(resource, attribute);
  const taken = target(graph, resource, view, types);
  if (taken?.mode === 'managed') return notApplicable();
  const { encryption, shown } = taken === undefined ? UNDECIDED : readEncryption(taken);
  if (encryption === 'encrypted') return pass();
  if (encryption === 'unencrypted') return outcomesOf([failed(`It is taken of ${taken?.address}, which the plan read unencrypted (${shown}), and keeps that ${what}'s encryption: it is unencrypted too. ${TAKEN_FIX}`, view)]);
  return outcomesOf([undecided(`It is taken of ${a} ${what} the input does not manage (\`${attribute}\`), and keeps that ${what}'s encryption, which the gate cannot see. ${TAKEN_FIX}`, view)]);
}

/** AMIs, AMI copies, EBS snapshot copies and imported EBS snapshots are encrypted. */
export default defineRule({
  id: 'ebs-snapshots-encrypted',
  title: 'AMIs, AMI copies, EBS snapshot copies and imported EBS snapshots are encrypted',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'An AMI, a snapshot copy or an imported snapshot holds a whole disk: unencrypted, it is readable by anyone it is shared with and by every volume made from it. A copy keeps its source\'s encryption unless it asks for encryption or EBS encryption by default is on where it is made; an imported snapshot is unencrypted unless it asks or encryption by default is on.',
  remediation: FIX,
  references: [
    awsDoc('Amazon EBS encryption examples: copy an unencrypted snapshot', 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-examples.html'),
    awsDoc('CopySnapshot (Amazon EC2 API)', 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopySnapshot.html'),
    awsDoc('How Amazon EC2 AMI copy works: encryption and copying', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/how-ami-copy-works.html'),
    awsDoc('ImportSnapshot (Amazon EC2 API)', 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImportSnapshot.html'),
  ],
  appliesTo: ['aws_ami', 'aws_ami_copy', 'aws_ebs_snapshot_copy', IMPORT, ...Object.keys(TAKEN_OF)],
  evaluate: managedOnly((resource, { graph }) => {
    if (resource.type === 'aws_ami') return outcomesOf(amiProblems(graph, resource, new Set([resource])));
    if (SOURCES[resource.type] !== undefined) return outcomesOf(copyEncryption(graph, resource, new Set([resource])).problems);
    if (resource.type === IMPORT) return outcomesOf(importEncryption(graph, resource).problems);
    if (TAKEN_OF[resource.type] !== undefined) return takenOf(graph, resource);
    return notApplicable();
  }),
});
