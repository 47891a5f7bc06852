/** The sensitive-data rules, in the order `twinguard rules` lists them. */
import type { RuleDefinition } from '../types';
import noCredentialsInAttributes from './no-credentials-in-attributes';
import noCredentialsInVariables from './no-credentials-in-variables';
import noSensitiveDataInFreeFormFields from './no-sensitive-data-in-free-form-fields';
import noSensitiveDataInInstanceKeys from './no-sensitive-data-in-instance-keys';
import noSensitiveDataInOutputs from './no-sensitive-data-in-outputs';
import noSensitiveDataInTags from './no-sensitive-data-in-tags';
import noStaticProviderCredentials from './no-static-provider-credentials';

export const SENSITIVE_DATA_RULES: readonly RuleDefinition[] = [
  noSensitiveDataInTags,
  noSensitiveDataInFreeFormFields,
  noSensitiveDataInInstanceKeys,
  noCredentialsInAttributes,
  noCredentialsInVariables,
  noSensitiveDataInOutputs,
  noStaticProviderCredentials,
];
