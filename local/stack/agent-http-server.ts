import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import type { AgentHandler } from '../../functions/agent/create-handler';
import type { HttpReply } from '../../functions/agent/reply';
import type { LambdaMetricsRecorder } from '../lambda/lambda-metrics-recorder';
import { routeMatches, type LocalRoute } from './routes';

/** The local stand-in of the agent's Function URL. */
export interface AgentHttpServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The Lambda service's view of the local agent: its AWS/Lambda metrics and its timeout. */
export interface LocalLambda {
  readonly recorder: LambdaMetricsRecorder;
  /** The function timeout: a reply that has not come by then is a Lambda error (Task timed out). */
  readonly timeoutMs: number;
  /**
   * Request ids of invocations that timed out. In Lambda their sandbox is frozen and whatever
   * they write later never arrives; locally the handler runs on, so its EMF must be dropped
   * (`dropsLateEmf`).
   */
  readonly timedOut: Set<string>;
}

/** Whether an EMF line is the late document of an invocation that already timed out (and forgets that id). */
export function dropsLateEmf(lambda: LocalLambda, line: string): boolean {
  if (lambda.timedOut.size === 0) return false;
  for (const requestId of lambda.timedOut) {
    if (line.includes(`"requestId":${JSON.stringify(requestId)}`)) {
      lambda.timedOut.delete(requestId);
      return true;
    }
  }
  return false;
}

/** Bodies past this are cut off before the handler sees them; it refuses them as too large. */
const READ_LIMIT_BYTES = 6 * 1024 * 1024;

/**
 * Serves the agent handler over HTTP on localhost the way a Lambda Function URL does: every
 * request becomes a payload-v2 event (method, path, headers, body, base64 flag) and the
 * handler's HTTP reply is sent back as is.
 */
export async function startAgentHttpServer(
  handler: AgentHandler,
  options: { port?: number; host?: string; functionName?: string; lambda?: LocalLambda; routes?: readonly LocalRoute[] } = {},
): Promise<AgentHttpServer> {
  const functionName = options.lambda?.recorder.functionName ?? options.functionName ?? 'agent-local';
  const agent = asLambda(handler, options.lambda);
  const server: Server = createServer((request, response) => {
    const route = options.routes?.find((candidate) => routeMatches(candidate, request.method, request.url));
    if (route) void serveRoute(route, request, response);
    else void serve(agent, request, response, functionName);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(handler: AgentHandler, request: IncomingMessage, response: ServerResponse, functionName: string): Promise<void> {
  try {
    const body = await readBody(request);
    const requestId = randomUUID();
    const event = {
      version: '2.0',
      rawPath: request.url ?? '/',
      headers: request.headers,
      isBase64Encoded: true,
      body: body.toString('base64'),
      requestContext: { requestId, http: { method: request.method ?? 'GET', path: request.url ?? '/' } },
    };
    const reply = (await handler(event, localContext(requestId, functionName))) as HttpReply;
    response.writeHead(reply.statusCode, reply.headers);
    response.end(reply.body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { category: 'unknown_error', message: `local server: ${(error as Error).message}` } }));
  }
}

async function serveRoute(route: LocalRoute, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    await route.serve(request, response);
  } catch (error) {
    if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`local stack: ${request.url} failed: ${(error as Error).message}`);
  }
}

/**
 * The handler as Lambda runs it: one invocation per request, counted in the function's
 * AWS/Lambda metrics; a handler that throws, or whose reply has not come by the function
 * timeout, is a Lambda error (the caller gets the 502 a Function URL sends for a function error).
 */
function asLambda(handler: AgentHandler, lambda: LocalLambda | undefined): AgentHandler {
  if (!lambda) return handler;
  return async (event, context) => {
    const startMs = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Error(`Task timed out after ${(lambda.timeoutMs / 1000).toFixed(2)} seconds`);
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeout), lambda.timeoutMs);
    });
    let failed = true;
    try {
      const reply = await Promise.race([handler(event, context), timedOut]);
      failed = false;
      return reply;
    } catch (error) {
      if (error === timeout) lambda.timedOut.add(context.awsRequestId);
      return functionErrorReply(error);
    } finally {
      clearTimeout(timer);
      lambda.recorder.invocation({ startMs, durationMs: Date.now() - startMs, failed });
    }
  };
}

/** What a Function URL answers when the function fails: HTTP 502, no agent reply. */
function functionErrorReply(error: unknown): HttpReply {
  return {
    statusCode: 502,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: { category: 'unknown_error', message: `the function failed: ${(error as Error).message}` } }),
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= READ_LIMIT_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function localContext(requestId: string, functionName: string): Context {
  return {
    awsRequestId: requestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
