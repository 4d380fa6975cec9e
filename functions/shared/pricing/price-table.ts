/**
 * The prices the kit ships with, one data module per provider: `openai-prices.ts` and
 * `bedrock-prices.ts` (USD per 1M tokens, each entry with its source and effective date).
 * Override or add models with `PRICING_OVERRIDES` instead of editing code.
 */
import { BEDROCK_PRICES } from './bedrock-prices';
import { OPENAI_PRICES } from './openai-prices';
import type { PriceEntry } from './price-entry';

export type { PriceEntry, PriceTable } from './price-entry';
export { BEDROCK_PRICES } from './bedrock-prices';
export { OPENAI_PRICES } from './openai-prices';

/** The OpenAI prices (the name predates the Bedrock entries; see `SHIPPED_PRICES` for all). */
export const DEFAULT_PRICES: Readonly<Record<string, PriceEntry>> = OPENAI_PRICES;

/** Every price the kit ships with: OpenAI model names and Bedrock foundation model ids. */
export const SHIPPED_PRICES: Readonly<Record<string, PriceEntry>> = Object.freeze({ ...OPENAI_PRICES, ...BEDROCK_PRICES });
