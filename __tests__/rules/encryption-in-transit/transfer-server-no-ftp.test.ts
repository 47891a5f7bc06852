import rule from '../../../checks/rules/encryption-in-transit/transfer-server-no-ftp';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const S = 'aws_transfer_server.files';
const VPC = { endpoint_type: 'VPC', identity_provider_type: 'API_GATEWAY', url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod', invocation_role: 'arn:aws:iam::111122223333:role/idp' };
const server = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(S, { ...VPC, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'transfer-server-no-ftp: SFTP and FTPS pass', plan: plan([server({ protocols: ['SFTP', 'FTPS'], certificate: 'arn:aws:acm:eu-west-1:111122223333:certificate/1' })]), expect: { [S]: 'pass' } },
  { name: 'protocols unset (SFTP by default), shown as computed by a plan, passes', plan: plan([server({}, { protocols: true })]), expect: { [S]: 'pass' } },
  { name: 'FTP alone fails', plan: plan([server({ protocols: ['FTP'] })]), expect: { [S]: 'fail' }, message: /protocols includes "FTP": user names, passwords and files cross the network unencrypted\. Remove "FTP"/ },
  { name: 'FTP beside SFTP and FTPS fails', plan: plan([server({ protocols: ['SFTP', 'FTPS', 'FTP'] })]), expect: { [S]: 'fail' } },
  {
    name: 'protocols written from an expression known only after apply is unknown',
    plan: plan([server({}, { protocols: true }, { protocols: ['var.protocols'] })]),
    expect: { [S]: 'unknown' },
    message: /protocols is known only after apply/,
  },
  {
    name: 'one protocol known only after apply is unknown; beside a known FTP it fails',
    plan: plan([
      server({ protocols: ['SFTP', null] }, { protocols: [false, true] }, { protocols: ['var.extra'] }),
      res('aws_transfer_server.both', { ...VPC, protocols: ['FTP', null] }, { unknown: { protocols: [false, true] }, refs: { protocols: ['var.extra'] } }),
    ]),
    expect: { [S]: 'unknown', 'aws_transfer_server.both': 'fail' },
  },
  {
    name: 'an awscc_transfer_server with FTP fails; with SFTP passes',
    plan: plan([res('awscc_transfer_server.ftp', { ...VPC, protocols: ['FTP'] }), res('awscc_transfer_server.sftp', { protocols: ['SFTP'] })]),
    expect: { 'awscc_transfer_server.ftp': 'fail', 'awscc_transfer_server.sftp': 'pass' },
  },
  {
    name: 'a data source and other Transfer types are not applicable',
    plan: plan([res('data.aws_transfer_server.existing', { server_id: 's-1', protocols: ['FTP'] }, { actions: ['read'] }), res('aws_transfer_user.u', { server_id: 's-1', user_name: 'u' })]),
    expect: { 'data.aws_transfer_server.existing': 'not-applicable', 'aws_transfer_user.u': 'not-applicable' },
  },
]);

describe('transfer-server-no-ftp in .tf and cdk.tf.json gives the plan\'s verdicts', () => {
  it.each([
    ['protocols = ["FTP"]', 'fail'],
    ['protocols = ["SFTP", "FTP"]', 'fail'],
    ['protocols = ["SFTP"]', 'pass'],
    ['', 'pass'],
    ['protocols = var.protocols', 'unknown'],
  ])('.tf %p is %s', async (protocols, verdict) => {
    const graph = await tfGraph(`variable "protocols" { type = list(string) }\nresource "aws_transfer_server" "files" {\n  endpoint_type = "VPC"\n  ${protocols}\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [S]: verdict });
  });

  it('cdk.tf.json: an awscc_transfer_server offering FTP fails', () => {
    const graph = cdktfGraph({ awscc_transfer_server: { files: { endpoint_type: 'VPC', protocols: ['FTPS', 'FTP'] } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'awscc_transfer_server.files': 'fail' });
  });
});
