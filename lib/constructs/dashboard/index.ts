/** The operators' dashboard and the Contributor Insights rule for the top spenders. */
export { AgentDashboard, type AgentDashboardProps } from './agent-dashboard';
export { TopSpendersInsightRule, topSpendersRuleBody, type InsightRuleStatistic, type TopSpendersInsightRuleProps } from './top-spenders';
export { ContributorInsightsWidget, type ContributorInsightsWidgetProps } from './contributor-insights-widget';
export { searchByDimension, serviceMetric, type MetricSource } from './dashboard-metrics';
