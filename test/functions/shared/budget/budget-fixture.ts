import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { BudgetCounter, type BudgetCounterOptions, type BudgetItem } from '../../../../functions/shared/budget/budget-counter';
import { startDynalite, type LocalDynamo } from '../../../support/dynalite';

/** Noon UTC on the day most budget tests count. */
export const NOON = Date.parse('2025-03-14T12:00:00Z');

/** One dynalite per test file, with a fresh budget table per counter. */
export class BudgetFixture {
  private tableCount = 0;

  private constructor(readonly dynamo: LocalDynamo) {}

  static async start(): Promise<BudgetFixture> {
    return new BudgetFixture(await startDynalite());
  }

  /** A counter over a new table; 1 USD a day, soft threshold 0.8, the clock at NOON unless overridden. */
  async newCounter(options: Partial<BudgetCounterOptions> = {}): Promise<{ counter: BudgetCounter; tableName: string }> {
    const tableName = `budget-${++this.tableCount}`;
    await this.dynamo.createTables({ budget: tableName });
    const counter = new BudgetCounter({
      doc: this.dynamo.doc,
      tableName,
      limits: { dailyUsd: 1, softThreshold: 0.8 },
      now: () => NOON,
      ...options,
    });
    return { counter, tableName };
  }

  async readItem(tableName: string, pk: string): Promise<BudgetItem | undefined> {
    const { Item } = await this.dynamo.doc.send(new GetCommand({ TableName: tableName, Key: { pk }, ConsistentRead: true }));
    return Item as BudgetItem | undefined;
  }

  async stop(): Promise<void> {
    await this.dynamo.stop();
  }
}

/** An endpoint nothing listens on (a port just released). */
export async function closedPortEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
