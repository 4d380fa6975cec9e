import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BUDGET_TABLE, SAMPLES_TABLE, type KeyAttribute, type TableLayout } from '../../lib/catalog/tables';

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;
// dynalite ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as DynaliteFactory;

/** Region and credentials dynalite accepts (it checks neither). */
export const LOCAL_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

/** A running in-process dynalite and clients pointed at it. */
export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** Creates the named tables from the catalog layouts (BUDGET_TABLE, SAMPLES_TABLE). */
  createTables(names: { budget?: string; samples?: string }): Promise<void>;
  /** Destroys the client and closes the server. */
  stop(): Promise<void>;
}

/**
 * Turns a catalog layout into a CreateTable request: on-demand billing, every index
 * projecting ALL attributes.
 */
export function createTableInput(tableName: string, layout: TableLayout): CreateTableCommandInput {
  const keys = (partitionKey: KeyAttribute, sortKey?: KeyAttribute) => [
    { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
  const attributes = new Map<string, KeyAttribute>();
  for (const key of [layout.partitionKey, layout.sortKey, ...layout.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    if (key) attributes.set(key.name, key);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()].map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keys(layout.partitionKey, layout.sortKey),
    ...(layout.indexes.length > 0 && {
      GlobalSecondaryIndexes: layout.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keys(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' as const },
      })),
    }),
  };
}

/**
 * Starts dynalite in-process on 127.0.0.1 (a free port) with a client for it.
 *
 * @example
 * const dynamo = await startDynalite();
 * await dynamo.createTables({ budget: 'budget-test' });
 * // ...
 * await dynamo.stop();
 */
export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const doc = DynamoDBDocumentClient.from(client);

  async function createTable(tableName: string, layout: TableLayout): Promise<void> {
    await client.send(new CreateTableCommand(createTableInput(tableName, layout)));
    await enableTimeToLive(client, tableName, layout.ttlAttribute);
  }

  return {
    endpoint,
    client,
    doc,
    async createTables(names) {
      if (names.budget) await createTable(names.budget, BUDGET_TABLE);
      if (names.samples) await createTable(names.samples, SAMPLES_TABLE);
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * dynalite 4 does not implement UpdateTimeToLive (it answers UnknownOperationException and
 * never expires items), so the call is made for fidelity and that one refusal is tolerated.
 */
export async function enableTimeToLive(client: DynamoDBClient, tableName: string, attributeName: string): Promise<void> {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'UnknownOperationException') throw error;
  }
}
