import rule from '../../../checks/rules/encryption-at-rest/ebs-volumes-encrypted';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { planReading } from './fixtures';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const V = 'aws_ebs_volume.v';
const I = 'aws_instance.app';
const LT = 'aws_launch_template.app';
const LC = 'aws_launch_configuration.app';
const volume = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}) => res(V, { availability_zone: 'eu-west-1a', size: 10, ...after }, { unknown: { id: true, arn: true, ...unknown } });
const instance = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}) => res(I, { ami: 'ami-123', instance_type: 't3.micro', ...after }, { unknown: { id: true, arn: true, ...unknown } });
const template = (mappings: unknown[]) => res(LT, { name: 'app', image_id: 'ami-123', block_device_mappings: mappings }, { unknown: { id: true, arn: true } });
const launchConfiguration = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}) =>
  res(LC, { name: 'app', image_id: 'ami-123', instance_type: 't3.micro', ...after }, { unknown: { id: true, arn: true, ...unknown } });
const fleet = (address: string, specifications: Record<string, unknown>[]) =>
  res(address, { iam_fleet_role: 'arn:aws:iam::123456789012:role/fleet', target_capacity: 1, launch_specification: specifications }, { unknown: { id: true } });
const existingDefault = res('aws_ebs_encryption_by_default.this', { enabled: true }, { actions: ['no-op'] });
// An AMI of the input names its root device: a mapping of that device replaces it, so the AMI's root is judged there.
const ami = res('aws_ami.base', { name: 'base', root_device_name: '/dev/xvda', ebs_block_device: [{ device_name: '/dev/xvda', encrypted: true }] }, { unknown: { id: true, arn: true } });
const AMI_REFS = ['aws_ami.base.id', 'aws_ami.base'];
const RECIPE_BASE = { name: 'r', version: '1.0.0', parent_image: 'arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2-x86/x.x.x', component: [{ component_arn: 'arn:aws:imagebuilder:eu-west-1:aws:component/update-linux/x.x.x' }] };

ruleTable(rule, [
  { name: 'an encrypted volume passes', plan: plan([volume({ encrypted: true })]), expect: { [V]: 'pass' } },
  // terraform-aws-modules/ec2-instance sends create_spot_instance = true there: it launches an instance with these devices.
  {
    name: 'a spot instance request with unencrypted devices fails on each',
    plan: plan([res('aws_spot_instance_request.s', { ami: 'ami-123', instance_type: 't3.micro', spot_price: '0.1', root_block_device: [{ encrypted: false }], ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }] }, { unknown: { id: true } })]),
    expect: { 'aws_spot_instance_request.s': 'fail' },
    message: /root block device/,
  },
  // Sweep h2: a spot fleet request launches instances with each launch_specification's devices, as an instance would.
  {
    name: 'a spot fleet request with an unencrypted device in a launch specification fails on it; encrypted ones pass',
    plan: plan([
      fleet('aws_spot_fleet_request.plain', [
        { ami: 'ami-123', instance_type: 'm5.large', root_block_device: [{ encrypted: true }], ebs_block_device: [{ device_name: '/dev/sdf', encrypted: false }] },
        { ami: 'ami-123', instance_type: 'c5.large', root_block_device: [{ encrypted: true }], ebs_block_device: [] },
      ]),
      fleet('aws_spot_fleet_request.sealed', [{ ami: 'ami-123', instance_type: 'm5.large', root_block_device: [{ encrypted: true }], ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }] }]),
    ]),
    expect: { 'aws_spot_fleet_request.plain': 'fail', 'aws_spot_fleet_request.sealed': 'pass' },
    message: /`encrypted` of EBS block device \/dev\/sdf of the m5\.large launch specification is false/,
  },
  {
    name: 'a spot fleet launch specification whose root device comes from the AMI is unknown, unless encryption by default is in effect',
    plan: plan([fleet('aws_spot_fleet_request.ami', [{ ami: 'ami-123', instance_type: 'm5.large', root_block_device: [], ebs_block_device: [] }])]),
    expect: { 'aws_spot_fleet_request.ami': 'unknown' },
    message: /root block device of the m5\.large launch specification \(taken from the AMI\)/,
  },
  {
    name: 'a spot fleet request that launches from launch templates only is not applicable; with encryption by default in effect, an unencrypted device passes',
    plan: plan([
      fleet('aws_spot_fleet_request.templates', []),
      fleet('aws_spot_fleet_request.plain', [{ ami: 'ami-123', instance_type: 'm5.large', root_block_device: [{ encrypted: false }], ebs_block_device: [] }]),
      existingDefault,
    ]),
    expect: { 'aws_spot_fleet_request.templates': 'not-applicable', 'aws_spot_fleet_request.plain': 'pass' },
  },
  { name: 'an encrypted awscc volume passes', plan: plan([res('awscc_ec2_volume.v', { availability_zone: 'eu-west-1a', size: 10, encrypted: true })]), expect: { 'awscc_ec2_volume.v': 'pass' } },
  { name: 'an unencrypted awscc volume fails', plan: plan([res('awscc_ec2_volume.v', { availability_zone: 'eu-west-1a', size: 10, encrypted: false })]), expect: { 'awscc_ec2_volume.v': 'fail' }, message: /encrypted = true/ },
  {
    name: 'an awscc volume whose configuration leaves `encrypted` unset (computed) is unknown: the account default decides',
    plan: plan([res('awscc_ec2_volume.v', { availability_zone: 'eu-west-1a', size: 10 }, { unknown: { encrypted: true } })]),
    expect: { 'awscc_ec2_volume.v': 'unknown' },
  },
  { name: 'an unencrypted volume fails', plan: plan([volume({ encrypted: false })]), expect: { [V]: 'fail' }, message: /encrypted = true/ },
  { name: 'an unset `encrypted` (account default decides) is unknown', plan: plan([volume({}, { encrypted: true })]), expect: { [V]: 'unknown' } },
  { name: 'an unset `encrypted` passes when encryption by default is already enabled for the same provider', plan: plan([volume({}, { encrypted: true }), existingDefault]), expect: { [V]: 'pass' } },
  {
    name: 'encryption by default created in the same apply does not vouch for the volume (it may land after it)',
    plan: plan([volume({}, { encrypted: true }), res('aws_ebs_encryption_by_default.this', { enabled: true })]),
    expect: { [V]: 'unknown' },
  },
  {
    name: 'encryption by default of another provider (Region) does not count',
    plan: plan([volume({}, { encrypted: true }), res('aws_ebs_encryption_by_default.east', { enabled: true }, { actions: ['no-op'], provider: 'aws.east' })]),
    expect: { [V]: 'unknown' },
  },
  {
    name: "AWS provider 6: encryption by default of the same provider but another `region` does not count, of the same one does",
    plan: plan([
      volume({ region: 'us-east-1' }, { encrypted: true }),
      res('aws_ebs_volume.west', { availability_zone: 'eu-west-1a', size: 10, region: 'eu-west-1' }, { unknown: { id: true, encrypted: true } }),
      res('aws_ebs_volume.later', { availability_zone: 'eu-west-1a', size: 10 }, { unknown: { id: true, encrypted: true, region: true } }),
      res('aws_ebs_encryption_by_default.west', { enabled: true, region: 'eu-west-1' }, { actions: ['no-op'] }),
    ]),
    expect: { [V]: 'unknown', 'aws_ebs_volume.west': 'pass', 'aws_ebs_volume.later': 'unknown' },
  },
  {
    name: 'an instance with encrypted root and EBS devices passes',
    plan: plan([instance({ root_block_device: [{ encrypted: true, volume_size: 20 }], ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }] })]),
    expect: { [I]: 'pass' },
  },
  {
    name: 'an instance with an unencrypted EBS device fails, naming the device',
    plan: plan([instance({ root_block_device: [{ encrypted: true }], ebs_block_device: [{ device_name: '/dev/sdf', encrypted: false }] })]),
    expect: { [I]: 'fail' },
    message: /\/dev\/sdf/,
  },
  {
    name: 'an instance whose root device comes from the AMI is unknown',
    plan: plan([instance({ root_block_device: [] }, { root_block_device: true })]),
    expect: { [I]: 'unknown' },
  },
  {
    name: 'a launch template with encrypted EBS mappings, one the root device of its AMI of the input, passes (the provider writes "true" as a string)',
    plan: plan([
      res(LT, { name: 'app', block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true', volume_size: 20 }] }, { device_name: '/dev/sdb', virtual_name: 'ephemeral0', ebs: [] }] }, { unknown: { id: true, arn: true, image_id: true }, refs: { image_id: AMI_REFS } }),
      ami,
    ]),
    expect: { [LT]: 'pass' },
  },
  // A plan reads `data.aws_ami` while planning and holds its values: its root_device_name says which mapping is the root, as an aws_ami's does.
  {
    name: 'a launch template of a data.aws_ami a plan read (root /dev/xvda) mapping /dev/xvda encrypted passes; one of a data.aws_ami whose root is /dev/sda1 is unknown on the AMI\'s root device',
    plan: planReading([
      res('data.aws_ami.al2', { id: 'ami-0a1b2c3d4e5f60718', arn: 'arn:aws:ec2:eu-west-1::image/ami-0a1b2c3d4e5f60718', most_recent: true, owners: ['amazon'], root_device_name: '/dev/xvda', root_device_type: 'ebs' }),
      res('data.aws_ami.ubuntu', { id: 'ami-09f8e7d6c5b4a3921', arn: 'arn:aws:ec2:eu-west-1::image/ami-09f8e7d6c5b4a3921', most_recent: true, owners: ['099720109477'], root_device_name: '/dev/sda1', root_device_type: 'ebs' }),
      res(LT, { name: 'app', image_id: 'ami-0a1b2c3d4e5f60718', block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true', volume_size: 20 }] }] }, { unknown: { id: true, arn: true }, refs: { image_id: ['data.aws_ami.al2.id', 'data.aws_ami.al2'] } }),
      res('aws_launch_template.ubuntu', { name: 'ubuntu', image_id: 'ami-09f8e7d6c5b4a3921', block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true' }] }] }, { unknown: { id: true, arn: true }, refs: { image_id: ['data.aws_ami.ubuntu.id', 'data.aws_ami.ubuntu'] } }),
    ]),
    expect: { [LT]: 'pass', 'aws_launch_template.ubuntu': 'unknown' },
    message: /root block device \(taken from the AMI\)/,
  },
  // Review r1 (lt): a mapping of another device left the AMI's root device unjudged, and the template passed.
  {
    name: 'a launch template naming an AMI that maps only another device (/dev/sdf, encrypted) is unknown on the AMI\'s root device, as an instance is; so is one mapping /dev/xvda of an AMI outside the input, or of one whose root is another device',
    plan: plan([
      template([{ device_name: '/dev/sdf', ebs: [{ encrypted: 'true', volume_size: 10 }] }]),
      res('aws_launch_template.xvda', { name: 'xvda', image_id: 'ami-123', block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true' }] }] }, { unknown: { id: true } }),
      res('aws_launch_template.other', { name: 'other', block_device_mappings: [{ device_name: '/dev/sdf', ebs: [{ encrypted: 'true' }] }] }, { unknown: { id: true, image_id: true }, refs: { image_id: AMI_REFS } }),
      instance({ ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }] }, { root_block_device: true }),
      ami,
    ]),
    expect: { [LT]: 'unknown', 'aws_launch_template.xvda': 'unknown', 'aws_launch_template.other': 'unknown', [I]: 'unknown' },
    message: /root block device \(taken from the AMI\)/,
  },
  {
    name: 'encryption by default in effect vouches for the AMI\'s root device of a launch template that maps only another device',
    plan: plan([template([{ device_name: '/dev/sdf', ebs: [{ encrypted: 'true' }] }]), existingDefault]),
    expect: { [LT]: 'pass' },
  },
  { name: 'a launch template with an unencrypted mapping fails', plan: plan([template([{ device_name: '/dev/xvda', ebs: [{ encrypted: 'false' }] }])]), expect: { [LT]: 'fail' } },
  { name: 'a launch template mapping with `encrypted` unset ("") is unknown', plan: plan([template([{ device_name: '/dev/xvda', ebs: [{ encrypted: '' }] }])]), expect: { [LT]: 'unknown' } },
  // Sweep h2 (lt-no-mappings): an Auto Scaling group launching from such a template gets the AMI's root device, as an instance does.
  {
    name: 'a launch template with an AMI and no EBS mapping takes its root device from the AMI: unknown, as an instance\'s',
    plan: plan([
      template([]),
      res('aws_launch_template.store', { name: 'store', image_id: 'ami-123', block_device_mappings: [{ device_name: '/dev/sdb', virtual_name: 'ephemeral0', ebs: [] }] }, { unknown: { id: true } }),
      res('aws_launch_template.looked_up', { name: 'looked-up', block_device_mappings: [] }, { unknown: { id: true, image_id: true }, refs: { image_id: ['data.aws_ami.base.id', 'data.aws_ami.base'] } }),
    ]),
    expect: { [LT]: 'unknown', 'aws_launch_template.store': 'unknown', 'aws_launch_template.looked_up': 'unknown' },
    message: /root block device \(taken from the AMI\)/,
  },
  {
    name: 'a launch template that names no AMI and maps no EBS volume is not-applicable (what launches from it names the AMI); encryption by default in effect vouches for an AMI root device',
    plan: plan([
      res('aws_launch_template.bare', { name: 'bare', image_id: null, block_device_mappings: [] }, { unknown: { id: true } }),
      res('aws_launch_template.empty', { name: 'empty', image_id: '', block_device_mappings: [] }, { unknown: { id: true } }),
      template([]),
      existingDefault,
    ]),
    expect: { 'aws_launch_template.bare': 'not-applicable', 'aws_launch_template.empty': 'not-applicable', [LT]: 'pass' },
  },
  {
    name: 'a launch configuration with encrypted root and EBS devices passes',
    plan: plan([launchConfiguration({ root_block_device: [{ encrypted: true }], ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }] })]),
    expect: { [LC]: 'pass' },
  },
  {
    name: 'a launch configuration with an unencrypted root device fails',
    plan: plan([launchConfiguration({ root_block_device: [{ encrypted: false }] })]),
    expect: { [LC]: 'fail' },
    message: /root block device/,
  },
  {
    name: 'a launch configuration whose root device comes from the AMI is unknown',
    plan: plan([launchConfiguration({ root_block_device: [] }, { root_block_device: true })]),
    expect: { [LC]: 'unknown' },
  },
  {
    name: 'encryption by default already in effect vouches for a launch configuration\'s AMI root device',
    plan: plan([launchConfiguration({ root_block_device: [] }, { root_block_device: true }), existingDefault]),
    expect: { [LC]: 'pass' },
  },
  // awscc writes the mappings as the aws launch template does, `ebs` an object, `encrypted` a boolean (CloudFormation's AWS::EC2::Instance and LaunchTemplateData).
  {
    name: 'an awscc instance with an unencrypted EBS mapping fails, naming the device; an encrypted one passes',
    plan: plan([
      res('awscc_ec2_instance.i', { instance_type: 't3.micro', block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_size: 20, encrypted: false } }] }, { unknown: { image_id: true }, refs: { image_id: AMI_REFS } }),
      res('awscc_ec2_instance.ok', { instance_type: 't3.micro', block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_size: 20, encrypted: true } }] }, { unknown: { image_id: true }, refs: { image_id: AMI_REFS } }),
      ami,
    ]),
    expect: { 'awscc_ec2_instance.i': 'fail', 'awscc_ec2_instance.ok': 'pass' },
    message: /block device mapping \/dev\/xvda/,
  },
  {
    name: 'an awscc instance with no EBS mapping takes its root device from the AMI: unknown, and the aws provider\'s encryption by default does not vouch for it',
    plan: plan([
      res('awscc_ec2_instance.i', { image_id: 'ami-123', instance_type: 't3.micro', block_device_mappings: [{ device_name: '/dev/sdb', virtual_name: 'ephemeral0' }] }),
      res('awscc_ec2_instance.bare', { image_id: 'ami-123', instance_type: 't3.micro' }),
      res('awscc_ec2_instance.sdf', { image_id: 'ami-123', instance_type: 't3.micro', block_device_mappings: [{ device_name: '/dev/sdf', ebs: { volume_size: 10, encrypted: true } }] }),
      existingDefault,
    ]),
    expect: { 'awscc_ec2_instance.i': 'unknown', 'awscc_ec2_instance.bare': 'unknown', 'awscc_ec2_instance.sdf': 'unknown' },
    message: /taken from the AMI/,
  },
  {
    name: 'an awscc launch template fails on an unencrypted mapping, is unknown on an unset one or on an AMI\'s root device, passes on encrypted ones and is not-applicable with no AMI and no EBS mappings',
    plan: plan([
      res('awscc_ec2_launch_template.off', { launch_template_data: { image_id: 'ami-123', block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_size: 20, encrypted: false } }] } }),
      res('awscc_ec2_launch_template.unset', { launch_template_data: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_size: 20 } }] } }),
      res('awscc_ec2_launch_template.on', { launch_template_data: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: true } }] } }),
      res('awscc_ec2_launch_template.ami', { launch_template_data: { image_id: 'ami-123', instance_type: 't3.micro' } }),
      res('awscc_ec2_launch_template.none', { launch_template_data: { instance_type: 't3.micro' } }),
      res('awscc_ec2_launch_template.sdf', { launch_template_data: { image_id: 'ami-123', block_device_mappings: [{ device_name: '/dev/sdf', ebs: { volume_size: 10, encrypted: true } }] } }),
      existingDefault,
    ]),
    expect: {
      'awscc_ec2_launch_template.off': 'fail',
      'awscc_ec2_launch_template.unset': 'unknown',
      'awscc_ec2_launch_template.on': 'pass',
      'awscc_ec2_launch_template.ami': 'unknown',
      'awscc_ec2_launch_template.none': 'not-applicable',
      'awscc_ec2_launch_template.sdf': 'unknown',
    },
  },
  {
    name: 'an awscc launch template whose data is known only after apply is unknown',
    plan: plan([res('awscc_ec2_launch_template.lt', { launch_template_name: 'lt' }, { unknown: { launch_template_data: true }, refs: { launch_template_data: ['var.data'] } })]),
    expect: { 'awscc_ec2_launch_template.lt': 'unknown' },
  },
  // Sweep h2 (imagebuilder): the build instance's volumes become the AMI's snapshots; the distribution's key encrypts only distributed copies.
  {
    name: 'an Image Builder recipe fails on a mapping with `encrypted = "false"`, is unknown on an unset one or on the parent image\'s root device, and passes on encrypted ones',
    plan: plan([
      res('aws_imagebuilder_image_recipe.off', { ...RECIPE_BASE, block_device_mapping: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'false', volume_size: 8 }] }] }, { unknown: { id: true, arn: true } }),
      res('aws_imagebuilder_image_recipe.unset', { ...RECIPE_BASE, block_device_mapping: [{ device_name: '/dev/xvda', ebs: [{ encrypted: '', volume_size: 8 }] }] }, { unknown: { id: true, arn: true } }),
      res('aws_imagebuilder_image_recipe.parent', { ...RECIPE_BASE, block_device_mapping: [] }, { unknown: { id: true, arn: true } }),
      res('aws_imagebuilder_image_recipe.sdb', { ...RECIPE_BASE, block_device_mapping: [{ device_name: '/dev/sdb', ebs: [{ encrypted: 'true', volume_size: 20 }] }] }, { unknown: { id: true, arn: true } }),
      res('aws_imagebuilder_image_recipe.xvda', { ...RECIPE_BASE, block_device_mapping: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true' }] }] }, { unknown: { id: true, arn: true } }),
      res('aws_imagebuilder_image_recipe.on', { ...RECIPE_BASE, parent_image: null, block_device_mapping: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }] }] }, { unknown: { id: true, arn: true, parent_image: true }, refs: { parent_image: AMI_REFS } }),
      ami,
    ]),
    expect: {
      'aws_imagebuilder_image_recipe.off': 'fail',
      'aws_imagebuilder_image_recipe.unset': 'unknown',
      'aws_imagebuilder_image_recipe.parent': 'unknown',
      'aws_imagebuilder_image_recipe.sdb': 'unknown',
      'aws_imagebuilder_image_recipe.xvda': 'unknown',
      'aws_imagebuilder_image_recipe.on': 'pass',
    },
  },
  {
    name: 'EBS encryption by default already in effect vouches for an Image Builder recipe\'s volumes',
    plan: plan([res('aws_imagebuilder_image_recipe.off', { ...RECIPE_BASE, block_device_mapping: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'false' }] }] }, { unknown: { id: true, arn: true } }), existingDefault]),
    expect: { 'aws_imagebuilder_image_recipe.off': 'pass' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_sns_topic.t', { name: 't' })]), expect: { 'aws_sns_topic.t': 'not-applicable' } },
]);

describe('ebs-volumes-encrypted: a launch template or an Image Builder recipe written in code', () => {
  it('.tf: a template an Auto Scaling group launches from, with an AMI and no mapping, is unknown; one naming no AMI is not-applicable', async () => {
    const graph = await tfGraph(`resource "aws_launch_template" "lt" {
  name     = "lt"
  image_id = "ami-0123456789abcdef0"
}
resource "aws_launch_template" "bare" {
  name = "bare"
}
resource "aws_autoscaling_group" "g" {
  max_size           = 1
  min_size           = 1
  availability_zones = ["eu-west-1a"]
  launch_template {
    id = aws_launch_template.lt.id
  }
}
`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_launch_template.lt': 'unknown', 'aws_launch_template.bare': 'not-applicable' });
  });

  it('.tf: an Image Builder recipe with an unencrypted mapping fails', async () => {
    const graph = await tfGraph(`resource "aws_imagebuilder_image_recipe" "r" {
  name         = "r"
  parent_image = "arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2-x86/x.x.x"
  version      = "1.0.0"
  component {
    component_arn = "arn:aws:imagebuilder:eu-west-1:aws:component/update-linux/x.x.x"
  }
  block_device_mapping {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = false
      volume_size = 8
    }
  }
}
`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_imagebuilder_image_recipe.r': 'fail' });
  });

  it('.tf: a template or a recipe mapping only /dev/sdf is unknown on its AMI\'s root device; one mapping the root device its aws_ami of the input names passes', async () => {
    const graph = await tfGraph(`resource "aws_ami" "base" {
  name             = "base"
  root_device_name = "/dev/xvda"
  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = "snap-0123456789abcdef0"
  }
}
resource "aws_launch_template" "sdf" {
  name     = "sdf"
  image_id = "ami-0123456789abcdef0"
  block_device_mappings {
    device_name = "/dev/sdf"
    ebs {
      encrypted = "true"
    }
  }
}
resource "aws_launch_template" "root" {
  name     = "root"
  image_id = aws_ami.base.id
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = "true"
    }
  }
}
resource "aws_imagebuilder_image_recipe" "sdb" {
  name         = "sdb"
  parent_image = "arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2-x86/x.x.x"
  version      = "1.0.0"
  component {
    component_arn = "arn:aws:imagebuilder:eu-west-1:aws:component/update-linux/x.x.x"
  }
  block_device_mapping {
    device_name = "/dev/sdb"
    ebs {
      encrypted = true
    }
  }
}
`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_launch_template.sdf': 'unknown', 'aws_launch_template.root': 'pass', 'aws_imagebuilder_image_recipe.sdb': 'unknown' });
  });

  it('cdk.tf.json: a template with an AMI and no mapping is unknown', () => {
    const graph = cdktfGraph({ aws_launch_template: { lt: { name: 'lt', image_id: 'ami-0123456789abcdef0' } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_launch_template.lt': 'unknown' });
  });
});
