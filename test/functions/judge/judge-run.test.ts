import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BudgetCounter } from '../../../functions/shared/budget/budget-counter';
import { runJudge } from '../../../functions/judge/judge-run';
import { SAMPLE_STATUS_INDEX, scoredStatus } from '../../../functions/judge/keys';
import { buildJudge, freshTables, judgeEnv, judgeRequests, putRawItem, readItem, samplesScoring, seedSamples, SERVICE, startJudgeStandIns, type JudgeStandIns } from './judge-harness';

let standIns: JudgeStandIns;

beforeAll(async () => {
  standIns = await startJudgeStandIns({ latencyMs: 20 });
});

afterAll(async () => {
  await standIns.stop();
});

beforeEach(() => {
  standIns.llm.requests.length = 0;
});

async function scoreItems(tableName: string, judgeVersion: string): Promise<Record<string, any>[]> {
  const { Items } = await standIns.dynamo.doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: SAMPLE_STATUS_INDEX,
      KeyConditionExpression: '#status = :partition',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':partition': scoredStatus(SERVICE, judgeVersion) },
    }),
  );
  return Items ?? [];
}

describe('runJudge over a backlog', () => {
  it('scores each sample exactly once when two runs overlap', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('overlap', 40, 0.9, Date.now() - 600_000));
    const first = buildJudge(standIns, judgeEnv(standIns, tables));
    const second = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    const [a, b] = await Promise.all([runJudge(first.deps), runJudge(second.deps)]);

    // Assess
    expect(a.scored + b.scored).toBe(40);
    expect(a.scored).toBeGreaterThan(0);
    expect(b.scored).toBeGreaterThan(0);
    expect(judgeRequests(standIns)).toHaveLength(40);
    const scores = await scoreItems(tables.samples, first.deps.version.id);
    expect(new Set(scores.map((score) => score.sampleId)).size).toBe(40);
    const sample = await readItem(standIns, tables.samples, 'overlap-007');
    expect(sample).toMatchObject({ status: `scored#${SERVICE}#${first.deps.version.id}`, score: 0.9, attempts: 1, judgement: { judgeVersion: first.deps.version.id } });
    expect(sample?.claimToken).toBeUndefined();
  });

  it('stores every score on its sample with its criteria, explanation, judge version and times', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const createdAt = Date.now() - 3_600_000;
    await seedSamples(standIns, tables.samples, samplesScoring('stored', 1, 0.75, createdAt));
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    await runJudge(judge.deps);

    // Assess
    const [score] = await scoreItems(tables.samples, judge.deps.version.id);
    expect(score).toMatchObject({
      sampleId: 'stored-000',
      model: 'gpt-4o-mini',
      promptTokens: 100,
      createdAt,
      score: 0.75,
      judgement: {
        overall: 0.75,
        criteria: { relevance: 0.75, correctness: 0.75, helpfulness: 0.75, safety: 0.75 },
        explanation: 'scored 0.75',
        judgeModel: 'gpt-4o-mini',
        rubricVersion: 'v2',
        rubricHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        judgeVersion: judge.deps.version.id,
        promptTokens: 600,
        completionTokens: 60,
        costUsd: expect.closeTo(600 * 0.15e-6 + 60 * 0.6e-6, 12),
      },
    });
    expect(score.judgement.scoredAt).toBeGreaterThanOrEqual(createdAt);
    const [request] = judgeRequests(standIns);
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'answer_quality', strict: true } });
  });

  it('re-claims a sample whose claim expired, and leaves a live claim alone', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const base = { question: 'What is the p99 alarm?', answer: 'It watches latency. quality=0.8', model: 'gpt-4o-mini', expiresAt: 2_000_000_000 };
    await putRawItem(standIns, tables.samples, { ...base, sampleId: 'crashed', status: 'claimed', claimToken: 'dead', leaseExpiresAt: Date.now() - 1000, attempts: 1, createdAt: Date.now() - 60_000 });
    await putRawItem(standIns, tables.samples, { ...base, sampleId: 'in-flight', status: 'claimed', claimToken: 'alive', leaseExpiresAt: Date.now() + 600_000, attempts: 1, createdAt: Date.now() - 50_000 });
    await putRawItem(standIns, tables.samples, { ...base, sampleId: 'crashed-thrice', status: 'claimed', claimToken: 'dead', leaseExpiresAt: Date.now() - 1000, attempts: 3, createdAt: Date.now() - 40_000 });
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ candidates: 2, scored: 1, markedFailed: 1 });
    expect(await readItem(standIns, tables.samples, 'crashed')).toMatchObject({ status: `scored#${SERVICE}#${judge.deps.version.id}`, score: 0.8, attempts: 2 });
    expect(await readItem(standIns, tables.samples, 'in-flight')).toMatchObject({ status: 'claimed', claimToken: 'alive' });
    expect((await readItem(standIns, tables.samples, 'crashed-thrice'))?.failureReason).toMatch(/claimed 3 times without a result/);
  });

  it('makes no provider call on an empty backlog', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(judgeRequests(standIns)).toHaveLength(0);
    expect(summary).toMatchObject({ candidates: 0, scored: 0, failures: 0, backlog: { pending: 0, oldestPendingAgeSeconds: 0 } });
  });

  it('stops at the per-run spend cap and leaves the rest pending', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('capped', 20, 0.9, Date.now() - 600_000));
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_MAX_SPEND_USD_PER_RUN: '0.001', JUDGE_CONCURRENCY: '2' }));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary.stoppedBecause).toMatch(/per-run spend cap \(JUDGE_MAX_SPEND_USD_PER_RUN\)/);
    expect(summary.scored).toBeGreaterThan(0);
    expect(summary.scored + summary.skipped).toBe(20);
    expect(summary.costUsd).toBeLessThanOrEqual(0.001);
    expect(judgeRequests(standIns)).toHaveLength(summary.scored);
    expect(summary.backlog?.pending).toBe(20 - summary.scored);
  });

  it('charges judge spend to the shared daily budget, source judge', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('charged', 5, 0.9, Date.now() - 600_000));
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    const budget = new BudgetCounter({ doc: standIns.dynamo.doc, tableName: tables.budget, service: SERVICE, limits: { dailyUsd: 100 } });
    expect(await budget.spentToday()).toBeCloseTo(summary.costUsd, 6);
    const day = new Date().toISOString().slice(0, 10);
    const { Item: counter } = await standIns.dynamo.doc.send(new GetCommand({ TableName: tables.budget, Key: { pk: `service#${SERVICE}#${day}` } }));
    expect(counter?.spent_judge).toBe(counter?.spent);
  });

  it('refuses to judge when the daily budget is spent, without losing an attempt', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('refused', 3, 0.9, Date.now() - 600_000));
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { DAILY_BUDGET_USD: '0' }));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(judgeRequests(standIns)).toHaveLength(0);
    expect(summary.stoppedBecause).toMatch(/daily budget refused judge spend: Budget exceeded/);
    expect(summary.backlog?.pending).toBe(3);
    expect(await readItem(standIns, tables.samples, 'refused-000')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('starts no judge call once the Lambda deadline has passed', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('late', 3, 0.9, Date.now() - 600_000));
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    const summary = await runJudge(judge.deps, Date.now() - 1);

    // Assess
    expect(summary).toMatchObject({ scored: 0, skipped: 3, stoppedBecause: 'the Lambda timeout is near', backlog: { pending: 3 } });
    expect(judgeRequests(standIns)).toHaveLength(0);
  });
});
