import { DEFAULT_PRICES } from '../../../../functions/shared/pricing/price-table';
import {
  DEFAULT_PRICE_TABLE,
  estimateCostUsd,
  isPlausibleUsage,
  MAX_PLAUSIBLE_USAGE,
  priceUsage,
  resolvePrice,
} from '../../../../functions/shared/pricing/pricing';

describe('priceUsage', () => {
  it('prices 1M gpt-4o-mini prompt tokens at 0.15 USD', () => {
    // Prepare
    const usage = { promptTokens: 1_000_000, completionTokens: 0 };

    // Act
    const result = priceUsage('gpt-4o-mini', usage, DEFAULT_PRICE_TABLE);

    // Assess
    expect(result).toEqual({ costUsd: 0.15, priced: true });
  });

  it('prices prompt, cached prompt and completion tokens at their own rates', () => {
    // Prepare
    const usage = { promptTokens: 1_000, cachedTokens: 400, completionTokens: 500 };

    // Act
    const result = priceUsage('gpt-4o-mini', usage, DEFAULT_PRICE_TABLE);

    // Assess
    expect(result.priced).toBe(true);
    expect(result.costUsd).toBeCloseTo((600 * 0.15 + 400 * 0.075 + 500 * 0.6) / 1e6, 15);
  });

  it('clamps cached tokens to the prompt tokens', () => {
    // Prepare
    const usage = { promptTokens: 1_000_000, cachedTokens: 5_000_000, completionTokens: 0 };

    // Act
    const result = priceUsage('gpt-4o', usage, DEFAULT_PRICE_TABLE);

    // Assess
    expect(result.costUsd).toBeCloseTo(1.25, 12);
  });

  it('gives gpt-3.5-turbo no cached discount', () => {
    // Act
    const cached = priceUsage('gpt-3.5-turbo', { promptTokens: 1_000_000, cachedTokens: 1_000_000, completionTokens: 0 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(cached.costUsd).toBeCloseTo(0.5, 12);
  });

  it('reports an unknown model as unpriced, never as 0', () => {
    // Act
    const result = priceUsage('my-private-model', { promptTokens: 10, completionTokens: 10 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(result).toEqual({ costUsd: undefined, priced: false });
  });

  it.each([
    ['promptTokens', { promptTokens: -1, completionTokens: 0 }],
    ['completionTokens', { promptTokens: 0, completionTokens: Number.NaN }],
    ['cachedTokens', { promptTokens: 0, completionTokens: 0, cachedTokens: Infinity }],
  ])('throws a RangeError naming %s when the provider sends garbage', (field, usage) => {
    // Act
    const act = (): unknown => priceUsage('gpt-4o-mini', usage, DEFAULT_PRICE_TABLE);

    // Assess
    expect(act).toThrow(RangeError);
    expect(act).toThrow(field);
  });

  it('prices a dated snapshot like its base model', () => {
    // Act
    const snapshot = priceUsage('gpt-4o-mini-2024-07-18', { promptTokens: 2_000, completionTokens: 1_000 }, DEFAULT_PRICE_TABLE);
    const base = priceUsage('gpt-4o-mini', { promptTokens: 2_000, completionTokens: 1_000 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(snapshot).toEqual(base);
  });
});

describe('resolvePrice', () => {
  it.each([
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['gpt-5-mini-2025-08-07', 'gpt-5-mini'],
    ['o4-mini-2025-04-16', 'o4-mini'],
  ])('maps the snapshot %s to %s', (snapshot, base) => {
    // Act
    const entry = resolvePrice(snapshot, DEFAULT_PRICE_TABLE);

    // Assess
    expect(entry).toBe(DEFAULT_PRICES[base]);
  });

  it('keeps gpt-4o-mini and gpt-4o apart', () => {
    // Act
    const mini = resolvePrice('gpt-4o-mini', DEFAULT_PRICE_TABLE);
    const full = resolvePrice('gpt-4o', DEFAULT_PRICE_TABLE);

    // Assess
    expect(mini?.input).toBe(0.15);
    expect(full?.input).toBe(2.5);
  });

  it.each(['gpt-4o-mini-foo', 'gpt-4o-audio', 'gpt-4', 'gpt-4o-mini-2024-07', 'GPT-4O'])('does not guess a price for %s', (model) => {
    // Act
    const entry = resolvePrice(model, DEFAULT_PRICE_TABLE);

    // Assess
    expect(entry).toBeUndefined();
  });

  it('answers the same on repeated (memoized) lookups', () => {
    // Act
    const first = resolvePrice('gpt-4.1-nano-2025-04-14', DEFAULT_PRICE_TABLE);
    const second = resolvePrice('gpt-4.1-nano-2025-04-14', DEFAULT_PRICE_TABLE);
    const missing = [resolvePrice('nope-2025-01-01', DEFAULT_PRICE_TABLE), resolvePrice('nope-2025-01-01', DEFAULT_PRICE_TABLE)];

    // Assess
    expect(second).toBe(first);
    expect(first?.input).toBe(0.1);
    expect(missing).toEqual([undefined, undefined]);
  });
});

describe('estimateCostUsd', () => {
  it('assumes every prompt token uncached and the full completion allowance', () => {
    // Act
    const estimate = estimateCostUsd('gpt-4o-mini', 1_000_000, 1_000_000, DEFAULT_PRICE_TABLE);

    // Assess
    expect(estimate).toBeCloseTo(0.75, 12);
  });

  it('estimates 0 for an unpriced model', () => {
    // Act
    const estimate = estimateCostUsd('my-private-model', 1_000, 1_000, DEFAULT_PRICE_TABLE);

    // Assess
    expect(estimate).toBe(0);
  });

  it('rejects a negative completion allowance', () => {
    // Act
    const act = (): unknown => estimateCostUsd('gpt-4o-mini', 10, -5, DEFAULT_PRICE_TABLE);

    // Assess
    expect(act).toThrow(/maxCompletionTokens/);
  });
});

describe('the shipped price table', () => {
  it('records a source and an effective date for every model', () => {
    // Act
    const entries = Object.entries(DEFAULT_PRICES);

    // Assess
    expect(entries.length).toBeGreaterThanOrEqual(11);
    for (const [, entry] of entries) {
      expect(['https://openai.com/api/pricing/', 'https://platform.openai.com/docs/pricing']).toContain(entry.source);
      expect(entry.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.cachedInput).toBeLessThanOrEqual(entry.input);
    }
  });
});

describe('isPlausibleUsage', () => {
  it.each([
    ['a reply within the cap', { promptTokens: 1200, completionTokens: 1024 }, true],
    ['a provider ignoring the cap (8,000 completion tokens)', { promptTokens: 200, completionTokens: 8000 }, true],
    ['the largest context window, full', { promptTokens: MAX_PLAUSIBLE_USAGE.promptTokens, completionTokens: 0 }, true],
    ['1e9 completion tokens', { promptTokens: 20, completionTokens: 1e9 }, false],
    ['more prompt tokens than any context window', { promptTokens: MAX_PLAUSIBLE_USAGE.promptTokens + 1, completionTokens: 1 }, false],
  ])('%s: %p is plausible %p', (_name, usage, plausible) => {
    // Act & Assess
    expect(isPlausibleUsage(usage)).toBe(plausible);
  });
});
