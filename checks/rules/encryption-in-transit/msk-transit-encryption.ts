/**
 * MSK clusters encrypt traffic between clients and brokers (`client_broker = "TLS"`) and between
 * brokers (`in_cluster = true`). Both are the defaults when `encryption_in_transit` is left out.
 */
import type { Resource } from '../../model/types';
import { defineRule } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';

const FIX = 'Set `encryption_info { encryption_in_transit { client_broker = "TLS", in_cluster = true } }`.';

function problems(cluster: Resource): Problem[] {
  const info = cluster.attr('encryption_info').block();
  if (info.kind === 'unknown') return [undecided(`encryption_info is known only after apply. ${FIX}`, cluster.attr('encryption_info'))];
  if (info.kind === 'absent') return [];
  const transit = info.value.get('encryption_in_transit').block();
  if (transit.kind === 'unknown') return [undecided(`encryption_in_transit is known only after apply. ${FIX}`, info.value.get('encryption_in_transit'))];
  if (transit.kind === 'absent') return [];
  const out: Problem[] = [];
  const brokerView = transit.value.get('client_broker');
  const broker = brokerView.string();
  if (broker.kind === 'unknown') out.push(undecided(`client_broker is known only after apply. ${FIX}`, brokerView));
  if (broker.kind === 'known' && broker.value !== 'TLS')
    out.push(failed(`client_broker is ${shown(brokerView, broker.value)}: clients may connect in clear text. ${FIX}`, brokerView));
  const clusterView = transit.value.get('in_cluster');
  const inCluster = clusterView.bool();
  if (inCluster.kind === 'unknown') out.push(undecided(`in_cluster is known only after apply. ${FIX}`, clusterView));
  if (inCluster.kind === 'known' && !inCluster.value) out.push(failed(`in_cluster is false: brokers replicate in clear text. ${FIX}`, clusterView));
  return out;
}

export default defineRule({
  id: 'msk-transit-encryption',
  title: 'MSK clusters encrypt traffic from clients and between brokers',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale: 'PLAINTEXT listeners or unencrypted broker-to-broker traffic expose every message on the network.',
  remediation: 'Leave `encryption_in_transit` at its defaults or set `client_broker = "TLS"` and `in_cluster = true`.',
  references: [
    securityHub('MSK.1', 'MSK clusters should be encrypted in transit among broker nodes'),
    awsDoc('Amazon MSK encryption in transit', 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html'),
  ],
  appliesTo: ['aws_msk_cluster'],
  evaluate: managedOnly((cluster) => outcomesOf(problems(cluster))),
});
