import { looksLikeBedrockModelId, resolveBedrockPrice } from './bedrock-price';
import { SHIPPED_PRICES, type PriceEntry, type PriceTable } from './price-table';

export type { PriceEntry, PriceTable } from './price-table';

/** Token usage as the provider reports it. */
export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Prompt tokens served from the prompt cache (part of `promptTokens`). @default 0 */
  readonly cachedTokens?: number;
  /** Prompt tokens written to the prompt cache (part of `promptTokens`; Bedrock reports them). @default 0 */
  readonly cacheWriteTokens?: number;
}

/** A priced response, or one whose model has no price entry (never a silent 0). */
export type UsageCost = { readonly costUsd: number; readonly priced: true } | { readonly costUsd: undefined; readonly priced: false };

/** The configuration name that carries price overrides as JSON. */
export const PRICING_OVERRIDES = 'PRICING_OVERRIDES';

const TOKENS_PER_PRICE_UNIT = 1_000_000;
const MAX_MEMOIZED_MODELS = 256;
const SNAPSHOT_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;
const OVERRIDE_FIELDS = new Set(['input', 'cachedInput', 'cacheWriteInput', 'output', 'source', 'effectiveDate']);
const UNPRICED: UsageCost = Object.freeze({ costUsd: undefined, priced: false });

const derivedLookups = new WeakMap<PriceTable, Map<string, PriceEntry | null>>();

/** The shipped prices (OpenAI and Bedrock) as a table, without overrides. */
export const DEFAULT_PRICE_TABLE: PriceTable = new Map(Object.entries(SHIPPED_PRICES));

/**
 * The price entry of a model: the exact name first (an override for a full Bedrock profile id
 * or ARN wins; a shipped entry with a `regionalPremium` is the `global.` price, so its bare
 * foundation model id, called in-region, gets the premium), then
 * - an OpenAI dated snapshot mapped to its base name (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`);
 * - a Bedrock inference profile id or ARN, or a foundation model ARN, mapped to its base model's
 *   entry, with the entry's `regionalPremium` applied except through `global.` profiles
 *   (`resolveBedrockPrice`); an application inference profile ARN is unpriced unless named.
 * Names are never matched by prefix, so an unknown `gpt-4o-mini-foo` is unpriced rather than
 * priced as something else. Derived lookups are memoized per table (at most 256 names).
 *
 * @example
 * resolvePrice('gpt-4.1-2025-04-14', DEFAULT_PRICE_TABLE)?.input; // 2
 * resolvePrice('us.amazon.nova-lite-v1:0', DEFAULT_PRICE_TABLE)?.input; // 0.06
 */
export function resolvePrice(model: string, table: PriceTable): PriceEntry | undefined {
  const exact = table.get(model);
  if (exact !== undefined && exact.regionalPremium === undefined) return exact;
  if (exact !== undefined || looksLikeBedrockModelId(model)) return memoized(table, model, () => resolveBedrockPrice(model, table) ?? exact);
  if (SNAPSHOT_SUFFIX.test(model)) return memoized(table, model, () => table.get(model.replace(SNAPSHOT_SUFFIX, '')));
  return undefined;
}

function memoized(table: PriceTable, model: string, resolve: () => PriceEntry | undefined): PriceEntry | undefined {
  let memo = derivedLookups.get(table);
  if (memo === undefined) {
    memo = new Map();
    derivedLookups.set(table, memo);
  }
  const known = memo.get(model);
  if (known !== undefined) return known ?? undefined;
  const entry = resolve() ?? null;
  if (memo.size < MAX_MEMOIZED_MODELS) memo.set(model, entry);
  return entry ?? undefined;
}

/**
 * The cost of one response. Prompt tokens read from the cache are priced at the cached rate,
 * those written to it at the cache-write rate, the rest of the prompt at the input rate; both
 * are parts of `promptTokens`, so `cachedTokens` is clamped to `promptTokens` and
 * `cacheWriteTokens` to what remains.
 *
 * @throws RangeError naming the field when a token count is negative or not a finite number.
 * @example
 * priceUsage('gpt-4o-mini', { promptTokens: 1_000_000, completionTokens: 0 }, DEFAULT_PRICE_TABLE);
 * // { costUsd: 0.15, priced: true }
 */
export function priceUsage(model: string, usage: TokenUsage, table: PriceTable): UsageCost {
  const prompt = tokenCount(usage.promptTokens, 'promptTokens');
  const completion = tokenCount(usage.completionTokens, 'completionTokens');
  const cached = usage.cachedTokens === undefined ? 0 : Math.min(tokenCount(usage.cachedTokens, 'cachedTokens'), prompt);
  const written = usage.cacheWriteTokens === undefined ? 0 : Math.min(tokenCount(usage.cacheWriteTokens, 'cacheWriteTokens'), prompt - cached);
  const entry = resolvePrice(model, table);
  if (entry === undefined) return UNPRICED;
  const micros =
    (prompt - cached - written) * entry.input + cached * entry.cachedInput + written * cacheWritePrice(entry) + completion * entry.output;
  return { costUsd: micros / TOKENS_PER_PRICE_UNIT, priced: true };
}

/**
 * The most tokens one call can use: more prompt tokens than the largest context window any
 * model offers (10M), or more completion tokens than the largest output any model writes
 * (1M; the biggest today are about 128k), is not a count but a provider bug.
 */
export const MAX_PLAUSIBLE_USAGE = Object.freeze({ promptTokens: 10_000_000, completionTokens: 1_000_000 });

/**
 * Whether a usage figure is one a single call could really produce (see MAX_PLAUSIBLE_USAGE).
 * A provider that ignores `max_completion_tokens` stays plausible and is priced truthfully;
 * 1e9 completion tokens is not, and the reply counts as unmeasured rather than as 600 USD.
 * Cache-write tokens are part of the prompt: more of them than prompt tokens is not plausible.
 */
export function isPlausibleUsage(usage: TokenUsage): boolean {
  return (
    usage.promptTokens <= MAX_PLAUSIBLE_USAGE.promptTokens &&
    usage.completionTokens <= MAX_PLAUSIBLE_USAGE.completionTokens &&
    (usage.cacheWriteTokens ?? 0) <= usage.promptTokens
  );
}

/**
 * Worst-case cost of a request before it runs, for the budget guard's reservation: every
 * prompt token at the dearer of the input and cache-write rates (a prompt may be written to
 * the cache) and the full completion allowance. An unpriced model estimates 0 (its responses
 * are counted as `agent.cost.unpriced`).
 *
 * @throws RangeError naming the argument when a count is negative or not a finite number.
 */
export function estimateCostUsd(model: string, promptTokensEstimate: number, maxCompletionTokens: number, table: PriceTable): number {
  const prompt = tokenCount(promptTokensEstimate, 'promptTokensEstimate');
  const completion = tokenCount(maxCompletionTokens, 'maxCompletionTokens');
  const entry = resolvePrice(model, table);
  if (entry === undefined) return 0;
  return (prompt * Math.max(entry.input, cacheWritePrice(entry)) + completion * entry.output) / TOKENS_PER_PRICE_UNIT;
}

function cacheWritePrice(entry: PriceEntry): number {
  return entry.cacheWriteInput ?? entry.input;
}

/**
 * The default prices merged with overrides from `PRICING_OVERRIDES` (JSON). An override
 * replaces the model's whole entry; `cachedInput` and `cacheWriteInput` default to `input`.
 * A Bedrock override keyed by a foundation model id also prices its profiles and ARNs, at its
 * figures as given (no regional premium); one keyed by a full profile id or ARN prices only that.
 *
 * @throws Error naming `PRICING_OVERRIDES`, the model and the field when the JSON is invalid.
 * @example
 * buildPriceTable('{"my-model": {"input": 1, "cachedInput": 0.5, "output": 2}}');
 */
export function buildPriceTable(overridesJson: string | undefined): PriceTable {
  if (overridesJson === undefined || overridesJson.trim() === '') return DEFAULT_PRICE_TABLE;
  const table = new Map(DEFAULT_PRICE_TABLE);
  for (const [model, value] of Object.entries(parseOverrides(overridesJson))) {
    table.set(model, overrideEntry(model, value));
  }
  return table;
}

function tokenCount(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`token usage field ${field} must be a non-negative finite number, got ${String(value)}`);
  }
  return value;
}

function parseOverrides(json: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`${PRICING_OVERRIDES} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(parsed)) {
    throw new Error(`${PRICING_OVERRIDES} must be a JSON object of model name → {"input", "cachedInput"?, "cacheWriteInput"?, "output"}`);
  }
  return parsed;
}

function overrideEntry(model: string, value: unknown): PriceEntry {
  const where = `${PRICING_OVERRIDES}: model "${model}"`;
  if (model.trim() === '') throw new Error(`${PRICING_OVERRIDES}: model name must not be empty`);
  if (!isPlainObject(value)) throw new Error(`${where} must be an object with "input" and "output" prices`);
  for (const field of Object.keys(value)) {
    if (!OVERRIDE_FIELDS.has(field)) {
      throw new Error(`${where} has unknown field "${field}" (allowed: ${[...OVERRIDE_FIELDS].join(', ')})`);
    }
  }
  const input = priceField(value, 'input', where);
  const cachedInput = value.cachedInput === undefined ? input : priceField(value, 'cachedInput', where);
  const cacheWriteInput = value.cacheWriteInput === undefined ? undefined : priceField(value, 'cacheWriteInput', where);
  const output = priceField(value, 'output', where);
  const source = optionalText(value, 'source', where) ?? PRICING_OVERRIDES;
  const effectiveDate = optionalText(value, 'effectiveDate', where);
  return Object.freeze({
    input,
    cachedInput,
    ...(cacheWriteInput === undefined ? {} : { cacheWriteInput }),
    output,
    source,
    ...(effectiveDate === undefined ? {} : { effectiveDate }),
  });
}

function priceField(value: Record<string, unknown>, field: string, where: string): number {
  const price = value[field];
  if (price === undefined) throw new Error(`${where} is missing field "${field}" (USD per 1M tokens)`);
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
    throw new Error(`${where} field "${field}" must be a non-negative number (USD per 1M tokens), got ${JSON.stringify(price)}`);
  }
  return price;
}

function optionalText(value: Record<string, unknown>, field: string, where: string): string | undefined {
  const text = value[field];
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw new Error(`${where} field "${field}" must be a string, got ${JSON.stringify(text)}`);
  return text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** USD rounded to 1e-10 (a ten-thousandth of a cent's millionth): what replies and metrics carry, free of float noise. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}
