/**
 * Transfer Family servers do not offer plain FTP: `protocols` of an `aws_transfer_server` (or
 * CloudFormation's Protocols of an `awscc_transfer_server`) does not list "FTP". FTP sends user
 * names, passwords and files unencrypted; SFTP (over SSH) and FTPS (over TLS) encrypt them. Unset,
 * a server offers SFTP only (the provider's and Transfer Family's default), which passes.
 */
import type { Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { awsDoc, configRule, securityHub } from '../support/references';
import { failed, outcomesOf, type Problem, undecided } from '../support/findings';
import { managedOnly, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Remove "FTP" from `protocols`: offer "SFTP", or "FTPS" with an ACM `certificate`.';

function problems(server: Resource): Problem[] {
  // Unset, a plan shows protocols as known only after apply; `setting` reads that as not set (SFTP).
  const view = setting(server, 'protocols');
  const protocols = view.list();
  if (protocols.kind === 'unknown') return [undecided(`protocols is known only after apply, so the gate cannot vouch that it leaves FTP out. ${FIX}`, view)];
  if (protocols.kind === 'absent') return [];
  // An element known only after apply may be FTP: unknown, unless a known element is FTP already.
  let later: ValueView | undefined;
  for (const item of protocols.value) {
    const protocol = item.string();
    if (protocol.kind === 'unknown') later ??= item;
    else if (protocol.kind === 'known' && protocol.value.toUpperCase() === 'FTP')
      return [failed(`protocols includes "FTP": user names, passwords and files cross the network unencrypted. ${FIX}`, item)];
  }
  return later ? [undecided(`a protocol is known only after apply; it may be "FTP". ${FIX}`, later)] : [];
}

export default defineRule({
  id: 'transfer-server-no-ftp',
  title: 'Transfer Family servers do not offer plain FTP',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A Transfer Family server that offers FTP lets clients log in and move files without encryption: anyone on the network path reads the users\' passwords and the files, and can change the files.',
  remediation: FIX,
  references: [
    securityHub('Transfer.2', 'Transfer Family servers should not use FTP protocol for endpoint connection'),
    configRule('transfer-family-server-no-ftp'),
    awsDoc('Configuring an SFTP, FTPS, or FTP server endpoint', 'https://docs.aws.amazon.com/transfer/latest/userguide/tf-server-endpoint.html'),
    awsDoc('AWS::Transfer::Server', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-transfer-server.html'),
  ],
  // awscc_transfer_server: CloudFormation's Protocols, under the same name, as a list of strings.
  appliesTo: ['aws_transfer_server', 'awscc_transfer_server'],
  evaluate: managedOnly((server) => outcomesOf(problems(server))),
});
