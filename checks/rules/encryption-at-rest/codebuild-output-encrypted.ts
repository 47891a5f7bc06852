import type { Resource } from '../../model/types';
import { known, UNKNOWN, type Val, type ValueView } from '../../model/value';
import { awsDoc, configRule, securityHub } from '../support/references';
import { configured, findingsOrPass, managedOnly, nested, setting, unknownAtPlan } from '../support/verdict';
import { defineRule, fail, pass, unknown, type Outcome } from '../types';

const PROJECT_FIX = 'Remove `encryption_disabled = true` (or set it to false): CodeBuild then encrypts the output with the project’s `encryption_key` (by default the AWS managed key aws/s3).';
const REPORT_FIX = 'Remove `encryption_disabled = true` from `s3_destination` (or set it to false): CodeBuild then encrypts the exported reports with its `encryption_key`.';

/** Whether an output is written to S3: `S3` is, another known type is not, an unknown type may be. */
function writesToS3(view: ValueView, s3: string, unsetWrites: boolean): Val<boolean> {
  const value = view.string();
  if (value.kind === 'unknown') return UNKNOWN;
  if (value.kind === 'absent') return known(unsetWrites);
  return known(value.value === s3);
}

/** A label for a message: the secondary artifact's identifier, never a value Terraform marks sensitive. */
function artifactName(artifact: ValueView): string {
  const view = artifact.get('artifact_identifier');
  const name = view.string();
  return `\`secondary_artifacts\` ${name.kind === 'known' && !view.isSensitive ? `"${name.value}"` : '(unnamed)'}`;
}

/**
 * One output CodeBuild writes to S3: `flag` is its `encryption_disabled` (unset is false: encrypted),
 * `inUse` whether it is written to S3 at all (a flag on an output that is not is ignored).
 */
function outputEncrypted(resource: Resource, flag: ValueView, inUse: Val<boolean>, where: string, typeName: string, fix: string): Outcome {
  const view = configured(resource, flag);
  const disabled = view.bool();
  if (disabled.kind === 'absent' || (disabled.kind === 'known' && !disabled.value)) return pass();
  if (inUse.kind === 'known' && !inUse.value) return pass();
  if (disabled.kind === 'unknown') return unknownAtPlan(view, { what: `\`encryption_disabled\` of ${where}`, fix });
  const path = view.path.map(String).join('.');
  if (inUse.kind === 'unknown') {
    return unknown(`${typeName} of ${where} is known only after apply, and its \`encryption_disabled\` is true: if it writes to S3, CodeBuild does not encrypt it. ${fix}`, { path });
  }
  return fail(
    `\`encryption_disabled\` of ${where} is true: CodeBuild writes it to S3 without encrypting it with its KMS key, leaving only the bucket's default encryption. ${fix}`,
    { path },
  );
}

function projectOutputs(project: Resource): Outcome[] {
  const outcomes: Outcome[] = [];
  outcomes.push(outputEncrypted(project, nested(project.values, 'artifacts', 'encryption_disabled'), writesToS3(setting(project, 'artifacts', 'type'), 'S3', true), '`artifacts`', '`type`', PROJECT_FIX));
  const secondary = setting(project, 'secondary_artifacts').blocks();
  if (secondary.kind === 'unknown') outcomes.push(unknownAtPlan(project.attr('secondary_artifacts'), { what: '`secondary_artifacts`', fix: PROJECT_FIX }));
  if (secondary.kind === 'known') {
    for (const artifact of secondary.value) {
      outcomes.push(outputEncrypted(project, artifact.get('encryption_disabled'), writesToS3(artifact.get('type'), 'S3', true), artifactName(artifact), '`type`', PROJECT_FIX));
    }
  }
  // S3 logs are written only when their status is ENABLED; the provider's default is DISABLED.
  const status = setting(project, 'logs_config', 's3_logs', 'status').string();
  const logsOn: Val<boolean> = status.kind === 'known' ? known(status.value === 'ENABLED') : status.kind === 'absent' ? known(false) : UNKNOWN;
  outcomes.push(outputEncrypted(project, nested(project.values, 'logs_config', 's3_logs', 'encryption_disabled'), logsOn, '`logs_config.s3_logs`', '`status`', PROJECT_FIX));
  return outcomes;
}

function reportExport(group: Resource): Outcome {
  const awscc = group.type === 'awscc_codebuild_report_group';
  const typeAttribute = awscc ? 'export_config_type' : 'type';
  return outputEncrypted(
    group,
    nested(group.values, 'export_config', 's3_destination', 'encryption_disabled'),
    writesToS3(setting(group, 'export_config', typeAttribute), 'S3', false),
    '`export_config.s3_destination`',
    `\`export_config.${typeAttribute}\``,
    REPORT_FIX,
  );
}


/**
 * CodeBuild encrypts what it writes to S3 (build artifacts, S3 build logs, exported test reports)
 * unless `encryption_disabled` is true. Since January 2023 S3 encrypts every new object with at least
 * SSE-S3, so such output is not stored in clear: what is lost is the KMS key, its key policy and its
 * audit trail. Hence the low severity.
 */
export default defineRule({
  id: 'codebuild-output-encrypted',
  title: 'CodeBuild encrypts the artifacts, logs and reports it writes to S3',
  category: 'encryption-at-rest',
  severity: 'low',
  rationale:
    'Build artifacts, build logs and test reports can hold source, secrets printed by a build and test data. `encryption_disabled = true` makes CodeBuild write them without its KMS key; S3 still encrypts them with the bucket’s default (SSE-S3 at least since January 2023), but access no longer depends on the key’s policy and decryption is not logged by KMS.',
  remediation: `${PROJECT_FIX} For a report group: ${REPORT_FIX}`,
  references: [
    configRule('codebuild-project-artifact-encryption'),
    securityHub('CodeBuild.3', 'CodeBuild S3 logs should be encrypted'),
    securityHub('CodeBuild.7', 'CodeBuild report group exports should be encrypted at rest'),
    awsDoc('Data encryption in AWS CodeBuild', 'https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html'),
    awsDoc('Amazon S3 default encryption FAQ (SSE-S3 for every new object)', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html'),
  ],
  appliesTo: ['aws_codebuild_project', 'aws_codebuild_report_group', 'awscc_codebuild_report_group'],
  evaluate: managedOnly((resource) => (resource.type === 'aws_codebuild_project' ? findingsOrPass(projectOutputs(resource)) : reportExport(resource))),
});
