import { ConfigError, loadJudgeConfig } from '../../../functions/judge/config';
import { judgeDepsFromConfig } from '../../../functions/judge/dependencies';
import { LlmJudge } from '../../../functions/judge/judge-client';
import { runJudge } from '../../../functions/judge/judge-run';
import { CURRENT_RUBRIC } from '../../../functions/judge/rubric';
import { buildJudge, freshTables, judgeEnv, judgeRequests, samplesScoring, seedSamples, startJudgeStandIns, type JudgeStandIns } from './judge-harness';

const MINIMAL = { OPENAI_API_KEY: 'sk-test', SAMPLES_TABLE_NAME: 'samples', BUDGET_TABLE_NAME: 'budget', DAILY_BUDGET_USD: '20' };
const UNPRICED_MODEL = 'acme-judge-1';
const ACME_PRICES = JSON.stringify({ [UNPRICED_MODEL]: { input: 1, output: 2 } });

describe('the judge model price', () => {
  it('refuses to build the judge for a model without a price entry, naming JUDGE_MODEL and PRICING_OVERRIDES', () => {
    // Prepare
    const config = loadJudgeConfig({ ...MINIMAL, JUDGE_MODEL: UNPRICED_MODEL });

    // Act
    const build = () => judgeDepsFromConfig(config);

    // Assess
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/JUDGE_MODEL "acme-judge-1" has no price entry.*spend cap.*daily budget.*PRICING_OVERRIDES/);
  });

  it('accepts the same model once PRICING_OVERRIDES prices it', () => {
    // Prepare
    const config = loadJudgeConfig({ ...MINIMAL, JUDGE_MODEL: UNPRICED_MODEL, PRICING_OVERRIDES: ACME_PRICES });

    // Act
    const deps = judgeDepsFromConfig(config);

    // Assess
    expect(deps.version.model).toBe(UNPRICED_MODEL);
    expect(deps.judge.estimateUsd({ question: 'q', answer: 'a' })).toBeGreaterThan(0);
  });

  it('accepts a dated snapshot of a priced model', () => {
    // Act
    const deps = judgeDepsFromConfig(loadJudgeConfig({ ...MINIMAL, JUDGE_MODEL: 'gpt-4o-mini-2024-07-18' }));

    // Assess
    expect(deps.version.model).toBe('gpt-4o-mini-2024-07-18');
  });

  it('refuses an LlmJudge whose price function does not price its model', () => {
    // Act
    const build = () =>
      new LlmJudge({ call: async () => Promise.reject(new Error('not called')), model: UNPRICED_MODEL, rubric: CURRENT_RUBRIC, maxCompletionTokens: 400, price: () => undefined, estimate: () => 0 });

    // Assess
    expect(build).toThrow(/judge model "acme-judge-1" has no price entry/);
  });

  describe('with a model priced by PRICING_OVERRIDES', () => {
    let standIns: JudgeStandIns;

    beforeAll(async () => {
      standIns = await startJudgeStandIns();
    });

    afterAll(async () => {
      await standIns.stop();
    });

    it('charges its calls, so the per-run spend cap stops the run', async () => {
      // Prepare
      const tables = await freshTables(standIns);
      await seedSamples(standIns, tables.samples, samplesScoring('acme', 20, 0.9, Date.now() - 600_000));
      const judge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_MODEL: UNPRICED_MODEL, PRICING_OVERRIDES: ACME_PRICES, JUDGE_MAX_SPEND_USD_PER_RUN: '0.002', JUDGE_CONCURRENCY: '2' }));
      const requestsBefore = judgeRequests(standIns).length;

      // Act
      const summary = await runJudge(judge.deps);

      // Assess
      expect(summary.stoppedBecause).toMatch(/per-run spend cap \(JUDGE_MAX_SPEND_USD_PER_RUN\)/);
      expect(summary.scored).toBeGreaterThan(0);
      expect(summary.scored).toBeLessThan(20);
      // 600 prompt and 60 completion tokens a call, at 1 and 2 USD per 1M tokens.
      expect(summary.costUsd).toBeCloseTo(summary.scored * 0.00072, 9);
      expect(judgeRequests(standIns).slice(requestsBefore).every((request) => request.body?.model === UNPRICED_MODEL)).toBe(true);
    });
  });
});
