import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { METRICS } from '../../../lib/catalog/metrics';
import type { ErrorCategory } from '../../../lib/catalog/error-categories';
import { classifyError } from '../errors/classify';
import { EmfWriter, type EmfSink } from './emf-writer';
import { RequestMonitor, type PriceFn } from './request-monitor';

/** Epoch milliseconds, fractional allowed; the simulator passes a virtual clock. */
export type Clock = () => number;

export const systemClock: Clock = () => performance.timeOrigin + performance.now();

/** The structured logger the wrapper reports failures to (Powertools Logger fits). */
export interface MonitoringLogger {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}

/** A failed request as the wrapper classified it. */
export interface RequestFailure {
  readonly requestId: string;
  readonly category: ErrorCategory;
  readonly message: string;
  readonly error: unknown;
}

export interface MonitoringOptions<TResult> {
  /** @default 'AgentMonitoring' */
  readonly namespace: string;
  /** The `service` dimension. */
  readonly serviceName: string;
  /** Prices provider usage; return `undefined` for a model with no price entry. */
  readonly price: PriceFn;
  /**
   * Shapes the reply of a failed request. Without it the error is rethrown after metrics are
   * written, and Lambda counts the invocation as an error too: the availability SLO, which adds
   * AWS/Lambda Errors to the wrapper's failures, then counts that request twice. Give one.
   */
  readonly onError?: (failure: RequestFailure, monitor: RequestMonitor) => TResult;
  /** @default stdout */
  readonly sink?: EmfSink;
  /** @default the system clock */
  readonly clock?: Clock;
  readonly logger?: MonitoringLogger;
  /** The function name on the `ColdStart` metric. @default the Lambda context's functionName */
  readonly functionName?: string;
}

export type MonitoredHandler<TEvent, TResult> = (
  event: TEvent,
  context: Context,
  monitor: RequestMonitor,
) => Promise<TResult>;

/**
 * Wraps any agent handler with the metric contract: one request, its duration, its error
 * category, tokens, cost, tool calls, budget and capture outcomes, written as EMF when the
 * request ends, whether it succeeded or failed. No CloudWatch API call is made.
 *
 * @example
 * export const handler = withMonitoring(async (event, context, monitor) => {
 *   const reply = await client.chat.completions.create({ model: 'gpt-4o-mini', ... });
 *   monitor.recordChatCompletion(reply, 'gpt-4o-mini'); // or recordConverseResponse(reply, modelId) for Bedrock
 *   return reply.choices[0].message.content;
 * }, { namespace: 'AgentMonitoring', serviceName: 'agent', price, onError: (failure) => ({ error: failure.category }) });
 */
export function withMonitoring<TEvent, TResult>(
  handler: MonitoredHandler<TEvent, TResult>,
  options: MonitoringOptions<TResult>,
): (event: TEvent, context: Context) => Promise<TResult> {
  const writer = new EmfWriter({ namespace: options.namespace, serviceName: options.serviceName, sink: options.sink });
  const clock = options.clock ?? systemClock;
  let coldStart = true;

  return async (event, context) => {
    const startedAt = clock();
    const monitor = new RequestMonitor(context?.awsRequestId || randomUUID(), startedAt, options.price);
    if (coldStart) {
      coldStart = false;
      const functionName = options.functionName ?? context?.functionName;
      writer.write({
        timestamp: startedAt,
        dimensionSets: functionName ? [{ function_name: functionName }] : [{}],
        metrics: [[METRICS.coldStart, 1]],
      });
    }
    let failure: RequestFailure | undefined;
    try {
      return await handler(event, context, monitor);
    } catch (error) {
      const { category, message } = classifyError(error);
      failure = { requestId: monitor.requestId, category, message, error };
      options.logger?.[category === 'invalid_input' ? 'info' : 'error']('agent request failed', {
        requestId: monitor.requestId,
        errorCategory: category,
        errorMessage: message,
      });
      if (!options.onError) throw error;
      return options.onError(failure, monitor);
    } finally {
      const endedAt = clock();
      for (const blob of monitor.toBlobs({
        timestamp: endedAt,
        durationMs: endedAt - startedAt,
        errorCategory: failure?.category,
      })) {
        writeSafely(writer, blob, options.logger, monitor.requestId);
      }
    }
  };
}

function writeSafely(
  writer: EmfWriter,
  blob: Parameters<EmfWriter['write']>[0],
  logger: MonitoringLogger | undefined,
  requestId: string,
): void {
  try {
    writer.write(blob);
  } catch (error) {
    logger?.error('could not write metrics', { requestId, error: String(error) });
  }
}
