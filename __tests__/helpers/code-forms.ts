/**
 * Graphs of code written as a user writes it, for rule tests that check the .tf and cdk.tf.json
 * loaders agree with a plan: `tfGraph` loads one main.tf from a temporary directory, `cdktfGraph`
 * parses a cdk.tf.json document.
 */
import { parseCdktfDocument } from '../../checks/model/cdktf';
import { buildGraph } from '../../checks/model/graph';
import { loadHcl } from '../../checks/model/hcl';
import type { Graph } from '../../checks/model/types';
import { withFiles } from '../cli/run';

export const tfGraph = (mainTf: string): Promise<Graph> => withFiles({ 'main.tf': mainTf }, async (dir) => buildGraph([await loadHcl(dir)]));

export const cdktfGraph = (resource: Record<string, Record<string, Record<string, unknown>>>): Graph => buildGraph([parseCdktfDocument({ resource }, 'cdk.tf.json')]);
