import { METRICS } from '../../../lib/catalog/metrics';
import { MetricStore, type MetricSelector } from '../../../local/metrics';
import { at, emfLine, requestLines, T0 } from '../../support/emf-lines';

const SERVICE = { service: 'agent' };

function sum(metricName: string, dimensions: Record<string, string>): MetricSelector {
  return { namespace: 'AgentMonitoring', metricName, dimensions, statistic: 'Sum' };
}

/** The whole first minute after T0 as one period. */
const FIRST_MINUTE = { end: at(1), periodSeconds: 60, count: 1 };

describe('MetricStore.ingestEmf', () => {
  it('publishes every directive of a runtime document under each of its dimension sets', () => {
    // Prepare
    const store = new MetricStore();
    const lines = requestLines({ timestamp: at(0.5), model: 'gpt-4o-mini', errorCategory: 'rate_limit', tools: [['calculator', true]] });

    // Act
    const added = lines.reduce((total, line) => total + store.ingestEmf(line), 0);

    // Assess
    expect(lines).toHaveLength(1);
    expect(store.query(sum(METRICS.requests.name, SERVICE), FIRST_MINUTE)).toEqual([1]);
    expect(store.query(sum(METRICS.requests.name, { ...SERVICE, model: 'gpt-4o-mini' }), FIRST_MINUTE)).toEqual([1]);
    expect(store.query(sum(METRICS.errors.name, SERVICE), FIRST_MINUTE)).toEqual([1]);
    expect(store.query(sum(METRICS.errors.name, { ...SERVICE, error_category: 'rate_limit' }), FIRST_MINUTE)).toEqual([1]);
    expect(store.query(sum(METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' }), FIRST_MINUTE)).toEqual([1]);
    // A failure's document carries its client-error count, 0 for rate_limit (a service failure).
    expect(store.query(sum(METRICS.clientErrors.name, SERVICE), FIRST_MINUTE)).toEqual([0]);
    // 9 metrics × 2 sets in the main directive, plus the error_category and tool directives.
    expect(added).toBe(9 * 2 + 1 + 1);
  });

  it('matches dimension sets exactly: a series is never found under a subset or superset of its dimensions', () => {
    // Prepare
    const store = new MetricStore();
    store.ingestEmf(emfLine(at(0), [{ dimensions: [['service', 'tool']], metrics: ['agent.tools.calls'] }], { service: 'agent', tool: 'calculator', 'agent.tools.calls': 2 }));

    // Act
    const byTool = store.query(sum('agent.tools.calls', { tool: 'calculator', service: 'agent' }), FIRST_MINUTE);
    const byService = store.query(sum('agent.tools.calls', SERVICE), FIRST_MINUTE);
    const otherTool = store.query(sum('agent.tools.calls', { ...SERVICE, tool: 'search_docs' }), FIRST_MINUTE);

    // Assess
    expect(byTool).toEqual([2]);
    expect(byService).toEqual([undefined]);
    expect(otherTool).toEqual([undefined]);
  });

  it('adds each value of an array, and keeps separate documents of one minute together', () => {
    // Prepare
    const store = new MetricStore();
    const durations = emfLine(at(0.1), [{ dimensions: [['service']], metrics: [METRICS.duration.name] }], { service: 'agent', [METRICS.duration.name]: [0.5, 1.5, 4] });
    const single = emfLine(at(0.9), [{ dimensions: [['service']], metrics: [METRICS.duration.name] }], { service: 'agent', [METRICS.duration.name]: 2 });

    // Act
    const added = store.ingestEmf(durations) + store.ingestEmf(single);

    // Assess
    const stat = (statistic: string) => store.query({ ...sum(METRICS.duration.name, SERVICE), statistic }, FIRST_MINUTE)[0];
    expect(added).toBe(4);
    expect([stat('SampleCount'), stat('Sum'), stat('Average'), stat('Minimum'), stat('Maximum')]).toEqual([4, 8, 2, 0.5, 4]);
  });

  it('ignores log lines, other JSON, malformed JSON and values CloudWatch would reject', () => {
    // Prepare
    const store = new MetricStore();
    const withoutDimensionValue = emfLine(at(0), [{ dimensions: [['service', 'model']], metrics: ['agent.requests.total'] }], { service: 'agent', 'agent.requests.total': 1 });
    const textValue = emfLine(at(0), [{ dimensions: [['service']], metrics: ['agent.requests.total'] }], { service: 'agent', 'agent.requests.total': 'one' });
    const inputs = [
      'START RequestId: 1 Version: $LATEST',
      '{"level":"INFO","message":"agent answered","requestId":"1"}',
      '{"_aws": {"Timestamp": 1, "CloudWatchMetrics": [',
      '{"_aws": {"Timestamp": 1}}',
      withoutDimensionValue,
      textValue,
    ];

    // Act
    const added = inputs.map((line) => store.ingestEmf(line));

    // Assess
    expect(added).toEqual([0, 0, 0, 0, 0, 0]);
    expect(store.series()).toEqual([]);
  });

  it('reads several lines at once, as a stdout chunk carries them, log lines between them', () => {
    // Prepare
    const store = new MetricStore();
    const chunk = [
      ...requestLines({ timestamp: at(0.2) }),
      'INFO agent answered in 1.0 s',
      ...requestLines({ timestamp: at(0.4), errorCategory: 'timeout' }),
      '',
    ].join('\n');

    // Act
    store.ingestEmf(chunk);

    // Assess
    expect(store.query(sum(METRICS.requests.name, SERVICE), FIRST_MINUTE)).toEqual([2]);
    expect(store.query(sum(METRICS.errors.name, { ...SERVICE, error_category: 'timeout' }), FIRST_MINUTE)).toEqual([1]);
  });

  it('leaves the newest minute where it was for a document that adds no datapoint', () => {
    // Prepare
    const store = new MetricStore({ retentionSeconds: 3600 });
    store.ingestEmf(emfLine(at(0), [{ dimensions: [['service']], metrics: [METRICS.requests.name] }], { service: 'agent', [METRICS.requests.name]: 1 }));
    const newest = store.newestTimestamp;

    // Act
    const valueless = store.ingestEmf(emfLine(at(120), [{ dimensions: [['service']], metrics: [METRICS.requests.name] }], { service: 'agent', [METRICS.requests.name]: [] }));
    const stillRecent = store.ingestEmf(emfLine(at(0.5), [{ dimensions: [['service']], metrics: [METRICS.requests.name] }], { service: 'agent', [METRICS.requests.name]: 2 }));

    // Assess
    expect([valueless, stillRecent]).toEqual([0, 1]);
    expect(store.newestTimestamp).toBe(newest);
    expect(store.query(sum(METRICS.requests.name, SERVICE), FIRST_MINUTE)).toEqual([3]);
  });

  it('starts a series afresh when its dimension set publishes again after expire() dropped it', () => {
    // Prepare
    const store = new MetricStore({ retentionSeconds: 600 });
    const toolCall = (minutes: number, count: number) =>
      emfLine(at(minutes), [{ dimensions: [['service', 'tool']], metrics: [METRICS.toolCalls.name] }], { service: 'agent', tool: 'calculator', [METRICS.toolCalls.name]: count });
    store.ingestEmf(toolCall(0, 5));
    store.ingestEmf(emfLine(at(30), [{ dimensions: [['service']], metrics: [METRICS.requests.name] }], { service: 'agent', [METRICS.requests.name]: 1 }));
    store.expire();

    // Act
    store.ingestEmf(toolCall(30.5, 2));

    // Assess
    const tool = sum(METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' });
    expect(store.query(tool, { end: at(31), periodSeconds: 600, count: 1 })).toEqual([2]);
    expect(store.series().map((series) => series.metricName)).toEqual([METRICS.requests.name, METRICS.toolCalls.name]);
  });

  it('lists the series it holds with the unit last published', () => {
    // Prepare
    const store = new MetricStore();

    // Act
    store.ingestEmf(requestLines({ timestamp: T0 })[0]);

    // Assess
    expect(store.series()).toEqual(
      expect.arrayContaining([
        { namespace: 'AgentMonitoring', metricName: METRICS.duration.name, dimensions: SERVICE, unit: 'Seconds' },
        { namespace: 'AgentMonitoring', metricName: METRICS.requests.name, dimensions: SERVICE, unit: 'Count' },
      ]),
    );
  });
});
