/** The detectors behind the sensitive-data rules: what they catch, and what they must leave alone. */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { detect, detectAll, displayPath, entropy, isToken, masked, maskedAll, maskUrlSecrets, mayHold, namesCredential, replacedSecrets, safeText, snakeName, tokenShapeNames } from '../../../checks/rules/support/detect';
import { providerAddress } from '../../../checks/model/module-path';
import { redactAll } from '../../../checks/mask';

const kinds = (text: string, scope: 'all' | 'credentials' = 'all') => detect(text, { scope }).map((d) => d.kind);

describe('detect', () => {
  it.each([
    ['a version', 'v1.2.3 and 10.20.30'],
    ['a build number and an account id', 'build 20241128120000 in 123456789012'],
    ['a timestamp with an offset', '2024-01-15T10:00:00+01:00, 2024-01-15 12:00:00'],
    ['IP addresses and CIDRs', '192.168.100.200 10.0.0.0/16 2001:db8::1'],
    ['an ARN', 'arn:aws:iam::123456789012:role/TwinMakerWorkspaceRole2024'],
    ['a UUID and a hex digest', '123e4567-e89b-12d3-a456-426614174000 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    ['a port range and a short number', 'ports 8080-8090, ext 555-1234'],
    ['semver build metadata', '1.0.0+20130313144700'],
    ['an ssh remote and an asset', 'git@github.com:org/repo.git ssh://git@github.com/org/repo icon@2x.png'],
    ['systemd template units', 'getty@tty1.service openvpn-client@office.service user@1000.slice systemd-fsck@dev-sda1.service Getty@TTY2.SERVICE'],
    ['AWS resource ids', 'i-0123456789abcdef0 sg-0a1b2c3d ami-12345678 vol-049df61146c4d7901'],
    ['IAM unique ids (not secrets)', 'AROAEXAMPLEROLEID1234 AIDAEXAMPLEUSERID1234'],
    ['camel-case identifiers', 'TwinMakerWorkspaceRoleProduction2024Environment MyApplicationLoadBalancerListener443Https'],
    ['a URL without credentials', 'https://api.example.com/v1?region=eu&page=2 postgres://app@db:5432/x'],
    ['URL placeholders', 'https://${USER}:${PASSWORD}@host/ https://h/?token=<token>&password=***'],
  ])('finds nothing in %s', (_what, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it.each([
    ['an email address', 'mail jane.roe+ops@mail.example.co.uk', 'email', 'j***@m***.uk'],
    // A cloudposse id built from a namespace that holds one: `${namespace}-${stage}-${name}`.
    ['an email address followed by a dash', 'john.doe@example.com-prod-app', 'email', 'j***@e***.com'],
    // RFC 6531 and IDN: the whole address is found, so none of it shows once masked.
    ['an address with non-ASCII letters', 'owner jürgen.müller@example.de', 'email', 'j***@e***.de'],
    ['an address at an internationalized domain', 'Contact: zoë@müller.de', 'email', 'z***@m***.de'],
    ['an address at a punycode domain', 'ops@example.xn--p1ai', 'email', 'o***@e***.xn--p1ai'],
    ['an international phone number', 'call +49 151 1234 5678', 'phone', '+** *** **** **78'],
    ['a North American phone number', 'call (555) 123-4567', 'phone', '(***) ***-**67'],
    ['an access key id', 'AKIAIOSFODNN7EXAMPLE', 'aws-access-key-id', 'AKIA***'],
    ['a temporary access key id', 'ASIAIOSFODNN7EXAMPLE', 'aws-access-key-id', 'ASIA***'],
    ['a private key', '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----', 'private-key', '-----BEGIN PRIVATE KEY-----***'],
    ['an SSH2 private key (RFC 4716)', '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nhSQK/lb09rIFxUeuVaT5jpTFPWhLn/5drcFlCxvnNGdcmyHc7E4nSmwfIp7/Jopp\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n', 'private-key', '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----***'],
    ['a PuTTY key file', 'PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: k\nPublic-Lines: 1\nAAAAB3NzaC1yc2EAAAADAQABAAAAgQ\nPrivate-Lines: 1\nZ4RlvUOUjNwoLR1uLAy0xhnTf0baNaMYmbdzw/Isz0psundmjv+73hbPsETJveIm\nPrivate-MAC: 2b6ec017c1e1777155a0e9d8f27c7d9cf07255bc509cb3acac23db7c6e9b7d18\n', 'private-key', 'PuTTY-User-Key-File-3: ssh-rsa***'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'token', 'eyJh***'],
    ['a Slack token', 'xoxb-123456789012-abcdefghijkl', 'token', 'xoxb***'],
    ['a long random token', 'Km8dPq2Lx9Vr4Tz7Nw1Hb6Jc3Fg5Ys0Ae', 'token', 'Km8d***'],
    ['a URL with a password', 'https://user:pass@host/p?token=abc', 'url-credentials', 'https://***:***@host/...'],
    ['a presigned URL', 'https://b.s3.amazonaws.com/k?X-Amz-Signature=abcdef0123', 'url-credentials', 'https://b.s3.amazonaws.com/...'],
  ])('finds %s, masked', (_what, text, kind, masked) => {
    const [found] = detect(text, { scope: 'all' });
    expect(found).toMatchObject({ kind, masked });
    expect(found.secrets).toContain(found.raw);
  });

  it('keeps personal data and random-looking strings out of the credentials scope', () => {
    expect(kinds('jane.roe@example.com +1 555 123 4567 Km8dPq2Lx9Vr4Tz7Nw1Hb6Jc3Fg5Ys0Ae', 'credentials')).toEqual([]);
    expect(kinds('AKIAIOSFODNN7EXAMPLE https://u:p4ss@h/', 'credentials')).toEqual(['aws-access-key-id', 'url-credentials']);
  });

  it('counts a 40-character secret key only near a key id or a name that says secret', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(kinds(secret, 'credentials')).toEqual([]);
    expect(detect(secret, { scope: 'credentials', label: 'AWS_SECRET_ACCESS_KEY' }).map((d) => d.kind)).toEqual(['aws-secret-access-key']);
    expect(kinds(`{"name":"AWS_SECRET_ACCESS_KEY","value":"${secret}"}`, 'credentials')).toEqual(['aws-secret-access-key']);
    const [keyId, bare] = detectAll([{ text: 'AKIAIOSFODNN7EXAMPLE' }, { text: secret }], { scope: 'credentials' });
    expect([keyId.map((d) => d.kind), bare.map((d) => d.kind)]).toEqual([['aws-access-key-id'], ['aws-secret-access-key']]);
  });

  it('finds an address a URL carries percent-encoded, reported encoded and masked as the address; a name encoded so that is no address is none', () => {
    const found = (text: string) => detect(text, { scope: 'all' }).map((d) => [d.raw, d.masked]);
    expect(found('https://calendar.example.com/embed?src=jane.doe%40example.com&ctz=UTC')).toEqual([['jane.doe%40example.com', 'j***@e***.com']]);
    expect(found('mailto:jane%2Bops%40example.com')).toEqual([['jane%2Bops%40example.com', 'j***@e***.com']]);
    expect(found('https://x.example.com/exports/jane.doe%40example.com-2024.csv')).toEqual([['jane.doe%40example.com', 'j***@e***.com']]);
    expect(found('https://cdn.example.com/icon%402x.png getty%40tty1.service x%40y')).toEqual([]);
  });

  it('takes `user@host:` for a host only before a path or a port: an address before a word is one (`jane@example.com:admin`)', () => {
    const raws = (text: string) => detect(text, { scope: 'all' }).map((d) => d.raw);
    expect(raws('git@github.com:org/repo.git git@host.example.com:repo.git admin@host.example.com:/tmp u@host.example.com:~/x db@host.example.com:5432')).toEqual([]);
    expect(raws('Owners: jane@example.com:admin, bob@example.org:read')).toEqual(['jane@example.com', 'bob@example.org']);
  });

  it('takes `user@host` after ssh and its options, or at a host AWS names, for a login, not an address', () => {
    const raws = (text: string) => detect(text, { scope: 'all' }).map((d) => d.raw);
    for (const text of [
      'ssh ec2-user@bastion.example.com',
      'ssh -i key.pem -p 2222 ubuntu@ec2-54-1-2-3.compute-1.amazonaws.com',
      'ssh -J jump@bastion.example.com deploy@app.example.com',
      'sftp -P 2222 deploy@files.example.com',
      'login as ubuntu@ip-10-0-0-1.ec2.internal or admin@ip-10-0-0-2.eu-west-1.compute.internal',
    ]) expect(raws(text)).toEqual([]);
    // Words between ssh and the name, or a command between: an address.
    expect(raws('ssh access: ask jane@example.com')).toEqual(['jane@example.com']);
    expect(raws('ssh ops@bastion.example.com; mail jane@example.com')).toEqual(['jane@example.com']);
    expect(raws('sshd owner jane@amazon.com')).toEqual(['jane@amazon.com']);
    // Only a command line logs in, and only to a host under a domain: a domain alone is where mail goes.
    for (const text of ['$ sftp -P 2222 deploy@files.example.com', 'cd /srv && ssh -tt ops@db1.prod.example.com']) expect(raws(text)).toEqual([]);
    for (const [text, address] of [
      ['ssh jane.doe@example.com', 'jane.doe@example.com'],
      ['ssh -C jane.doe@example.com', 'jane.doe@example.com'],
      ['Owner: (ssh jane.doe@example.com)', 'jane.doe@example.com'],
      ['git clone ssh jane@github.com', 'jane@github.com'],
      ['use ssh -o User=x jane.doe@gmail.com', 'jane.doe@gmail.com'],
      ['ssh jane@mail.example.co.uk', 'jane@mail.example.co.uk'],
    ]) expect(raws(text)).toEqual([address]);
  });

  it('finds an address at a bare number before a top-level domain that is a file extension too; a version there is a file', () => {
    const raws = (text: string) => detect(text, { scope: 'all' }).map((d) => d.raw);
    expect(raws('jane@163.sh jane.doe@10.md jane@2.tf')).toEqual(['jane@163.sh', 'jane.doe@10.md', 'jane@2.tf']);
    expect(raws('deploy@2.1.sh module@v2.tf handler@1.4.0.zip icon@2x.zip')).toEqual([]);
  });

  it('finds a phone number written with spaces alone where a name says it is one: the tag key or field it is under, or a word before it', () => {
    const found = (text: string, label?: string) => detect(text, { scope: 'all', ...(label === undefined ? {} : { label }) }).map((d) => [d.raw, d.masked]);
    // Unnamed, digits in groups with spaces are sizes, ports and counts as often.
    for (const text of ['555 010 9999', 'sizes 128 256 1024', 'ports 443 8080 9090', '020 7946 0958', 'hotel 555 010 9999', 'Mobile app build 1234 5678']) expect(found(text)).toEqual([]);
    expect(found('555 010 9999', 'OnCallPhone')).toEqual([['555 010 9999', '*** *** **99']]);
    expect(found('020 7946 0958', 'contact-mobile')).toEqual([['020 7946 0958', '*** **** **58']]);
    expect(found('06 12 34 56 78', 'Tel')).toEqual([['06 12 34 56 78', '** ** ** ** 78']]);
    expect(found('5550109999', 'PhoneNumber')).toEqual([['5550109999', '********99']]);
    expect(found('Phone: 555 010 9999, Fax: 555 010 9998.')).toEqual([['555 010 9999', '*** *** **99'], ['555 010 9998', '*** *** **98']]);
    expect(found('telephone=0151 1234 5678')).toEqual([['0151 1234 5678', '**** **** **78']]);
    // An area code in parentheses makes a North American number of spaces alone one.
    expect(found('call (555) 010 9999')).toEqual([['(555) 010 9999', '(***) *** **99']]);
    // A name that is no phone's, or a value that is no number.
    expect(found('arn:aws:sms-voice:eu-west-1:123456789012:phone-number/phone-1234567890', 'phone_number_arn')).toEqual([]);
    for (const text of ['10.0.0.1', '2024-01-15', 'v1.2.3', '123', 'none']) expect(found(text, 'Phone')).toEqual([]);
  });

  it('takes no +0 for a phone number: no E.164 country code begins with 0', () => {
    expect(kinds('offsets +02 00 00 00 and +01 02 03 04 05 06')).toEqual([]);
    expect(kinds('call +33 6 12 34 56 78')).toEqual(['phone']);
  });

  it('takes no systemd unit type for a top-level domain, but a top-level domain of a like name still counts', () => {
    const raws = (text: string) => detect(text, { scope: 'all' }).map((d) => d.raw);
    for (const type of ['service', 'socket', 'device', 'mount', 'automount', 'swap', 'path', 'timer', 'slice', 'scope']) expect(raws(`Unit=backup@home.${type}`)).toEqual([]);
    // `services` and `target` are in IANA's root zone: an address there is one.
    expect(detect('owner jane@example.services, runs getty@tty1.service', { scope: 'all' }).map((d) => [d.raw, d.masked])).toEqual([['jane@example.services', 'j***@e***.services']]);
    expect(raws('ops@corp.target wants multi-user.target')).toEqual(['ops@corp.target']);
  });

  it('takes a `.target` instance for a unit where only a unit is written: a unit setting that lists units, or systemctl and its verb', () => {
    const raws = (text: string) => detect(text, { scope: 'all' }).map((d) => d.raw);
    for (const text of ['WantedBy=multi-user.target backup@home.target', 'After=network-online.target\nUnit=backup@home.target', 'sudo systemctl enable --now backup@home.target', 'systemctl -q start backup@home.target']) {
      expect(raws(text)).toEqual([]);
    }
    // Anywhere else `.target` is a top-level domain (Target's), and an address there has a unit's shape.
    expect(raws('backup@home.target')).toEqual(['backup@home.target']);
    expect(raws('Owner=backup@home.target')).toEqual(['backup@home.target']);
    expect(raws('WantedBy=multi-user.target\nowner ops@corp.target')).toEqual(['ops@corp.target']);
  });

  it("takes a name at a unit type for a unit only with a unit's characters: another holds the address it starts with", () => {
    const found = (text: string) => detect(text, { scope: 'all' }).map((d) => [d.raw, d.masked]);
    expect(found('certbot@example.com.service certbot@example.com-prod.service sshd@10.0.0.1:22-10.0.0.2:5000.socket')).toEqual([]);
    expect(found('jane+ops@example.com.service')).toEqual([['jane+ops@example.com', 'j***@e***.com']]);
    expect(found('jürgen.müller@example.de.timer')).toEqual([['jürgen.müller@example.de', 'j***@e***.de']]);
  });

  it("finds the address a file's name starts with, masked as an address; a name with none is a file's", () => {
    const found = (text: string) => detect(text, { scope: 'all' }).map((d) => [d.raw, d.masked]);
    expect(found('exports/jane.doe@example.com-2024.csv')).toEqual([['jane.doe@example.com', 'j***@e***.com']]);
    expect(found('jane.doe@example.com.json, ops@corp.internal.log')).toEqual([['jane.doe@example.com', 'j***@e***.com'], ['ops@corp.internal', 'o***@c***.internal']]);
    expect(found('module@v2.tf terraform@v2.tfvars deploy@2.1.sh cert@2x.pem vars@prod.hcl a@b.png.csv')).toEqual([]);
    // `.sh` is Saint Helena's: an address there is one.
    expect(found('jane@gob.sh')).toEqual([['jane@gob.sh', 'j***@g***.sh']]);
  });

  it('finds an address at a top-level domain that is also a file extension, but not a file name with a scale or a version there', () => {
    const found = (text: string) => detect(text, { scope: 'all' }).map((d) => [d.raw, d.masked]);
    // `.zip`, `.tf`, `.py` and `.md` are in IANA's root zone.
    expect(found('owners jane@gob.py, ops@example.md, x@y.zip and a@b.tf')).toEqual([
      ['jane@gob.py', 'j***@g***.py'], ['ops@example.md', 'o***@e***.md'], ['x@y.zip', 'x***@y***.zip'], ['a@b.tf', 'a***@b***.tf'],
    ]);
    expect(found('Contact: Jane.Roe@Mail.Example.MD')).toEqual([['Jane.Roe@Mail.Example.MD', 'J***@M***.MD']]);
    expect(found('icon@2x.zip sprite@1.5x.md Logo@3X.PY handler@1.4.0.zip module@v2.1.tf icon@2x.png report@q3.pdf')).toEqual([]);
    // A scale or a version names a file only at an extension: at `.com`, `x@2x.com` and `x@1.2.com` are addresses.
    expect(found('x@2x.com x@1.2.com')).toEqual([['x@2x.com', 'x***@2***.com'], ['x@1.2.com', 'x***@1***.com']]);
  });

  it('finds a non-ASCII address whole, never from the middle of a word', () => {
    const raws = (text: string) => detect(text, { scope: 'all' }).map((d) => d.raw);
    expect(raws('aws_iam_user.u["jürgen.müller@example.de"]')).toEqual(['jürgen.müller@example.de']);
    expect(raws('Ansprechpartner: björn.großmann@bücher.example, 山田@例え.jp')).toEqual(['björn.großmann@bücher.example', '山田@例え.jp']);
    // Decomposed letters (a base letter and a combining mark) belong to the address too.
    expect(raws('zoe\u0308.mu\u0308ller@example.de')).toEqual(['zoe\u0308.mu\u0308ller@example.de']);
  });

  it.each([
    ['a connection string', 'Server=db;User Id=sa;Password=Sup3rS3cret!;', 'Password', 'Sup3rS3cret!'],
    ['JDBC parameters after `;`', 'jdbc:sqlserver://db:1433;user=sa;password=Sup3rS3cret!', 'password', 'Sup3rS3cret!'],
    ['a shell assignment, quoted', "export DB_PASSWORD='Sup3r S3cret!'", 'DB_PASSWORD', 'Sup3r S3cret!'],
    ['a command-line flag', 'mysql --user=app --password=Hunter22 db', 'password', 'Hunter22'],
    ['a flag after a flag that is no credential', 'kubectl create secret generic db --from-literal=password=Hunter22', 'password', 'Hunter22'],
    ['a YAML line', 'api_key: Ab12Cd34', 'api_key', 'Ab12Cd34'],
    ['an Azure storage connection string', 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Zm9vYmFyYmF6cXV4==;', 'AccountKey', 'Zm9vYmFyYmF6cXV4=='],
    // ADO.NET takes spaces and `&` in a value unquoted: it runs to the `;`.
    ['a connection string whose password holds spaces', 'Server=db;Password=correct horse battery staple;Encrypt=True', 'Password', 'correct horse battery staple'],
    ['a connection string whose password holds an ampersand', 'Server=db;Pwd=Tr0ub4dor&3xkcd936;', 'Pwd', 'Tr0ub4dor&3xkcd936'],
    // A quoted name: a JSON file user data writes, a Python dictionary, a hash's key.
    ['a JSON key', 'cat > /etc/app/config.json <<EOF\n{"db_host": "db.internal", "db_password": "Zq8Wv3xLm9Kp"}\nEOF', 'db_password', 'Zq8Wv3xLm9Kp'],
    ['a JSON key as jsonencode writes it', '{"host":"db","password":"Zq8Wv3xLm9Kp"}', 'password', 'Zq8Wv3xLm9Kp'],
    ['a Python dictionary key', "DATABASES = {'default': {'PASSWORD': 'Zq8Wv3xLm9Kp'}}", 'PASSWORD', 'Zq8Wv3xLm9Kp'],
    ['a key in brackets', 'ENV["DB_PASSWORD"] = "Zq8Wv3xLm9Kp"', 'DB_PASSWORD', 'Zq8Wv3xLm9Kp'],
    ['a JSON key in a string of a JSON document', '[{"command":["sh","-c","echo \'{\\"password\\": \\"Zq8Wv3xLm9Kp\\"}\' > /app/s.json"]}]', 'password', 'Zq8Wv3xLm9Kp'],
  ])('finds a credential after its name in %s, the value alone masked', (_what, text, name, value) => {
    const found = detect(text, { scope: 'credentials' });
    expect(found).toEqual([expect.objectContaining({ kind: 'named-credential', raw: value, masked: expect.stringMatching(/^.{0,4}\*\*\*$/) })]);
    expect(found[0].what).toContain(name);
    expect(masked(text, found)).not.toContain(value);
  });

  it('reads a double-quoted value to its closing quote past an escaped one, as terraform prints it: no tail is left in clear', () => {
    const text = '      + api_password = "Zx9qLm2Kp\\"wQ7-rT"';
    const found = detect(text, { scope: 'credentials' });
    expect(found).toEqual([expect.objectContaining({ kind: 'named-credential', raw: 'Zx9qLm2Kp\\"wQ7-rT' })]);
    expect(masked(text, found)).toMatch(/^ {6}\+ api_password = "[^"\\]{0,4}\*\*\*"$/);
    // A backslash that escapes nothing before the quote that closes the value (a Windows path) is read as before.
    expect(detect('password = "C:\\Zq8Wv3xLm9Kp\\" next', { scope: 'credentials' })).toEqual([expect.objectContaining({ raw: 'C:\\Zq8Wv3xLm9Kp\\' })]);
  });

  it.each([
    ['references', 'export DB_PASSWORD=$(aws secretsmanager get-secret-value) PASSWORD="${DB_PASSWORD}" pwd=$PW Pwd=%DB_PWD% token={{ssm:/ci/token}} password=$env:PW'],
    ['Terraform expressions and what terraform shows instead of a value', 'password = var.db_password token = random_password.db.result password = (sensitive value) api_token = (known after apply) api_token = "ghp_***"'],
    ['placeholders', 'password=changeme PASSWORD=<password> pwd=*** token=xxx api_key=YOUR_API_KEY password="" password=\n'],
    ['a path, an ARN, a flag', 'password=/run/secrets/db token=arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci password=true'],
    ['prose after `:`', 'Reset password: see the runbook. token: required'],
    ['comparisons and YAML tags', 'if [ "$password" == "x" ]; then; MasterUserPassword: !Ref DbPassword'],
    ['IAM actions and ARNs', '{"Action":["secretsmanager:GetSecretValue"],"Resource":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-password"}'],
    ['JSON keys that hold no credential', '{"password": "${DB_PASSWORD}", "token": null, "secret": {"arn": "x"}, "api_key": "", "passwordLength": "16", "aws:SecureTransport": "false", "client_secret": "changeme"}'],
    ['names that are no credential', 'creation_token=abc123def passwordless=enabled5 key_name=deploy-2024 http_tokens=required'],
    ['names that name where a credential is kept (Helm, Kubernetes)', 'existingSecret: pg-credentials --set auth.existingSecret=pg-credentials tls_secret: ingress-tls certificatesSecret: pg-tls'],
    ['values kept elsewhere', 'vault kv put secret/app password=@/run/app/pw.txt api_key: ssm:/prod/api-key SECRET_KEY=op://vault/item/field password: secretsmanager:prod/db:password:: docker build --secret=id=npmrc,src=/home/.npmrc .'],
    ['numbers and durations', 'refresh_token: 43200 session_token: 3600s token_ttl=3600'],
    ['prose ending in punctuation', 'Fires when the API key: invalid, or token: expired, errors exceed 5/min. Password: see the rotation Lambda, secret: none.'],
  ])('finds no credential after a name in %s', (_what, text) => {
    expect(kinds(text, 'credentials')).toEqual([]);
  });

  it.each([
    ['a personal access token', 'glpat-Ab3dE5fG7hJ9kL1mN3pQ'],
    ['a runner authentication token', '--token glrt-Ab3dE5fG7hJ9kL1mN3pQ'],
    ['a deploy token', 'gldt-Ab3dE5fG7hJ9kL1mN3pQ'],
    ['a pipeline trigger token', 'glptt-0123456789abcdef0123456789abcdef01234567'],
    ['a SCIM token', 'glsoat-Ab3dE5fG7hJ9kL1mN3pQ'],
    ['a runner registration token', 'GR1348941Ab3dE5fG7hJ9kL1mN3pQ'],
    ['a routable personal access token', 'glpat-Ab3dE5fG7hJ9kL1mN3pQrS.01.0w1x2y3z4'],
  ])('finds a GitLab token: %s', (_what, text) => {
    expect(detect(text, { scope: 'credentials' })).toEqual([expect.objectContaining({ kind: 'token', what: 'a GitLab token', raw: text.replace(/^--token /, '') })]);
  });

  /** A sample of each token shape, of each alternative of its regex: the prefilter's hints must hold one of every kind. */
  const TOKEN_SAMPLES: readonly (readonly [string, string])[] = [
    ['a JSON Web Token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['a GitHub token', 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB'],
    // A fine-grained token holds no `gh` (its random part here holds none either).
    ['a GitHub token', 'github_pat_11ABCDEFG0aBcDeFiJkL_mNoPqRsTuVwXyZ0123456789aBcDeFiJkLmNoPqRsTuVwXyZ01234'],
    ['a GitLab token', 'glpat-Ab3dE5fG7hJ9kL1mN3pQ'],
    ['a Slack token', 'xoxb-123456789012-abcdefghijkl'],
    ['a Slack webhook URL', 'https://hooks.slack.com/services/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'],
    ['a Stripe secret key', 'sk_live_Zq8Wv3Lm9Np4Rs6Tv8Wb1Kc3'],
    ['a Stripe secret key', 'rk_live_Zq8Wv3Lm9Np4Rs6Tv8Wb1Kc3'],
    ['a Google API key', 'AIzaSyZq8Wv3Lm9Np4Rs6Tv8Wb1Kc3Xy7Zq2Lm9'],
    ['a Slack token', 'xapp-1-A0123456789-1234567890123-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b'],
    ['a Google OAuth client secret', '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'],
    ['a SendGrid API key', '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'],
    ['an npm access token', 'npm_Zq8Wv3Lm9Np4Rs6Tv8Wb1Kc3Xy7Zq2Lm9Np4'],
    ['an OpenAI API key', 'sk-proj-Zq8Wv3Lm9Np4Rs6Tv8Wb1Kc3Xy7Zq2Lm9Np4Rs6Tv8Wb1Kc3T3BlbkFJZq8Wv3Lm9Np4Rs6Tv8Wb1Kc3'],
    ['an OpenAI API key', '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'],
    // Fakes of the shapes of gitleaks' rules for providers besides AWS: the right alphabet and length, no real key.
    ['a HashiCorp Vault token', 'hvs.CAESIz-QtsASNs-m2c7qjA9isTmxx6vclyMMuV0obZFDpytrE30EfTk8OhkxIY6wwcjz_8aMcGtxEoqF5RNR_eJ6QKr'],
    ['a HashiCorp Vault token', 'hvb.AAAAAQVgQbJG_ngl5e8Juo_cQgZREzvGD4HXNGhEuKyVN-KRAPhTmtXA7y5VonA1AADmvW2PNuIggqjAbXcktEJP2qpfAqXryjoLc1p5MA5EsAw1w_NObDCPI2gucRJgl2FoL_TulFAI'],
    ['a HashiCorp Vault token', 'hvr.AVN76U9424oflO83UTA-rrYj4BF8hezZf6TkfCHCkqt7giDc4PyEn0UEbtaFtGPW8Do_thUSl2yHmyQdE-tzD9uWeS'],
    ['an HCP Terraform API token', 'dfvvs78an9p9l7.atlasv1.AJHJi57eLoLvfv-koaUH9HhE387TnUi2h8gbdfAAINUP8FL8QBdqJKFkUtxh1ovy5QK'],
    ['a Grafana token', 'glsa_R6xFTkhhOfGZoqC7vdh4JirZIfushomb_47637457'],
    ['a Grafana token', 'glc_eyJvIjoiNzQ0NTg3IiwibiI6InN0YWNrLTQ3NTgzMC1obC13cml0ZS14IiwiayI6IlJYTFkyMFVIamRxV1NTTlVzN0p0N2s2NyIsIm0iOnsiciI6InVzIn19'],
    ['a Grafana token', 'eyJrIjoiAL0hrXdODePrHDqAbgw5Xfi62uWxcp0gljZSzJw2j9M835s3AbBcHVBNR3DymNfBOAVDPsRJ'],
    ['a New Relic key', 'NRAK-U72IGZJQS1TLD04UKPK46SAGR1R'],
    ['a New Relic key', 'NRII-zJ_AXN_cg7Q_pl0wdH6LMEDZqc9gvGv0'],
    ['a New Relic key', 'NRJS-2d3a056e21746d6c7f8'],
    ['a New Relic key', 'eu01xx9dd46cd0838f32c7e6639bbc924e0eNRAL'],
    ['a Databricks token', 'dapiag2da31cd17bcc831b98b534fe613f84-2'],
    ['an Azure AD client secret', 'bP88Q~irlJbV8.ho25HixoLYtSUfbZCKa_LTGvKL'],
    ['an Azure shared access signature', 'sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=jSBzceVgPLXS1tXV3AGh4dO4DmhUmyE80eBDXhF9%3D'],
    ['a Docker Hub access token', 'dckr_pat_sZny5EakBEIbc44xtZo9Qhe_1en'],
    ['a Docker Hub access token', 'dckr_oat_D9vIc8UZsaG6XuGI1XoiVB6dbT49fMbU'],
    ['a PyPI upload token', 'pypi-AgEIcHlwaS5vcmc19jIYnZcVm7enYks8o05A_L-LPuCrmzGFXsompbHR0Ks4Lj2QIENgn-Hmhq7'],
    ['a PyPI upload token', 'pypi-AgENdGVzdC5weXBpLm9yZwfKENAyiDRaoBu7Os5t5vl14eTpL3UCMz3pH8G_36yW0FxgKYcU9SiNj_r2ND'],
    ['a Hugging Face token', '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'],
    ['a Hugging Face token', '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'],
    ['an Anthropic API key', 'sk-ant-api03--j8WSUvbMcllcF8Lprt5nel9-9HlvEAGJGcEsWFqLpk6a79j85AzG_lgu8-c5vP-QCJIJRqqrSeN9O9K885HYsOhEWf2XAA'],
    ['a Twilio API key', 'SK7635a161a20b1afe46b6728ab3c0ace5'],
    ['a Shopify token', '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'],
    ['a Shopify token', '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'],
    ['an Atlassian API token', 'ATATT3xFfGF0VSp1z6DVf9Vql0ujFV3oNVr4xsrSzWAuMlsL3-kTph62j1B0PcwpoYxDzV1q2wUpdBknoHNFAviOnJ0gXxzTiEvBvv3fOVRXGhviAlooPst7iYUucnePgnLBNZPmhGdqt0O02Zda6AXqLVcyCYcHx-y7Is4kwEVt9Ay446DGJ94=8BADB544'],
    ['a DigitalOcean token', 'dop_v1_63f235566e828e2493189b72a07683d2f45290084010a4e42bd81876d0506304'],
    ['a Postman API key', 'PMAK-1c195d2237fde14e51c08acb-4791c7137ceb6363961a7f8ad2718b4204'],
    ['an age secret key', 'AGE-SECRET-KEY-1P68728ZLHSAWVKD375NVHJDFRE5VR9MKYYLQ4F6DNRYZXNMTS5W3FYYSZK'],
    ['a Doppler token', 'dp.st.prd.wGflC5SxFmgWUl0SfcRuon9f0CkgQ9SX2xHGguvTdHH'],
    ['a Doppler token', 'dp.pt.jzIVuaQSmQHfANXDTH7oUTcR17OOTZb2GZMJgbd0Wzq'],
    ['a Linear API key', 'lin_api_TQES7KC8eEJpKYHKcH1DlgabiuaFmoUMmcekTWhi'],
    ['a Heroku API key', 'HRKU-AA9BEF75fPKELs-d0_Z5z-X4RpunKL76FUHs_mEhCLdr1xocdVeK1GlzqLhB'],
    // A browser session's client token, Workflow Builder webhooks, a Stripe test key and webhook secret, a Google access token.
    ['a Slack token', 'xoxc-1234567890-1234567890-1234567890-7ee5fc324bdb2e1142a21c402364f9572b85a8e48f687ab165c58ac5831be38c'],
    ['a Slack webhook URL', 'https://hooks.slack.com/workflows/T0AB12CDE/A0FG34HIJ/123456789012345678/Q8agOMTNwncxvjcnqcMUP6n0'],
    ['a Slack webhook URL', 'https://hooks.slack.com/triggers/T0AB12CDE/1234567890123/0adb59261ff2d3c425c8d99d19bdd0b6'],
    ['a Stripe secret key', 'sk_test_VZxqyxKjxvWfColNV9ds0HqtO93L7Q5uUaVcojsN'],
    ['a Stripe webhook signing secret', 'whsec_OBAGx5diFoNPcbdaKwtgHwIoALtLinxN'],
    ['a Google OAuth access token', 'ya29.fhdZxEuhnbzs0z1wNiMg9aW37k5wCnHDepQHgI3HLBkbvHEzuPyXQEW88ad3DNBYjvsedonuSsddfrfifiUziXnFAAoeelK9mqmALOR2HcSGKgVP8Kd0d3mS8gBlKv3azKgaS_m_x-SHuKBD-vok_n'],
    ['a Cloudflare Origin CA key', 'v1.0-269823b16a6425c699120af2-e0ddcf0546ee20e9ae1bc543b7ce31a7cdf58226be544714ed8f54c3b8de2248bb1f4324ac74b20a02ada07cea5825fe20716d4c3033071b8bab0ddf0ec744ded807eb0b8f2e029747'],
  ];

  // go-sql-driver/mysql's DSN has no scheme: `user:password@protocol(address)/dbname`.
  it.each([
    ['over TCP, with parameters', 'appuser:1Ekia7ZpTjCgeO@tcp(db.example.com:3306)/app?parseTime=true', '1Ekia7ZpTjCgeO', '***:***@tcp(db.example.com:3306)/app'],
    ['after its name in a script, an `@` in the password', 'export DSN="root:Zq8@Wv3xLm9@unix(/var/run/mysqld.sock)/app"', 'Zq8@Wv3xLm9', '***:***@unix(/var/run/mysqld.sock)/app'],
  ])("finds a Go MySQL driver's data source name with a password (%s), masked to its protocol and address", (_what, text, password, shown) => {
    const found = detect(text, { scope: 'credentials' });
    expect(found).toEqual([expect.objectContaining({ kind: 'url-credentials', what: 'a database connection string with a password in it', masked: shown })]);
    expect(found[0].secrets).toContain(password);
    expect(masked(text, found)).not.toContain(password);
  });

  it.each([
    ['a placeholder password', 'appuser:${DB_PASSWORD}@tcp(db.example.com:3306)/app'],
    ['no password', 'appuser@tcp(db.example.com:3306)/app'],
    ['prose with a protocol after an address', 'see ops@tcp(8) and a:b @tcp(x)'],
  ])("finds no data source name in %s", (_what, text) => {
    expect(kinds(text, 'credentials')).toEqual([]);
  });

  it('holds a sample of every token shape', () => {
    expect([...new Set(TOKEN_SAMPLES.map(([what]) => what))].sort()).toEqual(tokenShapeNames().sort());
  });

  it.each([
    ['ARNs and KMS key ids', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab mrk-1234abcd12ab34cd56ef1234567890ab alias/key-9f86d081884c7d659a2feaa0c55ad015'],
    ['UUIDs, AMI ids and hex digests', '123e4567-e89b-12d3-a456-426614174000 ami-0abcdef1234567890 SK#9f86d081884c7d659a2feaa0c55ad015 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    ['CDK asset hashes and base64 digests', 'cdk-hnb659fds-assets-123456789012-eu-west-1/4fa8f1c5e8b3d2a7e6f0c9b8a7d6e5f4c3b2a1908f7e6d5c4b3a29180f7e6d5c.zip 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= HelloHandler2E4FBA4D'],
    ['host names under a token prefix', 'hvs.internal-vault-cluster-eu-west-1.example.com dp.st.example.com https://hvb.example.org/v1/sys'],
    ['a name in camel case after `hf_`', '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'],
    ['versions and upper-case words', 'v1.0-beta v1.0-0123456789abcdef TASK0123456789abcdef0123456789abcdef DISK_SK_01'],
    ['a `~` in a CDN path', 'https://p3.example.com/tos-cn-i/6a9e704af49b4380bb686f0c96d33b81~tplv-k3u1fbpfcp-watermark.image'],
    ['a query with a short signature', 'sv=2022-11-02&sig=abc'],
  ])('finds no token shape in %s', (_what, text) => {
    const shapes = new Set(tokenShapeNames());
    expect(detect(text, { scope: 'all' }).filter((d) => shapes.has(d.what))).toEqual([]);
    expect(kinds(text, 'credentials')).toEqual([]);
  });

  it.each(TOKEN_SAMPLES)('finds %s (%s) wherever credentials are searched, the prefilter letting it through', (what, token) => {
    for (const text of [token, `UPSTREAM=${token}`, `{"token":"${token}"}`]) {
      expect(mayHold(text, { scope: 'credentials' })).toBe(true);
      expect(detect(text, { scope: 'credentials' })).toEqual([expect.objectContaining({ kind: 'token', what, raw: token })]);
    }
  });

  // RDS takes any printable character but `/`, `"`, `@` and a space in a master password; a URL's other parts hold these only encoded.
  it.each([
    ['a caret', 'postgres://app:Zq8Wv3^xLm9Kp@db.example.com:5432/app', 'postgres://app:Zq8Wv3^xLm9Kp@db.example.com:5432/app', 'Zq8Wv3^xLm9Kp'],
    ['a pipe', 'BROKER_URL=amqps://iot:Hx7|Tq2Lm9Wv@mq.example.com:5671', 'amqps://iot:Hx7|Tq2Lm9Wv@mq.example.com:5671', 'Hx7|Tq2Lm9Wv'],
    ['braces', 'rediss://:Tq2{Lm9}Wv8@cache.example.com:6379', 'rediss://:Tq2{Lm9}Wv8@cache.example.com:6379', 'Tq2{Lm9}Wv8'],
    ['angle brackets, a backslash and a backtick', 'mysql://app:Zq<8>W\\v`3@db/app', 'mysql://app:Zq<8>W\\v`3@db/app', 'Zq<8>W\\v`3'],
    ["a ' in a string a \" opens", `psql "postgres://app:Zq8'Wv3@db/app"`, "postgres://app:Zq8'Wv3@db/app", "Zq8'Wv3"],
    ["a \" in a string a ' opens", `DB_URL='postgres://app:Zq8"Wv3@db/app'`, 'postgres://app:Zq8"Wv3@db/app', 'Zq8"Wv3'],
  ])('finds a URL whose password holds %s, the password secret and masked', (_what, text, url, password) => {
    const found = detect(text, { scope: 'credentials' });
    expect(found).toEqual([expect.objectContaining({ kind: 'url-credentials', raw: url })]);
    expect(found[0].secrets).toContain(password);
    expect(masked(text, found)).not.toContain(password);
  });

  it("takes no user information past the quote that opens a URL's string", () => {
    // An ECS command's arguments: the `@` is another string's.
    expect(kinds('["--db=postgres://db.internal:5432","--admin=ops@example.com"]', 'credentials')).toEqual([]);
    expect(kinds("cmd 'https://api.example.com:8443','bot@example.com'", 'credentials')).toEqual([]);
  });

  it.each([
    ['Bearer, under Authorization', 'Bearer 7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy', 'Authorization', '7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy'],
    ['Basic, under Authorization', 'Basic ZGVwbG95OlpxOFd2M3hMbTlLcA==', 'authorization', 'ZGVwbG95OlpxOFd2M3hMbTlLcA=='],
    ["Bearer, under an API Gateway integration's parameter", 'Bearer 7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy', 'overwrite:header.Authorization', '7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy'],
    ['a key header', '7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy', 'X-API-Key', '7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy'],
    ["a key header's static value, as API Gateway quotes it", "'7f3kQ9zLm2Np4Rs6'", 'integration.request.header.x-auth-token', '7f3kQ9zLm2Np4Rs6'],
    ['an Authorization header in a command', 'curl -fsS -H "Authorization: Bearer 7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy" https://api.example.com/v1', undefined, '7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy'],
    ['an Authorization header in a JSON document', '{"headers":{"Authorization":"Token 7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy"}}', undefined, '7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy'],
    // Nginx's directives name the header, then a space, then its value: no `:` or `=` between them.
    ['nginx proxy_set_header, quoted', 'location / {\n  proxy_set_header Authorization "Bearer 9f8e7d6c5b4a3Zq8Wv3xLm9KpQ2rT5uV8";\n}', undefined, '9f8e7d6c5b4a3Zq8Wv3xLm9KpQ2rT5uV8'],
    ['nginx proxy_set_header, bare', 'proxy_set_header Authorization Bearer 9f8e7d6c5b4a3Zq8Wv3xLm9KpQ2rT5uV8;', undefined, '9f8e7d6c5b4a3Zq8Wv3xLm9KpQ2rT5uV8'],
    ['nginx add_header, a Token scheme, in lower case', "add_header authorization 'token 4d2c9a7e1b3f5a8c0e6d4b2a9c7e5f1a3b8d0c6e';", undefined, '4d2c9a7e1b3f5a8c0e6d4b2a9c7e5f1a3b8d0c6e'],
    ['a proxy header in an Apache config', 'RequestHeader set Proxy-Authorization "Bearer 9f8e7d6c5b4a3Zq8Wv3xLm9KpQ2rT5uV8"', undefined, '9f8e7d6c5b4a3Zq8Wv3xLm9KpQ2rT5uV8'],
    // A UUID is a token's shape (under `Authorization: `, `X-API-Key`, `API_TOKEN` it was found already), not a word of prose.
    ['nginx proxy_set_header, a UUID', 'proxy_set_header Authorization "Bearer 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f";', undefined, '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f'],
    ['an Apache header, a Token scheme and a UUID in upper case', 'RequestHeader set Authorization "token 550E8400-E29B-41D4-A716-446655440000"', undefined, '550E8400-E29B-41D4-A716-446655440000'],
    ['a scheme and a UUID under a name of an authorization', 'token 550e8400-e29b-41d4-a716-446655440000', 'auth', '550e8400-e29b-41d4-a716-446655440000'],
    ['a scheme and a token under a name of credentials', 'Bearer 7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy', 'REGISTRY_CREDENTIALS', '7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy'],
  ])("finds an HTTP header's credentials: %s, masked", (_what, text, label, secret) => {
    const found = detect(text, { scope: 'credentials', ...(label === undefined ? {} : { label }) });
    expect(found).toEqual([expect.objectContaining({ kind: 'token', raw: secret, masked: expect.stringMatching(/^.{0,4}\*\*\*$/) })]);
    expect(masked(text, found)).not.toContain(secret);
    const [withoutLabel] = detectAll([{ text, label }], { scope: 'credentials' });
    expect(withoutLabel.map((d) => d.raw)).toEqual([secret]);
  });

  // `YTpY***` decoded to `a:X`: a one-character user and the password's first character.
  it('masks Basic credentials and a base64url run found as a random string as stars alone', () => {
    const basic = Buffer.from('a:Xq7Lm2Pw9Zk4Rt').toString('base64');
    expect(detect(`Authorization: Basic ${basic}`, { scope: 'credentials' }).map((d) => [d.raw, d.masked])).toEqual([[basic, '***']]);
    const run = Buffer.from(`ghp_${'q7R6s5T4u3'.repeat(3)}987654??>>`).toString('base64url');
    expect(detect(`token ${run}`, { scope: 'all' }).map((d) => d.masked)).toEqual(['***']);
  });

  it.each([
    ['Bearer ${var.token}', 'Authorization'],
    ['Bearer $TOKEN', 'Authorization'],
    ['Bearer <token>', 'Authorization'],
    ['Bearer xxx', 'Authorization'],
    ['$request.header.Authorization', 'overwrite:header.Authorization'],
    ['method.request.header.x-api-key', 'integration.request.header.x-api-key'],
    ['application/json', 'Accept'],
    ['Basic auth is off for this listener', 'description'],
    ['curl -H "Authorization: Bearer ${TOKEN}" https://api.example.com', undefined],
    // Without a `:` or `=`, only a long value with letters and digits is a credential: prose names the scheme and a word.
    ['use a Bearer token for the upstream', 'description'],
    ['Send the Authorization bearer token with each request', 'description'],
    ['the Authorization Bearer header-for-the-internal-services is set by the proxy', undefined],
    ['the Authorization token required by the upstream', undefined],
    ['The API checks the Authorization bearer token_issued_by_cognito_v2 on each call', undefined],
    ['Clients send an Authorization token e2e-integration-tests-2024 in staging', undefined],
    ['Authorization Token authentication_required_for_v2_api', 'value'],
    ['proxy_set_header Authorization "Bearer $upstream_token";', undefined],
    ['proxy_set_header Authorization $http_authorization;', undefined],
    // A scheme and a word under a name of an authorization: what follows the space is no token.
    ['token required', 'auth'],
    ['Bearer header-for-the-internal-services', 'credentials'],
    // A UUID names a resource where no header, scheme or credential's name goes with it.
    ['550e8400-e29b-41d4-a716-446655440000', 'id'],
    ['550e8400-e29b-41d4-a716-446655440000', 'workspace_id'],
    ['arn:aws:iottwinmaker:eu-west-1:123456789012:workspace/550e8400-e29b-41d4-a716-446655440000', 'arn'],
    ['the workspace 550e8400-e29b-41d4-a716-446655440000 holds the scenes', 'description'],
  ])("finds no header credentials in %s (under %s)", (text, label) => {
    expect(detect(text, { scope: 'credentials', ...(label === undefined ? {} : { label }) })).toEqual([]);
  });

  it.each([
    ['an ed25519 SSH public key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@bastion'],
    ['an RSA SSH public key', 'bastion key: ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA3Tz2Wb4Kc1Ym6Fd3Hs5Jp0Ae8Gu2R8nLq2Vx7Tz9Wb4Kc1Ym6Fd3Hs5Jp0Ae8Gu2 deploy'],
    ['a certificate in base64', Buffer.from('-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n').toString('base64')],
    ['an id in base64', 'ZXhhbXBsZS13b3Jrc3BhY2UtaWQtZm9yLXR3aW5tYWtlcg=='],
  ])('takes no public data for a random secret: %s', (_what, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it.each([
    ['a private key in base64', Buffer.from('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n').toString('base64')],
    ['user:password in base64', Buffer.from('deploy:Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7').toString('base64')],
    ['a random key', 'Km8dPq2Lx9Vr4Tz7Nw1Hb6Jc3Fg5Ys0Ae'],
  ])('still takes %s for one', (_what, text) => {
    expect(kinds(text)).toEqual(['token']);
  });

  // GitHub's documented clone form `https://<token>@github.com/…`: a token as the URL's user, no password.
  const GITHUB_LEGACY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0';
  const AZURE_PAT = 'q7w3e5r2t8y6u4i9o1p0a3s5d7f9g2h4j6k8l1z3x5c7v9b2n4m6';
  it.each([
    ['an old GitHub token (40 hex digits)', `git::https://${GITHUB_LEGACY}@github.com/acme/other.git?ref=v1`, GITHUB_LEGACY, 'https://***@github.com/...'],
    ['an Azure DevOps personal access token (52 of one case)', `git::https://${AZURE_PAT}@dev.azure.com/acme/proj/_git/mods?ref=v1`, AZURE_PAT, 'https://***@dev.azure.com/...'],
    ['a base32 token in capitals', 'https://KGIN2U34EHRB76JNNFJ4X4UUXZDBSJ4GKKUBC7S4@git.example.com/x.git', 'KGIN2U34EHRB76JNNFJ4X4UUXZDBSJ4GKKUBC7S4', 'https://***@git.example.com/...'],
    ['a random token of mixed case', 'https://Km8dPq2Lx9Vr4Tz7Nw1Hb6Jc3Fg5Ys0Ae@github.com/acme/app.git', 'Km8dPq2Lx9Vr4Tz7Nw1Hb6Jc3Fg5Ys0Ae', 'https://***@github.com/...'],
    // git asks for no password where the URL gives an empty one.
    ['an old GitHub token before an empty password', `https://${GITHUB_LEGACY}:@github.com/acme/app.git`, GITHUB_LEGACY, 'https://***:***@github.com/...'],
  ])("finds %s as a URL's user, in the credentials scope, masked", (_what, text, token, masked_) => {
    const found = detect(text, { scope: 'credentials' });
    expect(found).toEqual([expect.objectContaining({ kind: 'url-credentials', masked: masked_ })]);
    expect(found[0].secrets).toContain(token);
    expect(masked(text, found)).not.toContain(token.slice(0, 8));
  });

  it.each([
    ['ssh and git user names', 'git::ssh://git@github.com/acme/net.git ssh://aws_jenkins@git.mycompany.com:7999/x.git'],
    ['an https user name', 'https://user@host.example.com/x https://jdoe@bitbucket.org/acme/net.git'],
    ["the user names git hosts give a token's password", 'https://x-access-token@github.com/acme/x.git https://oauth2@gitlab.com/acme/x.git https://x-token-auth@bitbucket.org/acme/x.git https://AWS@git.example.com/x'],
    ['an Azure DevOps organization as the user', 'https://acme@dev.azure.com/acme/proj/_git/mods'],
    ['a long user name of words, one case, with digits', 'https://serviceaccountforthedeploymentpipeline2024@git.example.com/x.git'],
    ['a placeholder as the user', 'https://${GITHUB_TOKEN}@github.com/acme/x.git https://<token>@github.com/acme/x.git https://****@github.com/acme/x.git'],
    ["an address as the user and in a path", 'https://me%40company.com@git.example.com/x.git https://git.example.com/users/me@company.com/x.git'],
    ['S3 URLs', 's3://acme-artifacts/me@company.com/module.zip s3::https://s3-eu-west-1.amazonaws.com/acme-modules/net.zip'],
    // Sentry's DSN: its key is public (Sentry: "DSNs are safe to keep public"), 32 hex digits.
    ["a Sentry DSN's public key", 'https://ebfa18516de1d5db1d40c26306567028@o450000.ingest.sentry.io/5012345'],
    ['a UUID as the user', 'https://123e4567-e89b-12d3-a456-426614174000@api.example.com/v1'],
    ['40 of one digit', 'https://0000000000000000000000000000000000000000@github.com/acme/x.git'],
  ])("takes no user name for a token: %s", (_what, text) => {
    expect(kinds(text, 'credentials')).toEqual([]);
  });

  // go-getter's S3 getter takes an AWS key in the query of a module source (`s3::https://…?aws_access_key_id=…`).
  const S3_KEYS = 'aws_access_key_id=AKIAIOSFODNN7EXAMPLE&aws_access_key_secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY&aws_access_token=FwoGZXIvYXdzEJr8a7Qe1sessionTok3n';
  it.each([
    ["go-getter's S3 key, secret and session token", `s3::https://s3.amazonaws.com/acme-modules/net.zip?${S3_KEYS}`, 'aws_access_key_id, aws_access_key_secret, aws_access_token', 'https://s3.amazonaws.com/...'],
    ["go-getter's S3 secret alone, among other parameters", 's3::https://s3-eu-west-1.amazonaws.com/b/m.zip?version=3&AWS_ACCESS_KEY_SECRET=hunter2pass&region=eu-west-1', 'AWS_ACCESS_KEY_SECRET', 'https://s3-eu-west-1.amazonaws.com/...'],
    // GitLab's API takes a personal, project or group access token as `private_token` (a package registry's URL as a module source).
    ["GitLab's private_token, a token of no known shape", 's3::https://gitlab.example.com/api/v4/projects/7/packages/generic/net/1.0/net.zip?private_token=Zq8Wv3Lm9Np4Rs6Tv8Wb', 'private_token', 'https://gitlab.example.com/...'],
  ])('finds %s in a URL\'s query, as the URL\'s secret', (_what, text, params, masked_) => {
    const found = detect(text, { scope: 'credentials' });
    expect(found).toEqual([expect.objectContaining({ kind: 'url-credentials', what: `a URL with a secret in its query (${params})`, masked: masked_ })]);
    expect(masked(text, found)).toBe(`s3::${masked_}`);
  });

  it.each([
    ['an ordinary URL', 'https://api.example.com/v1?region=eu&page=2#token=x', 'https://api.example.com/v1?region=eu&page=2#token=x'],
    ['a user name, a ref and a placeholder', 'git::https://jdoe@bitbucket.org/acme/net.git?ref=v1&token=%3Ctoken%3E', 'git::https://jdoe@bitbucket.org/acme/net.git?ref=v1&token=%3Ctoken%3E'],
    ['a token in the query, the path kept', 'git::https://example.com/mods.git?ref=v1&token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'git::https://example.com/mods.git?ref=v1&token=***'],
    ["go-getter's S3 keys", `s3::https://s3.amazonaws.com/acme-modules/net.zip?${S3_KEYS}`, 's3::https://s3.amazonaws.com/acme-modules/net.zip?aws_access_key_id=***&aws_access_key_secret=***&aws_access_token=***'],
    ['a presigned URL', 'https://b.s3.amazonaws.com/k.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0123abcd4567ef89', 'https://b.s3.amazonaws.com/k.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&X-Amz-Signature=***'],
    ['a password and a signature, `&amp;` between', 'https://deploy:p@ss-Zq8Wv3@h.example.com/m.zip?a=1&amp;sig=Ab3dE6gH9', 'https://***:***@h.example.com/m.zip?a=1&amp;sig=***'],
    ["GitLab's private_token", 'https://gitlab.example.com/api/v4/projects/7/packages/generic/net/1.0/net.zip?private_token=glpat-Zq8Wv3Lm9Np4Rs6Tv8Wb', 'https://gitlab.example.com/api/v4/projects/7/packages/generic/net/1.0/net.zip?private_token=***'],
  ])("maskUrlSecrets stars what the detector finds in a URL, the rest kept: %s", (_what, text, shown) => {
    expect(maskUrlSecrets(text)).toBe(shown);
  });

  // A query value that is an interpolation (a shell's, a template's, Terraform's) holds no literal secret: the URL is read
  // across it, to what follows, where it was read to its `{` and `$` (or `%`) was taken for the secret (and redacted wherever it stood).
  it.each([
    ['a shell variable', 'curl -fsS "https://hooks.example.com/deploy?token=${DEPLOY_TOKEN}" -o /dev/null'],
    ['a Terraform reference', 'https://hooks.example.com/deploy?ref=main&token=${var.deploy_token}'],
    ['a call with spaces and quotes', 'https://hooks.example.com/deploy?token=${lookup(var.tokens, "deploy", "")}&ref=main'],
    ['a template directive', 'https://hooks.example.com/deploy?token=%{ if var.on }${var.token}%{ endif }'],
    ['two interpolations and a dash', 'https://hooks.example.com/deploy?token=${var.prefix}-${var.suffix}'],
  ])('finds no secret in a URL whose query value is an interpolation: %s', (_what, text) => {
    expect(kinds(text)).toEqual([]);
    expect(maskUrlSecrets(text)).toBe(text);
  });

  it.each([
    ['a signature after an interpolated token', 'https://hooks.example.com/deploy?token=${var.token}&sig=Ab3dE6gH9', 'sig', 'Ab3dE6gH9', 'https://hooks.example.com/deploy?token=${var.token}&sig=***'],
    ['literal text before an interpolation', 'https://hooks.example.com/deploy?token=Zq8Wv3${var.suffix}', 'token', 'Zq8Wv3${var.suffix}', 'https://hooks.example.com/deploy?token=***'],
    ['literal text after an interpolation', 'https://hooks.example.com/deploy?token=${var.prefix}Zq8Wv3', 'token', '${var.prefix}Zq8Wv3', 'https://hooks.example.com/deploy?token=***'],
    // A shell expansion's word is literal text (review rv-merged 1): it passed once interpolations were taken out whole.
    ["a shell default's word", 'https://hooks.example.com/deploy?token=${DEPLOY_TOKEN:-Zq8Wv3Hk2JxYzAbCdEf91}', 'token', '${DEPLOY_TOKEN:-Zq8Wv3Hk2JxYzAbCdEf91}', 'https://hooks.example.com/deploy?token=***'],
    ["a shell alternate's word", 'https://hooks.example.com/deploy?token=${X:+Zq8Wv3Hk2JxYzAbCdEf1}', 'token', '${X:+Zq8Wv3Hk2JxYzAbCdEf1}', 'https://hooks.example.com/deploy?token=***'],
    ["a shell assignment's word, no colon", 'https://hooks.example.com/deploy?sig=${SIG=3f2a9c8e71b4d5a6}', 'sig', '${SIG=3f2a9c8e71b4d5a6}', 'https://hooks.example.com/deploy?sig=***'],
  ])('finds the literal secret in a URL whose query holds an interpolation: %s', (_what, text, params, secret, shown) => {
    const found = detect(text, { scope: 'credentials' });
    expect(found).toEqual([expect.objectContaining({ kind: 'url-credentials', what: `a URL with a secret in its query (${params})`, raw: text })]);
    expect(found[0].secrets).toContain(secret);
    expect(found[0].secrets).not.toContain('$');
    expect(maskUrlSecrets(text)).toBe(shown);
  });

  it('does not report an email address inside a URL with credentials twice', () => {
    expect(kinds('see https://ops:hunter22@mail.example.com/inbox')).toEqual(['url-credentials']);
  });

  it('reads the strings of a JSON document where it escapes them (jsonencode writes & as \\u0026), and masks them where they are written', () => {
    const text = '[{"environment":[{"name":"DB_URL","value":"postgres://app:Zq8\\u0026Wv3Tt5x@db.example.com/app?token=x\\u0026sig=Ab3dE6gH9"}]}]';
    const [found] = detect(text, { scope: 'credentials' });
    expect(found).toMatchObject({ kind: 'url-credentials', raw: 'postgres://app:Zq8&Wv3Tt5x@db.example.com/app?token=x&sig=Ab3dE6gH9' });
    expect(found.secrets).toEqual(expect.arrayContaining(['Zq8&Wv3Tt5x', 'Ab3dE6gH9']));
    expect(masked(text, [found])).toBe('[{"environment":[{"name":"DB_URL","value":"postgres://***:***@db.example.com/..."}]}]');
    // Not JSON: the text alone, as written (a password may hold a backslash), not decoded.
    expect(detect('{"u":"postgres://app:pw\\u0026x@db/app"', { scope: 'credentials' }).map((d) => d.raw)).toEqual(['postgres://app:pw\\u0026x@db/app']);
  });

  it('keeps what a configured pattern matches inside a URL with credentials secret: in the URL\'s redact, not in its masked form', () => {
    const [found] = detect('postgres://app:Zq8Wv3Tt5x@10.20.30.40:5432/app', { scope: 'all', patterns: [{ name: 'ipv4', pattern: '10\\.(\\d{1,3}\\.){2}\\d{1,3}' }] });
    expect(found).toMatchObject({ kind: 'url-credentials' });
    expect(found.secrets).toEqual(expect.arrayContaining(['Zq8Wv3Tt5x', '10.20.30.40']));
    expect(found.masked).not.toContain('10.20.30.40');
  });

  it('applies configured patterns, and names a broken one', () => {
    expect(detect('ticket EMP-123456', { scope: 'all', patterns: [{ name: 'employee', pattern: 'EMP-\\d{6}' }] })).toEqual([
      expect.objectContaining({ kind: 'custom', what: 'text matching the sensitive pattern "employee"', masked: 'EM***' }),
    ]);
    expect(() => detect('x', { scope: 'all', patterns: [{ name: 'broken', pattern: '(' }] })).toThrow(/sensitivePatterns "broken": not a valid regular expression/);
  });
});

// Base64 as RFC 4648 writes it besides `base64encode`'s padded standard alphabet, and base64 of base64.
describe('detect: base64 in any alphabet, padded or not, two levels deep', () => {
  const TOKEN = `ghp_${'Lm4Nb7Vc2X'.repeat(3)}k9J3h5`;
  const b64 = (text: string): string => Buffer.from(text).toString('base64');
  // URL-safe (RFC 4648 section 5) without padding, as JWT segments and many SDKs write it; `?>` makes a `-` and a `_`.
  const url = (text: string): string => Buffer.from(text).toString('base64url');
  const found = (text: string, label?: string) => detect(text, { scope: 'credentials', ...(label === undefined ? {} : { label }) }).map((d) => [d.what, d.raw, d.masked]);

  it.each([
    ['URL-safe, unpadded', url(`${TOKEN}??>>`)],
    ['URL-safe, padded', Buffer.from(`${TOKEN}??>>`).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')],
    ['standard, unpadded', b64(TOKEN).replace(/=+$/, '')],
    ['in a Helm value', `upstream:\n  hook: ${url(`${TOKEN}??>>`)}\n`],
  ])('finds a credential in base64 %s', (_what, text) => {
    const run = /[A-Za-z0-9_+/-]{40,}=*/.exec(text)![0];
    expect(found(text)).toEqual([['a GitHub token, base64-encoded', run, 'ghp_***']]);
    // The run is masked whole, as stars alone: any character of it gives away bits of the token.
    expect(redactAll(text, detect(text, { scope: 'credentials' })[0].secrets)).toBe(text.replace(run, '***'));
  });

  // Review rv-rt-leaks F1: terraform's base64gzip() and cloudinit_config's default gzip; the .tf's template was found, the plan's value not.
  it('finds a credential in base64 of gzip (base64gzip user data), and reports a decompression bomb undecoded', () => {
    const gz = (text: string): string => gzipSync(Buffer.from(text)).toString('base64');
    const userData = gz(`#!/bin/bash\nexport SLACK=xoxb-123456789012-1234567890123-bqnsGpWLuqIA1id6Vw5DQL05\n`);
    expect(found(userData)).toEqual([['a Slack token, gzip-compressed, base64-encoded', userData, 'xoxb***']]);
    expect(found(`user_data = "${userData}"`)).toEqual([['a Slack token, gzip-compressed, base64-encoded', userData, 'xoxb***']]);
    // 2 MB of text that inflates from a few kilobytes: inflating stops at 1 MiB, and the run, not searched past it, is
    // reported and masked whole (review rv-late 2: padding to 1 MiB hid a token after it, and the gate printed the run).
    const bomb = gz(`${'#'.repeat(2 * 1024 * 1024)}\n${TOKEN}\n`);
    expect(bomb.length).toBeLessThan(10_000);
    const unsearched = 'a gzip-compressed, base64-encoded run twinguard did not search (over 1 MiB inflated, or past the 8th such run in one value), which may hold anything';
    expect(found(bomb)).toEqual([[unsearched, bomb, 'H4sI***']]);
    expect(redactAll(`user_data = "${bomb}"`, detect(bomb, { scope: 'credentials' })[0].secrets)).toBe('user_data = "H4sI***"');
    expect(found(gz(`echo ready\n`))).toEqual([]);
  });

  // Review rv-late 4: a thousand small bombs in one value inflated a megabyte each (22 s, 1.2 GB); past eight runs, each is reported unsearched.
  it('inflates at most eight gzip runs of one value, and reports the others unsearched', () => {
    const runs = Array.from({ length: 10 }, (_, i) => gzipSync(Buffer.from(`echo step ${i}\n`)).toString('base64'));
    const all = found(runs.join(' '));
    expect(all.map(([, raw]) => raw)).toEqual(runs.slice(8));
    expect(all.every(([what]) => what.startsWith('a gzip-compressed, base64-encoded run twinguard did not search'))).toBe(true);
  });

  // Review rv-rt-leaks F3: a URL carried percent-encoded in another URL's query.
  it.each([
    ['a Slack webhook', 'https://example.com/notify?target=https%3A%2F%2Fhooks.slack.com%2Fservices%2F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', 'a Slack webhook URL, percent-encoded', 'EQ7wjJJibaZUPgHV7iB3m03n'],
    ['a database URL with a password', 'db=postgres%3A%2F%2Fappuser%3AprBGumXxY9B4bZ%40db.example.com%3A5432%2Fapp', 'a URL with credentials in it, percent-encoded', 'prBGumXxY9B4bZ'],
  ])('finds %s percent-encoded in a query value, masked', (_what, text, what, secret) => {
    const all = detect(text, { scope: 'credentials' });
    expect(all.map((d) => d.what)).toEqual([what]);
    expect(masked(text, all)).not.toContain(secret);
    expect(redactAll(text, all[0].secrets)).not.toContain(secret);
  });

  it('finds nothing in percent-encoded text without a credential', () => {
    expect(found('https://example.com/r?next=https%3A%2F%2Fapp.example.com%2Fhome&q=a%20b')).toEqual([]);
  });

  it('finds a credential in base64 of base64, and no deeper', () => {
    expect(found(b64(b64(TOKEN)))).toEqual([['a GitHub token, base64-encoded twice', b64(b64(TOKEN)), 'ghp_***']]);
    expect(found(url(b64(`AKIAIOSFODNN7EXAMPLE ${'x'.repeat(9)}`)))).toEqual([['an AWS access key id, base64-encoded twice', url(b64(`AKIAIOSFODNN7EXAMPLE ${'x'.repeat(9)}`)), 'AKIA***']]);
    expect(found(b64(b64(b64(TOKEN))))).toEqual([]);
  });

  // Base64 of `user:password` is a finding of its own: under two levels of base64 it read `…twice, base64-encoded`.
  it('says how often a user name and password is base64-encoded under two levels of base64', () => {
    const text = b64(b64(b64('deploy:Hunter2Pass9x')));
    expect(detect(text, { scope: 'credentials', label: 'auth' }).map((d) => d.what)).toEqual(['a user name and password, base64-encoded three times']);
  });

  it("reads a kubeconfig written base64-encoded: its client key is a credential, its CA bundle is none", () => {
    const pem = (label: string): string => `-----BEGIN ${label}-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END ${label}-----\n`;
    const kubeconfig = (user: string): string =>
      `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${b64(pem('CERTIFICATE'))}\n    server: https://k8s.example.com\n  name: prod\nusers:\n- name: ci\n  user:\n${user}`;
    expect(found(b64(kubeconfig('    username: ci\n')))).toEqual([]);
    const withKey = b64(kubeconfig(`    client-key-data: ${b64(pem('RSA PRIVATE KEY'))}\n`));
    expect(found(withKey)).toEqual([['a private key, base64-encoded twice', withKey, '-----BEGIN RSA PRIVATE KEY-----***']]);
  });

  // Personal data in the URL-safe alphabet or unpadded is as plain to whoever decodes it as in base64encode's padded
  // form: found as there, where personal data is searched (`scope: 'all'`), masked as the datum, the run whole.
  it.each([
    ['an email address, URL-safe and unpadded', url('jane.roe@example.com owner'), 'an email address, base64-encoded', 'j***@e***.com'],
    // `(???)` makes a `/`, in the URL-safe alphabet a `_`, before the padding.
    ['an email address, URL-safe and padded', Buffer.from('owner jane.roe@example.com (???)').toString('base64').replace(/\//g, '_'), 'an email address, base64-encoded', 'j***@e***.com'],
    ['an email address, standard and unpadded', b64('jane.roe@example.com').replace(/=+$/, ''), 'an email address, base64-encoded', 'j***@e***.com'],
    ['a phone number, URL-safe and unpadded', url('Tel +44 20 7946 0958'), 'a phone number, base64-encoded', '+** ** **** **58'],
  ])('finds personal data in base64 of another form: %s', (_what, run, what, shown) => {
    const found = detect(run, { scope: 'all', randomTokens: false });
    expect(found.map((d) => [d.what, d.raw, d.masked])).toEqual([[what, run, shown]]);
    expect(redactAll(`tag ${run} end`, found[0].secrets)).toBe('tag *** end');
    // Searched for credentials alone (any attribute but tags and free-form fields), as before.
    expect(detect(run, { scope: 'credentials' })).toEqual([]);
  });

  // `/` is in the standard alphabet: a URL's path before the run made one run with it (`com/invite/amFu…`), which decoded misaligned.
  it('finds personal data in a base64url segment of a URL path', () => {
    const run = url('jane.roe@example.com');
    const text = `https://app.example.com/invite/${run}`;
    const found = detect(text, { scope: 'all', randomTokens: false });
    expect(found.map((d) => [d.what, d.raw, d.masked])).toEqual([['an email address, base64-encoded', run, 'j***@e***.com']]);
    // Masked with the run of base64 around it (`com/invite/` too): any character of a run shown may decode to the datum's.
    expect(redactAll(text, found[0].secrets)).toBe('https://app.example.***');
    // Each segment is decoded once: a long path of many segments stays plain and quick.
    expect(detect(`https://h.example.com/${'segment-of-a-path/'.repeat(5000)}x`, { scope: 'all', randomTokens: false })).toEqual([]);
  });

  it.each([
    // Plain text encoded in the URL-safe alphabet, or unpadded: decoded only where a credential or personal data is.
    ['plain text', url('example-workspace-id-for-twinmaker??')],
    ['a JWT header', url('{"alg":"HS256","typ":"JWT"}')],
    ['user:password with no scheme or name', url('deploy:Zq8Wv3xLm9KpQ2rT5uV8')],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['a KMS ciphertext blob', Buffer.from('0102020078a1b2c3d4e5f60718293a4b5c6d7e8f9012345678901234567890abcdef01234567890abcdef', 'hex').toString('base64url')],
    ['a name', 'module-site-s1-workspace-bucket-logs-eu-west-1'],
    ['an ARN', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['a base64url SHA-256 digest', Buffer.from('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'hex').toString('base64url')],
  ])('finds nothing in %s written in base64 of another form', (_what, text) => {
    expect(detect(text, { scope: 'all', randomTokens: false })).toEqual([]);
  });

  it('finds nothing in random bytes written in any base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 300 }), fc.constantFrom('base64', 'base64url'), (bytes, encoding) => {
        const text = Buffer.from(bytes).toString(encoding as BufferEncoding);
        expect(detect(text, { scope: 'credentials' })).toEqual([]);
        expect(detect(text.replace(/=+$/, ''), { scope: 'credentials' })).toEqual([]);
        expect(detect(text.replace(/=+$/, ''), { scope: 'all', randomTokens: false })).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("detect: HTTP Basic credentials, in any case and in any text, and base64 of user:password under an authorization's name", () => {
  const pair = Buffer.from('deploy:Hunter2Pass9').toString('base64');
  const BASIC = "an HTTP Authorization header's credentials (Basic)";
  const PAIR = 'a user name and password, base64-encoded';
  const found = (text: string, label?: string) => detect(text, { scope: 'credentials', ...(label === undefined ? {} : { label }) }).map((d) => [d.what, d.raw]);

  it.each([
    // RFC 7235 section 2.1: a scheme is case-insensitive.
    ['bAsIc alone', `bAsIc ${pair}`, undefined, BASIC],
    ['nginx', `location / {\n  proxy_set_header Authorization "Basic ${pair}";\n}`, undefined, BASIC],
    ['a header in lower case', `curl -H 'authorization:basic ${pair}' https://registry.example.com`, undefined, BASIC],
    ['Basic inside a sentence', `the upstream takes Basic ${pair} for now`, undefined, BASIC],
    ['under auth', pair, 'auth', PAIR],
    ['under basic_auth', pair, 'basic_auth', PAIR],
    ['under Authorization, without its scheme', pair, 'Authorization', PAIR],
    ['quoted, under a header of API Gateway', `'${pair}'`, 'integration.request.header.Proxy-Authorization', PAIR],
    // A Kubernetes secret's `.dockerconfigjson`: Docker's config.json, `auth` being base64 of user:password.
    ['a .dockerconfigjson', JSON.stringify({ auths: { 'registry.example.com': { auth: pair } } }), '.dockerconfigjson', PAIR],
    ['YAML', `registry:\n  auth: ${pair}\n`, undefined, PAIR],
    // A name of credentials (an env var or tag `REGISTRY_CREDENTIALS = base64encode("deploy:…")`), as of an authorization.
    ['under REGISTRY_CREDENTIALS', pair, 'REGISTRY_CREDENTIALS', PAIR],
    ['under credentials', pair, 'credentials', PAIR],
    ['under a tag key Creds', pair, 'Creds', PAIR],
    ['under registryCredential', pair, 'registryCredential', PAIR],
    ['after REGISTRY_CREDS= in a script', `#!/bin/sh
export REGISTRY_CREDS=${pair}
`, undefined, PAIR],
    ['after "credentials": in JSON', JSON.stringify({ registry: 'r.example.com', credentials: pair }), undefined, PAIR],
  ])('finds %s', (_what, text, label, what) => {
    expect(found(text, label)).toEqual([[what, pair]]);
    const [detection] = detect(text, { scope: 'credentials', ...(label === undefined ? {} : { label }) });
    // The password is secret wherever a report shows it in clear.
    expect(detection.secrets).toEqual(expect.arrayContaining([pair, 'deploy:Hunter2Pass9', 'Hunter2Pass9']));
    expect(detectAll([{ text, label }], { scope: 'credentials' })[0].map((d) => d.raw)).toEqual([pair]);
  });

  it.each([
    ['base64 of plain text under auth', Buffer.from('example-workspace').toString('base64'), 'auth'],
    ['a placeholder password', Buffer.from('deploy:changeme').toString('base64'), 'auth'],
    ['an auth type', 'AWS_IAM', 'authorization_type'],
    ['base64 of user:password under oauth', pair, 'oauth'],
    // Under a name of no authorization or credentials, base64 of `user:password` or of text with a colon is no credential.
    ['base64 of user:password under description', pair, 'description'],
    ['base64 of text with a colon under description', Buffer.from('release:2024-06-15-rc1').toString('base64'), 'description'],
    ['base64 of text with a colon after description= in a script', `DESCRIPTION=${Buffer.from('release:2024-06-15-rc1').toString('base64')}`, undefined],
    ['base64 of plain text under credentials', Buffer.from('example-workspace').toString('base64'), 'credentials'],
    ['a path under credentials_file', '/home/ci/.docker/config.json', 'credentials_file'],
    ['base64 of user:password under credentials_type', pair, 'credentials_type'],
    ['Basic auth in prose', 'Basic auth is off: see the wiki', undefined],
    ['a docker config with no auth', JSON.stringify({ auths: { 'registry.example.com': { auth: '${REGISTRY_AUTH}' } } }), undefined],
  ])('finds nothing in %s', (_what, text, label) => {
    expect(found(text, label)).toEqual([]);
  });

  // Under a name of credentials, base64 of any `name:value` whose value is no placeholder is a user and a password, a
  // password of lower-case letters or words too: `env:prod` is reported with them (a label is waived once; a password
  // passed over would be printed in clear).
  it.each(['app:qzkwmxbvtrplnhgf', 'service:letmein', 'owner:correct-horse-battery-staple', 'env:prod'])('finds base64 of %s under credentials and creds', (credentials) => {
    const encoded = Buffer.from(credentials).toString('base64');
    for (const label of ['credentials', 'creds', 'REGISTRY_CREDENTIALS']) expect(found(encoded, label)).toEqual([[PAIR, encoded]]);
  });

  it('decodes Basic credentials that hold a control character, as a password in clear is one', () => {
    const withControl = Buffer.from('deploy:Hunter\u00012Pass9').toString('base64');
    expect(found(`Basic ${withControl}`)).toEqual([[BASIC, withControl]]);
  });
});

describe('helpers', () => {
  it('measures entropy and tells tokens from identifiers', () => {
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abcd')).toBe(2);
    expect(isToken('aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY')).toBe(true);
    expect(isToken('ProdEnvironmentS3BucketForTwinMaker123Logs')).toBe(false);
  });

  it('tells CloudFormation physical names and named digests from tokens', () => {
    // {stack}-{CDK logical id with its hash}-{CloudFormation's random suffix}
    expect(isToken('CdkWorkshopStack-HelloHandler2E4FBA4D-1N4UXA4AAAAA')).toBe(false);
    expect(isToken('CdkWorkshopStack-HelloHandlerServiceRole11EF7C63-1N4UXA4AAAAA')).toBe(false);
    expect(isToken('awseb-e-mdgd3mmpa4-stack-AWSEBSecurityGroup-1N3XJ4Q1AQPQW')).toBe(false);
    expect(isToken('ProdApiStack-OrdersTableReplicaEuWest1B7C2D9E1-K2LQ7ZP0W3XA')).toBe(false);
    // A token with such a part added stays a token.
    expect(isToken('aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY-1N4UXA4AAAAA')).toBe(true);
    expect(isToken('Km8dPq2Lx9Vr4Tz7Nw1Hb6Jc3Fg5Ys0Ae2E4FBA4D')).toBe(true);

    const sha256 = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
    expect(detect(sha256, { scope: 'all', label: 'SourceHash' })).toEqual([]);
    expect(kinds(`Lambda package, source_code_hash ${sha256}`)).toEqual([]);
    expect(kinds(`sha256-${sha256}`)).toEqual([]);
    expect(kinds('Errors of CdkWorkshopStack-HelloHandler2E4FBA4D-1N4UXA4AAAAA')).toEqual([]);
    // A random 32-byte key has a SHA-256 digest's shape: unnamed, or named as a key, it is a token;
    // also where a word holds `sha` or `hash` inside it (Shared, HashiCorp).
    expect(detect(sha256, { scope: 'all', label: 'SigningKey' }).map((d) => d.kind)).toEqual(['token']);
    expect(detect(sha256, { scope: 'all', label: 'PartnerSharedKey' }).map((d) => d.kind)).toEqual(['token']);
    expect(kinds(`Shared with Acme; initial key ${sha256}`)).toEqual(['token']);
    expect(kinds(`HashiCorp Vault key ${sha256}`)).toEqual(['token']);
    // Today's generated suffixes mix upper and lower case.
    expect(isToken('sam-app-HelloWorldFunction-Vpk8T8NLcF4W')).toBe(false);
    expect(isToken('ProdStack-OrdersProcessorFunction-ohRFEn2RuAvp')).toBe(false);
  });

  it('masks sensitive path segments and long text', () => {
    expect(displayPath(['tags', 'jane.roe@example.com'])).toBe('tags.j***@e***.com');
    expect(displayPath(['ingress', 0, 'description'])).toBe('ingress.0.description');
    expect(safeText('x'.repeat(100))).toHaveLength(64);
    // Cut between characters, never inside one: no half of an emoji (a lone surrogate) in a message.
    expect(safeText('🔑'.repeat(65))).toBe(`${'🔑'.repeat(61)}...`);
    expect(safeText('🔑'.repeat(40))).toBe('🔑'.repeat(40));
  });

  it('names provider blocks as the configuration does', () => {
    expect(providerAddress({ name: 'aws', module: '' })).toBe('provider.aws');
    expect(providerAddress({ name: 'aws', alias: 'east', module: '' })).toBe('provider.aws.east');
    expect(providerAddress({ name: 'awscc', module: 'module.app' })).toBe('module.app.provider.awscc');
  });
});

describe('replacedSecrets: the old state terraform prints, searched as the rules search the new values at the same place', () => {
  const HASH = 'qL8Zx3VbN1mK7pR2tY6wE9uI4oA5sD0fG3hJ8kZ1xC4=';
  /** The old value that holds `strings` at their paths. */
  const oldOf = (strings: readonly { text: string; path: (string | number)[] }[]): unknown => {
    const root: Record<string | number, unknown> = {};
    for (const { text, path } of strings) {
      let at = root;
      path.forEach((seg, i) => {
        if (i === path.length - 1) at[seg] = text;
        else at = (at[seg] ??= typeof path[i + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
      });
    }
    return root;
  };
  const found = (type: string | undefined, strings: { text: string; path: (string | number)[] }[]) => replacedSecrets([{ ...(type !== undefined ? { type } : {}), strings, old: oldOf(strings) }], []);

  it('a tag (its key too), a free-form field and an output: personal data and secrets', () => {
    expect(found('aws_sqs_queue', [{ text: 'jane.roe@example.com', path: ['tags', 'Owner'] }])).toEqual(['jane.roe@example.com']);
    expect(found('aws_sqs_queue', [{ text: 'dev', path: ['tags_all', 'mary.major@example.com'] }])).toEqual(['mary.major@example.com']);
    expect(found('aws_security_group', [{ text: 'call +44 20 7946 0958', path: ['ingress', 0, 'description'] }])).toEqual(['+44 20 7946 0958']);
    expect(found(undefined, [{ text: 'ops.lead@example.com', path: ['contact'] }])).toEqual(['ops.lead@example.com']);
  });

  it('the key of a tag map nested in a block, as no-sensitive-data-in-free-form-fields reads it', () => {
    expect(found('aws_launch_template', [{ text: 'owner', path: ['tag_specifications', 0, 'tags', 'jane.roe@example.com'] }])).toEqual(['jane.roe@example.com']);
    expect(found('aws_backup_plan', [{ text: 'x', path: ['rule', 0, 'recovery_point_tags', 'mary.major@example.com'] }])).toEqual(['mary.major@example.com']);
    expect(found('aws_lambda_function', [{ text: 'x', path: ['environment', 0, 'variables', 'jane.roe@example.com'] }])).toEqual([]);
  });

  it('any other attribute: credential shapes only, as no-credentials-in-attributes reads it (a hash stays, a URL password does not)', () => {
    expect(found('aws_lambda_function', [{ text: HASH, path: ['source_code_hash'] }])).toEqual([]);
    expect(found('aws_lambda_function', [{ text: HASH, path: ['description'] }])).toEqual([HASH]);
    expect(found('aws_sns_topic_subscription', [{ text: 'https://hooks:Tr0ub4dor-and-3@alerts.example.com/notify', path: ['endpoint'] }])).toEqual(
      expect.arrayContaining(['Tr0ub4dor-and-3']),
    );
  });

  it("a value under a credential's name: on an AWS resource and in a tag, not in another provider's attribute", () => {
    expect(found('aws_lambda_function', [{ text: 'Zq8Wv3xT', path: ['environment', 0, 'variables', 'DB_PASSWORD'] }])).toEqual(['Zq8Wv3xT']);
    expect(found('aws_sqs_queue', [{ text: 'Zq8Wv3xT', path: ['tags', 'DbPassword'] }])).toEqual(['Zq8Wv3xT']);
    expect(found('kubernetes_secret', [{ text: 'Zq8Wv3xT', path: ['data', 'DB_PASSWORD'] }])).toEqual([]);
  });

  it("a pair's value under its name and the pairs of an encoded document, as no-credentials-in-attributes reads the new values; a Parameter Store pair's value is its name", () => {
    const variable = (type: string) => ({ name: 'DB_PASSWORD', type, value: 'Zq8Wv3xT' });
    const project = (type: string) => ({ environment: [{ environment_variable: [variable(type)] }] });
    const at = ['environment', 0, 'environment_variable', 0, 'value'];
    expect(replacedSecrets([{ type: 'aws_codebuild_project', strings: [{ text: 'Zq8Wv3xT', path: at }], old: project('PLAINTEXT') }], [])).toEqual(['Zq8Wv3xT']);
    expect(replacedSecrets([{ type: 'aws_codebuild_project', strings: [{ text: 'Zq8Wv3xT', path: at }], old: project('PARAMETER_STORE') }], [])).toEqual([]);
    const containers = JSON.stringify([{ name: 'app', environment: [{ name: 'DB_PASSWORD', value: 'Zq8Wv3xT' }, { name: 'LOG_LEVEL', value: 'debug' }] }]);
    expect(found('aws_ecs_task_definition', [{ text: containers, path: ['container_definitions'] }])).toEqual(['Zq8Wv3xT']);
    // Where terraform prints nothing of the old value (the new one holds it), nothing is read there.
    expect(replacedSecrets([{ type: 'aws_ecs_task_definition', strings: [{ text: 'td', path: ['family'] }], old: { family: 'td', container_definitions: containers } }], [])).toEqual([]);
  });
});

/**
 * The work a search of one long value does, counted rather than timed: the characters handed to a regex's `test`,
 * and the detections each new one is compared with (a `findIndex` predicate's calls). A root output holding a CSV of
 * 8,000 contacts took 53 s and a value of 10,000 URLs with a password 118 s: each address tested the text before it
 * again, and each detection was compared with all those found before it, so the work grew with the square of their number.
 */
describe('one long value of many findings: the work grows with its length, not with its square', () => {
  const work = (text: string): { found: number; work: number } => {
    let count = 0;
    const test = RegExp.prototype.test;
    const findIndex = Array.prototype.findIndex;
    const tested = jest.spyOn(RegExp.prototype, 'test').mockImplementation(function (this: RegExp, input: string) {
      count += String(input).length;
      return test.call(this, input);
    });
    const compared = jest.spyOn(Array.prototype, 'findIndex').mockImplementation(function (this: unknown[], predicate: (value: unknown, index: number, array: unknown[]) => unknown) {
      return findIndex.call(this, (value: unknown, index: number, array: unknown[]) => {
        count++;
        return predicate(value, index, array);
      });
    });
    try {
      return { found: detect(text, { scope: 'all' }).length, work: count };
    } finally {
      tested.mockRestore();
      compared.mockRestore();
    }
  };

  it.each([
    ['a CSV of contacts', (i: number) => `user ${i},user${i}@example.com,+1 415 555 ${String(i % 10000).padStart(4, '0')}\n`, 2],
    ['email addresses separated by commas alone', (i: number) => `u${i}@example.com,`, 1],
    ['URLs with a password', (i: number) => `postgres://admin${i}:Zq8Wv3xLm9Kp${i}@db${i}.internal:5432/app `, 1],
    ['ssh remotes (hosts, not people) among email addresses', (i: number) => `ssh://git@host${i}.example.com/r.git u${i}@example.com `, 1],
  ])('%s', (_name, line, perLine) => {
    const of = (n: number): string => Array.from({ length: n }, (_, i) => line(i)).join('');
    const small = work(of(500));
    const large = work(of(1000));
    expect([small.found, large.found]).toEqual([500 * perLine, 1000 * perLine]);
    expect(large.work).toBeLessThan(2.5 * small.work);
  });
});

describe('snakeName: a name in snake case, in a time that grows with its length', () => {
  // The form it had, whose first step scanned the rest of a run of capitals from each of them (the square of the run).
  const quadratic = (name: string): string =>
    name
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .replace(/-/g, '_')
      .replace(/_wo$/, '');

  it('gives what the quadratic form gave, for any name of letters, digits, `_` and `-`', () => {
    expect(['DBPassword', 'HTTPSProxyURL', 'apiKey2', 'password_wo', 'ABCdefGHIjK', 'AWS_SECRET_ACCESS_KEY'].map(snakeName)).toEqual(['db_password', 'https_proxy_url', 'api_key2', 'password', 'ab_cdef_gh_ij_k', 'aws_secret_access_key']);
    const name = fc.string({ unit: fc.constantFrom(...'ABCXYZabcxyz019_-'.split('')), maxLength: 40 });
    fc.assert(fc.property(name, (text) => snakeName(text) === quadratic(text)), { numRuns: 5000 });
  });

  it('names a credential in a run of 200,000 capitals (`AAA…PASSWORD`, `AAA…_API_KEY1`) and leaves one out (`AAA…1`)', () => {
    const run = 'A'.repeat(200_000);
    expect([namesCredential(`${run}PASSWORD`), namesCredential(`${run}_API_KEY1`), namesCredential(`${run}Bb_TOKEN`), namesCredential(`K${run}1`)]).toEqual([true, true, true, false]);
    const snake = snakeName(`${run}Bc`);
    expect([snake.length, snake.slice(-6), snake.indexOf('_')]).toEqual([200_003, 'aaa_bc', 200_000]);
  });

  // A value runs to a space; a name found inside it is searched again from there. Each run is read once: read again from
  // each `auth=`, 1 MB of them took minutes (quadratic); now well under a second, and a credential after them is found.
  it('reads a megabyte of names that each hold the rest ("auth=auth=…", "key=key=…") once, finding a password after them', () => {
    for (const run of ['auth='.repeat(200_000), 'key='.repeat(250_000)]) {
      expect(detect(`${run} --from-literal=password=Hunter22`, { scope: 'credentials' }).map((d) => [d.kind, d.raw])).toEqual([['named-credential', 'Hunter22']]);
    }
  });

  // Each finding inside one base64 run was merged into the run's by itself, a redactor built over the run each time:
  // 3,000 registries took over half a minute (quadratic). Now one merge per run, with every secret inside it.
  it('finds base64 of a Docker config with 3,000 registries once, with every registry\'s auth among its secrets', () => {
    const auths = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`reg${i}.example.com`, { auth: Buffer.from(`user${i}:Pw${i}xQz9Lk`).toString('base64') }]));
    const text = Buffer.from(JSON.stringify({ auths })).toString('base64');
    const found = detect(text, { scope: 'all' });
    expect(found.map((d) => [d.kind, d.raw === text])).toEqual([['token', true]]);
    expect(found[0].secrets).toEqual(expect.arrayContaining([text, auths['reg0.example.com'].auth, auths['reg2999.example.com'].auth]));
    expect(found[0].masked).not.toMatch(/user|Pw/);
  });

  // A phone's name before digits that are no phone's: a dotted date, or sizes grouped as no phone number is.
  it('takes no dotted date or sizes under a phone\'s name for a phone number; numbers grouped as phones still count', () => {
    const found = (text: string, label?: string) => detect(text, { scope: 'all', ...(label === undefined ? {} : { label }) }).map((d) => d.masked);
    expect([found('Mobile: 2024.06.15'), found('2024.06.15', 'Mobile'), found('15.06.2024', 'Phone'), found('1024 2048 4096', 'Mobile')]).toEqual([[], [], [], []]);
    expect([found('555 010 9999', 'Mobile'), found('Mobile: 020 7946 0958'), found('06 12 34 56 78', 'Phone'), found('1 555 010 9999', 'Phone')]).toEqual([
      ['*** *** **99'], ['*** **** **58'], ['** ** ** ** 78'], ['* *** *** **99'],
    ]);
  });
});

describe('a scheme and token under an authorization\'s name written shell-style', () => {
  it('masks NAME=scheme token and export NAME="scheme token"', () => {
    expect(maskedAll('null_resource.x (local-exec): UPSTREAM_AUTH=token 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f')).not.toContain('3f2a9c1e');
    expect(maskedAll('export UPSTREAM_AUTH="token 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f"')).not.toContain('3f2a9c1e');
  });
});

// The HTTP authentication schemes a credential follows besides Basic, Bearer and Token: their credentials shown in
// clear after `Authorization: ` (curl -v, a provisioner's log) and under a name of an authorization, shell-style or quoted.
describe('the credentials of every HTTP authentication scheme', () => {
  const SCHEMES: [scheme: string, value: string, secrets: string[], kept: string[]][] = [
    [
      'Digest (RFC 7616): its response, the rest shown',
      'Digest username="deploy", realm="api@example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/v1/hook", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
      ['6629fae49393a05397450978507c4ef1'],
      ['username=', 'deploy', 'realm='],
    ],
    [
      'AWS Signature Version 4: its signature and the access key id',
      'AWS4-HMAC-SHA256 Credential=AKIAJ7Q2ZRXW5LM3NB4T/20240501/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=3c9f1a7e2b8d4f6a0e5c7b9d1f3a5c7e9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a',
      ['3c9f1a7e2b8d4f6a0e5c7b9d1f3a5c7e9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a', 'J7Q2ZRXW5LM3NB4T'],
      ['SignedHeaders=host;x-amz-date'],
    ],
    ['Negotiate (RFC 4559)', 'Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYK', ['oIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3'], ['Negotiate ']],
    ['NTLM', 'NTLM TlRMTVNTUAADAAAAGAAYAEAAAAAYABgAWAAAAAwADABwAAAACAAIAHwAAAAQABAAhAAAAAAAAACUAAAABYKIogq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8w', ['AAAAGAAYAEAAAAAYABgAWAAAAAwADABwAAAACAAIAHwAAAAQABAA'], ['NTLM ']],
    ["Elasticsearch's ApiKey", 'ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==', ['ZGJrUW0tZTVhT3g6dWkybHAyYXhU'], ['ApiKey ']],
    ['Api-Key', 'Api-Key 9f8e7d6c5b4a39281706abcdef12q7R6s5T4u3', ['5b4a39281706abcdef12q7R6s5T4u3'], ['Api-Key ']],
    ["Okta's SSWS", 'SSWS 00QCjAl4MlV-WPXM-0K4mKkY2g5Rz8Tq7Hb3Nc9Xs', ['0K4mKkY2g5Rz8Tq7Hb3Nc9Xs'], ['SSWS ']],
    // Review rv-merged 3: a Splunk HEC token (Kinesis Firehose's Splunk destination), Opsgenie's GenieKey, Azure's SAS,
    // SigV4a's signature, OAuth 1.0's and Hawk's request signatures.
    ['Splunk HEC', 'Splunk 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f', ['7b4d-4e8a-9c2f-1a2b3c4d5e6f'], ['Splunk ']],
    ["Opsgenie's GenieKey", 'GenieKey 9c2f1a2b-3c4d-4e8a-7b4d-5e6f3f2a9c1e', ['4e8a-7b4d-5e6f3f2a9c1e'], ['GenieKey ']],
    [
      "Azure's SharedAccessSignature: its sig",
      'SharedAccessSignature sr=myns.servicebus.windows.net%2Fq&sig=Zq8Wv3Hk2JxYzAbCdEf91Lm4Np6Rs8Tv%2BwXy%3D&se=1735689600&skn=RootManageSharedAccessKey',
      ['Zq8Wv3Hk2JxYzAbCdEf91Lm4Np6Rs8Tv'],
      ['sr=myns.servicebus.windows.net', 'skn=RootManageSharedAccessKey'],
    ],
    [
      'AWS Signature Version 4a: its signature',
      'AWS4-ECDSA-P256-SHA256 Credential=AKIAJ7Q2ZRXW5LM3NB4T/20240501/s3/aws4_request, SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3045022100b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2022015e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6',
      ['b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0', 'J7Q2ZRXW5LM3NB4T'],
      ['SignedHeaders=host;x-amz-date'],
    ],
    [
      'OAuth 1.0 (RFC 5849): its signature',
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="tnnArxj06cWHq44gCs1OSKk%2FjLY%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"',
      ['tnnArxj06cWHq44gCs1OSKk', 'GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
      ['oauth_signature_method=', 'HMAC-SHA1'],
    ],
    ['Hawk: its mac', 'Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="', ['6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE'], ['id=', 'dh37fgj492je']],
  ];
  const lineMasked = (line: string): string => masked(line, detect(line, { scope: 'credentials' }));

  it.each(SCHEMES)('%s: masked in a line after Authorization: and under a name of an authorization', (_what, value, secrets, kept) => {
    const lines = [
      `> Authorization: ${value}`,
      `null_resource.x (local-exec): Proxy-Authorization: ${value}`,
      `null_resource.x (local-exec): UPSTREAM_AUTH=${value}`,
      `export X_AUTH="${value.replace(/"/g, '\\"')}"`,
      `proxy_set_header Authorization "${value.replace(/"/g, '\\"')}";`,
    ];
    for (const line of lines) {
      const shown = lineMasked(line);
      for (const secret of secrets) expect([line, shown]).toEqual([line, expect.not.stringContaining(secret)]);
      for (const word of kept) expect([line, shown]).toEqual([line, expect.stringContaining(word)]);
    }
  });

  it.each(SCHEMES)("%s: found as a header's value under the header's name, or a name of an authorization", (_what, value, secrets) => {
    for (const label of ['Authorization', 'overwrite:header.Authorization', 'UPSTREAM_AUTH']) {
      const found = detect(value, { scope: 'credentials', label });
      expect([label, found.length > 0]).toEqual([label, true]);
      const shown = masked(value, found);
      for (const secret of secrets) expect([label, shown]).toEqual([label, expect.not.stringContaining(secret)]);
      for (const secret of secrets) expect([label, found.map((d) => d.masked).join(' ')]).toEqual([label, expect.not.stringContaining(secret)]);
    }
  });

  it('leaves a scheme with no credentials after it, a reference and a challenge as they were', () => {
    for (const line of [
      'WWW-Authenticate: Digest realm="api@example.com", qop="auth", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
      'Authorization: Negotiate ${var.token}',
      'Authorization: SSWS $OKTA_TOKEN',
      'UPSTREAM_AUTH=NTLM',
      'The proxy accepts Negotiate and NTLM authentication',
    ])
      expect(lineMasked(line)).toBe(line);
  });
});
