import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackPayload } from '../../../functions/alert-router/slack-payload';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE, CONDITION_ALARM_IDS, alarmCatalog } from '../../../lib/catalog/alarms';
import { METRICS } from '../../../lib/catalog/metrics';
import { alignedPeriodEnd } from '../../../local/metrics';
import { alertOutput } from '../../../local/stack/alert-output';
import { startLocalStack, type LocalStack } from '../../../local/stack/local-stack';

function sumOver(stack: LocalStack, metric: string, dimensions: Record<string, string>, statistic = 'Sum'): number | undefined {
  return stack.store.query(
    { namespace: stack.namespace, metricName: metric, dimensions: { service: stack.serviceName, ...dimensions }, statistic },
    { end: alignedPeriodEnd(Date.now(), 3600), periodSeconds: 3600, count: 1 },
  )[0];
}

describe('the local stack (npm start)', () => {
  let stack: LocalStack;
  const printed: string[] = [];

  beforeAll(async () => {
    stack = await startLocalStack({
      env: { SAMPLE_RATE: '1' },
      port: 0,
      judgeIntervalMs: 3_600_000,
      evaluateIntervalMs: 3_600_000,
      print: (line) => printed.push(line),
    });
  }, 30_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('answers an HTTP invoke end to end with the simulated model', async () => {
    // Act
    const response = await fetch(stack.url, { method: 'POST', body: JSON.stringify({ question: 'What is 12*7?', userId: 'local-user' }) });

    // Assess
    expect(stack.llm).toMatchObject({ provider: 'openai', kind: 'simulated' });
    expect(response.status).toBe(200);
    const reply = await response.json();
    expect(reply).toMatchObject({ answer: expect.stringContaining('84'), toolCalls: ['calculator'], costUsd: expect.any(Number) });
    expect(sumOver(stack, METRICS.requests.name, {})).toBeGreaterThanOrEqual(1);
    expect(sumOver(stack, METRICS.toolCalls.name, { tool: 'calculator' })).toBeGreaterThanOrEqual(1);
  });

  it('refuses a bad body with 400 invalid_input and counts it', async () => {
    // Act
    const response = await fetch(stack.url, { method: 'POST', body: '{"question": ' });

    // Assess
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { category: string } }).error.category).toBe('invalid_input');
    expect(sumOver(stack, METRICS.errors.name, { error_category: 'invalid_input' })).toBe(1);
  });

  it('judges the kept samples into the local metric store', async () => {
    // Act
    await stack.judgeNow();

    // Assess
    const score = sumOver(stack, JUDGE_METRICS.qualityScore.name, {}, 'Average');
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
    expect(sumOver(stack, JUDGE_METRICS.evaluations.name, {})).toBeGreaterThanOrEqual(1);
  });

  it('writes the AWS/Lambda metrics of the local agent: one invocation per HTTP request, no error for an error reply', () => {
    // Prepare: the two requests above (one answered, one refused as invalid_input)
    const lambda = (metricName: string) =>
      stack.store.query(
        { namespace: AWS_LAMBDA_NAMESPACE, metricName, dimensions: { [AWS_LAMBDA_FUNCTION_DIMENSION]: `${stack.serviceName}-agent` }, statistic: 'Sum' },
        { end: alignedPeriodEnd(Date.now(), 3600), periodSeconds: 3600, count: 1 },
      )[0];

    // Assess
    expect(lambda(AWS_LAMBDA_METRICS.invocations.name)).toBe(2);
    expect(lambda(AWS_LAMBDA_METRICS.errors.name)).toBe(0);
    expect(lambda(AWS_LAMBDA_METRICS.throttles.name)).toBe(0);
  });

  it('evaluates the deployed alarm catalog over the local metrics', () => {
    // Act
    stack.evaluateNow();

    // Assess
    const states = stack.evaluator.states();
    expect(states.length).toBeGreaterThan(20);
    // A quiet stack: nothing that notifies is in ALARM (the conditions of monitoring-silent, which
    // notify no one, follow the traffic: monitoring-silent-absent is in ALARM without any)
    const notifying = new Set(alarmCatalog().filter((d) => d.notify !== undefined).map((d) => d.id));
    expect(states.filter((status) => status.state === 'ALARM' && notifying.has(status.id))).toEqual([]);
    expect(states.filter((status) => status.state === 'ALARM' && !CONDITION_ALARM_IDS.includes(status.id))).toEqual([]);
  });
});

describe('local alert output', () => {
  let receiver: Server;
  const bodies: unknown[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        bodies.push(JSON.parse(text));
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('prints an alert and posts it to the webhook in the deployed router’s Slack format', async () => {
    // Prepare
    const lines: string[] = [];
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const output = alertOutput({ print: (line) => lines.push(line), webhookUrl: url });
    const alert = { title: 'agent-error-rate-critical', text: 'Error rate over 5 %', severity: 'critical' as const, state: 'ALARM' as const, source: 'local', time: new Date().toISOString() };

    // Act
    await output.deliver(alert);

    // Assess
    expect(lines).toEqual([expect.stringContaining('ALERT [critical] ALARM agent-error-rate-critical')]);
    expect(bodies).toEqual([slackPayload(alert)]);
  });

  it('delivers a drift message published by the judge as an alert, not dropped', async () => {
    // Prepare
    const lines: string[] = [];
    const output = alertOutput({ print: (line) => lines.push(line) });

    // Act
    await output.deliverSnsMessage('Quality drift', JSON.stringify({ type: 'quality_drift', state: 'drifting', severity: 'warning', title: 'Quality drifting', text: 'window mean 0.61' }));

    // Assess
    expect(lines).toEqual([expect.stringMatching(/ALERT \[warning\] ALARM Quality drifting/)]);
  });
});
