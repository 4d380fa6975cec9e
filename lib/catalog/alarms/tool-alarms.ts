/** One error-rate alarm per tool named in `monitoredTools`. */
import { DIMENSIONS, METRICS } from '../metrics';
import { agentMetric, formatNumber, metricAlarm } from './define';
import { toolErrorRateId } from './naming';
import { toolSlug, type ResolvedAlarmSettings } from './settings';
import type { MetricAlarmDefinition } from './types';

export function toolAlarms(s: ResolvedAlarmSettings): MetricAlarmDefinition[] {
  return s.monitoredTools.map((tool) => toolErrorRate(s, tool));
}

function toolErrorRate(s: ResolvedAlarmSettings, tool: string): MetricAlarmDefinition {
  const percent = formatNumber(s.toolErrorRatePercent);
  const dimensions = { [DIMENSIONS.tool]: tool };
  return metricAlarm(
    s,
    {
      id: toolErrorRateId(toolSlug(tool)),
      title: `Tool ${tool} error rate over ${percent} %`,
      severity: 'warning',
      runbookId: 'tool-error-rate',
      meaning: `More than ${percent} % of ${tool} calls failed in 2 of 3 five-minute periods with at least ${s.toolMinCalls} calls each. The model sees the failure and may answer worse.`,
      action: `Read the ${tool} failures in the agent's logs: bad arguments from the model (prompt or schema fix) or a failing dependency of the tool.`,
      notify: 'warning',
    },
    {
      math: {
        expression: `IF(calls >= ${s.toolMinCalls}, 100 * FILL(errors, 0) / calls, 0)`,
        label: `${tool} error rate (%)`,
        metrics: {
          calls: agentMetric(s, METRICS.toolCalls, 'Sum', dimensions),
          errors: agentMetric(s, METRICS.toolErrors, 'Sum', dimensions),
        },
      },
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      threshold: s.toolErrorRatePercent,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}
