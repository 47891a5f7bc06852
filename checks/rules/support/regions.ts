/**
 * The Region an AWS resource lives in. The AWS provider 6 gives every resource a `region` argument
 * (one provider configuration manages many Regions), which a plan records for every resource; a
 * configuration that leaves it out, and every older plan, takes the provider configuration's.
 */
import { configAt } from '../../model/graph/config';
import type { Graph, Resource } from '../../model/types';

/** Whether two resources are in the same Region: 'yes', 'no', or 'unknown' where the gate cannot tell. */
export function sameRegion(graph: Graph, a: Resource, b: Resource): 'yes' | 'no' | 'unknown' {
  const [own, other] = [ownRegion(a), ownRegion(b)];
  if (own === 'unknown' || other === 'unknown') return 'unknown';
  // Neither names one: the Region of their provider configurations, the same one being the same Region.
  if (own === undefined && other === undefined && a.input === b.input && sameConfiguration(graph, a, b)) return 'yes';
  const [left, right] = [own ?? providerRegion(graph, a), other ?? providerRegion(graph, b)];
  return left === undefined || right === undefined ? 'unknown' : left === right ? 'yes' : 'no';
}

/**
 * Whether two resources of one input are managed by one provider configuration: the same block, or
 * Terraform's empty default configuration of the same provider where no block configures it (aws's
 * and awscc's are two, each taking its Region from the environment). A configuration that cannot be
 * found (an alias nothing configures) is not known to be either.
 */
export function sameConfiguration(graph: Graph, a: Resource, b: Resource): boolean {
  const provider = graph.providerOf(a);
  if (provider !== undefined) return provider === graph.providerOf(b);
  // `aws.east`, `module.app:aws.east`: an alias, which has no default configuration.
  const unaliased = (r: Resource): boolean => !r.data.providerConfigKey.slice(r.data.providerConfigKey.lastIndexOf(':') + 1).includes('.');
  return graph.providerOf(b) === undefined && a.providerName === b.providerName && unaliased(a) && unaliased(b);
}

/**
 * The Region a resource is in: its own, or its provider configuration's, or, where that configuration
 * names none (or no block configures it), `environmentRegion` (`AWS_REGION` of the environment the
 * input is read in, where known); undefined where it is not known.
 */
export function regionOf(graph: Graph, resource: Resource, environmentRegion?: string): string | undefined {
  const own = ownRegion(resource);
  return own === 'unknown' ? undefined : (own ?? providerRegion(graph, resource, environmentRegion));
}

/**
 * The Region a resource names itself: its value, 'unknown' when not known, undefined when it names
 * none. Before the AWS provider 6 a bucket's `region` is computed, known only after apply, and its
 * configuration never writes it: that is the Region of its provider configuration, so it names none.
 */
function ownRegion(resource: Resource): string | 'unknown' | undefined {
  const region = resource.attr('region').string();
  if (region.kind === 'known') return region.value;
  if (region.kind === 'absent') return undefined;
  const config = resource.data.config;
  return config?.kind === 'block' && configAt(config, ['region']) === undefined ? undefined : 'unknown';
}

/**
 * The constant `region` of the resource's provider configuration (what the code evaluates it to, for
 * code and a plan read with its code: a plan records `region = var.region` by reference only);
 * undefined where it is not known; `environmentRegion` where it names none.
 */
function providerRegion(graph: Graph, resource: Resource, environmentRegion?: string): string | undefined {
  const region = graph.providerOf(resource)?.values.get('region').string();
  if (region === undefined || region.kind === 'absent') return environmentRegion;
  return region.kind === 'known' ? region.value : undefined;
}
