/**
 * Graphs of code written as a user writes it, for rule tests that check the .tf and cdk.tf.json
 * loaders agree with a plan: `tfGraph` loads one main.tf from a temporary directory (`tfFilesGraph`: several), `cdktfGraph`
 * parses a cdk.tf.json document.
 */
import { parseCdktfDocument } from '../../checks/model/cdktf';
import { buildGraph } from '../../checks/model/graph';
import { loadHcl } from '../../checks/model/hcl';
import type { Graph } from '../../checks/model/types';
import { withFiles } from '../cli/run';

export const tfGraph = (mainTf: string): Promise<Graph> => tfFilesGraph({ 'main.tf': mainTf });

/** `tfGraph` of several files (a root module and the local modules it calls: `{ 'main.tf': …, 'mod/main.tf': … }`). */
export const tfFilesGraph = (files: Readonly<Record<string, string>>): Promise<Graph> => withFiles(files, async (dir) => buildGraph([await loadHcl(dir)]));

export const cdktfGraph = (resource: Record<string, Record<string, Record<string, unknown>>>): Graph => buildGraph([parseCdktfDocument({ resource }, 'cdk.tf.json')]);
