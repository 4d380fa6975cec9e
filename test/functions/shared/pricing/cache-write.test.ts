import { buildPriceTable, DEFAULT_PRICE_TABLE, estimateCostUsd, isPlausibleUsage, priceUsage } from '../../../../functions/shared/pricing/pricing';

const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('pricing cache writes', () => {
  it('prices uncached, cache-read and cache-written prompt tokens each at its own rate', () => {
    // Prepare: 10k prompt tokens, of which 6k read from and 3k written to the cache
    const usage = { promptTokens: 10_000, cachedTokens: 6_000, cacheWriteTokens: 3_000, completionTokens: 500 };

    // Act
    const result = priceUsage(`global.${SONNET}`, usage, DEFAULT_PRICE_TABLE);

    // Assess
    expect(result.priced).toBe(true);
    expect(result.costUsd).toBeCloseTo((1_000 * 3 + 6_000 * 0.3 + 3_000 * 3.75 + 500 * 15) / 1e6, 12);
  });

  it('clamps cache-written tokens to what the cache reads leave of the prompt', () => {
    // Act
    const result = priceUsage(`global.${HAIKU}`, { promptTokens: 1_000, cachedTokens: 800, cacheWriteTokens: 5_000, completionTokens: 0 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(result.costUsd).toBeCloseTo((800 * 0.1 + 200 * 1.25) / 1e6, 12);
  });

  it('throws a RangeError naming cacheWriteTokens when the provider sends garbage', () => {
    // Act
    const act = (): unknown => priceUsage(HAIKU, { promptTokens: 10, completionTokens: 0, cacheWriteTokens: -3 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(act).toThrow(RangeError);
    expect(act).toThrow('cacheWriteTokens');
  });

  it('reserves every prompt token at the cache-write rate when it is dearer than input', () => {
    // Act
    const claude = estimateCostUsd(`global.${SONNET}`, 1_000_000, 0, DEFAULT_PRICE_TABLE);
    const nova = estimateCostUsd('amazon.nova-pro-v1:0', 1_000_000, 1_000_000, DEFAULT_PRICE_TABLE);

    // Assess
    expect(claude).toBeCloseTo(3.75, 12);
    expect(nova).toBeCloseTo(0.8 + 3.2, 12);
  });
});

describe('cacheWriteInput in PRICING_OVERRIDES', () => {
  it('prices cache-written tokens of an overridden model at its cacheWriteInput', () => {
    // Prepare
    const table = buildPriceTable('{"acme.chat-v1:0": {"input": 1, "cachedInput": 0.1, "cacheWriteInput": 2, "output": 4}}');

    // Act
    const cost = priceUsage('acme.chat-v1:0', { promptTokens: 3_000_000, cachedTokens: 1_000_000, cacheWriteTokens: 1_000_000, completionTokens: 0 }, table);

    // Assess
    expect(table.get('acme.chat-v1:0')).toEqual({ input: 1, cachedInput: 0.1, cacheWriteInput: 2, output: 4, source: 'PRICING_OVERRIDES' });
    expect(cost.costUsd).toBeCloseTo(1 + 0.1 + 2, 12);
  });

  it('prices cache writes at input when the override gives no cacheWriteInput', () => {
    // Prepare
    const table = buildPriceTable('{"acme.chat-v1:0": {"input": 1, "output": 4}}');

    // Act
    const cost = priceUsage('acme.chat-v1:0', { promptTokens: 1_000_000, cacheWriteTokens: 1_000_000, completionTokens: 0 }, table);

    // Assess
    expect(cost.costUsd).toBeCloseTo(1, 12);
  });

  it.each([
    ['a negative cacheWriteInput', '{"m": {"input": 1, "cacheWriteInput": -1, "output": 2}}', /PRICING_OVERRIDES: model "m" field "cacheWriteInput" must be a non-negative number.*-1/],
    ['a string cacheWriteInput', '{"m": {"input": 1, "cacheWriteInput": "1.25", "output": 2}}', /model "m" field "cacheWriteInput" must be a non-negative number.*"1.25"/],
    ['a misspelt cache_write_input', '{"m": {"input": 1, "output": 2, "cache_write_input": 1}}', /model "m" has unknown field "cache_write_input" \(allowed: .*cacheWriteInput/],
  ])('rejects %s naming the model and the field', (_case, overrides, message) => {
    // Act
    const act = (): unknown => buildPriceTable(overrides);

    // Assess
    expect(act).toThrow(message);
  });
});

describe('isPlausibleUsage with cache writes', () => {
  it.each([
    ['a prompt mostly written to the cache', { promptTokens: 5_000, cacheWriteTokens: 4_000, completionTokens: 10 }, true],
    ['a whole prompt written to the cache', { promptTokens: 5_000, cacheWriteTokens: 5_000, completionTokens: 10 }, true],
    ['more cache-written tokens than prompt tokens', { promptTokens: 20, cacheWriteTokens: 1e9, completionTokens: 10 }, false],
  ])('%s: %p is plausible %p', (_name, usage, plausible) => {
    // Act & Assess
    expect(isPlausibleUsage(usage)).toBe(plausible);
  });
});
