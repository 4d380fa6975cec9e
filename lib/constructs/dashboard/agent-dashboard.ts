import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { dashboardDefinition, type DashboardDefinition } from '../../catalog/dashboard';
import type { LatencyTier } from '../../catalog/latency-tiers';
import { cloudWatchWidget, type AlarmLookup } from './cloudwatch-widgets';
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

/**
 * The operators' dashboard, drawn from the dashboard definition (lib/catalog/dashboard), top
 * to bottom: request rate, error rate, P95 latency and cost per hour; requests and errors;
 * latency against the tier's targets; tool usage; errors by category; cost by model (and the
 * top spenders); tokens; quality score against its threshold with the drift flag; the judge's
 * backlog and throughput; Lambda health; alarm status; where to find the recent alerts.
 *
 * Graphs by tool, model and error category are SEARCH expressions, so a new tool, model or
 * category appears without a deploy. A panel is added in the definition, not here.
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
  /** The definition the dashboard was drawn from. */
  readonly definition: DashboardDefinition;

  constructor(scope: Construct, id: string, props: AgentDashboardProps = {}) {
    super(scope, id);
    const alarms = new Map((props.alarms ?? []).map((alarm) => [alarm.alarmName, alarm]));
    this.definition = dashboardDefinition({
      namespace: props.namespace,
      serviceName: props.serviceName,
      latencyTier: props.latencyTier,
      qualityThreshold: props.qualityThreshold,
      agentFunctionName: props.agentFunction?.functionName,
      judgeFunctionName: props.judgeFunction?.functionName,
      topSpendersRuleName: props.topSpenders?.ruleName,
      alarms: [...alarms.keys()].map((name) => ({ name })),
      dashboardName: props.dashboardName,
      defaultRangeSeconds: props.defaultInterval?.toSeconds(),
    });
    const alarmOf: AlarmLookup = (name) => {
      const alarm = alarms.get(name);
      if (!alarm) throw new Error(`AgentDashboard: the definition lists alarm ${name}, which was not given`);
      return alarm;
    };
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: this.definition.name,
      defaultInterval: Duration.seconds(this.definition.defaultRangeSeconds),
    });
    for (const row of this.definition.rows) this.dashboard.addWidgets(...row.panels.map((panel) => cloudWatchWidget(panel, alarmOf)));
  }
}
