/**
 * A value whose code calls a function twinguard does not evaluate is not known here, yet Terraform knows it at plan
 * time: its finding names the function and says to check the plan, never "known only after apply". And a key known
 * only after apply whose configuration names nothing says so once.
 */
import kmsKeyRotation from '../../checks/rules/encryption-at-rest/kms-key-rotation';
import sqsQueueEncrypted from '../../checks/rules/encryption-at-rest/sqs-queue-encrypted';
import { graphOf, plan, res } from '../helpers/plan-builder';
import { cdktfGraph, tfGraph } from '../helpers/code-forms';
import { evaluateRule } from '../helpers/rule-table';

// strrev is a Terraform function twinguard does not evaluate.
const TF = `
resource "aws_kms_key" "k" {
  enable_key_rotation = strrev("eurt")
}
resource "aws_sqs_queue" "q" {
  name              = "orders"
  kms_master_key_id = "alias/\${strrev("sqs")}"
}
`;

const CHECK = 'check the plan: `terraform show -json` output, or a plan with --code';

describe('a value twinguard does not evaluate', () => {
  it('names the function and says to check the plan', async () => {
    const graph = await tfGraph(TF);
    const found = [...evaluateRule(kmsKeyRotation, graph), ...evaluateRule(sqsQueueEncrypted, graph)];
    expect(found.map((v) => [v.address, v.status, v.path, v.message])).toEqual([
      ['aws_kms_key.k', 'unknown', 'enable_key_rotation', `\`enable_key_rotation\`: twinguard does not evaluate strrev() (${CHECK}), so the gate cannot vouch for it. Set \`enable_key_rotation = true\` on the key (\`aws_kms_key\` or \`awscc_kms_key\`).`],
      ['aws_sqs_queue.q', 'unknown', 'kms_master_key_id', `\`kms_master_key_id\`: twinguard does not evaluate strrev() (${CHECK}), so the gate cannot vouch for the key. Set \`kms_master_key_id = aws_kms_key.<key>.id\` (SSE-KMS) or \`sqs_managed_sse_enabled = true\` (SSE-SQS).`],
    ]);
  });
});

describe('a local twinguard does not evaluate', () => {
  it('names the function to each of its readers, not only the first', async () => {
    const graph = await tfGraph('locals {\n  rotate = strrev("eurt")\n}\nresource "aws_kms_key" "a" {\n  enable_key_rotation = local.rotate\n}\nresource "aws_kms_key" "b" {\n  enable_key_rotation = local.rotate\n}\n');
    expect(evaluateRule(kmsKeyRotation, graph).map((v) => [v.address, v.status, v.message])).toEqual(
      ['aws_kms_key.a', 'aws_kms_key.b'].map((key) => [key, 'unknown', `\`enable_key_rotation\`: twinguard does not evaluate strrev() (${CHECK}), so the gate cannot vouch for it. Set \`enable_key_rotation = true\` on the key (\`aws_kms_key\` or \`awscc_kms_key\`).`]),
    );
  });
});

describe('a value twinguard does not evaluate, in cdk.tf.json', () => {
  it('names the function too', () => {
    const found = evaluateRule(kmsKeyRotation, cdktfGraph({ aws_kms_key: { k: { enable_key_rotation: '${strrev("eurt")}' } } }));
    expect(found.map((v) => [v.address, v.status, v.message])).toEqual([
      ['aws_kms_key.k', 'unknown', `\`enable_key_rotation\`: twinguard does not evaluate strrev() (${CHECK}), so the gate cannot vouch for it. Set \`enable_key_rotation = true\` on the key (\`aws_kms_key\` or \`awscc_kms_key\`).`],
    ]);
  });
});

describe('a key known only after apply whose configuration names no resource (a plan of `uuid()`)', () => {
  it('says so once', () => {
    const found = evaluateRule(sqsQueueEncrypted, graphOf(plan([res('aws_sqs_queue.q', { name: 'q', sqs_managed_sse_enabled: false }, { unknown: { kms_master_key_id: true }, expressions: { name: { constant_value: 'q' }, sqs_managed_sse_enabled: { constant_value: false }, kms_master_key_id: {} } })])));
    expect(found.map((v) => [v.address, v.status, v.message])).toEqual([
      ['aws_sqs_queue.q', 'unknown', '`kms_master_key_id`: it is known only after apply and its configuration names no resource, so the gate cannot vouch for the key. Set `kms_master_key_id = aws_kms_key.<key>.id` (SSE-KMS) or `sqs_managed_sse_enabled = true` (SSE-SQS).'],
    ]);
  });
});

describe('a function twinguard does not evaluate, of a value known only after apply', () => {
  it('says the value is known only after apply, not to check the plan (the plan does not know it either)', async () => {
    const graph = await tfGraph('resource "random_id" "r" {\n  byte_length = 4\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = strrev(random_id.r.hex) == "eurt"\n}\n');
    const [found] = evaluateRule(kmsKeyRotation, graph);
    expect([found.address, found.status]).toEqual(['aws_kms_key.k', 'unknown']);
    expect(found.message).not.toContain('does not evaluate');
    expect(found.message).toContain('known only after apply');
  });
});

describe('a function twinguard does not evaluate, of a resource attribute its code writes as a literal', () => {
  // Terraform plans a literal argument as written: strrev(aws_kms_key.a.description) is "true" at plan time.
  // cdk.tf.json is read without other resources' attributes (any reference to one is known only after apply there).
  it('names the function and says to check the plan, not "known only after apply" (.tf)', async () => {
    const message = `\`enable_key_rotation\`: twinguard does not evaluate strrev() (${CHECK}), so the gate cannot vouch for it. Set \`enable_key_rotation = true\` on the key (\`aws_kms_key\` or \`awscc_kms_key\`).`;
    const tf = await tfGraph('resource "aws_kms_key" "a" {\n  description         = "eurt"\n  enable_key_rotation = true\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = strrev(aws_kms_key.a.description) == "true"\n}\n');
    expect(evaluateRule(kmsKeyRotation, tf).filter((v) => v.address === 'aws_kms_key.k').map((v) => [v.status, v.message])).toEqual([['unknown', message]]);
  });

  it('of an attribute the code does not write (its arn), it is known only after apply', async () => {
    const tf = await tfGraph('resource "aws_kms_key" "a" {\n  enable_key_rotation = true\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = strrev(aws_kms_key.a.arn) == "true"\n}\n');
    const [found] = evaluateRule(kmsKeyRotation, tf).filter((v) => v.address === 'aws_kms_key.k');
    expect([found.status, found.message]).toEqual(['unknown', expect.stringContaining('known only after apply')]);
    expect(found.message).not.toContain('does not evaluate');
  });
});
