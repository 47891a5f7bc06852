/** Plans for the CLI tests, built with plan-builder (the `terraform show -json` shape). */
import { plan, res } from '../helpers/plan-builder';

export const TAGS = { Environment: 'dev', Owner: 'platform-team', DataClassification: 'internal' };

/** Nothing any rule objects to: one untaggable resource of a type no rule understands. */
export const cleanPlan = () => plan([res('null_resource.noop', { triggers: { a: 'b' } })]);

/** A KMS key without rotation, and its module/for_each siblings. */
export const keysPlan = () =>
  plan(
    [
      res('aws_kms_key.main', { enable_key_rotation: false, deletion_window_in_days: 30, key_usage: 'ENCRYPT_DECRYPT', customer_master_key_spec: 'SYMMETRIC_DEFAULT', tags_all: TAGS, tags: TAGS }),
      res('module.keys["eu/west"].aws_kms_key.k["logs"]', { enable_key_rotation: false, deletion_window_in_days: 30, key_usage: 'ENCRYPT_DECRYPT', customer_master_key_spec: 'SYMMETRIC_DEFAULT', tags_all: TAGS, tags: TAGS }, { repetition: 'for_each' }),
      res('module.keys["eu/west"].aws_kms_key.k["data"]', { enable_key_rotation: false, deletion_window_in_days: 30, key_usage: 'ENCRYPT_DECRYPT', customer_master_key_spec: 'SYMMETRIC_DEFAULT', tags_all: TAGS, tags: TAGS }, { repetition: 'for_each' }),
    ],
    { moduleCalls: { 'module.keys': { repetition: 'for_each' } } },
  );

/** Raw values that must never appear in any report. */
export const SECRETS = {
  email: 'jane.doe@example.com',
  otherEmail: 'john.smith@corp.example.org',
  urlPassword: 'S3cr3tPassw0rd',
  accessKey: 'AKIAIOSFODNN7EXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  providerKey: 'AKIAI44QH8DHBEXAMPLE',
  providerSecret: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  dbPassword: 'SuperSecretDbPass123!',
  phone: '+1 415 555 0142',
};

/** A plan full of personal data and credentials, in tags, free-form fields, URLs, providers and sensitive values. */
export const leakyPlan = () =>
  plan(
    [
      res('aws_s3_bucket.data', { bucket: 'data-bucket', tags: { ...TAGS, Owner: SECRETS.email, Contact: SECRETS.phone }, tags_all: { ...TAGS, Owner: SECRETS.email, Contact: SECRETS.phone } }),
      res('aws_ssm_parameter.url', {
        name: 'db-url',
        type: 'String',
        value: `https://admin:${SECRETS.urlPassword}@db.example.com/app`,
        description: `ask ${SECRETS.otherEmail}`,
        tags: TAGS,
        tags_all: TAGS,
      }),
      res('aws_lambda_function.fn', {
        function_name: 'fn',
        environment: [{ variables: { AWS_ACCESS_KEY_ID: SECRETS.accessKey, AWS_SECRET_ACCESS_KEY: SECRETS.secretKey } }],
        tags: TAGS,
        tags_all: TAGS,
      }),
      res('aws_db_instance.db', { identifier: 'db', password: SECRETS.dbPassword, storage_encrypted: false, tags: TAGS, tags_all: TAGS }, { sensitive: { password: true } }),
    ],
    {
      providers: {
        aws: {
          name: 'aws',
          expressions: { region: { constant_value: 'us-east-1' }, access_key: { constant_value: SECRETS.providerKey }, secret_key: { constant_value: SECRETS.providerSecret } },
        },
      },
    },
  );
