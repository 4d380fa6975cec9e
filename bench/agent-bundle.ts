import { statSync } from 'node:fs';
import * as path from 'node:path';
import { runBundle } from '../test/support/run-bundle';
import { synthStack } from '../test/support/synth';
import { percentile } from './stats';

export interface BundleResult {
  readonly bytes: number;
  readonly loadMedianMs: number;
  readonly loadMaxMs: number;
  readonly runs: number;
}

/** Synthesizes the stack as `cdk synth` does and measures the agent bundle: its size, and `require` time in fresh processes. */
export async function measureAgentBundle(runs: number): Promise<BundleResult> {
  const bundle = path.join(synthStack().assetDir('Agent'), 'index.js');
  const env = { OPENAI_API_KEY: 'sk-bench', AWS_REGION: 'us-east-1', SAMPLE_RATE: '0.05' };
  const loads: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const run = await runBundle(bundle, [], env);
    if (run.results[0]?.initError) throw new Error(`the bundle failed to load: ${run.results[0].initError}`);
    loads.push(run.loadMs);
  }
  return { bytes: statSync(bundle).size, loadMedianMs: percentile(loads, 50), loadMaxMs: Math.max(...loads), runs };
}
