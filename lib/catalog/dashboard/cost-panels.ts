/** Money and usage: cost by model, the top spenders and tokens. */
import { DIMENSIONS, METRICS } from '../metrics';
import { DASHBOARD_COLORS as COLORS, PERIOD_SECONDS as PERIODS, searchQuery, serviceQuery, type MetricSource } from './queries';
import type { DashboardPanel, TimeseriesPanel, TopContributorsPanel } from './types';

const HEIGHT = 6;

/** Cost by model and tokens side by side, with the top spenders between them when there is a rule. */
export function costPanels(source: MetricSource, topSpendersRuleName: string | undefined): DashboardPanel[] {
  if (topSpendersRuleName === undefined) return [costByModel(source, 12), tokenUsage(source, 12)];
  return [costByModel(source, 8), topSpenders(topSpendersRuleName), tokenUsage(source, 8)];
}

/** Hourly LLM spend per model, for every model the agent has used. */
function costByModel(source: MetricSource, width: number): TimeseriesPanel {
  return {
    id: 'cost-by-model',
    title: 'LLM cost by model (USD per hour)',
    description: 'LLM spend in USD per hour and model, stacked.',
    view: 'timeseries',
    queries: [searchQuery('model_cost', source, METRICS.costUsd, DIMENSIONS.model, 'Sum', PERIODS.hour)],
    leftAxis: { min: 0, label: 'USD' },
    unit: 'usd',
    stacked: true,
    width,
    height: HEIGHT,
  };
}

/** The users with the highest LLM spend per hour, from the Contributor Insights rule over the agent's EMF logs. */
function topSpenders(ruleName: string): TopContributorsPanel {
  return {
    id: 'top-spenders',
    title: 'Top spenders (USD per hour, by userId)',
    description: `The 10 users with the highest LLM spend per hour (Contributor Insights rule ${ruleName}).`,
    view: 'top-contributors',
    ruleName,
    maxContributorCount: 10,
    orderBy: 'Sum',
    periodSeconds: PERIODS.hour,
    unit: 'usd',
    width: 8,
    height: HEIGHT,
  };
}

function tokenUsage(source: MetricSource, width: number): TimeseriesPanel {
  return {
    id: 'tokens',
    title: 'Tokens (5 minutes)',
    description: 'Prompt and completion tokens the provider reported, every 5 minutes, stacked.',
    view: 'timeseries',
    queries: [
      serviceQuery('prompt', source, METRICS.tokensPrompt, 'Sum', PERIODS.fiveMinutes, { label: 'Prompt tokens', color: COLORS.requests }),
      serviceQuery('completion', source, METRICS.tokensCompletion, 'Sum', PERIODS.fiveMinutes, { label: 'Completion tokens', color: COLORS.purple }),
    ],
    leftAxis: { min: 0, label: 'tokens' },
    unit: 'tokens',
    stacked: true,
    width,
    height: HEIGHT,
  };
}
