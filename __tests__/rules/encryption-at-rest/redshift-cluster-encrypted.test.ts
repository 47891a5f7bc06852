import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import rule from '../../../checks/rules/encryption-at-rest/redshift-cluster-encrypted';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { loadHcl } from '../../../checks/model/hcl';
import type { Graph } from '../../../checks/model/types';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { cdktfGraph } from '../../helpers/code-forms';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';

const C = 'aws_redshift_cluster.c';

ruleTable(rule, [
  { name: 'encrypted passes (a v6 plan shows the default true)', plan: plan([res(C, { cluster_identifier: 'c', encrypted: true })]), expect: { [C]: 'pass' } },
  { name: 'unencrypted fails (a v5 plan shows the default false)', plan: plan([res(C, { cluster_identifier: 'c', encrypted: false })]), expect: { [C]: 'fail' }, message: /encrypted = true/ },
  // The provider's schema fills an unset `encrypted` in at plan time; nothing is left to apply.
  {
    name: 'unset in a configuration depends on the provider version, which plans it: unknown',
    graph: cdktfGraph({ aws_redshift_cluster: { c: { cluster_identifier: 'c', node_type: 'ra3.large' } } }),
    expect: { [C]: 'unknown' },
    message: /schema default: true in provider v6, false before/,
  },
  { name: 'known only after apply is unknown', plan: plan([res(C, { cluster_identifier: 'c' }, { unknown: { encrypted: true }, refs: { encrypted: ['var.e'] } })]), expect: { [C]: 'unknown' } },
  {
    name: 'an awscc cluster is judged as an aws one: encrypted passes, false fails, unset (computed) is unknown',
    plan: plan([
      res('awscc_redshift_cluster.on', { cluster_identifier: 'on', node_type: 'ra3.xlplus', encrypted: true }, { unknown: { id: true } }),
      res('awscc_redshift_cluster.off', { cluster_identifier: 'off', node_type: 'ra3.xlplus', encrypted: false }, { unknown: { id: true } }),
      res('awscc_redshift_cluster.unset', { cluster_identifier: 'unset', node_type: 'ra3.xlplus' }, { unknown: { id: true, encrypted: true } }),
    ]),
    expect: { 'awscc_redshift_cluster.on': 'pass', 'awscc_redshift_cluster.off': 'fail', 'awscc_redshift_cluster.unset': 'unknown' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_redshift_parameter_group.p', { name: 'p' })]), expect: { 'aws_redshift_parameter_group.p': 'not-applicable' } },
]);

// Provider v6 defaults `encrypted` to true (its upgrade guide): an input that pins v6 is judged by it.
describe('an unset `encrypted` in a configuration is judged by the aws provider version it pins', () => {
  const CLUSTER = { cluster_identifier: 'c', node_type: 'ra3.large' };
  const stack = (aws: unknown) =>
    buildGraph([parseCdktfDocument({ terraform: { required_providers: { aws } }, resource: { aws_redshift_cluster: { c: CLUSTER } } }, 'cdk.tf.json')]);
  const statusOf = (graph: Graph) => evaluateRule(rule, graph).map((v) => `${v.address} ${v.status}`);

  it.each([
    ['cdktf pins 6.25.0', { source: 'aws', version: '6.25.0' }, 'pass'],
    ['cdktf pins ~> 6.0', { source: 'hashicorp/aws', version: '~> 6.0' }, 'pass'],
    ['cdktf admits 5.x (>= 5.0)', { source: 'aws', version: '>= 5.0' }, 'unknown'],
    ['cdktf pins 5.100.0', { source: 'aws', version: '5.100.0' }, 'unknown'],
    ['cdktf names no version', { source: 'aws' }, 'unknown'],
    ['cdktf writes a version terraform cannot read', { source: 'aws', version: 'latest' }, 'unknown'],
    ['cdktf writes a version as a number, which terraform refuses', { source: 'aws', version: 6 }, 'unknown'],
  ])('%s', (_name, aws, status) => {
    expect(statusOf(stack(aws))).toEqual([`${C} ${status}`]);
  });

  it('the unknown says the input does not pin v6', () => {
    const [verdict] = evaluateRule(rule, stack({ source: 'aws', version: '>= 5.0' }));
    expect(verdict.message).toMatch(/does not pin the aws provider to v6/);
  });

  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  /** A .tf directory with `files` (path -> text) and a cluster in main.tf. */
  const tfDir = (files: Record<string, string>): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-redshift-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.large"\n}\n');
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };
  const requires = (version: string) => `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "${version}" }\n  }\n}\n`;
  const lock = (version: string) => `provider "registry.terraform.io/hashicorp/aws" {\n  version     = "${version}"\n  constraints = ">= 5.0"\n  hashes      = []\n}\n`;
  const tfStatus = async (files: Record<string, string>) => statusOf(buildGraph([await loadHcl(tfDir(files))]));

  it.each([
    ['.tf pins ~> 6.25, no lock file', { 'versions.tf': requires('~> 6.25') }, 'pass'],
    ['.tf admits 5.x (>= 5.0), no lock file', { 'versions.tf': requires('>= 5.0') }, 'unknown'],
    ['.tf admits 5.x, the lock file records 5.100.0', { 'versions.tf': requires('>= 5.0'), '.terraform.lock.hcl': lock('5.100.0') }, 'unknown'],
    ['.tf admits 5.x, the lock file records 6.25.0 (what init installed)', { 'versions.tf': requires('>= 5.0'), '.terraform.lock.hcl': lock('6.25.0') }, 'pass'],
    ['.tf names no version, the lock file records 6.25.0', { '.terraform.lock.hcl': lock('6.25.0') }, 'pass'],
    // terraform plan refuses a lock the constraints no longer admit; init -upgrade then installs a 5.x.
    ['.tf pins ~> 5.0 over a lock of 6.25.0', { 'versions.tf': requires('~> 5.0'), '.terraform.lock.hcl': lock('6.25.0') }, 'unknown'],
    ['.tf.json pins 6.25.0', { 'versions.tf.json': JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '6.25.0' } } } }) }, 'pass'],
    [
      'the root admits 5.x, a module it calls requires >= 6.0 (one version meets both)',
      { 'versions.tf': requires('>= 5.0'), 'calls.tf': 'module "m" {\n  source = "./m"\n}\n', 'm/versions.tf': requires('>= 6.0') },
      'pass',
    ],
  ])('%s', async (_name, files, status) => {
    expect(await tfStatus(files)).toEqual([`${C} ${status}`]);
  });

  it('a lock file terraform cannot read is refused in one line naming it', async () => {
    await expect(loadHcl(tfDir({ 'versions.tf': requires('>= 5.0'), '.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/aws" {\n' }))).rejects.toThrow(/\.terraform\.lock\.hcl/);
  });

  it('a plan is judged by the value it shows, whatever the code pins', () => {
    expect(statusOf(graphOf(plan([res(C, { cluster_identifier: 'c', encrypted: false })])))).toEqual([`${C} fail`]);
  });
});
