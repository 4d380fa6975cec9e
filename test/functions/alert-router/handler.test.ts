import type { Context, SNSEvent } from 'aws-lambda';
import { secretsManagerHandlers, startAwsStandIn, type AwsStandIn } from '../../support/aws-stand-in';
import { lambdaContext } from '../../support/lambda-context';
import { alarmMessage, BUDGET_MESSAGE, driftMessage, snsEvent, snsRecord, TOPIC_ARNS } from './fixtures';
import { startReceiver, type Receiver } from './receiver';

type Handler = (event: SNSEvent, context: Context) => Promise<unknown>;

const SLACK_SECRET = 'agent-monitoring/slack-webhook';
const PAGERDUTY_SECRET = 'agent-monitoring/pagerduty-routing-key';
const ROUTING_KEY = 'R0UT1NGKEY0000000000000000000000';

/** The handler module as Lambda loads it: configuration from the environment, secrets from Secrets Manager. */
describe('the alert-router handler', () => {
  let receiver: Receiver;
  let secretsManager: AwsStandIn;
  let handler: Handler;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    receiver = await startReceiver();
    secretsManager = await startAwsStandIn(
      secretsManagerHandlers({ [SLACK_SECRET]: `${receiver.url}/services/T000/B000/XXXX`, [PAGERDUTY_SECRET]: ROUTING_KEY }),
    );
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_SERVICE_NAME: 'agent',
      SLACK_WEBHOOK_SECRET_ID: SLACK_SECRET,
      PAGERDUTY_ROUTING_KEY_SECRET_ID: PAGERDUTY_SECRET,
      PAGERDUTY_EVENTS_URL: `${receiver.url}/v2/enqueue`,
      ALERT_RETRY_BASE_DELAY_MS: '20',
      ALERT_TOPIC_ARN_CRITICAL: TOPIC_ARNS.critical,
      ALERT_TOPIC_ARN_WARNING: TOPIC_ARNS.warning,
      ALERT_TOPIC_ARN_INFO: TOPIC_ARNS.info,
    });
    ({ handler } = await import('../../../functions/alert-router/handler'));
  });

  beforeEach(() => {
    receiver.reset();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([receiver?.close(), secretsManager?.close()]);
  });

  it('posts a critical alarm to Slack and triggers PagerDuty, then resolves it when the alarm returns to OK', async () => {
    // Act
    await handler(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)), lambdaContext());
    await handler(snsEvent(snsRecord(alarmMessage({ NewStateValue: 'OK', OldStateValue: 'ALARM' }), TOPIC_ARNS.critical)), lambdaContext());

    // Assess
    const slack = receiver.to('/services/T000/B000/XXXX').map((request) => request.body.attachments[0]);
    expect(slack.map((attachment) => [attachment.color, attachment.title])).toEqual([
      ['#d62728', 'ALARM: agent-error-rate'],
      ['#d62728', 'OK: agent-error-rate'],
    ]);
    expect(slack[0].fields).toEqual(
      expect.arrayContaining([
        { title: 'Severity', value: 'critical', short: true },
        { title: 'State', value: 'ALARM', short: true },
        { title: 'Runbook', value: expect.stringContaining('docs/runbooks/error-rate.md'), short: false },
      ]),
    );
    const pagerDuty = receiver.to('/v2/enqueue').map((request) => request.body);
    expect(pagerDuty.map((event) => [event.event_action, event.dedup_key, event.routing_key])).toEqual([
      ['trigger', 'agent-error-rate', ROUTING_KEY],
      ['resolve', 'agent-error-rate', ROUTING_KEY],
    ]);
  });

  it('takes the severity from the topic: a budget on the warning topic goes to Slack in orange, never to PagerDuty', async () => {
    // Act
    await handler(snsEvent(snsRecord(BUDGET_MESSAGE, TOPIC_ARNS.warning, { Subject: 'AWS Budgets: agent-monthly has exceeded your alert threshold' })), lambdaContext());

    // Assess
    expect(receiver.to('/v2/enqueue')).toHaveLength(0);
    const [slack] = receiver.to('/services');
    expect(slack.body.attachments[0]).toMatchObject({ color: '#ff7f0e', title: 'AWS Budgets: agent-monthly has exceeded your alert threshold' });
  });

  it('delivers a message it does not understand as plain text', async () => {
    // Act
    await handler(snsEvent(snsRecord('<<binary-ish garbage>>', TOPIC_ARNS.info, { Subject: undefined })), lambdaContext());

    // Assess
    const [slack] = receiver.to('/services');
    expect(slack.body.attachments[0]).toMatchObject({ color: '#1f77b4', title: 'Notification', text: '&lt;&lt;binary-ish garbage&gt;&gt;' });
  });

  it('retries a receiver that answers 500 and delivers on its answer 200', async () => {
    // Prepare
    receiver.plan('/services', [500]);

    // Act
    await handler(snsEvent(snsRecord(driftMessage('drifting'), TOPIC_ARNS.warning)), lambdaContext());

    // Assess
    expect(receiver.to('/services').map((request) => request.body.attachments[0].title)).toEqual(['Quality drift: agent', 'Quality drift: agent']);
  });

  it('throws when the receiver always fails, so that Lambda retries and then dead-letters the event', async () => {
    // Prepare
    receiver.plan('/services', [], 500);
    receiver.plan('/v2/enqueue', [], 503);

    // Act
    const invocation = handler(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)), lambdaContext());

    // Assess
    await expect(invocation).rejects.toThrow('alert delivery failed for 2 target(s)');
    expect(receiver.to('/services')).toHaveLength(3);
    expect(receiver.to('/v2/enqueue')).toHaveLength(3);
  });

  it('reads each target secret from Secrets Manager once and then serves it from the cache', async () => {
    // Act
    await handler(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)), lambdaContext());
    await handler(snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)), lambdaContext());

    // Assess
    expect(receiver.to('/v2/enqueue')).toHaveLength(2);
    const reads = secretsManager.calls.map((call) => [call.operation, call.body.SecretId]).sort();
    expect(reads).toEqual([
      ['GetSecretValue', PAGERDUTY_SECRET],
      ['GetSecretValue', SLACK_SECRET],
    ]);
  });
});
