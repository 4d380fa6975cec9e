import { withMonitoring, type MonitoringLogger } from '../../../../functions/shared/monitoring/with-monitoring';
import { InvalidInputError } from '../../../../functions/shared/errors/agent-errors';
import { METRICS } from '../../../../lib/catalog/metrics';
import { captureStdout, datapoints, memorySink, parseEmf, sum } from '../../../support/emf';
import { lambdaContext } from '../../../support/lambda-context';

const price = (model: string, usage: { promptTokens: number; completionTokens: number }) =>
  model === 'gpt-4o-mini' ? (usage.promptTokens * 0.15 + usage.completionTokens * 0.6) / 1e6 : undefined;

function fakeClock(start = Date.UTC(2026, 10, 28, 12)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function silentLogger(): MonitoringLogger & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return { calls, info: (...a) => calls.push(['info', ...a]), warn: (...a) => calls.push(['warn', ...a]), error: (...a) => calls.push(['error', ...a]) };
}

describe('withMonitoring', () => {
  it('writes requests, duration, tokens, cost and tool calls for a successful request', async () => {
    // Prepare
    const emf = memorySink();
    const clock = fakeClock();
    const handler = withMonitoring(
      async (_event: unknown, _context, monitor) => {
        monitor.setProperties({ userId: 'u-1', sessionId: 's-1', feature: 'chat' });
        monitor.recordUsage('gpt-4o-mini', { promptTokens: 1000, completionTokens: 100 });
        await monitor.trackTool('calculator', () => '4');
        monitor.recordUsage('gpt-4o-mini', { promptTokens: 1200, completionTokens: 50, cachedTokens: 1000 });
        clock.advance(1500);
        return 'ok';
      },
      { namespace: 'AgentMonitoring', serviceName: 'agent', price, sink: emf.sink, clock: clock.now },
    );
    const context = lambdaContext();

    // Act
    const result = await handler({}, context);

    // Assess
    expect(result).toBe('ok');
    const docs = emf.documents();
    const service = { service: 'agent' };
    const byModel = { service: 'agent', model: 'gpt-4o-mini' };
    expect(datapoints(docs, METRICS.requests.name, service)).toEqual([1]);
    expect(datapoints(docs, METRICS.requests.name, byModel)).toEqual([1]);
    expect(datapoints(docs, METRICS.duration.name, service)).toEqual([1.5]);
    expect(datapoints(docs, METRICS.tokensPrompt.name, byModel)).toEqual([2200]);
    expect(datapoints(docs, METRICS.tokensCompletion.name, service)).toEqual([150]);
    expect(datapoints(docs, METRICS.tokensTotal.name, service)).toEqual([2350]);
    expect(datapoints(docs, METRICS.costUsd.name, service)[0]).toBeCloseTo((2200 * 0.15 + 150 * 0.6) / 1e6, 12);
    expect(datapoints(docs, METRICS.toolCalls.name, { service: 'agent', tool: 'calculator' })).toEqual([1]);
    expect(datapoints(docs, METRICS.errors.name, service)).toEqual([]);
    const main = docs.find((doc) => METRICS.requests.name in doc.metrics)!;
    expect(main.namespace).toBe('AgentMonitoring');
    expect(main.root).toMatchObject({ requestId: context.awsRequestId, userId: 'u-1', sessionId: 's-1', feature: 'chat' });
    expect(main.root.costUsd).toBeCloseTo((2200 * 0.15 + 150 * 0.6) / 1e6, 12);
    expect(main.dimensionSets.flat()).not.toEqual(expect.arrayContaining(['requestId', 'userId']));
    expect(main.timestamp).toBe(clock.now());
    expect(datapoints(docs, METRICS.coldStart.name, { service: 'agent', function_name: 'agent-fn' })).toEqual([1]);
  });

  it('classifies a failure, counts it by category and still writes the request', async () => {
    // Prepare
    const emf = memorySink();
    const logger = silentLogger();
    const handler = withMonitoring(
      async () => {
        throw new InvalidInputError('"question" is required');
      },
      {
        namespace: 'AgentMonitoring',
        serviceName: 'agent',
        price,
        sink: emf.sink,
        logger,
        onError: (failure) => ({ failed: failure.category, message: failure.message }),
      },
    );

    // Act
    const reply = await handler({}, lambdaContext());

    // Assess
    expect(reply).toEqual({ failed: 'invalid_input', message: '"question" is required' });
    const docs = emf.documents();
    expect(datapoints(docs, METRICS.requests.name, { service: 'agent' })).toEqual([1]);
    expect(datapoints(docs, METRICS.errors.name, { service: 'agent' })).toEqual([1]);
    expect(datapoints(docs, METRICS.errors.name, { service: 'agent', error_category: 'invalid_input' })).toEqual([1]);
    expect(logger.calls[0]).toEqual(['info', 'agent request failed', expect.objectContaining({ errorCategory: 'invalid_input' })]);
  });

  it('rethrows without onError, after writing the metrics', async () => {
    // Prepare
    const emf = memorySink();
    const handler = withMonitoring(
      async () => {
        throw new Error('boom');
      },
      { namespace: 'AgentMonitoring', serviceName: 'agent', price, sink: emf.sink },
    );

    // Act
    const attempt = handler({}, lambdaContext());

    // Assess
    await expect(attempt).rejects.toThrow('boom');
    expect(datapoints(emf.documents(), METRICS.errors.name, { service: 'agent', error_category: 'unknown_error' })).toEqual([1]);
  });

  it('counts an unpriced model instead of costing it 0, and emits cold start only once', async () => {
    // Prepare
    const emf = memorySink();
    const handler = withMonitoring(
      async (_event: unknown, _context, monitor) => {
        monitor.recordUsage('my-private-model', { promptTokens: 10, completionTokens: 5 });
        return 'ok';
      },
      { namespace: 'AgentMonitoring', serviceName: 'agent', price, sink: emf.sink },
    );

    // Act
    await handler({}, lambdaContext());
    await handler({}, lambdaContext());

    // Assess
    const docs = emf.documents();
    expect(sum(datapoints(docs, METRICS.costUnpriced.name, { service: 'agent', model: 'my-private-model' }))).toBe(2);
    expect(datapoints(docs, METRICS.costUsd.name, { service: 'agent' })).toEqual([]);
    expect(datapoints(docs, METRICS.coldStart.name, { service: 'agent', function_name: 'agent-fn' })).toEqual([1]);
  });

  it('writes to stdout by default, one JSON line per document', async () => {
    // Prepare
    const handler = withMonitoring(async () => 'ok', { namespace: 'Custom/NS', serviceName: 'svc', price });

    // Act
    const { output } = await captureStdout(() => handler({}, lambdaContext()));

    // Assess
    const docs = parseEmf(output);
    expect(docs.length).toBe(2);
    expect(docs.every((doc) => doc.namespace === 'Custom/NS')).toBe(true);
    expect(datapoints(docs, METRICS.requests.name, { service: 'svc' })).toEqual([1]);
  });

  it('counts tool errors per tool and overall', async () => {
    // Prepare
    const emf = memorySink();
    const handler = withMonitoring(
      async (_event: unknown, _context, monitor) => {
        await monitor.trackTool('search_docs', () => 'hit');
        await expect(monitor.trackTool('calculator', () => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
        monitor.recordToolCall('calculator', true);
        return 'ok';
      },
      { namespace: 'AgentMonitoring', serviceName: 'agent', price, sink: emf.sink },
    );

    // Act
    await handler({}, lambdaContext());

    // Assess
    const docs = emf.documents();
    expect(datapoints(docs, METRICS.toolCalls.name, { service: 'agent', tool: 'calculator' })).toEqual([2]);
    expect(datapoints(docs, METRICS.toolErrors.name, { service: 'agent', tool: 'calculator' })).toEqual([1]);
    expect(datapoints(docs, METRICS.toolCalls.name, { service: 'agent', tool: 'search_docs' })).toEqual([1]);
    expect(datapoints(docs, METRICS.toolErrors.name, { service: 'agent', tool: 'search_docs' })).toEqual([]);
    expect(datapoints(docs, METRICS.toolCalls.name, { service: 'agent' })).toEqual([3]);
    expect(datapoints(docs, METRICS.toolErrors.name, { service: 'agent' })).toEqual([1]);
  });

  it('writes nothing when POWERTOOLS_METRICS_DISABLED is true', async () => {
    // Prepare
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    const emf = memorySink();
    try {
      const handler = withMonitoring(async () => 'ok', { namespace: 'AgentMonitoring', serviceName: 'agent', price, sink: emf.sink });

      // Act
      await handler({}, lambdaContext());
    } finally {
      delete process.env.POWERTOOLS_METRICS_DISABLED;
    }

    // Assess
    expect(emf.lines).toEqual([]);
  });

  it.each([
    ['a client error (invalid_input)', () => new InvalidInputError('question must be a string'), 1],
    ['a service failure (unknown_error)', () => new TypeError('boom'), 0],
  ])('writes agent.requests.client_errors with every failure, %s counting %d; a success writes none', async (_label, error, expected) => {
    // Prepare
    const emf = memorySink();
    const failing = withMonitoring(
      async () => {
        throw error();
      },
      { namespace: 'AgentMonitoring', serviceName: 'agent', price, sink: emf.sink, onError: (failure) => failure.category },
    );
    const succeeding = withMonitoring(async () => 'ok', { namespace: 'AgentMonitoring', serviceName: 'agent', price, sink: emf.sink });

    // Act
    await failing({}, lambdaContext());
    const afterFailure = datapoints(emf.documents(), METRICS.clientErrors.name, { service: 'agent' });
    await succeeding({}, lambdaContext());

    // Assess: present exactly when errors is, so the alarms read them as one series
    expect(afterFailure).toEqual([expected]);
    expect(datapoints(emf.documents(), METRICS.errors.name, { service: 'agent' })).toEqual([1]);
    expect(datapoints(emf.documents(), METRICS.clientErrors.name, { service: 'agent' })).toEqual([expected]);
  });
});
