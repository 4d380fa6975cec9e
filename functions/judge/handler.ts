import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { loadJudgeConfig } from './config';
import { judgeDepsFromConfig } from './dependencies';
import { runJudge, type JudgeRunSummary } from './judge-run';

/** No new sample is started when less than this (or a fifth of the timeout) is left of the invocation. */
export const DEADLINE_MARGIN_MS = 60_000;

// Configuration is read once per execution environment; a bad setting fails the cold start
// with a message naming it.
const config = loadJudgeConfig();
const logger = new Logger({ serviceName: config.serviceName });
const deps = judgeDepsFromConfig(config, { logger });

/**
 * The judge Lambda's entry point, invoked by its EventBridge schedule (the event is not read).
 * A run whose backlog measurement, drift check or metrics failed ends in an error, so the judge's Lambda error
 * alarm sees it (its scores are stored all the same).
 */
export async function handler(_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<JudgeRunSummary> {
  const remaining = context?.getRemainingTimeInMillis?.();
  const deadline = remaining === undefined ? undefined : Date.now() + Math.max(0, remaining - Math.min(DEADLINE_MARGIN_MS, remaining / 5));
  const summary = await runJudge(deps, deadline);
  logger.info('judge run finished', { ...summary });
  if (summary.errors.length > 0) throw new Error(`judge run finished with errors: ${summary.errors.join('; ')}`);
  return summary;
}
