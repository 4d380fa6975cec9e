/**
 * The shape of the dashboard definition: plain data (no CDK) that three renderers draw, the
 * CloudWatch dashboard body (lib/constructs/dashboard/), the Grafana JSON (lib/grafana/) and
 * the local browser page. Metric names come from the catalog only.
 */
import type { MetricRef, Severity, Statistic } from '../alarms/types';

export type { MetricRef, Severity, Statistic } from '../alarms/types';

/** Which Y axis a query is drawn against. */
export type Axis = 'left' | 'right';

/** What a panel shows its values in; each renderer maps it to its own unit name. */
export type PanelUnit = 'count' | 'requests-per-minute' | 'percent' | 'seconds' | 'milliseconds' | 'usd' | 'score' | 'tokens';

interface QueryCommon {
  /**
   * Lowercase, unique in the panel (`[a-z][A-Za-z0-9_]*`, as metric math ids): CloudWatch
   * metric ids, Grafana query ids, the browser's series keys.
   */
  readonly id: string;
  /** Seconds per datapoint: 60, 300, 900 or 3600. */
  readonly periodSeconds: number;
  /** The legend text. @default the renderer's (CloudWatch: metric name and statistic) */
  readonly label?: string;
  /** `#rrggbb`, from DASHBOARD_COLORS. @default the renderer's palette */
  readonly color?: string;
  /** @default 'left' */
  readonly axis?: Axis;
}

/**
 * One metric with fixed dimensions: namespace, metric, dimensions and statistic (MetricRef,
 * as the alarm catalog has them) at `periodSeconds`. A local metric store answers it directly.
 */
export interface MetricQuery extends QueryCommon, MetricRef {
  readonly kind: 'metric';
}

/**
 * One line per value of `groupBy`: every metric of the dimension set `dimensions` + `groupBy`
 * (e.g. `service, tool`) with the given `dimensions` values. CloudWatch and Grafana draw it as
 * a SEARCH expression, so a new tool, model or error category appears without a deploy; the
 * browser lists the `groupBy` values the store holds. Each line is labelled
 * `labelPrefix + <the groupBy value>`.
 */
export interface SearchQuery extends QueryCommon {
  readonly kind: 'search';
  readonly namespace: string;
  readonly metric: MetricRef['metric'];
  readonly statistic: Statistic;
  /** The fixed dimensions, e.g. `{ service: 'agent' }`. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** The dimension that varies, one line per value, e.g. `tool`. */
  readonly groupBy: string;
  /** @default '' */
  readonly labelPrefix?: string;
}

/**
 * Metric math over the metrics in `metrics` (by id), each read at the query's period. The
 * expression uses the alarm catalog's subset, which local/alarms/metric-math-parser.ts
 * evaluates (ids, numbers, `+ - * /`, parentheses, comparisons, IF, FILL), plus `PERIOD(id)`,
 * the period in seconds: `resolvePeriods` (expressions.ts) replaces it by the number for an
 * evaluator that lacks it.
 */
export interface ExpressionQuery extends QueryCommon {
  readonly kind: 'expression';
  readonly expression: string;
  /** The metrics the expression reads, by the id it names them with; they are not drawn. */
  readonly metrics: Readonly<Record<string, MetricRef>>;
}

export type DashboardQuery = MetricQuery | SearchQuery | ExpressionQuery;

/** A Y axis. */
export interface AxisSettings {
  readonly label: string;
  /** @default 0 */
  readonly min?: number;
  /** @default fitted to the data */
  readonly max?: number;
}

/** A horizontal line at a target or threshold, e.g. `P95 target 5 s`. */
export interface Threshold {
  readonly value: number;
  readonly label: string;
  readonly color: string;
  /** @default 'left' */
  readonly axis?: Axis;
}

/** An alarm as the alarm panels list it (the catalog's name and severity). */
export interface DashboardAlarm {
  /** The CloudWatch alarm name, `<serviceName>-<id>-<severity>`. */
  readonly name: string;
  /** @default unknown (an alarm not from the catalog) */
  readonly severity?: Severity;
  /** @default the name */
  readonly title?: string;
}

interface PanelCommon {
  /** Kebab-case, unique in the dashboard, e.g. `error-rate`. */
  readonly id: string;
  readonly title: string;
  /** One sentence on what the panel shows, for tooltips and Grafana descriptions. */
  readonly description: string;
  /** Grid columns out of 24 (CloudWatch's and Grafana's grid). */
  readonly width: number;
  /** Grid rows (CloudWatch's and Grafana's rows are about the same height). */
  readonly height: number;
}

/** The latest value of one query, with a sparkline of the range. */
export interface SingleValuePanel extends PanelCommon {
  readonly view: 'single-value';
  /** Exactly one query. */
  readonly queries: readonly DashboardQuery[];
  readonly unit: PanelUnit;
}

/** Lines (or stacked areas) over time. */
export interface TimeseriesPanel extends PanelCommon {
  readonly view: 'timeseries';
  readonly queries: readonly DashboardQuery[];
  readonly leftAxis: AxisSettings;
  /** Present when a query is on the right axis. */
  readonly rightAxis?: AxisSettings;
  readonly unit: PanelUnit;
  /** @default false */
  readonly stacked?: boolean;
  /** @default none */
  readonly thresholds?: readonly Threshold[];
}

/** The current state of each alarm, most recently changed first. */
export interface AlarmStatusPanel extends PanelCommon {
  readonly view: 'alarm-status';
  readonly alarms: readonly DashboardAlarm[];
}

/**
 * The latest alarm notifications (which alarm, when, which severity topic). CloudWatch and
 * Grafana have no such widget: they point to the alarm history of the alarms named
 * `alarmNamePrefix*`; the browser lists the local stack's notifications.
 */
export interface RecentAlertsPanel extends PanelCommon {
  readonly view: 'recent-alerts';
  readonly alarmNamePrefix: string;
  readonly alarms: readonly DashboardAlarm[];
  /** The AWS CLI call that lists the latest notifications sent, newest first (every alarm of the region). */
  readonly historyCommand: string;
}

/** The top contributors of a Contributor Insights rule over time (the top spenders). */
export interface TopContributorsPanel extends PanelCommon {
  readonly view: 'top-contributors';
  readonly ruleName: string;
  readonly maxContributorCount: number;
  readonly orderBy: 'Sum' | 'Maximum';
  readonly periodSeconds: number;
  readonly unit: PanelUnit;
}

export type DashboardPanel = SingleValuePanel | TimeseriesPanel | AlarmStatusPanel | RecentAlertsPanel | TopContributorsPanel;
export type PanelView = DashboardPanel['view'];

/** Panels side by side, left to right; a row wider than 24 columns wraps. */
export interface DashboardRow {
  readonly id: string;
  readonly panels: readonly DashboardPanel[];
}

/** The whole dashboard, rows top to bottom. */
export interface DashboardDefinition {
  /** The CloudWatch dashboard name and the Grafana title. */
  readonly name: string;
  readonly namespace: string;
  readonly serviceName: string;
  /** The time range the dashboard opens with. */
  readonly defaultRangeSeconds: number;
  readonly rows: readonly DashboardRow[];
}
