/** Alarms on money: hourly spike, daily spend over budget, budget refusals and overruns, unpriced models. */
import { METRICS } from '../metrics';
import { agentMetric, formatNumber, metricAlarm } from './define';
import { SECONDS } from './limits';
import { ALARM_IDS } from './naming';
import type { ResolvedAlarmSettings } from './settings';
import type { MetricAlarmDefinition } from './types';

export function costAlarms(s: ResolvedAlarmSettings): MetricAlarmDefinition[] {
  return [hourlySpike(s), dailyBudget(s), budgetRejections(s), budgetOverruns(s), unpricedModel(s)];
}

function hourlySpike(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const usd = formatNumber(s.hourlySpendSpikeUsd);
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.spendHourlySpike,
      title: `Spend over ${usd} USD in an hour`,
      severity: 'warning',
      runbookId: 'spend-hourly-spike',
      meaning: `The agent's LLM spend (${METRICS.costUsd.name}) in the last hour passed ${usd} USD; at that pace the daily budget of ${formatNumber(s.dailyBudgetUsd)} USD lasts ${formatNumber(s.dailyBudgetUsd / s.hourlySpendSpikeUsd)} hours.`,
      action: 'Find the user, feature or model driving the spend (Logs Insights by userId) and stop a runaway loop before the budget guard refuses everyone.',
      notify: 'warning',
    },
    {
      metric: agentMetric(s, METRICS.costUsd, 'Sum'),
      periodSeconds: SECONDS.hour,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: s.hourlySpendSpikeUsd,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

/**
 * One datapoint with a one-day period: the spend of the last 24 hours (a sliding window).
 * The budget guard caps each UTC day, so a warning: two heavy days back to back can pass it
 * legitimately; past that it means spend the guard does not see.
 */
function dailyBudget(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const usd = formatNumber(s.dailyBudgetUsd);
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.spendDailyBudget,
      title: `Spend over the daily budget of ${usd} USD`,
      severity: 'warning',
      runbookId: 'spend-daily-budget',
      meaning: `The agent's LLM spend in the last 24 hours passed the daily budget of ${usd} USD.`,
      action: 'Compare with the budget table\'s daily counters; check unpriced models and spend outside the guard; raise the budget or cut usage.',
      notify: 'warning',
    },
    {
      metric: agentMetric(s, METRICS.costUsd, 'Sum'),
      periodSeconds: SECONDS.day,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: s.dailyBudgetUsd,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

/**
 * A warning: a per-user cap refusing one caller is the budget working. When the whole
 * service runs out, most requests fail and error-rate and the SLO alarms page for it.
 */
function budgetRejections(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.budgetRejections,
      title: 'Requests refused by the budget',
      severity: 'warning',
      runbookId: 'budget-rejections',
      meaning: 'The budget guard refused at least one request (budget_exceeded, HTTP 429) in the last 5 minutes.',
      action: 'Check whether the service budget or a per-user limit is exhausted, and whether the spend is legitimate; raise the limit or stop the spender.',
      notify: 'warning',
    },
    {
      metric: agentMetric(s, METRICS.budgetRejections, 'Sum'),
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 0,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

/**
 * A warning: the guard charges the real cost of an overrunning reply, so the day's counter may
 * end past the hard limit by what the requests in flight overran. It means a provider that
 * does not respect the completion cap (or prompts far denser than the estimate assumes).
 */
function budgetOverruns(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.budgetOverruns,
      title: 'Replies costing more than the budget held for them',
      severity: 'warning',
      runbookId: 'budget-overruns',
      meaning: `At least one reply in the last 15 minutes (${METRICS.budgetOverruns.name}) cost more than the worst case the budget guard reserved for its call, usually a provider ignoring max_completion_tokens; the daily spend can pass the hard limit by such overruns.`,
      action: 'Find the model and endpoint in the logs, compare its completion tokens with AGENT_MAX_COMPLETION_TOKENS, and move to a provider that honours the cap.',
      notify: 'warning',
    },
    {
      metric: agentMetric(s, METRICS.budgetOverruns, 'Sum'),
      periodSeconds: 900,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 0,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

function unpricedModel(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.unpricedModel,
      title: 'Responses from a model without a price',
      severity: 'warning',
      runbookId: 'unpriced-model',
      meaning: 'At least one response in the last 15 minutes came from a model missing from the pricing table (or reported no usable usage), so its cost is unknown: the budget guard charges it an estimate.',
      action: 'Find the model in the logs and add its price to the pricing table (or pin AGENT_MODEL to a priced model).',
      notify: 'warning',
    },
    {
      metric: agentMetric(s, METRICS.costUnpriced, 'Sum'),
      periodSeconds: 900,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 0,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}
