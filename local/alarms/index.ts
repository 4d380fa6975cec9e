/** The local alarm evaluator: the catalog's alarms run against the local metric store with CloudWatch's semantics. */
export { AlarmEvaluator, type AlarmEvaluatorOptions } from './alarm-evaluator';
export type { AlarmMetricSource } from './metric-source';
export type { AlarmNotification, AlarmState, AlarmStatus, AlarmTransition, CloudWatchAlarmMessage, EvaluationResult, SuppressedBy } from './types';
export { compileMetricAlarm, alarmDatapoints, evaluationEnd, type CompiledMetricAlarm, type CompiledQuery } from './compiled-alarm';
export {
  compileMetricMath,
  evaluateExpression,
  evaluateMetricMath,
  MetricMathError,
  type CompiledMath,
  type FillOfAbsentSeries,
  type MathNode,
  type MetricMathOptions,
} from './metric-math';
export { decideAlarmState, evaluationRange, EVALUATION_RANGE_EXTRA_PERIODS, type MissingDataDecision } from './missing-data';
export { buildNotification, localAlarmArn, localTopicArn } from './notifications';
export { requiredRetentionSeconds } from './retention';
export {
  comparableFromCloudFormation,
  comparableFromLocal,
  CLOUDWATCH_ALARM,
  CLOUDWATCH_COMPOSITE_ALARM,
  type CloudFormationResource,
  type ComparableAlarm,
  type TemplateReader,
} from './cloudformation-alarm';
export { parseAlarmRule, normalizeAlarmRule } from './alarm-rule-text';
