import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import { BUDGET_TABLE, SAMPLES_TABLE, type TableLayout } from '../../lib/catalog/tables';
import { BusyTime } from './busy-time';
import { createTableInput, enableTimeToLive, LOCAL_AWS } from './embedded-dynamodb';

/** dynalite's engine: its in-memory LevelDB store, its request validations and its actions (it ships no types). */
interface DynaliteStore {
  readonly db: { close(callback: (error?: Error) => void): void };
}
interface DynaliteError {
  readonly statusCode?: number;
  readonly body?: unknown;
}
type DynaliteAction = (store: DynaliteStore, data: unknown, callback: (error: DynaliteError | null, output?: unknown) => void) => void;
interface DynaliteValidation {
  readonly types: unknown;
  readonly custom?: unknown;
}
interface DynaliteValidations {
  checkTypes(data: unknown, types: unknown): unknown;
  checkValidations(data: unknown, types: unknown, custom: unknown, store: DynaliteStore): void;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const dynaliteDb = require('dynalite/db') as { create(options: Record<string, number>): DynaliteStore };
const dynaliteValidations = require('dynalite/validations') as DynaliteValidations;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The operations the kit's code sends (the agent's capture and budget, the judge's claims and scores), and table set-up. */
const OPERATIONS = ['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'CreateTable', 'DescribeTable'] as const;
const API_VERSION = 'DynamoDB_20120810';
const TABLE_ACTIVE_POLLS = 1000;

/**
 * The DynamoDB client's HTTP handler, answered by dynalite's engine in this process: the SDK
 * builds, serializes and parses every request exactly as it does for the service (the same
 * commands, marshalling, retries and error types), and where it would write the request to a
 * socket this handler hands its JSON to dynalite's own validations and actions (its
 * conditional writes, expressions and indexes over its in-memory LevelDB), as dynalite's HTTP
 * server would. No socket, HTTP parser or signature is involved: for the simulator, which
 * sends a day's sample captures, claims and scores (about 130,000 requests at 10 requests/s
 * and SAMPLE_RATE 0.05) one after another, the HTTP round trip was more than half the cost of
 * each (a PutItem measured 2.2 ms over HTTP, 0.9 ms in process).
 *
 * @example
 * const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: 'http://dynalite.in-process', requestHandler: new DynaliteRequestHandler(store) });
 */
export class DynaliteRequestHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  /** Requests answered. */
  requests = 0;
  /** Real time with at least one request inside dynalite's validations and actions. */
  readonly engine = new BusyTime();
  readonly #actions = new Map<string, { action: DynaliteAction; validation: DynaliteValidation }>();

  constructor(private readonly store: DynaliteStore) {
    for (const operation of OPERATIONS) {
      const name = operation[0].toLowerCase() + operation.slice(1);
      /* eslint-disable @typescript-eslint/no-require-imports */
      const action = require(`dynalite/actions/${name}`) as DynaliteAction;
      const validation = require(`dynalite/validations/${name}`) as DynaliteValidation;
      /* eslint-enable @typescript-eslint/no-require-imports */
      this.#actions.set(operation, { action, validation });
    }
  }

  /** Answers one serialized DynamoDB request as dynalite's server would: its output, or its error body and status. */
  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    this.engine.begin();
    try {
      return await this.#answer(request);
    } finally {
      this.requests++;
      this.engine.end();
    }
  }

  async #answer(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const [api, operation] = String(request.headers['x-amz-target'] ?? '').split('.');
    const entry = api === API_VERSION ? this.#actions.get(operation) : undefined;
    if (!entry) return { response: reply(400, { __type: 'com.amazon.coral.service#UnknownOperationException', message: `the in-process dynalite does not serve ${operation ?? request.headers['x-amz-target']}` }) };
    let data: unknown;
    try {
      data = JSON.parse(bodyText(request.body));
    } catch {
      return { response: reply(400, { __type: 'com.amazon.coral.service#SerializationException' }) };
    }
    try {
      data = dynaliteValidations.checkTypes(data, entry.validation.types);
      dynaliteValidations.checkValidations(data, entry.validation.types, entry.validation.custom, this.store);
    } catch (error) {
      const refusal = error as DynaliteError;
      if (refusal.statusCode) return { response: reply(refusal.statusCode, refusal.body) };
      throw error;
    }
    return new Promise((resolve, reject) => {
      entry.action(this.store, data, (error, output) => {
        if (error?.statusCode) resolve({ response: reply(error.statusCode, error.body) });
        else if (error) reject(error as Error);
        else resolve({ response: reply(200, output) });
      });
    });
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

/** Where the real time of a run's DynamoDB requests went (overlapping requests counted once). */
export interface DynamoWork {
  readonly requests: number;
  /** Time with at least one command between its send and its result: the SDK's work plus the engine's. */
  readonly sendMs: number;
  /** Time with at least one request in dynalite's validations and actions (its expression parser, conditions, indexes and LevelDB). */
  readonly engineMs: number;
}

/** dynalite's engine in this process and clients that reach it through DynaliteRequestHandler. */
export interface InProcessDynamo {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** The requests sent so far and their time. */
  work(): DynamoWork;
  /** Creates the named tables from the catalog layouts (BUDGET_TABLE, SAMPLES_TABLE), and waits until they are ACTIVE. */
  createTables(names: { budget?: string; samples?: string }): Promise<void>;
  /** Destroys the clients and closes the store. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite's engine in this process, with no server: the clients it returns send every
 * request through DynaliteRequestHandler.
 *
 * @example
 * const dynamo = await startInProcessDynalite();
 * await dynamo.createTables({ samples: 'samples' });
 * await dynamo.doc.send(new PutCommand({ TableName: 'samples', Item: { sampleId: 's-1' } }));
 * await dynamo.stop();
 */
export async function startInProcessDynalite(): Promise<InProcessDynamo> {
  const store = dynaliteDb.create({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // Unsigned: nothing checks a signature in this process, and SigV4 (a SHA-256 of every body
  // and four HMACs) cost about 0.18 ms of the SDK's 0.55 ms per request here.
  const signer = { sign: async <T>(request: T) => request };
  const handler = new DynaliteRequestHandler(store);
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: 'http://dynalite.in-process', requestHandler: handler, signer });
  const sending = new BusyTime();
  client.middlewareStack.add(
    (next) => async (args) => {
      sending.begin();
      try {
        return await next(args);
      } finally {
        sending.end();
      }
    },
    { step: 'initialize', priority: 'high', name: 'inProcessDynaliteTiming' },
  );
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const createTable = async (tableName: string, layout: TableLayout) => {
    await client.send(new CreateTableCommand(createTableInput(tableName, layout)));
    await untilActive(client, tableName);
    await enableTimeToLive(client, tableName, layout.ttlAttribute);
  };
  return {
    client,
    doc,
    work: () => ({ requests: handler.requests, sendMs: sending.ms, engineMs: handler.engine.ms }),
    async createTables(names) {
      if (names.budget) await createTable(names.budget, BUDGET_TABLE);
      if (names.samples) await createTable(names.samples, SAMPLES_TABLE);
    },
    async stop() {
      doc.destroy();
      await new Promise<void>((resolve, reject) => store.db.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** dynalite makes a new table ACTIVE on a timer (createTableMs, 0 here): until then it refuses the table's items. */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let poll = 0; poll < TABLE_ACTIVE_POLLS; poll++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`the in-process dynalite's table ${tableName} did not become ACTIVE`);
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return '';
}

let requests = 0;

function reply(statusCode: number, body: unknown): HttpResponse {
  const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `in-process-${++requests}` };
  return new HttpResponse({ statusCode, headers, body: Buffer.from(JSON.stringify(body ?? {})) });
}
