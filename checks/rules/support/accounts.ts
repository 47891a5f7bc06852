/**
 * The AWS account a resource is managed in, where its provider configuration pins it: the account
 * of its `assume_role` role (`arn:aws:iam::111111111111:role/deploy`), else the one account of
 * `allowed_account_ids`. Undefined where the configuration does not say (credentials from the
 * environment): such a resource may be in any account.
 */
import type { Graph, Resource } from '../../model/types';

const ROLE_ACCOUNT = /^arn:[a-z-]+:iam::(\d{12}):role\//;

/** The account `resource` is managed in, or undefined where it is not known. */
export function accountOf(graph: Graph, resource: Resource): string | undefined {
  const provider = graph.providerOf(resource);
  if (provider === undefined) return undefined;
  const roles = provider.values.get('assume_role').blocks();
  if (roles.kind === 'known' && roles.value.length === 1) {
    const arn = roles.value[0].get('role_arn').string();
    const account = arn.kind === 'known' ? ROLE_ACCOUNT.exec(arn.value)?.[1] : undefined;
    if (account !== undefined) return account;
  }
  const allowed = provider.values.get('allowed_account_ids').stringList();
  return allowed.kind === 'known' && allowed.value.length === 1 ? allowed.value[0] : undefined;
}
