/**
 * The operators' dashboard as data, the one place where a panel is added or changed.
 *
 * `dashboardDefinition(options)` returns rows of panels (top to bottom; panels in a row left
 * to right on a 24-column grid, with `width` and `height` in grid units). Every panel has an
 * `id`, a `title`, a `description` and a `view`: `single-value` (the latest value of its one
 * query, with a sparkline), `timeseries` (its queries as lines, `stacked` as areas, against
 * `leftAxis`/`rightAxis` by each query's `axis`, with `thresholds` as horizontal lines),
 * `alarm-status` (the state of its `alarms`), `recent-alerts` (the latest notifications of the
 * alarms named `alarmNamePrefix*`) and `top-contributors` (a Contributor Insights rule).
 * A query is one of three kinds: `metric` (namespace, metric, dimensions, statistic and
 * `periodSeconds`: what a metric store answers directly), `search` (the same with one
 * dimension `groupBy` left open: one line per value of it) and `expression` (metric math over
 * its `metrics`, in the local evaluator's subset plus `PERIOD(id)`, see `resolvePeriods`).
 * Metric names come only from the catalog (METRICS, JUDGE_METRICS, AWS_LAMBDA_METRICS).
 *
 * @example
 * const definition = dashboardDefinition({ serviceName: 'support-bot', latencyTier: 'real-time-chat', alarms: dashboardAlarms(alarmCatalog()) });
 * panelsOf(definition).map((panel) => panel.title); // ['Request rate', 'Error rate', ...]
 */
import type { AlarmDefinition } from '../alarms/types';
import { isLatencyTier, LATENCY_TIERS, type LatencyTier } from '../latency-tiers';
import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME } from '../metrics';
import { costPanels } from './cost-panels';
import { alarmStatus, lambdaPanels, recentAlerts, type NamedFunction } from './health-panels';
import { qualityPanels } from './quality-panels';
import type { MetricSource } from './queries';
import { errorsByCategory, latencyPercentiles, requestsOverTime, toolUsage } from './request-panels';
import { summaryPanels } from './summary-panels';
import type { DashboardAlarm, DashboardDefinition, DashboardRow } from './types';

export interface DashboardOptions {
  /** The namespace of the agent's metrics. @default 'AgentMonitoring' */
  readonly namespace?: string;
  /** The `service` dimension value of the agent's metrics. @default 'agent' */
  readonly serviceName?: string;
  /** The row of the latency budget table drawn as target lines on the latency graph. @default 'real-time-chat' */
  readonly latencyTier?: LatencyTier;
  /** The quality threshold line on the quality graph, in (0, 1]. @default 0.8 */
  readonly qualityThreshold?: number;
  /** The agent Lambda's name, for its AWS/Lambda errors, throttles, duration and concurrency. @default no Lambda series for the agent */
  readonly agentFunctionName?: string;
  /** The judge Lambda's name, likewise. @default no Lambda series for the judge */
  readonly judgeFunctionName?: string;
  /** The top spenders Contributor Insights rule, drawn next to cost by model. @default no top spenders panel */
  readonly topSpendersRuleName?: string;
  /** The alarms of the alarm status and recent alerts panels (see `dashboardAlarms`). @default neither panel */
  readonly alarms?: readonly DashboardAlarm[];
  /** @default `${serviceName}-monitoring` */
  readonly dashboardName?: string;
  /** The time range the dashboard opens with, in seconds. @default 6 hours */
  readonly defaultRangeSeconds?: number;
}

const SIX_HOURS = 6 * 3600;

/** Every panel of the dashboard, in rows. Throws an Error naming the option at fault. */
export function dashboardDefinition(options: DashboardOptions = {}): DashboardDefinition {
  const source: MetricSource = { namespace: options.namespace ?? DEFAULT_NAMESPACE, serviceName: options.serviceName ?? DEFAULT_SERVICE_NAME };
  const tier = options.latencyTier ?? 'real-time-chat';
  if (!isLatencyTier(tier)) throw new Error(`dashboard latencyTier must be one of ${Object.keys(LATENCY_TIERS).join(', ')}, got ${JSON.stringify(tier)}`);
  const threshold = options.qualityThreshold ?? 0.8;
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`dashboard qualityThreshold must be in (0, 1], got ${threshold}`);
  const rows: DashboardRow[] = [
    { id: 'summary', panels: summaryPanels(source) },
    { id: 'traffic', panels: [requestsOverTime(source), latencyPercentiles(source, tier)] },
    { id: 'tools-and-errors', panels: [toolUsage(source), errorsByCategory(source)] },
    { id: 'cost', panels: costPanels(source, options.topSpendersRuleName) },
    { id: 'quality', panels: qualityPanels(source, threshold) },
  ];
  const functions = namedFunctions(options);
  if (functions.length > 0) rows.push({ id: 'lambda', panels: lambdaPanels(functions) });
  if (options.alarms && options.alarms.length > 0) {
    rows.push({ id: 'alarms', panels: [alarmStatus(options.alarms)] });
    rows.push({ id: 'alerts', panels: [recentAlerts(source.serviceName, options.alarms)] });
  }
  return {
    name: options.dashboardName ?? `${source.serviceName}-monitoring`,
    namespace: source.namespace,
    serviceName: source.serviceName,
    defaultRangeSeconds: options.defaultRangeSeconds ?? SIX_HOURS,
    rows,
  };
}

/**
 * What an on-call acts on: the alarms of the catalog that notify. Building blocks of
 * composites (burn windows, the conditions of monitoring-silent) are in ALARM as a matter of
 * course and are left out.
 */
export function dashboardAlarms(catalog: readonly AlarmDefinition[]): DashboardAlarm[] {
  return catalog.filter((alarm) => alarm.notify !== undefined).map((alarm) => ({ name: alarm.name, severity: alarm.severity, title: alarm.title }));
}

function namedFunctions(options: DashboardOptions): NamedFunction[] {
  const functions: NamedFunction[] = [];
  if (options.agentFunctionName !== undefined) functions.push({ role: 'Agent', functionName: options.agentFunctionName });
  if (options.judgeFunctionName !== undefined) functions.push({ role: 'Judge', functionName: options.judgeFunctionName });
  return functions;
}
