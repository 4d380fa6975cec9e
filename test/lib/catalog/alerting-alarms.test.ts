import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DELIVERY_FAILED_MESSAGE } from '../../../functions/alert-router/delivery';
import {
  ALARM_IDS,
  AWS_SQS_METRICS,
  alarmCatalog,
  catalogProblems,
  isSparse,
  sparseDataProblems,
  type AlarmDefinition,
  type MetricAlarmDefinition,
} from '../../../lib/catalog/alarms';
import { METRICS } from '../../../lib/catalog/metrics';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SHAPE = { periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', treatMissingData: 'notBreaching' };

function byId(definitions: AlarmDefinition[], id: string): MetricAlarmDefinition {
  const found = definitions.find((d) => d.id === id);
  if (!found || found.kind !== 'metric') throw new Error(`no metric alarm ${id}`);
  return found;
}

describe('the alerting path alarms', () => {
  it('spells the delivery-failure metric name only in the metric catalog', () => {
    // Prepare
    const sources = ['lib', 'functions'].flatMap((dir) =>
      (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)),
    );

    // Act
    const spelling = sources.filter((file) => readFileSync(path.join(ROOT, file), 'utf8').includes('alerts.delivery.failures'));

    // Assess
    expect(METRICS.alertDeliveryFailures).toEqual({ name: 'alerts.delivery.failures', unit: 'Count', description: 'alert deliveries (Slack, PagerDuty) that failed every retry' });
    expect(spelling).toEqual([path.join('lib', 'catalog', 'metrics.ts')]);
  });

  it('alarms on any delivery that failed every retry in 5 minutes, paging the critical topic directly', () => {
    // Act
    const alarm = byId(alarmCatalog({ serviceName: 'support-bot', namespace: 'SupportBot' }), ALARM_IDS.alertDeliveryFailures);

    // Assess
    expect(alarm).toMatchObject({ ...SHAPE, name: 'support-bot-alert-delivery-failures-critical', severity: 'critical', notify: 'critical', runbook: 'docs/runbooks/alarms/alert-delivery.md' });
    expect(alarm.metric).toEqual({ metric: METRICS.alertDeliveryFailures, statistic: 'Sum', namespace: 'SupportBot', dimensions: { service: 'support-bot' } });
    expect(alarm.math).toBeUndefined();
    expect(alarm.description).toMatch(/^CRITICAL - Alert deliveries failing\. .*e-mail and SMS subscribers of the topics still get them\./);
  });

  it('alarms while any alert waits in the router dead-letter queue, paging the critical topic directly', () => {
    // Act
    const alarm = byId(alarmCatalog({ serviceName: 'support-bot', alertDeadLetterQueueName: 'stack-DeadLetters-ABC' }), ALARM_IDS.alertDeadLetters);

    // Assess
    expect(alarm).toMatchObject({ ...SHAPE, name: 'support-bot-alert-dead-letters-critical', severity: 'critical', notify: 'critical', runbook: 'docs/runbooks/alarms/alert-delivery.md' });
    expect(alarm.metric).toEqual({ metric: AWS_SQS_METRICS.messagesVisible, statistic: 'Maximum', namespace: 'AWS/SQS', dimensions: { QueueName: 'stack-DeadLetters-ABC' } });
    expect(alarm.metric?.metric.name).toBe('ApproximateNumberOfMessagesVisible');
  });

  it('uses a placeholder queue name when none is given, and refuses an empty one naming the setting', () => {
    // Act
    const alarm = byId(alarmCatalog({ serviceName: 'support-bot' }), ALARM_IDS.alertDeadLetters);

    // Assess
    expect(alarm.metric?.dimensions).toEqual({ QueueName: 'support-bot-alert-dead-letters' });
    expect(() => alarmCatalog({ alertDeadLetterQueueName: ' ' })).toThrow('Invalid alarm setting alertDeadLetterQueueName: must be a non-empty string');
  });

  it('keeps the sparse-metric rule: both metrics are sparse and missing data is OK', () => {
    // Prepare
    const catalog = alarmCatalog();
    const alarms = [ALARM_IDS.alertDeliveryFailures, ALARM_IDS.alertDeadLetters].map((id) => byId(catalog, id));

    // Act
    const problems = alarms.map(sparseDataProblems);
    const breaching = alarms.map((alarm) => catalogProblems([{ ...alarm, treatMissingData: 'breaching' }]));

    // Assess
    for (const alarm of alarms) expect(isSparse(alarm.metric!)).toBe(true);
    expect(problems).toEqual([[], []]);
    expect(breaching.map((p) => p.length)).toEqual([1, 1]);
  });

  it('has a runbook that finds the failures with the message the router logs, and says e-mail and SMS still get the page', () => {
    // Act
    const runbook = readFileSync(path.join(ROOT, 'docs/runbooks/alarms/alert-delivery.md'), 'utf8');

    // Assess
    expect(runbook).toContain(`filter message = "${DELIVERY_FAILED_MESSAGE}"`);
    expect(runbook).toContain(METRICS.alertDeliveryFailures.name);
    expect(runbook).toContain('e-mail and SMS');
    for (const heading of ['## What it means', '## Diagnose', '## Fix', '## Escalate']) expect(runbook).toContain(heading);
  });
});
