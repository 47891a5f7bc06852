/** The logging rules, in the order `twinguard rules` lists them. */
import type { RuleDefinition } from '../types';
import cloudtrailCloudwatchLogs from './cloudtrail-cloudwatch-logs';
import cloudtrailLogFileValidation from './cloudtrail-log-file-validation';
import cloudtrailMultiRegion from './cloudtrail-multi-region';
import cloudtrailNotDeleted from './cloudtrail-not-deleted';
import s3BucketAccessLogging from './s3-bucket-access-logging';
import s3BucketObjectLevelLogging from './s3-bucket-object-level-logging';

export const LOGGING_RULES: readonly RuleDefinition[] = [
  cloudtrailCloudwatchLogs,
  cloudtrailLogFileValidation,
  cloudtrailMultiRegion,
  cloudtrailNotDeleted,
  s3BucketAccessLogging,
  s3BucketObjectLevelLogging,
];
