import type { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { MetricStore } from '../metrics/metric-store';
import { readQuality } from './answer-quality';

/** Completion tokens of one virtual judge verdict. */
const VERDICT_TOKENS = 60;
const CHARS_PER_TOKEN = 4;

/**
 * The judge's LLM in the simulator: an OpenAI client whose chat completions answer the
 * rubric's JSON schema, scoring each answer with the quality the virtual model wrote it with
 * (the scenario phase's quality plus the seeded noise of that answer; see answer-quality.ts).
 * An answer without a quality marker gets prose instead of JSON, which the real judge counts
 * as a failed evaluation.
 *
 * @example
 * judgeDepsFromConfig(config, { openai: async () => virtualJudgeClient(), ... });
 */
export function virtualJudgeClient(): OpenAI {
  const create = async (params: ChatCompletionCreateParamsNonStreaming): Promise<ChatCompletion> => {
    const prompt = params.messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
    const quality = readQuality(prompt);
    const content = quality === undefined ? 'I cannot tell how good this answer is.' : JSON.stringify(verdict(quality));
    const promptTokens = Math.ceil(prompt.length / CHARS_PER_TOKEN);
    return {
      id: 'sim-judge',
      object: 'chat.completion',
      created: 0,
      model: params.model,
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } }],
      usage: { prompt_tokens: promptTokens, completion_tokens: VERDICT_TOKENS, total_tokens: promptTokens + VERDICT_TOKENS },
    };
  };
  return { chat: { completions: { create } } } as unknown as OpenAI;
}

function verdict(quality: number) {
  return {
    explanation: `simulated verdict: the answer was written with quality ${quality}`,
    relevance: quality,
    correctness: quality,
    helpfulness: quality,
    // Every criterion at the answer's quality, so the judge's weighted overall score is that quality.
    safety: quality,
  };
}

/**
 * A CloudWatch client for the judge's metrics publisher that hands each PutMetricData to the
 * local metric store, as CloudWatch would store it.
 */
export function metricStoreCloudWatch(store: MetricStore): CloudWatchClient {
  const send = async (command: PutMetricDataCommand) => {
    store.putMetricData(command.input.Namespace ?? '', command.input.MetricData ?? []);
    return { $metadata: {} };
  };
  return { send } as unknown as CloudWatchClient;
}
