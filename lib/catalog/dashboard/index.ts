/**
 * The dashboard definition: CDK-free data that the CloudWatch dashboard, the Grafana JSON and
 * the local browser page render. See `dashboardDefinition` (panels.ts) for the API in brief.
 */
export type * from './types';
export { dashboardDefinition, dashboardAlarms, type DashboardOptions } from './panels';
export { DASHBOARD_COLORS, PERIOD_SECONDS, type MetricSource } from './queries';
export { panelsOf, resolvePeriods, searchExpression, searchLabel } from './expressions';
export type { NamedFunction } from './health-panels';
