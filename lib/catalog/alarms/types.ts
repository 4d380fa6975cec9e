/**
 * The shape of an alarm definition: plain data that the CDK construct turns into CloudWatch
 * alarms and that the local evaluator runs with CloudWatch's semantics.
 */
import type { Severity } from '../error-categories';
import type { MetricSpec } from '../metrics';

export type { Severity } from '../error-categories';

/** A CloudWatch statistic; percentiles such as `p95` become an ExtendedStatistic. */
export type Statistic = 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' | `p${number}`;

export type Comparison =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** CloudWatch's TreatMissingData values. */
export type MissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/** One metric with everything resolved: namespace, statistic and dimension values. */
export interface MetricRef {
  readonly metric: MetricSpec;
  readonly statistic: Statistic;
  /** Dimension name to value, the service name already filled in. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** The agent's namespace, or an AWS namespace such as `AWS/Lambda`. */
  readonly namespace: string;
}

/**
 * A metric math expression over a few metrics, every metric at the alarm's period.
 *
 * Expressions use only: the metric ids (lowercase), numbers, `+ - * /`, parentheses, the
 * comparisons `> >= < <=`, `IF(condition, whenTrue, whenFalse)` and `FILL(id, number)`.
 * The local evaluator implements exactly this subset. `FILL(id, v)` is v in the periods of
 * the evaluated range where the metric has no datapoint (a metric the runtime writes only
 * when non-zero, such as the errors count); a period where any unfilled metric is missing
 * has no datapoint, and the alarm's `treatMissingData` decides.
 *
 * No alarm may depend on FILL yielding values for a metric with NO datapoint in the whole
 * range (not confirmed for CloudWatch): an expression reads at most one independent sparse
 * series, so that such an absence can only mean "nothing happened" (sparse-metrics.ts).
 */
export interface MathExpression {
  readonly expression: string;
  readonly label: string;
  readonly metrics: Readonly<Record<string, MetricRef>>;
}

interface AlarmCommon {
  /** Kebab-case, unique in the catalog, e.g. `error-rate`. */
  readonly id: string;
  /** `<serviceName>-<id>-<severity>`: the CloudWatch alarm name. */
  readonly name: string;
  readonly title: string;
  readonly severity: Severity;
  /** Repository path of the runbook, `docs/runbooks/alarms/<runbook id>.md`. */
  readonly runbook: string;
  /** The runbook link written into the description (settings `runbookBaseUrl`). */
  readonly runbookUrl: string;
  /** Names the severity and the runbook link, says what the alarm means and what to do. */
  readonly description: string;
  /**
   * The severity topic that receives this alarm's ALARM and OK transitions (OK too, so that
   * Slack and PagerDuty can resolve). Not always the alarm's severity: a critical child of
   * `unhealthy` notifies the info topic, and the composite pages. Absent when the alarm
   * only feeds a composite that notifies for it (the burn-rate windows).
   */
  readonly notify?: Severity;
}

export interface MetricAlarmDefinition extends AlarmCommon {
  readonly kind: 'metric';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: Comparison;
  readonly treatMissingData: MissingData;
  /** Exactly one of `metric` and `math` is set. */
  readonly metric?: MetricRef;
  readonly math?: MathExpression;
}

/** A composite alarm rule over other alarms of the catalog, by id. */
export type AlarmRule =
  | { readonly anyOf: readonly AlarmRule[] }
  | { readonly allOf: readonly AlarmRule[] }
  | { readonly alarm: string };

/** Suppresses the composite's own actions while the suppressor alarm is in ALARM. */
export interface ActionsSuppressor {
  /** Id of the suppressor alarm in the catalog. */
  readonly alarm: string;
  /** How long actions stay suppressed after the suppressor leaves ALARM. */
  readonly extensionSeconds: number;
  /** How long the composite waits, once in ALARM, for the suppressor to reach ALARM. */
  readonly waitSeconds: number;
}

export interface CompositeAlarmDefinition extends AlarmCommon {
  readonly kind: 'composite';
  readonly rule: AlarmRule;
  readonly actionsSuppressor?: ActionsSuppressor;
}

export type AlarmDefinition = MetricAlarmDefinition | CompositeAlarmDefinition;
