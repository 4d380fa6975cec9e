import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  SampleStore,
  type CapturedSample,
  type SampleItem,
} from '../../../../functions/shared/capture/sample-store';
import { Pseudonymizer } from '../../../../functions/shared/capture/pseudonym';
import { startDynalite, type LocalDynamo } from '../../../support/dynalite';

const NOW = Date.parse('2025-03-14T12:00:00Z');
const PSEUDONYM_KEY = 'k'.repeat(32);
let dynamo: LocalDynamo;
let tableCount = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

async function newStore(ttlDays?: number): Promise<{ store: SampleStore; tableName: string }> {
  const tableName = `samples-${++tableCount}`;
  await dynamo.createTables({ samples: tableName });
  const pseudonyms = Pseudonymizer.withKey(PSEUDONYM_KEY);
  return { store: new SampleStore({ doc: dynamo.doc, tableName, now: () => NOW, ttlDays, pseudonyms }), tableName };
}

function sample(overrides: Partial<CapturedSample> = {}): CapturedSample {
  return {
    sampleId: 'req-1',
    question: 'My e-mail is jane@example.com, call me on +44 20 7946 0958.',
    answer: 'Noted. Your key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t is now stored.',
    model: 'gpt-4o-mini',
    userId: 'user-42',
    promptTokens: 120,
    completionTokens: 30,
    costUsd: 0.000036,
    latencyMs: 850,
    toolCalls: ['search', 'calculator'],
    ...overrides,
  };
}

async function readItem(tableName: string, sampleId: string): Promise<SampleItem | undefined> {
  const { Item } = await dynamo.doc.send(new GetCommand({ TableName: tableName, Key: { sampleId }, ConsistentRead: true }));
  return Item as SampleItem | undefined;
}

describe('SampleStore.putPending', () => {
  it('writes redacted text, a pseudonymous user id, status pending, createdAt and a TTL', async () => {
    // Prepare
    const { store, tableName } = await newStore(7);

    // Act
    const written = await store.putPending(sample());

    // Assess
    expect(written).toBe(true);
    expect(await readItem(tableName, 'req-1')).toEqual({
      sampleId: 'req-1',
      status: 'pending',
      question: 'My e-mail is [REDACTED_EMAIL], call me on [REDACTED_PHONE].',
      answer: 'Noted. Your key [REDACTED_KEY] is now stored.',
      model: 'gpt-4o-mini',
      userId: 'user_0678d91457b0f49dc40e0367c349d5dd',
      promptTokens: 120,
      completionTokens: 30,
      costUsd: 0.000036,
      latencyMs: 850,
      toolCalls: ['search', 'calculator'],
      createdAt: NOW,
      expiresAt: NOW / 1000 + 7 * 86_400,
    });
  });

  it('defaults the TTL to 30 days and keeps a given createdAt', async () => {
    // Prepare
    const { store, tableName } = await newStore();

    // Act
    await store.putPending(sample({ createdAt: NOW - 5_000, sessionId: 's-1', feature: 'faq' }));

    // Assess
    expect(await readItem(tableName, 'req-1')).toMatchObject({
      createdAt: NOW - 5_000,
      expiresAt: NOW / 1000 + 30 * 86_400,
      sessionId: 'session_1c59e5398ffb1fd1397dd90e096e0ba3',
      feature: 'faq',
    });
  });

  it('pseudonymizes an e-mail address given as user id, and redacts personal data in the feature', async () => {
    // Prepare
    const { store, tableName } = await newStore();

    // Act
    await store.putPending(sample({ userId: 'jane@example.com', sessionId: 'jane@example.com', feature: 'support for jane@example.com' }));

    // Assess
    const item = await readItem(tableName, 'req-1');
    expect(JSON.stringify(item)).not.toContain('jane@example.com');
    expect(item).toMatchObject({
      userId: await Pseudonymizer.withKey(PSEUDONYM_KEY).pseudonymize('user', 'jane@example.com'),
      sessionId: expect.stringMatching(/^session_[0-9a-f]{32}$/),
      feature: 'support for [REDACTED_EMAIL]',
    });
  });

  it('never stores raw ids, even when no key is given (a random key of this process)', async () => {
    // Prepare
    const tableName = `samples-${++tableCount}`;
    await dynamo.createTables({ samples: tableName });
    const store = new SampleStore({ doc: dynamo.doc, tableName });

    // Act
    await store.putPending(sample({ sampleId: 'a', userId: 'user-42' }));
    await store.putPending(sample({ sampleId: 'b', userId: 'user-42' }));

    // Assess
    const [a, b] = [await readItem(tableName, 'a'), await readItem(tableName, 'b')];
    expect(a?.userId).toMatch(/^user_[0-9a-f]{32}$/);
    expect(b?.userId).toBe(a?.userId);
  });

  it('ignores a duplicate put: the first write wins and no error is thrown', async () => {
    // Prepare
    const { store, tableName } = await newStore();
    await store.putPending(sample({ answer: 'first answer' }));

    // Act
    const written = await store.putPending(sample({ answer: 'retried answer' }));

    // Assess
    expect(written).toBe(false);
    expect((await readItem(tableName, 'req-1'))?.answer).toBe('first answer');
  });

  it('throws other store errors, e.g. a missing table', async () => {
    // Prepare
    const store = new SampleStore({ doc: dynamo.doc, tableName: 'no-such-table' });

    // Act & Assess
    await expect(store.putPending(sample())).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('SampleStore.listPending', () => {
  it('returns pending samples oldest first and leaves out the others', async () => {
    // Prepare
    const { store, tableName } = await newStore();
    for (const [sampleId, age] of [['b', 2_000], ['a', 3_000], ['c', 1_000], ['scored', 4_000]] as const) {
      await store.putPending(sample({ sampleId, createdAt: NOW - age }));
    }
    await dynamo.doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { sampleId: 'scored' },
        UpdateExpression: 'SET #status = :scored',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':scored': 'scored' },
      }),
    );

    // Act
    const pending = await store.listPending(10);

    // Assess
    expect(pending.map((item) => item.sampleId)).toEqual(['a', 'b', 'c']);
    expect(pending[0]).toMatchObject({ status: 'pending', question: expect.stringContaining('[REDACTED_EMAIL]') });
  });

  it('honours the limit and olderThan', async () => {
    // Prepare
    const { store } = await newStore();
    for (let i = 0; i < 5; i++) await store.putPending(sample({ sampleId: `s${i}`, createdAt: NOW + i }));

    // Act
    const firstTwo = await store.listPending(2);
    const older = await store.listPending(10, NOW + 3);

    // Assess
    expect(firstTwo.map((item) => item.sampleId)).toEqual(['s0', 's1']);
    expect(older.map((item) => item.sampleId)).toEqual(['s0', 's1', 's2']);
  });

  it('returns an empty list when nothing is pending', async () => {
    // Prepare
    const { store } = await newStore();

    // Act & Assess
    expect(await store.listPending(5)).toEqual([]);
  });

  it('rejects a limit that is not a positive whole number', async () => {
    // Prepare
    const { store } = await newStore();

    // Act & Assess
    await expect(store.listPending(0)).rejects.toThrow('listPending limit must be a positive whole number, got 0');
  });
});

describe('SampleStore validation', () => {
  it.each([0, -1, 1.5, Number.NaN])('rejects ttlDays %p', (ttlDays) => {
    expect(() => new SampleStore({ doc: dynamo.doc, tableName: 't', ttlDays })).toThrow(
      `SampleStore ttlDays must be a positive whole number of days, got ${ttlDays}`,
    );
  });
});
