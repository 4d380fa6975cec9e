import type { SNSEvent } from 'aws-lambda';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DELIVERY_FAILED_MESSAGE } from '../../../functions/alert-router/delivery';
import { AlertRouter } from '../../../lib/constructs/notifications/alert-router';
import { AlertTopics } from '../../../lib/constructs/notifications/alert-topics';
import { secretsManagerHandlers, startAwsStandIn, type AwsStandIn } from '../../support/aws-stand-in';
import { runBundle } from '../../support/run-bundle';
import { synthConstructs } from '../../support/synth-construct';
import { publish, subscribedFunctions, type Invoke, type SubscribedFunction } from './async-delivery';
import { alarmMessage, driftMessage, snsEvent, snsRecord, TOPIC_ARNS } from './fixtures';
import { startReceiver, type Receiver } from './receiver';

const SLACK_SECRET = 'bundle/slack-webhook';
const PAGERDUTY_SECRET = 'bundle/pagerduty-routing-key';

/** Log lines as Lambda sends them to the log group: stdout and stderr (where Powertools writes warnings and errors). */
function jsonLines(stdout: string[], stderr: string): Record<string, unknown>[] {
  return [...stdout, ...stderr.split('\n')].flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

/** The esbuild bundles `cdk synth` produces for the router's target functions, run as Lambda runs them, wired as the template wires them. */
describe('the synthesized alert-router bundles', () => {
  let receiver: Receiver;
  let secretsManager: AwsStandIn;
  let functions: SubscribedFunction[];
  let bundles: Map<string, string>;
  let filterPatterns: string[];
  let logs: Map<string, Record<string, unknown>[]>;
  let invoke: Invoke;

  function functionWith(variable: string): string {
    return functions.find((fn) => variable in fn.environment)!.logicalId;
  }

  beforeAll(async () => {
    const synthesized = synthConstructs((stack) => {
      const alerts = new AlertTopics(stack, 'Alerts');
      return new AlertRouter(stack, 'Router', { topics: alerts.topics, slackWebhookSecretName: SLACK_SECRET, pagerDutyRoutingKeySecretName: PAGERDUTY_SECRET, serviceName: 'bundle-agent' });
    });
    functions = subscribedFunctions(synthesized.template);
    bundles = new Map(functions.map((fn) => [fn.logicalId, path.join(synthesized.assetDir(fn.logicalId), 'index.js')]));
    filterPatterns = Object.values(synthesized.template.findResources('AWS::Logs::MetricFilter')).map((filter) => filter.Properties.FilterPattern);
    receiver = await startReceiver();
    secretsManager = await startAwsStandIn(secretsManagerHandlers({ [SLACK_SECRET]: `${receiver.url}/slack/hook`, [PAGERDUTY_SECRET]: 'bundle-routing-key' }));
    invoke = async (fn, event: SNSEvent) => {
      const run = await runBundle(bundles.get(fn.logicalId)!, [event], {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
        AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
        PAGERDUTY_EVENTS_URL: `${receiver.url}/pagerduty`,
        ALERT_RETRY_BASE_DELAY_MS: '10',
        ...fn.environment,
      });
      logs.set(fn.logicalId, [...(logs.get(fn.logicalId) ?? []), ...jsonLines(run.stdout, run.stderr)]);
      const [result] = run.results;
      if (result.initError) throw new Error(`${fn.logicalId} failed to load: ${result.initError}`);
      return { thrown: result.thrown };
    };
  }, 120_000);

  beforeEach(() => {
    receiver.reset();
    logs = new Map();
  });

  afterAll(async () => {
    await Promise.all([receiver?.close(), secretsManager?.close()]);
  });

  it('are minified CommonJS files, one function per target', () => {
    // Assess
    expect(functions.map((fn) => fn.severities)).toEqual(expect.arrayContaining([['critical'], expect.arrayContaining(['critical', 'warning', 'info'])]));
    for (const bundle of bundles.values()) {
      expect(existsSync(bundle)).toBe(true);
      expect(statSync(bundle).size).toBeLessThan(300 * 1024);
    }
  });

  it('deliver a critical alarm once to Slack and once to PagerDuty, and a warning to Slack only', async () => {
    // Act
    const critical = await publish(functions, 'critical', snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)), invoke);
    const warning = await publish(functions, 'warning', snsEvent(snsRecord(driftMessage('drifting'), TOPIC_ARNS.warning)), invoke);

    // Assess
    expect([critical.deadLetters, warning.deadLetters]).toEqual([[], []]);
    expect(warning.invocations).toEqual({ [functionWith('SLACK_WEBHOOK_SECRET_ID')]: 1 });
    expect(receiver.to('/slack').map((request) => request.body.attachments[0].title)).toEqual(['ALARM: agent-error-rate', 'Quality drift: agent']);
    expect(receiver.to('/pagerduty').map((request) => [request.body.event_action, request.body.routing_key])).toEqual([['trigger', 'bundle-routing-key']]);
  }, 60_000);

  it('retry and dead-letter a PagerDuty that answers 500 every time on its own, logging each failure for the metric filter: Slack posts once', async () => {
    // Prepare
    receiver.plan('/pagerduty', [], 500);
    const pagerDuty = functionWith('PAGERDUTY_ROUTING_KEY_SECRET_ID');

    // Act
    const published = await publish(functions, 'critical', snsEvent(snsRecord(alarmMessage(), TOPIC_ARNS.critical)), invoke);

    // Assess
    expect(receiver.to('/slack')).toHaveLength(1);
    expect(receiver.to('/pagerduty')).toHaveLength(3 * 3);
    expect(published.deadLetters.map((letter) => [letter.queue, letter.requestContext.functionArn, letter.responsePayload.errorMessage])).toEqual([
      [expect.stringMatching(/^RouterDeadLetters/), pagerDuty, expect.stringMatching(/alert delivery failed for 1 target\(s\): pagerduty: pagerduty: delivery failed after 3 attempt\(s\): HTTP 500/)],
    ]);
    expect(filterPatterns).toEqual([`{ $.message = "${DELIVERY_FAILED_MESSAGE}" }`, `{ $.message = "${DELIVERY_FAILED_MESSAGE}" }`]);
    const failures = (logs.get(pagerDuty) ?? []).filter((line) => line.message === DELIVERY_FAILED_MESSAGE);
    expect(failures).toEqual(Array(3).fill(expect.objectContaining({ level: 'ERROR', service: 'bundle-agent', target: 'pagerduty', attempts: 3 })));
  }, 60_000);
});
