/**
 * No personal data or secret in `for_each` keys: an instance key is part of the resource's address
 * (`aws_iam_user.dev["jane.roe@example.com"]`, `module.team["…"]`), which Terraform prints in every
 * plan and apply log, keeps in the state, and every report of a plan repeats. Keys of the resource
 * itself are reported on the resource; keys of the module instances it sits in, once, on the
 * module instance. Once found, the key is masked in every report twinguard writes, addresses
 * included.
 */
import { moduleAddress, parseModuleAddress } from '../../model/graph/addresses';
import { detect, sensitiveFinding } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, notApplicable, pass, type Outcome } from '../types';

export default defineRule({
  id: 'no-sensitive-data-in-instance-keys',
  title: 'for_each keys hold no personal data or secrets',
  category: 'sensitive-data',
  severity: 'medium',
  rationale:
    'A `for_each` key becomes part of the resource address: Terraform prints it in every plan and apply, CI keeps those logs, the state stores it, and every tool that reads the plan repeats it. A set of users keyed by email address spreads those addresses to everyone who can read a pipeline log.',
  remediation:
    'Key the instances by a user name, a team or an opaque id, and keep the personal detail (if it is needed at all) in an attribute marked sensitive. Extra patterns to catch go in `sensitivePatterns` of the configuration file.',
  references: [
    awsDoc('Terraform: the for_each meta-argument (instance keys in resource addresses)', 'https://developer.hashicorp.com/terraform/language/meta-arguments/for_each'),
    awsDoc('AWS IoT TwinMaker: Data protection', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/data-protection.html'),
  ],
  appliesTo: '*',
  evaluate(resource, { settings }) {
    if (resource.mode !== 'managed') return notApplicable();
    const outcomes: Outcome[] = [];
    const patterns = settings.sensitivePatterns;
    const steps = parseModuleAddress(resource.module);
    steps.forEach((step, i) => {
      if (typeof step.key !== 'string') return;
      const found = detect(step.key, { scope: 'all', patterns, label: 'for_each key' });
      const address = moduleAddress(steps.slice(0, i + 1));
      if (found.length > 0) outcomes.push(sensitiveFinding(`The for_each key of ${address}`, found, { path: '', address }));
    });
    if (typeof resource.index === 'string') {
      const found = detect(resource.index, { scope: 'all', patterns, label: 'for_each key' });
      if (found.length > 0) outcomes.push(sensitiveFinding('The for_each key of this instance', found, { path: '' }));
    }
    return outcomes.length > 0 ? outcomes : pass();
  },
});
