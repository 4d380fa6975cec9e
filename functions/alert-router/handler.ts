import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SNSEvent } from 'aws-lambda';
import { getBoundedSecret } from '../shared/aws/bounded-client';
import { loadRouterConfig } from './config';
import { createAlertRouter, type RoutedAlert } from './router';
import { TARGET_CACHE_SECONDS, type SecretReader } from './targets';

/**
 * The alert router's entry point, subscribed to the critical, warning and info topics.
 * Configuration is read once per execution environment; targets are read from Secrets
 * Manager and cached for TARGET_CACHE_SECONDS.
 */
const config = loadRouterConfig(process.env);
const logger = new Logger({ serviceName: config.serviceName });

const readSecret: SecretReader = async (secretId) => {
  const value = await getBoundedSecret(secretId, TARGET_CACHE_SECONDS);
  return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value;
};

const route = createAlertRouter({ config, readSecret, logger });

export async function handler(event: SNSEvent, context: Context): Promise<RoutedAlert[]> {
  logger.addContext(context);
  return route(event);
}
