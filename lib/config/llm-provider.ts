/**
 * The LLM provider of the agent and of the judge (`agentProvider`, `judgeProvider`), and what
 * `model` / `judgeModel` mean with each: an OpenAI model name, or an Amazon Bedrock model id,
 * inference profile id or ARN (read through functions/shared/llm/bedrock-model-id.ts, the
 * module the runtime and the IAM policy read them with too).
 */
import { bedrockModelIdProblem, DEFAULT_BEDROCK_MODEL } from '../../functions/shared/llm/bedrock-model-id';
import type { ConfigSetting } from './context-keys';
import type { Check } from './context-reader';
import { modelProblem } from './validators';

/** The providers the agent and the judge speak: OpenAI chat completions, or the Amazon Bedrock Converse API. */
export const LLM_PROVIDERS = ['openai', 'bedrock'] as const;

export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** The model the openai provider uses when none is configured. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export function isLlmProvider(value: string): value is LlmProvider {
  return (LLM_PROVIDERS as readonly string[]).includes(value);
}

export function llmProviderProblem(value: string): string | undefined {
  if (isLlmProvider(value)) return undefined;
  return `unknown provider ${JSON.stringify(value)}; allowed: ${LLM_PROVIDERS.join(', ')}`;
}

/** The model a provider uses when `model` / `judgeModel` is not set. */
export function defaultModelFor(provider: LlmProvider): string {
  return provider === 'bedrock' ? DEFAULT_BEDROCK_MODEL : DEFAULT_OPENAI_MODEL;
}

/**
 * The check of a model setting under its provider: any id without spaces for openai (any
 * OpenAI-compatible endpoint names its own models), a Bedrock model id for bedrock.
 */
export function modelProblemFor(provider: LlmProvider, providerSetting: ConfigSetting): Check<string> {
  if (provider === 'openai') return modelProblem;
  return (value) => {
    const problem = bedrockModelIdProblem(value);
    return problem === undefined ? undefined : `with ${providerSetting}=bedrock: ${problem}`;
  };
}
