import { BEDROCK_PRICES } from '../../../../functions/shared/pricing/price-table';
import { buildPriceTable, DEFAULT_PRICE_TABLE, priceUsage, resolvePrice } from '../../../../functions/shared/pricing/pricing';

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const ACCOUNT = '123456789012';
const APP_PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6`;

describe('resolvePrice for Bedrock ids', () => {
  it.each([
    ['a geographic profile id', `us.${NOVA_LITE}`],
    ['an eu profile id', `eu.${NOVA_LITE}`],
    ['an apac profile id', `apac.${NOVA_LITE}`],
    ['a foundation-model ARN', `arn:aws:bedrock:us-east-1::foundation-model/${NOVA_LITE}`],
    ['an inference-profile ARN', `arn:aws:bedrock:eu-west-1:${ACCOUNT}:inference-profile/eu.${NOVA_LITE}`],
  ])('prices %s as its base model (Nova has no regional premium)', (_form, model) => {
    // Act
    const entry = resolvePrice(model, DEFAULT_PRICE_TABLE);

    // Assess
    expect(entry).toBe(BEDROCK_PRICES[NOVA_LITE]);
  });

  it.each([
    ['the foundation model id (in-region)', SONNET],
    ['a us profile', `us.${SONNET}`],
    ['an eu profile', `eu.${SONNET}`],
    ['a foundation-model ARN', `arn:aws:bedrock:eu-central-1::foundation-model/${SONNET}`],
    ['a geographic inference-profile ARN', `arn:aws:bedrock:us-west-2:${ACCOUNT}:inference-profile/us.${SONNET}`],
  ])('charges Claude Sonnet 4.5 through %s 10 %% more than through global.', (_form, model) => {
    // Act
    const regional = priceUsage(model, { promptTokens: 1_000_000, completionTokens: 1_000_000 }, DEFAULT_PRICE_TABLE);
    const viaGlobal = priceUsage(`global.${SONNET}`, { promptTokens: 1_000_000, completionTokens: 1_000_000 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(viaGlobal.costUsd).toBeCloseTo(3 + 15, 12);
    expect(regional.costUsd).toBeCloseTo(3.3 + 16.5, 12);
  });

  it('applies the regional premium to cache reads and writes too', () => {
    // Act
    const entry = resolvePrice(`eu.${HAIKU}`, DEFAULT_PRICE_TABLE);

    // Assess
    expect(entry).toMatchObject({ input: 1.1, cachedInput: 0.11, cacheWriteInput: 1.375, output: 5.5, source: 'https://aws.amazon.com/bedrock/pricing/' });
    expect(entry?.regionalPremium).toBeUndefined();
  });

  it('prices a global. profile ARN at the table figure', () => {
    // Act
    const entry = resolvePrice(`arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/global.${HAIKU}`, DEFAULT_PRICE_TABLE);

    // Assess
    expect(entry).toBe(BEDROCK_PRICES[HAIKU]);
  });

  it.each([
    ['an application inference profile ARN', APP_PROFILE],
    ['an unknown Bedrock model', 'amazon.nova-nonexistent-v9:0'],
    ['a profile of an unknown model', 'us.meta.llama9-1t-instruct-v1:0'],
    ['a malformed ARN', 'arn:aws:bedrock:us-east-1:foundation-model'],
    ['a malformed profile id', 'us.nobody'],
  ])('leaves %s unpriced, never 0', (_form, model) => {
    // Act
    const cost = priceUsage(model, { promptTokens: 100, completionTokens: 10 }, DEFAULT_PRICE_TABLE);

    // Assess
    expect(cost).toEqual({ costUsd: undefined, priced: false });
  });

  it('prices an application inference profile that PRICING_OVERRIDES names', () => {
    // Prepare
    const table = buildPriceTable(JSON.stringify({ [APP_PROFILE]: { input: 2, output: 8 } }));

    // Act
    const cost = priceUsage(APP_PROFILE, { promptTokens: 1_000_000, completionTokens: 1_000_000 }, table);

    // Assess
    expect(cost).toEqual({ costUsd: 10, priced: true });
  });

  it('lets an override for the full profile id win over the base entry and its premium', () => {
    // Prepare
    const table = buildPriceTable(JSON.stringify({ [`eu.${SONNET}`]: { input: 4, output: 20 } }));

    // Act
    const overridden = resolvePrice(`eu.${SONNET}`, table);
    const sameProfileByArn = resolvePrice(`arn:aws:bedrock:eu-west-3:${ACCOUNT}:inference-profile/eu.${SONNET}`, table);
    const otherProfile = resolvePrice(`us.${SONNET}`, table);

    // Assess
    expect(overridden?.input).toBe(4);
    expect(sameProfileByArn?.input).toBe(4);
    expect(otherProfile?.input).toBeCloseTo(3.3, 12);
  });

  it('prices every profile of an overridden foundation model at the override as given', () => {
    // Prepare
    const table = buildPriceTable(JSON.stringify({ [HAIKU]: { input: 2, cacheWriteInput: 2.5, output: 10 } }));

    // Act
    const entry = resolvePrice(`us.${HAIKU}`, table);

    // Assess
    expect(entry).toEqual({ input: 2, cachedInput: 2, cacheWriteInput: 2.5, output: 10, source: 'PRICING_OVERRIDES' });
    expect(resolvePrice(`us.${HAIKU}`, DEFAULT_PRICE_TABLE)?.input).toBeCloseTo(1.1, 12);
  });

  it('answers the same after more distinct names than it memoizes', () => {
    // Prepare
    const table = buildPriceTable('{"acme.chat-v1:0": {"input": 1, "output": 1}}');
    const first = resolvePrice(`us.${SONNET}`, table);

    // Act
    for (let i = 0; i < 1_000; i += 1) resolvePrice(`us.amazon.unknown-${i}-v1:0`, table);
    const later = [resolvePrice(`us.${SONNET}`, table), resolvePrice(`eu.${SONNET}`, table), resolvePrice('us.acme.chat-v1:0', table)];

    // Assess
    expect(later[0]).toBe(first);
    expect(later[1]).toEqual(first);
    expect(later[2]).toBeUndefined();
    expect(resolvePrice('amazon.unknown-999-v1:0', table)).toBeUndefined();
  });
});
