import os from 'node:os';
import * as path from 'node:path';
import { environmentEndpoints, parseSharedConfig } from '../../checks/model/environment-endpoints';
import { withFiles } from '../cli/run';

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

describe('environmentEndpoints', () => {
  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true or false in any case, not set where empty; any other value is refused in one line naming the variable, as terraform refuses it', () => {
    const flag = (value: string) => environmentEndpoints({ AWS_ENDPOINT_URL: 'https://gateway.internal', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: value })?.ignoreConfigured;
    expect([flag('TRUE'), flag('true'), flag('False'), flag('')]).toEqual([true, true, false, undefined]);
    expect(() => flag('yes')).toThrow(/^AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: is "yes", not true or false: terraform refuses it \("need true or false"\)\. Set it to true or false, or unset it$/);
    expect(() => flag('1')).toThrow(/^AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: is "1", not true or false/);
  });

  it('the profile a block that names none reads is AWS_PROFILE, else AWS_DEFAULT_PROFILE, as the AWS SDK for Go v2 takes the first set and not empty', () => {
    const profile = (env: Record<string, string>) => environmentEndpoints({ AWS_REGION: 'eu-west-1', ...env })?.profile;
    expect([profile({ AWS_DEFAULT_PROFILE: 'b' }), profile({ AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' }), profile({ AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'b' })]).toEqual(['b', 'a', 'b']);
    expect([profile({}), profile({ AWS_DEFAULT_PROFILE: '' })]).toEqual([undefined, undefined]);
  });

  it('where HOME is not set, the file is .aws/config in the OS user\'s home, as the AWS SDK finds it; HOME wins where set; a file that gives only a Region or the ignore flag is read', async () => {
    const config = '[profile ci]\nregion = eu-west-1\n[profile quiet]\nignore_configured_endpoint_urls = true\n';
    await withFiles({ 'user/.aws/config': config, 'home/.aws/config': '[default]\nregion = us-east-2\n', 'bare/.aws/config': '[default]\noutput = json\n' }, async (dir) => {
      const asUser = (home: string) => jest.spyOn(os, 'userInfo').mockReturnValueOnce({ ...os.userInfo(), homedir: path.join(dir, home) });
      asUser('user');
      const read = environmentEndpoints({});
      expect(read?.sharedConfig?.file).toBe(path.join(dir, 'user', '.aws', 'config'));
      expect(Object.fromEntries([...(read?.sharedConfig?.profiles ?? [])].map(([name, section]) => [name, section.settings]))).toEqual({ ci: { region: 'eu-west-1' }, quiet: { ignore_configured_endpoint_urls: 'true' } });
      asUser('user');
      expect(environmentEndpoints({ AWS_CONFIG_FILE: '~/.aws/config' })?.sharedConfig?.file).toBe(path.join(dir, 'user', '.aws', 'config'));
      expect(environmentEndpoints({ HOME: path.join(dir, 'home') })?.sharedConfig?.file).toBe(path.join(dir, 'home', '.aws', 'config'));
      // A file that gives none of the settings the checks read is as none.
      asUser('bare');
      expect(environmentEndpoints({})).toBeUndefined();
    });
  });
});
