import { DEFAULT_PRICE_TABLE, buildPriceTable, priceUsage } from '../../../../functions/shared/pricing/pricing';

describe('buildPriceTable', () => {
  it.each([undefined, '', '   '])('returns the defaults for %p', (overrides) => {
    // Act
    const table = buildPriceTable(overrides);

    // Assess
    expect(table).toBe(DEFAULT_PRICE_TABLE);
  });

  it('adds a model from PRICING_OVERRIDES', () => {
    // Prepare
    const overrides = '{"my-model": {"input": 1, "cachedInput": 0.5, "output": 2}}';

    // Act
    const table = buildPriceTable(overrides);
    const cost = priceUsage('my-model', { promptTokens: 1_000_000, cachedTokens: 500_000, completionTokens: 1_000_000 }, table);

    // Assess
    expect(table.get('my-model')).toEqual({ input: 1, cachedInput: 0.5, output: 2, source: 'PRICING_OVERRIDES' });
    expect(cost.costUsd).toBeCloseTo(0.5 + 0.25 + 2, 12);
    expect(table.get('gpt-4o-mini')?.input).toBe(0.15);
  });

  it('defaults cachedInput to input and replaces a shipped entry', () => {
    // Act
    const table = buildPriceTable('{"gpt-4o": {"input": 3, "output": 12, "effectiveDate": "2026-01-01"}}');

    // Assess
    expect(table.get('gpt-4o')).toEqual({ input: 3, cachedInput: 3, output: 12, source: 'PRICING_OVERRIDES', effectiveDate: '2026-01-01' });
    expect(DEFAULT_PRICE_TABLE.get('gpt-4o')?.input).toBe(2.5);
  });

  it('prices snapshots of an overridden model through the new table', () => {
    // Act
    const table = buildPriceTable('{"acme-chat": {"input": 10, "output": 10}}');

    // Assess
    expect(priceUsage('acme-chat-2025-01-01', { promptTokens: 100_000, completionTokens: 0 }, table).costUsd).toBeCloseTo(1, 12);
    expect(priceUsage('acme-chat-2025-01-01', { promptTokens: 1, completionTokens: 0 }, DEFAULT_PRICE_TABLE).priced).toBe(false);
  });

  it.each([
    ['invalid JSON', '{"my-model": ', /PRICING_OVERRIDES is not valid JSON/],
    ['a non-object', '[1, 2]', /PRICING_OVERRIDES must be a JSON object/],
    ['an entry that is not an object', '{"my-model": 3}', /PRICING_OVERRIDES: model "my-model" must be an object/],
    ['a missing output', '{"my-model": {"input": 1}}', /PRICING_OVERRIDES: model "my-model" is missing field "output"/],
    ['a negative price', '{"my-model": {"input": -1, "output": 2}}', /PRICING_OVERRIDES: model "my-model" field "input" must be a non-negative number.*-1/],
    ['a string price', '{"my-model": {"input": 1, "output": "2"}}', /PRICING_OVERRIDES: model "my-model" field "output" must be a non-negative number.*"2"/],
    ['a bad cachedInput', '{"m": {"input": 1, "cachedInput": null, "output": 2}}', /model "m" field "cachedInput"/],
    ['a misspelt field', '{"my-model": {"input": 1, "output": 2, "cached_input": 1}}', /model "my-model" has unknown field "cached_input"/],
    ['an empty model name', '{"": {"input": 1, "output": 2}}', /PRICING_OVERRIDES: model name must not be empty/],
  ])('rejects %s with a message naming PRICING_OVERRIDES, the model and the field', (_case, overrides, message) => {
    // Act
    const act = (): unknown => buildPriceTable(overrides);

    // Assess
    expect(act).toThrow(message);
  });
});
