/**
 * The body of a private key terraform prints a line at a time, masked on the lines after its BEGIN line
 * (checks/gate/pem-lines.ts); the gate's own test runs it through the stand-in terraform.
 */
import { PemBodyLines } from '../../checks/gate/pem-lines';

const masked = (lines: readonly string[]): string[] => {
  const keys = new PemBodyLines();
  return lines.map((line) => keys.mask(line));
};

describe('PemBodyLines', () => {
  it.each([
    [
      'in a heredoc, the last body line shorter',
      ['    -----BEGIN RSA PRIVATE KEY-----', '    MIIEowIBAAKCAQEAq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJk', '    q7R6s5==', '    -----END RSA PRIVATE KEY-----', '  EOT'],
      ['    -----BEGIN RSA PRIVATE KEY-----', '    ***', '    ***', '    -----END RSA PRIVATE KEY-----', '  EOT'],
    ],
    [
      "each line echoed by a script, its quote kept",
      ["echo '-----BEGIN EC PRIVATE KEY-----'", "echo 'MHcCAQEEIBq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfoAoGCCqGSM49'", "echo '-----END EC PRIVATE KEY-----'"],
      ["echo '-----BEGIN EC PRIVATE KEY-----'", "echo '***'", "echo '-----END EC PRIVATE KEY-----'"],
    ],
    [
      "an encrypted key's RFC 1421 headers and the blank line after them, the lines the redactor masked",
      ['-----BEGIN RSA PRIVATE KEY-----', 'Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,3F17F5316E2BAC89', '', '***', 'Zq8Wv3xLm9Kp', '-----END RSA PRIVATE KEY-----'],
      ['-----BEGIN RSA PRIVATE KEY-----', 'Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,3F17F5316E2BAC89', '', '***', '***', '-----END RSA PRIVATE KEY-----'],
    ],
    [
      "in terraform's diff of a changed heredoc, the old key's lines and the new one's, coloured or not",
      ['          -----BEGIN RSA PRIVATE KEY-----', '        - MIIEowIBAAKCAQEAq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJk', '        - q7R6s5==', '        + MIIEpAIBAAKCAQEAz9Y8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z8Y7x6W5v', '        \x1b[32m+\x1b[0m Zq8Wv3xL\x1b[0m', '          -----END RSA PRIVATE KEY-----'],
      ['          -----BEGIN RSA PRIVATE KEY-----', '        - ***', '        - ***', '        + ***', '        \x1b[32m+\x1b[0m ***\x1b[0m', '          -----END RSA PRIVATE KEY-----'],
    ],
    [
      "in a diff where the old key's END line is removed and the new key's lines follow",
      ['        - -----BEGIN RSA PRIVATE KEY-----', '        - MIIEowIBAAKCAQEAq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJk', '        - -----END RSA PRIVATE KEY-----', '        + -----BEGIN EC PRIVATE KEY-----', '        + MHcCAQEEIBq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfoAoGCCqGSM49', '        + -----END EC PRIVATE KEY-----'],
      ['        - -----BEGIN RSA PRIVATE KEY-----', '        - ***', '        - -----END RSA PRIVATE KEY-----', '        + -----BEGIN EC PRIVATE KEY-----', '        + ***', '        + -----END EC PRIVATE KEY-----'],
    ],
    [
      "from parallel instances' provisioners, another instance's line between the key's",
      ['aws_instance.web[0] (remote-exec): -----BEGIN OPENSSH PRIVATE KEY-----', 'aws_instance.web[0] (remote-exec): b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 'aws_instance.web[1] (remote-exec): Connecting to remote host via SSH...', 'aws_instance.web[0] (remote-exec): QyNTUxOQAAACBqbG9uZ2tleWJvZHlmb3J0ZXN0aW5nb25seQAAAJhUZXN0b3BlbnNzaC1r', 'aws_instance.web[0] (remote-exec): AAAECzdA==', 'aws_instance.web[0] (remote-exec): -----END OPENSSH PRIVATE KEY-----'],
      ['aws_instance.web[0] (remote-exec): -----BEGIN OPENSSH PRIVATE KEY-----', 'aws_instance.web[0] (remote-exec): ***', 'aws_instance.web[1] (remote-exec): Connecting to remote host via SSH...', 'aws_instance.web[0] (remote-exec): ***', 'aws_instance.web[0] (remote-exec): ***', 'aws_instance.web[0] (remote-exec): -----END OPENSSH PRIVATE KEY-----'],
    ],
    [
      'with a time on each line after the prefix',
      ['aws_instance.web (remote-exec): 2024-05-01T10:00:00Z -----BEGIN PRIVATE KEY-----', 'aws_instance.web (remote-exec): 2024-05-01T10:00:01Z MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj', 'aws_instance.web (remote-exec): 2024-05-01T10:00:02Z q7R6s5==', 'aws_instance.web (remote-exec): 2024-05-01T10:00:03Z -----END PRIVATE KEY-----'],
      ['aws_instance.web (remote-exec): 2024-05-01T10:00:00Z -----BEGIN PRIVATE KEY-----', 'aws_instance.web (remote-exec): 2024-05-01T10:00:01Z ***', 'aws_instance.web (remote-exec): 2024-05-01T10:00:02Z ***', 'aws_instance.web (remote-exec): 2024-05-01T10:00:03Z -----END PRIVATE KEY-----'],
    ],
    [
      "an OpenPGP key's armor headers (RFC 4880 section 6.2)",
      ['-----BEGIN PGP PRIVATE KEY BLOCK-----', 'Version: GnuPG v2', 'Hash: SHA256', 'Charset: UTF-8', 'MessageID: 3F17F5316E2BAC89', 'Comment: deploy key', '', 'lQOYBGXq7R4BCAC7VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dV', '=q7R6', '-----END PGP PRIVATE KEY BLOCK-----'],
      ['-----BEGIN PGP PRIVATE KEY BLOCK-----', 'Version: GnuPG v2', 'Hash: SHA256', 'Charset: UTF-8', 'MessageID: 3F17F5316E2BAC89', 'Comment: deploy key', '', '***', '***', '-----END PGP PRIVATE KEY BLOCK-----'],
    ],
    [
      'wrapped at 76, its later lines of 64 (the first line is no width for the rest)',
      ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJkq7R6s5T4u3Zq8Wv3x', 'Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJkq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5u', 'q7R6s5==', '-----END RSA PRIVATE KEY-----'],
      ['-----BEGIN RSA PRIVATE KEY-----', '***', '***', '***', '-----END RSA PRIVATE KEY-----'],
    ],
    [
      'of lines of varying length (a heredoc written by hand), a shorter line in the middle and two short last lines',
      ['    -----BEGIN PRIVATE KEY-----', '    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj', '    Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJk', '    q7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJkq7R6s5T4u3Zq8Wv3x', '    AAAECzdAbCdE', '    q7R6', '    -----END PRIVATE KEY-----', '  EOT'],
      ['    -----BEGIN PRIVATE KEY-----', '    ***', '    ***', '    ***', '    ***', '    ***', '    -----END PRIVATE KEY-----', '  EOT'],
    ],
    [
      "in a provisioner's output, its first line shorter than the rest",
      ['aws_instance.web (remote-exec): -----BEGIN OPENSSH PRIVATE KEY-----', 'aws_instance.web (remote-exec): b3BlbnNzaC1rZXktdjEAAAAABG5vbmUA', 'aws_instance.web (remote-exec): QyNTUxOQAAACBqbG9uZ2tleWJvZHlmb3J0ZXN0aW5nb25seQAAAJhUZXN0b3BlbnNzaC1r', 'aws_instance.web (remote-exec): AAAECzdA', 'aws_instance.web (remote-exec): QyNTUxOQ==', 'aws_instance.web (remote-exec): -----END OPENSSH PRIVATE KEY-----'],
      ['aws_instance.web (remote-exec): -----BEGIN OPENSSH PRIVATE KEY-----', 'aws_instance.web (remote-exec): ***', 'aws_instance.web (remote-exec): ***', 'aws_instance.web (remote-exec): ***', 'aws_instance.web (remote-exec): ***', 'aws_instance.web (remote-exec): -----END OPENSSH PRIVATE KEY-----'],
    ],
    // Review rv-rt-leaks F6: RFC 4716's armor, and a PuTTY key file's private lines (its public lines and MAC are no secret).
    [
      "of an SSH2 key (RFC 4716), its Comment header kept",
      ['    ---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----', '    Comment: "rsa-key-20240501"', '    hSQK/lb09rIFxUeuVaT5jpTFPWhLn/5drcFlCxvnNGdcmyHc7E4nSmwfIp7/Jopp', '    na0p/Yt1JoW56KTLTYXPa/W4MxMs3WDlQPFPA2bdgG/MN33X7TfS5biDm0VZty1+', '    ---- END SSH2 ENCRYPTED PRIVATE KEY ----', '  EOT'],
      ['    ---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----', '    Comment: "rsa-key-20240501"', '    ***', '    ***', '    ---- END SSH2 ENCRYPTED PRIVATE KEY ----', '  EOT'],
    ],
    [
      "of a PuTTY key file in a provisioner's output, its Private-Lines",
      ['aws_instance.web (remote-exec): Public-Lines: 1', 'aws_instance.web (remote-exec): AAAAB3NzaC1yc2EAAAADAQABAAAAgQ', 'aws_instance.web (remote-exec): Private-Lines: 2', 'aws_instance.web (remote-exec): Z4RlvUOUjNwoLR1uLAy0xhnTf0baNaMYmbdzw/Isz0psundmjv+73hbPsETJveIm', 'aws_instance.web (remote-exec): q7R6s5T4u3Zq8Wv3xLm9Kp==', 'aws_instance.web (remote-exec): Private-MAC: 2b6ec017c1e1777155a0e9d8f27c7d9cf07255bc509cb3acac23db7c6e9b7d18'],
      ['aws_instance.web (remote-exec): Public-Lines: 1', 'aws_instance.web (remote-exec): AAAAB3NzaC1yc2EAAAADAQABAAAAgQ', 'aws_instance.web (remote-exec): Private-Lines: 2', 'aws_instance.web (remote-exec): ***', 'aws_instance.web (remote-exec): ***', 'aws_instance.web (remote-exec): Private-MAC: 2b6ec017c1e1777155a0e9d8f27c7d9cf07255bc509cb3acac23db7c6e9b7d18'],
    ],
  ])('masks a body %s', (_what, lines, expected) => {
    expect(masked(lines)).toEqual(expected);
  });

  it.each([
    // The redactor masked the whole key on one line: nothing after it is the key's.
    ['a key masked whole before', ['-----BEGIN PRIVATE KEY-----***', 'done', 'Zq8Wv3xLm9KpQ2rT']],
    // A one-line key (`"-----BEGIN …-----\nMIIE…"`) is detect's, and the lines after it are no body.
    ['a key in one line', ['key = "-----BEGIN PRIVATE KEY-----\\nMIIEvQ"', 'done']],
    // A public key or a certificate is no secret.
    ['a certificate', ['-----BEGIN CERTIFICATE-----', 'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ', '-----END CERTIFICATE-----']],
  ])('leaves %s as it was', (_what, lines) => {
    expect(masked(lines)).toEqual(lines);
  });

  it('ends a body cut short at the first line that is none of it, or after its padding: the lines after are shown', () => {
    const prefix = 'aws_instance.web (remote-exec): ';
    const lines = [`${prefix}-----BEGIN PRIVATE KEY-----`, `${prefix}MIIEvQIBADANBgkqhkiG9w0BAQEFAASC`, `${prefix}Connected!`, 'aws_instance.web: Creation complete after 1m2s', 'abcd'];
    expect(masked(lines)).toEqual([lines[0], `${prefix}***`, ...lines.slice(2)]);
    // A word of base64's letters after the short last line (which may be the key's) is no line of it.
    const short = [`${prefix}-----BEGIN PRIVATE KEY-----`, `${prefix}MIIEvQIBADANBgkqhkiG9w0BAQEFAASC`, `${prefix}q7R6s5==`, `${prefix}done`, `${prefix}ready`];
    expect(masked(short)).toEqual([short[0], `${prefix}***`, `${prefix}***`, ...short.slice(3)]);
  });

  it("ends a provisioner's key cut short (no END line, no padding) at terraform's next line of its resource, not at its timer", () => {
    const web = (text: string): string => `aws_instance.web[0] (remote-exec): ${text}`;
    const lines = [
      web('-----BEGIN PRIVATE KEY-----'),
      web('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj'),
      'aws_instance.web[0]: Still creating... [10s elapsed]',
      web('Zq8Wv3xLm9KpQ2rT'),
      "aws_instance.web[0]: Provisioning with 'remote-exec'...",
      web('done'),
      web('ready'),
    ];
    expect(masked(lines)).toEqual([lines[0], web('***'), lines[2], web('***'), ...lines.slice(4)]);
    // Another resource's line ends nothing.
    const other = [web('-----BEGIN PRIVATE KEY-----'), 'aws_instance.db: Creation complete after 1m2s', web('Zq8Wv3xLm9KpQ2rT')];
    expect(masked(other)).toEqual([other[0], other[1], web('***')]);
  });

  // terraform without -no-color writes its lines in bold, as hook_ui.go colours them (`[reset][bold]%s (%s):[reset] `,
  // `[reset][bold]%s: %s after %s%s`, a reset at the end): a coloured resource line ended no key, and a provisioner's later
  // words (`done`) were masked.
  it('masks coloured output as it masks -no-color output, its colour codes kept', () => {
    const bold = (text: string): string => `\x1b[0m\x1b[1m${text}`;
    const web = (text: string): string => `${bold('aws_instance.web[0] (remote-exec):')}\x1b[0m ${text}`;
    const plain = (text: string): string => `aws_instance.web[0] (remote-exec): ${text}`;
    const key = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj'];
    const coloured = [
      ...key.map(web),
      bold('aws_instance.web[0]: Still creating... [10s elapsed]\x1b[0m'),
      web('Zq8Wv3xLm9KpQ2rT'),
      bold("aws_instance.web[0]: Provisioning with 'remote-exec'...\x1b[0m"),
      web('done'),
      web('-----BEGIN PRIVATE KEY-----'),
      web('\x1b[32mMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\x1b[0m'),
      bold('aws_instance.web[0]: Creation complete after 1s [id=i-0abc]\x1b[0m'),
      web('ready'),
    ];
    const uncoloured = coloured.map((line) => line.replace(/\x1b\[[0-9;]*m/g, ''));
    expect(masked(uncoloured)).toEqual([plain(key[0]), plain('***'), uncoloured[2], plain('***'), uncoloured[4], plain('done'), uncoloured[6], plain('***'), uncoloured[8], plain('ready')]);
    expect(masked(coloured)).toEqual([web(key[0]), web('***'), coloured[2], web('***'), coloured[4], web('done'), coloured[6], web('\x1b[32m***\x1b[0m'), coloured[8], web('ready')]);
  });
});
