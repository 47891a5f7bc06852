/** CloudTrail trails sign their log files, so tampering with a delivered log is detectable. */
import { TRAIL_TYPES } from '../support/s3';
import { defineRule } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, setting } from '../support/verdict';
import { mustBeTrue, outcomesOf } from '../support/findings';

export default defineRule({
  id: 'cloudtrail-log-file-validation',
  title: 'CloudTrail trails validate their log files',
  category: 'logging',
  severity: 'medium',
  rationale: 'Without log file validation, a log file can be changed or deleted after delivery and nobody can prove it.',
  remediation: 'Set `enable_log_file_validation = true` on the trail (`aws_cloudtrail` or `awscc_cloudtrail_trail`).',
  references: [
    securityHub('CloudTrail.4', 'CloudTrail log file validation should be enabled'),
    awsDoc('Validating CloudTrail log file integrity', 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html'),
  ],
  appliesTo: TRAIL_TYPES,
  evaluate: managedOnly((trail) =>
    outcomesOf(
      mustBeTrue(setting(trail, 'enable_log_file_validation'), {
        what: 'enable_log_file_validation',
        consequence: 'delivered log files can be altered or deleted unnoticed',
        fix: 'Set `enable_log_file_validation = true`.',
        defaultValue: false,
      })
    )
  ),
});
