/**
 * The credentials, free-form and tags rules skip their work on a resource whose strings hold nothing a detector could
 * report (`mayFind`). Whatever each detector reports, in the place each rule reads, is still a finding there; a clean
 * resource still passes.
 */
import credentials from '../../../checks/rules/sensitive-data/no-credentials-in-attributes';
import freeForm from '../../../checks/rules/sensitive-data/no-sensitive-data-in-free-form-fields';
import tags from '../../../checks/rules/sensitive-data/no-sensitive-data-in-tags';
import { runDetectors, type DetectionKind } from '../../../checks/rules/support/detect';
import { evaluateRule } from '../../helpers/rule-table';
import { graphOf, plan, res } from '../../helpers/plan-builder';

/** One text each built-in detector reports, by what it is (the text alone, under a label that names nothing). */
const CREDENTIAL_SHAPES: readonly [string, DetectionKind, string][] = [
  ['a private key', 'private-key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7b\n-----END RSA PRIVATE KEY-----'],
  ['a URL with a password', 'url-credentials', 'postgres://app:Zq8Wv3Lm@db.example.com/app'],
  ['a GitHub token', 'token', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'],
  ['an AWS access key id', 'aws-access-key-id', 'AKIAQ3EGRZ7XK2MVB4NP'],
  ['an Authorization header', 'token', 'Authorization: Bearer Zq8Wv3LmPq2x'],
  ['a credential after its name', 'named-credential', 'Server=db;User Id=app;Password=Zq8Wv3Lm;'],
];
const PERSONAL: readonly [string, DetectionKind, string][] = [
  ['an email address', 'email', 'owner jane.roe@example.com'],
  ['a phone number', 'phone', 'call +33 6 12 34 56 78'],
  ['a random token', 'token', 'Kq9Zt2Xw7Lm4Pv8Rb3Nc6Hd1Jf5Gs0Ty2Ue'],
];

describe('the rules report what each detector finds, past their prefilter', () => {
  it.each(CREDENTIAL_SHAPES)('the detectors report %s in the text alone', (_, kind, text) => {
    expect(runDetectors(text, { scope: 'credentials' }).map((d) => d.kind)).toContain(kind);
  });

  it.each(PERSONAL)('the detectors report %s in the text alone', (_, kind, text) => {
    expect(runDetectors(text, { scope: 'all' }).map((d) => d.kind)).toContain(kind);
  });

  it.each(CREDENTIAL_SHAPES)('no-credentials-in-attributes reports %s in an attribute', (_, __, text) => {
    const verdicts = evaluateRule(credentials, graphOf(plan([res('aws_cloudformation_stack.s', { name: 's', template_body: text })])));
    expect(verdicts.map((v) => [v.status, v.path])).toEqual([['fail', 'template_body']]);
  });

  it.each([...CREDENTIAL_SHAPES, ...PERSONAL])('no-sensitive-data-in-free-form-fields reports %s in a description', (_, __, text) => {
    const verdicts = evaluateRule(freeForm, graphOf(plan([res('aws_kms_key.k', { description: text })])));
    expect(verdicts.map((v) => [v.status, v.path])).toEqual([['fail', 'description']]);
  });

  it.each([...CREDENTIAL_SHAPES, ...PERSONAL])('no-sensitive-data-in-tags reports %s in a tag value', (_, __, text) => {
    const verdicts = evaluateRule(tags, graphOf(plan([res('aws_kms_key.k', { description: 'k', tags: { Team: 'ops', Note: text } })])));
    expect(verdicts.map((v) => [v.status, v.path])).toEqual([['fail', 'tags.Note']]);
  });

  it('no-credentials-in-attributes reports a secret access key beside an access key id, and a key header\'s value', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Wv3LmPq';
    const graph = graphOf(plan([
      res('aws_cloudformation_stack.s', { name: 's', parameters: { KeyId: 'AKIAQ3EGRZ7XK2MVB4NP', Key: secret } }),
      res('aws_cloudwatch_event_connection.c', { name: 'c', authorization_type: 'API_KEY', auth_parameters: [{ invocation_http_parameters: [{ header: [{ key: 'X-API-Key', value: 'n0tAsh4pe', is_value_secret: false }] }] }] }),
    ]));
    expect(runDetectors(secret, { scope: 'credentials' })).toEqual([]);
    expect(evaluateRule(credentials, graph).map((v) => [v.address, v.status, v.path])).toEqual([
      ['aws_cloudformation_stack.s', 'fail', 'parameters.KeyId'],
      ['aws_cloudformation_stack.s', 'fail', 'parameters.Key'],
      ['aws_cloudwatch_event_connection.c', 'fail', 'auth_parameters.0.invocation_http_parameters.0.header.0.value'],
    ]);
  });

  it('the free-form and tags rules report a configured pattern in text no built-in detector reports', () => {
    const graph = graphOf(plan([res('aws_kms_key.k', { description: 'for EMP-123456', tags: { Team: 'EMP-123456' } })]));
    const settings = { sensitivePatterns: [{ name: 'employee number', pattern: 'EMP-\\d{6}' }] };
    expect(runDetectors('EMP-123456', { scope: 'all' })).toEqual([]);
    expect(evaluateRule(freeForm, graph, settings).map((v) => [v.status, v.path])).toEqual([['fail', 'description']]);
    expect(evaluateRule(tags, graph, settings).map((v) => [v.status, v.path])).toEqual([['fail', 'tags.Team']]);
  });

  it('each rule reports a credential that only a JSON document\'s escaped strings show', () => {
    const document = '{"db":"postgres:\\/\\/app:Zq8Wv3Lm@db.example.com\\/app","key":"\\u0041KIAQ3EGRZ7XK2MVB4NP"}';
    expect(evaluateRule(credentials, graphOf(plan([res('aws_ssm_parameter.p', { name: 'app-config', type: 'String', value: document })]))).map((v) => [v.status, v.path])).toEqual([['fail', 'value']]);
    expect(evaluateRule(freeForm, graphOf(plan([res('aws_kms_key.k', { description: document })]))).map((v) => [v.status, v.path])).toEqual([['fail', 'description']]);
    expect(evaluateRule(tags, graphOf(plan([res('aws_kms_key.k', { description: 'k', tags: { Team: 'ops', Note: document } })]))).map((v) => [v.status, v.path])).toEqual([['fail', 'tags.Note']]);
  });

  it('each rule passes a resource that holds nothing', () => {
    const graph = graphOf(plan([res('aws_kms_key.k', { description: 'Key for tg7-s0-111111111111-eu-west-1', policy: '{"Version":"2012-10-17"}', tags: { Team: 'ops' } })]));
    for (const rule of [credentials, freeForm, tags]) expect(evaluateRule(rule, graph).map((v) => v.status)).toEqual(['pass']);
  });
});
