/** The access rules, in the order `twinguard rules` lists them. */
import type { RuleDefinition } from '../types';
import iamPolicyNoAdminAccess from './iam-policy-no-admin-access';
import iamPolicyNoDecryptAllKeys from './iam-policy-no-decrypt-all-keys';
import kmsKeyNotPublic from './kms-key-not-public';
import s3BucketOwnerEnforced from './s3-bucket-owner-enforced';
import s3BucketPublicAccessBlock from './s3-bucket-public-access-block';
import twinmakerRoleS3Scope from './twinmaker-role-s3-scope';
import twinmakerRoleSourceCondition from './twinmaker-role-source-condition';

export const ACCESS_RULES: readonly RuleDefinition[] = [
  s3BucketPublicAccessBlock,
  s3BucketOwnerEnforced,
  twinmakerRoleSourceCondition,
  twinmakerRoleS3Scope,
  iamPolicyNoAdminAccess,
  iamPolicyNoDecryptAllKeys,
  kmsKeyNotPublic,
];
