import rule from '../../../checks/rules/encryption-at-rest/opensearch-encrypt-at-rest';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const O = 'aws_opensearch_domain.d';
const E = 'aws_elasticsearch_domain.d';

ruleTable(rule, [
  { name: 'an OpenSearch domain encrypted at rest passes', plan: plan([res(O, { domain_name: 'd', encrypt_at_rest: [{ enabled: true }] })]), expect: { [O]: 'pass' } },
  { name: 'an Elasticsearch domain not encrypted fails', plan: plan([res(E, { domain_name: 'd', encrypt_at_rest: [{ enabled: false }] })]), expect: { [E]: 'fail' }, message: /encrypt_at_rest/ },
  { name: 'a block left to the service default (computed) is unknown', plan: plan([res(O, { domain_name: 'd' }, { unknown: { encrypt_at_rest: true } })]), expect: { [O]: 'unknown' } },
  {
    name: 'an awscc domain is judged by encryption_at_rest_options.enabled: true passes, false fails saying how to set it in awscc, unset is unknown',
    plan: plan([
      res('awscc_opensearchservice_domain.on', { domain_name: 'on', encryption_at_rest_options: { enabled: true } }, { unknown: { id: true, arn: true } }),
      res('awscc_opensearchservice_domain.off', { domain_name: 'off', encryption_at_rest_options: { enabled: false } }, { unknown: { id: true, arn: true } }),
      res('awscc_opensearchservice_domain.unset', { domain_name: 'unset' }, { unknown: { id: true, arn: true, encryption_at_rest_options: true } }),
    ]),
    expect: { 'awscc_opensearchservice_domain.on': 'pass', 'awscc_opensearchservice_domain.off': 'fail', 'awscc_opensearchservice_domain.unset': 'unknown' },
    message: /encryption_at_rest_options/,
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_opensearch_domain_policy.p', { domain_name: 'd' })]), expect: { 'aws_opensearch_domain_policy.p': 'not-applicable' } },
]);
