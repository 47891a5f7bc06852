import type { Graph, Resource } from '../../model/types';
import { ValueView } from '../../model/value';
import { awsDoc, securityHub } from '../support/references';
import { EBS_SOURCES_READ, encryptedByDefault } from '../support/ebs';
import { dataSourcesRead, soleTarget } from '../support/links';
import { configured, managedOnly, requireTrue, setting, whenAbsent, worst } from '../support/verdict';
import { defineRule, isFinding, notApplicable, pass, type Outcome } from '../types';

const FIX = 'Set `encrypted = true` (with `kms_key_id` for a customer-managed key), or enable aws_ebs_encryption_by_default for the Region.';

/** `encrypted` of one device; an empty string (launch templates) means unset. */
function deviceEncrypted(view: ValueView, device: string): Outcome {
  const spec = { what: `\`encrypted\` of ${device}`, fix: FIX, absent: 'unknown' as const };
  const encrypted = view.string();
  return encrypted.kind === 'known' && encrypted.value === '' ? whenAbsent(view, spec) : requireTrue(view, spec);
}

/** `device_name` for a message. */
function deviceName(block: ValueView): string {
  const view = block.get('device_name');
  const name = view.string();
  return name.kind === 'known' && !view.isSensitive ? name.value : '(unnamed)';
}

/**
 * Every block device of an instance or a launch configuration (the same blocks), declared or computed; `at` is where
 * the blocks are (the resource's values, or one launch specification of a spot fleet request), `of` names it.
 */
function instanceDevices(instance: Resource, at: ValueView = instance.values, of = ''): Outcome[] {
  const outcomes: Outcome[] = [];
  const root = at.get('root_block_device').block();
  if (root.kind === 'known') outcomes.push(deviceEncrypted(root.value.get('encrypted'), `the root block device${of}`));
  else outcomes.push(deviceEncrypted(at.get('root_block_device', 0, 'encrypted'), `the root block device${of} (taken from the AMI)`));
  // Extra devices the configuration does not declare come from the AMI, like the root device judged above.
  const extra = configured(instance, at.get('ebs_block_device')).blocks();
  if (extra.kind === 'unknown') outcomes.push(deviceEncrypted(at.get('ebs_block_device'), `the EBS block devices${of}`));
  if (extra.kind === 'known') for (const device of extra.value) outcomes.push(deviceEncrypted(device.get('encrypted'), `EBS block device ${deviceName(device)}${of}`));
  return outcomes;
}

/**
 * The block devices of each instance a spot fleet request launches from its own `launch_specification` blocks (each
 * has an instance's `root_block_device` and `ebs_block_device`); a fleet that launches from launch templates only
 * (`launch_template_config`) has none here, as the templates are judged themselves.
 */
function fleetDevices(fleet: Resource): Outcome[] {
  const specifications = setting(fleet, 'launch_specification').blocks();
  if (specifications.kind === 'unknown') return [deviceEncrypted(fleet.attr('launch_specification'), 'the launch specifications')];
  if (specifications.kind === 'absent') return [];
  return specifications.value.flatMap((specification) => {
    const type = specification.get('instance_type');
    const name = type.string();
    return instanceDevices(fleet, specification, ` of the ${name.kind === 'known' && !type.isSensitive ? `${name.value} ` : ''}launch specification`);
  });
}

/**
 * EBS block device mappings (`block_device_mappings` of a launch template, aws or awscc, or of an
 * awscc instance); mappings of instance-store volumes carry no `ebs`. `ebs` is a block of the aws
 * provider, an object of awscc: `block()` reads both.
 */
function mappedDevices(resource: Resource, mappings: ValueView): Outcome[] {
  const list = mappings.blocks();
  if (list.kind === 'unknown') return [deviceEncrypted(mappings, 'the block device mappings')];
  if (list.kind === 'absent') return [];
  return list.value.flatMap((mapping) => {
    const ebs = mapping.get('ebs').block();
    if (ebs.kind === 'absent') return [];
    const device = `block device mapping ${deviceName(mapping)}`;
    // An `encrypted` the configuration leaves out is unset, although an awscc plan shows it computed.
    return [deviceEncrypted(configured(resource, ebs.kind === 'known' ? ebs.value.get('encrypted') : mapping.get('ebs')), device)];
  });
}

/**
 * The AMI `image` names, when the input says what it is: an `aws_ami` of the input, or a `data.aws_ami` of the input a
 * plan read while planning whose `id` is the AMI's (a data source read only at apply, or in code, has no values).
 */
function amiOf(graph: Graph, resource: Resource, image: ValueView): Resource | undefined {
  const resolution = graph.resolve(resource, image.path, ['aws_ami']);
  if (resolution.status !== 'value') return soleTarget(resolution);
  // An AMI id names one AMI: any data.aws_ami that read it says its root.
  return dataSourcesRead(graph, resource.input, EBS_SOURCES_READ).get(resolution.value)?.find((r) => r.type === 'aws_ami');
}

/**
 * True when a mapping with an EBS volume is known to be the root device of the AMI `image` names: only an `aws_ami` of
 * the input, or a `data.aws_ami` a plan read, says which device that is (`root_device_name`); a device's name alone
 * (`/dev/xvda`) does not.
 */
function mapsAmiRoot(graph: Graph, resource: Resource, image: ValueView, mappings: ValueView): boolean {
  const ami = amiOf(graph, resource, image);
  const root = ami === undefined ? undefined : setting(ami, 'root_device_name').string();
  const list = mappings.blocks();
  if (root?.kind !== 'known' || root.value === '' || list.kind !== 'known') return false;
  return list.value.some((mapping) => {
    const name = mapping.get('device_name').string();
    return name.kind === 'known' && name.value === root.value && mapping.get('ebs').block().kind !== 'absent';
  });
}

/**
 * The EBS mappings of an instance or a launch template and the root device the AMI `image` names gives it (as an
 * aws_instance's undeclared root device), unless a mapping is known to be that root device.
 */
function mappedAndAmiRoot(graph: Graph, resource: Resource, mappings: ValueView, image: ValueView): Outcome[] {
  const devices = mappedDevices(resource, mappings);
  if (mapsAmiRoot(graph, resource, image, mappings)) return devices;
  return [...devices, deviceEncrypted(new ValueView(undefined, undefined, undefined, mappings.path), 'the root block device (taken from the AMI)')];
}

/**
 * The block devices of a launch template (aws: its own `image_id` and `block_device_mappings`; awscc: those of its
 * `launch_template_data`): those of an instance when it names an AMI; when it names none, what launches from it names
 * the AMI (an instance's `ami`, judged there), and the template has only its mappings.
 */
function templateDevices(graph: Graph, template: Resource, ...data: string[]): Outcome[] {
  const mappings = setting(template, ...data, 'block_device_mappings');
  // The aws provider sends no `image_id` that is empty.
  const imageView = setting(template, ...data, 'image_id');
  const image = imageView.string();
  const namesNone = image.kind === 'absent' || (image.kind === 'known' && image.value === '');
  return namesNone ? mappedDevices(template, mappings) : mappedAndAmiRoot(graph, template, mappings, imageView);
}

const INSTANCE_TYPES = ['aws_instance', 'aws_spot_instance_request', 'aws_launch_configuration'];
const FLEET = 'aws_spot_fleet_request';
const RECIPE = 'aws_imagebuilder_image_recipe';

function devicesOf(graph: Graph, resource: Resource): Outcome[] {
  // A spot instance request takes an instance's block devices and launches it with them.
  if (INSTANCE_TYPES.includes(resource.type)) return instanceDevices(resource);
  if (resource.type === FLEET) return fleetDevices(resource);
  if (resource.type === 'aws_launch_template') return templateDevices(graph, resource);
  if (resource.type === 'awscc_ec2_launch_template') return templateDevices(graph, resource, 'launch_template_data');
  // An awscc instance launches an AMI, named by `image_id` or by the launch template it launches from.
  if (resource.type === 'awscc_ec2_instance') return mappedAndAmiRoot(graph, resource, setting(resource, 'block_device_mappings'), setting(resource, 'image_id'));
  // Image Builder launches a build instance from the parent image with the recipe's mappings, and makes the image of its volumes.
  if (resource.type === RECIPE) return mappedAndAmiRoot(graph, resource, setting(resource, 'block_device_mapping'), setting(resource, 'parent_image'));
  return [deviceEncrypted(setting(resource, 'encrypted'), 'the volume')];
}

/**
 * EBS volumes, instance, spot fleet and launch-configuration block devices, launch-template EBS mappings and the
 * volumes of an Image Builder recipe's build instance (the snapshots of the AMI it makes) are encrypted.
 */
export default defineRule({
  id: 'ebs-volumes-encrypted',
  title: 'EBS volumes, instance, spot fleet and launch-configuration block devices, and launch-template and Image Builder recipe volumes are encrypted',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'An unencrypted EBS volume leaves its data, its snapshots and the volumes made from them readable outside the instance. A volume is encrypted when it says so, or when EBS encryption by default, managed in the same input for the same provider (Region and account), is already in effect; otherwise an unset `encrypted` depends on the account setting and the AMI, which the gate cannot see. An Image Builder recipe\'s build instance volumes become the snapshots of every AMI it makes (the distribution\'s KMS key encrypts only the copies it distributes, not the original AMI).',
  remediation: FIX,
  references: [
    securityHub('EC2.3', 'Attached Amazon EBS volumes should be encrypted at-rest'),
    awsDoc('Amazon EBS encryption', 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'),
    awsDoc('Image Builder: create and update AMI distribution configurations', 'https://docs.aws.amazon.com/imagebuilder/latest/userguide/cr-upd-ami-distribution-settings.html'),
  ],
  // awscc_ec2_volume writes `encrypted` as aws_ebs_volume does, and awscc instances and launch templates their mappings as
  // aws_launch_template does; EBS encryption by default counts for the aws provider's resources only.
  appliesTo: ['aws_ebs_volume', 'awscc_ec2_volume', ...INSTANCE_TYPES, FLEET, 'awscc_ec2_instance', 'aws_launch_template', 'awscc_ec2_launch_template', RECIPE],
  evaluate: managedOnly((resource, { graph }) => {
    const devices = devicesOf(graph, resource);
    if (devices.length === 0) return notApplicable();
    const verdict = worst(devices);
    if (verdict.status === 'pass' || verdict.status === 'not-applicable') return verdict;
    return encryptedByDefault(graph, resource) ? pass() : devices.filter(isFinding);
  }),
});
