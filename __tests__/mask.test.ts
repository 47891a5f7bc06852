import { MIN_REDACT_LENGTH, maskAny, maskEmail, maskPhone, maskPrivateKey, maskSecret, maskUrlCredentials, redactAll, redactor, redactStrings } from '../checks/mask';
import { UNKNOWN_IN_ADDRESS } from '../checks/model/email-address';

describe('masked forms', () => {
  it('masks an email address to its first letters and top-level domain', () => {
    expect(maskEmail('john.doe@example.com')).toBe('j***@e***.com');
    expect(maskEmail('a@b.co.uk')).toBe('a***@b***.uk');
  });

  it('never shows what stands for a value not known at plan time inside an address (jane@${var.sub}.example.com)', () => {
    expect(maskEmail(`jane@${UNKNOWN_IN_ADDRESS}.example.com`)).toBe('j***@***.com');
    expect(maskEmail(`jane.${UNKNOWN_IN_ADDRESS}@example.com`)).toBe('j***@e***.com');
  });

  it('keeps a first character outside the Basic Multilingual Plane whole (never half a surrogate pair)', () => {
    expect(maskEmail('𝒜lice@𝒳ample.com')).toBe('𝒜***@𝒳***.com');
    expect(maskSecret('𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜')).toBe('𝒜𝒜***');
    // No lone surrogate: a half pair is not text.
    for (const masked of [maskEmail('𝒜lice@𝒳ample.com'), maskSecret('𝒜𝒜𝒜𝒜𝒜')]) expect(masked).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('masks the credentials of a URL and everything after its host', () => {
    expect(maskUrlCredentials('https://user:pass@host/p?token=abc')).toBe('https://***:***@host/...');
    expect(maskUrlCredentials('https://ghp_token@github.com/org/repo.git')).toBe('https://***@github.com/...');
    expect(maskUrlCredentials('https://host.example.com:8443/x?X-Amz-Signature=abc')).toBe('https://host.example.com:8443/...');
    expect(maskUrlCredentials('mysql://admin:secret@db:3306')).toBe('mysql://***:***@db:3306');
  });

  it('shows at most four characters of a secret, fewer of a short one', () => {
    expect(maskSecret('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA***');
    expect(maskSecret('hunter22')).toBe('hu***');
    expect(maskSecret('abc')).toBe('***');
    for (const raw of ['x'.repeat(100), 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']) expect(maskSecret(raw).replace('***', '').length).toBeLessThanOrEqual(4);
  });

  it('keeps the last two digits of a phone number and its separators', () => {
    expect(maskPhone('+1 555 123 4567')).toBe('+* *** *** **67');
    expect(maskPhone('(555) 123-4567')).toBe('(***) ***-**67');
  });

  it('keeps only the header of a private key', () => {
    expect(maskPrivateKey('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----')).toBe('-----BEGIN RSA PRIVATE KEY-----***');
  });

  it('chooses the masked form by shape', () => {
    expect(maskAny('jane@example.org')).toBe('j***@e***.org');
    expect(maskAny('https://u:p@h/x')).toBe('https://***:***@h/...');
    expect(maskAny('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA***');
    // Base64 of text in either alphabet, padded or not, is stars alone; a value with characters no base64 holds is
    // none, though Node's decoder, which skips them, reads text in it.
    expect(maskAny(Buffer.from('ghp_Lm4Nb7Vc2XLm4Nb7??>>').toString('base64url'))).toBe('***');
    expect(Buffer.from('ZGVw:bG95:Okh1:bnRl:cjJQ:YXNz:OQ', 'base64').toString()).toBe('deploy:Hunter2Pass9');
    expect(maskAny('ZGVw:bG95:Okh1:bnRl:cjJQ:YXNz:OQ')).toBe('ZGVw***');
  });

  // Any character of base64 shown decodes to the text's: `Z2hw***` read `ghp`, `YTpY***` a Basic header's `a:X`.
  it('masks base64 of text as stars alone wherever a secret is masked, and a phone number as detect does', () => {
    expect(maskSecret(Buffer.from('ghp_Lm4Nb7Vc2XLm4Nb7??>>').toString('base64url'))).toBe('***');
    expect(maskSecret(Buffer.from('a:Xq7Lm2Pw9Zk4').toString('base64'))).toBe('***');
    expect(maskSecret('Km8dPq2Lx9Vr4Tz7Nw1Hb6Jc3Fg5Ys0Ae')).toBe('Km8d***');
    // The gate masks a plan line's phone number with maskAny: its last two digits, as the report shows it, not `555***`.
    expect(['555 010 9999', '+49 151 1234 5678', '(555) 123-4567'].map(maskAny)).toEqual(['*** *** **99', '+** *** **** **78', '(***) ***-**67']);
  });
});

describe('redactAll', () => {
  const secrets = ['john.doe@example.com', 'https://user:p&ss<w>rd@host/p?token=abc', 'p&ss<w>rd', 'AKIAIOSFODNN7EXAMPLE'];

  it('replaces every occurrence, as is, JSON-escaped and XML-escaped', () => {
    const text = [
      'john.doe@example.com wrote to john.doe@example.com',
      JSON.stringify({ url: 'https://user:p&ss<w>rd@host/p?token=abc', key: 'AKIAIOSFODNN7EXAMPLE' }),
      '<m a="https://user:p&amp;ss&lt;w&gt;rd@host/p?token=abc">p&amp;ss&lt;w&gt;rd</m>',
      '"https://user:p\\u0026ss\\u003cw\\u003erd@host/p?token=abc"',
    ].join('\n');
    const out = redactAll(text, secrets);
    for (const raw of ['john.doe', 'p&ss', 'p&amp;ss', 'p\\u0026ss', 'IOSFODNN']) expect(out).not.toContain(raw);
    expect(out).toContain('j***@e***.com wrote to j***@e***.com');
    expect(out).toContain('https://***:***@host/...');
    expect(out).toContain('AKIA***');
  });

  it('masks a URL as a whole before the password inside it', () => {
    expect(redactAll('see https://user:p&ss<w>rd@host/p?token=abc', secrets)).toBe('see https://***:***@host/...');
  });

  it('leaves a JSON report parseable', () => {
    const report = JSON.stringify({ findings: [{ message: 'Owner holds john.doe@example.com', blocking: true }] });
    expect(JSON.parse(redactAll(report, [...secrets, 'true', 'fail']))).toEqual({ findings: [{ message: 'Owner holds j***@e***.com', blocking: true }] });
  });

  const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x2y3z4K5L6M7N8O9P0Q\nAbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n-----END RSA PRIVATE KEY-----';

  it('masks a value written in a quoted address key and that address in a JSON report (escaped twice)', () => {
    const address = `aws_s3_bucket.k[${JSON.stringify(KEY)}]`;
    const out = redactAll(JSON.stringify({ address, message: `${address} holds a private key` }), [KEY]);
    expect(out).not.toMatch(/MIIEow|AbCdEf/);
    expect(JSON.parse(out).address).toBe('aws_s3_bucket.k["-----BEGIN RSA PRIVATE KEY-----***"]');
  });

  it('masks each long line of a multi-line value printed a line at a time (an indented heredoc in a terraform plan)', () => {
    const printed = `  + "SIGNING_KEY" = <<-EOT\n${KEY.split('\n').map((line) => `        ${line}`).join('\n')}\n    EOT`;
    const out = redactAll(printed, [KEY]);
    expect(out).not.toMatch(/MIIEow|AbCdEf/);
    expect(out).toContain('+ "SIGNING_KEY" = <<-EOT');
    // The armor lines are no secret: a message's masked form keeps its header.
    expect(redactAll('`host_key` holds a private key (-----BEGIN RSA PRIVATE KEY-----***)', [KEY])).toBe('`host_key` holds a private key (-----BEGIN RSA PRIVATE KEY-----***)');
  });

  it('masks the short lines of a multi-line key printed a line at a time after a line of it, indented, in a diff, in JSON, with CRLF', () => {
    const key = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJk', 'Zq8Wv3xLm9Kp', 'q7R6s5==', '-----END RSA PRIVATE KEY-----'].join('\n');
    const indented = key.split('\n').map((line) => `        ${line}`).join('\n');
    expect(redactAll(indented, [key])).toBe(['-----BEGIN RSA PRIVATE KEY-----', '***', '***', '***', '-----END RSA PRIVATE KEY-----'].map((line) => `        ${line}`).join('\n'));
    const diff = ['      -----BEGIN RSA PRIVATE KEY-----', '    - MIIEowIBAAKCAQEAq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJk', '    - Zq8Wv3xLm9Kp', '    - q7R6s5==', '      -----END RSA PRIVATE KEY-----'].join('\r\n');
    expect(redactAll(diff, [key])).not.toMatch(/Zq8Wv3|q7R6s5/);
    const json = redactAll(JSON.stringify({ content: indented }), [key]);
    expect(json).not.toMatch(/Zq8Wv3|q7R6s5/);
    expect(JSON.parse(json).content).toBe(redactAll(indented, [key]));
    // The same words elsewhere in the text, not after a line of the key, stay: they are no form of it.
    expect(redactAll('Zq8Wv3xLm9Kp q7R6s5==', [key])).toBe('Zq8Wv3xLm9Kp q7R6s5==');
  });

  it('shows no part of two secrets that overlap, however few the secrets', () => {
    const out = redactAll('token: overlapAAAA-secret-tail-BBBB.', ['overlapAAAA-secret', 'secret-tail-BBBB']);
    expect(out).not.toMatch(/secret|tail|BBBB|AAAA/);
    expect(out).toBe('token: over******.');
    // A secret inside another, and one written twice in a row, are masked whole too.
    expect(redactAll('k=AKIAIOSFODNN7EXAMPLEAKIAIOSFODNN7EXAMPLE', ['AKIAIOSFODNN7EXAMPLE', 'IOSFODNN7E'])).toBe('k=AKIA***AKIA***');
  });

  it(`masks a secret shorter than ${MIN_REDACT_LENGTH} characters where it is an instance key of an address, as written, in JSON and in XML`, () => {
    const address = 'module.m["E1234"].aws_sqs_queue.q["E1234"]';
    expect(redactAll(`${address}: ticket E1234`, ['E1234'])).toBe('module.m["E***"].aws_sqs_queue.q["E***"]: ticket E1234');
    expect(redactAll(JSON.stringify({ address }), ['E1234'])).toBe(JSON.stringify({ address: 'module.m["E***"].aws_sqs_queue.q["E***"]' }));
    expect(redactAll('<a n="q[&quot;E1234&quot;]"/>', ['E1234'])).toBe('<a n="q[&quot;E***&quot;]"/>');
  });

  // Both keys masked as ["j***@e***.com"]: two findings on one address, and a waiver copied from it matched both.
  it('numbers instance keys that mask alike, in the order of their text, whatever order the secrets come in; the value in prose stays as masked', () => {
    const [john, jane] = ['john.doe@example.com', 'jane.roe@example.com'];
    const text = `aws_iam_user.dev["${john}"] aws_iam_user.dev["${jane}"] holds ${john}`;
    const expected = 'aws_iam_user.dev["j***@e***.com"#2] aws_iam_user.dev["j***@e***.com"#1] holds j***@e***.com';
    expect(redactAll(text, [john, jane])).toBe(expected);
    expect(redactAll(text, [jane, john])).toBe(expected);
    expect(redactAll(JSON.stringify(text), [john, jane])).toBe(JSON.stringify(expected));
    expect(redactAll(`<a n="dev[&quot;${jane}&quot;]"/>`, [john, jane])).toBe('<a n="dev[&quot;j***@e***.com&quot;#1]"/>');
    // Short keys too; a key no other masks like stays as it was.
    expect(redactAll('q["E1299"] q["E1234"] q["X7777"]', ['E1299', 'E1234', 'X7777'])).toBe('q["E***"#2] q["E***"#1] q["X***"]');
    expect(redactAll(`aws_iam_user.dev["${john}"]`, [john])).toBe('aws_iam_user.dev["j***@e***.com"]');
  });

  it('counts the numbers among the keys it is given alone: a secret that is no key, masked alike, changes no number and carries none', () => {
    const [john, jane, jill] = ['john.doe@example.com', 'jane.roe@example.com', 'jill.kay@example.com'];
    const text = `aws_iam_user.dev["${john}"] aws_iam_user.dev["${jane}"] owner ${jill}`;
    const expected = 'aws_iam_user.dev["j***@e***.com"#2] aws_iam_user.dev["j***@e***.com"#1] owner j***@e***.com';
    expect(redactAll(text, [john, jill, jane], [john, jane])).toBe(expected);
    expect(redactAll(text, [jill, jane, john], [jane, john])).toBe(expected);
    // One key alone among the keys: no number, whatever else masks as it does.
    expect(redactAll(`aws_iam_user.dev["${john}"] ${jill}`, [john, jill], [john])).toBe('aws_iam_user.dev["j***@e***.com"] j***@e***.com');
  });

  // Terraform prints what the code encodes as it is: base64encode(token), a Basic header, a URL's query.
  describe('a secret written encoded', () => {
    const token = 'ghp_R8nLq2Vx7Tz9Wb4Kc1Ym6Fd3Hs5Jp0Ae8Gu2';
    const email = 'jane.roe@example.com';
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    /** Every run of base64 characters in `text`, decoded from each of its first four characters (so at every alignment). */
    const decodedRuns = (text: string) => (text.match(/[A-Za-z0-9+/=]{6,}/g) ?? []).flatMap((run) => [0, 1, 2, 3].map((at) => Buffer.from(run.slice(at), 'base64').toString('latin1')));

    // Terraform prints a single-line string with Go's %q (strconv.Quote): a character Go does not take as printable
    // (unicode.IsPrint) is escaped, where a JSON string keeps it (NBSP, ZWSP, DEL) or writes it otherwise (BEL as \u0007).
    it.each([
      ['BEL', '\u0007', String.raw`\a`],
      ['backspace', '\b', String.raw`\b`],
      ['form feed', '\f', String.raw`\f`],
      ['VT', '\v', String.raw`\v`],
      ['ESC', '\u001b', String.raw`\x1b`],
      ['SOH', '\u0001', String.raw`\x01`],
      ['DEL', '\u007f', String.raw`\x7f`],
      ['NBSP', '\u00a0', String.raw`\u00a0`],
      ['soft hyphen', '\u00ad', String.raw`\u00ad`],
      ['ZWSP', '\u200b', String.raw`\u200b`],
      ['line separator', '\u2028', String.raw`\u2028`],
      ['a tag character beyond the BMP', '\u{e0041}', String.raw`\U000e0041`],
    ])("with %s, as terraform's plan prints it (Go's %%q)", (_, character, escape) => {
      const secret = `ZqgYzQJj${character}OIfPkzSr`;
      const printed = `+ value = "ZqgYzQJj${escape}OIfPkzSr"`;
      expect(redactAll(printed, [secret])).toBe(`+ value = "${maskSecret(secret)}"`);
    });

    it("Go's %q keeps printable text as it is (é, ¡, an emoji) and escapes only the quote and the backslash among it", () => {
      const secret = 'Zqé¡😀"x\\yWv3\u00a0';
      expect(redactAll(String.raw`+ value = "Zqé¡😀\"x\\yWv3\u00a0"`, [secret])).toBe(`+ value = "${maskSecret(secret)}"`);
    });

    it("percent-encoded, as encodeURIComponent and as Terraform's urlencode (Go's QueryEscape) write it", () => {
      const password = "p@ss w0rd!(x)*'y";
      const printed = [`callback = "https://hooks.example.com/notify?to=${encodeURIComponent(email)}"`, `pw = "${encodeURIComponent(password)}"`, 'tf = "p%40ss+w0rd%21%28x%29%2A%27y"'].join('\n');
      const out = redactAll(printed, [email, password]);
      expect(out).toBe(['callback = "https://hooks.example.com/notify?to=j***@e***.com"', 'pw = "p@ss***"', 'tf = "p@ss***"'].join('\n'));
    });

    it('in base64, alone (masked whole, padding too) or inside longer encoded text at any offset', () => {
      const printed = [
        `token_b64 = "${base64(token)}"`,
        `auth_header = "Basic ${base64(`deploy:${token}`)}"`,
        ...['', 'a', 'ab', 'abc'].map((before, i) => `user_data_${i} = "${base64(`#!/bin/bash\n${before}TOKEN=${token}\necho ok\n`)}"`),
      ].join('\n');
      const out = redactAll(printed, [token]);
      expect(out).toContain('token_b64 = "***"');
      // The whole run a form of it is in, stars alone: what was left around the stars (`ZGVwbG95Om***`) decoded to the
      // text around the token, here the user name (`deploy:`).
      expect(out).toContain('auth_header = "Basic ***"');
      for (let i = 0; i < 4; i++) expect(out).toContain(`user_data_${i} = "***"`);
      expect(decodedRuns(out).filter((text) => /deploy|bash|TOKEN|echo/.test(text) || text.includes(token.slice(4, 12)) || text.includes(token.slice(-8)))).toEqual([]);
      expect(decodedRuns(printed).some((text) => text.includes(token))).toBe(true);
    });

    it("in base64's URL-safe alphabet and unpadded, as JWT segments and Kubernetes tools write it: alone (masked whole) or inside longer text", () => {
      // `?`, `>` and `~` as a third byte make a `_` or a `-` where the standard alphabet has a `/` or a `+`.
      const password = 'Zq~Wv?Lm>Kp~Qr?';
      const url = (text: string) => Buffer.from(text).toString('base64url');
      expect(url(password)).toMatch(/[-_]/);
      const printed = [
        `pw_url = "${url(password)}"`,
        `pw_raw = "${base64(password).replace(/=+$/, '')}"`,
        ...['', 'a', 'ab'].map((before, i) => `config_${i} = "${url(`${before}{"db_password":"${password}","retries":3}`)}"`),
      ].join('\n');
      const out = redactAll(printed, [password]);
      expect(out).toContain('pw_url = "***"');
      expect(out).toContain('pw_raw = "***"');
      const decoded = (text: string) => (text.match(/[A-Za-z0-9_-]{6,}/g) ?? []).flatMap((run) => [0, 1, 2, 3].map((at) => Buffer.from(run.slice(at), 'base64url').toString('latin1')));
      expect(decoded(out).filter((text) => text.includes(password.slice(0, 6)) || text.includes(password.slice(-6)))).toEqual([]);
      expect(decoded(printed).some((text) => text.includes(password))).toBe(true);
    });

    it('leaves base64 that holds no secret as it was', () => {
      const innocent = `user_data = "${base64('#!/bin/bash\necho ready\n')}" cert = "MIIBszCCAVmgAwIBAgIUKk"`;
      expect(redactAll(innocent, [token, email])).toBe(innocent);
    });
  });

  it(`ignores secrets shorter than ${MIN_REDACT_LENGTH} characters, which would corrupt a report`, () => {
    expect(redactAll('status: fail, blocking: true', ['fail', 'true'])).toBe('status: fail, blocking: true');
  });
});

describe('redactAll with thousands of secrets (one pass over the text)', () => {
  const emails = Array.from({ length: 3000 }, (_, i) => `user.${i}@example${i % 7}.com`);
  const text = emails.map((email, i) => `resource ${i}: "${email}" tagged ${JSON.stringify(JSON.stringify(email))}`).join('\n');

  it('masks every one, in every written form, as the search per form does', () => {
    const out = redactAll(text, emails);
    for (const email of emails) expect(out).not.toContain(email);
    expect(out).toContain('resource 42: "u***@e***.com"');
    // The same text with a few secrets takes the search per form: the same result where they meet.
    const few = emails.slice(0, 3);
    const part = text.split('\n').slice(0, 3).join('\n');
    expect(redactAll(part, few)).toBe(out.split('\n').slice(0, 3).join('\n'));
  });

  it('masks a short secret among them too, and compares each position of the text with no more forms for it', () => {
    // One 6-character secret (7-character base64 forms) and one short instance key (`["ab"]`) joined the
    // index of thousands of long forms and shrank its window: every `user.` of the text was compared
    // with hundreds of forms, and masking ran 5 to 10 times as long. Counted, not timed.
    const comparisons = (secrets: readonly string[], input: string): { out: string; calls: number } => {
      const spy = jest.spyOn(String.prototype, 'startsWith');
      try {
        const out = redactAll(input, secrets, ['ab']);
        return { out, calls: spy.mock.calls.length };
      } finally {
        spy.mockRestore();
      }
    };
    const shortOnes = ['Zq8W9x', 'ab'];
    const withShort = `${text}\npin Zq8W9x, ${Buffer.from('pin=Zq8W9x').toString('base64')}, key aws_ssm_parameter.p["ab"]`;
    const plain = comparisons(emails, text);
    const mixed = comparisons([...emails, ...shortOnes], withShort);
    expect(mixed.out.split('\n').slice(0, -1).join('\n')).toBe(plain.out);
    expect(mixed.out.split('\n').at(-1)).toBe(`pin Z***, ${redactAll(Buffer.from('pin=Zq8W9x').toString('base64'), ['Zq8W9x'])}, key aws_ssm_parameter.p["***"]`);
    expect(mixed.out).not.toMatch(/Zq8W9x|"ab"/);
    expect(mixed.calls).toBeLessThanOrEqual(plain.calls + 10);
  });

  it('shows no part of two secrets that overlap', () => {
    const secrets = [...emails, 'overlapAAAA-secret', 'secret-tail-BBBB'];
    const out = redactAll(`${text}\nx overlapAAAA-secret-tail-BBBB y`, secrets);
    expect(out).not.toMatch(/secret-tail|tail-BBBB|overlapAAAA/);
    expect(out).toMatch(/x \S*\*\*\*\S* y$/);
  });
});

describe('redactStrings', () => {
  const redact = redactor(['version', 'jane.doe@example.com']);

  it('masks every string value but those under a fixed path, and never a key', () => {
    const document = { version: 'version', runs: [{ tool: { version: 'version 1' }, results: [{ level: 'version', message: { text: 'owner jane.doe@example.com, version 2' } }] }], extra: ['version'] };
    expect(redactStrings(document, redact, ['version', 'runs.*.tool', 'runs.*.results.*.level'])).toEqual({
      version: 'version',
      runs: [{ tool: { version: 'version 1' }, results: [{ level: 'version', message: { text: 'owner j***@e***.com, v*** 2' } }] }],
      extra: ['v***'],
    });
  });

  it('keeps numbers, booleans, null, the order of keys and a key named __proto__ as its own', () => {
    const document = JSON.parse('{"b": 1, "a": [true, null, "version"], "__proto__": "version"}');
    const out = redactStrings(document, redact, []);
    expect(Object.keys(out)).toEqual(['b', 'a', '__proto__']);
    expect(JSON.stringify(out)).toBe('{"b":1,"a":[true,null,"v***"],"__proto__":"v***"}');
  });
});
