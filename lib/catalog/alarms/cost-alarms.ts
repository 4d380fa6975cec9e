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
 * What the budget guard enforces: the UTC day's spend of the agent AND the judge, which share
 * one counter. The agent writes that counter's utilization with every request it serves
 * (`METRICS.budgetUtilization`, percent of the daily budget after reserving the request), so
 * the alarm reads its Maximum over 5 minutes; it resets at 00:00 UTC with the guard's counter.
 * Not the agent's `METRICS.costUsd` over 24 hours: that window slides across midnight (two
 * legitimate half-days add up past the budget) and leaves out the judge's spend.
 *
 * The threshold is the guard's soft threshold (`budgetSoftThreshold`): past it requests are
 * still served, and at the budget the guard refuses them (budget-rejections). No datapoint
 * (no request served) is not breaching: the counter is read only when the agent serves one.
 */
function dailyBudget(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const usd = formatNumber(s.dailyBudgetUsd);
  const thresholdPercent = Number((s.budgetSoftThreshold * 100).toPrecision(12));
  const percent = formatNumber(thresholdPercent);
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.spendDailyBudget,
      title: `Daily budget ${percent} % spent`,
      severity: 'warning',
      runbookId: 'spend-daily-budget',
      meaning: `Today's LLM spend (UTC day, agent and judge, as the budget guard counts it: ${METRICS.budgetUtilization.name}) reached ${percent} % of the daily budget of ${usd} USD; at 100 % the guard refuses every request until 00:00 UTC.`,
      action: "Find who is spending (Logs Insights by userId, feature, model; the budget table's spent_agent and spent_judge) and decide: raise dailyBudgetUsd, cut the judge's sample rate, or stop the spender.",
      notify: 'warning',
    },
    {
      metric: agentMetric(s, METRICS.budgetUtilization, 'Maximum'),
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: thresholdPercent,
      comparison: 'GreaterThanOrEqualToThreshold',
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
