import type { Graph, Resource } from '../../model/types';
import { awsDoc } from '../support/references';
import { namedConfiguration, throughConfiguration } from '../support/security-configuration';
import { managedOnly, requireOneOf, setting } from '../support/verdict';
import { defineRule, fail, isFinding, pass, unknown, type Outcome } from '../types';

const FIX =
  'In `encryption_configuration`, set `s3_encryption { s3_encryption_mode = "SSE-KMS" }`, `cloudwatch_encryption { cloudwatch_encryption_mode = "SSE-KMS" }` and `job_bookmarks_encryption { job_bookmarks_encryption_mode = "CSE-KMS" }`, each with a `kms_key_arn`.';
const USE_FIX = 'Set `security_configuration` to the name of an `aws_glue_security_configuration` of the input that encrypts all three.';

/** Each target of a security configuration and the modes that encrypt it. */
const TARGETS: readonly { block: string; mode: string; allowed: readonly string[] }[] = [
  { block: 's3_encryption', mode: 's3_encryption_mode', allowed: ['SSE-KMS', 'SSE-S3'] },
  { block: 'cloudwatch_encryption', mode: 'cloudwatch_encryption_mode', allowed: ['SSE-KMS'] },
  { block: 'job_bookmarks_encryption', mode: 'job_bookmarks_encryption_mode', allowed: ['CSE-KMS'] },
];

/** The verdict on each target of a security configuration. */
const targetsOf = (configuration: Resource): Outcome[] =>
  TARGETS.map(({ block, mode, allowed }) =>
    requireOneOf(setting(configuration, 'encryption_configuration', block, mode), allowed, { what: `\`${block}.${mode}\``, fix: FIX, absent: 'fail' }),
  );

/** What writes with a security configuration, as a message names it. */
const USERS: Readonly<Record<string, string>> = { aws_glue_job: 'job', aws_glue_crawler: 'crawler', aws_glue_dev_endpoint: 'development endpoint' };

/**
 * A job, crawler or endpoint writes what its security configuration says: none is a failure (the
 * encryption the configuration check asks for is missing altogether); one of the input passes or
 * fails as it does; one outside the input is unknown.
 */
function user(graph: Graph, resource: Resource): Outcome | Outcome[] {
  const named = namedConfiguration(graph, resource, 'aws_glue_security_configuration');
  const path = 'security_configuration';
  if (named.kind === 'none') {
    return fail(
      `No \`security_configuration\`: Glue writes this ${USERS[resource.type]}'s CloudWatch logs and job bookmarks under no KMS key you control, and its S3 output with only the bucket's default encryption. ${USE_FIX}`,
      { path },
    );
  }
  if (named.kind === 'unfollowed') {
    return unknown(`\`security_configuration\` names no security configuration of the input the gate can follow, so it cannot vouch for its encryption. ${USE_FIX}`, { path });
  }
  const problems = targetsOf(named.configuration).filter(isFinding);
  return problems.length === 0 ? pass() : throughConfiguration(problems, named.configuration, path);
}

/** Glue jobs, crawlers and endpoints use a security configuration, and security configurations encrypt job output, logs and bookmarks. */
export default defineRule({
  id: 'glue-security-configuration-encrypted',
  title: 'Glue jobs, crawlers and dev endpoints use a security configuration that encrypts S3 output, CloudWatch logs and job bookmarks',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'A Glue job, crawler or endpoint writes what its security configuration says: S3 data, CloudWatch logs and job bookmarks. A mode of DISABLED, or no security configuration, leaves the logs and bookmarks under no KMS key you control and the S3 output to the bucket\'s default encryption.',
  remediation: `${FIX} ${USE_FIX}`,
  references: [
    awsDoc('Encrypting data written by AWS Glue', 'https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html'),
    awsDoc('Working with security configurations on the AWS Glue console', 'https://docs.aws.amazon.com/glue/latest/dg/console-security-configurations.html'),
  ],
  appliesTo: ['aws_glue_security_configuration', ...Object.keys(USERS)],
  evaluate: managedOnly((resource, { graph }) => (resource.type === 'aws_glue_security_configuration' ? targetsOf(resource) : user(graph, resource))),
});
