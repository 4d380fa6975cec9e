import type { PriceEntry } from './price-entry';

/**
 * Default prices of OpenAI chat models, in USD per 1M tokens, keyed by model name without
 * snapshot date (a dated snapshot resolves to its base name).
 *
 * Prices change: check every entry against its `source` before relying on it, and override
 * or add models with the `PRICING_OVERRIDES` configuration instead of editing code.
 * `effectiveDate` is the date the price was recorded (the model's release snapshot date).
 *
 * This module is data only.
 */

const PRICING_PAGE = 'https://openai.com/api/pricing/';
const PRICING_DOCS = 'https://platform.openai.com/docs/pricing';

function price(input: number, cachedInput: number, output: number, effectiveDate: string, source = PRICING_DOCS): PriceEntry {
  return Object.freeze({ input, cachedInput, output, source, effectiveDate });
}

/** The OpenAI prices the kit ships with (see the module comment before relying on them). */
export const OPENAI_PRICES: Readonly<Record<string, PriceEntry>> = Object.freeze({
  'gpt-5': price(1.25, 0.125, 10.0, '2025-08-07'),
  'gpt-5-mini': price(0.25, 0.025, 2.0, '2025-08-07'),
  'gpt-5-nano': price(0.05, 0.005, 0.4, '2025-08-07'),
  'gpt-4.1': price(2.0, 0.5, 8.0, '2025-04-14'),
  'gpt-4.1-mini': price(0.4, 0.1, 1.6, '2025-04-14'),
  'gpt-4.1-nano': price(0.1, 0.025, 0.4, '2025-04-14'),
  'o3': price(2.0, 0.5, 8.0, '2025-06-10'),
  'o4-mini': price(1.1, 0.275, 4.4, '2025-04-16'),
  'gpt-4o': price(2.5, 1.25, 10.0, '2024-11-20', PRICING_PAGE),
  'gpt-4o-mini': price(0.15, 0.075, 0.6, '2024-07-18', PRICING_PAGE),
  'gpt-3.5-turbo': price(0.5, 0.5, 1.5, '2024-01-25', PRICING_PAGE),
});
