/**
 * Hand-built reports for reporter tests: reporters are pure functions of a Report, so their tests
 * need no loader, graph or rule.
 */
import type { Finding, FindingStatus, Report, WaiverNotice } from '../../checks/report';
import type { Category, Severity } from '../../checks/rules/types';

export function finding(overrides: Partial<Finding> & Pick<Finding, 'ruleId' | 'address'>): Finding {
  const status = overrides.status ?? 'fail';
  return {
    category: 'encryption-at-rest',
    severity: 'high',
    status,
    originalStatus: status === 'waived' ? 'fail' : (status as 'fail' | 'unknown'),
    blocking: status !== 'waived',
    input: 'plan.json',
    message: `${overrides.ruleId} is not satisfied by ${overrides.address}`,
    references: [{ title: 'AWS docs', url: 'https://docs.aws.amazon.com/example' }],
    ...overrides,
  };
}

const rule = (id: string, category: Category, severity: Severity = 'high') => ({
  id,
  title: `Title of ${id}`,
  category,
  severity,
  remediation: `Fix ${id} | carefully`,
  references: [{ title: 'Ref', url: 'https://example.com/ref' }],
});

/** A report built from findings and notices, with consistent summary counts. */
export function reportOf(findings: readonly Finding[], waivers: readonly WaiverNotice[] = [], extra: Partial<Report> = {}): Report {
  const zero = (): Record<FindingStatus, number> => ({ fail: 0, unknown: 0, waived: 0 });
  const byStatus = zero();
  const byCategory: Record<string, Record<FindingStatus, number>> = {};
  for (const f of findings) {
    byStatus[f.status] += 1;
    (byCategory[f.category] ??= zero())[f.status] += 1;
  }
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const inputs = [...new Set(findings.map((f) => f.input))].sort();
  return {
    version: 1,
    tool: { name: 'twinguard', version: '0.1.0' },
    inputs: (inputs.length > 0 ? inputs : ['plan.json']).map((input) => ({ input, kind: 'plan' as const, resources: 10 })),
    findings,
    waivers,
    summary: { blocking: findings.filter((f) => f.blocking).length + waivers.filter((w) => w.blocking).length, byStatus, byCategory },
    coverage: { evaluatedResources: 8, totalResources: 10, uncheckedTypes: [{ type: 'null_resource', count: 2 }], notLoadedModules: [] },
    rules: [...ruleIds.map((id) => rule(id, findings.find((f) => f.ruleId === id)?.category ?? 'tagging')), rule('quiet-rule', 'logging', 'low')],
    ...extra,
  };
}

/** A report with a bit of everything: two inputs, modules, for_each keys, a waiver, notices. */
export function mixedReport(): Report {
  return reportOf(
    [
      finding({ ruleId: 's3-bucket-sse-kms', address: 'module.app["eu"].aws_s3_bucket.data[0]', constructPath: 'twinmaker-dev/workspace/data', input: 'cdktf.out/stacks/twinmaker-dev/cdk.tf.json' }),
      finding({ ruleId: 's3-bucket-tls-only', address: 'module.app["eu"].aws_s3_bucket.data[0]', category: 'encryption-in-transit', status: 'unknown', input: 'cdktf.out/stacks/twinmaker-dev/cdk.tf.json' }),
      finding({ ruleId: 'required-tags', address: 'aws_sqs_queue.q', category: 'tagging', severity: 'medium', path: 'tags.Owner', input: 'plan.json' }),
      finding({
        ruleId: 'kms-key-rotation',
        address: 'aws_kms_key.legacy',
        status: 'waived',
        input: 'plan.json',
        waiver: { reason: 'Legacy key, rotation handled by the HSM team', owner: 'team-crypto', expires: '2999-12-31' },
      }),
      finding({ ruleId: 'cloudtrail-kms', address: 'aws_cloudtrail.main', category: 'logging', severity: 'low', status: 'unknown', blocking: false, input: 'plan.json' }),
    ],
    [
      { kind: 'expired', ruleId: 'kms-key-rotation', address: 'aws_kms_key.old', owner: 'team-a', expires: '2020-01-01', blocking: true, message: 'waiver #2 expired on 2020-01-01' },
      { kind: 'stale', ruleId: 'required-tags', address: 'aws_s3_bucket.gone', owner: 'team-b', expires: '2999-01-01', blocking: false, message: 'waiver #3 matches no finding' },
    ],
  );
}
