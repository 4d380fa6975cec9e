/** The Grafana dashboard of a deployed stack, from the same configuration the stack reads. */
import { alarmCatalog } from '../catalog/alarms';
import { dashboardAlarms, dashboardDefinition } from '../catalog/dashboard';
import { alarmSettingsFrom } from '../config/alarm-settings';
import type { MonitoringConfig } from '../config/monitoring-config';
import { grafanaDashboard } from './grafana-dashboard';
import type { GrafanaDashboardJson } from './grafana-json';

/** The deployed Lambda function names, the starting values of the dashboard's function variables. */
export interface GrafanaFunctionNames {
  /** The stack output AgentFunctionName. @default empty: the Lambda panels show the agent once it is set in Grafana */
  readonly agent?: string;
  /** The stack output JudgeFunctionName. @default `${serviceName}-judge`, the name the stack gives it */
  readonly judge?: string;
  /** The region variable's starting value. @default 'default' (the data source's default region) */
  readonly region?: string;
}

/**
 * The stack's dashboard for Grafana: the definition with the stack's namespace, service, latency
 * tier, quality threshold, alarms (named as the stack names them) and top spenders rule; the
 * Lambda panels read the `agent_function` and `judge_function` variables.
 */
export function grafanaDashboardFor(config: MonitoringConfig, names: GrafanaFunctionNames = {}): GrafanaDashboardJson {
  const definition = dashboardDefinition({
    namespace: config.metricNamespace,
    serviceName: config.serviceName,
    latencyTier: config.latencyTier,
    qualityThreshold: config.qualityThreshold,
    agentFunctionName: '$agent_function',
    judgeFunctionName: '$judge_function',
    topSpendersRuleName: `${config.serviceName}-top-spenders`,
    alarms: dashboardAlarms(alarmCatalog(alarmSettingsFrom(config))),
  });
  return grafanaDashboard(definition, {
    region: names.region,
    variables: [
      { name: 'agent_function', label: 'Agent function', value: names.agent ?? '', description: 'The agent Lambda function name: the stack output AgentFunctionName.' },
      { name: 'judge_function', label: 'Judge function', value: names.judge ?? `${config.serviceName}-judge`, description: 'The judge Lambda function name: the stack output JudgeFunctionName.' },
    ],
  });
}
