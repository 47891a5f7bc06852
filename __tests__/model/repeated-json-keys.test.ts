/**
 * A key one object of a JSON configuration writes twice. `JSON.parse` keeps the last, so a second
 * `"resource"` key hid the first's resources from every rule while Terraform plans both (terraform
 * 1.11: two `"resource"` keys, or a type written twice under one, are blocks it merges; an
 * argument written twice it refuses, "Duplicate argument"). The loaders refuse the file in one line
 * naming the key and its lines; `"//"` comments, which Terraform ignores, may repeat.
 */
import * as path from 'node:path';
import { InputError } from '../../checks/errors';
import { loadCdktf } from '../../checks/model/cdktf';
import { loadHcl } from '../../checks/model/hcl';
import { repeatedKeyMessage } from '../../checks/model/json-error';
import { withFiles } from '../cli/run';

const HIDDEN_KEY = `{"resource": {"aws_kms_key": {"bad": {"enable_key_rotation": false}}},
 "resource": {"aws_kms_key": {"good": {"enable_key_rotation": true}}}}`;

/** The refusal `load` gives, as the CLI prints it. */
async function refusal(load: Promise<unknown>): Promise<string> {
  try {
    await load;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('read without a refusal');
}

describe('a cdk.tf.json or .tf.json whose object writes a key twice', () => {
  it('a cdk.tf.json with two "resource" keys is refused, naming the file, the key and both lines', async () => {
    const message = await withFiles({ 'cdk.tf.json': HIDDEN_KEY }, (dir) => refusal(loadCdktf(path.join(dir, 'cdk.tf.json'))));
    expect(message).toMatch(/cdk\.tf\.json: "resource" is written twice in the top-level object \(lines 1 and 2\): Terraform reads both/);
    expect(message).not.toContain('\n');
  });

  it('a .tf directory holding it as main.tf.json is refused', async () => {
    const message = await withFiles({ 'main.tf.json': HIDDEN_KEY }, (dir) => refusal(loadHcl(dir)));
    expect(message).toMatch(/main\.tf\.json: "resource" is written twice in the top-level object \(lines 1 and 2\)/);
  });

  it.each([
    ['two "locals" keys (the first with a password)', '{"locals": {"db_password": "Sup3rS3cretPassw0rd!"}, "locals": {"name": "app"}}', '"locals" is written twice in the top-level object'],
    ['a resource type written twice under "resource"', '{"resource": {"aws_kms_key": {"a": {}}, "aws_kms_key": {"b": {}}}}', '"aws_kms_key" is written twice in the object at resource'],
    ['an argument written twice (Terraform: Duplicate argument)', '{"resource": {"aws_kms_key": {"a": {"enable_key_rotation": false, "enable_key_rotation": true}}}}', '"enable_key_rotation" is written twice in the object at resource.aws_kms_key.a'],
  ])('%s is refused', async (_name, text, expected) => {
    const message = await withFiles({ 'main.tf.json': text }, (dir) => refusal(loadHcl(dir)));
    expect(message).toContain(expected);
    expect(message).not.toContain('Sup3r');
  });

  it('a variable file writing a name twice is refused (Terraform: Duplicate attribute definition)', async () => {
    const files = { 'main.tf': 'variable "token" {}\n', 'terraform.tfvars.json': '{"token": "ghp_first", "token": "ghp_second"}' };
    expect(await withFiles(files, (dir) => refusal(loadHcl(dir)))).toMatch(/terraform\.tfvars\.json: "token" is written twice in the top-level object \(both on line 1\)/);
  });

  it('"//" comments may repeat, and one key in two objects of a list is no repeat', async () => {
    const text = '{"//": "one", "//": "two", "resource": [{"aws_kms_key": {"a": {"//": "x", "//": "y"}}}, {"aws_kms_key": {"b": {}}}]}';
    const input = await withFiles({ 'main.tf.json': text }, (dir) => loadHcl(dir));
    expect(input.resources.map((r) => r.address).sort()).toEqual(['aws_kms_key.a', 'aws_kms_key.b']);
  });

  it('a key that is not spelled as a name is not quoted (it may be data)', () => {
    expect(repeatedKeyMessage('{"tags": {"AKIA IOSFODNN7": 1, "AKIA IOSFODNN7": 2}}')).toMatch(/^a key is written twice in the object at tags /);
  });
});
