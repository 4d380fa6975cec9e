import { BudgetCounter } from '../../../../functions/shared/budget/budget-counter';
import { BudgetExceededError } from '../../../../functions/shared/errors/agent-errors';
import { BudgetFixture, NOON } from './budget-fixture';

let fixture: BudgetFixture;
const newCounter: BudgetFixture['newCounter'] = (options) => fixture.newCounter(options);
const readItem: BudgetFixture['readItem'] = (tableName, pk) => fixture.readItem(tableName, pk);

beforeAll(async () => {
  fixture = await BudgetFixture.start();
});

afterAll(async () => {
  await fixture.stop();
});

describe('BudgetCounter reserve and settle', () => {
  it('reserves the estimate and settles to the actual cost in integer micro-USD', async () => {
    // Prepare
    const { counter, tableName } = await newCounter();

    // Act
    const first = await counter.reserve({ requestId: 'r1', estimateUsd: 0.1 });
    const second = await counter.reserve({ requestId: 'r2', estimateUsd: 0.2 });
    await counter.settle(first, 0.15);
    await counter.settle(second, 0.05);

    // Assess
    expect(first).toMatchObject({ id: 'r1', day: '2025-03-14', state: 'reserved', spentUsd: 0.1, utilization: 0.1 });
    expect(second.spentUsd).toBe(0.3);
    expect(await counter.spentToday()).toBe(0.2);
    const item = await readItem(tableName, 'service#agent#2025-03-14');
    expect(item).toMatchObject({ spent: 200_000, spent_agent: 200_000, day: '2025-03-14' });
  });

  it('settles an actual cost above the estimate without condition', async () => {
    // Prepare
    const { counter } = await newCounter();
    const reservation = await counter.reserve({ requestId: 'r1', estimateUsd: 0.9 });

    // Act
    const result = await counter.settle(reservation, 1.4);

    // Assess
    expect(result).toEqual({ stored: true });
    expect(await counter.spentToday()).toBe(1.4);
  });

  it('release gives the whole estimate back', async () => {
    // Prepare
    const { counter } = await newCounter();
    await counter.reserve({ requestId: 'kept', estimateUsd: 0.25 });
    const released = await counter.reserve({ requestId: 'released', estimateUsd: 0.5 });

    // Act
    const result = await counter.release(released);

    // Assess
    expect(result.stored).toBe(true);
    expect(await counter.spentToday()).toBe(0.25);
  });

  it('keeps agent and judge spend apart inside one shared total', async () => {
    // Prepare
    const { counter, tableName } = await newCounter({ service: 'shop' });
    const judge = new BudgetCounter({ doc: fixture.dynamo.doc, tableName, limits: { dailyUsd: 1 }, now: () => NOON, service: 'shop' });

    // Act
    await counter.reserve({ requestId: 'a', estimateUsd: 0.3 });
    await judge.reserve({ requestId: 'j', estimateUsd: 0.2, source: 'judge' });

    // Assess
    expect(await judge.spentToday()).toBe(0.5);
    expect(await readItem(tableName, 'service#shop#2025-03-14')).toMatchObject({ spent: 500_000, spent_agent: 300_000, spent_judge: 200_000 });
  });
});

describe('BudgetCounter hard limits', () => {
  it('refuses a reservation that would pass the service limit, naming it', async () => {
    // Prepare
    const { counter } = await newCounter();
    await counter.reserve({ requestId: 'r1', estimateUsd: 0.7 });

    // Act
    const refusal = counter.reserve({ requestId: 'r2', estimateUsd: 0.4 });

    // Assess
    await expect(refusal).rejects.toThrow(BudgetExceededError);
    await expect(refusal).rejects.toMatchObject({ scope: 'service', category: 'budget_exceeded' });
    await expect(refusal).rejects.toThrow(/service daily limit 1 USD/);
    expect(await counter.spentToday()).toBe(0.7);
  });

  it('accepts a reservation that lands exactly on the limit', async () => {
    // Prepare
    const { counter } = await newCounter();
    await counter.reserve({ requestId: 'r1', estimateUsd: 0.6 });

    // Act
    const reservation = await counter.reserve({ requestId: 'r2', estimateUsd: 0.4 });

    // Assess
    expect(reservation).toMatchObject({ state: 'reserved', spentUsd: 1, utilization: 1 });
  });

  it('refuses an estimate of 0 once the limit is reached', async () => {
    // Prepare
    const { counter } = await newCounter();
    await counter.reserve({ requestId: 'r1', estimateUsd: 1 });

    // Act
    const refusal = counter.reserve({ requestId: 'r2', estimateUsd: 0 });

    // Assess
    await expect(refusal).rejects.toMatchObject({ scope: 'service' });
  });

  it('refuses everything under a limit of 0 and an estimate above the limit', async () => {
    // Prepare
    const { counter: zero } = await newCounter({ limits: { dailyUsd: 0 } });
    const { counter } = await newCounter();

    // Act & Assess
    await expect(zero.reserve({ requestId: 'r1', estimateUsd: 0 })).rejects.toThrow(BudgetExceededError);
    await expect(counter.reserve({ requestId: 'r2', estimateUsd: 1.5 })).rejects.toThrow(BudgetExceededError);
    expect(await counter.spentToday()).toBe(0);
  });

  it('refuses at the user limit and rolls the service reservation back', async () => {
    // Prepare
    const { counter, tableName } = await newCounter({ limits: { dailyUsd: 10, userDailyUsd: 0.5 } });
    await counter.reserve({ requestId: 'r1', userId: 'u-1', estimateUsd: 0.4 });
    await counter.reserve({ requestId: 'r2', userId: 'u-2', estimateUsd: 0.4 });

    // Act
    const refusal = counter.reserve({ requestId: 'r3', userId: 'u-1', estimateUsd: 0.2 });

    // Assess
    await expect(refusal).rejects.toMatchObject({ scope: 'user' });
    await expect(refusal).rejects.toThrow(/user u-1 daily limit 0.5 USD/);
    expect((await readItem(tableName, 'service#agent#2025-03-14'))?.spent).toBe(800_000);
    expect((await readItem(tableName, 'user#agent#u-1#2025-03-14'))?.spent).toBe(400_000);
    expect(await counter.spentToday('u-2')).toBe(0.4);
  });

  it('settles the user counter with the service counter', async () => {
    // Prepare
    const { counter } = await newCounter({ limits: { dailyUsd: 10, userDailyUsd: 1 } });
    const reservation = await counter.reserve({ requestId: 'r1', userId: 'u-1', estimateUsd: 0.5 });

    // Act
    await counter.settle(reservation, 0.2);

    // Assess
    expect(reservation).toMatchObject({ userCounted: true, userSpentUsd: 0.5 });
    expect(await counter.spentToday('u-1')).toBe(0.2);
    expect(await counter.spentToday()).toBe(0.2);
  });

  it('lets exactly as many of 50 parallel reservations pass as the limit allows', async () => {
    // Prepare
    const { counter } = await newCounter({ limits: { dailyUsd: 1 } });
    const requests = Array.from({ length: 50 }, (_, i) => counter.reserve({ requestId: `r${i}`, estimateUsd: 0.03 }));

    // Act
    const outcomes = await Promise.allSettled(requests);

    // Assess
    const passed = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof BudgetExceededError);
    expect(passed).toHaveLength(33);
    expect(refused).toHaveLength(17);
    expect(await counter.spentToday()).toBe(0.99);
  });
});

describe('BudgetCounter days, TTL and soft threshold', () => {
  it('starts a new counter when the UTC day rolls over, and settles on the reserved day', async () => {
    // Prepare
    let now = Date.parse('2025-03-14T23:59:59Z');
    const { counter, tableName } = await newCounter({ now: () => now });
    const late = await counter.reserve({ requestId: 'late', estimateUsd: 0.9 });

    // Act
    now = Date.parse('2025-03-15T00:00:01Z');
    const early = await counter.reserve({ requestId: 'early', estimateUsd: 0.9 });
    await counter.settle(late, 0.5);

    // Assess
    expect(early).toMatchObject({ day: '2025-03-15', spentUsd: 0.9 });
    expect((await readItem(tableName, 'service#agent#2025-03-14'))?.spent).toBe(500_000);
    expect(await counter.spentToday()).toBe(0.9);
  });

  it('writes an expiresAt TTL in epoch seconds a few days after the counted day', async () => {
    // Prepare
    const { counter, tableName } = await newCounter({ limits: { dailyUsd: 1, userDailyUsd: 1 } });

    // Act
    await counter.reserve({ requestId: 'r1', userId: 'u-1', estimateUsd: 0.1 });

    // Assess
    const expected = Date.parse('2025-03-18T00:00:00Z') / 1000;
    expect((await readItem(tableName, 'service#agent#2025-03-14'))?.expiresAt).toBe(expected);
    expect((await readItem(tableName, 'user#agent#u-1#2025-03-14'))?.expiresAt).toBe(expected);
  });

  it('flags the soft threshold once spend reaches it', async () => {
    // Prepare
    const { counter } = await newCounter({ limits: { dailyUsd: 1, softThreshold: 0.5 } });

    // Act
    const below = await counter.reserve({ requestId: 'r1', estimateUsd: 0.4 });
    const at = await counter.reserve({ requestId: 'r2', estimateUsd: 0.1 });

    // Assess
    expect(below.softLimitExceeded).toBe(false);
    expect(at).toMatchObject({ softLimitExceeded: true, utilization: 0.5 });
  });

  it('flags the soft threshold on the user counter too', async () => {
    // Prepare
    const { counter } = await newCounter({ limits: { dailyUsd: 100, userDailyUsd: 1 } });

    // Act
    const reservation = await counter.reserve({ requestId: 'r1', userId: 'u-1', estimateUsd: 0.85 });

    // Assess
    expect(reservation).toMatchObject({ softLimitExceeded: true, utilization: 0.0085 });
  });
});
