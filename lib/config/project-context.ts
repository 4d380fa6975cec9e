import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONTEXT_KEYS, type ContextValues } from './context-keys';
import { unknownContextKeys, unknownKeysMessage } from './unknown-keys';

/**
 * The monitoring settings of `cdk.json`'s context, so that `npm start` and the simulator
 * evaluate the alarms the project deploys (latency tier, SLO, tools, budgets), not the defaults.
 * Keys that are not monitoring settings (CDK feature flags) are left out; a key shaped like
 * one of the kit's that the kit does not know is refused, naming the closest known key.
 */
export function projectContext(projectRoot = path.resolve(__dirname, '..', '..')): ContextValues {
  const file = path.join(projectRoot, 'cdk.json');
  if (!existsSync(file)) return {};
  let parsed: { context?: Record<string, unknown> };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cdk.json is not valid JSON: ${(error as Error).message}`);
  }
  const context = parsed.context ?? {};
  const unknown = unknownContextKeys(Object.keys(context));
  if (unknown.length > 0) throw new Error(`cdk.json: ${unknownKeysMessage(unknown)}`);
  const known = new Set<string>(Object.values(CONTEXT_KEYS));
  return Object.fromEntries(Object.entries(context).filter(([key]) => known.has(key))) as ContextValues;
}
