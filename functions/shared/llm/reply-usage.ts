import type { TokenUsage } from '../pricing/pricing';

/** The usage part of a chat completion, as a provider may (or may not) send it. */
export interface ReportedUsage {
  readonly prompt_tokens?: unknown;
  readonly completion_tokens?: unknown;
  readonly prompt_tokens_details?: { readonly cached_tokens?: unknown } | null;
}

/**
 * The token usage a reply reports, or undefined when it reports none a provider could really
 * have counted (missing, or a count that is not a non-negative integer): such a reply is
 * unmeasured, not failed. Whether the figures are plausible is a separate check (`isPlausibleUsage`).
 *
 * @example
 * reportedUsage({ prompt_tokens: 12, completion_tokens: 3 }); // { promptTokens: 12, completionTokens: 3, cachedTokens: 0 }
 * reportedUsage(undefined); // undefined
 */
export function reportedUsage(usage: ReportedUsage | null | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  if (!isTokenCount(usage.prompt_tokens) || !isTokenCount(usage.completion_tokens) || !isTokenCount(cached)) return undefined;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, cachedTokens: cached };
}

/** The usage part of a Bedrock Converse reply (the SDK's `TokenUsage`), as a provider may (or may not) send it. */
export interface ConverseReportedUsage {
  readonly inputTokens?: unknown;
  readonly outputTokens?: unknown;
  readonly cacheReadInputTokens?: unknown;
  readonly cacheWriteInputTokens?: unknown;
  /** Input, output and cache tokens together; not read (the parts are). */
  readonly totalTokens?: unknown;
}

/**
 * The token usage a Converse reply reports, in the kit's terms, or undefined when it reports
 * none a provider could really have counted (as `reportedUsage`). Converse's `inputTokens`
 * leaves out the tokens read from and written to the prompt cache, while the kit's
 * `promptTokens` (like OpenAI's `prompt_tokens`) includes them: they are added once, here,
 * and priced apart by `priceUsage`, so nothing is counted or subtracted twice.
 *
 * @example
 * converseUsage({ inputTokens: 20, outputTokens: 5, cacheReadInputTokens: 1000, cacheWriteInputTokens: 0 });
 * // { promptTokens: 1020, completionTokens: 5, cachedTokens: 1000, cacheWriteTokens: 0 }
 */
export function converseUsage(usage: ConverseReportedUsage | null | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  const { inputTokens, outputTokens } = usage;
  const cacheRead = usage.cacheReadInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? 0;
  if (!isTokenCount(inputTokens) || !isTokenCount(outputTokens) || !isTokenCount(cacheRead) || !isTokenCount(cacheWrite)) return undefined;
  return { promptTokens: inputTokens + cacheRead + cacheWrite, completionTokens: outputTokens, cachedTokens: cacheRead, cacheWriteTokens: cacheWrite };
}

/** The model a reply names, or the requested one when the reply names none. */
export function replyModel(reply: { readonly model?: unknown }, requestedModel: string): string {
  return typeof reply.model === 'string' && reply.model ? reply.model : requestedModel;
}

function isTokenCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
