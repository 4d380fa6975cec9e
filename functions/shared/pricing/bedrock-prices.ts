import type { PriceEntry } from './price-entry';

/**
 * Default prices of Amazon Bedrock models (on-demand, Standard tier, us-east-1), in USD per 1M
 * tokens, keyed by foundation model id. Inference profile ids (`us.`, `eu.`, `global.`, ...)
 * and ARNs resolve to these entries (`bedrock-price.ts`).
 *
 * Prices change and differ by Region: check every entry against its `source` before relying
 * on it, and override or add models with `PRICING_OVERRIDES` instead of editing code.
 * `effectiveDate` is the date the price was recorded (the model's release on Bedrock).
 *
 * - Claude 4.5: the figures are the `global.` cross-Region profile's; in-region and geographic
 *   profiles cost about 10 % more (`regionalPremium`). Cache writes (5-minute TTL) cost 1.25×
 *   input, cache reads 0.1× input. Sonnet 4.5's long-context rate (prompts past 200k tokens)
 *   and the 1-hour cache TTL (2× input) are not modelled: such calls are priced low.
 * - Amazon Nova: cache reads cost 25 % of input; cache writes carry no premium (priced as input).
 * - Llama and Mistral: no prompt caching on Bedrock.
 *
 * This module is data only.
 */

const BEDROCK_PRICING = 'https://aws.amazon.com/bedrock/pricing/';
const CLAUDE_GLOBAL_PREMIUM = 1.1;

interface CachePrices {
  readonly cachedInput?: number;
  readonly cacheWriteInput?: number;
  readonly regionalPremium?: number;
}

function price(input: number, output: number, effectiveDate: string, cache: CachePrices = {}): PriceEntry {
  return Object.freeze({ input, output, cachedInput: cache.cachedInput ?? input, ...cache, source: BEDROCK_PRICING, effectiveDate });
}

/** Claude's cache prices are written out (0.1× and 1.25× input) to keep float noise out of the data. */
function claude(input: number, output: number, cachedInput: number, cacheWriteInput: number, effectiveDate: string): PriceEntry {
  return price(input, output, effectiveDate, { cachedInput, cacheWriteInput, regionalPremium: CLAUDE_GLOBAL_PREMIUM });
}

/** The Bedrock prices the kit ships with (see the module comment before relying on them). */
export const BEDROCK_PRICES: Readonly<Record<string, PriceEntry>> = Object.freeze({
  'amazon.nova-micro-v1:0': price(0.035, 0.14, '2024-12-03', { cachedInput: 0.00875 }),
  'amazon.nova-lite-v1:0': price(0.06, 0.24, '2024-12-03', { cachedInput: 0.015 }),
  'amazon.nova-pro-v1:0': price(0.8, 3.2, '2024-12-03', { cachedInput: 0.2 }),
  'anthropic.claude-haiku-4-5-20251001-v1:0': claude(1.0, 5.0, 0.1, 1.25, '2025-10-15'),
  'anthropic.claude-sonnet-4-5-20250929-v1:0': claude(3.0, 15.0, 0.3, 3.75, '2025-09-29'),
  // Recalled from the pricing page (0.00072 USD per 1K tokens either way); verify before relying on it.
  'meta.llama3-3-70b-instruct-v1:0': price(0.72, 0.72, '2024-12-19'),
  // Recalled from the pricing page (0.002 / 0.006 USD per 1K tokens); verify before relying on it.
  'mistral.mistral-large-2407-v1:0': price(2.0, 6.0, '2024-07-24'),
});
