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

  it('ends a body cut short at the first line that is none of it, or after a line shorter than its first: the lines after are shown', () => {
    const prefix = 'aws_instance.web (remote-exec): ';
    const lines = [`${prefix}-----BEGIN PRIVATE KEY-----`, `${prefix}MIIEvQIBADANBgkqhkiG9w0BAQEFAASC`, `${prefix}Connected!`, 'aws_instance.web: Creation complete after 1m2s', 'abcd'];
    expect(masked(lines)).toEqual([lines[0], `${prefix}***`, ...lines.slice(2)]);
    // A word of base64's letters after the short last line (which may be the key's) is no line of it.
    const short = [`${prefix}-----BEGIN PRIVATE KEY-----`, `${prefix}MIIEvQIBADANBgkqhkiG9w0BAQEFAASC`, `${prefix}q7R6s5==`, `${prefix}done`, `${prefix}ready`];
    expect(masked(short)).toEqual([short[0], `${prefix}***`, `${prefix}***`, ...short.slice(3)]);
  });
});
