/**
 * Small builders shared by the alarm families: metric references with resolved dimensions,
 * and definitions completed with their name, runbook and description.
 */
import { DIMENSIONS, type MetricSpec } from '../metrics';
import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_NAMESPACE } from './lambda-metrics';
import { alarmDescription, alarmName, runbookPath, runbookUrl, type RunbookId } from './naming';
import type { ResolvedAlarmSettings } from './settings';
import { AWS_SQS_NAMESPACE, AWS_SQS_QUEUE_DIMENSION } from './sqs-metrics';
import type {
  ActionsSuppressor,
  AlarmRule,
  CompositeAlarmDefinition,
  MathExpression,
  MetricAlarmDefinition,
  MetricRef,
  Severity,
  Statistic,
} from './types';

/** The words of an alarm: what it is, what it means, what to do, where it notifies. */
export interface AlarmText {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly runbookId: RunbookId;
  readonly meaning: string;
  readonly action: string;
  /** The topic for ALARM and OK; absent for a building block of a composite. */
  readonly notify?: Severity;
}

type Evaluation = Pick<
  MetricAlarmDefinition,
  'periodSeconds' | 'evaluationPeriods' | 'datapointsToAlarm' | 'threshold' | 'comparison' | 'treatMissingData'
>;

export type MetricAlarmShape = Evaluation & ({ readonly metric: MetricRef } | { readonly math: MathExpression });

export function metricAlarm(s: ResolvedAlarmSettings, text: AlarmText, shape: MetricAlarmShape): MetricAlarmDefinition {
  return { kind: 'metric', ...common(s, text), ...shape };
}

export function compositeAlarm(
  s: ResolvedAlarmSettings,
  text: AlarmText,
  shape: { readonly rule: AlarmRule; readonly actionsSuppressor?: ActionsSuppressor },
): CompositeAlarmDefinition {
  return { kind: 'composite', ...common(s, text), ...shape };
}

function common(s: ResolvedAlarmSettings, text: AlarmText) {
  const url = runbookUrl(s.runbookBaseUrl, text.runbookId);
  return {
    id: text.id,
    name: alarmName(s.serviceName, text.id, text.severity),
    title: text.title,
    severity: text.severity,
    runbook: runbookPath(text.runbookId),
    runbookUrl: url,
    description: alarmDescription({ ...text, runbookUrl: url }),
    ...(text.notify ? { notify: text.notify } : {}),
  };
}

/** A metric of the agent's namespace with the `service` dimension, plus any other dimension. */
export function agentMetric(
  s: ResolvedAlarmSettings,
  metric: MetricSpec,
  statistic: Statistic,
  dimensions: Readonly<Record<string, string>> = {},
): MetricRef {
  return { metric, statistic, namespace: s.namespace, dimensions: { [DIMENSIONS.service]: s.serviceName, ...dimensions } };
}

/** An AWS/Lambda metric of one function. */
export function lambdaMetric(metric: MetricSpec, statistic: Statistic, functionName: string): MetricRef {
  return { metric, statistic, namespace: AWS_LAMBDA_NAMESPACE, dimensions: { [AWS_LAMBDA_FUNCTION_DIMENSION]: functionName } };
}

/** An AWS/SQS metric of one queue. */
export function sqsMetric(metric: MetricSpec, statistic: Statistic, queueName: string): MetricRef {
  return { metric, statistic, namespace: AWS_SQS_NAMESPACE, dimensions: { [AWS_SQS_QUEUE_DIMENSION]: queueName } };
}

/** `5 %`, `0.5 %`: a number for a human, without floating-point noise. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** `300 s` → `5 minutes`, `86400 s` → `1 day`. */
export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return plural(seconds / 86400, 'day');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
