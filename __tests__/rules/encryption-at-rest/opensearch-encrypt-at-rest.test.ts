import rule from '../../../checks/rules/encryption-at-rest/opensearch-encrypt-at-rest';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const O = 'aws_opensearch_domain.d';
const E = 'aws_elasticsearch_domain.d';

ruleTable(rule, [
  { name: 'an OpenSearch domain encrypted at rest passes', plan: plan([res(O, { domain_name: 'd', encrypt_at_rest: [{ enabled: true }] })]), expect: { [O]: 'pass' } },
  { name: 'an Elasticsearch domain not encrypted fails', plan: plan([res(E, { domain_name: 'd', encrypt_at_rest: [{ enabled: false }] })]), expect: { [E]: 'fail' }, message: /encrypt_at_rest/ },
  { name: 'a block left to the service default (computed) is unknown', plan: plan([res(O, { domain_name: 'd' }, { unknown: { encrypt_at_rest: true } })]), expect: { [O]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_opensearch_domain_policy.p', { domain_name: 'd' })]), expect: { 'aws_opensearch_domain_policy.p': 'not-applicable' } },
]);
