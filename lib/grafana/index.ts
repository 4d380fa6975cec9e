/** The dashboard definition rendered for Grafana's CloudWatch data source. */
export { grafanaDashboard, type GrafanaDashboardOptions, type GrafanaTextVariable } from './grafana-dashboard';
export { grafanaDashboardFor, type GrafanaFunctionNames } from './grafana-for-config';
export type { GrafanaDashboardJson, GrafanaJson } from './grafana-json';
