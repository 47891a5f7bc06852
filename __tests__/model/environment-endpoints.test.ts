import { parseSharedConfig } from '../../checks/model/environment-endpoints';

// The AWS shared config file as the AWS SDKs read it: what a profile and a services section give.
describe('parseSharedConfig', () => {
  const read = (text: string) => {
    const config = parseSharedConfig(text, 'config');
    return { profiles: Object.fromEntries(config.profiles), services: Object.fromEntries(config.services) };
  };

  it('reads [default], [profile x] and [services x]; skips comments, other sections and a bare [x]', () => {
    const text = '# a comment\n[default]\nregion = eu-west-1\n; another\n[profile  dev ]\nEndpoint_URL = http://localstack:4566 # LocalStack\nservices = dev-svc ; its services\n[sso-session s]\nendpoint_url = http://sso\n[stray]\nendpoint_url = http://stray\n[services dev-svc]\ns3 =\n  endpoint_url = http://localstack:4566\n  # a comment in a sub-section\nsts =\n\tendpoint_url = https://sts.internal\n';
    expect(read(text)).toEqual({
      profiles: {
        default: { settings: { region: 'eu-west-1' }, nested: {} },
        dev: { settings: { endpoint_url: 'http://localstack:4566', services: 'dev-svc' }, nested: {} },
      },
      services: { 'dev-svc': { settings: {}, nested: { s3: { endpoint_url: 'http://localstack:4566' }, sts: { endpoint_url: 'https://sts.internal' } } } },
    });
  });

  it('reads CRLF lines; a repeated section adds to the first, a later value wins; [profile default] is the default profile', () => {
    const text = '[profile default]\r\nendpoint_url = http://a\r\n[default]\r\nendpoint_url = http://b\r\nregion = us-east-1\r\n';
    expect(read(text).profiles).toEqual({ default: { settings: { endpoint_url: 'http://b', region: 'us-east-1' }, nested: {} } });
  });

  it('an indented line under a setting with a value is a continuation, not a sub-setting; a value that holds # without whitespace before it is kept', () => {
    const text = '[profile p]\nendpoint_url = http://a#b\nrole_arn = arn\n  endpoint_url = http://continued\n';
    expect(read(text).profiles).toEqual({ p: { settings: { endpoint_url: 'http://a#b', role_arn: 'arn' }, nested: {} } });
  });
});
