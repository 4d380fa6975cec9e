import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BudgetCounter, BudgetStoreUnavailableError } from '../../../../functions/shared/budget/budget-counter';
import { BudgetExceededError } from '../../../../functions/shared/errors/agent-errors';
import { LOCAL_AWS } from '../../../support/dynalite';
import { BudgetFixture, NOON, closedPortEndpoint } from './budget-fixture';

let fixture: BudgetFixture;

beforeAll(async () => {
  fixture = await BudgetFixture.start();
});

afterAll(async () => {
  await fixture.stop();
});

describe('BudgetCounter store failures', () => {
  let deadDoc: DynamoDBDocumentClient;
  let deadClient: DynamoDBClient;

  beforeAll(async () => {
    deadClient = new DynamoDBClient({ ...LOCAL_AWS, endpoint: await closedPortEndpoint(), maxAttempts: 1 });
    deadDoc = DynamoDBDocumentClient.from(deadClient);
  });

  afterAll(() => {
    deadClient.destroy();
  });

  it('fails open against a dead endpoint: the request is served and the error reported', async () => {
    // Prepare
    const counter = new BudgetCounter({ doc: deadDoc, tableName: 'budget', limits: { dailyUsd: 1 } });

    // Act
    const reservation = await counter.reserve({ requestId: 'r1', estimateUsd: 0.1 });
    const settled = await counter.settle(reservation, 0.1);

    // Assess
    expect(reservation).toMatchObject({ state: 'unavailable', softLimitExceeded: false });
    expect(reservation.storeError).toMatch(/ECONNREFUSED/);
    expect(settled).toEqual({ stored: false });
  });

  it('fails closed against a dead endpoint as budget_unavailable, never as budget_exceeded', async () => {
    // Prepare
    const counter = new BudgetCounter({ doc: deadDoc, tableName: 'budget', limits: { dailyUsd: 1 }, failMode: 'closed' });

    // Act
    const refusal = counter.reserve({ requestId: 'r1', estimateUsd: 0.1 });

    // Assess
    await expect(refusal).rejects.toThrow(BudgetStoreUnavailableError);
    await expect(refusal).rejects.toMatchObject({ category: 'budget_unavailable' });
    await expect(refusal).rejects.not.toBeInstanceOf(BudgetExceededError);
    await expect(refusal).rejects.toThrow(/budget store unavailable/i);
  });

  it('treats a missing table as a store failure in both modes', async () => {
    // Prepare
    const options = { doc: fixture.dynamo.doc, tableName: 'no-such-table', limits: { dailyUsd: 1 } };

    // Act
    const open = await new BudgetCounter(options).reserve({ requestId: 'r1', estimateUsd: 0.1 });
    const closed = new BudgetCounter({ ...options, failMode: 'closed' }).reserve({ requestId: 'r1', estimateUsd: 0.1 });

    // Assess
    expect(open.storeError).toMatch(/ResourceNotFoundException/);
    await expect(closed).rejects.toMatchObject({ category: 'budget_unavailable', storeError: expect.stringMatching(/ResourceNotFoundException/) });
  });

  it('never throws from settle when the store fails', async () => {
    // Prepare
    const { counter } = await fixture.newCounter();
    const reservation = await counter.reserve({ requestId: 'r1', estimateUsd: 0.1 });
    const broken = new BudgetCounter({ doc: deadDoc, tableName: 'budget', limits: { dailyUsd: 1 }, now: () => NOON });

    // Act
    const result = await broken.settle(reservation, 0.3);
    const invalid = await counter.settle(reservation, Number.NaN);

    // Assess
    expect(result.stored).toBe(false);
    expect(result.storeError).toMatch(/ECONNREFUSED/);
    expect(invalid).toMatchObject({ stored: false, storeError: expect.stringMatching(/actualUsd/) });
  });
});

describe('BudgetCounter validation', () => {
  const base = { doc: {} as DynamoDBDocumentClient, tableName: 'budget' };

  it.each([
    [{ dailyUsd: -1 }, /dailyUsd .*got -1/],
    [{ dailyUsd: Number.NaN }, /dailyUsd .*got NaN/],
    [{ dailyUsd: 1, userDailyUsd: -0.5 }, /userDailyUsd .*got -0.5/],
    [{ dailyUsd: 1, softThreshold: 0 }, /softThreshold .*\(0, 1\].*got 0/],
    [{ dailyUsd: 1, softThreshold: 1.2 }, /softThreshold .*got 1.2/],
  ])('rejects limits %p with a RangeError naming the field', (limits, message) => {
    // Act & Assess
    expect(() => new BudgetCounter({ ...base, limits })).toThrow(RangeError);
    expect(() => new BudgetCounter({ ...base, limits })).toThrow(message);
  });

  it('rejects a negative estimate', async () => {
    // Prepare
    const counter = new BudgetCounter({ ...base, limits: { dailyUsd: 1 } });

    // Act & Assess
    await expect(counter.reserve({ requestId: 'r1', estimateUsd: -0.1 })).rejects.toThrow(/estimateUsd .*got -0.1/);
  });
});
