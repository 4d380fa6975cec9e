/**
 * One comparable shape for an alarm, built either from a synthesized CloudFormation resource
 * (`AWS::CloudWatch::Alarm`, `AWS::CloudWatch::CompositeAlarm`) or from what the local
 * evaluator runs, so a test can assert that both agree on everything that decides a state.
 */
import type { AlarmRule, CompositeAlarmDefinition, Severity } from '../../lib/catalog/alarms';
import { normalizeAlarmRule, parseAlarmRule, renameAlarmRule } from './alarm-rule-text';
import type { CompiledMetricAlarm } from './compiled-alarm';

/** A metric as an alarm reads it. `id` is its math id; absent for a single-metric alarm. */
export interface ComparableMetric {
  readonly id?: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `Sum`, `Average`, …, or a percentile such as `p99` (CloudFormation's ExtendedStatistic). */
  readonly statistic: string;
  readonly periodSeconds: number;
}

/** A metric alarm: its metrics (or math), threshold test, M out of N, missing data and topics. */
export interface ComparableMetricAlarm {
  readonly kind: 'metric';
  readonly name: string;
  /** Sorted by id. */
  readonly metrics: readonly ComparableMetric[];
  readonly expression?: string;
  readonly threshold: number;
  readonly comparison: string;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: string;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
}

/** A composite alarm: its rule, its actions suppressor and its topics. */
export interface ComparableCompositeAlarm {
  readonly kind: 'composite';
  readonly name: string;
  /** Alarms named by alarm name, in canonical form (see normalizeAlarmRule). */
  readonly rule: AlarmRule;
  readonly suppressor?: { readonly alarm: string; readonly waitSeconds: number; readonly extensionSeconds: number };
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
}

/** Either kind of alarm, in the shape both sides of the agreement test produce. */
export type ComparableAlarm = ComparableMetricAlarm | ComparableCompositeAlarm;

/** A resource of a synthesized template. */
export interface CloudFormationResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

/** How to read the intrinsic functions of a template. */
export interface TemplateReader {
  /** The AlarmName of the alarm resource with this logical id (for `Fn::GetAtt [id, Arn]`). */
  alarmName(logicalId: string): string;
  /** Any other value (a `Ref`, a token) as a string. @default JSON of the value */
  value?(value: unknown): string;
}

/** The CloudFormation resource types of metric and composite alarms. */
export const CLOUDWATCH_ALARM = 'AWS::CloudWatch::Alarm';
/** See CLOUDWATCH_ALARM. */
export const CLOUDWATCH_COMPOSITE_ALARM = 'AWS::CloudWatch::CompositeAlarm';

/** The comparable shape of a CloudFormation alarm resource. Throws for any other resource type. */
export function comparableFromCloudFormation(resource: CloudFormationResource, reader: TemplateReader): ComparableAlarm {
  const p = resource.Properties ?? {};
  const text = (value: unknown): string => (typeof value === 'string' ? value : (reader.value?.(value) ?? JSON.stringify(value)));
  const actions = { alarmActions: list(p.AlarmActions).map(text), okActions: list(p.OKActions).map(text) };
  if (resource.Type === CLOUDWATCH_COMPOSITE_ALARM) {
    const arnName = (value: unknown): string => resolveArns(value, reader, text);
    return {
      kind: 'composite',
      name: text(p.AlarmName),
      rule: normalizeAlarmRule(parseAlarmRule(arnName(p.AlarmRule))),
      ...(p.ActionsSuppressor !== undefined
        ? { suppressor: { alarm: arnName(p.ActionsSuppressor), waitSeconds: Number(p.ActionsSuppressorWaitPeriod), extensionSeconds: Number(p.ActionsSuppressorExtensionPeriod) } }
        : {}),
      ...actions,
    };
  }
  if (resource.Type !== CLOUDWATCH_ALARM) throw new Error(`${resource.Type} is not a CloudWatch alarm`);
  const math = list(p.Metrics).map((entry) => entry as Record<string, unknown>);
  const expression = math.find((entry) => entry.Expression !== undefined && entry.ReturnData !== false);
  return {
    kind: 'metric',
    name: text(p.AlarmName),
    metrics: math.length > 0 ? math.filter((entry) => entry.MetricStat).map((entry) => metricStatOf(entry, text)).sort(byId) : [singleMetricOf(p, text)],
    ...(expression ? { expression: String(expression.Expression) } : {}),
    threshold: Number(p.Threshold),
    comparison: String(p.ComparisonOperator),
    evaluationPeriods: Number(p.EvaluationPeriods),
    datapointsToAlarm: Number(p.DatapointsToAlarm ?? p.EvaluationPeriods),
    treatMissingData: String(p.TreatMissingData ?? 'missing'),
    ...actions,
  };
}

/** The comparable shape of what the local evaluator runs. `topicOf` names a severity's topic as the template does. */
export function comparableFromLocal(
  alarm: CompiledMetricAlarm | CompositeAlarmDefinition,
  nameOf: (id: string) => string,
  topicOf: (severity: Severity) => string,
): ComparableAlarm {
  const definition = 'definition' in alarm ? alarm.definition : alarm;
  const topics = definition.notify ? [topicOf(definition.notify)] : [];
  const actions = { alarmActions: topics, okActions: topics };
  if (!('definition' in alarm)) {
    const suppressor = alarm.actionsSuppressor;
    return {
      kind: 'composite',
      name: alarm.name,
      rule: normalizeAlarmRule(renameAlarmRule(alarm.rule, nameOf)),
      ...(suppressor ? { suppressor: { alarm: nameOf(suppressor.alarm), waitSeconds: suppressor.waitSeconds, extensionSeconds: suppressor.extensionSeconds } } : {}),
      ...actions,
    };
  }
  const d = alarm.definition;
  return {
    kind: 'metric',
    name: d.name,
    metrics: alarm.queries
      .map((query) => ({
        ...(query.id !== undefined ? { id: query.id } : {}),
        namespace: query.ref.namespace,
        metricName: query.ref.metric.name,
        dimensions: { ...query.ref.dimensions },
        statistic: query.ref.statistic,
        periodSeconds: d.periodSeconds,
      }))
      .sort(byId),
    ...(alarm.math ? { expression: alarm.math.expression } : {}),
    threshold: d.threshold,
    comparison: d.comparison,
    evaluationPeriods: d.evaluationPeriods,
    datapointsToAlarm: d.datapointsToAlarm,
    treatMissingData: d.treatMissingData,
    ...actions,
  };
}

function singleMetricOf(p: Readonly<Record<string, unknown>>, text: (value: unknown) => string): ComparableMetric {
  return {
    namespace: text(p.Namespace),
    metricName: text(p.MetricName),
    dimensions: dimensionsOf(p.Dimensions, text),
    statistic: text(p.ExtendedStatistic ?? p.Statistic),
    periodSeconds: Number(p.Period),
  };
}

function metricStatOf(entry: Record<string, unknown>, text: (value: unknown) => string): ComparableMetric {
  const stat = entry.MetricStat as Record<string, unknown>;
  const metric = stat.Metric as Record<string, unknown>;
  return {
    id: text(entry.Id),
    namespace: text(metric.Namespace),
    metricName: text(metric.MetricName),
    dimensions: dimensionsOf(metric.Dimensions, text),
    statistic: text(stat.Stat),
    periodSeconds: Number(stat.Period),
  };
}

function dimensionsOf(value: unknown, text: (value: unknown) => string): Record<string, string> {
  return Object.fromEntries(list(value).map((d) => [text((d as Record<string, unknown>).Name), text((d as Record<string, unknown>).Value)]));
}

/** A string, or `Fn::Join` of strings and `Fn::GetAtt [alarm, Arn]`, with every alarm ARN written as its alarm name. */
function resolveArns(value: unknown, reader: TemplateReader, text: (value: unknown) => string): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if (Array.isArray(object['Fn::GetAtt'])) return reader.alarmName(String(object['Fn::GetAtt'][0]));
  if (Array.isArray(object['Fn::Join'])) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolveArns(part, reader, text)).join(separator);
  }
  return text(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function byId(a: ComparableMetric, b: ComparableMetric): number {
  return (a.id ?? '').localeCompare(b.id ?? '');
}
