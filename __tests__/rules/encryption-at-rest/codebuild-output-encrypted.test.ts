import * as path from 'node:path';
import { buildGraph } from '../../../checks/model/graph';
import { loadPlanFile } from '../../../checks/model/plan';
import rule from '../../../checks/rules/encryption-at-rest/codebuild-output-encrypted';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { describeWithShared, REAL_PLANS_DIR } from '../../helpers/shared';

const P = 'aws_codebuild_project.p';
const base = {
  name: 'p',
  service_role: 'arn:aws:iam::111111111111:role/cb',
  environment: [{ compute_type: 'BUILD_GENERAL1_SMALL', image: 'aws/codebuild/standard:7.0', type: 'LINUX_CONTAINER' }],
  source: [{ type: 'NO_SOURCE', buildspec: 'version: 0.2' }],
};
const s3Artifacts = (extra: Record<string, unknown> = {}) => ({ type: 'S3', location: 'my-artifacts', encryption_disabled: false, ...extra });
const project = (after: Record<string, unknown>, options: { unknown?: Record<string, unknown>; expressions?: Record<string, unknown> } = {}) =>
  res(P, { ...base, artifacts: [s3Artifacts()], ...after }, { unknown: { arn: true, id: true, ...options.unknown }, ...(options.expressions ? { expressions: options.expressions } : {}) });
const s3Logs = (extra: Record<string, unknown>) => ({ logs_config: [{ cloudwatch_logs: [{ status: 'DISABLED' }], s3_logs: [{ status: 'ENABLED', location: 'my-logs/build', encryption_disabled: false, ...extra }] }] });

const R = 'aws_codebuild_report_group.r';
const reportGroup = (destination: Record<string, unknown>, type = 'S3') =>
  res(R, { name: 'r', type: 'TEST', export_config: [{ type, ...(type === 'S3' ? { s3_destination: [{ bucket: 'my-reports', encryption_key: 'arn:aws:kms:eu-west-1:111111111111:alias/aws/s3', packaging: 'NONE', path: '/x', ...destination }] } : {}) }] });
const CC = 'awscc_codebuild_report_group.r';

ruleTable(rule, [
  {
    name: 'codebuild-output-encrypted: a project whose artifacts and S3 logs are encrypted (encryption_disabled false) passes',
    plan: plan([project({ ...s3Logs({}) })]),
    expect: { [P]: 'pass' },
  },
  {
    name: 'encryption_disabled = true on S3 artifacts fails',
    plan: plan([project({ artifacts: [s3Artifacts({ encryption_disabled: true })] })]),
    expect: { [P]: 'fail' },
    message: /`encryption_disabled` of `artifacts` is true: CodeBuild writes it to S3 without encrypting it with its KMS key/,
  },
  {
    name: 'encryption_disabled on artifacts that are not S3 (NO_ARTIFACTS, CODEPIPELINE) is ignored by CodeBuild: pass',
    plan: plan([
      project({ artifacts: [{ type: 'NO_ARTIFACTS', encryption_disabled: true }] }),
      res('aws_codebuild_project.pipeline', { ...base, name: 'pipeline', artifacts: [{ type: 'CODEPIPELINE', encryption_disabled: true }] }),
    ]),
    expect: { [P]: 'pass', 'aws_codebuild_project.pipeline': 'pass' },
  },
  {
    name: 'a secondary S3 artifact with encryption disabled fails, named by its identifier',
    plan: plan([project({ secondary_artifacts: [s3Artifacts({ artifact_identifier: 'ok' }), s3Artifacts({ artifact_identifier: 'reports', encryption_disabled: true })] })]),
    expect: { [P]: 'fail' },
    message: /`encryption_disabled` of `secondary_artifacts` "reports" is true/,
  },
  {
    name: 'enabled S3 logs with encryption disabled fail; disabled S3 logs (the default) pass whatever the flag says',
    plan: plan([
      project({ ...s3Logs({ encryption_disabled: true }) }),
      res('aws_codebuild_project.quiet', { ...base, name: 'quiet', artifacts: [s3Artifacts()], logs_config: [{ s3_logs: [{ status: 'DISABLED', encryption_disabled: true }] }] }),
      res('aws_codebuild_project.unset', { ...base, name: 'unset', artifacts: [s3Artifacts()], logs_config: [{ s3_logs: [{ encryption_disabled: true }] }] }),
    ]),
    expect: { [P]: 'fail', 'aws_codebuild_project.quiet': 'pass', 'aws_codebuild_project.unset': 'pass' },
    message: /`encryption_disabled` of `logs_config.s3_logs` is true/,
  },
  {
    name: 'artifacts and logs both unencrypted are two findings',
    plan: plan([project({ artifacts: [s3Artifacts({ encryption_disabled: true })], ...s3Logs({ encryption_disabled: true }) })]),
    expect: { [P]: 'fail' },
    message: /`encryption_disabled` of `(artifacts|logs_config.s3_logs)` is true/,
  },
  {
    name: 'encryption_disabled known only after apply is unknown',
    plan: plan([
      project(
        { artifacts: [s3Artifacts({ encryption_disabled: null })] },
        {
          unknown: { artifacts: [{ encryption_disabled: true }] },
          expressions: { name: { constant_value: 'p' }, artifacts: [{ type: { constant_value: 'S3' }, location: { constant_value: 'my-artifacts' }, encryption_disabled: { references: ['var.plain'] } }] },
        },
      ),
    ]),
    expect: { [P]: 'unknown' },
    message: /`encryption_disabled` of `artifacts` is known only after apply/,
  },
  {
    name: 'encryption disabled on artifacts whose type is known only after apply is unknown',
    plan: plan([
      project(
        { artifacts: [{ location: 'my-artifacts', encryption_disabled: true }] },
        {
          unknown: { artifacts: [{ type: true }] },
          expressions: { name: { constant_value: 'p' }, artifacts: [{ type: { references: ['var.type'] }, encryption_disabled: { constant_value: true } }] },
        },
      ),
    ]),
    expect: { [P]: 'unknown' },
    message: /`type` of `artifacts` is known only after apply, and its `encryption_disabled` is true: if it writes to S3/,
  },
  {
    name: 'a report group exporting to S3 with encryption disabled fails; encrypted or not exported passes',
    plan: plan([
      reportGroup({ encryption_disabled: true }),
      res('aws_codebuild_report_group.sealed', { name: 'sealed', type: 'TEST', export_config: [{ type: 'S3', s3_destination: [{ bucket: 'b', encryption_key: 'arn:aws:kms:eu-west-1:111111111111:key/k', encryption_disabled: false }] }] }),
      res('aws_codebuild_report_group.none', { name: 'none', type: 'TEST', export_config: [{ type: 'NO_EXPORT' }] }),
    ]),
    expect: { [R]: 'fail', 'aws_codebuild_report_group.sealed': 'pass', 'aws_codebuild_report_group.none': 'pass' },
    message: /`encryption_disabled` of `export_config.s3_destination` is true.*Remove `encryption_disabled = true` from `s3_destination`/,
  },
  {
    name: 'an awscc report group: encryption disabled fails, unset (computed by Cloud Control) passes',
    plan: plan([
      res(CC, { type: 'TEST', export_config: { export_config_type: 'S3', s3_destination: { bucket: 'my-reports', encryption_disabled: true } } }),
      res('awscc_codebuild_report_group.sealed', { type: 'TEST', export_config: { export_config_type: 'S3', s3_destination: { bucket: 'my-reports' } } }, { unknown: { export_config: { s3_destination: { encryption_disabled: true } } } }),
    ]),
    expect: { [CC]: 'fail', 'awscc_codebuild_report_group.sealed': 'pass' },
  },
  {
    name: 'data sources and other CodeBuild types are not applicable',
    plan: plan([res('data.aws_codebuild_fleet.f', { name: 'f' }, { actions: ['read'] }), res('aws_codebuild_source_credential.s', { auth_type: 'PERSONAL_ACCESS_TOKEN', server_type: 'GITHUB' })]),
    expect: { 'data.aws_codebuild_fleet.f': 'not-applicable', 'aws_codebuild_source_credential.s': 'not-applicable' },
  },
]);

describe('codebuild-output-encrypted in .tf and cdk.tf.json, as in a plan', () => {
  const tf = (artifacts: string, logs = '') => `variable "plain" {
  type = bool
}
resource "aws_codebuild_project" "p" {
  name         = "p"
  service_role = "arn:aws:iam::111111111111:role/cb"
  artifacts {
    ${artifacts}
  }
  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }
  source {
    type      = "NO_SOURCE"
    buildspec = "version: 0.2"
  }
  ${logs}
}
`;
  it.each([
    ['type = "S3"\n    location = "my-artifacts"', '', 'pass'],
    ['type = "S3"\n    location = "my-artifacts"\n    encryption_disabled = true', '', 'fail'],
    ['type = "NO_ARTIFACTS"\n    encryption_disabled = true', '', 'pass'],
    ['type = "S3"\n    location = "my-artifacts"\n    encryption_disabled = var.plain', '', 'unknown'],
    ['type = "S3"\n    location = "my-artifacts"', 'logs_config {\n    s3_logs {\n      status = "ENABLED"\n      location = "my-logs/build"\n      encryption_disabled = true\n    }\n  }', 'fail'],
  ])('.tf artifacts { %s } %s is %s', async (artifacts, logs, verdict) => {
    const graph = await tfGraph(tf(artifacts, logs));
    expect(worstByAddress(evaluateRule(rule, graph))[P]).toEqual(verdict);
  });

  it('.tf: an awscc report group exporting unencrypted fails', async () => {
    const graph = await tfGraph(`resource "awscc_codebuild_report_group" "r" {
  type = "TEST"
  export_config = {
    export_config_type = "S3"
    s3_destination = { bucket = "my-reports", encryption_disabled = true }
  }
}
`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [CC]: 'fail' });
  });

  it('cdk.tf.json: a report group exporting unencrypted fails, an encrypted one passes', () => {
    const graph = cdktfGraph({
      aws_codebuild_report_group: {
        r: { name: 'r', type: 'TEST', export_config: { type: 'S3', s3_destination: { bucket: 'my-reports', encryption_key: 'k', encryption_disabled: true } } },
        sealed: { name: 'sealed', type: 'TEST', export_config: { type: 'S3', s3_destination: { bucket: 'my-reports', encryption_key: 'k' } } },
      },
    });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [R]: 'fail', 'aws_codebuild_report_group.sealed': 'pass' });
  });
});

describeWithShared('codebuild-output-encrypted on real plans', () => {
  const graphOfFile = async (file: string) => buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]);

  it.each(['snyk__cli/snyk.create.plan.json', 'snyk__cli/snyk.no-op.plan.json'])('%s: the project, encryption left on, passes', async (file) => {
    expect(worstByAddress(evaluateRule(rule, await graphOfFile(file)))).toEqual({ 'aws_codebuild_project.terra_ci': 'pass' });
  });

  it('snyk update plan: the update that turns encryption_disabled on for S3 artifacts fails (upstream flags the project too)', async () => {
    const verdicts = evaluateRule(rule, await graphOfFile('snyk__cli/snyk.update.plan.json'));
    expect(verdicts.map(({ address, status, path }) => ({ address, status, path }))).toEqual([
      { address: 'aws_codebuild_project.some_projed', status: 'fail', path: 'artifacts.0.encryption_disabled' },
    ]);
  });
});
