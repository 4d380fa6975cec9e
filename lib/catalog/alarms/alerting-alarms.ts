/**
 * Alarms on the alerting path itself: the alert router failing to post to Slack or PagerDuty,
 * and alerts waiting in its dead-letter queue. Both page through the critical topic directly
 * (not through the `unhealthy` composite): the topic's e-mail and SMS subscribers receive them even
 * when the router, the thing that failed, cannot.
 */
import { METRICS } from '../metrics';
import { agentMetric, metricAlarm, sqsMetric } from './define';
import { ALARM_IDS } from './naming';
import type { ResolvedAlarmSettings } from './settings';
import { AWS_SQS_METRICS } from './sqs-metrics';
import type { MetricAlarmDefinition } from './types';

export function alertingAlarms(s: ResolvedAlarmSettings): MetricAlarmDefinition[] {
  return [alertDeliveryFailures(s), alertDeadLetters(s)];
}

/** The metric filter writes a datapoint only for a failed delivery: sparse, so missing is OK. */
function alertDeliveryFailures(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.alertDeliveryFailures,
      title: 'Alert deliveries failing',
      severity: 'critical',
      runbookId: 'alert-delivery',
      meaning:
        `The alert router failed to post an alert to Slack or PagerDuty after all its retries at least once in the last 5 minutes (${METRICS.alertDeliveryFailures.name}). ` +
        'Alerts may be missing from Slack or PagerDuty; e-mail and SMS subscribers of the topics still get them.',
      action: "Read the router's 'alert delivery failed' log lines for the target and the error; check the Slack webhook and PagerDuty routing key secrets.",
      notify: 'critical',
    },
    {
      metric: agentMetric(s, METRICS.alertDeliveryFailures, 'Sum'),
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

/** Stays in ALARM while a message waits in the queue: it clears once the queue is emptied. */
function alertDeadLetters(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.alertDeadLetters,
      title: 'Alerts in the router dead-letter queue',
      severity: 'critical',
      runbookId: 'alert-delivery',
      meaning:
        "At least one alert waits in the alert router's dead-letter queue: the router failed it on every invocation attempt, or SNS could not hand it to the router. " +
        'It did not reach Slack or PagerDuty (or not both); e-mail and SMS subscribers of the topics still got it.',
      action: 'Fix the cause of the failures, then re-deliver each dead-lettered alert by hand and delete it from the queue.',
      notify: 'critical',
    },
    {
      metric: sqsMetric(AWS_SQS_METRICS.messagesVisible, 'Maximum', s.alertDeadLetterQueueName),
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}
