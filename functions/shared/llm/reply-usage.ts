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

/** The model a reply names, or the requested one when the reply names none. */
export function replyModel(reply: { readonly model?: unknown }, requestedModel: string): string {
  return typeof reply.model === 'string' && reply.model ? reply.model : requestedModel;
}

function isTokenCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
