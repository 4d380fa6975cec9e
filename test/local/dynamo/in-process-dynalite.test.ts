import { ConditionalCheckFailedException, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startInProcessDynalite, type InProcessDynamo } from '../../../local/dynamo/in-process-dynalite';
import { SAMPLE_STATUS_INDEX } from '../../../lib/catalog/tables';

let dynamo: InProcessDynamo;

beforeAll(async () => {
  dynamo = await startInProcessDynalite();
  await dynamo.createTables({ samples: 'samples', budget: 'budget' });
});

afterAll(async () => {
  await dynamo.stop();
});

describe('dynalite in process, through the real DynamoDB client', () => {
  it('refuses a conditional write that fails its condition with the SDK error type', async () => {
    // Prepare
    const put = () => dynamo.doc.send(new PutCommand({ TableName: 'samples', Item: { sampleId: 'once', status: 'pending', createdAt: 1 }, ConditionExpression: 'attribute_not_exists(sampleId)' }));
    await put();

    // Act
    const second = put();

    // Assess
    await expect(second).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('answers a query on the status index in createdAt order', async () => {
    // Prepare
    for (const [sampleId, createdAt] of [['late', 30], ['early', 10], ['middle', 20]] as const) {
      await dynamo.doc.send(new PutCommand({ TableName: 'samples', Item: { sampleId, status: 'queued', createdAt } }));
    }

    // Act
    const { Items } = await dynamo.doc.send(
      new QueryCommand({ TableName: 'samples', IndexName: SAMPLE_STATUS_INDEX, KeyConditionExpression: '#status = :queued', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':queued': 'queued' } }),
    );

    // Assess
    expect(Items?.map((item) => item.sampleId)).toEqual(['early', 'middle', 'late']);
  });

  it('applies an update expression and returns the new values', async () => {
    // Prepare
    const add = () => dynamo.doc.send(new UpdateCommand({ TableName: 'budget', Key: { pk: 'day#2026-12-01' }, UpdateExpression: 'ADD spentUsd :usd', ExpressionAttributeValues: { ':usd': 0.25 }, ReturnValues: 'ALL_NEW' }));
    await add();

    // Act
    const { Attributes } = await add();
    const { Item } = await dynamo.doc.send(new GetCommand({ TableName: 'budget', Key: { pk: 'day#2026-12-01' } }));

    // Assess
    expect(Attributes?.spentUsd).toBe(0.5);
    expect(Item?.spentUsd).toBe(0.5);
  });

  it("refuses an invalid request with dynalite's ValidationException message", async () => {
    // Act
    const missingKey = dynamo.doc.send(new PutCommand({ TableName: 'samples', Item: { status: 'pending' } }));

    // Assess
    await expect(missingKey).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('Missing the key sampleId') });
  });

  it('names an operation it does not serve', async () => {
    // Act
    const listing = dynamo.client.send(new ListTablesCommand({}));

    // Assess
    await expect(listing).rejects.toMatchObject({ name: 'UnknownOperationException', message: expect.stringContaining('does not serve ListTables') });
  });

  it('accounts for every request it answered and its time', async () => {
    // Prepare
    const before = dynamo.work();

    // Act
    for (let i = 0; i < 3; i++) await dynamo.doc.send(new GetCommand({ TableName: 'budget', Key: { pk: `day#${i}` } }));
    const after = dynamo.work();

    // Assess
    expect(after.requests - before.requests).toBe(3);
    expect(after.engineMs).toBeGreaterThan(before.engineMs);
    expect(after.sendMs - before.sendMs).toBeGreaterThan(after.engineMs - before.engineMs);
  });
});
