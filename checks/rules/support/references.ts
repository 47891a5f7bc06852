/** Reference links for rule metadata: Security Hub controls, AWS Config managed rules, AWS docs. */
import type { Reference } from '../types';

/** A Security Hub control by id (`S3.17`, `DocumentDB.1`): its page anchors are the lower-cased id. */
export function securityHub(control: string, title: string): Reference {
  const [service, number] = control.toLowerCase().split('.');
  return { title: `Security Hub ${control}: ${title}`, url: `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${service}-${number}` };
}

/** An AWS Config managed rule by name (`cloudwatch-log-group-encrypted`). */
export function configRule(name: string): Reference {
  return { title: `AWS Config rule ${name}`, url: `https://docs.aws.amazon.com/config/latest/developerguide/${name}.html` };
}

/** An AWS documentation page. */
export const awsDoc = (title: string, url: string): Reference => ({ title, url });
