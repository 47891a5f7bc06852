/**
 * MSK clusters encrypt traffic between clients and brokers (`client_broker = "TLS"`) and between
 * brokers (`in_cluster = true`). Both are the defaults when `encryption_in_transit` is left out, for
 * the AWS provider's block as for awscc's object (CloudFormation AWS::MSK::Cluster EncryptionInTransit).
 */
import type { Resource } from '../../model/types';
import { defineRule } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { configured, managedOnly } from '../support/verdict';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';

/** How to fix it, per cluster type: awscc writes the blocks as objects. */
const FIX: Readonly<Record<string, string>> = {
  aws_msk_cluster: 'Set `encryption_info { encryption_in_transit { client_broker = "TLS", in_cluster = true } }`.',
  awscc_msk_cluster: 'Set `encryption_info = { encryption_in_transit = { client_broker = "TLS", in_cluster = true } }`.',
};

function problems(cluster: Resource): Problem[] {
  const fix = FIX[cluster.type];
  // What the configuration leaves out is the default (awscc plans show an unwritten object as known only after apply).
  const infoView = configured(cluster, cluster.attr('encryption_info'));
  const info = infoView.block();
  if (info.kind === 'unknown') return [undecided(`encryption_info is known only after apply. ${fix}`, infoView)];
  if (info.kind === 'absent') return [];
  const transitView = configured(cluster, info.value.get('encryption_in_transit'));
  const transit = transitView.block();
  if (transit.kind === 'unknown') return [undecided(`encryption_in_transit is known only after apply. ${fix}`, transitView)];
  if (transit.kind === 'absent') return [];
  const out: Problem[] = [];
  const brokerView = configured(cluster, transit.value.get('client_broker'));
  const broker = brokerView.string();
  if (broker.kind === 'unknown') out.push(undecided(`client_broker is known only after apply. ${fix}`, brokerView));
  if (broker.kind === 'known' && broker.value !== 'TLS')
    out.push(failed(`client_broker is ${shown(brokerView, broker.value)}: clients may connect in clear text. ${fix}`, brokerView));
  const clusterView = configured(cluster, transit.value.get('in_cluster'));
  const inCluster = clusterView.bool();
  if (inCluster.kind === 'unknown') out.push(undecided(`in_cluster is known only after apply. ${fix}`, clusterView));
  if (inCluster.kind === 'known' && !inCluster.value) out.push(failed(`in_cluster is false: brokers replicate in clear text. ${fix}`, clusterView));
  return out;
}

export default defineRule({
  id: 'msk-transit-encryption',
  title: 'MSK clusters encrypt traffic from clients and between brokers',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale: 'PLAINTEXT listeners or unencrypted broker-to-broker traffic expose every message on the network.',
  remediation: 'Leave `encryption_in_transit` at its defaults or set `client_broker = "TLS"` and `in_cluster = true` (awscc: the same attributes of `encryption_info.encryption_in_transit`).',
  references: [
    securityHub('MSK.1', 'MSK clusters should be encrypted in transit among broker nodes'),
    awsDoc('Amazon MSK encryption in transit', 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html'),
    awsDoc('AWS::MSK::Cluster EncryptionInTransit', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-msk-cluster-encryptionintransit.html'),
  ],
  appliesTo: Object.keys(FIX),
  evaluate: managedOnly((cluster) => outcomesOf(problems(cluster))),
});
