import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Severity } from '../../../lib/catalog/alarms';
import { alarmSettingsFrom, monitoringConfigFrom } from '../../../lib/config';
import { AgentAlarms } from '../../../lib/constructs/alarms';

type Shape = [period: unknown, evaluationPeriods: unknown, datapointsToAlarm: unknown];

/** The judge alarms' Period, EvaluationPeriods and DatapointsToAlarm as CloudFormation gets them, by alarm name. */
function judgeAlarmShapes(judgeSchedule: string): Record<string, Shape> {
  const stack = new Stack(new App(), 'JudgeScheduleTest');
  const topic = (id: Severity) => new sns.Topic(stack, id);
  const settings = alarmSettingsFrom(monitoringConfigFrom({ judgeSchedule }));
  new AgentAlarms(stack, 'Alarms', { settings, topics: { critical: topic('critical'), warning: topic('warning'), info: topic('info') } });
  const shapes: Record<string, Shape> = {};
  for (const resource of Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'))) {
    const p = resource.Properties as Record<string, unknown>;
    const name = String(p.AlarmName);
    if (!/^agent-(judge-|quality-)/.test(name)) continue;
    const metrics = p.Metrics as { MetricStat?: { Period: number } }[] | undefined;
    shapes[name] = [p.Period ?? metrics?.find((m) => m.MetricStat)?.MetricStat?.Period, p.EvaluationPeriods, p.DatapointsToAlarm];
  }
  return shapes;
}

describe('the synthesized judge alarms follow judgeSchedule', () => {
  it.each<[string, Record<string, Shape>]>([
    [
      'rate(5 minutes)',
      {
        'agent-judge-lambda-errors-warning': [300, 3, 2],
        'agent-judge-lambda-throttles-warning': [300, 3, 2],
        'agent-judge-backlog-age-warning': [900, 2, 2],
        'agent-quality-drift-warning': [900, 1, 1],
        'agent-judge-failures-warning': [3600, 1, 1],
        'agent-quality-score-warning': [3600, 1, 1],
      },
    ],
    [
      'rate(15 minutes)',
      {
        'agent-judge-lambda-errors-warning': [900, 3, 2],
        'agent-judge-lambda-throttles-warning': [900, 3, 2],
        'agent-judge-backlog-age-warning': [900, 2, 2],
        'agent-quality-drift-warning': [900, 1, 1],
        'agent-judge-failures-warning': [3600, 1, 1],
        'agent-quality-score-warning': [3600, 1, 1],
      },
    ],
    [
      'rate(1 hour)',
      {
        'agent-judge-lambda-errors-warning': [3600, 3, 2],
        'agent-judge-lambda-throttles-warning': [3600, 3, 2],
        'agent-judge-backlog-age-warning': [3600, 2, 2],
        'agent-quality-drift-warning': [3600, 1, 1],
        'agent-judge-failures-warning': [3600, 1, 1],
        'agent-quality-score-warning': [7200, 1, 1],
      },
    ],
  ])('%s', (schedule, expected) => {
    // Act
    const shapes = judgeAlarmShapes(schedule);

    // Assess
    expect(shapes).toEqual(expected);
  });
});
