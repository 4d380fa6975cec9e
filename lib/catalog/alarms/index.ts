/**
 * The alarm catalog: typed, CDK-free alarm definitions that the stack turns into CloudWatch
 * alarms, the dashboard draws, and the local evaluator runs with CloudWatch's semantics.
 */
export type {
  ActionsSuppressor,
  AlarmDefinition,
  AlarmRule,
  Comparison,
  CompositeAlarmDefinition,
  MathExpression,
  MetricAlarmDefinition,
  MetricRef,
  MissingData,
  Severity,
  Statistic,
} from './types';
export { alarmCatalog, catalogProblems, metricRefsOf } from './catalog';
export { resolveAlarmSettings, toolSlug, DEFAULT_RUNBOOK_BASE_URL, type AlarmSettings, type ResolvedAlarmSettings } from './settings';
export { ALARM_IDS, RUNBOOK_IDS, RUNBOOK_DIRECTORY, alarmName, runbookPath, runbookPaths, providerOutageCategoryId, toolErrorRateId, type RunbookId } from './naming';
export { evaluateAlarmRule, renderAlarmRule, ruleAlarmIds } from './rules';
export { BURN_RATE_TIERS, SLO_PERIOD_DAYS, burnRateThreshold, burnWindowId, lambdaBurnWindowId, type BurnRateTier } from './slo-alarms';
export { HEALTH_CHILD_IDS, HEALTH_SUPPRESSOR_ID } from './health-alarm';
export { AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE, AWS_LAMBDA_FUNCTION_DIMENSION } from './lambda-metrics';
export { AWS_SQS_METRICS, AWS_SQS_NAMESPACE, AWS_SQS_QUEUE_DIMENSION } from './sqs-metrics';
export { CLIENT_ERRORS, FAILED_REQUESTS, PROVIDER_OUTAGE_CATEGORIES, SERVED_REQUESTS } from './request-alarms';
export { SLO_FAILURES, SLO_REQUESTS } from './slo-alarms';
export { agentLambdaMetrics, CONDITION_ALARM_IDS } from './lambda-alarms';
export { ALWAYS_WRITTEN_WITH, DENSE_METRICS, independentSparseSeries, isSparse, sparseDataProblems } from './sparse-metrics';
export * from './limits';
