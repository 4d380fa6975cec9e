import { BEDROCK_PRICES } from '../../../../functions/shared/pricing/price-table';
import { DEFAULT_PRICE_TABLE, priceUsage } from '../../../../functions/shared/pricing/pricing';

const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('the shipped Bedrock prices', () => {
  it.each([
    'amazon.nova-micro-v1:0',
    'amazon.nova-lite-v1:0',
    'amazon.nova-pro-v1:0',
    HAIKU,
    SONNET,
    'meta.llama3-3-70b-instruct-v1:0',
    'mistral.mistral-large-2407-v1:0',
  ])('price %s from the Bedrock pricing page, with an effective date', (model) => {
    // Act
    const entry = DEFAULT_PRICE_TABLE.get(model);

    // Assess
    expect(entry).toBe(BEDROCK_PRICES[model]);
    expect(entry?.source).toBe('https://aws.amazon.com/bedrock/pricing/');
    expect(entry?.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(entry?.cachedInput).toBeLessThanOrEqual(entry!.input);
  });

  it('prices Nova Lite at 0.06 / 0.24 USD per 1M input / output tokens and 0.015 per 1M cache reads', () => {
    // Act
    const prompt = priceUsage('amazon.nova-lite-v1:0', { promptTokens: 1_000_000, completionTokens: 0 }, DEFAULT_PRICE_TABLE);
    const completion = priceUsage('amazon.nova-lite-v1:0', { promptTokens: 0, completionTokens: 1_000_000 }, DEFAULT_PRICE_TABLE);
    const cached = priceUsage('amazon.nova-lite-v1:0', { promptTokens: 1_000_000, cachedTokens: 1_000_000, completionTokens: 0 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(prompt).toEqual({ costUsd: 0.06, priced: true });
    expect(completion).toEqual({ costUsd: 0.24, priced: true });
    expect(cached.costUsd).toBeCloseTo(0.015, 12);
  });

  it.each([
    ['amazon.nova-micro-v1:0', 0.035, 0.00875],
    ['amazon.nova-lite-v1:0', 0.06, 0.015],
    ['amazon.nova-pro-v1:0', 0.8, 0.2],
  ])('gives %s cache reads at 25 %% of input and no cache-write premium', (model, input, cachedInput) => {
    // Act
    const entry = BEDROCK_PRICES[model];
    const written = priceUsage(model, { promptTokens: 1_000_000, cacheWriteTokens: 1_000_000, completionTokens: 0 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(entry).toMatchObject({ input, cachedInput });
    expect(entry.cacheWriteInput).toBeUndefined();
    expect(written.costUsd).toBeCloseTo(input, 12);
  });

  it.each([
    [HAIKU, 1, 5],
    [SONNET, 3, 15],
  ])('gives %s cache writes at 1.25x and cache reads at 0.1x its %p USD input price', (model, input, output) => {
    // Act
    const entry = BEDROCK_PRICES[model];

    // Assess
    expect(entry).toMatchObject({ input, output, regionalPremium: 1.1 });
    expect(entry.cacheWriteInput).toBeCloseTo(input * 1.25, 12);
    expect(entry.cachedInput).toBeCloseTo(input * 0.1, 12);
  });

  it.each(['meta.llama3-3-70b-instruct-v1:0', 'mistral.mistral-large-2407-v1:0'])('gives %s no cache discount', (model) => {
    // Act
    const cached = priceUsage(model, { promptTokens: 1_000_000, cachedTokens: 1_000_000, completionTokens: 0 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(cached.costUsd).toBeCloseTo(BEDROCK_PRICES[model].input, 12);
  });
});
