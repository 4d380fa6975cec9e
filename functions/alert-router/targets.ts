/** Reads a secret's string value (Powertools `getSecret`, cached, in the Lambda). */
export type SecretReader = (secretId: string) => Promise<string | undefined>;

/** How long a target read from Secrets Manager is cached before it is read again. */
export const TARGET_CACHE_SECONDS = 300;

const SLACK_URL_FIELDS = ['url', 'webhookUrl', 'webhook_url', 'SLACK_WEBHOOK_URL'];
const ROUTING_KEY_FIELDS = ['routingKey', 'routing_key', 'integrationKey', 'PAGERDUTY_ROUTING_KEY'];

/**
 * The Slack incoming-webhook URL held by a secret: the bare URL, or JSON with `url` /
 * `webhookUrl`. Throws, naming the secret, when it holds none.
 */
export async function slackWebhookUrl(secretId: string, readSecret: SecretReader): Promise<string> {
  const url = secretValue(await readSecret(secretId), SLACK_URL_FIELDS);
  if (!url || !/^https?:\/\//.test(url)) {
    throw new Error(`secret ${secretId} holds no Slack webhook URL (expected the URL, or JSON with "url")`);
  }
  return url;
}

/**
 * The PagerDuty Events API v2 routing key held by a secret: the bare key, or JSON with
 * `routingKey`. Throws, naming the secret, when it holds none.
 */
export async function pagerDutyRoutingKey(secretId: string, readSecret: SecretReader): Promise<string> {
  const key = secretValue(await readSecret(secretId), ROUTING_KEY_FIELDS);
  if (!key) throw new Error(`secret ${secretId} holds no PagerDuty routing key (expected the key, or JSON with "routingKey")`);
  return key;
}

function secretValue(secret: string | undefined, fields: readonly string[]): string | undefined {
  const text = secret?.trim();
  if (!text) return undefined;
  if (!text.startsWith('{')) return text;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const value = fields.map((field) => parsed[field]).find((candidate) => typeof candidate === 'string' && candidate.trim());
    return typeof value === 'string' ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}
