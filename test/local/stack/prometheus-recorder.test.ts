import { EmfWriter } from '../../../functions/shared/monitoring/emf-writer';
import { RequestMonitor } from '../../../functions/shared/monitoring/request-monitor';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { LambdaMetricsRecorder } from '../../../local/lambda/lambda-metrics-recorder';
import { MetricStore } from '../../../local/metrics';
import { PrometheusRecorder } from '../../../local/stack/prometheus/prometheus-recorder';
import { parseExposition, sumBy, sumOf } from '../../support/prometheus-text';

const NAMESPACE = 'AgentMonitoring';

function recordingStore(): { store: MetricStore; recorder: PrometheusRecorder; stop: () => void } {
  const store = new MetricStore();
  const recorder = new PrometheusRecorder({ namespace: NAMESPACE });
  return { store, recorder, stop: store.listen(recorder.record) };
}

/** One request's EMF as the wrapper writes it, into the store. */
function writeRequest(store: MetricStore, record: (monitor: RequestMonitor) => void, durationMs = 420): void {
  const monitor = new RequestMonitor(`req-${Math.random()}`, Date.now(), () => 0.0002);
  record(monitor);
  const writer = new EmfWriter({ namespace: NAMESPACE, serviceName: 'agent', sink: (line) => void store.ingestEmf(line) });
  for (const blob of monitor.toBlobs({ timestamp: Date.now(), durationMs })) writer.write(blob);
}

describe('PrometheusRecorder', () => {
  it('counts a request using two tools once, its tool calls once per tool', async () => {
    // Prepare
    const { store, recorder } = recordingStore();

    // Act
    writeRequest(store, (monitor) => {
      monitor.recordUsage('gpt-4o-mini', { promptTokens: 100, completionTokens: 20 });
      monitor.recordToolCall('calculator', true);
      monitor.recordToolCall('calculator', false);
      monitor.recordToolCall('search_docs', true);
    });
    const families = parseExposition(await recorder.metrics());

    // Assess
    expect(families.get('agent_requests_total')?.metrics).toEqual([{ labels: { service: 'agent', model: 'gpt-4o-mini' }, value: '1' }]);
    expect(sumBy(families, 'agent_tool_calls_total', 'tool')).toEqual({ calculator: 2, search_docs: 1 });
    expect(sumBy(families, 'agent_tool_errors_total', 'tool')).toEqual({ calculator: 1 });
    expect(sumBy(families, 'agent_tokens_total', 'kind')).toEqual({ prompt: 100, completion: 20 });
    expect(families.get('agent_request_duration_seconds')?.metrics).toEqual([expect.objectContaining({ count: '1', sum: '0.42' })]);
  });

  it('exports the function-labelled AWS/Lambda metrics, in seconds, not the account-wide copy of the concurrency', async () => {
    // Prepare
    const { store, recorder } = recordingStore();
    const lambda = new LambdaMetricsRecorder(store, 'agent-agent');
    const start = Date.now();

    // Act
    lambda.invocation({ startMs: start, durationMs: 1200, failed: false });
    lambda.invocation({ startMs: start + 100, durationMs: 300, failed: true });
    lambda.throttle(start + 200);
    const families = parseExposition(await recorder.metrics());

    // Assess
    const fn = { function_name: 'agent-agent' };
    expect(families.get('aws_lambda_invocations_total')?.metrics).toEqual([{ labels: fn, value: '2' }]);
    expect(families.get('aws_lambda_errors_total')?.metrics).toEqual([{ labels: fn, value: '1' }]);
    expect(families.get('aws_lambda_throttles_total')?.metrics).toEqual([{ labels: fn, value: '1' }]);
    expect(families.get('aws_lambda_concurrent_executions')?.metrics).toEqual([{ labels: fn, value: '2' }]);
    expect(families.get('aws_lambda_duration_seconds')?.metrics).toEqual([expect.objectContaining({ labels: fn, count: '2', sum: '1.5' })]);
  });

  it("records the judge's PutMetricData (values with counts, statistic sets) and ignores other namespaces", async () => {
    // Prepare
    const { store, recorder } = recordingStore();
    const service = [{ Name: 'service', Value: 'agent' }];

    // Act
    store.putMetricData(NAMESPACE, [
      { MetricName: JUDGE_METRICS.evaluations.name, Dimensions: service, Values: [1, 2], Counts: [3, 1] },
      { MetricName: JUDGE_METRICS.failures.name, Dimensions: service, StatisticValues: { SampleCount: 2, Sum: 4, Minimum: 1, Maximum: 3 } },
      { MetricName: JUDGE_METRICS.backlog.name, Dimensions: service, Values: [7, 5] },
      { MetricName: JUDGE_METRICS.qualityScore.name, Dimensions: service, Value: 0.82 },
    ]);
    store.putMetricData('SomeoneElse', [{ MetricName: JUDGE_METRICS.evaluations.name, Dimensions: service, Value: 100 }]);
    const families = parseExposition(await recorder.metrics());

    // Assess
    expect(sumOf(families, 'agent_judge_evaluations_total')).toBe(5);
    expect(sumOf(families, 'agent_judge_failures_total')).toBe(4);
    expect(families.get('agent_judge_backlog')?.metrics).toEqual([{ labels: { service: 'agent' }, value: '5' }]);
    expect(families.get('agent_quality_score')?.metrics).toEqual([{ labels: { service: 'agent' }, value: '0.82' }]);
  });

  it('shows no series before a value arrives (a gauge at 0 would read as a value), and nothing once stopped', async () => {
    // Prepare
    const { store, recorder, stop } = recordingStore();

    // Act
    stop();
    writeRequest(store, (monitor) => monitor.recordUsage('gpt-4o-mini', { promptTokens: 1, completionTokens: 1 }));
    const families = parseExposition(await recorder.metrics());

    // Assess
    expect([...families.values()].filter((family) => family.metrics.length > 0)).toEqual([]);
    expect(families.get('agent_quality_score')?.type).toBe('GAUGE');
  });
});
