/** Helpers for the stack tests: synthesize a scope and look resources up by type, name and reference. */
// Type-only: brings in cdktf's global jest matcher types (toHaveResourceWithProperties); swc drops it at run time.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AwsccProvider } from '../../stacks/providers/awscc/provider';

/** A synthesized cdk.tf.json document. */
export type SynthDoc = {
  resource: Record<string, Record<string, Record<string, any>>>;
  provider: Record<string, Record<string, any>[]>;
  terraform: Record<string, any>;
  output?: Record<string, any>;
};

/** Synthesizes a fresh stack holding an aws and an awscc provider plus whatever `build` adds. */
export function synthWith(build: (stack: TerraformStack) => void): { json: string; doc: SynthDoc } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new AwsccProvider(stack, 'awscc', { region: 'us-east-1' });
  build(stack);
  const json = Testing.synth(stack);
  return { json, doc: JSON.parse(json) as SynthDoc };
}

/** Every resource body of a type. */
export function resourcesOf(doc: SynthDoc, type: string): Record<string, any>[] {
  return Object.values(doc.resource[type] ?? {});
}

/** The one resource of a type whose attribute `key` equals `value`. */
export function resourceWhere(doc: SynthDoc, type: string, key: string, value: unknown): Record<string, any> {
  const found = resourcesOf(doc, type).filter((body) => body[key] === value);
  if (found.length !== 1) throw new Error(`expected one ${type} with ${key}=${String(value)}, found ${found.length}`);
  return found[0];
}

/** `${aws_s3_bucket.<id>.bucket}` of the bucket with this name: how satellites must refer to it. */
export function bucketRef(doc: SynthDoc, bucketName: string): string {
  const entry = Object.entries(doc.resource.aws_s3_bucket ?? {}).find(([, body]) => body.bucket === bucketName);
  if (entry === undefined) throw new Error(`no aws_s3_bucket named ${bucketName}`);
  return `\${aws_s3_bucket.${entry[0]}.bucket}`;
}

/** The satellite of a type linked to the named bucket by reference. */
export function satelliteOf(doc: SynthDoc, type: string, bucketName: string): Record<string, any> {
  return resourceWhere(doc, type, 'bucket', bucketRef(doc, bucketName));
}

/** Statements of the policy attached to the named bucket (parsed from its constant JSON). */
export function bucketPolicyStatements(doc: SynthDoc, bucketName: string): any[] {
  return JSON.parse(satelliteOf(doc, 'aws_s3_bucket_policy', bucketName).policy).Statement;
}

/** The statement with this Sid. */
export function statement(statements: any[], sid: string): any {
  const found = statements.find((s) => s.Sid === sid);
  if (found === undefined) throw new Error(`no statement ${sid}`);
  return found;
}

/** `${<type>.<id>.<attr>}` of the only resource of a type. */
export function refOfOnly(doc: SynthDoc, type: string, attr: string): string {
  const ids = Object.keys(doc.resource[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return `\${${type}.${ids[0]}.${attr}}`;
}

/** `<type>.<id>` of the only resource of a type, as it appears in `depends_on`. */
export function addressOfOnly(doc: SynthDoc, type: string): string {
  const ids = Object.keys(doc.resource[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return `${type}.${ids[0]}`;
}
