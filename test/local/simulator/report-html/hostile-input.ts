import { MetricStore, MINUTE_MS } from '../../../../local/metrics';
import type { ReportInput } from '../../../../local/simulator/report-html';
import type { Scenario } from '../../../../local/simulator/scenario';

const START = 1_796_000_000_000 - (1_796_000_000_000 % MINUTE_MS);
/** A scenario name that would run script, load an image and break attributes if it were not escaped. */
export const HOSTILE = `</script><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> & '"`;

/** A small report (ten minutes, one alarm, two notifications, an empty store) whose every user-given string is HOSTILE. */
export function hostileInput(): ReportInput {
  const scenario: Scenario = {
    name: HOSTILE,
    durationMinutes: 10,
    requestsPerMinute: 5,
    seed: 1,
    traffic: { model: HOSTILE, latencyMs: { median: 1000, p95: 2000 }, promptTokens: 100, completionTokens: 20, toolCallsPerRequest: 0, quality: 0.9 },
    phases: [{ fromMinute: 2, toMinute: 5, model: HOSTILE }],
  };
  const result = {
    scenario: HOSTILE,
    summary: { total_requests: 0, error_rate: 0, p50_latency: 0, p95_latency: 0, p99_latency: 0, total_tokens: 0, total_cost: 0 },
    alarms: [{ name: 'agent-error-rate-critical', severity: 'critical' as const, firstAlarmMinute: 3, transitions: [{ minute: 1, state: 'OK' as const }, { minute: 3, state: 'ALARM' as const }, { minute: 6, state: 'OK' as const }] }],
    notifications: [
      { minute: 3, alarm: 'agent-error-rate-critical', severity: 'critical' as const },
      { minute: 6, alarm: 'agent-error-rate-critical', severity: 'critical' as const },
    ],
  };
  const details = { replies: { [HOSTILE]: 1 }, judgeRuns: 2, judgedSamples: 0, judgeFailures: 0, judgeErrors: [HOSTILE], start: START, dynamo: { requests: 0, sendMs: 0, engineMs: 0 } };
  const metrics = { store: new MetricStore(), namespace: 'AgentMonitoring', service: 'agent', start: START, latest: START + 10 * MINUTE_MS - 1 };
  return { scenario, report: { result, details, metrics }, facts: { durationMinutes: 10, sampleRate: 0.1, judgeEveryMinutes: 5, elapsedSeconds: 1.5 } };
}

