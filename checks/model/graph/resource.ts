/** Wrapping a loader's `ResourceData` into the `Resource` rules read. */
import type { LoadedInput, Resource, ResourceData } from '../types';
import { type PathSeg, ValueView } from '../value';
import { moduleAddress, moduleConfigPath, parseModuleAddress } from './addresses';
import { configAt, referencesIn } from './config';

export function makeResource(data: ResourceData, input: LoadedInput): Resource {
  const values = new ValueView(data.after, data.afterUnknown, data.afterSensitive);
  const steps = parseModuleAddress(data.module);
  return {
    address: data.address,
    mode: data.mode,
    type: data.type,
    name: data.name,
    ...(data.index !== undefined ? { index: data.index } : {}),
    module: moduleAddress(steps),
    moduleConfigPath: moduleConfigPath(steps),
    providerName: data.providerName,
    actions: data.actions,
    input: input.input,
    inputKind: input.kind,
    ...(input.stack !== undefined ? { stack: input.stack } : {}),
    ...(data.constructPath !== undefined ? { constructPath: data.constructPath } : {}),
    values,
    attr: (...path: PathSeg[]) => values.get(...path),
    references: (...path: PathSeg[]) => referencesIn(configAt(data.config, path)),
    data,
  };
}

/** `aws_s3_bucket.b` or `data.aws_iam_policy_document.p`: the resource block's address in its module. */
export const blockAddress = (r: { mode: string; type: string; name: string }): string =>
  `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
