import { parseNotification, type SnsNotification } from '../../../functions/alert-router/parse-message';
import { topicSeverity } from '../../../functions/alert-router/topic-severity';
import { alarmMessage, BUDGET_MESSAGE, compositeAlarmMessage, driftMessage, RUNBOOK, TOPIC_ARNS } from './fixtures';

function notification(message: string, overrides: Partial<SnsNotification> = {}): SnsNotification {
  return { message, subject: undefined, topicArn: TOPIC_ARNS.critical, messageId: 'm-1', timestamp: '2024-05-01T10:05:01.000Z', ...overrides };
}

describe('parseNotification', () => {
  it('reads a CloudWatch metric alarm: state, reason, runbook, time and the alarm name as key', () => {
    // Act
    const alert = parseNotification(notification(alarmMessage()), 'critical');

    // Assess
    expect(alert).toMatchObject({
      title: 'ALARM: agent-error-rate',
      text: `CRITICAL - Error rate over 5 %. More than 5 % of requests failed. Check the errors by category. Runbook: ${RUNBOOK}`,
      severity: 'critical',
      state: 'ALARM',
      reason: expect.stringContaining('Threshold Crossed: 3 out of the last 3 datapoints'),
      runbookUrl: RUNBOOK,
      source: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:agent-error-rate',
      time: '2024-05-01T10:05:00.000Z',
      key: 'agent-error-rate',
    });
    expect(alert.details).toMatchObject({ oldState: 'OK', newState: 'ALARM', trigger: { Threshold: 5, EvaluationPeriods: 3, Metrics: expect.any(Array) } });
  });

  it('reads the OK transition of the same alarm with the same key', () => {
    // Act
    const alert = parseNotification(notification(alarmMessage({ NewStateValue: 'OK', OldStateValue: 'ALARM' })), 'critical');

    // Assess
    expect(alert).toMatchObject({ title: 'OK: agent-error-rate', state: 'OK', key: 'agent-error-rate' });
  });

  it('reads a composite alarm: its rule and the children that fired it', () => {
    // Act
    const alert = parseNotification(notification(compositeAlarmMessage()), 'critical');

    // Assess
    expect(alert).toMatchObject({
      title: 'ALARM: agent-unhealthy',
      state: 'ALARM',
      key: 'agent-unhealthy',
      runbookUrl: 'https://runbooks.example.com/agent-unhealthy',
      details: { alarmRule: 'ALARM("agent-error-rate") OR ALARM("agent-latency-p99")', triggeringChildren: ['agent-error-rate: ALARM'] },
    });
  });

  it('reads a runbook given as a repository path, and a `Severity:` line', () => {
    // Act
    const alert = parseNotification(notification(alarmMessage({ AlarmDescription: 'Judge backlog.\nSeverity: info\nRunbook: docs/runbooks/alarms/judge-backlog-age.md' })));

    // Assess
    expect(alert).toMatchObject({ severity: 'info', runbookUrl: 'docs/runbooks/alarms/judge-backlog-age.md' });
  });

  it('uses the state reason as text when an alarm has no description', () => {
    // Act
    const alert = parseNotification(notification(alarmMessage({ AlarmDescription: null })), 'warning');

    // Assess
    expect(alert.text).toContain('Threshold Crossed');
    expect(alert.runbookUrl).toBeUndefined();
  });

  it('reads an AWS Budgets plain-text notification', () => {
    // Act
    const alert = parseNotification(
      notification(BUDGET_MESSAGE, { topicArn: TOPIC_ARNS.warning, subject: 'AWS Budgets: agent-monthly has exceeded your alert threshold' }),
      'warning',
    );

    // Assess
    expect(alert).toMatchObject({
      title: 'AWS Budgets: agent-monthly has exceeded your alert threshold',
      text: expect.stringMatching(/^You requested that we alert you when the ACTUAL Cost .* is \$85\.12\./),
      severity: 'warning',
      state: 'ALARM',
      reason: 'actual cost $85.12, threshold > $80.00, budgeted $100.00',
      source: 'AWS Budgets',
      key: 'budget:agent-monthly:ACTUAL:> $80.00',
    });
    expect(alert.details).toMatchObject({ 'budget name': 'agent-monthly', 'alert type': 'ACTUAL' });
  });

  it('reads the judge drift message and its recovery as ALARM then OK under one key', () => {
    // Act
    const drifting = parseNotification(notification(driftMessage('drifting'), { topicArn: TOPIC_ARNS.warning }), 'warning');
    const recovered = parseNotification(notification(driftMessage('recovered'), { topicArn: TOPIC_ARNS.warning }), 'warning');

    // Assess
    expect(drifting).toMatchObject({
      title: 'Quality drift: agent',
      text: 'Mean judge score 0.61 over the last 50 samples, baseline 0.82.',
      severity: 'warning',
      state: 'ALARM',
      source: 'agent',
      time: '2024-05-01T11:00:00.000Z',
      key: 'quality_drift:agent',
      details: { type: 'quality_drift', baseline: 0.82, current: 0.61 },
    });
    expect(recovered).toMatchObject({ title: 'Quality recovered: agent', state: 'OK', key: drifting.key });
  });

  it('reads any JSON with a text, titled by the SNS subject', () => {
    // Act
    const alert = parseNotification(notification('{"text": "deploy finished"}', { subject: 'Deploy' }), 'info');

    // Assess
    expect(alert).toMatchObject({ title: 'Deploy', text: 'deploy finished', severity: 'info', state: undefined });
  });

  it.each([
    ['garbage', 'not json {{{', 'not json {{{'],
    ['a JSON array', '[1, 2, 3]', '[1, 2, 3]'],
    ['JSON without title or text', '{"foo": 1}', '{"foo": 1}'],
    ['broken JSON', '{"AlarmName": "x"', '{"AlarmName": "x"'],
  ])('delivers %s as plain text, not dropped', (_case, message, text) => {
    // Act
    const alert = parseNotification(notification(message, { subject: 'Heads up' }), 'info');

    // Assess
    expect(alert).toEqual({ title: 'Heads up', text, severity: 'info', source: TOPIC_ARNS.critical, time: '2024-05-01T10:05:01.000Z', runbookUrl: undefined });
  });

  it('titles a plain-text message without subject "Notification"', () => {
    // Act
    const alert = parseNotification(notification('hello'), 'info');

    // Assess
    expect(alert.title).toBe('Notification');
    expect(alert.text).toBe('hello');
  });

  it('takes the topic severity over the one the message declares', () => {
    // Act
    const alert = parseNotification(notification(alarmMessage()), 'warning');

    // Assess
    expect(alert.severity).toBe('warning');
  });

  it('falls back to the declared severity, then to warning, when the topic names none', () => {
    // Act
    const declared = parseNotification(notification(alarmMessage()));
    const plainDeclared = parseNotification(notification('disk full. Severity: info'));
    const undeclared = parseNotification(notification('disk full'));

    // Assess
    expect([declared.severity, plainDeclared.severity, undeclared.severity]).toEqual(['critical', 'info', 'warning']);
  });
});

describe('topicSeverity', () => {
  it('recognises the topic ARNs the deployment declares, whatever their names', () => {
    // Prepare
    const declared = { critical: 'arn:aws:sns:us-east-1:1:Stack-AlertsCritical-AB12', info: 'arn:aws:sns:us-east-1:1:Stack-AlertsInfo-CD34' };

    // Act
    const severities = [declared.critical, declared.info].map((arn) => topicSeverity(arn, declared));

    // Assess
    expect(severities).toEqual(['critical', 'info']);
  });

  it('reads the severity suffix of a topic name', () => {
    // Act
    const severities = [TOPIC_ARNS.critical, TOPIC_ARNS.warning, 'arn:aws:sns:eu-west-1:1:ops_info', 'arn:aws:sns:eu-west-1:1:ops'].map((arn) => topicSeverity(arn));

    // Assess
    expect(severities).toEqual(['critical', 'warning', 'info', undefined]);
  });
});
