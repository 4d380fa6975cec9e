import { BudgetCounter } from '../../../functions/shared/budget/budget-counter';
import { BudgetExceededError } from '../../../functions/shared/errors/agent-errors';
import { JudgeBudget } from '../../../functions/judge/judge-budget';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

let dynamo: LocalDynamo;
let tableCount = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

async function counter(dailyUsd: number): Promise<BudgetCounter> {
  const tableName = `judge-budget-${++tableCount}`;
  await dynamo.createTables({ budget: tableName });
  return new BudgetCounter({ doc: dynamo.doc, tableName, service: 'judge-test', limits: { dailyUsd } });
}

describe('JudgeBudget', () => {
  it('reserves a block for several samples and settles it to the actual spend', async () => {
    // Prepare
    const budget = await counter(10);
    const judgeBudget = new JudgeBudget(budget, 'run-1', 8);

    // Act
    await Promise.all([0, 1, 2].map(() => judgeBudget.acquire(0.01)));
    const whileRunning = await budget.spentToday();
    for (let call = 0; call < 3; call++) judgeBudget.spend(0.01, 0.004);
    await judgeBudget.close();

    // Assess
    expect(whileRunning).toBeCloseTo(0.08, 9);
    expect(await budget.spentToday()).toBeCloseTo(0.012, 9);
  });

  it('reserves again when a block is used up, and charges an overspend', async () => {
    // Prepare
    const budget = await counter(10);
    const judgeBudget = new JudgeBudget(budget, 'run-2', 2);

    // Act
    for (let call = 0; call < 3; call++) {
      await judgeBudget.acquire(0.01);
      judgeBudget.spend(0.01, 0.015);
    }
    await judgeBudget.close();

    // Assess
    expect(await budget.spentToday()).toBeCloseTo(0.045, 9);
  });

  it('falls back to one estimate when a whole block no longer fits the daily limit', async () => {
    // Prepare
    const budget = await counter(0.05);
    const judgeBudget = new JudgeBudget(budget, 'run-3', 8);

    // Act
    await judgeBudget.acquire(0.01);
    judgeBudget.spend(0.01, 0.01);
    await judgeBudget.close();

    // Assess
    expect(await budget.spentToday()).toBeCloseTo(0.01, 9);
  });

  it('refuses when the daily budget cannot cover one estimate', async () => {
    // Prepare
    const judgeBudget = new JudgeBudget(await counter(0.005), 'run-4', 8);

    // Act
    const acquire = judgeBudget.acquire(0.01);

    // Assess
    await expect(acquire).rejects.toThrow(BudgetExceededError);
    await expect(judgeBudget.acquire(0.01)).rejects.toThrow(/Budget exceeded: service daily limit 0.005 USD/);
  });
});
