/**
 * `detect` skips the detectors when `mayHold` says no built-in detector can match. That prefilter must
 * never drop a detection: every text the detectors find something in must pass it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { mayHold, runDetectors, type DetectOptions } from '../../../checks/rules/support/detect';

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
  { scope: 'credentials' },
  { scope: 'all', label: 'aws_secret_key', nearKeyId: true },
  { scope: 'credentials', label: 'secret', nearKeyId: true },
];

const dropped = (text: string): DetectOptions[] => OPTIONS.filter((options) => !mayHold(text, options) && runDetectors(text, options).length > 0);

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
      '-----BEGIN PRIVATE KEY-----', 'example.com', '555', '123-4567', '+49 151 ',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 24 }), (parts) => {
        expect(dropped(parts.join(''))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('lets configured patterns see every text', () => {
    expect(mayHold('plain', { scope: 'all', patterns: [{ name: 'x', pattern: 'plain' }] })).toBe(true);
    expect(mayHold('plain', { scope: 'all' })).toBe(false);
  });
});
