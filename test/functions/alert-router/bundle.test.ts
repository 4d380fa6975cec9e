import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DELIVERY_FAILED_MESSAGE } from '../../../functions/alert-router/delivery';
import { AlertRouter } from '../../../lib/constructs/notifications/alert-router';
import { AlertTopics } from '../../../lib/constructs/notifications/alert-topics';
import { secretsManagerHandlers, startAwsStandIn, type AwsStandIn } from '../../support/aws-stand-in';
import { runBundle, type BundleRun } from '../../support/run-bundle';
import { synthConstructs } from '../../support/synth-construct';
import { alarmMessage, driftMessage, snsEvent, snsRecord, TOPIC_ARNS } from './fixtures';
import { startReceiver, type Receiver } from './receiver';

const SLACK_SECRET = 'bundle/slack-webhook';
const PAGERDUTY_SECRET = 'bundle/pagerduty-routing-key';

/** The esbuild bundle `cdk synth` produces for the router, run as Lambda runs it, against local stand-ins. */
describe('the synthesized alert-router bundle', () => {
  let receiver: Receiver;
  let secretsManager: AwsStandIn;
  let bundle: string;
  let filterPattern: string;
  let run: BundleRun;

  beforeAll(async () => {
    const synthesized = synthConstructs((stack) => {
      const alerts = new AlertTopics(stack, 'Alerts');
      return new AlertRouter(stack, 'Router', { topics: alerts.topics, slackWebhookSecretName: SLACK_SECRET, pagerDutyRoutingKeySecretName: PAGERDUTY_SECRET, serviceName: 'bundle-agent' });
    });
    bundle = path.join(synthesized.assetDir('RouterFunction'), 'index.js');
    const [filter] = Object.values(synthesized.template.findResources('AWS::Logs::MetricFilter'));
    filterPattern = filter.Properties.FilterPattern;
    const [fn] = Object.values(synthesized.template.findResources('AWS::Lambda::Function'));
    const deployed = fn.Properties.Environment.Variables as Record<string, unknown>;

    receiver = await startReceiver();
    receiver.plan('/slack', [200, 500, 200], 500);
    secretsManager = await startAwsStandIn(secretsManagerHandlers({ [SLACK_SECRET]: `${receiver.url}/slack/hook`, [PAGERDUTY_SECRET]: 'bundle-routing-key' }));
    run = await runBundle(
      bundle,
      [snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)), snsEvent(snsRecord(driftMessage('drifting'), TOPIC_ARNS.warning)), snsEvent(snsRecord('still down', TOPIC_ARNS.info, { Subject: undefined }))],
      {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
        AWS_LAMBDA_FUNCTION_NAME: 'alert-router',
        POWERTOOLS_SERVICE_NAME: String(deployed.POWERTOOLS_SERVICE_NAME),
        SLACK_WEBHOOK_SECRET_ID: String(deployed.SLACK_WEBHOOK_SECRET_ID),
        PAGERDUTY_ROUTING_KEY_SECRET_ID: String(deployed.PAGERDUTY_ROUTING_KEY_SECRET_ID),
        PAGERDUTY_EVENTS_URL: `${receiver.url}/pagerduty`,
        ALERT_RETRY_BASE_DELAY_MS: '10',
        ALERT_TOPIC_ARN_CRITICAL: TOPIC_ARNS.critical,
        ALERT_TOPIC_ARN_WARNING: TOPIC_ARNS.warning,
        ALERT_TOPIC_ARN_INFO: TOPIC_ARNS.info,
      },
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all([receiver?.close(), secretsManager?.close()]);
  });

  it('is a minified CommonJS file that loads without error', () => {
    // Assess
    expect(existsSync(bundle)).toBe(true);
    expect(statSync(bundle).size).toBeLessThan(300 * 1024);
    expect(run.results.every((result) => result.initError === undefined)).toBe(true);
  });

  it('delivers the critical alarm to Slack and PagerDuty, and the warning after one retry', () => {
    // Assess
    expect(run.results[0].ok).toEqual([expect.objectContaining({ delivered: expect.arrayContaining(['slack', 'pagerduty']) })]);
    expect(run.results[1].ok).toEqual([expect.objectContaining({ delivered: ['slack'] })]);
    expect(receiver.to('/pagerduty').map((request) => request.body.event_action)).toEqual(['trigger']);
    expect(receiver.to('/slack').map((request) => request.body.attachments[0].title)).toEqual([
      'ALARM: agent-error-rate',
      'Quality drift: agent',
      'Quality drift: agent',
      'Notification',
      'Notification',
      'Notification',
    ]);
  });

  it('throws when Slack keeps failing, so that the asynchronous retries and the dead-letter queue apply', () => {
    // Assess
    expect(run.results[2].thrown).toMatch(/alert delivery failed for 1 target\(s\): slack/);
  });

  it('logs the failure as structured JSON that the metric filter matches', () => {
    // Prepare: Lambda sends stdout and stderr (where Powertools writes warnings and errors) to the log group
    const lines = [...run.stdout, ...run.stderr.split('\n')].flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });

    // Act
    const failures = lines.filter((line) => line.message === DELIVERY_FAILED_MESSAGE);

    // Assess
    expect(filterPattern).toBe(`{ $.message = "${DELIVERY_FAILED_MESSAGE}" }`);
    expect(failures).toEqual([expect.objectContaining({ level: 'ERROR', service: 'bundle-agent', target: 'slack', attempts: 3 })]);
  });
});
