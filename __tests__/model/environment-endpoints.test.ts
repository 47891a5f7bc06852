import os from 'node:os';
import * as path from 'node:path';
import { environmentEndpoints, expandEnvironment, parseSharedConfig, PROFILE_DEFAULT, readNamedFile } from '../../checks/model/environment-endpoints';
import { withFiles } from '../cli/run';

// The AWS shared config file as the AWS SDKs read it: what a profile and a services section give.
describe('parseSharedConfig', () => {
  const read = (text: string, kind: 'config' | 'credentials' = 'config') => {
    const config = parseSharedConfig(text, 'config', kind);
    return { profiles: Object.fromEntries(config.profiles), services: Object.fromEntries(config.services) };
  };

  // The credentials file holds secret keys: the parser keeps the settings the checks read only, so no report can quote one.
  it('keeps only endpoint_url, ignore_configured_endpoint_urls, region and services, of a config file and of a credentials file; a profile that sets none stays', () => {
    const secrets = 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_session_token = FwoGZXIvYXdzEJr\n';
    const text = `[default]\n${secrets}region = eu-west-1\n[profile ci]\n${secrets}[ci]\n${secrets}endpoint_url = http://localstack:4566\nignore_configured_endpoint_urls = false\n`;
    expect(read(text)).toEqual({ profiles: { default: { settings: { region: 'eu-west-1' }, nested: {} }, ci: { settings: {}, nested: {} } }, services: {} });
    expect(JSON.stringify(read(text, 'credentials'))).not.toMatch(/AKIA|wJalr|FwoG/);
  });

  it("a credentials file's profiles are bare ([default], [ci]); its [profile ci] is dropped, as the AWS SDK for Go v2 drops it; [services x] is a services section", () => {
    const text = '[default]\nregion = eu-west-1\n[ci]\nendpoint_url = http://localstack:4566\n[profile ci]\nendpoint_url = http://dropped\n[services s]\ns3 =\n  endpoint_url = http://s3\n';
    expect(read(text, 'credentials')).toEqual({
      profiles: { default: { settings: { region: 'eu-west-1' }, nested: {} }, ci: { settings: { endpoint_url: 'http://localstack:4566' }, nested: {} } },
      services: { s: { settings: {}, nested: { s3: { endpoint_url: 'http://s3' } } } },
    });
    expect(Object.keys(read(text).profiles)).toEqual(['default', 'ci']);
    expect(read(text).profiles.ci.settings).toEqual({ endpoint_url: 'http://dropped' });
  });

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

  it('reads CRLF lines; a repeated section adds to the first, a later value wins; [profile default] is kept apart from [default], which it replaces whole', () => {
    const text = '[profile default]\r\nendpoint_url = http://a\r\n[default]\r\nendpoint_url = http://b\r\nregion = us-east-1\r\n[default]\r\nregion = eu-west-1\r\n';
    expect(read(text).profiles).toEqual({
      [PROFILE_DEFAULT]: { settings: { endpoint_url: 'http://a' }, nested: {} },
      default: { settings: { endpoint_url: 'http://b', region: 'eu-west-1' }, nested: {} },
    });
  });

  it('an indented line under a setting with a value is a continuation, not a sub-setting; a value that holds # without whitespace before it is kept', () => {
    const text = '[profile p]\nendpoint_url = http://a#b\nregion = eu-west-1\n  endpoint_url = http://continued\n';
    expect(read(text).profiles).toEqual({ p: { settings: { endpoint_url: 'http://a#b', region: 'eu-west-1' }, nested: {} } });
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

// hashicorp/aws-sdk-go-base resolves a block's shared_config_files and shared_credentials_files with os.ExpandEnv, then
// go-homedir, and the AWS SDK reads a relative one from terraform's working directory (terraform 1.11.4, run here).
describe('a file a block names', () => {
  it('expandEnvironment replaces $NAME and ${NAME} as Go\'s os.ExpandEnv does', () => {
    const env = { D: '/etc/ci', USER: 'ci', '1': 'one' };
    expect(['$D/config', '${D}/config', '/home/$USER/.aws/x', '$UNSET/x', 'a$', '$-x', '${1}', '$1', '${D', '${}x', 'cost$$', '$.x'].map((t) => expandEnvironment(t, env))).toEqual([
      '/etc/ci/config',
      '/etc/ci/config',
      '/home/ci/.aws/x',
      '/x',
      'a$',
      'x',
      'one',
      'one',
      'D',
      'x',
      'cost',
      '$.x',
    ]);
  });

  it('readNamedFile reads ~/…, $VAR/… and a relative path from the directory terraform runs in; refuses one that does not exist, ~user/… and an empty one, in one line', async () => {
    await withFiles({ 'home/ci.conf': '[default]\nregion = eu-west-1\n', 'stack/rel.conf': '[default]\nregion = us-east-2\n' }, async (dir) => {
      const env = { HOME: path.join(dir, 'home'), D: dir };
      const region = (written: string, at: string | null = path.join(dir, 'stack')) =>
        readNamedFile(written, 'config', env, at ?? undefined, 'main.tf', 'provider.aws `shared_config_files`')?.profiles.get('default')?.settings.region;
      expect([region('~/ci.conf'), region('$D/home/ci.conf'), region('rel.conf'), region('../home/ci.conf')]).toEqual(['eu-west-1', 'eu-west-1', 'us-east-2', 'eu-west-1']);
      // A relative path where the directory is not known is not read.
      expect(region('rel.conf', null)).toBeUndefined();
      expect(() => region('missing.conf')).toThrow(
        new RegExp(`^main\\.tf: provider\\.aws \`shared_config_files\` names "missing\\.conf" \\(${path.join(dir, 'stack', 'missing.conf').replace(/[.]/g, '\\.')}\\), which does not exist: .*remove it from the list$`),
      );
      expect(() => region('~root/ci.conf')).toThrow(/names "~root\/ci\.conf": terraform cannot expand another user's home directory/);
      expect(() => region('$UNSET')).toThrow(/names "\$UNSET", an empty path where the check runs/);
    });
  });
});
