import type { ChatCompletion } from 'openai/resources/chat/completions';
import { runAgent, DEFAULT_SYSTEM_PROMPT, type AgentSettings, type ChatCompleter } from '../functions/agent/agent';
import { defaultTools } from '../functions/agent/tools/registry';
import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { bedrockTurns, type Converser } from '../functions/shared/llm/bedrock-turn';
import type { ModelCaller } from '../functions/shared/llm/model-turn';
import { openAITurns } from '../functions/shared/llm/openai-turn';
import { RequestMonitor } from '../functions/shared/monitoring/request-monitor';
import { systemClock, withMonitoring } from '../functions/shared/monitoring/with-monitoring';
import { DEFAULT_PRICE_TABLE, priceUsage } from '../functions/shared/pricing/pricing';
import { percentile } from './stats';

/** A provider that answers at once: one tool call, then an answer, like a typical request. */
function zeroLatencyProvider(): ChatCompleter {
  const toolTurn = completion({ tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'calculator', arguments: '{"expression":"6*7"}' } }] }, 'tool_calls');
  const answerTurn = completion({ content: 'The answer is 42.' }, 'stop');
  return async (params) => (params.messages.at(-1)?.role === 'tool' ? answerTurn : toolTurn);
}

function completion(message: Record<string, unknown>, finishReason: string): ChatCompletion {
  return {
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 0,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, finish_reason: finishReason, logprobs: null, message: { role: 'assistant', content: null, refusal: null, ...message } }],
    usage: { prompt_tokens: 412, completion_tokens: 18, total_tokens: 430, prompt_tokens_details: { cached_tokens: 0 } },
  } as ChatCompletion;
}

/** The same zero-latency model speaking Converse: one toolUse, then an answer. */
function zeroLatencyConverse(): Converser {
  const usage = { inputTokens: 412, outputTokens: 18, totalTokens: 430 };
  const reply = (content: unknown[], stopReason: string) => ({ output: { message: { role: 'assistant', content } }, stopReason, usage, metrics: { latencyMs: 0 }, $metadata: {} }) as ConverseCommandOutput;
  const toolTurn = reply([{ toolUse: { toolUseId: 'tooluse_1', name: 'calculator', input: { expression: '6*7' } } }], 'tool_use');
  const answerTurn = reply([{ text: 'The answer is 42.' }], 'end_turn');
  return async (input) => (input.messages?.at(-1)?.content?.[0]?.toolResult ? answerTurn : toolTurn);
}

/** The providers the overhead is measured over, each with its model. */
export const BENCH_PROVIDERS = {
  openai: { model: 'gpt-4o-mini', caller: (): ModelCaller => openAITurns(zeroLatencyProvider()) },
  bedrock: { model: 'amazon.nova-lite-v1:0', caller: (): ModelCaller => bedrockTurns(zeroLatencyConverse()) },
} as const;

/** A monitor that records nothing: the agent without monitoring. */
class NullMonitor extends RequestMonitor {
  override recordUsage(): void {}
  override recordToolCall(): void {}
  override async trackTool<T>(_tool: string, run: () => T | Promise<T>): Promise<T> {
    return run();
  }
}

export interface OverheadResult {
  readonly requests: number;
  readonly bareMedianMs: number;
  readonly bareP99Ms: number;
  readonly monitoredMedianMs: number;
  readonly monitoredP99Ms: number;
  readonly emfBytesPerRequest: number;
  readonly emfDocumentsPerRequest: number;
}

/**
 * Runs the same agent request with and without `withMonitoring`, interleaved, and reports
 * per-request latency of each. EMF goes to a sink that counts bytes (what stdout would get).
 */
export async function measureMonitoringOverhead(requests: number, provider: keyof typeof BENCH_PROVIDERS = 'openai'): Promise<OverheadResult> {
  const complete = BENCH_PROVIDERS[provider].caller();
  const settings: AgentSettings = {
    model: BENCH_PROVIDERS[provider].model,
    systemPrompt: DEFAULT_SYSTEM_PROMPT,
    tools: defaultTools(),
    maxToolIterations: 5,
    maxCompletionTokens: 1024,
    deadlineMs: 25_000,
    clock: systemClock,
  };
  const price = (model: string, usage: Parameters<typeof priceUsage>[1]) => {
    const result = priceUsage(model, usage, DEFAULT_PRICE_TABLE);
    return result.priced ? result.costUsd : undefined;
  };
  let emfBytes = 0;
  let emfDocuments = 0;
  const monitored = withMonitoring(
    async (event: { question: string; userId: string }, _context, monitor) => {
      monitor.setProperties({ userId: event.userId, sessionId: 'session-0001', feature: 'chat' });
      return runAgent(event.question, complete, settings, monitor);
    },
    {
      namespace: 'AgentMonitoring',
      serviceName: 'agent',
      price,
      sink: (line) => {
        emfBytes += Buffer.byteLength(line) + 1;
        emfDocuments += 1;
      },
    },
  );
  const bare = (question: string) => runAgent(question, complete, settings, new NullMonitor('bench', systemClock(), price));
  const event = { question: 'What is 6*7?', userId: 'user-000123' };
  const context = { awsRequestId: '8d1c7a52-3f0e-4c7b-9a55-1f2e3d4c5b6a', functionName: 'agent' } as never;

  for (let i = 0; i < 2000; i += 1) {
    await bare(event.question);
    await monitored(event, context);
  }
  emfBytes = 0;
  emfDocuments = 0;
  const bareTimes: number[] = [];
  const monitoredTimes: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    let start = process.hrtime.bigint();
    await bare(event.question);
    bareTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    await monitored(event, context);
    monitoredTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return {
    requests,
    bareMedianMs: percentile(bareTimes, 50),
    bareP99Ms: percentile(bareTimes, 99),
    monitoredMedianMs: percentile(monitoredTimes, 50),
    monitoredP99Ms: percentile(monitoredTimes, 99),
    emfBytesPerRequest: emfBytes / requests,
    emfDocumentsPerRequest: emfDocuments / requests,
  };
}
