import type { SNSEvent, SNSEventRecord } from 'aws-lambda';

export const ACCOUNT = '123456789012';
export const TOPIC_ARNS = {
  critical: `arn:aws:sns:us-east-1:${ACCOUNT}:agent-alerts-critical`,
  warning: `arn:aws:sns:us-east-1:${ACCOUNT}:agent-alerts-warning`,
  info: `arn:aws:sns:us-east-1:${ACCOUNT}:agent-alerts-info`,
} as const;
export const RUNBOOK = 'https://github.com/acme/agent/blob/main/docs/runbooks/error-rate.md';

/** A metric-math alarm notification as CloudWatch publishes it, described as the alarm catalog describes alarms. */
export function alarmMessage(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    AlarmName: 'agent-error-rate',
    AlarmDescription: `CRITICAL - Error rate over 5 %. More than 5 % of requests failed. Check the errors by category. Runbook: ${RUNBOOK}`,
    AWSAccountId: ACCOUNT,
    AlarmConfigurationUpdatedTimestamp: '2024-05-01T09:00:00.000+0000',
    NewStateValue: 'ALARM',
    NewStateReason: 'Threshold Crossed: 3 out of the last 3 datapoints [12.5 (01/05/24 10:00:00)] were greater than the threshold (5.0).',
    StateChangeTime: '2024-05-01T10:05:00.000+0000',
    Region: 'US East (N. Virginia)',
    AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:agent-error-rate`,
    OldStateValue: 'OK',
    OKActions: [],
    AlarmActions: [TOPIC_ARNS.critical],
    InsufficientDataActions: [],
    Trigger: {
      Period: 300,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5.0,
      TreatMissingData: 'notBreaching',
      EvaluateLowSampleCountPercentile: '',
      Metrics: [{ Expression: '100 * errors / MAX([requests, 1])', Id: 'rate', Label: 'error rate', ReturnData: true }],
    },
    ...overrides,
  });
}

/** A composite alarm notification: no Trigger, an AlarmRule and the children that fired it. */
export function compositeAlarmMessage(): string {
  return JSON.stringify({
    AlarmName: 'agent-unhealthy',
    AlarmDescription: 'The agent is unhealthy. Severity: critical. Runbook: https://runbooks.example.com/agent-unhealthy.',
    AWSAccountId: ACCOUNT,
    NewStateValue: 'ALARM',
    NewStateReason: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:agent-error-rate transitioned to ALARM at Wednesday 01 May, 2024 10:05:00 UTC`,
    StateChangeTime: '2024-05-01T10:06:00.000+0000',
    Region: 'US East (N. Virginia)',
    AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:agent-unhealthy`,
    OldStateValue: 'OK',
    AlarmRule: 'ALARM("agent-error-rate") OR ALARM("agent-latency-p99")',
    TriggeringChildren: [{ Arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:agent-error-rate`, State: { Value: 'ALARM', Timestamp: '2024-05-01T10:05:00.000+0000' } }],
  });
}

/** The plain text AWS Budgets publishes. */
export const BUDGET_MESSAGE = [
  'AWS Budget Notification May 20, 2024',
  `AWS Account ${ACCOUNT}`,
  '',
  'Dear AWS Customer,',
  '',
  'You requested that we alert you when the ACTUAL Cost associated with your agent-monthly budget is greater than $80.00 for the current month. The ACTUAL Cost associated with this budget is $85.12. You can find additional information about your budget and its current status at https://console.aws.amazon.com/billing/home#/budgets.',
  '',
  'Budget Name: agent-monthly',
  'Budget Type: Cost',
  'Budgeted Amount: $100.00',
  'Alert Type: ACTUAL',
  'Alert Threshold: > $80.00',
  'ACTUAL Amount: $85.12',
].join('\n');

/** The judge's drift message. */
export function driftMessage(state: 'drifting' | 'recovered'): string {
  return JSON.stringify({
    type: 'quality_drift',
    state,
    severity: 'warning',
    service: 'agent',
    title: state === 'drifting' ? 'Quality drift: agent' : 'Quality recovered: agent',
    text: 'Mean judge score 0.61 over the last 50 samples, baseline 0.82.',
    baseline: 0.82,
    current: 0.61,
    time: '2024-05-01T11:00:00Z',
  });
}

export function snsRecord(message: string, topicArn: string, overrides: Partial<SNSEventRecord['Sns']> = {}): SNSEventRecord {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: `${topicArn}:4f7a1c9e-0000-4000-8000-000000000000`,
    Sns: {
      Type: 'Notification',
      MessageId: 'b5f6c7d8-0000-4000-8000-000000000001',
      TopicArn: topicArn,
      Subject: 'ALARM: "agent-error-rate" in US East (N. Virginia)',
      Message: message,
      Timestamp: '2024-05-01T10:05:01.000Z',
      SignatureVersion: '1',
      Signature: 'EXAMPLE',
      SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/cert.pem',
      UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
      MessageAttributes: {},
      ...overrides,
    },
  };
}

export function snsEvent(...records: SNSEventRecord[]): SNSEvent {
  return { Records: records };
}

/** No half of a surrogate pair on its own (String.prototype.isWellFormed, before the ES2024 typings). */
export function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
