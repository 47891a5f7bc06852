import rule from '../../../checks/rules/encryption-at-rest/lambda-environment-cmk';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { kmsKey, ref } from './fixtures';

const F = 'aws_lambda_function.f';
const env = { environment: [{ variables: { STAGE: 'prod' } }] };

ruleTable(rule, [
  { name: 'variables under a key of the plan pass', plan: plan([kmsKey('aws_kms_key.k'), res(F, { function_name: 'f', ...env }, { unknown: { kms_key_arn: true }, refs: { kms_key_arn: ref('aws_kms_key.k', 'arn') } })]), expect: { [F]: 'pass' } },
  { name: 'variables without a key (aws/lambda) fail', plan: plan([res(F, { function_name: 'f', ...env })]), expect: { [F]: 'fail' }, message: /aws\/lambda/ },
  { name: 'variables known only after apply, with no key, fail (a key is needed whatever they hold)', plan: plan([res(F, { function_name: 'f', environment: [{}] }, { unknown: { environment: [{ variables: true }] } })]), expect: { [F]: 'fail' } },
  { name: 'a key that cannot be followed is unknown', plan: plan([res(F, { function_name: 'f', ...env }, { unknown: { kms_key_arn: true }, refs: { kms_key_arn: ['var.key'] } })]), expect: { [F]: 'unknown' } },
  { name: 'a function without variables is not-applicable', plan: plan([res(F, { function_name: 'f', environment: [] })]), expect: { [F]: 'not-applicable' } },
  {
    name: 'an awscc function (environment an object, not a block list) with variables and no key fails',
    plan: plan([res('awscc_lambda_function.f', { function_name: 'f', environment: { variables: { STAGE: 'prod' } } }, { unknown: { arn: true, kms_key_arn: true } })]),
    expect: { 'awscc_lambda_function.f': 'fail' },
  },
  {
    name: 'an awscc function with an awscc key passes',
    plan: plan([
      res('awscc_kms_key.k', { description: 'k' }, { unknown: { arn: true, key_id: true, id: true } }),
      res('awscc_lambda_function.f', { function_name: 'f', environment: { variables: { STAGE: 'prod' } } }, { unknown: { arn: true, kms_key_arn: true }, refs: { kms_key_arn: ['awscc_kms_key.k.arn', 'awscc_kms_key.k'] } }),
    ]),
    expect: { 'awscc_lambda_function.f': 'pass' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_lambda_permission.p', {})]), expect: { 'aws_lambda_permission.p': 'not-applicable' } },
]);
