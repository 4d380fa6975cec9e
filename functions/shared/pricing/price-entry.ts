/** The price of one model, USD per 1M tokens. */
export interface PriceEntry {
  /** USD per 1M prompt tokens that were neither read from nor written to the prompt cache. */
  readonly input: number;
  /** USD per 1M prompt tokens read from the prompt cache. */
  readonly cachedInput: number;
  /** USD per 1M prompt tokens written to the prompt cache. @default `input` (no write premium) */
  readonly cacheWriteInput?: number;
  /** USD per 1M completion tokens (reasoning tokens included). */
  readonly output: number;
  /**
   * Factor on every price of the entry when the model is called in-region (its foundation model
   * id or ARN) or through a geographic inference profile (`us.`, `eu.`, ...) rather than the
   * `global.` profile: the entry's figures are then the global endpoint's. @default 1
   */
  readonly regionalPremium?: number;
  /** Where the price was read. */
  readonly source: string;
  /** ISO date the price was recorded; absent for overrides that give none. */
  readonly effectiveDate?: string;
}

/** Model id → price. Treat as immutable: lookups are memoized. */
export type PriceTable = ReadonlyMap<string, PriceEntry>;
