/**
 * `detect` skips the detectors when `mayHold` says no built-in detector can match. That prefilter must
 * never drop a detection: whatever the detectors find in a text, `detect` finds too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { detect, type DetectOptions, hasRun, mayFind, mayHold, type Run, runDetectors } from '../../../checks/rules/support/detect';

/** Every string literal of the sensitive-data tests: the detector corpus, positives and negatives alike. */
function corpus(): string[] {
  const dir = __dirname;
  const texts = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts'))) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of source.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.)*)`/g)) {
      const raw = m[1] ?? m[2];
      texts.add(raw.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1'));
    }
  }
  return [...texts];
}

const OPTIONS: readonly DetectOptions[] = [
  { scope: 'all' },
  { scope: 'credentials', label: 'auth' },
  { scope: 'credentials' },
  { scope: 'all', label: 'aws_secret_key', nearKeyId: true },
  { scope: 'credentials', label: 'secret', nearKeyId: true },
  { scope: 'credentials', label: 'Authorization' },
  { scope: 'all', label: 'X-API-Key' },
  { scope: 'all', label: 'OnCallPhone' },
];

/** The options under which the detectors find something in `text` and `detect`, with its prefilter, does not. */
const dropped = (text: string): DetectOptions[] => OPTIONS.filter((options) => detect(text, options).length === 0 && runDetectors(text, options).length > 0);

describe('the detect prefilter', () => {
  const texts = corpus();

  it('reads a corpus in which the detectors find something', () => {
    expect(texts.filter((text) => runDetectors(text, { scope: 'all' }).length > 0).length).toBeGreaterThan(10);
  });

  it('never drops a detection of the detector corpus', () => {
    expect(texts.filter((text) => dropped(text).length > 0)).toEqual([]);
  });

  it('never drops a detection in text built from the detectors\' fragments', () => {
    const fragment = fc.constantFrom(
      'a', 'Z', '0', '7', ' ', '-', '.', '(', ')', '/', '+', '=', '_', ':', '@', '://', 'https://', 'user:', 'pw@', '?token=',
      'AKIA', 'ASIA', 'IOSFODNN7EXAMPLE', 'Km8dPq2Lx9Vr4Tz7', 'wJalrXUtnFEMI/K7MDENG', 'eyJ', 'ghp_', 'xoxb-', 'sk_live_', 'AIza',
      'glpat-', 'GR1348941', 'github_pat_', 'Bearer ', 'Basic ', 'Authorization: ', '"password": ', 'password', 'DB_PASSWORD', 'Pwd', 'api_key', '=', ': ', ';', "'", '$(', '!',
      '-----BEGIN PRIVATE KEY-----', 'example.com', '555', '123-4567', '+49 151 ', '(555) ', '555.', '1234', '+33', ' 6', ' 12', '.34', '-56', 'Tel: ', 'phone ', 'Fax=',
      // Long runs of one case: a bucket name with an account id, a lower-case or upper-case token shape.
      'tg7-s0-111111111111-eu-west-1-trail', 'abcdefghijklmnopqrstuvwxyz0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 24 }), (parts) => {
        expect(dropped(parts.join(''))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('never drops a phone number, however its digits are grouped', () => {
    // `+33 6 12 34 56 78`, `+45 12 34 56 78`: short, and no run of three digits.
    expect(detect('+33 6 12 34 56 78', { scope: 'all' }).map((d) => d.kind)).toEqual(['phone']);
    const groups = fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(fc.constantFrom('', 'call ', 'Tel. '), groups, fc.constantFrom(' ', '.', '-', ''), (before, digits, separator) => {
        expect(dropped(`${before}+${digits.join(separator)}`)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('never drops a detection that only the decoded strings of a JSON document show', () => {
    // The detectors read a JSON document's escaped strings decoded; the raw text shows none of the prefilter's hints.
    const escaped = (text: string): string => [...text].map((c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('');
    const found = texts.filter((text) => text.length < 200 && !text.includes('\\') && runDetectors(text, { scope: 'all' }).length > 0);
    expect(found.length).toBeGreaterThan(10);
    expect(found.map((text) => `{"config":"${escaped(text)}"}`).filter((document) => dropped(document).length > 0)).toEqual([]);
    // As PHP's json_encode and others write a URL: only the slashes escaped.
    expect(detect('{"db":"postgres:\\/\\/app:Zq8Wv3Lm@db.example.com\\/app"}', { scope: 'credentials' }).map((d) => d.kind)).toEqual(['url-credentials']);
  });

  it('never drops a detection that only the decoded text of a base64 run shows', () => {
    // The detectors read base64 runs that encode text decoded; the run shows none of the prefilter's hints but its length.
    // Found without decoding base64.
    const found = texts.filter((text) => text.length >= 12 && text.length < 200 && runDetectors(text, { scope: 'credentials' }, 0).length > 0);
    expect(found.length).toBeGreaterThan(10);
    // After `deploy:` a JSON document is no document, and its escaped strings are not decoded, and a scheme's value
    // (`Basic …`) is no value alone: those go alone.
    const alone = (text: string): boolean => text.includes('\\') || /^\s*'?(?:basic|bearer|token)\s/i.test(text);
    const encoded = found.flatMap((text) => [
      Buffer.from(text).toString('base64'),
      // URL-safe or unpadded, and base64 of base64: searched for credential shapes, which these texts hold. `??>>`
      // makes a `-` and a `_`, but no JSON document of one that ends so.
      Buffer.from(alone(text) ? text : `${text}??>>`).toString('base64url'),
      Buffer.from(text).toString('base64').replace(/=+$/, ''),
      Buffer.from(Buffer.from(text).toString('base64')).toString('base64'),
      ...(alone(text) ? [] : [`Basic ${Buffer.from(`deploy:${text}`).toString('base64')} ok`]),
    ]);
    expect(encoded.filter((text) => runDetectors(text, { scope: 'credentials' }).length === 0)).toEqual([]);
    expect(encoded.filter((text) => dropped(text).length > 0)).toEqual([]);
  });

  it('lets configured patterns see every text', () => {
    expect(mayHold('plain', { scope: 'all', patterns: [{ name: 'x', pattern: 'plain' }] })).toBe(true);
    expect(mayHold('plain', { scope: 'all' })).toBe(false);
  });
});

describe('the run test of the prefilter', () => {
  const classes: readonly [string, RegExp, number][] = [
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+', /[A-Za-z0-9/+]{40}/, 40],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-', /[A-Za-z0-9+/=_-]{32}/, 32],
  ];

  it.each(classes)('answers as the regex of its class does, on any text (%#)', (chars, regex, length) => {
    const run: Run = { chars: new Uint8Array(128).map((_, code) => (chars.includes(String.fromCharCode(code)) ? 1 : 0)), length };
    // Mostly characters of the class, so runs near the length are common; some outside it, ASCII or not.
    const char = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...chars) }, { weight: 1, arbitrary: fc.constantFrom(' ', '-', ':', '"', 'é', '\u{1F600}', '=', '_') });
    fc.assert(
      fc.property(fc.array(char, { maxLength: 120 }), (parts) => {
        const text = parts.join('');
        expect(hasRun(text, run)).toBe(regex.test(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('mayFind, the test detectAll makes of each text', () => {
  const texts = corpus();
  const labels = [undefined, 'Authorization', 'X-API-Key', 'header.x-api-key', 'secret', 'password', 'tag key', 'description', 'auth', 'basic_auth'];

  it('says no only where the detectors find nothing under that label', () => {
    const missed = texts.flatMap((text) =>
      labels.flatMap((label) =>
        (['all', 'credentials'] as const).flatMap((scope) =>
          [false, true].flatMap((nearKeyId) => (!mayFind(text, label, { scope }) && runDetectors(text, { scope, label, nearKeyId }).length > 0 ? [{ text, label, scope, nearKeyId }] : [])),
        ),
      ),
    );
    expect(missed).toEqual([]);
  });

  it("says yes for any text under a key header's name, where the detectors read the label", () => {
    expect(runDetectors('n0tAsh4pe', { scope: 'credentials', label: 'X-API-Key' })).toHaveLength(1);
    expect(mayFind('n0tAsh4pe', 'X-API-Key', { scope: 'credentials' })).toBe(true);
    expect(mayFind('n0tAsh4pe', 'description', { scope: 'credentials' })).toBe(false);
  });
});
