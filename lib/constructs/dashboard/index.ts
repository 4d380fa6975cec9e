/** The operators' dashboard (drawn from lib/catalog/dashboard) and the Contributor Insights rule for the top spenders. */
export { AgentDashboard, type AgentDashboardProps } from './agent-dashboard';
export { TopSpendersInsightRule, topSpendersRuleBody, type InsightRuleStatistic, type TopSpendersInsightRuleProps } from './top-spenders';
export { ContributorInsightsWidget, type ContributorInsightsWidgetProps } from './contributor-insights-widget';
export { cloudWatchMetric } from './cloudwatch-queries';
export { cloudWatchWidget, type AlarmLookup } from './cloudwatch-widgets';
