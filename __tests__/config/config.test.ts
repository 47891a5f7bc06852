import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closeIds, CONFIG_SCHEMA, DEFAULT_CONFIG, type KnownRule, loadConfig, parseConfig } from '../../checks/config';
import { InputError } from '../../checks/errors';
import { ALL_RULES } from '../../checks/rules';
import { DEFAULT_SETTINGS } from '../../checks/settings';

const RULES: KnownRule[] = [
  { id: 's3-bucket-sse-kms', category: 'encryption-at-rest', severity: 'high' },
  { id: 'kms-key-rotation', category: 'encryption-at-rest', severity: 'medium' },
  { id: 'required-tags', category: 'tagging', severity: 'medium' },
  { id: 'provider-credentials', category: 'access', severity: 'critical' },
  { id: 'trail-logs', category: 'logging', severity: 'medium', optIn: true },
];
const IDS = RULES.map((r) => r.id);
const yaml = (text: string) => parseConfig(text, 'twinguard.config.yaml', RULES);

/** The one-line message the CLI would print for this configuration text. */
const problem = (text: string, source = 'twinguard.config.yaml'): string => {
  try {
    parseConfig(text, source, RULES);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('parseConfig: what a valid file sets', () => {
  it('an empty file gives the defaults', () => {
    const config = yaml('');
    expect(config.settings).toEqual(DEFAULT_SETTINGS);
    expect(config.unknownBlocks.default).toBe(true);
    expect(config.failOn).toBe('low');
  });

  it('reads every setting from YAML', () => {
    const config = yaml(`
requiredTags: [Environment, CostCenter]
allowedTagValues:
  Environment: [dev, staging, prod]
requireKmsForAllBuckets: true
requireTlsVersionPolicy: all
requireTopicQueueTransportPolicy: true
fips: { required: false, environments: [prod] }
sensitivePatterns:
  - { name: employee-id, pattern: 'EMP-\\d{6}' }
rules:
  enable: [provider-credentials]
  disable: [required-tags]
  severity: { kms-key-rotation: critical }
  unwaivable: [s3-bucket-sse-kms]
unknown:
  blocks: true
  categories: { tagging: false }
  rules: { kms-key-rotation: false }
failOn: medium
strict: true
waivers:
  - rule: kms-key-rotation
    address: 'module.legacy[*].aws_kms_key.*'
    reason: Rotation is done by the HSM team every 90 days
    owner: team-crypto
    expires: 2027-03-31
`);
    expect(config.settings).toEqual({
      requiredTags: ['Environment', 'CostCenter'],
      allowedTagValues: { Environment: ['dev', 'staging', 'prod'] },
      requireKmsForAllBuckets: true,
      requireTlsVersionPolicy: 'all',
      requireTopicQueueTransportPolicy: true,
      fips: { required: false, environments: ['prod'] },
      sensitivePatterns: [{ name: 'employee-id', pattern: 'EMP-\\d{6}' }],
    });
    expect(config.rules).toEqual({ enable: ['provider-credentials'], disable: ['required-tags'], severity: { 'kms-key-rotation': 'critical' }, unwaivable: ['s3-bucket-sse-kms'] });
    expect(config.unknownBlocks).toEqual({ default: true, categories: { tagging: false }, rules: { 'kms-key-rotation': false } });
    expect(config.failOn).toBe('medium');
    expect(config.strict).toBe(true);
    expect(config.waivers).toEqual([
      { rule: 'kms-key-rotation', address: 'module.legacy[*].aws_kms_key.*', reason: 'Rotation is done by the HSM team every 90 days', owner: 'team-crypto', expires: '2027-03-31', index: 0 },
    ]);
  });

  it('reads the resource types accepted as unchecked, globs included', () => {
    const config = yaml(`
strict: true
acceptUnchecked:
  - { type: aws_s3_bucket_lifecycle_configuration, reason: Expires log objects; holds no data }
  - { type: 'aws_route53_*', reason: DNS records hold no data at rest }
`);
    expect(config.acceptUnchecked).toEqual([
      { type: 'aws_s3_bucket_lifecycle_configuration', reason: 'Expires log objects; holds no data' },
      { type: 'aws_route53_*', reason: 'DNS records hold no data at rest' },
    ]);
    expect(yaml('').acceptUnchecked).toEqual([]);
  });

  it('accepts a type, or a family of them, of any provider', () => {
    const types = ['terraform_data', 'google_storage_bucket', 'aws_route53_*', 'aws_*_association', '*_bucket_versioning', 'aws_s3_bucket_*'];
    const config = yaml(`acceptUnchecked:\n${types.map((t) => `  - { type: '${t}', reason: set aside on purpose }`).join('\n')}`);
    expect(config.acceptUnchecked.map((a) => a.type)).toEqual(types);
  });

  it('fips: true means everywhere', () => {
    expect(yaml('fips: true').settings.fips).toEqual({ required: true, environments: [] });
  });

  it('accepts the regular expressions that cannot backtrack without end: escapes, classes, optional or fixed groups', () => {
    // A bounded repeat of bounded parts, as an IPv4 address is written, shares a text few ways.
    const patterns = ['EMP-[0-9]{6}', '(?:[A-Z]{2}-)?\\d{6}', '(?:[A-Z]{2}-)+\\d{6}', '(?<![\\d])\\d{16}(?!\\d)', '(?:EMP|EMPL)-\\d+', '[(a+)+]x', '\\(a+\\)+', '(a+)?b', '10\\.(\\d{1,3}\\.){2}\\d{1,3}', '(?:ab|cd){1,8}x'];
    const config = yaml(`sensitivePatterns:\n${patterns.map((p, i) => `  - { name: p${i}, pattern: '${p}' }`).join('\n')}`);
    expect(config.settings.sensitivePatterns.map((p) => p.pattern)).toEqual(patterns);
  });

  it('reads JSON by extension', () => {
    expect(parseConfig('{"requiredTags":["Owner"]}', 'cfg.json', RULES).settings.requiredTags).toEqual(['Owner']);
  });

  // A tag value is a string; one of digits is often written unquoted, which YAML and JSON read as a number.
  it('allowedTagValues: a number or a boolean written unquoted is the tag value its text spells, in YAML and JSON', () => {
    const expected = { CostCenter: ['1234', '0123', '1.50', 'x9'], Backup: ['true', 'false'] };
    expect(yaml('allowedTagValues:\n  CostCenter: [1234, 0123, 1.50, x9]\n  Backup: [true, false]').settings.allowedTagValues).toEqual(expected);
    expect(parseConfig('{"allowedTagValues": {"CostCenter": [1234, "0123", 1.50, "x9"], "Backup": [true, false]}}', 'cfg.json', RULES).settings.allowedTagValues).toEqual(expected);
    // Written twice, as a number and as its text: the same value.
    expect(problem('allowedTagValues: { CostCenter: [1234, "1234"] }')).toMatch(/^twinguard.config.yaml: allowedTagValues.CostCenter: must NOT have duplicate items/);
    expect(problem('allowedTagValues: { CostCenter: [null] }')).toMatch(/^twinguard.config.yaml: allowedTagValues.CostCenter\[0\]: must be string$/);
  });
});

describe('parseConfig: a bad file is refused in one line naming the file and the field', () => {
  it.each([
    ['an unknown top-level field', 'requiredTag: [Owner]', /twinguard.config.yaml: requiredTag: unknown field/],
    ['a wrong type', 'requireKmsForAllBuckets: "yes"', /requireKmsForAllBuckets: must be boolean/],
    ['a bad enum', 'requireTlsVersionPolicy: sometimes', /requireTlsVersionPolicy: must be one of twinmaker-and-cloudtrail, all, none/],
    ['a bad severity', 'rules: { severity: { kms-key-rotation: huge } }', /rules.severity.kms-key-rotation: must be one of critical, high, medium, low/],
    ['an unknown rule id, with a hint', 'rules: { disable: [kms-key-rotaton] }', /rules.disable: no rule has the id "kms-key-rotaton" \(did you mean kms-key-rotation\?\)/],
    ['an unknown category', 'unknown: { categories: { taging: false } }', /unknown.categories.taging: unknown field/],
    ['an invalid regex', "sensitivePatterns: [{ name: x, pattern: '(unclosed' }]", /sensitivePatterns\[0\].pattern: not a valid regular expression/],
    ['a regex matching everything', "sensitivePatterns: [{ name: x, pattern: '.*' }]", /sensitivePatterns\[0\].pattern: matches the empty string/],
    // A plan's values are written by whoever opens a pull request: (a+)+b ran for minutes on a 34-character tag value.
    ['a regex of nested repeats', "sensitivePatterns: [{ name: badge, pattern: 'EMP-\\d{6}' }, { name: runaway, pattern: '(a+)+b' }]", /^twinguard.config.yaml: sensitivePatterns\[1\].pattern \("runaway"\): a group repeated without a bound holds a part of varying length .*exponential time/],
    ['a regex of repeated alternatives', "sensitivePatterns: [{ name: ids, pattern: '(\\d|\\d)+x' }]", /sensitivePatterns\[0\].pattern \("ids"\): a group repeated without a bound holds alternatives/],
    ['a regex of an optional part in a repeat', "sensitivePatterns: [{ name: words, pattern: '(\\w+\\s?)+$' }]", /sensitivePatterns\[0\].pattern \("words"\): a group repeated without a bound holds a part of varying length/],
    ['a regex of a repeat without a bound in a bounded repeat', "sensitivePatterns: [{ name: parts, pattern: '(a+){10}b' }]", /sensitivePatterns\[0\].pattern \("parts"\): a repeated group holds a part repeated without a bound/],
    ['a waiver without a reason', 'waivers: [{ rule: kms-key-rotation, address: x, owner: me, expires: 2027-01-01 }]', /waivers\[0\].reason: required field is missing/],
    ['a waiver with a short reason', 'waivers: [{ rule: kms-key-rotation, address: x, reason: because, owner: me, expires: 2027-01-01 }]', /waivers\[0\].reason: must be at least 10 characters long/],
    ['a reason padded with spaces', "waivers: [{ rule: kms-key-rotation, address: x, reason: '   ok      ', owner: me, expires: 2027-01-01 }]", /waivers\[0\].reason: must be at least 10/],
    ['a waiver for an unknown rule', 'waivers: [{ rule: nope, address: x, reason: long enough reason, owner: me, expires: 2027-01-01 }]', /waivers\[0\].rule: no rule has the id "nope"/],
    ['a bad date format', 'waivers: [{ rule: kms-key-rotation, address: x, reason: long enough reason, owner: me, expires: 31/12/2027 }]', /waivers\[0\].expires: must be a date written YYYY-MM-DD/],
    // YAML reads these as a number and null: it said "must be string".
    ['a date written without its hyphens', 'waivers: [{ rule: kms-key-rotation, address: x, reason: long enough reason, owner: me, expires: 20271231 }]', /^twinguard\.config\.yaml: waivers\[0\]\.expires: must be a date written YYYY-MM-DD$/],
    ['an empty date', 'waivers: [{ rule: kms-key-rotation, address: x, reason: long enough reason, owner: me, expires: }]', /^twinguard\.config\.yaml: waivers\[0\]\.expires: must be a date written YYYY-MM-DD$/],
    ['an impossible date', 'waivers: [{ rule: kms-key-rotation, address: x, reason: long enough reason, owner: me, expires: 2027-02-30 }]', /waivers\[0\].expires: 2027-02-30 is not a date in the calendar/],
    // The report shows a sensitive instance key masked; each * of it matched any text, so it waived every look-alike.
    ['a waiver address copied from a report, masked', "waivers: [{ rule: kms-key-rotation, address: 'aws_iam_user.dev[\"j***@e***.com\"#1]', reason: long enough reason, owner: me, expires: 2027-01-01 }]", /^twinguard.config.yaml: waivers\[0\].address: holds a masked form \(\*\*\*\) as a report shows it, whose \* match any text: it would waive every key that masks alike; write the instance key as the code writes it \(no report shows it\)$/],
    ['a waiver input glob copied from a report, masked', "waivers: [{ rule: kms-key-rotation, address: x, input: 'plans/j***@e***.com/plan.json', reason: long enough reason, owner: me, expires: 2027-01-01 }]", /^twinguard.config.yaml: waivers\[0\].input: holds a masked form/],
    ['an unbalanced glob', "waivers: [{ rule: kms-key-rotation, address: 'aws_s3_bucket.{a,b', reason: long enough reason, owner: me, expires: 2027-01-01 }]", /waivers\[0\].address: not a valid address glob/],
    ['an unbalanced input glob', "waivers: [{ rule: kms-key-rotation, address: 'aws_s3_bucket.a', input: 'plan{.json', reason: long enough reason, owner: me, expires: 2027-01-01 }]", /waivers\[0\].input: not a valid input glob/],
    ['an accepted type without a reason', 'acceptUnchecked: [{ type: aws_route53_record }]', /acceptUnchecked\[0\].reason: required field is missing/],
    ['an accepted type with a short reason', "acceptUnchecked: [{ type: aws_route53_record, reason: '  dns     ' }]", /acceptUnchecked\[0\].reason: must be at least 10 characters long/],
    ['an accepted type that is not a type', "acceptUnchecked: [{ type: 'AWS::Route53::Record', reason: DNS records hold no data }]", /acceptUnchecked\[0\].type: must be a resource type \(lower-case letters, digits, _\), \* matching any part of one/],
    ['accepting every type', "acceptUnchecked: [{ type: '**', reason: nothing here needs checking }]", /acceptUnchecked\[0\].type: "\*\*" would accept every resource type \(it matches zz_zz\), which turns strict mode off/],
    // Every resource type has a `_`: each of these accepted them all, and strict mode was off.
    ...['*_*', '*_**', '**_*', '*_*_*', '*_*_*_*', '*z*'].map((glob): [string, string, RegExp] => [
      `accepting every type as ${glob}`,
      `acceptUnchecked: [{ type: aws_route53_record, reason: DNS records hold no data }, { type: '${glob}', reason: nothing here needs checking }]`,
      new RegExp(`^twinguard.config.yaml: acceptUnchecked\\[1\\].type: "${glob.replace(/\*/g, '\\*')}" would accept every resource type \\(it matches zz(_zz)+\\)`),
    ]),
    ['accepting every type of a provider', "acceptUnchecked: [{ type: 'aws_*', reason: nothing here needs checking }]", /acceptUnchecked\[0\].type: "aws_\*" would accept every aws resource type \(it matches aws_zz\)/],
    ['accepting every type of a provider, written short', "acceptUnchecked: [{ type: 'awscc*', reason: nothing here needs checking }]", /acceptUnchecked\[0\].type: "awscc\*" would accept every awscc resource type/],
    ['accepting every type of a provider, named inside the glob', "acceptUnchecked: [{ type: '*aws_*', reason: nothing here needs checking }]", /acceptUnchecked\[0\].type: "\*aws_\*" would accept every (aws|awscc) resource type/],
    ['a rule both enabled and disabled', 'rules: { enable: [required-tags], disable: [required-tags] }', /"required-tags" is both enabled and disabled/],
    ['a bad fips', 'fips: prod', /fips: must be true, false or \{ required, environments \}/],
    ['invalid YAML', 'requiredTags: [Owner\nfoo: : :', /twinguard.config.yaml: not valid YAML: .* at line \d+, column \d+$/],
    ['duplicate keys', 'strict: true\nstrict: false', /not valid YAML/],
    // An alias's name is the file's text: not quoted (the bad input names the file, as every refusal does).
    // A key the file writes is quoted masked when it holds something sensitive (a token pasted in the wrong place).
    ['a key that is a token', 'ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654: 1', /^twinguard.config.yaml: ghp_\*\*\*: unknown field$/],
    ['a rule id that is a token', 'rules: { severity: { ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654: high } }', /^twinguard.config.yaml: rules.severity: no rule has the id "ghp_\*\*\*"/],
    ['an alias without its anchor', 'requiredTags: *ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654', /^twinguard.config.yaml: not valid YAML: an alias \(\*name\) names no anchor \(&name\) set before it$/],
    ['a document of aliases of aliases (billion laughs)', `a: &a [x, x, x, x, x, x, x, x, x]\n${['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`).join('\n')}`, /^twinguard.config.yaml: not valid YAML: Excessive alias count indicates a resource exhaustion attack$/],
    // The engine's message quoted the pattern whole, often the very value it is to catch.
    ['an invalid regex that holds a token and an email address', "sensitivePatterns: [{ name: x, pattern: '(jane.doe@example.com|ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654' }]", /^twinguard.config.yaml: sensitivePatterns\[0\].pattern: not a valid regular expression \(Unterminated group\)$/],
    ['a list at the top', '- a\n- b', /\(top level\): must be object/],
    // Ajv said "must be equal to constant", and not which.
    ['a version written as text', 'version: "1"', /^twinguard.config.yaml: version: must be 1 \(the number, unquoted: the only version of this file format\)$/],
    ['a version this twinguard does not read', 'version: 2', /^twinguard.config.yaml: version: must be 1 /],
    // The key's characters reached the terminal as they were: ESC started a colour, U+202E reversed what followed.
    ['a key holding ESC and a bidi override', 'version: 1\n"\\e[31mRED\\u202e": 1', /^twinguard.config.yaml: \\u001b\[31mRED\\u202e: unknown field$/],
    ['a key that is a list', 'version: 1\n? [a, b]\n: 1', /^twinguard.config.yaml: the key at line 2 is a list: every key of this file is a name$/],
    ['a key that is a map', 'rules:\n  ? { a: 1 }\n  : 1', /^twinguard.config.yaml: the key at line 2 is a map: every key of this file is a name$/],
    ['a key that is binary data', 'version: 1\n? !!binary aGVsbG8=\n: 1', /^twinguard.config.yaml: the key at line 2 is binary data, not text: every key of this file is a name$/],
  ])('%s', (_name, text, expected) => {
    expect(problem(text)).toMatch(expected);
  });

  it('a key that is a list prints no warning of its own before the refusal', () => {
    // yaml's "Keys with collection values will be stringified…" went to stderr as a process warning, two lines before twinguard's.
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(problem('version: 1\n? [a, b]\n: 1')).toMatch(/the key at line 2 is a list/);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('a JSON key written twice: refused naming the field, as YAML refuses it (JSON.parse kept the last)', () => {
    // The second "rules" dropped the first's unwaivable, and the waiver then applied.
    expect(problem('{"rules": {"unwaivable": ["required-tags"]}, "rules": {}}', 'cfg.json')).toBe('cfg.json: rules: written twice; keep one (JSON.parse keeps the last, other JSON readers the first, and YAML refuses it)');
    expect(problem('{"rules": {"severity": {"required-tags": "low", "required-tags": "high"}}}', 'cfg.json')).toMatch(/^cfg.json: rules.severity.required-tags: written twice/);
    expect(problem('{"waivers": [{"rule": "required-tags", "owner": "a", "owner": "b"}]}', 'cfg.json')).toMatch(/^cfg.json: waivers\[0\].owner: written twice/);
    // A key is the file's text: a token pasted as one is masked.
    expect(problem('{"ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654": 1, "ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654": 2}', 'cfg.json')).toMatch(/^cfg.json: ghp_\*\*\*: written twice/);
    expect(parseConfig('{\n\t"rules": {"disable": ["required-tags"]},\n\t"strict": true\n}', 'cfg.json', RULES)).toMatchObject({ strict: true, rules: { disable: ['required-tags'] } });
  });

  // "Unwaivable" reads as "always blocks": each of these silenced the rule without a waiver, and the
  // report said nothing (exit 0, "No findings" or "(not blocking)").
  it.each([
    ['turned off', 'rules: { unwaivable: [provider-credentials], disable: [provider-credentials] }', 'rules.disable: "provider-credentials" is unwaivable (rules.unwaivable), and a rule turned off never blocks; keep it on'],
    ['its severity lowered below failOn', 'rules: { unwaivable: [provider-credentials], severity: { provider-credentials: low } }\nfailOn: critical', 'rules.severity: "provider-credentials" is unwaivable (rules.unwaivable), and at low, below failOn (critical), its findings would not block; keep it at critical or above'],
    ['failOn raised above its severity', 'rules: { unwaivable: [s3-bucket-sse-kms] }\nfailOn: critical', 'failOn: critical would leave the high findings of "s3-bucket-sse-kms" not blocking, and it is unwaivable (rules.unwaivable); lower failOn, or raise its severity in rules.severity'],
    ['an opt-in rule left off', 'rules: { unwaivable: [trail-logs] }', 'rules.unwaivable: "trail-logs" is an opt-in rule that rules.enable does not turn on, so it would never run; enable it'],
    ['its unknown findings passing by rule', 'rules: { unwaivable: [kms-key-rotation] }\nunknown: { rules: { kms-key-rotation: false } }', 'unknown.rules: "kms-key-rotation" is unwaivable (rules.unwaivable), and its findings that cannot be verified would pass, where they must block as its failures do; remove it from unknown.rules'],
    ['its unknown findings passing by category', 'rules: { unwaivable: [kms-key-rotation] }\nunknown: { categories: { encryption-at-rest: false } }', 'unknown.categories.encryption-at-rest: "kms-key-rotation" is unwaivable (rules.unwaivable), and its findings that cannot be verified would pass, where they must block as its failures do; add unknown.rules: { kms-key-rotation: true }'],
    ['its unknown findings passing by default', 'rules: { unwaivable: [kms-key-rotation] }\nunknown: { blocks: false }', 'unknown.blocks: "kms-key-rotation" is unwaivable (rules.unwaivable), and its findings that cannot be verified would pass, where they must block as its failures do; add unknown.rules: { kms-key-rotation: true }'],
  ])('an unwaivable rule %s: refused, naming the file and the rule', (_name, text, expected) => {
    expect(problem(text)).toBe(`twinguard.config.yaml: ${expected}`);
  });

  it('a rule that says it is unwaivable is held to the same, in JSON too', () => {
    const registry: KnownRule[] = [...RULES, { id: 'static-keys', category: 'access', severity: 'critical', unwaivable: true }];
    const refused = (text: string): string => {
      try {
        parseConfig(text, 'cfg.json', registry);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected the configuration to be refused');
    };
    expect(refused('{"rules": {"disable": ["static-keys"]}}')).toBe('cfg.json: rules.disable: "static-keys" is unwaivable (the rule says so), and a rule turned off never blocks; keep it on');
    expect(refused('{"rules": {"severity": {"static-keys": "medium"}}, "failOn": "high"}')).toMatch(/^cfg.json: rules.severity: "static-keys" is unwaivable \(the rule says so\)/);
    expect(refused('{"unknown": {"blocks": false}}')).toMatch(/^cfg.json: unknown.blocks: "static-keys" is unwaivable/);
  });

  it('an unwaivable rule that a setting turns off (it judges nothing) is refused; with the setting on, it is taken', () => {
    const registry: KnownRule[] = [...RULES, { id: 'queue-tls', category: 'encryption-in-transit', severity: 'high', offWhen: { setting: 'requireTopicQueueTransportPolicy', off: (settings) => !settings.requireTopicQueueTransportPolicy } }];
    const problemOf = (text: string): string | undefined => {
      try {
        parseConfig(text, 'twinguard.config.yaml', registry);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problemOf('rules: { unwaivable: [queue-tls] }')).toBe('twinguard.config.yaml: requireTopicQueueTransportPolicy: "queue-tls" is unwaivable (rules.unwaivable), and with requireTopicQueueTransportPolicy false (set here or by default) it judges nothing; set it so the rule runs');
    expect(problemOf('rules: { unwaivable: [queue-tls] }\nrequireTopicQueueTransportPolicy: true')).toBeUndefined();
  });

  // topic-queue-deny-insecure-transport was titled "(opt-in)": enabled as the README enables opt-in rules, it passed everything.
  it('a rule rules.enable names that a setting keeps from judging anything is refused, naming the setting; with it on, it is taken', () => {
    const registry: KnownRule[] = [...RULES, { id: 'queue-tls', category: 'encryption-in-transit', severity: 'medium', offWhen: { setting: 'requireTopicQueueTransportPolicy', off: (settings) => !settings.requireTopicQueueTransportPolicy } }];
    const problemOf = (text: string): string | undefined => {
      try {
        parseConfig(text, 'twinguard.config.yaml', registry);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problemOf('rules: { enable: [queue-tls] }')).toBe(
      'twinguard.config.yaml: rules.enable: "queue-tls" judges nothing with requireTopicQueueTransportPolicy false (set here or by default); set requireTopicQueueTransportPolicy to turn it on',
    );
    expect(problemOf('rules: { enable: [queue-tls] }\nrequireTopicQueueTransportPolicy: true')).toBeUndefined();
  });

  it('an unwaivable rule that still blocks is taken: kept at failOn, enabled, its unknown findings blocking by rule', () => {
    const config = yaml('rules:\n  enable: [trail-logs]\n  unwaivable: [trail-logs, provider-credentials]\n  severity: { provider-credentials: high, trail-logs: high }\nfailOn: high\nunknown: { blocks: false, rules: { provider-credentials: true, trail-logs: true } }\n');
    expect(config.rules.unwaivable).toEqual(['trail-logs', 'provider-credentials']);
    // Other rules may still be turned off, lowered or lenient on unknown.
    expect(yaml('rules: { unwaivable: [provider-credentials], disable: [required-tags], severity: { kms-key-rotation: low } }\nfailOn: high\nunknown: { rules: { kms-key-rotation: false } }\n').rules.disable).toEqual(['required-tags']);
  });

  it('invalid JSON: where, and what, quoting nothing of the file', () => {
    expect(problem('{\n  "strict": true,\n  "requiredTags": [Owner]\n}', 'cfg.json')).toBe('cfg.json: invalid JSON at line 3, column 20: Unexpected character');
  });
});

describe('loadConfig: which file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses the defaults when no file is present', () => {
    expect(loadConfig(undefined, dir, RULES)).toBe(DEFAULT_CONFIG);
  });

  it('finds twinguard.config.yaml or .json in the working directory', () => {
    fs.writeFileSync(path.join(dir, 'twinguard.config.json'), '{"strict": true}');
    expect(loadConfig(undefined, dir, RULES)).toMatchObject({ strict: true, source: 'twinguard.config.json' });
  });

  it('refuses two default files at once', () => {
    fs.writeFileSync(path.join(dir, 'twinguard.config.json'), '{}');
    fs.writeFileSync(path.join(dir, 'twinguard.config.yaml'), '');
    expect(() => loadConfig(undefined, dir, RULES)).toThrow(/several configuration files/);
  });

  it('refuses a named file that does not exist, or a directory', () => {
    expect(() => loadConfig('missing.yaml', dir, RULES)).toThrow('missing.yaml: configuration file not found');
    expect(() => loadConfig('.', dir, RULES)).toThrow(/is a directory/);
  });

  it('accepts a byte order mark', () => {
    fs.writeFileSync(path.join(dir, 'c.yaml'), '\uFEFFstrict: true\n');
    expect(loadConfig('c.yaml', dir, RULES).strict).toBe(true);
  });
});

describe('closeIds', () => {
  it('suggests ids within a small edit distance or containing the query', () => {
    expect(closeIds('zzz', IDS)).toEqual([]);
    expect(closeIds('kms-rotation', IDS)).toEqual(['kms-key-rotation']);
    expect(closeIds('kms-key', IDS)).toEqual(['kms-key-rotation']);
    expect(closeIds('required-tag', IDS)).toEqual(['required-tags']);
  });
});

// docsUrl, which gives SARIF and JSON reports a link to each rule's page, was in no part of the README.
describe("the README's configuration example", () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const example = /### Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

  it('is a file twinguard takes, with every rule it names', () => {
    expect(example).toContain('version: 1');
    const config = parseConfig(example, 'twinguard.config.yaml', ALL_RULES);
    expect(config.waivers.length).toBeGreaterThan(0);
  });

  it('writes every top-level field the file takes', () => {
    const written = example.split('\n').flatMap((line) => /^([A-Za-z]+):/.exec(line)?.[1] ?? []);
    expect(written.sort()).toEqual(Object.keys(CONFIG_SCHEMA.properties).sort());
  });
});
