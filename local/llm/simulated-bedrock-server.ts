import { type BedrockError, sendBedrockError, sendJson, sendMalformed } from './converse-faults';
import { cutToMaxTokens, estimateConverseUsage, simulatedConverseModel } from './converse-model';
import type { ConverseReply, ConverseResponder, ConverseUsage, RecordedBedrockRequest } from './converse-reply';
import { converseProblem } from './converse-validation';
import { type AnyRequest, type AnyResponse, listenDualProtocol } from './dual-protocol-server';
import { PendingSleeps } from './pending-sleeps';
import { parseJson, readBody } from './request-body';

export { BEDROCK_EXCEPTIONS, type BedrockError, type BedrockExceptionName } from './converse-faults';
export { simulatedConverseModel } from './converse-model';
export type { ConverseReply, ConverseResponder, ConverseUsage, RecordedBedrockRequest, ToolUseReply } from './converse-reply';

/** A running Bedrock Runtime `Converse` stand-in. */
export interface SimulatedBedrockServer {
  /** Endpoint for the client's `endpoint` option or `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, e.g. `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** Every request received, in order. */
  readonly requests: RecordedBedrockRequest[];
  /** Queues one-shot replies, used (first in, first out) before the responder. */
  enqueue(...replies: ConverseReply[]): void;
  /** Replaces the responder used once the queue is empty. */
  respondWith(responder: ConverseResponder): void;
  /** The same as {@link SimulatedBedrockServer.respondWith}, named as on the OpenAI stand-in. */
  setResponder(responder: ConverseResponder): void;
  /** Stops listening and destroys every connection, hung requests and HTTP/2 sessions included. */
  close(): Promise<void>;
}

/** Options of {@link startSimulatedBedrock}. */
export interface SimulatedBedrockOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default simulatedConverseModel */
  readonly responder?: ConverseResponder;
  /** Delay added before every answer. @default 0 */
  readonly latencyMs?: number;
}

const CONVERSE_PATH = /^\/model\/([^/]+)\/converse$/;
const MODEL_PATH = /^\/model\/([^/]+)\//;

/**
 * Starts a local stand-in for Amazon Bedrock Runtime's `Converse` API (REST-JSON, SigV4 headers
 * accepted unchecked), answering the SDK's default HTTP/2 handler and `NodeHttpHandler`
 * (HTTP/1.1) on the same port. It answers with the simulated model and injects faults: every
 * Bedrock exception, hangs, resets, malformed bodies, delays and odd replies.
 *
 * @example
 * const bedrock = await startSimulatedBedrock();
 * process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = bedrock.endpoint;
 * bedrock.enqueue({ kind: 'error', name: 'ThrottlingException' });
 * await new BedrockRuntimeClient({ region: 'us-east-1' }).send(new ConverseCommand({ modelId, messages })); // throws ThrottlingException
 * await bedrock.close();
 */
export async function startSimulatedBedrock(options: SimulatedBedrockOptions = {}): Promise<SimulatedBedrockServer> {
  const state = new BedrockState(options.responder ?? simulatedConverseModel, options.latencyMs ?? 0);
  const host = options.host ?? '127.0.0.1';
  const server = await listenDualProtocol((req, res) => void state.handle(req, res), { port: options.port ?? 0, host });
  state.destroyConnection = (req) => server.destroyConnection(req);
  const respondWith = (responder: ConverseResponder) => {
    state.responder = responder;
  };
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`,
    requests: state.requests,
    enqueue: (...replies) => state.queue.push(...replies),
    respondWith,
    setResponder: respondWith,
    close: () => state.close(() => server.close()),
  };
}

class BedrockState {
  readonly requests: RecordedBedrockRequest[] = [];
  readonly queue: ConverseReply[] = [];
  destroyConnection: (req: AnyRequest) => void = () => undefined;
  private readonly sleeps = new PendingSleeps();
  private closed = false;
  private replies = 0;

  constructor(
    public responder: ConverseResponder,
    private readonly latencyMs: number,
  ) {}

  async close(stopServer: () => Promise<void>): Promise<void> {
    this.closed = true;
    this.sleeps.releaseAll();
    await stopServer();
  }

  async handle(req: AnyRequest, res: AnyResponse): Promise<void> {
    const started = Date.now();
    const raw = await readBody(req);
    const request = recordOf(req, raw);
    this.requests.push(request);
    await this.sleeps.sleep(this.latencyMs);
    if (this.closed) return;
    try {
      await this.route(request, req, res, started);
    } catch (error) {
      const message = `Simulated responder failed: ${error instanceof Error ? error.message : String(error)}`;
      if (!res.headersSent) sendQuietly(res, { name: 'InternalServerException', message });
    }
  }

  private async route(request: RecordedBedrockRequest, req: AnyRequest, res: AnyResponse, started: number): Promise<void> {
    if (request.method !== 'POST' || !CONVERSE_PATH.test(request.path)) {
      const message = `The stand-in serves only POST /model/{modelId}/converse, not ${request.method} ${request.path}.`;
      return sendBedrockError(res, { name: 'UnknownOperationException', status: 404, message });
    }
    const problem = request.modelId ? converseProblem(request.body) : 'The provided model identifier is invalid.';
    if (problem) return sendBedrockError(res, { name: 'ValidationException', message: problem });
    const reply = this.queue.shift() ?? (await this.responder(request));
    return this.answer(reply, request, req, res, started);
  }

  private async answer(reply: ConverseReply, request: RecordedBedrockRequest, req: AnyRequest, res: AnyResponse, started: number): Promise<void> {
    if (this.closed) return;
    switch (reply.kind) {
      case 'message':
        return sendJson(res, 200, this.converseOutput(reply, request.body, Date.now() - started));
      case 'error':
        return sendBedrockError(res, errorOf(reply));
      case 'hang':
        return;
      case 'reset':
        return this.destroyConnection(req);
      case 'malformed':
        return sendMalformed(res);
      case 'delay':
        await this.sleeps.sleep(reply.ms);
        return this.answer(reply.then, request, req, res, started);
    }
  }

  private converseOutput(reply: Extract<ConverseReply, { kind: 'message' }>, body: any, latencyMs: number): object {
    const sequence = ++this.replies;
    const toolUses = (reply.toolUses ?? []).map((use, index) => ({
      toolUseId: use.toolUseId ?? `tooluse_sim_${sequence}_${index + 1}`,
      name: use.name,
      input: use.input,
    }));
    const fitted = fitToMaxTokens(reply, body);
    const content = [...(fitted.text !== undefined ? [{ text: fitted.text }] : []), ...toolUses.map((toolUse) => ({ toolUse }))];
    const stopReason = reply.stopReason ?? fitted.stopReason ?? (toolUses.length > 0 ? 'tool_use' : 'end_turn');
    return {
      ...(reply.omitOutput ? {} : { output: { message: { role: 'assistant', content } } }),
      stopReason,
      ...(reply.usage === null ? {} : { usage: usageBody(reply.usage ?? fitted.usage) }),
      metrics: { latencyMs },
    };
  }

}

/** The estimated usage of a reply, its text cut (stop reason `max_tokens`) when the estimate passes `inferenceConfig.maxTokens`. */
function fitToMaxTokens(
  reply: Extract<ConverseReply, { kind: 'message' }>,
  body: any,
): { text?: string; usage: ConverseUsage; stopReason?: string } {
  const usage = estimateConverseUsage(body, reply);
  const maxTokens = body?.inferenceConfig?.maxTokens;
  if (reply.usage !== undefined || typeof maxTokens !== 'number' || usage.outputTokens <= maxTokens || reply.text === undefined) {
    return { text: reply.text, usage };
  }
  return { text: cutToMaxTokens(reply.text, maxTokens), usage: { ...usage, outputTokens: maxTokens }, stopReason: 'max_tokens' };
}

/** Sends an error unless the client has gone away meanwhile. */
function sendQuietly(res: AnyResponse, error: BedrockError): void {
  try {
    sendBedrockError(res, error);
  } catch {
    // The stream or socket closed under the reply: nobody is left to answer.
  }
}

function usageBody(usage: ConverseUsage): object {
  const { cacheReadInputTokens, cacheWriteInputTokens } = usage;
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: usage.totalTokens ?? usage.inputTokens + usage.outputTokens,
    ...(cacheReadInputTokens !== undefined ? { cacheReadInputTokens } : {}),
    ...(cacheWriteInputTokens !== undefined ? { cacheWriteInputTokens } : {}),
  };
}

function errorOf(reply: Extract<ConverseReply, { kind: 'error' }>): BedrockError {
  const { kind: _kind, ...error } = reply;
  return error;
}

function recordOf(req: AnyRequest, raw: string): RecordedBedrockRequest {
  const path = (req.url ?? '/').split('?')[0];
  const encodedModel = path.match(MODEL_PATH)?.[1];
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !name.startsWith(':')));
  return {
    method: req.method ?? 'GET',
    path,
    modelId: encodedModel === undefined ? undefined : safeDecode(encodedModel),
    headers,
    body: parseJson(raw),
    protocol: req.httpVersionMajor === 2 ? 'h2' : 'http/1.1',
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}


