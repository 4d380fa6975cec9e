import { finished, type Readable } from 'node:stream';
import type { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';

/** The two request handlers of @smithy/node-http-handler that a Bedrock client may use. */
export type NodeRequestHandler = NodeHttp2Handler | NodeHttpHandler;
type HandlerRequest = Parameters<NodeRequestHandler['handle']>[0];
type HandlerOptions = NonNullable<Parameters<NodeRequestHandler['handle']>[1]> & { readonly isEventStream?: boolean };
type HandlerResult = Awaited<ReturnType<NodeRequestHandler['handle']>>;

/**
 * The error an attempt fails with when it passes its deadline. It reads like the SDK's own
 * request timeout (`TimeoutError`, code `ETIMEDOUT`), so the SDK retries it and
 * `classifyError` files it under `timeout`.
 */
export function attemptDeadlineError(deadlineMs: number): Error {
  return Object.assign(new Error(`no complete reply within the request timeout of ${deadlineMs} ms (LLM_TIMEOUT_MS)`), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
  });
}

/**
 * A request handler that gives every attempt a hard deadline, around one of Smithy's Node
 * handlers. The handlers' own timers are idle timers: NodeHttp2Handler's `requestTimeout` is
 * the stream's inactivity timeout (it ignores `throwOnRequestTimeout` and has no connection or
 * socket timeout), and NodeHttpHandler stops its request timer once the reply's headers arrive.
 * An endpoint that sends headers and then trickles its body holds either of them for ever.
 *
 * Here each attempt (the SDK calls `handle` once per attempt) aborts at `deadlineMs` after it
 * started, reply body included, and fails with {@link attemptDeadlineError}. An event stream
 * (ConverseStream) is bounded only until its headers arrive; its events may then flow for as
 * long as the stream stays active. A caller's `abortSignal` still aborts the attempt as before.
 *
 * @example
 * new BedrockRuntimeClient({ requestHandler: new AttemptDeadlineHandler(new NodeHttp2Handler(), 20_000) });
 */
export class AttemptDeadlineHandler {
  constructor(
    private readonly inner: NodeRequestHandler,
    private readonly deadlineMs: number,
  ) {}

  /** The wrapped handler's protocol (`h2` or `http/1.1`): the SDK reads it. */
  get metadata(): NodeRequestHandler['metadata'] {
    return this.inner.metadata;
  }

  /** Sends one attempt through the wrapped handler, failed with a TimeoutError once `deadlineMs` has passed. */
  async handle(request: HandlerRequest, options: HandlerOptions = {}): Promise<HandlerResult> {
    const attempt = new AbortController();
    const stopFollowing = followAbort(options.abortSignal, attempt);
    let expired: Error | undefined;
    let body: Readable | undefined;
    const timer = setTimeout(() => {
      expired = attemptDeadlineError(this.deadlineMs);
      body?.destroy(expired);
      attempt.abort(expired);
    }, this.deadlineMs);
    const settle = () => {
      clearTimeout(timer);
      stopFollowing();
    };
    try {
      const result = await this.inner.handle(request, { ...options, abortSignal: attempt.signal as HandlerOptions['abortSignal'] });
      const replyBody = result.response.body as unknown;
      if (!options.isEventStream && isReadable(replyBody) && !replyBody.readableEnded) {
        body = replyBody;
        finished(replyBody, settle);
      } else {
        settle();
      }
      return result;
    } catch (error) {
      settle();
      throw expired ?? error;
    }
  }

  /** Passes the SDK's handler settings on to the wrapped handler. */
  updateHttpClientConfig(...args: Parameters<NodeRequestHandler['updateHttpClientConfig']>): void {
    (this.inner.updateHttpClientConfig as (...a: typeof args) => void)(...args);
  }

  /** The wrapped handler's settings. */
  httpHandlerConfigs(): ReturnType<NodeRequestHandler['httpHandlerConfigs']> {
    return this.inner.httpHandlerConfigs();
  }

  /** Closes the wrapped handler's connections (called by `client.destroy()`). */
  destroy(): void {
    this.inner.destroy();
  }
}

type CallerSignal = HandlerOptions['abortSignal'];

function followAbort(signal: CallerSignal, attempt: AbortController): () => void {
  if (!signal) return () => undefined;
  const reason = () => (signal as { reason?: unknown }).reason;
  if (signal.aborted) {
    attempt.abort(reason());
    return () => undefined;
  }
  const onAbort = () => attempt.abort(reason());
  const target = signal as unknown as Partial<EventTarget>;
  if (typeof target.addEventListener === 'function') {
    target.addEventListener('abort', onAbort, { once: true });
    return () => target.removeEventListener?.('abort', onAbort);
  }
  signal.onabort = onAbort;
  return () => {
    if (signal.onabort === onAbort) signal.onabort = null;
  };
}

function isReadable(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof (value as Readable).destroy === 'function' && typeof (value as Readable).on === 'function';
}
