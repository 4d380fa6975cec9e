/** Small alarm definitions for evaluator tests, shaped as the catalog shapes them. */
import type { CompositeAlarmDefinition, MetricAlarmDefinition, MetricRef, Statistic } from '../../lib/catalog/alarms';

export const TEST_NAMESPACE = 'AgentMonitoring';
export const TEST_DIMENSIONS = { service: 'agent' };

/** A metric of the test namespace with the `service` dimension. */
export function metricRef(name: string, statistic: Statistic = 'Sum'): MetricRef {
  return { metric: { name, unit: 'Count', description: name }, statistic, namespace: TEST_NAMESPACE, dimensions: TEST_DIMENSIONS };
}

function common(id: string, severity: MetricAlarmDefinition['severity']) {
  return {
    id,
    name: `agent-${id}-${severity}`,
    title: `Test alarm ${id}`,
    severity,
    runbook: `docs/runbooks/alarms/${id}.md`,
    runbookUrl: `https://github.com/acme/agent/blob/main/docs/runbooks/alarms/${id}.md`,
    description: `${severity.toUpperCase()} - Test alarm ${id}. Runbook: https://github.com/acme/agent/blob/main/docs/runbooks/alarms/${id}.md`,
  };
}

/** A one-minute, 1-of-1 `Sum > 0` alarm on `metric`, notifying the warning topic, unless overridden. */
export function metricAlarm(id: string, metric: string, overrides: Partial<MetricAlarmDefinition> = {}): MetricAlarmDefinition {
  return {
    kind: 'metric',
    ...common(id, overrides.severity ?? 'warning'),
    notify: 'warning',
    metric: metricRef(metric),
    periodSeconds: 60,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    ...overrides,
  };
}

/** A composite alarm notifying the critical topic, unless overridden. */
export function compositeAlarm(id: string, shape: Pick<CompositeAlarmDefinition, 'rule'> & Partial<CompositeAlarmDefinition>): CompositeAlarmDefinition {
  return { kind: 'composite', ...common(id, shape.severity ?? 'critical'), notify: 'critical', ...shape };
}
