import { METRICS, type MetricSpec } from '../../../lib/catalog/metrics';
import { isClientError, type ErrorCategory } from '../../../lib/catalog/error-categories';
import { converseUsage, replyModel, reportedUsage, type ConverseReportedUsage, type ReportedUsage } from '../llm/reply-usage';
import { isPlausibleUsage, roundUsd, type TokenUsage } from '../pricing/pricing';
import type { EmfBlob, EmfDirective } from './emf-writer';

export type { TokenUsage } from '../pricing/pricing';

/** What `recordChatCompletion` reads of an OpenAI `ChatCompletion`. */
export interface ChatCompletionUsageSource {
  readonly model?: unknown;
  readonly usage?: ReportedUsage | null;
}

/** What `recordConverseResponse` reads of a Bedrock `ConverseResponse` (it names no model). */
export interface ConverseUsageSource {
  readonly usage?: ConverseReportedUsage | null;
}

/** Prices one provider call; `undefined` means the model has no price entry. */
export type PriceFn = (model: string, usage: TokenUsage) => number | undefined;

/** Who and what a request is about; EMF properties, never dimensions. */
export interface RequestProperties {
  userId?: string;
  sessionId?: string;
  feature?: string;
}

/** What the budget guard reports about a request's reservation. */
export interface BudgetOutcome {
  readonly softLimitExceeded: boolean;
  readonly utilization?: number;
  readonly storeError?: string;
}

/** One provider reply as the monitor counted it; the budget guard charges each one. */
export interface ReplyRecord {
  readonly model: string;
  /** The usage counted; absent when the provider reported none, or a figure no call could produce. */
  readonly usage?: TokenUsage;
  /** The cost from the price table; absent when the reply is unpriced or unmeasured. */
  readonly costUsd?: number;
}

interface ToolTally {
  calls: number;
  errors: number;
}

/**
 * Everything one request contributes to the metric contract, collected in plain fields while
 * the request runs and turned into EMF documents once, when it ends.
 *
 * Handlers get one from `withMonitoring` and record what happened; nothing here writes output.
 */
export class RequestMonitor {
  readonly properties: RequestProperties = {};
  model?: string;
  promptTokens = 0;
  completionTokens = 0;
  cachedTokens = 0;
  cacheWriteTokens = 0;
  costUsd = 0;
  unpricedResponses = 0;
  /** Every provider reply, in order. */
  readonly replies: ReplyRecord[] = [];
  readonly tools = new Map<string, ToolTally>();
  budget?: BudgetOutcome;
  budgetStoreErrors = 0;
  /** Replies that cost more than the budget held for their call. */
  budgetOverruns = 0;
  /** The budget refused a model call of this request (its reply may still carry an answer). */
  budgetRefused = false;
  captured = false;
  captureErrors = 0;
  /** Answers cut before the reply (too long to return). */
  answersTruncated = 0;

  constructor(
    readonly requestId: string,
    readonly startedAt: number,
    private readonly price: PriceFn,
  ) {}

  setProperties(properties: RequestProperties): void {
    Object.assign(this.properties, properties);
  }

  /**
   * Adds one provider call's usage and prices it; an unpriced model counts in `agent.cost.unpriced`.
   * A figure no call could produce (`isPlausibleUsage`) is not added: the reply is unmeasured.
   */
  recordUsage(model: string, usage: TokenUsage): void {
    if (!isPlausibleUsage(usage)) return this.recordUnmeasuredResponse(model);
    this.model ??= model;
    this.promptTokens += usage.promptTokens;
    this.completionTokens += usage.completionTokens;
    this.cachedTokens += usage.cachedTokens ?? 0;
    this.cacheWriteTokens += usage.cacheWriteTokens ?? 0;
    const cost = this.price(model, usage);
    if (cost === undefined) this.unpricedResponses += 1;
    else this.costUsd += cost;
    this.replies.push({ model, usage, ...(cost !== undefined && { costUsd: cost }) });
  }

  /**
   * Records an OpenAI `ChatCompletion`'s usage, as the model the reply names (or the requested
   * one when it names none). A reply without usable usage (none, or a count that is not a
   * non-negative integer) is unmeasured and counts in `agent.cost.unpriced`.
   *
   * @example
   * const reply = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
   * monitor.recordChatCompletion(reply, 'gpt-4o-mini');
   */
  recordChatCompletion(reply: ChatCompletionUsageSource | null | undefined, requestedModel: string): ReplyRecord {
    return this.recordReported(replyModel(reply ?? {}, requestedModel), reportedUsage(reply?.usage));
  }

  /**
   * Records a Bedrock `ConverseResponse`'s usage as `modelId`, the model id, inference profile
   * id or ARN the call was made with (Converse replies do not name the model). Cache reads and
   * writes are counted as parts of the prompt and priced at their own rates; a reply without
   * usable usage is unmeasured, as for `recordChatCompletion`.
   *
   * @example
   * const reply = await bedrock.send(new ConverseCommand({ modelId, messages }));
   * monitor.recordConverseResponse(reply, modelId);
   */
  recordConverseResponse(reply: ConverseUsageSource | null | undefined, modelId: string): ReplyRecord {
    return this.recordReported(modelId, converseUsage(reply?.usage));
  }

  private recordReported(model: string, usage: TokenUsage | undefined): ReplyRecord {
    if (usage) this.recordUsage(model, usage);
    else this.recordUnmeasuredResponse(model);
    return this.replies[this.replies.length - 1];
  }

  /** Counts a response whose usage the provider did not report: it cannot be priced. */
  recordUnmeasuredResponse(model: string): void {
    this.model ??= model;
    this.unpricedResponses += 1;
    this.replies.push({ model });
  }

  /** The price of `usage` as if `model` had answered; `undefined` when `model` has no price entry. */
  priceAs(model: string, usage: TokenUsage): number | undefined {
    return this.price(model, usage);
  }

  /** Counts one tool call, failed or not. */
  recordToolCall(tool: string, ok: boolean): void {
    const tally = this.tools.get(tool) ?? { calls: 0, errors: 0 };
    tally.calls += 1;
    if (!ok) tally.errors += 1;
    this.tools.set(tool, tally);
  }

  /** Runs a tool and counts it: a thrown error is a tool error, and is rethrown. */
  async trackTool<T>(tool: string, run: () => T | Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.recordToolCall(tool, true);
      return result;
    } catch (error) {
      this.recordToolCall(tool, false);
      throw error;
    }
  }

  recordBudget(outcome: BudgetOutcome): void {
    this.budget = outcome;
    if (outcome.storeError) this.budgetStoreErrors += 1;
  }

  recordBudgetStoreError(): void {
    this.budgetStoreErrors += 1;
  }

  /** Counts a reply that cost more than the budget held for its call (`agent.budget.overruns`). */
  recordBudgetOverrun(): void {
    this.budgetOverruns += 1;
  }

  /** The budget refused a model call; counted in `agent.budget.rejections` even when the request answers. */
  recordBudgetRefusal(): void {
    this.budgetRefused = true;
  }

  recordCapture(outcome: { stored: boolean }): void {
    if (outcome.stored) this.captured = true;
    else this.captureErrors += 1;
  }

  /** Counts an answer cut before the reply because it was too long to return. */
  recordAnswerTruncated(): void {
    this.answersTruncated += 1;
  }

  get totalTokens(): number {
    return this.promptTokens + this.completionTokens;
  }

  /**
   * The EMF documents for this request. One document carries the request, its error category
   * and, when it used a single tool, that tool; each further tool gets a document of its own.
   */
  toBlobs(end: { timestamp: number; durationMs: number; errorCategory?: ErrorCategory }): EmfBlob[] {
    const { timestamp, errorCategory } = end;
    const metrics: [MetricSpec, number][] = [
      [METRICS.requests, 1],
      [METRICS.duration, Math.round(end.durationMs * 1000) / 1e6],
    ];
    const optional: [MetricSpec, number][] = [
      [METRICS.errors, errorCategory ? 1 : 0],
      [METRICS.tokensPrompt, this.promptTokens],
      [METRICS.tokensCompletion, this.completionTokens],
      [METRICS.tokensTotal, this.totalTokens],
      [METRICS.costUsd, roundUsd(this.costUsd)],
      [METRICS.costUnpriced, this.unpricedResponses],
      [METRICS.toolCalls, sumTools(this.tools, 'calls')],
      [METRICS.toolErrors, sumTools(this.tools, 'errors')],
      [METRICS.budgetRejections, this.budgetRefused || errorCategory === 'budget_exceeded' ? 1 : 0],
      [METRICS.budgetOverruns, this.budgetOverruns],
      [METRICS.budgetSoftLimit, this.budget?.softLimitExceeded ? 1 : 0],
      [METRICS.budgetStoreErrors, this.budgetStoreErrors],
      [METRICS.captureSampled, this.captured ? 1 : 0],
      [METRICS.captureErrors, this.captureErrors],
      [METRICS.answerTruncated, this.answersTruncated],
    ];
    for (const entry of optional) if (entry[1] !== 0) metrics.push(entry);
    if (errorCategory) metrics.push([METRICS.clientErrors, isClientError(errorCategory) ? 1 : 0]);
    if (this.budget?.utilization !== undefined) metrics.push([METRICS.budgetUtilization, this.budget.utilization * 100]);

    const directives: EmfDirective[] = [];
    if (errorCategory) directives.push({ dimensions: { error_category: errorCategory }, metrics: [METRICS.errors] });
    const tools = [...this.tools];
    if (tools.length === 1) directives.push(toolDirective(tools[0][0], tools[0][1]));
    const blobs: EmfBlob[] = [
      {
        timestamp,
        dimensionSets: this.model ? [{}, { model: this.model }] : [{}],
        metrics,
        // costUsd as a property too: Contributor Insights ranks users by it (top spenders).
        properties: { requestId: this.requestId, ...this.properties, costUsd: this.costUsd > 0 ? roundUsd(this.costUsd) : undefined },
        directives,
      },
    ];
    if (tools.length > 1) {
      for (const [tool, tally] of tools) {
        const toolMetrics: [MetricSpec, number][] = [[METRICS.toolCalls, tally.calls]];
        if (tally.errors > 0) toolMetrics.push([METRICS.toolErrors, tally.errors]);
        blobs.push({ timestamp, dimensionSets: [{ tool }], metrics: toolMetrics });
      }
    }
    return blobs;
  }
}

/** With a single tool, the document's tool totals are that tool's: publish them under `tool` too. */
function toolDirective(tool: string, tally: ToolTally): EmfDirective {
  return { dimensions: { tool }, metrics: tally.errors > 0 ? [METRICS.toolCalls, METRICS.toolErrors] : [METRICS.toolCalls] };
}

function sumTools(tools: Map<string, ToolTally>, field: keyof ToolTally): number {
  let total = 0;
  for (const tally of tools.values()) total += tally[field];
  return total;
}
