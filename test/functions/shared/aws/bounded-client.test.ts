import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { defaultDocumentClient } from '../../../../functions/agent/dependencies';
import { AWS_CALL_LIMITS, boundedClientConfig, getBoundedSecret } from '../../../../functions/shared/aws/bounded-client';
import { startHungEndpoint } from '../../../support/hung-endpoint';

/** Attempts, each ended by the request timeout, plus the SDK's backoff between them (at most 20 s, in practice well under 1 s). */
const WORST_CASE_MS = AWS_CALL_LIMITS.maxAttempts * AWS_CALL_LIMITS.requestTimeoutMs + 1_000;

async function timedFailure(call: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const started = performance.now();
  const error = await call.then(
    () => new Error('the call succeeded against a hung endpoint'),
    (failure: unknown) => failure,
  );
  return { error, elapsedMs: performance.now() - started };
}

describe('AWS clients against a hung endpoint', () => {
  let hung: Awaited<ReturnType<typeof startHungEndpoint>>;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    hung = await startHungEndpoint();
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: hung.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: hung.endpoint,
      AWS_ENDPOINT_URL_SNS: hung.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: hung.endpoint,
    });
  });

  afterAll(async () => {
    process.env = savedEnv;
    await hung.close();
  });

  it('fail with a timeout within the bound, for DynamoDB, CloudWatch, SNS and Secrets Manager alike', async () => {
    // Prepare: the clients as the agent, the judge and the alert router build them.
    const doc = defaultDocumentClient();
    const cloudwatch = new CloudWatchClient(boundedClientConfig());
    const sns = new SNSClient(boundedClientConfig());

    // Act
    const outcomes = await Promise.all([
      timedFailure(doc.send(new GetCommand({ TableName: 'agent-budget', Key: { pk: 'x' } }))),
      timedFailure(cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AgentMonitoring', MetricData: [{ MetricName: 'm', Value: 1 }] }))),
      timedFailure(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: 'm' }))),
      timedFailure(getBoundedSecret('agent-monitoring/openai-api-key', 300)),
    ]);

    // Assess
    for (const { error, elapsedMs } of outcomes) {
      expect(String((error as Error).message ?? error)).toMatch(/timeout|timed out/i);
      expect(elapsedMs).toBeGreaterThanOrEqual(AWS_CALL_LIMITS.requestTimeoutMs - 50);
      expect(elapsedMs).toBeLessThan(WORST_CASE_MS);
    }
    console.info(`hung endpoint: DynamoDB / CloudWatch / SNS / Secrets Manager failed after ${outcomes.map((o) => Math.round(o.elapsedMs)).join(' / ')} ms`);
    for (const client of [doc, cloudwatch, sns]) client.destroy();
  });
});
