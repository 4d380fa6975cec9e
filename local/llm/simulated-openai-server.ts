import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sendGzipBomb, sendRedirect } from './reply-faults';
import { estimateUsage, SIMULATED_MODELS, simulatedModel } from './simulated-model';
import { PendingSleeps } from './pending-sleeps';
import { parseJson, readBody } from './request-body';

export { estimateUsage, sampleFromSchema, SIMULATED_MODELS, simulatedModel } from './simulated-model';

/** One HTTP request the server received; `body` is the parsed JSON, or the raw text when it is not JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * What the server answers to one chat-completions request.
 *
 * - `completion`: a 200 ChatCompletion (tool calls make `finish_reason` `tool_calls`). `model`
 *   overrides the model name in the reply (a proxy's own names); `usage` sets the reported
 *   figures whatever the request's `max_completion_tokens` (a provider ignoring the cap), and
 *   `null` leaves `usage` out of the reply; without it the usage is estimated from the text.
 * - `status`: an HTTP error, with an OpenAI-style `{ error: { message, type, code } }` body by default.
 * - `hang`: never answers (the client times out); `close()` still returns promptly.
 * - `reset`: destroys the socket without answering.
 * - `malformed`: a 200 `application/json` reply whose body is not JSON.
 * - `delay`: waits `ms`, then answers `then`.
 * - `gzip-bomb`: a gzip-encoded 200 completion that expands to `decodedBytes`.
 * - `redirect`: a redirect (307 by default) to `location`.
 */
export type FakeReply =
  | {
      kind: 'completion';
      content?: string | null;
      toolCalls?: { name: string; arguments: string; id?: string }[];
      model?: string;
      usage?: { promptTokens: number; completionTokens: number; cachedTokens?: number } | null;
      finishReason?: string;
    }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'delay'; ms: number; then: FakeReply }
  | { kind: 'gzip-bomb'; decodedBytes: number }
  | { kind: 'redirect'; location: string; status?: number };

/** Chooses the reply to a chat-completions request. */
export type Responder = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/** A running simulated OpenAI-compatible server. */
export interface SimulatedOpenAIServer {
  /** Base URL for the OpenAI client or `OPENAI_BASE_URL`, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues one-shot replies, used (first in, first out) before the responder. */
  enqueue(...replies: FakeReply[]): void;
  /** Replaces the responder used once the queue is empty. */
  setResponder(responder: Responder): void;
  /** Stops listening and destroys every open socket, hung requests included. */
  close(): Promise<void>;
}

/** Options of {@link startSimulatedOpenAI}. */
export interface SimulatedOpenAIOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default simulatedModel */
  readonly responder?: Responder;
  /** Delay added before every answer. @default 0 */
  readonly latencyMs?: number;
}

const ERROR_STYLES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Access denied.' },
  404: { type: 'invalid_request_error', code: 'not_found', message: 'The requested resource does not exist.' },
  422: { type: 'invalid_request_error', code: null, message: 'Unprocessable request.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again later.' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' },
};

/** The default OpenAI-style error body for an HTTP status. */
export function openAIErrorBody(status: number, message?: string): { error: { message: string; type: string; code: string | null } } {
  const style = ERROR_STYLES[status] ?? { type: 'server_error', code: null, message: `The server had an error (HTTP ${status}).` };
  return { error: { message: message ?? style.message, type: style.type, code: style.code } };
}

/**
 * Starts an HTTP server that speaks enough of the OpenAI API for the `openai` SDK:
 * `POST /v1/chat/completions` and `GET /v1/models`. It serves as the local model for
 * `npm start` and as a fault-injecting server in tests.
 *
 * @example
 * const server = await startSimulatedOpenAI();
 * const client = new OpenAI({ baseURL: server.baseUrl, apiKey: 'test', maxRetries: 0 });
 * server.enqueue({ kind: 'status', status: 429 });
 * await client.chat.completions.create({ model: 'gpt-4o-mini', messages }); // throws RateLimitError
 * await server.close();
 */
export async function startSimulatedOpenAI(options: SimulatedOpenAIOptions = {}): Promise<SimulatedOpenAIServer> {
  const state = new ServerState(options.responder ?? simulatedModel, options.latencyMs ?? 0);
  const server = createServer((req, res) => void state.handle(req, res));
  server.on('connection', (socket) => state.track(socket));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    baseUrl: `http://${hostInUrl}:${port}/v1`,
    requests: state.requests,
    enqueue: (...replies) => state.queue.push(...replies),
    setResponder: (responder) => {
      state.responder = responder;
    },
    close: () => state.close(server),
  };
}

class ServerState {
  readonly requests: RecordedRequest[] = [];
  readonly queue: FakeReply[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly sleeps = new PendingSleeps();
  private closed = false;
  private completions = 0;

  constructor(
    public responder: Responder,
    private readonly latencyMs: number,
  ) {}

  track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  async close(server: ReturnType<typeof createServer>): Promise<void> {
    this.closed = true;
    this.sleeps.releaseAll();
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await stopped;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      headers: { ...req.headers },
      body: parseJson(raw),
    };
    this.requests.push(request);
    await this.sleeps.sleep(this.latencyMs);
    if (this.closed) return;
    try {
      await this.route(request, raw, res);
    } catch (error) {
      const message = `Simulated responder failed: ${error instanceof Error ? error.message : String(error)}`;
      if (!res.headersSent) sendJson(res, 500, openAIErrorBody(500, message));
    }
  }

  private async route(request: RecordedRequest, raw: string, res: ServerResponse): Promise<void> {
    const path = request.path.replace(/^\/v1(?=\/)/, '');
    if (request.method === 'GET' && path === '/models') return sendJson(res, 200, modelList());
    if (request.method === 'POST' && path === '/chat/completions') {
      const problem = requestProblem(request.body, raw);
      if (problem) return sendJson(res, 400, openAIErrorBody(400, problem));
      const reply = this.queue.shift() ?? (await this.responder(request));
      return this.answer(reply, request, res);
    }
    sendJson(res, 404, openAIErrorBody(404, `Unknown request URL: ${request.method} ${request.path}.`));
  }

  private async answer(reply: FakeReply, request: RecordedRequest, res: ServerResponse): Promise<void> {
    if (this.closed) return;
    switch (reply.kind) {
      case 'completion':
        return sendJson(res, 200, this.completion(reply, request.body));
      case 'status':
        return sendStatus(res, reply);
      case 'hang':
        return;
      case 'reset':
        res.socket?.destroy();
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-broken", "object": "chat.completion", "choices": [');
        return;
      case 'delay':
        await this.sleeps.sleep(reply.ms);
        return this.answer(reply.then, request, res);
      case 'gzip-bomb':
        return sendGzipBomb(res, reply.decodedBytes);
      case 'redirect':
        return sendRedirect(res, reply.location, reply.status);
    }
  }

  private completion(reply: Extract<FakeReply, { kind: 'completion' }>, body: any): object {
    const sequence = ++this.completions;
    const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
      id: call.id ?? `call_sim_${sequence}_${index + 1}`,
      type: 'function' as const,
      function: { name: call.name, arguments: call.arguments },
    }));
    const content = reply.content === undefined ? (toolCalls.length > 0 ? null : '') : reply.content;
    const usage = reply.usage ?? estimateUsage(body, { content, toolCalls: reply.toolCalls });
    const reported = reply.usage === null ? {} : { usage: usageBody(usage, reply.usage?.cachedTokens) };
    return {
      id: `chatcmpl-sim-${sequence}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: reply.model ?? (typeof body?.model === 'string' ? body.model : SIMULATED_MODELS[0]),
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
          logprobs: null,
          finish_reason: reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
        },
      ],
      ...reported,
    };
  }

}

function usageBody(usage: { promptTokens: number; completionTokens: number }, cachedTokens = 0): object {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens },
  };
}

function requestProblem(body: unknown, raw: string): string | undefined {
  if (!raw) return 'The request body is empty.';
  if (typeof body !== 'object' || body === null) return 'We could not parse the JSON body of your request.';
  const messages = (body as { messages?: unknown }).messages;
  if (!Array.isArray(messages) || messages.length === 0) return "'messages' is a required property and must be a non-empty array.";
  return undefined;
}

function modelList(): object {
  const created = Math.floor(Date.now() / 1000);
  return { object: 'list', data: SIMULATED_MODELS.map((id) => ({ id, object: 'model', created, owned_by: 'simulated' })) };
}

function sendStatus(res: ServerResponse, reply: Extract<FakeReply, { kind: 'status' }>): void {
  const body = reply.body ?? openAIErrorBody(reply.status);
  if (typeof body === 'string') {
    res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
    res.end(body);
    return;
  }
  sendJson(res, reply.status, body, reply.headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_sim_${randomUUID()}`, ...headers });
  res.end(JSON.stringify(body));
}


