import { loadRouterConfig } from '../../../functions/alert-router/config';
import { DEFAULT_RETRY_POLICY } from '../../../functions/alert-router/delivery';
import { PAGERDUTY_EVENTS_URL } from '../../../functions/alert-router/pagerduty-payload';

describe('loadRouterConfig', () => {
  it('turns every target off and keeps the defaults when nothing is set', () => {
    // Act
    const config = loadRouterConfig({});

    // Assess
    expect(config).toEqual({
      serviceName: 'alert-router',
      slackWebhookSecretId: undefined,
      pagerDutyRoutingKeySecretId: undefined,
      pagerDutyEventsUrl: PAGERDUTY_EVENTS_URL,
      retry: DEFAULT_RETRY_POLICY,
      topicArns: {},
    });
    expect(PAGERDUTY_EVENTS_URL).toBe('https://events.pagerduty.com/v2/enqueue');
  });

  it('reads the secrets, the PagerDuty URL, the retry policy and the topic ARNs', () => {
    // Act
    const config = loadRouterConfig({
      POWERTOOLS_SERVICE_NAME: 'agent',
      SLACK_WEBHOOK_SECRET_ID: 'agent/slack',
      PAGERDUTY_ROUTING_KEY_SECRET_ID: 'agent/pd',
      PAGERDUTY_EVENTS_URL: 'http://127.0.0.1:9999/v2/enqueue',
      ALERT_DELIVERY_ATTEMPTS: '5',
      ALERT_RETRY_BASE_DELAY_MS: '100',
      ALERT_HTTP_TIMEOUT_MS: '2000',
      ALERT_TOPIC_ARN_CRITICAL: 'arn:aws:sns:us-east-1:1:c',
      ALERT_TOPIC_ARN_INFO: 'arn:aws:sns:us-east-1:1:i',
    });

    // Assess
    expect(config).toEqual({
      serviceName: 'agent',
      slackWebhookSecretId: 'agent/slack',
      pagerDutyRoutingKeySecretId: 'agent/pd',
      pagerDutyEventsUrl: 'http://127.0.0.1:9999/v2/enqueue',
      retry: { attempts: 5, baseDelayMs: 100, timeoutMs: 2000 },
      topicArns: { critical: 'arn:aws:sns:us-east-1:1:c', info: 'arn:aws:sns:us-east-1:1:i' },
    });
  });

  it.each([
    ['ALERT_DELIVERY_ATTEMPTS', '0'],
    ['ALERT_RETRY_BASE_DELAY_MS', 'soon'],
    ['ALERT_HTTP_TIMEOUT_MS', '1.5'],
  ])('refuses %s=%s with a message naming the setting', (name, value) => {
    // Act
    const load = () => loadRouterConfig({ [name]: value });

    // Assess
    expect(load).toThrow(`${name} must be a positive integer, got "${value}"`);
  });
});
