import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { acknowledgeActionlessWindowAlarm } from '../compliance-notes';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type {
  AlarmDefinition,
  AlarmRule,
  Comparison,
  CompositeAlarmDefinition,
  MetricAlarmDefinition,
  MissingData,
  Severity,
} from '../../catalog/alarms';
import { alarmMetric } from './metric-factory';

export type SeverityTopics = Readonly<Record<Severity, sns.ITopic>>;

const COMPARISONS: Record<Comparison, cloudwatch.ComparisonOperator> = {
  GreaterThanThreshold: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  GreaterThanOrEqualToThreshold: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  LessThanThreshold: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
  LessThanOrEqualToThreshold: cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
};

const MISSING_DATA: Record<MissingData, cloudwatch.TreatMissingData> = {
  breaching: cloudwatch.TreatMissingData.BREACHING,
  notBreaching: cloudwatch.TreatMissingData.NOT_BREACHING,
  ignore: cloudwatch.TreatMissingData.IGNORE,
  missing: cloudwatch.TreatMissingData.MISSING,
};

/** One CloudWatch alarm from a catalog metric alarm. */
export function createMetricAlarm(scope: Construct, definition: MetricAlarmDefinition, topics: SeverityTopics): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, definition.id, {
    alarmName: definition.name,
    alarmDescription: definition.description,
    metric: alarmMetric(definition),
    threshold: definition.threshold,
    comparisonOperator: COMPARISONS[definition.comparison],
    evaluationPeriods: definition.evaluationPeriods,
    datapointsToAlarm: definition.datapointsToAlarm,
    treatMissingData: MISSING_DATA[definition.treatMissingData],
  });
  addNotifications(alarm, definition, topics);
  return alarm;
}

/** One CloudWatch composite alarm; the alarms its rule and suppressor name must exist already. */
export function createCompositeAlarm(
  scope: Construct,
  definition: CompositeAlarmDefinition,
  topics: SeverityTopics,
  existing: ReadonlyMap<string, cloudwatch.IAlarm>,
): cloudwatch.CompositeAlarm {
  const suppressor = definition.actionsSuppressor;
  const alarm = new cloudwatch.CompositeAlarm(scope, definition.id, {
    compositeAlarmName: definition.name,
    alarmDescription: definition.description,
    alarmRule: cdkAlarmRule(definition.rule, (id) => lookUp(existing, id, definition)),
    ...(suppressor
      ? {
          actionsSuppressor: lookUp(existing, suppressor.alarm, definition),
          actionsSuppressorWaitPeriod: Duration.seconds(suppressor.waitSeconds),
          actionsSuppressorExtensionPeriod: Duration.seconds(suppressor.extensionSeconds),
        }
      : {}),
  });
  addNotifications(alarm, definition, topics);
  return alarm;
}

/** ALARM and OK both go to the topic of the definition's `notify` severity. */
function addNotifications(alarm: cloudwatch.AlarmBase, definition: AlarmDefinition, topics: SeverityTopics): void {
  if (!definition.notify) {
    acknowledgeActionlessWindowAlarm(alarm);
    return;
  }
  const action = new actions.SnsAction(topics[definition.notify]);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
}

function cdkAlarmRule(rule: AlarmRule, alarmOf: (id: string) => cloudwatch.IAlarm): cloudwatch.IAlarmRule {
  if ('alarm' in rule) return cloudwatch.AlarmRule.fromAlarm(alarmOf(rule.alarm), cloudwatch.AlarmState.ALARM);
  if ('anyOf' in rule) return cloudwatch.AlarmRule.anyOf(...rule.anyOf.map((operand) => cdkAlarmRule(operand, alarmOf)));
  return cloudwatch.AlarmRule.allOf(...rule.allOf.map((operand) => cdkAlarmRule(operand, alarmOf)));
}

function lookUp(existing: ReadonlyMap<string, cloudwatch.IAlarm>, id: string, from: CompositeAlarmDefinition): cloudwatch.IAlarm {
  const alarm = existing.get(id);
  if (!alarm) throw new Error(`composite alarm ${from.id} names alarm ${id}, which is not created before it`);
  return alarm;
}
