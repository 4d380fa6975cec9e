import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';

/**
 * How long one AWS call may take, per attempt. The SDK's own defaults let a stopped (not dead)
 * endpoint hold a call for minutes: its request timeout only logs a warning unless
 * `throwOnRequestTimeout` is set, and its socket timeout is the service default. A store or API
 * that hangs must instead fail fast enough for the caller's deadline (fail-open budget, counted
 * capture, a judge run that ends), inside the Lambda timeout, so the request's metrics are written.
 */
export const AWS_CALL_LIMITS = {
  /** TCP connection established. */
  connectionTimeoutMs: 1_000,
  /** The whole request, reply included: past it the call fails with a TimeoutError. */
  requestTimeoutMs: 2_000,
  /** No byte received on the socket. */
  socketTimeoutMs: 2_000,
  /** Attempts per call, the first included (the SDK backs off between them). */
  maxAttempts: 2,
} as const;

/** The NodeHttpHandler options (@smithy/node-http-handler) that make every attempt fail within bounded time. */
export interface BoundedRequestHandlerOptions {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  readonly socketTimeout: number;
  readonly throwOnRequestTimeout: true;
}

/** Client settings shared by every AWS client of every function. */
export interface BoundedClientConfig {
  readonly maxAttempts: number;
  readonly requestHandler: BoundedRequestHandlerOptions;
}

/**
 * The settings to build every AWS SDK client with, so that no call outlives
 * maxAttempts × requestTimeoutMs plus the SDK's backoff (about 4.1 s). Endpoints still come
 * from `AWS_ENDPOINT_URL_<SERVICE>`.
 *
 * @example
 * const cloudwatch = new CloudWatchClient(boundedClientConfig());
 * // per call, a caller's deadline bounds it further:
 * await doc.send(command, { abortSignal: AbortSignal.timeout(remainingMs) });
 */
export function boundedClientConfig(): BoundedClientConfig {
  return {
    maxAttempts: AWS_CALL_LIMITS.maxAttempts,
    requestHandler: {
      connectionTimeout: AWS_CALL_LIMITS.connectionTimeoutMs,
      requestTimeout: AWS_CALL_LIMITS.requestTimeoutMs,
      socketTimeout: AWS_CALL_LIMITS.socketTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
}

let secretsProvider: SecretsProvider | undefined;

/**
 * A secret's value through one Powertools SecretsProvider whose Secrets Manager client is
 * bounded like every other client (Powertools' `getSecret` builds its own, unbounded one);
 * values are cached `maxAgeSeconds`.
 */
export async function getBoundedSecret(secretId: string, maxAgeSeconds: number): Promise<string | Uint8Array | undefined> {
  secretsProvider ??= new SecretsProvider({ clientConfig: boundedClientConfig() });
  return secretsProvider.get(secretId, { maxAge: maxAgeSeconds });
}
