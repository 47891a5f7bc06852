/** A small typed cdktf binding for hashicorp/awscc: the provider and `awscc_iottwinmaker_workspace`. */
export * from './provider';
export * from './iottwinmaker-workspace';
