/**
 * A refusal never repeats the input: `JSON.parse` quotes the text around a syntax error
 * (`Unexpected token 'A', ..."password": AKIAIOSFOD"... is not valid JSON`), and a broken file is
 * often a hand-edited one, with a credential next to the mistake. Every loader says where the
 * error is (a byte offset, or a line and column) and what it is, and quotes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCheck, scratch } from './harness';

const SECRET = 'AKIAIOSFODNN7EXAMPLE';
/** Every 4-character piece of the secret: none may appear in a message. */
const PIECES = Array.from({ length: SECRET.length - 3 }, (_, i) => SECRET.slice(i, i + 4));

const tmp = scratch();
afterAll(() => tmp.cleanup());

/** A document whose syntax error is the secret itself, written without quotes. */
const BROKEN = {
  plan: `{"format_version":"1.2","resource_changes":[{"address":"aws_db_instance.d","type":"aws_db_instance","name":"d","change":{"actions":["create"],"after":{"password": ${SECRET}}}}]}`,
  cdktf: `{\n  "resource": {\n    "aws_db_instance": {\n      "d": {\n        "password": ${SECRET}\n      }\n    }\n  }\n}\n`,
  json: `{"a": 1, "b": ${SECRET}}`,
};

/** Where the secret starts in the plan (ASCII: characters are bytes). */
const AT = BROKEN.plan.indexOf(SECRET);

const CASES: readonly (readonly [string, () => string[], RegExp])[] = [
  ['a plan file (detected)', () => [tmp.file('plan.json', BROKEN.plan)], new RegExp(`^twinguard: .*plan\\.json: invalid JSON at byte ${AT}: Unexpected character\\n$`)],
  ['a plan file read as a plan', () => [tmp.file('plan.json', BROKEN.plan), '--input-kind', 'plan'], new RegExp(`invalid JSON at byte ${AT}: Unexpected character\\n$`)],
  ['a cdk.tf.json', () => [tmp.file('cdk.tf.json', BROKEN.cdktf)], /cdk\.tf\.json: invalid JSON at line 5, column 21: Unexpected character\n$/],
  ['a .tf.json file of a .tf directory', () => {
    const dir = path.join(tmp.dir, 'tf');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf.json'), BROKEN.cdktf);
    return [dir, '--input-kind', 'hcl'];
  }, /main\.tf\.json: invalid JSON at line 5, column 21: Unexpected character\n$/],
  ['a JSON file of neither kind, read whole to be recognised', () => [tmp.file('other.json', BROKEN.json)], /other\.json: invalid JSON at line 1, column 15: Unexpected character\n$/],
];

describe('a refusal quotes nothing of the input', () => {
  it.each(CASES)('%s: exit 2, where and what, no piece of the secret', async (_name, args, expected) => {
    const { code, stderr, stdout } = await runCheck(args(), tmp.dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(expected);
    expect(PIECES.filter((piece) => stderr.includes(piece))).toEqual([]);
  });
});
