import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { runJudge } from '../../../functions/judge/judge-run';
import type { FakeReply } from '../../../local/llm/simulated-openai-server';
import { metricPoints } from '../../support/aws-stand-ins-judge';
import { buildJudge, capturedSample, freshTables, judgeEnv, readItem, seedSamples, startJudgeStandIns, type JudgeStandIns } from './judge-harness';

const VERDICT = JSON.stringify({ explanation: 'fine', relevance: 0.8, correctness: 0.8, helpfulness: 0.8, safety: 0.8 });
/** The budget counter holds whole micro-USD. */
const MICRO_USD_DIGITS = 5;

let standIns: JudgeStandIns;

beforeAll(async () => {
  standIns = await startJudgeStandIns();
});

afterAll(async () => {
  await standIns.stop();
});

/** Judges one sample whose judge call gets `reply`; returns what the budget counter, the run and its metric hold, and the call's worst case. */
async function judgeOneSampleAnswered(reply: FakeReply) {
  const tables = await freshTables(standIns);
  const sample = capturedSample('charge-0', 'An answer.', Date.now() - 60_000);
  await seedSamples(standIns, tables.samples, [sample]);
  const judge = buildJudge(standIns, judgeEnv(standIns, tables));
  const worstCaseUsd = judge.deps.judge.estimateUsd(sample);
  const metricCalls = standIns.aws.cloudwatch.calls.length;
  standIns.llm.enqueue(reply);

  const summary = await runJudge(judge.deps);

  const points = metricPoints(standIns.aws.cloudwatch.calls.slice(metricCalls));
  return {
    summary,
    worstCaseUsd,
    budgetUsd: await judge.deps.budget.spentToday(),
    costMetric: points.find((point) => point.name === JUDGE_METRICS.costUsd.name)?.value,
    stored: await readItem(standIns, tables.samples, sample.sampleId),
    warnings: judge.logs.filter((log) => log.level === 'warn' && log.message === 'judge reply charged to the budget conservatively'),
  };
}

describe('the judge charges every reply to the daily budget, none for free (dynalite, simulated provider)', () => {
  it('charges a reply without usage its call\'s worst case, in the budget counter and agent.judge.cost.usd', async () => {
    // Act
    const run = await judgeOneSampleAnswered({ kind: 'completion', content: VERDICT, usage: null });

    // Assess
    expect(run.summary.scored).toBe(1);
    expect(run.worstCaseUsd).toBeGreaterThan(0);
    expect(run.budgetUsd).toBeCloseTo(run.worstCaseUsd, MICRO_USD_DIGITS);
    expect(run.summary.costUsd).toBeCloseTo(run.worstCaseUsd, 10);
    expect(run.costMetric).toBeCloseTo(run.worstCaseUsd, 10);
    expect(run.stored?.judgement).toMatchObject({ promptTokens: 0, completionTokens: 0 });
    expect(run.warnings).toEqual([expect.objectContaining({ extra: expect.objectContaining({ reason: expect.stringMatching(/no usable usage/) }) })]);
  });

  it('treats a usage figure no call could produce as unmeasured: charged its worst case, never the absurd figure', async () => {
    // Act: 1e9 completion tokens would price at 600 USD.
    const run = await judgeOneSampleAnswered({ kind: 'completion', content: VERDICT, usage: { promptTokens: 600, completionTokens: 1e9 } });

    // Assess
    expect(run.summary.scored).toBe(1);
    expect(run.budgetUsd).toBeCloseTo(run.worstCaseUsd, MICRO_USD_DIGITS);
    expect(run.costMetric).toBeCloseTo(run.worstCaseUsd, 10);
    expect(run.stored?.judgement).toMatchObject({ promptTokens: 0, completionTokens: 0, costUsd: run.summary.costUsd });
  });

  it('charges a reply under a model name missing from the price table no less than its call\'s worst case', async () => {
    // Act: a proxy answering under its own name, with a tiny usage.
    const run = await judgeOneSampleAnswered({ kind: 'completion', content: VERDICT, model: 'proxy/judge-2027', usage: { promptTokens: 10, completionTokens: 2 } });

    // Assess
    expect(run.summary.scored).toBe(1);
    expect(run.budgetUsd).toBeCloseTo(run.worstCaseUsd, MICRO_USD_DIGITS);
    expect(run.costMetric).toBeCloseTo(run.worstCaseUsd, 10);
    expect(run.stored?.judgement).toMatchObject({ promptTokens: 10, completionTokens: 2 });
    expect(run.warnings).toEqual([expect.objectContaining({ extra: expect.objectContaining({ model: 'proxy/judge-2027', reason: 'the model has no price entry' }) })]);
  });
});
