import type { Alert } from '../../../functions/alert-router/alert';
import { PAGERDUTY_MAX_SUMMARY_CHARS, pagerDutyAction, pagerDutyEvent } from '../../../functions/alert-router/pagerduty-payload';
import { RUNBOOK } from './fixtures';

const ROUTING_KEY = 'R0UT1NGKEY0000000000000000000000';
const MESSAGE_ID = 'sns-message-1';
const ALARM: Alert = {
  title: 'ALARM: agent-error-rate',
  text: 'Error rate over 5 % of requests.',
  severity: 'critical',
  state: 'ALARM',
  reason: 'Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (5.0).',
  runbookUrl: RUNBOOK,
  source: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:agent-error-rate',
  time: '2024-05-01T10:05:00.000Z',
  key: 'agent-error-rate',
  details: { alarmName: 'agent-error-rate', oldState: 'OK' },
};

describe('pagerDutyEvent', () => {
  it('triggers a critical alarm with the alarm name as dedup key, the summary, the runbook link and the details', () => {
    // Act
    const event = pagerDutyEvent(ALARM, ROUTING_KEY, MESSAGE_ID);

    // Assess
    expect(event).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'agent-error-rate',
      payload: {
        summary: `ALARM: agent-error-rate: ${ALARM.reason}`,
        source: ALARM.source,
        severity: 'critical',
        timestamp: '2024-05-01T10:05:00.000Z',
        custom_details: {
          text: ALARM.text,
          severity: 'critical',
          state: 'ALARM',
          reason: ALARM.reason,
          runbook: RUNBOOK,
          alarmName: 'agent-error-rate',
          oldState: 'OK',
        },
      },
      links: [{ href: RUNBOOK, text: 'Runbook' }],
    });
  });

  it('resolves with the same dedup key when the alarm returns to OK', () => {
    // Act
    const trigger = pagerDutyEvent(ALARM, ROUTING_KEY, MESSAGE_ID);
    const resolve = pagerDutyEvent({ ...ALARM, title: 'OK: agent-error-rate', state: 'OK' }, ROUTING_KEY, 'another-message');

    // Assess
    expect(resolve).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: 'agent-error-rate' });
    expect(resolve?.dedup_key).toBe(trigger?.dedup_key);
  });

  it.each([
    ['a warning', { severity: 'warning' }],
    ['an info alert', { severity: 'info' }],
    ['INSUFFICIENT_DATA', { state: 'INSUFFICIENT_DATA' }],
  ] as const)('does nothing for %s', (_case, change) => {
    // Act
    const event = pagerDutyEvent({ ...ALARM, ...change }, ROUTING_KEY, MESSAGE_ID);

    // Assess
    expect(event).toBeUndefined();
    expect(pagerDutyAction({ ...ALARM, ...change })).toBeUndefined();
  });

  it('triggers a critical alert without state or key, deduplicated by the SNS message id', () => {
    // Prepare
    const plain: Alert = { title: 'Notification', text: 'something critical', severity: 'critical', source: 'topic', time: '2024-05-01T10:05:00Z' };

    // Act
    const event = pagerDutyEvent(plain, ROUTING_KEY, MESSAGE_ID);

    // Assess
    expect(event).toMatchObject({ event_action: 'trigger', dedup_key: MESSAGE_ID, payload: { summary: 'Notification' }, links: [] });
  });

  it('keeps the summary within the Events API limit', () => {
    // Act
    const event = pagerDutyEvent({ ...ALARM, reason: 'r'.repeat(5000) }, ROUTING_KEY, MESSAGE_ID);

    // Assess
    expect(event?.event_action).toBe('trigger');
    expect(event && 'payload' in event ? event.payload.summary.length : 0).toBe(PAGERDUTY_MAX_SUMMARY_CHARS);
  });
});
