import type { Alert } from '../../../functions/alert-router/alert';
import { SLACK_MAX_TEXT_CHARS, slackPayload } from '../../../functions/alert-router/slack-payload';
import { RUNBOOK } from './fixtures';

const ALARM: Alert = {
  title: 'ALARM: agent-error-rate',
  text: 'Error rate over 5 % of requests.',
  severity: 'critical',
  state: 'ALARM',
  reason: 'Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (5.0).',
  runbookUrl: RUNBOOK,
  source: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:agent-error-rate',
  time: '2024-05-01T10:05:00.000Z',
};

describe('slackPayload', () => {
  it.each([
    ['critical', '#d62728'],
    ['warning', '#ff7f0e'],
    ['info', '#1f77b4'],
  ] as const)('colours a %s alert %s', (severity, color) => {
    // Act
    const message = slackPayload({ ...ALARM, severity });

    // Assess
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0].color).toBe(color);
  });

  it('carries the title linked to the runbook, the text, and fields for severity, state, reason and runbook', () => {
    // Act
    const message = slackPayload(ALARM);

    // Assess
    expect(message.text).toBe('[CRITICAL] ALARM: agent-error-rate');
    expect(message.attachments[0]).toEqual({
      color: '#d62728',
      fallback: '[CRITICAL] ALARM: agent-error-rate',
      title: 'ALARM: agent-error-rate',
      title_link: RUNBOOK,
      text: 'Error rate over 5 % of requests.',
      fields: [
        { title: 'Severity', value: 'critical', short: true },
        { title: 'State', value: 'ALARM', short: true },
        { title: 'Reason', value: ALARM.reason, short: false },
        { title: 'Runbook', value: `<${RUNBOOK}|Open the runbook>`, short: false },
      ],
      footer: ALARM.source,
      ts: Date.parse(ALARM.time) / 1000,
    });
  });

  it('leaves out the fields a plain-text alert does not have', () => {
    // Prepare
    const plain: Alert = { title: 'Notification', text: 'disk almost full', severity: 'info', source: 'arn:aws:sns:us-east-1:1:ops', time: '2024-05-01T10:05:00Z' };

    // Act
    const [attachment] = slackPayload(plain).attachments;

    // Assess
    expect(attachment.fields).toEqual([{ title: 'Severity', value: 'info', short: true }]);
    expect(attachment).not.toHaveProperty('title_link');
    expect(slackPayload(plain).text).toBe('[INFO] Notification');
  });

  it('escapes Slack markup so a message cannot inject links or mentions', () => {
    // Act
    const [attachment] = slackPayload({ ...ALARM, title: 'p95 > 5 s & rising', text: '<!channel> look', reason: 'a<b' }).attachments;

    // Assess
    expect(attachment.title).toBe('p95 &gt; 5 s &amp; rising');
    expect(attachment.text).toBe('&lt;!channel&gt; look');
    expect(attachment.fields.find((field) => field.title === 'Reason')?.value).toBe('a&lt;b');
  });

  it('shows a runbook that is not a URL as text, never as a link', () => {
    // Act
    const [attachment] = slackPayload({ ...ALARM, runbookUrl: 'docs/runbooks/error-rate.md' }).attachments;

    // Assess
    expect(attachment).not.toHaveProperty('title_link');
    expect(attachment.fields.find((field) => field.title === 'Runbook')?.value).toBe('docs/runbooks/error-rate.md');
  });

  it('cuts a very long text', () => {
    // Act
    const [attachment] = slackPayload({ ...ALARM, text: 'x'.repeat(10_000) }).attachments;

    // Assess
    expect(attachment.text).toHaveLength(SLACK_MAX_TEXT_CHARS);
    expect(attachment.text.endsWith('…')).toBe(true);
  });
});
