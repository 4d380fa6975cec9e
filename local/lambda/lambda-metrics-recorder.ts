import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE } from '../../lib/catalog/alarms';
import type { MetricStore, SeriesIdentity } from '../metrics';

/** How one invocation of the function ended, as Lambda sees it. */
export interface InvocationRecord {
  /** Epoch milliseconds the invocation started: Lambda's metrics count it in that minute. */
  readonly startMs: number;
  readonly durationMs: number;
  /** A function error: an uncaught exception, a crash, out of memory, a timeout, a failed init. */
  readonly failed: boolean;
}

/**
 * Writes the AWS/Lambda metrics of one function into a local metric store as the service does:
 * for every request, Invocations, Errors and Throttles (zeros included, so that they are dense
 * with the traffic), and for every invocation its Duration and the ConcurrentExecutions at its
 * start (instances whose invocation had begun and not yet ended; also account-wide, without a
 * dimension, as the only function of this machine's account). A throttled request is no
 * invocation: it counts in Throttles only.
 *
 * @example
 * const lambda = new LambdaMetricsRecorder(store, 'agent-agent');
 * lambda.invocation({ startMs, durationMs: 1200, failed: false });
 * lambda.throttle(startMs);
 */
export class LambdaMetricsRecorder {
  readonly #store: MetricStore;
  readonly #ids: Record<keyof typeof AWS_LAMBDA_METRICS, SeriesIdentity>;
  readonly #accountConcurrency: SeriesIdentity;
  /** End times of the invocations that may still be running. */
  #inFlightEnds: number[] = [];

  constructor(store: MetricStore, readonly functionName: string) {
    this.#store = store;
    const dimensions = { [AWS_LAMBDA_FUNCTION_DIMENSION]: functionName };
    const id = (spec: { name: string }): SeriesIdentity => ({ namespace: AWS_LAMBDA_NAMESPACE, metricName: spec.name, dimensions });
    this.#ids = {
      invocations: id(AWS_LAMBDA_METRICS.invocations),
      errors: id(AWS_LAMBDA_METRICS.errors),
      throttles: id(AWS_LAMBDA_METRICS.throttles),
      duration: id(AWS_LAMBDA_METRICS.duration),
      concurrentExecutions: id(AWS_LAMBDA_METRICS.concurrentExecutions),
    };
    // One function on this machine: the account-wide concurrency (no dimension) is its own.
    this.#accountConcurrency = { namespace: AWS_LAMBDA_NAMESPACE, metricName: AWS_LAMBDA_METRICS.concurrentExecutions.name, dimensions: {} };
  }

  invocation(record: InvocationRecord): void {
    const { startMs, durationMs, failed } = record;
    this.#counts(startMs, 1, failed ? 1 : 0, 0);
    this.#store.addDatapoint(this.#ids.duration, startMs, durationMs, 'Milliseconds');
    this.#inFlightEnds = this.#inFlightEnds.filter((end) => end > startMs);
    this.#inFlightEnds.push(startMs + durationMs);
    this.#store.addDatapoint(this.#ids.concurrentExecutions, startMs, this.#inFlightEnds.length, 'Count');
    this.#store.addDatapoint(this.#accountConcurrency, startMs, this.#inFlightEnds.length, 'Count');
  }

  throttle(atMs: number): void {
    this.#counts(atMs, 0, 0, 1);
  }

  #counts(at: number, invocations: number, errors: number, throttles: number): void {
    this.#store.addDatapoint(this.#ids.invocations, at, invocations, 'Count');
    this.#store.addDatapoint(this.#ids.errors, at, errors, 'Count');
    this.#store.addDatapoint(this.#ids.throttles, at, throttles, 'Count');
  }
}
