import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE } from '../../../lib/catalog/alarms';
import type { AgentHandler } from '../../../functions/agent/create-handler';
import { LambdaMetricsRecorder } from '../../../local/lambda/lambda-metrics-recorder';
import { alignedPeriodEnd, MetricStore } from '../../../local/metrics';
import { dropsLateEmf, startAgentHttpServer } from '../../../local/stack/agent-http-server';
import { faviconRoute } from '../../../local/stack/routes/favicon';

const FUNCTION = 'agent-agent';

function lambdaSum(store: MetricStore, metricName: string): number | undefined {
  return store.query(
    { namespace: AWS_LAMBDA_NAMESPACE, metricName, dimensions: { [AWS_LAMBDA_FUNCTION_DIMENSION]: FUNCTION }, statistic: 'Sum' },
    { end: alignedPeriodEnd(Date.now(), 3600), periodSeconds: 3600, count: 1 },
  )[0];
}

describe('the local Function URL as Lambda runs it', () => {
  it('counts a handler that throws, and a reply that never comes, as Lambda errors; the caller gets 502', async () => {
    // Prepare
    const store = new MetricStore();
    let calls = 0;
    const handler: AgentHandler = async () => {
      calls++;
      if (calls === 1) throw new Error('Runtime.ImportModuleError');
      if (calls === 2) return new Promise(() => undefined);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"answer":"ok"}' };
    };
    const lambda = { recorder: new LambdaMetricsRecorder(store, FUNCTION), timeoutMs: 300, timedOut: new Set<string>() };
    const server = await startAgentHttpServer(handler, { port: 0, lambda });

    try {
      // Act
      const thrown = await fetch(server.url, { method: 'POST', body: '{}' });
      const hung = await fetch(server.url, { method: 'POST', body: '{}' });
      const fine = await fetch(server.url, { method: 'POST', body: '{}' });

      // Assess
      expect(thrown.status).toBe(502);
      expect(hung.status).toBe(502);
      expect(((await hung.json()) as { error: { message: string } }).error.message).toContain('Task timed out after 0.30 seconds');
      expect(fine.status).toBe(200);
      expect(lambdaSum(store, AWS_LAMBDA_METRICS.invocations.name)).toBe(3);
      expect(lambdaSum(store, AWS_LAMBDA_METRICS.errors.name)).toBe(2);
      expect(lambdaSum(store, AWS_LAMBDA_METRICS.throttles.name)).toBe(0);
      // The timed-out invocation's EMF, written after the timeout, never arrives (Lambda froze it)
      expect(lambda.timedOut.size).toBe(1);
      const [lateId] = lambda.timedOut;
      expect(dropsLateEmf(lambda, `{"_aws":{},"requestId":"another"}`)).toBe(false);
      expect(dropsLateEmf(lambda, `{"_aws":{},"requestId":${JSON.stringify(lateId)}}`)).toBe(true);
      expect(lambda.timedOut.size).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('the local stack\'s own routes', () => {
  it('answers /favicon.ico itself: the browser\'s own request never reaches the agent nor counts as an invocation', async () => {
    // Prepare
    const store = new MetricStore();
    let agentCalls = 0;
    const handler: AgentHandler = async () => {
      agentCalls++;
      return { statusCode: 200, headers: {}, body: '{}' };
    };
    const lambda = { recorder: new LambdaMetricsRecorder(store, FUNCTION), timeoutMs: 1000, timedOut: new Set<string>() };
    const server = await startAgentHttpServer(handler, { port: 0, lambda, routes: [faviconRoute()] });

    try {
      // Act
      const favicon = await fetch(new URL('/favicon.ico?v=2', server.url));
      const post = await fetch(server.url, { method: 'POST', body: '{}' });

      // Assess
      expect(favicon.status).toBe(204);
      expect(post.status).toBe(200);
      expect(agentCalls).toBe(1);
      expect(lambdaSum(store, AWS_LAMBDA_METRICS.invocations.name)).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('LambdaMetricsRecorder', () => {
  it('writes Invocations, Errors and Throttles for every request (zeros included) and the concurrency at each start', () => {
    // Prepare
    const store = new MetricStore({ now: () => 0 });
    const recorder = new LambdaMetricsRecorder(store, FUNCTION);
    const minute = alignedPeriodEnd(Date.now(), 60) - 60_000;

    // Act: three overlapping invocations, one failed, then a throttled request
    recorder.invocation({ startMs: minute, durationMs: 10_000, failed: false });
    recorder.invocation({ startMs: minute + 1_000, durationMs: 10_000, failed: true });
    recorder.invocation({ startMs: minute + 2_000, durationMs: 1_000, failed: false });
    recorder.throttle(minute + 3_000);
    recorder.invocation({ startMs: minute + 20_000, durationMs: 1_000, failed: false });

    // Assess
    const stat = (metricName: string, statistic: string) =>
      store.query({ namespace: AWS_LAMBDA_NAMESPACE, metricName, dimensions: { [AWS_LAMBDA_FUNCTION_DIMENSION]: FUNCTION }, statistic }, { end: minute + 60_000, periodSeconds: 60, count: 1 })[0];
    expect(stat(AWS_LAMBDA_METRICS.invocations.name, 'Sum')).toBe(4);
    expect(stat(AWS_LAMBDA_METRICS.invocations.name, 'SampleCount')).toBe(5);
    expect(stat(AWS_LAMBDA_METRICS.errors.name, 'Sum')).toBe(1);
    expect(stat(AWS_LAMBDA_METRICS.throttles.name, 'Sum')).toBe(1);
    expect(stat(AWS_LAMBDA_METRICS.concurrentExecutions.name, 'Maximum')).toBe(3);
    expect(stat(AWS_LAMBDA_METRICS.duration.name, 'Maximum')).toBe(10_000);
  });
});
