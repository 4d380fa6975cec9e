import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { METRICS } from '../../../lib/catalog/metrics';
import { alignedPeriodEnd } from '../../../local/metrics';
import { startLocalStack, type LocalStack } from '../../../local/stack/local-stack';
import { startLocalLlm } from '../../../local/stack/local-llm';

const AWS_SETTINGS = ['AWS_ENDPOINT_URL_BEDROCK_RUNTIME', 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_REGION'];

function sumOver(stack: LocalStack, metric: string, dimensions: Record<string, string>, statistic = 'Sum'): number | undefined {
  return stack.store.query(
    { namespace: stack.namespace, metricName: metric, dimensions: { service: stack.serviceName, ...dimensions }, statistic },
    { end: alignedPeriodEnd(Date.now(), 3600), periodSeconds: 3600, count: 1 },
  )[0];
}

describe('the local stack on Amazon Bedrock (AGENT_PROVIDER=bedrock)', () => {
  let stack: LocalStack;
  const saved = Object.fromEntries(AWS_SETTINGS.map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    for (const name of AWS_SETTINGS) delete process.env[name];
    stack = await startLocalStack({
      env: { AGENT_PROVIDER: 'bedrock', JUDGE_PROVIDER: 'bedrock', SAMPLE_RATE: '1', HOME: process.env.HOME },
      port: 0,
      judgeIntervalMs: 3_600_000,
      evaluateIntervalMs: 3_600_000,
      print: () => undefined,
    });
  }, 30_000);

  afterAll(async () => {
    await stack?.close();
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
  });

  it('answers through the local Converse stand-in when no endpoint or AWS credentials are configured, and says so', async () => {
    // Act
    const response = await fetch(stack.url, { method: 'POST', body: JSON.stringify({ question: 'What is 12*7?' }) });

    // Assess
    expect(stack.llm).toMatchObject({ provider: 'bedrock', kind: 'simulated' });
    expect(stack.llm.description).toContain('SIMULATED Bedrock Converse endpoint');
    expect(response.status).toBe(200);
    const reply = (await response.json()) as { costUsd: number };
    expect(reply).toMatchObject({ answer: expect.stringContaining('84'), model: 'amazon.nova-lite-v1:0', toolCalls: ['calculator'], costUsd: expect.any(Number) });
    expect(reply.costUsd).toBeGreaterThan(0);
    expect(sumOver(stack, METRICS.requests.name, {})).toBe(1);
    expect(sumOver(stack, METRICS.costUsd.name, { model: 'amazon.nova-lite-v1:0' })).toBeGreaterThan(0);
  });

  it('judges the kept sample on Bedrock too', async () => {
    // Act
    await stack.judgeNow();

    // Assess
    expect(sumOver(stack, JUDGE_METRICS.evaluations.name, {})).toBe(1);
    const score = sumOver(stack, JUDGE_METRICS.qualityScore.name, {}, 'Average');
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
  });
});

describe('the local model choice', () => {
  it('uses Amazon Bedrock as the SDK finds it when an endpoint or credentials are configured', async () => {
    // Act
    const byEndpoint = await startLocalLlm({ AGENT_PROVIDER: 'bedrock', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:9' });
    const byKeys = await startLocalLlm({ AGENT_PROVIDER: 'bedrock', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_REGION: 'eu-west-1' });

    // Assess
    expect(byEndpoint).toMatchObject({ provider: 'bedrock', kind: 'configured', description: expect.stringContaining('at http://127.0.0.1:9') });
    expect(byKeys).toMatchObject({ provider: 'bedrock', kind: 'configured', description: expect.stringContaining('in eu-west-1 (configured by AWS_ACCESS_KEY_ID)') });
    await Promise.all([byEndpoint.close(), byKeys.close()]);
  });

  it('restores the process environment the simulated Bedrock set', async () => {
    // Prepare
    const before = process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;

    // Act
    const llm = await startLocalLlm({ AGENT_PROVIDER: 'bedrock', HOME: '/nonexistent' });
    const during = process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
    await llm.close();

    // Assess
    expect(llm.kind).toBe('simulated');
    expect(during).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME).toBe(before);
  });
});
