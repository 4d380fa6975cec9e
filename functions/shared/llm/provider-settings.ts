import type { EnvReader } from '../config';
import { bedrockModelIdProblem, DEFAULT_BEDROCK_MODEL } from './bedrock-model-id';

/** The model providers a function can call. */
export const MODEL_PROVIDERS = ['openai', 'bedrock'] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

/** The model a function calls when none is configured, per provider. */
export const DEFAULT_MODELS: Readonly<Record<ModelProvider, string>> = { openai: 'gpt-4o-mini', bedrock: DEFAULT_BEDROCK_MODEL };

/**
 * Reads a function's provider and model (`AGENT_PROVIDER` / `AGENT_MODEL`, `JUDGE_PROVIDER` /
 * `JUDGE_MODEL`): the provider is `openai` (default) or `bedrock`; with `bedrock` the model is
 * a Bedrock model id, inference profile id or ARN, and anything else is a problem naming the
 * model setting.
 *
 * @example
 * readProviderModel(read, { provider: 'AGENT_PROVIDER', model: 'AGENT_MODEL' }); // { provider: 'bedrock', model: 'amazon.nova-lite-v1:0' }
 */
export function readProviderModel(read: EnvReader, names: { readonly provider: string; readonly model: string }): { provider: ModelProvider; model: string } {
  const provider = read.oneOf(names.provider, 'openai', MODEL_PROVIDERS);
  const model = read.string(names.model, DEFAULT_MODELS[provider]);
  if (provider === 'bedrock') {
    const problem = bedrockModelIdProblem(model);
    if (problem) read.problems.push(`${names.model} with ${names.provider}=bedrock: ${problem}`);
  }
  return { provider, model };
}
