import { alarmCatalog, resolveAlarmSettings, type AlarmSettings } from '../../lib/catalog/alarms';
import { dashboardAlarms, dashboardDefinition, type DashboardDefinition } from '../../lib/catalog/dashboard';

/**
 * The dashboard the deployed stack gets, for the alarm settings the local stack evaluates:
 * the same service, namespace, latency tier, quality threshold, functions and alarms. The top
 * spenders panel is kept as deployed (rule `<serviceName>-top-spenders`); the page says there
 * that Contributor Insights runs in CloudWatch only.
 */
export function localDashboardDefinition(alarmSettings: AlarmSettings): DashboardDefinition {
  const settings = resolveAlarmSettings(alarmSettings);
  return dashboardDefinition({
    namespace: settings.namespace,
    serviceName: settings.serviceName,
    latencyTier: settings.latencyTier,
    qualityThreshold: settings.qualityThreshold,
    agentFunctionName: settings.agentFunctionName,
    judgeFunctionName: settings.judgeFunctionName,
    topSpendersRuleName: `${settings.serviceName}-top-spenders`,
    alarms: dashboardAlarms(alarmCatalog(alarmSettings)),
  });
}
