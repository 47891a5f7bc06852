import rule from '../../../checks/rules/encryption-at-rest/ebs-snapshots-encrypted';
import { tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { planReading, ref } from './fixtures';

const SC = 'aws_ebs_snapshot_copy.sc';
const AC = 'aws_ami_copy.ac';
const AMI = 'aws_ami.ami';
const existingDefault = res('aws_ebs_encryption_by_default.this', { enabled: true }, { actions: ['no-op'] });
const snapshotCopy = (after: Record<string, unknown>, options: Parameters<typeof res>[2] = {}) =>
  res(SC, { source_snapshot_id: 'snap-0123456789abcdef0', source_region: 'eu-west-1', kms_key_id: null, ...after }, { ...options, unknown: { id: true, arn: true, ...options.unknown } });
const amiCopy = (after: Record<string, unknown>, options: Parameters<typeof res>[2] = {}, address = AC) =>
  res(address, { name: 'ac', source_ami_id: 'ami-0123456789abcdef0', source_ami_region: 'eu-west-1', kms_key_id: null, ...after }, { ...options, unknown: { id: true, arn: true, ...options.unknown } });
const ami = (devices: Record<string, unknown>[], address = AMI) =>
  res(address, { name: 'ami', root_device_name: '/dev/xvda', virtualization_type: 'hvm', ebs_block_device: devices }, { unknown: { id: true, arn: true } });
const volume = (address: string, encrypted: boolean) => res(address, { availability_zone: 'eu-west-1a', size: 8, encrypted }, { unknown: { id: true, arn: true } });
const imported = (address: string, after: Record<string, unknown>, options: Parameters<typeof res>[2] = {}) =>
  res(address, { disk_container: [{ format: 'VHD', user_bucket: [{ s3_bucket: 'disk-images', s3_key: 'disk.vhd' }] }], role_name: 'vmimport', ...after }, { ...options, unknown: { id: true, arn: true, ...options.unknown } });
const readVolume = (address: string, id: string, encrypted: boolean) => res(address, { id, volume_id: id, arn: `arn:aws:ec2:eu-west-1:111111111111:volume/${id}`, availability_zone: 'eu-west-1a', size: 8, encrypted });
/** A snapshot of what a data source read: the plan records the id it read, or nothing where it reads at apply. */
const snapshotOfRead = (address: string, sourceAddress: string, id?: string) =>
  res(address, id === undefined ? {} : { volume_id: id }, { unknown: { id: true, arn: true, encrypted: true, ...(id === undefined ? { volume_id: true } : {}) }, refs: { volume_id: ref(sourceAddress, 'id') } });
/** What a data.aws_ami read: the provider writes each device's `ebs` as a map of strings. */
const readAmi = (address: string, id: string, mappings: Record<string, unknown>[]) => res(address, { id, image_id: id, root_device_name: '/dev/xvda', root_device_type: 'ebs', block_device_mappings: mappings });
const ebsMapping = (device: string, encrypted: string) => ({ device_name: device, ebs: { encrypted, volume_size: '8', volume_type: 'gp3', snapshot_id: 'snap-0123456789abcdef0' }, virtual_name: '', no_device: '' });
const readInstance = (address: string, id: string, root: Record<string, unknown>[], ebs: Record<string, unknown>[]) =>
  res(address, { id, instance_id: id, instance_type: 't3.micro', root_block_device: root, ebs_block_device: ebs });
const amiOfInstance = (address: string, instanceAddress: string, id: string) => res(address, { name: address.split('.')[1], source_instance_id: id }, { unknown: { id: true, arn: true }, refs: { source_instance_id: ref(instanceAddress, 'id') } });
const snapshotOf = (address: string, volumeAddress: string) => res(address, {}, { unknown: { id: true, arn: true, volume_id: true, encrypted: true }, refs: { volume_id: ref(volumeAddress, 'id') } });

ruleTable(rule, [
  { name: 'a snapshot copy with `encrypted = true` passes', plan: plan([snapshotCopy({ encrypted: true })]), expect: { [SC]: 'pass' } },
  // Sweep h1 g5: "Copies of unencrypted snapshots remain unencrypted, unless the Encrypted flag is specified" (CopySnapshot).
  {
    name: 'a snapshot copy with `encrypted = false` of a snapshot outside the input is unknown: it is encrypted only if its source is',
    plan: plan([snapshotCopy({ encrypted: false })]),
    expect: { [SC]: 'unknown' },
    message: /source_snapshot_id/,
  },
  {
    name: 'a snapshot copy of an unencrypted snapshot of the input fails; of an encrypted one passes',
    plan: plan([
      volume('aws_ebs_volume.plain', false),
      volume('aws_ebs_volume.sealed', true),
      snapshotOf('aws_ebs_snapshot.plain', 'aws_ebs_volume.plain'),
      snapshotOf('aws_ebs_snapshot.sealed', 'aws_ebs_volume.sealed'),
      snapshotCopy({ encrypted: false }, { unknown: { source_snapshot_id: true }, refs: { source_snapshot_id: ref('aws_ebs_snapshot.plain', 'id') } }),
      res('aws_ebs_snapshot_copy.ok', { source_region: 'eu-west-1', encrypted: false }, { unknown: { id: true, source_snapshot_id: true }, refs: { source_snapshot_id: ref('aws_ebs_snapshot.sealed', 'id') } }),
    ]),
    expect: { [SC]: 'fail', 'aws_ebs_snapshot_copy.ok': 'pass' },
    message: /aws_ebs_snapshot\.plain is unencrypted/,
  },
  { name: 'EBS encryption by default already in effect encrypts a copy', plan: plan([snapshotCopy({ encrypted: false }), amiCopy({ encrypted: false }), existingDefault]), expect: { [SC]: 'pass', [AC]: 'pass' } },
  { name: 'an AMI copy with `encrypted = true` passes', plan: plan([amiCopy({ encrypted: true })]), expect: { [AC]: 'pass' } },
  { name: 'an AMI copy with `encrypted = false` of an AMI outside the input is unknown', plan: plan([amiCopy({ encrypted: false })]), expect: { [AC]: 'unknown' }, message: /source_ami_id/ },
  {
    name: 'an AMI copy of an unencrypted AMI of the input fails, naming it',
    plan: plan([ami([{ device_name: '/dev/xvda', encrypted: false, volume_size: 8, snapshot_id: '' }]), amiCopy({ encrypted: false }, { unknown: { source_ami_id: true }, refs: { source_ami_id: ref(AMI, 'id') } })]),
    expect: { [AMI]: 'fail', [AC]: 'fail' },
  },
  { name: 'an AMI with an encrypted blank device passes', plan: plan([ami([{ device_name: '/dev/xvda', encrypted: true, volume_size: 8, snapshot_id: '' }])]), expect: { [AMI]: 'pass' } },
  {
    name: 'an AMI made from a snapshot outside the input is unknown, whatever its `encrypted` (sweep h1 g5)',
    plan: plan([ami([{ device_name: '/dev/xvda', snapshot_id: 'snap-0123456789abcdef0', encrypted: false, volume_size: 8 }])]),
    expect: { [AMI]: 'unknown' },
    message: /snapshot the gate cannot judge/,
  },
  {
    name: 'an AMI made from a snapshot of the input is judged by it',
    plan: plan([
      volume('aws_ebs_volume.plain', false),
      snapshotOf('aws_ebs_snapshot.plain', 'aws_ebs_volume.plain'),
      snapshotCopy({ encrypted: true }, { unknown: { source_snapshot_id: true }, refs: { source_snapshot_id: ref('aws_ebs_snapshot.plain', 'id') } }),
      res(AMI, { name: 'ami', ebs_block_device: [{ device_name: '/dev/xvda', encrypted: false, volume_size: 8 }] }, { unknown: { id: true, ebs_block_device: [{ snapshot_id: true }] }, refs: {} , expressions: { name: { constant_value: 'ami' }, ebs_block_device: [{ device_name: { constant_value: '/dev/xvda' }, snapshot_id: { references: ref('aws_ebs_snapshot.plain', 'id') } }] } }),
      res('aws_ami.sealed', { name: 'sealed', ebs_block_device: [{ device_name: '/dev/xvda', encrypted: false, volume_size: 8 }] }, { unknown: { id: true, ebs_block_device: [{ snapshot_id: true }] }, expressions: { name: { constant_value: 'sealed' }, ebs_block_device: [{ device_name: { constant_value: '/dev/xvda' }, snapshot_id: { references: ref(SC, 'id') } }] } }),
    ]),
    expect: { [SC]: 'pass', [AMI]: 'fail', 'aws_ami.sealed': 'pass' },
    message: /aws_ebs_snapshot\.plain, which is unencrypted/,
  },
  { name: 'an AMI whose devices are known only after apply is unknown', plan: plan([res(AMI, { name: 'ami' }, { unknown: { id: true, ebs_block_device: true }, refs: { ebs_block_device: ['var.devices'] } })]), expect: { [AMI]: 'unknown' } },
  // Sweep h2: ImportSnapshot encrypts only when asked ("Specifies whether the destination snapshot of the imported image should be encrypted").
  {
    name: 'an imported snapshot with `encrypted` unset or false fails; true, or EBS encryption by default in effect, passes',
    plan: plan([
      imported('aws_ebs_snapshot_import.unset', {}),
      imported('aws_ebs_snapshot_import.off', { encrypted: false }),
      imported('aws_ebs_snapshot_import.on', { encrypted: true }),
    ]),
    expect: { 'aws_ebs_snapshot_import.unset': 'fail', 'aws_ebs_snapshot_import.off': 'fail', 'aws_ebs_snapshot_import.on': 'pass' },
    message: /imported from the disk image is unencrypted/,
  },
  { name: 'EBS encryption by default already in effect encrypts an imported snapshot', plan: plan([imported('aws_ebs_snapshot_import.unset', {}), existingDefault]), expect: { 'aws_ebs_snapshot_import.unset': 'pass' } },
  {
    name: 'an imported snapshot whose `encrypted` is known only after apply is unknown',
    plan: plan([imported('aws_ebs_snapshot_import.later', {}, { unknown: { encrypted: true }, refs: { encrypted: ['var.encrypt'] } })]),
    expect: { 'aws_ebs_snapshot_import.later': 'unknown' },
  },
  {
    name: 'an AMI or a snapshot copy made from an unencrypted imported snapshot of the input fails, naming it',
    plan: plan([
      imported('aws_ebs_snapshot_import.plain', {}),
      res(AMI, { name: 'ami', ebs_block_device: [{ device_name: '/dev/xvda', encrypted: false, volume_size: 8 }] }, { unknown: { id: true, ebs_block_device: [{ snapshot_id: true }] }, expressions: { name: { constant_value: 'ami' }, ebs_block_device: [{ device_name: { constant_value: '/dev/xvda' }, snapshot_id: { references: ref('aws_ebs_snapshot_import.plain', 'id') } }] } }),
      snapshotCopy({ encrypted: false }, { unknown: { source_snapshot_id: true }, refs: { source_snapshot_id: ref('aws_ebs_snapshot_import.plain', 'id') } }),
    ]),
    expect: { 'aws_ebs_snapshot_import.plain': 'fail', [AMI]: 'fail', [SC]: 'fail' },
    message: /aws_ebs_snapshot_import\.plain,? is unencrypted|aws_ebs_snapshot_import\.plain, which is unencrypted|imported from the disk image is unencrypted/,
  },
  // Sweep h2 (ebs-snapshot-external): a snapshot keeps its volume's encryption; one of a volume outside the input was not judged at all.
  {
    name: 'a snapshot of a volume the input does not manage, or an AMI of such an instance, is unknown: it keeps an encryption the gate cannot see',
    plan: plan([
      res('aws_ebs_snapshot.s', { volume_id: 'vol-0123456789abcdef0' }, { unknown: { id: true, arn: true, encrypted: true } }),
      res('aws_ebs_snapshot.looked_up', {}, { unknown: { id: true, arn: true, encrypted: true, volume_id: true }, refs: { volume_id: ref('data.aws_ebs_volume.old', 'id') } }),
      res('aws_ami_from_instance.a', { name: 'a', source_instance_id: 'i-0123456789abcdef0' }, { unknown: { id: true, arn: true } }),
    ]),
    expect: { 'aws_ebs_snapshot.s': 'unknown', 'aws_ebs_snapshot.looked_up': 'unknown', 'aws_ami_from_instance.a': 'unknown' },
    message: /It is taken of an? (volume|instance) the input does not manage \(`(volume_id|source_instance_id)`\), and keeps that \1's encryption/,
  },
  // A plan reads data.aws_ebs_volume / data.aws_ebs_snapshot while planning and records their values: `encrypted` says
  // what a snapshot of the volume, or a copy or an AMI device of the snapshot, keeps.
  {
    name: 'a snapshot of a volume a plan read (data.aws_ebs_volume, encrypted) passes; of one read unencrypted fails, and so do a copy and an AMI device made from it',
    plan: planReading([
      readVolume('data.aws_ebs_volume.sealed', 'vol-0a1b2c3d4e5f60718', true),
      readVolume('data.aws_ebs_volume.plain', 'vol-09f8e7d6c5b4a3921', false),
      snapshotOfRead('aws_ebs_snapshot.sealed', 'data.aws_ebs_volume.sealed', 'vol-0a1b2c3d4e5f60718'),
      snapshotOfRead('aws_ebs_snapshot.plain', 'data.aws_ebs_volume.plain', 'vol-09f8e7d6c5b4a3921'),
      snapshotCopy({ encrypted: false }, { unknown: { source_snapshot_id: true }, refs: { source_snapshot_id: ref('aws_ebs_snapshot.plain', 'id') } }),
      res('aws_ebs_snapshot_copy.ok', { source_region: 'eu-west-1', encrypted: false }, { unknown: { id: true, source_snapshot_id: true }, refs: { source_snapshot_id: ref('aws_ebs_snapshot.sealed', 'id') } }),
      res(AMI, { name: 'ami', ebs_block_device: [{ device_name: '/dev/xvda', encrypted: false, volume_size: 8 }] }, { unknown: { id: true, ebs_block_device: [{ snapshot_id: true }] }, expressions: { name: { constant_value: 'ami' }, ebs_block_device: [{ device_name: { constant_value: '/dev/xvda' }, snapshot_id: { references: ref('aws_ebs_snapshot.plain', 'id') } }] } }),
    ]),
    expect: { 'aws_ebs_snapshot.sealed': 'pass', 'aws_ebs_snapshot.plain': 'fail', [SC]: 'fail', 'aws_ebs_snapshot_copy.ok': 'pass', [AMI]: 'fail' },
    message: /It is taken of data\.aws_ebs_volume\.plain, which the plan read unencrypted \(`encrypted = false`\)|aws_ebs_snapshot\.plain,? (is|which is) unencrypted/,
  },
  {
    name: 'a copy or an AMI device of a snapshot a plan read (data.aws_ebs_snapshot) is judged by its `encrypted`',
    plan: planReading([
      res('data.aws_ebs_snapshot.plain', { id: 'snap-09f8e7d6c5b4a3921', snapshot_id: 'snap-09f8e7d6c5b4a3921', encrypted: false, most_recent: true }),
      res('data.aws_ebs_snapshot.sealed', { id: 'snap-0a1b2c3d4e5f60718', snapshot_id: 'snap-0a1b2c3d4e5f60718', encrypted: true, most_recent: true }),
      snapshotCopy({ source_snapshot_id: 'snap-09f8e7d6c5b4a3921', encrypted: false }, { refs: { source_snapshot_id: ref('data.aws_ebs_snapshot.plain', 'id') } }),
      res('aws_ebs_snapshot_copy.ok', { source_snapshot_id: 'snap-0a1b2c3d4e5f60718', source_region: 'eu-west-1', encrypted: false }, { unknown: { id: true }, refs: { source_snapshot_id: ref('data.aws_ebs_snapshot.sealed', 'id') } }),
      ami([{ device_name: '/dev/xvda', snapshot_id: 'snap-09f8e7d6c5b4a3921', encrypted: false, volume_size: 8 }]),
      ami([{ device_name: '/dev/xvda', snapshot_id: 'snap-0a1b2c3d4e5f60718', encrypted: false, volume_size: 8 }], 'aws_ami.sealed'),
    ]),
    expect: { [SC]: 'fail', 'aws_ebs_snapshot_copy.ok': 'pass', [AMI]: 'fail', 'aws_ami.sealed': 'pass' },
    message: /data\.aws_ebs_snapshot\.plain,? (is|which is) unencrypted/,
  },
  {
    name: 'a snapshot of a volume a data source reads only at apply is unknown',
    plan: plan([
      res('data.aws_ebs_volume.later', {}, { unknown: { id: true, volume_id: true, encrypted: true } }),
      snapshotOfRead('aws_ebs_snapshot.later', 'data.aws_ebs_volume.later'),
    ]),
    expect: { 'aws_ebs_snapshot.later': 'unknown' },
    message: /It is taken of a volume the input does not manage/,
  },
  // A plan records what data.aws_ami and data.aws_instance read: an AMI copy keeps the encryption of the AMI's snapshots
  // (block_device_mappings[].ebs.encrypted, "true" or "false": the provider writes the ebs map as strings) unless it
  // asks for encryption, and an AMI of an instance snapshots its volumes (root_block_device and ebs_block_device).
  {
    name: 'an AMI copy of an AMI a plan read (data.aws_ami) passes when every EBS device was read encrypted, and fails when one was read unencrypted, unless it asks for encryption',
    plan: planReading([
      readAmi('data.aws_ami.plain', 'ami-09f8e7d6c5b4a3921', [ebsMapping('/dev/xvda', 'true'), ebsMapping('/dev/sdb', 'false'), { device_name: '/dev/sdc', ebs: {}, virtual_name: 'ephemeral0', no_device: '' }]),
      readAmi('data.aws_ami.sealed', 'ami-0a1b2c3d4e5f60718', [ebsMapping('/dev/xvda', 'true'), { device_name: '/dev/sdc', ebs: {}, virtual_name: 'ephemeral0', no_device: '' }]),
      amiCopy({ source_ami_id: 'ami-09f8e7d6c5b4a3921', encrypted: false }, { refs: { source_ami_id: ref('data.aws_ami.plain', 'id') } }),
      amiCopy({ source_ami_id: 'ami-09f8e7d6c5b4a3921', encrypted: true }, { refs: { source_ami_id: ref('data.aws_ami.plain', 'id') } }, 'aws_ami_copy.asked'),
      amiCopy({ source_ami_id: 'ami-0a1b2c3d4e5f60718', encrypted: false }, { refs: { source_ami_id: ref('data.aws_ami.sealed', 'id') } }, 'aws_ami_copy.sealed'),
    ]),
    expect: { [AC]: 'fail', 'aws_ami_copy.asked': 'pass', 'aws_ami_copy.sealed': 'pass' },
    message: /`encrypted` is false and the source data\.aws_ami\.plain is unencrypted \(the plan read `block_device_mappings\[\/dev\/sdb\]\.ebs\.encrypted = "false"`\), so the copy is unencrypted too/,
  },
  {
    name: 'an AMI copy of an AMI a plan read stays unknown where a device is undecided, no EBS device is recorded, or the data source reads only at apply',
    plan: planReading([
      readAmi('data.aws_ami.half', 'ami-0b1b2c3d4e5f60718', [ebsMapping('/dev/xvda', 'true'), { device_name: '/dev/sdb', ebs: { volume_size: '8' }, virtual_name: '', no_device: '' }]),
      readAmi('data.aws_ami.none', 'ami-0c1b2c3d4e5f60718', [{ device_name: '/dev/sdc', ebs: {}, virtual_name: 'ephemeral0', no_device: '' }]),
      amiCopy({ source_ami_id: 'ami-0b1b2c3d4e5f60718', encrypted: false }, { refs: { source_ami_id: ref('data.aws_ami.half', 'id') } }),
      amiCopy({ source_ami_id: 'ami-0c1b2c3d4e5f60718', encrypted: false }, { refs: { source_ami_id: ref('data.aws_ami.none', 'id') } }, 'aws_ami_copy.none'),
    ]),
    expect: { [AC]: 'unknown', 'aws_ami_copy.none': 'unknown' },
    message: /source_ami_id/,
  },
  {
    name: 'an AMI copy of an AMI a data source reads only at apply is unknown',
    plan: plan([
      res('data.aws_ami.later', {}, { unknown: { id: true, block_device_mappings: true } }),
      amiCopy({ encrypted: false }, { unknown: { source_ami_id: true }, refs: { source_ami_id: ref('data.aws_ami.later', 'id') } }),
    ]),
    expect: { [AC]: 'unknown' },
    message: /source_ami_id/,
  },
  {
    name: 'an AMI of an instance a plan read (data.aws_instance) passes when its root and EBS devices were read encrypted, fails when one was read unencrypted, and is unknown where one is undecided',
    plan: planReading([
      readInstance('data.aws_instance.sealed', 'i-0a1b2c3d4e5f60718', [{ device_name: '/dev/xvda', encrypted: true }], [{ device_name: '/dev/sdf', encrypted: true }]),
      readInstance('data.aws_instance.plain', 'i-09f8e7d6c5b4a3921', [{ device_name: '/dev/xvda', encrypted: true }], [{ device_name: '/dev/sdf', encrypted: false }]),
      readInstance('data.aws_instance.root', 'i-0b1b2c3d4e5f60718', [{ device_name: '/dev/xvda', encrypted: false }], []),
      readInstance('data.aws_instance.half', 'i-0c1b2c3d4e5f60718', [{ device_name: '/dev/xvda', encrypted: true }], [{ device_name: '/dev/sdf', encrypted: null }]),
      readInstance('data.aws_instance.rootless', 'i-0d1b2c3d4e5f60718', [], []),
      amiOfInstance('aws_ami_from_instance.sealed', 'data.aws_instance.sealed', 'i-0a1b2c3d4e5f60718'),
      amiOfInstance('aws_ami_from_instance.plain', 'data.aws_instance.plain', 'i-09f8e7d6c5b4a3921'),
      amiOfInstance('aws_ami_from_instance.root', 'data.aws_instance.root', 'i-0b1b2c3d4e5f60718'),
      amiOfInstance('aws_ami_from_instance.half', 'data.aws_instance.half', 'i-0c1b2c3d4e5f60718'),
      amiOfInstance('aws_ami_from_instance.rootless', 'data.aws_instance.rootless', 'i-0d1b2c3d4e5f60718'),
    ]),
    expect: {
      'aws_ami_from_instance.sealed': 'pass',
      'aws_ami_from_instance.plain': 'fail',
      'aws_ami_from_instance.root': 'fail',
      'aws_ami_from_instance.half': 'unknown',
      'aws_ami_from_instance.rootless': 'unknown',
    },
    message: /It is taken of data\.aws_instance\.(plain|root), which the plan read unencrypted \(`(ebs_block_device\[\/dev\/sdf\]|root_block_device\[\/dev\/xvda\])\.encrypted = false`\)|It is taken of an instance the input does not manage \(`source_instance_id`\)/,
  },
  {
    name: 'a snapshot of a volume of the input, or an AMI of an instance of the input, is not applicable: ebs-volumes-encrypted judges what it is taken of',
    plan: plan([
      volume('aws_ebs_volume.plain', false),
      snapshotOf('aws_ebs_snapshot.plain', 'aws_ebs_volume.plain'),
      res('aws_instance.app', { ami: 'ami-123', instance_type: 't3.micro' }, { unknown: { id: true } }),
      res('aws_ami_from_instance.app', { name: 'app' }, { unknown: { id: true, arn: true, source_instance_id: true }, refs: { source_instance_id: ref('aws_instance.app', 'id') } }),
    ]),
    expect: { 'aws_ebs_snapshot.plain': 'not-applicable', 'aws_ami_from_instance.app': 'not-applicable' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_sns_topic.t', { name: 't' })]), expect: { 'aws_sns_topic.t': 'not-applicable' } },
]);

describe('ebs-snapshots-encrypted in .tf', () => {
  it('fails an imported snapshot that does not ask for encryption, and the AMI made from it', async () => {
    // Two imports, one asking for encryption, and an AMI made from each.
    const hcl = [
      ['plain', ''],
      ['sealed', '\n  encrypted = true'],
    ].map(
      ([name, encrypted]) => `resource "aws_ebs_snapshot_import" "${name}" {
  role_name = "vmimport"${encrypted}
  disk_container {
    format = "VHD"
    user_bucket {
      s3_bucket = "disk-images"
      s3_key    = "disk.vhd"
    }
  }
}
resource "aws_ami" "${name}" {
  name             = "${name}"
  root_device_name = "/dev/xvda"
  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = aws_ebs_snapshot_import.${name}.id
  }
}
`,
    );
    const graph = await tfGraph(hcl.join(''));
    const found = evaluateRule(rule, graph).map((v) => [v.address, v.status]).sort();
    expect(found).toEqual([
      ['aws_ami.plain', 'fail'],
      ['aws_ami.sealed', 'pass'],
      ['aws_ebs_snapshot_import.plain', 'fail'],
      ['aws_ebs_snapshot_import.sealed', 'pass'],
    ]);
  });

  it('follows a copy to the snapshot and volume of the input', async () => {
    const graph = await tfGraph(`resource "aws_ebs_volume" "plain" {
  availability_zone = "eu-west-1a"
  size              = 8
}
resource "aws_ebs_volume" "sealed" {
  availability_zone = "eu-west-1a"
  size              = 8
  encrypted         = true
}
resource "aws_ebs_snapshot" "plain" { volume_id = aws_ebs_volume.plain.id }
resource "aws_ebs_snapshot" "sealed" { volume_id = aws_ebs_volume.sealed.id }
resource "aws_ebs_snapshot_copy" "plain" {
  source_snapshot_id = aws_ebs_snapshot.plain.id
  source_region      = "eu-west-1"
}
resource "aws_ebs_snapshot_copy" "sealed" {
  source_snapshot_id = aws_ebs_snapshot.sealed.id
  source_region      = "eu-west-1"
}
resource "aws_ebs_snapshot_copy" "asked" {
  source_snapshot_id = aws_ebs_snapshot.plain.id
  source_region      = "eu-west-1"
  encrypted          = true
}
`);
    const found = evaluateRule(rule, graph).map((v) => [v.address, v.status]).sort();
    // The volume's unset `encrypted` leaves its snapshot undecided: the copy is unknown, not failed.
    expect(found).toEqual([
      ['aws_ebs_snapshot.plain', 'not-applicable'],
      ['aws_ebs_snapshot.sealed', 'not-applicable'],
      ['aws_ebs_snapshot_copy.asked', 'pass'],
      ['aws_ebs_snapshot_copy.plain', 'unknown'],
      ['aws_ebs_snapshot_copy.sealed', 'pass'],
    ]);
  });

  it('.tf: a snapshot of a volume, a copy of an AMI or an AMI of an instance a data source reads is unknown (code holds no value the data source reads)', async () => {
    const graph = await tfGraph(`data "aws_ami" "al2" {
  most_recent = true
  owners      = ["amazon"]
}
data "aws_instance" "web" {
  instance_tags = { Name = "web" }
}
resource "aws_ami_copy" "c" {
  name              = "c"
  source_ami_id     = data.aws_ami.al2.id
  source_ami_region = "eu-west-1"
}
resource "aws_ami_from_instance" "a" {
  name               = "a"
  source_instance_id = data.aws_instance.web.id
}
data "aws_ebs_volume" "old" {
  most_recent = true
  filter {
    name   = "tag:Name"
    values = ["old"]
  }
}
resource "aws_ebs_snapshot" "s" { volume_id = data.aws_ebs_volume.old.id }
resource "aws_ebs_snapshot_copy" "c" {
  source_snapshot_id = aws_ebs_snapshot.s.id
  source_region      = "eu-west-1"
}
`);
    expect(evaluateRule(rule, graph).map((v) => [v.address, v.status]).sort()).toEqual([
      ['aws_ami_copy.c', 'unknown'],
      ['aws_ami_from_instance.a', 'unknown'],
      ['aws_ebs_snapshot.s', 'unknown'],
      ['aws_ebs_snapshot_copy.c', 'unknown'],
      ['data.aws_ami.al2', 'not-applicable'],
    ]);
  });

  it('.tf: a snapshot of an existing volume (a literal id) is unknown', async () => {
    const graph = await tfGraph(`resource "aws_ebs_snapshot" "s" {
  volume_id = "vol-0123456789abcdef0"
}
`);
    expect(evaluateRule(rule, graph).map((v) => [v.address, v.status])).toEqual([['aws_ebs_snapshot.s', 'unknown']]);
  });
});
