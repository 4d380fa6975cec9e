import { loadRouterConfig, type RouterConfig } from '../../../functions/alert-router/config';
import { DELIVERY_FAILED_MESSAGE, type RouterLogger } from '../../../functions/alert-router/delivery';
import { createAlertRouter } from '../../../functions/alert-router/router';
import type { SecretReader } from '../../../functions/alert-router/targets';
import { alarmMessage, driftMessage, snsEvent, snsRecord, TOPIC_ARNS } from './fixtures';
import { startReceiver, type Receiver } from './receiver';

const ROUTING_KEY = 'pd-routing-key';

interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly attributes: Record<string, unknown>;
}

function recordingLogger(): RouterLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const log = (level: LogEntry['level']) => (message: string, attributes: Record<string, unknown>) => entries.push({ level, message, attributes });
  return { entries, info: log('info'), warn: log('warn'), error: log('error') };
}

describe('the alert router against a local Slack and PagerDuty', () => {
  let receiver: Receiver;
  let secrets: Record<string, string>;
  let reads: string[];
  const readSecret: SecretReader = async (secretId) => {
    reads.push(secretId);
    return secrets[secretId];
  };

  function router(overrides: Partial<RouterConfig> = {}, logger = recordingLogger()) {
    const config: RouterConfig = {
      ...loadRouterConfig({}),
      slackWebhookSecretId: 'slack-secret',
      pagerDutyRoutingKeySecretId: 'pd-secret',
      pagerDutyEventsUrl: `${receiver.url}/pagerduty/v2/enqueue`,
      retry: { attempts: 3, baseDelayMs: 10, timeoutMs: 2_000 },
      topicArns: TOPIC_ARNS,
      ...overrides,
    };
    return { route: createAlertRouter({ config, readSecret, logger }), logger };
  }

  beforeAll(async () => {
    receiver = await startReceiver();
  });

  beforeEach(() => {
    receiver.reset();
    reads = [];
    secrets = { 'slack-secret': `${receiver.url}/slack/T000/B000/XXX`, 'pd-secret': JSON.stringify({ routingKey: ROUTING_KEY }) };
  });

  afterAll(async () => {
    await receiver.close();
  });

  it('posts a critical alarm to Slack and triggers PagerDuty', async () => {
    // Prepare
    const { route } = router();

    // Act
    const [routed] = await route(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)));

    // Assess
    expect([...routed.delivered].sort()).toEqual(['pagerduty', 'slack']);
    const [slack] = receiver.to('/slack/T000/B000/XXX');
    expect(slack.headers['content-type']).toBe('application/json');
    expect(slack.body.attachments[0]).toMatchObject({ color: '#d62728', title: 'ALARM: agent-error-rate' });
    const [pagerDuty] = receiver.to('/pagerduty/v2/enqueue');
    expect(pagerDuty.body).toMatchObject({ routing_key: ROUTING_KEY, event_action: 'trigger', dedup_key: 'agent-error-rate' });
  });

  it('sends a warning to Slack only', async () => {
    // Prepare
    const { route } = router();

    // Act
    const [routed] = await route(snsEvent(snsRecord(driftMessage('drifting'), TOPIC_ARNS.warning)));

    // Assess
    expect(routed.delivered).toEqual(['slack']);
    expect(receiver.to('/pagerduty')).toHaveLength(0);
    expect(receiver.to('/slack')[0].body.attachments[0].color).toBe('#ff7f0e');
  });

  it('retries a failing target with backoff and delivers once it answers', async () => {
    // Prepare
    receiver.plan('/slack', [500, 503]);
    receiver.plan('/pagerduty', [429]);
    const { route, logger } = router();

    // Act
    const [routed] = await route(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)));

    // Assess
    expect([...routed.delivered].sort()).toEqual(['pagerduty', 'slack']);
    expect(receiver.to('/slack')).toHaveLength(3);
    expect(receiver.to('/pagerduty')).toHaveLength(2);
    expect(logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.attributes.target).sort()).toEqual(['pagerduty', 'slack', 'slack']);
    expect(logger.entries.some((entry) => entry.level === 'error')).toBe(false);
  });

  it('throws when a target keeps failing, after logging the failure the metric filter counts', async () => {
    // Prepare
    receiver.plan('/slack', [], 500);
    const { route, logger } = router();

    // Act
    const routing = route(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)));

    // Assess
    await expect(routing).rejects.toThrow(/alert delivery failed for 1 target\(s\): slack: slack: delivery failed after 3 attempt\(s\): HTTP 500 failure/);
    expect(receiver.to('/slack')).toHaveLength(3);
    expect(receiver.to('/pagerduty')).toHaveLength(1);
    expect(logger.entries.filter((entry) => entry.message === DELIVERY_FAILED_MESSAGE)).toEqual([
      { level: 'error', message: DELIVERY_FAILED_MESSAGE, attributes: { target: 'slack', attempts: 3, error: 'HTTP 500 failure' } },
    ]);
  });

  it('does not retry a request the target refuses (4xx), and still fails the invocation', async () => {
    // Prepare
    receiver.plan('/slack', [], 404);
    const { route } = router();

    // Act
    const routing = route(snsEvent(snsRecord(driftMessage('drifting'), TOPIC_ARNS.warning)));

    // Assess
    await expect(routing).rejects.toThrow(/HTTP 404/);
    expect(receiver.to('/slack')).toHaveLength(1);
  });

  it('gives up on a target that does not answer within the timeout', async () => {
    // Prepare
    receiver.plan('/slack', [], 'hang');
    const { route } = router({ retry: { attempts: 2, baseDelayMs: 10, timeoutMs: 150 } });

    // Act
    const routing = route(snsEvent(snsRecord(driftMessage('drifting'), TOPIC_ARNS.warning)));

    // Assess
    await expect(routing).rejects.toThrow(/delivery failed after 2 attempt\(s\): timed out after 150 ms/);
    expect(receiver.to('/slack')).toHaveLength(2);
  });

  it('fails the invocation when a target secret holds nothing usable, naming the secret', async () => {
    // Prepare
    secrets['pd-secret'] = '{"unexpected": true}';
    const { route, logger } = router();

    // Act
    const routing = route(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)));

    // Assess
    await expect(routing).rejects.toThrow(/pagerduty: secret pd-secret holds no PagerDuty routing key/);
    expect(receiver.to('/slack')).toHaveLength(1);
    expect(logger.entries.find((entry) => entry.message === DELIVERY_FAILED_MESSAGE)?.attributes).toMatchObject({ target: 'pagerduty', attempts: 0 });
  });

  it('routes every record of an event and reads no secret of a target that is off', async () => {
    // Prepare
    const { route } = router({ pagerDutyRoutingKeySecretId: undefined });

    // Act
    const routed = await route(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical), snsRecord('plain words', TOPIC_ARNS.info)));

    // Assess
    expect(routed.map((entry) => [entry.alert.severity, entry.delivered])).toEqual([
      ['critical', ['slack']],
      ['info', ['slack']],
    ]);
    expect(reads.every((secretId) => secretId === 'slack-secret')).toBe(true);
    expect(receiver.to('/slack').map((request) => request.body.attachments[0].text)).toEqual(expect.arrayContaining(['plain words']));
  });

  it('delivers a record edited by hand (a re-delivered dead letter) as plain text, whatever part of it is missing', async () => {
    // Prepare
    const { route } = router({ pagerDutyRoutingKeySecretId: undefined });
    const edited = { Records: [{ Sns: { Message: { note: 'pasted as an object' }, TopicArn: TOPIC_ARNS.info, Timestamp: 'yesterday' } }, { EventSource: 'aws:sns' }] };

    // Act
    const routed = await route(edited as never);

    // Assess
    expect(routed.map((entry) => entry.delivered)).toEqual([['slack'], ['slack']]);
    expect(receiver.to('/slack').map((request) => request.body.attachments[0].text).sort()).toEqual(['', '{"note":"pasted as an object"}']);
  });

  it('warns, and succeeds, when no target is configured (e-mail and SMS still get the alert)', async () => {
    // Prepare
    const { route, logger } = router({ slackWebhookSecretId: undefined, pagerDutyRoutingKeySecretId: undefined });

    // Act
    const [routed] = await route(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)));

    // Assess
    expect(routed.delivered).toEqual([]);
    expect(receiver.requests).toHaveLength(0);
    expect(logger.entries.map((entry) => entry.message)).toContain('no chat or paging target for this alert');
  });
});
