import type { BudgetCounter } from '../shared/budget/budget-counter';
import type { SampleStore } from '../shared/capture/sample-store';
import { shouldSample } from '../shared/capture/sampling';
import { roundUsd } from '../shared/pricing/pricing';
import type { RequestMonitor } from '../shared/monitoring/request-monitor';
import type { MonitoringLogger } from '../shared/monitoring/with-monitoring';
import type { ModelCaller } from '../shared/llm/model-turn';
import { runAgent, type AgentSettings } from './agent';
import { capAnswer } from './answer-cap';
import type { AgentRequest } from './event';
import { RequestBudget } from './request-budget';
import { RequestDeadline } from './request-deadline';

/** The invoke contract's success reply (DESIGN.md). */
export interface AgentSuccess {
  readonly requestId: string;
  readonly answer: string;
  readonly model: string;
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number; readonly totalTokens: number };
  readonly costUsd: number | null;
  readonly latencyMs: number;
  readonly toolCalls: readonly string[];
}

export interface AgentServiceDeps {
  readonly settings: AgentSettings;
  /** The model seam over the configured provider (OpenAI chat completions, or Bedrock Converse). */
  readonly model: () => Promise<ModelCaller>;
  /** Worst-case cost of one request, reserved against the budget before the first LLM call. */
  readonly estimateCostUsd: (question: string) => number;
  /** Worst-case cost of one LLM call whose prompt is `promptChars` long (the budget's top-ups). */
  readonly estimateCallUsd: (promptChars: number) => number;
  readonly budget?: BudgetCounter;
  readonly samples?: SampleStore;
  readonly sampleRate: number;
  readonly logger?: MonitoringLogger;
}

/**
 * One agent request: reserve its worst-case cost, run the agent, settle the real cost (on
 * failure too: tokens already used were spent), and keep a sample of successful replies for
 * the judge. Budget and capture store failures are counted and never fail the request,
 * except that a fail-closed budget refuses it; their store calls never outlive the request's
 * deadline. An answer too long to return is cut, said so, and counted.
 */
export async function answerQuestion(request: AgentRequest, monitor: RequestMonitor, deps: AgentServiceDeps): Promise<AgentSuccess> {
  monitor.setProperties({ userId: request.userId, sessionId: request.sessionId, feature: request.feature });
  const deadline = new RequestDeadline(monitor.startedAt + deps.settings.deadlineMs, deps.settings.clock);
  const budget = deps.budget
    ? await RequestBudget.open(
        deps.budget,
        monitor,
        { userId: request.userId, model: deps.settings.model, estimateUsd: deps.estimateCostUsd(request.question), signal: deadline.signal() },
        deps.logger,
      )
    : undefined;
  let result;
  try {
    const call = await deps.model();
    const beforeModelCall = budget && ((promptChars: number) => budget.cover(deps.estimateCallUsd(promptChars)));
    result = await runAgent(request.question, call, deps.settings, monitor, beforeModelCall);
  } finally {
    await budget?.settle(deadline.settleSignal());
  }
  if (result.budgetStopped) {
    deps.logger?.warn('the budget refused the next model call; answering with the text the model had already written', { requestId: monitor.requestId });
  }
  const answer = capAnswer(result.answer);
  if (answer.truncated) monitor.recordAnswerTruncated();
  const reply: AgentSuccess = {
    requestId: monitor.requestId,
    answer: answer.text,
    model: result.model,
    usage: { promptTokens: monitor.promptTokens, completionTokens: monitor.completionTokens, totalTokens: monitor.totalTokens },
    costUsd: monitor.unpricedResponses > 0 ? null : roundUsd(monitor.costUsd),
    latencyMs: Math.round(deps.settings.clock() - monitor.startedAt),
    toolCalls: result.toolCalls,
  };
  if (deps.samples && shouldSample(monitor.requestId, deps.sampleRate)) await capture(deps.samples, request, reply, monitor, deadline, deps.logger);
  return reply;
}

async function capture(
  store: SampleStore,
  request: AgentRequest,
  reply: AgentSuccess,
  monitor: RequestMonitor,
  deadline: RequestDeadline,
  logger?: MonitoringLogger,
) {
  try {
    await store.putPending(
      {
        sampleId: reply.requestId,
        question: request.question,
        answer: reply.answer,
        model: reply.model,
        userId: request.userId,
        sessionId: request.sessionId,
        feature: request.feature,
        promptTokens: reply.usage.promptTokens,
        completionTokens: reply.usage.completionTokens,
        costUsd: reply.costUsd ?? 0,
        latencyMs: reply.latencyMs,
        toolCalls: [...reply.toolCalls],
      },
      { signal: deadline.signal() },
    );
    monitor.recordCapture({ stored: true });
  } catch (error) {
    monitor.recordCapture({ stored: false });
    logger?.warn('could not store the sample for judging', { requestId: monitor.requestId, error: String(error) });
  }
}
