import type { TokenUsage as ConverseTokenUsage } from '@aws-sdk/client-bedrock-runtime';
import { converseUsage, reportedUsage } from '../../../../functions/shared/llm/reply-usage';
import { DEFAULT_PRICE_TABLE, priceUsage } from '../../../../functions/shared/pricing/pricing';

describe('converseUsage', () => {
  it('adds cache reads and writes to the prompt, which Converse leaves out of inputTokens', () => {
    // Prepare
    const usage: ConverseTokenUsage = { inputTokens: 20, outputTokens: 5, totalTokens: 1525, cacheReadInputTokens: 1000, cacheWriteInputTokens: 500 };

    // Act
    const mapped = converseUsage(usage);

    // Assess
    expect(mapped).toEqual({ promptTokens: 1520, completionTokens: 5, cachedTokens: 1000, cacheWriteTokens: 500 });
  });

  it('counts no cache tokens when Converse reports none', () => {
    // Act
    const mapped = converseUsage({ inputTokens: 12, outputTokens: 3, totalTokens: 15 });

    // Assess
    expect(mapped).toEqual({ promptTokens: 12, completionTokens: 3, cachedTokens: 0, cacheWriteTokens: 0 });
  });

  it('prices every prompt token once: the uncached ones at input, cache reads and writes at their rates', () => {
    // Prepare: a Claude Haiku 4.5 call through global., 200 fresh tokens, 4,000 read from and 1,000 written to the cache
    const usage = converseUsage({ inputTokens: 200, outputTokens: 100, totalTokens: 5300, cacheReadInputTokens: 4000, cacheWriteInputTokens: 1000 });

    // Act
    const cost = priceUsage('global.anthropic.claude-haiku-4-5-20251001-v1:0', usage!, DEFAULT_PRICE_TABLE);

    // Assess
    expect(cost.costUsd).toBeCloseTo((200 * 1 + 4000 * 0.1 + 1000 * 1.25 + 100 * 5) / 1e6, 12);
  });

  it('maps the same cached prompt as OpenAI to the same usage', () => {
    // Act
    const bedrock = converseUsage({ inputTokens: 400, outputTokens: 50, totalTokens: 1050, cacheReadInputTokens: 600 });
    const openai = reportedUsage({ prompt_tokens: 1000, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 600 } });

    // Assess
    expect(bedrock).toMatchObject(openai!);
  });

  it.each([
    ['no usage', undefined],
    ['null usage', null],
    ['no inputTokens', { outputTokens: 3 }],
    ['no outputTokens', { inputTokens: 3 }],
    ['negative inputTokens', { inputTokens: -1, outputTokens: 3 }],
    ['fractional outputTokens', { inputTokens: 1, outputTokens: 2.5 }],
    ['a string count', { inputTokens: '12', outputTokens: 3 }],
    ['a negative cache read', { inputTokens: 1, outputTokens: 3, cacheReadInputTokens: -5 }],
    ['a fractional cache write', { inputTokens: 1, outputTokens: 3, cacheWriteInputTokens: 0.5 }],
    ['an infinite cache write', { inputTokens: 1, outputTokens: 3, cacheWriteInputTokens: Infinity }],
  ])('is undefined (unmeasured) for %s', (_case, usage) => {
    // Act
    const mapped = converseUsage(usage as never);

    // Assess
    expect(mapped).toBeUndefined();
  });
});
