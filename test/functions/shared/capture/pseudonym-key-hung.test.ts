import { AWS_CALL_LIMITS } from '../../../../functions/shared/aws/bounded-client';
import { pseudonymizerFromConfig } from '../../../../functions/shared/capture/pseudonym-key';
import { SampleStore } from '../../../../functions/shared/capture/sample-store';
import { startDynalite, type LocalDynamo } from '../../../support/dynalite';
import { startHungEndpoint } from '../../../support/hung-endpoint';

/** Attempts, each ended by the request timeout, plus the SDK's backoff between them. */
const WORST_CASE_MS = AWS_CALL_LIMITS.maxAttempts * AWS_CALL_LIMITS.requestTimeoutMs + 1_000;

describe('the pseudonym key read from a hung Secrets Manager', () => {
  let hung: Awaited<ReturnType<typeof startHungEndpoint>>;
  let dynamo: LocalDynamo;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    hung = await startHungEndpoint();
    dynamo = await startDynalite();
    await dynamo.createTables({ samples: 'samples' });
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_ENDPOINT_URL_SECRETS_MANAGER: hung.endpoint });
  });

  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([hung?.close(), dynamo?.stop()]);
  });

  it(
    'fails within the bounded client time, and a sample write gives up at the caller deadline',
    async () => {
      // Prepare
      const pseudonyms = pseudonymizerFromConfig({ samplePseudonymKeySecretId: 'agent/sample-pseudonym-key' });
      const store = new SampleStore({ doc: dynamo.doc, tableName: 'samples', pseudonyms });
      const sample = { sampleId: 's-1', question: 'q', answer: 'a', model: 'gpt-4o-mini', userId: 'jane@example.com', promptTokens: 1, completionTokens: 1, costUsd: 0, latencyMs: 1, toolCalls: [] };

      // Act
      const started = performance.now();
      const write = await store.putPending(sample, { signal: AbortSignal.timeout(300) }).then(
        () => 'written',
        (error: Error) => error.name,
      );
      const writeMs = performance.now() - started;
      const read = await pseudonyms.pseudonymize('user', 'jane@example.com').then(
        () => 'read',
        (error: Error) => error.name,
      );
      const readMs = performance.now() - started - writeMs;

      // Assess
      expect(write).toBe('TimeoutError');
      expect(writeMs).toBeLessThan(1_000);
      expect(read).not.toBe('read');
      expect(readMs).toBeLessThan(WORST_CASE_MS);
    },
    WORST_CASE_MS * 2 + 5_000,
  );
});
