import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { isLatencyTier, LATENCY_TIERS, type LatencyTier } from '../../catalog/latency-tiers';
import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME } from '../../catalog/metrics';
import { costByModel, tokenUsage } from './cost-widgets';
import type { MetricSource } from './dashboard-metrics';
import { lambdaDuration, lambdaHealth, type NamedFunction } from './lambda-widgets';
import { judgeBacklog, judgeThroughput, qualityScore } from './quality-widgets';
import { errorsByCategory, latencyPercentiles, requestsOverTime, toolUsage } from './request-widgets';
import { summaryWidgets } from './summary-widgets';
import type { TopSpendersInsightRule } from './top-spenders';

export interface AgentDashboardProps {
  /** The namespace of the agent's metrics. @default 'AgentMonitoring' */
  readonly namespace?: string;
  /** The `service` dimension value of the agent's metrics. @default 'agent' */
  readonly serviceName?: string;
  /** The row of the latency budget table drawn as target lines on the latency graph. @default 'real-time-chat' */
  readonly latencyTier?: LatencyTier;
  /** The quality threshold line on the quality graph, in (0, 1]. @default 0.8 */
  readonly qualityThreshold?: number;
  /** Alarms shown in the alarm status widget at the bottom. @default no alarm status widget */
  readonly alarms?: readonly cloudwatch.IAlarm[];
  /** The agent Lambda, for its AWS/Lambda errors, throttles, duration and concurrency. @default no Lambda row for the agent */
  readonly agentFunction?: lambda.IFunction;
  /** The judge Lambda, for its AWS/Lambda errors, throttles, duration and concurrency. @default no Lambda row for the judge */
  readonly judgeFunction?: lambda.IFunction;
  /** The top spenders rule, drawn next to cost by model. @default no top spenders widget */
  readonly topSpenders?: TopSpendersInsightRule;
  /** @default `${serviceName}-monitoring` */
  readonly dashboardName?: string;
  /** The time range the dashboard opens with. @default Duration.hours(6) */
  readonly defaultInterval?: Duration;
}

const FULL_WIDTH = 24;

/**
 * The operators' dashboard, top to bottom: request rate, error rate, P95 latency and cost per
 * hour; requests and errors; latency against the tier's targets; tool usage; errors by
 * category; cost by model (and the top spenders); tokens; quality score against its threshold
 * with the drift flag; the judge's backlog and throughput; Lambda health; alarm status.
 *
 * Graphs by tool, model and error category are SEARCH expressions, so a new tool, model or
 * category appears without a deploy.
 *
 * @example
 * new AgentDashboard(this, 'Dashboard', {
 *   serviceName: 'agent',
 *   latencyTier: 'real-time-chat',
 *   alarms: [...alarms.alarms.values()],
 *   agentFunction: agent.function,
 *   topSpenders,
 * });
 */
export class AgentDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: AgentDashboardProps = {}) {
    super(scope, id);
    const source: MetricSource = {
      namespace: props.namespace ?? DEFAULT_NAMESPACE,
      serviceName: props.serviceName ?? DEFAULT_SERVICE_NAME,
    };
    const tier = props.latencyTier ?? 'real-time-chat';
    if (!isLatencyTier(tier)) throw new Error(`AgentDashboard latencyTier must be one of ${Object.keys(LATENCY_TIERS).join(', ')}, got ${JSON.stringify(tier)}`);
    const threshold = props.qualityThreshold ?? 0.8;
    if (!(threshold > 0 && threshold <= 1)) throw new Error(`AgentDashboard qualityThreshold must be in (0, 1], got ${threshold}`);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? `${source.serviceName}-monitoring`,
      defaultInterval: props.defaultInterval ?? Duration.hours(6),
    });
    this.dashboard.addWidgets(...summaryWidgets(source));
    this.dashboard.addWidgets(requestsOverTime(source), latencyPercentiles(source, tier));
    this.dashboard.addWidgets(toolUsage(source), errorsByCategory(source));
    this.dashboard.addWidgets(...costRow(source, props.topSpenders));
    this.dashboard.addWidgets(qualityScore(source, threshold), judgeBacklog(source), judgeThroughput(source));
    const functions = namedFunctions(props);
    if (functions.length > 0) this.dashboard.addWidgets(lambdaHealth(functions, 12), lambdaDuration(functions, 12));
    if (props.alarms && props.alarms.length > 0) this.dashboard.addWidgets(alarmStatus(props.alarms));
  }
}

function costRow(source: MetricSource, topSpenders: TopSpendersInsightRule | undefined): cloudwatch.IWidget[] {
  if (!topSpenders) return [costByModel(source), tokenUsage(source)];
  return [costByModel(source, 8), topSpenders.widget({ width: 8 }), tokenUsage(source, 8)];
}

function namedFunctions(props: AgentDashboardProps): NamedFunction[] {
  const functions: NamedFunction[] = [];
  if (props.agentFunction) functions.push({ role: 'Agent', fn: props.agentFunction });
  if (props.judgeFunction) functions.push({ role: 'Judge', fn: props.judgeFunction });
  return functions;
}

/** The widget grows with the alarm count, so that a full catalog shows without scrolling. */
function alarmStatus(alarms: readonly cloudwatch.IAlarm[]): cloudwatch.AlarmStatusWidget {
  return new cloudwatch.AlarmStatusWidget({
    title: 'Alarm status',
    alarms: [...alarms],
    sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
    width: FULL_WIDTH,
    height: Math.max(3, Math.ceil(alarms.length / 4) + 1),
  });
}
