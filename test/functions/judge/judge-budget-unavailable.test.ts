import { runJudge } from '../../../functions/judge/judge-run';
import { buildJudge, freshTables, judgeEnv, judgeRequests, readItem, samplesScoring, seedSamples, startJudgeStandIns, type JudgeStandIns } from './judge-harness';

let standIns: JudgeStandIns;

beforeAll(async () => {
  standIns = await startJudgeStandIns();
});

afterAll(async () => {
  await standIns.stop();
});

describe('runJudge when the budget store fails and BUDGET_FAIL_MODE is closed', () => {
  it('stops the run before any judge call and gives every sample back untouched', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('store-down', 3, 0.9, Date.now() - 600_000));
    const judge = buildJudge(standIns, judgeEnv(standIns, { ...tables, budget: 'no-such-budget-table' }, { BUDGET_FAIL_MODE: 'closed' }));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(judgeRequests(standIns)).toHaveLength(0);
    expect(summary.stoppedBecause).toMatch(/daily budget refused judge spend: budget store unavailable/);
    expect(summary.failures).toBe(0);
    expect(await readItem(standIns, tables.samples, 'store-down-000')).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
