import type { ContentBlock, ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { categorizedConverser } from '../../functions/shared/llm/bedrock-converse';
import type { Converser } from '../../functions/shared/llm/bedrock-turn';
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
    const { verdict, promptTokens } = judgePrompt(params.messages.map((message) => (typeof message.content === 'string' ? message.content : '')));
    const content = verdict === undefined ? UNSURE : JSON.stringify(verdict);
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

/**
 * The judge's LLM in the simulator on Bedrock: a Converse call answering the forced tool (the
 * rubric's schema) with a `toolUse` whose input is the verdict virtualJudgeClient writes as
 * JSON; an answer without a quality marker gets prose and no tool call, which the real judge
 * counts as a failed evaluation. Failures go through the real converser's catch.
 *
 * @example
 * judgeDepsFromConfig(config, { converse: async () => virtualJudgeConverser(), ... });
 */
export function virtualJudgeConverser(): Converser {
  return categorizedConverser(async (input): Promise<ConverseCommandOutput> => {
    const texts = [...(input.system ?? []), ...(input.messages ?? []).flatMap((message) => message.content ?? [])].map((block) => block.text ?? '');
    const { verdict, promptTokens } = judgePrompt(texts);
    const tool = input.toolConfig?.toolChoice?.tool?.name;
    const content: ContentBlock[] = verdict === undefined || tool === undefined ? [{ text: UNSURE }] : [{ toolUse: { toolUseId: 'sim-judge', name: tool, input: verdict } }];
    return {
      $metadata: { httpStatusCode: 200 },
      output: { message: { role: 'assistant', content } },
      stopReason: content[0].toolUse === undefined ? 'end_turn' : 'tool_use',
      usage: { inputTokens: promptTokens, outputTokens: VERDICT_TOKENS, totalTokens: promptTokens + VERDICT_TOKENS },
      metrics: { latencyMs: 0 },
    };
  });
}

const UNSURE = 'I cannot tell how good this answer is.';

/** The verdict on a judge prompt (its texts in order), or none when the answer carries no quality marker, and the prompt's tokens. */
function judgePrompt(texts: readonly string[]): { verdict: ReturnType<typeof verdict> | undefined; promptTokens: number } {
  const prompt = texts.join('\n');
  const quality = readQuality(prompt);
  return { verdict: quality === undefined ? undefined : verdict(quality), promptTokens: Math.ceil(prompt.length / CHARS_PER_TOKEN) };
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
