/** The whole alarm catalog for one service, checked against CloudWatch's limits. */
import { alertingAlarms } from './alerting-alarms';
import { costAlarms } from './cost-alarms';
import { agentUnhealthy } from './health-alarm';
import { lambdaAlarms } from './lambda-alarms';
import { definitionProblems } from './limits';
import { qualityAlarms } from './quality-alarms';
import { requestAlarms } from './request-alarms';
import { ruleAlarmIds } from './rules';
import { resolveAlarmSettings, type AlarmSettings } from './settings';
import { sloAlarms } from './slo-alarms';
import { sparseDataProblems } from './sparse-metrics';
import { toolAlarms } from './tool-alarms';
import type { AlarmDefinition, MetricAlarmDefinition, MetricRef } from './types';

/**
 * Every alarm of a service, in dependency order: each composite comes after the alarms it
 * names. Throws an Error naming the setting at fault for invalid settings.
 *
 * @example
 * const alarms = alarmCatalog({ serviceName: 'support-bot', latencyTier: 'real-time-chat', monitoredTools: ['search_docs'] });
 * alarms.find((a) => a.id === 'error-rate')?.name; // 'support-bot-error-rate-critical'
 */
export function alarmCatalog(settings: AlarmSettings = {}): AlarmDefinition[] {
  const s = resolveAlarmSettings(settings);
  const definitions: AlarmDefinition[] = [
    ...requestAlarms(s),
    ...lambdaAlarms(s),
    ...costAlarms(s),
    ...toolAlarms(s),
    ...qualityAlarms(s),
    ...sloAlarms(s),
    ...alertingAlarms(s),
  ];
  definitions.push(agentUnhealthy(s, definitions));
  const problems = catalogProblems(definitions);
  if (problems.length > 0) throw new Error(`Invalid alarm catalog:\n${problems.join('\n')}`);
  return definitions;
}

/**
 * Duplicate ids or names, rules naming unknown or later alarms, CloudWatch limit breaches, and
 * math that a sparse metric's absence could blind (sparse-metrics.ts).
 */
export function catalogProblems(definitions: readonly AlarmDefinition[]): string[] {
  const problems: string[] = [];
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  for (const definition of definitions) {
    if (seenIds.has(definition.id)) problems.push(`alarm id ${definition.id} is used twice`);
    if (seenNames.has(definition.name)) problems.push(`alarm name ${definition.name} is used twice`);
    problems.push(...definitionProblems(definition));
    if (definition.kind === 'metric') problems.push(...sparseDataProblems(definition));
    if (definition.kind === 'composite') {
      const named = [...ruleAlarmIds(definition.rule), ...(definition.actionsSuppressor ? [definition.actionsSuppressor.alarm] : [])];
      for (const id of named) if (!seenIds.has(id)) problems.push(`alarm ${definition.id} names ${id}, which is not defined before it`);
    }
    seenIds.add(definition.id);
    seenNames.add(definition.name);
  }
  return problems;
}

/** The metrics one metric alarm reads: its metric, or every metric of its math. */
export function metricRefsOf(definition: MetricAlarmDefinition): MetricRef[] {
  return definition.metric ? [definition.metric] : Object.values(definition.math?.metrics ?? {});
}
