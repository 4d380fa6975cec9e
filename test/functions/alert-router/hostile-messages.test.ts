import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { SNSEvent } from 'aws-lambda';
import type { Severity } from '../../../functions/alert-router/alert';
import { DEEPER_VALUE } from '../../../functions/alert-router/bounded';
import { loadRouterConfig } from '../../../functions/alert-router/config';
import type { RouterLogger } from '../../../functions/alert-router/delivery';
import { createAlertRouter } from '../../../functions/alert-router/router';
import { SLACK_MAX_TEXT_CHARS } from '../../../functions/alert-router/slack-payload';
import { AlertRouter } from '../../../lib/constructs/notifications/alert-router';
import { AlertTopics } from '../../../lib/constructs/notifications/alert-topics';
import { publish, subscribedFunctions, type Invoke, type SubscribedFunction } from './async-delivery';
import { alarmMessage, BUDGET_MESSAGE, compositeAlarmMessage, isWellFormed, snsEvent, snsRecord, TOPIC_ARNS } from './fixtures';
import { startReceiver, type Receiver } from './receiver';

const SLACK_SECRET = 'hostile/slack-webhook';
const PAGERDUTY_SECRET = 'hostile/pagerduty-routing-key';
const DEPTH = 100_000;
/** SNS refuses messages over 256 KB. */
const SNS_MAX_MESSAGE_BYTES = 256 * 1024;
const SILENT: RouterLogger = { info: () => {}, warn: () => {}, error: () => {} };

function composite(children: unknown): string {
  return JSON.stringify({ ...JSON.parse(compositeAlarmMessage()), TriggeringChildren: children });
}

/** Built as text: JSON.stringify itself could not write it. */
function nested(depth: number, open = '[', close = ']'): string {
  return `${open.repeat(depth)}${close.repeat(depth)}`;
}

/** Messages a topic may carry that the router does not fully understand, each with the alert title Slack must show. */
const CORPUS: [string, string, string][] = [
  ['a composite alarm whose TriggeringChildren is a string', composite('agent-error-rate'), 'ALARM: agent-unhealthy'],
  ['a composite alarm whose TriggeringChildren is an object', composite({ Arn: 'arn:aws:cloudwatch:us-east-1:1:alarm:agent-error-rate' }), 'ALARM: agent-unhealthy'],
  ['a composite alarm whose TriggeringChildren is a number', composite(3), 'ALARM: agent-unhealthy'],
  ['a composite alarm whose TriggeringChildren holds null, numbers and nested lists', composite([null, 7, [[['x']]], { State: 'ALARM' }]), 'ALARM: agent-unhealthy'],
  ['an alarm whose description, reason and trigger have the wrong types', alarmMessage({ AlarmDescription: { text: 'x' }, NewStateReason: 42, Trigger: 'none', StateChangeTime: { at: 1 } }), 'ALARM: agent-error-rate'],
  ['an alarm whose metrics are nested 100,000 levels deep', alarmMessage({ Trigger: { Metrics: 'DEEP' } }).replace('"DEEP"', nested(DEPTH)), 'ALARM: agent-error-rate'],
  ['titled JSON nested 100,000 levels deep', `{"title":"deep","nested":${nested(DEPTH)}}`, 'deep'],
  ['titled JSON with objects nested 100,000 levels deep', `{"text":"deep objects","nested":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`, 'Subject line'],
  ['untitled JSON nested 100,000 levels deep', `{"nested":${nested(DEPTH)}}`, 'Subject line'],
  ['a JSON array nested 100,000 levels deep', nested(DEPTH), 'Subject line'],
  ['text that is not JSON', 'disk almost full <!channel> & more', 'Subject line'],
  ['broken JSON', '{"AlarmName": "agent-error-rate", "NewStateValue": ', 'Subject line'],
  ['an empty message', '', 'Subject line'],
  ['a message of the largest size SNS takes', 'x'.repeat(SNS_MAX_MESSAGE_BYTES), 'Subject line'],
  ['a message of emoji cut at the Slack limit', '😀'.repeat(SNS_MAX_MESSAGE_BYTES / 4), 'Subject line'],
  ['an AWS Budgets notification', BUDGET_MESSAGE, 'Subject line'],
  ['a budget-like letter with a line of 200,000 spaces', `AWS Budget Notification\nBudget Name:${' '.repeat(200_000)}x\nAlert Type: ACTUAL`, 'Subject line'],
  ['unknown JSON', '{"foo": 1, "bar": [true, null]}', 'Subject line'],
  ['a JSON scalar', '42', 'Subject line'],
];

/** What the AlertRouter construct deploys, synthesized without bundling: its functions, subscriptions and retries. */
function deployedFunctions(): SubscribedFunction[] {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Wiring');
  const alerts = new AlertTopics(stack, 'Alerts');
  new AlertRouter(stack, 'Router', { topics: alerts.topics, slackWebhookSecretName: SLACK_SECRET, pagerDutyRoutingKeySecretName: PAGERDUTY_SECRET });
  return subscribedFunctions(Template.fromStack(stack));
}

describe('the deployed alert router, given messages it does not fully understand', () => {
  let receiver: Receiver;
  let functions: SubscribedFunction[];
  let slackFunction: string;
  let pagerDutyFunction: string;
  let invoke: Invoke;

  beforeAll(async () => {
    receiver = await startReceiver();
    functions = deployedFunctions();
    slackFunction = functions.find((fn) => 'SLACK_WEBHOOK_SECRET_ID' in fn.environment)!.logicalId;
    pagerDutyFunction = functions.find((fn) => 'PAGERDUTY_ROUTING_KEY_SECRET_ID' in fn.environment)!.logicalId;
    const secrets: Record<string, string> = { [SLACK_SECRET]: `${receiver.url}/slack/hook`, [PAGERDUTY_SECRET]: 'hostile-routing-key' };
    const routers = new Map(
      functions.map((fn) => {
        const config = loadRouterConfig({ ...fn.environment, PAGERDUTY_EVENTS_URL: `${receiver.url}/pagerduty`, ALERT_RETRY_BASE_DELAY_MS: '1' });
        return [fn.logicalId, createAlertRouter({ config, readSecret: async (id) => secrets[id], logger: SILENT })];
      }),
    );
    invoke = async (fn, event) => {
      try {
        await routers.get(fn.logicalId)!(event);
        return {};
      } catch (error) {
        return { thrown: (error as Error).message };
      }
    };
  });

  beforeEach(() => {
    receiver.reset();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  function publishAlert(message: string, severity: Severity = 'critical'): Promise<Awaited<ReturnType<typeof publish>>> {
    const event: SNSEvent = snsEvent(snsRecord(message, TOPIC_ARNS[severity], { Subject: 'Subject line' }));
    return publish(functions, severity, event, invoke);
  }

  it.each(CORPUS)('delivers %s once to Slack and once to PagerDuty, without failing', async (_case, message, title) => {
    // Act
    const published = await publishAlert(message);

    // Assess
    expect(published.deadLetters).toEqual([]);
    expect(published.invocations).toEqual({ [slackFunction]: 1, [pagerDutyFunction]: 1 });
    const [slack] = receiver.to('/slack').map((request) => request.body.attachments[0]);
    expect(receiver.to('/slack')).toHaveLength(1);
    expect(slack.title).toBe(title);
    expect(slack.text.length).toBeLessThanOrEqual(SLACK_MAX_TEXT_CHARS);
    expect(isWellFormed(slack.text)).toBe(true);
    const pagerDuty = receiver.to('/pagerduty');
    expect(pagerDuty).toHaveLength(1);
    expect(pagerDuty[0].body).toMatchObject({ event_action: 'trigger', payload: { severity: 'critical', source: expect.any(String) } });
    expect(JSON.stringify(pagerDuty[0].body).length).toBeLessThan(64 * 1024);
  });

  it('sends what it cannot read as plain text: the message itself, under the subject', async () => {
    // Act
    await publishAlert('{"nested": [[["a"]]], "foo": 1}', 'warning');
    await publishAlert('', 'info');

    // Assess
    expect(receiver.to('/slack').map((request) => [request.body.attachments[0].title, request.body.attachments[0].text])).toEqual([
      ['Subject line', '{"nested": [[["a"]]], "foo": 1}'],
      ['Subject line', ''],
    ]);
    expect(receiver.to('/pagerduty')).toHaveLength(0);
  });

  it('keeps what a composite alarm names as its children, whatever its shape, and cuts deep nesting', async () => {
    // Act
    await publishAlert(composite('agent-error-rate'));
    await publishAlert(composite([null, { Arn: 'arn:aws:cloudwatch:us-east-1:1:alarm:agent-latency-p99', State: { Value: 'ALARM' } }]));
    await publishAlert(`{"title":"deep","nested":${nested(DEPTH)}}`);

    // Assess
    const details = receiver.to('/pagerduty').map((request) => request.body.payload.custom_details);
    expect(details[0].triggeringChildren).toEqual(['agent-error-rate']);
    expect(details[1].triggeringChildren).toEqual(['null', 'agent-latency-p99: ALARM']);
    expect(JSON.stringify(details[2].nested)).toBe(`${'['.repeat(7)}"${DEEPER_VALUE}"${']'.repeat(7)}`);
  });

  it('retries and dead-letters a PagerDuty that answers 500 every time on its own: Slack posts exactly once', async () => {
    // Prepare
    receiver.plan('/pagerduty', [], 500);

    // Act
    const published = await publishAlert(alarmMessage());

    // Assess
    expect(receiver.to('/slack')).toHaveLength(1);
    expect(receiver.to('/pagerduty')).toHaveLength(3 * 3);
    expect(published.invocations).toEqual({ [slackFunction]: 1, [pagerDutyFunction]: 3 });
    expect(published.deadLetters).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ functionArn: pagerDutyFunction, approximateInvokeCount: 3 }),
        responsePayload: { errorMessage: expect.stringMatching(/^alert delivery failed for 1 target\(s\): pagerduty: .*HTTP 500/) },
      }),
    ]);
  });

  it('retries and dead-letters a Slack that answers 500 every time on its own: PagerDuty is triggered exactly once', async () => {
    // Prepare
    receiver.plan('/slack', [], 500);

    // Act
    const published = await publishAlert(`{"title":"deep","nested":${nested(DEPTH)}}`);

    // Assess
    expect(receiver.to('/pagerduty')).toHaveLength(1);
    expect(receiver.to('/slack')).toHaveLength(3 * 3);
    expect(published.deadLetters.map((letter) => [letter.requestContext.functionArn, letter.responsePayload.errorMessage])).toEqual([
      [slackFunction, expect.stringContaining('alert delivery failed for 1 target(s): slack: ')],
    ]);
  });
});
