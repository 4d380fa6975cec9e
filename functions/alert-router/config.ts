import { SEVERITIES, type Severity } from './alert';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './delivery';
import { PAGERDUTY_EVENTS_URL } from './pagerduty-payload';
import type { TopicSeverities } from './topic-severity';

/**
 * The router's environment. The AlertRouter construct sets these; a variable left unset
 * turns its target off (Slack, PagerDuty) or keeps the default.
 */
export const ROUTER_ENV = {
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  slackWebhookSecretId: 'SLACK_WEBHOOK_SECRET_ID',
  pagerDutyRoutingKeySecretId: 'PAGERDUTY_ROUTING_KEY_SECRET_ID',
  pagerDutyEventsUrl: 'PAGERDUTY_EVENTS_URL',
  deliveryAttempts: 'ALERT_DELIVERY_ATTEMPTS',
  retryBaseDelayMs: 'ALERT_RETRY_BASE_DELAY_MS',
  httpTimeoutMs: 'ALERT_HTTP_TIMEOUT_MS',
  topicArn: {
    critical: 'ALERT_TOPIC_ARN_CRITICAL',
    warning: 'ALERT_TOPIC_ARN_WARNING',
    info: 'ALERT_TOPIC_ARN_INFO',
  } satisfies Record<Severity, string>,
} as const;

export interface RouterConfig {
  readonly serviceName: string;
  readonly slackWebhookSecretId?: string;
  readonly pagerDutyRoutingKeySecretId?: string;
  readonly pagerDutyEventsUrl: string;
  readonly retry: RetryPolicy;
  readonly topicArns: TopicSeverities;
}

/** Reads the configuration; a malformed setting throws a message naming it. */
export function loadRouterConfig(env: NodeJS.ProcessEnv): RouterConfig {
  const set = (name: string) => env[name]?.trim() || undefined;
  return {
    serviceName: set(ROUTER_ENV.serviceName) ?? 'alert-router',
    slackWebhookSecretId: set(ROUTER_ENV.slackWebhookSecretId),
    pagerDutyRoutingKeySecretId: set(ROUTER_ENV.pagerDutyRoutingKeySecretId),
    pagerDutyEventsUrl: set(ROUTER_ENV.pagerDutyEventsUrl) ?? PAGERDUTY_EVENTS_URL,
    retry: {
      attempts: positiveInteger(ROUTER_ENV.deliveryAttempts, set(ROUTER_ENV.deliveryAttempts), DEFAULT_RETRY_POLICY.attempts),
      baseDelayMs: positiveInteger(ROUTER_ENV.retryBaseDelayMs, set(ROUTER_ENV.retryBaseDelayMs), DEFAULT_RETRY_POLICY.baseDelayMs),
      timeoutMs: positiveInteger(ROUTER_ENV.httpTimeoutMs, set(ROUTER_ENV.httpTimeoutMs), DEFAULT_RETRY_POLICY.timeoutMs),
    },
    topicArns: Object.fromEntries(
      SEVERITIES.flatMap((severity) => {
        const arn = set(ROUTER_ENV.topicArn[severity]);
        return arn ? [[severity, arn]] : [];
      }),
    ),
  };
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return parsed;
}
